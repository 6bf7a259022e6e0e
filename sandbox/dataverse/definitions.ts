/**
 * Table definitions through the Web API, for `ports().getJson(path)`: the GET paths below, relative to
 * `<org>/api/data/v9.2/`. The tables (entityDefinitions) are every table metadata.ts describes; the attributes are
 * those of its target tables (contact, account, lead).
 *
 *   EntityDefinitions?$select=LogicalName,DisplayName,EntitySetName,IsImportable,ObjectTypeCode&$filter=IsImportable eq true
 *   EntityDefinitions(LogicalName='contact')/Attributes?$select=LogicalName,AttributeType,DisplayName,RequiredLevel,IsValidForCreate,AttributeOf
 *   EntityDefinitions(LogicalName='contact')/Attributes/Microsoft.Dynamics.CRM.StringAttributeMetadata?$select=LogicalName,MaxLength
 *   EntityDefinitions(LogicalName='contact')/Attributes/Microsoft.Dynamics.CRM.PicklistAttributeMetadata?$select=LogicalName&$expand=OptionSet($select=Options)
 *   EntityDefinitions(LogicalName='account')/Attributes/Microsoft.Dynamics.CRM.<Type>AttributeMetadata?$select=…
 *       (Memo, Integer, BigInt, Decimal, Double, Money, DateTime, Lookup; Boolean with $expand=OptionSet or
 *       OptionSet($select=TrueOption,FalseOption))
 *   EntityDefinitions(LogicalName='account')/Keys?$select=LogicalName,DisplayName,KeyAttributes,EntityKeyIndexStatus
 *
 * Shapes as documented in "Query table definitions using the Web API"
 * (https://learn.microsoft.com/en-us/power-apps/developer/data-platform/webapi/query-metadata-web-api;
 * MicrosoftDocs/powerapps-docs, powerapps-docs/developer/data-platform/webapi/query-metadata-web-api.md):
 * a collection answers `{ "@odata.context", "value": [...] }`; `MetadataId` is always returned; a cast
 * (`Attributes/Microsoft.Dynamics.CRM.PicklistAttributeMetadata`) is how a type's own properties (MaxLength,
 * OptionSet) are read; `OptionSet` is expanded to `{ Options: [{ Value, Label: { LocalizedLabels, UserLocalizedLabel },
 * Description, Color, IsManaged, MetadataId, HasChanged }], MetadataId }`; labels are
 * `{ LocalizedLabels: [{ Label, LanguageCode, IsManaged, MetadataId, HasChanged }], UserLocalizedLabel }`;
 * `RequiredLevel` is an AttributeRequiredLevelManagedProperty `{ Value, CanBeChanged, ManagedPropertyLogicalName }`.
 * Items of a derived type carry `"@odata.type": "#Microsoft.Dynamics.CRM.StringAttributeMetadata"` (OData's minimal
 * metadata; seen in public Web API responses).
 *
 * The value-rule casts (docs/research/value-checks.md): each type's own properties as its Web API EntityType reference
 * lists them (https://learn.microsoft.com/power-apps/developer/data-platform/webapi/reference/<type>attributemetadata):
 * IntegerAttributeMetadata MinValue/MaxValue (Edm.Int32; defaults −2147483648 and 2147483647, IntegerAttributeMetadata
 * class) and Format ("None"); BigIntAttributeMetadata MinValue/MaxValue (Edm.Int64); DecimalAttributeMetadata and
 * DoubleAttributeMetadata MinValue/MaxValue/Precision; MoneyAttributeMetadata MinValue/MaxValue (Edm.Double),
 * Precision, PrecisionSource; DateTimeAttributeMetadata Format (DateTimeFormat enum, as its member name: "DateOnly",
 * "DateAndTime") and DateTimeBehavior (complex type `{ Value: "UserLocal" | "DateOnly" | "TimeZoneIndependent" }`);
 * LookupAttributeMetadata Targets (Collection(Edm.String); Lookup, Customer and Owner attributes are all of this type);
 * BooleanAttributeMetadata's OptionSet (BooleanOptionSetMetadata) with TrueOption and FalseOption (OptionMetadata:
 * `{ Value, Label, … }`, Value 1 and 0). `EntityDefinitions(…)/Keys` is EntityMetadata's Keys collection-valued
 * navigation property (EntityKeyMetadata: LogicalName, SchemaName, DisplayName, EntityLogicalName, KeyAttributes
 * Collection(Edm.String), EntityKeyIndexStatus enum "Pending" | "InProgress" | "Active" | "Failed"), queried "just
 * like the Attributes collection-valued navigation property" (same page, relationships). Assumed: a Decimal/Double/
 * Money attribute without a modelled range answers null; OptionSet's Name and IsGlobal for booleans (`<table>_<column>`,
 * false), a key's `@odata.type` (none: Keys has one type).
 *
 * The table list: "You can use any of the EntityMetadata properties with $select system query options and you can use
 * $filter on any properties which use primitive or enumeration values"; "There is no paging. All matching resources
 * will be returned in the first response"; `MetadataId` is always returned (same page). `$filter` is read with odata.ts's
 * parser (eq/ne/gt/ge/lt/le, and/or/not) over the primitive properties the fake models; Label properties
 * (DisplayName) cannot be filtered on ("this does not work on properties of Label ComplexType"). Assumed: the order of
 * the list (the fake sorts by LogicalName) and the SchemaName of each table (privileges.ts, TableSchemaNames).
 *
 * Assumed (not documented): the exact `@odata.context` text of these collections, no per-item
 * `OptionSet@odata.context`, `CanBeChanged` (false for SystemRequired, true otherwise), the
 * ManagedPropertyLogicalName "canmodifyrequirementlevelsettings", and the lookups' `<name>name` companions
 * (String, AttributeOf the lookup, MaxLength 160) and `<name>type` (EntityName) for Customer/Owner columns.
 *
 * Anything else is refused with a 400 that says what the fake takes (a whitelist, parsed with URL and
 * URLSearchParams; this is not an OData parser).
 */
