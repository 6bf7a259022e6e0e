/**
 * Creates and deletes through the fake's Web API: what `webApi.createRecord(entityType, data)` accepts for the
 * tables the fake creates (import, importfile), and how it reads the payload. fakeDataverse.ts runs the
 * checks that need the store (privileges, lookups, duplicates) and writes the record.
 *
 * The call, its result and its error object: "createRecord" of the PCF Web API
 * (https://learn.microsoft.com/power-apps/developer/component-framework/reference/webapi/createrecord): the success
 * callback gets `{ entityType, id }` ("The table logical name of the new record", "GUID of the new record"; the
 * typings' `LookupValue`), the error callback `{ errorCode, message }`. deleteRecord
 * (https://learn.microsoft.com/power-apps/developer/component-framework/reference/webapi/deleterecord) resolves with
 * `{ entityType, id, name }`. The payload is the Web API's ("Create a table row using the Web API",
 * https://learn.microsoft.com/power-apps/developer/data-platform/webapi/create-entity-web-api): columns by logical
 * name, lookups as `"<single-valued navigation property>@odata.bind": "/<entity set>(<guid>)"`.
 *
 * Which columns each table takes, and which are required, is the table references' (import: import-table.txt and
 * https://learn.microsoft.com/power-apps/developer/data-platform/reference/entities/import; importfile:
 * importfile-table.txt and .../reference/entities/importfile): "Writable columns" are valid for create; RequiredLevel
 * SystemRequired columns are required unless the reference gives them a DefaultValue (then the default applies) or the
 * SDK's ImportFile sample leaves them out (PowerApps-Samples, dataverse/orgsvc/CSharp/ImportComplexDataMap,
 * SampleMethod.cs: it sets Content, Name, IsFirstRowHeader, ImportMapId, UseSystemMap, Source, SourceEntityName,
 * TargetEntityName, ImportId, EnableDuplicateDetection, FieldDelimiterCode, DataDelimiterCode, ProcessCode and
 * RecordsOwnerId, and not FileTypeCode). What is not documented either way is tolerated and marked assumed.
 */
import { FakeRejection, PlatformErrors } from "./errors";
import { normalizeGuid } from "./ids";
import type { ColumnDef, TableDef } from "./schema";

/** A column a create may set. */
export interface ColumnWrite {
    /** Refused with RequiredFieldMissing (0x80040200) when left out, null or "". */
    required?: boolean;
    /** The value when the payload leaves the column out. */
    default?: unknown;
}

/** A single-valued navigation property a create may bind. */
export interface NavigationWrite {
    /** The lookup column it sets (`_importid_value`). */
    column: string;
    /** Entity set name → logical name of the tables it may point to. */
    sets: Readonly<Record<string, string>>;
    required?: boolean;
}

export interface WriteSpec {
    /** The columns valid for create (IsValidForCreate), by Web API name. */
    create: Readonly<Record<string, ColumnWrite>>;
    /**
     * Columns the platform sets itself (IsValidForCreate false): a value sent is ignored, not refused (assumed: the
     * reference says only that they are not valid for create).
     */
    readOnly: readonly string[];
    /** The navigation properties a create may bind. */
    navigation: Readonly<Record<string, NavigationWrite>>;
    /** What the platform sets on every created record (besides ids, dates and the owner). */
    initial: Readonly<Record<string, unknown>>;
}

const owner: NavigationWrite = { column: "_ownerid_value", sets: { systemusers: "systemuser", teams: "team" } };

