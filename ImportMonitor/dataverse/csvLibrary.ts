/**
 * The CSV library: ImportMonitor's CSV code (papaparse, the preview, the checks, the CSV exports) lives in a second
 * component, ImportMonitorCsv (../../ImportMonitorCsv), that the platform loads on demand, so this control's own
 * bundle.js stays within its size budget. This module is the only place that loads it.
 *
 * Platform facts (docs/platform-contract.md, "Dependent library"):
 * - a `<dependency type="control" name="<prefix>_<namespace>.<constructor>" load-type="onDemand" />` and
 *   `<platform-action action-type="afterPageLoad" />` in the manifest; the dependency loads when the control calls
 *   `context.utils.loadDependency(name)`, which resolves when it has loaded. Model-driven apps only; "check if the
 *   method is available before calling it" (@types/powerapps-component-framework, Utility.loadDependency);
 *   https://learn.microsoft.com/power-apps/developer/component-framework/dependent-libraries (preview).
 * - the library's script puts its API on the page's global object, as the tutorial's library does (`window.myLib`);
 *   https://learn.microsoft.com/power-apps/developer/component-framework/tutorial-use-dependent-libraries.
 *   What loadDependency resolves with is not documented: it is ignored, the global is read (assumed).
 */
import type * as Fluent from "@fluentui/react";
import type * as React from "react";
import type { AddFilesBodyProps } from "../components/AddFilesBody";
import type { FixFailuresProps } from "../components/FixFailures";
import type * as Localize from "../components/LocalizeContext";
import type { PreviewBodyProps } from "../components/PreviewBody";
import type { DecodedFile } from "../domain/addFiles";
import type * as FailedRows from "../domain/csv/failedRows";
import type { FailureRow } from "../domain/failureRow";
import type { PreviewCache } from "../hooks/previewCache";
import type { PreviewSession, PreviewSessionDeps, PreviewState, PreviewTarget } from "../hooks/previewSession";
import type { DataversePorts } from "./platform";
import type { TableColumnsOptions, TableColumnsResult } from "./tableColumns";

/** The version of the interface below; the library says which it implements, and any other is refused. */
export const CSV_LIBRARY_API_VERSION = 3;
/** The global the library's script sets (ImportMonitorCsv/library.ts). */
export const CSV_LIBRARY_GLOBAL = "ImportMonitorCsvLibrary";
/**
 * The manifest's `<dependency name>`: the library's solution name, `<publisher prefix>_<namespace>.<constructor>`.
 * Keep it equal to ControlManifest.Input.xml's (a jest test checks); solution/ refuses another prefix.
 */
export const CSV_LIBRARY_DEPENDENCY = "imon_ImportMonitor.ImportMonitorCsv";
/** How long a load may take before it counts as failed (ms). The platform gives no timeout of its own (assumed). */
export const CSV_LIBRARY_TIMEOUT_MS = 30000;

/** `context.utils.loadDependency`: resolves when the named dependency has loaded. */
export type LoadDependency = (dependencyName: string) => Promise<unknown>;

/** Reads the target table's columns for the header mapping (dataverse/tableColumns.ts), cached per table. */
export type TableColumnsReader = (table: string | null | undefined, headers: readonly string[]) => Promise<TableColumnsResult>;

/**
 * What the library's views take from the control: its React, Fluent UI and string context, the very instances it
 * renders with (one React for hooks, one Fluent for the theme and layers, one context for the strings).
 */
export interface CsvViewsHost {
    React: typeof React;
    Fluent: typeof Fluent;
    Localize: typeof Localize;
}

/** The views the library carries (ImportMonitorCsv/views.ts): this control's own components, run from the library. */
export interface CsvViews {
    PreviewBody: React.ComponentType<PreviewBodyProps>;
    AddFilesBody: React.ComponentType<AddFilesBodyProps>;
    FixFailures: React.ComponentType<FixFailuresProps>;
}

