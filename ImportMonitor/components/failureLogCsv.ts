/** The failure log's phase names and its CSV export, in the user's language (resx). */
import { failureRowsCsv } from "../domain/failureExport";
import type { FailureRow } from "../domain/failureExport";
import type { Localize } from "../strings/localize";

/** importlog.logphasecode: 0 Parse, 1 Transform, 2 Import Create, 3 Import Update. */
export const LOG_PHASES = [0, 1, 2, 3];

export function phaseName(t: Localize, phase: number | null): string {
    return phase !== null && LOG_PHASES.includes(phase) ? t(`Log_Phase_${phase}`) : t("Value_Empty");
}

/** The rows as CSV: line, column, value, error, error code, phase, with localised headings. */
export function failureLogCsv(t: Localize, rows: readonly FailureRow[]): string {
    return failureRowsCsv(
        rows,
        {
            line: t("Log_Column_Line"),
            column: t("Log_Column_Column"),
            value: t("Log_Column_Value"),
            error: t("Log_Column_Error"),
            errorCode: t("Log_Column_ErrorCode"),
            phase: t("Log_Column_Phase"),
        },
        (phase) => phaseName(t, phase),
    );
}
