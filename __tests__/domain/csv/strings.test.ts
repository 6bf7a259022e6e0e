/** STRINGS.txt (to be moved into the resx) lists every finding key, with placeholders the args fill. */
import { readFileSync } from "fs";
import { join } from "path";
import { FindingKeys, SYNTHETIC_HEADER_KEY } from "../../../ImportMonitor/domain/csv";

const ARG_COUNT: Record<string, number> = {
    "csv.config.fieldDelimiterUnknown": 1,
    "csv.config.dataDelimiterUnknown": 1,
    "csv.config.firstRowHeaderUnknown": 0,
    "csv.config.fileTypeUnknown": 0,
    "csv.fileType.notPreviewable": 1,
    "csv.file.empty": 0,
    "csv.file.headerOnly": 0,
    "csv.file.noHeaderRow": 1,
    "csv.header.synthetic": 1,
    "csv.header.blank": 1,
    "csv.header.duplicate": 3,
    "csv.delimiter.mismatch": 2,
    "csv.dataDelimiter.quotesWithNone": 1,
    "csv.dataDelimiter.mismatch": 2,
    "csv.headerRow.mismatch": 3,
    "csv.row.fieldCount": 3,
    "csv.row.blank": 1,
    "csv.quote.unterminated": 1,
    "csv.quote.malformed": 1,
    "csv.preview.lineTooLong": 2,
    "csv.scan.fieldCount": 3,
    "csv.scan.blankLines": 2,
    "csv.scan.malformedQuotes": 2,
};

describe("STRINGS.txt", () => {
    const lines = readFileSync(join(__dirname, "..", "..", "..", "ImportMonitor", "domain", "csv", "STRINGS.txt"), "utf8")
        .split("\n")
        .filter((l) => l !== "");
    const entries = new Map(lines.map((l) => l.split("\t") as [string, string]));

    it("has one key<TAB>text line per key, and nothing else", () => {
        expect(lines.every((l) => l.split("\t").length === 2)).toBe(true);
        expect([...entries.keys()].sort()).toEqual([...Object.values(FindingKeys), SYNTHETIC_HEADER_KEY].sort());
        expect(Object.keys(ARG_COUNT).sort()).toEqual([...entries.keys()].sort());
    });

    it.each(Object.entries(ARG_COUNT))("%s uses exactly {0}..{n-1} for its %i args", (key, count) => {
        const used = new Set([...(entries.get(key) ?? "").matchAll(/\{(\d+)\}/g)].map((m) => Number(m[1])));
        expect([...used].sort()).toEqual(Array.from({ length: count }, (_, i) => i));
    });
});
