/**
 * Benchmark only: the render benchmark page (bundled by bench/render.mjs with esbuild, React's profiling
 * build, run in headless Chromium). Renders the real control with N files from the in-memory Dataverse
 * and measures, for `window.bench.run(n)`:
 *   - mount: ImportMonitor.init + updateView + ReactDOM.render of the element it returns (what the
 *     platform does with a virtual control), cold (first in a fresh page) and warm (median);
 *   - a dataset poll that changed nothing, and one that changed one file, through updateView exactly as
 *     index.ts does (rows through reuseUnchanged), and "raw": ImportMonitorApp re-rendered with freshly
 *     read rows and no reuseUnchanged;
 *   - the run's status overlay: the real ImportRunner inside the app polling the fake (Run all clicked,
 *     the fake's stage held still), a poll that changed nothing and one after one file changed.
 * Timings: wall time of the synchronous render call, to the next frame, and React.Profiler actualDuration
 * (render phase) summed over the commits until the page is quiet. Counts: see hook.ts (fibers) and the
 * FileProgressCell wrapper below (calls of the component function).
 */
import * as React from "react";
import * as ReactDOM from "react-dom";
import { DetailsRowBase } from "@fluentui/react";
import { buildLargeSeed, createFakeDataverse } from "../../sandbox/dataverse";
import type { FakeDataverse } from "../../sandbox/dataverse";
import { ImportMonitor } from "../../ImportMonitor/index";
import type { IInputs } from "../../ImportMonitor/generated/ManifestTypes";
import { ImportMonitorApp } from "../../ImportMonitor/components/ImportMonitorApp";
import type { ImportMonitorAppProps } from "../../ImportMonitor/components/ImportMonitorApp";
import { FileProgressCell } from "../../ImportMonitor/components/FileProgressCell";
import type { FileProgressCellProps } from "../../ImportMonitor/components/FileProgressCell";
import { createDatasetCommands, readDatasetState, readRows } from "../../ImportMonitor/dataverse/datasetFiles";
import { createImportService } from "../../ImportMonitor/dataverse/importService";
import { createLocalize } from "../../ImportMonitor/strings/localize";
import type { BenchHook } from "./hook";
import { datasetFromFake, fakeContext } from "./pcfFake";

interface PageGlobals {
    benchHook: BenchHook;
    benchStrings: Record<string, string>;
    Xrm?: unknown;
    bench?: unknown;
}
const page = window as unknown as PageGlobals;
const hook = page.benchHook;
const WIDTH = 1200;

// ---- FileProgressCell calls: the component function inside its React.memo, wrapped before the first render.
let progressCellCalls = 0;
const memo = FileProgressCell as unknown as { type: (props: FileProgressCellProps) => React.ReactElement };
const progressCellView = memo.type;
memo.type = function CountedFileProgressCell(props: FileProgressCellProps): React.ReactElement {
    progressCellCalls++;
    return progressCellView(props);
};
hook.targets = {
    fileRow: (fiber) => fiber.type === DetailsRowBase,
    progressCell: (fiber) => fiber.elementType === FileProgressCell,
};

