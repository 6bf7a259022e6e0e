/**
 * The target table's columns for the header mapping and the value checks.
 *
 * Platform facts (docs/platform-contract.md, "Table metadata"):
 * - The supported way to read **every** column of a table with its type, required level, maximum length and
 *   choice labels is the Web API's table definitions: `EntityDefinitions(LogicalName='<table>')/Attributes`
 *   (with casts to StringAttributeMetadata and PicklistAttributeMetadata). `context.webAPI` does not serve
 *   them, so they are read through the `getJson` port (fetch on the organization's URL), where the host has it.
 * - `context.utils.getEntityMetadata(table, names)` returns metadata only for the attribute names passed, as a
 *   collection read with `get(name)` (model-driven: also `getByName(name)`). Where `getJson` is absent (no Xrm),
 *   names guessed from the headings are asked for, and the result is marked incomplete: a heading that matched
 *   nothing may still match a column whose logical name was not guessed.
 * - With `{ valueRules: true }` (the value checks, domain/csv/valueChecks.ts), nine more casts and the table's
 *   alternate keys are read in the same round trip: `…/Attributes/Microsoft.Dynamics.CRM.<Type>AttributeMetadata`
 *   for Memo (MaxLength), Integer, Decimal, Double, Money (MinValue, MaxValue, Precision), DateTime (Format,
 *   DateTimeBehavior), Boolean (OptionSet's TrueOption and FalseOption labels), Lookup (Targets), and
 *   `EntityDefinitions(LogicalName='<table>')/Keys` (KeyAttributes, EntityKeyIndexStatus); then one request for
 *   the PrimaryNameAttribute of the lookups' target tables (`EntityDefinitions?$select=…&$filter=LogicalName eq …`).
 *   A host that refuses one of these reads (400, 404) leaves that metadata out, and the check that needs it is
 *   skipped; any other failure fails the read like the three base reads (docs/research/value-checks.md).
 */
import type { TableColumn } from "../domain/csv";
import type { AlternateKey } from "../domain/csv/valueChecks";
import type { DataversePorts } from "./platform";
import { toFailure } from "./failures";

export type TableColumnsResult =
    | {
          status: "ok";
          table: string;
          columns: TableColumn[];
          /** False when the columns are only those whose logical names were guessed from the headers. */
          complete: boolean;
          /**
           * The table's alternate keys, when read (`{ valueRules: true }` and a host that answers `…/Keys`);
           * `[]` when the table has none, absent when they were not read.
           */
          alternateKeys?: AlternateKey[];
      }
    /** The file names no target table: nothing to map to. */
    | { status: "noTable" }
    /** The host answered, but no column could be read from its answer: the mapping could not be checked. */
    | { status: "unavailable"; table: string };

/** Logical names a header may stand for: "First Name" → "firstname"; "Address 1: City" → "address1city", "address1_city". */
export function candidateLogicalNames(headers: readonly string[]): string[] {
    const names = new Set<string>();
    for (const header of headers) {
        const lower = header.trim().toLowerCase();
        const compact = lower.replace(/[^a-z0-9]/g, "");
        if (compact) names.add(compact);
        // "Address 1: City" → address1_city: Dataverse's own composite names join the parts with "_".
        const parts = lower.split(/[^a-z0-9]*:[^a-z0-9]*/).map((p) => p.replace(/[^a-z0-9]/g, ""));
        if (parts.length > 1 && parts.every(Boolean)) names.add(parts.join("_"));
    }
    return [...names];
}

/** A metadata label: a string, or `{ UserLocalizedLabel: { Label } }` / `{ LocalizedLabels: [{ Label }] }`. */
function labelText(value: unknown): string {
    if (typeof value === "string") return value;
    if (typeof value !== "object" || value === null) return "";
    const label = value as { UserLocalizedLabel?: { Label?: unknown } | null; LocalizedLabels?: { Label?: unknown }[] };
    const user = label.UserLocalizedLabel?.Label;
    if (typeof user === "string") return user;
    const first = label.LocalizedLabels?.find((l) => typeof l?.Label === "string")?.Label;
    return typeof first === "string" ? first : "";
}

type Accessor = (name: string) => unknown;

/** The collection's by-name accessor (`get`, documented; then `getByName`), bound; null when it has neither. */
function byNameAccessor(attributes: object): Accessor | null {
    for (const key of ["get", "getByName"] as const) {
        const fn = (attributes as Record<string, unknown>)[key];
        if (typeof fn === "function") return (name) => (fn as (n: string) => unknown).call(attributes, name);
    }
    return null;
}

