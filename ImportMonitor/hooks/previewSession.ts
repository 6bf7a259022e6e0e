/**
 * The preview of one file over time, as plain TypeScript (usePreview.ts binds it to a view):
 *   size known from the list → (above CONFIRM_ABOVE_KB: ask first) → fetch the content on demand → preview at once
 *   → full scan in the background (progress, cancel) and, under the system map, the header ↔ column mapping.
 * Results are cached per file id + modifiedon. After dispose() nothing is reported any more and the scan stops.
 * No promise it starts can reject unhandled.
 *
 * The full scan also checks every row's values against the mapped columns (the preview's value checks, over the
 * whole file: ScanResult.values). So it starts once the mapping is known: at once when no columns need reading (not
 * applicable, or cached), else when they are read (ready: with the value checks; failed, no table…: without). A
 * scan waiting for the columns is "running" at 0 % and can be cancelled. When the columns arrive later (read again
 * after a failure) a scan that ran or runs without them runs again with them. Why not scan at once and check the
 * values in a second pass: that pass would parse the file again, where waiting costs the one request for the
 * columns (read once per table). Bench (bench/preview.mjs, section 2d, 100 MB, 20 columns): the scan alone 0.77 s,
 * with the value checks 1.42 s; papaparse's part of either, which a second pass adds again, about 0.5 s.
 */
import { csvOptionsFor, FileTypeCode, mapHeadersToColumns, previewCsv, scanCsv } from "../domain/csv";
import type { CsvOptions, CsvPreview, HeaderMapping, ScanResult, ScanSettings } from "../domain/csv";
import type { ImportService } from "../dataverse/importService";
import { readImportFileContent } from "../dataverse/importFileContent";
import type { ImportFileContent } from "../dataverse/importFileContent";
import type { TableColumnsResult } from "../dataverse/tableColumns";
import { createValueChecker, valueFormatsFrom } from "../domain/csv/valueChecks";
import type { DateFormattingLike, NumberFormattingLike, ValueChecker, ValueFormats } from "../domain/csv/valueChecks";
import { toFailure } from "../dataverse/failures";
import type { PreviewCache, PreviewCacheEntry } from "./previewCache";

import { CLOSED, CONFIRM_ABOVE_KB } from "./previewState";
import type { MappingState, PreviewScanSettings, PreviewState, PreviewTarget, ScanState } from "./previewState";

export { CLOSED, CONFIRM_ABOVE_KB } from "./previewState";
export type { MappingState, PreviewScanSettings, PreviewState, PreviewTarget, ScanState } from "./previewState";

export interface PreviewSessionDeps {
    service: ImportService;
    cache: PreviewCache;
    scan?: PreviewScanSettings;
}

function errorMessage(error: unknown): string {
    return error instanceof Error ? error.message : String(error);
}

/** One file's preview; every method is safe to call in any state (it does nothing where it does not apply). */
export interface PreviewSession {
    /** Shows the cached preview, asks to confirm a big download, or starts the download. */
    start(): void;
    /** The user confirmed the download of a big file. */
    confirm(): void;
    /** Tries the download again after a failure. */
    retry(): void;
    cancelScan(): void;
    /** Runs the full scan again after it was cancelled or failed. */
    restartScan(): void;
    /** Reads the table's columns again after a failure. */
    retryMapping(): void;
    /** Stops everything; the listener is not called any more. */
    dispose(): void;
}

