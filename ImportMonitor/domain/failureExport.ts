/** The failed rows of a file as CSV (papaparse's unparse): the platform's "Export Error Rows" habit. */
import Papa from "papaparse";
import { errorCodeText } from "./failureRow";
import type { FailureRow } from "./failureRow";

/** Starts like a spreadsheet formula; a plain negative number ("-40") is data, not a formula. */
const FORMULA_START = /^[=+@\t\r]|^-(?!\d+(\.\d+)?$)/;

/** `headings`: of line, column, value, error, error code, detail (importlog.additionalinfo) and phase, in this order. */
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
                r.additionalInfo ?? "",
                phaseName(r.phase),
            ]),
        },
        // Formula-looking values ("=HYPERLINK(…)") are escaped so a spreadsheet never runs them.
        { quotes: false, newline: "\r\n", escapeFormulae: FORMULA_START },
    );
}
