/**
 * An in-memory Dataverse for the jest tests and the browser sandbox: the Web API reads, the three
 * import actions with their system jobs, table metadata, fault injection and a request log.
 * Plain TypeScript, browser-safe; runs on an injectable clock (by default the global timers, so jest
 * fake timers drive it).
 */
import type {
    DataversePorts,
    ExecuteRequest,
    ExecuteRequestMetadata,
    ExecuteResponse,
    RetrieveMultipleResult,
    WebApiEntity,
} from "../../ImportMonitor/dataverse/platform";
import { systemClock, type FakeClock } from "./clock";
import { FakeRejection, ImportLogErrors, PlatformErrors, rejectWith } from "./errors";
import { FaultController, type StageFailure, type StageName } from "./faults";
import { IdGenerator, normalizeGuid } from "./ids";
import { entityMetadata, type FakeEntityMetadata } from "./metadata";
import { buildNextLink, FAKE_API_URL, MAX_PAGE_SIZE, matches, parseQuery, shapeRecord, sortRecords } from "./odata";
import type { AsyncOperationRecord, FakeSeed, ImportFileRecord, ImportLogRecord } from "./records";
import { operationKey, RequestLog, type RequestKind, type RequestLogEntry } from "./requestLog";
import {
    AsyncOperationType,
    AsyncStateCode,
    AsyncStatusCode,
    asText,
    ProcessingStatusLabels,
    StatusCodeLabels,
    tableByLogicalName,
    toODataDate,
    type TableDef,
} from "./schema";
import { createSeed } from "./seed";
import { parseContent, planFile, type FilePlan } from "./simulation";

export interface FakeDataverseOptions {
    /** The data to start from (and `reset()` to). Default: the November import of seed.ts. */
    seed?: FakeSeed;
    /** Default: the global timers and Date.now. */
    clock?: FakeClock;
    /** Clock time of one step of a stage. Default 500 ms: a stage takes 1.5–4 s. */
    stepMs?: number;
    /** Clock time every call takes before it settles. Default 0: calls settle on a microtask. */
    latencyMs?: number;
}

type StoredRecord = Record<string, unknown>;

interface StageRun {
    importId: string;
    stage: StageName;
    jobId: string;
    fileIds: string[];
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

const FRIENDLY_FAILURE =
    "An error has occurred. Try this action again. If the problem continues, check the Microsoft Dynamics 365 Community for solutions or contact your organization's Microsoft Dynamics 365 Administrator.";

const heldTables: TableDef[] = ["import", "importfile", "importlog", "asyncoperation"].map((name) => tableByLogicalName(name)!);

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

    private readonly clock: FakeClock;
    private seed: FakeSeed;
    private stepMs: number;
    private latencyMs: number;
    private tables = new Map<string, Map<string, StoredRecord>>();
    private plans = new Map<string, FilePlan>();
    private runs = new Map<string, StageRun>();
    private timers = new Set<unknown>();
    private listeners = new Set<() => void>();
    private ids = new IdGenerator("fake-dataverse");
    private disposed = false;

    constructor(options: FakeDataverseOptions = {}) {
        this.clock = options.clock ?? systemClock;
        this.seed = clone(options.seed ?? createSeed());
        this.stepMs = options.stepMs ?? 500;
        this.latencyMs = options.latencyMs ?? 0;
        this.load();
    }

    // ------------------------------------------------------------ the platform surfaces

    /** The ports the control takes. `{ execute: false }` leaves `execute` out (a canvas app, a harness). */
    ports(options: { execute?: boolean } = {}): DataversePorts {
        const ports: DataversePorts = {
            webApi: {
                retrieveRecord: (entityType, id, opts) => this.retrieveRecord(entityType, id, opts),
                retrieveMultipleRecords: (entityType, opts, maxPageSize) => this.retrieveMultipleRecords(entityType, opts, maxPageSize),
            },
            getEntityMetadata: (entityName, attributes) => this.getEntityMetadata(entityName, attributes),
        };
        if (options.execute !== false) ports.execute = (request) => this.execute(request);
        return ports;
    }

