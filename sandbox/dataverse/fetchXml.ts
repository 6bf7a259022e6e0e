/**
 * The FetchXML subset of the fake Web API: `retrieveMultipleRecords(table, "?fetchXml=" + xml)`.
 *
 * Supported (what the documentation describes, docs/platform-contract.md §13):
 * - `fetch`: `aggregate`, `aggregatelimit`, `top`, `count`, `page` (plus `version`, `output-format`,
 *   `mapping="logical"`, `distinct="false"`, `no-lock`, `paging-cookie`, accepted and ignored); one `entity`.
 * - `entity` / `link-entity` children: `attribute` (`name`, `alias`, `aggregate` count|countcolumn with
 *   `distinct` for countcolumn, `groupby`), `all-attributes` (not in an aggregate), `filter`, `order`,
 *   `link-entity` (`name`, `from`, `to`, `alias`, `link-type` inner; nested).
 * - `filter` (`type` and|or, nested filters) with `condition` (`attribute`, `operator`, `value`; operators
 *   eq, ne/neq, in/not-in with `<value>` children, null, not-null). Values are compared by the column's type:
 *   lookups and GUIDs without braces, case-insensitively; whole numbers and choices as integers; text
 *   case-insensitively.
 * - `order` (`attribute` in a plain query, `alias` in an aggregate, `descending`).
 *
 * Column names are LOGICAL names (`importfileid`), mapped to the Web API properties of schema.ts
 * (`_importfileid_value`). Anything else is rejected like the platform rejects invalid FetchXML where the
 * message is known (Invalid Child Node 0x8004111C, unknown column 0x80041103, …), else with a 400 naming
 * what the fake does not support. The XML is read with @xmldom/xmldom (node, jsdom and the browser alike).
 *
 * Result shape (https://learn.microsoft.com/power-apps/developer/data-platform/fetchxml/select-columns
 * "Column aliases", Web API tab; nulls are left out, https://learn.microsoft.com/power-apps/developer/data-platform/webapi/use-fetchxml-web-api):
 * an aliased column comes back under its alias with `<alias>@OData.Community.Display.V1.AttributeName`
 * (the column's logical name), `<alias>@OData.Community.Display.V1.FormattedValue` (the choice label, the
 * related record's name, the formatted number) and, for a lookup, the GUID as the value and
 * `<alias>@Microsoft.Dynamics.CRM.lookuplogicalname`. An aggregate row has only its aliases (no etag, no
 * id: assumed, as OData's `$apply` results). `annotations: "none"` drops every annotation (a host that does
 * not ask for them: the variant a strict profile can use).
 */
import { DOMParser, XMLSerializer, type Element as XmlElement, type Node as XmlNode } from "@xmldom/xmldom";
import { FakeRejection, PlatformErrors, type FetchXmlErrorCode } from "./errors";
import { normalizeGuid } from "./ids";
import { TableSchemaNames } from "./privileges";
import { asText, formatDate, formatInt, lookupNavigationOf, lookupTargetOf, tableByLogicalName, type ColumnDef, type TableDef } from "./schema";

/** Dataverse's default aggregate limit (fetchxml/aggregate-data.md, "Limitations"). */
export const AGGREGATE_RECORD_LIMIT = 50000;
/** The largest page FetchXML returns (and the largest `top`/`count`, fetchxml/reference/fetch.md). */
export const FETCH_MAX_PAGE = 5000;

const FORMATTED = "@OData.Community.Display.V1.FormattedValue";
const ATTRIBUTE_NAME = "@OData.Community.Display.V1.AttributeName";
const LOOKUP_LOGICAL_NAME = "@Microsoft.Dynamics.CRM.lookuplogicalname";
const NAVIGATION = "@Microsoft.Dynamics.CRM.associatednavigationproperty";

type StoredRecord = Record<string, unknown>;

export type FetchXmlAnnotations = "all" | "none";

export type ConditionOperator = "eq" | "ne" | "in" | "not-in" | "null" | "not-null";

export interface FetchCondition {
    kind: "condition";
    column: string;
    def: ColumnDef;
    operator: ConditionOperator;
    /** Normalised values (GUIDs lower case without braces, numbers, booleans, text lower case, dates in ms). */
    values: (string | number | boolean)[];
}

export interface FetchFilter {
    kind: "filter";
    type: "and" | "or";
    items: (FetchCondition | FetchFilter)[];
}

/** The `entity` or a `link-entity`: a table in the query. */
export interface FetchScope {
    table: TableDef;
    /** The link-entity's alias (or its table name): what its unaliased columns are prefixed with. */
    alias: string;
    parent: FetchScope | null;
    /** link-entity: the column of this table matched against `to` of the parent. */
    from: string | null;
    /** link-entity: the column of the parent table. */
    to: string | null;
    filter: FetchFilter | null;
    links: FetchScope[];
    allAttributes: boolean;
}

export interface FetchAttribute {
    scope: FetchScope;
    logicalName: string;
    /** The Web API property (schema.ts key). */
    column: string;
    def: ColumnDef;
    alias: string | null;
    aggregate: "count" | "countcolumn" | null;
    distinct: boolean;
    groupBy: boolean;
}

export interface FetchOrder {
    /** Aggregate: the alias ordered by. */
    alias: string | null;
    /** Plain query: the column of the entity ordered by. */
    column: string | null;
    descending: boolean;
}

export interface FetchQuery {
    entity: FetchScope;
    attributes: FetchAttribute[];
    aggregate: boolean;
    aggregateLimit: number | null;
    top: number | null;
    count: number | null;
    page: number;
    orders: FetchOrder[];
}