export function createPreviewSession(target: PreviewTarget, deps: PreviewSessionDeps, listener: (state: PreviewState) => void): PreviewSession {
    const { service, cache } = deps;
    const { fileId, modifiedOn } = target;
    const formats = valueFormatsFrom(
        service.userFormats?.numberFormattingInfo as NumberFormattingLike | undefined,
        service.userFormats?.dateFormattingInfo as DateFormattingLike | undefined,
    );
    let state: PreviewState = CLOSED;
    let disposed = false;
    let loading = false;
    const reads = new AbortController();
    let scanController: AbortController | null = null;
    /** Whether the scan running (scanController's) checks the values: it has a checker, or waits for the columns. */
    let scanWithValues = false;
    /** Called when the mapping is known (not loading any more): the scan waiting for it starts. */
    let mappingKnown: (() => void)[] = [];
    let entry: PreviewCacheEntry | null = null;
    /** The target table's columns the mapping was made from (cached, or read by this session). */
    let columns: TableColumnsResult | null = null;

    function set(next: PreviewState): void {
        if (disposed) return;
        state = next;
        listener(next);
    }

    function patchReady(patch: { scan?: ScanState; mapping?: MappingState }): void {
        if (state.phase === "ready") set({ ...state, ...patch });
        if (patch.mapping && patch.mapping.status !== "loading") {
            const waiting = mappingKnown;
            mappingKnown = [];
            for (const resume of waiting) resume();
        }
    }

    function load(): void {
        if (loading || disposed) return;
        loading = true;
        set({ phase: "loading" });
        void runLoad();
    }

    /** Never rejects. */
    async function runLoad(): Promise<void> {
        try {
            const content = await readImportFileContent(service, fileId, { signal: reads.signal });
            loading = false;
            if (disposed) return;
            const options = csvOptionsFor(content);
            const preview = previewCsv(content.content, options);
            const loaded: PreviewCacheEntry = { modifiedOn: modifiedOn ?? 0, content, options, preview };
            if (modifiedOn !== null) cache.set(fileId, loaded);
            show(loaded);
        } catch (error) {
            loading = false;
            set({ phase: "failed", failure: toFailure(error) });
        }
    }

    function show(shown: PreviewCacheEntry): void {
        entry = shown;
        columns = shown.columns ?? null;
        const { content, options, preview } = shown;
        const scan: ScanState = shown.scan ? { status: "done", result: shown.scan } : { status: "notStarted" };
        const mapping = mappingWithoutRequest(content, options, preview);
        set({ phase: "ready", content, options, preview, scan, mapping: mapping ?? { status: "loading" } });
        if (options.fileType !== FileTypeCode.Csv) return;
        if (!shown.scan || lacksValues(shown.scan)) startScan(content, options);
        if (!mapping) loadMapping(content, preview);
    }

    /** The checker of every row's values, when the mapping is ready; null when the values can't be checked. */
    function fileValueChecker(): ValueChecker | null {
        return state.phase === "ready" && columns ? valueCheckerFor(columns, state.mapping, formats) : null;
    }

    /** A finished scan without value checks, where they can be done now. */
    function lacksValues(result: ScanResult): boolean {
        return !result.values && state.phase === "ready" && state.mapping.status === "ready" && columns !== null && columns.status === "ok";
    }

    /** Resolves once the mapping is known or the scan is cancelled. */
    function untilMappingKnown(signal: AbortSignal): Promise<void> {
        if (signal.aborted || state.phase !== "ready" || state.mapping.status !== "loading") return Promise.resolve();
        return new Promise((resolve) => {
            mappingKnown.push(resolve);
            signal.addEventListener("abort", () => resolve(), { once: true });
        });
    }

    /** The columns are known now: a scan that ran, or runs, without checking the values runs again with them. */
    function rescanWithValues(): void {
        if (state.phase !== "ready" || state.mapping.status !== "ready") return;
        const scan = state.scan;
        const stale = (scan.status === "done" && lacksValues(scan.result)) || (scan.status === "running" && !scanWithValues);
        if (stale) startScan(state.content, state.options);
    }

    /** The mapping when no request is needed (not applicable, or cached); null when the columns must be read. */
    function mappingWithoutRequest(content: ImportFileContent, options: CsvOptions, preview: CsvPreview): MappingState | null {
        if (options.fileType !== FileTypeCode.Csv) return { status: "notApplicable", reason: "notCsv" };
        if (!content.usesSystemMap) return { status: "notApplicable", reason: "dataMap" };
        if (preview.headerIsSynthetic) return { status: "notApplicable", reason: "noHeaderRow" };
        if (preview.headers.length === 0) return { status: "notApplicable", reason: "noHeaders" };
        const columns = entry?.columns;
        return columns ? mappingFrom(columns, preview, formats) : null;
    }

    function loadMapping(content: ImportFileContent, preview: CsvPreview): void {
        patchReady({ mapping: { status: "loading" } });
        void runMapping(content, preview, entry);
    }

    /** Never rejects. */
    async function runMapping(content: ImportFileContent, preview: CsvPreview, read: PreviewCacheEntry | null): Promise<void> {
        try {
            const tableColumns = await service.readTableColumns(content.targetTable || target.targetTable, headerTexts(preview));
            if (disposed) return;
            if (read) cache.update(fileId, read, { columns: tableColumns });
            columns = tableColumns;
            patchReady({ mapping: mappingFrom(tableColumns, preview, formats) });
            rescanWithValues();
        } catch (error) {
            patchReady({ mapping: { status: "failed", failure: toFailure(error) } });
        }
    }

    function startScan(content: ImportFileContent, options: CsvOptions): void {
        scanController?.abort();
        const controller = new AbortController();
        scanController = controller;
        scanWithValues = state.phase === "ready" && (state.mapping.status === "loading" || state.mapping.status === "ready");
        patchReady({ scan: { status: "running", fraction: 0 } });
        void runScan(content, options, controller, entry);
    }

    /** Never rejects. */
    async function runScan(content: ImportFileContent, options: CsvOptions, controller: AbortController, scanned: PreviewCacheEntry | null): Promise<void> {
        let fraction = 0;
        const current = () => !disposed && scanController === controller;
        const settings: ScanSettings = {
            ...deps.scan,
            signal: controller.signal,
            onProgress: (f) => {
                fraction = f;
                if (current() && !controller.signal.aborted) patchReady({ scan: { status: "running", fraction: f } });
            },
        };
        try {
            // The values are checked in the same pass: wait for the columns they are checked against.
            await untilMappingKnown(controller.signal);
            if (!current()) return;
            let checker: ValueChecker | null = null;
            if (!controller.signal.aborted) {
                checker = fileValueChecker();
                scanWithValues = checker !== null;
                if (checker) settings.onRow = (fields, line) => checker!.check(fields, line);
            }
            const rows = await scanCsv(content.content, options, settings);
            if (!current()) return;
            scanController = null;
            if (rows.cancelled) {
                patchReady({ scan: { status: "cancelled", fraction } });
                return;
            }
            const result: ScanResult = checker ? { ...rows, values: checker.summary() } : rows;
            if (scanned) cache.update(fileId, scanned, { scan: result });
            patchReady({ scan: { status: "done", result } });
        } catch (error) {
            if (!current()) return;
            scanController = null;
            patchReady({ scan: { status: "failed", message: errorMessage(error) } });
        }
    }

    return {
        start() {
            if (disposed) return;
            if (target.local) {
                // In memory already (a file being added): nothing to download, nothing to cache.
                const options = csvOptionsFor(target.local);
                show({ modifiedOn: 0, content: target.local, options, preview: previewCsv(target.local.content, options) });
                return;
            }
            const cached = cache.get(fileId, modifiedOn);
            if (cached) {
                show(cached);
                return;
            }
            if (target.sizeKb !== null && target.sizeKb > CONFIRM_ABOVE_KB) {
                set({ phase: "confirm", sizeKb: target.sizeKb });
                return;
            }
            load();
        },
        confirm() {
            if (state.phase === "confirm") load();
        },
        retry() {
            if (state.phase === "failed") load();
        },
        cancelScan() {
            scanController?.abort();
        },
        restartScan() {
            const s = state;
            if (s.phase !== "ready" || s.scan.status === "running" || s.scan.status === "done") return;
            startScan(s.content, s.options);
        },
        retryMapping() {
            const s = state;
            if (s.phase === "ready" && s.mapping.status === "failed") loadMapping(s.content, s.preview);
        },
        dispose() {
            disposed = true;
            reads.abort();
            scanController?.abort();
        },
    };
}

