import { createFakeDataverse, SEED_ACCOUNTS_FILE_ID, SEED_CONTACTS_FILE_ID, SEED_IMPORT_ID, SEED_LEADS_FILE_ID } from "../../sandbox/dataverse";
import type { FakeDataverse } from "../../sandbox/dataverse";
import { createImportService, toFileStatus } from "../../ImportMonitor/dataverse/importService";
import { FIRST_POLL_MS, createImportRunner, MAX_POLL_MS, WATCH_CHECKS, WATCH_MS } from "../../ImportMonitor/hooks/importRunner";
import type { ImportRunner, RunnerHost, RunState } from "../../ImportMonitor/hooks/importRunner";

function host(onStageEnd: () => void, hidden = { value: false }) {
    const listeners = new Set<() => void>();
    const h: RunnerHost & { fireVisibility: () => void } = {
        onStageEnd,
        setTimeout: (fn, ms) => setTimeout(fn, ms),
        clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
        now: () => Date.now(),
        isHidden: () => hidden.value,
        onVisibilityChange: (l) => {
            listeners.add(l);
            return () => listeners.delete(l);
        },
        fireVisibility: () => listeners.forEach((l) => l()),
    };
    return h;
}

/** Advances the fake clock in small steps, letting promises settle between them. */
async function advance(ms: number, step = 100) {
    for (let t = 0; t < ms; t += step) {
        await jest.advanceTimersByTimeAsync(step);
    }
}

async function until(runner: ImportRunner, predicate: (s: RunState) => boolean, maxMs = 120000) {
    for (let t = 0; t < maxMs && !predicate(runner.getState()); t += 100) {
        await jest.advanceTimersByTimeAsync(100);
    }
    if (!predicate(runner.getState())) throw new Error(`condition not reached: ${JSON.stringify(runner.getState().phase)}`);
}

