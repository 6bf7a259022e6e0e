/**
 * Hosts the shipped control the way a model-driven form does: the platform libraries under the global
 * names pcf-scripts compiled into bundle.js, `ComponentFramework.registerControl` to receive the
 * constructor when bundle.js runs, then init → updateView (render the returned element with ReactDOM)
 * → destroy (unmount). What updatedProperties say depends on the host profile (docs/platform-contract.md,
 * "Host profiles"): model-driven as documented sends none with the first population, `["dataset"]` for a
 * dataset change and `["layout"]` for a new allocated size; strict sends none ever; no-xrm (a canvas app, a
 * harness) sends canvas's `["dataset", "importFiles_dataset"]`.
 *
 * Sandbox code: the control never imports this.
 */
import type * as ReactTypes from "react";
import type * as ReactDOMTypes from "react-dom";
import type { DataversePorts } from "../../ImportMonitor/dataverse/platform";
import { createContext, type SandboxContext, type SandboxInputs } from "./context";
import { SandboxDataset } from "./dataset";
import type { SandboxLanguage } from "./language";

/** A platform library as the server describes it (see sandbox/serve.js). */
export interface PlatformLibrary {
    /** The manifest's platform-library name ("React", "ReactDOM", "Fluent"). */
    name: string;
    version: string;
    /** The global name bundle.js reads ("Reactv16"), from pcf-scripts' PlatformLibraryVersions.json. */
    alias: string;
    /** The global the UMD build defines ("React"). */
    umdGlobal: string;
    /** Where the server serves the UMD build from. */
    url: string;
    /** Whether the built bundle.js mentions the alias. */
    referencedByBundle: boolean;
}

export interface SandboxConfig {
    controlName: string;
    bundleUrl: string;
    resxUrl: string;
    /** The control's resx by LCID. */
    resxUrls: Record<string, string>;
    libraries: PlatformLibrary[];
    /** Per `<dependency name>` of the control, the scripts of the library control it names (serve.js). */
    dependencies: Record<string, string[]>;
}

type ReactControl = ComponentFramework.ReactControl<SandboxInputs, Record<string, never>>;
type ControlConstructor = new () => ReactControl;

type Globals = Record<string, unknown>;
const globals = window as unknown as Globals;

function loadScript(url: string): Promise<void> {
    return new Promise((resolve, reject) => {
        const script = document.createElement("script");
        script.src = url;
        script.async = false;
        script.onload = () => resolve();
        script.onerror = () => reject(new Error(`Could not load ${url}`));
        document.head.appendChild(script);
    });
}

/**
 * `context.utils.loadDependency` as a model-driven app gives it (docs/platform-contract.md, "Dependent library"):
 * loads the named library control's packaged_library scripts into the page, once, and resolves when they have run;
 * rejects for a name the app has no component for, or when a script fails to load. `fail` (?library=fail)
 * makes every load fail, as an unreachable or missing library would.
 */
export function dependencyLoader(dependencies: Record<string, string[]>, options: { fail: boolean; report: (line: string) => void }): (name: string) => Promise<unknown> {
    const loaded = new Map<string, Promise<void>>();
    return (name) => {
        const scripts = dependencies[name];
        if (!scripts || scripts.length === 0) return Promise.reject(new Error(`No component named ${name} in this app.`));
        if (options.fail) {
            options.report(`loadDependency("${name}") failed (?library=fail).`);
            return Promise.reject(new Error(`Could not load ${name} (sandbox ?library=fail).`));
        }
        let load = loaded.get(name);
        if (!load) {
            load = scripts.reduce((previous, url) => previous.then(() => loadScript(url)), Promise.resolve());
            load.catch(() => loaded.delete(name));
            loaded.set(name, load);
            options.report(`loadDependency("${name}"): loading ${scripts.join(", ")}`);
        }
        return load.then(() => undefined);
    };
}

/** Loads the UMD builds in order and exposes each under the alias bundle.js reads. */
export async function loadPlatformLibraries(libraries: readonly PlatformLibrary[]): Promise<void> {
    // Fluent registers its Segoe UI font faces from a public CDN unless told otherwise; the host app
    // serves its own fonts, the sandbox is offline: an empty base URL registers none (system fonts).
    globals.FabricConfig ??= { fontBaseUrl: "" };
    for (const lib of libraries) {
        await loadScript(lib.url);
        const value = globals[lib.umdGlobal];
        if (!value) throw new Error(`${lib.url} did not define window.${lib.umdGlobal}.`);
        globals[lib.alias] = value;
    }
}

/** Loads bundle.js and returns the constructor it registers, as the platform receives it. */
export async function loadControl(config: SandboxConfig): Promise<ControlConstructor> {
    let registered: ControlConstructor | null = null;
    globals.ComponentFramework = {
        registerControl(name: string, ctor: ControlConstructor) {
            if (name !== config.controlName) console.warn(`bundle.js registered '${name}', expected '${config.controlName}'.`);
            registered = ctor;
        },
    };
    await loadScript(config.bundleUrl);
    if (!registered) throw new Error(`${config.bundleUrl} did not call ComponentFramework.registerControl.`);
    return registered;
}

/** The hosts the sandbox can play (`?host=`). */
export type HostProfile = "model-driven" | "strict" | "no-xrm";
export const HOST_PROFILES: readonly HostProfile[] = ["model-driven", "strict", "no-xrm"];

/**
 * What makes the host call updateView: the first population, a dataset change, a new allocated size, a new
 * theme (the app's modern theme switched: assumed, see docs/research/theme.md; it adds no updatedProperties name,
 * none being documented for it).
 */
type Change = "first" | "dataset" | "layout" | "theme";

