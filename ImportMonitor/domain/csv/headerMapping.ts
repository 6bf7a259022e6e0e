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

/** A column of the target table, as its metadata gives it (dataverse/tableColumns.ts). */
export interface TableColumn {
    logicalName: string;
    /** In the user's language; "" when the table gives none. */
    displayName: string;
    /** AttributeType: "String", "Picklist", "Lookup", "DateTime"… */
    type?: string;
    requiredLevel?: "None" | "SystemRequired" | "ApplicationRequired" | "Recommended";
    /** Text columns: the most characters a value may hold. */
    maxLength?: number;
    /** Choice columns: their options, with labels in the user's language. */
    choices?: { value: number; label: string }[];
    /** False for columns the platform fills itself (IsValidForCreate). */
    validForCreate?: boolean;
    /**
     * Whole number (Integer), Decimal, Double (floating point) and Money (currency) columns: the smallest and the
     * largest value the column takes (MinValue / MaxValue of the type's metadata). Absent: the range is not known
     * (the value checks then test only that the value is a number; Integer and BigInt keep their type's range).
     */
    minValue?: number;
    maxValue?: number;
    /** Decimal, Double, Money: digits kept after the decimal separator (Precision). More are rounded, not refused. */
    precision?: number;
    /** Date and time columns: whether the time is shown (DateTimeAttributeMetadata.Format). */
    format?: "DateOnly" | "DateAndTime";
    /** Date and time columns: how values are stored (DateTimeAttributeMetadata.DateTimeBehavior.Value). */
    behavior?: "UserLocal" | "DateOnly" | "TimeZoneIndependent";
    /** Yes/no (Boolean) columns: the labels of the true and false options, in the user's language. */
    trueLabel?: string;
    falseLabel?: string;
    /** Lookup, Customer and Owner columns: the tables a value may point to (LookupAttributeMetadata.Targets). */
    targets?: string[];
    /**
     * Lookups: the primary name column of each target table (EntityMetadata.PrimaryNameAttribute), the column the
     * import matches a value on, by target table; a target missing here was not read ("its primary name").
     */
    targetPrimaryNames?: Record<string, string>;
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
