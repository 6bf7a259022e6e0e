/**
 * The fixture corpus (__tests__/fixtures/csv): each file with the importfile settings it is tested with, and the
 * exact headers, rows (with their physical line numbers) and findings the preview must return.
 */
import { readFileSync } from "fs";
import { join } from "path";
import {
    csvOptionsFor,
    finding,
    FindingKeys as K,
    previewCsv,
    scanCsv,
    type Finding,
    type ImportFileCsvRecord,
} from "../../../ImportMonitor/domain/csv";

const FIXTURES = join(__dirname, "..", "..", "fixtures", "csv");
const read = (file: string): string => readFileSync(join(FIXTURES, file), "utf8");

/** fielddelimitercode (1 : 2 , 3 tab 4 ;), datadelimitercode (1 " 2 none 3 '), isfirstrowheader, filetypecode 0 CSV. */
function rec(field: number | null, data: number | null, firstRowHeader: boolean | null = true, extra: ImportFileCsvRecord = {}): ImportFileCsvRecord {
    return { fielddelimitercode: field, datadelimitercode: data, isfirstrowheader: firstRowHeader, filetypecode: 0, headerrow: null, ...extra };
}
const COMMA_DQ = rec(2, 1);

const E = (key: Finding["key"], args: (string | number)[] = [], where: Parameters<typeof finding>[3] = {}): Finding => finding("error", key, args, where);
const W = (key: Finding["key"], args: (string | number)[] = [], where: Parameters<typeof finding>[3] = {}): Finding => finding("warning", key, args, where);
const I = (key: Finding["key"], args: (string | number)[] = [], where: Parameters<typeof finding>[3] = {}): Finding => finding("info", key, args, where);

interface Case {
    file: string;
    record: ImportFileCsvRecord;
    /** Header texts, or the number of generated "Column n" headers. */
    headers: string[] | { synthetic: number };
    rows: [line: number, fields: string[]][];
    findings: Finding[];
    truncated?: boolean;
}

