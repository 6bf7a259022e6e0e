/**
 * Benchmark only: the Web API requests of the live monitor (hooks/importRunner.ts) against the in-memory
 * Dataverse, the runner's host timers and the fake on one virtual clock:
 *  - Run all (parse → transform → import) clicked in the control, and for comparison a naive poller written the
 *    SDK sample's way (one retrieveRecord per importfile and one for the job, every tick) with the same stage
 *    timing and the same poll schedule;
 *  - following a run started elsewhere (the wizard's: `dv.runInBackground`, then `runner.check`; no execute from
 *    the control), what it costs per tick at 1, 10, 100 files, after the run ended, and while the tab is hidden;
 *  - staleness: how long a change the fake makes to a file's status or counts takes to show in the runner's
 *    state, over an import of about 10 simulated minutes, and the requests that cost.
 */
import { createFakeDataverse } from "../../sandbox/dataverse";
import type { FakeDataverse, FakeSeed } from "../../sandbox/dataverse";
import { CHANGE_PACE_SHARE, createImportRunner, FIRST_POLL_MS, MAX_POLL_MS, POLL_BACKOFF } from "../../ImportMonitor/hooks/importRunner";
import type { ImportRunner, RunnerHost } from "../../ImportMonitor/hooks/importRunner";
import { createImportService, STATUS_COLUMNS } from "../../ImportMonitor/dataverse/importService";
import { stageRequest } from "../../ImportMonitor/dataverse/importRequests";
import { jobOutcome } from "../../ImportMonitor/domain/asyncJob";
import type { ImportFileStatus } from "../../ImportMonitor/domain/importFile";
import { nextStage } from "../../ImportMonitor/domain/stageGating";
import type { RunnableStage } from "../../ImportMonitor/domain/stageGating";
import { flushPromises, VirtualClock } from "./virtualClock";

/** Ten simulated hours: far more than any run here needs. */
const LIMIT_MS = 10 * 3600 * 1000;

/** What one poll tick of the runner reads, in call order: the import's jobs, its files (import expanded), the importlog counts. */
export const POLL_READ_KINDS = ["retrieveMultiple:asyncoperation", "retrieveMultiple:importfile", "retrieveMultiple:importlog"] as const;
const POLL_READS = POLL_READ_KINDS.join(" + ");

export interface TickCount {
    /** Clock time the tick's timer fired at. */
    at: number;
    /** Reads (retrieve + retrieveMultiple) made by the tick. */
    reads: number;
    /** The tick's reads in call order, `kind:table` joined by " + ". */
    kinds: string;
    /** Actions (execute) started from the tick (the next stage of Run all). */
    executes: number;
    /** Every request made by the tick, reads, the unfinished-job lookup and actions included. */
    requests: number;
}

export interface TickSummary {
    ticks: number;
    readsPerTick: { min: number; max: number; mean: number };
    /** Ticks by the reads they made ("retrieveMultiple:asyncoperation + …" → number of ticks). */
    tickKinds: Record<string, number>;
    /** Ticks whose reads are not POLL_READ_KINDS (the first 10), with their clock time. */
    irregularTicks: { at: number; reads: number; kinds: string }[];
    /** Ticks that also started the next stage (Run all): their clock time and all their requests. */
    stageStartTicks: { at: number; requests: number }[];
}

export interface RunTraffic extends TickSummary {
    files: number;
    /** Clock time of the run, from the click to the last stage's end. */
    clockMs: number;
    /** All requests of the run by `kind:table`. */
    requests: Record<string, number>;
    totalRequests: number;
    stagesCompleted: string[];
}

function tickSummary(ticks: TickCount[], expected: string | null): TickSummary {
    const reads = ticks.map((t) => t.reads);
    const tickKinds: Record<string, number> = {};
    for (const t of ticks) tickKinds[t.kinds || "(none)"] = (tickKinds[t.kinds || "(none)"] ?? 0) + 1;
    return {
        ticks: ticks.length,
        readsPerTick: {
            min: reads.length ? Math.min(...reads) : 0,
            max: reads.length ? Math.max(...reads) : 0,
            mean: reads.reduce((a, b) => a + b, 0) / Math.max(1, reads.length),
        },
        tickKinds,
        irregularTicks: expected === null ? [] : ticks.filter((t) => t.kinds !== expected).slice(0, 10).map(({ at, reads, kinds }) => ({ at, reads, kinds })),
        stageStartTicks: ticks.filter((t) => t.executes > 0).map(({ at, requests }) => ({ at, requests })),
    };
}