import { FakeRejection, PlatformErrors } from "./errors";
import { stableGuid } from "./ids";
import {
    AttributeTypeCode,
    AttributeTypeNames,
    tableDefinitions,
    targetAttributes,
    targetKeys,
    type FakeAttributeMetadata,
    type FakeEntityKey,
    type FakeOption,
    type TableDefinition,
} from "./metadata";
import { FAKE_API_URL, matches, parseFilter } from "./odata";
import { TableSchemaNames } from "./privileges";
import { tableByLogicalName, type TableDef } from "./schema";

const LANGUAGE = 1033;

/** A definition attribute: a target attribute, or a companion the platform adds (`parentcustomeridname`). */
interface DefinitionAttribute {
    LogicalName: string;
    /** The Web API AttributeType ("String", "Lookup", "EntityName"). */
    AttributeType: string;
    /** "" for companions (no display name). */
    DisplayName: string;
    EntityLogicalName: string;
    RequiredLevel: string;
    IsValidForCreate: boolean;
    AttributeOf: string | null;
    MaxLength?: number;
    Options?: readonly FakeOption[];
    MinValue?: number;
    MaxValue?: number;
    Precision?: number;
    PrecisionSource?: number;
    Targets?: string[];
    Format?: string;
    DateTimeBehavior?: string;
    TrueLabel?: string;
    FalseLabel?: string;
}

/** Web API metadata types of the attribute types (the @odata.type of each item). */
const metadataTypes: Record<string, string> = {
    Boolean: "BooleanAttributeMetadata",
    Customer: "LookupAttributeMetadata",
    DateTime: "DateTimeAttributeMetadata",
    Decimal: "DecimalAttributeMetadata",
    Double: "DoubleAttributeMetadata",
    Integer: "IntegerAttributeMetadata",
    Lookup: "LookupAttributeMetadata",
    Memo: "MemoAttributeMetadata",
    Money: "MoneyAttributeMetadata",
    Owner: "LookupAttributeMetadata",
    Picklist: "PicklistAttributeMetadata",
    State: "StateAttributeMetadata",
    Status: "StatusAttributeMetadata",
    String: "StringAttributeMetadata",
    Uniqueidentifier: "UniqueIdentifierAttributeMetadata",
    BigInt: "BigIntAttributeMetadata",
    EntityName: "EntityNameAttributeMetadata",
};