/** What running a query needs of the fake. */
export interface FetchXmlStore {
    /** The stored records of a held table, or undefined when the fake does not hold it. */
    rows(table: string): Iterable<StoredRecord> | undefined;
    /** The primary name of a related record (for a lookup's formatted value). */
    lookupName(target: string, id: string): string | undefined;
}

export interface FetchXmlRunOptions {
    /** Rows an aggregate may look at (default 50,000; `aggregatelimit` lowers it per query). */
    aggregateLimit?: number;
    annotations?: FetchXmlAnnotations;
}

export interface FetchXmlResult {
    entities: Record<string, unknown>[];
    /** Xrm.WebApi's `fetchXmlPagingCookie`: present when more rows follow the page. */
    fetchXmlPagingCookie?: string;
}

// ---------------------------------------------------------------- errors

function reject(code: FetchXmlErrorCode, message: string, status = 400): FakeRejection {
    return new FakeRejection(PlatformErrors.fetchXml(code, message, status));
}

function unsupported(what: string): FakeRejection {
    return reject("InvalidArgument", `${what} is not supported by the fake Dataverse's FetchXML (see sandbox/dataverse/fetchXml.ts for what it runs).`);
}

// ---------------------------------------------------------------- the options string

/**
 * The FetchXML of an options string (`?fetchXml=<fetch …>` or `?fetchXml=%3Cfetch…`), or null when the
 * options are not a FetchXML query. Xrm's reference says the query "should not be encoded"; the Web API's
 * says to URL-encode it: both are read (assumed: Xrm passes either through). Encoded, `+` is a space (as
 * the Web API samples send it). Besides `fetchXml`, only `$count` may be given (as the samples do).
 */
export function fetchXmlParameter(options: string | undefined): string | null {
    if (typeof options !== "string") return null;
    let text = options.trim();
    if (text.startsWith("?")) text = text.slice(1);
    let start: number;
    if (text.startsWith("fetchXml=")) start = 0;
    else {
        const at = text.indexOf("&fetchXml=");
        if (at < 0) return null;
        start = at + 1;
    }
    const before = text.slice(0, Math.max(0, start - 1));
    const rest = text.slice(start + "fetchXml=".length);
    let xml: string;
    let after = "";
    if (rest.includes("<")) {
        // Not encoded: the XML runs to its last '>' (it may hold '&amp;'); options may follow it.
        const end = rest.lastIndexOf(">") + 1;
        xml = rest.slice(0, end);
        after = rest.slice(end);
        if (after !== "" && !after.startsWith("&")) throw reject("InvalidXml", `Invalid XML: text after the root element: '${after}'.`);
        after = after.slice(1);
    } else {
        const amp = rest.indexOf("&");
        const raw = amp < 0 ? rest : rest.slice(0, amp);
        after = amp < 0 ? "" : rest.slice(amp + 1);
        try {
            xml = decodeURIComponent(raw.replace(/\+/g, " "));
        } catch {
            throw reject("InvalidArgument", "The fetchXml query option is not validly URL-encoded.");
        }
    }
    for (const part of [...before.split("&"), ...after.split("&")]) {
        if (part === "") continue;
        const key = part.split("=")[0];
        if (key !== "$count") throw reject("InvalidArgument", `The query option '${key}' cannot be combined with fetchXml (the fake Dataverse takes fetchXml alone, or with $count).`);
    }
    return xml;
}

// ---------------------------------------------------------------- parsing

const serializer = new XMLSerializer();

function nodeXml(node: XmlNode): string {
    return serializer.serializeToString(node);
}

function parseXml(xml: string): XmlElement {
    if (xml.trim() === "") throw reject("InvalidXml", "Invalid XML: the fetchXml query is empty.");
    let documentElement: XmlElement | null;
    try {
        const doc = new DOMParser({
            onError: (level, message) => {
                // Well-formedness is not optional for the platform's XML reader: warnings reject too.
                throw new Error(`${level}: ${message}`);
            },
        }).parseFromString(xml, "text/xml");
        documentElement = doc.documentElement;
    } catch (e) {
        const detail = e instanceof Error ? e.message.split("\n")[0] : String(e);
        throw reject("InvalidXml", `Invalid XML. ${detail}`);
    }
    if (!documentElement) throw reject("InvalidXml", "Invalid XML: no root element.");
    return documentElement;
}

/** The element children of `el` (comments and white space skipped; other text is invalid). */
function childElements(el: XmlElement, valid: readonly string[]): XmlElement[] {
    const out: XmlElement[] = [];
    for (let i = 0; i < el.childNodes.length; i++) {
        const node = el.childNodes.item(i)!;
        if (node.nodeType === 1) {
            const child = node as XmlElement;
            if (!valid.includes(child.nodeName)) throw invalidChild(child, valid);
            out.push(child);
        } else if ((node.nodeType === 3 || node.nodeType === 4) && (node.nodeValue ?? "").trim() !== "") {
            throw reject("QueryBuilderDeserializeInvalidNode", `Invalid Child Node, valid nodes are ${valid.join(", ")}. NodeName = #text NodeXml = ${(node.nodeValue ?? "").trim()}`);
        }
    }
    return out;
}

/**
 * The platform's message for an element where it does not belong (third-party: the string of
 * Microsoft.Crm.Query.DeserializeFetchVisitor for entity children, code 0x8004111C
 * QueryBuilderDeserializeInvalidNode; the same wording for other parents is assumed).
 */
