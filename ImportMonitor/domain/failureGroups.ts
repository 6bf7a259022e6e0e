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
}

/**
 * Failures with a column and a value (neither blank), grouped by exact (column, value, error number); the largest
 * groups first, equal sizes by their first line, then in the order met. Other failures are left out.
 */
export function groupFailures(rows: readonly Pick<FailureRow, "lineNumber" | "headerColumn" | "columnValue" | "errorNumber" | "errorDescription">[]): FailureGroup[] {
    const groups = new Map<string, FailureGroup>();
    for (const r of rows) {
        if (r.headerColumn.trim() === "" || r.columnValue.trim() === "") continue;
        const key = JSON.stringify([r.headerColumn, r.columnValue, r.errorNumber]);
        let group = groups.get(key);
        if (!group) {
            group = { column: r.headerColumn, value: r.columnValue, errorNumber: r.errorNumber, message: r.errorDescription, count: 0, lines: [] };
            groups.set(key, group);
        }
        group.count++;
        if (r.lineNumber !== null) group.lines.push(r.lineNumber);
    }
    const result = [...groups.values()];
    for (const g of result) g.lines = [...new Set(g.lines)].sort((a, b) => a - b);
    const first = (g: FailureGroup): number => g.lines[0] ?? Number.MAX_SAFE_INTEGER;
    // Array.prototype.sort is stable: ties keep the order met.
    return result.sort((a, b) => b.count - a.count || first(a) - first(b));
}
