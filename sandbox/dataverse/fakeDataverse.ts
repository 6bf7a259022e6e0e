/**
 * An in-memory Dataverse for the jest tests and the browser sandbox: the Web API reads (OData options and
 * FetchXML, see odata.ts and fetchXml.ts), creates and deletes of imports and import files (writes.ts), the three
 * import actions with their system jobs, table metadata (getEntityMetadata and the Web API's table
 * definitions), the user's privileges, fault injection and a request log.
 * Plain TypeScript, browser-safe; runs on an injectable clock (by default the global timers, so jest
 * fake timers drive it).
 */
import type {
    DataversePorts,
    ExecuteRequest,
    ExecuteRequestMetadata,
    ExecuteResponse,
    PrivilegeDepth,
    PrivilegeType,
    RetrieveMultipleResult,
    WebApiEntity,
    WebApiReads,
} from "../../ImportMonitor/dataverse/platform";
import { systemClock, type FakeClock } from "./clock";
import { answerGetJson } from "./definitions";
import { DataverseErrorCodes, FAKE_USER_ID, FakeRejection, ImportLogErrors, PlatformErrors, rejectWith } from "./errors";
import { FaultController, type StageFailure, type StageName } from "./faults";
import { AGGREGATE_RECORD_LIMIT, fetchXmlParameter, parseFetchXml, runFetchXml, tablesOf, type FetchXmlAnnotations } from "./fetchXml";
import { IdGenerator, normalizeGuid } from "./ids";
import {
    entityMetadata,
    type FakeAttributeCollection,
    type FakeEntityMetadata,
    type FakeStrictAttributeCollection,
    type MetadataShape,
} from "./metadata";
import { buildNextLink, FAKE_API_URL, MAX_PAGE_SIZE, matches, parseQuery, shapeRecord, sortRecords, type ParsedQuery } from "./odata";
import type { AsyncOperationRecord, FakeSeed, ImportFileRecord, ImportLogRecord } from "./records";
import { IMPORT_MESSAGE_PRIVILEGES, privilegeName, PrivilegeSet, readPrivilegeOf, tableOfPrivilege } from "./privileges";
import { operationKey, RequestLog, type RequestKind, type RequestLogEntry } from "./requestLog";
import {
    AsyncOperationType,
    AsyncStateCode,
    AsyncStatusCode,
    asText,
    lookupTargetKey,
    ProcessingStatusLabels,
    StatusCodeLabels,
    tableByLogicalName,
    toODataDate,
    type TableDef,
} from "./schema";
import { createSeed } from "./seed";
import { parseContent, planFile, type FilePlan } from "./simulation";
import { checkChoices, defaultsOf, DELETABLE_TABLES, missingRequired, parseCreatePayload, WriteSpecs, type Bind } from "./writes";

export interface FakeDataverseOptions {
    /** The data to start from (and `reset()` to). Default: the November import of seed.ts. */
    seed?: FakeSeed;
    /** Default: the global timers and Date.now. */
    clock?: FakeClock;
    /** Clock time of one step of a stage. Default 500 ms: a stage takes 1.5–4 s. */
    stepMs?: number;
    /** Clock time every call takes before it settles. Default 0: calls settle on a microtask. */
    latencyMs?: number;
    /**
     * Rows an aggregate FetchXML query may look at before it is refused with AggregateQueryRecordLimit
     * (0x8004E023). Default 50,000, Dataverse's documented limit; lower it to reach the refusal with a small seed.
     */
    aggregateRecordLimit?: number;
}

/** What `webApi.createRecord` resolves with: ComponentFramework.LookupValue's `{ entityType, id }`. */
export interface CreatedRecord {
    entityType: string;
    id: string;
}

/** What `webApi.deleteRecord` resolves with: `{ entityType, id, name }` (the deleteRecord reference; a LookupValue). */
export interface DeletedRecord {
    entityType: string;
    id: string;
    name?: string;
}

/** The fake's Web API: the reads of platform.ts and the two writes of `ComponentFramework.WebApi` it models. */
export interface FakeWebApi extends WebApiReads {
    createRecord(entityType: string, data: Record<string, unknown>): Promise<CreatedRecord>;
    deleteRecord(entityType: string, id: string): Promise<DeletedRecord>;
}

/** What `ports()` gives: DataversePorts with the fake's Web API (createRecord and deleteRecord besides the reads). */
export interface FakeDataversePorts extends DataversePorts {
    webApi: FakeWebApi;
}

/** What `ports()` gives: the surfaces a host has. */
export interface FakePortsOptions {
    /** `false`: no `execute` (a canvas app, a harness: no Xrm.WebApi.online). Default true. */
    execute?: boolean;
    /** `false`: no `getJson` (the organization's URL is unknown: no Xrm, a canvas app). Default true. */
    getJson?: boolean;
    /**
     * `false`: no `hasEntityPrivilege` (a host without it). `"uncached"`: false for a table until its metadata
     * has been read with getEntityMetadata through the fake, as the reference warns it "might" be. Default true.
     */
    hasEntityPrivilege?: boolean | "uncached";
    /**
     * getEntityMetadata's `Attributes`: "model-driven" (default) has `get(name | index)`, `getByName(name)`,
     * `forEach`, `getLength`; "strict" has `get(name)` only and only the documented attribute properties.
     * See metadata.ts.
     */
    metadataShape?: MetadataShape;
    /**
     * The annotations of FetchXML results: "all" (default; what Xrm.WebApi gets, as with the Web API's
     * `Prefer: odata.include-annotations="*"`: FormattedValue, AttributeName, lookuplogicalname) or "none"
     * (values only: a host that asks for no annotations). See fetchXml.ts.
     */
    fetchXmlAnnotations?: FetchXmlAnnotations;
}

/**
 * A run of parse → transform → import started the way the Import Data Wizard does (`runInBackground`):
 * each stage's job is submitted when the one before has succeeded.
 */
export interface BackgroundRun {
    readonly importId: string;
    /** The jobs submitted so far, in stage order (parse at once, transform and import as they are submitted). */
    readonly jobIds: readonly string[];
    /** The stage whose job is running or waiting; null once the run has ended. */
    readonly stage: StageName | null;
    /** "running" until import succeeds ("succeeded"), a job fails ("failed") or the fake is reset ("stopped"). */
    readonly status: "running" | "succeeded" | "failed" | "stopped";
}

/** What `advance` runs to: a number of the fake's pending steps, or until a condition holds. */
export type AdvanceUntil = number | (() => boolean);

type StoredRecord = Record<string, unknown>;

interface StageRun {
    op: OperationName;
    importId: string;
    stage: StageName;
    jobId: string;
    /** Decided when the job starts (a queued job runs over the files as they are then). */
    fileIds: string[];
    failure: StageFailure | null;
    /** Called once when the job completes (succeeded or failed). */
    onComplete?: (succeeded: boolean) => void;
}

/** A step or latency the fake has scheduled on its clock. */
interface Pending {
    id: number;
    fn: () => void;
    /** Clock time it is due at. */
    due: number;
    /** The clock's timer handle (null while `advance` runs steps itself). */
    handle: unknown;
}

interface Step {
    /** The processingstatus this step moves the files to, when it does. */
    status?: number;
    run: () => void;
}

const stageStatuses: Record<StageName, readonly number[]> = {
    parse: [2, 3],
    transform: [4, 5, 6, 7, 12, 8],
    import: [9, 10, 11],
};

