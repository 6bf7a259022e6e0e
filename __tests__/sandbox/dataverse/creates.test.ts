/**
 * Creates and deletes through the fake's Web API (sandbox/dataverse/writes.ts), and the picker data the "Add files
 * from the form" feature reads: the importable tables (getJson EntityDefinitions) and the data maps (importmap).
 */
import {
    createFakeDataverse,
    DataverseErrorCodes,
    FAKE_API_URL,
    FAKE_USER_ID,
    FakeDataverse,
    importRecordsImportRequest,
    ImportLogErrors,
    parseImportRequest,
    PlatformErrors,
    SEED_ACCOUNT_MAP_ID,
    SEED_CONTACT_MAP_ID,
    SEED_CONTACTS_FILE_ID,
    SEED_IMPORT_ID,
    SEED_IMPORT_MAP_ID,
    SEED_INACTIVE_MAP_ID,
    transformImportRequest,
    type AsyncOperationRecord,
    type FakeDataversePorts,
    type FakeWebApi,
    type ImportFileRecord,
    type ImportRecord,
} from "../../../sandbox/dataverse";
import type { DataversePorts, ExecuteRequest } from "../../../ImportMonitor/dataverse/platform";

const FV = "@OData.Community.Display.V1.FormattedValue";
const MISSING_ID = "0f0f0f0f-0000-4000-8000-00000000abcd";

/**
 * An account file as a user would drop it: line 2, 7 and 8 import; line 3 has a number of employees that is not a
 * number, line 4 no account name (required), line 5 too few fields (fails at parse), line 6 a negative number of
 * employees (outside 0…1,000,000,000).
 */
const DROPPED_CSV = [
    "Account Name,Account Number,Number of Employees,Address 1: City",
    "Northwind Outfitters,NW-001,120,Seattle",
    "Contoso Bikes,CB-002,lots,Redmond",
    ",EM-003,15,Portland",
    "Fabrikam Tea,FT-004,12",
    "Alpine Goods,AG-005,-3,Aspen",
    '"Woodgrove, Ltd.",WG-006,40,New York',
    "Litware Labs,LL-007,,Dallas",
]
    .join("\r\n")
    .concat("\r\n");

/** What the feature sends for one dropped file (every column the SDK's ImportFile sample sets, and size in KB as text). */
function fileData(importId: string, content: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
    return {
        name: "accounts-dropped.csv",
        source: "accounts-dropped.csv",
        sourceentityname: "accounts-dropped",
        targetentityname: "account",
        content,
        size: String(Math.max(1, Math.ceil(content.length / 1024))),
        fielddelimitercode: 2,
        datadelimitercode: 1,
        isfirstrowheader: true,
        usesystemmap: true,
        enableduplicatedetection: false,
        processcode: 1,
        filetypecode: 0,
        "importid@odata.bind": `/imports(${importId})`,
        "recordsownerid_systemuser@odata.bind": `/systemusers(${FAKE_USER_ID})`,
        ...extra,
    };
}