function invalidChild(child: XmlElement, valid: readonly string[]): FakeRejection {
    return reject("QueryBuilderDeserializeInvalidNode", `Invalid Child Node, valid nodes are ${valid.join(", ")}. NodeName = ${child.nodeName} NodeXml = ${nodeXml(child)}`);
}

/**
 * The element's attributes, checked: `known` are read, `ignored` are accepted and have no effect, `notSupported`
 * are real FetchXML the fake does not run, anything else is not in the FetchXML schema (assumed message,
 * as .NET's schema validation words it).
 */
function attributesOf(el: XmlElement, known: readonly string[], ignored: readonly string[] = [], notSupported: readonly string[] = []): Map<string, string> {
    const out = new Map<string, string>();
    for (let i = 0; i < el.attributes.length; i++) {
        const attr = el.attributes.item(i)!;
        const name = attr.name;
        if (known.includes(name)) out.set(name, attr.value);
        else if (ignored.includes(name)) continue;
        else if (notSupported.includes(name)) throw unsupported(`The '${name}' attribute of <${el.nodeName}>`);
        else throw reject("InvalidArgument", `The '${name}' attribute is not declared. NodeName = ${el.nodeName} NodeXml = ${nodeXml(el)}`);
    }
    return out;
}

function parseBoolean(value: string | undefined, what: string): boolean {
    if (value === undefined) return false;
    const v = value.trim().toLowerCase();
    if (v === "true" || v === "1") return true;
    if (v === "false" || v === "0") return false;
    throw reject("InvalidArgument", `The value '${value}' of ${what} is not a boolean (true or false).`);
}

function parsePositive(value: string | undefined, what: string, max?: number): number | null {
    if (value === undefined) return null;
    if (!/^\s*\d+\s*$/.test(value) || Number(value) <= 0) throw reject("InvalidArgument", `The value '${value}' of ${what} must be a positive whole number.`);
    const n = Number(value);
    if (max !== undefined && n > max) throw reject("InvalidArgument", `The value '${value}' of ${what} cannot exceed ${formatInt(max)}.`);
    return n;
}

/** The Web API property of a column, by its logical name: `importfileid` on importlog is `_importfileid_value`. */
export function columnOfLogicalName(table: TableDef, logicalName: string): string | null {
    const lookup = `_${logicalName}_value`;
    if (Object.prototype.hasOwnProperty.call(table.columns, lookup) && table.columns[lookup].type === "lookup") return lookup;
    if (Object.prototype.hasOwnProperty.call(table.columns, logicalName) && table.columns[logicalName].type !== "lookup") return logicalName;
    return null;
}

/** A column's logical name from its Web API property (`_importfileid_value` → `importfileid`). */
export function logicalNameOfColumn(column: string): string {
    const m = /^_(.+)_value$/.exec(column);
    return m ? m[1] : column;
}

/**
 * The platform's message for a column the table does not have (seen in Web API answers: 0x80041103
 * "'bot' entity doesn't contain attribute with Name = 'x' and NameMapping = 'Logical'"; third-party).
 */
function noAttribute(table: TableDef, name: string): FakeRejection {
    const schemaName = TableSchemaNames[table.logicalName] ?? table.logicalName;
    return reject("QueryBuilderNoAttribute", `'${schemaName}' entity doesn't contain attribute with Name = '${name}' and NameMapping = 'Logical'.`);
}

function resolveColumn(table: TableDef, name: string | undefined, where: string): { column: string; def: ColumnDef; logicalName: string } {
    if (name === undefined || name.trim() === "") throw reject("InvalidArgument", `${where} has no column name.`);
    const column = columnOfLogicalName(table, name);
    if (!column) {
        const hint = /^_.+_value$/.test(name) ? ` (FetchXML names columns by their logical name: '${logicalNameOfColumn(name)}', not the Web API property '${name}')` : "";
        const error = noAttribute(table, name);
        (error.payload as { message: string }).message += hint;
        throw error;
    }
    return { column, def: table.columns[column], logicalName: name };
}

function heldTable(name: string | undefined, isHeld: (table: string) => boolean): TableDef {
    if (name === undefined || name.trim() === "") throw reject("QueryBuilderNoEntity", "Entity Name was not specified in FetchXml String.");
    const table = tableByLogicalName(name);
    if (!table || !isHeld(name)) {
        throw new FakeRejection(PlatformErrors.unknownEntityMetadata(name));
    }
    return table;
}

const scopeChildren = ["attribute", "all-attributes", "order", "link-entity", "filter"] as const;
const fetchIgnored = ["version", "output-format", "no-lock", "paging-cookie", "useraworderby"];
const fetchNotSupported = ["returntotalrecordcount", "latematerialize", "options", "datasource", "min-active-row-version"];

/**
 * Parses and checks a FetchXML query against the fake's tables (schema.ts). `isHeld` says which tables the
 * fake holds. Throws a FakeRejection (the platform's error) for an invalid or unsupported query.
 */
