/**
 * Benchmark only: Web API requests of a "Run all" (parse → transform → import), with the real ImportRunner
 * (hooks/importRunner.ts) and, for comparison, a naive poller written the SDK sample's way (one
 * retrieveRecord per importfile and one for the job, every tick), both against the in-memory Dataverse
 * on the same virtual clock, with the same stage timing and the same poll schedule.
 */
import { createFakeDataverse } from "../../sandbox/dataverse";
import type { FakeDataverse, FakeSeed } from "../../sandbox/dataverse";
import { createImportRunner, FIRST_POLL_MS, MAX_POLL_MS, POLL_BACKOFF } from "../../ImportMonitor/hooks/importRunner";
import type { RunnerHost } from "../../ImportMonitor/hooks/importRunner";
import { createImportService, STATUS_COLUMNS } from "../../ImportMonitor/dataverse/importService";
import { stageRequest } from "../../ImportMonitor/dataverse/importRequests";
import { jobOutcome } from "../../ImportMonitor/domain/asyncJob";
import { nextStage } from "../../ImportMonitor/domain/stageGating";
import type { RunnableStage } from "../../ImportMonitor/domain/stageGating";
import { VirtualClock } from "./virtualClock";

/** Ten simulated hours: far more than any run here needs. */
const LIMIT_MS = 10 * 3600 * 1000;

export interface TickCount {
    /** Reads (retrieve + retrieveMultiple) made by the tick. */
    reads: number;
    /** Actions (execute) started from the tick (the next stage of Run all). */
    executes: number;
}

export interface RunTraffic {
    files: number;
    /** Clock time of the run, from the click to the last stage's end. */
    clockMs: number;
    ticks: number;
    readsPerTick: { min: number; max: number; mean: number };
    /** All requests of the run by `kind:table`. */
    requests: Record<string, number>;
    totalRequests: number;
    stagesCompleted: string[];
}

function summarize(dv: FakeDataverse, clock: VirtualClock, files: number, ticks: TickCount[], stagesCompleted: string[]): RunTraffic {
    const reads = ticks.map((t) => t.reads);
    const requests = dv.requests.summary();
    return {
        files,
        clockMs: clock.now(),
        ticks: ticks.length,
        readsPerTick: { min: Math.min(...reads), max: Math.max(...reads), mean: reads.reduce((a, b) => a + b, 0) / Math.max(1, reads.length) },
        requests,
        totalRequests: Object.values(requests).reduce((a, b) => a + b, 0),
        stagesCompleted,
    };
}

/** Counts the requests of each tick: from the moment a poll timer fires to the moment the next one does. */
function tickCounter(dv: FakeDataverse): { ticks: TickCount[]; wrap: (fn: () => void) => () => void; close: () => void } {
    const ticks: TickCount[] = [];
    let mark: number | null = null;
    const close = () => {
        if (mark === null) return;
        const since = dv.requests.since(mark);
        // The unfinished-job lookup before a stage (retrieveMultiple:asyncoperation) belongs to starting the
        // next stage, like its execute, not to the poll: it is in the run's totals, not in reads per tick.
        const startCheck = (e: (typeof since)[number]) => e.kind === "retrieveMultiple" && e.entity === "asyncoperation";
        ticks.push({
            reads: since.filter((e) => (e.kind === "retrieve" || e.kind === "retrieveMultiple") && !startCheck(e)).length,
            executes: since.filter((e) => e.kind === "execute").length,
        });
        mark = null;
    };
    const wrap = (fn: () => void) => () => {
        close();
        mark = dv.requests.mark();
        fn();
    };
    return { ticks, wrap, close };
}

/** Run all with the control's ImportRunner. */
export async function runnerRunAll(seed: FakeSeed, stepMs: number): Promise<RunTraffic> {
    const clock = new VirtualClock();
    const dv = createFakeDataverse({ seed, clock, stepMs });
    const importId = seed.imports[0].importid;
    const counter = tickCounter(dv);
    let stageEnds = 0;
    const host: RunnerHost = {
        onStageEnd: () => stageEnds++,
        setTimeout: (fn, ms) => clock.setTimeout(counter.wrap(fn), ms),
        clearTimeout: (handle) => clock.clearTimeout(handle),
        now: () => clock.now(),
        isHidden: () => false,
        onVisibilityChange: () => () => undefined,
    };
    const runner = createImportRunner(createImportService(dv.ports()), importId, host);
    if (!runner.start("parse", true)) throw new Error("The runner did not start.");
    await clock.runUntil(() => !runner.busy, LIMIT_MS);
    counter.close();
    const state = runner.getState();
    if (runner.busy || state.actionError || state.jobFailure || state.stale) {
        throw new Error(`Run all did not finish cleanly: ${JSON.stringify({ phase: state.phase, actionError: state.actionError, jobFailure: state.jobFailure, stale: state.stale })}`);
    }
    const result = summarize(dv, clock, seed.importFiles.length, counter.ticks, state.completed);
    runner.dispose();
    dv.dispose();
    if (stageEnds !== 3) throw new Error(`Expected 3 stage ends, got ${stageEnds}.`);
    return result;
}

export type NaiveSchedule = "backoff" | "fixed1s";

/**
 * Run all the naive way: start a stage, then every tick read each file (retrieveRecord importfile) and the
 * job (retrieveRecord asyncoperation); next stage when the job succeeded. The file ids come from the
 * form's subgrid, as the control's do, so listing them costs no request.
 */
export async function naiveRunAll(seed: FakeSeed, stepMs: number, schedule: NaiveSchedule): Promise<RunTraffic> {
    const clock = new VirtualClock();
    const dv = createFakeDataverse({ seed, clock, stepMs });
    const ports = dv.ports();
    const importId = seed.imports[0].importid;
    const fileIds = seed.importFiles.filter((f) => f.processcode === 1).map((f) => f.importfileid);
    const counter = tickCounter(dv);
    const sleep = (ms: number) => new Promise<void>((resolve) => clock.setTimeout(counter.wrap(resolve), ms));
    const completed: string[] = [];
    let done = false;

    const run = async () => {
        let stage: RunnableStage | null = "parse";
        while (stage) {
            const response = await ports.execute!(stageRequest(stage, importId));
            const jobId = ((await response.json()) as { asyncoperationid: string }).asyncoperationid;
            let interval = FIRST_POLL_MS;
            for (;;) {
                await sleep(interval);
                if (schedule === "backoff") interval = Math.min(Math.round(interval * POLL_BACKOFF), MAX_POLL_MS);
                const [, job] = await Promise.all([
                    Promise.all(fileIds.map((id) => ports.webApi.retrieveRecord("importfile", id, `?$select=${STATUS_COLUMNS.join(",")}`))),
                    ports.webApi.retrieveRecord("asyncoperation", jobId, "?$select=statecode,statuscode,message,friendlymessage"),
                ]);
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
    const result = summarize(dv, clock, seed.importFiles.length, counter.ticks, completed);
    dv.dispose();
    return result;
}
