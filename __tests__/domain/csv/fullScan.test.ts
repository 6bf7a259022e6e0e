/** The full scan over generated large input: exact counts and lines, memory bound, progress, cancellation. */
import { csvOptionsFor, finding, FindingKeys as K, scanCsv, type ScanSettings } from "../../../ImportMonitor/domain/csv";
import * as papa from "../../../ImportMonitor/domain/csv/papa";

const options = csvOptionsFor({ fielddelimitercode: 2, datadelimitercode: 1, isfirstrowheader: true, filetypecode: 0 });
const noYield = (): Promise<void> => Promise.resolve();

/**
 * `rows` data rows after a header of 4 columns; every 1000th row (i % 1000 === 999) has 3 fields; every 7th
 * has a quoted field with a line break (LF inside CR LF rows, as Excel writes). Returns the ragged rows' lines.
 */
function generate(rows: number): { content: string; raggedLines: number[] } {
    const parts = ["First Name,Last Name,Email,Notes\r\n"];
    const raggedLines: number[] = [];
    let line = 2;
    for (let i = 0; i < rows; i++) {
        const ragged = i % 1000 === 999;
        const multiline = i % 7 === 0;
        if (ragged) raggedLines.push(line);
        const notes = multiline ? `"first, line\nsecond ""line"""` : `plain ${i}`;
        parts.push(ragged ? `Anna${i},Smith,${notes}\r\n` : `Anna${i},Smith,a${i}@example.com,${notes}\r\n`);
        line += multiline ? 2 : 1;
    }
    return { content: parts.join(""), raggedLines };
}

