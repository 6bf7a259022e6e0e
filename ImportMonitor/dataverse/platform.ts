/**
 * The platform surfaces ImportMonitor talks to, typed as narrowly as the control uses them.
 * The real ones are `context.webAPI`, `context.utils.getEntityMetadata` and `Xrm.WebApi.online.execute`;
 * the in-memory Dataverse under sandbox/dataverse/ implements the same shapes for tests and the sandbox.
 */

/** A Web API record as `retrieveRecord`/`retrieveMultipleRecords` return it. */
export type WebApiEntity = Record<string, unknown>;

export interface RetrieveMultipleResult {
    entities: WebApiEntity[];
    /** Present when there is another page: pass its query part back as `options`. */
    nextLink?: string;
}

/** The part of `ComponentFramework.WebApi` the control reads with. */
export interface WebApiReads {
    retrieveRecord(entityType: string, id: string, options?: string): Promise<WebApiEntity>;
    retrieveMultipleRecords(entityType: string, options?: string, maxPageSize?: number): Promise<RetrieveMultipleResult>;
}

/** `getMetadata()` of a request object for `Xrm.WebApi.online.execute`. */
export interface ExecuteRequestMetadata {
    boundParameter: string | null;
    parameterTypes: Record<string, { typeName: string; structuralProperty: number }>;
    /** 0 Action, 1 Function, 2 CRUD. */
    operationType: 0 | 1 | 2;
    operationName: string;
}

export interface ExecuteRequest {
    getMetadata(): ExecuteRequestMetadata;
    /** Bound actions: the record the action is bound to. */
    entity?: { entityType: string; id: string };
    /** TransformImport's parameter. */
    ImportId?: string;
}

/** The fetch-like response `Xrm.WebApi.online.execute` resolves with. */
export interface ExecuteResponse {
    ok: boolean;
    status: number;
    json(): Promise<unknown>;
}

export type Execute = (request: ExecuteRequest) => Promise<ExecuteResponse>;

/** What `context.utils.getEntityMetadata` resolves with, the parts the control reads. */
export interface EntityMetadataLike {
    LogicalName?: string;
    DisplayName?: string;
    /** A collection with `getAll()` (model-driven apps) or a plain array/record; see dataverse/tableColumns.ts. */
    Attributes?: unknown;
}

export type GetEntityMetadata = (entityName: string, attributes?: string[]) => Promise<EntityMetadataLike>;

/**
 * Everything the control needs from the platform. `execute` is absent where `Xrm.WebApi.online` is not
 * (a canvas app, a harness): running stages is then not available, reading still is.
 */
export interface DataversePorts {
    webApi: WebApiReads;
    getEntityMetadata: GetEntityMetadata;
    execute?: Execute;
}

/**
 * The error objects the platform rejects with, as far as the control relies on them. The Xrm/PCF Web API
 * rejects with `{ errorCode, message }` (errorCode the Dataverse code, signed or unsigned); the rest is
 * read when present. See dataverse/failures.ts for how each is classified.
 */
export interface PlatformError {
    errorCode?: number;
    /** Hex form of the code ("0x80040220"), as some hosts add it. */
    code?: string | number;
    message?: string;
    /** HTTP status, where the host passes it on. */
    status?: number;
    /** Seconds from a Retry-After header, where the host passes it on. */
    retryAfterSeconds?: number;
}
