/**
 * Runs the import's stages and follows their system jobs to the end: one stage at a time, at most once per
 * click, polling the files (one request) and the job (one request) per tick with a backing-off interval,
 * paused while the tab is hidden, stopped on dispose. "Run all" chains parse → transform → import, each
 * started only after the previous job succeeded, and can be stopped between stages.
 * Plain TypeScript (no React) so it can be driven by fake timers; useImportRun.ts binds it to a view.
 */
import type { ImportFileStatus } from "../domain/importFile";
import { jobMessage, jobOutcome } from "../domain/asyncJob";
import { nextStage, stageGates } from "../domain/stageGating";
import type { GateReason, RunnableStage } from "../domain/stageGating";
import type { ImportService } from "../dataverse/importService";
import { toFailure } from "../dataverse/failures";
import type { DataverseFailure } from "../dataverse/failures";

export const FIRST_POLL_MS = 1000;
export const MAX_POLL_MS = 10000;
export const POLL_BACKOFF = 1.5;

export interface RunState {
    phase: "idle" | "starting" | "running";
    /** The stage being started or whose job is running; after a run, the last one. */
    stage: RunnableStage | null;
    runAll: boolean;
    stopRequested: boolean;
    jobId: string | null;
    /** The files' status from the latest poll, by file id. */
    statuses: ReadonlyMap<string, ImportFileStatus> | null;
    /** The latest poll failed: the screen shows the last known state, marked stale. */
    stale: DataverseFailure | null;
    /** Starting a stage failed; nothing is re-sent automatically. */
    actionError: { stage: RunnableStage; failure: DataverseFailure } | null;
    /** The stage's system job failed or was canceled. */
    jobFailure: { stage: RunnableStage; message: string; canceled: boolean } | null;
    /** Run all stopped before the next stage, and why (a resx key). */
    halted: { stage: RunnableStage; reason: GateReason } | null;
    /** Stages whose job succeeded in this session, in order. */
    completed: RunnableStage[];
    /**
     * The job followed is one the control found unfinished (started elsewhere: the wizard, another tab, code)
     * instead of sending the action again.
     */
    adopted: boolean;
    pollIntervalMs: number;
}

export const INITIAL_RUN_STATE: RunState = {
    phase: "idle",
    stage: null,
    runAll: false,
    stopRequested: false,
    jobId: null,
    statuses: null,
    stale: null,
    actionError: null,
    jobFailure: null,
    halted: null,
    completed: [],
    adopted: false,
    pollIntervalMs: FIRST_POLL_MS,
};

export interface RunnerHost {
    /** Called once when a stage's job ends (succeeded, failed or canceled): refresh the dataset. */
    onStageEnd: () => void;
    setTimeout: (fn: () => void, ms: number) => unknown;
    clearTimeout: (handle: unknown) => void;
    /** The page's visibility; polling pauses while hidden. */
    isHidden: () => boolean;
    onVisibilityChange: (listener: () => void) => () => void;
}

export function browserHost(onStageEnd: () => void): RunnerHost {
    return {
        onStageEnd,
        setTimeout: (fn, ms) => window.setTimeout(fn, ms),
        clearTimeout: (handle) => window.clearTimeout(handle as number),
        isHidden: () => typeof document !== "undefined" && document.visibilityState === "hidden",
        onVisibilityChange: (listener) => {
            document.addEventListener("visibilitychange", listener);
            return () => document.removeEventListener("visibilitychange", listener);
        },
    };
}

export class ImportRunner {
    private state: RunState = INITIAL_RUN_STATE;
    private readonly listeners = new Set<(state: RunState) => void>();
    private timer: unknown = null;
    private disposed = false;
    private pollInFlight = false;
    private abort: AbortController | null = null;
    private unlistenVisibility: (() => void) | null = null;
    /** Bumped for every stage started: a late answer for an earlier stage is ignored. */
    private generation = 0;

    public constructor(
        private readonly service: ImportService,
        private readonly importId: string,
        private readonly host: RunnerHost,
    ) {}

    public getState(): RunState {
        return this.state;
    }

    public subscribe(listener: (state: RunState) => void): () => void {
        this.listeners.add(listener);
        return () => this.listeners.delete(listener);
    }

    public get busy(): boolean {
        return this.state.phase !== "idle";
    }

    /** Starts one stage, or with `all` the rest of the sequence from it. Ignored while a stage runs. */
    public start(stage: RunnableStage, all = false): boolean {
        if (this.disposed || this.busy) return false;
        this.update({ runAll: all, stopRequested: false, completed: [], halted: null, stale: null });
        this.startStage(stage);
        return true;
    }

    /** Run all: finish the current stage, then stop instead of starting the next. */
    public stopAfterStage(): void {
        if (this.busy && this.state.runAll) this.update({ stopRequested: true });
    }

    /** Drop the poll overlay (the dataset has caught up). */
    public clearStatuses(): void {
        if (!this.busy && this.state.statuses) this.update({ statuses: null, stale: null });
    }

