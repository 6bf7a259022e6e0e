import {
    createFakeDataverse,
    DataverseErrorCodes,
    errorCodeToHex,
    FAKE_USER_ID,
    FakeDataverse,
    hexToErrorCode,
    parseImportRequest,
    PlatformErrors,
    SEED_CONTACTS_FILE_ID,
    SEED_IMPORT_ID,
    transformImportRequest,
} from "../../../sandbox/dataverse";
import type { DataversePorts } from "../../../ImportMonitor/dataverse/platform";

describe("FakeDataverse faults, request log and lifecycle", () => {
    let dv: FakeDataverse;
    let ports: DataversePorts;
    const readFiles = () => ports.webApi.retrieveMultipleRecords("importfile", `?$select=name&$filter=_importid_value eq ${SEED_IMPORT_ID}`);
    const readJob = (id = "0d5b1f86-2f0c-4a7e-9a3c-1b2d3e4f5a6b") => ports.webApi.retrieveRecord("asyncoperation", id, "?$select=statecode");

    beforeEach(() => {
        jest.useFakeTimers();
        dv = createFakeDataverse({ stepMs: 50 });
        ports = dv.ports();
    });

    afterEach(() => {
        dv.dispose();
        expect(jest.getTimerCount()).toBe(0);
        jest.useRealTimers();
    });

    it("exports the platform codes in signed and hex form", () => {
        expect(DataverseErrorCodes.Throttling).toEqual({ errorCode: -2147015902, code: "0x80072322" });
        expect(DataverseErrorCodes.MissingPrivilege).toEqual({ errorCode: -2147220960, code: "0x80040220" });
        expect(DataverseErrorCodes.ObjectDoesNotExist).toEqual({ errorCode: -2147220969, code: "0x80040217" });
        expect(hexToErrorCode("0x80040345")).toBe(-2147220667);
        expect(errorCodeToHex(-2147220667)).toBe("0x80040345");
    });

    it("throttles the next call matching a pattern, once", async () => {
        dv.faults.failNext("throttle", { match: "retrieveMultiple:importfile" });
        await expect(ports.webApi.retrieveRecord("import", SEED_IMPORT_ID)).resolves.toBeDefined();
        await expect(readFiles()).rejects.toEqual({
            errorCode: -2147015902,
            code: "0x80072322",
            message: "Number of requests exceeded the limit of 6000 over time window of 300 seconds.",
            status: 429,
            title: "Too Many Requests",
            retryAfterSeconds: 2,
        });
        await expect(readFiles()).resolves.toBeDefined();
    });

    it("fails the next N calls of any kind", async () => {
        dv.faults.failNext({ kind: "throttle", retryAfterSeconds: 7 }, { count: 2 });
        await expect(readFiles()).rejects.toMatchObject({ retryAfterSeconds: 7 });
        await expect(ports.getEntityMetadata("contact")).rejects.toMatchObject({ status: 429 });
        await expect(readFiles()).resolves.toBeDefined();
    });

    it("gives the privilege error of the operation (the first documented privilege it needs, or the first missing one)", async () => {
        dv.faults.failNext("privilege", { match: "execute:*" });
        const error = (await ports.execute!(parseImportRequest(SEED_IMPORT_ID)).catch((e: unknown) => e)) as Record<string, unknown>;
        expect(error).toMatchObject({ errorCode: -2147220960, code: "0x80040220", status: 403 });
        expect(error.message).toBe(
            `Principal user (Id=${FAKE_USER_ID}, type=8, roleCount=1, privilegeCount=418, accessMode=0), is missing prvCreateImport privilege ` +
                `(Id=5c6d7e8f-9012-4a3b-94c5-d6e7f8091a2b) on OTC=4410 for entity 'import'. context.Caller=${FAKE_USER_ID}`,
        );
        expect(dv.jobs()).toHaveLength(0);
        dv.privileges.revoke("prvReadImportFile");
        dv.faults.failNext("privilege", { match: "execute:TransformImport" });
        await expect(ports.execute!(transformImportRequest(SEED_IMPORT_ID))).rejects.toMatchObject({
            message: expect.stringMatching(/missing prvReadImportFile privilege .* on OTC=4412 for entity 'importfile'/) as unknown,
        });
        dv.privileges.reset();
        dv.faults.failNext({ kind: "privilege", privilege: "prvReadAsyncOperation" }, { match: "execute:*" });
        await expect(ports.execute!(parseImportRequest(SEED_IMPORT_ID))).rejects.toMatchObject({
            message: expect.stringMatching(/missing prvReadAsyncOperation privilege .* on OTC=4700 for entity 'asyncoperation'/) as unknown,
        });
        dv.faults.failNext("privilege", { match: "retrieveMultiple:importlog" });
        await expect(ports.webApi.retrieveMultipleRecords("importlog")).rejects.toMatchObject({
            message: expect.stringMatching(/missing prvReadImportLog privilege .* on OTC=4423 for entity 'importlog'/) as unknown,
        });
    });

    it("gives not found, precondition failed, timeout and server errors", async () => {
        dv.faults.failNext("notFound", { match: "retrieve:import" });
        await expect(ports.webApi.retrieveRecord("import", SEED_IMPORT_ID)).rejects.toEqual(PlatformErrors.notFound("import", SEED_IMPORT_ID));
        dv.faults.failNext("precondition");
        await expect(readFiles()).rejects.toMatchObject({ status: 412, code: "0x80060882" });
        dv.faults.failNext({ kind: "server", message: "Generic SQL error." });
        await expect(readFiles()).rejects.toMatchObject({ status: 500, code: "0x80040216", message: "Generic SQL error." });
        dv.faults.failNext({ kind: "timeout", afterMs: 1000 });
        let rejected: unknown = null;
        const p = readFiles().catch((e: unknown) => (rejected = e));
        await jest.advanceTimersByTimeAsync(999);
        expect(rejected).toBeNull();
        await jest.advanceTimersByTimeAsync(1);
        await p;
        expect(rejected).toMatchObject({ status: 504, code: "0x800705b4" });
    });

    it("goes offline the way a browser does", async () => {
        const handle = dv.faults.failAll("*", "offline");
        const e = await readFiles().catch((x: unknown) => x);
        expect(e).toBeInstanceOf(TypeError);
        expect((e as TypeError).message).toBe("Failed to fetch");
        await expect(readJob()).rejects.toBeInstanceOf(TypeError);
        expect(handle.remaining).toBe(Infinity);
        handle.remove();
        await expect(readFiles()).resolves.toBeDefined();
        dv.faults.failNext({ kind: "offline", shape: "object" });
        await expect(readFiles()).rejects.toEqual({ message: "Failed to fetch" });
    });

    it("fails every call matching an operation until removed, and counts down failNext", async () => {
        const all = dv.faults.failAll("retrieve:asyncoperation", "server");
        await expect(readJob()).rejects.toMatchObject({ status: 500 });
        await expect(readJob()).rejects.toMatchObject({ status: 500 });
        await expect(readFiles()).resolves.toBeDefined();
        all.remove();
        await expect(readJob()).rejects.toMatchObject({ status: 404 });

        const next = dv.faults.failNext("throttle", { count: 3, match: "execute:TransformImport" });
        await expect(ports.execute!(transformImportRequest(SEED_IMPORT_ID))).rejects.toMatchObject({ status: 429 });
        expect(next.remaining).toBe(2);
        expect(dv.faults.describe().faults).toHaveLength(1);
        dv.faults.clear();
        expect(dv.faults.describe().faults).toHaveLength(0);
    });

    it("slows matching calls on the clock", async () => {
        const slow = dv.faults.slow(2000, "retrieveMultiple:*");
        let done = false;
        const p = readFiles().then(() => (done = true));
        await jest.advanceTimersByTimeAsync(1999);
        expect(done).toBe(false);
        await jest.advanceTimersByTimeAsync(1);
        await p;
        expect(done).toBe(true);
        await expect(ports.webApi.retrieveRecord("import", SEED_IMPORT_ID)).resolves.toBeDefined();
        slow.remove();
        await expect(readFiles()).resolves.toBeDefined();
    });

    it("logs every call with kind, entity, options and time, and counts by pattern", async () => {
        const start = dv.requests.mark();
        await readFiles();
        await readFiles();
        await ports.webApi.retrieveRecord("importfile", SEED_CONTACTS_FILE_ID, "?$select=name");
        await ports.getEntityMetadata("account", ["name"]);
        await ports.execute!(parseImportRequest(SEED_IMPORT_ID));
        dv.faults.failNext("throttle");
        await readFiles().catch(() => undefined);

        expect(dv.requests.count()).toBe(6);
        expect(dv.requests.count("retrieveMultiple:importfile")).toBe(3);
        expect(dv.requests.count("retrieve")).toBe(1);
        expect(dv.requests.count("execute:ParseImport")).toBe(1);
        expect(dv.requests.count("*:account")).toBe(1);
        expect(dv.requests.summary(start)).toEqual({
            "retrieveMultiple:importfile": 3,
            "retrieve:importfile": 1,
            "metadata:account": 1,
            "execute:ParseImport": 1,
        });
        const [first] = dv.requests.entries();
        expect(first).toMatchObject({ seq: 1, kind: "retrieveMultiple", entity: "importfile", options: expect.stringContaining("$select=name") as unknown });
        expect(typeof first.at).toBe("number");
        expect(dv.requests.entries((e) => e.kind === "execute")[0]).toMatchObject({ entity: "import", operation: "ParseImport", id: SEED_IMPORT_ID });
        const mark = dv.requests.mark();
        await readFiles();
        expect(dv.requests.count("retrieveMultiple", mark)).toBe(1);
        expect(dv.requests.since(mark)).toHaveLength(1);
    });

    it("reset() returns to the seed and stops every stage", async () => {
        await ports.execute!(parseImportRequest(SEED_IMPORT_ID));
        await jest.advanceTimersByTimeAsync(50);
        expect(dv.importFiles()[0].processingstatus).toBe(2);
        dv.faults.failAll("*", "throttle");
        dv.reset();
        expect(jest.getTimerCount()).toBe(0);
        expect(dv.importFiles().map((f) => f.processingstatus)).toEqual([1, 1, 1]);
        expect(dv.jobs()).toHaveLength(0);
        expect(dv.requests.count()).toBe(0);
        await expect(readFiles()).resolves.toBeDefined();
    });

    it("dispose() clears every timer, mid-stage and mid-latency, and later calls reject", async () => {
        dv.setLatencyMs(100);
        const pending = ports.execute!(parseImportRequest(SEED_IMPORT_ID));
        await jest.advanceTimersByTimeAsync(100);
        await pending;
        void readFiles();
        expect(jest.getTimerCount()).toBeGreaterThan(0);
        expect(dv.pendingTimers).toBeGreaterThan(0);
        dv.dispose();
        expect(jest.getTimerCount()).toBe(0);
        expect(dv.pendingTimers).toBe(0);
        await expect(readFiles()).rejects.toMatchObject({ message: expect.stringMatching(/disposed/) as unknown });
    });

    it("runs on an injected clock", async () => {
        const timers: { fn: () => void; at: number }[] = [];
        let now = 1_700_000_000_000;
        const clock = {
            now: () => now,
            setTimeout: (fn: () => void, ms: number) => {
                const t = { fn, at: now + ms };
                timers.push(t);
                return t;
            },
            clearTimeout: (h: unknown) => {
                const i = timers.indexOf(h as (typeof timers)[number]);
                if (i >= 0) timers.splice(i, 1);
            },
        };
        const own = createFakeDataverse({ clock, stepMs: 10 });
        await own.execute(parseImportRequest(SEED_IMPORT_ID));
        expect(timers).toHaveLength(1);
        now += 10_000;
        timers.shift()!.fn();
        expect(own.importFiles()[0]).toMatchObject({ processingstatus: 2, modifiedon: "2023-11-14T22:13:30Z" });
        own.dispose();
        expect(timers).toHaveLength(0);
    });
});
