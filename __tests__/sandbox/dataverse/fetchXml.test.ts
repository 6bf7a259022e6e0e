/**
 * The fake's FetchXML (sandbox/dataverse/fetchXml.ts): the aggregate the control reads once per poll tick,
 * the documented result shape, the aggregate limit, privileges, faults and the platform's rejections.
 */
import {
    applyScenario,
    createFakeDataverse,
    createSeed,
    FakeDataverse,
    SEED_ACCOUNTS_FILE_ID,
    SEED_CONTACTS_FILE_ID,
    SEED_IMPORT_ID,
    SEED_LEADS_FILE_ID,
    type FakeSeed,
    type ImportLogRecord,
} from "../../../sandbox/dataverse";
import type { DataversePorts, RetrieveMultipleResult } from "../../../ImportMonitor/dataverse/platform";

const FV = "@OData.Community.Display.V1.FormattedValue";
const AN = "@OData.Community.Display.V1.AttributeName";
const LLN = "@Microsoft.Dynamics.CRM.lookuplogicalname";

/** The control's query: import-log rows per file and phase, for a whole import. */
const countsQuery = (importId: string) => `<fetch aggregate="true">
  <entity name="importlog">
    <attribute name="importlogid" alias="failures" aggregate="count" />
    <attribute name="importfileid" alias="file" groupby="true" />
    <attribute name="logphasecode" alias="phase" groupby="true" />
    <link-entity name="importfile" from="importfileid" to="importfileid" link-type="inner">
      <filter>
        <condition attribute="importid" operator="eq" value="${importId}" />
      </filter>
    </link-entity>
  </entity>
</fetch>`;

const encoded = (xml: string) => "?fetchXml=" + encodeURIComponent(xml);

/** The seed with `n` import logs on contacts.csv. */
function seedWithLogs(n: number): FakeSeed {
    const seed = createSeed();
    const logs: ImportLogRecord[] = [];
    for (let i = 0; i < n; i++) {
        const hex = i.toString(16).padStart(12, "0");
        logs.push({
            importlogid: `00000000-0000-4000-8000-${hex}`,
            _importfileid_value: SEED_CONTACTS_FILE_ID,
            linenumber: i + 2,
            headercolumn: null,
            columnvalue: null,
            errordescription: "x",
            errornumber: -2147220937,
            logphasecode: 2,
            additionalinfo: null,
            createdon: "2025-11-24T09:30:00Z",
        });
    }
    seed.importLogs = logs;
    return seed;
}

