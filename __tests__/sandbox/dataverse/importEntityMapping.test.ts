/**
 * The data maps' entity mappings (importentitymapping) the fake holds: which source table of each seeded data map goes
 * to which target table, read through the fake's Web API as the "Add files" picker reads them.
 */
import {
    buildLargeSeed,
    createFakeDataverse,
    createSeed,
    FakeDataverse,
    SEED_ACCOUNT_MAP_ID,
    SEED_CONTACT_MAP_ID,
    SEED_IMPORT_ID,
    SEED_IMPORT_MAP_ID,
    SEED_INACTIVE_MAP_ID,
    seedImportEntityMappings,
    type FakeWebApi,
} from "../../../sandbox/dataverse";
import type { WebApiEntity } from "../../../ImportMonitor/dataverse/platform";

const FV = "@OData.Community.Display.V1.FormattedValue";
/** The query readImportMaps (ImportMonitor/dataverse/addFilesService.ts) sends. */
const PICKER_QUERY = "?$select=sourceentityname,targetentityname,_importmapid_value&$filter=statecode eq 0";

/** [map, source, target] of each row, sorted. */
function triples(entities: WebApiEntity[]): [unknown, unknown, unknown][] {
    return entities
        .map((e): [unknown, unknown, unknown] => [e._importmapid_value, e.sourceentityname, e.targetentityname])
        .sort((a, b) => `${String(a[0])}${String(a[2])}`.localeCompare(`${String(b[0])}${String(b[2])}`));
}

