import { DataverseFailure } from "../../ImportMonitor/dataverse/failures";
import { attributeList, candidateLogicalNames, createTableColumnsReader, primaryNamesPath, readTableColumns, tableDefinitionPaths, valueRulePaths } from "../../ImportMonitor/dataverse/tableColumns";
import type { TableColumn } from "../../ImportMonitor/domain/csv";
import type { EntityMetadataLike, GetEntityMetadata } from "../../ImportMonitor/dataverse/platform";
import { createFakeDataverse } from "../../sandbox/dataverse";

const attrs = [
    { LogicalName: "firstname", DisplayName: "First Name" },
    { LogicalName: "lastname", DisplayName: "Last Name" },
];

describe("readTableColumns through the org's Web API (table definitions)", () => {
    it("reads every column of the table with type, required level, max length and choice labels, leaving AttributeOf columns out", async () => {
        const fake = createFakeDataverse();
        const result = await readTableColumns(fake.ports(), "contact", []);
        expect(fake.requests.entries("getJson:*").map((e) => e.path)).toEqual(Object.values(tableDefinitionPaths("contact")));
        expect(fake.requests.count("metadata:*")).toBe(0);
        if (result.status !== "ok") throw new Error(result.status);
        expect(result.complete).toBe(true);
        const byName = new Map(result.columns.map((c) => [c.logicalName, c]));
        expect(byName.get("lastname")).toMatchObject({ displayName: "Last Name", type: "String", requiredLevel: "ApplicationRequired" });
        expect(byName.get("firstname")?.maxLength).toEqual(expect.any(Number));
        expect(byName.get("preferredcontactmethodcode")?.choices).toEqual(expect.arrayContaining([expect.objectContaining({ label: "Email" })]));
        // A lookup's companion name column (AttributeOf set) is not a column a heading maps to.
        expect([...byName.keys()].some((name) => name.endsWith("idname"))).toBe(false);
    });

    it("quotes the table name as an OData string literal", () => {
        expect(tableDefinitionPaths("o'brien").attributes).toMatch(/^EntityDefinitions\(LogicalName='o''brien'\)\/Attributes\?/);
    });

    it("rejects with a typed failure for an unknown table or a platform error", async () => {
        const fake = createFakeDataverse();
        await expect(readTableColumns(fake.ports(), "nosuchtable", ["A"])).rejects.toMatchObject({ kind: "notFound" });
        fake.faults.failNext("offline", { match: "getJson:*" });
        const offline = await readTableColumns(fake.ports(), "lead", ["A"]).catch((e: unknown) => e);
        expect(offline).toBeInstanceOf(DataverseFailure);
        expect(offline).toMatchObject({ kind: "offline" });
    });

    it("caches a complete answer per table, and forgets a failure so a retry asks again", async () => {
        const fake = createFakeDataverse();
        const read = createTableColumnsReader(fake.ports());
        fake.faults.failNext("offline", { match: "getJson:*" });
        await expect(read("contact", [])).rejects.toMatchObject({ kind: "offline" });
        await read("contact", []);
        await read("Contact", ["First Name"]);
        expect(fake.requests.count("getJson:*")).toBe(3 + 3);
    });
});

