import {
    AsyncStatusCode,
    createFakeDataverse,
    DataverseErrorCodes,
    FakeDataverse,
    ImportLogErrors,
    importRecordsImportRequest,
    makeImportFile,
    parseImportRequest,
    SEED_ACCOUNTS_BAD_LINES,
    SEED_ACCOUNTS_FILE_ID,
    SEED_CONTACTS_FILE_ID,
    SEED_IMPORT_ID,
    SEED_LEADS_FILE_ID,
    transformImportRequest,
    createSeed,
    type FakeSeed,
    type ImportFileRecord,
} from "../../../sandbox/dataverse";
import type { Execute, WebApiEntity } from "../../../ImportMonitor/dataverse/platform";

const STEP = 100;

/** Records every distinct (processingstatus, statuscode) a file goes through. */
function track(dv: FakeDataverse, fileIds: string[]): Map<string, { ps: number; sc: number }[]> {
    const seen = new Map<string, { ps: number; sc: number }[]>(fileIds.map((id) => [id, []]));
    const snap = (): void => {
        for (const id of fileIds) {
            const f = dv.record<ImportFileRecord>("importfile", id)!;
            const list = seen.get(id)!;
            const last = list[list.length - 1];
            if (last?.ps !== f.processingstatus || last.sc !== f.statuscode) list.push({ ps: f.processingstatus, sc: f.statuscode });
        }
    };
    snap();
    dv.subscribe(snap);
    return seen;
}

async function runStage(dv: FakeDataverse, execute: Execute, request: Parameters<Execute>[0]): Promise<string> {
    const response = await execute(request);
    expect(response.ok).toBe(true);
    expect(response.status).toBe(200);
    const body = (await response.json()) as WebApiEntity;
    const jobId = body.asyncoperationid as string;
    for (let i = 0; i < 100; i++) {
        const job = await dv.ports().webApi.retrieveRecord("asyncoperation", jobId, "?$select=statecode,statuscode,message,friendlymessage");
        if (job.statecode === 3) return jobId;
        await jest.advanceTimersByTimeAsync(STEP);
    }
    throw new Error("job did not finish");
}

