/**
 * Runs the import's stages and follows the import live, whoever started it (this control, the platform's
 * Import Data Wizard, another tab, code): one stage at a time, at most once per click. While anything is in
 * progress it polls, per tick, the import's system jobs (one request), its files (one request) and its
 * importlog rows counted by file and phase (one aggregate request): three requests whatever the number of
 * files, none while the tab is hidden or nothing is in progress. The interval stays short while something
 * changes and backs off while nothing does. "Run all" chains parse → transform → import, each started only
 * after the previous job succeeded, and can be stopped between stages.
 * Plain TypeScript (no React) so it can be driven by fake timers; useImportRun.ts binds it to a view.
 */
import type { ImportFileStatus } from "../domain/importFile";
import { sameLogged, sameStatus } from "../domain/importFile";
import { isUnfinished, jobMessage, jobOutcome } from "../domain/asyncJob";
import type { ImportJob } from "../domain/asyncJob";
import { fileSteps } from "../domain/processingSteps";
import { nextStage, stageGates } from "../domain/stageGating";
import type { GateReason, RunnableStage } from "../domain/stageGating";
import type { FailureCounts, ImportRecordStatus, ImportService, ReadOptions } from "../dataverse/importService";
import { toFailure } from "../dataverse/failures";
import type { DataverseFailure } from "../dataverse/failures";

/** The interval while counts move (ms). */
export const FIRST_POLL_MS = 1000;
export const MAX_POLL_MS = 10000;
/** How much longer each tick waits while nothing changed. */
export const POLL_BACKOFF = 1.5;
/** Ticks with nothing in progress before following a run started elsewhere ends (its next job may be on its way). */
export const IDLE_TICKS_TO_END = 2;
/** A check asked for within this long (ms) of the last read is skipped: its answer is already on screen. */
export const CHECK_MIN_GAP_MS = 3000;
/** The window (ms) over which the row rate is measured. */
export const RATE_WINDOW_MS = 30000;

export interface RunState {
    /** idle: nothing followed; starting: sending a stage; running: following a job or files in progress. */
    phase: "idle" | "starting" | "running";
    /** The stage being started or whose job is followed; after a run, the last one. */
    stage: RunnableStage | null;
    runAll: boolean;
    stopRequested: boolean;
    /** The system job followed; null while following files in progress whose job is not (yet) known. */
    jobId: string | null;
    /** The files' status from the latest read while followed, by file id: laid over the list's rows. */
    statuses: ReadonlyMap<string, ImportFileStatus> | null;
    /** Every file of the import from the latest read (kept when the overlay is dropped): the import's totals. */
    files: readonly ImportFileStatus[] | null;
    /** The import's system jobs from the latest read, newest first. */
    jobs: readonly ImportJob[] | null;
    /** The import record's status from the latest read. */
    importStatus: ImportRecordStatus | null;
    /** importlog rows by file and phase from the latest read; null until read. */
    failures: FailureCounts | null;
    /** Reading the failure counts failed (e.g. above the platform's 50,000-row aggregate limit); null when fine. */
    failuresError: DataverseFailure | null;
    /** The latest read failed: the screen shows the last known state, marked stale. */
    stale: DataverseFailure | null;
    /** A read is throttled: waiting this many ms for the service before trying again; 0 when not waiting. */
    throttledMs: number;
    /** Starting a stage failed; nothing is re-sent automatically. */
    actionError: { stage: RunnableStage; failure: DataverseFailure } | null;
    /** The stage's system job failed or was canceled. */
    jobFailure: { stage: RunnableStage; jobId: string; message: string; canceled: boolean } | null;
    /** Run all stopped before the next stage, and why (a resx key). */
    halted: { stage: RunnableStage; reason: GateReason } | null;
    /** Stages whose job succeeded while followed, in order. */
    completed: RunnableStage[];
    /** What is followed was started elsewhere (the wizard, another tab, code), not by a click here. */
    adopted: boolean;
    /** Rows processed per second over the last RATE_WINDOW_MS while rows are being counted; null otherwise. */
    rowsPerSecond: number | null;
    pollIntervalMs: number;
}