/** updatedProperties for a change, in a profile. */
export function updatedPropertiesFor(profile: HostProfile, changes: ReadonlySet<Change>): string[] {
    if (profile === "strict" || changes.has("first")) return [];
    const updated: string[] = [];
    if (changes.has("dataset")) updated.push(...(profile === "no-xrm" ? ["dataset", "importFiles_dataset"] : ["dataset"]));
    if (changes.has("layout")) updated.push("layout");
    return updated;
}

export interface HostOptions {
    ctor: ControlConstructor;
    profile: HostProfile;
    /** The form section the control gets: its size is the allocated size. */
    frame: HTMLElement;
    /** Where the control's element is rendered. */
    container: HTMLElement;
    ports: DataversePorts;
    strings: ReadonlyMap<string, string>;
    importId: string;
    importName: string;
    pageSize: number;
    isNarrow: () => boolean;
    networkAvailable: () => boolean;
    report: (line: string) => void;
    /** `context.utils.loadDependency`, or absent (see dependencyLoader). */
    loadDependency?: (name: string) => Promise<unknown>;
    /** `context.fluentDesignLanguage`: the app's modern theme, or undefined (classic look). */
    design?: () => ComponentFramework.FluentDesignState | undefined;
    /** The user's language (`?lang=`); English (1033) when absent. */
    language?: SandboxLanguage;
}

export class ControlHost {
    readonly missingStrings = new Set<string>();
    /** Calls of updateView, by updatedProperties, for the sandbox's display and the e2e tests. */
    updateViews = 0;
    dataset: SandboxDataset;

    private control: ReactControl | null = null;
    private tracking = false;
    private width = -1;
    private height = -1;
    private pending: Set<Change> | null = null;
    private readonly observer: ResizeObserver;

    constructor(private readonly options: HostOptions) {
        this.dataset = this.createDataset();
        this.observer = new ResizeObserver(() => this.measure());
        this.observer.observe(options.frame);
    }

    private get ReactDOM(): typeof ReactDOMTypes {
        return globals.ReactDOM as typeof ReactDOMTypes;
    }

    /**
     * init, a first updateView while the dataset is still loading, then the first population (no
     * updatedProperties, as model-driven forms send it).
     */
    async start(): Promise<void> {
        this.measure(false);
        const control = new this.options.ctor();
        this.control = control;
        this.dataset.loading = true;
        control.init(this.context([]), () => undefined, {});
        this.render([]);
        await this.dataset.load(1, true);
        this.render(updatedPropertiesFor(this.options.profile, new Set(["first"])));
    }

    /** A form reload: destroy, unmount, new dataset, new instance. */
    async restart(): Promise<void> {
        this.stop();
        this.dataset = this.createDataset();
        await this.start();
    }

    stop(): void {
        this.pending = null;
        if (this.control) {
            this.control.destroy();
            this.control = null;
        }
        this.ReactDOM.unmountComponentAtNode(this.options.container);
    }

    /** The app's theme changed: an updateView whose context carries the new fluentDesignLanguage. */
    themeChanged(): void {
        this.notify(["theme"]);
    }

    /** Batches notifications of one turn into one updateView, as the platform does. */
    notify(changes: Change[]): void {
        if (!this.control) return;
        if (this.pending) {
            changes.forEach((c) => this.pending!.add(c));
            return;
        }
        this.pending = new Set(changes);
        setTimeout(() => {
            const pending = this.pending;
            this.pending = null;
            if (pending && this.control) this.render(updatedPropertiesFor(this.options.profile, pending));
        }, 0);
    }

    private render(updated: string[]): void {
        if (!this.control) return;
        this.updateViews++;
        let element: ReactTypes.ReactElement;
        try {
            element = this.control.updateView(this.context(updated));
        } catch (e) {
            console.error("updateView threw:", e);
            throw e;
        }
        this.ReactDOM.render(element, this.options.container);
    }

    private context(updated: string[]): SandboxContext {
        return createContext(
            {
                dataset: this.dataset,
                ports: this.options.ports,
                strings: this.options.strings,
                importId: this.options.importId,
                importName: this.options.importName,
                profile: this.options.profile,
                allocatedWidth: this.tracking ? this.width : -1,
                allocatedHeight: this.tracking ? this.height : -1,
                narrow: this.options.isNarrow(),
                networkAvailable: this.options.networkAvailable,
                trackContainerResize: (value) => {
                    this.tracking = value;
                },
                requestRender: () => this.notify([]),
                report: this.options.report,
                loadDependency: this.options.loadDependency,
                fluentDesignLanguage: this.options.design?.(),
                language: this.options.language,
                missingString: (id) => this.missingStrings.add(id),
            },
            updated,
        );
    }

    /** The allocated size is the form section's content box; a change is a "layout" update. */
    private measure(announce = true): void {
        const frame = this.options.frame;
        const style = getComputedStyle(frame);
        const width = Math.floor(frame.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight));
        // The height below the section's title, where the control sits.
        const above = this.options.container.getBoundingClientRect().top - frame.getBoundingClientRect().top + frame.scrollTop;
        const height = Math.floor(frame.clientHeight - above - parseFloat(style.paddingBottom));
        if (width === this.width && height === this.height) return;
        this.width = width;
        this.height = height;
        if (announce && this.tracking) this.notify(["layout"]);
    }

    private createDataset(): SandboxDataset {
        return new SandboxDataset({
            webApi: this.options.ports.webApi,
            importId: this.options.importId,
            pageSize: this.options.pageSize,
            onChange: () => this.notify(["dataset"]),
            onOpen: (reference) => {
                const id = reference.id.guid;
                const name = reference.name || (this.dataset.records[id]?.getFormattedValue("name") ?? "");
                this.options.report(`Would open ${reference.etn ?? "record"} ${id}${name ? ` (${name})` : ""}`);
            },
        });
    }
}
