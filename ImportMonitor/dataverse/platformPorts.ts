/**
 * The real platform's ports: context.webAPI, context.utils.getEntityMetadata and, where the host has it,
 * Xrm.WebApi.online.execute (model-driven apps). The only place the control touches the Xrm global.
 */
import { normalizeGuid } from "../domain/importFile";
import type { DataversePorts, Execute } from "./platform";

interface XrmLike {
    WebApi?: { online?: { execute?: (request: unknown) => Promise<unknown> } };
}

function hostExecute(): Execute | undefined {
    const xrm = (globalThis as unknown as { Xrm?: XrmLike }).Xrm;
    const online = xrm?.WebApi?.online;
    if (typeof online?.execute !== "function") return undefined;
    return (request) => online.execute!(request) as ReturnType<Execute>;
}

export function platformPorts(context: ComponentFramework.Context<unknown>): DataversePorts {
    return {
        webApi: context.webAPI,
        getEntityMetadata: (name: string, attributes?: string[]) => context.utils.getEntityMetadata(name, attributes),
        execute: hostExecute(),
    };
}

/**
 * The import this form shows: the form's record id when the host gives it, else the import lookup of the
 * listed files. Empty on an unsaved (create) form.
 */
export function formImportId(context: ComponentFramework.Context<unknown>, fallback: string | null): string | null {
    const info = (context.mode as unknown as { contextInfo?: { entityId?: string; entityTypeName?: string } }).contextInfo;
    const id = info?.entityId ? normalizeGuid(info.entityId) : "";
    if (id && (!info?.entityTypeName || info.entityTypeName === "import")) return id;
    return fallback ? normalizeGuid(fallback) : null;
}
