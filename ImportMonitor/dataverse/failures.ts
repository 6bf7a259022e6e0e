/**
 * Turns whatever the platform rejects with into a typed failure the UI can explain: privilege, not found,
 * conflict (412), throttled (429/503 with Retry-After), offline, timeout, server error.
 */
import type { PlatformError } from "./platform";

export type FailureKind = "privilege" | "notFound" | "conflict" | "throttled" | "offline" | "timeout" | "badRequest" | "server" | "unknown";

/** Dataverse error codes (as unsigned hex) the classifier knows. */
const PRIVILEGE = 0x80040220;
const ACCESS_DENIED = 0x80040225;
const NOT_FOUND = 0x80040217;
const TIMEOUT = 0x80040224;
/** Requests exceeded, execution time exceeded, concurrent requests exceeded. */
const THROTTLING_CODES = new Set<number>([0x80072322, 0x80072321, 0x80072326]);

export class DataverseFailure extends Error {
    public readonly kind: FailureKind;
    /** The Dataverse error code, unsigned ("0x80040220" is 2147746336), when there is one. */
    public readonly code: number | null;
    /** For privilege errors: the privilege the message names, e.g. "prvWriteImport". */
    public readonly privilege: string | null;
    /** For throttling: how long the server asked to wait. */
    public readonly retryAfterMs: number | null;

    public constructor(init: { kind: FailureKind; message: string; code?: number | null; privilege?: string | null; retryAfterMs?: number | null }) {
        super(init.message);
        this.name = "DataverseFailure";
        this.kind = init.kind;
        this.code = init.code ?? null;
        this.privilege = init.privilege ?? null;
        this.retryAfterMs = init.retryAfterMs ?? null;
    }

    public get codeHex(): string | null {
        return this.code === null ? null : `0x${this.code.toString(16).toUpperCase().padStart(8, "0")}`;
    }
}

function unsignedCode(error: PlatformError): number | null {
    if (typeof error.errorCode === "number" && Number.isFinite(error.errorCode) && error.errorCode !== 0) return error.errorCode >>> 0;
    if (typeof error.code === "number" && Number.isFinite(error.code)) return error.code >>> 0;
    if (typeof error.code === "string" && /^0x[0-9a-f]+$/i.test(error.code)) return parseInt(error.code, 16) >>> 0;
    return null;
}

function retryAfterMs(error: PlatformError, message: string): number | null {
    if (typeof error.retryAfterSeconds === "number" && error.retryAfterSeconds >= 0) return error.retryAfterSeconds * 1000;
    const m = /retry[- ]after[^0-9]*(\d+(?:\.\d+)?)/i.exec(message);
    return m ? Math.round(Number(m[1]) * 1000) : null;
}

const OFFLINE_PATTERN = /failed to fetch|networkerror|network error|network request failed|load failed|internet disconnected|offline/i;
const TIMEOUT_PATTERN = /time(d)? ?out|timeout/i;

function kindOf(error: unknown, e: PlatformError, message: string, code: number | null): FailureKind {
    const status = typeof e.status === "number" ? e.status : null;
    if (status === 429 || (code !== null && THROTTLING_CODES.has(code)) || (status === 503 && (e.retryAfterSeconds !== undefined || /retry/i.test(message)))) {
        return "throttled";
    }
    if (code === PRIVILEGE || code === ACCESS_DENIED || status === 403) return "privilege";
    if (code === NOT_FOUND || status === 404 || /does not exist/i.test(message)) return "notFound";
    if (status === 412) return "conflict";
    if (code === TIMEOUT || status === 408 || status === 504 || (error instanceof Error && error.name === "TimeoutError") || TIMEOUT_PATTERN.test(message)) {
        return "timeout";
    }
    if (error instanceof TypeError || OFFLINE_PATTERN.test(message) || (typeof navigator !== "undefined" && navigator.onLine === false)) return "offline";
    if (status !== null && status >= 400 && status < 500) return "badRequest";
    if ((status !== null && status >= 500) || code !== null || message) return "server";
    return "unknown";
}

/**
 * Classifies any rejection value. Never throws. A DataverseFailure made by the other bundle (the control's or the CSV
 * library's: each carries its own copy of this class) is taken as it is, by its shape.
 */
export function toFailure(error: unknown): DataverseFailure {
    if (error instanceof DataverseFailure) return error;
    if (error instanceof Error && error.name === "DataverseFailure" && typeof (error as Partial<DataverseFailure>).kind === "string") {
        return error as DataverseFailure;
    }
    const e: PlatformError = typeof error === "object" && error !== null ? error : {};
    const message =
        (typeof e.message === "string" && e.message) || (typeof error === "string" ? error : "") || (error instanceof Error ? error.message : "");
    const code = unsignedCode(e);
    const kind = kindOf(error, e, message, code);
    return new DataverseFailure({
        kind,
        message,
        code,
        privilege: kind === "privilege" ? /\b(prv[A-Za-z]+)\b/.exec(message)?.[1] : null,
        retryAfterMs: kind === "throttled" ? retryAfterMs(e, message) : null,
    });
}
