/**
 * What the server does with a file's content: parse it with the file's own delimiters (papaparse),
 * map the headers onto the target table's columns (display or logical names, like a system map), and
 * decide every row's outcome, deterministically, from the content and the seed's rules.
 */
import Papa from "papaparse";
import { ImportLogErrors, type ImportLogError } from "./errors";
import { targetAttributes, AttributeTypeCode, type FakeAttributeMetadata } from "./metadata";
import type { FileRule, ImportFileRecord } from "./records";

export interface ParsedRow {
    /** Line of the file the row starts on (the header is line 1). */
    line: number;
    fields: string[];
    /** The row's text as in the file. */
    raw: string;
    /** Field count differs from the header's: the row fails at parse. */
    ragged: boolean;
}

export interface ParsedFile {
    headers: string[];
    rows: ParsedRow[];
}

const fieldDelimiters: Record<number, string> = { 1: ":", 2: ",", 3: "\t", 4: ";" };
/** "None": a quote character that never appears, so no field is treated as quoted. */
const quoteChars: Record<number, string> = { 1: '"', 2: "\u0000", 3: "'" };

export function parseContent(file: Pick<ImportFileRecord, "content" | "fielddelimitercode" | "datadelimitercode" | "isfirstrowheader">): ParsedFile {
    const content = file.content ?? "";
    const records: { fields: string[]; line: number; raw: string }[] = [];
    let prev = 0;
    let line = 1;
    const countNewlines = (from: number, to: number): number => {
        let n = 0;
        for (let i = from; i < to; i++) if (content.charCodeAt(i) === 10) n++;
        return n;
    };
    Papa.parse<string[]>(content, {
        delimiter: fieldDelimiters[file.fielddelimitercode] ?? ",",
        quoteChar: quoteChars[file.datadelimitercode] ?? '"',
        skipEmptyLines: true,
        step: (result) => {
            const end = result.meta.cursor;
            const chunk = content.slice(prev, end);
            const lead = /^[\r\n]*/.exec(chunk)![0].length;
            const start = prev + lead;
            line += countNewlines(prev, start);
            records.push({ fields: result.data, line, raw: content.slice(start, end).replace(/[\r\n]+$/, "") });
            line += countNewlines(start, end);
            prev = end;
        },
    });
    if (records.length === 0) return { headers: [], rows: [] };
    const headers = file.isfirstrowheader ? records[0].fields.map((h) => h.trim()) : records[0].fields.map((_, i) => `Col${i + 1}`);
    const dataRecords = file.isfirstrowheader ? records.slice(1) : records;
    return {
        headers,
        rows: dataRecords.map((r) => ({ ...r, ragged: r.fields.length !== headers.length })),
    };
}

export type RowOutcome =
    | { kind: "success" }
    /** Failed at parse (already logged there); counts as a failure. */
    | { kind: "parseFailure" }
    | { kind: "failure" | "partial"; error: ImportLogError; description: string; column: string | null; value: string | null; info: string | null };

export interface FilePlan {
    parsed: ParsedFile;
    outcomes: RowOutcome[];
}

function norm(s: string): string {
    return s.trim().toLowerCase();
}

/** Header index → attribute, by display name or logical name (case-insensitive): a system map. */
export function mapHeaders(headers: string[], attributes: FakeAttributeMetadata[]): (FakeAttributeMetadata | undefined)[] {
    return headers.map((h) => attributes.find((a) => norm(a.DisplayName) === norm(h) || norm(a.LogicalName) === norm(h)));
}

function errorOf(e: FileRule & { kind: "line" }): ImportLogError {
    return typeof e.error === "string" ? ImportLogErrors[e.error] : e.error;
}