describe("FakeDataverse creates and deletes", () => {
    let dv: FakeDataverse;
    let ports: FakeDataversePorts;
    let api: FakeWebApi;

    const newImport = async (fields: Record<string, unknown> = {}): Promise<string> =>
        (await api.createRecord("import", { name: "Dropped files", modecode: 0, ...fields })).id;

    /** Sends a stage and runs the fake's steps until the import has no unfinished job; the job as it ended. */
    const runStage = async (importId: string, request: ExecuteRequest): Promise<AsyncOperationRecord> => {
        const job = (await (await ports.execute!(request)).json()) as { asyncoperationid: string };
        dv.advance(() => dv.runningStage(importId) === null);
        return dv.record<AsyncOperationRecord>("asyncoperation", job.asyncoperationid)!;
    };

    beforeEach(() => {
        jest.useFakeTimers({ now: new Date("2025-12-01T08:00:00Z") });
        dv = createFakeDataverse({ stepMs: 100 });
        ports = dv.ports();
        api = ports.webApi;
    });

    afterEach(() => {
        dv.dispose();
        expect(jest.getTimerCount()).toBe(0);
        jest.useRealTimers();
    });

    it("the ports are still DataversePorts, with createRecord and deleteRecord shaped as ComponentFramework.WebApi's", async () => {
        const asPlatform: DataversePorts = ports;
        expect(typeof asPlatform.webApi.retrieveRecord).toBe("function");
        const created: ComponentFramework.LookupValue = await api.createRecord("import", { modecode: 0 });
        expect(Object.keys(created).sort()).toEqual(["entityType", "id"]);
        const deleted: ComponentFramework.LookupValue = await api.deleteRecord("import", created.id);
        expect(deleted).toEqual({ entityType: "import", id: created.id });
    });

    describe("the whole flow on a created import and file", () => {
        it("parses, transforms and imports the created content: counts and import logs come from its lines", async () => {
            const importId = await newImport();
            const created = await api.createRecord("importfile", fileData(importId, DROPPED_CSV));
            expect(created.entityType).toBe("importfile");
            const fileId = created.id;

            const parse = await runStage(importId, parseImportRequest(importId));
            expect(parse).toMatchObject({ statecode: 3, statuscode: 30, operationtype: 3, _regardingobjectid_value: importId });
            expect(dv.record<ImportFileRecord>("importfile", fileId)).toMatchObject({
                processingstatus: 3,
                totalcount: 7,
                headerrow: "Account Name,Account Number,Number of Employees,Address 1: City",
            });
            expect(dv.importLogs(fileId).map((l) => [l.linenumber, l.logphasecode, l.errornumber])).toEqual([[5, 0, ImportLogErrors.fieldCountMismatch.errorNumber]]);
            expect(dv.importLogs(fileId)[0].additionalinfo).toContain("Fabrikam Tea,FT-004,12");

            expect(await runStage(importId, transformImportRequest(importId))).toMatchObject({ statecode: 3, statuscode: 30, operationtype: 4 });
            expect(dv.record<ImportFileRecord>("importfile", fileId)).toMatchObject({ processingstatus: 8, statuscode: 2 });

            expect(await runStage(importId, importRecordsImportRequest(importId))).toMatchObject({ statecode: 3, statuscode: 30, operationtype: 5 });
            expect(dv.record<ImportFileRecord>("importfile", fileId)).toMatchObject({
                processingstatus: 11,
                statuscode: 4,
                totalcount: 7,
                successcount: 3,
                failurecount: 4,
                partialfailurecount: 0,
            });
            expect(dv.record<ImportRecord>("import", importId)).toMatchObject({ statuscode: 4 });
            const logs = dv.importLogs(fileId).sort((a, b) => a.linenumber! - b.linenumber!);
            expect(logs.map((l) => [l.linenumber, l.logphasecode, l.headercolumn, l.columnvalue])).toEqual([
                [3, 2, "Number of Employees", "lots"],
                [4, 2, "Account Name", ""],
                [5, 0, null, null],
                [6, 2, "Number of Employees", "-3"],
            ]);
            expect(logs.map((l) => l.errornumber)).toEqual([
                ImportLogErrors.invalidNumber.errorNumber,
                ImportLogErrors.requiredMissing.errorNumber,
                ImportLogErrors.fieldCountMismatch.errorNumber,
                ImportLogErrors.outOfRange.errorNumber,
            ]);
            // The seeded import was not touched.
            expect(dv.importFiles(SEED_IMPORT_ID).map((f) => f.processingstatus)).toEqual([1, 1, 1]);
        });

        it("parses with the created file's own delimiters (semicolons, single quotes) and header setting", async () => {
            const importId = await newImport();
            const content = "First Name;Last Name;Email\r\nAna;'Silva; Jr.';ana@contoso.com\r\nIgor;Petrov;igor@contoso.com\r\n";
            const { id } = await api.createRecord(
                "importfile",
                fileData(importId, content, { targetentityname: "contact", fielddelimitercode: 4, datadelimitercode: 3, name: "contacts.csv" }),
            );
            await runStage(importId, parseImportRequest(importId));
            expect(dv.record<ImportFileRecord>("importfile", id)).toMatchObject({ totalcount: 2, headerrow: "First Name,Last Name,Email" });
            expect(dv.importLogs(id)).toEqual([]);
            await runStage(importId, transformImportRequest(importId));
            await runStage(importId, importRecordsImportRequest(importId));
            expect(dv.record<ImportFileRecord>("importfile", id)).toMatchObject({ successcount: 2, failurecount: 0 });
        });

        it("a file with processcode 2 (Ignore) is left out of the stages", async () => {
            const importId = await newImport();
            const kept = await api.createRecord("importfile", fileData(importId, DROPPED_CSV));
            const ignored = await api.createRecord("importfile", fileData(importId, DROPPED_CSV, { processcode: 2, name: "ignored.csv" }));
            await runStage(importId, parseImportRequest(importId));
            expect(dv.record<ImportFileRecord>("importfile", kept.id)).toMatchObject({ processingstatus: 3, totalcount: 7 });
            expect(dv.record<ImportFileRecord>("importfile", ignored.id)).toMatchObject({ processingstatus: 1, totalcount: null });
        });
    });

    describe("a created record reads like a seeded one", () => {
        it("starts Submitted / Not Started with no counts, and is listed in the import's subgrid read with its formatted values", async () => {
            const importId = await newImport({ name: "December drop" });
            const { id } = await api.createRecord("importfile", fileData(importId, DROPPED_CSV, { "importmapid@odata.bind": `/importmaps(${SEED_ACCOUNT_MAP_ID})` }));
            const page = await api.retrieveMultipleRecords(
                "importfile",
                `?$select=name,size,statuscode,processingstatus,totalcount,_importid_value,_importmapid_value,_recordsownerid_value,_ownerid_value&$filter=_importid_value eq ${importId}`,
            );
            expect(page.entities).toHaveLength(1);
            expect(page.entities[0]).toMatchObject({
                importfileid: id,
                name: "accounts-dropped.csv",
                size: "1",
                statuscode: 0,
                [`statuscode${FV}`]: "Submitted",
                processingstatus: 1,
                [`processingstatus${FV}`]: "Not Started",
                totalcount: null,
                _importid_value: importId,
                [`_importid_value${FV}`]: "December drop",
                "_importid_value@Microsoft.Dynamics.CRM.lookuplogicalname": "import",
                _importmapid_value: SEED_ACCOUNT_MAP_ID,
                [`_importmapid_value${FV}`]: "Accounts from the old CRM",
                _recordsownerid_value: FAKE_USER_ID,
                "_recordsownerid_value@Microsoft.Dynamics.CRM.lookuplogicalname": "systemuser",
                "_recordsownerid_value@Microsoft.Dynamics.CRM.associatednavigationproperty": "recordsownerid_systemuser",
                _ownerid_value: FAKE_USER_ID,
                "_ownerid_value@Microsoft.Dynamics.CRM.lookuplogicalname": "systemuser",
            });
            const record = await api.retrieveRecord("importfile", id);
            expect(record).toMatchObject({
                content: DROPPED_CSV,
                fielddelimitercode: 2,
                datadelimitercode: 1,
                isfirstrowheader: true,
                usesystemmap: true,
                filetypecode: 0,
                [`filetypecode${FV}`]: "CSV",
                statecode: 0,
                createdon: "2025-12-01T08:00:00Z",
            });
            expect(record["@odata.etag"]).toMatch(/^W\/"\d+"$/);
            // The store keeps no fake-only keys in what tests read.
            expect(Object.keys(dv.record("importfile", id)!).filter((k) => k.startsWith("@"))).toEqual([]);
        });

        it("created import: Submitted, Active, mode and notification as given or their defaults", async () => {
            const id = await newImport({ name: "With defaults" });
            expect(await api.retrieveRecord("import", id, "?$select=name,statuscode,statecode,modecode,sendnotification,emailaddress")).toMatchObject({
                name: "With defaults",
                statuscode: 0,
                statecode: 0,
                modecode: 0,
                sendnotification: false,
                emailaddress: null,
            });
        });

        it("fills the documented defaults of what the payload leaves out, and ignores the columns the platform sets itself", async () => {
            const importId = await newImport();
            const { id } = await api.createRecord("importfile", {
                content: DROPPED_CSV,
                fielddelimitercode: 2,
                datadelimitercode: 1,
                processcode: 1,
                "importid@odata.bind": `/imports(${importId})`,
                processingstatus: 11,
                successcount: 99,
                statecode: 0,
            });
            expect(dv.record<ImportFileRecord>("importfile", id)).toMatchObject({
                isfirstrowheader: false,
                usesystemmap: false,
                enableduplicatedetection: false,
                filetypecode: 0,
                upsertmodecode: 0,
                statuscode: 0,
                processingstatus: 1,
                successcount: null,
                name: null,
                size: null,
                _importmapid_value: null,
            });
        });

        it("takes a primary key from the payload, with or without braces; a taken one is DuplicateRecord (412)", async () => {
            const importId = "3b0a1c2d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
            expect(await api.createRecord("import", { importid: `{${importId.toUpperCase()}}`, modecode: 0 })).toEqual({ entityType: "import", id: importId });
            await expect(api.createRecord("import", { importid: importId, modecode: 0 })).rejects.toMatchObject({
                errorCode: DataverseErrorCodes.DuplicateRecord.errorCode,
                code: "0x80040237",
                status: 412,
            });
        });

        it("accepts a relative or absolute reference, and logs the call as create:<table> with the payload", async () => {
            const importId = await newImport();
            await api.createRecord("importfile", fileData(importId, DROPPED_CSV, { "importid@odata.bind": `imports(${importId})` }));
            await api.createRecord("importfile", fileData(importId, DROPPED_CSV, { "importid@odata.bind": `${FAKE_API_URL}/imports(${importId.toUpperCase()})` }));
            expect(dv.importFiles(importId)).toHaveLength(2);
            expect(dv.requests.count("create:importfile")).toBe(2);
            expect(dv.requests.count("create:import")).toBe(1);
            expect(dv.requests.entries("create:importfile")[0].payload).toMatchObject({ name: "accounts-dropped.csv", content: DROPPED_CSV });
        });
    });

    describe("validation, as the platform refuses", () => {
        const rejects = async (entity: string, data: Record<string, unknown>, expected: Record<string, unknown>): Promise<void> => {
            const before = dv.records(entity).length;
            await expect(api.createRecord(entity, data)).rejects.toMatchObject(expected);
            expect(dv.records(entity)).toHaveLength(before);
        };

        it("an unknown column: 'Invalid property … was found in entity' (400, code 0x0, as the troubleshooting page shows it)", async () => {
            const importId = await newImport();
            await rejects("importfile", fileData(importId, DROPPED_CSV, { Name: "x" }), {
                errorCode: 0,
                code: "0x0",
                status: 400,
                message:
                    "An error occurred while validating input parameters: Microsoft.Crm.CrmException: Invalid property 'Name' was found in entity " +
                    "'Microsoft.Dynamics.CRM.importfile'. ---> Microsoft.OData.ODataException: Does not support untyped value in non-open type.",
            });
            await rejects("import", { modecode: 0, isimport: true }, { code: "0x0", status: 400, message: expect.stringContaining("Invalid property 'isimport'") as unknown });
            await rejects("importfile", fileData(importId, DROPPED_CSV, { "name@OData.Community.Display.V1.FormattedValue": "x" }), { code: "0x0", status: 400 });
        });

        it("a navigation property the table does not have: 0x80048d19 'An undeclared property'", async () => {
            const importId = await newImport();
            await rejects("importfile", fileData(importId, DROPPED_CSV, { "parentimportid@odata.bind": `/imports(${importId})` }), {
                errorCode: DataverseErrorCodes.ODataClientPayloadError.errorCode,
                code: "0x80048d19",
                status: 400,
                message: expect.stringMatching(/^Error identified in Payload provided by the user for Entity :'importfiles'.*An undeclared property 'parentimportid'/) as unknown,
            });
            // The owner of the records is a multi-table lookup: its navigation properties carry the table's name.
            await rejects("importfile", fileData(importId, DROPPED_CSV, { "recordsownerid@odata.bind": `/systemusers(${FAKE_USER_ID})` }), { code: "0x80048d19" });
        });

        it("a lookup written as its value instead of @odata.bind: 'CRM do not support direct update of Entity Reference properties'", async () => {
            const importId = await newImport();
            const { ["importid@odata.bind"]: _bind, ...withoutBind } = fileData(importId, DROPPED_CSV);
            for (const key of ["_importid_value", "importid"]) {
                await rejects("importfile", { ...withoutBind, [key]: importId }, {
                    code: "0x80060888",
                    status: 400,
                    message: "CRM do not support direct update of Entity Reference properties, Use Navigation properties instead.",
                });
            }
        });

        it("a reference to another table's entity set, or not a reference, is refused (400)", async () => {
            const importId = await newImport();
            await rejects("importfile", fileData(importId, DROPPED_CSV, { "importid@odata.bind": `/importmaps(${SEED_ACCOUNT_MAP_ID})` }), { status: 400 });
            await rejects("importfile", fileData(importId, DROPPED_CSV, { "importid@odata.bind": importId }), { status: 400 });
            await rejects("importfile", fileData(importId, DROPPED_CSV, { "importid@odata.bind": "/imports(not-a-guid)" }), { status: 400 });
        });

        it.each<[string, Record<string, unknown>, string]>([
            ["content", { content: undefined }, "content"],
            ["empty content", { content: "" }, "content"],
            ["the field delimiter", { fielddelimitercode: null }, "fielddelimitercode"],
            ["the data delimiter", { datadelimitercode: undefined }, "datadelimitercode"],
            ["the process code", { processcode: undefined }, "processcode"],
            ["the import", { "importid@odata.bind": undefined }, "importid"],
        ])("a required column missing (%s): RequiredFieldMissing 0x80040200", async (_label, change, column) => {
            const importId = await newImport();
            const data = { ...fileData(importId, DROPPED_CSV), ...change };
            for (const k of Object.keys(data)) if (data[k] === undefined) delete data[k];
            await rejects("importfile", data, {
                errorCode: DataverseErrorCodes.RequiredFieldMissing.errorCode,
                code: "0x80040200",
                status: 400,
                message: expect.stringContaining(`'${column}'`) as unknown,
            });
        });

        it("the import's mode is required; its name is not", async () => {
            await rejects("import", { name: "No mode" }, { code: "0x80040200", message: expect.stringContaining("'modecode'") as unknown });
            await expect(api.createRecord("import", { modecode: 1 })).resolves.toMatchObject({ entityType: "import" });
        });

        it("a choice value the column does not have: PicklistValueOutOfRange 0x8004431A with the accepted values", async () => {
            const importId = await newImport();
            await rejects("importfile", fileData(importId, DROPPED_CSV, { fielddelimitercode: 9 }), {
                errorCode: -2147204326,
                code: "0x8004431a",
                status: 400,
                message: "A validation error occurred. The value 9 of 'fielddelimitercode' on record of type 'importfile' is outside the valid range. Accepted Values: 1,2,3,4.",
            });
            await rejects("importfile", fileData(importId, DROPPED_CSV, { filetypecode: 7 }), { code: "0x8004431a", message: expect.stringContaining("Accepted Values: 0,1,2,3.") as unknown });
            await rejects("import", { modecode: 2 }, { code: "0x8004431a", message: expect.stringContaining("'modecode' on record of type 'import'") as unknown });
        });

        it("a value of the wrong JSON type (a number for the text size, text for a choice, a string for a yes/no): 400", async () => {
            const importId = await newImport();
            await rejects("importfile", fileData(importId, DROPPED_CSV, { size: 4 }), {
                code: "0x0",
                status: 400,
                message: expect.stringContaining("Cannot convert a primitive value to the expected type 'Edm.String'") as unknown,
            });
            await rejects("importfile", fileData(importId, DROPPED_CSV, { fielddelimitercode: "2" }), { message: expect.stringContaining("to the expected type 'Edm.Int32'") as unknown });
            await rejects("importfile", fileData(importId, DROPPED_CSV, { isfirstrowheader: "true" }), { message: expect.stringContaining("'Edm.Boolean'") as unknown });
        });

        it("a lookup to a record that does not exist: ObjectDoesNotExist 0x80040217 (404)", async () => {
            const importId = await newImport();
            await rejects("importfile", fileData(MISSING_ID, DROPPED_CSV), {
                errorCode: -2147220969,
                code: "0x80040217",
                status: 404,
                message: `import With Id = ${MISSING_ID} Does Not Exist`,
            });
            await rejects("importfile", fileData(importId, DROPPED_CSV, { "importmapid@odata.bind": `/importmaps(${MISSING_ID})` }), {
                code: "0x80040217",
                message: `importmap With Id = ${MISSING_ID} Does Not Exist`,
            });
            await rejects("importfile", fileData(importId, DROPPED_CSV, { "recordsownerid_systemuser@odata.bind": `/systemusers(${MISSING_ID})` }), { code: "0x80040217" });
            await rejects("importfile", fileData(importId, DROPPED_CSV, { "ownerid@odata.bind": `/teams(${MISSING_ID})` }), { code: "0x80040217" });
        });

        it("a table the fake does not create in, or no table at all", async () => {
            await expect(api.createRecord("importlog", { linenumber: 1 })).rejects.toMatchObject({ status: 400, message: expect.stringContaining("creates import and importfile records only") as unknown });
            await expect(api.createRecord("imports", { modecode: 0 })).rejects.toMatchObject({ code: "0x8006088a", status: 404 });
            await expect(api.createRecord("import", null as unknown as Record<string, unknown>)).rejects.toMatchObject({ status: 400 });
        });
    });

    describe("deleteRecord", () => {
        it("deletes an import file and its import logs; the import and its other files stay; jobs stay", async () => {
            const importId = await newImport();
            const a = await api.createRecord("importfile", fileData(importId, DROPPED_CSV, { name: "a.csv" }));
            const b = await api.createRecord("importfile", fileData(importId, DROPPED_CSV, { name: "b.csv" }));
            await runStage(importId, parseImportRequest(importId));
            expect(dv.importLogs(a.id)).toHaveLength(1);
            expect(await api.deleteRecord("importfile", a.id)).toEqual({ entityType: "importfile", id: a.id, name: "a.csv" });
            expect(dv.record("importfile", a.id)).toBeUndefined();
            expect(dv.importLogs(a.id)).toEqual([]);
            expect(dv.importLogs(b.id)).toHaveLength(1);
            expect(dv.importFiles(importId).map((f) => f.importfileid)).toEqual([b.id]);
            expect(dv.jobs(importId)).toHaveLength(1);
            await expect(api.retrieveRecord("importfile", a.id)).rejects.toMatchObject({ code: "0x80040217", status: 404 });
            expect(dv.requests.count("delete:importfile")).toBe(1);
        });

        it("deleting an import deletes its files and their logs (Import_ImportFile cascades)", async () => {
            const importId = await newImport({ name: "Half created" });
            const { id } = await api.createRecord("importfile", fileData(importId, DROPPED_CSV));
            await runStage(importId, parseImportRequest(importId));
            expect(await api.deleteRecord("import", importId.toUpperCase())).toEqual({ entityType: "import", id: importId, name: "Half created" });
            expect(dv.record("import", importId)).toBeUndefined();
            expect(dv.record("importfile", id)).toBeUndefined();
            expect(dv.importLogs(id)).toEqual([]);
            expect(dv.importFiles(SEED_IMPORT_ID)).toHaveLength(3);
            expect((await api.retrieveMultipleRecords("importfile", `?$select=name&$filter=_importid_value eq ${importId}`)).entities).toEqual([]);
        });

        it("a record that does not exist is ObjectDoesNotExist (404); a malformed id a 400; other tables are not deleted by the fake", async () => {
            await expect(api.deleteRecord("importfile", MISSING_ID)).rejects.toEqual(PlatformErrors.notFound("importfile", MISSING_ID));
            await expect(api.deleteRecord("import", "nope")).rejects.toMatchObject({ status: 400 });
            await expect(api.deleteRecord("importmap", SEED_ACCOUNT_MAP_ID)).rejects.toMatchObject({ status: 400, message: expect.stringContaining("deletes import and importfile records only") as unknown });
            expect(dv.importFiles(SEED_IMPORT_ID)).toHaveLength(3);
        });

        it("a job still running over a deleted file goes on without it", async () => {
            const importId = await newImport();
            const a = await api.createRecord("importfile", fileData(importId, DROPPED_CSV, { name: "a.csv" }));
            const b = await api.createRecord("importfile", fileData(importId, DROPPED_CSV, { name: "b.csv" }));
            const job = (await (await ports.execute!(parseImportRequest(importId))).json()) as { asyncoperationid: string };
            dv.advance(1);
            await api.deleteRecord("importfile", a.id);
            dv.advance(() => dv.runningStage(importId) === null);
            expect(dv.record<AsyncOperationRecord>("asyncoperation", job.asyncoperationid)).toMatchObject({ statecode: 3, statuscode: 30 });
            expect(dv.record<ImportFileRecord>("importfile", b.id)).toMatchObject({ processingstatus: 3, totalcount: 7 });
            await api.deleteRecord("import", importId);
            expect(dv.records("importfile").filter((f) => f._importid_value === importId)).toEqual([]);
        });
    });

    describe("privileges", () => {
        const missing = (privilege: string, entity: string) => ({
            errorCode: -2147220960,
            code: "0x80040220",
            status: 403,
            message: expect.stringMatching(new RegExp(`is missing ${privilege} privilege \\(Id=[0-9a-f-]+\\) on OTC=\\d+ for entity '${entity}'`)) as unknown,
        });

        it("without prvCreateImportFile the file is refused with 0x80040220 naming it, and nothing is created", async () => {
            const importId = await newImport();
            dv.privileges.revoke("prvCreateImportFile");
            await expect(api.createRecord("importfile", fileData(importId, DROPPED_CSV))).rejects.toMatchObject({
                ...missing("prvCreateImportFile", "importfile"),
                message: expect.stringMatching(/is missing prvCreateImportFile privilege \(Id=[0-9a-f-]+\) on OTC=4412 for entity 'importfile'/) as unknown,
            });
            expect(dv.importFiles(importId)).toEqual([]);
            expect(ports.hasEntityPrivilege!("importfile", 1, 0)).toBe(false);
        });

        it("without prvCreateImport the import is refused", async () => {
            dv.privileges.revoke("prvCreateImport");
            await expect(api.createRecord("import", { modecode: 0 })).rejects.toMatchObject({
                ...missing("prvCreateImport", "import"),
                message: expect.stringContaining("on OTC=4410 for entity 'import'") as unknown,
            });
            expect(dv.records("import")).toHaveLength(1);
        });

        it("binding the file to its import needs prvAppendImportFile and prvAppendToImport", async () => {
            const importId = await newImport();
            dv.privileges.revoke("prvAppendToImport");
            await expect(api.createRecord("importfile", fileData(importId, DROPPED_CSV))).rejects.toMatchObject(missing("prvAppendToImport", "import"));
            dv.privileges.reset();
            dv.privileges.revoke("prvAppendImportFile");
            await expect(api.createRecord("importfile", fileData(importId, DROPPED_CSV))).rejects.toMatchObject(missing("prvAppendImportFile", "importfile"));
            expect(dv.importFiles(importId)).toEqual([]);
        });

        it("deleting needs prvDelete<Table>", async () => {
            const importId = await newImport();
            const { id } = await api.createRecord("importfile", fileData(importId, DROPPED_CSV));
            dv.privileges.revoke("prvDeleteImportFile", "prvDeleteImport");
            await expect(api.deleteRecord("importfile", id)).rejects.toMatchObject(missing("prvDeleteImportFile", "importfile"));
            await expect(api.deleteRecord("import", importId)).rejects.toMatchObject(missing("prvDeleteImport", "import"));
            expect(dv.record("importfile", id)).toBeDefined();
        });

        it("a privilege fault on create names the create privilege; other faults hit creates and deletes as any call", async () => {
            const importId = await newImport();
            dv.faults.failNext("privilege", { match: "create:importfile" });
            await expect(api.createRecord("importfile", fileData(importId, DROPPED_CSV))).rejects.toMatchObject(missing("prvCreateImportFile", "importfile"));
            dv.faults.failNext("throttle", { match: "delete:*" });
            await expect(api.deleteRecord("import", importId)).rejects.toMatchObject({ status: 429 });
            expect(dv.record("import", importId)).toBeDefined();
        });
    });

    describe("picker data", () => {
        interface TableItem {
            LogicalName: string;
            DisplayName: { UserLocalizedLabel: { Label: string; LanguageCode: number } | null; LocalizedLabels: { Label: string; LanguageCode: number }[] };
            EntitySetName: string;
            IsImportable: boolean;
            ObjectTypeCode: number;
            MetadataId: string;
        }
        const PICKER = "EntityDefinitions?$select=LogicalName,DisplayName,EntitySetName,IsImportable,ObjectTypeCode&$filter=IsImportable eq true";

        it("lists the tables a user can import into: account, contact, lead, with Label display names; not the import tables", async () => {
            const body = (await ports.getJson!(PICKER)) as { "@odata.context": string; value: TableItem[] };
            expect(body["@odata.context"]).toBe(`${FAKE_API_URL}/$metadata#EntityDefinitions(LogicalName,DisplayName,EntitySetName,IsImportable,ObjectTypeCode)`);
            expect(body.value.map((t) => [t.LogicalName, t.EntitySetName, t.ObjectTypeCode, t.IsImportable])).toEqual([
                ["account", "accounts", 1, true],
                ["contact", "contacts", 2, true],
                ["lead", "leads", 4, true],
            ]);
            const contact = body.value[1];
            expect(contact.DisplayName.UserLocalizedLabel).toMatchObject({ Label: "Contact", LanguageCode: 1033 });
            expect(contact.DisplayName.LocalizedLabels).toEqual([expect.objectContaining({ Label: "Contact", LanguageCode: 1033 })]);
            expect(contact.MetadataId).toMatch(/^[0-9a-f-]{36}$/);
            expect(Object.keys(contact).sort()).toEqual(["DisplayName", "EntitySetName", "IsImportable", "LogicalName", "MetadataId", "ObjectTypeCode"]);
        });

        it("without the filter lists every table the fake knows, the import tables not importable", async () => {
            const body = (await ports.getJson!("EntityDefinitions?$select=LogicalName,IsImportable")) as { value: TableItem[] };
            expect(body.value.map((t) => [t.LogicalName, t.IsImportable])).toEqual([
                ["account", true],
                ["asyncoperation", false],
                ["contact", true],
                ["import", false],
                ["importfile", false],
                ["importlog", false],
                ["importmap", false],
                ["lead", true],
            ]);
            const notImportable = (await ports.getJson!("EntityDefinitions?$select=LogicalName&$filter=IsImportable eq false and ObjectTypeCode ne 4700")) as { value: TableItem[] };
            expect(notImportable.value.map((t) => t.LogicalName)).toEqual(["import", "importfile", "importlog", "importmap"]);
        });

        it("refuses what it does not model: an unknown property, a filter on a Label, other options", async () => {
            await expect(ports.getJson!("EntityDefinitions?$select=LogicalName,Colour")).rejects.toMatchObject({ status: 400, message: expect.stringContaining("'Colour'") as unknown });
            await expect(ports.getJson!("EntityDefinitions?$select=LogicalName&$filter=DisplayName eq 'Contact'")).rejects.toMatchObject({
                status: 400,
                message: "Could not find a property named 'DisplayName' on type 'Microsoft.Dynamics.CRM.EntityMetadata'.",
            });
            await expect(ports.getJson!("EntityDefinitions?$select=LogicalName&$top=2")).rejects.toMatchObject({ status: 400 });
            expect(dv.requests.count("getJson:EntityDefinitions")).toBe(3);
        });

        it("lists the data maps with their columns and formatted values; the inactive one can be filtered out", async () => {
            const select = "?$select=name,importmapid,targetentity,source,statecode,statuscode";
            const all = await api.retrieveMultipleRecords("importmap", `${select}&$orderby=name`);
            expect(all.entities.map((m) => [m.name, m.targetentity, m.statecode, m.statuscode])).toEqual([
                ["Accounts 2023 (retired)", 1, 1, 2],
                ["Accounts from the old CRM", 1, 0, 1],
                ["Contacts from Outlook", 2, 0, 1],
                ["Contacts, accounts and leads — November", null, 0, 1],
            ]);
            const active = await api.retrieveMultipleRecords("importmap", `${select}&$filter=statecode eq 0 and targetentity eq 2`);
            expect(active.entities).toHaveLength(1);
            expect(active.entities[0]).toMatchObject({
                importmapid: SEED_CONTACT_MAP_ID,
                name: "Contacts from Outlook",
                targetentity: 2,
                [`targetentity${FV}`]: "Contact",
                source: "Outlook contacts.csv",
                [`statecode${FV}`]: "Active",
                [`statuscode${FV}`]: "Active",
            });
            const inactive = await api.retrieveRecord("importmap", SEED_INACTIVE_MAP_ID, "?$select=statecode,statuscode");
            expect(inactive).toMatchObject({ [`statecode${FV}`]: "Inactive", [`statuscode${FV}`]: "Inactive" });
            await expect(api.retrieveMultipleRecords("importmap", "?$select=name,mappingxml")).rejects.toMatchObject({ status: 400 });
        });

        it("the seeded files' map is a data map the fake holds, so their lookup has its name; reading maps needs prvReadImportMap", async () => {
            const file = await api.retrieveRecord("importfile", SEED_CONTACTS_FILE_ID, "?$select=_importmapid_value");
            expect(file).toMatchObject({ _importmapid_value: SEED_IMPORT_MAP_ID, [`_importmapid_value${FV}`]: "Contacts, accounts and leads — November" });
            dv.privileges.revoke("prvReadImportMap");
            await expect(api.retrieveMultipleRecords("importmap", "?$select=name")).rejects.toMatchObject({ code: "0x80040220", message: expect.stringContaining("prvReadImportMap") as unknown });
        });
    });
});