/**
 * The attribute objects of `Attributes` for `names`, whatever its shape: an array; a collection with
 * `forEach()` (documented) or `getAll()` (seen, undocumented); one read by name only (`get(name)`, documented;
 * `getByName(name)`); or a plain record keyed by logical name. An accessor that throws or answers nothing for a
 * name skips that name. A collection object's own fields are never read (they are the host's internals).
 */
export function attributeList(attributes: unknown, names: readonly string[]): unknown[] {
    if (attributes === null || attributes === undefined || typeof attributes !== "object") return [];
    if (Array.isArray(attributes)) return attributes as unknown[];
    const collection = attributes as { getAll?: unknown; forEach?: unknown };
    if (typeof collection.getAll === "function") {
        const all: unknown = (collection.getAll as () => unknown).call(attributes);
        if (Array.isArray(all)) return all as unknown[];
    }
    if (typeof collection.forEach === "function") {
        const items: unknown[] = [];
        (collection.forEach as (fn: (item: unknown) => void) => void).call(attributes, (item: unknown) => items.push(item));
        return items;
    }
    const get = byNameAccessor(attributes);
    if (get) {
        const items: unknown[] = [];
        for (const name of names) {
            try {
                const item = get(name);
                if (item) items.push(item);
            } catch {
                // An accessor that throws for an unknown name (some hosts do) means: no such column.
            }
        }
        return items;
    }
    if (Object.getPrototypeOf(attributes) !== Object.prototype) return [];
    return Object.values(attributes as Record<string, unknown>).filter((v) => typeof v === "object" && v !== null);
}

const REQUIRED_LEVELS = ["None", "SystemRequired", "ApplicationRequired", "Recommended"] as const;
type RequiredLevel = (typeof REQUIRED_LEVELS)[number];

/** RequiredLevel as the Web API (`{ Value: "ApplicationRequired" }`), Xrm (the string) or PCF (0–3) gives it. */
function requiredLevel(value: unknown): RequiredLevel | undefined {
    const raw = typeof value === "object" && value !== null ? (value as { Value?: unknown }).Value : value;
    if (typeof raw === "number") return REQUIRED_LEVELS[raw];
    return REQUIRED_LEVELS.find((l) => l.toLowerCase() === String(raw).toLowerCase());
}

/** AttributeType as the Web API gives it ("String") or Xrm's AttributeTypeCode number (14). */
const TYPE_CODES = ["Boolean", "Customer", "DateTime", "Decimal", "Double", "Integer", "Lookup", "Memo", "Money", "Owner", "PartyList", "Picklist", "State", "Status", "String", "Uniqueidentifier", "CalendarRules", "Virtual", "BigInt", "ManagedProperty", "EntityName"];
function attributeType(value: unknown): string | undefined {
    if (typeof value === "number") return TYPE_CODES[value];
    return typeof value === "string" && value ? value : undefined;
}

function toTableColumns(attributes: unknown, names: readonly string[]): TableColumn[] {
    const byName = new Map<string, TableColumn>();
    for (const item of attributeList(attributes, names)) {
        if (typeof item !== "object" || item === null) continue;
        const a = item as Record<string, unknown>;
        const logical = typeof a.LogicalName === "string" ? a.LogicalName : typeof a.logicalName === "string" ? a.logicalName : "";
        if (!logical || byName.has(logical)) continue;
        const column: TableColumn = { logicalName: logical, displayName: labelText(a.DisplayName ?? a.displayName) };
        const type = attributeType(a.AttributeType ?? a.attributeType);
        if (type) column.type = type;
        const level = requiredLevel(a.RequiredLevel ?? a.requiredLevel);
        if (level) column.requiredLevel = level;
        if (typeof a.MaxLength === "number") column.maxLength = a.MaxLength;
        if (typeof a.IsValidForCreate === "boolean") column.validForCreate = a.IsValidForCreate;
        Object.assign(column, numericRules(a), lookupRules(a));
        byName.set(logical, column);
    }
    return [...byName.values()];
}

/** OData string literal: quotes doubled. */
function literal(value: string): string {
    return `'${value.replace(/'/g, "''")}'`;
}

