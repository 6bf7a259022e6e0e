/** STRINGS.txt (mirrored in the 1033 resx) lists every finding key, with placeholders the args fill. */
import { readFileSync } from "fs";
import { join } from "path";
import { FindingKeys, SYNTHETIC_HEADER_KEY } from "../../../ImportMonitor/domain/csv";
import { fillPlaceholders } from "../../../ImportMonitor/strings/localize";

const ARG_COUNT: Record<string, number> = {
    "csv.config.fieldDelimiterUnknown": 1,
    "csv.config.dataDelimiterUnknown": 1,
    "csv.config.firstRowHeaderUnknown": 0,
    "csv.config.fileTypeUnknown": 0,
    "csv.fileType.notPreviewable": 1,
    "csv.file.empty": 0,
    "csv.file.headerOnly": 0,
    "csv.file.noHeaderRow": 1,
    "csv.sepLine.header": 1,
    "csv.sepLine.data": 1,
    "csv.sepLine.delimiterDiffers": 2,
    "csv.header.synthetic": 1,
    "csv.header.blank": 1,
    "csv.header.duplicate": 3,
    "csv.header.lineBreak": 4,
    "csv.header.trailingDelimiter": 1,
    "csv.delimiter.mismatch": 2,
    "csv.delimiter.mismatchRagged": 5,
    "csv.dataDelimiter.quotesWithNone": 1,
    "csv.dataDelimiter.mismatch": 2,
    "csv.headerRow.mismatch": 3,
    "csv.lineEnding.mixed": 3,
    "csv.text.replacementChars": 2,
    "csv.text.controlChars": 3,
    "csv.row.fieldCount": 3,
    "csv.row.blank": 1,
    "csv.quote.unterminated": 1,
    "csv.quote.malformed": 1,
    "csv.quote.spaceBefore": 2,
    "csv.preview.lineTooLong": 2,
    "csv.scan.fieldCount": 3,
    "csv.scan.blankLines": 2,
    "csv.scan.malformedQuotes": 2,
};

const lines = readFileSync(join(__dirname, "..", "..", "..", "ImportMonitor", "domain", "csv", "STRINGS.txt"), "utf8")
    .split("\n")
    .filter((l) => l !== "");
const entries = new Map(lines.map((l) => l.split("\t") as [string, string]));

describe("STRINGS.txt", () => {
    it("has one key<TAB>text line per key, and nothing else", () => {
        expect(lines.every((l) => l.split("\t").length === 2)).toBe(true);
        expect([...entries.keys()].sort()).toEqual([...Object.values(FindingKeys), SYNTHETIC_HEADER_KEY].sort());
        expect(Object.keys(ARG_COUNT).sort()).toEqual([...entries.keys()].sort());
    });

    it.each(Object.entries(ARG_COUNT))("%s uses exactly {0}..{n-1} for its %i args", (key, count) => {
        // {0} and {0, plural, …} alike.
        const used = new Set([...(entries.get(key) ?? "").matchAll(/\{(\d+)[,}]/g)].map((m) => Number(m[1])));
        expect([...used].sort()).toEqual(Array.from({ length: count }, (_, i) => i));
    });
});

/** English, as the localizer formats it: numbers in the user's format, plural forms by the count. */
describe("STRINGS.txt wording of counts", () => {
    const en = (key: string, ...args: (string | number)[]): string =>
        fillPlaceholders(entries.get(key) ?? "", args, { formatNumber: (n) => n.toLocaleString("en-US"), pluralRules: new Intl.PluralRules("en") });

    /** Args for each key whose text counts something, with the count(s) n. */
    const COUNTED: Record<string, (n: number) => (string | number)[]> = {
        "csv.file.noHeaderRow": (n) => [n],
        "csv.delimiter.mismatchRagged": (n) => ["comma", "semicolon", 1, n + 1, n],
        "csv.text.replacementChars": (n) => [n, 7],
        "csv.text.controlChars": (n) => [n, 7, "U+0000"],
        "csv.row.fieldCount": (n) => [7, n, n],
        "csv.quote.spaceBefore": (n) => [n, 7],
        "csv.preview.lineTooLong": (n) => [7, n],
        "csv.scan.fieldCount": (n) => [n, n, 7],
        "csv.scan.blankLines": (n) => [n, 7],
        "csv.scan.malformedQuotes": (n) => [n, 7],
    };

    it.each(Object.keys(COUNTED))("%s: a count of 1 takes the singular", (key) => {
        const text = en(key, ...COUNTED[key](1));
        expect(text).not.toMatch(/\b1 (rows|fields|lines|empty lines|values|columns|characters|replacement characters|control characters)\b/);
        expect(text).not.toMatch(/\{|\}/);
    });

    it.each(Object.keys(COUNTED))("%s: counts are formatted by the localizer", (key) => {
        const text = en(key, ...COUNTED[key](502_312));
        expect(text).toContain("502,312");
        expect(text).not.toMatch(/\{|\}/);
    });

    it("reads right in both numbers", () => {
        expect(en("csv.file.noHeaderRow", 1)).toBe("The first row is not a header row: the column is named Column 1.");
        expect(en("csv.file.noHeaderRow", 3)).toBe("The first row is not a header row: the 3 columns are named Column 1, Column 2 and so on.");
        expect(en("csv.row.fieldCount", 5, 3, 1)).toBe(
            "Line 5: the row has 1 field, the first row has 3. Parsing will fail on this row (0x80040345: the number of fields differs from the number of column headings).",
        );
        expect(en("csv.scan.fieldCount", 1, 4, 7)).toBe("1 row has a number of fields other than the first row's 4 (on line 7). Parsing will fail on it (0x80040345).");
        expect(en("csv.scan.fieldCount", 502_312, 4, 1234)).toBe(
            "502,312 rows have a number of fields other than the first row's 4 (the first on line 1,234). Parsing will fail on them (0x80040345).",
        );
        expect(en("csv.scan.blankLines", 1, 3)).toBe("1 empty line between rows (line 3).");
        expect(en("csv.scan.blankLines", 2, 3)).toBe("2 empty lines between rows (the first is line 3).");
        expect(en("csv.scan.malformedQuotes", 1, 2)).toBe("1 row has a closing quote followed by other characters (on line 2).");
        expect(en("csv.preview.lineTooLong", 3, 20_481)).toBe("The row on line 3 is longer than the 20,481 KB the preview reads; the preview stops before it.");
        expect(en("csv.text.controlChars", 1, 2, "U+0000")).toMatch(/^1 control character \(U\+0000, on line 2\)/);
        expect(en("csv.text.controlChars", 3, 2, "U+0000")).toMatch(/^3 control characters \(the first, U\+0000, on line 2\)/);
    });

    it("the delimiter mismatch says 'single column' only when every row is one", () => {
        expect(entries.get("csv.delimiter.mismatch")).toMatch(/single column/);
        expect(entries.get("csv.delimiter.mismatchRagged")).not.toMatch(/single column/);
    });
});