export function parseFetchXml(xml: string, isHeld: (table: string) => boolean): FetchQuery {
    const root = parseXml(xml);
    if (root.nodeName !== "fetch") throw reject("QueryBuilderDeserializeInvalidNode", `Invalid Root Node, the root node of a FetchXml query is fetch. NodeName = ${root.nodeName}`);
    const fetchAttrs = attributesOf(root, ["aggregate", "aggregatelimit", "top", "count", "page", "mapping", "distinct"], fetchIgnored, fetchNotSupported);
    const mapping = fetchAttrs.get("mapping");
    if (mapping !== undefined && mapping !== "logical") throw reject("InvalidArgument", `The mapping '${mapping}' is not valid: FetchXML queries use mapping='logical'.`);
    if (parseBoolean(fetchAttrs.get("distinct"), "the distinct attribute of <fetch>")) throw unsupported("distinct='true'");
    const aggregate = parseBoolean(fetchAttrs.get("aggregate"), "the aggregate attribute of <fetch>");
    const aggregateLimit = parsePositive(fetchAttrs.get("aggregatelimit"), "aggregatelimit");
    if (aggregateLimit !== null && !aggregate) throw reject("InvalidArgument", "aggregatelimit applies only to an aggregate query (aggregate='true').");
    const top = parsePositive(fetchAttrs.get("top"), "top", FETCH_MAX_PAGE);
    const count = parsePositive(fetchAttrs.get("count"), "count", FETCH_MAX_PAGE);
    const page = parsePositive(fetchAttrs.get("page"), "page") ?? 1;
    if (top !== null && (count !== null || fetchAttrs.has("page"))) {
        throw reject("InvalidArgument", "The top attribute can't be specified with paging attributes (count, page) (assumed message).");
    }

    const entities = childElements(root, ["entity"]);
    if (entities.length !== 1) {
        if (entities.length === 0) throw reject("QueryBuilderNoEntity", "Entity Name was not specified in FetchXml String.");
        throw invalidChild(entities[1], ["entity"]);
    }
    const entityEl = entities[0];
    const entityAttrs = attributesOf(entityEl, ["name"], ["enableprefiltering", "prefilterparametername"]);
    const query: FetchQuery = { entity: null as unknown as FetchScope, attributes: [], aggregate, aggregateLimit, top, count, page, orders: [] };
    const aliases = new Set<string>();

    const readScope = (el: XmlElement, table: TableDef, parent: FetchScope | null, alias: string, from: string | null, to: string | null): FetchScope => {
        const scope: FetchScope = { table, alias, parent, from, to, filter: null, links: [], allAttributes: false };
        const children = childElements(el, scopeChildren);
        let filters = 0;
        for (const child of children) {
            switch (child.nodeName) {
                case "attribute":
                    query.attributes.push(readAttribute(child, scope));
                    break;
                case "all-attributes":
                    attributesOf(child, []);
                    if (aggregate) throw reject("QueryBuilderAttributeWithAggregate", "all-attributes can not be requested when an aggregate operation has been specified.");
                    scope.allAttributes = true;
                    break;
                case "filter":
                    if (++filters > 1) throw reject("QueryBuilderDeserializeInvalidNode", `Only one filter element is allowed in <${el.nodeName}> (wrap conditions in one filter). NodeXml = ${nodeXml(child)}`);
                    scope.filter = readFilter(child, table);
                    break;
                case "order":
                    if (parent) throw unsupported("An order element inside a link-entity");
                    query.orders.push(readOrder(child, table));
                    break;
                case "link-entity":
                    scope.links.push(readLink(child, scope));
                    break;
            }
        }
        return scope;
    };

    const readAttribute = (el: XmlElement, scope: FetchScope): FetchAttribute => {
        const attrs = attributesOf(el, ["name", "alias", "aggregate", "groupby", "distinct"], ["build", "addedby", "usertimezone"], ["dategrouping", "rowaggregate"]);
        const { column, def, logicalName } = resolveColumn(scope.table, attrs.get("name"), "An attribute element");
        const alias = attrs.get("alias") ?? null;
        const fn = attrs.get("aggregate");
        const groupBy = parseBoolean(attrs.get("groupby"), "groupby");
        const distinct = parseBoolean(attrs.get("distinct"), "distinct");
        let aggregateFn: FetchAttribute["aggregate"] = null;
        if (fn !== undefined) {
            if (!aggregate) throw reject("QueryBuilderDeserializeInvalidAggregate", `The aggregate attribute of <attribute> needs aggregate='true' on <fetch>. NodeXml = ${nodeXml(el)}`);
            if (fn === "count" || fn === "countcolumn") aggregateFn = fn;
            else if (["sum", "avg", "min", "max"].includes(fn)) throw unsupported(`The aggregate function '${fn}'`);
            else throw reject("QueryBuilderDeserializeInvalidAggregate", `The aggregate function '${fn}' is not valid (avg, count, countcolumn, max, min, sum).`);
        }
        if (groupBy && !aggregate) throw reject("InvalidArgument", `groupby needs aggregate='true' on <fetch>. NodeXml = ${nodeXml(el)}`);
        if (aggregate) {
            if (!aggregateFn && !groupBy) {
                // The platform's wording (third-party: seen in error reports).
                throw reject(
                    "QueryBuilderAttributeWithAggregate",
                    `An attribute can not be requested when an aggregate operation has been specified and its neither groupby nor aggregate. NodeXml : ${nodeXml(el)}`,
                );
            }
            if (aggregateFn && groupBy) throw reject("InvalidArgument", `An attribute is either groupby or aggregate, not both. NodeXml = ${nodeXml(el)}`);
            if (!alias) throw reject("QueryBuilderNoAlias", `An aggregate or groupby attribute must have an alias (fetchxml/aggregate-data.md). NodeXml = ${nodeXml(el)}`);
        }
        if (distinct && aggregateFn !== "countcolumn") throw reject("InvalidArgument", "distinct on <attribute> applies only to aggregate='countcolumn'.");
        if (alias !== null) {
            if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(alias)) throw reject("QueryBuilderInvalidAlias", `The alias '${alias}' is not valid: letters, digits and underscores, not starting with a digit (assumed rule).`);
            const key = alias.toLowerCase();
            if (aliases.has(key)) throw reject("QueryBuilderInvalidAlias", `The alias '${alias}' is used more than once: each column returned must have a unique name.`);
            aliases.add(key);
        }
        return { scope, logicalName, column, def, alias, aggregate: aggregateFn, distinct, groupBy };
    };

    const readFilter = (el: XmlElement, table: TableDef): FetchFilter => {
        const attrs = attributesOf(el, ["type"], ["isquickfindfields", "bypassquickfind", "overridequickfindrecordlimitenabled", "overridequickfindrecordlimitdisabled"], ["hint"]);
        const type = attrs.get("type") ?? "and";
        if (type !== "and" && type !== "or") throw reject("QueryBuilderInvalidFilterType", `The filter type '${type}' is not valid (and, or).`);
        const items: FetchFilter["items"] = [];
        for (let i = 0; i < el.childNodes.length; i++) {
            const node = el.childNodes.item(i)!;
            if (node.nodeType === 1 && node.nodeName === "link-entity") throw unsupported("A link-entity inside a filter (any, not any, all, not all)");
        }
        for (const child of childElements(el, ["condition", "filter"])) {
            items.push(child.nodeName === "filter" ? readFilter(child, table) : readCondition(child, table));
        }
        return { kind: "filter", type, items };
    };

    const readCondition = (el: XmlElement, table: TableDef): FetchCondition => {
        const attrs = attributesOf(el, ["attribute", "operator", "value"], ["uiname", "uitype", "uihidden"], ["entityname", "valueof", "alias", "aggregate", "rowaggregate", "column"]);
        const { column, def } = resolveColumn(table, attrs.get("attribute"), "A condition element");
        const op = attrs.get("operator");
        if (op === undefined) throw reject("QueryBuilderInvalidConditionOperator", `A condition on '${attrs.get("attribute")}' has no operator.`);
        const operator: ConditionOperator | null =
            op === "eq" ? "eq" : op === "ne" || op === "neq" ? "ne" : op === "in" ? "in" : op === "not-in" ? "not-in" : op === "null" ? "null" : op === "not-null" ? "not-null" : null;
        if (!operator) {
            if (knownOperators.has(op)) throw unsupported(`The condition operator '${op}'`);
            throw reject("QueryBuilderInvalidConditionOperator", `The condition operator '${op}' is not valid.`);
        }
        const valueEls = childElements(el, ["value"]);
        const raw: string[] = [];
        for (const v of valueEls) {
            attributesOf(v, [], ["uiname", "uitype"]);
            raw.push(v.textContent ?? "");
        }
        const attrValue = attrs.get("value");
        let values: string[];
        if (operator === "null" || operator === "not-null") {
            if (attrValue !== undefined || raw.length > 0) throw reject("InvalidArgument", `The condition operator '${op}' takes no value (assumed: the fake refuses one).`);
            values = [];
        } else if (operator === "in" || operator === "not-in") {
            if (attrValue !== undefined) throw reject("InvalidArgument", `The condition operator '${op}' takes its values as <value> elements, not the value attribute.`);
            if (raw.length === 0) throw reject("InvalidArgument", `The condition operator '${op}' needs at least one <value> element.`);
            values = raw;
        } else {
            if (raw.length > 0) throw reject("InvalidArgument", `The condition operator '${op}' takes one value, in the value attribute.`);
            if (attrValue === undefined) throw reject("InvalidArgument", `The condition operator '${op}' on '${attrs.get("attribute")}' needs a value.`);
            values = [attrValue];
        }
        return { kind: "condition", column, def, operator, values: values.map((v) => conditionValue(table, column, def, v)) };
    };

    const readOrder = (el: XmlElement, table: TableDef): FetchOrder => {
        const attrs = attributesOf(el, ["attribute", "alias", "descending"], [], ["entityname"]);
        const descending = parseBoolean(attrs.get("descending"), "descending");
        const attribute = attrs.get("attribute");
        const alias = attrs.get("alias");
        if ((attribute === undefined) === (alias === undefined)) throw reject("InvalidArgument", `An order element names either an attribute or an alias. NodeXml = ${nodeXml(el)}`);
        if (aggregate) {
            if (alias === undefined) {
                throw reject("InvalidArgument", `An aggregate query is ordered by the alias of a groupby or aggregate attribute (<order alias='…'/>), not by attribute (assumed). NodeXml = ${nodeXml(el)}`);
            }
            return { alias, column: null, descending };
        }
        if (alias !== undefined) throw unsupported("Ordering a non-aggregate query by alias");
        return { alias: null, column: resolveColumn(table, attribute, "An order element").column, descending };
    };

    const readLink = (el: XmlElement, parent: FetchScope): FetchScope => {
        const attrs = attributesOf(el, ["name", "from", "to", "alias", "link-type"], ["visible", "intersect"]);
        const table = heldTable(attrs.get("name"), isHeld);
        const linkType = attrs.get("link-type") ?? "inner";
        if (linkType !== "inner") {
            const known = ["outer", "any", "not any", "all", "not all", "exists", "in", "matchfirstrowusingcrossapply"];
            if (known.includes(linkType)) throw unsupported(`link-type='${linkType}'`);
            throw reject("QueryBuilderInvalidJoinOperator", `The link-type '${linkType}' is not valid.`);
        }
        if (attrs.get("from") === undefined || attrs.get("to") === undefined) throw unsupported("A link-entity without both from and to");
        const from = resolveColumn(table, attrs.get("from"), "The from attribute of a link-entity").column;
        const to = resolveColumn(parent.table, attrs.get("to"), "The to attribute of a link-entity").column;
        const alias = attrs.get("alias") ?? table.logicalName;
        return readScope(el, table, parent, alias, from, to);
    };

    query.entity = readScope(entityEl, heldTable(entityAttrs.get("name"), isHeld), null, entityAttrs.get("name")!, null, null);

    if (aggregate) {
        if (query.attributes.length === 0) throw reject("InvalidArgument", "An aggregate query needs at least one attribute with aggregate or groupby.");
        for (const o of query.orders) {
            if (!query.attributes.some((a) => a.alias?.toLowerCase() === o.alias!.toLowerCase())) {
                throw reject("QueryBuilderInvalidAlias", `The order alias '${o.alias}' is not the alias of an attribute of the query.`);
            }
        }
    }
    return query;
}

