import { DataverseFailure } from "../../ImportMonitor/dataverse/failures";
import { attributeList, candidateLogicalNames, createTableColumnsReader, readTableColumns, tableDefinitionPaths } from "../../ImportMonitor/dataverse/tableColumns";
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