// ---- React.Profiler around the whole control.
interface ProfilerCommit {
    phase: string;
    actualDuration: number;
    baseDuration: number;
}
const profiled: ProfilerCommit[] = [];
const onRender: React.ProfilerOnRenderCallback = (_id, phase, actualDuration, baseDuration) => {
    profiled.push({ phase, actualDuration, baseDuration });
};

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** Waits until no commit for `quietMs` (Fluent's List renders more pages 200 ms after it goes idle). */
async function settle(quietMs = 350, maxMs = 10000): Promise<void> {
    const start = performance.now();
    let seen = hook.commits.length;
    let lastChange = performance.now();
    while (performance.now() - lastChange < quietMs && performance.now() - start < maxMs) {
        await sleep(20);
        if (hook.commits.length !== seen) {
            seen = hook.commits.length;
            lastChange = performance.now();
        }
    }
}

export interface Measure {
    /** The synchronous call: updateView + ReactDOM.render (render and commit phases, layout effects). */
    wallMs: number;
    /** To the next animation frame after it (style, layout, paint of the result). */
    frameMs: number;
    /** To the last commit before the page went quiet (Fluent's List renders more pages after mount). */
    settledMs: number;
    /** React.Profiler actualDuration summed over the commits (render phase only). */
    renderMs: number;
    commits: number;
    /** Counted only when hook.counting: DetailsRow fibers that rendered (mounted or re-rendered). */
    rowRenders: number | null;
    progressCellRenders: number | null;
    compositeRenders: number | null;
    /** Calls of the FileProgressCell component function (memo bail-outs do not call it). */
    progressCellCalls: number;
    /** Counted only: "target.prop" → re-renders in which that prop had a new value (why rows re-rendered). */
    changedProps: Record<string, number> | null;
}

async function measure(counting: boolean, action: () => void, options: { waitFor?: () => boolean } = {}): Promise<Measure> {
    hook.counting = counting;
    const commitsBefore = hook.commits.length;
    const profiledBefore = profiled.length;
    const callsBefore = progressCellCalls;
    const t0 = performance.now();
    action();
    const wallMs = performance.now() - t0;
    await nextFrame();
    const frameMs = performance.now() - t0;
    if (options.waitFor) {
        const end = performance.now() + 15000;
        while (!options.waitFor() && performance.now() < end) await sleep(10);
    }
    await settle();
    const commits = hook.commits.slice(commitsBefore);
    hook.counting = false;
    const counted = (name: string) => (counting ? sum(commits.map((c) => c.rendered[name] ?? 0)) : null);
    return {
        wallMs,
        frameMs,
        settledMs: commits.length > 0 ? Math.max(wallMs, commits[commits.length - 1].at - t0) : wallMs,
        renderMs: sum(profiled.slice(profiledBefore).map((p) => p.actualDuration)),
        commits: commits.length,
        rowRenders: counted("fileRow"),
        progressCellRenders: counted("progressCell"),
        compositeRenders: counting ? sum(commits.map((c) => c.composites)) : null,
        progressCellCalls: progressCellCalls - callsBefore,
        changedProps: counting ? tally(commits.map((c) => c.changedProps)) : null,
    };
}

function tally(records: Record<string, number>[]): Record<string, number> {
    const out: Record<string, number> = {};
    for (const r of records) for (const [k, v] of Object.entries(r)) out[k] = (out[k] ?? 0) + v;
    return out;
}

/** One import of N files in the fake, and a container to render the control into. */
class Harness {
    public readonly dv: FakeDataverse;
    public readonly importId: string;
    public readonly fileIds: string[];
    private container: HTMLDivElement | null = null;

    public constructor(public readonly n: number) {
        const seed = buildLargeSeed({ fileCount: n });
        // The stage's job never moves on its own (steps 10^9 ms apart): polls change only what the bench changes.
        this.dv = createFakeDataverse({ seed, stepMs: 1e9, latencyMs: 0 });
        this.importId = seed.imports[0].importid;
        this.fileIds = seed.importFiles.map((f) => f.importfileid);
        // What a model-driven app gives a control besides its context: Xrm.WebApi.online.execute.
        page.Xrm = { WebApi: { online: { execute: this.dv.ports().execute } } };
    }

    public context(updatedProperties: string[]): ComponentFramework.Context<IInputs> {
        const dataset = datasetFromFake(this.dv, this.importId);
        return fakeContext({ dataset, importId: this.importId, width: WIDTH, strings: page.benchStrings, dv: this.dv, updatedProperties });
    }

    public render(element: React.ReactElement): void {
        if (!this.container) {
            this.container = document.createElement("div");
            this.container.style.width = `${WIDTH}px`;
            document.getElementById("root")!.appendChild(this.container);
        }
        ReactDOM.render(
            <React.Profiler id="ImportMonitor" onRender={onRender}>
                {element}
            </React.Profiler>,
            this.container,
        );
    }

    public unmount(): void {
        if (!this.container) return;
        ReactDOM.unmountComponentAtNode(this.container);
        this.container.remove();
        this.container = null;
    }

    public rowsInDom(): number {
        return this.container?.querySelectorAll('[data-testid^="progress-"]').length ?? 0;
    }

    public click(testId: string): void {
        const button = this.container?.querySelector<HTMLElement>(`[data-testid="${testId}"]`);
        if (!button) throw new Error(`No [data-testid="${testId}"] in the control.`);
        button.click();
    }
}

/** How a view gets its rows: through ImportMonitor (index.ts), or ImportMonitorApp with freshly read rows. */
interface Driver {
    prepareMount(): () => void;
    preparePoll(): () => void;
    unmount(): void;
}

function controlDriver(h: Harness): Driver {
    const control = new ImportMonitor();
    return {
        prepareMount() {
            const context = h.context([]);
            return () => {
                control.init(context, () => undefined, {});
                h.render(control.updateView(context));
            };
        },
        preparePoll() {
            const context = h.context(["dataset"]);
            return () => h.render(control.updateView(context));
        },
        unmount() {
            h.unmount();
            control.destroy();
        },
    };
}

/** Same values, same object: what a view would pass on if it kept its DatasetState while nothing in it changed. */
function keepWhileEqual<T>(): (next: T) => T {
    let previous: T | null = null;
    let previousJson = "";
    return (next) => {
        const json = JSON.stringify(next);
        if (previous !== null && json === previousJson) return previous;
        previous = next;
        previousJson = json;
        return next;
    };
}

/**
 * ImportMonitorApp re-rendered with freshly read rows (no reuseUnchanged before it). With `stableState`, the
 * DatasetState object is kept while its values do not change (readDatasetState builds a new one, with a new
 * sortableColumns array, on every read): the alternative measured beside index.ts.
 */
function rawDriver(h: Harness, stableState = false): Driver {
    const keep = keepWhileEqual<ReturnType<typeof readDatasetState>>();
    const strings = page.benchStrings;
    const localize = createLocalize((id) => strings[id] ?? id);
    const service = createImportService(h.dv.ports());
    let dataset = datasetFromFake(h.dv, h.importId);
    const commands = createDatasetCommands(() => dataset);
    const props = (): ImportMonitorAppProps => ({
        rows: readRows(dataset),
        dataset: stableState ? keep(readDatasetState(dataset, null, null)) : readDatasetState(dataset, null, null),
        commands,
        width: WIDTH,
        localize,
        service,
        importId: h.importId,
    });
    const prepare = () => {
        const next = datasetFromFake(h.dv, h.importId);
        return () => {
            dataset = next;
            h.render(<ImportMonitorApp {...props()} />);
        };
    };
    return { prepareMount: prepare, preparePoll: prepare, unmount: () => h.unmount() };
}

/** Status steps a file goes through: each "one file changed" poll moves the first file one step on. */
const STEPS: [number, number][] = [
    [2, 1],
    [3, 1],
    [4, 2],
    [5, 2],
    [6, 2],
    [7, 2],
    [12, 2],
    [8, 2],
    [9, 3],
    [10, 3],
    [11, 4],
];

function median(values: number[]): number {
    const s = [...values].sort((a, b) => a - b);
    const m = s.length >> 1;
    return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

interface Summary {
    runs: number;
    wallMs: number;
    frameMs: number;
    settledMs: number;
    renderMs: number;
    commits: number;
}

function summarize(samples: Measure[]): Summary {
    return {
        runs: samples.length,
        wallMs: median(samples.map((s) => s.wallMs)),
        frameMs: median(samples.map((s) => s.frameMs)),
        settledMs: median(samples.map((s) => s.settledMs)),
        renderMs: median(samples.map((s) => s.renderMs)),
        commits: median(samples.map((s) => s.commits)),
    };
}

interface PollResult {
    timing: Summary;
    counted: Measure;
}

async function polls(h: Harness, driver: Driver, reps: number, step: { i: number }): Promise<{ unchanged: PollResult; oneChanged: PollResult }> {
    const unchanged: Measure[] = [];
    for (let r = 0; r <= reps; r++) unchanged.push(await measure(r === reps, driver.preparePoll()));
    const oneChanged: Measure[] = [];
    for (let r = 0; r <= reps; r++) {
        const [processingstatus, statuscode] = STEPS[step.i++ % STEPS.length];
        h.dv.update("importfile", h.fileIds[0], { processingstatus, statuscode });
        oneChanged.push(await measure(r === reps, driver.preparePoll()));
    }
    return {
        unchanged: { timing: summarize(unchanged.slice(0, reps)), counted: unchanged[reps] },
        oneChanged: { timing: summarize(oneChanged.slice(0, reps)), counted: oneChanged[reps] },
    };
}

async function runnerPolls(n: number): Promise<{ unchanged: Measure; oneChanged: Measure; unchangedAfter: Measure; requestsPerPoll: Record<string, number>[] }> {
    const h = new Harness(n);
    const driver = controlDriver(h);
    driver.prepareMount()();
    await settle();
    const execute = h.dv.requests.mark();
    h.click("command-runAll");
    const started = performance.now();
    while (h.dv.requests.count("execute", execute) === 0 && performance.now() - started < 5000) await sleep(5);
    await settle();
    const requestsPerPoll: Record<string, number>[] = [];
    const nextPoll = async (): Promise<Measure> => {
        const mark = h.dv.requests.mark();
        // Wait for the runner's tick (1 s, then 1.5 s, …): the measured window opens just before it.
        const m = await measure(true, () => undefined, { waitFor: () => h.dv.requests.count("retrieve", mark) > 0 });
        requestsPerPoll.push(h.dv.requests.summary(mark));
        return m;
    };
    const unchanged = await nextPoll();
    h.dv.update("importfile", h.fileIds[0], { processingstatus: 2, statuscode: 1 });
    const oneChanged = await nextPoll();
    const unchangedAfter = await nextPoll();
    driver.unmount();
    h.dv.dispose();
    return { unchanged, oneChanged, unchangedAfter, requestsPerPoll };
}

async function run(n: number, options: { warmMounts: number; pollReps: number; overlay: boolean; mountOnly?: boolean }) {
    if (hook.errors.length) throw new Error(hook.errors.join("\n"));
    const h = new Harness(n);
    // Cold: the first mount in this page (Fluent's styles and icons registered, JIT cold).
    let driver = controlDriver(h);
    const cold = await measure(false, driver.prepareMount());
    driver.unmount();
    if (options.mountOnly) {
        h.dv.dispose();
        return { n, cold };
    }
    const warm: Measure[] = [];
    for (let r = 0; r < options.warmMounts; r++) {
        driver = controlDriver(h);
        warm.push(await measure(false, driver.prepareMount()));
        if (r < options.warmMounts - 1) driver.unmount();
    }
    const rowsInDom = h.rowsInDom();
    const step = { i: 0 };
    const viaUpdateView = await polls(h, driver, options.pollReps, step);
    driver.unmount();

    const raw = rawDriver(h);
    await measure(false, raw.prepareMount());
    const viaRawRows = await polls(h, raw, options.pollReps, step);
    raw.unmount();

    const stable = rawDriver(h, true);
    await measure(false, stable.prepareMount());
    const viaStableState = await polls(h, stable, options.pollReps, step);
    stable.unmount();
    h.dv.dispose();

    const overlay = options.overlay ? await runnerPolls(n) : null;
    if (profiled.length === 0) throw new Error("React.Profiler reported no commit: the profiling build of react-dom is not in use.");
    return { n, rowsInDom, mount: { cold, warm: summarize(warm) }, viaUpdateView, viaRawRows, viaStableState, overlay, hookErrors: hook.errors.slice() };
}

page.bench = { run };
