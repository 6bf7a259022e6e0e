import { createFakeDataverse, DataverseErrorCodes, FAKE_API_URL, FakeDataverse } from "../../../sandbox/dataverse";
import type { GetJson } from "../../../ImportMonitor/dataverse/platform";

interface Label {
    LocalizedLabels: { Label: string; LanguageCode: number }[];
    UserLocalizedLabel: { Label: string; LanguageCode: number } | null;
}
interface AttributeDefinition {
    "@odata.type": string;
    LogicalName: string;
    MetadataId: string;
    AttributeType?: string;
    DisplayName?: Label;
    RequiredLevel?: { Value: string; CanBeChanged: boolean; ManagedPropertyLogicalName: string };
    IsValidForCreate?: boolean;
    AttributeOf?: string | null;
    MaxLength?: number;
    OptionSet?: { Options: { Value: number; Label: Label }[]; MetadataId: string };
}
interface Collection {
    "@odata.context": string;
    value: AttributeDefinition[];
}

const ATTRIBUTES = "Attributes?$select=LogicalName,AttributeType,DisplayName,RequiredLevel,IsValidForCreate,AttributeOf";
const STRINGS = "Attributes/Microsoft.Dynamics.CRM.StringAttributeMetadata?$select=LogicalName,MaxLength";
const PICKLISTS = "Attributes/Microsoft.Dynamics.CRM.PicklistAttributeMetadata?$select=LogicalName&$expand=OptionSet($select=Options)";
const of = (table: string, rest: string) => `EntityDefinitions(LogicalName='${table}')/${rest}`;
const byName = (c: Collection) => Object.fromEntries(c.value.map((a) => [a.LogicalName, a]));

