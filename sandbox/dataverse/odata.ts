/**
 * The OData subset of the fake Web API: `$select`, `$filter` (eq/ne/gt/ge/lt/le, and/or/not, parentheses;
 * guid, number, 'string' with '' escape, null, true/false, date literals), `$orderby`, `$top` and paging
 * through `$skiptoken`. Anything else is rejected with a clear 400, so misuse shows in tests.
 */
import { FakeRejection, PlatformErrors } from "./errors";
import { asText, formatDate, formatInt, type ColumnDef, type TableDef } from "./schema";

export const FAKE_ORG_URL = "https://fake.crm.dynamics.com";
export const FAKE_API_URL = `${FAKE_ORG_URL}/api/data/v9.2`;
/** Dataverse's largest page (and the default when no page size is asked for). */
export const MAX_PAGE_SIZE = 5000;

export type Literal =
    | { type: "null" }
    | { type: "guid"; value: string }
    | { type: "number"; value: number; integer: boolean }
    | { type: "string"; value: string }
    | { type: "boolean"; value: boolean }
    | { type: "datetime"; value: number };

export type ComparisonOperator = "eq" | "ne" | "gt" | "ge" | "lt" | "le";

export type FilterNode =
    | { kind: "and" | "or"; left: FilterNode; right: FilterNode }
    | { kind: "not"; operand: FilterNode }
    | { kind: "cmp"; column: string; op: ComparisonOperator; value: Literal };

export interface OrderBy {
    column: string;
    descending: boolean;
}

export interface ParsedQuery {
    select: string[] | null;
    filter: FilterNode | null;
    orderBy: OrderBy[];
    top: number | null;
    /** Rows to skip, from a `$skiptoken` of a nextLink. */
    skip: number;
    /** The options as given (decoded), to rebuild a nextLink. */
    raw: Partial<Record<"$select" | "$filter" | "$orderby" | "$top", string>>;
}

function odataError(message: string): FakeRejection {
    return new FakeRejection(PlatformErrors.odata(message));
}

function propertyNotFound(table: TableDef, name: string): FakeRejection {
    return odataError(`Could not find a property named '${name}' on type 'Microsoft.Dynamics.CRM.${table.logicalName}'.`);
}

function column(table: TableDef, name: string): ColumnDef {
    if (!Object.prototype.hasOwnProperty.call(table.columns, name)) throw propertyNotFound(table, name);
    return table.columns[name];
}

function decode(s: string): string {
    try {
        return decodeURIComponent(s);
    } catch {
        return s;
    }
}

const supportedOptions = new Set(["$select", "$filter", "$orderby", "$top", "$skiptoken"]);

/**
 * Parses the `options` string of retrieveMultipleRecords/retrieveRecord ("?$select=a,b&$filter=…").
 * `allowed` limits the options (retrieveRecord takes only `$select`).
 */
export function parseQuery(table: TableDef, options: string | undefined, allowed: ReadonlySet<string> = supportedOptions): ParsedQuery {
    const query: ParsedQuery = { select: null, filter: null, orderBy: [], top: null, skip: 0, raw: {} };
    if (options === undefined || options === null || options.trim() === "") return query;
    let text = options.trim();
    if (/^https?:\/\//i.test(text)) {
        throw odataError(
            "The options must be a query string such as '?$select=name'. To page, pass only the query part of the nextLink, not the whole URL.",
        );
    }
    if (text.startsWith("?")) text = text.slice(1);
    const seen = new Set<string>();
    for (const part of text.split("&")) {
        if (part === "") continue;
        const eq = part.indexOf("=");
        if (eq < 0) throw odataError(`The query option '${decode(part)}' has no value.`);
        const key = decode(part.slice(0, eq)).trim();
        const value = decode(part.slice(eq + 1));
        if (!key.startsWith("$")) {
            if (key === "fetchXml") throw odataError("fetchXml queries are not supported by the fake Dataverse.");
            throw odataError(`The query parameter '${key}' is not supported.`);
        }
        if (!supportedOptions.has(key)) {
            throw odataError(`The query parameter '${key}' is not supported by the fake Dataverse (supported: $select, $filter, $orderby, $top).`);
        }
        if (!allowed.has(key)) throw odataError(`The query parameter '${key}' is not allowed here.`);
        if (seen.has(key)) throw odataError(`Query option '${key}' was specified more than once, but it must be specified at most once.`);
        seen.add(key);
        switch (key) {
            case "$select":
                query.select = parseSelect(table, value);
                query.raw.$select = value;
                break;
            case "$filter":
                query.filter = parseFilter(table, value);
                query.raw.$filter = value;
                break;
            case "$orderby":
                query.orderBy = parseOrderBy(table, value);
                query.raw.$orderby = value;
                break;
            case "$top": {
                if (!/^\s*\d+\s*$/.test(value) || Number(value) <= 0) {
                    throw odataError(`Invalid value '${value}' for $top query option found. The $top query option requires a positive integer value.`);
                }
                query.top = Number(value);
                query.raw.$top = value.trim();
                break;
            }
            case "$skiptoken":
                query.skip = parseSkipToken(value);
                break;
        }
    }
    return query;
}

