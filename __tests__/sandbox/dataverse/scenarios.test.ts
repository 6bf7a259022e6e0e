/**
 * The wizard's run outside the control (runInBackground), fast-forwarding the fake (advance) and the named
 * scenarios of the sandbox page (applyScenario).
 */
import {
    applyScenario,
    AsyncOperationType,
    buildLargeSeed,
    createFakeDataverse,
    createSeed,
    FakeDataverse,
    isScenarioName,
    SCENARIO_NAMES,
    SEED_ACCOUNTS_FILE_ID,
    SEED_IMPORT_ID,
    SEED_LEADS_FILE_ID,
    type FakeClock,
    type ImportFileRecord,
} from "../../../sandbox/dataverse";

const STEP = 100;
const NOW = Date.parse("2025-11-24T10:00:00Z");

describe("FakeDataverse: the wizard's run, advance and scenarios", () => {
    let dv: FakeDataverse;

    beforeEach(() => {
        jest.useFakeTimers({ now: NOW });
        dv = createFakeDataverse({ stepMs: STEP });
    });

    afterEach(() => {
        dv.dispose();
        expect(jest.getTimerCount()).toBe(0);
        jest.useRealTimers();
    });

    const jobs = () => dv.jobs(SEED_IMPORT_ID).map((j) => [j.operationtype, j.statecode, j.statuscode]);
    const files = () => dv.importFiles(SEED_IMPORT_ID);
    const runToEnd = async (run: { status: string }) => {
        for (let i = 0; i < 200 && run.status === "running"; i++) await jest.advanceTimersByTimeAsync(STEP);
    };

    describe("runInBackground", () => {
        it("submits parse at once, transform when parse has succeeded, import when transform has succeeded", async () => {
            const run = dv.runInBackground(SEED_IMPORT_ID);
            expect(run).toMatchObject({ importId: SEED_IMPORT_ID, stage: "parse", status: "running" });
            expect(run.jobIds).toHaveLength(1);
            expect(jobs()).toEqual([[AsyncOperationType.ImportFileParse, 0, 0]]);

            while (run.jobIds.length === 1) await jest.advanceTimersByTimeAsync(STEP);
            // Transform is submitted as parse completes (no gap), and starts at once: nothing else is queued.
            expect(jobs()).toEqual([
                [3, 3, 30],
                [4, 0, 0],
            ]);
            expect(run.stage).toBe("transform");
            expect(dv.pendingStages(SEED_IMPORT_ID).map((p) => p.stage)).toEqual(["transform"]);

            await runToEnd(run);
            expect(run.status).toBe("succeeded");
            expect(run.stage).toBeNull();
            expect(run.jobIds).toEqual(dv.jobs(SEED_IMPORT_ID).map((j) => j.asyncoperationid));
            expect(jobs()).toEqual([
                [3, 3, 30],
                [4, 3, 30],
                [5, 3, 30],
            ]);
            expect(files().map((f) => [f.processingstatus, f.statuscode])).toEqual([
                [11, 4],
                [11, 4],
                [11, 4],
            ]);
            expect(dv.pendingTimers).toBe(0);
        });

        it("is outside the control: not logged, no privilege check", async () => {
            dv.privileges.revoke("prvCreateImport");
            const run = dv.runInBackground(SEED_IMPORT_ID);
            await runToEnd(run);
            expect(run.status).toBe("succeeded");
            expect(dv.requests.entries()).toHaveLength(0);
        });

        it("a stage failure armed with faults.failStage ends the run: nothing more is submitted", async () => {
            dv.faults.failStage("transform", { atProcessingStatus: 5, message: "Transform broke." });
            const run = dv.runInBackground(SEED_IMPORT_ID);
            await runToEnd(run);
            expect(run.status).toBe("failed");
            expect(jobs()).toEqual([
                [3, 3, 30],
                [4, 3, 31],
            ]);
            expect(dv.jobs(SEED_IMPORT_ID)[1].message).toBe("Transform broke.");
            expect(files().every((f) => f.processingstatus === 5 && f.statuscode === 5)).toBe(true);
            expect(dv.runningStage(SEED_IMPORT_ID)).toBeNull();
        });

        it("a failure of parse stops it there", async () => {
            dv.faults.failStage("parse");
            const run = dv.runInBackground(SEED_IMPORT_ID);
            await runToEnd(run);
            expect(run.status).toBe("failed");
            expect(jobs()).toEqual([[3, 3, 31]]);
        });

        it("queues behind a job the control started, like any job", async () => {
            dv.startStageExternally("parse", SEED_IMPORT_ID);
            const run = dv.runInBackground(SEED_IMPORT_ID);
            expect(dv.pendingStages(SEED_IMPORT_ID).map((p) => p.stage)).toEqual(["parse", "parse"]);
            await runToEnd(run);
            expect(run.status).toBe("succeeded");
            expect(jobs().map((j) => j[0])).toEqual([3, 3, 4, 5]);
        });

        it("can leave a gap between one job's success and the next (gapMs)", async () => {
            const run = dv.runInBackground(SEED_IMPORT_ID, { gapMs: 1000 });
            while (dv.runningStage(SEED_IMPORT_ID)) await jest.advanceTimersByTimeAsync(STEP);
            expect(run.jobIds).toHaveLength(1);
            expect(run.status).toBe("running");
            await jest.advanceTimersByTimeAsync(1000);
            expect(run.jobIds).toHaveLength(2);
            await runToEnd(run);
            expect(run.status).toBe("succeeded");
        });

        it("throws for an import that does not exist; reset stops a run", () => {
            expect(() => dv.runInBackground("11111111-2222-3333-4444-555555555555")).toThrow(/runInBackground: import With Id = .* Does Not Exist/);
            expect(() => dv.runInBackground("nope")).toThrow(/not a GUID/);
            const run = dv.runInBackground(SEED_IMPORT_ID);
            dv.reset();
            expect(run.status).toBe("stopped");
            expect(dv.pendingTimers).toBe(0);
        });
    });

    describe("advance", () => {
        it("runs a number of the fake's pending steps now, without the clock", () => {
            dv.runInBackground(SEED_IMPORT_ID);
            expect(dv.advance(1)).toBe(1);
            expect(files().every((f) => f.processingstatus === 2)).toBe(true);
            expect(dv.advance(0)).toBe(0);
            expect(Date.now()).toBe(NOW);
        });

        it("runs until a condition holds; the rest stays on the clock with what remained of its delay", async () => {
            const run = dv.runInBackground(SEED_IMPORT_ID);
            dv.advance(() => run.stage === "transform");
            expect(dv.jobs(SEED_IMPORT_ID)[0]).toMatchObject({ statecode: 3, statuscode: 30 });
            expect(dv.pendingTimers).toBe(1);
            const before = dv.jobs(SEED_IMPORT_ID)[1];
            await jest.advanceTimersByTimeAsync(STEP - 1);
            expect(dv.jobs(SEED_IMPORT_ID)[1].statecode).toBe(before.statecode);
            await jest.advanceTimersByTimeAsync(1);
            expect(dv.jobs(SEED_IMPORT_ID)[1]).toMatchObject({ statecode: 2, statuscode: 20 });
        });

        it("moves what the steps wrote back in time: it reads as having happened just before now", () => {
            const run = dv.runInBackground(SEED_IMPORT_ID);
            const steps = dv.advance(() => run.status !== "running");
            for (const job of dv.jobs(SEED_IMPORT_ID)) {
                const created = Date.parse(job.createdon);
                const started = Date.parse(job.startedon!);
                const completed = Date.parse(job.completedon!);
                expect(created).toBeLessThanOrEqual(started);
                expect(started).toBeLessThanOrEqual(completed);
                expect(completed).toBeLessThanOrEqual(NOW);
                expect(created).toBeGreaterThanOrEqual(NOW - steps * STEP - 1000);
            }
            for (const f of files()) expect(Date.parse(f.modifiedon)).toBeLessThanOrEqual(NOW);
            // Seeded dates are left alone.
            expect(files()[0].createdon).toBe("2025-11-24T09:12:31Z");
        });

        it("throws when the condition cannot hold", () => {
            expect(() => dv.advance(() => false)).toThrow(/did not hold after 0 step/);
            dv.runInBackground(SEED_IMPORT_ID);
            expect(() => dv.advance(() => false, { maxSteps: 3 })).toThrow(/did not hold after 3 step/);
            // Still usable afterwards: the rest runs on the clock.
            expect(dv.pendingTimers).toBe(1);
        });

        it("works on a virtual clock (the bench's): the continuation is on that clock", () => {
            let now = NOW;
            const timers: { at: number; fn: () => void; cleared: boolean }[] = [];
            const clock: FakeClock = {
                now: () => now,
                setTimeout: (fn, ms) => {
                    const t = { at: now + ms, fn, cleared: false };
                    timers.push(t);
                    return t;
                },
                clearTimeout: (h) => {
                    (h as { cleared: boolean }).cleared = true;
                },
            };
            const virtual = createFakeDataverse({ stepMs: STEP, clock });
            applyScenario(virtual, "mid-import");
            const live = timers.filter((t) => !t.cleared);
            expect(live).toHaveLength(1);
            expect(live[0].at).toBe(NOW + STEP);
            now = live[0].at;
            live[0].cleared = true;
            live[0].fn();
            expect(virtual.runningStage(SEED_IMPORT_ID)?.stage).toBe("import");
            virtual.dispose();
        });
    });

    describe("applyScenario", () => {
        it("names the scenarios", () => {
            expect(SCENARIO_NAMES).toEqual(["default", "mid-parse", "mid-import", "completed-with-failures", "empty"]);
            expect(isScenarioName("empty")).toBe(true);
            expect(isScenarioName("mid-parse")).toBe(true);
            expect(isScenarioName("mid-transform")).toBe(false);
            expect(() => applyScenario(dv, "mid-transform" as never)).toThrow(/one of default, mid-parse/);
        });

        it("default: the seed, nothing started", () => {
            expect(applyScenario(dv, "default")).toEqual({ name: "default", importId: SEED_IMPORT_ID, run: null, steps: 0 });
            expect(dv.jobs()).toHaveLength(0);
            expect(files().every((f) => f.processingstatus === 1)).toBe(true);
        });

        it("mid-parse: the wizard's parse job is in progress, the files are Parsing; the run continues live", async () => {
            const { run } = applyScenario(dv, "mid-parse");
            expect(jobs()).toEqual([[3, 2, 20]]);
            expect(files().map((f) => [f.processingstatus, f.statuscode])).toEqual([
                [2, 1],
                [2, 1],
                [2, 1],
            ]);
            expect(dv.runningStage(SEED_IMPORT_ID)?.stage).toBe("parse");
            expect(dv.requests.entries()).toHaveLength(0);
            await runToEnd(run!);
            expect(run!.status).toBe("succeeded");
            expect(jobs()).toEqual([
                [3, 3, 30],
                [4, 3, 30],
                [5, 3, 30],
            ]);
        });

        it("mid-import: Import Pass 1 with counts written, parse and transform done; it continues to the same end", async () => {
            const { run } = applyScenario(dv, "mid-import");
            expect(jobs()).toEqual([
                [3, 3, 30],
                [4, 3, 30],
                [5, 2, 20],
            ]);
            expect(files().every((f) => f.processingstatus === 9 && f.statuscode === 3)).toBe(true);
            const written = files().reduce((n, f) => n + (f.successcount ?? 0) + (f.failurecount ?? 0) + (f.partialfailurecount ?? 0), 0);
            expect(written).toBeGreaterThan(0);
            expect(written).toBeLessThan(files().reduce((n, f) => n + (f.totalcount ?? 0), 0));
            await runToEnd(run!);
            expect(run!.status).toBe("succeeded");
            const live = files().map((f) => [f.name, f.successcount, f.failurecount, f.partialfailurecount]);

            const other = createFakeDataverse({ stepMs: STEP });
            applyScenario(other, "completed-with-failures");
            expect(other.importFiles(SEED_IMPORT_ID).map((f) => [f.name, f.successcount, f.failurecount, f.partialfailurecount])).toEqual(live);
            other.dispose();
        });

        it("completed-with-failures: all three stages done, accounts.csv with failed and partly failed rows, leads.csv failing; no job running", () => {
            const { run, steps } = applyScenario(dv, "completed-with-failures");
            expect(run!.status).toBe("succeeded");
            expect(steps).toBeGreaterThan(0);
            expect(jobs()).toEqual([
                [3, 3, 30],
                [4, 3, 30],
                [5, 3, 30],
            ]);
            expect(dv.runningStage(SEED_IMPORT_ID)).toBeNull();
            expect(dv.pendingTimers).toBe(0);
            const accounts = dv.record<ImportFileRecord>("importfile", SEED_ACCOUNTS_FILE_ID)!;
            expect(accounts).toMatchObject({ processingstatus: 11, statuscode: 4, successcount: 17, failurecount: 5, partialfailurecount: 2 });
            const leads = dv.record<ImportFileRecord>("importfile", SEED_LEADS_FILE_ID)!;
            expect(leads).toMatchObject({ processingstatus: 11, successcount: 0 });
            expect(leads.failurecount).toBe(leads.totalcount);
            expect(dv.importLogs(SEED_LEADS_FILE_ID).some((l) => l.logphasecode === 0)).toBe(true);
            expect(dv.record("import", SEED_IMPORT_ID)).toMatchObject({ statuscode: 4 });
        });

        it("empty: the import with no file, log or job, Submitted; nothing logged; reset brings the seed back", async () => {
            const seededFiles = files().map((f) => f.importfileid);
            expect(seededFiles).toHaveLength(3);
            expect(applyScenario(dv, "empty")).toEqual({ name: "empty", importId: SEED_IMPORT_ID, run: null, steps: 0 });
            expect(files()).toEqual([]);
            expect(dv.importFiles()).toEqual([]);
            expect(dv.importLogs()).toEqual([]);
            expect(dv.jobs()).toEqual([]);
            expect(dv.record("import", SEED_IMPORT_ID)).toMatchObject({ importid: SEED_IMPORT_ID, statuscode: 0 });
            expect(dv.requests.entries()).toHaveLength(0);
            expect(dv.pendingTimers).toBe(0);

            // What the control reads: the import, and no files of it.
            const ports = dv.ports();
            await expect(ports.webApi.retrieveRecord("import", SEED_IMPORT_ID, "?$select=name,statuscode")).resolves.toMatchObject({ statuscode: 0 });
            const listed = await ports.webApi.retrieveMultipleRecords("importfile", `?$select=name&$filter=_importid_value eq ${SEED_IMPORT_ID}`);
            expect(listed.entities).toEqual([]);
            for (const id of seededFiles) await expect(ports.webApi.retrieveRecord("importfile", id, "?$select=name")).rejects.toMatchObject({ status: 404 });

            // A file created in it is the import's only file, and parses from its own content.
            const created = await ports.webApi.createRecord("importfile", {
                name: "contacts.csv",
                source: "contacts.csv",
                content: "First Name,Last Name\r\nZoë,Ågren\r\n",
                size: "1",
                fielddelimitercode: 2,
                datadelimitercode: 1,
                isfirstrowheader: true,
                processcode: 1,
                usesystemmap: true,
                targetentityname: "contact",
                "importid@odata.bind": `/imports(${SEED_IMPORT_ID})`,
            });
            expect(files().map((f) => f.importfileid)).toEqual([created.id]);
            const run = dv.runInBackground(SEED_IMPORT_ID);
            await runToEnd(run);
            expect(run.status).toBe("succeeded");
            expect(files()).toEqual([expect.objectContaining({ name: "contacts.csv", processingstatus: 11, statuscode: 4, totalcount: 1, successcount: 1, failurecount: 0 })]);

            dv.reset();
            expect(files().map((f) => f.importfileid)).toEqual(seededFiles);
        });

        it("empty: after a run, its jobs and import logs go with the files; the import is Submitted again; refused while a job runs", () => {
            applyScenario(dv, "completed-with-failures");
            expect(dv.jobs(SEED_IMPORT_ID)).toHaveLength(3);
            expect(dv.importLogs().length).toBeGreaterThan(0);
            expect(dv.record("import", SEED_IMPORT_ID)).toMatchObject({ statuscode: 4 });
            applyScenario(dv, "empty");
            expect(files()).toEqual([]);
            expect(dv.importLogs()).toEqual([]);
            expect(dv.jobs()).toEqual([]);
            expect(dv.record("import", SEED_IMPORT_ID)).toMatchObject({ statuscode: 0 });

            // A generated seed: files of its own import, with import logs.
            const seed = buildLargeSeed({ fileCount: 4, state: "completed", importLogCount: 5, logFileIndex: 1 });
            dv.reset(seed);
            const importId = seed.imports[0].importid;
            expect(dv.importLogs().length).toBeGreaterThan(0);
            applyScenario(dv, "empty");
            expect(dv.importFiles(importId)).toEqual([]);
            expect(dv.importLogs()).toEqual([]);
            expect(dv.record("import", importId)).toMatchObject({ statuscode: 0 });

            dv.reset(createSeed());
            dv.startStageExternally("parse", SEED_IMPORT_ID);
            expect(() => applyScenario(dv, "empty")).toThrow(/no job running or waiting/);
            expect(files()).toHaveLength(3);
            expect(() => applyScenario(dv, "empty", { importId: "11111111-2222-3333-4444-555555555555" })).toThrow(/Does Not Exist/);
        });

        it("runs on another import when asked (a generated seed)", () => {
            const seed = buildLargeSeed({ fileCount: 4 });
            dv.reset(seed);
            const importId = seed.imports[0].importid;
            expect(applyScenario(dv, "completed-with-failures").importId).toBe(importId);
            expect(dv.importFiles(importId).every((f) => f.processingstatus === 11)).toBe(true);
            dv.reset(seed);
            expect(() => applyScenario(dv, "mid-parse", { importId: SEED_IMPORT_ID })).toThrow(/Does Not Exist/);
        });
    });
});