/** What the library provides (ImportMonitorCsv/library.ts builds it from this control's own modules). */
export interface CsvLibrary {
    readonly apiVersion: typeof CSV_LIBRARY_API_VERSION;
    /** hooks/previewSession.ts. */
    createPreviewSession(target: PreviewTarget, deps: PreviewSessionDeps, listener: (state: PreviewState) => void): PreviewSession;
    /** The control's preview cache (hooks/previewCache.ts), shared by every preview while the page lives. */
    readonly previewCache: PreviewCache;
    /** dataverse/tableColumns.ts createTableColumnsReader. */
    createTableColumnsReader(ports: Pick<DataversePorts, "getEntityMetadata" | "getJson">, options?: TableColumnsOptions): TableColumnsReader;
    /** domain/csv/droppedFile.ts: a dropped file's bytes decoded, its sep line used, its delimiter guessed. */
    readDroppedFile(bytes: Uint8Array): DecodedFile;
    /** domain/failureExport.ts: rows as CSV with papaparse's unparse. */
    failureRowsCsv<R extends FailureRow>(rows: readonly R[], headings: string[], phaseName: (phase: number | null) => string, fileName?: (row: R) => string): string;
    /** domain/csv/failedRows.ts: the failed rows' own source records, each with its errors, as CSV (in slices, yielding). */
    exportFailedRows: typeof FailedRows.exportFailedRows;
    /** The views, once `host` is given (their modules run then, not when the library loads). */
    loadViews(host: CsvViewsHost): Promise<CsvViews>;
}

/**
 * Why the library is not there: `noLoader` the host has no loadDependency (canvas apps, test harnesses);
 * `failed` loadDependency rejected, or resolved without the library's global; `timeout` it took longer than
 * CSV_LIBRARY_TIMEOUT_MS; `version` the global implements another apiVersion (a stale cached library).
 */
export type CsvLibraryUnavailableReason = "noLoader" | "failed" | "timeout" | "version";

export class CsvLibraryUnavailable extends Error {
    constructor(
        readonly reason: CsvLibraryUnavailableReason,
        readonly cause?: unknown,
    ) {
        super(`ImportMonitor: the CSV library is not available (${reason})`);
        this.name = "CsvLibraryUnavailable";
    }
}

function libraryIn(scope: Record<string, unknown>): CsvLibrary | CsvLibraryUnavailable | null {
    const value = scope[CSV_LIBRARY_GLOBAL] as Partial<CsvLibrary> | undefined;
    if (!value) return null;
    return value.apiVersion === CSV_LIBRARY_API_VERSION ? (value as CsvLibrary) : new CsvLibraryUnavailable("version");
}

/**
 * Returns `load()`: resolves with the library, loading it at most once at a time; a successful load is kept for the
 * page's life, a failed one is forgotten (the next call tries again). Rejects with a CsvLibraryUnavailable only.
 * `scope` is where the library's global is looked for (the page's `globalThis`).
 */
export function createCsvLibraryLoader(
    loadDependency: LoadDependency | undefined,
    scope: Record<string, unknown> = globalThis,
    timeoutMs: number = CSV_LIBRARY_TIMEOUT_MS,
): () => Promise<CsvLibrary> {
    let loading: Promise<CsvLibrary> | null = null;
    const settle = (): CsvLibrary => {
        const found = libraryIn(scope);
        if (found instanceof CsvLibraryUnavailable) throw found;
        if (!found) throw new CsvLibraryUnavailable("failed");
        return found;
    };
    const attempt = async (): Promise<CsvLibrary> => {
        const present = libraryIn(scope);
        if (present && !(present instanceof CsvLibraryUnavailable)) return present;
        if (!loadDependency) throw present ?? new CsvLibraryUnavailable("noLoader");
        let timer: ReturnType<typeof setTimeout> | undefined;
        const timeout = new Promise<never>((_resolve, reject) => {
            timer = setTimeout(() => reject(new CsvLibraryUnavailable("timeout")), timeoutMs);
        });
        try {
            await Promise.race([
                loadDependency(CSV_LIBRARY_DEPENDENCY).catch((error: unknown) => {
                    throw new CsvLibraryUnavailable("failed", error);
                }),
                timeout,
            ]);
        } finally {
            clearTimeout(timer);
        }
        return settle();
    };
    return () => {
        loading ??= attempt().catch((error: unknown) => {
            loading = null;
            throw error instanceof CsvLibraryUnavailable ? error : new CsvLibraryUnavailable("failed", error);
        });
        return loading;
    };
}