export const INITIAL_RUN_STATE: RunState = {
    phase: "idle",
    stage: null,
    runAll: false,
    stopRequested: false,
    jobId: null,
    statuses: null,
    files: null,
    jobs: null,
    importStatus: null,
    failures: null,
    failuresError: null,
    stale: null,
    throttledMs: 0,
    actionError: null,
    jobFailure: null,
    halted: null,
    completed: [],
    adopted: false,
    rowsPerSecond: null,
    pollIntervalMs: FIRST_POLL_MS,
};

export interface RunnerHost {
    /** Called once when a stage's job ends (succeeded, failed or canceled): refresh the dataset. */
    onStageEnd: () => void;
    setTimeout: (fn: () => void, ms: number) => unknown;
    clearTimeout: (handle: unknown) => void;
    /** ms since epoch. */
    now: () => number;
    /** The page's visibility; polling pauses while hidden. */
    isHidden: () => boolean;
    /** Calls the listener when the page becomes visible or hidden, or the window regains focus. */
    onVisibilityChange: (listener: () => void) => () => void;
}

export function browserHost(onStageEnd: () => void): RunnerHost {
    return {
        onStageEnd,
        setTimeout: (fn, ms) => window.setTimeout(fn, ms),
        clearTimeout: (handle) => window.clearTimeout(handle as number),
        now: () => Date.now(),
        isHidden: () => typeof document !== "undefined" && document.visibilityState === "hidden",
        onVisibilityChange: (listener) => {
            document.addEventListener("visibilitychange", listener);
            window.addEventListener("focus", listener);
            return () => {
                document.removeEventListener("visibilitychange", listener);
                window.removeEventListener("focus", listener);
            };
        },
    };
}

/** A file the server is working on now (a stage's statuscode or an in-pass processingstatus). */
export function inProgress(file: ImportFileStatus): boolean {
    const steps = fileSteps(file.processingStatus, file.statusCode);
    return steps.known && steps.running;
}

function processedRows(files: Iterable<ImportFileStatus>): number {
    let n = 0;
    for (const f of files) n += (f.successCount ?? 0) + (f.failureCount ?? 0) + (f.partialFailureCount ?? 0);
    return n;
}

function sameFailures(a: FailureCounts | null, b: FailureCounts | null): boolean {
    if (!a || !b) return a === b;
    return a.size === b.size && [...a].every(([id, c]) => sameLogged(c, b.get(id)));
}

function sameStatuses(a: ReadonlyMap<string, ImportFileStatus> | null, b: ReadonlyMap<string, ImportFileStatus>): boolean {
    if (!a) return false;
    return a.size === b.size && [...b].every(([id, s]) => {
        const old = a.get(id);
        return old !== undefined && sameStatus(old, s);
    });
}

function sameJobs(a: readonly ImportJob[] | null, b: readonly ImportJob[]): boolean {
    return !!a && a.length === b.length && a.every((j, i) => j.id === b[i].id && j.statusCode === b[i].statusCode && j.stateCode === b[i].stateCode);
}

/** The oldest unfinished stage job: the one the platform runs first (the others wait behind it). */
function unfinishedStageJob(jobs: readonly ImportJob[]): ImportJob | null {
    return [...jobs].reverse().find((j) => j.stage !== null && isUnfinished(j)) ?? null;
}

export class ImportRunner {
    private state: RunState = INITIAL_RUN_STATE;
    private readonly listeners = new Set<(state: RunState) => void>();
    private timer: unknown = null;
    private disposed = false;
    private readInFlight = false;
    private abort: AbortController | null = null;
    private readonly unlistenVisibility: () => void;
    /** Bumped for every stage started and every follow begun: a late answer for an earlier one is ignored. */
    private generation = 0;
    /** ms since epoch of the last completed read (check or tick). */
    private lastReadAt = -Infinity;
    private idleTicks = 0;
    /** Something changed since the dataset was last refreshed. */
    private refreshPending = false;
    private samples: { at: number; rows: number }[] = [];

    public constructor(
        private readonly service: ImportService,
        private readonly importId: string,
        private readonly host: RunnerHost,
    ) {
        this.unlistenVisibility = host.onVisibilityChange(() => this.onVisibility());
    }

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

    /** Starts one stage, or with `all` the rest of the sequence from it. Ignored while anything is followed. */
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

