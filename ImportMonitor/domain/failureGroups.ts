/**
 * Failures that name a column value, grouped: "Primary Contact: 3 rows, 'Dana Whitfield' not found". The fix is
 * usually one per group (create the missing record, correct one choice label), so the view shows the groups first.
 */
import type { FailureRow } from "./failureRow";

export interface FailureGroup {
    /** importlog.headercolumn, as logged. */
    column: string;
    /** importlog.columnvalue, as logged. */
    value: string;
    errorNumber: string;
    /** The error description of the group's first failure (the same error number gives the same message). */
    message: string;
    /** Failures (importlog rows) in the group. */
    count: number;
    /** Their distinct line numbers, ascending (failures without one count, but have no line here). */
    lines: number[];
    /** Distinct rows: a (file, line) pair each, so the same line number in two files is two rows; a failure with no line counts alone. */
    rows: number;
}

/**
 * Failures with a column and a value (neither blank), grouped by exact (column, value, error number); the largest
 * groups first, equal sizes by their first line, then in the order met. Other failures are left out.
 */
export function groupFailures(
    rows: readonly (Pick<FailureRow, "lineNumber" | "headerColumn" | "columnValue" | "errorNumber" | "errorDescription"> & { fileId?: string })[],
): FailureGroup[] {
    const groups = new Map<string, FailureGroup>();
    const rowKeys = new Map<FailureGroup, Set<string>>();
    for (const r of rows) {
        if (r.headerColumn.trim() === "" || r.columnValue.trim() === "") continue;
        const key = JSON.stringify([r.headerColumn, r.columnValue, r.errorNumber]);
        let group = groups.get(key);
        if (!group) {
            group = { column: r.headerColumn, value: r.columnValue, errorNumber: r.errorNumber, message: r.errorDescription, count: 0, lines: [], rows: 0 };
            groups.set(key, group);
            rowKeys.set(group, new Set());
        }
        group.count++;
        rowKeys.get(group)!.add(r.lineNumber === null ? `#${group.count}` : `${r.fileId ?? ""}:${r.lineNumber}`);
        if (r.lineNumber !== null) group.lines.push(r.lineNumber);
    }
    const result = [...groups.values()];
    for (const g of result) {
        g.lines = [...new Set(g.lines)].sort((a, b) => a - b);
        g.rows = rowKeys.get(g)!.size;
    }
    const first = (g: FailureGroup): number => g.lines[0] ?? Number.MAX_SAFE_INTEGER;
    // Array.prototype.sort is stable: ties keep the order met.
    return result.sort((a, b) => b.count - a.count || first(a) - first(b));
}