    public dispose(): void {
        this.disposed = true;
        this.generation++;
        this.clearTimer();
        this.abort?.abort();
        this.unlistenVisibility?.();
        this.unlistenVisibility = null;
        this.listeners.clear();
    }

    private update(patch: Partial<RunState>): void {
        if (this.disposed) return;
        this.state = { ...this.state, ...patch };
        for (const listener of this.listeners) listener(this.state);
    }

    private clearTimer(): void {
        if (this.timer !== null) this.host.clearTimeout(this.timer);
        this.timer = null;
    }

    private startStage(stage: RunnableStage): void {
        const generation = ++this.generation;
        this.update({ phase: "starting", stage, jobId: null, actionError: null, jobFailure: null, adopted: false, pollIntervalMs: FIRST_POLL_MS });
        void this.awaitJob(stage, generation);
    }

    /**
     * Follows the import's unfinished job when there is one (a second action would queue a second job behind
     * it: docs/platform-contract.md, "Import messages"), else sends the stage's action once.
     */
    private async awaitJob(stage: RunnableStage, generation: number): Promise<void> {
        let jobId: string;
        let followed = stage;
        let adopted = false;
        try {
            const unfinished = await this.service.findUnfinishedJob(this.importId, { signal: this.abort?.signal });
            if (generation !== this.generation) return;
            if (unfinished) {
                jobId = unfinished.id;
                followed = unfinished.stage ?? stage;
                adopted = true;
            } else {
                jobId = await this.service.startStage(stage, this.importId);
            }
        } catch (error) {
            if (generation === this.generation) this.update({ phase: "idle", actionError: { stage, failure: toFailure(error) } });
            return;
        }
        if (generation !== this.generation) return;
        this.update({ phase: "running", jobId, stage: followed, adopted });
        this.abort = new AbortController();
        this.unlistenVisibility ??= this.host.onVisibilityChange(() => this.onVisibility());
        this.schedule(FIRST_POLL_MS);
    }

    private schedule(ms: number): void {
        this.clearTimer();
        if (this.disposed || this.host.isHidden()) return;
        this.timer = this.host.setTimeout(() => {
            this.timer = null;
            void this.poll();
        }, ms);
    }

    private onVisibility(): void {
        if (this.state.phase !== "running" || this.host.isHidden()) {
            this.clearTimer();
            return;
        }
        if (!this.pollInFlight) this.schedule(0);
    }

    private async poll(): Promise<void> {
        const { jobId, stage } = this.state;
        if (this.disposed || this.state.phase !== "running" || !jobId || !stage || this.pollInFlight) return;
        const generation = this.generation;
        const signal = this.abort?.signal;
        this.pollInFlight = true;
        try {
            // The job first, then the files: files read after a finished job already show its result.
            const job = await this.service.readJob(jobId, { signal });
            const files = await this.service.readFileStatuses(this.importId, { signal });
            if (generation !== this.generation) return;
            const statuses = new Map(files.map((f) => [f.id, f]));
            const outcome = jobOutcome(job);
            if (outcome === "running") {
                const pollIntervalMs = Math.min(Math.round(this.state.pollIntervalMs * POLL_BACKOFF), MAX_POLL_MS);
                this.update({ statuses, stale: null, pollIntervalMs });
                this.schedule(pollIntervalMs);
                return;
            }
            this.stageEnded();
            if (outcome !== "succeeded") {
                this.finish({ statuses, stale: null, jobFailure: { stage, message: jobMessage(job), canceled: outcome === "canceled" } });
                return;
            }
            const completed = [...this.state.completed, stage];
            const next = nextStage(stage);
            if (!this.state.runAll || this.state.stopRequested || !next) {
                this.finish({ statuses, stale: null, completed });
                return;
            }
            const gate = stageGates(files)[next];
            if (!gate.enabled) {
                this.finish({ statuses, stale: null, completed, halted: { stage: next, reason: gate.reason ?? "Gate_NotReady" } });
                return;
            }
            this.update({ statuses, stale: null, completed });
            this.startStage(next);
        } catch (error) {
            if (generation !== this.generation) return;
            const failure = toFailure(error);
            // A deleted import or job, or a missing privilege, won't mend itself: stop following.
            if (failure.kind === "notFound" || failure.kind === "privilege") {
                this.stageEnded();
                this.finish({ stale: failure });
                return;
            }
            const pollIntervalMs = Math.min(Math.round(this.state.pollIntervalMs * POLL_BACKOFF), MAX_POLL_MS);
            this.update({ stale: failure, pollIntervalMs });
            this.schedule(pollIntervalMs);
        } finally {
            this.pollInFlight = false;
        }
    }

    /** Refreshes the dataset once; a failure there must not turn into a failed poll of a finished job. */
    private stageEnded(): void {
        try {
            this.host.onStageEnd();
        } catch (error) {
            console.error("ImportMonitor: refreshing the dataset after a stage failed", error);
        }
    }

    private finish(patch: Partial<RunState>): void {
        this.clearTimer();
        this.abort = null;
        this.unlistenVisibility?.();
        this.unlistenVisibility = null;
        this.update({ ...patch, phase: "idle", stopRequested: false });
    }
}
