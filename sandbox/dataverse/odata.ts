/**
 * The OData subset of the fake Web API: `$select`, `$filter` (eq/ne/gt/ge/lt/le, and/or/not, parentheses;
 * guid, number, 'string' with '' escape, null, true/false, date literals), `$orderby`, `$top` and paging
 * through `$skiptoken`. Anything else is rejected with a clear 400, so misuse shows in tests.
 *
 * The grammar is not ours: `$filter`, `$orderby` and `$select` are parsed by @odata/parser (a parser
 * written from the OASIS OData V4 ABNF), so the fake that judges the control does not share a
 * hand-written parser's bugs. This file maps the library's syntax tree onto FilterNode/OrderBy and keeps
 * what is Dataverse's own: which properties a table has, which operand types go together, which options
 * and expressions the fake supports, and the platform's error messages. One known flaw of the library is
 * worked around here: it lets `not` take everything after it, so and/or/not are re-associated with
 * OData's precedence (see filterNode).
 */
import { Parser } from "@odata/parser/lib/parser";
import { TokenType, type Token } from "@odata/parser/lib/lexer";
import { FakeRejection, PlatformErrors } from "./errors";
import { asText, formatDate, formatInt, lookupNavigationOf, lookupTargetOf, tableByLogicalName, type ColumnDef, type TableDef } from "./schema";

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
    /** `$expand` of single-valued navigation properties (lookups), each with its own `$select`. */
    expand: ExpandItem[];
    /** The options as given (decoded), to rebuild a nextLink. */
    raw: Partial<Record<"$select" | "$filter" | "$orderby" | "$top" | "$expand", string>>;
}

/** `$expand=importid($select=statuscode)`: the lookup column, its navigation property and the related table's columns. */
export interface ExpandItem {
    column: string;
    navigation: string;
    target: string;
    select: string[];
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

const supportedOptions = new Set(["$select", "$filter", "$orderby", "$top", "$skiptoken", "$expand"]);

/**
 * Parses the `options` string of retrieveMultipleRecords/retrieveRecord ("?$select=a,b&$filter=…").
 * `allowed` limits the options (retrieveRecord takes only `$select`).
 */
export function parseQuery(table: TableDef, options: string | undefined, allowed: ReadonlySet<string> = supportedOptions): ParsedQuery {
    const query: ParsedQuery = { select: null, filter: null, orderBy: [], top: null, skip: 0, expand: [], raw: {} };
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
            // retrieveMultipleRecords routes `?fetchXml=` to fetchXml.ts before the OData options are read.
            if (key === "fetchXml") throw odataError("The query parameter 'fetchXml' is supported only by retrieveMultipleRecords (a FetchXML query, see fetchXml.ts).");
            throw odataError(`The query parameter '${key}' is not supported.`);
        }
        if (!supportedOptions.has(key)) {
            throw odataError(`The query parameter '${key}' is not supported by the fake Dataverse (supported: $select, $filter, $orderby, $top, $expand).`);
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
            case "$expand":
                query.expand = parseExpand(table, value);
                query.raw.$expand = value;
                break;
        }
    }
    return query;
}

// ---------------------------------------------------------------- the OData parser

const odataParser = new Parser();

/**
 * The text handed to the parser. Query option values arrive here already percent-decoded once, but the
 * OData grammar decodes percent-encodings again (`%27` is a quote, `%20` a space), so every `%` is
 * escaped as `%25` first: a decoded `'100%27'` stays a string of six characters.
 */
function escapePercent(text: string): string {
    return text.replace(/%/g, "%25");
}

function unescapePercent(text: string): string {
    return text.replace(/%25/g, "%");
}

/** A position in escapePercent(text) as a position in `text`. */
function positionIn(text: string, escapedPosition: number): number {
    let i = 0;
    for (let j = 0; j < escapedPosition && i < text.length; i++) j += text[i] === "%" ? 3 : 1;
    return i;
}

type ParseOutcome = { ok: true; token: Token } | { ok: false; position: number };

/** Runs one of the parser's rules over the whole of `text`; on failure, where it stopped. */
function runParser(rule: (source: string) => Token, text: string): ParseOutcome {
    try {
        return { ok: true, token: rule(escapePercent(text)) };
    } catch (e) {
        // The parser throws Error("Unexpected character at N") or Error("Fail at 0").
        const at = /\bat (\d+)/.exec(e instanceof Error ? e.message : String(e));
        return { ok: false, position: at ? positionIn(text, Number(at[1])) : 0 };
    }
}