/** The three table-definition reads, relative to `<org>/api/data/v9.2/` (docs/platform-contract.md). */
export function tableDefinitionPaths(table: string): { attributes: string; strings: string; choices: string } {
    const base = `EntityDefinitions(LogicalName=${literal(table)})/Attributes`;
    return {
        attributes: `${base}?$select=LogicalName,AttributeType,DisplayName,RequiredLevel,IsValidForCreate,AttributeOf`,
        strings: `${base}/Microsoft.Dynamics.CRM.StringAttributeMetadata?$select=LogicalName,MaxLength`,
        choices: `${base}/Microsoft.Dynamics.CRM.PicklistAttributeMetadata?$select=LogicalName&$expand=OptionSet($select=Options)`,
    };
}

/** The reads `{ valueRules: true }` adds, relative to `<org>/api/data/v9.2/` (docs/research/value-checks.md). */
export function valueRulePaths(table: string): {
    memos: string;
    integers: string;
    decimals: string;
    doubles: string;
    money: string;
    dates: string;
    booleans: string;
    lookups: string;
    keys: string;
} {
    const entity = `EntityDefinitions(LogicalName=${literal(table)})`;
    const cast = (type: string, rest: string) => `${entity}/Attributes/Microsoft.Dynamics.CRM.${type}AttributeMetadata?${rest}`;
    return {
        memos: cast("Memo", "$select=LogicalName,MaxLength"),
        integers: cast("Integer", "$select=LogicalName,MinValue,MaxValue"),
        decimals: cast("Decimal", "$select=LogicalName,MinValue,MaxValue,Precision"),
        doubles: cast("Double", "$select=LogicalName,MinValue,MaxValue,Precision"),
        money: cast("Money", "$select=LogicalName,MinValue,MaxValue,Precision"),
        dates: cast("DateTime", "$select=LogicalName,Format,DateTimeBehavior"),
        booleans: cast("Boolean", "$select=LogicalName&$expand=OptionSet"),
        lookups: cast("Lookup", "$select=LogicalName,Targets"),
        keys: `${entity}/Keys?$select=LogicalName,DisplayName,KeyAttributes,EntityKeyIndexStatus`,
    };
}

/** At most this many tables are named in one primary-name read (keeps the URL short). */
const TABLES_PER_NAME_READ = 40;

/** The read of the primary name column of `tables` (one request; the caller splits long lists). */
export function primaryNamesPath(tables: readonly string[]): string {
    const filter = tables.map((t) => `LogicalName eq ${literal(t)}`).join(" or ");
    return `EntityDefinitions?$select=LogicalName,PrimaryNameAttribute&$filter=${filter}`;
}

function values(body: unknown): Record<string, unknown>[] {
    const list = (body as { value?: unknown } | null)?.value;
    return Array.isArray(list) ? list.filter((v): v is Record<string, unknown> => typeof v === "object" && v !== null) : [];
}

/** A number from the Web API: Edm.Int32/Int64/Double as a JSON number, Edm.Decimal as a number or a numeric string. */
function numberOf(value: unknown): number | undefined {
    if (typeof value === "number" && Number.isFinite(value)) return value;
    if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) return Number(value);
    return undefined;
}

/** MinValue, MaxValue and Precision of a numeric attribute, where the answer has them. */
function numericRules(a: Record<string, unknown>): Partial<TableColumn> {
    const out: Partial<TableColumn> = {};
    const minValue = numberOf(a.MinValue);
    const maxValue = numberOf(a.MaxValue);
    const precision = numberOf(a.Precision);
    if (minValue !== undefined) out.minValue = minValue;
    if (maxValue !== undefined) out.maxValue = maxValue;
    if (precision !== undefined && precision >= 0) out.precision = precision;
    return out;
}

/** Targets of a lookup attribute, where the answer has them. */
function lookupRules(a: Record<string, unknown>): Partial<TableColumn> {
    const targets = Array.isArray(a.Targets) ? a.Targets.filter((t): t is string => typeof t === "string" && t !== "") : [];
    return targets.length > 0 ? { targets } : {};
}

const DATE_FORMATS = ["DateOnly", "DateAndTime"] as const;
const DATE_BEHAVIORS = ["UserLocal", "DateOnly", "TimeZoneIndependent"] as const;

/** Format and DateTimeBehavior (`{ Value }`, or the bare string) of a DateTime attribute. */
function dateRules(a: Record<string, unknown>): Partial<TableColumn> {
    const out: Partial<TableColumn> = {};
    const format = DATE_FORMATS.find((f) => f === a.Format);
    const raw = typeof a.DateTimeBehavior === "object" && a.DateTimeBehavior !== null ? (a.DateTimeBehavior as { Value?: unknown }).Value : a.DateTimeBehavior;
    const behavior = DATE_BEHAVIORS.find((b) => b === raw);
    if (format) out.format = format;
    if (behavior) out.behavior = behavior;
    return out;
}