function summarize(dv: FakeDataverse, clock: VirtualClock, files: number, ticks: TickCount[], stagesCompleted: string[], expected: string | null): RunTraffic {
    const requests = dv.requests.summary();
    return {
        files,
        clockMs: clock.now(),
        ...tickSummary(ticks, expected),
        requests,
        totalRequests: Object.values(requests).reduce((a, b) => a + b, 0),
        stagesCompleted,
    };
}

/**
 * Counts the requests of each tick: from the moment a poll timer fires to the moment the next one does (or
 * `close()`). The unfinished-job lookup before a stage (a retrieveMultiple:asyncoperation followed by the
 * stage's execute) belongs to starting the next stage, like its execute, not to the poll: it is in the run's
 * totals, not in the tick's reads.
 */
function tickCounter(dv: FakeDataverse, clock: VirtualClock): { ticks: TickCount[]; wrap: (fn: () => void) => () => void; close: () => void } {
    const ticks: TickCount[] = [];
    let mark: number | null = null;
    let at = 0;
    const close = () => {
        if (mark === null) return;
        const since = dv.requests.since(mark);
        const startCheck = (i: number) => since[i].kind === "retrieveMultiple" && since[i].entity === "asyncoperation" && since[i + 1]?.kind === "execute";
        const reads = since.filter((e, i) => (e.kind === "retrieve" || e.kind === "retrieveMultiple") && !startCheck(i));
        ticks.push({ at, reads: reads.length, kinds: reads.map((e) => `${e.kind}:${e.entity}`).join(" + "), executes: since.filter((e) => e.kind === "execute").length, requests: since.length });
        mark = null;
    };
    const wrap = (fn: () => void) => () => {
        close();
        mark = dv.requests.mark();
        at = clock.now();
        fn();
    };
    return { ticks, wrap, close };
}

/** The runner's host on the virtual clock: every timer it sets is a tick; visibility is the bench's to change. */
function benchHost(
    clock: VirtualClock,
    counter: ReturnType<typeof tickCounter>,
    options: { onStageEnd?: () => void; interval?: (ms: number) => number } = {},
): { host: RunnerHost; setHidden: (hidden: boolean) => void } {
    let hidden = false;
    const listeners = new Set<() => void>();
    const host: RunnerHost = {
        onStageEnd: options.onStageEnd ?? (() => undefined),
        setTimeout: (fn, ms) => clock.setTimeout(counter.wrap(fn), options.interval ? options.interval(ms) : ms),
        clearTimeout: (handle) => clock.clearTimeout(handle),
        now: () => clock.now(),
        isHidden: () => hidden,
        onVisibilityChange: (listener) => {
            listeners.add(listener);
            return () => listeners.delete(listener);
        },
    };
    const setHidden = (value: boolean) => {
        hidden = value;
        for (const l of [...listeners]) l();
    };
    return { host, setHidden };
}

/** Run all with the control's ImportRunner. */
export async function runnerRunAll(seed: FakeSeed, stepMs: number): Promise<RunTraffic> {
    const clock = new VirtualClock();
    const dv = createFakeDataverse({ seed, clock, stepMs });
    const importId = seed.imports[0].importid;
    const counter = tickCounter(dv, clock);
    let stageEnds = 0;
    const { host } = benchHost(clock, counter, { onStageEnd: () => stageEnds++ });
    const runner = createImportRunner(createImportService(dv.ports()), importId, host);
    if (!runner.start("parse", true)) throw new Error("The runner did not start.");
    await clock.runUntil(() => !runner.busy, LIMIT_MS);
    counter.close();
    const state = runner.getState();
    if (runner.busy || state.actionError || state.jobFailure || state.stale) {
        throw new Error(`Run all did not finish cleanly: ${JSON.stringify({ phase: state.phase, actionError: state.actionError, jobFailure: state.jobFailure, stale: state.stale })}`);
    }
    const result = summarize(dv, clock, seed.importFiles.length, counter.ticks, state.completed, POLL_READS);
    runner.dispose();
    dv.dispose();
    if (stageEnds !== 3) throw new Error(`Expected 3 stage ends, got ${stageEnds}.`);
    return result;
}

