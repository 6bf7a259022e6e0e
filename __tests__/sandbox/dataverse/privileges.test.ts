import {
    createFakeDataverse,
    FAKE_USER_ID,
    FakeDataverse,
    IMPORT_MESSAGE_PRIVILEGES,
    importRecordsImportRequest,
    parseImportRequest,
    SEED_CONTACTS_FILE_ID,
    SEED_IMPORT_ID,
    transformImportRequest,
} from "../../../sandbox/dataverse";
import type { DataversePorts, ExecuteRequest } from "../../../ImportMonitor/dataverse/platform";

const missing = (privilege: string, id: string, otc: number, entity: string) => ({
    errorCode: -2147220960,
    code: "0x80040220",
    status: 403,
    title: "Forbidden",
    message:
        `Principal user (Id=${FAKE_USER_ID}, type=8, roleCount=1, privilegeCount=418, accessMode=0), is missing ${privilege} privilege ` +
        `(Id=${id}) on OTC=${otc} for entity '${entity}'. context.Caller=${FAKE_USER_ID}`,
});

describe("FakeDataverse privileges", () => {
    let dv: FakeDataverse;
    let ports: DataversePorts;

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

    it("needs the documented four privileges for each import message", () => {
        expect(IMPORT_MESSAGE_PRIVILEGES).toEqual(["prvCreateImport", "prvReadAsyncOperation", "prvReadImport", "prvReadImportFile"]);
    });

    it.each<[string, (id: string) => ExecuteRequest]>([
        ["ParseImport", parseImportRequest],
        ["TransformImport", transformImportRequest],
        ["ImportRecordsImport", importRecordsImportRequest],
    ])("%s without prvCreateImport rejects with 0x80040220 naming it, and starts no job", async (_name, request) => {
        dv.privileges.revoke("prvCreateImport");
        await expect(ports.execute!(request(SEED_IMPORT_ID))).rejects.toEqual(missing("prvCreateImport", "5c6d7e8f-9012-4a3b-94c5-d6e7f8091a2b", 4410, "import"));
        expect(dv.jobs()).toHaveLength(0);
        expect(dv.requests.count("execute")).toBe(1);
    });

    it("names the first missing one in the documented order, on its own table", async () => {
        dv.privileges.revoke("prvReadImportFile", "prvReadAsyncOperation");
        await expect(ports.execute!(parseImportRequest(SEED_IMPORT_ID))).rejects.toEqual(
            missing("prvReadAsyncOperation", "4b5c6d7e-8f90-41a2-83b4-c5d6e7f8091a", 4700, "asyncoperation"),
        );
        dv.privileges.grant("prvReadAsyncOperation");
        await expect(ports.execute!(parseImportRequest(SEED_IMPORT_ID))).rejects.toEqual(
            missing("prvReadImportFile", "2f3a4b5c-6d7e-4f80-a192-a3b4c5d6e7f8", 4412, "importfile"),
        );
        dv.privileges.reset();
        await expect(ports.execute!(parseImportRequest(SEED_IMPORT_ID))).resolves.toMatchObject({ ok: true });
    });

    it("a privilege held at any depth is enough for the messages (prvWriteImport is not needed)", async () => {
        dv.privileges.grant("prvCreateImport", 0);
        dv.privileges.revoke("prvWriteImport");
        await expect(ports.execute!(parseImportRequest(SEED_IMPORT_ID))).resolves.toMatchObject({ ok: true });
    });

    it.each([
        ["import", "prvReadImport", 4410],
        ["importfile", "prvReadImportFile", 4412],
        ["importlog", "prvReadImportLog", 4423],
        ["asyncoperation", "prvReadAsyncOperation", 4700],
    ])("reading %s needs %s", async (entity, privilege, otc) => {
        dv.privileges.revoke(privilege);
        const error = (await ports.webApi.retrieveMultipleRecords(entity, "?$top=1").catch((e: unknown) => e)) as Record<string, unknown>;
        expect(error).toMatchObject({ errorCode: -2147220960, code: "0x80040220", status: 403 });
        expect(error.message).toMatch(new RegExp(`is missing ${privilege} privilege \\(Id=[0-9a-f-]{36}\\) on OTC=${otc} for entity '${entity}'`));
        await expect(ports.webApi.retrieveRecord(entity, SEED_IMPORT_ID)).rejects.toMatchObject({ code: "0x80040220" });
        // Other tables still read.
        const other = entity === "importfile" ? "import" : "importfile";
        await expect(ports.webApi.retrieveMultipleRecords(other, "?$top=1")).resolves.toBeDefined();
    });

    it("checks the request before the privilege: a bad query is still a 400", async () => {
        dv.privileges.revoke("prvReadImportFile");
        await expect(ports.webApi.retrieveMultipleRecords("importfile", "?$select=nosuchcolumn")).rejects.toMatchObject({ status: 400 });
        await expect(ports.webApi.retrieveRecord("importfile", SEED_CONTACTS_FILE_ID, "?$select=name")).rejects.toMatchObject({ status: 403 });
    });

    it("an injected privilege fault names the first privilege the user lacks", async () => {
        dv.privileges.revoke("prvReadImport");
        dv.faults.failNext("privilege", { match: "execute:*" });
        await expect(ports.execute!(parseImportRequest(SEED_IMPORT_ID))).rejects.toMatchObject({
            message: expect.stringMatching(/missing prvReadImport privilege .* for entity 'import'/) as unknown,
        });
    });

    describe("hasEntityPrivilege", () => {
        it("answers over the privilege set: type → prv<Type><SchemaName>, held at that depth or deeper", () => {
            const has = ports.hasEntityPrivilege!;
            expect(has("import", 1, 3)).toBe(true);
            expect(has("importfile", 2, 0)).toBe(true);
            dv.privileges.revoke("prvCreateImport");
            expect(has("import", 1, 0)).toBe(false);
            expect(has("import", 2, 3)).toBe(true);
            dv.privileges.grant("prvReadImportFile", 1);
            expect(has("importfile", 2, 0)).toBe(true);
            expect(has("importfile", 2, 1)).toBe(true);
            expect(has("importfile", 2, 2)).toBe(false);
            expect(has("importfile", 2, 3)).toBe(false);
            dv.privileges.revoke("prvReadAsyncOperation");
            expect(has("asyncoperation", 2, 0)).toBe(false);
            expect(has("asyncoperation", 2, -1)).toBe(false);
            expect(has("importlog", 2, -1)).toBe(true);
            dv.privileges.revoke("prvAppendToImportLog");
            expect(has("importlog", 8, 0)).toBe(false);
            expect(has("importlog", 7, 0)).toBe(true);
            dv.privileges.reset();
            expect(has("import", 1, 3)).toBe(true);
            expect(has("importfile", 2, 3)).toBe(true);
        });

        it("maps every privilege type to its name", () => {
            const names = ["Create", "Read", "Write", "Delete", "Assign", "Share", "Append", "AppendTo"];
            names.forEach((verb, i) => {
                dv.privileges.reset();
                dv.privileges.revoke(`prv${verb}AsyncOperation`);
                for (let t = 1; t <= 8; t++) expect(ports.hasEntityPrivilege!("asyncoperation", t as 1, 0)).toBe(t !== i + 1);
            });
        });

        it("is false for privilege type None and for a table the fake does not know; is not a logged call", () => {
            expect(ports.hasEntityPrivilege!("import", 0, 0)).toBe(false);
            expect(ports.hasEntityPrivilege!("nosuchtable", 2, 0)).toBe(false);
            expect(ports.hasEntityPrivilege!("contact", 1, 3)).toBe(true);
            expect(dv.requests.count()).toBe(0);
        });

        it("is left out with { hasEntityPrivilege: false }", () => {
            expect(dv.ports({ hasEntityPrivilege: false }).hasEntityPrivilege).toBeUndefined();
            expect(dv.ports().hasEntityPrivilege).toBeInstanceOf(Function);
        });

        it("'uncached': false until the table's metadata was read with getEntityMetadata (the reference's remark)", async () => {
            const uncached = dv.ports({ hasEntityPrivilege: "uncached" });
            expect(uncached.hasEntityPrivilege!("import", 1, 0)).toBe(false);
            await uncached.getEntityMetadata("import");
            expect(uncached.hasEntityPrivilege!("import", 1, 0)).toBe(true);
            dv.privileges.revoke("prvCreateImport");
            expect(uncached.hasEntityPrivilege!("import", 1, 0)).toBe(false);
            expect(uncached.hasEntityPrivilege!("importfile", 2, 0)).toBe(false);
            dv.reset();
            expect(uncached.hasEntityPrivilege!("import", 2, 0)).toBe(false);
        });
    });

    it("reset() gives every privilege back; bad names and depths are test errors", () => {
        dv.privileges.revoke("prvCreateImport");
        expect(dv.privileges.describe()).toEqual({ prvCreateImport: -1 });
        dv.reset();
        expect(dv.privileges.describe()).toEqual({});
        expect(() => dv.privileges.revoke("CreateImport")).toThrow(/prvCreateImport/);
        expect(() => dv.privileges.grant("prvCreateImport", 4 as 3)).toThrow(/depth/);
    });
});