/** The labels of a Boolean attribute's OptionSet.TrueOption / FalseOption. */
function booleanRules(a: Record<string, unknown>): Partial<TableColumn> {
    type BooleanOptionSet = { TrueOption?: { Label?: unknown } | null; FalseOption?: { Label?: unknown } | null } | null;
    const set: BooleanOptionSet = typeof a.OptionSet === "object" ? a.OptionSet : null;
    const trueLabel = labelText(set?.TrueOption?.Label);
    const falseLabel = labelText(set?.FalseOption?.Label);
    return trueLabel && falseLabel ? { trueLabel, falseLabel } : {};
}

function alternateKeysOf(body: unknown): AlternateKey[] {
    return values(body).flatMap((k) => {
        const attributes = Array.isArray(k.KeyAttributes) ? k.KeyAttributes.filter((x): x is string => typeof x === "string" && x !== "") : [];
        if (typeof k.LogicalName !== "string" || attributes.length === 0) return [];
        const key: AlternateKey = { logicalName: k.LogicalName, displayName: labelText(k.DisplayName), attributes };
        if (typeof k.EntityKeyIndexStatus === "string") key.status = k.EntityKeyIndexStatus;
        return [key];
    });
}

/** A read the value rules can do without: null when the host refuses it (400, 404); other failures propagate. */
async function optionalRead(getJson: NonNullable<DataversePorts["getJson"]>, path: string): Promise<unknown> {
    try {
        return await getJson(path);
    } catch (error) {
        const failure = toFailure(error);
        if (failure.kind === "badRequest" || failure.kind === "notFound") return null;
        throw failure;
    }
}

/** Per logical name, what `pick` takes from each item of the collection `body`. */
function byLogicalName(body: unknown, pick: (a: Record<string, unknown>) => Partial<TableColumn>): Map<string, Partial<TableColumn>> {
    const out = new Map<string, Partial<TableColumn>>();
    for (const a of values(body)) {
        if (typeof a.LogicalName !== "string") continue;
        const rules = pick(a);
        if (Object.keys(rules).length > 0) out.set(a.LogicalName, { ...out.get(a.LogicalName), ...rules });
    }
    return out;
}

/** The primary name column of each of `tables` that the host answers for. */
async function primaryNames(getJson: NonNullable<DataversePorts["getJson"]>, tables: readonly string[]): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    for (let i = 0; i < tables.length; i += TABLES_PER_NAME_READ) {
        const body = await optionalRead(getJson, primaryNamesPath(tables.slice(i, i + TABLES_PER_NAME_READ)));
        for (const t of values(body)) {
            if (typeof t.LogicalName === "string" && typeof t.PrimaryNameAttribute === "string" && t.PrimaryNameAttribute) names.set(t.LogicalName, t.PrimaryNameAttribute);
        }
    }
    return names;
}

interface Definition {
    columns: TableColumn[];
    alternateKeys?: AlternateKey[];
}

