/**
 * Request objects for Xrm.WebApi.online.execute: ParseImport and ImportRecordsImport are actions bound
 * to the import; TransformImport is unbound and takes the import id.
 */
import type { ExecuteRequest, ExecuteRequestMetadata } from "./platform";
import type { RunnableStage } from "../domain/stageGating";

const OPERATION_TYPE_ACTION = 0;
const STRUCTURAL_ENTITY_TYPE = 5;
const STRUCTURAL_PRIMITIVE = 1;

export const STAGE_ACTIONS: Record<RunnableStage, string> = {
    parse: "ParseImport",
    transform: "TransformImport",
    import: "ImportRecordsImport",
};

function boundToImport(operationName: string, importId: string): ExecuteRequest {
    const metadata: ExecuteRequestMetadata = {
        boundParameter: "entity",
        parameterTypes: { entity: { typeName: "mscrm.import", structuralProperty: STRUCTURAL_ENTITY_TYPE } },
        operationType: OPERATION_TYPE_ACTION,
        operationName,
    };
    return { entity: { entityType: "import", id: importId }, getMetadata: () => metadata };
}

export function stageRequest(stage: RunnableStage, importId: string): ExecuteRequest {
    if (stage !== "transform") return boundToImport(STAGE_ACTIONS[stage], importId);
    const metadata: ExecuteRequestMetadata = {
        boundParameter: null,
        parameterTypes: { ImportId: { typeName: "Edm.Guid", structuralProperty: STRUCTURAL_PRIMITIVE } },
        operationType: OPERATION_TYPE_ACTION,
        operationName: STAGE_ACTIONS.transform,
    };
    return { ImportId: importId, getMetadata: () => metadata };
}