function fromTarget(x: FakeAttributeMetadata): DefinitionAttribute {
    const d: DefinitionAttribute = {
        LogicalName: x.LogicalName,
        AttributeType: AttributeTypeNames[x.AttributeType],
        DisplayName: x.DisplayName,
        EntityLogicalName: x.EntityLogicalName,
        RequiredLevel: x.RequiredLevel,
        IsValidForCreate: x.IsValidForCreate ?? true,
        AttributeOf: null,
    };
    if (x.MaxLength !== undefined) d.MaxLength = x.MaxLength;
    if (x.Options) d.Options = x.Options;
    for (const k of ["MinValue", "MaxValue", "Precision", "PrecisionSource", "Format", "DateTimeBehavior", "TrueLabel", "FalseLabel"] as const) {
        if (x[k] !== undefined) (d as unknown as Record<string, unknown>)[k] = x[k];
    }
    if (x.Targets) d.Targets = x.Targets.slice();
    return d;
}

/** Every attribute of `entity` as the definitions list it: the target's own plus the lookups' companions. */
function definitionAttributes(entity: string): DefinitionAttribute[] | undefined {
    const own = targetAttributes(entity);
    if (!own) return undefined;
    const out: DefinitionAttribute[] = [];
    for (const x of own) {
        out.push(fromTarget(x));
        const lookup = [AttributeTypeCode.Lookup, AttributeTypeCode.Customer, AttributeTypeCode.Owner].includes(x.AttributeType as 6 | 1 | 9);
        if (!lookup) continue;
        const companion = { DisplayName: "", EntityLogicalName: entity, RequiredLevel: "None", IsValidForCreate: false, AttributeOf: x.LogicalName };
        out.push({ ...companion, LogicalName: `${x.LogicalName}name`, AttributeType: "String", MaxLength: 160 });
        if (x.AttributeType !== AttributeTypeCode.Lookup) out.push({ ...companion, LogicalName: `${x.LogicalName}type`, AttributeType: "EntityName" });
    }
    return out;
}

function localizedLabel(text: string, key: string): Record<string, unknown> {
    return { Label: text, LanguageCode: LANGUAGE, IsManaged: true, MetadataId: stableGuid(`label:${key}`), HasChanged: null };
}

/** A Label: `{ LocalizedLabels, UserLocalizedLabel }` (empty: `{ LocalizedLabels: [], UserLocalizedLabel: null }`). */
function label(text: string, key: string): Record<string, unknown> {
    if (!text) return { LocalizedLabels: [], UserLocalizedLabel: null };
    return { LocalizedLabels: [localizedLabel(text, key)], UserLocalizedLabel: localizedLabel(text, key) };
}

function metadataId(a: DefinitionAttribute): string {
    return stableGuid(`attribute:${a.EntityLogicalName}.${a.LogicalName}`);
}

function optionSetId(a: DefinitionAttribute): string {
    return stableGuid(`optionset:${a.EntityLogicalName}.${a.LogicalName}`);
}

/** The properties each query can $select, by what the fake models. */
const baseProperties: Record<string, (a: DefinitionAttribute) => unknown> = {
    LogicalName: (a) => a.LogicalName,
    AttributeType: (a) => a.AttributeType,
    DisplayName: (a) => label(a.DisplayName, `${a.EntityLogicalName}.${a.LogicalName}`),
    RequiredLevel: (a) => ({
        Value: a.RequiredLevel,
        CanBeChanged: a.RequiredLevel !== "SystemRequired",
        ManagedPropertyLogicalName: "canmodifyrequirementlevelsettings",
    }),
    IsValidForCreate: (a) => a.IsValidForCreate,
    AttributeOf: (a) => a.AttributeOf,
    EntityLogicalName: (a) => a.EntityLogicalName,
    MetadataId: (a) => metadataId(a),
};

interface CastDef {
    /** The AttributeTypes the cast keeps. */
    types: readonly string[];
    /** Properties of the derived type (besides the base ones). */
    properties: Record<string, (a: DefinitionAttribute) => unknown>;
    /** The navigation property $expand takes, and the properties its $select may name. */
    expand?: { name: "OptionSet"; select: readonly string[] };
}

