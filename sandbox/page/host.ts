/**
 * Hosts the shipped control the way a model-driven form does: the platform libraries under the global
 * names pcf-scripts compiled into bundle.js, `ComponentFramework.registerControl` to receive the
 * constructor when bundle.js runs, then init → updateView (render the returned element with ReactDOM)
 * → destroy (unmount). The dataset pushes its changes as `updatedProperties: ["importFiles"]`, a change
 * of the allocated size as `["layout"]`.
 *
 * Sandbox code: the control never imports this.
 */
import type * as ReactTypes from "react";
import type * as ReactDOMTypes from "react-dom";
import type { DataversePorts } from "../../ImportMonitor/dataverse/platform";
import { createContext, type SandboxContext, type SandboxInputs } from "./context";
import { SandboxDataset } from "./dataset";

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
    libraries: PlatformLibrary[];
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

export interface HostOptions {
    ctor: ControlConstructor;
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
    private pending: Set<string> | null = null;
    private readonly observer: ResizeObserver;

    constructor(private readonly options: HostOptions) {
        this.dataset = this.createDataset();
        this.observer = new ResizeObserver(() => this.measure());
        this.observer.observe(options.frame);
    }

    private get ReactDOM(): typeof ReactDOMTypes {
        return globals.ReactDOM as typeof ReactDOMTypes;
    }

    /** Reads the first page (as the platform does before init), then init and the first updateView. */
    async start(): Promise<void> {
        await this.dataset.load(1, true);
        this.measure(false);
        const control = new this.options.ctor();
        this.control = control;
        control.init(this.context([]), () => undefined, {});
        this.render(["importFiles", "layout"]);
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

    /** Batches notifications of one turn into one updateView, as the platform does. */
    notify(properties: string[]): void {
        if (!this.control) return;
        if (this.pending) {
            properties.forEach((p) => this.pending!.add(p));
            return;
        }
        this.pending = new Set(properties);
        setTimeout(() => {
            const updated = this.pending;
            this.pending = null;
            if (updated && this.control) this.render([...updated]);
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
                allocatedWidth: this.tracking ? this.width : -1,
                allocatedHeight: this.tracking ? this.height : -1,
                narrow: this.options.isNarrow(),
                networkAvailable: this.options.networkAvailable,
                trackContainerResize: (value) => {
                    this.tracking = value;
                },
                requestRender: () => this.notify([]),
                report: this.options.report,
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
            onChange: () => this.notify(["importFiles"]),
            onOpen: (reference) => {
                const id = reference.id.guid;
                const name = reference.name || (this.dataset.records[id]?.getFormattedValue("name") ?? "");
                this.options.report(`Would open ${reference.etn ?? "record"} ${id}${name ? ` (${name})` : ""}`);
            },
        });
    }
}
