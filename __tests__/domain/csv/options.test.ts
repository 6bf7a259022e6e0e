import { csvOptionsFor, finding, FindingKeys as K } from "../../../ImportMonitor/domain/csv";

describe("csvOptionsFor", () => {
    it.each([
        [1, ":"],
        [2, ","],
        [3, "\t"],
        [4, ";"],
    ])("fielddelimitercode %i is %j", (code, delimiter) => {
        const o = csvOptionsFor({ fielddelimitercode: code, datadelimitercode: 1, isfirstrowheader: true, filetypecode: 0 });
        expect(o.delimiter).toBe(delimiter);
        expect(o.delimiterCode).toBe(code);
        expect(o.findings).toEqual([]);
    });

    it.each([
        [1, '"'],
        [2, null],
        [3, "'"],
    ])("datadelimitercode %i is %j", (code, quote) => {
        const o = csvOptionsFor({ fielddelimitercode: 2, datadelimitercode: code, isfirstrowheader: false, filetypecode: 0 });
        expect(o.quoteChar).toBe(quote);
        expect(o.dataDelimiterCode).toBe(code);
        expect(o.firstRowHeader).toBe(false);
        expect(o.findings).toEqual([]);
    });

    it("defaults like the platform and says what it assumed", () => {
        const o = csvOptionsFor({});
        expect(o).toEqual({
            delimiter: ",",
            delimiterCode: 2,
            quoteChar: '"',
            dataDelimiterCode: 1,
            firstRowHeader: true,
            fileType: 0,
            serverHeaderRow: null,
            findings: [
                finding("warning", K.FieldDelimiterUnknown, [""]),
                finding("warning", K.DataDelimiterUnknown, [""]),
                finding("info", K.FirstRowHeaderUnknown),
                finding("info", K.FileTypeUnknown),
            ],
        });
    });

    it("unknown codes", () => {
        const o = csvOptionsFor({ fielddelimitercode: 5, datadelimitercode: 0, isfirstrowheader: true, filetypecode: 7, headerrow: "a,b" });
        expect(o.delimiter).toBe(",");
        expect(o.quoteChar).toBe('"');
        expect(o.fileType).toBe(7);
        expect(o.serverHeaderRow).toBe("a,b");
        expect(o.findings).toEqual([
            finding("warning", K.FieldDelimiterUnknown, [5]),
            finding("warning", K.DataDelimiterUnknown, [0]),
            finding("info", K.FileTypeNotPreviewable, [7]),
        ]);
    });
});