const CASES: Case[] = [
    // Empty files
    { file: "empty.csv", record: COMMA_DQ, headers: [], rows: [], findings: [E(K.Empty)] },
    { file: "bom-only.csv", record: COMMA_DQ, headers: [], rows: [], findings: [E(K.Empty)] },
    { file: "whitespace-only.csv", record: COMMA_DQ, headers: [], rows: [], findings: [E(K.Empty)] },
    // Encodings and line breaks
    { file: "bom-data.csv", record: COMMA_DQ, headers: ["First Name", "Last Name"], rows: [[2, ["Anna", "Smith"]]], findings: [] },
    {
        file: "crlf.csv",
        record: COMMA_DQ,
        headers: ["First Name", "Last Name", "Email"],
        rows: [
            [2, ["Anna", "Smith", "anna@example.com"]],
            [3, ["Björn", "Müller", "bjorn@example.com"]],
        ],
        findings: [],
    },
    { file: "lone-cr.csv", record: COMMA_DQ, headers: ["Name", "City"], rows: [[2, ["Anna", "Paris"]], [3, ["Bob", "Oslo"]]], findings: [] },
    {
        file: "lf-no-final-newline.csv",
        record: COMMA_DQ,
        headers: ["Name", "City"],
        rows: [[2, ["Anna", "Paris"]], [3, ["Bob", "Oslo"]]],
        findings: [],
    },
    // Quoting
    {
        file: "quoted-newlines.csv",
        record: COMMA_DQ,
        headers: ["Name", "Notes", "City"],
        rows: [
            [2, ["Anna", "line one\nline two\nline three", "Paris"]],
            [5, ["Bob", "plain", "Oslo"]],
        ],
        findings: [],
    },
    {
        file: "quoted-newlines-excel.csv",
        record: COMMA_DQ,
        headers: ["Name", "Notes"],
        rows: [[2, ["Anna", "first\nsecond"]], [4, ["Bob", "third"]]],
        findings: [],
    },
    {
        file: "quoted-delimiters.csv",
        record: COMMA_DQ,
        headers: ["Name", "Address"],
        rows: [[2, ["Anna", "1 Main St, Suite 4"]], [3, ["Bob", "2 High St, Flat 1"]]],
        findings: [],
    },
    {
        file: "doubled-quotes.csv",
        record: COMMA_DQ,
        headers: ["Name", "Quote"],
        rows: [[2, ["Anna", 'She said "hi"']], [3, ["Bob", '"quoted" start']]],
        findings: [],
    },
    { file: "quoted-header.csv", record: COMMA_DQ, headers: ["Name, Full", "City"], rows: [[2, ["Smith, Anna", "Paris"]]], findings: [] },
    {
        file: "unterminated-quote.csv",
        record: COMMA_DQ,
        headers: ["Name", "Notes"],
        rows: [[2, ["Anna", "ok"]], [3, ["Bob", "never closed\nCarl,x\nDora,y\n"]]],
        findings: [E(K.UnterminatedQuote, [3], { line: 3 })],
    },
    {
        file: "malformed-quote.csv",
        record: COMMA_DQ,
        headers: ["Name", "Note"],
        rows: [[2, ['Anna" Smith', "x"]], [3, ["Bob", "y"]]],
        findings: [W(K.MalformedQuote, [2], { line: 2 })],
    },
    // Ragged rows (error 0x80040345 at parse time)
    {
        file: "ragged-short.csv",
        record: COMMA_DQ,
        headers: ["A", "B", "C"],
        rows: [[2, ["1", "2", "3"]], [3, ["4", "5"]], [4, ["6", "7", "8"]]],
        findings: [E(K.FieldCount, [3, 3, 2], { line: 3 })],
    },
    {
        file: "ragged-long.csv",
        record: COMMA_DQ,
        headers: ["A", "B"],
        rows: [[2, ["1", "2"]], [3, ["3", "4", "5"]], [4, ["6", "7"]]],
        findings: [E(K.FieldCount, [3, 2, 3], { line: 3 })],
    },
    {
        file: "ragged-many.csv",
        record: COMMA_DQ,
        headers: ["A", "B", "C"],
        rows: [
            [2, ["1", "2", "3"]],
            [3, ["4"]],
            [4, ["5", "6", "7", "8"]],
            [5, ["9", "10", "11"]],
            [6, ["", ""]],
        ],
        findings: [E(K.FieldCount, [3, 3, 1], { line: 3 }), E(K.FieldCount, [4, 3, 4], { line: 4 }), E(K.FieldCount, [6, 3, 2], { line: 6 })],
    },
    {
        file: "whitespace-row.csv",
        record: COMMA_DQ,
        headers: ["Name", "City"],
        rows: [[2, ["Anna", "Paris"]], [3, ["   "]], [4, ["Bob", "Oslo"]]],
        findings: [E(K.FieldCount, [3, 2, 1], { line: 3 })],
    },
    // Field delimiter mislabelled
    {
        file: "semicolon-labelled-comma.csv",
        record: rec(2, 1),
        headers: ["First Name;Last Name;Email"],
        rows: [[2, ["Anna;Smith;anna@example.com"]], [3, ["Bob;Jones;bob@example.com"]]],
        findings: [E(K.DelimiterMismatch, [2, 4])],
    },
    {
        file: "tab-labelled-comma.csv",
        record: rec(2, 1),
        headers: ["First Name\tLast Name\tEmail"],
        rows: [[2, ["Anna\tSmith\tanna@example.com"]], [3, ["Bob\tJones\tbob@example.com"]]],
        findings: [E(K.DelimiterMismatch, [2, 3])],
    },
    {
        // Commas inside the tab-separated values: the comma reading is ragged, the tab one regular.
        file: "tab-with-commas-labelled-comma.csv",
        record: rec(2, 1),
        headers: ["Name\tAddress\tCity"],
        rows: [
            [2, ["Anna\t1 Main St", " Suite 4\tParis"]],
            [3, ["Bob\t2 High St\tOslo"]],
            [4, ["Carl\t3 Low Rd", " Flat 2", " Back\tRome"]],
        ],
        findings: [E(K.DelimiterMismatch, [2, 3]), E(K.FieldCount, [2, 1, 2], { line: 2 }), E(K.FieldCount, [4, 1, 3], { line: 4 })],
    },
    {
        file: "colon-labelled-semicolon.csv",
        record: rec(4, 1),
        headers: ["Name:City:Phone"],
        rows: [[2, ["Anna:Paris:123"]], [3, ["Bob:Oslo:456"]]],
        findings: [E(K.DelimiterMismatch, [4, 1])],
    },
    {
        file: "comma-labelled-tab.csv",
        record: rec(3, 1),
        headers: ["Name,City,Phone"],
        rows: [[2, ["Anna,Paris,123"]], [3, ["Bob,Oslo,456"]]],
        findings: [E(K.DelimiterMismatch, [3, 2])],
    },
    {
        file: "comma-labelled-colon.csv",
        record: rec(1, 1),
        headers: ["Name,City,Phone"],
        rows: [[2, ["Anna,Paris,123"]], [3, ["Bob,Oslo,456"]]],
        findings: [E(K.DelimiterMismatch, [1, 2])],
    },
    {
        file: "semicolon-quoted.csv",
        record: rec(4, 1),
        headers: ["Name", "Address"],
        rows: [[2, ["Anna", "1 Main St; Suite 4"]], [3, ["Bob", "2 High St"]]],
        findings: [],
    },
    // A file that really has one column is not flagged, even when a colon appears in every value.
    {
        file: "one-column.csv",
        record: COMMA_DQ,
        headers: ["Website"],
        rows: [[2, ["http://a.example"]], [3, ["https://b.example:8080/x"]]],
        findings: [],
    },
    { file: "one-column-times.csv", record: COMMA_DQ, headers: ["Time"], rows: [[2, ["10:30"]], [3, ["11:45"]]], findings: [] },
    // Data delimiter mislabelled
    {
        file: "single-quotes-labelled-double.csv",
        record: rec(2, 1),
        headers: ["'Name'", "'City'"],
        rows: [[2, ["'Anna'", "'Paris", " FR'"]], [3, ["'Bob'", "'Oslo'"]]],
        findings: [W(K.DataDelimiterMismatch, [1, 3]), E(K.FieldCount, [2, 2, 3], { line: 2 })],
    },
    {
        file: "single-quotes-correct.csv",
        record: rec(2, 3),
        headers: ["Name", "City"],
        rows: [[2, ["Anna", "Paris, FR"]], [3, ["Bob", "Oslo"]]],
        findings: [],
    },
    {
        file: "double-quotes-labelled-single.csv",
        record: rec(2, 3),
        headers: ['"Name"', '"City"'],
        rows: [[2, ['"Anna"', '"Paris', ' FR"']], [3, ['"Bob"', '"Oslo"']]],
        findings: [W(K.DataDelimiterMismatch, [3, 1]), E(K.FieldCount, [2, 2, 3], { line: 2 })],
    },
    {
        file: "quotes-labelled-none.csv",
        record: rec(2, 2),
        headers: ['"Name"', '"City"'],
        rows: [[2, ['"Anna"', '"Paris"']], [3, ['"Bob"', '"Oslo"']]],
        findings: [W(K.QuotesWithNone, [1])],
    },
    {
        // Data delimiter None: quotes are literal, and a closing quote alone is not a wrapped field.
        file: "none-plain.csv",
        record: rec(2, 2),
        headers: ["Name", "Height"],
        rows: [[2, ["Anna", `5'11"`]], [3, ["Bob", `6'2"`]]],
        findings: [],
    },
    // Headers
    {
        file: "no-header.csv",
        record: rec(2, 1, false),
        headers: { synthetic: 2 },
        rows: [[1, ["Anna", "Smith"]], [2, ["Bob", "Jones"]]],
        findings: [I(K.NoHeaderRow, [2])],
    },
    {
        file: "duplicate-headers.csv",
        record: COMMA_DQ,
        headers: ["Email", "Name", " email ", "NAME"],
        rows: [[2, ["a@x.com", "Anna", "b@x.com", "Ann"]]],
        findings: [
            E(K.HeaderDuplicate, [" email ", 1, 3], { column: 3, columnName: " email " }),
            E(K.HeaderDuplicate, ["NAME", 2, 4], { column: 4, columnName: "NAME" }),
        ],
    },
    {
        file: "blank-headers.csv",
        record: COMMA_DQ,
        headers: ["Name", "", "City", " "],
        rows: [[2, ["Anna", "x", "Paris", "y"]]],
        findings: [E(K.HeaderBlank, [2], { column: 2 }), E(K.HeaderBlank, [4], { column: 4 })],
    },
    {
        file: "non-ascii-headers.csv",
        record: COMMA_DQ,
        headers: ["Prénom", "Straße", "Größe", "日本語"],
        rows: [[2, ["Élodie", "Hauptstraße", "1.80", "東京"]]],
        findings: [],
    },
    {
        file: "html-header.csv",
        record: COMMA_DQ,
        headers: ["<img src=x onerror=alert(1)>", "Name"],
        rows: [[2, ["1", "Anna"]]],
        findings: [],
    },
    {
        file: "leading-blank-line.csv",
        record: COMMA_DQ,
        headers: [""],
        rows: [[2, ["Name", "City"]], [3, ["Anna", "Paris"]]],
        findings: [E(K.HeaderBlank, [1], { column: 1 }), E(K.FieldCount, [2, 1, 2], { line: 2 }), E(K.FieldCount, [3, 1, 2], { line: 3 })],
    },
    // Header only, blank lines
    { file: "header-only.csv", record: COMMA_DQ, headers: ["Name", "City"], rows: [], findings: [W(K.HeaderOnly)] },
    { file: "header-only-no-newline.csv", record: COMMA_DQ, headers: ["Name", "City"], rows: [], findings: [W(K.HeaderOnly)] },
    { file: "trailing-blank-lines.csv", record: COMMA_DQ, headers: ["Name", "City"], rows: [[2, ["Anna", "Paris"]]], findings: [] },
    {
        file: "blank-line-middle.csv",
        record: COMMA_DQ,
        headers: ["Name", "City"],
        rows: [[2, ["Anna", "Paris"]], [4, ["Bob", "Oslo"]]],
        findings: [W(K.BlankLine, [3], { line: 3 })],
    },
    // importfile.headerrow, set by the server after a parse
    {
        file: "header-row-differs.csv",
        record: rec(2, 1, true, { headerrow: "First Name,Surname" }),
        headers: ["First Name", "Last Name"],
        rows: [[2, ["Anna", "Smith"]]],
        findings: [W(K.HeaderRowMismatch, [2, "Surname", "Last Name"], { column: 2, columnName: "Last Name" })],
    },
    {
        file: "header-row-differs.csv",
        record: rec(2, 1, true, { headerrow: " first name , LAST NAME" }),
        headers: ["First Name", "Last Name"],
        rows: [[2, ["Anna", "Smith"]]],
        findings: [],
    },
    {
        file: "header-row-differs.csv",
        record: rec(2, 1, true, { headerrow: '"First Name","Last Name"' }),
        headers: ["First Name", "Last Name"],
        rows: [[2, ["Anna", "Smith"]]],
        findings: [],
    },
    {
        file: "quoted-header.csv",
        record: rec(2, 1, true, { headerrow: "Name, Full,City" }),
        headers: ["Name, Full", "City"],
        rows: [[2, ["Smith, Anna", "Paris"]]],
        findings: [],
    },
    {
        file: "header-row-differs.csv",
        record: rec(2, 1, true, { headerrow: "First Name" }),
        headers: ["First Name", "Last Name"],
        rows: [[2, ["Anna", "Smith"]]],
        findings: [W(K.HeaderRowMismatch, [2, "", "Last Name"], { column: 2, columnName: "Last Name" })],
    },
    // Record settings that are empty, unknown, or not CSV
    {
        file: "crlf.csv",
        record: rec(9, null),
        headers: ["First Name", "Last Name", "Email"],
        rows: [
            [2, ["Anna", "Smith", "anna@example.com"]],
            [3, ["Björn", "Müller", "bjorn@example.com"]],
        ],
        findings: [W(K.FieldDelimiterUnknown, [9]), W(K.DataDelimiterUnknown, [""])],
    },
    {
        file: "crlf.csv",
        record: { fielddelimitercode: 2, datadelimitercode: 1, isfirstrowheader: null, filetypecode: null },
        headers: ["First Name", "Last Name", "Email"],
        rows: [
            [2, ["Anna", "Smith", "anna@example.com"]],
            [3, ["Björn", "Müller", "bjorn@example.com"]],
        ],
        findings: [I(K.FirstRowHeaderUnknown), I(K.FileTypeUnknown)],
    },
    { file: "crlf.csv", record: rec(2, 1, true, { filetypecode: 3 }), headers: [], rows: [], findings: [I(K.FileTypeNotPreviewable, [3])] },
    { file: "crlf.csv", record: rec(null, null, null, { filetypecode: 1 }), headers: [], rows: [], findings: [I(K.FileTypeNotPreviewable, [1])] },
];

