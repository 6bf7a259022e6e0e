import {
    AsyncOperationType,
    createFakeDataverse,
    DataverseErrorCodes,
    FakeDataverse,
    importRecordsImportRequest,
    parseImportRequest,
    SEED_ACCOUNTS_FILE_ID,
    SEED_IMPORT_ID,
    transformImportRequest,
    type ImportFileRecord,
} from "../../../sandbox/dataverse";
import type { DataversePorts, WebApiEntity } from "../../../ImportMonitor/dataverse/platform";

const STEP = 100;

/** The query the control sends to find an unfinished job of an import. */
const unfinishedJobs = (importId: string) =>
    `?$select=asyncoperationid,operationtype,statecode,statuscode,createdon&$filter=_regardingobjectid_value eq ${importId} and statecode ne 3&$orderby=createdon desc`;

describe("FakeDataverse system jobs", () => {
    let dv: FakeDataverse;
    let ports: DataversePorts;

    const start = async (request: Parameters<NonNullable<DataversePorts["execute"]>>[0]): Promise<WebApiEntity> =>
        (await (await ports.execute!(request)).json()) as WebApiEntity;
    const job = (id: string) => ports.webApi.retrieveRecord("asyncoperation", id, "?$select=statecode,statuscode,operationtype");

    beforeEach(() => {
        jest.useFakeTimers({ now: new Date("2025-11-24T10:00:00Z") });
        dv = createFakeDataverse({ stepMs: STEP });
        ports = dv.ports();
    });

    afterEach(() => {
        dv.dispose();
        expect(jest.getTimerCount()).toBe(0);
        jest.useRealTimers();
    });

    it("uses the documented operation types: 3 Import File Parse, 4 Transform Parse Data, 5 Import", () => {
        expect(AsyncOperationType).toEqual({ ImportFileParse: 3, TransformParseData: 4, Import: 5 });
    });

    it("a second ParseImport while the first runs queues (Ready / Waiting For Resources), then runs; both end Succeeded", async () => {
        const first = await start(parseImportRequest(SEED_IMPORT_ID));
        await jest.advanceTimersByTimeAsync(STEP);
        expect(await job(first.asyncoperationid as string)).toMatchObject({ statecode: 2, statuscode: 20 });

        const second = await start(parseImportRequest(SEED_IMPORT_ID));
        expect(second).toMatchObject({ statecode: 0, statuscode: 0, operationtype: 3, _regardingobjectid_value: SEED_IMPORT_ID });
        expect(dv.pendingStages(SEED_IMPORT_ID).map((p) => p.jobId)).toEqual([first.asyncoperationid, second.asyncoperationid]);

        await jest.advanceTimersByTimeAsync(STEP);
        expect(await job(second.asyncoperationid as string)).toMatchObject({ statecode: 0, statuscode: 0 });
        // The first completes, then the second starts.
        for (let i = 0; i < 10 && (await job(first.asyncoperationid as string)).statecode !== 3; i++) await jest.advanceTimersByTimeAsync(STEP);
        expect(await job(first.asyncoperationid as string)).toMatchObject({ statecode: 3, statuscode: 30 });
        await jest.advanceTimersByTimeAsync(STEP);
        expect(await job(second.asyncoperationid as string)).toMatchObject({ statecode: 2, statuscode: 20 });
        await jest.advanceTimersByTimeAsync(STEP * 10);
        expect(await job(second.asyncoperationid as string)).toMatchObject({ statecode: 3, statuscode: 30 });
        expect(dv.runningStage(SEED_IMPORT_ID)).toBeNull();

        // Parsed twice, logged once: the second run replaced the first's parse logs and counts.
        const accounts = dv.record<ImportFileRecord>("importfile", SEED_ACCOUNTS_FILE_ID)!;
        expect(accounts).toMatchObject({ processingstatus: 3, statuscode: 1, totalcount: 24 });
        expect(dv.importLogs(SEED_ACCOUNTS_FILE_ID).map((l) => l.linenumber)).toEqual([6, 12]);
    });

    it("takes the three actions back to back: each job waits for the one before, the import ends Completed with single counts", async () => {
        const jobs = [
            await start(parseImportRequest(SEED_IMPORT_ID)),
            await start(transformImportRequest(SEED_IMPORT_ID)),
            await start(importRecordsImportRequest(SEED_IMPORT_ID)),
        ];
        expect(jobs.map((j) => [j.operationtype, j.statecode, j.statuscode])).toEqual([
            [3, 0, 0],
            [4, 0, 0],
            [5, 0, 0],
        ]);
        await jest.advanceTimersByTimeAsync(STEP * 40);
        for (const j of jobs) expect(await job(j.asyncoperationid as string)).toMatchObject({ statecode: 3, statuscode: 30 });
        expect(dv.record<{ statuscode: number }>("import", SEED_IMPORT_ID)!.statuscode).toBe(4);
        const accounts = dv.record<ImportFileRecord>("importfile", SEED_ACCOUNTS_FILE_ID)!;
        expect(accounts).toMatchObject({ processingstatus: 11, totalcount: 24, successcount: 17, failurecount: 5, partialfailurecount: 2 });
        expect(dv.importLogs(SEED_ACCOUNTS_FILE_ID)).toHaveLength(7);
        // Started after one another: each job's start is after the previous one's completion.
        const records = dv.jobs(SEED_IMPORT_ID);
        for (let i = 1; i < records.length; i++) expect(records[i].startedon! >= records[i - 1].completedon!).toBe(true);
    });

    it("running the import stage again does not double the counts or the logs", async () => {
        await start(parseImportRequest(SEED_IMPORT_ID));
        await start(transformImportRequest(SEED_IMPORT_ID));
        await start(importRecordsImportRequest(SEED_IMPORT_ID));
        await start(importRecordsImportRequest(SEED_IMPORT_ID));
        await jest.advanceTimersByTimeAsync(STEP * 60);
        expect(dv.jobs(SEED_IMPORT_ID).map((j) => j.statuscode)).toEqual([30, 30, 30, 30]);
        expect(dv.record<ImportFileRecord>("importfile", SEED_ACCOUNTS_FILE_ID)).toMatchObject({ successcount: 17, failurecount: 5, partialfailurecount: 2 });
        expect(dv.importLogs(SEED_ACCOUNTS_FILE_ID)).toHaveLength(7);
    });

    it("a queued job whose files are not at the state its stage needs fails when it would start", async () => {
        dv.faults.failStage("parse", { atProcessingStatus: 2 });
        const parse = await start(parseImportRequest(SEED_IMPORT_ID));
        const transform = await start(transformImportRequest(SEED_IMPORT_ID));
        await jest.advanceTimersByTimeAsync(STEP * 10);
        expect(dv.record("asyncoperation", parse.asyncoperationid as string)).toMatchObject({ statecode: 3, statuscode: 31 });
        expect(dv.record("asyncoperation", transform.asyncoperationid as string)).toMatchObject({
            statecode: 3,
            statuscode: 31,
            errorcode: DataverseErrorCodes.InvalidImportState.errorCode,
            message: expect.stringMatching(/TransformImport can run only on an import that has been parsed/) as unknown,
        });
        expect(dv.runningStage(SEED_IMPORT_ID)).toBeNull();
    });

    it("records regarding (the import, with its lookuplogicalname), operationtype and createdon, readable and filterable", async () => {
        const parse = await start(parseImportRequest(SEED_IMPORT_ID));
        const read = await ports.webApi.retrieveRecord("asyncoperation", parse.asyncoperationid as string, "?$select=_regardingobjectid_value,operationtype,createdon,statecode,statuscode");
        expect(read).toMatchObject({
            _regardingobjectid_value: SEED_IMPORT_ID,
            "_regardingobjectid_value@Microsoft.Dynamics.CRM.lookuplogicalname": "import",
            operationtype: 3,
            "operationtype@OData.Community.Display.V1.FormattedValue": "Import File Parse",
            createdon: "2025-11-24T10:00:00Z",
            statecode: 0,
            "statecode@OData.Community.Display.V1.FormattedValue": "Ready",
            statuscode: 0,
            "statuscode@OData.Community.Display.V1.FormattedValue": "Waiting For Resources",
        });
        const { entities } = await ports.webApi.retrieveMultipleRecords("asyncoperation", `?$select=asyncoperationid&$filter=operationtype eq 3 and _regardingobjectid_value eq ${SEED_IMPORT_ID}`);
        expect(entities.map((e) => e.asyncoperationid)).toEqual([parse.asyncoperationid]);
    });

    it("answers the control's query for an unfinished job of the import, newest first", async () => {
        dv.setStepMs(1000);
        const parse = await start(parseImportRequest(SEED_IMPORT_ID));
        await jest.advanceTimersByTimeAsync(1500);
        const transform = await start(transformImportRequest(SEED_IMPORT_ID));
        let { entities } = await ports.webApi.retrieveMultipleRecords("asyncoperation", unfinishedJobs(SEED_IMPORT_ID));
        expect(entities.map((e) => [e.asyncoperationid, e.operationtype, e.statecode, e.statuscode])).toEqual([
            [transform.asyncoperationid, 4, 0, 0],
            [parse.asyncoperationid, 3, 2, 20],
        ]);
        expect(Object.keys(entities[0]).filter((k) => !k.includes("@"))).toEqual(["asyncoperationid", "operationtype", "statecode", "statuscode", "createdon"]);
        await jest.advanceTimersByTimeAsync(20_000);
        ({ entities } = await ports.webApi.retrieveMultipleRecords("asyncoperation", unfinishedJobs(SEED_IMPORT_ID)));
        expect(entities).toEqual([]);
        ({ entities } = await ports.webApi.retrieveMultipleRecords("asyncoperation", unfinishedJobs("00000000-0000-0000-0000-0000000000aa")));
        expect(entities).toEqual([]);
    });

    describe("startStageExternally (the import wizard, not the control)", () => {
        it("starts a job the control can find and follow, without a logged call or a privilege check", async () => {
            dv.privileges.revoke("prvCreateImport");
            const external = dv.startStageExternally("parse", SEED_IMPORT_ID);
            expect(external).toMatchObject({ operationtype: 3, statecode: 0, statuscode: 0, _regardingobjectid_value: SEED_IMPORT_ID, name: "Import File Parse" });
            expect(dv.requests.count()).toBe(0);
            expect(dv.runningStage(SEED_IMPORT_ID)).toEqual({ stage: "parse", jobId: external.asyncoperationid });
            const { entities } = await ports.webApi.retrieveMultipleRecords("asyncoperation", unfinishedJobs(SEED_IMPORT_ID));
            expect(entities.map((e) => e.asyncoperationid)).toEqual([external.asyncoperationid]);
            await jest.advanceTimersByTimeAsync(STEP * 10);
            expect(await job(external.asyncoperationid)).toMatchObject({ statecode: 3, statuscode: 30 });
            expect(dv.importFiles(SEED_IMPORT_ID).every((f) => f.processingstatus === 3)).toBe(true);
        });

        it("queues with the control's jobs in either order", async () => {
            dv.startStageExternally("parse", SEED_IMPORT_ID);
            const mine = await start(transformImportRequest(SEED_IMPORT_ID));
            expect(mine).toMatchObject({ statecode: 0, statuscode: 0 });
            const wizardImport = dv.startStageExternally("import", SEED_IMPORT_ID);
            await jest.advanceTimersByTimeAsync(STEP * 40);
            expect(dv.jobs(SEED_IMPORT_ID).map((j) => [j.operationtype, j.statuscode])).toEqual([
                [3, 30],
                [4, 30],
                [5, 30],
            ]);
            expect(dv.record("asyncoperation", wizardImport.asyncoperationid)).toMatchObject({ statecode: 3 });
        });

        it("throws for an unknown stage, a bad id, an unknown import or a stage the files are not ready for", () => {
            expect(() => dv.startStageExternally("upload" as "import", SEED_IMPORT_ID)).toThrow(/stage/);
            expect(() => dv.startStageExternally("parse", "42")).toThrow(/GUID/);
            expect(() => dv.startStageExternally("parse", "00000000-0000-0000-0000-0000000000aa")).toThrow(/Does Not Exist/);
            expect(() => dv.startStageExternally("import", SEED_IMPORT_ID)).toThrow(/has been transformed/);
            expect(dv.jobs()).toHaveLength(0);
        });
    });

    it("reset() drops queued jobs and their timers", async () => {
        await start(parseImportRequest(SEED_IMPORT_ID));
        await start(parseImportRequest(SEED_IMPORT_ID));
        dv.reset();
        expect(jest.getTimerCount()).toBe(0);
        expect(dv.pendingStages(SEED_IMPORT_ID)).toEqual([]);
        await jest.advanceTimersByTimeAsync(STEP * 10);
        expect(dv.jobs()).toHaveLength(0);
    });
});
