/** What the run is doing and what went wrong, as message bars read out by screen readers. */
import * as React from "react";
import { MessageBarType, Stack } from "@fluentui/react";
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
}

export function RunStatus({ state, canRunStages, hasImportId, missingPrivileges }: RunStatusProps): React.ReactElement | null {
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
    if (state.phase === "running") {
        const next = state.stage ? nextStage(state.stage) : null;
        const then = state.runAll && next && !state.stopRequested ? ` ${t("Run_ThenNext", stageName(next))}` : "";
        const stopping = state.runAll && state.stopRequested ? ` ${t("Run_StopRequested")}` : "";
        bars.push(
            <Notice key="running" messageBarType={MessageBarType.info}>
                {t(state.adopted ? "Run_Adopted" : "Run_Running", stageName(state.stage))}
                {then}
                {stopping}
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
        const key = state.jobFailure.canceled ? "Run_JobCanceled" : "Run_JobFailed";
        bars.push(
            <Notice key="job" messageBarType={MessageBarType.error} data-testid="run-job-failure">
                {t(key, stageName(state.jobFailure.stage), state.jobFailure.message || t("Failure_NoDetail"))}
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
        bars.push(
            <Notice key="done" messageBarType={MessageBarType.success} data-testid="run-done">
                {t(last === "import" ? "Run_ImportDone" : "Run_StageDone", stageName(last))}
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