describe("CSV corpus: previewCsv", () => {
    it.each(CASES.map((c, i) => [`${i + 1}. ${c.file} ${JSON.stringify(c.record)}`, c] as const))("%s", (_name, c) => {
        const preview = previewCsv(read(c.file), csvOptionsFor(c.record));

        if (Array.isArray(c.headers)) {
            expect(preview.headerIsSynthetic).toBe(false);
            expect(preview.headers).toEqual(c.headers.map((text, i) => ({ kind: "text", columnNumber: i + 1, text })));
        } else {
            expect(preview.headerIsSynthetic).toBe(true);
            expect(preview.headers).toEqual(
                Array.from({ length: c.headers.synthetic }, (_, i) => ({ kind: "synthetic", columnNumber: i + 1, key: "csv.header.synthetic" })),
            );
        }
        expect(preview.rows).toEqual(c.rows.map(([line, fields]) => ({ line, fields })));
        expect(preview.findings).toEqual(c.findings);
        expect(preview.truncated).toBe(c.truncated ?? false);
    });
});

/** The preview reads every row of these small files, so the full scan must agree with it row for row. */
describe("CSV corpus: scanCsv agrees with the preview", () => {
    const noYield = (): Promise<void> => Promise.resolve();
    it.each(CASES.map((c, i) => [`${i + 1}. ${c.file}`, c] as const))("%s", async (_name, c) => {
        const content = read(c.file);
        const options = csvOptionsFor(c.record);
        const preview = previewCsv(content, options);
        const scan = await scanCsv(content, options, { yieldToHost: noYield, sliceChars: 7 });

        const fieldCountLines = c.findings.filter((f) => f.key === K.FieldCount).map((f) => f.line);
        expect(scan.cancelled).toBe(false);
        expect(scan.rowCount).toBe(c.rows.length);
        expect(scan.mismatchedRowCount).toBe(fieldCountLines.length);
        expect(scan.firstMismatchedLines).toEqual(fieldCountLines);
        expect(scan.unterminatedQuoteLine).toBe(c.findings.find((f) => f.key === K.UnterminatedQuote)?.line ?? null);
        expect(scan.malformedQuoteRowCount).toBe(c.findings.filter((f) => f.key === K.MalformedQuote).length);
        expect(scan.blankLineCount).toBe(c.findings.filter((f) => f.key === K.BlankLine).length);
        // Same record, header and dialect findings as the preview.
        const notRows = (f: Finding): boolean => !f.key.startsWith("csv.row.") && !f.key.startsWith("csv.quote.") && !f.key.startsWith("csv.scan.");
        expect(scan.findings.filter(notRows)).toEqual(preview.findings.filter(notRows));
    });
});