/** Every column of the table from its Web API definition; AttributeOf columns (e.g. a lookup's name) left out. */
async function readDefinition(getJson: NonNullable<DataversePorts["getJson"]>, table: string, valueRules: boolean): Promise<Definition> {
    const paths = tableDefinitionPaths(table);
    const extra = valueRules ? valueRulePaths(table) : null;
    const [attributes, strings, choices, ...more] = await Promise.all([
        getJson(paths.attributes),
        getJson(paths.strings),
        getJson(paths.choices),
        ...(extra
            ? [extra.memos, extra.integers, extra.decimals, extra.doubles, extra.money, extra.dates, extra.booleans, extra.lookups, extra.keys].map((p) => optionalRead(getJson, p))
            : []),
    ]);
    const maxLength = new Map(values(strings).map((s) => [s.LogicalName, s.MaxLength]));
    const options = new Map(
        values(choices).map((c) => {
            const list = (c.OptionSet as { Options?: unknown } | null)?.Options;
            const parsed = (Array.isArray(list) ? list : []).map((o: { Value?: unknown; Label?: unknown }) => ({ value: Number(o.Value), label: labelText(o.Label) }));
            return [c.LogicalName, parsed.filter((o) => Number.isFinite(o.value))];
        }),
    );
    const own = values(attributes).filter((a) => !a.AttributeOf);
    let columns = toTableColumns(own, []).map((column) => {
        const length = maxLength.get(column.logicalName);
        const choices = options.get(column.logicalName);
        return { ...column, ...(typeof length === "number" ? { maxLength: length } : {}), ...(choices ? { choices } : {}) };
    });
    if (!extra) return { columns };

    const [memos, integers, decimals, doubles, money, dates, booleans, lookups, keys] = more;
    const rules = [
        byLogicalName(memos, (a) => (typeof a.MaxLength === "number" ? { maxLength: a.MaxLength } : {})),
        byLogicalName(integers, numericRules),
        byLogicalName(decimals, numericRules),
        byLogicalName(doubles, numericRules),
        byLogicalName(money, numericRules),
        byLogicalName(dates, dateRules),
        byLogicalName(booleans, booleanRules),
        byLogicalName(lookups, lookupRules),
    ];
    columns = columns.map((column) => Object.assign({}, column, ...rules.map((r) => r.get(column.logicalName) ?? {})) as TableColumn);

    // The tables the lookups point to (those a file can set), and the column each is matched on.
    const targets = [...new Set(columns.filter((c) => c.validForCreate !== false).flatMap((c) => c.targets ?? []))].sort();
    if (targets.length > 0) {
        const names = await primaryNames(getJson, targets);
        columns = columns.map((column) => {
            const known = (column.targets ?? []).filter((t) => names.has(t));
            return known.length > 0 ? { ...column, targetPrimaryNames: Object.fromEntries(known.map((t) => [t, names.get(t)!])) } : column;
        });
    }
    return keys === null || keys === undefined ? { columns } : { columns, alternateKeys: alternateKeysOf(keys) };
}

export interface TableColumnsOptions {
    /**
     * Also read what the value checks need (ranges, precision, date formats, yes/no labels, memo lengths, lookup
     * targets and their primary name columns, alternate keys): 9 more requests in the same round trip, and one
     * after them for the lookups' target tables. Off by default (the heading map needs none of it).
     */
    valueRules?: boolean;
}

/**
 * The columns of `table` the headers could map to. Resolves `{ status: "noTable" }` when `table` is empty,
 * `{ status: "unavailable" }` when the host's answer holds no readable column; rejects with a DataverseFailure
 * when the platform does.
 */
export async function readTableColumns(
    ports: Pick<DataversePorts, "getEntityMetadata" | "getJson">,
    table: string | null | undefined,
    headers: readonly string[],
    options: TableColumnsOptions = {},
): Promise<TableColumnsResult> {
    const name = (table ?? "").trim();
    if (!name) return { status: "noTable" };
    const complete = !!ports.getJson;
    let columns: TableColumn[];
    let alternateKeys: AlternateKey[] | undefined;
    try {
        if (ports.getJson) ({ columns, alternateKeys } = await readDefinition(ports.getJson, name, options.valueRules === true));
        else {
            const candidates = candidateLogicalNames(headers);
            const metadata = await ports.getEntityMetadata(name, candidates);
            columns = toTableColumns(metadata?.Attributes, candidates);
        }
    } catch (error) {
        throw toFailure(error);
    }
    // Nothing readable came back (an unknown collection shape, or no guess matched): the check did not run,
    // which is not the same as "no heading has a column".
    if (columns.length === 0) return { status: "unavailable", table: name };
    return alternateKeys ? { status: "ok", table: name, columns, complete, alternateKeys } : { status: "ok", table: name, columns, complete };
}

/**
 * readTableColumns with a cache per table: a complete answer is read once per table for the control's life;
 * an incomplete one (it depends on the headings) and failures are not kept.
 */
export function createTableColumnsReader(ports: Pick<DataversePorts, "getEntityMetadata" | "getJson">, options: TableColumnsOptions = {}) {
    const complete = new Map<string, Promise<TableColumnsResult>>();
    return (table: string | null | undefined, headers: readonly string[]): Promise<TableColumnsResult> => {
        const key = (table ?? "").trim().toLowerCase();
        const cached = complete.get(key);
        if (cached) return cached;
        const read = readTableColumns(ports, table, headers, options);
        if (ports.getJson && key) {
            complete.set(key, read);
            // Kept when ok (with getJson, ok is complete). The caller gets a rejection; the cache only
            // forgets it, so a retry asks again.
            const forget = () => complete.delete(key);
            void read.then((result) => result.status === "ok" || forget(), forget);
        }
        return read;
    };
}