/**
 * A checker of every row's values against the columns the headings map to, as mappingFrom checks the preview's rows
 * (the same table-level checks); null unless the mapping is ready.
 */
function valueCheckerFor(columns: TableColumnsResult, mapping: MappingState, formats: ValueFormats): ValueChecker | null {
    if (columns.status !== "ok" || mapping.status !== "ready") return null;
    return checkerOf(columns, mapping.mappings, formats);
}

/** The value checker of a file's headings. Required columns no heading maps to are looked for only when the table's column list is complete. */
function checkerOf(columns: Extract<TableColumnsResult, { status: "ok" }>, mappings: HeaderMapping[], formats: ValueFormats): ValueChecker {
    return createValueChecker(mappings, formats, { columns: columns.complete ? columns.columns : undefined, alternateKeys: columns.alternateKeys });
}

function headerTexts(preview: CsvPreview): string[] {
    return preview.headers.map((h) => (h.kind === "text" ? h.text : ""));
}

/** The headings' columns, and the preview's rows checked against their rules. */
function mappingFrom(columns: TableColumnsResult, preview: CsvPreview, formats: ValueFormats): MappingState {
    if (columns.status !== "ok") return columns;
    const mappings = mapHeadersToColumns(headerTexts(preview), columns.columns);
    const checker = checkerOf(columns, mappings, formats);
    // A row with another number of fields than the header is a parse error of its own: its cells are not in their columns.
    const width = preview.headers.length;
    for (const row of preview.rows) if (row.fields.length === width) checker.check(row.fields, row.line);
    const ready: MappingState = { status: "ready", table: columns.table, complete: columns.complete, mappings, values: checker.summary(), datePattern: formats.shortDatePattern };
    // More headings than columns an import can fill: some data cannot go anywhere (known only from the whole column list).
    const fillable = columns.complete ? columns.columns.filter((c) => c.validForCreate !== false).length : null;
    if (fillable !== null && mappings.length > fillable) ready.tooManyColumns = { headings: mappings.length, columns: fillable };
    return ready;
}
