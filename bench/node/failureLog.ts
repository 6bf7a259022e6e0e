/**
 * Benchmark only: the failure log of a file with 10,000 importlog rows, in node against the in-memory
 * Dataverse (no network latency, no rendering): the first page as the panel asks for it, every page the
 * way hooks/useImportLog.ts loads them (following the next link, concatenating), and the CSV export
 * (domain/failureExport.ts, papaparse's unparse) of all of them. Then "Export failed rows" as source rows
 * (domain/csv/failedRows.ts): 10,000 failed rows, spread evenly, out of a ~100 MB file, yielding with setTimeout 0
 * as in the browser.
 */
import { performance } from "node:perf_hooks";
import { buildLargeSeed, createFakeDataverse } from "../../sandbox/dataverse";
import { createImportService, LOG_PAGE_SIZE } from "../../ImportMonitor/dataverse/importService";
import type { ImportLogRow } from "../../ImportMonitor/dataverse/importService";
import { failureLogCsv, phaseName } from "../../ImportMonitor/components/failureLogCsv";
import { csvOptionsFor } from "../../ImportMonitor/domain/csv/options";
import { DEFAULT_BUDGET_MS, type FailedRowInput } from "../../ImportMonitor/domain/csv/failedRows";
import { library as csvLibrary } from "../../ImportMonitorCsv/library";
import { createLocalize } from "../../ImportMonitor/strings/localize";

export interface FailureLogResult {
    logRows: number;
    pageSize: number;
    firstPage: { medianMs: number; rows: number };
    allPages: { medianMs: number; pages: number; rows: number };
    /** The same page reads straight on the fake's webApi port: the fake's own share of allPages. */
    fakeOnly: { medianMs: number };
    exportCsv: { medianMs: number; bytes: number };
    /** exportFailedRows: total time (yields included), the longest run between two yields (worst of the runs). */
    failedRows: { medianMs: number; longestStepMs: number; budgetMs: number; failures: number; fileBytes: number; fileRows: number; bytes: number };
    runs: number;
}

function median(values: number[]): number {
    const s = [...values].sort((a, b) => a - b);
    const m = s.length >> 1;
    return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export async function failureLog(strings: Readonly<Record<string, string>>, runs: number, logRows = 10000): Promise<FailureLogResult> {
    const seed = buildLargeSeed({ fileCount: 1, importLogCount: logRows, state: "completed" });
    const dv = createFakeDataverse({ seed, latencyMs: 0 });
    const service = createImportService(dv.ports());
    const fileId = seed.importFiles[0].importfileid;
    const t = createLocalize((key) => strings[key] ?? key);

    const first: number[] = [];
    const all: number[] = [];
    const exported: number[] = [];
    const raw: number[] = [];
    const ports = dv.ports();
    let firstRows = 0;
    let pages = 0;
    let rows: ImportLogRow[] = [];
    let bytes = 0;
    for (let run = 0; run <= runs; run++) {
        // Run 0 warms up and is not counted.
        let start = performance.now();
        const page = await service.readLogPage(fileId, null);
        const firstMs = performance.now() - start;
        firstRows = page.rows.length;

        start = performance.now();
        rows = [];
        pages = 0;
        let next: string | null = null;
        do {
            const p = await service.readLogPage(fileId, next);
            rows = rows.concat(p.rows);
            next = p.next;
            pages++;
        } while (next !== null);
        const allMs = performance.now() - start;

        // The same queries (captured from the request log) straight on the port, without the service.
        const queries = dv.requests.entries("retrieveMultiple:importlog").slice(-pages).map((e) => e.options);
        start = performance.now();
        for (const q of queries) await ports.webApi.retrieveMultipleRecords("importlog", q, LOG_PAGE_SIZE);
        const rawMs = performance.now() - start;

        start = performance.now();
        const csv = failureLogCsv(t, csvLibrary, rows);
        const exportMs = performance.now() - start;
        bytes = Buffer.byteLength(csv, "utf8");
        if (run > 0) {
            first.push(firstMs);
            all.push(allMs);
            exported.push(exportMs);
            raw.push(rawMs);
        }
    }
    dv.dispose();
    if (rows.length !== logRows) throw new Error(`failure log: loaded ${rows.length} rows, expected ${logRows}.`);
    const failedRows = await failedRowsExport(t, runs, logRows);
    return {
        logRows,
        pageSize: LOG_PAGE_SIZE,
        firstPage: { medianMs: median(first), rows: firstRows },
        allPages: { medianMs: median(all), pages, rows: rows.length },
        fakeOnly: { medianMs: median(raw) },
        exportCsv: { medianMs: median(exported), bytes },
        failedRows,
        runs,
    };
}

/** Source rows of the ~100 MB file (the seed's generated contacts, about 85 characters a row). */
const LARGE_FILE_ROWS = 1_200_000;

async function failedRowsExport(t: ReturnType<typeof createLocalize>, runs: number, failureCount: number): Promise<FailureLogResult["failedRows"]> {
    const file = buildLargeSeed({ fileCount: 1, rowsPerFile: LARGE_FILE_ROWS }).importFiles[0];
    const content = file.content ?? "";
    const options = csvOptionsFor(file);
    const every = Math.floor(LARGE_FILE_ROWS / failureCount);
    const failures: FailedRowInput[] = [];
    for (let i = 0; i < failureCount; i++) {
        const line = 2 + i * every + (every >> 1);
        failures.push({ lineNumber: line, headerColumn: "Email", columnValue: `row ${line}`, errorDescription: "The email address is not in a valid format.", errorNumber: "-2147220891", phase: 2, additionalInfo: "" });
    }
    const labels = { errorsHeading: "Errors", partialPrefix: "Partly failed: ", phaseName: (phase: number | null) => phaseName(t, phase) };
    const totals: number[] = [];
    let longest = 0;
    let bytes = 0;
    for (let run = 0; run <= runs; run++) {
        const start = performance.now();
        const result = await csvLibrary.exportFailedRows(content, options, failures, labels);
        const ms = performance.now() - start;
        if (result.rows !== failureCount) throw new Error(`failed rows: wrote ${result.rows} rows, expected ${failureCount}.`);
        bytes = Buffer.byteLength(result.csv, "utf8");
        if (run > 0) {
            totals.push(ms);
            longest = Math.max(longest, result.longestStepMs);
        }
    }
    return { medianMs: median(totals), longestStepMs: longest, budgetMs: DEFAULT_BUDGET_MS, failures: failureCount, fileBytes: Buffer.byteLength(content, "utf8"), fileRows: LARGE_FILE_ROWS, bytes };
}
