import { AttributeTypeCode, buildLargeSeed, createFakeDataverse, createSeed, FakeDataverse, parseContent, SEED_LEADS_FILE_ID } from "../../../sandbox/dataverse";
import type { EntityMetadataLike } from "../../../ImportMonitor/dataverse/platform";

interface AttributeLike {
    LogicalName: string;
    DisplayName: string;
    AttributeType: number;
}
interface CollectionLike {
    get(name: string): AttributeLike | null;
    getByName(name: string): AttributeLike | null;
}

describe("FakeDataverse getEntityMetadata", () => {
    let dv: FakeDataverse;

    beforeEach(() => {
        dv = createFakeDataverse();
    });

    afterEach(() => dv.dispose());

    it.each([
        ["contact", { firstname: "First Name", lastname: "Last Name", emailaddress1: "Email", telephone1: "Business Phone", jobtitle: "Job Title", parentcustomerid: "Company Name", address1_city: "Address 1: City", birthdate: "Birthday" }],
        ["account", { name: "Account Name", accountnumber: "Account Number", telephone1: "Main Phone", emailaddress1: "Email", websiteurl: "Website", address1_city: "Address 1: City", numberofemployees: "Number of Employees", revenue: "Annual Revenue", primarycontactid: "Primary Contact" }],
        ["lead", { subject: "Topic", firstname: "First Name", lastname: "Last Name", companyname: "Company Name", emailaddress1: "Email", telephone1: "Business Phone", leadsourcecode: "Lead Source" }],
    ])("returns %s with display names (strings), read with get(name) and getByName(name)", async (entity, expected) => {
        const md: EntityMetadataLike = await dv.ports().getEntityMetadata(entity, Object.keys(expected));
        expect(md.LogicalName).toBe(entity);
        expect(typeof md.DisplayName).toBe("string");
        const attrs = md.Attributes as CollectionLike;
        for (const [name, display] of Object.entries(expected)) {
            expect(attrs.get(name)).toMatchObject({ LogicalName: name, DisplayName: display, EntityLogicalName: entity });
            expect(attrs.getByName(name)).toEqual(attrs.get(name));
            expect(typeof attrs.get(name)!.AttributeType).toBe("number");
        }
    });

    it("has the documented collection accessors and no getAll; only the collection's methods can be read", async () => {
        const md = await dv.getEntityMetadata("account", ["numberofemployees", "primarycontactid", "revenue", "name"]);
        const attrs = md.Attributes;
        expect(Object.keys(attrs).sort()).toEqual(["forEach", "get", "getByName", "getLength"]);
        expect((attrs as unknown as Record<string, unknown>).getAll).toBeUndefined();
        expect(Array.isArray(attrs)).toBe(false);
        expect(attrs.getLength()).toBe(4);
        const seen: string[] = [];
        attrs.forEach((a, i) => seen.push(`${i}:${a.LogicalName}`));
        expect(seen).toEqual(["0:name", "1:numberofemployees", "2:revenue", "3:primarycontactid"]);
        expect(attrs.get(0)?.LogicalName).toBe("name");
        expect(attrs.get(4)).toBeNull();
        expect(md).toMatchObject({ DisplayName: "Account", EntitySetName: "accounts", PrimaryIdAttribute: "accountid", PrimaryNameAttribute: "name", ObjectTypeCode: 1 });
    });

    it("returns attribute types as AttributeTypeCode numbers", async () => {
        const md = await dv.getEntityMetadata("account", ["numberofemployees", "primarycontactid", "revenue", "name", "industrycode"]);
        expect(md.Attributes.get("numberofemployees")?.AttributeType).toBe(AttributeTypeCode.Integer);
        expect(md.Attributes.get("primarycontactid")?.AttributeType).toBe(AttributeTypeCode.Lookup);
        expect(md.Attributes.get("revenue")?.AttributeType).toBe(AttributeTypeCode.Money);
        expect(md.Attributes.get("name")?.AttributeType).toBe(AttributeTypeCode.String);
        expect(md.Attributes.get("industrycode")?.AttributeType).toBe(AttributeTypeCode.Picklist);
    });

    it("returns only the attributes asked for, none when none are asked for, and skips unknown names", async () => {
        const none = await dv.getEntityMetadata("contact");
        expect(none.Attributes.getLength()).toBe(0);
        expect(none.Attributes.get("lastname")).toBeNull();
        const some = await dv.getEntityMetadata("contact", ["lastname", "nosuchcolumn"]);
        expect(some.Attributes.getLength()).toBe(1);
        expect(some.Attributes.get("lastname")?.DisplayName).toBe("Last Name");
        expect(some.Attributes.get("firstname")).toBeNull();
        expect(some.Attributes.get("nosuchcolumn")).toBeNull();
    });

    it("strict shape: Attributes has get(name) only, and attributes only the documented properties", async () => {
        const md = (await dv.ports({ metadataShape: "strict" }).getEntityMetadata("contact", ["lastname", "parentcustomerid"])) as {
            Attributes: Record<string, unknown> & { get(name: unknown): unknown };
        };
        expect(Object.keys(md.Attributes)).toEqual(["get"]);
        for (const m of ["getByName", "getAll", "forEach", "getLength"]) expect(md.Attributes[m]).toBeUndefined();
        expect(md.Attributes.get("lastname")).toEqual({ LogicalName: "lastname", DisplayName: "Last Name", AttributeType: AttributeTypeCode.String, EntityLogicalName: "contact" });
        expect(md.Attributes.get("parentcustomerid")).toEqual({ LogicalName: "parentcustomerid", DisplayName: "Company Name", AttributeType: AttributeTypeCode.Customer, EntityLogicalName: "contact" });
        expect(md.Attributes.get(0)).toBeNull();
        expect(md.Attributes.get("firstname")).toBeNull();
        expect(() => dv.ports({ metadataShape: "loose" as "strict" })).toThrow(/metadataShape/);
    });

    it("model-driven attributes keep RequiredLevel and ranges (not in the reference; strict drops them)", async () => {
        const md = await dv.getEntityMetadata("account", ["name", "numberofemployees"]);
        expect(md.Attributes.get("name")).toMatchObject({ RequiredLevel: "ApplicationRequired" });
        expect(md.Attributes.get("numberofemployees")).toMatchObject({ MinValue: 0, MaxValue: 1000000000 });
    });

    it("answers the import tables at table level (so hasEntityPrivilege can be warmed), without their columns", async () => {
        const md = await dv.getEntityMetadata("import", ["name", "statuscode"]);
        expect(md).toMatchObject({ LogicalName: "import", DisplayName: "Data Import", EntitySetName: "imports", PrimaryIdAttribute: "importid", ObjectTypeCode: 4410 });
        expect(md.Attributes.getLength()).toBe(0);
        expect(await dv.getEntityMetadata("asyncoperation")).toMatchObject({ EntitySetName: "asyncoperations", ObjectTypeCode: 4700 });
    });

    it("rejects an unknown table like the platform", async () => {
        await expect(dv.ports().getEntityMetadata("nosuchtable")).rejects.toMatchObject({
            errorCode: -2147217150,
            code: "0x80041102",
            status: 404,
            message: "The entity with a name = 'nosuchtable' with namemapping = 'Logical' was not found in the MetadataCache.",
        });
        expect(dv.requests.count("metadata:nosuchtable")).toBe(1);
    });
});