describe("FakeDataverse FetchXML", () => {
    let dv: FakeDataverse;
    let ports: DataversePorts;
    const read = (xml: string, table = "importlog") => ports.webApi.retrieveMultipleRecords(table, encoded(xml));

    beforeEach(() => {
        jest.useFakeTimers({ now: new Date("2025-11-24T10:00:00Z") });
        dv = createFakeDataverse({ stepMs: 100 });
        ports = dv.ports();
    });

    afterEach(() => {
        dv.dispose();
        expect(jest.getTimerCount()).toBe(0);
        jest.useRealTimers();
    });

    describe("the control's aggregate (count of import logs per file and phase)", () => {
        it("answers one row per file and phase with the documented alias shape", async () => {
            applyScenario(dv, "completed-with-failures");
            const { entities } = await read(countsQuery(SEED_IMPORT_ID));
            const byKey = Object.fromEntries(entities.map((e) => [`${String(e.file)}/${String(e.phase)}`, e.failures]));
            expect(byKey).toEqual({
                [`${SEED_ACCOUNTS_FILE_ID}/0`]: 2,
                [`${SEED_ACCOUNTS_FILE_ID}/1`]: 2,
                [`${SEED_ACCOUNTS_FILE_ID}/2`]: 3,
                [`${SEED_LEADS_FILE_ID}/0`]: 2,
                [`${SEED_LEADS_FILE_ID}/2`]: 10,
            });
            // The counts agree with the rows of the table.
            for (const e of entities) {
                const logs = dv.importLogs(String(e.file)).filter((l) => l.logphasecode === e.phase);
                expect(e.failures).toBe(logs.length);
            }
            const accountsImport = entities.find((e) => e.file === SEED_ACCOUNTS_FILE_ID && e.phase === 2)!;
            expect(accountsImport).toEqual({
                failures: 3,
                [`failures${AN}`]: "importlogid",
                [`failures${FV}`]: "3",
                file: SEED_ACCOUNTS_FILE_ID,
                [`file${AN}`]: "importfileid",
                [`file${FV}`]: "accounts.csv",
                [`file${LLN}`]: "importfile",
                phase: 2,
                [`phase${AN}`]: "logphasecode",
                [`phase${FV}`]: "Import Create",
            });
            expect(typeof accountsImport.phase).toBe("number");
            expect(typeof accountsImport.failures).toBe("number");
            // An aggregate row is not a record: no etag, no id (assumed).
            expect(accountsImport).not.toHaveProperty("@odata.etag");
            expect(accountsImport).not.toHaveProperty("importlogid");
        });

        it("matches the import id case-insensitively, with or without braces", async () => {
            applyScenario(dv, "completed-with-failures");
            const expected = (await read(countsQuery(SEED_IMPORT_ID))).entities;
            expect(expected.length).toBeGreaterThan(0);
            expect((await read(countsQuery(`{${SEED_IMPORT_ID.toUpperCase()}}`))).entities).toEqual(expected);
            expect((await read(countsQuery("11111111-2222-3333-4444-555555555555"))).entities).toEqual([]);
        });

        it("takes the query encoded or not (Xrm's reference: 'should not be encoded'), and with + for spaces", async () => {
            applyScenario(dv, "completed-with-failures");
            const xml = countsQuery(SEED_IMPORT_ID);
            const a = await ports.webApi.retrieveMultipleRecords("importlog", encoded(xml));
            const b = await ports.webApi.retrieveMultipleRecords("importlog", "?fetchXml=" + xml);
            expect(await ports.webApi.retrieveMultipleRecords("importlog", "?fetchXml=" + xml + "&$count=true")).toEqual(a);
            const c = await ports.webApi.retrieveMultipleRecords("importlog", "?fetchXml=" + encodeURIComponent(xml).replace(/%20/g, "+") + "&$count=true");
            expect(b).toEqual(a);
            expect(c).toEqual(a);
        });

        it("is logged as retrieveMultiple:importlog with the options kept; latency and faults apply", async () => {
            const options = encoded(countsQuery(SEED_IMPORT_ID));
            await ports.webApi.retrieveMultipleRecords("importlog", options);
            expect(dv.requests.summary()).toEqual({ "retrieveMultiple:importlog": 1 });
            expect(dv.requests.entries("retrieveMultiple:importlog")[0]).toMatchObject({ kind: "retrieveMultiple", entity: "importlog", options });

            dv.faults.failNext({ kind: "throttle", retryAfterSeconds: 3 }, { match: "retrieveMultiple:importlog" });
            await expect(ports.webApi.retrieveMultipleRecords("importlog", options)).rejects.toMatchObject({ status: 429, retryAfterSeconds: 3 });

            dv.setLatencyMs(400);
            let settled = false;
            const pending = ports.webApi.retrieveMultipleRecords("importlog", options).then((r) => {
                settled = true;
                return r;
            });
            await jest.advanceTimersByTimeAsync(399);
            expect(settled).toBe(false);
            await jest.advanceTimersByTimeAsync(1);
            await expect(pending).resolves.toEqual({ entities: [] });
        });

        it("needs prvReadImportLog, and prvReadImportFile for the link-entity", async () => {
            dv.privileges.revoke("prvReadImportLog");
            await expect(read(countsQuery(SEED_IMPORT_ID))).rejects.toMatchObject({ errorCode: -2147220960, status: 403, message: expect.stringContaining("prvReadImportLog") as unknown });
            dv.privileges.reset();
            dv.privileges.revoke("prvReadImportFile");
            await expect(read(countsQuery(SEED_IMPORT_ID))).rejects.toMatchObject({
                errorCode: -2147220960,
                message: expect.stringMatching(/missing prvReadImportFile privilege .* for entity 'importfile'/) as unknown,
            });
        });

        it("leaves the annotations out for a host that asks for none (ports({ fetchXmlAnnotations: 'none' }))", async () => {
            applyScenario(dv, "completed-with-failures");
            const bare = dv.ports({ fetchXmlAnnotations: "none" });
            const { entities } = await bare.webApi.retrieveMultipleRecords("importlog", encoded(countsQuery(SEED_IMPORT_ID)));
            expect(entities.length).toBe(5);
            for (const e of entities) expect(Object.keys(e).sort()).toEqual(["failures", "file", "phase"]);
            expect(() => dv.ports({ fetchXmlAnnotations: "some" as never })).toThrow(/fetchXmlAnnotations/);
        });
    });

    describe("the aggregate limit (fetchxml/aggregate-data.md, Limitations)", () => {
        const limitError = {
            errorCode: -2147164125,
            code: "0x8004e023",
            message: "AggregateQueryRecordLimit exceeded. Cannot perform this operation.",
            status: 400,
        };

        it("counts 50,000 rows and refuses 50,001 with -2147164125 (0x8004E023)", async () => {
            const countAll = `<fetch aggregate="true"><entity name="importlog"><attribute name="importlogid" alias="n" aggregate="count" /></entity></fetch>`;
            dv.reset(seedWithLogs(50000));
            await expect(read(countAll)).resolves.toMatchObject({ entities: [{ n: 50000, [`n${FV}`]: "50,000" }] });
            dv.reset(seedWithLogs(50001));
            await expect(read(countAll)).rejects.toMatchObject(limitError);
        });

        it("aggregatelimit lowers the limit per query; the fake's aggregateRecordLimit lowers the default", async () => {
            applyScenario(dv, "completed-with-failures");
            const logs = dv.importLogs().length; // 19
            const limited = (n: number) => countsQuery(SEED_IMPORT_ID).replace('aggregate="true"', `aggregate="true" aggregatelimit="${n}"`);
            await expect(read(limited(logs))).resolves.toMatchObject({ entities: expect.any(Array) as unknown });
            await expect(read(limited(logs - 1))).rejects.toMatchObject(limitError);

            const small = createFakeDataverse({ stepMs: 100, aggregateRecordLimit: 3 });
            applyScenario(small, "completed-with-failures");
            await expect(small.ports().webApi.retrieveMultipleRecords("importlog", encoded(countsQuery(SEED_IMPORT_ID)))).rejects.toMatchObject(limitError);
            // A plain (non-aggregate) query is not limited.
            await expect(
                small.ports().webApi.retrieveMultipleRecords("importlog", encoded(`<fetch><entity name="importlog"><attribute name="linenumber" /></entity></fetch>`)),
            ).resolves.toMatchObject({ entities: expect.any(Array) as unknown });
            small.dispose();
        });
    });

    describe("conditions, grouping and order", () => {
        beforeEach(() => {
            applyScenario(dv, "completed-with-failures");
        });

        const countBy = (filter: string, extra = "") =>
            `<fetch aggregate="true"><entity name="importlog"><attribute name="importlogid" alias="n" aggregate="count" />${extra}<filter type="and">${filter}</filter></entity></fetch>`;
        const n = async (filter: string) => (await read(countBy(filter))).entities[0].n;

        it("eq, ne / neq, in, not-in, null, not-null, and/or, nested filters", async () => {
            const all = dv.importLogs().length;
            const parse = dv.importLogs().filter((l) => l.logphasecode === 0).length;
            const accounts = dv.importLogs(SEED_ACCOUNTS_FILE_ID).length;
            expect(await n(`<condition attribute="logphasecode" operator="eq" value="0" />`)).toBe(parse);
            expect(await n(`<condition attribute="logphasecode" operator="ne" value="0" />`)).toBe(all - parse);
            expect(await n(`<condition attribute="logphasecode" operator="neq" value="0" />`)).toBe(all - parse);
            expect(await n(`<condition attribute="importfileid" operator="in"><value>{${SEED_ACCOUNTS_FILE_ID.toUpperCase()}}</value><value>${SEED_CONTACTS_FILE_ID}</value></condition>`)).toBe(accounts);
            expect(await n(`<condition attribute="importfileid" operator="not-in"><value>${SEED_ACCOUNTS_FILE_ID}</value></condition>`)).toBe(all - accounts);
            expect(await n(`<condition attribute="headercolumn" operator="null" />`)).toBe(dv.importLogs().filter((l) => l.headercolumn === null).length);
            expect(await n(`<condition attribute="headercolumn" operator="not-null" />`)).toBe(dv.importLogs().filter((l) => l.headercolumn !== null).length);
            // ne leaves out the rows without a value (SQL semantics; assumed).
            expect(await n(`<condition attribute="headercolumn" operator="ne" value="Email" />`)).toBe(
                dv.importLogs().filter((l) => l.headercolumn !== null && l.headercolumn !== "Email").length,
            );
            expect(
                await n(
                    `<condition attribute="importfileid" operator="eq" value="${SEED_ACCOUNTS_FILE_ID}" /><filter type="or"><condition attribute="logphasecode" operator="eq" value="0" /><condition attribute="logphasecode" operator="eq" value="1" /></filter>`,
                ),
            ).toBe(dv.importLogs(SEED_ACCOUNTS_FILE_ID).filter((l) => l.logphasecode <= 1).length);
            // Text compares case-insensitively.
            expect(await n(`<condition attribute="headercolumn" operator="eq" value="EMAIL" />`)).toBe(dv.importLogs().filter((l) => l.headercolumn === "Email").length);
        });

        it("counts with no groupby give one row, also over no rows; countcolumn counts values, distinct ones with distinct='true'", async () => {
            expect((await read(countBy(`<condition attribute="logphasecode" operator="eq" value="3" />`))).entities).toEqual([
                { n: 0, [`n${AN}`]: "importlogid", [`n${FV}`]: "0" },
            ]);
            const xml = `<fetch aggregate="true"><entity name="importlog">
                <attribute name="headercolumn" alias="withColumn" aggregate="countcolumn" />
                <attribute name="headercolumn" alias="columns" aggregate="countcolumn" distinct="true" />
                <attribute name="importlogid" alias="n" aggregate="count" /></entity></fetch>`;
            const [row] = (await read(xml)).entities;
            const headers = dv.importLogs().map((l) => l.headercolumn).filter((h) => h !== null);
            expect(row).toMatchObject({ withColumn: headers.length, columns: new Set(headers).size, n: dv.importLogs().length });
        });

        it("orders an aggregate by alias (descending too); the default order is the order the groups are met in (assumed)", async () => {
            const xml = (order: string) =>
                `<fetch aggregate="true"><entity name="importlog"><attribute name="importlogid" alias="n" aggregate="count" /><attribute name="logphasecode" alias="phase" groupby="true" />${order}</entity></fetch>`;
            const phases = (r: RetrieveMultipleResult) => r.entities.map((e) => e.phase);
            expect(phases(await read(xml(`<order alias="phase" />`)))).toEqual([0, 1, 2]);
            expect(phases(await read(xml(`<order alias="phase" descending="true" />`)))).toEqual([2, 1, 0]);
            const byCount = (await read(xml(`<order alias="n" descending="true" />`))).entities.map((e) => e.n as number);
            expect(byCount).toEqual([...byCount].sort((a, b) => b - a));
        });

        it("top, count and page; a page with more after it carries fetchXmlPagingCookie", async () => {
            const plain = (attrs: string) => `<fetch ${attrs}><entity name="importlog"><attribute name="linenumber" /><order attribute="linenumber" /></entity></fetch>`;
            const lines = dv.importLogs().map((l) => l.linenumber!).sort((a, b) => a - b);
            expect((await read(plain(`top="3"`))).entities.map((e) => e.linenumber)).toEqual(lines.slice(0, 3));
            const first = (await read(plain(`count="5" page="1"`))) as RetrieveMultipleResult & { fetchXmlPagingCookie?: string };
            expect(first.entities.map((e) => e.linenumber)).toEqual(lines.slice(0, 5));
            expect(first.fetchXmlPagingCookie).toMatch(/pagenumber="2"/);
            const last = (await read(plain(`count="5" page="4"`))) as RetrieveMultipleResult & { fetchXmlPagingCookie?: string };
            expect(last.entities.map((e) => e.linenumber)).toEqual(lines.slice(15, 20));
            expect(last.fetchXmlPagingCookie).toBeUndefined();
            expect(last.nextLink).toBeUndefined();
        });
    });

    describe("a plain (non-aggregate) query", () => {
        it("returns the etag, the id, the columns under their Web API names, aliases with AttributeName, and leaves nulls out", async () => {
            applyScenario(dv, "completed-with-failures");
            const xml = `<fetch top="50"><entity name="importlog">
                <attribute name="importfileid" />
                <attribute name="logphasecode" alias="phase" />
                <attribute name="headercolumn" />
                <attribute name="linenumber" />
                <order attribute="linenumber" descending="true" />
                <filter><condition attribute="importfileid" operator="eq" value="${SEED_ACCOUNTS_FILE_ID}" /></filter>
                <link-entity name="importfile" from="importfileid" to="importfileid" alias="f">
                    <attribute name="name" />
                    <attribute name="importid" alias="theImport" />
                </link-entity>
            </entity></fetch>`;
            const { entities } = await read(xml);
            const logs = dv.importLogs(SEED_ACCOUNTS_FILE_ID);
            expect(entities).toHaveLength(logs.length);
            expect(entities.map((e) => e.linenumber)).toEqual(logs.map((l) => l.linenumber).sort((a, b) => b! - a!));
            const row = entities.find((e) => e.phase === 0)!;
            const log = logs.find((l) => l.importlogid === row.importlogid)!;
            expect(row).toEqual({
                "@odata.etag": expect.stringMatching(/^W\/"\d+"$/) as unknown,
                importlogid: log.importlogid,
                _importfileid_value: SEED_ACCOUNTS_FILE_ID,
                [`_importfileid_value${FV}`]: "accounts.csv",
                "_importfileid_value@Microsoft.Dynamics.CRM.associatednavigationproperty": "importfileid",
                [`_importfileid_value${LLN}`]: "importfile",
                phase: 0,
                [`phase${AN}`]: "logphasecode",
                [`phase${FV}`]: "Parse",
                linenumber: log.linenumber,
                [`linenumber${FV}`]: String(log.linenumber),
                "f.name": "accounts.csv",
                [`f.name${AN}`]: "name",
                theImport: SEED_IMPORT_ID,
                [`theImport${AN}`]: "importid",
                [`theImport${FV}`]: "Contacts, accounts and leads — November",
                [`theImport${LLN}`]: "import",
            });
            // headercolumn is null on a parse log: left out.
            expect(row).not.toHaveProperty("headercolumn");
        });

        it("returns every column without attribute elements (and with all-attributes)", async () => {
            const { entities } = await read(`<fetch><entity name="importfile"><filter><condition attribute="importfileid" operator="eq" value="${SEED_LEADS_FILE_ID}" /></filter></entity></fetch>`, "importfile");
            expect(entities).toHaveLength(1);
            expect(entities[0]).toMatchObject({ importfileid: SEED_LEADS_FILE_ID, name: "leads.csv", _importid_value: SEED_IMPORT_ID, processingstatus: 1 });
            expect(entities[0]).not.toHaveProperty("successcount");
            const all = await read(`<fetch><entity name="importfile"><all-attributes /><filter><condition attribute="importfileid" operator="eq" value="${SEED_LEADS_FILE_ID}" /></filter></entity></fetch>`, "importfile");
            expect(all.entities).toEqual(entities);
        });
    });

    describe("what the platform refuses", () => {
        const entityOf = (inner: string, fetchAttrs = `aggregate="true"`) => `<fetch ${fetchAttrs}><entity name="importlog">${inner}</entity></fetch>`;
        const count = `<attribute name="importlogid" alias="n" aggregate="count" />`;

        it.each<[string, string, Record<string, unknown>]>([
            [
                "an unknown element: Invalid Child Node (0x8004111C)",
                entityOf(`${count}<attributes name="x" />`),
                {
                    errorCode: -2147217124,
                    code: "0x8004111c",
                    status: 400,
                    message: 'Invalid Child Node, valid nodes are attribute, all-attributes, order, link-entity, filter. NodeName = attributes NodeXml = <attributes name="x"/>',
                },
            ],
            ["an unknown XML attribute", entityOf(`<attribute name="importlogid" alias="n" aggregate="count" colour="red" />`), { errorCode: -2147220989, status: 400, message: expect.stringContaining("The 'colour' attribute is not declared.") as unknown }],
            [
                "a column the table does not have (0x80041103)",
                entityOf(`${count}<attribute name="nope" alias="x" groupby="true" />`),
                { errorCode: -2147217149, code: "0x80041103", status: 400, message: "'ImportLog' entity doesn't contain attribute with Name = 'nope' and NameMapping = 'Logical'." },
            ],
            [
                "a Web API property name instead of the logical name",
                entityOf(`${count}<attribute name="_importfileid_value" alias="f" groupby="true" />`),
                { errorCode: -2147217149, message: expect.stringContaining("logical name: 'importfileid'") as unknown },
            ],
            ["XML that is not well-formed", `<fetch aggregate="true"><entity name="importlog">`, { errorCode: -2147220991, code: "0x80040201", status: 400 }],
            ["a fetch without an entity", `<fetch/>`, { errorCode: -2147217150, status: 400, message: "Entity Name was not specified in FetchXml String." }],
            [
                "an attribute of an aggregate that is neither groupby nor aggregate (0x80041107)",
                entityOf(`${count}<attribute name="linenumber" alias="l" />`),
                { errorCode: -2147217145, message: expect.stringContaining("An attribute can not be requested when an aggregate operation has been specified and its neither groupby nor aggregate.") as unknown },
            ],
            ["an aggregate attribute without alias", entityOf(`<attribute name="importlogid" aggregate="count" />`), { errorCode: -2147217141, status: 400 }],
            ["a repeated alias", entityOf(`${count}<attribute name="logphasecode" alias="N" groupby="true" />`), { errorCode: -2147217143, status: 400 }],
            ["an operator that does not exist", entityOf(`${count}<filter><condition attribute="logphasecode" operator="equals" value="1" /></filter>`), { errorCode: -2147217120, status: 400 }],
            ["an operator the fake does not run", entityOf(`${count}<filter><condition attribute="headercolumn" operator="like" value="%a%" /></filter>`), { status: 400, message: expect.stringContaining("not supported by the fake Dataverse") as unknown }],
            ["a filter type other than and/or", entityOf(`${count}<filter type="xor"><condition attribute="logphasecode" operator="eq" value="1" /></filter>`), { errorCode: -2147217118, status: 400 }],
            ["sum (not run by the fake)", entityOf(`<attribute name="linenumber" alias="s" aggregate="sum" />`), { status: 400, message: expect.stringContaining("'sum'") as unknown }],
            ["an outer link (not run by the fake)", entityOf(`${count}<link-entity name="importfile" from="importfileid" to="importfileid" link-type="outer" />`), { status: 400, message: expect.stringContaining("outer") as unknown }],
            [
                "a value that is not a GUID for a lookup",
                entityOf(`${count}<filter><condition attribute="importfileid" operator="eq" value="abc" /></filter>`),
                { status: 400, message: expect.stringMatching(/^An exception System.FormatException was thrown while trying to convert input value 'abc' to attribute 'importlog.importfileid'. Expected type of attribute value: System.Guid/) as unknown },
            ],
            ["a number that is not a number", entityOf(`${count}<filter><condition attribute="logphasecode" operator="eq" value="two" /></filter>`), { status: 400, message: expect.stringContaining("System.Int32") as unknown }],
            ["in with the value attribute", entityOf(`${count}<filter><condition attribute="logphasecode" operator="in" value="1" /></filter>`), { status: 400 }],
            ["an aggregate ordered by attribute", entityOf(`${count}<attribute name="logphasecode" alias="p" groupby="true" /><order attribute="logphasecode" />`), { status: 400 }],
            ["an order alias that names nothing", entityOf(`${count}<order alias="nothing" />`), { status: 400 }],
            ["groupby in a plain query", entityOf(`<attribute name="logphasecode" alias="p" groupby="true" />`, ""), { status: 400 }],
            ["top above 5,000", entityOf(`<attribute name="linenumber" />`, `top="5001"`), { status: 400 }],
            ["a table the fake does not hold", `<fetch><entity name="importlog"><link-entity name="account" from="accountid" to="importfileid" /></entity></fetch>`, { status: 404, message: expect.stringContaining("'account'") as unknown }],
        ])("refuses %s", async (_what, xml, error) => {
            await expect(read(xml)).rejects.toMatchObject(error);
        });

        it("refuses an entity that is not the table asked for, fetchXml with other options, and fetchXml on retrieveRecord", async () => {
            await expect(read(countsQuery(SEED_IMPORT_ID), "importfile")).rejects.toMatchObject({ status: 400, message: expect.stringContaining("does not match") as unknown });
            await expect(ports.webApi.retrieveMultipleRecords("importlog", encoded(countsQuery(SEED_IMPORT_ID)) + "&$top=3")).rejects.toMatchObject({
                status: 400,
                message: expect.stringContaining("cannot be combined with fetchXml") as unknown,
            });
            await expect(ports.webApi.retrieveRecord("importfile", SEED_LEADS_FILE_ID, encoded(`<fetch><entity name="importfile" /></fetch>`))).rejects.toMatchObject({ status: 400 });
        });
    });
});
