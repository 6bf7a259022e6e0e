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
export function failureRowsCsv(rows: readonly FailureRow[], headings: string[], phaseName: (phase: number | null) => string): string {
    return Papa.unparse(
        {
            fields: headings,
            data: rows.map((r) => [
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
