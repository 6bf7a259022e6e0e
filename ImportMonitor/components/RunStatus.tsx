/** What the run is doing and what went wrong, as message bars read out by screen readers. */
import * as React from "react";
import { MessageBar, MessageBarType, Stack } from "@fluentui/react";
import type { RunState } from "../hooks/importRunner";
import { nextStage } from "../domain/stageGating";
import { failureText } from "./failureText";
import { useLocalize } from "./LocalizeContext";

export interface RunStatusProps {
    state: RunState;
    canRunStages: boolean;
    hasImportId: boolean;
}

export function RunStatus({ state, canRunStages, hasImportId }: RunStatusProps): React.ReactElement | null {
    const t = useLocalize();
    const bars: React.ReactNode[] = [];
    const stageName = (stage: string | null) => (stage ? t(`Stage_${stage}`) : "");

    if (!canRunStages) {
        bars.push(
            <MessageBar key="unavailable" messageBarType={MessageBarType.info}>
                {t("Run_Unavailable")}
            </MessageBar>,
        );
    } else if (!hasImportId) {
        bars.push(
            <MessageBar key="unsaved" messageBarType={MessageBarType.info}>
                {t("Run_SaveFirst")}
            </MessageBar>,
        );
    }
    if (state.phase === "starting") {
        bars.push(
            <MessageBar key="starting" messageBarType={MessageBarType.info}>
                {t("Run_Starting", stageName(state.stage))}
            </MessageBar>,
        );
    }
    if (state.phase === "running") {
        const next = state.stage ? nextStage(state.stage) : null;
        const then = state.runAll && next && !state.stopRequested ? ` ${t("Run_ThenNext", stageName(next))}` : "";
        const stopping = state.runAll && state.stopRequested ? ` ${t("Run_StopRequested")}` : "";
        bars.push(
            <MessageBar key="running" messageBarType={MessageBarType.info}>
                {t("Run_Running", stageName(state.stage), Math.round(state.pollIntervalMs / 1000))}
                {then}
                {stopping}
            </MessageBar>,
        );
    }
    if (state.stale) {
        bars.push(
            <MessageBar key="stale" messageBarType={MessageBarType.warning} data-testid="run-stale">
                {t("Run_Stale", failureText(t, state.stale))}
            </MessageBar>,
        );
    }
    if (state.actionError) {
        bars.push(
            <MessageBar key="action" messageBarType={MessageBarType.error} data-testid="run-action-error">
                {t("Run_StartFailed", stageName(state.actionError.stage), failureText(t, state.actionError.failure))}
            </MessageBar>,
        );
    }
    if (state.jobFailure) {
        const key = state.jobFailure.canceled ? "Run_JobCanceled" : "Run_JobFailed";
        bars.push(
            <MessageBar key="job" messageBarType={MessageBarType.error} data-testid="run-job-failure">
                {t(key, stageName(state.jobFailure.stage), state.jobFailure.message || t("Failure_NoDetail"))}
            </MessageBar>,
        );
    }
    if (state.halted) {
        bars.push(
            <MessageBar key="halted" messageBarType={MessageBarType.warning}>
                {t("Run_Halted", stageName(state.halted.stage), t(state.halted.reason))}
            </MessageBar>,
        );
    }
    if (state.phase === "idle" && state.completed.length > 0 && !state.jobFailure && !state.halted && !state.stale) {
        const last = state.completed[state.completed.length - 1];
        bars.push(
            <MessageBar key="done" messageBarType={MessageBarType.success} data-testid="run-done">
                {t(last === "import" ? "Run_ImportDone" : "Run_StageDone", stageName(last))}
            </MessageBar>,
        );
    }
    if (bars.length === 0) return null;
    return (
        <Stack tokens={{ childrenGap: 4 }} role="status" aria-live="polite">
            {bars}
        </Stack>
    );
}