describe("seed", () => {
    it("has three files at Not Started with stable ids and realistic content", () => {
        const seed = createSeed();
        expect(seed.importFiles.map((f) => [f.name, f.targetentityname, f.processingstatus, f.statuscode, f.fielddelimitercode, f.datadelimitercode, f.isfirstrowheader])).toEqual([
            ["contacts.csv", "contact", 1, 0, 2, 1, true],
            ["accounts.csv", "account", 1, 0, 2, 1, true],
            ["leads.csv", "lead", 1, 0, 2, 1, true],
        ]);
        expect(createSeed()).toEqual(seed);
        const contacts = parseContent(seed.importFiles[0]);
        expect(contacts.headers).toEqual(["First Name", "Last Name", "Email", "Business Phone", "Job Title", "Company Name", "Address 1: City"]);
        expect(contacts.rows).toHaveLength(40);
        expect(contacts.rows.some((r) => r.fields.includes("Contoso, Ltd."))).toBe(true);
        const leads = seed.importFiles.find((f) => f.importfileid === SEED_LEADS_FILE_ID)!;
        expect(leads.content.split("\r\n")[0]).toContain(";");
        expect(parseContent({ ...leads, fielddelimitercode: 4 }).rows.every((r) => r.fields.length === 7)).toBe(true);
    });

    it("builds a large import with stable ids and many import logs", () => {
        const a = buildLargeSeed({ fileCount: 200, importLogCount: 10000, state: "completed" });
        const b = buildLargeSeed({ fileCount: 200, importLogCount: 10000, state: "completed" });
        expect(a.importFiles).toHaveLength(200);
        expect(a.importLogs).toHaveLength(10000);
        expect(a.importFiles[0].importfileid).toBe(b.importFiles[0].importfileid);
        expect(new Set(a.importFiles.map((f) => f.importfileid)).size).toBe(200);
        const f = a.importFiles[0];
        expect(Number(f.successcount) + Number(f.failurecount) + Number(f.partialfailurecount)).toBe(f.totalcount);
        const fresh = buildLargeSeed({ fileCount: 3 });
        expect(fresh.importFiles.every((x) => x.processingstatus === 1 && x.statuscode === 0)).toBe(true);
    });
});
