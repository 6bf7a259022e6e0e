/** What the run is doing and what went wrong, as message bars read out by screen readers. */
import * as React from "react";
import { Link, MessageBarType, Stack } from "@fluentui/react";
import { failedRows, importTotals } from "../domain/importSummary";
import { ImportFileStatusCode } from "../domain/importFile";
import { isActive } from "../hooks/importRunner";
import type { RunState } from "../hooks/importRunner";
import { nextStage } from "../domain/stageGating";
import { failureText } from "./failureText";
import { useLocalize } from "./LocalizeContext";
import { Notice } from "./Notice";

export interface RunStatusProps {
    state: RunState;
    canRunStages: boolean;
    hasImportId: boolean;
    /** Privileges the stages need that the user lacks; empty or null when none is known to be missing. */
    missingPrivileges: readonly string[] | null;
    /** Opens a system job's form; absent where the host cannot navigate. */
    onOpenJob?: (jobId: string) => void;
}

export function RunStatus({ state, canRunStages, hasImportId, missingPrivileges, onOpenJob }: RunStatusProps): React.ReactElement | null {
    const t = useLocalize();
    const bars: React.ReactNode[] = [];
    const stageName = (stage: string | null) => (stage ? t(`Stage_${stage}`) : "");

    if (!canRunStages) {
        bars.push(
            <Notice key="unavailable" messageBarType={MessageBarType.info}>
                {t("Run_Unavailable")}
            </Notice>,
        );
    } else if (!hasImportId) {
        bars.push(
            <Notice key="unsaved" messageBarType={MessageBarType.info}>
                {t("Run_SaveFirst")}
            </Notice>,
        );
    } else if (missingPrivileges && missingPrivileges.length > 0) {
        bars.push(
            <Notice key="privileges" messageBarType={MessageBarType.warning} data-testid="run-privileges">
                {t("Run_MissingPrivileges", missingPrivileges.join(t("Value_ListSeparator")))}
            </Notice>,
        );
    }
    if (state.phase === "starting") {
        bars.push(
            <Notice key="starting" messageBarType={MessageBarType.info}>
                {t("Run_Starting", stageName(state.stage))}
            </Notice>,
        );
    }
    if (state.phase === "running" && isActive(state)) {
        const next = state.stage ? nextStage(state.stage) : null;
        const then = state.runAll && next && !state.stopRequested ? ` ${t("Run_ThenNext", stageName(next))}` : "";
        const stopping = state.runAll && state.stopRequested ? ` ${t("Run_StopRequested")}` : "";
        bars.push(
            <Notice key="running" messageBarType={MessageBarType.info}>
                {state.adopted && !state.jobId ? t("Run_Following") : t(state.adopted ? "Run_Adopted" : "Run_Running", stageName(state.stage))}
                {then}
                {stopping}
            </Notice>,
        );
    }
    if (state.throttledMs > 0) {
        bars.push(
            <Notice key="throttled" messageBarType={MessageBarType.info} data-testid="run-throttled">
                {t("Run_Throttled", Math.ceil(state.throttledMs / 1000))}
            </Notice>,
        );
    }
    if (state.stale) {
        bars.push(
            <Notice key="stale" messageBarType={MessageBarType.warning} data-testid="run-stale">
                {t("Run_Stale", failureText(t, state.stale))}
            </Notice>,
        );
    }
    if (state.actionError) {
        bars.push(
            <Notice key="action" messageBarType={MessageBarType.error} data-testid="run-action-error">
                {t("Run_StartFailed", stageName(state.actionError.stage), failureText(t, state.actionError.failure))}
            </Notice>,
        );
    }
    if (state.jobFailure) {
        const { canceled, stage, message, jobId } = state.jobFailure;
        const filesFailed = (state.files ?? []).some((f) => f.statusCode === ImportFileStatusCode.Failed);
        bars.push(
            <Notice key="job" messageBarType={MessageBarType.error} data-testid="run-job-failure">
                {t(canceled ? "Run_JobCanceled" : "Run_JobFailed", stageName(stage), message || t("Failure_NoDetail"))} {t(canceled ? "Run_JobCanceledNext" : filesFailed ? "Run_JobFailedNext" : "Run_JobFailedRetry")}{" "}
                {onOpenJob && <Link onClick={() => onOpenJob(jobId)}>{t("Summary_OpenJob")}</Link>}
            </Notice>,
        );
    }
    if (state.stalledSince !== null) {
        bars.push(
            <Notice key="stalled" messageBarType={MessageBarType.warning} data-testid="run-stalled">
                {t("Run_Stalled", new Date(state.stalledSince).toLocaleTimeString())}
            </Notice>,
        );
    }
    if (state.halted) {
        bars.push(
            <Notice key="halted" messageBarType={MessageBarType.warning}>
                {t("Run_Halted", stageName(state.halted.stage), t(state.halted.reason))}
            </Notice>,
        );
    }
    if (state.phase === "idle" && state.completed.length > 0 && !state.jobFailure && !state.halted && !state.stale) {
        const last = state.completed[state.completed.length - 1];
        // Rows that failed make the end a warning, never a success.
        const totals = importTotals(state.files ?? [], state.failures);
        const failed = failedRows(totals);
        bars.push(
            // Success only when the failure log could be counted and shows none.
            <Notice key="done" messageBarType={failed > 0 ? MessageBarType.warning : state.failures && !state.failuresError ? MessageBarType.success : MessageBarType.info} data-testid="run-done">
                {failed > 0
                    ? t(last === "import" ? "Run_ImportDoneWithFailures" : "Run_StageDoneWithFailures", stageName(last), failed, totals.filesWithFailures)
                    : t(last === "import" ? "Run_ImportDone" : "Run_StageDone", stageName(last))}
            </Notice>,
        );
    }
    if (bars.length === 0) return null;
    return (
        // Each message bar is its own live region (Fluent's MessageBar): no second one around them.
        <Stack tokens={{ childrenGap: 4 }}>
            {bars}
        </Stack>
    );
}