const operations = {
    ParseImport: { stage: "parse", bound: true, operationType: AsyncOperationType.ImportFileParse, jobName: "Import File Parse" },
    TransformImport: { stage: "transform", bound: false, operationType: AsyncOperationType.TransformParseData, jobName: "Transform Parse Data" },
    ImportRecordsImport: { stage: "import", bound: true, operationType: AsyncOperationType.Import, jobName: "Import" },
} as const;
type OperationName = keyof typeof operations;
const operationOfStage: Record<StageName, OperationName> = { parse: "ParseImport", transform: "TransformImport", import: "ImportRecordsImport" };

/**
 * What a stage needs of every file it runs over (processingstatus/statuscode), and the import logs a run of
 * the stage replaces (by logphasecode). A stage may run again over files it has already been through
 * (assumed: the reference states no precondition); parse has no precondition at all.
 */
const stageGates: Record<StageName, { accepts: readonly [number, number][]; need: string; clearsPhases: readonly number[] } | null> = {
    parse: null,
    transform: { accepts: [[3, 1], [8, 2]], need: "has been parsed (Parsing Complete)", clearsPhases: [1, 2, 3] },
    import: { accepts: [[8, 2], [11, 4]], need: "has been transformed (Transformation Complete)", clearsPhases: [2, 3] },
};
const parseClearsPhases = [0, 1, 2, 3];

const FRIENDLY_FAILURE =
    "An error has occurred. Try this action again. If the problem continues, check the Microsoft Dynamics 365 Community for solutions or contact your organization's Microsoft Dynamics 365 Administrator.";

const heldTables: TableDef[] = ["import", "importfile", "importlog", "asyncoperation", "importmap", "importentitymapping"].map((name) => tableByLogicalName(name)!);

const IMPORT_CHUNKS_PASS_1 = 3;
const IMPORT_CHUNKS_PASS_2 = 2;

function clone<T>(value: T): T {
    return JSON.parse(JSON.stringify(value)) as T;
}

export class FakeDataverse {
    /** Fault injection (see faults.ts). */
    readonly faults = new FaultController();
    /** Every call made (see requestLog.ts). */
    readonly requests = new RequestLog();
    /** The calling user's privileges (see privileges.ts): all held at Global until changed. */
    readonly privileges = new PrivilegeSet();

    private readonly clock: FakeClock;
    private seed: FakeSeed;
    private stepMs: number;
    private latencyMs: number;
    private tables = new Map<string, Map<string, StoredRecord>>();
    private plans = new Map<string, FilePlan>();
    /** Per import, its unfinished jobs in order: the first runs, the others wait for it. */
    private queues = new Map<string, StageRun[]>();
    /** Tables whose metadata getEntityMetadata has given (for `hasEntityPrivilege: "uncached"`). */
    private metadataRead = new Set<string>();
    private pending = new Map<number, Pending>();
    private pendingSeq = 0;
    /** While `advance` runs: the clock time the fake is at (its own steps run without the clock). */
    private virtualNow: number | null = null;
    private aggregateRecordLimit: number;
    private backgroundRuns = new Set<{ status: BackgroundRun["status"] }>();
    private listeners = new Set<() => void>();
    private ids = new IdGenerator("fake-dataverse");
    private disposed = false;

    constructor(options: FakeDataverseOptions = {}) {
        this.clock = options.clock ?? systemClock;
        this.seed = clone(options.seed ?? createSeed());
        this.stepMs = options.stepMs ?? 500;
        this.latencyMs = options.latencyMs ?? 0;
        this.aggregateRecordLimit = options.aggregateRecordLimit ?? AGGREGATE_RECORD_LIMIT;
        this.load();
    }

    // ------------------------------------------------------------ the platform surfaces

    /**
     * The ports the control takes: `webApi`, `getEntityMetadata`, `execute`, `getJson`, `hasEntityPrivilege`.
     * See FakePortsOptions for leaving surfaces out and for the metadata shape.
     */
    ports(options: FakePortsOptions = {}): FakeDataversePorts {
        const shape = options.metadataShape ?? "model-driven";
        if (shape !== "model-driven" && shape !== "strict") throw new Error(`metadataShape is "model-driven" or "strict"; got ${JSON.stringify(shape)}.`);
        const annotations = options.fetchXmlAnnotations ?? "all";
        if (annotations !== "all" && annotations !== "none") throw new Error(`fetchXmlAnnotations is "all" or "none"; got ${JSON.stringify(annotations)}.`);
        const ports: FakeDataversePorts = {
            webApi: {
                retrieveRecord: (entityType, id, opts) => this.retrieveRecord(entityType, id, opts),
                retrieveMultipleRecords: (entityType, opts, maxPageSize) => this.retrieveMultiple(entityType, opts, maxPageSize, annotations),
                createRecord: (entityType, data) => this.createRecord(entityType, data),
                deleteRecord: (entityType, id) => this.deleteRecord(entityType, id),
            },
            getEntityMetadata: (entityName, attributes) => this.getEntityMetadata(entityName, attributes, shape),
        };
        if (options.execute !== false) ports.execute = (request) => this.execute(request);
        if (options.getJson !== false) ports.getJson = (path) => this.getJson(path);
        const privileges = options.hasEntityPrivilege ?? true;
        if (privileges === "uncached") {
            ports.hasEntityPrivilege = (entity, type, depth) =>
                this.metadataRead.has(String(entity).toLowerCase()) && this.hasEntityPrivilege(entity, type, depth);
        } else if (privileges !== false) {
            ports.hasEntityPrivilege = (entity, type, depth) => this.hasEntityPrivilege(entity, type, depth);
        }
        return ports;
    }

    retrieveRecord(entityType: string, id: string, options?: string): Promise<WebApiEntity> {
        return this.call({ kind: "retrieve", entity: entityType, options, id }, () => {
            const table = this.table(entityType);
            const query = parseQuery(table, options, new Set(["$select"]));
            this.requirePrivileges([readPrivilegeOf(table.logicalName)!]);
            const guid = normalizeGuid(String(id));
            if (!guid) throw new FakeRejection(PlatformErrors.badRequest(`Guid should contain 32 digits with 4 dashes (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx). Id: '${String(id)}'.`));
            const record = this.tables.get(table.logicalName)!.get(guid);
            if (!record) throw new FakeRejection(PlatformErrors.notFound(table.logicalName, guid));
            return this.shape(table, record, query.select);
        });
    }

    /**
     * OData options (`?$select=…&$filter=…`, odata.ts) or a FetchXML query (`?fetchXml=<fetch …>`, encoded or
     * not; fetchXml.ts). Both are logged as `retrieveMultiple:<table>` with the options as given.
     */
    retrieveMultipleRecords(entityType: string, options?: string, maxPageSize?: number): Promise<RetrieveMultipleResult> {
        return this.retrieveMultiple(entityType, options, maxPageSize, "all");
    }

    private retrieveMultiple(entityType: string, options: string | undefined, maxPageSize: number | undefined, annotations: FetchXmlAnnotations): Promise<RetrieveMultipleResult> {
        return this.call({ kind: "retrieveMultiple", entity: entityType, options, maxPageSize }, () => {
            const table = this.table(entityType);
            const fetchXml = fetchXmlParameter(options);
            if (fetchXml !== null) return this.runFetch(table, fetchXml, maxPageSize, annotations);
            const query = parseQuery(table, options);
            this.requirePrivileges([readPrivilegeOf(table.logicalName)!]);
            if (maxPageSize !== undefined && (!Number.isInteger(maxPageSize) || maxPageSize <= 0)) {
                throw new FakeRejection(PlatformErrors.badRequest(`maxPageSize must be a positive whole number; got ${String(maxPageSize)}.`));
            }
            const pageSize = Math.min(maxPageSize ?? MAX_PAGE_SIZE, MAX_PAGE_SIZE);
            let rows = [...this.tables.get(table.logicalName)!.values()];
            const filter = query.filter;
            if (filter) rows = rows.filter((r) => matches(table, r, filter));
            rows = sortRecords(table, rows, query.orderBy);
            this.requirePrivileges(query.expand.map((e) => readPrivilegeOf(e.target)!));
            if (query.top !== null) {
                // As Dataverse: with $top there is no paging; the page size is ignored.
                return { entities: rows.slice(0, query.top).map((r) => this.shapeExpanded(table, r, query)) };
            }
            const page = rows.slice(query.skip, query.skip + pageSize);
            const result: RetrieveMultipleResult = { entities: page.map((r) => this.shapeExpanded(table, r, query)) };
            const next = query.skip + pageSize;
            if (next < rows.length) result.nextLink = buildNextLink(table, query, next, Math.floor(next / pageSize) + 1);
            return result;
        });
    }

