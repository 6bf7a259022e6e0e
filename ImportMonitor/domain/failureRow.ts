/** An importlog row as the failure log shows and exports it (failureExport.ts writes it as CSV). */
export interface FailureRow {
    lineNumber: number | null;
    headerColumn: string;
    columnValue: string;
    errorDescription: string;
    errorNumber: string;
    /** importlog.additionalinfo: the detail ("Expected 8 fields, found 7 …"), when read. */
    additionalInfo?: string;
    /** importlog.logphasecode: 0 Parse, 1 Transform, 2 Import Create, 3 Import Update. */
    phase: number | null;
}

/** Dataverse error numbers come signed (-2147220667); show them as the hex codes people search for. */
export function errorCodeText(errorNumber: string): string {
    const n = Number(errorNumber);
    if (errorNumber.trim() === "" || !Number.isInteger(n)) return errorNumber;
    return `0x${(n >>> 0).toString(16).toUpperCase().padStart(8, "0")}`;
}