describe("FakeDataverse getJson (table definitions through the Web API)", () => {
    let dv: FakeDataverse;
    let getJson: GetJson;

    beforeEach(() => {
        jest.useFakeTimers();
        dv = createFakeDataverse();
        getJson = dv.ports().getJson!;
    });

    afterEach(() => {
        dv.dispose();
        expect(jest.getTimerCount()).toBe(0);
        jest.useRealTimers();
    });

    it("lists a table's attributes with the common properties in the Web API's shape", async () => {
        const body = (await getJson(of("contact", ATTRIBUTES))) as Collection;
        expect(body["@odata.context"]).toBe(
            `${FAKE_API_URL}/$metadata#EntityDefinitions('contact')/Attributes(LogicalName,AttributeType,DisplayName,RequiredLevel,IsValidForCreate,AttributeOf)`,
        );
        const attrs = byName(body);
        expect(attrs.lastname).toEqual({
            "@odata.type": "#Microsoft.Dynamics.CRM.StringAttributeMetadata",
            LogicalName: "lastname",
            AttributeType: "String",
            DisplayName: {
                LocalizedLabels: [{ Label: "Last Name", LanguageCode: 1033, IsManaged: true, MetadataId: expect.stringMatching(/^[0-9a-f-]{36}$/) as unknown, HasChanged: null }],
                UserLocalizedLabel: { Label: "Last Name", LanguageCode: 1033, IsManaged: true, MetadataId: expect.stringMatching(/^[0-9a-f-]{36}$/) as unknown, HasChanged: null },
            },
            RequiredLevel: { Value: "ApplicationRequired", CanBeChanged: true, ManagedPropertyLogicalName: "canmodifyrequirementlevelsettings" },
            IsValidForCreate: true,
            AttributeOf: null,
            MetadataId: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/) as unknown,
        });
        expect(attrs.contactid).toMatchObject({ "@odata.type": "#Microsoft.Dynamics.CRM.UniqueIdentifierAttributeMetadata", AttributeType: "Uniqueidentifier" });
        expect(attrs.ownerid).toMatchObject({ "@odata.type": "#Microsoft.Dynamics.CRM.LookupAttributeMetadata", AttributeType: "Owner", RequiredLevel: { Value: "SystemRequired", CanBeChanged: false } });
        expect(attrs.parentcustomerid).toMatchObject({ AttributeType: "Customer", AttributeOf: null });
        expect(attrs.preferredcontactmethodcode).toMatchObject({ "@odata.type": "#Microsoft.Dynamics.CRM.PicklistAttributeMetadata", AttributeType: "Picklist" });
        expect(attrs.firstname.RequiredLevel!.Value).toBe("Recommended");
        expect(attrs.fullname.IsValidForCreate).toBe(false);
        expect(attrs.birthdate.AttributeType).toBe("DateTime");
        expect(attrs.description.AttributeType).toBe("Memo");
        expect(attrs.donotemail.AttributeType).toBe("Boolean");
        expect(attrs.statecode.AttributeType).toBe("State");
        expect(attrs.statuscode.AttributeType).toBe("Status");
        // Companions of lookups: no display name, AttributeOf the lookup, not valid for create.
        expect(attrs.parentcustomeridname).toMatchObject({ AttributeType: "String", AttributeOf: "parentcustomerid", IsValidForCreate: false, DisplayName: { LocalizedLabels: [], UserLocalizedLabel: null } });
        expect(attrs.parentcustomeridtype).toMatchObject({ AttributeType: "EntityName", AttributeOf: "parentcustomerid" });
        expect(attrs.owneridname.AttributeOf).toBe("ownerid");
        // Every attribute has MetadataId, whatever $select says; ids are stable.
        expect(body.value.every((a) => typeof a.MetadataId === "string")).toBe(true);
        expect(((await getJson(of("contact", ATTRIBUTES))) as Collection).value.map((a) => a.MetadataId)).toEqual(body.value.map((a) => a.MetadataId));
    });

    it("gives only the selected properties (plus @odata.type and MetadataId), all modelled ones without $select", async () => {
        const body = (await getJson(of("account", "Attributes?$select=LogicalName"))) as Collection;
        expect(Object.keys(body.value[0]).sort()).toEqual(["@odata.type", "LogicalName", "MetadataId"]);
        expect(body["@odata.context"]).toBe(`${FAKE_API_URL}/$metadata#EntityDefinitions('account')/Attributes(LogicalName)`);
        const all = (await getJson(of("account", "Attributes"))) as Collection;
        expect(Object.keys(byName(all).name).sort()).toEqual(
            ["@odata.type", "AttributeOf", "AttributeType", "DisplayName", "EntityLogicalName", "IsValidForCreate", "LogicalName", "MetadataId", "RequiredLevel"].sort(),
        );
    });

    it("casts to StringAttributeMetadata: only String attributes, with MaxLength", async () => {
        const body = (await getJson(of("contact", STRINGS))) as Collection;
        expect(body["@odata.context"]).toBe(`${FAKE_API_URL}/$metadata#EntityDefinitions('contact')/Attributes/Microsoft.Dynamics.CRM.StringAttributeMetadata(LogicalName,MaxLength)`);
        expect(body.value.every((a) => a["@odata.type"] === "#Microsoft.Dynamics.CRM.StringAttributeMetadata")).toBe(true);
        const attrs = byName(body);
        expect(attrs.lastname).toEqual({ "@odata.type": "#Microsoft.Dynamics.CRM.StringAttributeMetadata", LogicalName: "lastname", MaxLength: 50, MetadataId: expect.any(String) as unknown });
        expect(attrs.emailaddress1.MaxLength).toBe(100);
        expect(attrs.parentcustomeridname.MaxLength).toBe(160);
        expect(attrs.description).toBeUndefined(); // Memo, not String
        expect(attrs.birthdate).toBeUndefined();
        expect(byName((await getJson(of("lead", STRINGS))) as Collection).subject.MaxLength).toBe(300);
    });

    it("casts to PicklistAttributeMetadata and expands OptionSet with the options' labels", async () => {
        const body = (await getJson(of("contact", PICKLISTS))) as Collection;
        expect(body["@odata.context"]).toBe(`${FAKE_API_URL}/$metadata#EntityDefinitions('contact')/Attributes/Microsoft.Dynamics.CRM.PicklistAttributeMetadata(LogicalName,OptionSet(Options))`);
        expect(body.value.map((a) => a.LogicalName)).toEqual(["gendercode", "preferredcontactmethodcode"]);
        const method = byName(body).preferredcontactmethodcode;
        expect(Object.keys(method).sort()).toEqual(["@odata.type", "LogicalName", "MetadataId", "OptionSet"]);
        expect(Object.keys(method.OptionSet!).sort()).toEqual(["MetadataId", "Options"]);
        expect(method.OptionSet!.Options.map((o) => [o.Value, o.Label.UserLocalizedLabel!.Label])).toEqual([
            [1, "Any"],
            [2, "Email"],
            [3, "Phone"],
            [4, "Fax"],
            [5, "Mail"],
        ]);
        expect(method.OptionSet!.Options[1]).toEqual({
            Value: 2,
            Label: {
                LocalizedLabels: [{ Label: "Email", LanguageCode: 1033, IsManaged: true, MetadataId: expect.any(String) as unknown, HasChanged: null }],
                UserLocalizedLabel: { Label: "Email", LanguageCode: 1033, IsManaged: true, MetadataId: expect.any(String) as unknown, HasChanged: null },
            },
            Description: { LocalizedLabels: [], UserLocalizedLabel: null },
            Color: null,
            IsManaged: true,
            MetadataId: null,
            HasChanged: null,
        });
        const account = byName((await getJson(of("account", PICKLISTS))) as Collection);
        expect(account.industrycode.OptionSet!.Options[0].Label.UserLocalizedLabel!.Label).toBe("Accounting");
        const lead = byName((await getJson(of("lead", PICKLISTS))) as Collection);
        expect(lead.leadsourcecode.OptionSet!.Options.map((o) => o.Label.UserLocalizedLabel!.Label)).toContain("Trade Show");
        // Without $expand, no OptionSet; $expand=OptionSet gives the option set's other properties too.
        expect(byName((await getJson(of("contact", "Attributes/Microsoft.Dynamics.CRM.PicklistAttributeMetadata?$select=LogicalName"))) as Collection).gendercode.OptionSet).toBeUndefined();
        const full = byName((await getJson(of("contact", "Attributes/Microsoft.Dynamics.CRM.PicklistAttributeMetadata?$select=LogicalName&$expand=OptionSet"))) as Collection);
        expect(full.gendercode.OptionSet).toMatchObject({ Name: "contact_gendercode", IsGlobal: false, OptionSetType: "Picklist" });
    });

    it("accepts percent-encoded quotes and spaces, as fetch sends them", async () => {
        const body = (await getJson("EntityDefinitions(LogicalName=%27lead%27)/Attributes?%24select=LogicalName,%20AttributeType")) as Collection;
        expect(byName(body).subject.AttributeType).toBe("String");
    });

    it("rejects an unknown table like Dataverse: 404", async () => {
        await expect(getJson(of("nosuchtable", ATTRIBUTES))).rejects.toEqual({
            errorCode: DataverseErrorCodes.ODataQueryInvalid.errorCode,
            code: "0x80060888",
            status: 404,
            title: "Not Found",
            message: "Could not find an entity with name nosuchtable and id 00000000-0000-0000-0000-000000000000.",
        });
    });

    it.each([
        ["a leading slash", `/${of("contact", ATTRIBUTES)}`, /relative to <org>\/api\/data\/v9\.2\//],
        ["a full URL", `${FAKE_API_URL}/${of("contact", ATTRIBUTES)}`, /no scheme, host/],
        ["a path that leaves the API", "../../contacts", /leaves <org>\/api\/data\/v9\.2\//],
        ["a record query", "contacts?$select=fullname", /does not answer 'contacts'/],
        ["the table itself", "EntityDefinitions(LogicalName='contact')?$select=LogicalName", /does not answer/],
        ["one attribute", "EntityDefinitions(LogicalName='contact')/Attributes(LogicalName='lastname')", /does not answer/],
        ["another cast", of("contact", "Attributes/Microsoft.Dynamics.CRM.ImageAttributeMetadata?$select=LogicalName"), /casts Attributes only to/],
        ["$filter", of("contact", "Attributes?$select=LogicalName&$filter=AttributeType eq Microsoft.Dynamics.CRM.AttributeTypeCode'Picklist'"), /does not take '\$filter'/],
        ["$expand on Attributes", of("contact", "Attributes?$select=LogicalName&$expand=OptionSet"), /does not take '\$expand'/],
        ["$top", of("contact", `${STRINGS}&$top=1`), /does not take '\$top'/],
        ["another $expand", of("contact", "Attributes/Microsoft.Dynamics.CRM.PicklistAttributeMetadata?$select=LogicalName&$expand=GlobalOptionSet"), /\$expand=OptionSet/],
        ["an unknown property", of("contact", "Attributes?$select=LogicalName,Colour"), /Could not find a property named 'Colour' on type 'Microsoft\.Dynamics\.CRM\.AttributeMetadata'/],
        ["MaxLength without the cast", of("contact", "Attributes?$select=LogicalName,MaxLength"), /property named 'MaxLength' on type 'Microsoft\.Dynamics\.CRM\.AttributeMetadata'/],
        ["OptionSet in $select", of("contact", "Attributes/Microsoft.Dynamics.CRM.PicklistAttributeMetadata?$select=LogicalName,OptionSet"), /navigation property/],
        ["an empty $select item", of("contact", "Attributes?$select=LogicalName,"), /empty property name/],
        ["a repeated option", of("contact", "Attributes?$select=LogicalName&$select=AttributeType"), /given twice/],
        ["an import table", of("import", ATTRIBUTES), /contact, account and lead only/],
        ["no path", "", /path string/],
    ])("rejects %s with a 400 that says what it takes", async (_label, path, message) => {
        await expect(getJson(path)).rejects.toMatchObject({ status: 400, code: "0x80060888", message: expect.stringMatching(message) as unknown });
    });

    it("logs the call as getJson:EntityDefinitions, with the path, and faults and latency hit it", async () => {
        await getJson(of("contact", STRINGS));
        expect(dv.requests.entries("getJson:EntityDefinitions")).toEqual([
            expect.objectContaining({ kind: "getJson", entity: "EntityDefinitions", path: of("contact", STRINGS) }),
        ]);
        dv.faults.failNext("throttle", { match: "getJson:EntityDefinitions" });
        await expect(getJson(of("contact", STRINGS))).rejects.toMatchObject({ status: 429, retryAfterSeconds: 2 });
        dv.faults.failNext("privilege", { match: "getJson" });
        await expect(getJson(of("contact", STRINGS))).rejects.toMatchObject({ code: "0x80040220", message: expect.stringMatching(/prvReadEntity/) as unknown });
        dv.faults.failNext("offline", { match: "getJson" });
        await expect(getJson(of("contact", STRINGS))).rejects.toEqual({ message: "Failed to fetch", status: 0 });
        const slow = dv.faults.slow(300, "getJson:*");
        let done = false;
        const p = getJson(of("contact", STRINGS)).then(() => (done = true));
        await jest.advanceTimersByTimeAsync(299);
        expect(done).toBe(false);
        await jest.advanceTimersByTimeAsync(1);
        await p;
        slow.remove();
        expect(dv.requests.count("getJson")).toBe(5);
    });

    it("is left out with { getJson: false } (no Xrm, a canvas app)", () => {
        expect(dv.ports({ getJson: false }).getJson).toBeUndefined();
        expect(dv.ports({ getJson: false, execute: false, hasEntityPrivilege: false })).toEqual({ webApi: expect.any(Object) as unknown, getEntityMetadata: expect.any(Function) as unknown });
    });
});
