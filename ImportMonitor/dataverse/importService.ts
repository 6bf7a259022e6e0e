/**
 * The one interface the rest of the control uses to read import data and run stages. Built over the
 * platform ports (context.webAPI, context.utils, Xrm.WebApi.online.execute); tests and the sandbox give
 * it the in-memory Dataverse's ports instead. Every failure comes out as a DataverseFailure.
 */
import { normalizeGuid } from "../domain/importFile";
import type { ImportFileStatus, PhaseCounts } from "../domain/importFile";
import type { ImportJob, JobStatus } from "../domain/asyncJob";
import type { FailureRow } from "../domain/failureRow";
import type { RunnableStage } from "../domain/stageGating";
import type { DataversePorts, UserFormats, WebApiEntity } from "./platform";
import { DataverseFailure, toFailure } from "./failures";
import { stageRequest } from "./importRequests";
import { readWithRetry } from "./retry";
import { createAddFilesService } from "./addFilesService";
import type { AddFilesService } from "./addFilesService";
import { createCsvLibraryLoader } from "./csvLibrary";
import type { CsvLibrary, TableColumnsReader } from "./csvLibrary";
import type { TableColumnsResult } from "./tableColumns";
import { numberOrNull } from "./values";

/** An importlog row: what failed (line, column, value, error, phase) and its id and extra detail. */
export interface ImportLogRow extends FailureRow {
    id: string;
    /** The importfile the row belongs to. */
    fileId: string;
    additionalInfo: string;
}

export interface ImportLogPage {
    rows: ImportLogRow[];
    /** Pass back to read the next page; null on the last page. */
    next: string | null;
}

export interface ReadOptions {
    /** Aborts waiting for a retry (the control unmounted, the user moved on). */
    signal?: AbortSignal;
    /** Called when a read is throttled, before waiting `ms` to try again (0 when the wait is over). */
    onWait?: (ms: number) => void;
}

/** The import record's own status (import.statuscode uses importfile's codes: 0 Submitted … 5 Failed). */
export interface ImportRecordStatus {
    statusCode: number | null;
    /** import.modecode: 0 Create, 1 Update. */
    modeCode: number | null;
    /** ms since epoch; null when absent. */
    createdOn: number | null;
    /** import.name; "" when absent. */
    name: string;
}

/**
 * importlog rows per file of an import, by phase: Parse (logphasecode 0), Transform (1), Import (2 Create,
 * 3 Update). A file with no log rows is absent.
 */
export type FailureCounts = ReadonlyMap<string, PhaseCounts>;