function parseSelect(table: TableDef, value: string): string[] {
    const names = value.split(",").map((s) => s.trim());
    if (names.some((n) => n === "")) throw odataError(`Syntax error in $select: '${value}'.`);
    for (const n of names) {
        if (n === "*") throw odataError("$select=* is not supported by the fake Dataverse; list the columns.");
        column(table, n);
    }
    return names;
}

function parseOrderBy(table: TableDef, value: string): OrderBy[] {
    return value.split(",").map((item) => {
        const parts = item.trim().split(/\s+/);
        if (parts.length === 0 || parts[0] === "" || parts.length > 2) throw odataError(`Syntax error in $orderby: '${value}'.`);
        column(table, parts[0]);
        const dir = parts[1]?.toLowerCase();
        if (dir !== undefined && dir !== "asc" && dir !== "desc") throw odataError(`Syntax error in $orderby: '${value}'.`);
        return { column: parts[0], descending: dir === "desc" };
    });
}

/** The paging cookie the fake puts in a nextLink: `<cookie pagenumber="2" skip="50" istracking="False" />`. */
export function makeSkipToken(pageNumber: number, skip: number): string {
    return `<cookie pagenumber="${pageNumber}" skip="${skip}" istracking="False" />`;
}

function parseSkipToken(value: string): number {
    const m = /skip="(\d+)"/.exec(value);
    if (!m) throw odataError(`The $skiptoken '${value}' is not valid. Use the query part of the nextLink as it was returned.`);
    return Number(m[1]);
}

export function pageNumberOf(skipToken: string): number {
    const m = /pagenumber="(\d+)"/.exec(skipToken);
    return m ? Number(m[1]) : 1;
}

// ---------------------------------------------------------------- $filter

type Token =
    | { t: "ident"; v: string }
    | { t: "lit"; v: Literal }
    | { t: "("; v: "(" }
    | { t: ")"; v: ")" };

const guidRe = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(?![\w-])/;
const dateRe = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?(?![\w:-])/;
const numberRe = /^-?\d+(\.\d+)?(?![\w.])/;
const identRe = /^[A-Za-z_][A-Za-z0-9_]*/;

function tokenize(filter: string): Token[] {
    const tokens: Token[] = [];
    let i = 0;
    while (i < filter.length) {
        const rest = filter.slice(i);
        const ch = filter[i];
        if (/\s/.test(ch)) {
            i++;
            continue;
        }
        if (ch === "(" || ch === ")") {
            tokens.push(ch === "(" ? { t: "(", v: "(" } : { t: ")", v: ")" });
            i++;
            continue;
        }
        if (ch === "'") {
            let j = i + 1;
            let value = "";
            for (;;) {
                if (j >= filter.length) throw odataError(`Unterminated string literal at position ${i} in '${filter}'.`);
                if (filter[j] === "'") {
                    if (filter[j + 1] === "'") {
                        value += "'";
                        j += 2;
                        continue;
                    }
                    break;
                }
                value += filter[j];
                j++;
            }
            tokens.push({ t: "lit", v: { type: "string", value } });
            i = j + 1;
            continue;
        }
        let m = guidRe.exec(rest);
        if (m) {
            tokens.push({ t: "lit", v: { type: "guid", value: m[0].toLowerCase() } });
            i += m[0].length;
            continue;
        }
        m = dateRe.exec(rest);
        if (m) {
            const ms = Date.parse(m[0]);
            if (isNaN(ms)) throw odataError(`The date literal '${m[0]}' is not valid.`);
            tokens.push({ t: "lit", v: { type: "datetime", value: ms } });
            i += m[0].length;
            continue;
        }
        m = numberRe.exec(rest);
        if (m) {
            tokens.push({ t: "lit", v: { type: "number", value: Number(m[0]), integer: m[1] === undefined } });
            i += m[0].length;
            continue;
        }
        m = identRe.exec(rest);
        if (m) {
            const word = m[0];
            i += word.length;
            if (word === "null") tokens.push({ t: "lit", v: { type: "null" } });
            else if (word === "true" || word === "false") tokens.push({ t: "lit", v: { type: "boolean", value: word === "true" } });
            else if (filter[i] === "(" || filter[i] === "/") {
                throw odataError(
                    `'${word}${filter[i]}' in $filter is not supported by the fake Dataverse (only comparisons with eq, ne, gt, ge, lt, le joined by and/or/not).`,
                );
            } else tokens.push({ t: "ident", v: word });
            continue;
        }
        throw odataError(`Syntax error at position ${i} in $filter '${filter}'.`);
    }
    return tokens;
}

