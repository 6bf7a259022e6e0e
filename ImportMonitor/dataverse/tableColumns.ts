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
 */
import type { TableColumn } from "../domain/csv";
import type { DataversePorts } from "./platform";
import { toFailure } from "./failures";

export type TableColumnsResult =
    | {
          status: "ok";
          table: string;
          columns: TableColumn[];
          /** False when the columns are only those whose logical names were guessed from the headers. */
          complete: boolean;
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

function values(body: unknown): Record<string, unknown>[] {
    const list = (body as { value?: unknown } | null)?.value;
    return Array.isArray(list) ? list.filter((v): v is Record<string, unknown> => typeof v === "object" && v !== null) : [];
}

/** Every column of the table from its Web API definition; AttributeOf columns (e.g. a lookup's name) left out. */
async function readDefinition(getJson: NonNullable<DataversePorts["getJson"]>, table: string): Promise<TableColumn[]> {
    const paths = tableDefinitionPaths(table);
    const [attributes, strings, choices] = await Promise.all([getJson(paths.attributes), getJson(paths.strings), getJson(paths.choices)]);
    const maxLength = new Map(values(strings).map((s) => [s.LogicalName, s.MaxLength]));
    const options = new Map(
        values(choices).map((c) => {
            const list = (c.OptionSet as { Options?: unknown } | null)?.Options;
            const parsed = (Array.isArray(list) ? list : []).map((o: { Value?: unknown; Label?: unknown }) => ({ value: Number(o.Value), label: labelText(o.Label) }));
            return [c.LogicalName, parsed.filter((o) => Number.isFinite(o.value))];
        }),
    );
    const own = values(attributes).filter((a) => !a.AttributeOf);
    return toTableColumns(own, []).map((column) => {
        const length = maxLength.get(column.logicalName);
        const choices = options.get(column.logicalName);
        return { ...column, ...(typeof length === "number" ? { maxLength: length } : {}), ...(choices ? { choices } : {}) };
    });
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
): Promise<TableColumnsResult> {
    const name = (table ?? "").trim();
    if (!name) return { status: "noTable" };
    const complete = !!ports.getJson;
    let columns: TableColumn[];
    try {
        if (ports.getJson) columns = await readDefinition(ports.getJson, name);
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
    return columns.length > 0 ? { status: "ok", table: name, columns, complete } : { status: "unavailable", table: name };
}

/**
 * readTableColumns with a cache per table: a complete answer is read once per table for the control's life;
 * an incomplete one (it depends on the headings) and failures are not kept.
 */
export function createTableColumnsReader(ports: Pick<DataversePorts, "getEntityMetadata" | "getJson">) {
    const complete = new Map<string, Promise<TableColumnsResult>>();
    return (table: string | null | undefined, headers: readonly string[]): Promise<TableColumnsResult> => {
        const key = (table ?? "").trim().toLowerCase();
        const cached = complete.get(key);
        if (cached) return cached;
        const read = readTableColumns(ports, table, headers);
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
