/**
 * The sandbox page: runs the shipped out/controls/ImportMonitor/bundle.js on the platform libraries'
 * UMD builds, bound to an in-browser fake Dataverse, like an Import form of a model-driven app.
 * Bundled for the browser by sandbox/serve.js (esbuild) into sandbox/.build/page.js.
 *
 * Query parameters: stepMs (clock time of a stage step, default 500), latencyMs (per call, default 150),
 * pageSize (dataset page size, default 25), files (a generated import of that many files instead of the
 * seed), narrow=1 (start at phone width), host=model-driven|strict|no-xrm (the host profile, see host.ts),
 * scenario=default|mid-parse|mid-import|completed-with-failures (the state the import is in when the control
 * loads: sandbox/dataverse/scenarios.ts; the mid-* runs continue live), theme=light|modern|dark and brand=%23rrggbb
 * (the app's theme: light is a classic app, no context.fluentDesignLanguage; see theme.ts).
 *
 * Sandbox code: the control never imports this.
 */
import {
    applyScenario,
    buildLargeSeed,
    createFakeDataverse,
    createSeed,
    importRecordsImportRequest,
    isScenarioName,
    parseImportRequest,
    SCENARIO_NAMES,
    transformImportRequest,
} from "../dataverse";
import type { FakeDataverse, ScenarioName } from "../dataverse";
import { ControlHost, dependencyLoader, HOST_PROFILES, loadControl, loadPlatformLibraries } from "./host";
import type { HostProfile, SandboxConfig } from "./host";
import { installFakeXrm, portsForProfile } from "./xrm";
import { languageFromParams, pseudoLocalize } from "./language";
import { loadResx } from "./resx";
import { wireToolbar } from "./toolbar";
import { ThemeSwitcher } from "./theme";

/** What the page exposes for the e2e tests and the browser console. */
export interface SandboxHandle {
    fake: FakeDataverse;
    host: ControlHost;
    config: SandboxConfig;
    /** The app's theme (the toolbar's switcher): `theme.set("dark")`, `theme.design()`. */
    theme: ThemeSwitcher;
    /** The `?scenario=` the page started with (re-applied by Reset data). */
    scenario: ScenarioName;
    /** The latest line of the status bar. */
    status: () => string;
    /**
     * Runs parse, transform and import on the fake directly (not through the control) and waits for each
     * job; then the dataset shows the outcome on its next refresh. For tests of what follows an import.
     */
    completeImport: () => Promise<void>;
}

async function runStagesOnFake(fake: FakeDataverse, importId: string): Promise<void> {
    for (const request of [parseImportRequest(importId), transformImportRequest(importId), importRecordsImportRequest(importId)]) {
        await fake.execute(request);
        while (fake.runningStage(importId)) await new Promise((resolve) => setTimeout(resolve, 20));
    }
}

function numberParam(params: URLSearchParams, name: string, fallback: number): number {
    const raw = params.get(name);
    if (raw === null || raw.trim() === "") return fallback;
    const n = Number(raw);
    return Number.isFinite(n) && n >= 0 ? n : fallback;
}

function element(id: string): HTMLElement {
    const el = document.getElementById(id);
    if (!el) throw new Error(`sandbox/index.html lacks #${id}.`);
    return el;
}

