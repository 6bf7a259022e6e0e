/**
 * Which table column each CSV header maps to under the system map (importfile.usesystemmap, no data map):
 * the column whose display name equals the header, trimmed and case-insensitive.
 *
 * Display name only, on purpose. Microsoft's documentation says the import matches column headings to the
 * columns' display names ("make sure the column headings match the column names in your app"); it does not say
 * that logical (schema) names are matched too, and this code does not guess that they are. A header that only
 * equals a logical name is reported as unmapped.
 */
import { normaliseName } from "./checks";

export interface TableColumn {
    logicalName: string;
    displayName: string;
}

export interface HeaderMapping {
    header: string;
    /** 1-based position of the header in the file. */
    columnNumber: number;
    /** The one column with that display name; null when none has it, or several (see `candidates`). */
    column: TableColumn | null;
    /** Every column with that display name: more than one means the map is ambiguous. */
    candidates: TableColumn[];
}

export function mapHeadersToColumns(headers: readonly string[], columns: readonly TableColumn[]): HeaderMapping[] {
    const byName = new Map<string, TableColumn[]>();
    for (const column of columns) {
        const name = normaliseName(column.displayName);
        if (name === "") continue;
        const list = byName.get(name);
        if (list) list.push(column);
        else byName.set(name, [column]);
    }
    return headers.map((header, i) => {
        const candidates = byName.get(normaliseName(header)) ?? [];
        return {
            header,
            columnNumber: i + 1,
            column: candidates.length === 1 ? candidates[0] : null,
            candidates: [...candidates],
        };
    });
}
