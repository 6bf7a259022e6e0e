/**
 * Benchmark only: the preview's render cost in Chromium (issue 14, part 3: "rendering never blocks"), bundled by
 * bench/render.mjs (runPreviewRender) with React's profiling build. `window.previewBench`:
 *   - grid(spec): the preview grid alone (components/PreviewGrid.tsx) for a synthetic preview of `columns` headings
 *     and `rows` rows (optionally one field of `bigField` characters), with a quality bar under every heading and a
 *     few marked cells: the first mount (after a 3-column grid primed Fluent's styles), warm re-mounts, and the
 *     update when the check of every row ends (new findings' places);
 *   - open(spec): the real preview panel (PreviewPanel, its body from the CSV library bundled in) opened on such a
 *     file in the in-memory Dataverse, to the end of the check of every row: the longest main-thread task
 *     (PerformanceObserver "longtask", tasks of 50 ms or more) and when the grid and the scan's end showed.
 * Timings: wall = the synchronous ReactDOM.render (render, commit, layout effects); frame = to the next animation
 * frame after it (style, layout, paint); React = React.Profiler actualDuration summed (render phase).
 */
import * as React from "react";
import * as ReactDOM from "react-dom";
import "../../ImportMonitorCsv/library";
import { PreviewGrid } from "../../ImportMonitor/components/PreviewGrid";
import { PreviewPanel } from "../../ImportMonitor/components/PreviewPanel";
import { LocalizeContext } from "../../ImportMonitor/components/LocalizeContext";
import { registerImportMonitorIcons } from "../../ImportMonitor/components/icons";
import { CSV_LIBRARY_DEPENDENCY } from "../../ImportMonitor/dataverse/csvLibrary";
import { createImportService } from "../../ImportMonitor/dataverse/importService";
import type { CsvPreview, FindingPlace } from "../../ImportMonitor/domain/csv";
import type { ColumnQuality } from "../../ImportMonitor/domain/csv/valueChecks";
import type { ImportFileRow } from "../../ImportMonitor/domain/importFile";
import { createLocalize } from "../../ImportMonitor/strings/localize";
import { createFakeDataverse, makeImportFile, SEED_IMPORT_ID, stableGuid } from "../../sandbox/dataverse";

interface PageGlobals {
    benchStrings: Record<string, string>;
    previewBench?: unknown;
}
const page = window as unknown as PageGlobals;
const strings = page.benchStrings;
// As index.ts does: the host's number format (here one Intl.NumberFormat) and the language's plural rules.
const numbers = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const t = createLocalize((id) => strings[id] ?? id, { formatNumber: (n) => numbers.format(n), pluralRules: new Intl.PluralRules("en") });
registerImportMonitorIcons();

const WIDTH = 1200;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

// ---- Long tasks (50 ms or more) on the main thread, from the page's start.
interface LongTask {
    start: number;
    duration: number;
}
const longTasks: LongTask[] = [];
new PerformanceObserver((list) => {
    for (const e of list.getEntries()) longTasks.push({ start: e.startTime, duration: e.duration });
}).observe({ type: "longtask", buffered: true });

/** The longest task that overlapped [from, to], 0 when none was 50 ms or more. */
function longestTask(from: number, to: number): { longestTaskMs: number; longTasks: number } {
    const tasks = longTasks.filter((x) => x.start + x.duration >= from && x.start <= to);
    return { longestTaskMs: tasks.reduce((m, x) => Math.max(m, x.duration), 0), longTasks: tasks.length };
}

// ---- React.Profiler around what is rendered.
const profiled: number[] = [];
const commits = profiled;
const onRender: React.ProfilerOnRenderCallback = (_id, _phase, actualDuration) => {
    profiled.push(actualDuration);
};

function container(): HTMLDivElement {
    const div = document.createElement("div");
    div.style.width = `${WIDTH}px`;
    document.getElementById("root")!.appendChild(div);
    return div;
}

function renderInto(div: HTMLElement, element: React.ReactElement): void {
    ReactDOM.render(
        <React.Profiler id="preview" onRender={onRender}>
            <LocalizeContext.Provider value={t}>{element}</LocalizeContext.Provider>
        </React.Profiler>,
        div,
    );
}

export interface GridSpec {
    columns: number;
    rows: number;
    /** Characters of one field (row 1, column 2), e.g. 3 MB; absent: every field is short. */
    bigField?: number;
    warmMounts: number;
}

export interface Measure {
    wallMs: number;
    frameMs: number;
    renderMs: number;
    longestTaskMs: number;
    longTasks: number;
}

