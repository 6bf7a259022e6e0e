/** Export failed rows: the file's own header and failed source records, byte for byte, with their errors (issue 13). */
import Papa from "papaparse";
import { csvOptionsFor } from "../../../ImportMonitor/domain/csv";
import { exportFailedRows, type FailedRowInput, type FailedRowsLabels, type FailedRowsSettings } from "../../../ImportMonitor/domain/csv/failedRows";
import { failureRowsCsv } from "../../../ImportMonitor/domain/failureExport";
import { createImportService, type ImportLogRow } from "../../../ImportMonitor/dataverse/importService";
import { library } from "../../../ImportMonitorCsv/library";
import { createFakeDataverse, SEED_ACCOUNTS_BAD_LINES, SEED_ACCOUNTS_FILE_ID, SEED_IMPORT_ID } from "../../../sandbox/dataverse";

const PHASES = ["Parse", "Transform", "Import (create)", "Import (update)"];
const labels: FailedRowsLabels = {
    errorsHeading: "Errors",
    phaseName: (p) => PHASES[p ?? -1] ?? "(none)",
    partialPrefix: "Partly failed: ",
};
const noYield = (): Promise<void> => Promise.resolve();
const quiet: FailedRowsSettings = { yieldToHost: noYield };

/** importfile codes: field 1 colon, 2 comma, 3 tab, 4 semicolon; data 1 double quote, 2 none, 3 single quote. */
function options(field: 1 | 2 | 3 | 4, data: 1 | 2 | 3, header = true) {
    return csvOptionsFor({ fielddelimitercode: field, datadelimitercode: data, isfirstrowheader: header, filetypecode: 0 });
}
const comma = options(2, 1);

function failure(line: number | null, over: Partial<FailedRowInput> = {}): FailedRowInput {
    return { lineNumber: line, headerColumn: "", columnValue: "", errorDescription: "Bad row", errorNumber: "", phase: 2, additionalInfo: "", ...over };
}

/** Splits an export into its lines; every line, the last included, ends with CR LF. */
function linesOf(csv: string): string[] {
    expect(csv.endsWith("\r\n")).toBe(true);
    return csv.slice(0, -2).split("\r\n");
}