export const WriteSpecs: Readonly<Record<string, WriteSpec>> = {
    import: {
        create: {
            importid: {},
            name: { default: null },
            emailaddress: { default: null },
            // ModeCode: SystemRequired, no DefaultValue; the SDK sample always sets it.
            modecode: { required: true },
            // SendNotification: SystemRequired, DefaultValue False.
            sendnotification: { default: false },
            // StatusCode is writable; StateCode 0 Active has DefaultStatus 0 (Submitted).
            statuscode: { default: 0 },
        },
        readOnly: ["statecode", "createdon", "modifiedon"],
        navigation: { ownerid: owner },
        initial: { statecode: 0 },
    },
    importfile: {
        create: {
            importfileid: {},
            // SystemRequired, no DefaultValue, set by the SDK sample.
            content: { required: true },
            fielddelimitercode: { required: true },
            datadelimitercode: { required: true },
            processcode: { required: true },
            // SystemRequired Booleans with DefaultValue False (the reference): the default applies.
            isfirstrowheader: { default: false },
            usesystemmap: { default: false },
            // RequiredLevel None, DefaultValue False.
            enableduplicatedetection: { default: false },
            // SystemRequired, but the SDK sample leaves it out: tolerated, CSV assumed as the default.
            filetypecode: { default: 0 },
            // RequiredLevel None (name, source, sourceentityname, targetentityname, size: "in kilobytes", text).
            name: { default: null },
            source: { default: null },
            sourceentityname: { default: null },
            targetentityname: { default: null },
            size: { default: null },
            // StateCode 0 Active has DefaultStatus 0 (Submitted).
            statuscode: { default: 0 },
            // "Select the value which is used for identify the upsert mode. By Default, it is a Create."
            upsertmodecode: { default: 0 },
            relatedentitycolumns: { default: null },
            entitykeyid: { default: null },
            timezoneruleversionnumber: { default: null },
            utcconversiontimezonecode: { default: null },
        },
        readOnly: ["statecode", "processingstatus", "successcount", "failurecount", "partialfailurecount", "totalcount", "headerrow", "createdon", "modifiedon"],
        navigation: {
            // The navigation property names are the references' ReferencingEntityNavigationPropertyName values:
            // Import_ImportFile → importid, ImportMap_ImportFile → importmapid, owner_importfiles → ownerid,
            // ImportFile_SystemUser → recordsownerid_systemuser, ImportFile_Team → recordsownerid_team.
            importid: { column: "_importid_value", sets: { imports: "import" }, required: true },
            importmapid: { column: "_importmapid_value", sets: { importmaps: "importmap" } },
            ownerid: owner,
            recordsownerid_systemuser: { column: "_recordsownerid_value", sets: { systemusers: "systemuser" } },
            recordsownerid_team: { column: "_recordsownerid_value", sets: { teams: "team" } },
        },
        // Not Started is assumed (the reference gives no default; a new file has not been parsed). No counts or
        // header until parse (assumed).
        initial: {
            statecode: 0,
            processingstatus: 1,
            successcount: null,
            failurecount: null,
            partialfailurecount: null,
            totalcount: null,
            headerrow: null,
            _importmapid_value: null,
            _recordsownerid_value: null,
        },
    },
};

/** The tables `deleteRecord` deletes, with what their delete cascades to (see fakeDataverse.ts). */
export const DELETABLE_TABLES: readonly string[] = ["import", "importfile"];

/** A lookup the payload binds. */
export interface Bind {
    navigation: string;
    column: string;
    /** Logical name of the table it points to. */
    table: string;
    id: string;
}

/** What a create payload says, read and type-checked (before the platform's own checks). */
export interface ParsedCreate {
    /** Column → value, for the columns the payload sets (read-only ones left out). */
    values: Record<string, unknown>;
    binds: Bind[];
    /** The primary key, when the payload gives one. */
    id: string | null;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}

function reject(payload: unknown): never {
    throw new FakeRejection(payload);
}

/** "x" for a literal in an OData message. */
function literal(v: unknown): string {
    return typeof v === "string" ? v : JSON.stringify(v);
}

const EDM: Record<string, string> = { string: "Edm.String", memo: "Edm.String", picklist: "Edm.Int32", int: "Edm.Int32", boolean: "Edm.Boolean", guid: "Edm.Guid" };

