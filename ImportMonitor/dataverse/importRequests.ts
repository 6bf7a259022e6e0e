/**
 * Request objects for Xrm.WebApi.online.execute: ParseImport and ImportRecordsImport are actions bound
 * to the import; TransformImport is unbound and takes the import id.
 *
 * The execute reference builds each request with a constructor whose `getMetadata` is defined on the
 * prototype, and the request's own properties are its parameters (docs/platform-contract.md, "execute").
 * The classes below do the same, so a host that serialises own properties sends only the parameters.
 */
import type { ExecuteRequest, ExecuteRequestMetadata } from "./platform";
import type { RunnableStage } from "../domain/stageGating";

const OPERATION_TYPE_ACTION = 0;
const STRUCTURAL_ENTITY_TYPE = 5;
const STRUCTURAL_PRIMITIVE = 1;

/**
 * A request class bound to `mscrm.import` with no other parameter (ParseImport, ImportRecordsImport). The
 * operation name is in getMetadata, on the prototype: the request's own properties are its parameters only.
 */
function boundImportRequest(operationName: string) {
    return class implements ExecuteRequest {
        public readonly entity: { entityType: string; id: string };

        public constructor(importId: string) {
            this.entity = { entityType: "import", id: importId };
        }

        public getMetadata(): ExecuteRequestMetadata {
            return {
                boundParameter: "entity",
                parameterTypes: { entity: { typeName: "mscrm.import", structuralProperty: STRUCTURAL_ENTITY_TYPE } },
                operationType: OPERATION_TYPE_ACTION,
                operationName,
            };
        }
    };
}

const ParseImportRequest = boundImportRequest("ParseImport");
const ImportRecordsImportRequest = boundImportRequest("ImportRecordsImport");

/** TransformImport: unbound, `ImportId` (Edm.Guid). */
class TransformImportRequest implements ExecuteRequest {
    public constructor(public readonly ImportId: string) {}

    public getMetadata(): ExecuteRequestMetadata {
        return {
            boundParameter: null,
            parameterTypes: { ImportId: { typeName: "Edm.Guid", structuralProperty: STRUCTURAL_PRIMITIVE } },
            operationType: OPERATION_TYPE_ACTION,
            operationName: "TransformImport",
        };
    }
}

export function stageRequest(stage: RunnableStage, importId: string): ExecuteRequest {
    if (stage === "transform") return new TransformImportRequest(importId);
    return stage === "parse" ? new ParseImportRequest(importId) : new ImportRecordsImportRequest(importId);
}
