/**
 * The import as a whole, from its files' status and counts and its importlog counts: totals, and an outcome
 * that never shows failed rows as success. Pure: no React, no Web API.
 */
import { fileHasFailures, ImportFileStatusCode, loggedTotal } from "./importFile";
import type { ImportFileStatus, PhaseCounts } from "./importFile";
import { fileSteps } from "./processingSteps";
import { filesToProcess } from "./stageGating";

export interface ImportTotals {
    files: number;
    /** Sum of totalcount; null until every file to process has been counted. */
    total: number | null;
    success: number;
    partial: number;
    failure: number;
    /** importlog rows, all files and phases. */
    logged: number;
    /** Files with failed or partly failed rows, log rows, or a Failed status. */
    filesWithFailures: number;
    /** Failed rows: per file its failed and partly failed rows, or where it has none counted, its importlog rows. */
    failedRows: number;
    /** Every file to process has its success, failure and partial-failure counts: only then are the sums shown. */
    counted: boolean;
}

export type ImportOutcome = "notStarted" | "inProgress" | "partway" | "completed" | "completedWithFailures" | "failed";

export function importTotals(files: readonly ImportFileStatus[], logged: ReadonlyMap<string, PhaseCounts> | null): ImportTotals {
    const todo = filesToProcess(files);
    let total: number | null = todo.length > 0 ? 0 : null;
    const totals: ImportTotals = { files: todo.length, total: null, success: 0, partial: 0, failure: 0, logged: 0, filesWithFailures: 0, failedRows: 0, counted: todo.length > 0 };
    for (const f of todo) {
        const log = loggedTotal(logged?.get(f.id));
        totals.success += f.successCount ?? 0;
        totals.partial += f.partialFailureCount ?? 0;
        totals.failure += f.failureCount ?? 0;
        totals.logged += log;
        totals.counted &&= f.successCount !== null && f.failureCount !== null && f.partialFailureCount !== null;
        const rows = (f.failureCount ?? 0) + (f.partialFailureCount ?? 0);
        totals.failedRows += rows || log;
        if (fileHasFailures(f, logged?.get(f.id))) totals.filesWithFailures++;
        total = total !== null && f.totalCount !== null && f.totalCount > 0 ? total + f.totalCount : null;
    }
    totals.total = total;
    return totals;
}

/**
 * inProgress while followed or a file is being processed; failed when the import or a file is Failed;
 * completed (with failures when any row failed or was logged) when every file to process is Import
 * Complete; notStarted when none has started; partway otherwise (between stages).
 */
export function importOutcome(files: readonly ImportFileStatus[], totals: ImportTotals, importStatusCode: number | null, following: boolean): ImportOutcome {
    const steps = filesToProcess(files).map((f) => fileSteps(f.processingStatus, f.statusCode));
    if (following || steps.some((s) => s.known && s.running)) return "inProgress";
    if (importStatusCode === ImportFileStatusCode.Failed || steps.some((s) => s.failed)) return "failed";
    if (steps.length > 0 && steps.every((s) => s.known && s.finished)) {
        return totals.failure + totals.partial + totals.logged > 0 ? "completedWithFailures" : "completed";
    }
    if (steps.every((s) => s.known && s.current === "parse" && s.stages[0].state === "pending")) return "notStarted";
    return "partway";
}

/** Failed rows to report (see ImportTotals.failedRows). */
export function failedRows(totals: ImportTotals): number {
    return totals.failedRows;
}
