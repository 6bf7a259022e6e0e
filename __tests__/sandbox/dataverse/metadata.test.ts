import { AttributeTypeCode, buildLargeSeed, createFakeDataverse, createSeed, FakeDataverse, parseContent, SEED_LEADS_FILE_ID } from "../../../sandbox/dataverse";
import type { EntityMetadataLike } from "../../../ImportMonitor/dataverse/platform";

interface AttributeLike {
    LogicalName: string;
    DisplayName: string;
    AttributeType: number;
}
interface CollectionLike {
    getAll(): AttributeLike[];
    get(name: string): AttributeLike | null;
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
    ])("returns %s with display names, shaped like model-driven apps", async (entity, expected) => {
        const md: EntityMetadataLike = await dv.ports().getEntityMetadata(entity, Object.keys(expected));
        expect(md.LogicalName).toBe(entity);
        expect(typeof md.DisplayName).toBe("string");
        const attrs = md.Attributes as CollectionLike;
        const all = attrs.getAll();
        expect(Object.fromEntries(all.map((a) => [a.LogicalName, a.DisplayName]))).toEqual(expected);
        for (const [name, display] of Object.entries(expected)) expect(attrs.get(name)?.DisplayName).toBe(display);
        expect(all.every((a) => typeof a.AttributeType === "number")).toBe(true);
    });

    it("returns attribute types as AttributeTypeCode numbers", async () => {
        const md = await dv.getEntityMetadata("account", ["numberofemployees", "primarycontactid", "revenue", "name"]);
        expect(md.Attributes.get("numberofemployees")?.AttributeType).toBe(AttributeTypeCode.Integer);
        expect(md.Attributes.get("primarycontactid")?.AttributeType).toBe(AttributeTypeCode.Lookup);
        expect(md.Attributes.get("revenue")?.AttributeType).toBe(AttributeTypeCode.Money);
        expect(md.Attributes.get(0)?.LogicalName).toBe("name");
        expect(md.Attributes.getLength()).toBe(4);
        expect(md).toMatchObject({ DisplayName: "Account", EntitySetName: "accounts", PrimaryIdAttribute: "accountid", PrimaryNameAttribute: "name", ObjectTypeCode: 1 });
    });

    it("returns only the attributes asked for, none when none are asked for, and skips unknown names", async () => {
        expect((await dv.getEntityMetadata("contact")).Attributes.getAll()).toEqual([]);
        expect((await dv.getEntityMetadata("contact", ["lastname", "nosuchcolumn"])).Attributes.getAll().map((a) => a.LogicalName)).toEqual(["lastname"]);
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
