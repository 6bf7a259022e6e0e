/**
 * dataverse/addFilesService.ts against the in-memory Dataverse (sandbox/dataverse): the tables a maker can import
 * into, the data maps, and the importfile create (one request a file, retried only when throttled, every failure a
 * DataverseFailure with nothing created).
 */
import { createAddFilesService, IMPORTABLE_TABLES_PATH } from "../../ImportMonitor/dataverse/addFilesService";
import { DataverseFailure } from "../../ImportMonitor/dataverse/failures";
import { PREVIEW_COLUMNS, toImportFileContent } from "../../ImportMonitor/dataverse/importFileContent";
import { MAX_READ_ATTEMPTS } from "../../ImportMonitor/dataverse/importService";
import type { DataversePorts, RetrieveMultipleResult } from "../../ImportMonitor/dataverse/platform";
import { draftContent, importFilePayload } from "../../ImportMonitor/domain/addFiles";
import { FieldDelimiterCode } from "../../ImportMonitor/domain/csv/options";
import {
    createFakeDataverse,
    FAKE_USER_ID,
    SEED_ACCOUNT_MAP_ID,
    SEED_CONTACT_MAP_ID,
    SEED_IMPORT_ID,
    SEED_IMPORT_MAP_ID,
    SEED_INACTIVE_MAP_ID,
    type FakeDataverse,
    type FakeDataversePorts,
    type ImportFileRecord,
} from "../../sandbox/dataverse";

const MISSING_ID = "0f0f0f0f-0000-4000-8000-00000000abcd";
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

import { CONTACTS_CSV, draft } from "../fixtures/drafts";

/** The rejection of `promise` (which must reject), after running the timers a retry may wait on. */
async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
    const settled = promise.then(
        () => {
            throw new Error("expected a rejection");
        },
        (e: unknown) => e,
    );
    await jest.runAllTimersAsync();
    return settled;
}

