/**
 * The one interface the rest of the control uses to read import data and run stages. Built over the
 * platform ports (context.webAPI, context.utils, Xrm.WebApi.online.execute); tests and the sandbox give
 * it the in-memory Dataverse's ports instead. Every failure comes out as a DataverseFailure.
 */
import { normalizeGuid } from "../domain/importFile";
import type { ImportFileStatus } from "../domain/importFile";
import type { JobStatus } from "../domain/asyncJob";
import type { FailureRow } from "../domain/failureExport";
import type { RunnableStage } from "../domain/stageGating";
import type { DataversePorts, WebApiEntity } from "./platform";
import { DataverseFailure, toFailure } from "./failures";
import { stageRequest } from "./importRequests";
import { numberOrNull } from "./values";

/** An importlog row: what failed (line, column, value, error, phase) and its id and extra detail. */
export interface ImportLogRow extends FailureRow {
    id: string;
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
}

export interface ImportService {
    /** False where Xrm.WebApi.online is absent (canvas apps, harnesses): stages can't be run there. */
    readonly canRunStages: boolean;
    /** Starts a stage's system job; resolves with its asyncoperationid. Never retried automatically. */
    startStage(stage: RunnableStage, importId: string): Promise<string>;
    /** One request for the status and counts of every file of the import. */
    readFileStatuses(importId: string, options?: ReadOptions): Promise<ImportFileStatus[]>;
    readJob(jobId: string, options?: ReadOptions): Promise<JobStatus>;
    readLogPage(fileId: string, next: string | null, options?: ReadOptions): Promise<ImportLogPage>;
    /** Raw entity read for the preview (see dataverse/importFileContent.ts). */
    readFileRecord(fileId: string, select: readonly string[], options?: ReadOptions): Promise<WebApiEntity>;
    readonly ports: DataversePorts;
}

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

const LOG_COLUMNS = ["importlogid", "linenumber", "headercolumn", "columnvalue", "errordescription", "errornumber", "logphasecode", "additionalinfo"];
/** importlog rows per request: large pages, few round trips (the platform allows up to 5,000). */
export const LOG_PAGE_SIZE = 1000;

/** How reads wait out throttling: the server's Retry-After, else this, at most MAX_RETRY_WAIT_MS. */
export const DEFAULT_RETRY_WAIT_MS = 2000;
export const MAX_RETRY_WAIT_MS = 30000;
export const MAX_READ_ATTEMPTS = 4;


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

function toLogRow(e: WebApiEntity): ImportLogRow {
    return {
        id: str(e.importlogid),
        lineNumber: numberOrNull(e.linenumber),
        headerColumn: str(e.headercolumn),
        columnValue: str(e.columnvalue),
        errorDescription: str(e.errordescription),
        errorNumber: str(e.errornumber),
        phase: numberOrNull(e.logphasecode),
        additionalInfo: str(e.additionalinfo),
    };
}

function wait(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
        if (signal?.aborted) {
            reject(new DataverseFailure({ kind: "unknown", message: "aborted" }));
            return;
        }
        const timer = setTimeout(() => {
            signal?.removeEventListener("abort", onAbort);
            resolve();
        }, ms);
        const onAbort = () => {
            clearTimeout(timer);
            reject(new DataverseFailure({ kind: "unknown", message: "aborted" }));
        };
        signal?.addEventListener("abort", onAbort, { once: true });
    });
}

/** A read that waits out throttling (Retry-After) and tries again; other failures go straight up. */
async function readWithRetry<T>(read: () => Promise<T>, options?: ReadOptions): Promise<T> {
    for (let attempt = 1; ; attempt++) {
        try {
            return await read();
        } catch (error) {
            const failure = toFailure(error);
            if (failure.kind !== "throttled" || attempt >= MAX_READ_ATTEMPTS) throw failure;
            await wait(Math.min(failure.retryAfterMs ?? DEFAULT_RETRY_WAIT_MS, MAX_RETRY_WAIT_MS), options?.signal);
        }
    }
}

/** The query part of a nextLink, which retrieveMultipleRecords takes back as options. */
export function nextLinkOptions(nextLink: string): string {
    const at = nextLink.indexOf("?");
    return at < 0 ? nextLink : nextLink.slice(at);
}

export function createImportService(ports: DataversePorts): ImportService {
    const { webApi, execute } = ports;
    return {
        ports,
        canRunStages: typeof execute === "function",

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

        async readFileStatuses(importId, options) {
            const query = `?$select=${STATUS_COLUMNS.join(",")}&$filter=_importid_value eq ${normalizeGuid(importId)}`;
            const result = await readWithRetry(() => webApi.retrieveMultipleRecords("importfile", query), options);
            return result.entities.map(toFileStatus);
        },

        async readJob(jobId, options) {
            const e = await readWithRetry(
                () => webApi.retrieveRecord("asyncoperation", normalizeGuid(jobId), "?$select=statecode,statuscode,message,friendlymessage"),
                options,
            );
            return { id: normalizeGuid(jobId), stateCode: numberOrNull(e.statecode), statusCode: numberOrNull(e.statuscode), message: str(e.message), friendlyMessage: str(e.friendlymessage) };
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
