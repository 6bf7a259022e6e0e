import {
    buildLargeSeed,
    createFakeDataverse,
    DataverseErrorCodes,
    FakeDataverse,
    SEED_ACCOUNTS_FILE_ID,
    SEED_CONTACTS_FILE_ID,
    SEED_IMPORT_ID,
    SEED_IMPORT_MAP_ID,
    SEED_IMPORT_NAME,
    SEED_LEADS_FILE_ID,
} from "../../../sandbox/dataverse";
import type { AsyncOperationRecord } from "../../../sandbox/dataverse";
import type { WebApiReads } from "../../../ImportMonitor/dataverse/platform";

const FV = "@OData.Community.Display.V1.FormattedValue";

describe("FakeDataverse Web API reads", () => {
    let dv: FakeDataverse;
    let api: WebApiReads;

    beforeEach(() => {
        jest.useFakeTimers({ now: new Date("2025-11-24T10:00:00Z") });
        dv = createFakeDataverse();
        api = dv.ports().webApi;
    });

    afterEach(() => {
        dv.dispose();
        expect(jest.getTimerCount()).toBe(0);
        jest.useRealTimers();
    });

    describe("$select", () => {
        it("returns only the selected columns plus the primary id, with formatted values", async () => {
            const file = await api.retrieveRecord("importfile", SEED_ACCOUNTS_FILE_ID, "?$select=name,processingstatus,statuscode,fielddelimitercode,_importid_value,totalcount,modifiedon");
            expect(Object.keys(file).filter((k) => !k.includes("@")).sort()).toEqual(
                ["_importid_value", "fielddelimitercode", "importfileid", "modifiedon", "name", "processingstatus", "statuscode", "totalcount"].sort(),
            );
            expect(file).toMatchObject({
                importfileid: SEED_ACCOUNTS_FILE_ID,
                name: "accounts.csv",
                processingstatus: 1,
                [`processingstatus${FV}`]: "Not Started",
                statuscode: 0,
                [`statuscode${FV}`]: "Submitted",
                [`fielddelimitercode${FV}`]: "Comma",
                _importid_value: SEED_IMPORT_ID,
                [`_importid_value${FV}`]: SEED_IMPORT_NAME,
                "_importid_value@Microsoft.Dynamics.CRM.lookuplogicalname": "import",
                totalcount: null,
                modifiedon: "2025-11-24T09:12:34Z",
                [`modifiedon${FV}`]: "11/24/2025 9:12 AM",
            });
            expect(file["@odata.etag"]).toMatch(/^W\/"\d+"$/);
            expect(file).not.toHaveProperty(`totalcount${FV}`);
        });

        it("returns every column without $select", async () => {
            const file = await api.retrieveRecord("importfile", SEED_CONTACTS_FILE_ID);
            expect(file).toHaveProperty("content");
            expect(file).toMatchObject({ isfirstrowheader: true, [`isfirstrowheader${FV}`]: "Yes", _importmapid_value: SEED_IMPORT_MAP_ID, size: "4" });
        });

        it("rejects unknown columns and navigation names instead of lookup values", async () => {
            await expect(api.retrieveRecord("importfile", SEED_CONTACTS_FILE_ID, "?$select=name,importid")).rejects.toMatchObject({
                errorCode: DataverseErrorCodes.ODataQueryInvalid.errorCode,
                status: 400,
                message: "Could not find a property named 'importid' on type 'Microsoft.Dynamics.CRM.importfile'.",
            });
        });

        it("accepts braces and upper case in ids and rejects malformed ids", async () => {
            const r = await api.retrieveRecord("import", `{${SEED_IMPORT_ID.toUpperCase()}}`, "?$select=name");
            expect(r.importid).toBe(SEED_IMPORT_ID);
            await expect(api.retrieveRecord("import", "not-a-guid")).rejects.toMatchObject({ status: 400 });
        });

        it("rejects a missing record with the platform's not-found error", async () => {
            await expect(api.retrieveRecord("import", "0f0f0f0f-0000-4000-8000-000000000001")).rejects.toEqual({
                errorCode: -2147220969,
                code: "0x80040217",
                status: 404,
                title: "Not Found",
                message: "import With Id = 0f0f0f0f-0000-4000-8000-000000000001 Does Not Exist",
            });
        });

        it("allows only $select on retrieveRecord", async () => {
            await expect(api.retrieveRecord("import", SEED_IMPORT_ID, "?$filter=statuscode eq 0")).rejects.toMatchObject({ status: 400 });
        });
    });

    describe("$filter", () => {
        const names = async (entity: string, filter: string): Promise<string[]> =>
            (await api.retrieveMultipleRecords(entity, `?$select=name&$filter=${filter}`)).entities.map((e) => e.name as string);

        it("filters by lookup (guid unquoted), numbers, strings, booleans and null joined with and", async () => {
            expect(await names("importfile", `_importid_value eq ${SEED_IMPORT_ID}`)).toEqual(["contacts.csv", "accounts.csv", "leads.csv"]);
            expect(await names("importfile", `_importid_value eq ${SEED_IMPORT_ID} and processcode eq 1 and name eq 'leads.csv'`)).toEqual(["leads.csv"]);
            expect(await names("importfile", "targetentityname eq 'ACCOUNT'")).toEqual(["accounts.csv"]);
            expect(await names("importfile", "headerrow eq null and isfirstrowheader eq true")).toHaveLength(3);
            expect(await names("importfile", "headerrow ne null")).toEqual([]);
            expect(await names("importfile", "(name eq 'leads.csv' or name eq 'contacts.csv') and not (processcode eq 2)")).toEqual(["contacts.csv", "leads.csv"]);
            expect(await names("importfile", "createdon gt 2025-11-24T09:12:32Z")).toEqual(["accounts.csv", "leads.csv"]);
        });

        it("handles quoted strings with '' escape and URL-encoded options", async () => {
            await dv.ports().webApi.retrieveMultipleRecords("import", "?$select=name");
            dv.update("import", SEED_IMPORT_ID, { name: "O'Brien's import" });
            expect(await names("import", "name eq 'O''Brien''s import'")).toEqual(["O'Brien's import"]);
            const encoded = `?$select=name&$filter=${encodeURIComponent("name eq 'O''Brien''s import'")}`;
            expect((await api.retrieveMultipleRecords("import", encoded)).entities).toHaveLength(1);
        });

        it("filters import logs by _importfileid_value", async () => {
            dv.reset(buildLargeSeed({ fileCount: 2, importLogCount: 30, state: "completed" }));
            const files = dv.importFiles();
            const { entities } = await api.retrieveMultipleRecords("importlog", `?$select=linenumber&$filter=_importfileid_value eq ${files[0].importfileid}`);
            expect(entities).toHaveLength(30);
            const other = await api.retrieveMultipleRecords("importlog", `?$select=linenumber&$filter=_importfileid_value eq ${files[1].importfileid}`);
            expect(other.entities).toHaveLength(0);
        });

        it.each([
            ["quoted guid", `_importid_value eq '${SEED_IMPORT_ID}'`, /incompatible types.*'Edm.Guid' and 'Edm.String'/],
            ["string number", "processcode eq '1'", /incompatible types.*'Edm.Int32' and 'Edm.String'/],
            ["unknown column", "importid eq 7c1e4b52-9a3d-4f6e-b8a0-2d5c9e1f6a43", /Could not find a property named 'importid'/],
            ["function", "contains(name,'csv')", /not supported by the fake/],
            ["navigation path", "importid/name eq 'x'", /not supported by the fake/],
            ["dangling and", "processcode eq 1 and", /Syntax error/],
            ["unterminated string", "name eq 'abc", /Unterminated string/],
            ["missing operator", "name 'abc'", /expected eq/],
            ["dangling or", "name eq 'a' or", /Syntax error/],
            ["leading and", "and name eq 'a'", /Syntax error/],
            ["unclosed parenthesis", "(name eq 'a' or name eq 'b'", /Syntax error/],
            ["unopened parenthesis", "name eq 'a')", /Syntax error/],
            ["doubled operator", "name eq eq 'a'", /Syntax error/],
            ["two values", "name eq 'a' 'b'", /Syntax error/],
            ["empty filter", "", /Syntax error.*empty expression/],
            ["blank filter", "   ", /Syntax error.*empty expression/],
            ["in operator", "name in ('a','b')", /Syntax error/],
            ["upper-case operator", "name EQ 'a'", /Syntax error/],
            ["not without parentheses on a text column", "not name eq 'a'", /unary operator with an incompatible type.*'Edm.String' for operator kind 'Not'/],
            ["not without parentheses before and", "not processcode eq 1 and name eq 'a'", /unary operator with an incompatible type.*'Edm.Int32'/],
            ["not without parentheses on a boolean column", "not isfirstrowheader eq true", /not supported by the fake.*write 'not \(…\)'/],
            ["literal on the left", "1 eq processcode", /left side of the 'Equal' operator must be a property/],
            ["column on the right", "name eq targetentityname", /right side of the 'Equal' operator must be a constant value/],
            ["a bare column", "isfirstrowheader", /'isfirstrowheader' in \$filter is not supported by the fake/],
            ["function on the left", "tolower(name) eq 'a'", /'tolower\(' in \$filter is not supported by the fake/],
            ["impossible date", "createdon gt 2025-02-30", /date literal '2025-02-30' is not valid/],
            ["decimal for a whole number", "processcode eq 1.5", /'Edm.Int32' and 'Edm.Decimal'/],
            ["time of day", "createdon gt 12:00:00", /'12:00:00' \(Edm.TimeOfDay\) in \$filter is not supported/],
            ["unknown column deep in the expression", "name eq 'a' or (processcode eq 1 and nosuchcolumn eq 1)", /Could not find a property named 'nosuchcolumn'/],
        ])("rejects %s with a 400", async (_label, filter, message) => {
            await expect(api.retrieveMultipleRecords("importfile", `?$filter=${filter}`)).rejects.toMatchObject({
                status: 400,
                errorCode: DataverseErrorCodes.ODataQueryInvalid.errorCode,
                message: expect.stringMatching(message) as unknown,
            });
        });

        // The seed's files, in store order: contacts.csv, accounts.csv, leads.csv; all with processcode 1.
        it("gives not precedence over and, and and over or (OData's operator precedence)", async () => {
            // and before or: a or (b and c), not (a or b) and c.
            expect(await names("importfile", "name eq 'accounts.csv' or name eq 'leads.csv' and processcode eq 2")).toEqual(["accounts.csv"]);
            expect(await names("importfile", "processcode eq 2 and name eq 'leads.csv' or name eq 'contacts.csv'")).toEqual(["contacts.csv"]);
            // not takes only the group right after it: (not a) and b, not not (a and b).
            expect(await names("importfile", "not (name eq 'leads.csv') and processcode eq 2")).toEqual([]);
            expect(await names("importfile", "not (name eq 'leads.csv') and processcode eq 1")).toEqual(["contacts.csv", "accounts.csv"]);
            expect(await names("importfile", "name eq 'contacts.csv' or not (name eq 'leads.csv') and name eq 'accounts.csv'")).toEqual([
                "contacts.csv",
                "accounts.csv",
            ]);
            expect(await names("importfile", "not (name eq 'leads.csv') and not (name eq 'contacts.csv') or name eq 'leads.csv'")).toEqual([
                "accounts.csv",
                "leads.csv",
            ]);
            expect(await names("importfile", "processcode eq 1 and not (name eq 'leads.csv') or processcode eq 2")).toEqual(["contacts.csv", "accounts.csv"]);
            expect(await names("importfile", "not not (name eq 'leads.csv')")).toEqual(["leads.csv"]);
        });

        it("follows nested parentheses", async () => {
            expect(await names("importfile", "((name eq 'leads.csv' or (name eq 'contacts.csv' and (processcode eq 1))))")).toEqual(["contacts.csv", "leads.csv"]);
            expect(await names("importfile", "not (not (name eq 'leads.csv'))")).toEqual(["leads.csv"]);
            expect(await names("importfile", "(name eq 'leads.csv' or name eq 'contacts.csv') and (processcode eq 2 or not (isfirstrowheader eq false))")).toEqual([
                "contacts.csv",
                "leads.csv",
            ]);
            expect(await names("importfile", "name eq 'accounts.csv' and (processcode eq 2 or (name eq 'leads.csv' or processcode eq 1))")).toEqual(["accounts.csv"]);
        });

        it("reads quotes, percent signs and spaces inside strings exactly", async () => {
            const nameOf = async (filter: string): Promise<string[]> =>
                (await api.retrieveMultipleRecords("import", `?$select=name&$filter=${encodeURIComponent(filter)}`)).entities.map((e) => e.name as string);
            for (const name of ["'", "''", "it's 'quoted'", "100% done", "50%27 off", "%20", "a  b", "x & y = z?", "O'Brien's import"]) {
                dv.update("import", SEED_IMPORT_ID, { name });
                expect(await nameOf(`name eq '${name.replace(/'/g, "''")}'`)).toEqual([name]);
            }
            dv.update("import", SEED_IMPORT_ID, { name: "a  b" });
            expect(await nameOf("name eq 'a b'")).toEqual([]);
            expect(await names("import", "name eq 'a  b'")).toEqual(["a  b"]);
        });

        it("accepts whitespace variants around operators, values and parentheses", async () => {
            for (const filter of [
                "  name   eq   'leads.csv'  ",
                "name\teq\t'leads.csv'",
                "( name eq 'leads.csv' )",
                "(name eq 'leads.csv')  and  ( processcode eq 1 )",
                "name eq 'leads.csv' and not ( processcode eq 2 )",
            ]) {
                expect(await names("importfile", encodeURIComponent(filter))).toEqual(["leads.csv"]);
            }
        });

        it("takes date-only, offset and upper-case guid literals", async () => {
            expect(await names("importfile", "createdon ge 2025-11-24 and createdon lt 2025-11-25")).toHaveLength(3);
            expect(await names("importfile", encodeURIComponent("createdon gt 2025-11-24T10:12:32+01:00"))).toEqual(["accounts.csv", "leads.csv"]);
            expect(await names("importfile", `_importid_value eq ${SEED_IMPORT_ID.toUpperCase()}`)).toHaveLength(3);
        });

        it("filters async operations by the _regardingobjectid_value lookup", async () => {
            const seed = buildLargeSeed({ fileCount: 1 });
            const importId = seed.imports[0].importid;
            const job = (id: string, regarding: string | null): AsyncOperationRecord => ({
                asyncoperationid: id,
                name: `job ${id.slice(-1)}`,
                operationtype: 3,
                statecode: 3,
                statuscode: 30,
                message: null,
                friendlymessage: null,
                errorcode: null,
                _regardingobjectid_value: regarding,
                createdon: "2025-11-24T09:00:00Z",
                startedon: null,
                completedon: null,
                modifiedon: "2025-11-24T09:00:00Z",
            });
            dv.reset({
                ...seed,
                asyncOperations: [
                    job("0f0f0f0f-0000-4000-8000-000000000001", importId),
                    job("0f0f0f0f-0000-4000-8000-000000000002", SEED_IMPORT_ID),
                    job("0f0f0f0f-0000-4000-8000-000000000003", null),
                ],
            });
            const ids = async (filter: string): Promise<string[]> =>
                (await api.retrieveMultipleRecords("asyncoperation", `?$select=name&$filter=${filter}`)).entities.map((e) => e.asyncoperationid as string);
            expect(await ids(`_regardingobjectid_value eq ${importId}`)).toEqual(["0f0f0f0f-0000-4000-8000-000000000001"]);
            expect(await ids(`_regardingobjectid_value ne ${importId} and _regardingobjectid_value ne null`)).toEqual(["0f0f0f0f-0000-4000-8000-000000000002"]);
            expect(await ids("_regardingobjectid_value eq null")).toEqual(["0f0f0f0f-0000-4000-8000-000000000003"]);
            await expect(api.retrieveMultipleRecords("asyncoperation", `?$filter=_regardingobjectid_value eq '${importId}'`)).rejects.toMatchObject({
                status: 400,
                message: expect.stringMatching(/'Edm.Guid' and 'Edm.String'/) as unknown,
            });
        });
    });

    describe("$orderby and $top", () => {
        it("orders by one or more columns, asc and desc", async () => {
            const r1 = await api.retrieveMultipleRecords("importfile", "?$select=name&$orderby=name desc");
            expect(r1.entities.map((e) => e.name)).toEqual(["leads.csv", "contacts.csv", "accounts.csv"]);
            dv.update("importfile", SEED_LEADS_FILE_ID, { processcode: 2 });
            const r2 = await api.retrieveMultipleRecords("importfile", "?$select=name&$orderby=processcode desc,name asc");
            expect(r2.entities.map((e) => e.name)).toEqual(["leads.csv", "accounts.csv", "contacts.csv"]);
        });

        it("limits with $top and returns no nextLink", async () => {
            const r = await api.retrieveMultipleRecords("importfile", "?$select=name&$orderby=name&$top=2", 1);
            expect(r.entities.map((e) => e.name)).toEqual(["accounts.csv", "contacts.csv"]);
            expect(r.nextLink).toBeUndefined();
        });

        it("accepts spaces after commas in $select and $orderby", async () => {
            const r = await api.retrieveMultipleRecords("importfile", "?$select=name, processcode&$orderby=processcode desc, name");
            expect(r.entities.map((e) => e.name)).toEqual(["accounts.csv", "contacts.csv", "leads.csv"]);
            expect(Object.keys(r.entities[0]).filter((k) => !k.includes("@"))).toEqual(["importfileid", "name", "processcode"]);
        });

        it.each([
            "?$top=0",
            "?$top=abc",
            "?$orderby=name sideways",
            "?$orderby=nope",
            "?$orderby=name,",
            "?$orderby=importid/name",
            "?$orderby=tolower(name)",
            "?$select=name,",
            "?$select=,name",
            "?$select=*",
            "?$select=importid/name",
            "?$expand=importid",
            "?$skip=10",
            "?$select=name&$select=size",
            "?fetchXml=<fetch/>",
        ])(
            "rejects %s",
            async (options) => {
                await expect(api.retrieveMultipleRecords("importfile", options)).rejects.toMatchObject({ status: 400 });
            },
        );
    });

    describe("paging", () => {
        it("pages with maxPageSize; the query part of nextLink returns the next page", async () => {
            dv.reset(buildLargeSeed({ fileCount: 1, importLogCount: 10000, state: "completed" }));
            const fileId = dv.importFiles()[0].importfileid;
            const options = `?$select=linenumber,errornumber,logphasecode&$filter=_importfileid_value eq ${fileId}&$orderby=linenumber asc`;
            let page = await api.retrieveMultipleRecords("importlog", options, 5000);
            expect(page.nextLink).toMatch(/^https:\/\/fake\.crm\.dynamics\.com\/api\/data\/v9\.2\/importlogs\?\$select=/);
            expect(page.nextLink).toContain("$skiptoken=");
            const lines: number[] = page.entities.map((e) => e.linenumber as number);
            let pages = 1;
            while (page.nextLink) {
                const query = page.nextLink.slice(page.nextLink.indexOf("?"));
                page = await api.retrieveMultipleRecords("importlog", query, 5000);
                lines.push(...page.entities.map((e) => e.linenumber as number));
                pages++;
            }
            expect(pages).toBe(2);
            expect(lines).toHaveLength(10000);
            expect(lines[0]).toBe(2);
            expect(lines[9999]).toBe(10001);
            expect(new Set(lines).size).toBe(10000);
        });

        it("defaults to pages of 5000 (Dataverse's maximum) and caps larger page sizes", async () => {
            dv.reset(buildLargeSeed({ fileCount: 1, importLogCount: 6000, state: "completed" }));
            expect((await api.retrieveMultipleRecords("importlog", "?$select=linenumber")).entities).toHaveLength(5000);
            const big = await api.retrieveMultipleRecords("importlog", "?$select=linenumber", 10000);
            expect(big.entities).toHaveLength(5000);
            expect(big.nextLink).toBeDefined();
        });

        it("walks small pages in order, keeping $select, $filter and $orderby", async () => {
            const r1 = await api.retrieveMultipleRecords("importfile", `?$select=name&$filter=_importid_value eq ${SEED_IMPORT_ID}&$orderby=name desc`, 2);
            expect(r1.entities.map((e) => e.name)).toEqual(["leads.csv", "contacts.csv"]);
            const r2 = await api.retrieveMultipleRecords("importfile", r1.nextLink!.slice(r1.nextLink!.indexOf("?")), 2);
            expect(r2.entities.map((e) => e.name)).toEqual(["accounts.csv"]);
            expect(Object.keys(r2.entities[0]).filter((k) => !k.includes("@"))).toEqual(["importfileid", "name"]);
            expect(r2.nextLink).toBeUndefined();
        });

        it("rejects a whole nextLink URL passed as options and a bad maxPageSize", async () => {
            const r1 = await api.retrieveMultipleRecords("importfile", "?$select=name", 1);
            await expect(api.retrieveMultipleRecords("importfile", r1.nextLink, 1)).rejects.toMatchObject({
                status: 400,
                message: expect.stringMatching(/query part of the nextLink/) as unknown,
            });
            await expect(api.retrieveMultipleRecords("importfile", "?$select=name", 0)).rejects.toMatchObject({ status: 400 });
        });
    });

    it("rejects an unknown table (or an entity set name) with the platform's segment error", async () => {
        await expect(api.retrieveMultipleRecords("contact", "?$select=fullname")).rejects.toMatchObject({
            errorCode: DataverseErrorCodes.ResourceNotFoundForSegment.errorCode,
            code: "0x8006088a",
            status: 404,
            message: expect.stringMatching(/^Resource not found for the segment 'contact'\./) as unknown,
        });
        await expect(api.retrieveMultipleRecords("importfiles")).rejects.toMatchObject({
            message: expect.stringMatching(/logical name \('importfile'\)/) as unknown,
        });
    });

    it("resolves asynchronously (a microtask, or the configured latency on the clock)", async () => {
        let settled = false;
        const p = api.retrieveRecord("import", SEED_IMPORT_ID, "?$select=name").then(() => (settled = true));
        expect(settled).toBe(false);
        await p;
        expect(settled).toBe(true);

        dv.setLatencyMs(250);
        settled = false;
        const q = api.retrieveRecord("import", SEED_IMPORT_ID, "?$select=name").then(() => (settled = true));
        await jest.advanceTimersByTimeAsync(249);
        expect(settled).toBe(false);
        await jest.advanceTimersByTimeAsync(1);
        await q;
        expect(settled).toBe(true);
    });
});
