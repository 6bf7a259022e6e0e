/**
 * Request objects for the three import actions, built the way `Xrm.WebApi.online.execute` needs them.
 * For the fake's own tests and the sandbox toolbar; the control builds its own (and the fake checks them).
 */
import type { ExecuteRequest } from "../../ImportMonitor/dataverse/platform";

function boundToImport(operationName: string, importId: string): ExecuteRequest {
    return {
        entity: { entityType: "import", id: importId },
        getMetadata: () => ({
            boundParameter: "entity",
            parameterTypes: { entity: { typeName: "mscrm.import", structuralProperty: 5 } },
            operationType: 0,
            operationName,
        }),
    };
}

export function parseImportRequest(importId: string): ExecuteRequest {
    return boundToImport("ParseImport", importId);
}

export function transformImportRequest(importId: string): ExecuteRequest {
    return {
        ImportId: importId,
        getMetadata: () => ({
            boundParameter: null,
            parameterTypes: { ImportId: { typeName: "Edm.Guid", structuralProperty: 1 } },
            operationType: 0,
            operationName: "TransformImport",
        }),
    };
}

export function importRecordsImportRequest(importId: string): ExecuteRequest {
    return boundToImport("ImportRecordsImport", importId);
}