/** The options of one query option ("$select=…") as the parser reads them. */
function parseOption(option: "$select" | "$orderby" | "$expand", value: string): Token | null {
    const outcome = runParser((s) => odataParser.query(s), `${option}=${value}`);
    if (!outcome.ok) return null;
    const options = (outcome.token.value as { options: Token[] }).options;
    return options.length === 1 ? options[0] : null;
}

/** A member expression's property name, or what it is instead (a path, `$it`, a lambda variable, …). */
function propertyOf(t: Token): { name: string } | { unsupported: string } {
    let node = t;
    while (node.type === TokenType.CommonExpression || node.type === TokenType.FirstMemberExpression || node.type === TokenType.MemberExpression) {
        if (Array.isArray(node.value)) return { unsupported: unescapePercent(node.raw) };
        node = node.value as Token;
    }
    if (node.type === TokenType.PropertyPathExpression) {
        const path = node.value as Token | { current: Token; next?: Token };
        if ("current" in path) return { unsupported: `${(path.current.value as { name: string }).name}/` };
        if (path.type === TokenType.ODataIdentifier) return { name: (path.value as { name: string }).name };
    }
    if (node.type === TokenType.MethodCallExpression) return { unsupported: `${(node.value as { method: string }).method}(` };
    return { unsupported: unescapePercent(node.raw) };
}

function notSupportedInFilter(what: string): FakeRejection {
    return odataError(`'${what}' in $filter is not supported by the fake Dataverse (only comparisons with eq, ne, gt, ge, lt, le joined by and/or/not).`);
}

// ---------------------------------------------------------------- $select and $orderby

function parseSelect(table: TableDef, value: string): string[] {
    const option = parseOption("$select", value.trim());
    if (option?.type !== TokenType.Select) throw odataError(`Syntax error in $select: '${value}'.`);
    return (option.value as { items: Token[] }).items.map((item) => {
        const inner = item.value as { value: unknown };
        if (inner.value === "*") throw odataError("$select=* is not supported by the fake Dataverse; list the columns.");
        const path = inner as Token;
        const name = path.type === TokenType.SelectPath && !("path" in (path.value as object)) ? ((path.value as Token).value as { name?: unknown }).name : undefined;
        if (typeof name !== "string") throw odataError(`'${unescapePercent(item.raw)}' in $select is not supported by the fake Dataverse; list the columns.`);
        column(table, name);
        return name;
    });
}

function parseOrderBy(table: TableDef, value: string): OrderBy[] {
    const option = parseOption("$orderby", value.trim());
    if (option?.type !== TokenType.OrderBy) throw odataError(`Syntax error in $orderby: '${value}'.`);
    return (option.value as { items: Token[] }).items.map((item) => {
        const { expr, direction } = item.value as { expr: Token; direction: number };
        const property = propertyOf(expr);
        if ("unsupported" in property) throw odataError(`'${property.unsupported}' in $orderby is not supported by the fake Dataverse; order by columns.`);
        column(table, property.name);
        return { column: property.name, descending: direction < 0 };
    });
}

/**
 * `$expand` of lookups only (single-valued navigation properties), each with a `$select` of the related
 * table's columns, as "Retrieve related table records with a query" shows (`$expand=primarycontactid($select=fullname)`).
 * Collection-valued properties, nested `$expand` and other nested options are refused.
 */