async function main(): Promise<void> {
    const params = new URLSearchParams(location.search);
    const stepMs = numberParam(params, "stepMs", 500);
    const latencyMs = numberParam(params, "latencyMs", 150);
    const pageSize = Math.max(1, numberParam(params, "pageSize", 25));
    const files = numberParam(params, "files", 0);
    if (params.get("narrow") === "1") document.body.classList.add("narrow");
    const requested = params.get("host") ?? "model-driven";
    if (!HOST_PROFILES.includes(requested as HostProfile)) throw new Error(`?host= is one of ${HOST_PROFILES.join(", ")}; got "${requested}".`);
    const profile = requested as HostProfile;
    const scenario = params.get("scenario") ?? "default";
    // The CSV library (a dependent library, model-driven only): loaded on demand (ok), failing (fail), or no
    // loadDependency at all (absent; always so in the no-xrm profile, as in canvas apps).
    const library = params.get("library") ?? "ok";
    if (!["ok", "fail", "absent"].includes(library)) throw new Error(`?library= is one of ok, fail, absent; got "${library}".`);
    if (!isScenarioName(scenario)) throw new Error(`?scenario= is one of ${SCENARIO_NAMES.join(", ")}; got "${scenario}".`);
    const theme = ThemeSwitcher.fromParams(params);
    const language = languageFromParams(params);
    // The app's page is mirrored for a right-to-left language, and says its language.
    document.documentElement.lang = language.locale;
    document.documentElement.dir = language.isRTL ? "rtl" : "ltr";

    const statusLine = element("sandbox-status");
    const report = (line: string): void => {
        statusLine.textContent = line;
    };

    const response = await fetch("/sandbox/config.json", { cache: "no-store" });
    if (!response.ok) throw new Error(`/sandbox/config.json: HTTP ${response.status}`);
    const config = (await response.json()) as SandboxConfig;

    await loadPlatformLibraries(config.libraries);
    const [loaded, ctor] = await Promise.all([loadResx(config.resxUrls?.[String(language.lcid)] ?? config.resxUrl), loadControl(config)]);
    const strings = language.pseudo ? new Map([...loaded].map(([key, value]) => [key, pseudoLocalize(value)])) : loaded;

    const seed = files > 0 ? buildLargeSeed({ fileCount: Math.floor(files) }) : createSeed();
    const fake = createFakeDataverse({ seed, stepMs, latencyMs });
    const xrm = profile !== "no-xrm";
    const ports = portsForProfile(fake, profile);
    const importRecord = seed.imports[0];
    // The import's state when the form opens: a run the wizard started, fast-forwarded (it continues live).
    applyScenario(fake, scenario, { importId: importRecord.importid });
    // What model-driven apps give a control besides its context: the Xrm global and the org's Web API.
    if (xrm) installFakeXrm(window, { ports, importId: importRecord.importid });

    element("sandbox-import-name").textContent = importRecord.name;
    element("sandbox-speed").textContent =
        `host ${profile} · stage step ${stepMs} ms · latency ${latencyMs} ms` + (scenario === "default" ? "" : ` · scenario ${scenario}`);

    let toolbar: ReturnType<typeof wireToolbar> | null = null;
    const host = new ControlHost({
        ctor,
        frame: element("control-frame"),
        container: element("control-container"),
        ports,
        strings,
        importId: importRecord.importid,
        importName: importRecord.name,
        profile,
        pageSize,
        isNarrow: () => toolbar?.isNarrow() ?? document.body.classList.contains("narrow"),
        networkAvailable: () => !(toolbar?.isOffline() ?? false),
        report,
        loadDependency: library === "absent" || profile === "no-xrm" ? undefined : dependencyLoader(config.dependencies, { fail: library === "fail", report }),
        design: () => theme.design(),
        language,
    });
    theme.onChange = () => host.themeChanged();
    theme.wire(report);
    toolbar = wireToolbar({ fake, host, report, importId: importRecord.importid, scenario });

    const handle: SandboxHandle = {
        fake,
        host,
        config,
        theme,
        scenario,
        status: () => statusLine.textContent ?? "",
        completeImport: () => runStagesOnFake(fake, importRecord.importid),
    };
    (window as unknown as { sandbox: SandboxHandle }).sandbox = handle;

    await host.start();
    document.body.dataset.sandbox = "ready";
    report(
        `ImportMonitor is running against the in-browser Dataverse (${fake.importFiles(importRecord.importid).length} files)` +
            (scenario === "default" ? "." : `, scenario ${scenario}.`),
    );
}

main().catch((e: unknown) => {
    document.body.dataset.sandbox = "failed";
    const line = document.getElementById("sandbox-status");
    if (line) line.textContent = `The sandbox could not start: ${e instanceof Error ? e.message : String(e)}`;
    console.error(e);
});
