/**
 * The typed shape of an `importfile` row as the control uses it, whatever source it came from
 * (the PCF dataset or a Web API read). Codes are the table's own (see shared/reference).
 */

/** importfile.processingstatus */
export const ProcessingStatus = {
    NotStarted: 1,
    Parsing: 2,
    ParsingComplete: 3,
    ComplexTransformation: 4,
    LookupTransformation: 5,
    PicklistTransformation: 6,
    OwnerTransformation: 7,
    TransformationComplete: 8,
    ImportPass1: 9,
    ImportPass2: 10,
    ImportComplete: 11,
    PrimaryKeyTransformation: 12,
} as const;
export type ProcessingStatus = (typeof ProcessingStatus)[keyof typeof ProcessingStatus];

/** importfile.statuscode (and import.statuscode: same codes and labels) */
export const ImportFileStatusCode = {
    Submitted: 0,
    Parsing: 1,
    Transforming: 2,
    Importing: 3,
    Completed: 4,
    Failed: 5,
} as const;
export type ImportFileStatusCode = (typeof ImportFileStatusCode)[keyof typeof ImportFileStatusCode];

/** importfile.processcode */
export const ProcessCode = {
    Process: 1,
    Ignore: 2,
    Internal: 3,
} as const;
export type ProcessCode = (typeof ProcessCode)[keyof typeof ProcessCode];

/**
 * processingstatus, or what statuscode implies when it is empty: Submitted → Not Started,
 * Completed → Import Complete. Null when neither says (a running statuscode names no pass).
 */
export function effectiveProcessingStatus(processingStatus: number | null, statusCode: number | null): number | null {
    if (processingStatus !== null && processingStatus !== undefined) return processingStatus;
    if (statusCode === ImportFileStatusCode.Submitted) return ProcessingStatus.NotStarted;
    if (statusCode === ImportFileStatusCode.Completed) return ProcessingStatus.ImportComplete;
    return null;
}

/** A guid as Dataverse's Web API writes it: no braces, lower case. Ids from hosts are compared this way. */
export function normalizeGuid(id: string): string {
    return id.replace(/[{}]/g, "").toLowerCase();
}

/** The status and count columns: what a poll reads and what the stepper shows. */
export interface ImportFileStatus {
    id: string;
    /** null when the column is empty or holds a code this control does not know. */
    processingStatus: number | null;
    statusCode: number | null;
    processCode: number | null;
    successCount: number | null;
    failureCount: number | null;
    partialFailureCount: number | null;
    totalCount: number | null;
}

/**
 * importlog rows of one file by phase: Parse (logphasecode 0), Transform (1), Import (2 Create, 3 Update).
 * Numbers the platform gave (an aggregate count), never estimates.
 */
export interface PhaseCounts {
    parse: number;
    transform: number;
    import: number;
}

export function loggedTotal(logged: PhaseCounts | null | undefined): number {
    return logged ? logged.parse + logged.transform + logged.import : 0;
}

/**
 * A file has failures: failed or partly failed rows, a Failed status, or importlog rows of any phase (they are
 * written as each stage runs, so this holds before Import too).
 */
export function fileHasFailures(file: ImportFileStatus, logged: PhaseCounts | null | undefined): boolean {
    return (file.failureCount ?? 0) > 0 || (file.partialFailureCount ?? 0) > 0 || file.statusCode === ImportFileStatusCode.Failed || loggedTotal(logged) > 0;
}

/** One row of the list. */
export interface ImportFileRow extends ImportFileStatus {
    /** The file's importlog rows by phase, once read (the monitor's aggregate read); absent until then. */
    logged?: PhaseCounts | null;
    name: string;
    source: string;
    targetTable: string;
    /** importfile.size: text, kilobytes. */
    sizeKb: string;
    /** Formatted status reason as the platform formats it ("Completed"), or empty. */
    statusLabel: string;
    modifiedOn: Date | null;
    /** The platform's formatted modifiedon, in the user's format and time zone. */
    modifiedOnLabel: string;
    importId: string | null;
}

const statusKeys: (keyof ImportFileStatus)[] = [
    "processingStatus",
    "statusCode",
    "processCode",
    "successCount",
    "failureCount",
    "partialFailureCount",
    "totalCount",
];
const rowKeys: (keyof ImportFileRow)[] = [
    ...statusKeys,
    "name",
    "source",
    "targetTable",
    "sizeKb",
    "statusLabel",
    "modifiedOnLabel",
    "importId",
];

function sameValues<T>(a: T, b: T, keys: (keyof T)[]): boolean {
    return keys.every((k) => a[k] === b[k]);
}

export function sameStatus(a: ImportFileStatus, b: ImportFileStatus): boolean {
    return a.id === b.id && sameValues(a, b, statusKeys);
}

export function sameLogged(a: PhaseCounts | null | undefined, b: PhaseCounts | null | undefined): boolean {
    return a === b || (!!a && !!b && a.parse === b.parse && a.transform === b.transform && a.import === b.import);
}

export function sameRow(a: ImportFileRow, b: ImportFileRow): boolean {
    return a.id === b.id && sameValues(a, b, rowKeys) && a.modifiedOn?.getTime() === b.modifiedOn?.getTime() && sameLogged(a.logged, b.logged);
}

/**
 * Returns `next` with every row that did not change replaced by the previous object, and the previous
 * array itself when nothing changed: React then re-renders only the rows that changed.
 */
export function reuseUnchanged<T extends { id: string }>(
    previous: readonly T[],
    next: readonly T[],
    same: (a: T, b: T) => boolean,
): readonly T[] {
    const byId = new Map(previous.map((r) => [r.id, r]));
    let changed = previous.length !== next.length;
    const merged = next.map((row, i) => {
        const old = byId.get(row.id);
        if (old && same(old, row)) {
            if (previous[i] !== old) changed = true;
            return old;
        }
        changed = true;
        return row;
    });
    return changed ? merged : previous;
}

/** Status with the poll's fresh values laid over a list row (the row keeps its descriptive columns). */
export function withStatus(row: ImportFileRow, status: ImportFileStatus | undefined, logged?: PhaseCounts | null): ImportFileRow {
    const sameLog = logged === undefined || sameLogged(row.logged, logged);
    if ((!status || sameStatus(row, status)) && sameLog) return row;
    // The dataset's formatted status reason belongs to its statuscode: a newer one is labelled by the view.
    const relabel = status && status.statusCode !== row.statusCode ? { statusLabel: "" } : null;
    return { ...row, ...status, ...relabel, ...(sameLog ? null : { logged }), id: row.id };
}
