/**
 * The preview of one file over time, as plain TypeScript (usePreview.ts binds it to a view):
 *   size known from the list → (above CONFIRM_ABOVE_KB: ask first) → fetch the content on demand → preview at once
 *   → full scan in the background (progress, cancel) and, under the system map, the header ↔ column mapping.
 * Results are cached per file id + modifiedon. After dispose() nothing is reported any more and the scan stops.
 * No promise it starts can reject unhandled.
 */
import { csvOptionsFor, FileTypeCode, mapHeadersToColumns, previewCsv, scanCsv } from "../domain/csv";
import type { CsvOptions, CsvPreview, HeaderMapping, ScanResult, ScanSettings } from "../domain/csv";
import type { ImportService } from "../dataverse/importService";
import { readImportFileContent } from "../dataverse/importFileContent";
import type { ImportFileContent } from "../dataverse/importFileContent";
import type { TableColumnsResult } from "../dataverse/tableColumns";
import { toFailure } from "../dataverse/failures";
import type { DataverseFailure } from "../dataverse/failures";
import type { PreviewCache, PreviewCacheEntry } from "./previewCache";

/** Above this size (KB; 8 MB, the platform's upload limit) the user is asked before the content is downloaded. */
export const CONFIRM_ABOVE_KB = 8192;
/** Data rows the preview shows. */
export const PREVIEW_ROWS = 20;

export type ScanState =
    | { status: "notStarted" }
    | { status: "running"; fraction: number }
    | { status: "done"; result: ScanResult }
    | { status: "cancelled"; fraction: number }
    | { status: "failed"; message: string };

export type MappingState =
    /** The mapping is not checked: a data map decides it, the file has no header row, or nothing to map. */
    | { status: "notApplicable"; reason: "dataMap" | "noHeaderRow" | "noHeaders" | "notCsv" }
    | { status: "loading" }
    | { status: "ready"; table: string; mappings: HeaderMapping[]; complete: boolean }
    | { status: "noTable" }
    /** No column of the table could be read here: the headings were not checked. */
    | { status: "unavailable"; table: string }
    | { status: "failed"; failure: DataverseFailure };

export type PreviewState =
    | { phase: "closed" }
    /** Big file: waiting for the user to confirm the download. */
    | { phase: "confirm"; sizeKb: number }
    | { phase: "loading" }
    | { phase: "failed"; failure: DataverseFailure }
    | {
          phase: "ready";
          content: ImportFileContent;
          options: CsvOptions;
          preview: CsvPreview;
          /** Served from the cache: no request was made. */
          fromCache: boolean;
          scan: ScanState;
          mapping: MappingState;
      };

export const CLOSED: PreviewState = { phase: "closed" };

/** The file to preview, as the list knows it before any download. */
export interface PreviewTarget {
    fileId: string;
    /** modifiedon in ms, or null when unknown (then nothing is cached). */
    modifiedOn: number | null;
    /** importfile.size in KB, or null when unknown. */
    sizeKb: number | null;
    /** The list's target table, used when the record names none. */
    targetTable: string;
}

/** Scan knobs the tests (and a slow device) may set. */
export type PreviewScanSettings = Pick<ScanSettings, "yieldToHost" | "sliceBudgetMs" | "sliceChars" | "now">;

export interface PreviewSessionDeps {
    service: ImportService;
    cache: PreviewCache;
    confirmAboveKb?: number;
    previewRows?: number;
    scan?: PreviewScanSettings;
}

function errorMessage(error: unknown): string {
    return error instanceof Error ? error.message : String(error);
}

export class PreviewSession {
    private state: PreviewState = CLOSED;
    private disposed = false;
    private loading = false;
    private readonly reads = new AbortController();
    private scanController: AbortController | null = null;
    private entry: PreviewCacheEntry | null = null;

    public constructor(
        private readonly target: PreviewTarget,
        private readonly deps: PreviewSessionDeps,
        private readonly listener: (state: PreviewState) => void,
    ) {}

    public getState(): PreviewState {
        return this.state;
    }

    /** Shows the cached preview, asks to confirm a big download, or starts the download. */
    public start(): void {
        if (this.disposed) return;
        const cached = this.deps.cache.get(this.target.fileId, this.target.modifiedOn);
        if (cached) {
            this.show(cached, true);
            return;
        }
        const limit = this.deps.confirmAboveKb ?? CONFIRM_ABOVE_KB;
        if (this.target.sizeKb !== null && this.target.sizeKb > limit) {
            this.set({ phase: "confirm", sizeKb: this.target.sizeKb });
            return;
        }
        this.load();
    }

    /** The user confirmed the download of a big file. */
    public confirm(): void {
        if (this.state.phase === "confirm") this.load();
    }

    /** Tries the download again after a failure. */
    public retry(): void {
        if (this.state.phase === "failed") this.load();
    }

    public cancelScan(): void {
        this.scanController?.abort();
    }

    /** Runs the full scan again after it was cancelled or failed. */
    public restartScan(): void {
        const s = this.state;
        if (s.phase !== "ready" || s.scan.status === "running" || s.scan.status === "done") return;
        this.startScan(s.content, s.options);
    }

    /** Reads the table's columns again after a failure. */
    public retryMapping(): void {
        const s = this.state;
        if (s.phase === "ready" && s.mapping.status === "failed") this.loadMapping(s.content, s.preview);
    }