    /**
     * A FetchXML query (fetchXml.ts): the `entity` must be the table asked for; reading it needs its read
     * privilege and each link-entity's table its own (the first missing one is named). `maxPageSize` is
     * checked but FetchXML pages with `count`/`page` (assumed: the Web API's page-size preference does not
     * apply to FetchXML).
     */
    private runFetch(table: TableDef, xml: string, maxPageSize: number | undefined, annotations: FetchXmlAnnotations): RetrieveMultipleResult {
        const query = parseFetchXml(xml, (name) => this.tables.has(name));
        if (query.entity.table.logicalName !== table.logicalName) {
            // Assumed message: the platform's wording for this mismatch is not documented.
            throw new FakeRejection(
                PlatformErrors.badRequest(`The entity name '${query.entity.table.logicalName}' in the FetchXML does not match the table '${table.logicalName}' the query was sent for.`),
            );
        }
        this.requirePrivileges(tablesOf(query).map((t) => readPrivilegeOf(t)!));
        if (maxPageSize !== undefined && (!Number.isInteger(maxPageSize) || maxPageSize <= 0)) {
            throw new FakeRejection(PlatformErrors.badRequest(`maxPageSize must be a positive whole number; got ${String(maxPageSize)}.`));
        }
        const result = runFetchXml(
            query,
            {
                rows: (name) => this.tables.get(name)?.values(),
                lookupName: (target, id) => {
                    const t = tableByLogicalName(target);
                    const r = this.tables.get(target)?.get(id);
                    return t?.primaryName && r ? asText(r[t.primaryName]) : undefined;
                },
            },
            { aggregateLimit: this.aggregateRecordLimit, annotations },
        );
        return clone(result);
    }

    /**
     * `webApi.createRecord(entityType, data)` for import and importfile (writes.ts has what each takes and why).
     * In order (assumed: the order of the platform's checks is not documented): the payload is read (unknown
     * properties, undeclared navigation properties, lookups written as values, wrong JSON types); the caller needs
     * prvCreate<Table>; required columns; choice values (PicklistValueOutOfRange 0x8004431A); every bound record must
     * exist (ObjectDoesNotExist 0x80040217, 404: imports and data maps the fake holds, the one systemuser it knows,
     * FAKE_USER_ID, and no teams); binding a record needs prvAppend<Table> and prvAppendTo<Target> ("How record access
     * is determined", https://learn.microsoft.com/power-apps/admin/how-record-access-determined: Append "to associate
     * the current record with another record", Append To "to associate a record with the current record"); a primary
     * key given in the payload must be free (DuplicateRecord 0x80040237, 412). The new record starts as the platform
     * leaves one (writes.ts: statuscode 0 Submitted; for a file processingstatus 1 Not Started, no counts), owned by the
     * caller unless `ownerid@odata.bind` says otherwise (assumed), and is read, listed, parsed, transformed and imported
     * like a seeded one. Logged as `create:<table>` with a copy of the payload; latency and faults as for every call.
     */
    createRecord(entityType: string, data: Record<string, unknown>): Promise<CreatedRecord> {
        const create = privilegeName(String(entityType), 1);
        let payload: Record<string, unknown> | undefined;
        try {
            payload = clone(data);
        } catch {
            payload = undefined;
        }
        return this.call(
            { kind: "create", entity: entityType, payload },
            () => {
                const table = this.table(entityType);
                const spec = Object.prototype.hasOwnProperty.call(WriteSpecs, table.logicalName) ? WriteSpecs[table.logicalName] : undefined;
                if (!spec) {
                    throw new FakeRejection(PlatformErrors.unsupportedRequest(`The fake Dataverse creates ${Object.keys(WriteSpecs).join(" and ")} records only; not '${table.logicalName}'.`));
                }
                const parsed = parseCreatePayload(table, spec, data);
                this.requirePrivileges([privilegeName(table.logicalName, 1)!]);
                const missing = missingRequired(spec, parsed);
                if (missing) throw new FakeRejection(PlatformErrors.requiredFieldMissing(table.logicalName, missing));
                checkChoices(table, parsed);
                for (const b of parsed.binds) {
                    if (!this.bindTargetExists(b)) throw new FakeRejection(PlatformErrors.notFound(b.table, b.id));
                }
                const appendTo = parsed.binds.map((b) => privilegeName(b.table, 8)).filter((p): p is string => !!p);
                if (appendTo.length > 0) this.requirePrivileges([privilegeName(table.logicalName, 7)!, ...appendTo]);
                const store = this.tables.get(table.logicalName)!;
                if (parsed.id && store.has(parsed.id)) throw new FakeRejection(PlatformErrors.duplicateRecord(table.logicalName, parsed.id));

                const id = parsed.id ?? this.ids.next(table.logicalName);
                const now = this.nowText();
                const record: StoredRecord = { ...defaultsOf(spec), ...parsed.values, [table.primaryId]: id, createdon: now, modifiedon: now };
                this.setOwner(record, FAKE_USER_ID, "systemuser");
                for (const b of parsed.binds) {
                    record[b.column] = b.id;
                    if (!table.columns[b.column]?.target) record[lookupTargetKey(b.column)] = b.table;
                }
                record["@version"] = 1;
                store.set(id, record);
                this.notify();
                return { entityType: table.logicalName, id };
            },
            create ? [create] : undefined,
        );
    }

    /**
     * `webApi.deleteRecord(entityType, id)` for import and importfile: needs prvDelete<Table>; a missing record is
     * ObjectDoesNotExist (0x80040217, 404); a malformed id a 400 as for retrieveRecord. Cascades as the table references
     * configure the relationships: deleting an import deletes its import files (Import_ImportFile, Delete: Cascade),
     * deleting an import file deletes its import logs (ImportLog_ImportFile, Delete: Cascade); system jobs stay
     * (Import_AsyncOperations / ImportFile_AsyncOperations, Delete: NoCascade). Only the record asked for is checked for
     * the privilege (assumed). A job still running over a deleted record goes on without it (assumed). Resolves with
     * `{ entityType, id, name }` (name: the record's primary name). Logged as `delete:<table>`.
     */
    deleteRecord(entityType: string, id: string): Promise<DeletedRecord> {
        const del = privilegeName(String(entityType), 4);
        return this.call(
            { kind: "delete", entity: entityType, id },
            () => {
                const table = this.table(entityType);
                if (!DELETABLE_TABLES.includes(table.logicalName)) {
                    throw new FakeRejection(PlatformErrors.unsupportedRequest(`The fake Dataverse deletes ${DELETABLE_TABLES.join(" and ")} records only; not '${table.logicalName}'.`));
                }
                const guid = normalizeGuid(String(id));
                if (!guid) throw new FakeRejection(PlatformErrors.badRequest(`Guid should contain 32 digits with 4 dashes (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx). Id: '${String(id)}'.`));
                this.requirePrivileges([privilegeName(table.logicalName, 4)!]);
                const record = this.tables.get(table.logicalName)!.get(guid);
                if (!record) throw new FakeRejection(PlatformErrors.notFound(table.logicalName, guid));
                const name = table.primaryName ? record[table.primaryName] : undefined;
                if (table.logicalName === "import") {
                    for (const f of [...this.tables.get("importfile")!.values()].filter((f) => f._importid_value === guid)) this.deleteImportFile(String(f.importfileid));
                    this.tables.get("import")!.delete(guid);
                } else {
                    this.deleteImportFile(guid);
                }
                this.notify();
                const result: DeletedRecord = { entityType: table.logicalName, id: guid };
                if (typeof name === "string") result.name = name;
                return result;
            },
            del ? [del] : undefined,
        );
    }

