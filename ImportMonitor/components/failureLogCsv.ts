/** The failure log's phase names and its CSV export, in the user's language (resx). */
import type { CsvLibrary } from "../dataverse/csvLibrary";
import type { FailureRow } from "../domain/failureRow";
import type { Localize } from "../strings/localize";

/** importlog.logphasecode: 0 Parse, 1 Transform, 2 Import Create, 3 Import Update. */
export const LOG_PHASES = [0, 1, 2, 3];

export function phaseName(t: Localize, phase: number | null): string {
    return phase !== null && LOG_PHASES.includes(phase) ? t(`Log_Phase_${phase}`) : t("Value_Empty");
}

/** The rows as CSV: [file,] line, column, value, error, error code, detail, phase, with localised headings. */
export function failureLogCsv<R extends FailureRow>(t: Localize, csv: CsvLibrary, rows: readonly R[], fileName?: (row: R) => string): string {
    return csv.failureRowsCsv(
        rows,
        [
            ...(fileName ? [t("Log_Column_File")] : []),
            t("Log_Column_Line"),
            t("Log_Column_Column"),
            t("Log_Column_Value"),
            t("Log_Column_Error"),
            t("Log_Column_ErrorCode"),
            t("Log_Column_Detail"),
            t("Log_Column_Phase"),
        ],
        (phase) => phaseName(t, phase),
        fileName,
    );
}