/** The outcome of every data row of `file`, in order. */
export function planFile(file: ImportFileRecord, parsed: ParsedFile, rules: readonly FileRule[]): FilePlan {
    const attributes = targetAttributes(file.targetentityname) ?? [];
    const mapped = mapHeaders(parsed.headers, attributes);
    const headerIndex = (column: string): number => parsed.headers.findIndex((h) => norm(h) === norm(column));
    const seen = new Map<string, Set<string>>();
    for (const r of rules) {
        if (r.kind === "duplicate") seen.set(norm(r.column), new Set((r.existing ?? []).map(norm)));
    }
    const entityName = file.targetentityname;

    const outcomes = parsed.rows.map((row): RowOutcome => {
        if (row.ragged) return { kind: "parseFailure" };
        const value = (column: string): string | null => {
            const i = headerIndex(column);
            return i < 0 ? null : (row.fields[i] ?? "").trim();
        };
        const fail = (
            kind: "failure" | "partial",
            error: ImportLogError,
            description: string,
            column: string | null,
            v: string | null,
            info: string | null = null,
        ): RowOutcome => ({ kind, error, description, column, value: v, info });

        const forced = rules.find((r): r is FileRule & { kind: "line" } => r.kind === "line" && r.line === row.line);
        if (forced) {
            const err = errorOf(forced);
            return fail(forced.outcome, err, forced.message ?? err.description, forced.column ?? null, forced.column ? value(forced.column) : null);
        }

        // Required columns (ApplicationRequired) must be mapped and hold a value.
        for (const attr of attributes.filter((a) => a.RequiredLevel === "ApplicationRequired")) {
            const i = mapped.findIndex((m) => m === attr);
            const v = i < 0 ? "" : (row.fields[i] ?? "").trim();
            if (v === "") {
                return fail(
                    "failure",
                    ImportLogErrors.requiredMissing,
                    `Required field '${attr.DisplayName}' is missing a value.`,
                    i < 0 ? attr.DisplayName : parsed.headers[i],
                    "",
                    i < 0 ? `No column of the file is mapped to '${attr.DisplayName}' (${attr.LogicalName}).` : null,
                );
            }
        }

        // Rules, in the order given.
        for (const r of rules) {
            if (r.kind === "line" || r.kind === "lookup") continue;
            const v = value(r.column);
            if (v === null || v === "") continue;
            if (r.kind === "invalidEmail" && !v.includes("@")) {
                return fail("failure", ImportLogErrors.invalidEmail, `The email address '${v}' in ${r.column} is not in a valid format.`, r.column, v);
            }
            if (r.kind === "duplicate") {
                const set = seen.get(norm(r.column))!;
                if (set.has(norm(v))) {
                    return fail("failure", ImportLogErrors.duplicate, ImportLogErrors.duplicate.description, r.column, v, `${r.column} = '${v}' already exists.`);
                }
                set.add(norm(v));
            }
            if (r.kind === "range") {
                const n = Number(v);
                if (!isNaN(n) && (n < r.min || n > r.max)) {
                    return fail("failure", ImportLogErrors.outOfRange, rangeMessage(v, r.column, entityName, r.min, r.max), r.column, v);
                }
            }
        }

        // Whole numbers: must be numbers inside the column's range.
        for (let i = 0; i < mapped.length; i++) {
            const attr = mapped[i];
            if (attr?.AttributeType !== AttributeTypeCode.Integer) continue;
            if (rules.some((r) => r.kind === "range" && norm(r.column) === norm(parsed.headers[i]))) continue;
            const v = (row.fields[i] ?? "").trim().replace(/,/g, "");
            if (v === "") continue;
            const n = Number(v);
            if (!/^-?\d+$/.test(v)) {
                return fail("failure", ImportLogErrors.invalidNumber, `The value '${v}' of ${parsed.headers[i]} is not a valid whole number.`, parsed.headers[i], v);
            }
            if ((attr.MinValue !== undefined && n < attr.MinValue) || (attr.MaxValue !== undefined && n > attr.MaxValue)) {
                return fail(
                    "failure",
                    ImportLogErrors.outOfRange,
                    rangeMessage(v, attr.LogicalName, entityName, attr.MinValue ?? 0, attr.MaxValue ?? 0),
                    parsed.headers[i],
                    v,
                );
            }
        }

        // Lookups that do not resolve: the record is created without the value.
        for (const r of rules) {
            if (r.kind !== "lookup") continue;
            const v = value(r.column);
            if (v === null || v === "") continue;
            if (!r.known.some((k) => norm(k) === norm(v))) {
                return fail(
                    "partial",
                    ImportLogErrors.lookupNotFound,
                    ImportLogErrors.lookupNotFound.description,
                    r.column,
                    v,
                    `No record matches '${v}' for ${r.column}. The record was created without a value for ${r.column}.`,
                );
            }
        }
        return { kind: "success" };
    });
    return { parsed, outcomes };
}

function rangeMessage(value: string, column: string, entity: string, min: number, max: number): string {
    return `A validation error occurred. The value ${value} of '${column}' on record of type '${entity}' is outside the valid range. Accepted range: ${min} to ${max}`;
}