const comparisonOps = new Set<string>(["eq", "ne", "gt", "ge", "lt", "le"]);
const opKinds: Record<ComparisonOperator, string> = {
    eq: "Equal",
    ne: "NotEqual",
    gt: "GreaterThan",
    ge: "GreaterThanOrEqual",
    lt: "LessThan",
    le: "LessThanOrEqual",
};

function edmOfColumn(c: ColumnDef): string {
    switch (c.type) {
        case "guid":
        case "lookup":
            return "Edm.Guid";
        case "string":
        case "memo":
            return "Edm.String";
        case "int":
        case "picklist":
            return "Edm.Int32";
        case "boolean":
            return "Edm.Boolean";
        case "datetime":
            return "Edm.DateTimeOffset";
    }
}

function edmOfLiteral(l: Literal): string {
    switch (l.type) {
        case "null":
            return "null";
        case "guid":
            return "Edm.Guid";
        case "number":
            return l.integer ? "Edm.Int32" : "Edm.Decimal";
        case "string":
            return "Edm.String";
        case "boolean":
            return "Edm.Boolean";
        case "datetime":
            return "Edm.DateTimeOffset";
    }
}

function compatible(c: ColumnDef, l: Literal): boolean {
    if (l.type === "null") return true;
    switch (c.type) {
        case "guid":
        case "lookup":
            return l.type === "guid";
        case "string":
        case "memo":
            return l.type === "string";
        case "int":
        case "picklist":
            return l.type === "number" && l.integer;
        case "boolean":
            return l.type === "boolean";
        case "datetime":
            return l.type === "datetime";
    }
}

export function parseFilter(table: TableDef, filter: string): FilterNode {
    const tokens = tokenize(filter);
    let pos = 0;
    const peekWord = (): string | null => {
        const t = tokens[pos];
        return t?.t === "ident" ? t.v : null;
    };
    const fail = (what: string): never => {
        throw odataError(`Syntax error in $filter '${filter}': ${what}.`);
    };

    const parseOr = (): FilterNode => {
        let left = parseAnd();
        while (peekWord() === "or") {
            pos++;
            left = { kind: "or", left, right: parseAnd() };
        }
        return left;
    };
    const parseAnd = (): FilterNode => {
        let left = parseUnary();
        while (peekWord() === "and") {
            pos++;
            left = { kind: "and", left, right: parseUnary() };
        }
        return left;
    };
    const parseUnary = (): FilterNode => {
        if (peekWord() === "not") {
            pos++;
            return { kind: "not", operand: parseUnary() };
        }
        const t = tokens[pos];
        if (!t) return fail("unexpected end");
        if (t.t === "(") {
            pos++;
            const inner = parseOr();
            if (tokens[pos]?.t !== ")") fail("missing ')'");
            pos++;
            return inner;
        }
        if (t.t !== "ident") return fail("expected a column name");
        pos++;
        const def = column(table, t.v);
        const opTok = tokens[pos];
        if (opTok?.t !== "ident" || !comparisonOps.has(opTok.v)) {
            return fail(`expected eq, ne, gt, ge, lt or le after '${t.v}'`);
        }
        pos++;
        const op = opTok.v as ComparisonOperator;
        const lit = tokens[pos];
        if (lit?.t !== "lit") {
            return fail(`expected a value after '${t.v} ${op}' (guids unquoted, strings in single quotes)`);
        }
        pos++;
        if (!compatible(def, lit.v)) {
            throw odataError(
                `A binary operator with incompatible types was detected. Found operand types '${edmOfColumn(def)}' and '${edmOfLiteral(lit.v)}' for operator kind '${opKinds[op]}'.`,
            );
        }
        return { kind: "cmp", column: t.v, op, value: lit.v };
    };

    if (tokens.length === 0) fail("empty expression");
    const node = parseOr();
    if (pos < tokens.length) fail(`unexpected '${String(tokenText(tokens[pos]))}'`);
    return node;
}

function tokenText(t: Token): string {
    if (t.t === "lit") return "value" in t.v ? String(t.v.value) : "null";
    return t.v;
}

function compareValues(def: ColumnDef, a: unknown, lit: Literal): number {
    switch (def.type) {
        case "int":
        case "picklist":
            return Number(a) - (lit as { value: number }).value;
        case "datetime":
            return Date.parse(asText(a)) - (lit as { value: number }).value;
        case "boolean":
            return Number(a === true) - Number((lit as { value: boolean }).value);
        default: {
            const x = asText(a).toLowerCase();
            const y = String((lit as { value: string }).value).toLowerCase();
            return x < y ? -1 : x > y ? 1 : 0;
        }
    }
}