    /** Whether the record a lookup binds exists: held tables by id; the one systemuser the fake knows; no teams (assumed). */
    private bindTargetExists(b: Bind): boolean {
        if (b.table === "systemuser") return b.id === FAKE_USER_ID;
        return this.tables.get(b.table)?.has(b.id) ?? false;
    }

    /** Sets the owner (a polymorphic lookup) unless the record has one. */
    private setOwner(record: StoredRecord, id: string, table: string): void {
        if (record._ownerid_value !== undefined && record._ownerid_value !== null) return;
        record._ownerid_value = id;
        record[lookupTargetKey("_ownerid_value")] = table;
    }

    /** Deletes an import file and its import logs (ImportLog_ImportFile cascades). */
    private deleteImportFile(id: string): void {
        const logs = this.tables.get("importlog")!;
        for (const [logId, log] of [...logs]) if (log._importfileid_value === id) logs.delete(logId);
        this.tables.get("importfile")!.delete(id);
        this.plans.delete(id);
    }

    /** `context.utils.getEntityMetadata` (see metadata.ts for the shapes). */
    getEntityMetadata(entityName: string, attributes?: string[]): Promise<FakeEntityMetadata>;
    getEntityMetadata(entityName: string, attributes: string[] | undefined, shape: "model-driven"): Promise<FakeEntityMetadata>;
    getEntityMetadata(entityName: string, attributes: string[] | undefined, shape: "strict"): Promise<FakeEntityMetadata<FakeStrictAttributeCollection>>;
    getEntityMetadata(
        entityName: string,
        attributes: string[] | undefined,
        shape: MetadataShape,
    ): Promise<FakeEntityMetadata<FakeAttributeCollection | FakeStrictAttributeCollection>>;
    getEntityMetadata(
        entityName: string,
        attributes?: string[],
        shape: MetadataShape = "model-driven",
    ): Promise<FakeEntityMetadata<FakeAttributeCollection | FakeStrictAttributeCollection>> {
        return this.call({ kind: "metadata", entity: entityName, attributes }, () => {
            const md = entityMetadata(entityName, attributes, shape);
            this.metadataRead.add(md.LogicalName);
            return md;
        });
    }