    retrieveRecord(entityType: string, id: string, options?: string): Promise<WebApiEntity> {
        return this.call({ kind: "retrieve", entity: entityType, options, id }, () => {
            const table = this.table(entityType);
            const query = parseQuery(table, options, new Set(["$select"]));
            const guid = normalizeGuid(String(id));
            if (!guid) throw new FakeRejection(PlatformErrors.badRequest(`Guid should contain 32 digits with 4 dashes (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx). Id: '${String(id)}'.`));
            const record = this.tables.get(table.logicalName)!.get(guid);
            if (!record) throw new FakeRejection(PlatformErrors.notFound(table.logicalName, guid));
            return this.shape(table, record, query.select);
        });
    }

    retrieveMultipleRecords(entityType: string, options?: string, maxPageSize?: number): Promise<RetrieveMultipleResult> {
        return this.call({ kind: "retrieveMultiple", entity: entityType, options, maxPageSize }, () => {
            const table = this.table(entityType);
            const query = parseQuery(table, options);
            if (maxPageSize !== undefined && (!Number.isInteger(maxPageSize) || maxPageSize <= 0)) {
                throw new FakeRejection(PlatformErrors.badRequest(`maxPageSize must be a positive whole number; got ${String(maxPageSize)}.`));
            }
            const pageSize = Math.min(maxPageSize ?? MAX_PAGE_SIZE, MAX_PAGE_SIZE);
            let rows = [...this.tables.get(table.logicalName)!.values()];
            const filter = query.filter;
            if (filter) rows = rows.filter((r) => matches(table, r, filter));
            rows = sortRecords(table, rows, query.orderBy);
            if (query.top !== null) {
                // As Dataverse: with $top there is no paging; the page size is ignored.
                return { entities: rows.slice(0, query.top).map((r) => this.shape(table, r, query.select)) };
            }
            const page = rows.slice(query.skip, query.skip + pageSize);
            const result: RetrieveMultipleResult = { entities: page.map((r) => this.shape(table, r, query.select)) };
            const next = query.skip + pageSize;
            if (next < rows.length) result.nextLink = buildNextLink(table, query, next, Math.floor(next / pageSize) + 1);
            return result;
        });
    }