describe("FakeDataverse simulation", () => {
    let dv: FakeDataverse;
    let execute: Execute;

    beforeEach(() => {
        jest.useFakeTimers({ now: new Date("2025-11-24T10:00:00Z") });
        dv = createFakeDataverse({ stepMs: STEP });
        execute = dv.ports().execute!;
    });

    afterEach(() => {
        dv.dispose();
        expect(jest.getTimerCount()).toBe(0);
        jest.useRealTimers();
    });

    it("moves every file through exactly the real processingstatus sequence and ends with counts that add up", async () => {
        const ids = [SEED_CONTACTS_FILE_ID, SEED_ACCOUNTS_FILE_ID, SEED_LEADS_FILE_ID];
        const seen = track(dv, ids);
        const importStatuses: number[] = [];
        dv.subscribe(() => {
            const s = dv.record<{ statuscode: number }>("import", SEED_IMPORT_ID)!.statuscode;
            if (importStatuses[importStatuses.length - 1] !== s) importStatuses.push(s);
        });

        const parseJob = await runStage(dv, execute, parseImportRequest(SEED_IMPORT_ID));
        const transformJob = await runStage(dv, execute, transformImportRequest(SEED_IMPORT_ID));
        const importJob = await runStage(dv, execute, importRecordsImportRequest(SEED_IMPORT_ID));

        for (const id of ids) {
            expect(seen.get(id)!.map((s) => s.ps)).toEqual([1, 2, 3, 4, 5, 6, 7, 12, 8, 9, 10, 11]);
            expect(seen.get(id)!.map((s) => `${s.ps}/${s.sc}`)).toEqual([
                "1/0", "2/1", "3/1", "4/2", "5/2", "6/2", "7/2", "12/2", "8/2", "9/3", "10/3", "11/4",
            ]);
        }
        expect(importStatuses).toEqual([0, 1, 2, 3, 4]);

        for (const jobId of [parseJob, transformJob, importJob]) {
            const job = await dv.ports().webApi.retrieveRecord("asyncoperation", jobId, "?$select=statecode,statuscode,message,friendlymessage");
            expect(job).toMatchObject({ statecode: 3, statuscode: 30, message: null, "statuscode@OData.Community.Display.V1.FormattedValue": "Succeeded" });
        }

        const { entities } = await dv.ports().webApi.retrieveMultipleRecords(
            "importfile",
            `?$select=name,totalcount,successcount,failurecount,partialfailurecount,headerrow,statuscode&$filter=_importid_value eq ${SEED_IMPORT_ID}&$orderby=createdon`,
        );
        const byName = Object.fromEntries(entities.map((e) => [e.name as string, e]));
        for (const e of entities) {
            expect(Number(e.successcount) + Number(e.failurecount) + Number(e.partialfailurecount)).toBe(e.totalcount);
            expect(e["statuscode@OData.Community.Display.V1.FormattedValue"]).toBe("Completed");
        }
        expect(byName["contacts.csv"]).toMatchObject({ totalcount: 40, successcount: 40, failurecount: 0, partialfailurecount: 0 });
        expect(byName["contacts.csv"].headerrow).toBe("First Name,Last Name,Email,Business Phone,Job Title,Company Name,Address 1: City");
        expect(byName["accounts.csv"]).toMatchObject({ totalcount: 24, successcount: 17, failurecount: 5, partialfailurecount: 2 });
        expect(byName["leads.csv"]).toMatchObject({ totalcount: 12, successcount: 0, failurecount: 12, partialfailurecount: 0 });
        expect(byName["leads.csv"].headerrow).toBe("Topic;First Name;Last Name;Company Name;Email;Business Phone;Lead Source");
    });

    it("writes import logs for the bad rows of accounts.csv, by phase", async () => {
        await runStage(dv, execute, parseImportRequest(SEED_IMPORT_ID));
        await runStage(dv, execute, transformImportRequest(SEED_IMPORT_ID));
        await runStage(dv, execute, importRecordsImportRequest(SEED_IMPORT_ID));

        const { entities: logs } = await dv.ports().webApi.retrieveMultipleRecords(
            "importlog",
            `?$select=linenumber,logphasecode,errornumber,errordescription,headercolumn,columnvalue&$filter=_importfileid_value eq ${SEED_ACCOUNTS_FILE_ID}&$orderby=linenumber asc`,
        );
        const summary = logs.map((l) => [l.linenumber, l.logphasecode, l.errornumber]);
        expect(summary).toEqual([
            [6, 0, ImportLogErrors.fieldCountMismatch.errorNumber],
            [9, 2, ImportLogErrors.invalidEmail.errorNumber],
            [12, 0, ImportLogErrors.fieldCountMismatch.errorNumber],
            [15, 2, ImportLogErrors.duplicate.errorNumber],
            [18, 2, ImportLogErrors.outOfRange.errorNumber],
            [20, 1, ImportLogErrors.lookupNotFound.errorNumber],
            [23, 1, ImportLogErrors.lookupNotFound.errorNumber],
        ]);
        expect(SEED_ACCOUNTS_BAD_LINES.ragged).toEqual([6, 12]);
        const parseLog = logs.find((l) => l.linenumber === 6)!;
        expect(parseLog.errordescription).toBe("The number of fields differs from the number of column headings.");
        expect(parseLog["logphasecode@OData.Community.Display.V1.FormattedValue"]).toBe("Parse");
        expect(ImportLogErrors.fieldCountMismatch.hex).toBe("0x80040345");
        expect(parseLog.errornumber).toBe(-2147220667);
        const dup = logs.find((l) => l.linenumber === 15)!;
        expect(dup).toMatchObject({ headercolumn: "Account Number", columnvalue: "ACC-1003" });
        expect(dup.errordescription).toMatch(/^A record with these values already exists/);
        expect(logs.find((l) => l.linenumber === 18)!.errordescription).toMatch(/value -40 of 'numberofemployees'.*outside the valid range/);
        expect(logs.find((l) => l.linenumber === 20)).toMatchObject({ headercolumn: "Primary Contact", columnvalue: "Dana Whitfield" });
        expect(logs.find((l) => l.linenumber === 9)!["logphasecode@OData.Community.Display.V1.FormattedValue"]).toBe("Import Create");

        // The contacts file is clean; every lead row fails (semicolon content read with commas).
        expect(dv.importLogs(SEED_CONTACTS_FILE_ID)).toHaveLength(0);
        const leadLogs = dv.importLogs(SEED_LEADS_FILE_ID);
        expect(leadLogs).toHaveLength(12);
        expect(leadLogs.filter((l) => l.logphasecode === 0).map((l) => l.linenumber).sort((a, b) => Number(a) - Number(b))).toEqual([4, 8]);
        expect(leadLogs.filter((l) => l.logphasecode === 2).every((l) => l.errordescription === "Required field 'Topic' is missing a value.")).toBe(true);
    });

    it("moves the counts up gradually during the import passes", async () => {
        await runStage(dv, execute, parseImportRequest(SEED_IMPORT_ID));
        await runStage(dv, execute, transformImportRequest(SEED_IMPORT_ID));
        const counts: number[] = [];
        dv.subscribe(() => {
            const f = dv.record<ImportFileRecord>("importfile", SEED_CONTACTS_FILE_ID)!;
            const done = Number(f.successcount ?? 0) + Number(f.failurecount ?? 0) + Number(f.partialfailurecount ?? 0);
            if (counts[counts.length - 1] !== done) counts.push(done);
        });
        await runStage(dv, execute, importRecordsImportRequest(SEED_IMPORT_ID));
        expect(counts.length).toBeGreaterThanOrEqual(5);
        expect(counts[counts.length - 1]).toBe(40);
        expect([...counts].sort((a, b) => a - b)).toEqual(counts);
    });

    it("runs a job through Waiting For Resources → In Progress → Succeeded", async () => {
        const response = await execute(parseImportRequest(SEED_IMPORT_ID));
        const body = (await response.json()) as WebApiEntity;
        expect(body["@odata.context"]).toMatch(/#asyncoperations\/\$entity$/);
        expect(body).toMatchObject({ statecode: 0, statuscode: 0, operationtype: 3, name: "Import File Parse", _regardingobjectid_value: SEED_IMPORT_ID });
        const id = body.asyncoperationid as string;
        const read = () => dv.ports().webApi.retrieveRecord("asyncoperation", id, "?$select=statecode,statuscode");
        await jest.advanceTimersByTimeAsync(STEP);
        expect(await read()).toMatchObject({ statecode: 2, statuscode: AsyncStatusCode.InProgress });
        await jest.advanceTimersByTimeAsync(STEP * 3);
        expect(await read()).toMatchObject({ statecode: 3, statuscode: AsyncStatusCode.Succeeded });
    });

    it("only moves files with processcode 1 (Process)", async () => {
        const seed: FakeSeed = createSeed();
        seed.importFiles[2].processcode = 2;
        dv.reset(seed);
        await runStage(dv, execute, parseImportRequest(SEED_IMPORT_ID));
        expect(dv.record<ImportFileRecord>("importfile", SEED_LEADS_FILE_ID)).toMatchObject({ processingstatus: 1, statuscode: 0 });
        expect(dv.record<ImportFileRecord>("importfile", SEED_CONTACTS_FILE_ID)).toMatchObject({ processingstatus: 3, statuscode: 1 });
    });

    describe("gating", () => {
        it("never refuses ParseImport: a second one while the first runs queues behind it, one after parsing re-parses", async () => {
            await execute(parseImportRequest(SEED_IMPORT_ID));
            const second = (await (await execute(parseImportRequest(SEED_IMPORT_ID))).json()) as WebApiEntity;
            expect(second).toMatchObject({ statecode: 0, statuscode: 0, operationtype: 3 });
            await jest.advanceTimersByTimeAsync(STEP * 20);
            expect(dv.jobs(SEED_IMPORT_ID).map((j) => [j.operationtype, j.statecode, j.statuscode])).toEqual([
                [3, 3, 30],
                [3, 3, 30],
            ]);
            const third = await runStage(dv, execute, parseImportRequest(SEED_IMPORT_ID));
            expect(dv.record("asyncoperation", third)).toMatchObject({ statuscode: 30 });
            // Re-parsing replaces the parse logs (accounts.csv has 2 ragged rows), it does not add to them.
            expect(dv.importLogs(SEED_ACCOUNTS_FILE_ID).filter((l) => l.logphasecode === 0)).toHaveLength(2);
        });

        it("rejects TransformImport before parsing completes and ImportRecordsImport before transformation completes (nothing queued)", async () => {
            await expect(execute(transformImportRequest(SEED_IMPORT_ID))).rejects.toMatchObject({
                errorCode: DataverseErrorCodes.InvalidImportState.errorCode,
                message: expect.stringMatching(/TransformImport can run only on an import that has been parsed/) as unknown,
            });
            await runStage(dv, execute, parseImportRequest(SEED_IMPORT_ID));
            await expect(execute(importRecordsImportRequest(SEED_IMPORT_ID))).rejects.toMatchObject({
                errorCode: DataverseErrorCodes.InvalidImportState.errorCode,
                message: expect.stringMatching(/ImportRecordsImport can run only on an import that has been transformed/) as unknown,
            });
            await runStage(dv, execute, transformImportRequest(SEED_IMPORT_ID));
            // A stage may run again over files it has been through.
            await runStage(dv, execute, transformImportRequest(SEED_IMPORT_ID));
            await runStage(dv, execute, importRecordsImportRequest(SEED_IMPORT_ID));
            expect(dv.jobs(SEED_IMPORT_ID).every((j) => j.statuscode === 30)).toBe(true);
        });

        it("rejects an action on an import that does not exist with 404", async () => {
            await expect(execute(parseImportRequest("00000000-0000-0000-0000-0000000000aa"))).rejects.toMatchObject({
                errorCode: -2147220969,
                code: "0x80040217",
                status: 404,
                message: "import With Id = 00000000-0000-0000-0000-0000000000aa Does Not Exist",
            });
        });
    });

    describe("failing stages", () => {
        it("fails a transform at Lookup Transformation: job 31 with messages, files Failed at 5, import Failed", async () => {
            await runStage(dv, execute, parseImportRequest(SEED_IMPORT_ID));
            dv.faults.failStage("transform", { atProcessingStatus: 5, message: "Lookup transformation failed: the map references a deleted column." });
            const seen = track(dv, [SEED_ACCOUNTS_FILE_ID]);
            const jobId = await runStage(dv, execute, transformImportRequest(SEED_IMPORT_ID));
            const job = await dv.ports().webApi.retrieveRecord("asyncoperation", jobId, "?$select=statecode,statuscode,message,friendlymessage");
            expect(job).toMatchObject({
                statecode: 3,
                statuscode: 31,
                message: "Lookup transformation failed: the map references a deleted column.",
                "statuscode@OData.Community.Display.V1.FormattedValue": "Failed",
            });
            expect(job.friendlymessage).toMatch(/An error has occurred/);
            expect(seen.get(SEED_ACCOUNTS_FILE_ID)!.map((s) => `${s.ps}/${s.sc}`)).toEqual(["3/1", "4/2", "5/2", "5/5"]);
            for (const f of dv.importFiles(SEED_IMPORT_ID)) expect(f).toMatchObject({ processingstatus: 5, statuscode: 5 });
            expect(dv.record<{ statuscode: number }>("import", SEED_IMPORT_ID)!.statuscode).toBe(5);
            await expect(execute(importRecordsImportRequest(SEED_IMPORT_ID))).rejects.toMatchObject({ status: 400 });
        });

        it("fails an import during pass 2 with the counts where they stopped", async () => {
            await runStage(dv, execute, parseImportRequest(SEED_IMPORT_ID));
            await runStage(dv, execute, transformImportRequest(SEED_IMPORT_ID));
            dv.faults.failStage("import", { atProcessingStatus: 10 });
            const jobId = await runStage(dv, execute, importRecordsImportRequest(SEED_IMPORT_ID));
            expect(dv.record("asyncoperation", jobId)).toMatchObject({ statuscode: 31, message: expect.stringMatching(/Import Pass 2/) as unknown });
            const f = dv.record<ImportFileRecord>("importfile", SEED_CONTACTS_FILE_ID)!;
            expect(f).toMatchObject({ processingstatus: 10, statuscode: 5 });
            expect(Number(f.successcount)).toBeGreaterThan(0);
            expect(Number(f.successcount)).toBeLessThan(40);
        });

        it("rejects a failStage status outside the stage", async () => {
            dv.faults.failStage("parse", { atProcessingStatus: 9 });
            await expect(execute(parseImportRequest(SEED_IMPORT_ID))).rejects.toThrow(/not a status of parse/);
        });
    });

    it("honours isfirstrowheader=false, tab delimiters and the update mode's log phase", async () => {
        const seed: FakeSeed = {
            imports: [{ ...createSeed().imports[0], modecode: 1 }],
            importFiles: [
                makeImportFile({
                    importfileid: "11111111-2222-4333-8444-555555555555",
                    name: "noheader.tsv",
                    _importid_value: SEED_IMPORT_ID,
                    targetentityname: "contact",
                    fielddelimitercode: 3,
                    isfirstrowheader: false,
                    content: "Ada\tLovelace\nAlan\tTuring\nGrace\n",
                }),
            ],
            importLogs: [],
            asyncOperations: [],
            rules: {
                "11111111-2222-4333-8444-555555555555": [{ kind: "line", line: 2, outcome: "failure", error: "duplicate", column: "Col1" }],
            },
        };
        dv.reset(seed);
        await runStage(dv, execute, parseImportRequest(SEED_IMPORT_ID));
        await runStage(dv, execute, transformImportRequest(SEED_IMPORT_ID));
        await runStage(dv, execute, importRecordsImportRequest(SEED_IMPORT_ID));
        const f = dv.importFiles()[0];
        expect(f).toMatchObject({ headerrow: "Col1,Col2", totalcount: 3, failurecount: 3, successcount: 0 });
        const logs = dv.importLogs().sort((a, b) => Number(a.linenumber) - Number(b.linenumber));
        expect(logs.map((l) => [l.linenumber, l.logphasecode])).toEqual([
            [1, 3],
            [2, 3],
            [3, 0],
        ]);
        expect(logs[1]).toMatchObject({ columnvalue: "Alan", errornumber: ImportLogErrors.duplicate.errorNumber });
    });
});