describe("ImportRunner against the fake Dataverse", () => {
    let dv: FakeDataverse;
    beforeEach(() => {
        jest.useFakeTimers();
        dv = createFakeDataverse({ stepMs: 200, latencyMs: 20 });
    });
    afterEach(() => {
        dv.dispose();
        jest.useRealTimers();
    });

    it("runs all three stages to completion, one after another, refreshing once per stage", async () => {
        const onStageEnd = jest.fn();
        const runner = createImportRunner(createImportService(dv.ports()), SEED_IMPORT_ID, host(onStageEnd));
        const started: string[] = [];
        runner.subscribe((s) => {
            if (s.phase === "starting" && s.stage && started[started.length - 1] !== s.stage) started.push(s.stage);
        });
        expect(runner.start("parse", true)).toBe(true);
        await until(runner, (s) => s.phase === "idle");
        const state = runner.getState();
        expect(started).toEqual(["parse", "transform", "import"]);
        expect(state.completed).toEqual(["parse", "transform", "import"]);
        expect(state.jobFailure).toBeNull();
        expect(onStageEnd).toHaveBeenCalledTimes(3);
        expect(dv.requests.count("execute:ParseImport")).toBe(1);
        expect(dv.requests.count("execute:TransformImport")).toBe(1);
        expect(dv.requests.count("execute:ImportRecordsImport")).toBe(1);
        const contacts = state.statuses!.get(SEED_CONTACTS_FILE_ID)!;
        expect(contacts).toMatchObject({ processingStatus: 11, statusCode: 4, successCount: 40, failureCount: 0, totalCount: 40 });
        const accounts = state.statuses!.get(SEED_ACCOUNTS_FILE_ID)!;
        expect(accounts).toMatchObject({ successCount: 17, failureCount: 5, partialFailureCount: 2, totalCount: 24 });
        expect(state.statuses!.get(SEED_LEADS_FILE_ID)).toMatchObject({ successCount: 0, failureCount: 12 });
        // Nothing keeps running once the import is done.
        const requests = dv.requests.count();
        await advance(30000, 1000);
        expect(dv.requests.count()).toBe(requests);
    });

    it("makes exactly three reads per poll tick, whatever the number of files: jobs, files with the import, failure counts", async () => {
        const runner = createImportRunner(createImportService(dv.ports()), SEED_IMPORT_ID, host(jest.fn()));
        runner.start("parse");
        await until(runner, (s) => s.phase === "running");
        const mark = dv.requests.mark();
        await until(runner, (s) => s.statuses !== null);
        const tick = dv.requests.since(mark);
        expect(tick.map((r) => `${r.kind}:${r.entity}`).sort()).toEqual([
            "retrieveMultiple:asyncoperation",
            "retrieveMultiple:importfile",
            "retrieveMultiple:importlog",
        ]);
        expect(runner.getState().importStatus).toMatchObject({ statusCode: 1, modeCode: 0 });
    });

    it("sends a stage at most once for repeated clicks", async () => {
        const runner = createImportRunner(createImportService(dv.ports()), SEED_IMPORT_ID, host(jest.fn()));
        expect(runner.start("parse")).toBe(true);
        expect(runner.start("parse")).toBe(false);
        expect(runner.start("parse", true)).toBe(false);
        await until(runner, (s) => s.phase === "idle");
        expect(dv.requests.count("execute:ParseImport")).toBe(1);
    });

    it("shows a failing transform's job message on the transform stage and does not go on", async () => {
        dv.faults.failStage("transform", { atProcessingStatus: 5, message: "Lookup failed", friendlyMessage: "The lookup for Company Name could not be resolved." });
        const onStageEnd = jest.fn();
        const runner = createImportRunner(createImportService(dv.ports()), SEED_IMPORT_ID, host(onStageEnd));
        runner.start("parse", true);
        await until(runner, (s) => s.phase === "idle");
        const state = runner.getState();
        expect(state.jobFailure).toEqual({
            stage: "transform",
            jobId: dv.jobs(SEED_IMPORT_ID).find((j) => j.operationtype === 4)!.asyncoperationid,
            message: "The lookup for Company Name could not be resolved.",
            canceled: false,
        });
        expect(state.completed).toEqual(["parse"]);
        expect(dv.requests.count("execute:ImportRecordsImport")).toBe(0);
        expect(state.statuses!.get(SEED_CONTACTS_FILE_ID)).toMatchObject({ statusCode: 5, processingStatus: 5 });
        expect(onStageEnd).toHaveBeenCalledTimes(2);
    });

    it("keeps the last known state, marked stale, through throttled and failed polls, and recovers", async () => {
        dv.setStepMs(2000);
        const runner = createImportRunner(createImportService(dv.ports()), SEED_IMPORT_ID, host(jest.fn()));
        runner.start("parse");
        await until(runner, (s) => s.statuses !== null);
        const known = runner.getState().statuses;
        // Throttled reads wait for Retry-After and try again: no stale flag, no lost state.
        dv.faults.failNext({ kind: "throttle", retryAfterSeconds: 1 }, { count: 2, match: "retrieveMultiple:importfile" });
        // A server error on the jobs read marks the screen stale until the next good tick.
        dv.faults.failNext({ kind: "server", message: "Generic SQL error." }, { count: 1, match: "retrieveMultiple:asyncoperation" });
        let sawStale = false;
        runner.subscribe((s) => {
            if (s.stale) {
                sawStale = true;
                expect(s.statuses).toBeTruthy();
            }
        });
        expect(known).toBeTruthy();
        await until(runner, (s) => s.phase === "idle");
        expect(sawStale).toBe(true);
        expect(dv.requests.count("retrieveMultiple:importfile")).toBeGreaterThan(3);
        expect(runner.getState().stale).toBeNull();
        expect(runner.getState().completed).toEqual(["parse"]);
    });

    it("never re-sends an action that failed: the user decides", async () => {
        dv.faults.failNext({ kind: "privilege" }, { count: 1, match: "execute:ParseImport" });
        const runner = createImportRunner(createImportService(dv.ports()), SEED_IMPORT_ID, host(jest.fn()));
        runner.start("parse", true);
        await until(runner, (s) => s.phase === "idle");
        const { actionError } = runner.getState();
        expect(actionError?.stage).toBe("parse");
        expect(actionError?.failure.kind).toBe("privilege");
        expect(actionError?.failure.privilege).toMatch(/^prv/);
        await advance(20000, 1000);
        expect(dv.requests.count("execute:ParseImport")).toBe(1);
        // The user tries again: it goes through.
        expect(runner.start("parse")).toBe(true);
        await until(runner, (s) => s.phase === "idle");
        expect(runner.getState().completed).toEqual(["parse"]);
        expect(runner.getState().actionError).toBeNull();
    });

    it("does not re-send an action that was throttled", async () => {
        dv.faults.failNext({ kind: "throttle", retryAfterSeconds: 2 }, { count: 1, match: "execute:ParseImport" });
        const runner = createImportRunner(createImportService(dv.ports()), SEED_IMPORT_ID, host(jest.fn()));
        runner.start("parse");
        await until(runner, (s) => s.phase === "idle");
        expect(runner.getState().actionError?.failure.kind).toBe("throttled");
        expect(runner.getState().actionError?.failure.retryAfterMs).toBe(2000);
        await advance(10000, 1000);
        expect(dv.requests.count("execute:ParseImport")).toBe(1);
    });

    it("stops between stages when asked during Run all", async () => {
        const runner = createImportRunner(createImportService(dv.ports()), SEED_IMPORT_ID, host(jest.fn()));
        runner.start("parse", true);
        await until(runner, (s) => s.phase === "running");
        runner.stopAfterStage();
        await until(runner, (s) => s.phase === "idle");
        expect(runner.getState().completed).toEqual(["parse"]);
        expect(dv.requests.count("execute:TransformImport")).toBe(0);
    });

    it("backs off the poll interval up to the maximum", async () => {
        dv.setStepMs(60000);
        const runner = createImportRunner(createImportService(dv.ports()), SEED_IMPORT_ID, host(jest.fn()));
        runner.start("parse");
        const intervals: number[] = [];
        runner.subscribe((s) => intervals.push(s.pollIntervalMs));
        await advance(60000, 500);
        expect(intervals[intervals.length - 1]).toBe(MAX_POLL_MS);
        expect(intervals.slice(1).every((v, i) => v >= intervals[i])).toBe(true);
        runner.dispose();
    });

    it("pauses polling while the tab is hidden and resumes when visible", async () => {
        dv.setStepMs(2000);
        const hidden = { value: false };
        const h = host(jest.fn(), hidden);
        const runner = createImportRunner(createImportService(dv.ports()), SEED_IMPORT_ID, h);
        runner.start("parse");
        await until(runner, (s) => s.statuses !== null);
        hidden.value = true;
        h.fireVisibility();
        const mark = dv.requests.mark();
        await advance(20000, 1000);
        expect(dv.requests.count("retrieveMultiple:importfile", mark)).toBe(0);
        hidden.value = false;
        h.fireVisibility();
        await until(runner, (s) => s.phase === "idle");
        expect(runner.getState().completed).toEqual(["parse"]);
    });

    it("leaves no timer and makes no request after dispose", async () => {
        const runner = createImportRunner(createImportService(dv.ports()), SEED_IMPORT_ID, host(jest.fn()));
        runner.start("parse", true);
        await until(runner, (s) => s.statuses !== null);
        runner.dispose();
        dv.dispose();
        const mark = dv.requests.mark();
        await advance(20000, 1000);
        expect(dv.requests.since(mark)).toHaveLength(0);
        expect(jest.getTimerCount()).toBe(0);
    });

    describe("following an import whoever started it", () => {
        const fileStatuses = () => dv.importFiles(SEED_IMPORT_ID).map((f) => toFileStatus(f as unknown as Record<string, unknown>));

        it("picks up a run the wizard started, follows every stage without sending one, and ends with the import", async () => {
            dv.startStageExternally("parse", SEED_IMPORT_ID);
            dv.startStageExternally("transform", SEED_IMPORT_ID);
            dv.startStageExternally("import", SEED_IMPORT_ID);
            const onStageEnd = jest.fn();
            const runner = createImportRunner(createImportService(dv.ports()), SEED_IMPORT_ID, host(onStageEnd));
            runner.check(fileStatuses());
            await until(runner, (s) => s.phase === "running");
            expect(runner.getState()).toMatchObject({ adopted: true, stage: "parse" });
            const stages = new Set<string>();
            runner.subscribe((s) => s.stage && stages.add(s.stage));
            await until(runner, (s) => s.phase === "idle");
            const state = runner.getState();
            expect([...stages]).toEqual(["parse", "transform", "import"]);
            expect(state.completed).toEqual(["parse", "transform", "import"]);
            expect(dv.requests.count("execute")).toBe(0);
            expect(state.statuses!.get(SEED_ACCOUNTS_FILE_ID)).toMatchObject({ processingStatus: 11, failureCount: 5, partialFailureCount: 2 });
            expect(onStageEnd.mock.calls.length).toBeGreaterThanOrEqual(3);
            // Nothing in progress any more: no request at all.
            const mark = dv.requests.mark();
            await advance(60000, 1000);
            expect(dv.requests.since(mark)).toHaveLength(0);
        });

        it("looks once when nothing is in progress: three reads, then none", async () => {
            const runner = createImportRunner(createImportService(dv.ports()), SEED_IMPORT_ID, host(jest.fn()));
            runner.check(fileStatuses());
            await advance(1000);
            expect(runner.getState().phase).toBe("idle");
            expect(runner.getState().files).toHaveLength(3);
            expect(dv.requests.count()).toBe(3);
            await advance(60000, 1000);
            expect(dv.requests.count()).toBe(3);
        });

        it("follows a file in progress even before its job shows, and stops once nothing is in progress", async () => {
            dv.update("importfile", SEED_CONTACTS_FILE_ID, { statuscode: 1, processingstatus: 2 });
            const runner = createImportRunner(createImportService(dv.ports()), SEED_IMPORT_ID, host(jest.fn()));
            runner.check(fileStatuses());
            await until(runner, (s) => s.phase === "running");
            expect(runner.getState()).toMatchObject({ adopted: true, jobId: null });
            dv.update("importfile", SEED_CONTACTS_FILE_ID, { statuscode: 0, processingstatus: 3 });
            await until(runner, (s) => s.phase === "idle");
            // Part-way (Parsing Complete): the wizard may submit its next job a moment later, so the control looks
            // again WATCH_CHECKS times, WATCH_MS apart (three reads each), then never.
            const mark = dv.requests.mark();
            await advance(WATCH_CHECKS * WATCH_MS + 5000, 1000);
            expect(dv.requests.since(mark)).toHaveLength(3 * WATCH_CHECKS);
            const after = dv.requests.mark();
            await advance(5 * 60000, 5000);
            expect(dv.requests.since(after)).toHaveLength(0);
        });

        it("picks up the wizard's next job submitted a while after the previous one ended", async () => {
            dv.startStageExternally("parse", SEED_IMPORT_ID);
            const runner = createImportRunner(createImportService(dv.ports()), SEED_IMPORT_ID, host(jest.fn()));
            runner.check(fileStatuses());
            await until(runner, (s) => s.phase === "running");
            await until(runner, (s) => s.phase === "idle");
            // Transform submitted 20 s after Parse ended (and slow, as real ones are): no click, no refresh.
            await advance(20000, 1000);
            dv.setStepMs(20000);
            dv.startStageExternally("transform", SEED_IMPORT_ID);
            await until(runner, (s) => s.phase === "running" && s.stage === "transform", 60000);
            await until(runner, (s) => s.phase === "idle", 400000);
            expect(runner.getState().completed).toContain("transform");
        });

        it("reports the newest job's cancellation instead of following files left in progress forever", async () => {
            // The job was canceled while the files still said Parsing (the fake's run itself never moves: huge steps).
            dv.setStepMs(1e9);
            const job = dv.startStageExternally("parse", SEED_IMPORT_ID);
            for (const f of dv.importFiles(SEED_IMPORT_ID)) dv.update("importfile", f.importfileid, { statuscode: 1, processingstatus: 2 });
            dv.update("asyncoperation", job.asyncoperationid, { statecode: 3, statuscode: 32, message: "Canceled by Dana" });
            const runner = createImportRunner(createImportService(dv.ports()), SEED_IMPORT_ID, host(jest.fn()));
            runner.check(fileStatuses());
            await until(runner, (s) => s.phase === "idle" && s.jobFailure !== null);
            expect(runner.getState().jobFailure).toMatchObject({ stage: "parse", canceled: true, message: "Canceled by Dana" });
        });

        it("follows a run started here even when the import's jobs do not list its job (read by id)", async () => {
            const ports = dv.ports();
            const webApi = {
                ...ports.webApi,
                // A platform whose jobs are not "regarding" the import: the list comes back empty.
                retrieveMultipleRecords: (entity: string, options?: string, max?: number) =>
                    entity === "asyncoperation" ? Promise.resolve({ entities: [] }) : ports.webApi.retrieveMultipleRecords(entity, options, max),
            };
            const runner = createImportRunner(createImportService({ ...ports, webApi }), SEED_IMPORT_ID, host(jest.fn()));
            runner.start("parse", true);
            await until(runner, (s) => s.phase === "idle");
            expect(runner.getState().completed).toEqual(["parse", "transform", "import"]);
        });

        it("has each file's parse failures as soon as Parse has logged them, before Transform and Import", async () => {
            const runner = createImportRunner(createImportService(dv.ports()), SEED_IMPORT_ID, host(jest.fn()));
            runner.start("parse");
            await until(runner, (s) => s.phase === "idle");
            const logged = dv.importLogs(SEED_LEADS_FILE_ID).filter((l) => l.logphasecode === 0).length;
            expect(logged).toBeGreaterThan(0);
            expect(runner.getState().failures!.get(SEED_LEADS_FILE_ID)).toEqual({ parse: logged, transform: 0, import: 0 });
            expect(runner.getState().failures!.has(SEED_CONTACTS_FILE_ID)).toBe(false);
        });

        it("polls every second while counts move and backs off only while nothing changes", async () => {
            dv.setStepMs(1500);
            const runner = createImportRunner(createImportService(dv.ports()), SEED_IMPORT_ID, host(jest.fn()));
            const intervals: number[] = [];
            runner.subscribe((s) => s.phase === "running" && intervals.push(s.pollIntervalMs));
            runner.start("parse", true);
            await until(runner, (s) => s.phase === "idle");
            // The interval went back to the first one after growing: a change resets it.
            const grewThenReset = intervals.some((v, i) => i > 0 && v === FIRST_POLL_MS && intervals[i - 1] > FIRST_POLL_MS);
            expect(grewThenReset).toBe(true);
            expect(Math.max(...intervals)).toBeLessThan(MAX_POLL_MS);
        });

        it("says it is waiting for the service while a read is throttled", async () => {
            dv.setStepMs(2000);
            const runner = createImportRunner(createImportService(dv.ports()), SEED_IMPORT_ID, host(jest.fn()));
            runner.start("parse");
            await until(runner, (s) => s.statuses !== null);
            dv.faults.failNext({ kind: "throttle", retryAfterSeconds: 5 }, { count: 1, match: "retrieveMultiple:importfile" });
            await until(runner, (s) => s.throttledMs === 5000);
            await until(runner, (s) => s.throttledMs === 0);
            expect(runner.getState().stale).toBeNull();
        });

        it("keeps following when the failure counts cannot be read (the aggregate limit) and says why", async () => {
            dv.dispose();
            dv = createFakeDataverse({ stepMs: 200, latencyMs: 20, aggregateRecordLimit: 1 });
            const runner = createImportRunner(createImportService(dv.ports()), SEED_IMPORT_ID, host(jest.fn()));
            runner.start("parse");
            await until(runner, (s) => s.phase === "idle");
            const state = runner.getState();
            expect(state.completed).toEqual(["parse"]);
            expect(state.stale).toBeNull();
            expect(state.failuresError?.message).toMatch(/AggregateQueryRecordLimit/);
        });

        it("lists every stage of a run that ended while the tab was hidden, from the jobs themselves", async () => {
            dv.runInBackground(SEED_IMPORT_ID);
            const hidden = { value: false };
            const h = host(jest.fn(), hidden);
            const runner = createImportRunner(createImportService(dv.ports()), SEED_IMPORT_ID, h);
            runner.check(fileStatuses());
            await until(runner, (s) => s.phase === "running");
            hidden.value = true;
            h.fireVisibility();
            const mark = dv.requests.mark();
            await advance(60000, 1000);
            expect(dv.requests.since(mark)).toHaveLength(0);
            hidden.value = false;
            h.fireVisibility();
            await until(runner, (s) => s.phase === "idle");
            expect(runner.getState().completed).toEqual(["parse", "transform", "import"]);
        });

        it("polls a slow import at a share of its own pace, not every second", async () => {
            dv.setStepMs(20000);
            const runner = createImportRunner(createImportService(dv.ports()), SEED_IMPORT_ID, host(jest.fn()));
            const intervals: number[] = [];
            runner.subscribe((s) => s.phase === "running" && intervals.push(s.pollIntervalMs));
            runner.start("parse");
            await until(runner, (s) => s.phase === "idle", 600000);
            // Changes 20 s apart: after the second one, the next tick waits about a quarter of that (5 s), never 1 s again.
            expect(intervals.slice(2).every((v) => v > FIRST_POLL_MS)).toBe(true);
            expect(intervals.some((v) => v >= 4500 && v <= 6000)).toBe(true);
        });

        it("starts a stage clicked while a check is still reading, and follows it to the end", async () => {
            dv.setLatencyMs(1500);
            const runner = createImportRunner(createImportService(dv.ports()), SEED_IMPORT_ID, host(jest.fn()));
            runner.check(fileStatuses());
            await advance(200, 100);
            expect(runner.start("parse")).toBe(true);
            await until(runner, (s) => s.phase === "idle", 120000);
            expect(runner.getState().completed).toEqual(["parse"]);
            expect(dv.requests.count("execute:ParseImport")).toBe(1);
        });
    });
});