describe("CSV corpus: scanCsv summary findings", () => {
    const scan = (file: string, record: ImportFileCsvRecord = COMMA_DQ) =>
        scanCsv(read(file), csvOptionsFor(record), { yieldToHost: () => Promise.resolve(), sliceChars: 5 });

    it("ragged rows: one finding with the count, the first line and the expected field count", async () => {
        const r = await scan("ragged-many.csv");
        expect(r.findings).toEqual([E(K.ScanFieldCount, [3, 3, 3], { line: 3 })]);
        expect(r.firstMismatchedLines).toEqual([3, 4, 6]);
        expect(r.expectedFieldCount).toBe(3);
        expect(r.rowCount).toBe(5);
    });

    it("unterminated quote", async () => {
        const r = await scan("unterminated-quote.csv");
        expect(r.findings).toEqual([E(K.UnterminatedQuote, [3], { line: 3 })]);
        expect(r.rowCount).toBe(2);
    });

    it("malformed quote, blank line, header only, empty, not CSV, mislabelled delimiter", async () => {
        expect((await scan("malformed-quote.csv")).findings).toEqual([W(K.ScanMalformedQuotes, [1, 2], { line: 2 })]);
        expect((await scan("blank-line-middle.csv")).findings).toEqual([W(K.ScanBlankLines, [1, 3], { line: 3 })]);
        expect((await scan("header-only.csv")).findings).toEqual([W(K.HeaderOnly)]);
        expect((await scan("bom-only.csv")).findings).toEqual([E(K.Empty)]);
        expect((await scan("crlf.csv", rec(2, 1, true, { filetypecode: 2 }))).findings).toEqual([I(K.FileTypeNotPreviewable, [2])]);
        expect((await scan("semicolon-labelled-comma.csv")).findings).toEqual([E(K.DelimiterMismatch, [2, 4])]);
        expect((await scan("trailing-blank-lines.csv")).findings).toEqual([]);
    });
});