export type NaiveSchedule = "backoff" | "fixed1s";

/**
 * Run all the naive way: start a stage, then every tick read each file (retrieveRecord importfile) and the
 * job (retrieveRecord asyncoperation); next stage when the job succeeded. The file ids come from the
 * form's subgrid, as the control's do, so listing them costs no request. "backoff" polls on the runner's
 * schedule: after anything read changed, a quarter of the time since the change before it (at least 1 s; 1 s at
 * each stage's start), ×1.5 while nothing changes, at most 10 s; "fixed1s" every second.
 */
export async function naiveRunAll(seed: FakeSeed, stepMs: number, schedule: NaiveSchedule): Promise<RunTraffic> {
    const clock = new VirtualClock();
    const dv = createFakeDataverse({ seed, clock, stepMs });
    const ports = dv.ports();
    const importId = seed.imports[0].importid;
    const fileIds = seed.importFiles.filter((f) => f.processcode === 1).map((f) => f.importfileid);
    const counter = tickCounter(dv, clock);
    const sleep = (ms: number) => new Promise<void>((resolve) => clock.setTimeout(counter.wrap(resolve), ms));
    const completed: string[] = [];
    let done = false;

    const run = async () => {
        let stage: RunnableStage | null = "parse";
        while (stage) {
            const response = await ports.execute!(stageRequest(stage, importId));
            const jobId = ((await response.json()) as { asyncoperationid: string }).asyncoperationid;
            let interval = FIRST_POLL_MS;
            let last = "";
            let lastChangeAt: number | null = null;
            for (;;) {
                await sleep(schedule === "fixed1s" ? 1000 : interval);
                const [files, job] = await Promise.all([
                    Promise.all(fileIds.map((id) => ports.webApi.retrieveRecord("importfile", id, `?$select=${STATUS_COLUMNS.join(",")}`))),
                    ports.webApi.retrieveRecord("asyncoperation", jobId, "?$select=statecode,statuscode,message,friendlymessage"),
                ]);
                const read = JSON.stringify([files.map((f) => STATUS_COLUMNS.map((c) => f[c])), job.statecode, job.statuscode]);
                if (read !== last) {
                    // The runner's schedule: a quarter of the time since the previous change, at least 1 s.
                    const pace = lastChangeAt === null ? 0 : (clock.now() - lastChangeAt) * CHANGE_PACE_SHARE;
                    lastChangeAt = clock.now();
                    interval = Math.min(Math.max(FIRST_POLL_MS, Math.round(pace)), MAX_POLL_MS);
                } else {
                    interval = Math.min(Math.round(interval * POLL_BACKOFF), MAX_POLL_MS);
                }
                last = read;
                const outcome = jobOutcome({ id: jobId, stateCode: Number(job.statecode), statusCode: Number(job.statuscode), message: "", friendlyMessage: "" });
                if (outcome === "running") continue;
                if (outcome !== "succeeded") throw new Error(`naive: the ${stage} job ended ${outcome}`);
                completed.push(stage);
                break;
            }
            stage = nextStage(stage);
        }
    };
    const finished = run().then(
        () => (done = true),
        (error: unknown) => {
            done = true;
            throw error;
        },
    );
    await clock.runUntil(() => done, LIMIT_MS);
    await finished;
    counter.close();
    const result = summarize(dv, clock, seed.importFiles.length, counter.ticks, completed, null);
    dv.dispose();
    return result;
}

// ---------------------------------------------------------------- following a run started elsewhere

/** The import's files as the list's rows hold them (what the control passes to check). */
function listRows(dv: FakeDataverse, importId: string): ImportFileStatus[] {
    const num = (v: unknown): number | null => (v === null || v === undefined || v === "" ? null : Number(v));
    return dv.importFiles(importId).map((f) => ({
        id: String(f.importfileid).toLowerCase(),
        processingStatus: num(f.processingstatus),
        statusCode: num(f.statuscode),
        processCode: num(f.processcode),
        successCount: num(f.successcount),
        failureCount: num(f.failurecount),
        partialFailureCount: num(f.partialfailurecount),
        totalCount: num(f.totalcount),
    }));
}