describe("exportFailedRows", () => {
    // Line 3 starts a record spanning lines 3-5 (an LF and a CR LF inside quotes); line 7 has a quoted delimiter.
    const records = [
        "Name,Notes,City",
        "Anna,plain,Oslo",
        '"Bob ""B""","first\nsecond\r\nthird",Bergen',
        "Cara,x,Tromsø",
        'Dan,"a,b",Stavanger',
        "Eve,=SUM(A1),+1 425 555 0190",
    ];
    const content = records.join("\r\n") + "\r\n";

    it("writes the header and each failed record exactly as in the file, then its errors, whatever the slice length", async () => {
        const failures = [
            failure(7, { headerColumn: "Notes", columnValue: "a,b", errorDescription: "Too long", phase: 2 }),
            failure(3, { headerColumn: "City", columnValue: "Bergen", errorDescription: "Not a city", additionalInfo: "Expected one of: Oslo, Tromsø", phase: 1 }),
            failure(6, { errorDescription: "Duplicate" }),
        ];
        const expected =
            "Name,Notes,City,Errors\r\n" +
            `${records[2]},"Transform: City: Not a city (Expected one of: Oslo, Tromsø)"\r\n` +
            `${records[3]},Import (create): Duplicate\r\n` +
            `${records[4]},Import (create): Notes: Too long\r\n`;
        const results = [];
        for (const sliceChars of [1, 3, 7, 16, 64, undefined]) results.push(await exportFailedRows(content, comma, failures, labels, { ...quiet, sliceChars }));
        for (const result of results) {
            expect(result).toEqual({ csv: expected, rows: 3, skipped: 0, longestStepMs: expect.any(Number) as number, cancelled: false });
        }
        // It reads back with the file's settings: the source fields, then one errors field.
        const back = Papa.parse<string[]>(expected, { newline: "\r\n" }).data;
        expect(back[1]).toEqual(['Bob "B"', "first\nsecond\r\nthird", "Bergen", "Transform: City: Not a city (Expected one of: Oslo, Tromsø)"]);
    });

    it("keeps the source's formula-like values and neutralises only the errors field, as the failure-log export does", async () => {
        const formulaLabels: FailedRowsLabels = { ...labels, phaseName: () => "=Import" };
        const result = await exportFailedRows(content, comma, [failure(8, { errorDescription: "x" })], formulaLabels, quiet);
        // The source row as it is (=SUM(A1), +1 425 …); the errors field escaped and quoted as failureExport.ts does it.
        expect(linesOf(result.csv)).toEqual(["Name,Notes,City,Errors", `${records[5]},"'=Import: x"`]);
        const logCsv = failureRowsCsv([{ lineNumber: 8, headerColumn: "", columnValue: "", errorDescription: "=Import: x", errorNumber: "", phase: 2 }], ["a", "b", "c", "d", "e", "f"], () => "");
        expect(logCsv.split("\r\n")[1]).toBe(`8,,,"'=Import: x",,`);
        for (const start of ["+", "-", "@", "\t"]) {
            const r = await exportFailedRows(content, comma, [failure(8, { errorDescription: "x" })], { ...labels, phaseName: () => `${start}1` }, quiet);
            expect(linesOf(r.csv)[1]).toBe(`${records[5]},"'${start}1: x"`);
        }
    });

    it("joins every error of a row in phase order and marks rows that failed only partly", async () => {
        const result = await exportFailedRows(
            content,
            comma,
            [
                failure(2, { phase: 2, headerColumn: "Email", errorDescription: "Invalid email" }),
                failure(2, { phase: 0, errorDescription: "", errorNumber: "-2147220667" }),
                failure(2, { phase: 1, headerColumn: "Primary Contact", errorDescription: "Lookup not found", additionalInfo: "No record matches 'Dana'", partial: true }),
                failure(2, { phase: 2, headerColumn: "Email", errorDescription: "Invalid email" }),
                failure(6, { phase: 1, headerColumn: "Primary Contact", errorDescription: "Lookup not found", partial: true }),
                failure(6, { phase: 1, headerColumn: "Owner", errorDescription: "Owner not found", partial: true }),
                failure(7, { phase: null, errorDescription: "Odd" }),
            ],
            labels,
            quiet,
        );
        expect(result.rows).toBe(3);
        expect(linesOf(result.csv)).toEqual([
            "Name,Notes,City,Errors",
            // A partial failure beside a full one: the row failed, not marked. Exact repeats once.
            `${records[1]},Parse: 0x80040345 | Transform: Primary Contact: Lookup not found (No record matches 'Dana') | Import (create): Email: Invalid email`,
            `${records[3]},Partly failed: Transform: Primary Contact: Lookup not found | Transform: Owner: Owner not found`,
            `${records[4]},(none): Odd`,
        ]);
    });

    it("writes no header line for a file without a header row: line 1 is a data row", async () => {
        const noHeader = options(2, 1, false);
        const data = 'Anna,"x\ny",Oslo\nBob,z,Bergen\n';
        const result = await exportFailedRows(data, noHeader, [failure(1), failure(3)], labels, quiet);
        expect(result).toMatchObject({ rows: 2, skipped: 0 });
        expect(result.csv).toBe('Anna,"x\ny",Oslo,Import (create): Bad row\r\nBob,z,Bergen,Import (create): Bad row\r\n');
        const none = await exportFailedRows(data, noHeader, [failure(2)], labels, quiet);
        expect(none).toMatchObject({ csv: "", rows: 0, skipped: 1 });
    });

    it("keeps a semicolon or tab file's delimiter, quoting the errors field only where that delimiter needs it", async () => {
        const semi = "A;B\r\n1;2,5\r\n3;4\r\n";
        const r1 = await exportFailedRows(semi, options(4, 1), [failure(2, { errorDescription: "Bad; really, bad" }), failure(3, { errorDescription: "a, b" })], labels, quiet);
        expect(linesOf(r1.csv)).toEqual(["A;B;Errors", '1;2,5;"Import (create): Bad; really, bad"', "3;4;Import (create): a, b"]);
        const tab = "A\tB\n1\t2\n";
        const r2 = await exportFailedRows(tab, options(3, 1), [failure(2, { errorDescription: "tab\there" })], labels, quiet);
        expect(linesOf(r2.csv)).toEqual(["A\tB\tErrors", '1\t2\t"Import (create): tab\there"']);
        const colon = "A:B\n1:2\n";
        const r3 = await exportFailedRows(colon, options(1, 1), [failure(2, { errorDescription: "at 10:30" })], labels, quiet);
        expect(linesOf(r3.csv)).toEqual(["A:B:Errors", '1:2:"Import (create): at 10:30"']);
    });

    it("quotes with single quotes when that is the file's data delimiter, and writes unquoted text when it is None", async () => {
        const single = "Name,Note\n'O''Brien, J',hi\n";
        const result = await exportFailedRows(single, options(2, 3), [failure(2, { errorDescription: "The email 'x' is not valid" })], labels, quiet);
        expect(linesOf(result.csv)).toEqual(["Name,Note,Errors", "'O''Brien, J',hi,'Import (create): The email ''x'' is not valid'"]);
        expect(Papa.parse<string[]>(result.csv, { quoteChar: "'", newline: "\r\n" }).data[1]).toEqual(["O'Brien, J", "hi", "Import (create): The email 'x' is not valid"]);

        const none = 'Name,Note\n"a",b\n';
        const r2 = await exportFailedRows(none, options(2, 2), [failure(2, { errorDescription: 'Bad, "very"\nbad' })], labels, quiet);
        // Nothing can be quoted: the delimiter and line breaks become spaces; quotes stay ordinary characters.
        expect(linesOf(r2.csv)).toEqual(["Name,Note,Errors", '"a",b,Import (create): Bad  "very" bad']);
    });

    it("reads CR LF, LF and CR files alike and always writes CR LF between lines", async () => {
        const rows = ["H1,H2", "a,1", '"b\nc",2', "d,3"];
        for (const newline of ["\r\n", "\n", "\r"]) {
            const file = rows.join(newline) + newline;
            const result = await exportFailedRows(file, comma, [failure(2), failure(3), failure(4), failure(5)], labels, { ...quiet, sliceChars: 5 });
            // Line 4 is inside the quoted field of the record that starts on line 3 (LF inside the quotes counts too).
            expect(result).toMatchObject({ rows: 3, skipped: 1 });
            expect(linesOf(result.csv)).toEqual(["H1,H2,Errors", "a,1,Import (create): Bad row", '"b\nc",2,Import (create): Bad row', "d,3,Import (create): Bad row"]);
        }
        // The last row without a line break after it.
        const last = await exportFailedRows("H\r\nx\r\ny", comma, [failure(3)], labels, quiet);
        expect(last.csv).toBe("H,Errors\r\ny,Import (create): Bad row\r\n");
        // An LF file (by its first line break) with a row ending in CR LF: the row without its line break.
        const mixed = await exportFailedRows("H\nx\r\ny\n", comma, [failure(2), failure(3)], labels, quiet);
        expect(mixed.csv).toBe("H,Errors\r\nx,Import (create): Bad row\r\ny,Import (create): Bad row\r\n");
    });

    it("skips and counts failures that match no row: no line, the header, blank lines, inside a record, beyond the end", async () => {
        const file = 'H1,H2\na,1\n\n"b\nc",2\nd,3\n';
        const result = await exportFailedRows(
            file,
            comma,
            [failure(null), failure(1), failure(3), failure(5), failure(6), failure(7), failure(8), failure(1000), failure(0), failure(2.5), failure(2), failure(2)],
            labels,
            quiet,
        );
        // Rows start on lines 2, 4 and 6; line 2 has two failures. 1 is the header, 3 blank, 5 inside the quoted field of
        // line 4, 7 the empty line after the last break, 8 and 1000 beyond it; null, 0 and 2.5 are no lines.
        expect(result).toMatchObject({ rows: 2, skipped: 9 });
        expect(linesOf(result.csv)).toEqual(["H1,H2,Errors", "a,1,Import (create): Bad row", "d,3,Import (create): Bad row"]);
    });

    it("leaves out a byte order mark, can leave out the errors column, and writes nothing for a file it can't read", async () => {
        const bom = "\uFEFFName,City\r\nAnna,Oslo\r\n";
        const result = await exportFailedRows(bom, comma, [failure(2)], labels, { ...quiet, errorsColumn: false });
        expect(result.csv).toBe("Name,City\r\nAnna,Oslo\r\n");
        const nothingFailed = await exportFailedRows(bom, comma, [], labels, quiet);
        expect(nothingFailed).toMatchObject({ csv: "Name,City,Errors\r\n", rows: 0, skipped: 0 });

        const xlsx = csvOptionsFor({ fielddelimitercode: 2, datadelimitercode: 1, isfirstrowheader: true, filetypecode: 3 });
        expect(await exportFailedRows(bom, xlsx, [failure(2), failure(3)], labels, quiet)).toMatchObject({ csv: "", rows: 0, skipped: 2 });
        expect(await exportFailedRows("", comma, [failure(2)], labels, quiet)).toMatchObject({ csv: "", rows: 0, skipped: 1 });
        expect(await exportFailedRows(null, comma, [failure(2)], labels, quiet)).toMatchObject({ csv: "", rows: 0, skipped: 1 });
    });

    it("stops when cancelled and writes nothing", async () => {
        const signal = { aborted: false };
        const big = "A,B\n" + "x,1\n".repeat(100_000);
        let yields = 0;
        const result = await exportFailedRows(big, comma, [failure(99_999)], labels, {
            signal,
            sliceChars: 1000,
            sliceBudgetMs: 0,
            yieldToHost: () => {
                if (++yields === 3) signal.aborted = true;
                return Promise.resolve();
            },
        });
        expect(result).toMatchObject({ csv: "", rows: 0, cancelled: true });
        expect(yields).toBe(3);
    });
});

