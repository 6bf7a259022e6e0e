/**
 * Benchmark only: the failure log of a file with 10,000 importlog rows, in node against the in-memory
 * Dataverse (no network latency, no rendering): the first page as the panel asks for it, every page the
 * way hooks/useImportLog.ts loads them (following the next link, concatenating), and the CSV export
 * (domain/failureExport.ts, papaparse's unparse) of all of them.
 */
import { performance } from "node:perf_hooks";
import { buildLargeSeed, createFakeDataverse } from "../../sandbox/dataverse";
import { createImportService, LOG_PAGE_SIZE } from "../../ImportMonitor/dataverse/importService";
import type { ImportLogRow } from "../../ImportMonitor/dataverse/importService";
import { failureLogCsv } from "../../ImportMonitor/components/failureLogCsv";
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
    return {
        logRows,
        pageSize: LOG_PAGE_SIZE,
        firstPage: { medianMs: median(first), rows: firstRows },
        allPages: { medianMs: median(all), pages, rows: rows.length },
        fakeOnly: { medianMs: median(raw) },
        exportCsv: { medianMs: median(exported), bytes },
        runs,
    };
}