/**
 * The value of `column` as the Web API reads it, or a rejection: text must be a JSON string, choices and whole numbers
 * JSON whole numbers, yes/no a JSON boolean, a unique identifier a GUID string. Option values are checked later (the
 * platform's PicklistValueOutOfRange comes from its pipeline, not from the OData reader).
 */
function readValue(def: ColumnDef, value: unknown): unknown {
    if (value === null) return null;
    const edm = EDM[def.type];
    switch (def.type) {
        case "string":
        case "memo":
            if (typeof value !== "string") reject(PlatformErrors.payloadConversion(`Cannot convert a primitive value to the expected type '${edm}'. See the inner exception for more details.`));
            return value;
        case "picklist":
        case "int":
            if (typeof value !== "number" || !Number.isInteger(value)) reject(PlatformErrors.payloadConversion(`Cannot convert the literal '${literal(value)}' to the expected type '${edm}'.`));
            return value;
        case "boolean":
            if (typeof value !== "boolean") reject(PlatformErrors.payloadConversion(`Cannot convert the literal '${literal(value)}' to the expected type '${edm}'.`));
            return value;
        case "guid": {
            const id = typeof value === "string" ? normalizeGuid(value) : null;
            if (!id) reject(PlatformErrors.payloadConversion(`Cannot convert the literal '${literal(value)}' to the expected type '${edm}'.`));
            return id;
        }
        default:
            // Dates and lookups are not valid for create in the tables the fake creates.
            return reject(PlatformErrors.payloadConversion(`The property of type '${def.type}' cannot be set by the fake Dataverse.`));
    }
}

/**
 * `"/imports(<guid>)"` → the entity set and the id. The Web API's examples write the reference with a leading "/";
 * a relative "imports(<guid>)" and an absolute URL ending in "/imports(<guid>)" are read the same (assumed: OData
 * resolves the reference against the service root).
 */
function readBind(navigation: string, spec: NavigationWrite, value: unknown, entity: string): Bind | null {
    if (value === null) return null;
    const m = typeof value === "string" ? /^(?:.*\/)?([A-Za-z_][A-Za-z0-9_]*)\(([^()]*)\)$/.exec(value.trim()) : null;
    if (!m) {
        // Assumed wording: the reader's message for a malformed entity reference is not documented.
        return reject(
            PlatformErrors.badRequest(
                `The value '${literal(value)}' of '${navigation}@odata.bind' is not an entity reference. Bind a lookup as "${navigation}@odata.bind": "/${Object.keys(spec.sets)[0]}(<guid>)".`,
            ),
        );
    }
    const [, set, rawId] = m;
    const table = Object.prototype.hasOwnProperty.call(spec.sets, set) ? spec.sets[set] : undefined;
    if (!table) {
        // Assumed wording (the platform refuses a reference of the wrong type; its message is not documented).
        return reject(
            PlatformErrors.badRequest(
                `'${navigation}' of '${entity}' points to ${Object.keys(spec.sets).map((s) => `'${s}'`).join(" or ")}; '${set}' is not a valid entity set for it.`,
            ),
        );
    }
    const id = normalizeGuid(rawId);
    if (!id) return reject(PlatformErrors.badRequest(`Guid should contain 32 digits with 4 dashes (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx). Id: '${rawId}'.`));
    return { navigation, column: spec.column, table, id };
}

/**
 * Reads a create payload for `table` the way the Web API's OData reader does, before anything else runs:
 * - a property the table does not have → invalidProperty ("0x0", 400, as the troubleshooting page shows it);
 * - `<name>@odata.bind` for a navigation property the table does not have → undeclaredNavigationProperty (0x80048d19);
 * - a lookup written as a value (`_importid_value`, or `importid` with a GUID) → directLookupUpdate (0x80060888);
 * - a value of the wrong JSON type → payloadConversion ("0x0", 400);
 * - a column the platform sets itself (readOnly) is ignored (assumed);
 * - `@odata.*` instance annotations are ignored; other annotations are refused as invalid properties (assumed).
 */