const INT32 = { min: -2147483648, max: 2147483647 };
/** Int64's bounds, as JSON numbers (the nearest doubles). */
const INT64 = { min: -(2 ** 63), max: 2 ** 63 - 1 };

const casts: Record<string, CastDef> = {
    StringAttributeMetadata: { types: ["String"], properties: { MaxLength: (a) => a.MaxLength ?? null } },
    MemoAttributeMetadata: { types: ["Memo"], properties: { MaxLength: (a) => a.MaxLength ?? null } },
    PicklistAttributeMetadata: { types: ["Picklist"], properties: {}, expand: { name: "OptionSet", select: ["Options"] } },
    IntegerAttributeMetadata: {
        types: ["Integer"],
        properties: { MinValue: (a) => a.MinValue ?? INT32.min, MaxValue: (a) => a.MaxValue ?? INT32.max, Format: () => "None" },
    },
    BigIntAttributeMetadata: { types: ["BigInt"], properties: { MinValue: (a) => a.MinValue ?? INT64.min, MaxValue: (a) => a.MaxValue ?? INT64.max } },
    DecimalAttributeMetadata: {
        types: ["Decimal"],
        properties: { MinValue: (a) => a.MinValue ?? null, MaxValue: (a) => a.MaxValue ?? null, Precision: (a) => a.Precision ?? null },
    },
    DoubleAttributeMetadata: {
        types: ["Double"],
        properties: { MinValue: (a) => a.MinValue ?? null, MaxValue: (a) => a.MaxValue ?? null, Precision: (a) => a.Precision ?? null },
    },
    MoneyAttributeMetadata: {
        types: ["Money"],
        properties: {
            MinValue: (a) => a.MinValue ?? null,
            MaxValue: (a) => a.MaxValue ?? null,
            Precision: (a) => a.Precision ?? null,
            PrecisionSource: (a) => a.PrecisionSource ?? null,
        },
    },
    DateTimeAttributeMetadata: {
        types: ["DateTime"],
        properties: { Format: (a) => a.Format ?? "DateAndTime", DateTimeBehavior: (a) => ({ Value: a.DateTimeBehavior ?? "UserLocal" }) },
    },
    BooleanAttributeMetadata: { types: ["Boolean"], properties: {}, expand: { name: "OptionSet", select: ["TrueOption", "FalseOption"] } },
    LookupAttributeMetadata: { types: ["Lookup", "Customer", "Owner"], properties: { Targets: (a) => (a.Targets ?? []).slice() } },
};

function bad(message: string): never {
    throw new FakeRejection(PlatformErrors.unsupportedRequest(message));
}

const EXAMPLES =
    "The fake Dataverse answers, relative to <org>/api/data/v9.2/: " +
    "EntityDefinitions?$select=…&$filter=…, " +
    "EntityDefinitions(LogicalName='<table>')/Attributes?$select=…, " +
    "EntityDefinitions(LogicalName='<table>')/Attributes/Microsoft.Dynamics.CRM.<Type>AttributeMetadata?$select=… " +
    "(String, Memo, Integer, BigInt, Decimal, Double, Money, DateTime, Lookup; Picklist and Boolean also with $expand=OptionSet), " +
    "EntityDefinitions(LogicalName='<table>')/Keys?$select=….";

function parseSelect(value: string, allowed: readonly string[], typeName: string): string[] {
    const names = value.split(",").map((n) => n.trim());
    if (names.some((n) => n === "")) bad(`$select has an empty property name: '${value}'.`);
    for (const n of names) {
        if (n === "OptionSet") bad(`OptionSet is a navigation property: ask for it with $expand=OptionSet($select=Options), not in $select.`);
        if (!allowed.includes(n)) {
            bad(`Could not find a property named '${n}' on type 'Microsoft.Dynamics.CRM.${typeName}'. The fake Dataverse models ${allowed.join(", ")}.`);
        }
    }
    return [...new Set(names)];
}

