/** The failed rows of a file as CSV (papaparse's unparse): the platform's "Export Error Rows" habit. */
import Papa from "papaparse";

/** Starts like a spreadsheet formula; a plain negative number ("-40") is data, not a formula. */
const FORMULA_START = /^[=+@\t\r]|^-(?!\d+(\.\d+)?$)/;

export interface FailureRow {
    lineNumber: number | null;
    headerColumn: string;
    columnValue: string;
    errorDescription: string;
    errorNumber: string;
    /** importlog.logphasecode: 0 Parse, 1 Transform, 2 Import Create, 3 Import Update. */
    phase: number | null;
}

/** Dataverse error numbers come signed (-2147220667); show them as the hex codes people search for. */
export function errorCodeText(errorNumber: string): string {
    const n = Number(errorNumber);
    if (errorNumber.trim() === "" || !Number.isInteger(n)) return errorNumber;
    return `0x${(n >>> 0).toString(16).toUpperCase().padStart(8, "0")}`;
}

/** `headings`: of line, column, value, error, error code and phase, in this order. */
/** `fileName`, when given, adds a first column naming each row's file (the import-wide log). */
export function failureRowsCsv<R extends FailureRow>(
    rows: readonly R[],
    headings: string[],
    phaseName: (phase: number | null) => string,
    fileName?: (row: R) => string,
): string {
    return Papa.unparse(
        {
            fields: headings,
            data: rows.map((r) => [
                ...(fileName ? [fileName(r)] : []),
                r.lineNumber === null ? "" : String(r.lineNumber),
                r.headerColumn,
                r.columnValue,
                r.errorDescription,
                errorCodeText(r.errorNumber),
                phaseName(r.phase),
            ]),
        },
        // Formula-looking values ("=HYPERLINK(…)") are escaped so a spreadsheet never runs them.
        { quotes: false, newline: "\r\n", escapeFormulae: FORMULA_START },
    );
}