    getEntityMetadata(entityName: string, attributes?: string[]): Promise<FakeEntityMetadata> {
        return this.call({ kind: "metadata", entity: entityName, attributes }, () => entityMetadata(entityName, attributes));
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
        return this.call({ kind: "execute", entity: "import", operation: operationName, id: importId }, () => {
            const { op, importId: id } = this.validateExecute(request);
            const job = this.startStage(op, id);
            const body = { "@odata.context": `${FAKE_API_URL}/$metadata#asyncoperations/$entity`, ...this.shape(this.table("asyncoperation"), job, null) };
            const response: ExecuteResponse & { statusText: string } = {
                ok: true,
                status: 200,
                statusText: "OK",
                json: () => Promise.resolve(clone(body)),
            };
            return response;
        });
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

    /** The stage running on an import, if any. */
    runningStage(importId: string): { stage: StageName; jobId: string } | null {
        const run = this.runs.get(normalizeGuid(importId) ?? importId);
        return run ? { stage: run.stage, jobId: run.jobId } : null;
    }

    setStepMs(ms: number): void {
        this.stepMs = ms;
    }

    setLatencyMs(ms: number): void {
        this.latencyMs = ms;
    }

    /** Timers the fake has pending (stage steps, latencies). */
    get pendingTimers(): number {
        return this.timers.size;
    }

    /** Back to the seed (or a new one): stops every stage, clears faults, the request log and the timers. */
    reset(seed?: FakeSeed): void {
        if (seed) this.seed = clone(seed);
        this.clearTimers();
        this.faults.clear();
        this.requests.clear();
        this.ids.reset();
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

    private call<T>(entry: Omit<RequestLogEntry, "seq" | "at">, work: () => T): Promise<T> {
        if (this.disposed) return rejectWith<T>({ message: "The fake Dataverse has been disposed." });
        const logged = this.requests.record({ ...entry, at: this.clock.now() });
        const key = operationKey(logged);
        const fault = this.faults.take({ key, kind: entry.kind, entity: entry.entity, id: entry.id });
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

    private plain(r: StoredRecord): StoredRecord {
        const copy = clone(r);
        delete copy["@version"];
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

    private startStage(op: OperationName, importId: string): StoredRecord {
        const imp = this.tables.get("import")!.get(importId);
        if (!imp) throw new FakeRejection(PlatformErrors.notFound("import", importId));
        const def = operations[op];
        const stage = def.stage;
        const running = this.runs.get(importId);
        if (running) {
            throw new FakeRejection(
                PlatformErrors.invalidImportState(`${op} cannot run on import '${String(imp.name)}': a ${running.stage} job (${running.jobId}) is still running.`),
            );
        }
        const files = this.processFiles(importId);
        const gate: Record<StageName, { status: number; code: number | null; need: string }> = {
            parse: { status: 1, code: 0, need: "has not been parsed yet" },
            transform: { status: 3, code: 1, need: "has been parsed (Parsing Complete)" },
            import: { status: 8, code: 2, need: "has been transformed (Transformation Complete)" },
        };
        const g = gate[stage];
        const blocking = files.find((f) => f.processingstatus !== g.status || f.statuscode !== g.code);
        if (blocking) {
            const where = `file '${String(blocking.name)}' is at ${ProcessingStatusLabels[Number(blocking.processingstatus)] ?? String(blocking.processingstatus)} (status ${StatusCodeLabels[Number(blocking.statuscode)] ?? String(blocking.statuscode)})`;
            const message =
                stage === "parse"
                    ? `The import '${String(imp.name)}' has already been parsed: ${where}. ParseImport runs only on an import that has not been parsed.`
                    : `${op} can run only on an import that ${g.need}: ${where}.`;
            throw new FakeRejection(PlatformErrors.invalidImportState(message));
        }

        const now = toODataDate(this.clock.now());
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
        const run: StageRun = { importId, stage, jobId: String(job.asyncoperationid), fileIds: files.map((f) => String(f.importfileid)) };
        this.runs.set(importId, run);
        const failure = this.faults.takeStageFailure(stage, importId);
        if (failure?.atProcessingStatus !== undefined && !stageStatuses[stage].includes(failure.atProcessingStatus)) {
            this.runs.delete(importId);
            throw new Error(`failStage("${stage}"): processingstatus ${failure.atProcessingStatus} is not a status of ${stage} (${stageStatuses[stage].join(", ")}).`);
        }
        this.runSteps(run, this.stepsOf(run), failure);
        this.notify();
        return job;
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
        const imp = (): StoredRecord => this.tables.get("import")!.get(run.importId)!;
        const job = (): StoredRecord => this.tables.get("asyncoperation")!.get(run.jobId)!;
        const setFiles = (patch: (f: StoredRecord) => StoredRecord): void => files().forEach((f) => this.touch(f, patch(f)));
        const begin = (statusCode: number, processingStatus: number): Step => ({
            status: processingStatus,
            run: () => {
                this.touch(job(), { statecode: AsyncStateCode.Locked, statuscode: AsyncStatusCode.InProgress, startedon: this.nowText() });
                this.touch(imp(), { statuscode: statusCode });
                setFiles(() => ({ statuscode: statusCode, processingstatus: processingStatus }));
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
                this.runs.delete(run.importId);
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
        this.touch(this.tables.get("import")!.get(run.importId)!, { statuscode: 5 });
        this.runs.delete(run.importId);
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
        this.runs = new Map();
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
    }

    private touch(record: StoredRecord, patch: StoredRecord): void {
        Object.assign(record, patch);
        record["@version"] = Number(record["@version"] ?? 1) + 1;
        if ("modifiedon" in record) record.modifiedon = this.nowText();
    }

    private nowText(): string {
        return toODataDate(this.clock.now());
    }

    private schedule(fn: () => void, ms: number): void {
        const handle = this.clock.setTimeout(() => {
            this.timers.delete(handle);
            fn();
        }, ms);
        this.timers.add(handle);
    }

    private clearTimers(): void {
        for (const h of this.timers) this.clock.clearTimeout(h);
        this.timers.clear();
        this.runs.clear();
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
