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
import { isUnfinished, jobMessage, jobOutcome, latestRunJobs } from "../domain/asyncJob";
import type { ImportJob } from "../domain/asyncJob";
import { fileSteps } from "../domain/processingSteps";
import { nextStage, stageGates } from "../domain/stageGating";
import type { GateReason, RunnableStage } from "../domain/stageGating";
import type { FailureCounts, ImportRecordStatus, ImportService, ReadOptions } from "../dataverse/importService";
import { toFailure } from "../dataverse/failures";
import type { DataverseFailure } from "../dataverse/failures";

/** The shortest interval (ms): the first tick, and while counts move every second or faster. */
export const FIRST_POLL_MS = 1000;
export const MAX_POLL_MS = 10000;
/** How much longer each tick waits while nothing changed. */
export const POLL_BACKOFF = 1.5;
/**
 * After a change, the next tick comes after this share of the time since the change before it (at least
 * FIRST_POLL_MS): a file whose counts move every 2 s is polled every second, one that moves every 30 s about
 * every 7.5 s, so a change is shown within a quarter of the import's own pace and a slow import costs few reads.
 */
export const CHANGE_PACE_SHARE = 0.25;
/** Ticks with nothing in progress before following a run started elsewhere ends (its next job may be on its way). */
export const IDLE_TICKS_TO_END = 2;
/** A check asked for within this long (ms) of the last read waits until then: its answer is already on screen. */
export const CHECK_MIN_GAP_MS = 1000;
/** Following files in progress with no system job running ends after this long (ms) without any change. */
export const STALL_MS = 60000;
/**
 * After following a run started elsewhere that left the import part-way (the wizard submits its next job a
 * moment later), the control looks again WATCH_CHECKS times, WATCH_MS apart (one check, three reads, each).
 */
export const WATCH_MS = 30000;
export const WATCH_CHECKS = 3;
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
    /** Following files in progress stopped: no system job runs and nothing changed since this time (ms). */
    stalledSince: number | null;
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
    stalledSince: null,
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

/**
 * Something is actually in progress: a stage job followed or started, or a file in an active status; false
 * during the few ticks after a run ended (following lingers in case the wizard submits its next job).
 */