export function parseCreatePayload(table: TableDef, spec: WriteSpec, data: unknown): ParsedCreate {
    if (!isPlainObject(data)) {
        return reject(PlatformErrors.badRequest(`createRecord takes the new record's columns as an object; got ${data === null ? "null" : Array.isArray(data) ? "an array" : typeof data}.`));
    }
    const parsed: ParsedCreate = { values: {}, binds: [], id: null };
    for (const [key, value] of Object.entries(data)) {
        if (key.startsWith("@")) {
            if (key.startsWith("@odata.")) continue;
            reject(PlatformErrors.invalidProperty(table.logicalName, key));
        }
        if (key.endsWith("@odata.bind")) {
            const navigation = key.slice(0, -"@odata.bind".length);
            const nav = Object.prototype.hasOwnProperty.call(spec.navigation, navigation) ? spec.navigation[navigation] : undefined;
            if (!nav) reject(PlatformErrors.undeclaredNavigationProperty(table.entitySetName, navigation));
            const bind = readBind(navigation, nav, value, table.logicalName);
            parsed.binds = parsed.binds.filter((b) => b.column !== nav.column);
            if (bind) parsed.binds.push(bind);
            else parsed.values[nav.column] = null;
            continue;
        }
        if (key.includes("@")) reject(PlatformErrors.invalidProperty(table.logicalName, key));
        const def = Object.prototype.hasOwnProperty.call(table.columns, key) ? table.columns[key] : undefined;
        if (def?.type === "lookup") reject(PlatformErrors.directLookupUpdate());
        if (Object.prototype.hasOwnProperty.call(spec.navigation, key)) {
            // A navigation property given a value: a GUID string is the lookup-as-value mistake; an object would be a
            // deep insert, which the fake does not do.
            if (isPlainObject(value)) reject(PlatformErrors.unsupportedRequest(`The fake Dataverse does not create related records (deep insert through '${key}'). Bind an existing record with "${key}@odata.bind".`));
            reject(PlatformErrors.directLookupUpdate());
        }
        if (!def) reject(PlatformErrors.invalidProperty(table.logicalName, key));
        if (spec.readOnly.includes(key) || !Object.prototype.hasOwnProperty.call(spec.create, key)) continue;
        const v = readValue(def, value);
        if (key === table.primaryId) parsed.id = v as string | null;
        else parsed.values[key] = v;
    }
    return parsed;
}

/** The required columns and lookups `parsed` leaves without a value (in the spec's order). */
export function missingRequired(spec: WriteSpec, parsed: ParsedCreate): string | undefined {
    for (const [column, write] of Object.entries(spec.create)) {
        if (!write.required) continue;
        const v = parsed.values[column];
        if (v === undefined || v === null || v === "") return column;
    }
    for (const [navigation, nav] of Object.entries(spec.navigation)) {
        if (nav.required && !parsed.binds.some((b) => b.column === nav.column)) return navigation;
    }
    return undefined;
}

/** The first choice value of `parsed` that its column does not have, as a rejection; none when all are valid. */
export function checkChoices(table: TableDef, parsed: ParsedCreate): void {
    for (const [column, value] of Object.entries(parsed.values)) {
        const def = table.columns[column];
        if (def?.type !== "picklist" || typeof value !== "number" || !def.options) continue;
        if (!Object.prototype.hasOwnProperty.call(def.options, value)) {
            reject(PlatformErrors.picklistValueOutOfRange(table.logicalName, column, value, Object.keys(def.options).map(Number)));
        }
    }
}

/** The values a created record starts with: the platform's own, then the defaults of the columns the payload leaves out. */
export function defaultsOf(spec: WriteSpec): Record<string, unknown> {
    const out: Record<string, unknown> = { ...spec.initial };
    for (const [column, write] of Object.entries(spec.create)) {
        if ("default" in write) out[column] = write.default;
    }
    return out;
}