    /**
     * Looks once whether the import is in progress (on load, after a refresh, when the page is back in view):
     * an unfinished stage job, or one of `files` (the rows the list shows) in progress. If so, follows it as a
     * run started here is followed. Reads the jobs, the files (with the import record) and the failure counts: three requests,
     * skipped while busy, hidden, or within CHECK_MIN_GAP_MS of the last read.
     */
    public check(files: readonly ImportFileStatus[] = []): void {
        if (this.disposed || this.busy || this.readInFlight || this.host.isHidden()) return;
        if (this.host.now() - this.lastReadAt < CHECK_MIN_GAP_MS) return;
        void this.runCheck(files.some(inProgress));
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
        this.unlistenVisibility();
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

    private readOptions(): ReadOptions {
        return { signal: this.abort?.signal, onWait: (ms) => this.update({ throttledMs: ms }) };
    }

    /** Reads the failure counts; a failure there is shown with the counts, never turned into a failed tick. */
    private async readFailures(): Promise<Pick<RunState, "failures" | "failuresError">> {
        try {
            return { failures: await this.service.readFailureCounts(this.importId, this.readOptions()), failuresError: null };
        } catch (error) {
            return { failures: this.state.failures, failuresError: toFailure(error) };
        }
    }

    private async runCheck(filesInProgress: boolean): Promise<void> {
        const generation = this.generation;
        this.readInFlight = true;
        this.abort ??= new AbortController();
        try {
            const jobs = await this.service.readJobs(this.importId, this.readOptions());
            const { files, importStatus } = await this.service.readFiles(this.importId, this.readOptions());
            const failures = await this.readFailures();
            if (generation !== this.generation || this.busy) return;
            this.lastReadAt = this.host.now();
            const job = unfinishedStageJob(jobs);
            this.update({ jobs, files, importStatus, ...failures, stale: null, throttledMs: 0 });
            if (job || filesInProgress || files.some(inProgress)) this.follow(job);
        } catch (error) {
            if (generation === this.generation) this.update({ stale: toFailure(error) });
        } finally {
            this.readInFlight = false;
        }
    }

    /** Follows a run started elsewhere: `job` when known, else the files in progress until their job shows. */
    private follow(job: ImportJob | null): void {
        this.generation++;
        this.idleTicks = 0;
        this.samples = [];
        this.update({
            phase: "running",
            stage: job?.stage ?? this.state.stage,
            jobId: job?.id ?? null,
            adopted: true,
            runAll: false,
            stopRequested: false,
            completed: [],
            halted: null,
            actionError: null,
            jobFailure: null,
            pollIntervalMs: FIRST_POLL_MS,
        });
        this.abort = new AbortController();
        this.schedule(FIRST_POLL_MS);
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
        this.abort = new AbortController();
        try {
            const unfinished = unfinishedStageJob(await this.service.readJobs(this.importId, this.readOptions()));
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
        this.idleTicks = 0;
        this.update({ phase: "running", jobId, stage: followed, adopted });
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
        if (this.host.isHidden()) {
            this.clearTimer();
            return;
        }
        if (this.state.phase === "running") {
            if (!this.readInFlight && this.timer === null) this.schedule(0);
        } else {
            this.check(this.state.statuses ? [...this.state.statuses.values()] : []);
        }
    }

    /** The next interval: short while something changed, backing off while nothing does. */
    private interval(changed: boolean): number {
        return changed ? FIRST_POLL_MS : Math.min(Math.round(this.state.pollIntervalMs * POLL_BACKOFF), MAX_POLL_MS);
    }

    private rate(files: ReadonlyMap<string, ImportFileStatus>): number | null {
        const now = this.host.now();
        const rows = processedRows(files.values());
        const last = this.samples.at(-1);
        if (last?.rows !== rows) this.samples.push({ at: now, rows });
        this.samples = this.samples.filter((s) => now - s.at <= RATE_WINDOW_MS);
        const first = this.samples[0];
        const newest = this.samples[this.samples.length - 1];
        if (this.samples.length < 2 || newest.rows <= first.rows || newest.at <= first.at) return null;
        return ((newest.rows - first.rows) * 1000) / (newest.at - first.at);
    }

    private async poll(): Promise<void> {
        const { stage } = this.state;
        if (this.disposed || this.state.phase !== "running" || this.readInFlight) return;
        const generation = this.generation;
        this.readInFlight = true;
        try {
            // The jobs first, then the files: files read after a finished job already show its result.
            const jobs = await this.service.readJobs(this.importId, this.readOptions());
            const { files, importStatus } = await this.service.readFiles(this.importId, this.readOptions());
            const failures = await this.readFailures();
            if (generation !== this.generation) return;
            this.lastReadAt = this.host.now();
            const statuses = new Map(files.map((f) => [f.id, f]));
            const changed = !sameStatuses(this.state.statuses, statuses) || !sameJobs(this.state.jobs, jobs) || !sameFailures(this.state.failures, failures.failures);
            if (changed) this.refreshPending = true;
            const fresh = { statuses, files, jobs, importStatus, ...failures, stale: null, throttledMs: 0, rowsPerSecond: this.rate(statuses) };
            const job = this.state.jobId ? jobs.find((j) => j.id === this.state.jobId) : undefined;
            const outcome = job ? jobOutcome(job) : null;

            if (outcome === "running" || (!this.state.jobId && !this.state.adopted)) {
                this.keepPolling(fresh, changed);
                return;
            }
            if (job && stage && outcome !== null) {
                this.stageEnded();
                if (outcome !== "succeeded") {
                    this.finish({ ...fresh, jobFailure: { stage: job.stage ?? stage, jobId: job.id, message: jobMessage(job), canceled: outcome === "canceled" } });
                    return;
                }
                const completed = [...this.state.completed, job.stage ?? stage];
                if (!this.state.adopted) {
                    const next = nextStage(stage);
                    if (!this.state.runAll || this.state.stopRequested || !next) {
                        this.finish({ ...fresh, completed });
                        return;
                    }
                    const gate = stageGates(files)[next];
                    if (!gate.enabled) {
                        this.finish({ ...fresh, completed, halted: { stage: next, reason: gate.reason ?? "Gate_NotReady" } });
                        return;
                    }
                    this.update({ ...fresh, completed });
                    this.startStage(next);
                    return;
                }
                this.update({ completed, jobId: null });
            } else if (this.state.jobId && !job) {
                // The job followed is no longer among the import's jobs (deleted): follow what remains, if anything.
                this.update({ jobId: null });
            }
            // Following a run started elsewhere: its next job, the files still in progress, or the end.
            const next = unfinishedStageJob(jobs);
            if (next) {
                this.idleTicks = 0;
                this.update({ jobId: next.id, stage: next.stage });
                this.keepPolling(fresh, true);
                return;
            }
            if (files.some(inProgress) || ++this.idleTicks < IDLE_TICKS_TO_END) {
                this.keepPolling(fresh, changed);
                return;
            }
            if (this.refreshPending) this.stageEnded();
            this.finish(fresh);
        } catch (error) {
            if (generation !== this.generation) return;
            const failure = toFailure(error);
            // A deleted import, or a missing privilege, won't mend itself: stop following.
            if (failure.kind === "notFound" || failure.kind === "privilege") {
                this.stageEnded();
                this.finish({ stale: failure, throttledMs: 0 });
                return;
            }
            const pollIntervalMs = this.interval(false);
            this.update({ stale: failure, throttledMs: 0, pollIntervalMs });
            this.schedule(pollIntervalMs);
        } finally {
            this.readInFlight = false;
        }
    }

    private keepPolling(fresh: Partial<RunState>, changed: boolean): void {
        const pollIntervalMs = this.interval(changed);
        this.update({ ...fresh, pollIntervalMs });
        this.schedule(pollIntervalMs);
    }

    /** Refreshes the dataset once; a failure there must not turn into a failed poll of a finished job. */
    private stageEnded(): void {
        this.refreshPending = false;
        try {
            this.host.onStageEnd();
        } catch (error) {
            console.error("ImportMonitor: refreshing the dataset after a stage failed", error);
        }
    }

    private finish(patch: Partial<RunState>): void {
        this.clearTimer();
        this.abort = null;
        this.samples = [];
        this.update({ rowsPerSecond: null, ...patch, phase: "idle", stopRequested: false });
    }
}
