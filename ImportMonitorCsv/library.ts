/**
 * The CSV library's script (built by solution/buildCsvLibrary.mjs into libs/importMonitorCsv.js, a packaged_library
 * of this component): ImportMonitor's own CSV modules, bundled with papaparse, published on the page's global object
 * for ImportMonitor to find after `context.utils.loadDependency` (ImportMonitor/dataverse/csvLibrary.ts).
 * The modules stay in ImportMonitor/, where they belong; this file only says which of them the library carries.
 */
import { CSV_LIBRARY_API_VERSION, CSV_LIBRARY_GLOBAL } from "../ImportMonitor/dataverse/csvLibrary";
import type { CsvLibrary } from "../ImportMonitor/dataverse/csvLibrary";
import { createTableColumnsReader } from "../ImportMonitor/dataverse/tableColumns";
import { readDroppedFile } from "../ImportMonitor/domain/csv/droppedFile";
import { exportFailedRows } from "../ImportMonitor/domain/csv/failedRows";
import { failureRowsCsv } from "../ImportMonitor/domain/failureExport";
import { sharedPreviewCache } from "../ImportMonitor/hooks/previewCache";
import { createPreviewSession } from "../ImportMonitor/hooks/previewSession";
import { bindHost } from "./host";

export const library: CsvLibrary = {
    apiVersion: CSV_LIBRARY_API_VERSION,
    createPreviewSession,
    previewCache: sharedPreviewCache,
    createTableColumnsReader,
    exportFailedRows,
    failureRowsCsv,
    readDroppedFile,
    // The views' modules run here, after the control has given its React, Fluent and strings (host.ts).
    loadViews: async (host) => {
        bindHost(host);
        return import("./views");
    },
};

(globalThis as unknown as Record<string, unknown>)[CSV_LIBRARY_GLOBAL] = library;