/** FetchXML operators (fetchxml/reference/operators.md) the fake knows but does not run. */
const knownOperators = new Set([
    "above", "begins-with", "between", "contain-values", "ends-with", "eq-businessid", "eq-or-above", "eq-or-under", "eq-userid",
    "eq-userlanguage", "eq-useroruserhierarchy", "eq-useroruserhierarchyandteams", "eq-useroruserteams", "eq-userteams", "ge", "gt",
    "in-fiscal-period", "in-fiscal-period-and-year", "in-fiscal-year", "in-or-after-fiscal-period-and-year", "in-or-before-fiscal-period-and-year",
    "last-fiscal-period", "last-fiscal-year", "last-month", "last-seven-days", "last-week", "last-x-days", "last-x-fiscal-periods",
    "last-x-fiscal-years", "last-x-hours", "last-x-months", "last-x-weeks", "last-x-years", "last-year", "le", "like", "lt", "ne-businessid",
    "ne-userid", "next-fiscal-period", "next-fiscal-year", "next-month", "next-seven-days", "next-week", "next-x-days", "next-x-fiscal-periods",
    "next-x-fiscal-years", "next-x-hours", "next-x-months", "next-x-weeks", "next-x-years", "next-year", "not-begin-with", "not-between",
    "not-contain-values", "not-end-with", "not-like", "not-under", "olderthan-x-days", "olderthan-x-hours", "olderthan-x-minutes",
    "olderthan-x-months", "olderthan-x-weeks", "olderthan-x-years", "on", "on-or-after", "on-or-before", "this-fiscal-period",
    "this-fiscal-year", "this-month", "this-week", "this-year", "today", "tomorrow", "under", "yesterday",
]);

