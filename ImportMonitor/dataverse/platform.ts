/**
 * The platform surfaces ImportMonitor talks to, typed as narrowly as the control uses them.
 * The real ones are `context.webAPI`, `context.utils.getEntityMetadata` and `Xrm.WebApi.online.execute`;
 * the in-memory Dataverse under sandbox/dataverse/ implements the same shapes for tests and the sandbox.
 */

import type { LoadDependency } from "./csvLibrary";

/** A Web API record as `retrieveRecord`/`retrieveMultipleRecords` return it. */
export type WebApiEntity = Record<string, unknown>;

export interface RetrieveMultipleResult {
    entities: WebApiEntity[];
    /** Present when there is another page: pass its query part back as `options`. */
    nextLink?: string;
}

/** The part of `ComponentFramework.WebApi` the control reads with, and creates with where the host can. */
export interface WebApiReads {
    retrieveRecord(entityType: string, id: string, options?: string): Promise<WebApiEntity>;
    retrieveMultipleRecords(entityType: string, options?: string, maxPageSize?: number): Promise<RetrieveMultipleResult>;
    /**
     * `createRecord(entityType, data)`: resolves with the new record's reference (`LookupValue`: `id`, as a string
     * with or without braces; ComponentFramework.WebApi in @types/powerapps-component-framework); rejects with the
     * platform's `{ errorCode, message }`. Absent where a host gives no writes (then files can't be added).
     */
    createRecord?(entityType: string, data: WebApiEntity): Promise<{ id?: unknown }>;
    /** `deleteRecord(entityType, id)`: resolves once deleted; rejects with `{ errorCode, message }`. */
    deleteRecord?(entityType: string, id: string): Promise<unknown>;
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
    /**
     * The attributes asked for. In model-driven apps a collection read with `get(name)` / `getByName(name)`
     * (docs/platform-contract.md); other hosts may give an array or a plain record. See dataverse/tableColumns.ts.
     */
    Attributes?: unknown;
}

export type GetEntityMetadata = (entityName: string, attributes?: string[]) => Promise<EntityMetadataLike>;

/**
 * A GET on the organization's Web API, for what `context.webAPI` cannot read (table definitions):
 * `path` is relative to `<client url>/api/data/v9.2/`, e.g.
 * `EntityDefinitions(LogicalName='contact')/Attributes?$select=LogicalName`. Resolves with the parsed JSON body;
 * rejects with a PlatformError (`status`, `errorCode`, `message`, `retryAfterSeconds`) on a non-2xx answer or
 * a network failure.
 */
export type GetJson = (path: string) => Promise<unknown>;

/** PCF's PrivilegeType: 1 Create, 2 Read, 3 Write… (componentframework.d.ts, PropertyHelper.Types). */
export type PrivilegeType = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;
/** PCF's PrivilegeDepth: -1 None, 0 Basic, 1 Local, 2 Deep, 3 Global. */
export type PrivilegeDepth = -1 | 0 | 1 | 2 | 3;
/** `context.utils.hasEntityPrivilege`. */
export type HasEntityPrivilege = (entityTypeName: string, privilegeType: PrivilegeType, privilegeDepth: PrivilegeDepth) => boolean;

/**
 * Everything the control needs from the platform. `execute` is absent where `Xrm.WebApi.online` is not
 * (a canvas app, a harness): running stages is then not available, reading still is. `getJson` is absent
 * where the organization's URL is unknown (no Xrm); `hasEntityPrivilege` where the host lacks it;
 * `loadDependency` (the CSV library's loader, dataverse/csvLibrary.ts) outside model-driven apps.
 */
/**
 * The user's number and date formats, as the host gives them (`context.userSettings.numberFormattingInfo` and
 * `dateFormattingInfo`, ComponentFramework.UserSettings); read by the value checks (domain/csv/valueChecks.ts,
 * valueFormatsFrom), which fall back to en-US for anything missing.
 */
export interface UserFormats {
    numberFormattingInfo?: unknown;
    dateFormattingInfo?: unknown;
}

export interface DataversePorts {
    loadDependency?: LoadDependency;
    userFormats?: UserFormats;
    webApi: WebApiReads;
    getEntityMetadata: GetEntityMetadata;
    execute?: Execute;
    getJson?: GetJson;
    hasEntityPrivilege?: HasEntityPrivilege;
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