describe("exportFailedRows on the sandbox's accounts.csv after a Run all", () => {
    it("exports exactly its failed source lines with the original header and their errors", async () => {
        jest.useFakeTimers();
        const dv = createFakeDataverse({ stepMs: 50 });
        try {
            const service = createImportService(dv.ports());
            for (const stage of ["parse", "transform", "import"] as const) {
                await service.startStage(stage, SEED_IMPORT_ID);
                await jest.advanceTimersByTimeAsync(5000);
            }
            jest.useRealTimers();
            const logs: ImportLogRow[] = [];
            let next: string | null = null;
            do {
                const page = await service.readLogPage(SEED_ACCOUNTS_FILE_ID, next);
                logs.push(...page.rows);
                next = page.next;
            } while (next !== null);
            const record = await service.readFileRecord(SEED_ACCOUNTS_FILE_ID, ["content", "fielddelimitercode", "datadelimitercode", "isfirstrowheader", "filetypecode", "headerrow"]);
            const content = record.content as string;
            const fileOptions = csvOptionsFor(record);
            // The fake logs a partial failure (record created without the lookup) in the Transform phase only.
            const failures = logs.map((l) => ({ ...l, partial: l.phase === 1 }));

            const result = await library.exportFailedRows(content, fileOptions, failures, labels);
            const source = content.split("\r\n");
            const bad = [...SEED_ACCOUNTS_BAD_LINES.ragged, SEED_ACCOUNTS_BAD_LINES.invalidEmail, SEED_ACCOUNTS_BAD_LINES.duplicate, SEED_ACCOUNTS_BAD_LINES.outOfRange, ...SEED_ACCOUNTS_BAD_LINES.lookupNotFound].sort((a, b) => a - b);
            expect(result).toMatchObject({ rows: bad.length, skipped: 0, cancelled: false });

            const out = linesOf(result.csv);
            expect(out[0]).toBe(`${source[0]},Errors`);
            expect(out).toHaveLength(bad.length + 1);
            bad.forEach((line, i) => {
                const written = out[i + 1];
                // The source line byte for byte, then the delimiter and one errors field.
                expect(written.startsWith(`${source[line - 1]},`)).toBe(true);
                const errors = Papa.parse<string[]>(written.slice(source[line - 1].length + 1)).data[0];
                expect(errors).toHaveLength(1);
                const mine = logs.filter((l) => l.lineNumber === line);
                expect(mine.length).toBeGreaterThan(0);
                for (const l of mine) expect(errors[0]).toContain(l.errorDescription);
                if (SEED_ACCOUNTS_BAD_LINES.lookupNotFound.includes(line as 20 | 23)) {
                    expect(errors[0]).toMatch(/^Partly failed: Transform: Primary Contact: /);
                } else {
                    expect(errors[0]).not.toContain("Partly failed");
                }
            });
            // The parse failures carry the platform's detail.
            expect(out[1]).toContain("Parse: The number of fields differs from the number of column headings. (Expected 8 fields, found 7");
        } finally {
            jest.useRealTimers();
            dv.dispose();
        }
    }, 30000);
});