describe("readTableColumns through getEntityMetadata (no org Web API: a canvas app, a harness)", () => {
    it("asks for names guessed from the headers and says the answer is incomplete", async () => {
        const fake = createFakeDataverse();
        const result = await readTableColumns(fake.ports({ getJson: false }), "lead", ["Topic", "First Name", "E-mail", "Company Name", "Address 1: City"]);
        const calls = fake.requests.entries("metadata:lead");
        expect(calls).toHaveLength(1);
        expect(calls[0].attributes).toEqual(["topic", "firstname", "email", "companyname", "address1city", "address1_city"]);
        expect(result).toMatchObject({ status: "ok", table: "lead", complete: false });
        if (result.status !== "ok") throw new Error(result.status);
        expect(result.columns.map((c) => [c.logicalName, c.displayName])).toEqual([
            ["firstname", "First Name"],
            ["companyname", "Company Name"],
            ["address1_city", "City"],
        ]);
    });

    it.each(["model-driven", "strict"] as const)("reads the %s collection through its documented get(name)", async (metadataShape) => {
        const fake = createFakeDataverse();
        const result = await readTableColumns(fake.ports({ getJson: false, metadataShape }), "contact", ["First Name"]);
        expect(result).toMatchObject({ status: "ok", columns: [{ logicalName: "firstname", displayName: "First Name" }] });
    });

    it.each<[string, unknown]>([
        ["a get(name) collection", { get: (name: string) => attrs.find((a) => a.LogicalName === name) ?? null }],
        ["a getByName(name) collection", { getByName: (name: string) => attrs.find((a) => a.LogicalName === name) }],
        ["a get(name) that throws for an unknown name", { get: (name: string) => attrs.find((a) => a.LogicalName === name) ?? (() => { throw new Error("no " + name); })() }],
        ["a getAll() collection", { getAll: () => attrs }],
        ["a forEach() collection", { forEach: (fn: (a: unknown) => void) => attrs.forEach(fn) }],
        ["an array", attrs],
        ["a plain record keyed by logical name", { firstname: attrs[0], lastname: attrs[1] }],
    ])("reads Attributes given as %s", (_label, attributes) => {
        expect(attributeList(attributes, ["firstname", "lastname", "middlename"])).toEqual(attrs);
    });

    it("never reads a collection object's own internals", () => {
        class Collection {
            _collection = { firstname: attrs[0] };
        }
        expect(attributeList(new Collection(), ["firstname"])).toEqual([]);
    });

    it("says the check could not run when no column can be read, instead of 'could not confirm' everywhere", async () => {
        const opaque: EntityMetadataLike = { Attributes: Object.create({ hidden: true }) as object };
        await expect(readTableColumns({ getEntityMetadata: () => Promise.resolve(opaque) }, "contact", ["First Name"])).resolves.toEqual({
            status: "unavailable",
            table: "contact",
        });
        await expect(readTableColumns({ getEntityMetadata: () => Promise.resolve({}) }, "contact", ["First Name"])).resolves.toEqual({
            status: "unavailable",
            table: "contact",
        });
    });

    it("reads localised label objects as display names, and the Web API's and Xrm's type and required-level shapes", async () => {
        const meta: EntityMetadataLike = {
            Attributes: [
                { LogicalName: "firstname", DisplayName: { UserLocalizedLabel: { Label: "First Name" } }, AttributeType: 14, RequiredLevel: 3 },
                { LogicalName: "lastname", DisplayName: { LocalizedLabels: [{ Label: "Last Name", LanguageCode: 1033 }] }, AttributeType: "String", RequiredLevel: { Value: "ApplicationRequired" } },
                { LogicalName: "x" },
                { DisplayName: "no logical name" },
            ],
        };
        const result = await readTableColumns({ getEntityMetadata: () => Promise.resolve(meta) }, "contact", []);
        expect(result).toMatchObject({
            columns: [
                { logicalName: "firstname", displayName: "First Name", type: "String", requiredLevel: "Recommended" },
                { logicalName: "lastname", displayName: "Last Name", type: "String", requiredLevel: "ApplicationRequired" },
                { logicalName: "x", displayName: "" },
            ],
        });
    });

    it("resolves 'no target table' without asking the platform", async () => {
        const getEntityMetadata = jest.fn<ReturnType<GetEntityMetadata>, Parameters<GetEntityMetadata>>();
        await expect(readTableColumns({ getEntityMetadata }, "  ", ["A"])).resolves.toEqual({ status: "noTable" });
        await expect(readTableColumns({ getEntityMetadata }, null, ["A"])).resolves.toEqual({ status: "noTable" });
        expect(getEntityMetadata).not.toHaveBeenCalled();
    });

    it("guesses logical names: compact, and Dataverse's part_part for 'Address 1: City', without duplicates or blanks", () => {
        expect(candidateLogicalNames(["First Name", "firstname", " ", "Address 1: City"])).toEqual(["firstname", "address1city", "address1_city"]);
    });
});