export interface ImportService extends AddFilesService {
    /** False where Xrm.WebApi.online is absent (canvas apps, harnesses): stages can't be run there. */
    readonly canRunStages: boolean;
    /**
     * The privileges the three import messages need that the user lacks (e.g. ["prvCreateImport"]), by
     * `context.utils.hasEntityPrivilege`; null where the host cannot say (then nothing is blocked up front and
     * the platform's own answer to the action decides). hasEntityPrivilege "might return false if the table
     * metadata isn't locally cached", so each table's metadata is read first. Never rejects.
     */
    missingStagePrivileges(): Promise<string[] | null>;
    /**
     * The import's newest system jobs (asyncoperation regarding it, newest first, at most JOBS_READ): stages
     * run by this control, the wizard, another tab or code. One request. Rejects with a DataverseFailure.
     */
    readJobs(importId: string, options?: ReadOptions): Promise<ImportJob[]>;
    /**
     * One system job by id: a job this control started that the import's jobs read does not list (its
     * regarding record is not the import after all: docs/platform-contract.md §7, assumed). One request.
     */
    readJob(jobId: string, options?: ReadOptions): Promise<ImportJob>;
    /**
     * importlog rows of every file of the import, counted by file and phase: one aggregate FetchXML request
     * whatever the number of files or rows (docs/platform-contract.md, "Aggregate FetchXML"). Rejects with a
     * DataverseFailure, e.g. errorCode -2147164125 (AggregateQueryRecordLimit) above 50,000 log rows.
     */
    readFailureCounts(importId: string, options?: ReadOptions): Promise<FailureCounts>;
    /** Starts a stage's system job; resolves with its asyncoperationid. Never retried automatically. */
    startStage(stage: RunnableStage, importId: string): Promise<string>;
    /**
     * One request for the status and counts of every file of the import, with the import record's status
     * expanded from the first file (`$expand=importid(...)`; null when the import has no file).
     */
    readFiles(importId: string, options?: ReadOptions): Promise<{ files: ImportFileStatus[]; importStatus: ImportRecordStatus | null }>;
    readLogPage(fileId: string, next: string | null, options?: ReadOptions): Promise<ImportLogPage>;
    /** Raw entity read for the preview (see dataverse/importFileContent.ts). */
    readFileRecord(fileId: string, select: readonly string[], options?: ReadOptions): Promise<WebApiEntity>;
    /**
     * The target table's columns for the header mapping; complete answers are cached per table. See tableColumns.ts.
     * Loads the CSV library first: rejects with a CsvLibraryUnavailable when it can't be loaded.
     */
    readTableColumns(table: string | null | undefined, headers: readonly string[]): Promise<TableColumnsResult>;
    /** The user's number and date formats as the host gave them ({} where it gave none). */
    readonly userFormats: UserFormats;
    /**
     * The CSV library (papaparse, preview, checks, CSV exports), loaded on first use with the host's
     * loadDependency and kept. Rejects with a CsvLibraryUnavailable (dataverse/csvLibrary.ts); a later call tries again.
     */
    loadCsvLibrary(): Promise<CsvLibrary>;
}

/**
 * What ParseImport, TransformImport and ImportRecordsImport need (docs/platform-contract.md, "Privileges"):
 * [privilege name, table, PrivilegeType] with PrivilegeType 1 Create, 2 Read.
 */
export const STAGE_PRIVILEGES: readonly (readonly [string, string, 1 | 2])[] = [
    ["prvCreateImport", "import", 1],
    ["prvReadImport", "import", 2],
    ["prvReadImportFile", "importfile", 2],
    ["prvReadAsyncOperation", "asyncoperation", 2],
];

/** asyncoperation.operationtype of each stage's job (docs/platform-contract.md, "System jobs"). */
export const STAGE_OPERATION_TYPES: Record<RunnableStage, number> = { parse: 3, transform: 4, import: 5 };

/** Jobs read per import: a run makes one per stage; older ones only tell the history. */
export const JOBS_READ = 10;
/** PrivilegeDepth Basic…Global: held at any of them counts (the reference does not say whether a deeper one implies a shallower). */
const DEPTHS = [0, 1, 2, 3] as const;

export const STATUS_COLUMNS = [
    "importfileid",
    "processingstatus",
    "statuscode",
    "processcode",
    "successcount",
    "failurecount",
    "partialfailurecount",
    "totalcount",
] as const;

const LOG_COLUMNS = ["importlogid", "_importfileid_value", "linenumber", "headercolumn", "columnvalue", "errordescription", "errornumber", "logphasecode", "additionalinfo"];
/** importlog rows per request: large pages, few round trips (the platform allows up to 5,000). */
export const LOG_PAGE_SIZE = 1000;

export { DEFAULT_RETRY_WAIT_MS, MAX_READ_ATTEMPTS, MAX_RETRY_WAIT_MS, readWithRetry } from "./retry";


function str(value: unknown): string {
    if (value === null || value === undefined) return "";
    if (typeof value === "string") return value;
    if (typeof value === "number" || typeof value === "boolean") return String(value);
    return JSON.stringify(value);
}

export function toFileStatus(e: WebApiEntity): ImportFileStatus {
    return {
        id: normalizeGuid(str(e.importfileid)),
        processingStatus: numberOrNull(e.processingstatus),
        statusCode: numberOrNull(e.statuscode),
        processCode: numberOrNull(e.processcode),
        successCount: numberOrNull(e.successcount),
        failureCount: numberOrNull(e.failurecount),
        partialFailureCount: numberOrNull(e.partialfailurecount),
        totalCount: numberOrNull(e.totalcount),
    };
}

