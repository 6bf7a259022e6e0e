/**
 * The target table's columns (logical and display names) for the header mapping, through
 * context.utils.getEntityMetadata.
 *
 * Platform fact: getEntityMetadata returns attribute metadata only for the attribute names passed to it. So the
 * first call passes none; when its Attributes come back empty (as they do on the platform), a second call asks for
 * logical names guessed from the headers, and the result is marked incomplete: a header that matched nothing may
 * still match a column whose logical name was not guessed.
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
    | { status: "noTable" };

/** Logical names a header may stand for: "First Name" → "firstname" and "first name". */
export function candidateLogicalNames(headers: readonly string[]): string[] {
    const names = new Set<string>();
    for (const header of headers) {
        const lower = header.trim().toLowerCase();
        const compact = lower.replace(/[^a-z0-9]/g, "");
        if (compact) names.add(compact);
        if (lower) names.add(lower);
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

/** The attribute objects of `Attributes`, whether a collection with getAll()/forEach(), an array or a record. */
export function attributeList(attributes: unknown): unknown[] {
    if (attributes === null || attributes === undefined || typeof attributes !== "object") return [];
    const collection = attributes as { getAll?: unknown; forEach?: unknown };
    if (typeof collection.getAll === "function") {
        const all: unknown = (collection.getAll as () => unknown).call(attributes);
        if (Array.isArray(all)) return all as unknown[];
    }
    if (Array.isArray(attributes)) return attributes as unknown[];
    if (typeof collection.forEach === "function") {
        const items: unknown[] = [];
        (collection.forEach as (fn: (item: unknown) => void) => void).call(attributes, (item: unknown) => items.push(item));
        return items;
    }
    return Object.values(attributes as Record<string, unknown>);
}

export function toTableColumns(attributes: unknown): TableColumn[] {
    const byName = new Map<string, TableColumn>();
    for (const item of attributeList(attributes)) {
        if (typeof item !== "object" || item === null) continue;
        const a = item as { LogicalName?: unknown; logicalName?: unknown; DisplayName?: unknown; displayName?: unknown };
        const logical = typeof a.LogicalName === "string" ? a.LogicalName : typeof a.logicalName === "string" ? a.logicalName : "";
        if (!logical || byName.has(logical)) continue;
        byName.set(logical, { logicalName: logical, displayName: labelText(a.DisplayName ?? a.displayName) });
    }
    return [...byName.values()];
}

/**
 * The columns of `table` the headers could map to. Resolves `{ status: "noTable" }` when `table` is empty;
 * rejects with a DataverseFailure when the platform does.
 */
export async function readTableColumns(
    ports: Pick<DataversePorts, "getEntityMetadata">,
    table: string | null | undefined,
    headers: readonly string[],
): Promise<TableColumnsResult> {
    const name = (table ?? "").trim();
    if (!name) return { status: "noTable" };
    try {
        const first = await ports.getEntityMetadata(name);
        const columns = toTableColumns(first?.Attributes);
        if (columns.length > 0) return { status: "ok", table: name, columns, complete: true };
        const candidates = candidateLogicalNames(headers);
        if (candidates.length === 0) return { status: "ok", table: name, columns: [], complete: false };
        const second = await ports.getEntityMetadata(name, candidates);
        return { status: "ok", table: name, columns: toTableColumns(second?.Attributes), complete: false };
    } catch (error) {
        throw toFailure(error);
    }
}