describe("FakeDataverse importentitymapping", () => {
    let dv: FakeDataverse;
    let api: FakeWebApi;

    beforeEach(() => {
        dv = createFakeDataverse();
        api = dv.ports().webApi;
    });

    afterEach(() => dv.dispose());

    it("answers the picker's query with the six seeded rows, each with its map's id and name", async () => {
        const { entities, nextLink } = await api.retrieveMultipleRecords("importentitymapping", PICKER_QUERY);
        expect(nextLink).toBeUndefined();
        expect(triples(entities)).toEqual(
            triples([
                { _importmapid_value: SEED_IMPORT_MAP_ID, sourceentityname: "contacts", targetentityname: "contact" },
                { _importmapid_value: SEED_IMPORT_MAP_ID, sourceentityname: "accounts", targetentityname: "account" },
                { _importmapid_value: SEED_IMPORT_MAP_ID, sourceentityname: "leads", targetentityname: "lead" },
                { _importmapid_value: SEED_CONTACT_MAP_ID, sourceentityname: "Outlook contacts", targetentityname: "contact" },
                { _importmapid_value: SEED_ACCOUNT_MAP_ID, sourceentityname: "legacy-accounts", targetentityname: "account" },
                { _importmapid_value: SEED_INACTIVE_MAP_ID, sourceentityname: "accounts-2023", targetentityname: "account" },
            ]),
        );
        const outlook = entities.find((e) => e._importmapid_value === SEED_CONTACT_MAP_ID)!;
        expect(outlook).toMatchObject({
            [`_importmapid_value${FV}`]: "Contacts from Outlook",
            "_importmapid_value@Microsoft.Dynamics.CRM.lookuplogicalname": "importmap",
            "_importmapid_value@Microsoft.Dynamics.CRM.associatednavigationproperty": "importmapid",
        });
        // Only what $select names, and the primary key (as every read of the fake).
        expect(Object.keys(outlook).filter((k) => !k.includes("@")).sort()).toEqual(
            ["_importmapid_value", "importentitymappingid", "sourceentityname", "targetentityname"].sort(),
        );
        expect(dv.requests.count("retrieveMultiple:importentitymapping")).toBe(1);
    });

    it("gives the rows per map through $filter on the lookup", async () => {
        const perMap = async (mapId: string): Promise<[unknown, unknown][]> =>
            (
                await api.retrieveMultipleRecords(
                    "importentitymapping",
                    `?$select=sourceentityname,targetentityname&$filter=_importmapid_value eq ${mapId}&$orderby=targetentityname`,
                )
            ).entities.map((e) => [e.sourceentityname, e.targetentityname]);
        expect(await perMap(SEED_IMPORT_MAP_ID)).toEqual([
            ["accounts", "account"],
            ["contacts", "contact"],
            ["leads", "lead"],
        ]);
        expect(await perMap(SEED_CONTACT_MAP_ID)).toEqual([["Outlook contacts", "contact"]]);
        expect(await perMap(SEED_ACCOUNT_MAP_ID)).toEqual([["legacy-accounts", "account"]]);
        expect(await perMap(SEED_INACTIVE_MAP_ID)).toEqual([["accounts-2023", "account"]]);
    });

    it("the November map's source names are its files' sourceentityname", async () => {
        const files = await api.retrieveMultipleRecords("importfile", `?$select=sourceentityname,targetentityname&$filter=_importid_value eq ${SEED_IMPORT_ID}`);
        const mappings = await api.retrieveMultipleRecords("importentitymapping", `?$select=sourceentityname,targetentityname&$filter=_importmapid_value eq ${SEED_IMPORT_MAP_ID}`);
        const pairs = (rows: WebApiEntity[]): string[] => rows.map((r) => `${String(r.sourceentityname)} → ${String(r.targetentityname)}`).sort();
        expect(pairs(mappings.entities)).toEqual(pairs(files.entities));
        expect(pairs(files.entities)).toEqual(["accounts → account", "contacts → contact", "leads → lead"]);
    });

    it("$filter on statecode: every row is Active (the table's only state), the retired map's too; the map's statecode tells", async () => {
        const active = await api.retrieveMultipleRecords("importentitymapping", "?$select=statecode,statuscode,processcode,dedupe&$filter=statecode eq 0");
        expect(active.entities).toHaveLength(6);
        for (const e of active.entities) {
            expect(e).toMatchObject({
                statecode: 0,
                [`statecode${FV}`]: "Active",
                statuscode: 1,
                [`statuscode${FV}`]: "Active",
                processcode: 1,
                [`processcode${FV}`]: "Process",
                dedupe: 1,
                [`dedupe${FV}`]: "Ignore",
            });
        }
        expect((await api.retrieveMultipleRecords("importentitymapping", "?$select=sourceentityname&$filter=statecode eq 1")).entities).toEqual([]);
        expect((await api.retrieveMultipleRecords("importentitymapping", "?$select=sourceentityname&$filter=statecode ne 0")).entities).toEqual([]);
        // Leaving out the retired map's row takes the maps' own statecode (as the picker joins the two reads).
        const activeMaps = await api.retrieveMultipleRecords("importmap", "?$select=importmapid&$filter=statecode eq 0");
        const ids = new Set(activeMaps.entities.map((m) => m.importmapid));
        const rows = (await api.retrieveMultipleRecords("importentitymapping", PICKER_QUERY)).entities;
        expect(rows.filter((e) => !ids.has(e._importmapid_value)).map((e) => [e._importmapid_value, e.sourceentityname])).toEqual([[SEED_INACTIVE_MAP_ID, "accounts-2023"]]);
    });

    it("reads one row by id, and refuses columns the table does not have", async () => {
        const row = seedImportEntityMappings().find((r) => r._importmapid_value === SEED_ACCOUNT_MAP_ID)!;
        const one = await api.retrieveRecord("importentitymapping", row.importentitymappingid, "?$select=sourceentityname,targetentityname,createdon");
        expect(one).toMatchObject({ importentitymappingid: row.importentitymappingid, sourceentityname: "legacy-accounts", targetentityname: "account", createdon: "2025-10-03T08:05:00Z" });
        await expect(api.retrieveMultipleRecords("importentitymapping", "?$select=name")).rejects.toMatchObject({ status: 400 });
        await expect(api.retrieveMultipleRecords("importentitymappings", PICKER_QUERY)).rejects.toMatchObject({
            message: expect.stringContaining("Pass the table's logical name ('importentitymapping')") as unknown,
        });
    });

    it("reading needs prvReadImportEntityMapping (held by default, as every read privilege)", async () => {
        expect(dv.ports().hasEntityPrivilege!("importentitymapping", 2, 3)).toBe(true);
        dv.privileges.revoke("prvReadImportEntityMapping");
        expect(dv.ports().hasEntityPrivilege!("importentitymapping", 2, 0)).toBe(false);
        await expect(api.retrieveMultipleRecords("importentitymapping", PICKER_QUERY)).rejects.toMatchObject({
            code: "0x80040220",
            status: 403,
            message: expect.stringMatching(/prvReadImportEntityMapping .* on OTC=4428 for entity 'importentitymapping'/) as unknown,
        });
        // The maps themselves stay readable.
        await expect(api.retrieveMultipleRecords("importmap", "?$select=name")).resolves.toMatchObject({ entities: expect.any(Array) as unknown });
    });

    it("is in the large seed too, and a reset brings the rows back", async () => {
        const large = createFakeDataverse({ seed: buildLargeSeed({ fileCount: 3 }) });
        try {
            expect(large.records("importentitymapping")).toHaveLength(6);
        } finally {
            large.dispose();
        }
        dv.reset({ ...buildLargeSeed({ fileCount: 1 }), importEntityMappings: [] });
        expect((await api.retrieveMultipleRecords("importentitymapping", PICKER_QUERY)).entities).toEqual([]);
        dv.reset(createSeed());
        expect(dv.records("importentitymapping")).toHaveLength(6);
    });
});
