/**
 * What a model-driven app gives a control besides its context, over the fake Dataverse
 * (docs/platform-contract.md): the `Xrm` global with `WebApi.online.execute`, `Utility.getGlobalContext()
 * .getClientUrl()` and `Utility.getPageContext().input` (the form's record), and the organization's Web API
 * at that URL, answered by the fake's `getJson` through a `fetch` that handles only the fake org's URL.
 * Shared by the sandbox page and the jest tests.
 *
 * Sandbox code: the control never imports this.
 */
import type { DataversePorts, PlatformError } from "../../ImportMonitor/dataverse/platform";
import { FAKE_ORG_URL } from "../dataverse";
import type { FakeDataverse } from "../dataverse";
import type { HostProfile } from "./host";

/**
 * The fake's ports as a host of `profile` has them: no-xrm has no execute, org Web API nor privilege check;
 * strict reads metadata Attributes only through get(name). Shared by the sandbox page and the jest tests.
 */
export function portsForProfile(fake: FakeDataverse, profile: HostProfile): DataversePorts {
    const xrm = profile !== "no-xrm";
    return fake.ports({
        execute: xrm,
        getJson: xrm,
        hasEntityPrivilege: xrm,
        metadataShape: profile === "strict" ? "strict" : "model-driven",
    });
}

export interface FakeXrmOptions {
    ports: DataversePorts;
    /** The form's record: an import, or "" on a create form. */
    importId: string;
}

type Fetch = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

const API = `${FAKE_ORG_URL}/api/data/v9.2/`;

function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
    const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
    const text = JSON.stringify(body);
    return {
        ok: status >= 200 && status < 300,
        status,
        statusText: status === 200 ? "OK" : "Error",
        headers: { get: (name: string) => lower[name.toLowerCase()] ?? null },
        json: () => Promise.resolve(JSON.parse(text) as unknown),
        text: () => Promise.resolve(text),
    } as unknown as Response;
}

/** The fake org's Web API over HTTP: a Dataverse error body and status for a rejection. */
function fakeOrgFetch(ports: DataversePorts, fallback: Fetch | undefined): Fetch {
    return async (input, init) => {
        const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
        if (!url.startsWith(API)) {
            if (!fallback) throw new TypeError(`Failed to fetch ${url}`);
            return fallback(input, init);
        }
        if (!ports.getJson) return jsonResponse(404, { error: { code: "0x80060888", message: "Resource not found." } });
        try {
            return jsonResponse(200, await ports.getJson(url.slice(API.length)));
        } catch (error) {
            const e = error as PlatformError;
            // No answer at all (the fake's "offline"): fetch rejects, as a browser's does.
            if (!e.status) throw new TypeError(e.message ?? "Failed to fetch");
            const code = typeof e.code === "string" ? e.code : e.errorCode !== undefined ? `0x${(e.errorCode >>> 0).toString(16)}` : undefined;
            const headers: Record<string, string> = e.retryAfterSeconds ? { "Retry-After": String(e.retryAfterSeconds) } : {};
            return jsonResponse(e.status, { error: { code, message: e.message ?? "" } }, headers);
        }
    };
}

/** Installs `Xrm` and the org's `fetch` on `target` (window, or jest's globalThis); returns how to undo it. */
export function installFakeXrm(target: typeof globalThis, options: FakeXrmOptions): () => void {
    const globals = target as unknown as { Xrm?: unknown; fetch?: Fetch };
    const previous = { Xrm: globals.Xrm, fetch: globals.fetch };
    globals.Xrm = {
        WebApi: { online: { execute: options.ports.execute } },
        Utility: {
            getGlobalContext: () => ({ getClientUrl: () => FAKE_ORG_URL }),
            getPageContext: () => ({ input: { pageType: "entityrecord", entityName: "import", entityId: options.importId ? `{${options.importId.toUpperCase()}}` : undefined } }),
        },
    };
    globals.fetch = fakeOrgFetch(options.ports, previous.fetch?.bind(target));
    return () => {
        globals.Xrm = previous.Xrm;
        globals.fetch = previous.fetch;
    };
}
