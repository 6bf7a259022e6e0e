/** The preview reads a bounded prefix, whatever the size of the file, and never cuts a quoted field. */
import {
    csvOptionsFor,
    finding,
    FindingKeys as K,
    PREFIX_INITIAL_CHARS,
    PREFIX_MAX_CHARS,
    previewCsv,
    scanCsv,
} from "../../../ImportMonitor/domain/csv";
import * as papa from "../../../ImportMonitor/domain/csv/papa";

const options = csvOptionsFor({ fielddelimitercode: 2, datadelimitercode: 1, isfirstrowheader: true, filetypecode: 0 });

function contacts(targetChars: number): string {
    const parts = ["First Name,Last Name,Email,City\r\n"];
    let size = parts[0].length;
    for (let i = 0; size < targetChars; i++) {
        const row = `Anna${i},Smith,anna.${i}@example.com,"Paris, FR"\r\n`;
        parts.push(row);
        size += row.length;
    }
    return parts.join("");
}

afterEach(() => jest.restoreAllMocks());

describe("bounded prefix", () => {
    it("previews a 20 MB string from the first 16 KB only", () => {
        const content = contacts(20 * 1024 * 1024);
        expect(content.length).toBeGreaterThanOrEqual(20 * 1024 * 1024);
        const spy = jest.spyOn(papa, "parseSlice");

        const preview = previewCsv(content, options);

        const lengths = spy.mock.calls.map(([text]) => text.length);
        expect(lengths.length).toBeGreaterThan(0);
        // The row read (16 KB), the four delimiter readings and the quote reading of the same rows: never more.
        expect(Math.max(...lengths)).toBeLessThanOrEqual(PREFIX_INITIAL_CHARS);
        expect(preview.charsParsed).toBe(PREFIX_INITIAL_CHARS);
        expect(preview.rows).toHaveLength(20);
        expect(preview.rows[0]).toEqual({ line: 2, fields: ["Anna0", "Smith", "anna.0@example.com", "Paris, FR"] });
        expect(preview.rows[19].line).toBe(21);
        expect(preview.truncated).toBe(true);
        expect(preview.findings).toEqual([]);
    });

    it("grows the prefix four times over while it holds too few rows, and never cuts a quoted field", () => {
        // Rows of ~1.5 KB whose quoted field has line breaks and delimiters: the 16 KB cut falls inside one.
        const notes = (i: number): string => `note ${i}, part 1\nsee "x" , part 2\r\n` + "z".repeat(1500) + `\nend ${i}`;
        const parts = ["Name,Notes,City\n"];
        for (let i = 0; i < 60; i++) parts.push(`Row${i},"${notes(i).replace(/"/g, '""')}",City${i}\n`);
        const content = parts.join("");
        expect(parts.slice(0, 12).join("").length).toBeGreaterThan(PREFIX_INITIAL_CHARS);
        const spy = jest.spyOn(papa, "parseSlice");

        const preview = previewCsv(content, options);

        expect(preview.charsParsed).toBe(4 * PREFIX_INITIAL_CHARS);
        expect(Math.max(...spy.mock.calls.map(([text]) => text.length))).toBeLessThanOrEqual(4 * PREFIX_INITIAL_CHARS);
        expect(preview.rows).toHaveLength(20);
        // Each row spans 4 physical lines: an LF, a CR LF and an LF inside the quoted field.
        preview.rows.forEach((row, i) => expect(row).toEqual({ line: 2 + 4 * i, fields: [`Row${i}`, notes(i), `City${i}`] }));
        expect(preview.findings).toEqual([]);
        expect(preview.truncated).toBe(true);
    });

    it("stops at 4 MB before a row that does not fit, and says so", () => {
        const longRow = "Anna," + "x".repeat(5 * 1024 * 1024);
        const content = `Name,Notes\nBob,short\n${longRow}\nCarl,short\n`;
        const spy = jest.spyOn(papa, "parseSlice");

        const preview = previewCsv(content, options);

        expect(Math.max(...spy.mock.calls.map(([text]) => text.length))).toBe(PREFIX_MAX_CHARS);
        expect(preview.headers).toEqual([
            { kind: "text", columnNumber: 1, text: "Name" },
            { kind: "text", columnNumber: 2, text: "Notes" },
        ]);
        expect(preview.rows).toEqual([{ line: 2, fields: ["Bob", "short"] }]);
        expect(preview.truncated).toBe(true);
        expect(preview.findings).toEqual([finding("warning", K.LineTooLong, [3, 4096], { line: 3, places: [{ line: 3 }] })]);
    });

    it("a header longer than 4 MB: no headers, no rows, the same finding on line 1", () => {
        const content = "H" + ",h".repeat(3 * 1024 * 1024) + "\n1,2\n";
        const preview = previewCsv(content, options);
        expect(preview.headers).toEqual([]);
        expect(preview.rows).toEqual([]);
        expect(preview.truncated).toBe(true);
        expect(preview.findings).toEqual([finding("warning", K.LineTooLong, [1, 4096], { line: 1, places: [{ line: 1 }] })]);
    });

    it("the full scan reads a 5 MB row in a longer slice", async () => {
        const content = `Name,Notes\nBob,short\nAnna,${"x".repeat(5 * 1024 * 1024)}\nCarl,short,extra\n`;
        const result = await scanCsv(content, options, { yieldToHost: () => Promise.resolve() });
        expect(result.rowCount).toBe(3);
        expect(result.firstMismatchedLines).toEqual([4]);
        expect(result.findings).toEqual([finding("error", K.ScanFieldCount, [1, 2, 4], { line: 4, places: [{ line: 4 }] })]);
        expect(result.bytesScanned).toBe(content.length);
    });

    it("the preview's rows setting: 0 rows and 3 rows", () => {
        const content = contacts(4000);
        expect(previewCsv(content, options, { rows: 0 }).rows).toEqual([]);
        expect(previewCsv(content, options, { rows: 0 }).truncated).toBe(true);
        expect(previewCsv(content, options, { rows: 3 }).rows.map((r) => r.line)).toEqual([2, 3, 4]);
    });
});