const systemTypes: Record<ColumnDef["type"], string> = {
    guid: "System.Guid",
    lookup: "System.Guid",
    string: "System.String",
    memo: "System.String",
    int: "System.Int32",
    picklist: "System.Int32",
    boolean: "System.Boolean",
    datetime: "System.DateTime",
};

/**
 * A condition value as the column's type: the platform converts the text and, when it cannot, rejects with
 * "An exception System.FormatException was thrown while trying to convert input value …" (wording from
 * error reports; third-party; the code is assumed to be 0x80040203).
 */
function conditionValue(table: TableDef, column: string, def: ColumnDef, raw: string): string | number | boolean {
    const text = raw.trim();
    const fail = (why: string): FakeRejection =>
        reject(
            "InvalidArgument",
            `An exception System.FormatException was thrown while trying to convert input value '${raw}' to attribute '${table.logicalName}.${logicalNameOfColumn(column)}'. Expected type of attribute value: ${systemTypes[def.type]}. Exception raised: ${why}`,
        );
    switch (def.type) {
        case "guid":
        case "lookup": {
            const guid = normalizeGuid(text);
            if (!guid) throw fail("Guid should contain 32 digits with 4 dashes (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx).");
            return guid;
        }
        case "int":
        case "picklist":
            if (!/^[-+]?\d+$/.test(text)) throw fail("Input string was not in a correct format.");
            return Number(text);
        case "boolean": {
            const v = text.toLowerCase();
            if (v === "1" || v === "true") return true;
            if (v === "0" || v === "false") return false;
            throw fail("String was not recognized as a valid Boolean.");
        }
        case "datetime": {
            const ms = Date.parse(text);
            if (isNaN(ms)) throw fail("String was not recognized as a valid DateTime.");
            return ms;
        }
        default:
            return raw.toLowerCase();
    }
}

// ---------------------------------------------------------------- running

/** One row of the joined tables: the record of each scope. */
type JoinedRow = Map<FetchScope, StoredRecord>;

function comparable(def: ColumnDef, v: unknown): string | number | boolean | null {
    if (v === null || v === undefined) return null;
    switch (def.type) {
        case "guid":
        case "lookup":
            return normalizeGuid(asText(v)) ?? asText(v).toLowerCase();
        case "int":
        case "picklist":
            return Number(v);
        case "boolean":
            return v === true;
        case "datetime":
            return Date.parse(asText(v));
        default:
            return asText(v).toLowerCase();
    }
}

function conditionHolds(c: FetchCondition, record: StoredRecord): boolean {
    const v = comparable(c.def, record[c.column]);
    switch (c.operator) {
        case "null":
            return v === null;
        case "not-null":
            return v !== null;
        // SQL semantics: a null column matches neither eq nor ne, in nor not-in (assumed; "does not equal"
        // leaving out blank rows is the commonly reported behaviour).
        case "eq":
            return v !== null && v === c.values[0];
        case "ne":
            return v !== null && v !== c.values[0];
        case "in":
            return v !== null && c.values.includes(v);
        case "not-in":
            return v !== null && !c.values.includes(v);
    }
}