describe("createAddFilesService against the fake Dataverse", () => {
    let fake: FakeDataverse;
    let ports: FakeDataversePorts;

    beforeEach(() => {
        jest.useFakeTimers({ now: new Date("2026-03-02T09:00:00Z") });
        fake = createFakeDataverse();
        ports = fake.ports();
    });

    afterEach(() => {
        fake.dispose();
        jest.useRealTimers();
    });

    describe("readImportableTables", () => {
        it("lists the importable tables straight from the fake, by display name, without the non-importable ones", async () => {
            const tables = await createAddFilesService(ports).readImportableTables();
            expect(tables?.map((t) => t.logicalName)).toEqual(["account", "contact", "lead"]);
            expect(tables?.[1]).toMatchObject({ logicalName: "contact", displayName: "Contact" });
        });

        /** Where a host answers TableType too (the fake doesn't): `tableTypes` adds it to the answer's rows. */
        /** The fake's getJson, with TableType left out of the request; `tableTypes` adds it to the answer's rows. */
        function withoutTableType(tableTypes: Record<string, string> = {}, reverse = false): DataversePorts {
            return {
                ...ports,
                getJson: async (path) => {
                    const body = (await ports.getJson!(path.replace(/,TableType\b/, ""))) as { value: Record<string, unknown>[] };
                    const value = body.value.map((row) => ({ ...row, TableType: tableTypes[String(row.LogicalName)] ?? "Standard" }));
                    return { ...body, value: reverse ? value.reverse() : value };
                },
            };
        }

        it("lists the importable tables by display name with their plural labels; the import tables are not offered", async () => {
            const tables = await createAddFilesService(withoutTableType()).readImportableTables();
            expect(tables).toEqual([
                { logicalName: "account", displayName: "Account", collectionName: "Accounts" },
                { logicalName: "contact", displayName: "Contact", collectionName: "Contacts" },
                { logicalName: "lead", displayName: "Lead", collectionName: "Leads" },
            ]);
            // One request, filtered on IsImportable by the server (no paging on EntityDefinitions).
            const calls = fake.requests.entries("getJson:EntityDefinitions");
            expect(calls).toHaveLength(1);
            expect(calls[0].path).toContain("$filter=IsImportable eq true");
        });

        it("sorts by display name whatever order the server answers in, and leaves out virtual and elastic tables", async () => {
            const tables = await createAddFilesService(withoutTableType({ account: "Virtual", lead: "Elastic" }, true)).readImportableTables();
            expect(tables).toEqual([{ logicalName: "contact", displayName: "Contact", collectionName: "Contacts" }]);
            const all = await createAddFilesService(withoutTableType({}, true)).readImportableTables();
            expect(all!.map((t) => t.displayName)).toEqual(["Account", "Contact", "Lead"]);
        });

        it("asks the documented EntityDefinitions query", () => {
            expect(IMPORTABLE_TABLES_PATH).toMatch(/^EntityDefinitions\?\$select=[^&]*\bLogicalName\b[^&]*&\$filter=IsImportable eq true$/);
            expect(IMPORTABLE_TABLES_PATH).toMatch(/\$select=[^&]*\bDisplayName\b/);
        });

        it("returns null where the host has no getJson (no organization URL), without a request", async () => {
            const service = createAddFilesService(fake.ports({ getJson: false }));
            await expect(service.readImportableTables()).resolves.toBeNull();
            expect(fake.requests.count()).toBe(0);
        });

        it("a failing read rejects with a DataverseFailure", async () => {
            fake.faults.failNext({ kind: "privilege", privilege: "prvReadEntity" }, { match: "getJson:EntityDefinitions" });
            const error = await rejectionOf(createAddFilesService(ports).readImportableTables());
            expect(error).toBeInstanceOf(DataverseFailure);
            expect(error).toMatchObject({ kind: "privilege", privilege: "prvReadEntity" });
        });
    });

    describe("readImportMaps", () => {
        /**
         * readImportMaps reads importentitymapping (the tables each map covers) alongside importmap, and the fake holds
         * no importentitymapping table: the read rejects ("Resource not found for the segment 'importentitymapping'"),
         * so the whole call rejects. The test below answers importentitymapping itself and reads importmap from the fake.
         */
        it("lists the active one-table data maps straight from the fake, with the source name each expects per table", async () => {
            const maps = await createAddFilesService(ports).readImportMaps();
            expect(maps.map((m) => [m.name, m.targets])).toEqual([
                ["Accounts from the old CRM", { account: "legacy-accounts" }],
                ["Contacts from Outlook", { contact: "Outlook contacts" }],
            ]);
        });

        it("fails the map list when the tables the maps cover can't be read (no map offered blind)", async () => {
            const failing: DataversePorts = {
                ...ports,
                webApi: {
                    ...ports.webApi,
                    retrieveMultipleRecords: (entityType, options, maxPageSize) =>
                        entityType === "importentitymapping"
                            ? Promise.reject(Object.assign(new Error("Principal user is missing prvReadImportEntityMapping privilege."), { errorCode: 0x80040220 }))
                            : ports.webApi.retrieveMultipleRecords(entityType, options, maxPageSize),
                },
            };
            const outcome = createAddFilesService(failing).readImportMaps();
            await expect(outcome).rejects.toBeInstanceOf(DataverseFailure);
            await expect(outcome).rejects.toMatchObject({ kind: "privilege" });
        });

        /** The fake's ports, with importentitymapping answered by `rows`. */
        function withEntityMappings(rows: Record<string, unknown>[]): DataversePorts {
            return {
                ...ports,
                webApi: {
                    ...ports.webApi,
                    retrieveMultipleRecords: (entityType, options, maxPageSize): Promise<RetrieveMultipleResult> =>
                        entityType === "importentitymapping" ? Promise.resolve({ entities: rows }) : ports.webApi.retrieveMultipleRecords(entityType, options, maxPageSize),
                },
            };
        }

        it("lists only the active data maps, by name, with their descriptions and the tables each covers", async () => {
            // An "In Process" map (importmaptype 3): not usable for a new file.
            fake.insert("importmap", {
                importmapid: "a0b1c2d3-0000-4000-8000-000000000003",
                name: "Being edited",
                description: null,
                entitiesperfile: 1,
                importmaptype: 3,
                statecode: 0,
                statuscode: 1,
            });
            const maps = await createAddFilesService(
                withEntityMappings([
                    // Ids as a host may give them: braces, upper case.
                    { _importmapid_value: `{${SEED_CONTACT_MAP_ID.toUpperCase()}}`, targetentityname: "contact", sourceentityname: "Contact_1" },
                    { _importmapid_value: SEED_IMPORT_MAP_ID, targetentityname: "contact", sourceentityname: "contacts" },
                    { _importmapid_value: SEED_IMPORT_MAP_ID, targetentityname: "account", sourceentityname: "accounts" },
                    { _importmapid_value: SEED_INACTIVE_MAP_ID, targetentityname: "account", sourceentityname: "Accounts_2023" },
                ]),
            ).readImportMaps();
            expect(maps).toEqual([
                { id: SEED_ACCOUNT_MAP_ID, name: "Accounts from the old CRM", description: "", targets: {} },
                { id: SEED_CONTACT_MAP_ID, name: "Contacts from Outlook", description: "Outlook contact export (First Name, Last Name, E-mail Address, …).", targets: { contact: "Contact_1" } },
                // The November map is for several tables per file (entitiesperfile 2): it doesn't fit one CSV file.
            ]);
            expect(fake.requests.count("retrieveMultiple:importmap")).toBe(1);
        });
    });

    describe("createImportFile", () => {
        it("creates the file in the import with the payload's values and resolves with its id", async () => {
            const service = createAddFilesService(ports);
            expect(service.canCreateFiles).toBe(true);
            const before = fake.importFiles(SEED_IMPORT_ID).length;

            const id = await service.createImportFile(SEED_IMPORT_ID, draft(), FAKE_USER_ID);

            expect(id).toMatch(GUID);
            const files = fake.importFiles(SEED_IMPORT_ID);
            expect(files).toHaveLength(before + 1);
            expect(files.find((f) => f.importfileid === id)).toMatchObject({
                _importid_value: SEED_IMPORT_ID,
                name: "contacts.csv",
                source: "contacts.csv",
                content: CONTACTS_CSV,
                size: "5",
                filetypecode: 0,
                fielddelimitercode: 4,
                datadelimitercode: 1,
                isfirstrowheader: true,
                processcode: 1,
                usesystemmap: true,
                _importmapid_value: null,
                targetentityname: "contact",
                sourceentityname: "contacts",
                enableduplicatedetection: false,
                _recordsownerid_value: FAKE_USER_ID,
                // A new file, not yet parsed.
                processingstatus: 1,
                statuscode: 0,
            });
            // Listed through the Web API as the control lists an import's files.
            const listed = await ports.webApi.retrieveMultipleRecords("importfile", `?$select=importfileid,name&$filter=_importid_value eq ${SEED_IMPORT_ID}`);
            expect(listed.entities.map((e) => e.importfileid)).toContain(id);
        });

        it("with a data map: the map is bound, usesystemmap false, the map's source entity name", async () => {
            const id = await createAddFilesService(ports).createImportFile(SEED_IMPORT_ID, draft({ mapId: SEED_CONTACT_MAP_ID, mapSourceEntity: "Contact_1" }), null);
            expect(fake.record<ImportFileRecord>("importfile", id)).toMatchObject({
                _importmapid_value: SEED_CONTACT_MAP_ID,
                usesystemmap: false,
                sourceentityname: "Contact_1",
                _recordsownerid_value: null,
            });
        });

        it("the preview reads the created file as it read the draft", async () => {
            for (const settings of [{}, { mapId: SEED_CONTACT_MAP_ID, mapSourceEntity: "Contact_1", fieldDelimiterCode: FieldDelimiterCode.Tab }]) {
                const d = draft(settings);
                const id = await createAddFilesService(ports).createImportFile(SEED_IMPORT_ID, d, FAKE_USER_ID);
                const stored = await ports.webApi.retrieveRecord("importfile", id, `?$select=${PREVIEW_COLUMNS.join(",")}`);
                expect(toImportFileContent(stored)).toEqual(draftContent(d));
            }
        });

        it("sends exactly one create per file, with the payload of importFilePayload, and nothing else", async () => {
            const service = createAddFilesService(ports);
            const drafts = [draft(), draft({ targetTable: "account" }, { key: "drop-2", name: "accounts.csv" }), draft({ targetTable: "lead" }, { key: "drop-3", name: "leads.csv" })];
            const ids: string[] = [];
            for (const d of drafts) ids.push(await service.createImportFile(SEED_IMPORT_ID, d, FAKE_USER_ID));

            expect(new Set(ids).size).toBe(3);
            expect(fake.requests.count()).toBe(3);
            const creates = fake.requests.entries("create:importfile");
            expect(creates.map((c) => c.payload)).toEqual(drafts.map((d) => importFilePayload(SEED_IMPORT_ID, d, FAKE_USER_ID)));
        });

        it("ids with braces or in upper case are normalized: in the binds and in the id it resolves with", async () => {
            const host: DataversePorts = {
                ...ports,
                webApi: {
                    ...ports.webApi,
                    // A host that hands the new id back in braces and upper case.
                    createRecord: async (entityType, data) => {
                        const created = await ports.webApi.createRecord(entityType, data);
                        return { ...created, id: `{${created.id.toUpperCase()}}` };
                    },
                },
            };
            const id = await createAddFilesService(host).createImportFile(`{${SEED_IMPORT_ID.toUpperCase()}}`, draft(), `{${FAKE_USER_ID.toUpperCase()}}`);
            expect(id).toMatch(GUID);
            expect(fake.record<ImportFileRecord>("importfile", id)).toMatchObject({ _importid_value: SEED_IMPORT_ID, _recordsownerid_value: FAKE_USER_ID });
            expect(fake.requests.entries("create:importfile")[0].payload).toMatchObject({
                "importid@odata.bind": `/imports(${SEED_IMPORT_ID})`,
                "recordsownerid_systemuser@odata.bind": `/systemusers(${FAKE_USER_ID})`,
            });
        });

        describe("a failing create rejects with a DataverseFailure and creates nothing", () => {
            let filesBefore: number;

            beforeEach(() => {
                filesBefore = fake.records("importfile").length;
            });

            const expectNothingCreated = (): void => {
                expect(fake.records("importfile")).toHaveLength(filesBefore);
                // Not retried: one request.
                expect(fake.requests.count("create:importfile")).toBe(1);
            };

            it.each([
                ["no import id", "", "badRequest"],
                ["an import that does not exist", MISSING_ID, "notFound"],
            ])("%s", async (_label, importId, kind) => {
                const error = await rejectionOf(createAddFilesService(ports).createImportFile(importId, draft(), FAKE_USER_ID));
                expect(error).toBeInstanceOf(DataverseFailure);
                expect(error).toMatchObject({ kind });
                expectNothingCreated();
            });

            it("a server error", async () => {
                fake.faults.failNext("server", { match: "create:importfile" });
                const error = await rejectionOf(createAddFilesService(ports).createImportFile(SEED_IMPORT_ID, draft(), FAKE_USER_ID));
                expect(error).toBeInstanceOf(DataverseFailure);
                expect(error).toMatchObject({ kind: "server" });
                expectNothingCreated();
            });

            it("a missing privilege names it", async () => {
                fake.privileges.revoke("prvCreateImportFile");
                const error = await rejectionOf(createAddFilesService(ports).createImportFile(SEED_IMPORT_ID, draft(), FAKE_USER_ID));
                expect(error).toBeInstanceOf(DataverseFailure);
                expect(error).toMatchObject({ kind: "privilege", privilege: "prvCreateImportFile" });
                expectNothingCreated();
            });

            it("a timeout is not retried (the platform may have created the file)", async () => {
                fake.faults.failNext("timeout", { match: "create:importfile" });
                const error = await rejectionOf(createAddFilesService(ports).createImportFile(SEED_IMPORT_ID, draft(), FAKE_USER_ID));
                expect(error).toBeInstanceOf(DataverseFailure);
                expect(error).toMatchObject({ kind: "timeout" });
                expectNothingCreated();
            });

            it("a required column left empty (a draft that should have been blocked) is refused by the platform", async () => {
                const error = await rejectionOf(createAddFilesService(ports).createImportFile(SEED_IMPORT_ID, draft({}, { text: "" }), FAKE_USER_ID));
                expect(error).toBeInstanceOf(DataverseFailure);
                expect((error as DataverseFailure).codeHex).toBe("0x80040200");
                expectNothingCreated();
            });
        });

        it("a throttled create waits for Retry-After and is sent again: one file", async () => {
            fake.faults.failNext({ kind: "throttle", retryAfterSeconds: 3 }, { match: "create:importfile" });
            const before = fake.records("importfile").length;
            let id: string | undefined;
            const done = createAddFilesService(ports)
                .createImportFile(SEED_IMPORT_ID, draft(), FAKE_USER_ID)
                .then((value) => (id = value));

            await jest.advanceTimersByTimeAsync(2999);
            expect(fake.requests.count("create:importfile")).toBe(1);
            expect(id).toBeUndefined();

            await jest.advanceTimersByTimeAsync(1);
            await done;
            expect(fake.requests.count("create:importfile")).toBe(2);
            expect(id).toMatch(GUID);
            expect(fake.records("importfile")).toHaveLength(before + 1);
            expect(fake.record("importfile", id!)).toBeDefined();
        });

        it("a create throttled on every attempt gives up as throttled, with nothing created", async () => {
            fake.faults.failAll("create:importfile", { kind: "throttle", retryAfterSeconds: 1 });
            const before = fake.records("importfile").length;
            const error = await rejectionOf(createAddFilesService(ports).createImportFile(SEED_IMPORT_ID, draft(), FAKE_USER_ID));
            expect(error).toBeInstanceOf(DataverseFailure);
            expect(error).toMatchObject({ kind: "throttled", retryAfterMs: 1000 });
            expect(fake.requests.count("create:importfile")).toBe(MAX_READ_ATTEMPTS);
            expect(fake.records("importfile")).toHaveLength(before);
        });

        it("a host without createRecord: files can't be added; a create rejects without a request", async () => {
            const { createRecord: _createRecord, ...reads } = ports.webApi;
            const service = createAddFilesService({ ...ports, webApi: reads });
            expect(service.canCreateFiles).toBe(false);
            const error = await rejectionOf(service.createImportFile(SEED_IMPORT_ID, draft(), FAKE_USER_ID));
            expect(error).toBeInstanceOf(DataverseFailure);
            expect(fake.requests.count()).toBe(0);
        });
    });
});