    /** Stops everything; the listener is not called any more. */
    public dispose(): void {
        this.disposed = true;
        this.reads.abort();
        this.scanController?.abort();
    }

    private set(state: PreviewState): void {
        if (this.disposed) return;
        this.state = state;
        this.listener(state);
    }

    private patchReady(patch: { scan?: ScanState; mapping?: MappingState }): void {
        if (this.state.phase !== "ready") return;
        this.set({ ...this.state, ...patch });
    }

    private load(): void {
        if (this.loading || this.disposed) return;
        this.loading = true;
        this.set({ phase: "loading" });
        void this.runLoad();
    }

    /** Never rejects. */
    private async runLoad(): Promise<void> {
        try {
            const content = await readImportFileContent(this.deps.service, this.target.fileId, { signal: this.reads.signal });
            this.loading = false;
            if (this.disposed) return;
            const options = csvOptionsFor(content);
            const preview = previewCsv(content.content, options, { rows: this.deps.previewRows ?? PREVIEW_ROWS });
            const entry: PreviewCacheEntry = { modifiedOn: this.target.modifiedOn ?? 0, content, options, preview };
            if (this.target.modifiedOn !== null) this.deps.cache.set(this.target.fileId, entry);
            this.show(entry, false);
        } catch (error) {
            this.loading = false;
            this.set({ phase: "failed", failure: toFailure(error) });
        }
    }

    private show(entry: PreviewCacheEntry, fromCache: boolean): void {
        this.entry = entry;
        const { content, options, preview } = entry;
        const csv = options.fileType === FileTypeCode.Csv;
        let scan: ScanState = { status: "notStarted" };
        if (entry.scan) scan = { status: "done", result: entry.scan };
        const mapping = this.mappingWithoutRequest(content, options, preview);
        this.set({ phase: "ready", content, options, preview, fromCache, scan, mapping: mapping ?? { status: "loading" } });
        if (!csv) return;
        if (!entry.scan) this.startScan(content, options);
        if (!mapping) this.loadMapping(content, preview);
    }

    /** The mapping when no request is needed (not applicable, or cached); null when the columns must be read. */
    private mappingWithoutRequest(content: ImportFileContent, options: CsvOptions, preview: CsvPreview): MappingState | null {
        if (options.fileType !== FileTypeCode.Csv) return { status: "notApplicable", reason: "notCsv" };
        if (!content.usesSystemMap) return { status: "notApplicable", reason: "dataMap" };
        if (preview.headerIsSynthetic) return { status: "notApplicable", reason: "noHeaderRow" };
        if (preview.headers.length === 0) return { status: "notApplicable", reason: "noHeaders" };
        const columns = this.entry?.columns;
        return columns ? mappingFrom(columns, preview) : null;
    }

    private loadMapping(content: ImportFileContent, preview: CsvPreview): void {
        this.patchReady({ mapping: { status: "loading" } });
        void this.runMapping(content, preview, this.entry);
    }

    /** Never rejects. */
    private async runMapping(content: ImportFileContent, preview: CsvPreview, entry: PreviewCacheEntry | null): Promise<void> {
        const table = content.targetTable || this.target.targetTable;
        try {
            const columns = await this.deps.service.readTableColumns(table, headerTexts(preview));
            if (this.disposed) return;
            if (entry) this.deps.cache.update(this.target.fileId, entry, { columns });
            this.patchReady({ mapping: mappingFrom(columns, preview) });
        } catch (error) {
            this.patchReady({ mapping: { status: "failed", failure: toFailure(error) } });
        }
    }

    private startScan(content: ImportFileContent, options: CsvOptions): void {
        this.scanController?.abort();
        const controller = new AbortController();
        this.scanController = controller;
        this.patchReady({ scan: { status: "running", fraction: 0 } });
        void this.runScan(content, options, controller, this.entry);
    }

    /** Never rejects. */
    private async runScan(content: ImportFileContent, options: CsvOptions, controller: AbortController, entry: PreviewCacheEntry | null): Promise<void> {
        let fraction = 0;
        const current = () => !this.disposed && this.scanController === controller;
        const settings: ScanSettings = {
            ...this.deps.scan,
            signal: controller.signal,
            onProgress: (f) => {
                fraction = f;
                if (current() && !controller.signal.aborted) this.patchReady({ scan: { status: "running", fraction: f } });
            },
        };
        try {
            const result = await scanCsv(content.content, options, settings);
            if (!current()) return;
            this.scanController = null;
            if (result.cancelled) {
                this.patchReady({ scan: { status: "cancelled", fraction } });
                return;
            }
            if (entry) this.deps.cache.update(this.target.fileId, entry, { scan: result });
            this.patchReady({ scan: { status: "done", result } });
        } catch (error) {
            if (!current()) return;
            this.scanController = null;
            this.patchReady({ scan: { status: "failed", message: errorMessage(error) } });
        }
    }
}

function headerTexts(preview: CsvPreview): string[] {
    return preview.headers.map((h) => (h.kind === "text" ? h.text : ""));
}

function mappingFrom(columns: TableColumnsResult, preview: CsvPreview): MappingState {
    if (columns.status !== "ok") return columns;
    return { status: "ready", table: columns.table, complete: columns.complete, mappings: mapHeadersToColumns(headerTexts(preview), columns.columns) };
}