function toJob(e: WebApiEntity): JobStatus {
    return { id: normalizeGuid(str(e.asyncoperationid)), stateCode: numberOrNull(e.statecode), statusCode: numberOrNull(e.statuscode), message: str(e.message), friendlyMessage: str(e.friendlymessage) };
}

/** An Edm.DateTimeOffset ("2026-11-30T06:44:46Z") as ms since epoch; null when absent or unreadable. */
function time(value: unknown): number | null {
    const ms = typeof value === "string" ? Date.parse(value) : NaN;
    return Number.isNaN(ms) ? null : ms;
}

const IMPORT_COLUMNS = "statuscode,modecode,createdon,name";
const JOB_COLUMNS = "asyncoperationid,operationtype,statecode,statuscode,message,friendlymessage,createdon,startedon,completedon";

function toImportJob(e: WebApiEntity): ImportJob {
    const type = numberOrNull(e.operationtype);
    return {
        ...toJob(e),
        stage: (Object.keys(STAGE_OPERATION_TYPES) as RunnableStage[]).find((s) => STAGE_OPERATION_TYPES[s] === type) ?? null,
        createdOn: time(e.createdon),
        startedOn: time(e.startedon),
        completedOn: time(e.completedon),
    };
}

function toImportStatus(e: WebApiEntity): ImportRecordStatus {
    return { statusCode: numberOrNull(e.statuscode), modeCode: numberOrNull(e.modecode), createdOn: time(e.createdon), name: str(e.name) };
}

function toLogRow(e: WebApiEntity): ImportLogRow {
    return {
        id: str(e.importlogid),
        fileId: normalizeGuid(str(e._importfileid_value)),
        lineNumber: numberOrNull(e.linenumber),
        headerColumn: str(e.headercolumn),
        columnValue: str(e.columnvalue),
        errorDescription: str(e.errordescription),
        errorNumber: str(e.errornumber),
        phase: numberOrNull(e.logphasecode),
        additionalInfo: str(e.additionalinfo),
    };
}


/** The query part of a nextLink, which retrieveMultipleRecords takes back as options. */
export function nextLinkOptions(nextLink: string): string {
    const at = nextLink.indexOf("?");
    return at < 0 ? nextLink : nextLink.slice(at);
}

