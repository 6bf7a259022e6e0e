import { DataverseFailure } from "../../ImportMonitor/dataverse/failures";
import { attributeList, candidateLogicalNames, readTableColumns } from "../../ImportMonitor/dataverse/tableColumns";
import type { EntityMetadataLike, GetEntityMetadata } from "../../ImportMonitor/dataverse/platform";
import { createFakeDataverse } from "../../sandbox/dataverse";

const attrs = [
    { LogicalName: "firstname", DisplayName: "First Name" },
    { LogicalName: "lastname", DisplayName: "Last Name" },
];

describe("readTableColumns", () => {
    it("asks again with names guessed from the headers when the first answer has no attributes, and says it is incomplete", async () => {
        const fake = createFakeDataverse();
        const result = await readTableColumns(fake.ports(), "lead", ["Topic", "First Name", "E-mail", "Company Name"]);

        const calls = fake.requests.entries("metadata:lead");
        expect(calls).toHaveLength(2);
        expect(calls[0].attributes).toBeUndefined();
        expect(calls[1].attributes).toEqual(["topic", "firstname", "first name", "email", "e-mail", "companyname", "company name"]);
        expect(result).toEqual({
            status: "ok",
            table: "lead",
            complete: false,
            columns: [
                { logicalName: "firstname", displayName: "First Name" },
                { logicalName: "companyname", displayName: "Company Name" },
            ],
        });
    });

    it("takes the first answer as complete when it lists attributes", async () => {
        const getEntityMetadata = jest.fn<ReturnType<GetEntityMetadata>, Parameters<GetEntityMetadata>>(() => Promise.resolve({ Attributes: attrs }));
        const result = await readTableColumns({ getEntityMetadata }, "contact", ["First Name"]);
        expect(getEntityMetadata).toHaveBeenCalledTimes(1);
        expect(result).toEqual({ status: "ok", table: "contact", complete: true, columns: attrs.map((a) => ({ logicalName: a.LogicalName, displayName: a.DisplayName })) });
    });

    it.each<[string, unknown]>([
        ["a getAll() collection", { getAll: () => attrs, getLength: () => 2 }],
        ["a forEach() collection", { forEach: (fn: (a: unknown) => void) => attrs.forEach(fn) }],
        ["an array", attrs],
        ["a record keyed by logical name", { firstname: attrs[0], lastname: attrs[1] }],
    ])("reads Attributes given as %s", (_label, attributes) => {
        expect(attributeList(attributes)).toEqual(attrs);
    });

    it("reads localised label objects as display names", async () => {
        const meta: EntityMetadataLike = {
            Attributes: [
                { LogicalName: "firstname", DisplayName: { UserLocalizedLabel: { Label: "First Name" } } },
                { LogicalName: "lastname", DisplayName: { LocalizedLabels: [{ Label: "Last Name", LanguageCode: 1033 }] } },
                { LogicalName: "x" },
                { DisplayName: "no logical name" },
            ],
        };
        const result = await readTableColumns({ getEntityMetadata: () => Promise.resolve(meta) }, "contact", []);
        expect(result).toMatchObject({
            columns: [
                { logicalName: "firstname", displayName: "First Name" },
                { logicalName: "lastname", displayName: "Last Name" },
                { logicalName: "x", displayName: "" },
            ],
        });
    });

    it("resolves 'no target table' without asking the platform", async () => {
        const getEntityMetadata = jest.fn();
        await expect(readTableColumns({ getEntityMetadata }, "  ", ["A"])).resolves.toEqual({ status: "noTable" });
        await expect(readTableColumns({ getEntityMetadata }, null, ["A"])).resolves.toEqual({ status: "noTable" });
        expect(getEntityMetadata).not.toHaveBeenCalled();
    });

    it("rejects with a typed failure for an unknown table or a platform error", async () => {
        const fake = createFakeDataverse();
        const unknown = await readTableColumns(fake.ports(), "nosuchtable", ["A"]).catch((e: unknown) => e);
        expect(unknown).toBeInstanceOf(DataverseFailure);
        expect(unknown).toMatchObject({ kind: "notFound" });

        fake.faults.failNext("offline", { match: "metadata:*" });
        await expect(readTableColumns(fake.ports(), "lead", ["A"])).rejects.toMatchObject({ kind: "offline" });
    });

    it("guesses lower-case and alphanumeric-only logical names, without duplicates or blanks", () => {
        expect(candidateLogicalNames(["First Name", "firstname", " ", "Address 1: City"])).toEqual(["firstname", "first name", "address1city", "address 1: city"]);
    });
});