/** What `getJson(path)` resolves with, or throws a FakeRejection (404 unknown table, 400 anything unsupported). */
export function answerGetJson(path: unknown): unknown {
    if (typeof path !== "string" || path.trim() === "") bad(`getJson takes a path string; got ${JSON.stringify(path)}. ${EXAMPLES}`);
    const text = path;
    if (/^[a-z][a-z0-9+.-]*:/i.test(text) || text.startsWith("/")) {
        bad(`getJson takes a path relative to <org>/api/data/v9.2/ (no scheme, host or leading '/'); got '${text}'. ${EXAMPLES}`);
    }
    const base = `${FAKE_API_URL}/`;
    const url = new URL(text, base);
    if (!url.href.startsWith(base)) bad(`The path '${text}' leaves <org>/api/data/v9.2/. ${EXAMPLES}`);
    if (url.hash) bad(`The path '${text}' has a fragment. ${EXAMPLES}`);
    let resource: string;
    try {
        resource = decodeURIComponent(url.pathname.slice(new URL(base).pathname.length));
    } catch {
        return bad(`The path '${text}' is not validly percent-encoded.`);
    }

    if (resource === "EntityDefinitions") return answerEntityDefinitions(new URLSearchParams(url.search));

    const keysPath = /^EntityDefinitions\(LogicalName='([^']*)'\)\/Keys$/.exec(resource);
    if (keysPath) return answerKeys(keysPath[1], new URLSearchParams(url.search));

    const m = /^EntityDefinitions\(LogicalName='([^']*)'\)\/Attributes(?:\/Microsoft\.Dynamics\.CRM\.(\w+))?$/.exec(resource);
    if (!m) bad(`The fake Dataverse does not answer '${resource}'. ${EXAMPLES}`);
    const [, logicalName, castName] = m;
    let cast: CastDef | undefined;
    if (castName !== undefined) {
        if (!Object.prototype.hasOwnProperty.call(casts, castName)) {
            bad(`The fake Dataverse casts Attributes only to ${Object.keys(casts).map((c) => `Microsoft.Dynamics.CRM.${c}`).join(", ")}; got '${castName}'.`);
        }
        cast = casts[castName];
    }

    const params = new URLSearchParams(url.search);
    const seen = new Set<string>();
    for (const key of params.keys()) {
        if (seen.has(key)) bad(`The query option '${key}' is given twice.`);
        seen.add(key);
        const allowed = cast?.expand ? ["$select", "$expand"] : ["$select"];
        if (!allowed.includes(key)) {
            bad(`The fake Dataverse does not take '${key}' on ${castName ? `Attributes/Microsoft.Dynamics.CRM.${castName}` : "Attributes"}; it takes ${allowed.join(" and ")}.`);
        }
    }

    const attributes = definitionAttributes(logicalName);
    if (!attributes) {
        if (tableByLogicalName(logicalName)) {
            bad(`The fake Dataverse has table definitions for contact, account and lead only; not for '${logicalName}'.`);
        }
        throw new FakeRejection(PlatformErrors.unknownEntityDefinition(logicalName));
    }

    const typeName = castName ?? "AttributeMetadata";
    const properties = { ...baseProperties, ...(cast?.properties ?? {}) };
    const selectText = params.get("$select");
    const select = selectText === null ? null : parseSelect(selectText, Object.keys(properties), typeName);

    /** $expand=OptionSet: null (not asked), "all", or the OptionSet properties its $select names. */
    let expand: "all" | string[] | null = null;
    const expandText = params.get("$expand");
    if (expandText !== null && cast?.expand) {
        const e = expandText.replace(/\s+/g, "");
        const inner = /^OptionSet\(\$select=([^)]*)\)$/.exec(e);
        const forms = `$expand=OptionSet or $expand=OptionSet($select=${cast.expand.select.join(",")})`;
        if (e === "OptionSet") expand = "all";
        else if (inner) {
            const names = inner[1].split(",");
            if (names.some((n) => !cast.expand!.select.includes(n))) bad(`The fake Dataverse takes ${forms} on ${castName}; got '${expandText}'.`);
            expand = [...new Set(names)];
        } else bad(`The fake Dataverse takes ${forms} on ${castName}; got '${expandText}'.`);
    }

    const rows = attributes.filter((a) => !cast || cast.types.includes(a.AttributeType));
    const names = select ?? Object.keys(properties);
    const value = rows.map((a) => {
        const item: Record<string, unknown> = { "@odata.type": `#Microsoft.Dynamics.CRM.${metadataTypes[a.AttributeType] ?? "AttributeMetadata"}` };
        for (const n of names) item[n] = properties[n](a);
        item.MetadataId = metadataId(a);
        if (expand) item.OptionSet = a.AttributeType === "Boolean" ? booleanOptionSet(a, expand) : picklistOptionSet(a, expand);
        return item;
    });

    const shown = [...(select ?? []), ...(expand ? [expand === "all" ? "OptionSet" : `OptionSet(${expand.join(",")})`] : [])];
    const context =
        `${FAKE_API_URL}/$metadata#EntityDefinitions('${logicalName}')/Attributes` +
        (castName ? `/Microsoft.Dynamics.CRM.${castName}` : "") +
        (shown.length > 0 ? `(${shown.join(",")})` : "");
    return { "@odata.context": context, value };
}

