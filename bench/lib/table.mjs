/** Plain-text and Markdown tables for the benchmark report. */

const isNumeric = (cell) => /^[-+]?[\d,.]+( ?[a-zA-Z×%/]*)?$/.test(cell.trim());

/** A console table: columns aligned, numbers right-aligned. */
export function textTable(headers, rows) {
    const cells = [headers, ...rows].map((r) => r.map((c) => String(c ?? "")));
    const widths = headers.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
    const line = (r, head) => r.map((c, i) => (!head && isNumeric(c) ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join("  ");
    return [line(cells[0], true), widths.map((w) => "-".repeat(w)).join("  "), ...cells.slice(1).map((r) => line(r, false))].join("\n");
}

export function markdownTable(headers, rows) {
    const esc = (c) => String(c ?? "").replace(/\|/g, "\\|");
    const align = headers.map((_, i) => (rows.length > 0 && rows.every((r) => isNumeric(String(r[i] ?? "")) || String(r[i] ?? "") === "") ? "---:" : "---"));
    return [`| ${headers.map(esc).join(" | ")} |`, `| ${align.join(" | ")} |`, ...rows.map((r) => `| ${r.map(esc).join(" | ")} |`)].join("\n");
}

/** 12345 → "12,345". */
export const int = (n) => Math.round(n).toLocaleString("en-US");
/** Fixed decimals. */
export const fix = (n, d = 1) => (n === null || n === undefined || Number.isNaN(n) ? "–" : n.toFixed(d));
export const kb = (bytes) => (bytes / 1024).toFixed(1);