/**
 * Measures `action` (a render): its synchronous time, the time to the frame after it, React's render time and the
 * long tasks in it. `label` marks its start and end in a Chromium trace (console.timeStamp) when the runner traces:
 * bench/render.mjs then adds the main thread's CPU time from the trace (JS, style, layout, paint).
 */
async function measure(label: string, action: () => void): Promise<Measure> {
    const before = profiled.length;
    console.timeStamp(`pr:${label}:start`);
    const t0 = performance.now();
    action();
    const wallMs = performance.now() - t0;
    await nextFrame();
    const frameMs = performance.now() - t0;
    console.timeStamp(`pr:${label}:end`);
    // Long-task entries arrive after the task: give the observer a moment.
    await sleep(100);
    return { wallMs, frameMs, renderMs: sum(profiled.slice(before)), ...longestTask(t0, t0 + frameMs) };
}

function syntheticPreview(spec: Pick<GridSpec, "columns" | "rows" | "bigField">): CsvPreview {
    const headers = Array.from({ length: spec.columns }, (_, i) => ({ kind: "text" as const, columnNumber: i + 1, text: `Heading ${i + 1}` }));
    const big = spec.bigField ? "x".repeat(spec.bigField) : null;
    const rows = Array.from({ length: spec.rows }, (_, r) => ({
        line: r + 2,
        // Short values, and every fourth column an e-mail-like one (longer than a cell shows whole).
        fields: Array.from({ length: spec.columns }, (_, i) => (big && r === 0 && i === 1 ? big : i % 4 === 3 ? `someone.r${r + 1}c${i + 1}@contoso.example.com` : `r${r + 1}c${i + 1}`)),
    }));
    return { headers, headerIsSynthetic: false, rows, truncated: true, findings: [], charsParsed: 0 };
}

function syntheticQuality(columns: number, rows: number): ColumnQuality[] {
    return Array.from({ length: columns }, (_, i) => ({ column: i + 1, header: `Heading ${i + 1}`, target: null, checked: true, valid: rows - 1, error: 1, empty: 0 }));
}

async function grid(spec: GridSpec) {
    const preview = syntheticPreview(spec);
    const quality = syntheticQuality(spec.columns, spec.rows);
    const places: FindingPlace[] = [{ line: 3 }, { line: 4, column: 2 }];
    const grid = (p: readonly FindingPlace[]) => <PreviewGrid preview={preview} fileName="wide.csv" quality={quality} places={p} />;

    // Prime: a small grid first, so Fluent's styles and icons are registered (the panel is open already).
    const prime = container();
    renderInto(prime, <PreviewGrid preview={syntheticPreview({ columns: 3, rows: 2 })} fileName="prime.csv" />);
    await nextFrame();
    ReactDOM.unmountComponentAtNode(prime);
    prime.remove();
    await sleep(200);

    const mounts: Measure[] = [];
    let div = container();
    let dom = { cells: 0, headers: 0, chars: 0 };
    for (let i = 0; i <= spec.warmMounts; i++) {
        if (i > 0) {
            ReactDOM.unmountComponentAtNode(div);
            div.remove();
            div = container();
            await sleep(50);
        }
        mounts.push(await measure(i === 0 ? "first" : `warm${i}`, () => renderInto(div, grid(places))));
        if (i === 0) {
            dom = {
                cells: div.querySelectorAll('[role="gridcell"], [role="rowheader"]').length,
                headers: div.querySelectorAll('[role="columnheader"]').length,
                chars: div.textContent?.length ?? 0,
            };
        }
    }
    // The check of every row ended: its findings name other places.
    const scanPlaces: FindingPlace[] = [...places, { line: 5 }, { line: 6, column: 3 }];
    const update = await measure("update", () => renderInto(div, grid(scanPlaces)));
    ReactDOM.unmountComponentAtNode(div);
    div.remove();
    const warm = mounts.slice(1);
    const median = (xs: number[]) => {
        const s = [...xs].sort((a, b) => a - b);
        const m = s.length >> 1;
        return s.length === 0 ? NaN : s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
    };
    return {
        spec,
        dom,
        first: mounts[0],
        warm: {
            runs: warm.length,
            wallMs: median(warm.map((m) => m.wallMs)),
            frameMs: median(warm.map((m) => m.frameMs)),
            renderMs: median(warm.map((m) => m.renderMs)),
            longestTaskMs: Math.max(0, ...warm.map((m) => m.longestTaskMs)),
        },
        update,
    };
}

export interface OpenSpec {
    columns: number;
    rows: number;
    bigField?: number;
}