/** An option (OptionMetadata) as the Web API gives it inside an expanded OptionSet. */
function option(a: DefinitionAttribute, value: number, text: string): Record<string, unknown> {
    return {
        Value: value,
        Label: label(text, `${a.EntityLogicalName}.${a.LogicalName}.${value}`),
        Description: { LocalizedLabels: [], UserLocalizedLabel: null },
        Color: null,
        IsManaged: true,
        MetadataId: null,
        HasChanged: null,
    };
}

function picklistOptionSet(a: DefinitionAttribute, expand: "all" | string[]): Record<string, unknown> {
    const options = (a.Options ?? []).map((o) => option(a, o.Value, o.Label));
    if (expand !== "all") return { Options: options, MetadataId: optionSetId(a) };
    return { Options: options, Name: `${a.EntityLogicalName}_${a.LogicalName}`, IsGlobal: false, OptionSetType: "Picklist", MetadataId: optionSetId(a) };
}

/** BooleanOptionSetMetadata: TrueOption (Value 1) and FalseOption (Value 0). */
function booleanOptionSet(a: DefinitionAttribute, expand: "all" | string[]): Record<string, unknown> {
    const all: Record<string, unknown> = {
        TrueOption: option(a, 1, a.TrueLabel ?? "Yes"),
        FalseOption: option(a, 0, a.FalseLabel ?? "No"),
    };
    if (expand !== "all") return { ...Object.fromEntries(expand.map((n) => [n, all[n]])), MetadataId: optionSetId(a) };
    return { ...all, Name: `${a.EntityLogicalName}_${a.LogicalName}`, IsGlobal: false, OptionSetType: "Boolean", MetadataId: optionSetId(a) };
}

// ---------------------------------------------------------------- alternate keys (EntityDefinitions(…)/Keys)

/** The EntityKeyMetadata properties the fake models, by name. */
const keyProperties: Record<string, (k: FakeEntityKey, entity: string) => unknown> = {
    LogicalName: (k) => k.LogicalName,
    SchemaName: (k) => k.SchemaName,
    DisplayName: (k, entity) => label(k.DisplayName, `key:${entity}.${k.LogicalName}`),
    EntityLogicalName: (_k, entity) => entity,
    KeyAttributes: (k) => k.KeyAttributes.slice(),
    EntityKeyIndexStatus: (k) => k.EntityKeyIndexStatus,
    MetadataId: (k, entity) => stableGuid(`key:${entity}.${k.LogicalName}`),
};

/** `EntityDefinitions(LogicalName='<table>')/Keys?$select=…`: the table's alternate keys, `{ "@odata.context", value }`. */
function answerKeys(logicalName: string, params: URLSearchParams): unknown {
    const seen = new Set<string>();
    for (const key of params.keys()) {
        if (seen.has(key)) bad(`The query option '${key}' is given twice.`);
        seen.add(key);
        if (key !== "$select") bad(`The fake Dataverse does not take '${key}' on Keys; it takes $select.`);
    }
    const keys = targetKeys(logicalName);
    if (!keys) {
        if (tableByLogicalName(logicalName)) bad(`The fake Dataverse has table definitions for contact, account and lead only; not for '${logicalName}'.`);
        throw new FakeRejection(PlatformErrors.unknownEntityDefinition(logicalName));
    }
    const selectText = params.get("$select");
    const select = selectText === null ? null : parseSelect(selectText, Object.keys(keyProperties), "EntityKeyMetadata");
    const names = select ?? Object.keys(keyProperties);
    const value = keys.map((k) => {
        const item: Record<string, unknown> = {};
        for (const n of names) item[n] = keyProperties[n](k, logicalName);
        item.MetadataId = keyProperties.MetadataId(k, logicalName);
        return item;
    });
    const context = `${FAKE_API_URL}/$metadata#EntityDefinitions('${logicalName}')/Keys` + (select ? `(${select.join(",")})` : "");
    return { "@odata.context": context, value };
}