export interface FollowTraffic extends TickSummary {
    files: number;
    stepMs: number;
    /** Clock time the wizard's run (dv.runInBackground at 0) ended at: its import job succeeded. */
    runEndMs: number;
    /** Clock time following ended (the runner idle again). */
    followEndMs: number;
    /** Requests of the first look (runner.check), before any tick. */
    checkRequests: number;
    /** All requests, check and ticks, by `kind:table`. */
    requests: Record<string, number>;
    totalRequests: number;
    /** Actions sent by the control: must be 0 (the run is the wizard's). */
    executes: number;
    stagesCompleted: string[];
    /** Requests in `ms` of clock time after following ended: must be 0. */
    afterEnd: { ms: number; requests: number };
    /** The tab hidden from `fromMs` to `toMs` (clock time) during the run: requests meanwhile, must be 0. */
    hidden: { fromMs: number; toMs: number; requests: number } | null;
}

/**
 * The wizard runs the import (dv.runInBackground at clock 0); the control, loaded then, looks once
 * (runner.check with the list's rows) and follows the run to its end, then `afterEndMs` more of clock time
 * pass. With `hidden`, the tab is hidden over that span of the run and shown again.
 * Throws when the control sends an action, does not follow the run to its end, or makes a request after the
 * end or while hidden.
 */
export async function runnerFollow(seed: FakeSeed, stepMs: number, options: { afterEndMs: number; hidden?: { fromMs: number; toMs: number } }): Promise<FollowTraffic> {
    const clock = new VirtualClock();
    const dv = createFakeDataverse({ seed, clock, stepMs });
    const importId = seed.imports[0].importid;
    const counter = tickCounter(dv, clock);
    const { host, setHidden } = benchHost(clock, counter);
    const runner = createImportRunner(createImportService(dv.ports()), importId, host);
    const background = dv.runInBackground(importId);
    let runEndMs: number | null = null;
    dv.subscribe(() => {
        if (runEndMs === null && background.status !== "running") runEndMs = clock.now();
    });
    let hidden: FollowTraffic["hidden"] = null;
    if (options.hidden) {
        const { fromMs, toMs } = options.hidden;
        let mark = 0;
        clock.setTimeout(() => {
            mark = dv.requests.mark();
            setHidden(true);
        }, fromMs);
        clock.setTimeout(() => {
            hidden = { fromMs, toMs, requests: dv.requests.count(undefined, mark) };
            setHidden(false);
        }, toMs);
    }
    runner.check(listRows(dv, importId));
    await flushPromises();
    const checkRequests = dv.requests.count();
    if (!runner.busy) throw new Error(`follow: runner.check did not follow the wizard's run (${checkRequests} requests, state ${JSON.stringify(runner.getState().phase)}).`);
    await clock.runUntil(() => !runner.busy, LIMIT_MS);
    counter.close();
    const state = runner.getState();
    const label = `follow (${seed.importFiles.length} files${options.hidden ? ", hidden" : ""})`;
    if (runner.busy || state.jobFailure || state.stale || background.status !== "succeeded" || runEndMs === null) {
        throw new Error(`${label}: did not end cleanly: ${JSON.stringify({ busy: runner.busy, run: background.status, jobFailure: state.jobFailure, stale: state.stale })}`);
    }
    if (!options.hidden && state.completed.join() !== "parse,transform,import") throw new Error(`${label}: followed ${JSON.stringify(state.completed)}, not the three stages.`);
    const followEndMs = clock.now();
    const mark = dv.requests.mark();
    await clock.runFor(options.afterEndMs);
    const afterEnd = { ms: options.afterEndMs, requests: dv.requests.count(undefined, mark) };
    if (afterEnd.requests !== 0) {
        throw new Error(`${label}: ${afterEnd.requests} request(s) in the ${afterEnd.ms / 60000} min after following ended at ${followEndMs} ms: ${JSON.stringify(dv.requests.summary(mark))}`);
    }
    if (options.hidden && !hidden) throw new Error(`${label}: the tab was never shown again (the run ended before ${options.hidden.toMs} ms?).`);
    const hiddenResult = hidden as FollowTraffic["hidden"];
    if (hiddenResult && hiddenResult.requests !== 0) {
        throw new Error(`${label}: ${hiddenResult.requests} request(s) while the tab was hidden (${hiddenResult.fromMs}–${hiddenResult.toMs} ms).`);
    }
    const requests = dv.requests.summary();
    const executes = dv.requests.count("execute");
    if (executes !== 0) throw new Error(`${label}: the control sent ${executes} action(s) while following.`);
    const result: FollowTraffic = {
        files: seed.importFiles.length,
        stepMs,
        runEndMs,
        followEndMs,
        checkRequests,
        ...tickSummary(counter.ticks, POLL_READS),
        requests,
        totalRequests: Object.values(requests).reduce((a, b) => a + b, 0),
        executes,
        stagesCompleted: state.completed,
        afterEnd,
        hidden: hiddenResult,
    };
    runner.dispose();
    dv.dispose();
    return result;
}

