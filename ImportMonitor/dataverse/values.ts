/** Reading raw values the platform hands over (dataset cells, Web API properties) into typed ones. */

/** A number, or null for empty, blank or non-numeric values (numbers may arrive as strings). */
export function numberOrNull(value: unknown): number | null {
    if (typeof value === "number") return Number.isFinite(value) ? value : null;
    if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) return Number(value);
    return null;
}
