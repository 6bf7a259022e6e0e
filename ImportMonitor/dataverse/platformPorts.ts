/**
 * The real platform's ports: context.webAPI, context.utils (getEntityMetadata, hasEntityPrivilege) and, where
 * the host has them, Xrm.WebApi.online.execute and the organization's Web API URL (model-driven apps).
 * The only place the control touches the Xrm global. docs/platform-contract.md lists the source of each.
 */
import { normalizeGuid } from "../domain/importFile";
import type { DataversePorts, Execute, GetJson, HasEntityPrivilege, PlatformError } from "./platform";
import type { LoadDependency } from "./csvLibrary";

interface XrmLike {
    WebApi?: { online?: { execute?: (request: unknown) => Promise<unknown> } };
    Utility?: {
        getGlobalContext?: () => { getClientUrl?: () => string };
        getPageContext?: () => { input?: { entityName?: string; entityId?: string } } | null;
    };
}

function xrm(): XrmLike | undefined {
    return (globalThis as unknown as { Xrm?: XrmLike }).Xrm;
}

function hostExecute(): Execute | undefined {
    const online = xrm()?.WebApi?.online;
    if (typeof online?.execute !== "function") return undefined;
    return (request) => online.execute!(request) as ReturnType<Execute>;
}

/** The organization's URL (Xrm.Utility.getGlobalContext().getClientUrl()), or null where there is no Xrm. */
function clientUrl(): string | null {
    try {
        const url = xrm()?.Utility?.getGlobalContext?.()?.getClientUrl?.();
        return typeof url === "string" && url ? url.replace(/\/+$/, "") : null;
    } catch {
        return null;
    }
}

/** Web API version of the table-definition reads. */
export const WEB_API_PATH = "/api/data/v9.2/";

/** A Dataverse error body: `{ error: { code: "0x80060888", message } }`. */
async function failureOf(response: Response): Promise<PlatformError> {
    const failure: PlatformError = { status: response.status, message: `HTTP ${response.status}` };
    const retryAfter = Number(response.headers.get("Retry-After"));
    if (Number.isFinite(retryAfter) && retryAfter > 0) failure.retryAfterSeconds = retryAfter;
    try {
        const body = (await response.json()) as { error?: { code?: string; message?: string } };
        if (body.error?.message) failure.message = body.error.message;
        if (body.error?.code) failure.code = body.error.code;
    } catch {
        // Not JSON: the status says enough.
    }
    return failure;
}

/** GET on the org's Web API with the headers Dataverse documents (OData 4.0, JSON, formatted values). */
function hostGetJson(): GetJson | undefined {
    const base = clientUrl();
    if (!base || typeof fetch !== "function") return undefined;
    return async (path) => {
        // fetch rejects (a TypeError) only when there is no answer at all: offline, DNS, CORS; toFailure says so.
        const response = await fetch(base + WEB_API_PATH + path, {
            method: "GET",
            credentials: "same-origin",
            headers: {
                Accept: "application/json",
                "OData-MaxVersion": "4.0",
                "OData-Version": "4.0",
                "If-None-Match": "null",
                Prefer: 'odata.include-annotations="*"',
            },
        });
        if (!response.ok) {
            const failure = await failureOf(response);
            throw Object.assign(new Error(failure.message), failure);
        }
        return (await response.json()) as unknown;
    };
}

function hostHasEntityPrivilege(context: ComponentFramework.Context<unknown>): HasEntityPrivilege | undefined {
    const utils = context.utils as Partial<ComponentFramework.Utility> | undefined;
    if (typeof utils?.hasEntityPrivilege !== "function") return undefined;
    return (table, type, depth) => utils.hasEntityPrivilege!(table, type, depth);
}

/**
 * `context.utils.loadDependency` where the host has it: model-driven apps only, and "make sure to check if the method
 * is available before calling it" (@types/powerapps-component-framework, Utility.loadDependency).
 */
function hostLoadDependency(context: ComponentFramework.Context<unknown>): LoadDependency | undefined {
    const utils = context.utils as Partial<ComponentFramework.Utility> | undefined;
    if (typeof utils?.loadDependency !== "function") return undefined;
    return (name) => utils.loadDependency!(name);
}

export function platformPorts(context: ComponentFramework.Context<unknown>): DataversePorts {
    return {
        loadDependency: hostLoadDependency(context),
        webApi: context.webAPI,
        getEntityMetadata: (name: string, attributes?: string[]) => context.utils.getEntityMetadata(name, attributes),
        execute: hostExecute(),
        getJson: hostGetJson(),
        hasEntityPrivilege: hostHasEntityPrivilege(context),
        userFormats: {
            numberFormattingInfo: context.userSettings?.numberFormattingInfo,
            dateFormattingInfo: context.userSettings?.dateFormattingInfo,
        },
    };
}

interface RecordRef {
    id?: unknown;
    table?: unknown;
}

/**
 * The form's record as each host says it, documented first (docs/platform-contract.md, "The form's record"):
 * Xrm.Utility.getPageContext().input (documented, model-driven), then `context.page` and
 * `context.mode.contextInfo` (both undocumented, seen on model-driven forms).
 */
function formRecords(context: ComponentFramework.Context<unknown>): RecordRef[] {
    const info = (context.mode as unknown as { contextInfo?: { entityId?: unknown; entityTypeName?: unknown } }).contextInfo;
    const page = (context as unknown as { page?: { entityId?: unknown; entityTypeName?: unknown } }).page;
    let input: { entityName?: string; entityId?: string } | undefined;
    try {
        input = xrm()?.Utility?.getPageContext?.()?.input;
    } catch {
        input = undefined;
    }
    return [
        { id: input?.entityId, table: input?.entityName },
        { id: page?.entityId, table: page?.entityTypeName },
        { id: info?.entityId, table: info?.entityTypeName },
    ];
}

/**
 * The import this form shows: the form's record id (the first source that names an import, or no table),
 * else the import lookup of the listed files (importfile.importid). Null on an unsaved (create) form, or
 * where no source gives an id: the view then says runs need a saved import.
 */
export function formImportId(context: ComponentFramework.Context<unknown>, fallback: string | null): string | null {
    for (const { id, table } of formRecords(context)) {
        const guid = typeof id === "string" ? normalizeGuid(id) : "";
        if (guid && (!table || table === "import")) return guid;
    }
    return fallback ? normalizeGuid(fallback) : null;
}