describe("scanCsv on 200 000 rows", () => {
    const { content, raggedLines } = generate(200_000);

    it("counts every row and keeps the first 100 ragged lines", async () => {
        const progress: number[] = [];
        const result = await scanCsv(content, options, { yieldToHost: noYield, onProgress: (f) => progress.push(f) });

        expect(raggedLines).toHaveLength(200);
        expect(result.cancelled).toBe(false);
        expect(result.rowCount).toBe(200_000);
        expect(result.expectedFieldCount).toBe(4);
        expect(result.mismatchedRowCount).toBe(200);
        expect(result.firstMismatchedLines).toEqual(raggedLines.slice(0, 100));
        expect(result.blankLineCount).toBe(0);
        expect(result.unterminatedQuoteLine).toBeNull();
        const kept = raggedLines.slice(0, 100);
        expect(result.findings).toEqual([
            finding("error", K.ScanFieldCount, [200, 4, raggedLines[0]], { line: raggedLines[0], places: kept.map((line) => ({ line })) }),
        ]);
        // A finished scan keeps the first 100 problem lines, with the finding each belongs to.
        expect(result.problems).toEqual(kept.map((line) => ({ line, key: K.ScanFieldCount })));
        expect(result.bytesScanned).toBe(content.length);

        expect(progress.length).toBeGreaterThan(2);
        expect(progress[progress.length - 1]).toBe(1);
        for (let i = 1; i < progress.length; i++) expect(progress[i]).toBeGreaterThanOrEqual(progress[i - 1]);
    });

    it("gives the same answer whatever the slice length (cuts inside quoted fields and CR LF pairs)", async () => {
        const part = content.slice(0, 400_000);
        const end = part.lastIndexOf("\r\n") + 2;
        const small = part.slice(0, end);
        const expected = await scanCsv(small, options, { yieldToHost: noYield, sliceChars: 10_000_000 });
        for (const sliceChars of [13, 1000, 4097, 65536]) {
            const result = await scanCsv(small, options, { yieldToHost: noYield, sliceChars });
            expect(result).toEqual(expected);
        }
        expect(expected.mismatchedRowCount).toBeGreaterThan(0);
    });

    it("keeps only maxLinesKept line numbers", async () => {
        const result = await scanCsv(content, options, { yieldToHost: noYield, maxLinesKept: 10 });
        expect(result.mismatchedRowCount).toBe(200);
        expect(result.firstMismatchedLines).toEqual(raggedLines.slice(0, 10));
        expect(result.problems).toEqual(raggedLines.slice(0, 10).map((line) => ({ line, key: K.ScanFieldCount })));
        const none = await scanCsv(content, options, { yieldToHost: noYield, maxLinesKept: 0 });
        expect(none.firstMismatchedLines).toEqual([]);
        expect(none.problems).toEqual([]);
        expect(none.findings).toEqual([finding("error", K.ScanFieldCount, [200, 4, raggedLines[0]], { line: raggedLines[0] })]);
    });

    it("yields to the host when the budget is spent (fake clock)", async () => {
        let clock = 0;
        const now = (): number => (clock += 10);
        const yieldToHost = jest.fn(noYield);
        const result = await scanCsv(content, options, { yieldToHost, now, sliceBudgetMs: 50 });
        expect(result.rowCount).toBe(200_000);
        expect(yieldToHost.mock.calls.length).toBeGreaterThan(5);
    });

    it("stops promptly when cancelled, without reporting partial row findings", async () => {
        const signal = { aborted: false };
        let yields = 0;
        const settings: ScanSettings = {
            signal,
            sliceChars: 64 * 1024,
            sliceBudgetMs: 0,
            yieldToHost: () => {
                if (++yields === 3) signal.aborted = true;
                return Promise.resolve();
            },
        };
        const progress: number[] = [];
        const result = await scanCsv(content, options, { ...settings, onProgress: (f) => progress.push(f) });

        expect(result.cancelled).toBe(true);
        // Three slices done (each followed by a yield), the fourth never started.
        expect(progress).toHaveLength(3);
        expect(progress[2]).toBeLessThan(1);
        expect(result.bytesScanned).toBeGreaterThan(0);
        expect(result.bytesScanned).toBeLessThanOrEqual(3 * 64 * 1024);
        expect(result.findings).toEqual([]);
        // The problem lines met so far are kept, as on a finished scan.
        expect(result.problems.length).toBeGreaterThan(0);
        expect(result.problems).toEqual(result.firstMismatchedLines.map((line) => ({ line, key: K.ScanFieldCount })));
    });

    it("never works longer than the budget between yields, at any slice cost (fake clock)", async () => {
        const parse = papa.parseSlice;
        for (const sliceCost of [0.5, 3, 9, 20]) {
            let clock = 0;
            // Parsing 64 Ki characters costs sliceCost ms of the fake clock; nothing else does.
            const spy = jest.spyOn(papa, "parseSlice").mockImplementation((text, dialect, isLast) => {
                clock += (sliceCost * text.length) / (64 * 1024);
                return parse(text, dialect, isLast);
            });
            const now = (): number => clock;
            let resumedAt = 0;
            let longest = 0;
            const yieldToHost = (): Promise<void> => {
                longest = Math.max(longest, clock - resumedAt);
                resumedAt = clock;
                return Promise.resolve();
            };
            const result = await scanCsv(content.slice(0, 4_000_000), options, { yieldToHost, now, sliceBudgetMs: 50, sliceChars: 64 * 1024 });
            spy.mockRestore();
            longest = Math.max(longest, clock - resumedAt);
            expect(result.cancelled).toBe(false);
            expect(result.rowCount).toBeGreaterThan(30_000);
            expect(longest).toBeLessThanOrEqual(50);
        }
    });

    it("an already aborted signal scans nothing", async () => {
        const result = await scanCsv(content, options, { signal: { aborted: true }, yieldToHost: noYield });
        expect(result.cancelled).toBe(true);
        expect(result.bytesScanned).toBe(0);
        expect(result.rowCount).toBe(0);
    });

    it("uses setTimeout to yield by default", async () => {
        const spy = jest.spyOn(global, "setTimeout");
        let clock = 0;
        const result = await scanCsv(content.slice(0, 300_000), options, { now: () => (clock += 100) });
        expect(result.cancelled).toBe(false);
        expect(spy).toHaveBeenCalled();
        spy.mockRestore();
    });
});