function filterHolds(f: FetchFilter, record: StoredRecord): boolean {
    if (f.items.length === 0) return true;
    const test = (item: FetchCondition | FetchFilter): boolean => (item.kind === "filter" ? filterHolds(item, record) : conditionHolds(item, record));
    return f.type === "and" ? f.items.every(test) : f.items.some(test);
}

function rowsOf(store: FetchXmlStore, scope: FetchScope): StoredRecord[] {
    const rows = store.rows(scope.table.logicalName);
    if (!rows) throw new FakeRejection(PlatformErrors.unknownEntityMetadata(scope.table.logicalName));
    const filter = scope.filter;
    return filter ? [...rows].filter((r) => filterHolds(filter, r)) : [...rows];
}

/** Inner joins of the scope's links, depth first. */
function join(store: FetchXmlStore, rows: JoinedRow[], scope: FetchScope): JoinedRow[] {
    let out = rows;
    for (const link of scope.links) {
        const fromDef = link.table.columns[link.from!];
        const toDef = scope.table.columns[link.to!];
        const index = new Map<unknown, StoredRecord[]>();
        for (const r of rowsOf(store, link)) {
            const key = comparable(fromDef, r[link.from!]);
            if (key === null) continue;
            const list = index.get(key);
            if (list) list.push(r);
            else index.set(key, [r]);
        }
        const next: JoinedRow[] = [];
        for (const row of out) {
            const key = comparable(toDef, row.get(scope)![link.to!]);
            if (key === null) continue;
            for (const match of index.get(key) ?? []) {
                const joined = new Map(row);
                joined.set(link, match);
                next.push(joined);
            }
        }
        out = join(store, next, link);
    }
    return out;
}

function compareKeys(a: string | number | boolean | null, b: string | number | boolean | null): number {
    if (a === b) return 0;
    // Nulls first ascending, as SQL Server sorts.
    if (a === null) return -1;
    if (b === null) return 1;
    return a < b ? -1 : 1;
}

function sortBy<T>(items: T[], keys: ((item: T) => string | number | boolean | null)[], descending: boolean[]): T[] {
    if (keys.length === 0) return items;
    const decorated = items.map((item, i) => ({ item, i, k: keys.map((key) => key(item)) }));
    decorated.sort((x, y) => {
        for (let j = 0; j < keys.length; j++) {
            const c = compareKeys(x.k[j], y.k[j]);
            if (c !== 0) return descending[j] ? -c : c;
        }
        return x.i - y.i;
    });
    return decorated.map((d) => d.item);
}

/** The value and annotations of one column under `name`; nothing when the value is null. */
function putValue(
    out: Record<string, unknown>,
    name: string,
    def: ColumnDef,
    value: unknown,
    store: FetchXmlStore,
    annotations: FetchXmlAnnotations,
    extra: { attributeName?: string; navigation?: boolean; column?: string; record?: Record<string, unknown> },
): void {
    if (value === null || value === undefined) return;
    const annotate = annotations === "all";
    if (annotate && extra.attributeName !== undefined) out[name + ATTRIBUTE_NAME] = extra.attributeName;
    switch (def.type) {
        case "picklist": {
            const label = def.options?.[Number(value)];
            if (annotate && label !== undefined) out[name + FORMATTED] = label;
            break;
        }
        case "boolean":
            if (annotate) out[name + FORMATTED] = value === true ? "Yes" : "No";
            break;
        case "datetime":
            if (annotate) out[name + FORMATTED] = formatDate(asText(value));
            break;
        case "int":
            if (annotate) out[name + FORMATTED] = formatInt(Number(value));
            break;
        case "lookup": {
            // A polymorphic lookup (owner) keeps its table on the record (schema.ts, lookupTargetOf).
            const target = extra.record && extra.column ? lookupTargetOf(def, extra.record, extra.column) : def.target;
            const label = target ? store.lookupName(target, asText(value)) : undefined;
            if (annotate && label !== undefined) out[name + FORMATTED] = label;
            const navigation = extra.column ? lookupNavigationOf(def, target, extra.column) : def.navigation;
            if (annotate && extra.navigation && navigation) out[name + NAVIGATION] = navigation;
            if (annotate && target) out[name + LOOKUP_LOGICAL_NAME] = target;
            break;
        }
        default:
            break;
    }
    out[name] = value;
}

/** A joined row as the Web API returns a plain FetchXML query's row. */
function shapePlainRow(query: FetchQuery, row: JoinedRow, store: FetchXmlStore, annotations: FetchXmlAnnotations): Record<string, unknown> {
    const main = row.get(query.entity)!;
    const table = query.entity.table;
    const out: Record<string, unknown> = { "@odata.etag": `W/"${asText(main["@version"] ?? 1)}"` };
    const scopes: FetchScope[] = [];
    const collect = (s: FetchScope): void => {
        scopes.push(s);
        s.links.forEach(collect);
    };
    collect(query.entity);
    const explicit = query.attributes;
    const noColumns = explicit.length === 0 && !scopes.some((s) => s.allAttributes);
    for (const scope of scopes) {
        const record = row.get(scope)!;
        const isMain = scope === query.entity;
        const columns = scope.allAttributes || (isMain && noColumns) ? Object.keys(scope.table.columns) : [];
        for (const column of columns) {
            const def = scope.table.columns[column];
            if (isMain) putValue(out, column, def, record[column], store, annotations, { navigation: true, column, record });
            else putValue(out, `${scope.alias}.${logicalNameOfColumn(column)}`, def, record[column], store, annotations, { attributeName: logicalNameOfColumn(column), column, record });
        }
    }
    for (const a of explicit) {
        const record = row.get(a.scope)!;
        if (a.alias) putValue(out, a.alias, a.def, record[a.column], store, annotations, { attributeName: a.logicalName, column: a.column, record });
        else if (a.scope === query.entity) putValue(out, a.column, a.def, record[a.column], store, annotations, { navigation: true, column: a.column, record });
        else putValue(out, `${a.scope.alias}.${a.logicalName}`, a.def, record[a.column], store, annotations, { attributeName: a.logicalName, column: a.column, record });
    }
    // The id of the row is returned by default (select-columns.md, use-fetchxml-web-api.md).
    if (out[table.primaryId] === undefined) out[table.primaryId] = main[table.primaryId];
    return out;
}

