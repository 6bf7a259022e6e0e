import {
    createFakeDataverse,
    DataverseErrorCodes,
    FAKE_API_URL,
    FakeDataverse,
    parseImportRequest,
    SEED_IMPORT_ID,
    transformImportRequest,
} from "../../../sandbox/dataverse";
import type { Execute, ExecuteRequest, ExecuteRequestMetadata } from "../../../ImportMonitor/dataverse/platform";

function withMetadata(base: ExecuteRequest, patch: Partial<ExecuteRequestMetadata>, extra: Partial<ExecuteRequest> = {}): ExecuteRequest {
    return { ...base, ...extra, getMetadata: () => ({ ...base.getMetadata(), ...patch }) };
}

describe("FakeDataverse execute: request validation", () => {
    let dv: FakeDataverse;
    let execute: Execute;

    beforeEach(() => {
        jest.useFakeTimers();
        dv = createFakeDataverse({ stepMs: 50 });
        execute = dv.ports().execute!;
    });

    afterEach(() => {
        dv.dispose();
        expect(jest.getTimerCount()).toBe(0);
        jest.useRealTimers();
    });

    it("accepts the real ParseImport and TransformImport shapes (ids in braces or upper case too)", async () => {
        const r = await execute(parseImportRequest(`{${SEED_IMPORT_ID.toUpperCase()}}`));
        expect(r).toMatchObject({ ok: true, status: 200 });
        const body = (await r.json()) as Record<string, unknown>;
        expect(body.asyncoperationid).toMatch(/^[0-9a-f-]{36}$/);
        expect(body["@odata.context"]).toBe(`${FAKE_API_URL}/$metadata#asyncoperations/$entity`);
        expect(body["statuscode@OData.Community.Display.V1.FormattedValue"]).toBe("Waiting For Resources");
    });

    const parse = parseImportRequest(SEED_IMPORT_ID);
    const transform = transformImportRequest(SEED_IMPORT_ID);
    const entityParam = { typeName: "mscrm.import", structuralProperty: 5 };

    it.each<[string, ExecuteRequest, RegExp]>([
        ["wrong typeName", withMetadata(parse, { parameterTypes: { entity: { typeName: "mscrm.importfile", structuralProperty: 5 } } }), /typeName: "mscrm.import"/],
        ["wrong structuralProperty", withMetadata(parse, { parameterTypes: { entity: { typeName: "mscrm.import", structuralProperty: 1 } } }), /structuralProperty: 5/],
        ["function operationType", withMetadata(parse, { operationType: 1 }), /operationType must be 0/],
        ["CRUD operationType", withMetadata(parse, { operationType: 2 }), /operationType must be 0/],
        ["unbound ParseImport", withMetadata(parse, { boundParameter: null }), /boundParameter must be "entity"/],
        ["extra parameter", withMetadata(parse, { parameterTypes: { entity: entityParam, ImportId: { typeName: "Edm.Guid", structuralProperty: 1 } } }), /not a valid parameter/],
        ["entity of another table", withMetadata(parse, {}, { entity: { entityType: "importfile", id: SEED_IMPORT_ID } }), /entityType: "import"/],
        ["missing entity", { getMetadata: parse.getMetadata }, /entityType: "import"/],
        ["bad entity id", withMetadata(parse, {}, { entity: { entityType: "import", id: "42" } }), /not a GUID/],
        ["bound TransformImport", withMetadata(transform, { boundParameter: "entity" }), /boundParameter must be null/],
        ["ImportId as string type", withMetadata(transform, { parameterTypes: { ImportId: { typeName: "Edm.String", structuralProperty: 1 } } }), /Edm.Guid/],
        ["ImportId as entity", withMetadata(transform, { parameterTypes: { ImportId: { typeName: "Edm.Guid", structuralProperty: 5 } } }), /structuralProperty: 1/],
        ["missing ImportId", withMetadata(transform, {}, { ImportId: undefined }), /ImportId is not a GUID/],
        ["unknown action", withMetadata(parse, { operationName: "DeleteImport" }), /Resource not found for the segment 'DeleteImport'/],
        ["no getMetadata", { entity: { entityType: "import", id: SEED_IMPORT_ID } } as unknown as ExecuteRequest, /getMetadata/],
    ])("rejects %s with a 400", async (_label, request, message) => {
        await expect(execute(request)).rejects.toMatchObject({
            status: 400,
            errorCode: DataverseErrorCodes.InvalidArgument.errorCode,
            code: "0x80040203",
            message: expect.stringMatching(message) as unknown,
        });
        expect(dv.jobs()).toHaveLength(0);
    });

    it("leaves execute out of the ports when asked (a canvas app)", () => {
        expect(dv.ports({ execute: false }).execute).toBeUndefined();
    });
});