export function matches(table: TableDef, record: Record<string, unknown>, node: FilterNode): boolean {
    switch (node.kind) {
        case "and":
            return matches(table, record, node.left) && matches(table, record, node.right);
        case "or":
            return matches(table, record, node.left) || matches(table, record, node.right);
        case "not":
            return !matches(table, record, node.operand);
        case "cmp": {
            const v = record[node.column];
            const isNull = v === null || v === undefined;
            if (node.value.type === "null") {
                if (node.op === "eq") return isNull;
                if (node.op === "ne") return !isNull;
                return false;
            }
            if (isNull) return node.op === "ne";
            const c = compareValues(table.columns[node.column], v, node.value);
            switch (node.op) {
                case "eq":
                    return c === 0;
                case "ne":
                    return c !== 0;
                case "gt":
                    return c > 0;
                case "ge":
                    return c >= 0;
                case "lt":
                    return c < 0;
                case "le":
                    return c <= 0;
            }
        }
    }
}

function sortKey(def: ColumnDef, v: unknown): number | string | null {
    if (v === null || v === undefined) return null;
    switch (def.type) {
        case "int":
        case "picklist":
            return Number(v);
        case "boolean":
            return v === true ? 1 : 0;
        case "datetime":
            return Date.parse(asText(v));
        default:
            return asText(v).toLowerCase();
    }
}

/** Sorts like SQL Server: nulls first ascending, last descending; the primary id breaks ties (stable paging). */
export function sortRecords<T extends Record<string, unknown>>(table: TableDef, rows: T[], orderBy: OrderBy[]): T[] {
    if (orderBy.length === 0) return rows;
    const keys = [...orderBy, { column: table.primaryId, descending: false }];
    const decorated = rows.map((r, i) => ({ r, i, k: keys.map((o) => sortKey(table.columns[o.column], r[o.column])) }));
    decorated.sort((a, b) => {
        for (let j = 0; j < keys.length; j++) {
            const x = a.k[j];
            const y = b.k[j];
            if (x === y) continue;
            let c: number;
            if (x === null) c = -1;
            else if (y === null) c = 1;
            else c = x < y ? -1 : 1;
            return keys[j].descending ? -c : c;
        }
        return a.i - b.i;
    });
    return decorated.map((d) => d.r);
}

const FORMATTED = "@OData.Community.Display.V1.FormattedValue";

/**
 * A stored record as the Web API returns it: `@odata.etag`, the primary id, the selected columns
 * (all when no `$select`) and their formatted values (option sets, booleans, dates, whole numbers,
 * lookups with their lookuplogicalname).
 */
export function shapeRecord(
    table: TableDef,
    record: Record<string, unknown>,
    select: string[] | null,
    lookupName: (target: string, id: string) => string | undefined,
): Record<string, unknown> {
    const out: Record<string, unknown> = { "@odata.etag": `W/"${asText(record["@version"] ?? 1)}"` };
    const names = select ? [table.primaryId, ...select.filter((s) => s !== table.primaryId)] : Object.keys(table.columns);
    for (const name of names) {
        const def = table.columns[name];
        const v = record[name] ?? null;
        out[name] = v;
        if (v === null) continue;
        switch (def.type) {
            case "picklist": {
                const label = def.options?.[Number(v)];
                if (label !== undefined) out[name + FORMATTED] = label;
                break;
            }
            case "boolean":
                out[name + FORMATTED] = v === true ? "Yes" : "No";
                break;
            case "datetime":
                out[name + FORMATTED] = formatDate(asText(v));
                break;
            case "int":
                out[name + FORMATTED] = formatInt(Number(v));
                break;
            case "lookup": {
                const label = def.target ? lookupName(def.target, asText(v)) : undefined;
                if (label !== undefined) out[name + FORMATTED] = label;
                if (def.navigation) out[name + "@Microsoft.Dynamics.CRM.associatednavigationproperty"] = def.navigation;
                if (def.target) out[name + "@Microsoft.Dynamics.CRM.lookuplogicalname"] = def.target;
                break;
            }
            default:
                break;
        }
    }
    return out;
}

/** The nextLink of a page: the entity set URL with the same options and a `$skiptoken` for the next page. */
export function buildNextLink(table: TableDef, query: ParsedQuery, nextSkip: number, pageNumber: number): string {
    const parts: string[] = [];
    for (const key of ["$select", "$filter", "$orderby"] as const) {
        const v = query.raw[key];
        if (v !== undefined) parts.push(`${key}=${encodeURIComponent(v)}`);
    }
    parts.push(`$skiptoken=${encodeURIComponent(makeSkipToken(pageNumber, nextSkip))}`);
    return `${FAKE_API_URL}/${table.entitySetName}?${parts.join("&")}`;
}
