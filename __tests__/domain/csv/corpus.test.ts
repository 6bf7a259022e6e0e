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
    ROW_FINDING_KEYS,
    scanCsv,
    type Finding,
    type FindingKey,
    type ImportFileCsvRecord,
    type ScanProblem,
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
        findings: [E(K.UnterminatedQuote, [3], { line: 3, places: [{ line: 3 }] })],
    },
    {
        file: "malformed-quote.csv",
        record: COMMA_DQ,
        headers: ["Name", "Note"],
        rows: [[2, ['Anna" Smith', "x"]], [3, ["Bob", "y"]]],
        findings: [W(K.MalformedQuote, [2], { line: 2, places: [{ line: 2 }] })],
    },
    // Ragged rows (error 0x80040345 at parse time)
    {
        file: "ragged-short.csv",
        record: COMMA_DQ,
        headers: ["A", "B", "C"],
        rows: [[2, ["1", "2", "3"]], [3, ["4", "5"]], [4, ["6", "7", "8"]]],
        findings: [E(K.FieldCount, [3, 3, 2], { line: 3, places: [{ line: 3 }] })],
    },
    {
        file: "ragged-long.csv",
        record: COMMA_DQ,
        headers: ["A", "B"],
        rows: [[2, ["1", "2"]], [3, ["3", "4", "5"]], [4, ["6", "7"]]],
        findings: [E(K.FieldCount, [3, 2, 3], { line: 3, places: [{ line: 3 }, { line: 3, column: 3 }] })],
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
        findings: [
            E(K.FieldCount, [3, 3, 1], { line: 3, places: [{ line: 3 }] }),
            E(K.FieldCount, [4, 3, 4], { line: 4, places: [{ line: 4 }, { line: 4, column: 4 }] }),
            E(K.FieldCount, [6, 3, 2], { line: 6, places: [{ line: 6 }] }),
        ],
    },
    {
        file: "whitespace-row.csv",
        record: COMMA_DQ,
        headers: ["Name", "City"],
        rows: [[2, ["Anna", "Paris"]], [3, ["   "]], [4, ["Bob", "Oslo"]]],
        findings: [E(K.FieldCount, [3, 2, 1], { line: 3, places: [{ line: 3 }] })],
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
        // Not "every row reads as a single column": the comma gives 1 to 3 fields a row.
        findings: [
            E(K.DelimiterMismatchRagged, [2, 3, 1, 3, 3]),
            E(K.FieldCount, [2, 1, 2], { line: 2, places: [{ line: 2 }, { line: 2, column: 2 }] }),
            E(K.FieldCount, [4, 1, 3], { line: 4, places: [{ line: 4 }, { line: 4, column: 2 }, { line: 4, column: 3 }] }),
        ],
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
        findings: [W(K.DataDelimiterMismatch, [1, 3]), E(K.FieldCount, [2, 2, 3], { line: 2, places: [{ line: 2 }, { line: 2, column: 3 }] })],
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
        findings: [W(K.DataDelimiterMismatch, [3, 1]), E(K.FieldCount, [2, 2, 3], { line: 2, places: [{ line: 2 }, { line: 2, column: 3 }] })],
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
            E(K.HeaderDuplicate, [" email ", 1, 3], { column: 3, columnName: " email ", places: [{ line: 1, column: 1 }, { line: 1, column: 3 }] }),
            E(K.HeaderDuplicate, ["NAME", 2, 4], { column: 4, columnName: "NAME", places: [{ line: 1, column: 2 }, { line: 1, column: 4 }] }),
        ],
    },
    {
        file: "blank-headers.csv",
        record: COMMA_DQ,
        headers: ["Name", "", "City", " "],
        rows: [[2, ["Anna", "x", "Paris", "y"]]],
        findings: [E(K.HeaderBlank, [2], { column: 2, places: [{ line: 1, column: 2 }] }), E(K.HeaderBlank, [4], { column: 4, places: [{ line: 1, column: 4 }] })],
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
        findings: [
            E(K.HeaderBlank, [1], { column: 1, places: [{ line: 1, column: 1 }] }),
            E(K.FieldCount, [2, 1, 2], { line: 2, places: [{ line: 2 }, { line: 2, column: 2 }] }),
            E(K.FieldCount, [3, 1, 2], { line: 3, places: [{ line: 3 }, { line: 3, column: 2 }] }),
        ],
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
        findings: [W(K.BlankLine, [3], { line: 3, places: [{ line: 3 }] })],
    },
    // importfile.headerrow, set by the server after a parse
    {
        file: "header-row-differs.csv",
        record: rec(2, 1, true, { headerrow: "First Name,Surname" }),
        headers: ["First Name", "Last Name"],
        rows: [[2, ["Anna", "Smith"]]],
        findings: [W(K.HeaderRowMismatch, [2, "Surname", "Last Name"], { column: 2, columnName: "Last Name", places: [{ line: 1, column: 2 }] })],
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
        findings: [W(K.HeaderRowMismatch, [2, "", "Last Name"], { column: 2, columnName: "Last Name", places: [{ line: 1, column: 2 }] })],
    },
    // A heading that spans two lines (a quoted line break in the header row)
    {
        file: "header-line-break.csv",
        record: COMMA_DQ,
        headers: ["First\nName", "City"],
        rows: [[3, ["Anna", "Paris"]]],
        findings: [E(K.HeaderLineBreak, [1, "First Name", 1, 2], { line: 1, column: 1, columnName: "First\nName", places: [{ line: 1, column: 1 }] })],
    },
    // Mixed line endings: a CR LF blank line in an LF file is a blank line (not a row holding a CR)
    {
        file: "mixed-crlf-blank-in-lf.csv",
        record: COMMA_DQ,
        headers: ["Name", "City"],
        rows: [[2, ["Anna", "Paris"]], [4, ["Bob", "Oslo"]]],
        findings: [W(K.LineEndingMixed, [3, "CR LF", "LF"], { line: 3, places: [{ line: 3 }] }), W(K.BlankLine, [3], { line: 3, places: [{ line: 3 }] })],
    },
    {
        // Blank lines that end the file are harmless, whatever their line break; the ending is still named.
        file: "mixed-crlf-blank-at-end.csv",
        record: COMMA_DQ,
        headers: ["Name", "City"],
        rows: [[2, ["Anna", "Paris"]]],
        findings: [W(K.LineEndingMixed, [4, "CR LF", "LF"], { line: 4, places: [{ line: 4 }] })],
    },
    {
        // A lone LF in a CR LF file does not end the row: two lines make one row of three fields.
        file: "mixed-lone-lf-in-crlf.csv",
        record: COMMA_DQ,
        headers: ["Name", "City"],
        rows: [[2, ["Anna", "Paris"]], [3, ["Bob", "Oslo\nCarl", "Rome"]], [5, ["Dora", "Lima"]]],
        findings: [
            W(K.LineEndingMixed, [3, "LF", "CR LF"], { line: 3, places: [{ line: 3 }] }),
            E(K.FieldCount, [3, 2, 3], { line: 3, places: [{ line: 3 }, { line: 3, column: 3 }] }),
        ],
    },
    {
        file: "mixed-lone-cr-in-lf.csv",
        record: COMMA_DQ,
        headers: ["Name", "City"],
        rows: [[2, ["Anna", "Paris\rBob", "Oslo"]], [4, ["Carl", "Rome"]]],
        findings: [
            W(K.LineEndingMixed, [2, "CR", "LF"], { line: 2, places: [{ line: 2 }] }),
            E(K.FieldCount, [2, 2, 3], { line: 2, places: [{ line: 2 }, { line: 2, column: 3 }] }),
        ],
    },
    // Excel's sep= first line in a stored file: Dataverse reads it as the header (or the first data row)
    {
        file: "sep-semicolon-labelled-comma.csv",
        record: COMMA_DQ,
        headers: ["sep=;"],
        rows: [[2, ["Name;City;Phone"]], [3, ["Anna;Paris;123"]], [4, ["Bob;Oslo;456"]]],
        findings: [
            E(K.SepLineHeader, [4], { line: 1, places: [{ line: 1 }] }),
            W(K.SepLineDelimiter, [4, 2], { line: 1, places: [{ line: 1 }] }),
            E(K.DelimiterMismatch, [2, 4]),
        ],
    },
    {
        // Labelled right: the sep line is the header ("sep=", ""), so every row of three fields is ragged.
        file: "sep-semicolon-labelled-comma.csv",
        record: rec(4, 1),
        headers: ["sep=", ""],
        rows: [[2, ["Name", "City", "Phone"]], [3, ["Anna", "Paris", "123"]], [4, ["Bob", "Oslo", "456"]]],
        findings: [
            E(K.SepLineHeader, [4], { line: 1, places: [{ line: 1 }] }),
            E(K.FieldCount, [2, 2, 3], { line: 2, places: [{ line: 2 }, { line: 2, column: 3 }] }),
            E(K.FieldCount, [3, 2, 3], { line: 3, places: [{ line: 3 }, { line: 3, column: 3 }] }),
            E(K.FieldCount, [4, 2, 3], { line: 4, places: [{ line: 4 }, { line: 4, column: 3 }] }),
        ],
    },
    {
        // Not "column 2 has no heading": the sep line says what is wrong.
        file: "sep-comma.csv",
        record: COMMA_DQ,
        headers: ["sep=", ""],
        rows: [[2, ["Name", "City"]], [3, ["Anna", "Paris"]]],
        findings: [E(K.SepLineHeader, [2], { line: 1, places: [{ line: 1 }] })],
    },
    {
        file: "sep-comma.csv",
        record: rec(2, 1, false),
        headers: { synthetic: 2 },
        rows: [[1, ["sep=", ""]], [2, ["Name", "City"]], [3, ["Anna", "Paris"]]],
        findings: [I(K.NoHeaderRow, [2]), E(K.SepLineData, [2], { line: 1, places: [{ line: 1 }] })],
    },
    {
        file: "sep-tab.csv",
        record: rec(3, 1),
        headers: ["sep=", ""],
        rows: [[2, ["Name", "City"]], [3, ["Anna", "Paris"]]],
        findings: [E(K.SepLineHeader, [3], { line: 1, places: [{ line: 1 }] })],
    },
    {
        // A delimiter Dataverse has no code for: named by the character itself.
        file: "sep-pipe.csv",
        record: COMMA_DQ,
        headers: ["sep=|"],
        rows: [[2, ["Name|City"]], [3, ["Anna|Paris"]]],
        findings: [E(K.SepLineHeader, ["|"], { line: 1, places: [{ line: 1 }] }), W(K.SepLineDelimiter, ["|", 2], { line: 1, places: [{ line: 1 }] })],
    },
    // Text decoded from another encoding, control characters
    {
        file: "replacement-chars.csv",
        record: COMMA_DQ,
        headers: ["Name", "City"],
        rows: [[2, ["Ren\uFFFDe", "Z\uFFFDrich"]], [3, ["Bob", "Oslo"]], [4, ["\uFFFD", "x"]]],
        findings: [
            W(K.ReplacementChars, [3, 2], {
                line: 2,
                column: 1,
                places: [
                    { line: 2, column: 1 },
                    { line: 2, column: 2 },
                    { line: 4, column: 1 },
                ],
            }),
        ],
    },
    {
        // NUL, BEL and US count; the tab does not. US is on line 5, in the row that starts on line 4.
        file: "control-chars.csv",
        record: COMMA_DQ,
        headers: ["Name", "Note"],
        rows: [[2, ["Anna", "a\u0000b"]], [3, ["Bob", "ok\u0007\tend"]], [4, ["Carl", "x\ny\u001F"]]],
        findings: [
            W(K.ControlChars, [3, 2, "U+0000"], {
                line: 2,
                column: 2,
                places: [
                    { line: 2, column: 2 },
                    { line: 3, column: 2 },
                    { line: 4, column: 2 },
                ],
            }),
        ],
    },
    // The configured delimiter gives ragged rows, not one column (decimal commas in a semicolon file)
    {
        file: "decimal-commas-semicolon.csv",
        record: COMMA_DQ,
        headers: ["Name;Price;Qty"],
        rows: [[2, ["Anna;1", "50;2"]], [3, ["Bob;2", "75;3"]], [4, ["Carl;3;1"]]],
        findings: [
            E(K.DelimiterMismatchRagged, [2, 4, 1, 2, 3]),
            E(K.FieldCount, [2, 1, 2], { line: 2, places: [{ line: 2 }, { line: 2, column: 2 }] }),
            E(K.FieldCount, [3, 1, 2], { line: 3, places: [{ line: 3 }, { line: 3, column: 2 }] }),
        ],
    },
    // Hints
    {
        file: "header-trailing-delimiter.csv",
        record: COMMA_DQ,
        headers: ["Name", "City", ""],
        rows: [[2, ["Anna", "Paris", ""]], [3, ["Bob", "Oslo", ""]]],
        findings: [
            E(K.HeaderBlank, [3], { column: 3, places: [{ line: 1, column: 3 }] }),
            I(K.HeaderTrailingDelimiter, [3], { line: 1, column: 3, places: [{ line: 1, column: 3 }] }),
        ],
    },
    {
        file: "space-before-quote.csv",
        record: COMMA_DQ,
        headers: ["Name", ' "City"'],
        rows: [[2, ["Anna", ' "Paris', ' FR"']], [3, ["Bob", "Oslo"]]],
        findings: [
            I(K.SpaceBeforeQuote, [2, 1], {
                line: 1,
                column: 2,
                places: [
                    { line: 1, column: 2 },
                    { line: 2, column: 2 },
                ],
            }),
            E(K.FieldCount, [2, 2, 3], { line: 2, places: [{ line: 2 }, { line: 2, column: 3 }] }),
        ],
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
        const notRows = (f: Finding): boolean => !ROW_FINDING_KEYS.has(f.key) && !f.key.startsWith("csv.scan.");
        expect(scan.findings.filter(notRows)).toEqual(preview.findings.filter(notRows));
        // The findings the scan makes over the whole file with the preview's keys: the same, as the preview read it all.
        const fileWide = (f: Finding): boolean => FILE_WIDE.has(f.key);
        expect(scan.findings.filter(fileWide)).toEqual(preview.findings.filter(fileWide));
        // Every problem line of the preview's row findings, in line order, with the scan finding it belongs to.
        const expected = preview.findings.flatMap((f): ScanProblem[] => {
            const key = SCAN_KEY[f.key];
            if (key === undefined) return [];
            if (FILE_WIDE.has(f.key)) return (f.places ?? []).map((p) => ({ ...p, key }));
            return [{ line: f.line ?? 0, key }];
        });
        expect(byJson(scan.problems)).toEqual(byJson(expected));
        scan.problems.forEach((p, i) => i > 0 && expect(p.line).toBeGreaterThanOrEqual(scan.problems[i - 1].line));
        // A summary finding's places are its problems.
        for (const f of scan.findings) {
            if (!f.key.startsWith("csv.scan.")) continue;
            expect(f.places).toEqual(scan.problems.filter((p) => p.key === f.key).map(({ line, column }) => (column === undefined ? { line } : { line, column })));
        }
    });
});