/**
 * Throws unless every row's ticks made exactly the poll's reads (POLL_READ_KINDS), so reads per tick are the
 * same whatever the number of files: how the bench proves "constant in N".
 */
export function assertConstantReadsPerTick(label: string, rows: readonly { files: number; traffic: TickSummary }[]): void {
    const bad = rows.filter((r) => r.traffic.irregularTicks.length > 0 || r.traffic.readsPerTick.min !== POLL_READ_KINDS.length || r.traffic.readsPerTick.max !== POLL_READ_KINDS.length);
    if (bad.length === 0) return;
    const describe = rows.map((r) => `${r.files} files: ${r.traffic.readsPerTick.min}–${r.traffic.readsPerTick.max} over ${r.traffic.ticks} ticks`).join("; ");
    const first = bad.flatMap((r) => r.traffic.irregularTicks.map((t) => `${r.files} files, tick at ${t.at} ms: ${t.reads} reads (${t.kinds || "none"})`)).slice(0, 5);
    throw new Error(`${label}: reads per tick are not ${POLL_READ_KINDS.length} (${POLL_READS}) at every N — ${describe}. ${first.join("; ")}`);
}

// ---------------------------------------------------------------- staleness

/**
 * "runner": the control's schedule (after a change, a quarter of the time since the previous change, at least 1 s; ×1.5 while nothing changes, at most 10 s). "old": the
 * schedule before issue 11, imposed through the host's setTimeout: 1 s when a new job is followed, then ×1.5 at
 * every tick up to 10 s, never shortened because counts moved.
 */
export type PollSchedule = "runner" | "old";

export interface StalenessResult {
    schedule: PollSchedule;
    files: number;
    /** The fake's step: fixed, or drawn per step from [min, max] (seeded). */
    steps: { fixedMs: number } | { minMs: number; maxMs: number; seed: number };
    /** The wizard's run: from dv.runInBackground (clock 0) to its import job's success. */
    runMs: number;
    /** From runner.check (clock 0) to the end of following. */
    followMs: number;
    /** (file, change) pairs: a file's status or counts (processingstatus, statuscode, success/failure/partial/total count) changed. */
    changes: number;
    /** Distinct clock times at which at least one file changed. */
    moments: number;
    /** Changes the runner's state never showed (nor a later value of the file). */
    unseen: number;
    medianMs: number;
    p95Ms: number;
    maxMs: number;
    meanMs: number;
    totalRequests: number;
    requestsPerMinute: number;
    ticks: number;
    readsPerTick: { min: number; max: number };
}

