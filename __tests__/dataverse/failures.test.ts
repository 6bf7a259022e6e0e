import { PlatformErrors } from "../../sandbox/dataverse";
import { toFailure } from "../../ImportMonitor/dataverse/failures";
import { stageRequest } from "../../ImportMonitor/dataverse/importRequests";

describe("toFailure", () => {
    it("reads a privilege error and names the privilege", () => {
        const f = toFailure({
            errorCode: -2147220960,
            message: "Principal user (Id=1, type=8, roleCount=1) is missing prvWriteImport privilege (Id=2) on OTC=4410 for entity 'import'",
        });
        expect(f.kind).toBe("privilege");
        expect(f.privilege).toBe("prvWriteImport");
        expect(f.codeHex).toBe("0x80040220");
    });

    it("reads throttling with its Retry-After", () => {
        expect(toFailure({ errorCode: -2147015902, message: "Number of requests exceeded", status: 429, retryAfterSeconds: 3 })).toMatchObject({
            kind: "throttled",
            retryAfterMs: 3000,
        });
        expect(toFailure({ status: 503, message: "Service unavailable, retry after 5 seconds" })).toMatchObject({ kind: "throttled", retryAfterMs: 5000 });
        expect(toFailure({ code: "0x80072326", message: "concurrent" }).kind).toBe("throttled");
    });

    it.each([
        [{ errorCode: -2147220969, message: "import With Id = x Does Not Exist" }, "notFound"],
        [{ status: 412, message: "Precondition failed" }, "conflict"],
        [new TypeError("Failed to fetch"), "offline"],
        [{ message: "Failed to fetch" }, "offline"],
        [{ status: 504, message: "Gateway Timeout" }, "timeout"],
        [{ status: 500, message: "Generic SQL error." }, "server"],
        [{ status: 400, message: "Bad request" }, "badRequest"],
        ["boom", "server"],
        [undefined, "unknown"],
        [null, "unknown"],
    ])("classifies %p as %s", (error, kind) => {
        expect(toFailure(error).kind).toBe(kind);
    });

    it("keeps a failure made by another copy of DataverseFailure (the CSV library's bundle) as it is", () => {
        const other = Object.assign(new Error("Too many requests"), { name: "DataverseFailure", kind: "throttled", code: null, privilege: null, retryAfterMs: 3000 });
        const f = toFailure(other);
        expect(f).toBe(other);
        expect(f).toMatchObject({ kind: "throttled", retryAfterMs: 3000 });
    });

    it("classifies every fault the fake Dataverse produces", () => {
        expect(toFailure(PlatformErrors.throttling(4))).toMatchObject({ kind: "throttled", retryAfterMs: 4000 });
        expect(toFailure(PlatformErrors.missingPrivilege("prvReadImportFile", "importfile"))).toMatchObject({ kind: "privilege", privilege: "prvReadImportFile" });
        expect(toFailure(PlatformErrors.notFound("import", "x")).kind).toBe("notFound");
        expect(toFailure(PlatformErrors.preconditionFailed()).kind).toBe("conflict");
        expect(toFailure(PlatformErrors.offline()).kind).toBe("offline");
        expect(toFailure(PlatformErrors.offline("object")).kind).toBe("offline");
        expect(toFailure(PlatformErrors.timeout()).kind).toBe("timeout");
        expect(toFailure(PlatformErrors.server("Generic SQL error.")).kind).toBe("server");
    });
});

describe("stageRequest", () => {
    it("binds ParseImport and ImportRecordsImport to the import", () => {
        for (const [stage, name] of [["parse", "ParseImport"], ["import", "ImportRecordsImport"]] as const) {
            const r = stageRequest(stage, "abc");
            expect(r.entity).toEqual({ entityType: "import", id: "abc" });
            // As the execute reference builds them: parameters are own properties, getMetadata is on the prototype.
            expect(Object.keys(r)).toEqual(["entity"]);
            expect(Object.prototype.hasOwnProperty.call(r, "getMetadata")).toBe(false);
            expect(typeof (Object.getPrototypeOf(r) as { getMetadata?: unknown }).getMetadata).toBe("function");
            expect(JSON.parse(JSON.stringify(r))).toEqual({ entity: { entityType: "import", id: "abc" } });
            expect(r.getMetadata()).toEqual({
                boundParameter: "entity",
                parameterTypes: { entity: { typeName: "mscrm.import", structuralProperty: 5 } },
                operationType: 0,
                operationName: name,
            });
        }
    });

    it("makes TransformImport unbound with an ImportId Edm.Guid", () => {
        const r = stageRequest("transform", "abc");
        expect(r.ImportId).toBe("abc");
        expect(r.entity).toBeUndefined();
        expect(Object.keys(r)).toEqual(["ImportId"]);
        expect(Object.prototype.hasOwnProperty.call(r, "getMetadata")).toBe(false);
        expect(r.getMetadata()).toEqual({
            boundParameter: null,
            parameterTypes: { ImportId: { typeName: "Edm.Guid", structuralProperty: 1 } },
            operationType: 0,
            operationName: "TransformImport",
        });
    });
});