/** The preview's row findings, and the key of the scan's finding each becomes. */
const SCAN_KEY: Partial<Record<FindingKey, FindingKey>> = {
    [K.FieldCount]: K.ScanFieldCount,
    [K.BlankLine]: K.ScanBlankLines,
    [K.MalformedQuote]: K.ScanMalformedQuotes,
    [K.UnterminatedQuote]: K.UnterminatedQuote,
    [K.LineEndingMixed]: K.LineEndingMixed,
    [K.ReplacementChars]: K.ReplacementChars,
    [K.ControlChars]: K.ControlChars,
    [K.SpaceBeforeQuote]: K.SpaceBeforeQuote,
};
/** Row findings whose key the scan keeps, counting over the whole file. */
const FILE_WIDE = new Set<FindingKey>([K.LineEndingMixed, K.ReplacementChars, K.ControlChars, K.SpaceBeforeQuote]);
const byJson = <T,>(items: T[]): T[] => [...items].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));

describe("CSV corpus: scanCsv summary findings", () => {
    const scan = (file: string, record: ImportFileCsvRecord = COMMA_DQ) =>
        scanCsv(read(file), csvOptionsFor(record), { yieldToHost: () => Promise.resolve(), sliceChars: 5 });

    it("ragged rows: one finding with the count, the first line and the expected field count", async () => {
        const r = await scan("ragged-many.csv");
        expect(r.findings).toEqual([E(K.ScanFieldCount, [3, 3, 3], { line: 3, places: [{ line: 3 }, { line: 4 }, { line: 6 }] })]);
        expect(r.problems).toEqual([3, 4, 6].map((line) => ({ line, key: K.ScanFieldCount })));
        expect(r.firstMismatchedLines).toEqual([3, 4, 6]);
        expect(r.expectedFieldCount).toBe(3);
        expect(r.rowCount).toBe(5);
    });

    it("unterminated quote", async () => {
        const r = await scan("unterminated-quote.csv");
        expect(r.findings).toEqual([E(K.UnterminatedQuote, [3], { line: 3, places: [{ line: 3 }] })]);
        expect(r.rowCount).toBe(2);
    });

    it("malformed quote, blank line, header only, empty, not CSV, mislabelled delimiter", async () => {
        expect((await scan("malformed-quote.csv")).findings).toEqual([W(K.ScanMalformedQuotes, [1, 2], { line: 2, places: [{ line: 2 }] })]);
        expect((await scan("blank-line-middle.csv")).findings).toEqual([W(K.ScanBlankLines, [1, 3], { line: 3, places: [{ line: 3 }] })]);
        expect((await scan("header-only.csv")).findings).toEqual([W(K.HeaderOnly)]);
        expect((await scan("bom-only.csv")).findings).toEqual([E(K.Empty)]);
        expect((await scan("crlf.csv", rec(2, 1, true, { filetypecode: 2 }))).findings).toEqual([I(K.FileTypeNotPreviewable, [2])]);
        expect((await scan("semicolon-labelled-comma.csv")).findings).toEqual([E(K.DelimiterMismatch, [2, 4])]);
        expect((await scan("trailing-blank-lines.csv")).findings).toEqual([]);
    });

    it("mixed line endings: the first other ending, once; a CR LF blank line in an LF file is a blank line", async () => {
        const r = await scan("mixed-crlf-blank-in-lf.csv");
        expect(r.findings).toEqual([
            W(K.LineEndingMixed, [3, "CR LF", "LF"], { line: 3, places: [{ line: 3 }] }),
            W(K.ScanBlankLines, [1, 3], { line: 3, places: [{ line: 3 }] }),
        ]);
        expect(r.mismatchedRowCount).toBe(0);
        expect((await scan("mixed-crlf-blank-at-end.csv")).findings).toEqual([W(K.LineEndingMixed, [4, "CR LF", "LF"], { line: 4, places: [{ line: 4 }] })]);
        // Excel's LF inside quoted fields of CR LF rows is not a mixed ending.
        expect((await scan("quoted-newlines-excel.csv")).findings).toEqual([]);
    });

    it("the sep line, replacement and control characters, hints", async () => {
        expect((await scan("sep-comma.csv")).findings).toEqual([E(K.SepLineHeader, [2], { line: 1, places: [{ line: 1 }] })]);
        expect((await scan("control-chars.csv")).findings).toEqual([
            W(K.ControlChars, [3, 2, "U+0000"], {
                line: 2,
                column: 2,
                places: [
                    { line: 2, column: 2 },
                    { line: 3, column: 2 },
                    { line: 4, column: 2 },
                ],
            }),
        ]);
        expect((await scan("space-before-quote.csv")).problems).toEqual([
            { line: 1, column: 2, key: K.SpaceBeforeQuote },
            // A line's row problem before its cells.
            { line: 2, key: K.ScanFieldCount },
            { line: 2, column: 2, key: K.SpaceBeforeQuote },
        ]);
    });
});