/** A CSV of `columns` headings (named like the contact table's columns for the first few) and `rows` rows. */
function wideCsv(spec: OpenSpec): string {
    const known = ["First Name", "Last Name", "Email", "Job Title", "Business Phone"];
    const header = Array.from({ length: spec.columns }, (_, i) => known[i] ?? `Heading ${i + 1}`);
    const big = spec.bigField ? "x".repeat(spec.bigField) : null;
    const lines = [header.join(",")];
    for (let r = 0; r < spec.rows; r++) lines.push(Array.from({ length: spec.columns }, (_, i) => (big && r === 0 && i === 1 ? big : String(i % 10))).join(","));
    return lines.join("\r\n") + "\r\n";
}

/** The in-memory Dataverse with the file, a service with the CSV library, the file's row and a container. */
function panelSetup(spec: OpenSpec) {
    const fake = createFakeDataverse({ latencyMs: 0 });
    const content = wideCsv(spec);
    const importfileid = stableGuid(`preview-render:${spec.columns}:${spec.bigField ?? 0}`);
    const sizeKb = Math.ceil(content.length / 1024);
    fake.insert(
        "importfile",
        makeImportFile({ importfileid, name: "wide.csv", _importid_value: SEED_IMPORT_ID, targetentityname: "contact", content }) as unknown as Record<string, unknown>,
    );
    const service = createImportService({
        ...fake.ports(),
        // The library is bundled in (imported above): its global is set already.
        loadDependency: (name: string) => (name === CSV_LIBRARY_DEPENDENCY ? Promise.resolve(undefined) : Promise.reject(new Error(`No dependency ${name}`))),
    });
    const file = { id: importfileid, name: "wide.csv", targetTable: "contact", sizeKb: String(sizeKb) } as ImportFileRow;
    const div = container();
    const App = ({ shown }: { shown: ImportFileRow | null }) => <PreviewPanel file={shown} service={service} onDismiss={() => undefined} />;
    return { fake, content, file, div, App };
}

/** Opens the panel on such a file and leaves it open (for a look or a check). */
function panel(spec: OpenSpec): void {
    const { file, div, App } = panelSetup(spec);
    renderInto(div, <App shown={file} />);
}

async function open(spec: OpenSpec) {
    const { fake, content, file, div, App } = panelSetup(spec);
    renderInto(div, <App shown={null} />);
    await nextFrame();
    await sleep(200);

    console.timeStamp("pr:open:start");
    const t0 = performance.now();
    const commitsBefore = commits.length;
    renderInto(div, <App shown={file} />);
    const openWallMs = performance.now() - t0;
    let gridMs = NaN;
    let scanDoneMs = NaN;
    const deadline = t0 + 120000;
    while (performance.now() < deadline) {
        const panel = document.querySelector('[role="dialog"]');
        if (Number.isNaN(gridMs) && panel?.querySelector('[role="grid"]')) gridMs = performance.now() - t0;
        if (panel && /Checked all|Check stopped|The check of every row stopped/.test(panel.textContent ?? "")) {
            scanDoneMs = performance.now() - t0;
            break;
        }
        await sleep(5);
    }
    await nextFrame();
    await sleep(300);
    const end = performance.now();
    console.timeStamp("pr:open:end");
    const panel = document.querySelector('[role="dialog"]');
    const result = {
        spec,
        chars: content.length,
        openWallMs,
        gridMs,
        scanDoneMs,
        ...longestTask(t0, end),
        longTaskList: longTasks.filter((x) => x.start + x.duration >= t0 && x.start <= end).map((x) => ({ atMs: x.start - t0, ms: x.duration })),
        // React's render phase of each commit while opening (the views' share of the main thread's work).
        commits: commits.length - commitsBefore,
        longestCommitMs: Math.max(0, ...commits.slice(commitsBefore)),
        reactMs: sum(commits.slice(commitsBefore)),
        domChars: panel?.textContent?.length ?? 0,
        domElements: panel?.querySelectorAll("*").length ?? 0,
    };
    ReactDOM.unmountComponentAtNode(div);
    div.remove();
    fake.dispose();
    return result;
}

/** Mounts a grid and leaves it on the page (for a look, a screenshot or a check of the sticky Line column). */
function show(spec: Pick<GridSpec, "columns" | "rows" | "bigField"> & { dir?: "ltr" | "rtl" }): void {
    document.documentElement.dir = spec.dir ?? "ltr";
    const preview = syntheticPreview(spec);
    renderInto(container(), <PreviewGrid preview={preview} fileName="wide.csv" quality={syntheticQuality(spec.columns, spec.rows)} places={[{ line: 3 }, { line: 4, column: 2 }]} />);
}

page.previewBench = { grid, open, show, panel };