/** mulberry32: a small seeded generator, so both schedules see the same run. */
function seeded(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

/** Median (mean of the middle two for an even count) and nearest-rank percentile. */
function median(values: readonly number[]): number {
    const s = [...values].sort((a, b) => a - b);
    const m = s.length >> 1;
    return s.length === 0 ? NaN : s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function percentile(values: readonly number[], p: number): number {
    const s = [...values].sort((a, b) => a - b);
    return s.length === 0 ? NaN : s[Math.max(0, Math.ceil((p / 100) * s.length) - 1)];
}

const statusKey = (f: ImportFileStatus): string =>
    [f.processingStatus, f.statusCode, f.successCount, f.failureCount, f.partialFailureCount, f.totalCount].map((v) => (v === null ? "–" : String(v))).join("|");

/**
 * The wizard runs the import (dv.runInBackground at clock 0) with the fake's step `steps` long; the control looks
 * once (runner.check) and follows it to the end. Every change of a file's status or counts in the fake is
 * recorded (dv.subscribe: clock time, new values); its staleness is the clock time until the runner's state
 * (runner.subscribe: state.files) first shows that value or a later one of the same file.
 */
export async function staleness(seed: FakeSeed, steps: StalenessResult["steps"], schedule: PollSchedule): Promise<StalenessResult> {
    const clock = new VirtualClock();
    const random = "seed" in steps ? seeded(steps.seed) : null;
    const stepMs = () => ("fixedMs" in steps ? steps.fixedMs : Math.round(steps.minMs + random!() * (steps.maxMs - steps.minMs)));
    const dv = createFakeDataverse({ seed, clock, stepMs: stepMs() });
    const importId = seed.imports[0].importid;
    const counter = tickCounter(dv, clock);
    let current: ImportRunner | null = null;
    let oldJob: string | null | undefined;
    let oldInterval = FIRST_POLL_MS;
    const interval =
        schedule === "old"
            ? (ms: number): number => {
                  if (ms === 0) return 0;
                  const jobId = current?.getState().jobId;
                  oldInterval = jobId !== oldJob ? FIRST_POLL_MS : Math.min(Math.round(oldInterval * POLL_BACKOFF), MAX_POLL_MS);
                  oldJob = jobId;
                  return oldInterval;
              }
            : undefined;
    const { host } = benchHost(clock, counter, { interval });
    const runner = createImportRunner(createImportService(dv.ports()), importId, host);
    current = runner;

    /** Per file, its values in order: [0] as seeded (not a change), then every change with its clock time. */
    const versions = new Map<string, { key: string; at: number; seenAt: number | null }[]>();
    for (const f of listRows(dv, importId)) versions.set(f.id, [{ key: statusKey(f), at: 0, seenAt: 0 }]);
    const background = dv.runInBackground(importId);
    let runEndMs: number | null = null;
    dv.subscribe(() => {
        const now = clock.now();
        for (const f of listRows(dv, importId)) {
            const list = versions.get(f.id)!;
            const key = statusKey(f);
            if (list[list.length - 1].key !== key) list.push({ key, at: now, seenAt: null });
        }
        // With `steps.seed`, every step of the run takes its own time: the fake schedules its next step after notifying.
        if (random) dv.setStepMs(stepMs());
        if (runEndMs === null && background.status !== "running") runEndMs = now;
    });
    runner.subscribe((state) => {
        if (!state.files) return;
        const now = clock.now();
        for (const f of state.files) {
            const list = versions.get(f.id);
            if (!list) continue;
            const key = statusKey(f);
            for (let j = list.length - 1; j > 0 && list[j].seenAt === null; j--) {
                if (list[j].key !== key) continue;
                for (let k = j; k > 0 && list[k].seenAt === null; k--) list[k].seenAt = now;
                break;
            }
        }
    });
    runner.check(listRows(dv, importId));
    await flushPromises();
    if (!runner.busy) throw new Error("staleness: runner.check did not follow the wizard's run.");
    await clock.runUntil(() => !runner.busy, LIMIT_MS);
    counter.close();
    const state = runner.getState();
    if (runner.busy || state.jobFailure || state.stale || background.status !== "succeeded" || runEndMs === null) {
        throw new Error(`staleness (${schedule}): did not end cleanly: ${JSON.stringify({ busy: runner.busy, run: background.status, jobFailure: state.jobFailure, stale: state.stale })}`);
    }
    const changes = [...versions.values()].flatMap((list) => list.slice(1));
    const seen = changes.filter((c) => c.seenAt !== null).map((c) => c.seenAt! - c.at);
    const requests = dv.requests.count();
    const ticks = tickSummary(counter.ticks, POLL_READS);
    const followMs = clock.now();
    const result: StalenessResult = {
        schedule,
        files: seed.importFiles.length,
        steps,
        runMs: runEndMs,
        followMs,
        changes: changes.length,
        moments: new Set(changes.map((c) => c.at)).size,
        unseen: changes.length - seen.length,
        medianMs: median(seen),
        p95Ms: percentile(seen, 95),
        maxMs: seen.length ? Math.max(...seen) : NaN,
        meanMs: seen.reduce((a, b) => a + b, 0) / Math.max(1, seen.length),
        totalRequests: requests,
        requestsPerMinute: requests / (followMs / 60000),
        ticks: ticks.ticks,
        readsPerTick: { min: ticks.readsPerTick.min, max: ticks.readsPerTick.max },
    };
    runner.dispose();
    dv.dispose();
    return result;
}