describe("scanCsv line numbers and blank lines", () => {
    it("counts blank lines between rows, not those that end the file; lines count quoted breaks", async () => {
        const content = 'A,B\n1,"x\ny"\n\n\n2,3\n4\n\n\n';
        const result = await scanCsv(content, options, { yieldToHost: noYield, sliceChars: 3 });
        expect(result.rowCount).toBe(3);
        expect(result.blankLineCount).toBe(2);
        expect(result.firstMismatchedLines).toEqual([7]);
        // Row findings come in line order.
        expect(result.findings).toEqual([
            finding("warning", K.ScanBlankLines, [2, 4], { line: 4, places: [{ line: 4 }, { line: 5 }] }),
            finding("error", K.ScanFieldCount, [1, 2, 7], { line: 7, places: [{ line: 7 }] }),
        ]);
        expect(result.problems).toEqual([
            { line: 4, key: K.ScanBlankLines },
            { line: 5, key: K.ScanBlankLines },
            { line: 7, key: K.ScanFieldCount },
        ]);
    });

    it("a blank line ending in CR LF inside an LF file is a blank line, not a row of one field", async () => {
        for (const sliceChars of [1, 2, 3, 5, 1000]) {
            const between = await scanCsv("a,b\n1,2\n\r\n3,4\n", options, { yieldToHost: noYield, sliceChars });
            expect(between.findings).toEqual([
                finding("warning", K.LineEndingMixed, [3, "CR LF", "LF"], { line: 3, places: [{ line: 3 }] }),
                finding("warning", K.ScanBlankLines, [1, 3], { line: 3, places: [{ line: 3 }] }),
            ]);
            expect(between.rowCount).toBe(2);
            const atEnd = await scanCsv("a,b\n1,2\n\n\r\n", options, { yieldToHost: noYield, sliceChars });
            expect(atEnd.findings).toEqual([finding("warning", K.LineEndingMixed, [4, "CR LF", "LF"], { line: 4, places: [{ line: 4 }] })]);
            expect(atEnd.mismatchedRowCount).toBe(0);
        }
    });

    it("mixed line endings: CR LF in a lone-CR file, found wherever the slices are cut", async () => {
        const content = "a,b\r1,2\r3,4\r\n5,6\r";
        for (const sliceChars of [1, 2, 3, 4, 8, 1000]) {
            const result = await scanCsv(content, options, { yieldToHost: noYield, sliceChars });
            expect(result.findings).toEqual([finding("warning", K.LineEndingMixed, [3, "CR LF", "CR"], { line: 3, places: [{ line: 3 }] })]);
            expect(result.rowCount).toBe(3);
            expect(result.mismatchedRowCount).toBe(0);
        }
    });

    it("mixed line endings: a quoted LF in CR LF rows is not one; a lone LF after it is, placed on its row", async () => {
        const content = 'a,b\r\n"x\ny",2\r\n3,4\n5,6\r\n';
        for (const sliceChars of [1, 3, 7, 12, 1000]) {
            const result = await scanCsv(content, options, { yieldToHost: noYield, sliceChars });
            expect(result.findings).toEqual([
                finding("warning", K.LineEndingMixed, [4, "LF", "CR LF"], { line: 4, places: [{ line: 4 }] }),
                finding("error", K.ScanFieldCount, [1, 2, 4], { line: 4, places: [{ line: 4 }] }),
            ]);
        }
    });

    it("keeps the first problem lines of every kind, in line order, up to maxLinesKept in all", async () => {
        const rows = ["A,B"];
        for (let i = 0; i < 300; i++) {
            if (i % 3 === 0) rows.push(`x${i}`); // ragged
            else if (i % 3 === 1) rows.push(""); // blank
            else rows.push(`\u0000${i},"y"`); // NUL
        }
        rows.push("end,1");
        const result = await scanCsv(rows.join("\n") + "\n", options, { yieldToHost: noYield, sliceChars: 97 });
        expect(result.problems).toHaveLength(100);
        const keyOf = (line: number): string => [K.ScanFieldCount, K.ScanBlankLines, K.ControlChars][(line - 2) % 3];
        result.problems.forEach((p, i) => {
            expect(p.line).toBe(i + 2);
            expect(p.key).toBe(keyOf(p.line));
            if (p.key === K.ControlChars) expect(p.column).toBe(1);
        });
        expect(result.findings.find((f) => f.key === K.ControlChars)?.args).toEqual([100, 4, "U+0000"]);
    });

    it("no header row: the first row is data and sets the field count", async () => {
        const noHeader = csvOptionsFor({ fielddelimitercode: 4, datadelimitercode: 1, isfirstrowheader: false, filetypecode: 0 });
        const result = await scanCsv("a;b\nc\nd;e\n", noHeader, { yieldToHost: noYield });
        expect(result.rowCount).toBe(3);
        expect(result.firstMismatchedLines).toEqual([2]);
        expect(result.findings).toEqual([finding("info", K.NoHeaderRow, [2]), finding("error", K.ScanFieldCount, [1, 2, 2], { line: 2, places: [{ line: 2 }] })]);
    });

    it("lone CR files and data delimiter None", async () => {
        const none = csvOptionsFor({ fielddelimitercode: 2, datadelimitercode: 2, isfirstrowheader: true, filetypecode: 0 });
        // None: the quotes are data, so "x,y",z has three fields.
        const result = await scanCsv('A,B\r"x,y",z\r1,2\r3\r', none, { yieldToHost: noYield, sliceChars: 4 });
        expect(result.rowCount).toBe(3);
        expect(result.firstMismatchedLines).toEqual([2, 4]);
    });
});