function parseExpand(table: TableDef, value: string): ExpandItem[] {
    const option = parseOption("$expand", value.trim());
    if (option?.type !== TokenType.Expand) throw odataError(`Syntax error in $expand: '${value}'.`);
    return (option.value as { items: Token[] }).items.map((item) => {
        const { path, options } = item.value as { path: Token; options?: Token[] };
        const segments = path.value as Token[];
        const name = segments.length === 1 ? (segments[0].value as { name?: unknown }).name : undefined;
        const entry = Object.entries(table.columns).find(([, c]) => c.type === "lookup" && c.navigation === name);
        if (typeof name !== "string" || !entry) throw propertyNotFound(table, unescapePercent(path.raw));
        const target = tableByLogicalName(entry[1].target ?? "");
        if (!target) throw odataError(`The fake Dataverse holds no table '${String(entry[1].target)}' to expand '${name}' into.`);
        const selects = (options ?? []).map((o) => {
            if (o.type !== TokenType.Select) throw odataError(`'${unescapePercent(o.raw)}' inside $expand is not supported by the fake Dataverse; use $select only.`);
            return parseSelect(target, unescapePercent(o.raw).replace(/^\$select=/, ""));
        });
        if (selects.length !== 1) throw odataError(`$expand=${name} needs its own $select in the fake Dataverse, e.g. ${name}($select=…).`);
        return { column: entry[0], navigation: name, target: target.logicalName, select: selects[0] };
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

const comparisonOps: Partial<Record<TokenType, ComparisonOperator>> = {
    [TokenType.EqualsExpression]: "eq",
    [TokenType.NotEqualsExpression]: "ne",
    [TokenType.GreaterThanExpression]: "gt",
    [TokenType.GreaterOrEqualsExpression]: "ge",
    [TokenType.LesserThanExpression]: "lt",
    [TokenType.LesserOrEqualsExpression]: "le",
};
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


const integerTypes = new Set(["Edm.SByte", "Edm.Byte", "Edm.Int16", "Edm.Int32", "Edm.Int64"]);

/** `Date.parse` quietly rolls 2025-02-30 over to March: a date must come back as it was written. */
function parseDate(raw: string): number {
    const ms = Date.parse(raw);
    const [, y, m, d] = /^(\d{4})-(\d{2})-(\d{2})/.exec(raw) ?? [];
    const day = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
    if (isNaN(ms) || day.getUTCFullYear() !== Number(y) || day.getUTCMonth() !== Number(m) - 1 || day.getUTCDate() !== Number(d)) {
        throw odataError(`The date literal '${raw}' is not valid.`);
    }
    return ms;
}

/** The parser's literal (its EDM type and raw text) as a Literal. */
function literalOf(t: Token): Literal {
    const edmType = t.value as string;
    const raw = t.raw;
    if (edmType === "null") return { type: "null" };
    if (edmType === "Edm.Boolean") return { type: "boolean", value: raw.toLowerCase() === "true" };
    if (edmType === "Edm.Guid") return { type: "guid", value: raw.toLowerCase() };
    if (edmType === "Edm.String") return { type: "string", value: unescapePercent(raw.slice(1, -1).replace(/''/g, "'")) };
    if (edmType === "Edm.DateTimeOffset" || edmType === "Edm.Date") return { type: "datetime", value: parseDate(raw) };
    if (integerTypes.has(edmType)) return { type: "number", value: Number(raw), integer: true };
    if ((edmType === "Edm.Decimal" || edmType === "Edm.Double" || edmType === "Edm.Single") && isFinite(Number(raw))) {
        return { type: "number", value: Number(raw), integer: false };
    }
    throw odataError(`The literal '${unescapePercent(raw)}' (${edmType}) in $filter is not supported by the fake Dataverse.`);
}

/** `(x)` around an operand is the operand. */
function unwrapParens(t: Token): Token {
    let node = t;
    while (node.type === TokenType.ParenExpression) node = node.value as Token;
    return node;
}

function comparisonNode(table: TableDef, op: ComparisonOperator, t: Token): FilterNode {
    const { left, right } = t.value as { left: Token; right: Token };
    const lhs = unwrapParens(left);
    if (lhs.type === TokenType.Literal) throw odataError(`The left side of the '${opKinds[op]}' operator must be a property of the entity.`);
    const property = propertyOf(lhs);
    if ("unsupported" in property) throw notSupportedInFilter(property.unsupported);
    const def = column(table, property.name);
    const rhs = unwrapParens(right);
    if (rhs.type !== TokenType.Literal) {
        const other = propertyOf(rhs);
        if ("unsupported" in other) throw notSupportedInFilter(other.unsupported);
        throw odataError(`The right side of the '${opKinds[op]}' operator must be a constant value (guids unquoted, strings in single quotes).`);
    }
    const value = literalOf(rhs);
    if (!compatible(def, value)) {
        throw odataError(
            `A binary operator with incompatible types was detected. Found operand types '${edmOfColumn(def)}' and '${edmOfLiteral(value)}' for operator kind '${opKinds[op]}'.`,
        );
    }
    return { kind: "cmp", column: property.name, op, value };
}

/**
 * `not` right before a comparison: OData gives `not` precedence over `eq` etc., so `not name eq 'x'` is
 * `(not name) eq 'x'`, which Dataverse rejects for a non-boolean column. The fake rejects it for every
 * column: the supported form is `not (name eq 'x')`.
 */
function notOperandError(table: TableDef, t: Token): FakeRejection {
    const op = comparisonOps[t.type];
    if (op !== undefined) {
        const property = propertyOf(unwrapParens((t.value as { left: Token }).left));
        if ("name" in property) {
            const def = column(table, property.name);
            if (def.type !== "boolean") {
                return odataError(`A unary operator with an incompatible type was detected. Found operand type '${edmOfColumn(def)}' for operator kind 'Not'.`);
            }
        }
    }
    return odataError(
        `'not ${unescapePercent(t.raw)}' in $filter is not supported by the fake Dataverse: 'not' applies to the operand right after it, so write 'not (…)'.`,
    );
}

type BooleanItem = "and" | "or" | "not" | Token;

/** The parser's boolean expression as its operands (comparisons, parenthesized groups) and operators, in source order. */
function flatten(t: Token, out: BooleanItem[] = []): BooleanItem[] {
    if (t.type === TokenType.AndExpression || t.type === TokenType.OrExpression) {
        const { left, right } = t.value as { left: Token; right: Token };
        flatten(left, out);
        out.push(t.type === TokenType.AndExpression ? "and" : "or");
        flatten(right, out);
    } else if (t.type === TokenType.NotExpression) {
        out.push("not");
        flatten(t.value as Token, out);
    } else {
        out.push(t);
    }
    return out;
}

/**
 * The parser's boolean expression as a FilterNode, checked against the table. The parser reads `not` as
 * taking everything after it (`not (a eq 1) and b eq 2` comes back as not(a and b)), so its and/or/not
 * tree is flattened and rebuilt with OData's precedence: not, then and, then or (left to right).
 */
function filterNode(table: TableDef, t: Token): FilterNode {
    const items = flatten(t);
    let pos = 0;
    const parseOr = (): FilterNode => {
        let node = parseAnd();
        while (items[pos] === "or") {
            pos++;
            node = { kind: "or", left: node, right: parseAnd() };
        }
        return node;
    };
    const parseAnd = (): FilterNode => {
        let node = parseUnary();
        while (items[pos] === "and") {
            pos++;
            node = { kind: "and", left: node, right: parseUnary() };
        }
        return node;
    };
    const parseUnary = (): FilterNode => {
        const item = items[pos++] as Exclude<BooleanItem, "and" | "or">;
        if (item !== "not") return operandNode(table, item);
        const next = items[pos] as Exclude<BooleanItem, "and" | "or">;
        if (next !== "not" && next.type !== TokenType.BoolParenExpression) throw notOperandError(table, next);
        return { kind: "not", operand: parseUnary() };
    };
    return parseOr();
}

/** One operand of and/or/not: a parenthesized group or a comparison. */
function operandNode(table: TableDef, t: Token): FilterNode {
    if (t.type === TokenType.BoolParenExpression) return filterNode(table, t.value as Token);
    const op = comparisonOps[t.type];
    if (op !== undefined) return comparisonNode(table, op, t);
    const property = propertyOf(t);
    throw notSupportedInFilter("unsupported" in property ? property.unsupported : property.name);
}

/** Whether `text` ends inside a quoted string (`''` inside a string is an escaped quote, so counting quotes tells). */
function endsInsideString(text: string): boolean {
    return (text.split("'").length - 1) % 2 === 1;
}

export function parseFilter(table: TableDef, filter: string): FilterNode {
    const text = filter.trim();
    if (text === "") throw odataError(`Syntax error in $filter '${filter}': empty expression.`);
    const outcome = runParser((s) => odataParser.filter(s), text);
    if (!outcome.ok) {
        if (endsInsideString(text)) throw odataError(`Unterminated string literal in $filter '${filter}'.`);
        throw odataError(
            `Syntax error at position ${outcome.position + filter.length - filter.trimStart().length} in $filter '${filter}': expected eq, ne, gt, ge, lt or le comparisons joined by and, or, not ` +
                "(a space around each operator; guids unquoted, strings in single quotes).",
        );
    }
    return filterNode(table, outcome.token);
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
                const target = lookupTargetOf(def, record, name);
                const label = target ? lookupName(target, asText(v)) : undefined;
                if (label !== undefined) out[name + FORMATTED] = label;
                const navigation = lookupNavigationOf(def, target, name);
                if (navigation) out[name + "@Microsoft.Dynamics.CRM.associatednavigationproperty"] = navigation;
                if (target) out[name + "@Microsoft.Dynamics.CRM.lookuplogicalname"] = target;
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
    for (const key of ["$select", "$filter", "$orderby", "$expand"] as const) {
        const v = query.raw[key];
        if (v !== undefined) parts.push(`${key}=${encodeURIComponent(v)}`);
    }
    parts.push(`$skiptoken=${encodeURIComponent(makeSkipToken(pageNumber, nextSkip))}`);
    return `${FAKE_API_URL}/${table.entitySetName}?${parts.join("&")}`;
}