// ---------------------------------------------------------------- the tables (EntityDefinitions)

/** The primitive EntityMetadata properties the fake models, as a table odata.ts's $filter parser can check against. */
const ENTITY_METADATA: TableDef = {
    logicalName: "EntityMetadata",
    entitySetName: "EntityDefinitions",
    primaryId: "MetadataId",
    primaryName: null,
    columns: {
        MetadataId: { type: "guid" },
        LogicalName: { type: "string" },
        SchemaName: { type: "string" },
        EntitySetName: { type: "string" },
        PrimaryIdAttribute: { type: "string" },
        PrimaryNameAttribute: { type: "string" },
        ObjectTypeCode: { type: "int" },
        IsImportable: { type: "boolean" },
    },
};

function tableMetadataId(t: TableDefinition): string {
    return stableGuid(`entity:${t.LogicalName}`);
}

/** The EntityMetadata properties each table definition answers, by name. */
const entityProperties: Record<string, (t: TableDefinition) => unknown> = {
    LogicalName: (t) => t.LogicalName,
    SchemaName: (t) => TableSchemaNames[t.LogicalName] ?? t.LogicalName,
    DisplayName: (t) => label(t.DisplayName, `entity:${t.LogicalName}`),
    DisplayCollectionName: (t) => label(t.DisplayCollectionName, `entity:${t.LogicalName}:collection`),
    EntitySetName: (t) => t.EntitySetName,
    PrimaryIdAttribute: (t) => t.PrimaryIdAttribute,
    PrimaryNameAttribute: (t) => t.PrimaryNameAttribute || null,
    ObjectTypeCode: (t) => t.ObjectTypeCode,
    IsImportable: (t) => t.IsImportable,
    MetadataId: (t) => tableMetadataId(t),
};

/** The primitive values of a table definition, for $filter. */
function filterRow(t: TableDefinition): Record<string, unknown> {
    const row: Record<string, unknown> = {};
    for (const name of Object.keys(ENTITY_METADATA.columns)) row[name] = entityProperties[name](t);
    return row;
}

/** `EntityDefinitions?$select=…&$filter=…`: the list, `{ "@odata.context", value }`. */
function answerEntityDefinitions(params: URLSearchParams): unknown {
    const seen = new Set<string>();
    const allowed = ["$select", "$filter"];
    for (const key of params.keys()) {
        if (seen.has(key)) bad(`The query option '${key}' is given twice.`);
        seen.add(key);
        if (!allowed.includes(key)) bad(`The fake Dataverse does not take '${key}' on EntityDefinitions; it takes ${allowed.join(" and ")}.`);
    }
    const selectText = params.get("$select");
    const select = selectText === null ? null : parseSelect(selectText, Object.keys(entityProperties), "EntityMetadata");
    const names = select ?? Object.keys(entityProperties);
    const shape = (t: TableDefinition): Record<string, unknown> => {
        const item: Record<string, unknown> = {};
        for (const n of names) item[n] = entityProperties[n](t);
        item.MetadataId = tableMetadataId(t);
        return item;
    };
    const context = `${FAKE_API_URL}/$metadata#EntityDefinitions` + (select ? `(${select.join(",")})` : "");
    const tables = tableDefinitions();
    const filterText = params.get("$filter");
    const filter = filterText === null ? null : parseFilter(ENTITY_METADATA, filterText);
    const rows = tables
        .filter((t) => !filter || matches(ENTITY_METADATA, filterRow(t), filter))
        .sort((a, b) => (a.LogicalName < b.LogicalName ? -1 : a.LogicalName > b.LogicalName ? 1 : 0));
    return { "@odata.context": context, value: rows.map(shape) };
}