describe("scanCsv's row visitor (onRow)", () => {
    const visit = async (content: string, sliceChars: number, opts = options) => {
        const seen: [string[], number][] = [];
        const result = await scanCsv(content, opts, { yieldToHost: noYield, sliceChars, onRow: (fields, line) => seen.push([[...fields], line]) });
        return { seen, result };
    };

    it("gets every data row with its line: not the header, not blank lines, not ragged rows; quoted line breaks counted", async () => {
        const content = 'A,B\r\n1,2\r\n\r\n"x\ny",3\r\n4\r\n5,6,7\r\n8,9\r\n\r\n';
        const expected: [string[], number][] = [
            [["1", "2"], 2],
            [["x\ny", "3"], 4],
            [["8", "9"], 8],
        ];
        for (const sliceChars of [1, 2, 5, 13, 1000]) {
            const { seen, result } = await visit(content, sliceChars);
            expect(seen).toEqual(expected);
            expect(result.rowCount).toBe(5);
            expect(result.mismatchedRowCount).toBe(2);
        }
    });

    it("gets the first row when the file has no header row", async () => {
        const noHeader = csvOptionsFor({ fielddelimitercode: 4, datadelimitercode: 1, isfirstrowheader: false, filetypecode: 0 });
        const { seen } = await visit("a;b\nc\nd;e\n", 3, noHeader);
        expect(seen).toEqual([
            [["a", "b"], 1],
            [["d", "e"], 3],
        ]);
    });

    it("on 200 000 rows: every row of the header's width, in line order, the same without the visitor", async () => {
        const { content, raggedLines } = generate(200_000);
        const lines: number[] = [];
        const result = await scanCsv(content, options, { yieldToHost: noYield, onRow: (fields, line) => lines.push(fields.length === 4 ? line : -line) });
        expect(lines).toHaveLength(200_000 - raggedLines.length);
        expect(lines.every((line, i) => line > 0 && (i === 0 || line > lines[i - 1]))).toBe(true);
        expect(lines.some((line) => raggedLines.includes(line))).toBe(false);
        expect(result).toEqual(await scanCsv(content, options, { yieldToHost: noYield }));
    });

    it("counts the visitor's time in the budget between yields (fake clock)", async () => {
        const { content } = generate(20_000);
        for (const rowCost of [0.001, 0.01, 0.05]) {
            let clock = 0;
            let resumedAt = 0;
            let longest = 0;
            const yieldToHost = (): Promise<void> => {
                longest = Math.max(longest, clock - resumedAt);
                resumedAt = clock;
                return Promise.resolve();
            };
            const result = await scanCsv(content, options, { yieldToHost, now: () => clock, sliceBudgetMs: 50, sliceChars: 16 * 1024, onRow: () => (clock += rowCost) });
            longest = Math.max(longest, clock - resumedAt);
            expect(result.rowCount).toBe(20_000);
            expect(clock).toBeGreaterThan(rowCost * 19_000);
            expect(longest).toBeLessThanOrEqual(50);
        }
    });

    it("says when problems were found beyond those kept", async () => {
        const { content } = generate(20_000);
        expect((await scanCsv(content, options, { yieldToHost: noYield })).moreProblems).toBe(false);
        expect((await scanCsv(content, options, { yieldToHost: noYield, maxLinesKept: 10 })).moreProblems).toBe(true);
        expect((await scanCsv(content, options, { yieldToHost: noYield, maxLinesKept: 20 })).moreProblems).toBe(false);
    });
});