describe("readTableColumns with the value rules (valueRules: true)", () => {
    const byName = (columns: TableColumn[]) => new Map(columns.map((c) => [c.logicalName, c]));

    it("reads ranges, precision, date formats, yes/no labels, memo lengths, lookup targets and their primary names, and alternate keys in one more round trip", async () => {
        const fake = createFakeDataverse();
        const result = await readTableColumns(fake.ports(), "account", [], { valueRules: true });
        if (result.status !== "ok") throw new Error(result.status);
        const paths = fake.requests.entries("getJson:*").map((e) => e.path);
        expect(paths.slice(0, 12)).toEqual([...Object.values(tableDefinitionPaths("account")), ...Object.values(valueRulePaths("account"))]);
        expect(paths.slice(12)).toEqual([primaryNamesPath(["account", "contact", "systemuser", "team"])]);
        const c = byName(result.columns);
        expect(c.get("numberofemployees")).toMatchObject({ type: "Integer", minValue: 0, maxValue: 1000000000 });
        expect(c.get("revenue")).toMatchObject({ type: "Money", minValue: 0, maxValue: 100000000000000, precision: 2 });
        expect(c.get("address1_latitude")).toMatchObject({ type: "Double", minValue: -90, maxValue: 90, precision: 5 });
        expect(c.get("lastusedincampaign")).toMatchObject({ format: "DateOnly", behavior: "UserLocal" });
        expect(c.get("createdon")).toMatchObject({ format: "DateAndTime", behavior: "UserLocal" });
        expect(c.get("creditonhold")).toMatchObject({ trueLabel: "Yes", falseLabel: "No" });
        expect(c.get("donotemail")).toMatchObject({ trueLabel: "Do Not Allow", falseLabel: "Allow" });
        expect(c.get("description")).toMatchObject({ type: "Memo", maxLength: 2000 });
        expect(c.get("name")).toMatchObject({ maxLength: 160 });
        expect(c.get("primarycontactid")).toMatchObject({ targets: ["contact"], targetPrimaryNames: { contact: "fullname" } });
        // The fake describes no systemuser or team: the owner's targets have no primary name ("its primary name").
        expect(c.get("ownerid")).toMatchObject({ targets: ["systemuser", "team"] });
        expect(c.get("ownerid")?.targetPrimaryNames).toBeUndefined();
        expect(result.alternateKeys).toEqual([{ logicalName: "accountnumberkey", displayName: "Account Number", attributes: ["accountnumber"], status: "Active" }]);
        // No rule a type does not have.
        expect(Object.keys(c.get("name")!)).not.toContain("minValue");
        expect(Object.keys(c.get("industrycode")!)).not.toContain("trueLabel");
    });

    it("reads contact's date-only birthday, its customer lookup's two targets, and no alternate key", async () => {
        const fake = createFakeDataverse();
        const result = await readTableColumns(fake.ports(), "contact", [], { valueRules: true });
        if (result.status !== "ok") throw new Error(result.status);
        const c = byName(result.columns);
        expect(c.get("birthdate")).toMatchObject({ format: "DateOnly", behavior: "DateOnly" });
        expect(c.get("parentcustomerid")).toMatchObject({ targets: ["account", "contact"], targetPrimaryNames: { account: "name", contact: "fullname" } });
        expect(result.alternateKeys).toEqual([]);
    });

    it("reads nothing more without the option: three requests, no alternate keys", async () => {
        const fake = createFakeDataverse();
        const result = await readTableColumns(fake.ports(), "account", []);
        expect(fake.requests.count("getJson:*")).toBe(3);
        expect(result).not.toHaveProperty("alternateKeys");
        if (result.status !== "ok") throw new Error(result.status);
        expect(byName(result.columns).get("revenue")?.precision).toBeUndefined();
    });

    it("skips what a host refuses (400, 404): the rest is read, the checks that need it are skipped", async () => {
        const fake = createFakeDataverse();
        const refused = (status: number) => Promise.reject(Object.assign(new Error(status === 400 ? "Bad Request" : "Not Found"), { status }));
        const getJson = (path: string) =>
            /Keys|DateTime|Boolean|EntityDefinitions\?/.test(path) ? refused(400) : path.includes("Lookup") ? refused(404) : fake.ports().getJson!(path);
        const result = await readTableColumns({ getEntityMetadata: fake.ports().getEntityMetadata, getJson }, "account", [], { valueRules: true });
        if (result.status !== "ok") throw new Error(result.status);
        const c = byName(result.columns);
        expect(c.get("numberofemployees")).toMatchObject({ minValue: 0, maxValue: 1000000000 });
        expect(c.get("creditonhold")?.trueLabel).toBeUndefined();
        expect(c.get("lastusedincampaign")?.format).toBeUndefined();
        expect(c.get("primarycontactid")?.targets).toBeUndefined();
        expect(result).not.toHaveProperty("alternateKeys");
    });

    it("fails like the base reads when an extra read is throttled or offline (so a retry asks again)", async () => {
        const fake = createFakeDataverse();
        const getJson = fake.ports().getJson!;
        const offline = (path: string) => (path.includes("MoneyAttributeMetadata") ? Promise.reject(new TypeError("Failed to fetch")) : getJson(path));
        await expect(readTableColumns({ getEntityMetadata: fake.ports().getEntityMetadata, getJson: offline }, "account", [], { valueRules: true })).rejects.toMatchObject({ kind: "offline" });
        const throttled = createFakeDataverse();
        const read = createTableColumnsReader(throttled.ports(), { valueRules: true });
        throttled.faults.failNext("throttle", { match: "getJson:*" });
        await expect(read("account", [])).rejects.toMatchObject({ kind: "throttled" });
        await read("account", []);
        await read("Account", []);
        // The failed read (12 requests, no primary-name read), then one complete read (12 + 1), kept.
        expect(throttled.requests.count("getJson:*")).toBe(12 + 13);
    });

    it("takes the Web API's other spellings: Edm.Decimal as a string, a bare DateTimeBehavior, labels without UserLocalizedLabel", async () => {
        const answers: Record<string, unknown> = {
            [tableDefinitionPaths("t").attributes]: {
                value: [
                    { LogicalName: "rate", AttributeType: "Decimal", DisplayName: "Rate" },
                    { LogicalName: "when", AttributeType: "DateTime", DisplayName: "When" },
                    { LogicalName: "flag", AttributeType: "Boolean", DisplayName: "Flag" },
                ],
            },
            [valueRulePaths("t").decimals]: { value: [{ LogicalName: "rate", MinValue: "-100000000000", MaxValue: "100000000000", Precision: 2 }] },
            [valueRulePaths("t").dates]: { value: [{ LogicalName: "when", Format: "DateAndTime", DateTimeBehavior: "TimeZoneIndependent" }] },
            [valueRulePaths("t").booleans]: {
                value: [{ LogicalName: "flag", OptionSet: { TrueOption: { Value: 1, Label: { LocalizedLabels: [{ Label: "Ja", LanguageCode: 1031 }], UserLocalizedLabel: null } }, FalseOption: { Value: 0, Label: "Nein" } } }],
            },
            [valueRulePaths("t").keys]: { value: [{ LogicalName: "k", KeyAttributes: ["rate", "when"] }, { LogicalName: "empty", KeyAttributes: [] }] },
        };
        const getJson = (path: string) => Promise.resolve(answers[path] ?? { value: [] });
        const result = await readTableColumns({ getEntityMetadata: () => Promise.resolve({}), getJson }, "t", [], { valueRules: true });
        expect(result).toMatchObject({
            status: "ok",
            columns: [
                { logicalName: "rate", minValue: -100000000000, maxValue: 100000000000, precision: 2 },
                { logicalName: "when", format: "DateAndTime", behavior: "TimeZoneIndependent" },
                { logicalName: "flag", trueLabel: "Ja", falseLabel: "Nein" },
            ],
            alternateKeys: [{ logicalName: "k", displayName: "", attributes: ["rate", "when"] }],
        });
    });

    it("asks for the lookups' target tables at most 40 to a request", async () => {
        const targets = Array.from({ length: 45 }, (_, i) => `t${String(i).padStart(2, "0")}`);
        const asked: string[] = [];
        const getJson = (path: string) => {
            asked.push(path);
            if (path === tableDefinitionPaths("x").attributes) return Promise.resolve({ value: [{ LogicalName: "regarding", AttributeType: "Lookup", DisplayName: "Regarding" }] });
            if (path === valueRulePaths("x").lookups) return Promise.resolve({ value: [{ LogicalName: "regarding", Targets: targets }] });
            if (path.startsWith("EntityDefinitions?")) return Promise.resolve({ value: [{ LogicalName: "t00", PrimaryNameAttribute: "name" }, { LogicalName: "t44", PrimaryNameAttribute: "subject" }] });
            return Promise.resolve({ value: [] });
        };
        const result = await readTableColumns({ getEntityMetadata: () => Promise.resolve({}), getJson }, "x", [], { valueRules: true });
        expect(asked.filter((p) => p.startsWith("EntityDefinitions?"))).toEqual([primaryNamesPath(targets.slice(0, 40)), primaryNamesPath(targets.slice(40))]);
        expect(result).toMatchObject({ columns: [{ logicalName: "regarding", targetPrimaryNames: { t00: "name", t44: "subject" } }] });
        expect(primaryNamesPath(["a", "o'b"])).toBe("EntityDefinitions?$select=LogicalName,PrimaryNameAttribute&$filter=LogicalName eq 'a' or LogicalName eq 'o''b'");
    });

    it("keeps the ranges and targets getEntityMetadata gives (model-driven apps do, beyond the reference)", async () => {
        const fake = createFakeDataverse();
        const result = await readTableColumns(fake.ports({ getJson: false }), "account", ["Number of Employees", "primarycontactid"]);
        if (result.status !== "ok") throw new Error(result.status);
        expect(result.columns).toEqual([
            expect.objectContaining({ logicalName: "numberofemployees", minValue: 0, maxValue: 1000000000 }),
            expect.objectContaining({ logicalName: "primarycontactid", targets: ["contact"] }),
        ]);
    });
});