    /**
     * A GET on the organization's Web API (`ports().getJson`): table definitions of the target tables, see
     * definitions.ts. Logged as "getJson:EntityDefinitions"; latency and faults as for every call.
     */
    getJson(path: string): Promise<unknown> {
        const entity = typeof path === "string" ? (/^[^(/?]*/.exec(path)![0] || "?") : "?";
        return this.call({ kind: "getJson", entity, path: typeof path === "string" ? path : String(path) }, () => answerGetJson(path), ["prvReadEntity"]);
    }

    /**
     * `context.utils.hasEntityPrivilege` over `privileges` (see privileges.ts): true when prv<Type><Table> is
     * held at `privilegeDepth` or deeper. Synchronous, not a Web API call: not logged, no faults.
     */
    hasEntityPrivilege(entityTypeName: string, privilegeType: PrivilegeType, privilegeDepth: PrivilegeDepth): boolean {
        return this.privileges.hasEntityPrivilege(entityTypeName, privilegeType, privilegeDepth);
    }

    execute(request: ExecuteRequest): Promise<ExecuteResponse> {
        let operationName = "unknown";
        let importId: string | undefined;
        try {
            operationName = request.getMetadata().operationName;
            importId = request.entity?.id ?? request.ImportId;
        } catch {
            // validated below, when the call runs
        }
        const work = (): ExecuteResponse => {
            const { op, importId: id } = this.validateExecute(request);
            // Each import message needs prvCreateImport, prvReadAsyncOperation, prvReadImport, prvReadImportFile
            // (see privileges.ts for the SDK message reference); the first one missing is named.
            this.requirePrivileges(IMPORT_MESSAGE_PRIVILEGES);
            const job = this.submit(op, id);
            const body = { "@odata.context": `${FAKE_API_URL}/$metadata#asyncoperations/$entity`, ...this.shape(this.table("asyncoperation"), job, null) };
            const response: ExecuteResponse & { statusText: string } = {
                ok: true,
                status: 200,
                statusText: "OK",
                json: () => Promise.resolve(clone(body)),
            };
            return response;
        };
        return this.call({ kind: "execute", entity: "import", operation: operationName, id: importId }, work, IMPORT_MESSAGE_PRIVILEGES);
    }

    // ------------------------------------------------------------ test and sandbox API

    /** Copies of the stored records of a table (Web API column names, no annotations). */
    records<T = StoredRecord>(entity: string): T[] {
        const t = this.tables.get(entity);
        if (!t) throw new Error(`The fake holds no table '${entity}'.`);
        return [...t.values()].map((r) => this.plain(r) as T);
    }

    /** A copy of one stored record, or undefined. */
    record<T = StoredRecord>(entity: string, id: string): T | undefined {
        const r = this.tables.get(entity)?.get(normalizeGuid(id) ?? id);
        return r ? (this.plain(r) as T) : undefined;
    }

    importFiles(importId?: string): ImportFileRecord[] {
        const id = importId ? normalizeGuid(importId) : null;
        return this.records<ImportFileRecord>("importfile").filter((f) => !id || f._importid_value === id);
    }

    importLogs(importFileId?: string): ImportLogRecord[] {
        const id = importFileId ? normalizeGuid(importFileId) : null;
        return this.records<ImportLogRecord>("importlog").filter((l) => !id || l._importfileid_value === id);
    }

    jobs(importId?: string): AsyncOperationRecord[] {
        const id = importId ? normalizeGuid(importId) : null;
        return this.records<AsyncOperationRecord>("asyncoperation").filter((j) => !id || j._regardingobjectid_value === id);
    }

    /** Changes columns of a record (a sandbox edit); bumps its version and modifiedon. */
    update(entity: string, id: string, patch: StoredRecord): void {
        const r = this.tables.get(entity)?.get(normalizeGuid(id) ?? id);
        if (!r) throw new Error(`No ${entity} with id ${id}.`);
        this.touch(r, patch);
        if (entity === "importfile") this.plans.delete(String(r.importfileid));
        this.notify();
    }

    /** Adds a record (ids as given). */
    insert(entity: string, record: StoredRecord): void {
        const table = this.table(entity);
        const id = normalizeGuid(asText(record[table.primaryId]));
        if (!id) throw new Error(`insert: ${table.primaryId} must be a GUID.`);
        this.tables.get(entity)!.set(id, { ...clone(record), [table.primaryId]: id, "@version": 1 });
        this.notify();
    }

    /** Called after every change of data (a stage step, an edit, a reset). Returns the unsubscribe. */
    subscribe(listener: () => void): () => void {
        this.listeners.add(listener);
        return () => this.listeners.delete(listener);
    }

    /** The stage being run on an import (its oldest unfinished job), if any. */
    runningStage(importId: string): { stage: StageName; jobId: string } | null {
        const run = this.queues.get(normalizeGuid(importId) ?? importId)?.[0];
        return run ? { stage: run.stage, jobId: run.jobId } : null;
    }

    /** The unfinished jobs of an import, oldest first: the first is being run, the others wait for it. */
    pendingStages(importId: string): { stage: StageName; jobId: string }[] {
        return (this.queues.get(normalizeGuid(importId) ?? importId) ?? []).map((r) => ({ stage: r.stage, jobId: r.jobId }));
    }

    /**
     * Starts a stage the way the platform's Import Data Wizard (or another user) would: without the control, not
     * through the ports, so not in the request log and without the privilege check. The job queues behind the
     * import's unfinished jobs like one started with execute. Returns a copy of the new asyncoperation.
     * Throws an Error for an import that does not exist or not at the state the stage needs (nothing queued).
     */
    startStageExternally(stage: StageName, importId: string): AsyncOperationRecord {
        const op = operationOfStage[stage];
        if (!op) throw new Error(`startStageExternally: the stage is "parse", "transform" or "import"; got ${JSON.stringify(stage)}.`);
        const id = normalizeGuid(String(importId));
        if (!id) throw new Error(`startStageExternally: '${String(importId)}' is not a GUID.`);
        try {
            return this.plain(this.submit(op, id)) as unknown as AsyncOperationRecord;
        } catch (e) {
            if (e instanceof FakeRejection) throw new Error(`startStageExternally("${stage}"): ${e.message}`);
            throw e;
        }
    }

    /**
     * What the Import Data Wizard does with an import, outside the control and its ports (not logged, no
     * privilege check): parse, then transform, then import, each a system job submitted when the one before
     * has succeeded; a failed job ends the run (nothing more is submitted). This follows the documented
     * sequence (Run data import: each message "submits an asynchronous job"; Microsoft's sample waits for each
     * job to complete before sending the next); that the wizard works the same way is assumed (its internals are
     * not documented). Stage failures armed with `faults.failStage` apply to the jobs as they are submitted.
     * `gapMs`: clock time between a job's success and the next job (default 0: submitted as it completes; assumed).
     * Returns the run: its job ids so far, its stage and status. Throws like startStageExternally("parse").
     */
    runInBackground(importId: string, options: { gapMs?: number } = {}): BackgroundRun {
        const id = normalizeGuid(String(importId));
        if (!id) throw new Error(`runInBackground: '${String(importId)}' is not a GUID.`);
        const gapMs = options.gapMs ?? 0;
        const order: StageName[] = ["parse", "transform", "import"];
        const jobIds: string[] = [];
        const state: { status: BackgroundRun["status"]; stage: StageName | null } = { status: "running", stage: "parse" };
        const startStage = (index: number): void => {
            const stage = order[index];
            state.stage = stage;
            try {
                const job = this.submit(operationOfStage[stage], id, (succeeded) => {
                    if (state.status !== "running") return;
                    if (!succeeded) {
                        state.status = "failed";
                        state.stage = null;
                        this.backgroundRuns.delete(state);
                    } else if (index + 1 < order.length) {
                        if (gapMs <= 0) startStage(index + 1);
                        else {
                            this.schedule(() => {
                                if (state.status === "running") startStage(index + 1);
                            }, gapMs);
                        }
                    } else {
                        state.status = "succeeded";
                        state.stage = null;
                        this.backgroundRuns.delete(state);
                    }
                });
                jobIds.push(String(job.asyncoperationid));
            } catch (e) {
                if (index === 0) throw e instanceof FakeRejection ? new Error(`runInBackground: ${e.message}`) : e;
                // A later stage refused (the import's files changed meanwhile): the run ends there.
                state.status = "failed";
                state.stage = null;
                this.backgroundRuns.delete(state);
            }
        };
        startStage(0);
        this.backgroundRuns.add(state);
        return {
            importId: id,
            get jobIds() {
                return jobIds.slice();
            },
            get stage() {
                return state.stage;
            },
            get status() {
                return state.status;
            },
        };
    }

    /**
     * Runs the fake's own pending steps (stage steps, call latencies) now, synchronously, in the order the clock
     * would run them: `until` steps, or until `until()` holds (checked before each step). The steps run at the
     * clock times they are due at; afterwards every time they wrote (createdon, startedon, modifiedon, …) is moved
     * back by the time they spanned, so they read as having happened just before now, and the steps still pending
     * are put back on the clock with what remained of their delays: a run fast-forwarded this way continues live.
     * Returns the number of steps run. Throws when `until()` never holds (nothing left to run, or `maxSteps`).
     * For seeding states (scenarios.ts) before a control reads the fake; the clock itself is not touched.
     */
    advance(until: AdvanceUntil, options: { maxSteps?: number } = {}): number {
        if (this.virtualNow !== null) throw new Error("advance: already advancing.");
        const maxSteps = typeof until === "number" ? until : (options.maxSteps ?? 100000);
        const start = this.clock.now();
        this.virtualNow = start;
        let steps = 0;
        let reached = typeof until === "number";
        try {
            for (;;) {
                if (typeof until === "function" && until()) {
                    reached = true;
                    break;
                }
                if (steps >= maxSteps || this.pending.size === 0) break;
                let next: Pending | null = null;
                for (const p of this.pending.values()) if (!next || p.due < next.due || (p.due === next.due && p.id < next.id)) next = p;
                if (next!.handle !== null) this.clock.clearTimeout(next!.handle);
                this.pending.delete(next!.id);
                this.virtualNow = Math.max(this.virtualNow, next!.due);
                steps++;
                next!.fn();
            }
        } finally {
            const end = this.virtualNow;
            this.virtualNow = null;
            this.backdate(start, end - start);
            for (const p of this.pending.values()) {
                if (p.handle !== null) this.clock.clearTimeout(p.handle);
                const remaining = Math.max(0, p.due - end);
                p.due = this.clock.now() + remaining;
                this.arm(p, remaining);
            }
        }
        if (!reached) throw new Error(`advance: the condition did not hold after ${steps} step(s) (${this.pending.size} still pending).`);
        this.notify();
        return steps;
    }

    /** Moves every date column written at or after `from` back by `ms`. */
    private backdate(from: number, ms: number): void {
        if (ms <= 0) return;
        const since = Math.floor(from / 1000) * 1000;
        for (const table of heldTables) {
            const dates = Object.keys(table.columns).filter((c) => table.columns[c].type === "datetime");
            for (const record of this.tables.get(table.logicalName)?.values() ?? []) {
                for (const c of dates) {
                    const v = record[c];
                    if (typeof v !== "string") continue;
                    const t = Date.parse(v);
                    if (!isNaN(t) && t >= since) record[c] = toODataDate(t - ms);
                }
            }
        }
    }

    setStepMs(ms: number): void {
        this.stepMs = ms;
    }

    setLatencyMs(ms: number): void {
        this.latencyMs = ms;
    }

    /** Timers the fake has pending (stage steps, latencies). */
    get pendingTimers(): number {
        return this.pending.size;
    }

    /** Back to the seed (or a new one): stops every stage, clears faults, privileges, the request log and the timers. */
    reset(seed?: FakeSeed): void {
        if (seed) this.seed = clone(seed);
        this.clearTimers();
        this.faults.clear();
        this.privileges.reset();
        this.requests.clear();
        this.ids.reset();
        this.metadataRead.clear();
        this.load();
        this.notify();
    }

    /** Clears every timer; later calls reject. */
    dispose(): void {
        this.clearTimers();
        this.disposed = true;
        this.listeners.clear();
    }

    // ------------------------------------------------------------ calls

    /**
     * Every platform call: logged, then faults and latency, then `work`. `needs`: the privileges the call
     * needs, for the privilege an injected "privilege" fault names (the first the user lacks, else the first).
     */
    private call<T>(entry: Omit<RequestLogEntry, "seq" | "at">, work: () => T, needs?: readonly string[]): Promise<T> {
        if (this.disposed) return rejectWith<T>({ message: "The fake Dataverse has been disposed." });
        const logged = this.requests.record({ ...entry, at: this.now() });
        const key = operationKey(logged);
        const readNeed = entry.kind === "retrieve" || entry.kind === "retrieveMultiple" ? readPrivilegeOf(entry.entity) : undefined;
        const privileges = needs ?? (readNeed ? [readNeed] : []);
        const privilege = privileges.length > 0 ? (this.privileges.firstMissing(privileges) ?? privileges[0]) : undefined;
        const fault = this.faults.take({ key, kind: entry.kind, entity: entry.entity, id: entry.id, privilege });
        const delay = this.latencyMs + this.faults.latencyFor(key) + (fault?.delayMs ?? 0);
        const wait = delay > 0 ? new Promise<void>((resolve) => this.schedule(resolve, delay)) : Promise.resolve();
        return wait.then(() => {
            if (fault) return rejectWith<T>(fault.error);
            try {
                return work();
            } catch (e) {
                if (e instanceof FakeRejection) return rejectWith<T>(e.payload);
                throw e;
            }
        });
    }

    /** Refuses (0x80040220, naming it) when the user lacks one of `privileges`. */
    private requirePrivileges(privileges: readonly string[]): void {
        const missing = this.privileges.firstMissing(privileges);
        if (missing) throw new FakeRejection(PlatformErrors.missingPrivilege(missing, tableOfPrivilege(missing) ?? "import"));
    }

    private table(entityType: string): TableDef {
        const table = tableByLogicalName(entityType);
        if (!table || !this.tables.has(entityType)) {
            const error = PlatformErrors.unknownEntitySet(entityType);
            const bySetName = heldTables.find((t) => t.entitySetName === entityType);
            if (bySetName) error.message += ` Pass the table's logical name ('${bySetName.logicalName}'), not its entity set name.`;
            else error.message += ` The fake Dataverse holds ${heldTables.map((t) => t.logicalName).join(", ")}.`;
            throw new FakeRejection(error);
        }
        return table;
    }

    private shape(table: TableDef, record: StoredRecord, select: string[] | null): WebApiEntity {
        return shapeRecord(table, record, select, (target, id) => {
            const t = tableByLogicalName(target);
            const r = this.tables.get(target)?.get(id);
            return t?.primaryName && r ? asText(r[t.primaryName]) : undefined;
        });
    }

    /** A row with each `$expand`ed lookup as the related record's selected columns (null when the lookup is empty). */
    private shapeExpanded(table: TableDef, record: StoredRecord, query: ParsedQuery): WebApiEntity {
        const row = this.shape(table, record, query.select);
        for (const e of query.expand) {
            const related = this.tables.get(e.target)?.get(asText(record[e.column]));
            row[e.navigation] = related ? this.shape(tableByLogicalName(e.target)!, related, e.select) : null;
        }
        return row;
    }

    /** A stored record without the fake's own keys ("@version", the targets of polymorphic lookups). */
    private plain(r: StoredRecord): StoredRecord {
        const copy = clone(r);
        for (const k of Object.keys(copy)) if (k.startsWith("@")) delete copy[k];
        return copy;
    }

    // ------------------------------------------------------------ execute

    private validateExecute(request: ExecuteRequest): { op: OperationName; importId: string } {
        const bad = (message: string): never => {
            throw new FakeRejection(PlatformErrors.badRequest(message));
        };
        if (typeof request?.getMetadata !== "function") bad("The request has no getMetadata() function.");
        const meta: ExecuteRequestMetadata = request.getMetadata();
        if (!meta || typeof meta !== "object") return bad("getMetadata() returned no metadata.");
        const name = meta.operationName;
        if (!Object.prototype.hasOwnProperty.call(operations, name)) {
            return bad(`Resource not found for the segment '${String(name)}'. The fake Dataverse runs ParseImport, TransformImport and ImportRecordsImport.`);
        }
        const op = name as OperationName;
        const def = operations[op];
        if (meta.operationType !== 0) bad(`${op} is an action: operationType must be 0 (Action); got ${String(meta.operationType)}.`);
        const params = meta.parameterTypes ?? {};
        const paramNames = Object.keys(params);
        if (def.bound) {
            if (meta.boundParameter !== "entity") bad(`${op} is bound to import: boundParameter must be "entity"; got ${JSON.stringify(meta.boundParameter)}.`);
            const p = params.entity;
            if (p?.typeName !== "mscrm.import" || p.structuralProperty !== 5) {
                bad(`${op}: parameterTypes.entity must be { typeName: "mscrm.import", structuralProperty: 5 }; got ${JSON.stringify(p)}.`);
            }
            const extra = paramNames.filter((n) => n !== "entity");
            if (extra.length > 0) bad(`The parameter '${extra[0]}' in the request payload is not a valid parameter for the operation '${op}'.`);
            const entity = request.entity;
            if (entity?.entityType !== "import") bad(`${op}: request.entity must be { entityType: "import", id }; got ${JSON.stringify(entity)}.`);
            const id = normalizeGuid(String(entity!.id ?? ""));
            if (!id) return bad(`${op}: request.entity.id is not a GUID: '${String(entity!.id)}'.`);
            return { op, importId: id };
        }
        if (meta.boundParameter !== null) bad(`${op} is unbound: boundParameter must be null; got ${JSON.stringify(meta.boundParameter)}.`);
        const p = params.ImportId;
        if (p?.typeName !== "Edm.Guid" || p.structuralProperty !== 1) {
            bad(`${op}: parameterTypes.ImportId must be { typeName: "Edm.Guid", structuralProperty: 1 }; got ${JSON.stringify(p)}.`);
        }
        const extra = paramNames.filter((n) => n !== "ImportId");
        if (extra.length > 0) bad(`The parameter '${extra[0]}' in the request payload is not a valid parameter for the operation '${op}'.`);
        const id = normalizeGuid(String(request.ImportId ?? ""));
        if (!id) return bad(`${op}: ImportId is not a GUID: '${String(request.ImportId)}'.`);
        return { op, importId: id };
    }

    private processFiles(importId: string): StoredRecord[] {
        return [...this.tables.get("importfile")!.values()].filter((f) => f._importid_value === importId && f.processcode === 1);
    }

    /** Why `stage` cannot run on the import's files as they are now, or null. */
    private gateError(op: OperationName, importId: string): string | null {
        const gate = stageGates[operations[op].stage];
        if (!gate) return null;
        const blocking = this.processFiles(importId).find((f) => !gate.accepts.some(([ps, sc]) => f.processingstatus === ps && f.statuscode === sc));
        if (!blocking) return null;
        const where = `file '${String(blocking.name)}' is at ${ProcessingStatusLabels[Number(blocking.processingstatus)] ?? String(blocking.processingstatus)} (status ${StatusCodeLabels[Number(blocking.statuscode)] ?? String(blocking.statuscode)})`;
        return `${op} can run only on an import that ${gate.need}: ${where}.`;
    }

    /**
     * An action (or the wizard) asks for a stage: a new system job. When the import has no unfinished job it
     * starts now, and TransformImport/ImportRecordsImport are refused if the files are not at the state they
     * need. Otherwise it waits, at Ready / Waiting For Resources, until every earlier job of the import has
     * completed, and then runs over the files as they are then (assumed: the reference states no precondition
     * and public code sends the three actions back to back; a queued job that finds its files at the wrong
     * state fails, see begin()).
     */
    private submit(op: OperationName, importId: string, onComplete?: (succeeded: boolean) => void): StoredRecord {
        const imp = this.tables.get("import")!.get(importId);
        if (!imp) throw new FakeRejection(PlatformErrors.notFound("import", importId));
        const def = operations[op];
        const stage = def.stage;
        const queue = this.queues.get(importId) ?? [];
        if (queue.length === 0) {
            const refused = this.gateError(op, importId);
            if (refused) throw new FakeRejection(PlatformErrors.invalidImportState(refused));
        }
        const failure = this.faults.takeStageFailure(stage, importId);
        if (failure?.atProcessingStatus !== undefined && !stageStatuses[stage].includes(failure.atProcessingStatus)) {
            throw new Error(`failStage("${stage}"): processingstatus ${failure.atProcessingStatus} is not a status of ${stage} (${stageStatuses[stage].join(", ")}).`);
        }

        const now = toODataDate(this.now());
        const job: StoredRecord = {
            asyncoperationid: this.ids.next("asyncoperation"),
            name: def.jobName,
            operationtype: def.operationType,
            statecode: AsyncStateCode.Ready,
            statuscode: AsyncStatusCode.WaitingForResources,
            message: null,
            friendlymessage: null,
            errorcode: null,
            _regardingobjectid_value: importId,
            createdon: now,
            startedon: null,
            completedon: null,
            modifiedon: now,
            "@version": 1,
        };
        this.tables.get("asyncoperation")!.set(String(job.asyncoperationid), job);
        const run: StageRun = { op, importId, stage, jobId: String(job.asyncoperationid), fileIds: [], failure, onComplete };
        queue.push(run);
        this.queues.set(importId, queue);
        if (queue.length === 1) this.begin(run);
        this.notify();
        return job;
    }

    /** The job at the head of its import's queue starts: over the files as they are now. */
    private begin(run: StageRun): void {
        const refused = this.gateError(run.op, run.importId);
        if (refused) {
            // A queued job whose files are not at the state its stage needs fails when it would start (assumed).
            this.schedule(() => {
                const job = this.tables.get("asyncoperation")!.get(run.jobId)!;
                const at = this.nowText();
                this.touch(job, {
                    statecode: AsyncStateCode.Completed,
                    statuscode: AsyncStatusCode.Failed,
                    message: refused,
                    friendlymessage: FRIENDLY_FAILURE,
                    errorcode: DataverseErrorCodes.InvalidImportState.errorCode,
                    startedon: at,
                    completedon: at,
                });
                this.finish(run);
                this.notify();
            }, this.stepMs);
            return;
        }
        run.fileIds = this.processFiles(run.importId).map((f) => String(f.importfileid));
        this.runSteps(run, this.stepsOf(run), run.failure);
    }

    /** A job completed (succeeded or failed): the next one of its import, if any, starts. */
    private finish(run: StageRun): void {
        const queue = this.queues.get(run.importId);
        if (queue?.[0] !== run) return;
        queue.shift();
        if (queue.length === 0) this.queues.delete(run.importId);
        else this.begin(queue[0]);
        const job = this.tables.get("asyncoperation")!.get(run.jobId);
        run.onComplete?.(job?.statuscode === AsyncStatusCode.Succeeded);
    }

    private runSteps(run: StageRun, steps: Step[], failure: StageFailure | null): void {
        const failAt = failure ? (failure.atProcessingStatus ?? stageStatuses[run.stage][0]) : null;
        let i = 0;
        const next = (): void => {
            const step = steps[i++];
            if (!step) return;
            step.run();
            this.notify();
            if (failAt !== null && step.status === failAt) {
                this.schedule(() => {
                    this.failRun(run, failure!, failAt);
                    this.notify();
                }, this.stepMs);
                return;
            }
            if (i < steps.length) this.schedule(next, this.stepMs);
        };
        this.schedule(next, this.stepMs);
    }

    private stepsOf(run: StageRun): Step[] {
        const files = (): StoredRecord[] => run.fileIds.map((id) => this.tables.get("importfile")!.get(id)).filter((f): f is StoredRecord => !!f);
        const imp = (): StoredRecord | undefined => this.tables.get("import")!.get(run.importId);
        const job = (): StoredRecord => this.tables.get("asyncoperation")!.get(run.jobId)!;
        const setFiles = (patch: (f: StoredRecord) => StoredRecord): void => files().forEach((f) => this.touch(f, patch(f)));
        // A run replaces what an earlier run of the same stage (and the stages after it) wrote, so running a
        // stage again does not double the logs or the counts (assumed).
        const clearsPhases = stageGates[run.stage]?.clearsPhases ?? parseClearsPhases;
        const begin = (statusCode: number, processingStatus: number): Step => ({
            status: processingStatus,
            run: () => {
                this.touch(job(), { statecode: AsyncStateCode.Locked, statuscode: AsyncStatusCode.InProgress, startedon: this.nowText() });
                this.touch(imp(), { statuscode: statusCode });
                this.clearLogs(run.fileIds, clearsPhases);
                const counts = run.stage === "import" ? {} : { successcount: null, failurecount: null, partialfailurecount: null };
                setFiles(() => ({ statuscode: statusCode, processingstatus: processingStatus, ...counts }));
            },
        });
        const moveTo = (processingStatus: number, extra?: (f: StoredRecord) => void): Step => ({
            status: processingStatus,
            run: () =>
                files().forEach((f) => {
                    extra?.(f);
                    this.touch(f, { processingstatus: processingStatus });
                }),
        });
        const succeed: Step = {
            run: () => {
                this.touch(job(), { statecode: AsyncStateCode.Completed, statuscode: AsyncStatusCode.Succeeded, completedon: this.nowText() });
                this.finish(run);
            },
        };

        switch (run.stage) {
            case "parse":
                // Parsing takes two steps: a UI sees "Parsing" for a while.
                return [begin(1, 2), { run: () => undefined }, moveTo(3, (f) => this.parseFile(f)), succeed];
            case "transform":
                return [
                    begin(2, 4),
                    moveTo(5),
                    moveTo(6, (f) => this.logLookups(f)),
                    moveTo(7),
                    moveTo(12),
                    moveTo(8),
                    succeed,
                ];
            case "import": {
                const chunks = IMPORT_CHUNKS_PASS_1 + IMPORT_CHUNKS_PASS_2;
                const importChunk = (k: number) => (f: StoredRecord) => this.importChunk(f, k, chunks);
                const steps: Step[] = [
                    {
                        status: 9,
                        run: () => {
                            begin(3, 9).run();
                            setFiles(() => ({ successcount: 0, failurecount: 0, partialfailurecount: 0 }));
                        },
                    },
                ];
                for (let k = 0; k < IMPORT_CHUNKS_PASS_1; k++) steps.push({ run: () => files().forEach(importChunk(k)) });
                steps.push(moveTo(10, importChunk(IMPORT_CHUNKS_PASS_1)));
                for (let k = IMPORT_CHUNKS_PASS_1 + 1; k < chunks; k++) steps.push({ run: () => files().forEach(importChunk(k)) });
                steps.push({
                    status: 11,
                    run: () => {
                        setFiles(() => ({ processingstatus: 11, statuscode: 4 }));
                        this.touch(imp(), { statuscode: 4 });
                    },
                });
                steps.push(succeed);
                return steps;
            }
        }
    }

    private failRun(run: StageRun, failure: StageFailure, at: number): void {
        const job = this.tables.get("asyncoperation")!.get(run.jobId)!;
        const stageLabel = { parse: "Parse", transform: "Transform", import: "Import" }[run.stage];
        this.touch(job, {
            statecode: AsyncStateCode.Completed,
            statuscode: AsyncStatusCode.Failed,
            message: failure.message ?? `${stageLabel} failed at ${ProcessingStatusLabels[at]}: An unexpected error occurred.`,
            friendlymessage: failure.friendlyMessage ?? FRIENDLY_FAILURE,
            errorcode: -2147220970,
            completedon: this.nowText(),
        });
        for (const id of run.fileIds) {
            const f = this.tables.get("importfile")!.get(id);
            if (f) this.touch(f, { statuscode: 5 });
        }
        this.touch(this.tables.get("import")!.get(run.importId), { statuscode: 5 });
        this.finish(run);
    }

    /** Removes the import logs of `fileIds` in the given phases (logphasecode). */
    private clearLogs(fileIds: string[], phases: readonly number[]): void {
        const files = new Set(fileIds);
        const logs = this.tables.get("importlog")!;
        for (const [id, log] of [...logs]) {
            if (files.has(String(log._importfileid_value)) && phases.includes(Number(log.logphasecode))) logs.delete(id);
        }
    }

    private plan(f: StoredRecord): FilePlan {
        const id = String(f.importfileid);
        let plan = this.plans.get(id);
        if (!plan) {
            const file = f as unknown as ImportFileRecord;
            plan = planFile(file, parseContent(file), this.seed.rules[id] ?? []);
            this.plans.set(id, plan);
        }
        return plan;
    }

    private parseFile(f: StoredRecord): void {
        this.plans.delete(String(f.importfileid));
        const { parsed } = this.plan(f);
        for (const row of parsed.rows.filter((r) => r.ragged)) {
            this.addLog(f, {
                linenumber: row.line,
                headercolumn: null,
                columnvalue: null,
                errordescription: ImportLogErrors.fieldCountMismatch.description,
                errornumber: ImportLogErrors.fieldCountMismatch.errorNumber,
                logphasecode: 0,
                additionalinfo: `Expected ${parsed.headers.length} fields, found ${row.fields.length}: ${row.raw}`,
            });
        }
        this.touch(f, { headerrow: parsed.headers.join(","), totalcount: parsed.rows.length });
    }

    private logLookups(f: StoredRecord): void {
        const { parsed, outcomes } = this.plan(f);
        outcomes.forEach((o, i) => {
            if (o.kind !== "partial") return;
            this.addLog(f, {
                linenumber: parsed.rows[i].line,
                headercolumn: o.column,
                columnvalue: o.value,
                errordescription: o.description,
                errornumber: o.error.errorNumber,
                logphasecode: 1,
                additionalinfo: o.info,
            });
        });
    }

    private importChunk(f: StoredRecord, k: number, chunks: number): void {
        const { parsed, outcomes } = this.plan(f);
        const n = outcomes.length;
        const from = Math.floor((k * n) / chunks);
        const to = Math.floor(((k + 1) * n) / chunks);
        let success = Number(f.successcount ?? 0);
        let failure = Number(f.failurecount ?? 0);
        let partial = Number(f.partialfailurecount ?? 0);
        const imp = this.tables.get("import")!.get(String(f._importid_value));
        const phase = imp?.modecode === 1 ? 3 : 2;
        for (let i = from; i < to; i++) {
            const o = outcomes[i];
            if (o.kind === "success") success++;
            else if (o.kind === "partial") partial++;
            else {
                failure++;
                if (o.kind === "failure") {
                    this.addLog(f, {
                        linenumber: parsed.rows[i].line,
                        headercolumn: o.column,
                        columnvalue: o.value,
                        errordescription: o.description,
                        errornumber: o.error.errorNumber,
                        logphasecode: phase,
                        additionalinfo: o.info,
                    });
                }
            }
        }
        this.touch(f, { successcount: success, failurecount: failure, partialfailurecount: partial });
    }

    private addLog(f: StoredRecord, log: Omit<ImportLogRecord, "importlogid" | "_importfileid_value" | "createdon">): void {
        const id = this.ids.next("importlog");
        this.tables.get("importlog")!.set(id, {
            importlogid: id,
            _importfileid_value: String(f.importfileid),
            ...log,
            createdon: this.nowText(),
            "@version": 1,
        });
    }

    // ------------------------------------------------------------ store and timers

    private load(): void {
        this.tables = new Map();
        this.plans = new Map();
        this.queues = new Map();
        const put = (entity: string, rows: object[]): void => {
            const table = tableByLogicalName(entity)!;
            const map = new Map<string, StoredRecord>();
            for (const row of clone(rows) as StoredRecord[]) {
                const id = normalizeGuid(String(row[table.primaryId]));
                if (!id) throw new Error(`Seed ${entity}: ${table.primaryId} '${String(row[table.primaryId])}' is not a GUID.`);
                map.set(id, { ...row, [table.primaryId]: id, "@version": 1 });
            }
            this.tables.set(entity, map);
        };
        put("import", this.seed.imports);
        put("importfile", this.seed.importFiles);
        put("importlog", this.seed.importLogs);
        put("asyncoperation", this.seed.asyncOperations);
        put("importmap", this.seed.importMaps ?? []);
        put("importentitymapping", this.seed.importEntityMappings ?? []);
        // Every import and import file has an owner (OwnerId is SystemRequired): the seed's are the caller's.
        for (const entity of ["import", "importfile"]) for (const r of this.tables.get(entity)!.values()) this.setOwner(r, FAKE_USER_ID, "systemuser");
    }

    /** Writes `patch` into `record` (nothing when the record is gone: deleted while a job ran over it). */
    private touch(record: StoredRecord | undefined, patch: StoredRecord): void {
        if (!record) return;
        Object.assign(record, patch);
        record["@version"] = Number(record["@version"] ?? 1) + 1;
        if ("modifiedon" in record) record.modifiedon = this.nowText();
    }

    /** The clock's time, or while `advance` runs the fake's own steps, the time they run at. */
    private now(): number {
        return this.virtualNow ?? this.clock.now();
    }

    private nowText(): string {
        return toODataDate(this.now());
    }

    private schedule(fn: () => void, ms: number): void {
        const p: Pending = { id: ++this.pendingSeq, fn, due: this.now() + ms, handle: null };
        this.pending.set(p.id, p);
        if (this.virtualNow === null) this.arm(p, ms);
    }

    /** Puts a pending step on the clock, `ms` from now. */
    private arm(p: Pending, ms: number): void {
        p.handle = this.clock.setTimeout(() => {
            this.pending.delete(p.id);
            p.fn();
        }, ms);
    }

    private clearTimers(): void {
        for (const p of this.pending.values()) if (p.handle !== null) this.clock.clearTimeout(p.handle);
        this.pending.clear();
        this.queues.clear();
        for (const run of this.backgroundRuns) if (run.status === "running") run.status = "stopped";
        this.backgroundRuns.clear();
    }

    private notify(): void {
        for (const l of [...this.listeners]) {
            try {
                l();
            } catch {
                // a listener's error is its own
            }
        }
    }
}


/** A FakeDataverse with the default seed unless one is given. */
export function createFakeDataverse(options: FakeDataverseOptions = {}): FakeDataverse {
    return new FakeDataverse(options);
}

export type { RequestKind };
