import { AttributeTypeCode, buildLargeSeed, createFakeDataverse, createSeed, FAKE_API_URL, FakeDataverse, parseContent, SEED_LEADS_FILE_ID } from "../../../sandbox/dataverse";
import { targetKeys } from "../../../sandbox/dataverse/metadata";
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

describe("FakeDataverse table definitions for the value checks (getJson casts and Keys)", () => {
    interface Item {
        "@odata.type": string;
        LogicalName: string;
        MetadataId: string;
        [property: string]: unknown;
    }
    interface Collection {
        "@odata.context": string;
        value: Item[];
    }
    const of = (table: string, rest: string) => `EntityDefinitions(LogicalName='${table}')/${rest}`;
    const byName = (c: Collection) => Object.fromEntries(c.value.map((a) => [a.LogicalName, a]));
    let dv: FakeDataverse;
    let getJson: (path: string) => Promise<unknown>;

    beforeEach(() => {
        dv = createFakeDataverse();
        getJson = dv.ports().getJson!;
    });

    afterEach(() => dv.dispose());

    it("casts to the numeric types: MinValue, MaxValue, Precision as the account reference gives them", async () => {
        const integers = (await getJson(of("account", "Attributes/Microsoft.Dynamics.CRM.IntegerAttributeMetadata?$select=LogicalName,MinValue,MaxValue"))) as Collection;
        expect(integers["@odata.context"]).toBe(`${FAKE_API_URL}/$metadata#EntityDefinitions('account')/Attributes/Microsoft.Dynamics.CRM.IntegerAttributeMetadata(LogicalName,MinValue,MaxValue)`);
        expect(byName(integers).numberofemployees).toEqual({ "@odata.type": "#Microsoft.Dynamics.CRM.IntegerAttributeMetadata", LogicalName: "numberofemployees", MinValue: 0, MaxValue: 1000000000, MetadataId: expect.any(String) as unknown });
        const money = byName((await getJson(of("account", "Attributes/Microsoft.Dynamics.CRM.MoneyAttributeMetadata?$select=LogicalName,MinValue,MaxValue,Precision,PrecisionSource"))) as Collection);
        expect(Object.keys(money).sort()).toEqual(["creditlimit", "revenue"]);
        expect(money.revenue).toMatchObject({ "@odata.type": "#Microsoft.Dynamics.CRM.MoneyAttributeMetadata", MinValue: 0, MaxValue: 100000000000000, Precision: 2, PrecisionSource: 2 });
        const doubles = byName((await getJson(of("account", "Attributes/Microsoft.Dynamics.CRM.DoubleAttributeMetadata?$select=LogicalName,MinValue,MaxValue,Precision"))) as Collection);
        expect(doubles.address1_longitude).toMatchObject({ MinValue: -180, MaxValue: 180, Precision: 5 });
        expect(((await getJson(of("account", "Attributes/Microsoft.Dynamics.CRM.DecimalAttributeMetadata?$select=LogicalName,Precision"))) as Collection).value).toEqual([]);
        expect(((await getJson(of("account", "Attributes/Microsoft.Dynamics.CRM.BigIntAttributeMetadata?$select=LogicalName"))) as Collection).value).toEqual([]);
        // Properties of another type are refused, as on the platform.
        await expect(getJson(of("account", "Attributes/Microsoft.Dynamics.CRM.IntegerAttributeMetadata?$select=LogicalName,Precision"))).rejects.toMatchObject({ status: 400 });
    });

    it("casts to DateTimeAttributeMetadata: Format as the enum's name, DateTimeBehavior as { Value }", async () => {
        const dates = byName((await getJson(of("contact", "Attributes/Microsoft.Dynamics.CRM.DateTimeAttributeMetadata?$select=LogicalName,Format,DateTimeBehavior"))) as Collection);
        expect(dates.birthdate).toMatchObject({ Format: "DateOnly", DateTimeBehavior: { Value: "DateOnly" } });
        expect(dates.createdon).toMatchObject({ Format: "DateAndTime", DateTimeBehavior: { Value: "UserLocal" } });
        const account = byName((await getJson(of("account", "Attributes/Microsoft.Dynamics.CRM.DateTimeAttributeMetadata?$select=LogicalName,Format,DateTimeBehavior"))) as Collection);
        expect(account.lastusedincampaign).toMatchObject({ Format: "DateOnly", DateTimeBehavior: { Value: "UserLocal" } });
    });

    it("casts to BooleanAttributeMetadata and expands OptionSet's TrueOption (1) and FalseOption (0)", async () => {
        const path = of("account", "Attributes/Microsoft.Dynamics.CRM.BooleanAttributeMetadata?$select=LogicalName&$expand=OptionSet($select=TrueOption,FalseOption)");
        const body = (await getJson(path)) as Collection;
        expect(body["@odata.context"]).toBe(`${FAKE_API_URL}/$metadata#EntityDefinitions('account')/Attributes/Microsoft.Dynamics.CRM.BooleanAttributeMetadata(LogicalName,OptionSet(TrueOption,FalseOption))`);
        const email = byName(body).donotemail as Item & { OptionSet: Record<string, { Value: number; Label: { UserLocalizedLabel: { Label: string } } }> };
        expect(Object.keys(email.OptionSet).sort()).toEqual(["FalseOption", "MetadataId", "TrueOption"]);
        expect(email.OptionSet.TrueOption).toMatchObject({ Value: 1, Label: { UserLocalizedLabel: { Label: "Do Not Allow" } } });
        expect(email.OptionSet.FalseOption).toMatchObject({ Value: 0, Label: { UserLocalizedLabel: { Label: "Allow" } } });
        const full = byName((await getJson(of("account", "Attributes/Microsoft.Dynamics.CRM.BooleanAttributeMetadata?$select=LogicalName&$expand=OptionSet"))) as Collection);
        expect(full.creditonhold.OptionSet).toMatchObject({ OptionSetType: "Boolean", TrueOption: { Value: 1 }, FalseOption: { Value: 0 } });
        await expect(getJson(of("account", "Attributes/Microsoft.Dynamics.CRM.BooleanAttributeMetadata?$select=LogicalName&$expand=OptionSet($select=Options)"))).rejects.toMatchObject({
            status: 400,
            message: expect.stringMatching(/OptionSet\(\$select=TrueOption,FalseOption\)/) as unknown,
        });
    });

    it("casts to LookupAttributeMetadata: lookups, customers and owners with their Targets; to MemoAttributeMetadata with MaxLength", async () => {
        const lookups = byName((await getJson(of("contact", "Attributes/Microsoft.Dynamics.CRM.LookupAttributeMetadata?$select=LogicalName,Targets"))) as Collection);
        expect(lookups.parentcustomerid).toMatchObject({ Targets: ["account", "contact"] });
        expect(lookups.ownerid).toMatchObject({ Targets: ["systemuser", "team"] });
        const memos = byName((await getJson(of("account", "Attributes/Microsoft.Dynamics.CRM.MemoAttributeMetadata?$select=LogicalName,MaxLength"))) as Collection);
        expect(memos.description).toMatchObject({ "@odata.type": "#Microsoft.Dynamics.CRM.MemoAttributeMetadata", MaxLength: 2000 });
    });

    it("answers a table's alternate keys (EntityDefinitions(…)/Keys): account's Account Number, none for contact", async () => {
        const body = (await getJson(of("account", "Keys?$select=LogicalName,DisplayName,KeyAttributes,EntityKeyIndexStatus"))) as Collection;
        expect(body["@odata.context"]).toBe(`${FAKE_API_URL}/$metadata#EntityDefinitions('account')/Keys(LogicalName,DisplayName,KeyAttributes,EntityKeyIndexStatus)`);
        expect(body.value).toEqual([
            {
                LogicalName: "accountnumberkey",
                DisplayName: { LocalizedLabels: [expect.objectContaining({ Label: "Account Number", LanguageCode: 1033 })], UserLocalizedLabel: expect.objectContaining({ Label: "Account Number" }) as unknown },
                KeyAttributes: ["accountnumber"],
                EntityKeyIndexStatus: "Active",
                MetadataId: expect.any(String) as unknown,
            },
        ]);
        expect(((await getJson(of("contact", "Keys"))) as Collection).value).toEqual([]);
        expect(targetKeys("lead")).toEqual([]);
        expect(targetKeys("nosuchtable")).toBeUndefined();
        await expect(getJson(of("account", "Keys?$select=Colour"))).rejects.toMatchObject({ status: 400, message: expect.stringMatching(/EntityKeyMetadata/) as unknown });
        await expect(getJson(of("account", "Keys?$top=1"))).rejects.toMatchObject({ status: 400 });
        await expect(getJson(of("nosuchtable", "Keys"))).rejects.toMatchObject({ status: 404 });
    });

    it("lists the primary name column of the tables asked for, as the value rules read it for lookups", async () => {
        const body = (await getJson("EntityDefinitions?$select=LogicalName,PrimaryNameAttribute&$filter=LogicalName eq 'contact' or LogicalName eq 'account' or LogicalName eq 'systemuser'")) as Collection;
        expect(body.value.map((t) => [t.LogicalName, t.PrimaryNameAttribute])).toEqual([
            ["account", "name"],
            ["contact", "fullname"],
        ]);
    });
});
