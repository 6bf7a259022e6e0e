/** Binds an ImportRunner to a view: one runner per import, disposed on unmount or when the import changes. */
import * as React from "react";
import type { ImportService } from "../dataverse/importService";
import { createImportRunner, INITIAL_RUN_STATE, browserHost } from "./importRunner";
import type { ImportRunner, RunState, RunnerHost } from "./importRunner";
import type { RunnableStage } from "../domain/stageGating";
import type { ImportFileStatus } from "../domain/importFile";

export interface ImportRun {
    state: RunState;
    start: (stage: RunnableStage, all?: boolean) => void;
    stopAfterStage: () => void;
    clearStatuses: () => void;
    /** Looks whether the import is in progress (anyone's run) and follows it; see ImportRunner.check. */
    check: (files: readonly ImportFileStatus[]) => void;
}

export function useImportRun(
    service: ImportService,
    importId: string | null,
    onStageEnd: () => void,
    host?: RunnerHost,
): ImportRun {
    const [state, setState] = React.useState<RunState>(INITIAL_RUN_STATE);
    const runnerRef = React.useRef<ImportRunner | null>(null);
    const onStageEndRef = React.useRef(onStageEnd);
    onStageEndRef.current = onStageEnd;

    React.useEffect(() => {
        if (!importId) return undefined;
        const runner = createImportRunner(service, importId, host ?? browserHost(() => onStageEndRef.current()));
        runnerRef.current = runner;
        setState(runner.getState());
        const unsubscribe = runner.subscribe(setState);
        return () => {
            unsubscribe();
            runner.dispose();
            if (runnerRef.current === runner) runnerRef.current = null;
            // A new import (or none) starts from a clean state, never a "running" that nobody follows.
            setState(INITIAL_RUN_STATE);
        };
    }, [service, importId, host]);

    const start = React.useCallback((stage: RunnableStage, all?: boolean) => {
        runnerRef.current?.start(stage, all === true);
    }, []);
    const stopAfterStage = React.useCallback(() => runnerRef.current?.stopAfterStage(), []);
    const clearStatuses = React.useCallback(() => runnerRef.current?.clearStatuses(), []);
    const check = React.useCallback((files: readonly ImportFileStatus[]) => runnerRef.current?.check(files), []);
    return { state, start, stopAfterStage, clearStatuses, check };
}