describe("exportFailedRows with 10,000 failures in a large file", () => {
    /**
     * A header and `rows` data rows; every 7th has a quoted line break, every 11th a quoted delimiter. Rows with
     * i % 20 === 5 fail (10,000 of 200,000). Returns the content, the failures and the expected export.
     */
    function generate(rows: number) {
        const parts = ["First Name,Last Name,Email,Notes\r\n"];
        const failures: FailedRowInput[] = [];
        const expected = ["First Name,Last Name,Email,Notes,Errors"];
        let line = 2;
        for (let i = 0; i < rows; i++) {
            const notes = i % 7 === 0 ? `"first, line\nsecond ""line"""` : i % 11 === 0 ? `"a,b"` : `plain ${i}`;
            const record = `Anna${i},Smith,a${i}@example.com,${notes}`;
            parts.push(record, "\r\n");
            if (i % 20 === 5) {
                failures.push(failure(line, { headerColumn: "Email", columnValue: `a${i}@example.com`, errorDescription: `Rejected ${i}` }));
                expected.push(`${record},Import (create): Email: Rejected ${i}`);
            }
            line += i % 7 === 0 ? 2 : 1;
        }
        return { content: parts.join(""), failures: failures.reverse(), expected: expected.join("\r\n") + "\r\n" };
    }
    const { content, failures, expected } = generate(200_000);

    it("writes every failed row, in file order", async () => {
        expect(failures).toHaveLength(10_000);
        const result = await exportFailedRows(content, comma, failures, labels, quiet);
        expect(result).toMatchObject({ rows: 10_000, skipped: 0, cancelled: false });
        expect(result.csv).toBe(expected);
    });

    it("yields to the host between slices and within a slice, with the same output (fake clock)", async () => {
        let clock = 0;
        const yieldToHost = jest.fn(noYield);
        const progress: number[] = [];
        const result = await exportFailedRows(content, comma, failures, labels, { yieldToHost, now: () => (clock += 10), sliceBudgetMs: 50, onProgress: (f) => progress.push(f) });
        expect(result.csv).toBe(expected);
        expect(yieldToHost.mock.calls.length).toBeGreaterThan(20);
        // Every run between two yields stays within the budget but for one tick of the clock (the one that crossed it).
        expect(result.longestStepMs).toBeLessThanOrEqual(60);
        expect(progress[progress.length - 1]).toBe(1);
        for (let i = 1; i < progress.length; i++) expect(progress[i]).toBeGreaterThanOrEqual(progress[i - 1]);

        // One slice of short rows holding thousands of failures: it yields inside the slice too.
        const short = "A\n" + "x\n".repeat(20_000);
        const many = Array.from({ length: 20_000 }, (_, i) => failure(i + 2));
        let calls = 0;
        const inSlice = await exportFailedRows(short, comma, many, labels, {
            yieldToHost: () => {
                calls++;
                return Promise.resolve();
            },
            now: () => (clock += 10),
            sliceBudgetMs: 50,
            sliceChars: 1 << 20,
        });
        expect(inSlice.rows).toBe(20_000);
        expect(calls).toBeGreaterThan(30);
    });

    it("yields with setTimeout by default (timings are the bench's, never asserted here)", async () => {
        const spy = jest.spyOn(global, "setTimeout");
        let clock = 0;
        const result = await exportFailedRows(content, comma, failures, labels, { now: () => (clock += 100) });
        expect(result.csv).toBe(expected);
        expect(spy).toHaveBeenCalled();
        spy.mockRestore();
    });
});