export function createImportService(ports: DataversePorts): ImportService {
    const { webApi, execute, hasEntityPrivilege } = ports;
    const loadCsvLibrary = createCsvLibraryLoader(ports.loadDependency);
    let readColumns: TableColumnsReader | null = null;
    return {
        ...createAddFilesService(ports),
        canRunStages: typeof execute === "function",

        async missingStagePrivileges() {
            if (typeof hasEntityPrivilege !== "function") return null;
            try {
                const tables = [...new Set(STAGE_PRIVILEGES.map(([, table]) => table))];
                await Promise.all(tables.map((table) => ports.getEntityMetadata(table, [])));
                return STAGE_PRIVILEGES.filter(([, table, type]) => !DEPTHS.some((depth) => hasEntityPrivilege(table, type, depth))).map(([name]) => name);
            } catch (error) {
                // A host that cannot answer cannot say: the platform's own answer to the action decides.
                console.warn("ImportMonitor: the privilege check could not run", error);
                return null;
            }
        },

        async readJobs(importId, options) {
            // Import stage jobs only (operationtype 3, 4, 5): other jobs regarding the import must not crowd them out.
            const query =
                `?$select=${JOB_COLUMNS}&$filter=_regardingobjectid_value eq ${normalizeGuid(importId)} and ` +
                `(${Object.values(STAGE_OPERATION_TYPES).map((n) => `operationtype eq ${n}`).join(" or ")})&$orderby=createdon desc&$top=${JOBS_READ}`;
            const result = await readWithRetry(() => webApi.retrieveMultipleRecords("asyncoperation", query), options);
            return result.entities.map(toImportJob);
        },

        async readJob(jobId, options) {
            return toImportJob(await readWithRetry(() => webApi.retrieveRecord("asyncoperation", normalizeGuid(jobId), `?$select=${JOB_COLUMNS}`), options));
        },

        async readFailureCounts(importId, options) {
            const fetchXml =
                `<fetch aggregate="true"><entity name="importlog">` +
                `<attribute name="importlogid" alias="failures" aggregate="count"/>` +
                `<attribute name="importfileid" alias="file" groupby="true"/>` +
                `<attribute name="logphasecode" alias="phase" groupby="true"/>` +
                `<link-entity name="importfile" from="importfileid" to="importfileid" link-type="inner">` +
                `<filter><condition attribute="importid" operator="eq" value="${normalizeGuid(importId)}"/></filter>` +
                `</link-entity></entity></fetch>`;
            const result = await readWithRetry(() => webApi.retrieveMultipleRecords("importlog", `?fetchXml=${encodeURIComponent(fetchXml)}`), options);
            const counts = new Map<string, PhaseCounts>();
            for (const e of result.entities) {
                const file = normalizeGuid(str(e.file));
                const phase = numberOrNull(e.phase);
                const n = numberOrNull(e.failures) ?? 0;
                const c = counts.get(file) ?? { parse: 0, transform: 0, import: 0 };
                if (phase === 0) c.parse += n;
                else if (phase === 1) c.transform += n;
                else c.import += n;
                counts.set(file, c);
            }
            return counts;
        },

        loadCsvLibrary,
        userFormats: ports.userFormats ?? {},
        readTableColumns: async (table, headers) => {
            // With what the value checks need (numeric ranges, date formats, yes/no labels, lookup targets, keys).
            readColumns ??= (await loadCsvLibrary()).createTableColumnsReader(ports, { valueRules: true });
            return readColumns(table, headers);
        },

        async startStage(stage, importId) {
            if (!execute) throw new DataverseFailure({ kind: "badRequest", message: "Xrm.WebApi.online.execute is not available here." });
            let body: unknown;
            try {
                const response = await execute(stageRequest(stage, normalizeGuid(importId)));
                if (!response.ok) throw toFailure({ status: response.status, message: `HTTP ${response.status}` });
                body = await response.json();
            } catch (error) {
                throw toFailure(error);
            }
            const jobId = (body as { asyncoperationid?: unknown; AsyncOperationId?: unknown } | null)?.asyncoperationid ?? (body as { AsyncOperationId?: unknown } | null)?.AsyncOperationId;
            if (typeof jobId !== "string" || !jobId) {
                throw new DataverseFailure({ kind: "server", message: "The action returned no system job id (asyncoperationid)." });
            }
            return normalizeGuid(jobId);
        },

        async readFiles(importId, options) {
            const query = `?$select=${STATUS_COLUMNS.join(",")}&$filter=_importid_value eq ${normalizeGuid(importId)}&$expand=importid($select=${IMPORT_COLUMNS})`;
            const result = await readWithRetry(() => webApi.retrieveMultipleRecords("importfile", query), options);
            const expanded = result.entities[0]?.importid;
            return { files: result.entities.map(toFileStatus), importStatus: expanded && typeof expanded === "object" ? toImportStatus(expanded as WebApiEntity) : null };
        },

        async readLogPage(fileId, next, options) {
            const query =
                next ??
                `?$select=${LOG_COLUMNS.join(",")}&$filter=_importfileid_value eq ${normalizeGuid(fileId)}&$orderby=linenumber asc,importlogid asc`;
            const result = await readWithRetry(() => webApi.retrieveMultipleRecords("importlog", query, LOG_PAGE_SIZE), options);
            return { rows: result.entities.map(toLogRow), next: result.nextLink ? nextLinkOptions(result.nextLink) : null };
        },

        readFileRecord(fileId, select, options) {
            return readWithRetry(() => webApi.retrieveRecord("importfile", normalizeGuid(fileId), `?$select=${select.join(",")}`), options);
        },
    };
}