interface Group {
    key: string;
    first: JoinedRow;
    rows: JoinedRow[];
}

function aggregateRows(query: FetchQuery, rows: JoinedRow[], store: FetchXmlStore, annotations: FetchXmlAnnotations): Record<string, unknown>[] {
    const groupAttrs = query.attributes.filter((a) => a.groupBy);
    const groups = new Map<string, Group>();
    for (const row of rows) {
        const key = JSON.stringify(groupAttrs.map((a) => comparable(a.def, row.get(a.scope)![a.column])));
        const group = groups.get(key);
        if (group) group.rows.push(row);
        else groups.set(key, { key, first: row, rows: [row] });
    }
    // No groupby: one row, even over no records (count 0).
    if (groupAttrs.length === 0 && groups.size === 0) groups.set("[]", { key: "[]", first: new Map(), rows: [] });

    const countOf = (a: FetchAttribute, group: Group): number => {
        if (a.aggregate === "count") return group.rows.length;
        const values = group.rows.map((r) => comparable(a.def, r.get(a.scope)![a.column])).filter((v) => v !== null);
        return a.distinct ? new Set(values).size : values.length;
    };
    const shaped = [...groups.values()].map((group) => {
        const out: Record<string, unknown> = {};
        for (const a of query.attributes) {
            if (a.groupBy) {
                putValue(out, a.alias!, a.def, group.first.get(a.scope)![a.column], store, annotations, { attributeName: a.logicalName, column: a.column, record: group.first.get(a.scope)! });
            } else {
                putValue(out, a.alias!, { type: "int" }, countOf(a, group), store, annotations, { attributeName: a.logicalName });
            }
        }
        return { group, out };
    });
    const orderAttrs = query.orders.map((o) => query.attributes.find((a) => a.alias!.toLowerCase() === o.alias!.toLowerCase())!);
    const sorted = sortBy(
        shaped,
        orderAttrs.map((a) => (s: (typeof shaped)[number]) => (a.groupBy ? comparable(a.def, s.group.first.get(a.scope)?.[a.column]) : countOf(a, s.group))),
        query.orders.map((o) => o.descending),
    );
    return sorted.map((s) => s.out);
}

/**
 * Runs a parsed query over the store. Rejects with AggregateQueryRecordLimit (-2147164125, 0x8004E023) when an
 * aggregate would look at more rows than the limit. Pages with `count`/`page` (or 5,000 rows); `top` limits.
 */
export function runFetchXml(query: FetchQuery, store: FetchXmlStore, options: FetchXmlRunOptions = {}): FetchXmlResult {
    const annotations = options.annotations ?? "all";
    const base = rowsOf(store, query.entity).map((r): JoinedRow => new Map([[query.entity, r]]));
    const rows = join(store, base, query.entity);

    let entities: Record<string, unknown>[];
    if (query.aggregate) {
        // "The per query limit can't exceed default aggregate limit": the lower of the two applies (assumed).
        const limit = Math.min(options.aggregateLimit ?? AGGREGATE_RECORD_LIMIT, query.aggregateLimit ?? Infinity);
        if (rows.length > limit) throw new FakeRejection(PlatformErrors.aggregateQueryRecordLimit());
        entities = aggregateRows(query, rows, store, annotations);
    } else {
        const sorted = sortBy(
            rows,
            query.orders.map((o) => (row: JoinedRow) => comparable(query.entity.table.columns[o.column!], row.get(query.entity)![o.column!])),
            query.orders.map((o) => o.descending),
        );
        entities = sorted.map((row) => shapePlainRow(query, row, store, annotations));
    }

    if (query.top !== null) return { entities: entities.slice(0, query.top) };
    const size = query.count ?? FETCH_MAX_PAGE;
    const from = (query.page - 1) * size;
    const result: FetchXmlResult = { entities: entities.slice(from, from + size) };
    if (from + size < entities.length) {
        // Xrm.WebApi's fetchXmlPagingCookie (retrieveMultipleRecords reference); the cookie's content is the fake's own.
        result.fetchXmlPagingCookie = `<cookie pagenumber="${query.page + 1}" pagingcookie="" istracking="False" />`;
    }
    return result;
}

/** The tables a query reads (the entity, then every link-entity): each needs its read privilege. */
export function tablesOf(query: FetchQuery): string[] {
    const out: string[] = [];
    const walk = (s: FetchScope): void => {
        if (!out.includes(s.table.logicalName)) out.push(s.table.logicalName);
        s.links.forEach(walk);
    };
    walk(query.entity);
    return out;
}