export function isActive(state: RunState): boolean {
    return state.phase === "starting" || (state.phase === "running" && (state.jobId !== null || (state.files ?? []).some(inProgress)));
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

/**
 * The stages whose jobs succeeded since the latest run's parse job (newest first in `jobs`), in run order; at
 * least those already `seen` (a job older than the ten read is still counted).
 */
function succeededStages(jobs: readonly ImportJob[], seen: readonly RunnableStage[]): RunnableStage[] {
    const run = latestRunJobs(jobs).reverse();
    const done = run.filter((j) => jobOutcome(j) === "succeeded").map((j) => j.stage!);
    return done.length >= seen.length ? done : [...seen];
}

/** Some file to process has started but not finished (nor failed): the import is between stages. */
function partway(files: readonly ImportFileStatus[]): boolean {
    return files.some((f) => {
        const st = fileSteps(f.processingStatus, f.statusCode);
        return st.known && !st.finished && !st.failed && !(st.current === "parse" && st.stages[0].state === "pending");
    });
}

/** The oldest unfinished stage job: the one the platform runs first (the others wait behind it). */
function unfinishedStageJob(jobs: readonly ImportJob[]): ImportJob | null {
    return [...jobs].reverse().find((j) => j.stage !== null && isUnfinished(j)) ?? null;
}

/** Runs and follows one import; see the file's docstring. Create with createImportRunner. */
export interface ImportRunner {
    getState(): RunState;
    subscribe(listener: (state: RunState) => void): () => void;
    /** Something is being started or followed. */
    readonly busy: boolean;
    /** Starts one stage, or with `all` the rest of the sequence from it. False (ignored) while anything is followed. */
    start(stage: RunnableStage, all?: boolean): boolean;
    /** Run all: finish the current stage, then stop instead of starting the next. */
    stopAfterStage(): void;
    /**
     * Looks once whether the import is in progress (on load, after a refresh, when the page is back in view):
     * an unfinished stage job, or one of `files` (the rows the list shows) in progress. If so, follows it as a
     * run started here is followed. Reads the jobs, the files (with the import record) and the failure counts:
     * three requests, skipped while busy, hidden, or within CHECK_MIN_GAP_MS of the last read.
     */
    check(files?: readonly ImportFileStatus[]): void;
    /** Drop the poll overlay (the dataset has caught up). */
    clearStatuses(): void;
    /** Stops every timer and read; no request or state change after. */
    dispose(): void;
}

export function createImportRunner(service: ImportService, importId: string, host: RunnerHost): ImportRunner {
    let state: RunState = INITIAL_RUN_STATE;
    const listeners = new Set<(state: RunState) => void>();
    let timer: unknown = null;
    let disposed = false;
    /** The generation whose read (a check or a tick) is in flight; null when none is. */
    let reading: number | null = null;
    let deferred: unknown = null;
    let watchTimer: unknown = null;
    let watchLeft = 0;
    let abort: AbortController | null = null;
    /** Bumped for every stage started and every follow begun: a late answer for an earlier one is ignored. */
    let generation = 0;
    /** ms since epoch of the last completed read (check or tick). */
    let lastReadAt = -Infinity;
    let idleTicks = 0;
    /** Something changed since the dataset was last refreshed. */
    let refreshPending = false;
    let samples: { at: number; rows: number }[] = [];
    /** When the latest tick that saw a change ran (ms since epoch); null before the first. */
    let lastChangeAt: number | null = null;
    const busy = (): boolean => state.phase !== "idle";

    const update = (patch: Partial<RunState>): void => {
        if (disposed) return;
        state = { ...state, ...patch };
        for (const listener of listeners) listener(state);
    };

    const clearTimer = (): void => {
        if (timer !== null) host.clearTimeout(timer);
        timer = null;
    };

    const readOptions = (): ReadOptions => ({ signal: abort?.signal, onWait: (ms) => update({ throttledMs: ms }) });

    /** Reads the failure counts; a failure there is shown with the counts, never turned into a failed tick. */
    const readFailures = async (): Promise<Pick<RunState, "failures" | "failuresError">> => {
        try {
            return { failures: await service.readFailureCounts(importId, readOptions()), failuresError: null };
        } catch (error) {
            return { failures: state.failures, failuresError: toFailure(error) };
        }
    };

    const schedule = (ms: number): void => {
        clearTimer();
        if (disposed || host.isHidden()) return;
        timer = host.setTimeout(() => {
            timer = null;
            void poll();
        }, ms);
    };

    /** The next interval: after a change, a share of the pace of changes; backing off while nothing changes. */
    const interval = (changed: boolean): number => {
        if (!changed) return Math.min(Math.round(state.pollIntervalMs * POLL_BACKOFF), MAX_POLL_MS);
        const now = host.now();
        const pace = lastChangeAt === null ? 0 : (now - lastChangeAt) * CHANGE_PACE_SHARE;
        lastChangeAt = now;
        return Math.min(Math.max(FIRST_POLL_MS, Math.round(pace)), MAX_POLL_MS);
    };

    const keepPolling = (fresh: Partial<RunState>, changed: boolean): void => {
        const pollIntervalMs = interval(changed);
        update({ ...fresh, pollIntervalMs });
        schedule(pollIntervalMs);
    };

    /** Refreshes the dataset once; a failure there must not turn into a failed poll of a finished job. */
    const stageEnded = (): void => {
        refreshPending = false;
        try {
            host.onStageEnd();
        } catch (error) {
            console.error("ImportMonitor: refreshing the dataset after a stage failed", error);
        }
    };

    const finish = (patch: Partial<RunState>): void => {
        clearTimer();
        abort = null;
        samples = [];
        update({ rowsPerSecond: null, ...patch, phase: "idle", stopRequested: false });
    };

    const rate = (files: ReadonlyMap<string, ImportFileStatus>): number | null => {
        const now = host.now();
        const rows = processedRows(files.values());
        if (samples[samples.length - 1]?.rows !== rows) samples.push({ at: now, rows });
        samples = samples.filter((x) => now - x.at <= RATE_WINDOW_MS);
        const first = samples[0];
        const newest = samples[samples.length - 1];
        if (samples.length < 2 || newest.rows <= first.rows || newest.at <= first.at) return null;
        return ((newest.rows - first.rows) * 1000) / (newest.at - first.at);
    };

    /** Follows a run started elsewhere: `job` when known, else the files in progress until their job shows. */
    const follow = (job: ImportJob | null): void => {
        generation++;
        idleTicks = 0;
        samples = [];
        lastChangeAt = null;
        update({
            phase: "running",
            stage: job?.stage ?? null,
            jobId: job?.id ?? null,
            adopted: true,
            runAll: false,
            stopRequested: false,
            completed: [],
            halted: null,
            actionError: null,
            jobFailure: null,
            stalledSince: null,
            pollIntervalMs: FIRST_POLL_MS,
        });
        abort = new AbortController();
        schedule(FIRST_POLL_MS);
    };

    const runCheck = async (filesInProgress: boolean): Promise<void> => {
        const current = generation;
        reading = current;
        abort ??= new AbortController();
        try {
            const jobs = await service.readJobs(importId, readOptions());
            const { files, importStatus } = await service.readFiles(importId, readOptions());
            const failures = await readFailures();
            if (current !== generation || busy()) return;
            lastReadAt = host.now();
            const job = unfinishedStageJob(jobs);
            update({ jobs, files, statuses: new Map(files.map((f) => [f.id, f])), importStatus, ...failures, stale: null, throttledMs: 0 });
            if (job || filesInProgress || files.some(inProgress)) follow(job);
        } catch (error) {
            if (current === generation) update({ stale: toFailure(error) });
        } finally {
            if (reading === current) reading = null;
        }
    };

    const startStage = (stage: RunnableStage): void => {
        const current = ++generation;
        lastChangeAt = null;
        samples = [];
        update({ phase: "starting", stage, jobId: null, actionError: null, jobFailure: null, adopted: false, pollIntervalMs: FIRST_POLL_MS });
        void awaitJob(stage, current);
    };

    /**
     * Follows the import's unfinished job when there is one (a second action would queue a second job behind
     * it: docs/platform-contract.md, "Import messages"), else sends the stage's action once.
     */
    const awaitJob = async (stage: RunnableStage, current: number): Promise<void> => {
        let jobId: string;
        let followed = stage;
        let adopted = false;
        // A check still reading belongs to an earlier generation: stop its waits too.
        abort?.abort();
        abort = new AbortController();
        try {
            const unfinished = unfinishedStageJob(await service.readJobs(importId, readOptions()));
            if (current !== generation) return;
            if (unfinished) {
                jobId = unfinished.id;
                followed = unfinished.stage ?? stage;
                adopted = true;
            } else {
                jobId = await service.startStage(stage, importId);
            }
        } catch (error) {
            if (current === generation) update({ phase: "idle", actionError: { stage, failure: toFailure(error) } });
            return;
        }
        if (current !== generation) return;
        idleTicks = 0;
        // A job found running elsewhere is followed, not chained: Run all would otherwise stop silently after it.
        update({ phase: "running", jobId, stage: followed, adopted, ...(adopted ? { runAll: false, stopRequested: false } : null) });
        schedule(FIRST_POLL_MS);
    };

    const poll = async (): Promise<void> => {
        const { stage } = state;
        if (disposed || state.phase !== "running" || reading === generation) return;
        const current = generation;
        reading = current;
        try {
            // The jobs first, then the files: files read after a finished job already show its result.
            const jobs = await service.readJobs(importId, readOptions());
            const { files, importStatus } = await service.readFiles(importId, readOptions());
            const failures = await readFailures();
            if (current !== generation) return;
            lastReadAt = host.now();
            const statuses = new Map(files.map((f) => [f.id, f]));
            const changed =
                !sameStatuses(state.statuses, statuses) ||
                !sameJobs(state.jobs, jobs) ||
                !sameFailures(state.failures, failures.failures) ||
                state.importStatus?.statusCode !== importStatus?.statusCode;
            if (changed) refreshPending = true;
            const fresh = { statuses, files, jobs, importStatus, ...failures, stale: null, throttledMs: 0, rowsPerSecond: rate(statuses) };
            let job = state.jobId ? jobs.find((j) => j.id === state.jobId) : undefined;
            // A job started here that the import's jobs do not list is read by its id (rejects when it is gone).
            if (state.jobId && !job && !state.adopted) job = await service.readJob(state.jobId, readOptions());
            if (current !== generation) return;
            const outcome = job ? jobOutcome(job) : null;

            if (outcome === "running") {
                keepPolling(fresh, changed);
                return;
            }
            if (job && stage && outcome !== null) {
                stageEnded();
                if (outcome !== "succeeded") {
                    finish({ ...fresh, jobFailure: { stage: job.stage ?? stage, jobId: job.id, message: jobMessage(job), canceled: outcome === "canceled" } });
                    return;
                }
                const completed = [...state.completed, job.stage ?? stage];
                if (!state.adopted) {
                    const next = nextStage(stage);
                    if (!state.runAll || state.stopRequested || !next) {
                        finish({ ...fresh, completed });
                        return;
                    }
                    const gate = stageGates(files)[next];
                    if (!gate.enabled) {
                        finish({ ...fresh, completed, halted: { stage: next, reason: gate.reason ?? "Gate_NotReady" } });
                        return;
                    }
                    update({ ...fresh, completed });
                    startStage(next);
                    return;
                }
                update({ completed: succeededStages(jobs, completed), jobId: null });
            } else if (state.jobId && !job) {
                // The job followed is no longer among the import's jobs (deleted): follow what remains, if anything.
                update({ jobId: null });
            }
            // Following a run started elsewhere: its next job, the files still in progress, or the end. Stages
            // whose jobs ended unseen (while the tab was hidden) are counted from the jobs themselves.
            update({ completed: succeededStages(jobs, state.completed) });
            const next = unfinishedStageJob(jobs);
            if (next) {
                idleTicks = 0;
                update({ jobId: next.id, stage: next.stage });
                keepPolling(fresh, true);
                return;
            }
            // Files left in progress with no job running: the newest stage job's failure is the news, if it failed.
            const newest = jobs.find((j) => j.stage !== null);
            const newestOutcome = newest ? jobOutcome(newest) : null;
            if (files.some(inProgress) && newest && (newestOutcome === "failed" || newestOutcome === "canceled")) {
                if (refreshPending) stageEnded();
                finish({ ...fresh, jobFailure: { stage: newest.stage!, jobId: newest.id, message: jobMessage(newest), canceled: newestOutcome === "canceled" } });
                return;
            }
            if (files.some(inProgress)) {
                const since = lastChangeAt ?? host.now();
                if (!changed && host.now() - since >= STALL_MS) {
                    finish({ ...fresh, stalledSince: since });
                    return;
                }
                keepPolling(fresh, changed);
                return;
            }
            if (++idleTicks < IDLE_TICKS_TO_END) {
                keepPolling(fresh, changed);
                return;
            }
            if (refreshPending) stageEnded();
            finish(fresh);
            // The wizard may submit its next job a moment later: look again a few times while the import is part-way.
            if (partway(files)) {
                watchLeft = WATCH_CHECKS;
                watch();
            }
        } catch (error) {
            if (current !== generation) return;
            const failure = toFailure(error);
            // A deleted import, or a missing privilege, won't mend itself: stop following.
            if (failure.kind === "notFound" || failure.kind === "privilege") {
                stageEnded();
                finish({ stale: failure, throttledMs: 0 });
                return;
            }
            const pollIntervalMs = interval(false);
            update({ stale: failure, throttledMs: 0, pollIntervalMs });
            schedule(pollIntervalMs);
        } finally {
            if (reading === current) reading = null;
        }
    };

    const check = (files?: readonly ImportFileStatus[]): void => {
        if (disposed || busy() || reading !== null || host.isHidden()) return;
        const wait = lastReadAt + CHECK_MIN_GAP_MS - host.now();
        if (wait > 0) {
            // Asked for right after a read (e.g. the refresh at the end of a run): look once the gap is over.
            deferred ??= host.setTimeout(() => {
                deferred = null;
                check(state.files ?? []);
            }, wait);
            return;
        }
        void runCheck((files ?? []).some(inProgress));
    };

    function watch(): void {
        if (watchLeft <= 0 || disposed) return;
        watchLeft--;
        watchTimer = host.setTimeout(() => {
            watchTimer = null;
            if (busy() || disposed) return;
            check(state.files ?? []);
            if (partway(state.files ?? [])) watch();
        }, WATCH_MS);
    }

    const unlistenVisibility = host.onVisibilityChange(() => {
        if (host.isHidden()) {
            clearTimer();
        } else if (state.phase === "running") {
            if (reading === null && timer === null) schedule(0);
        } else {
            check(state.files ?? []);
        }
    });

    return {
        getState: () => state,
        subscribe(listener) {
            listeners.add(listener);
            return () => listeners.delete(listener);
        },
        get busy() {
            return busy();
        },
        start(stage, all) {
            if (disposed || busy()) return false;
            watchLeft = 0;
            update({ runAll: all === true, stopRequested: false, completed: [], halted: null, stale: null, stalledSince: null });
            startStage(stage);
            return true;
        },
        stopAfterStage() {
            if (busy() && state.runAll) update({ stopRequested: true });
        },
        check,
        clearStatuses() {
            if (!busy() && state.statuses) update({ statuses: null, stale: null });
        },
        dispose() {
            disposed = true;
            generation++;
            clearTimer();
            if (deferred !== null) host.clearTimeout(deferred);
            if (watchTimer !== null) host.clearTimeout(watchTimer);
            abort?.abort();
            unlistenVisibility();
            listeners.clear();
        },
    };
}
