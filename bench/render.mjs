/**
 * Rendering in Chromium: bundles bench/render/ (hook.ts, then page.tsx with the real control, React's
 * profiling build, NODE_ENV=production) into bench/tmp/render/ and runs it in Debian's Chromium through
 * playwright-core (no browser download), one fresh page per file count. See page.tsx for what is measured.
 */
import { createRequire } from "node:module";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { bundleForBrowser } from "./lib/esbuild.mjs";
import { BENCH, ROOT, TMP } from "./lib/paths.mjs";
import { readStrings } from "./lib/resx.mjs";
import { median } from "./lib/stats.mjs";

const require = createRequire(join(ROOT, "package.json"));

export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
export const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];
export const VIEWPORT = { width: 1280, height: 800 };

export async function runRender({ quick = false, sizes = [10, 100, 1000] } = {}) {
    const outdir = join(TMP, "render");
    mkdirSync(outdir, { recursive: true });
    await bundleForBrowser({ hook: join(BENCH, "render", "hook.ts"), page: join(BENCH, "render", "page.tsx") }, outdir);
    const strings = JSON.stringify(readStrings()).replace(/</g, "\\u003c");
    writeFileSync(
        join(outdir, "index.html"),
        `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>ImportMonitor render bench</title></head>\n` +
            `<body><div id="root"></div>\n<script>window.benchStrings = ${strings};</script>\n<script src="hook.js"></script>\n<script src="page.js"></script>\n</body></html>\n`,
    );

    const { chromium } = require("playwright-core");
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    const results = { chromium: browser.version(), viewport: VIEWPORT, coldPages: quick ? 1 : 3, blockedRequests: [], sizes: [] };
    const openPage = async () => {
        const page = await browser.newPage({ viewport: VIEWPORT });
        const errors = [];
        page.on("pageerror", (e) => errors.push(e.stack ?? e.message));
        page.on("console", (m) => {
            // Blocked loads are listed in blockedRequests instead.
            if (m.type() === "error" && !/ERR_BLOCKED_BY_CLIENT/.test(m.text())) errors.push(m.text());
        });
        // Offline by design: anything not from bench/tmp/render (e.g. a web font) is blocked and listed.
        await page.route(/^https?:/, (route) => {
            if (!results.blockedRequests.includes(route.request().url())) results.blockedRequests.push(route.request().url());
            return route.abort("blockedbyclient");
        });
        await page.goto(pathToFileURL(join(outdir, "index.html")).href);
        return { page, errors };
    };
    const evaluate = async (n, options) => {
        const { page, errors } = await openPage();
        const result = await page.evaluate(([count, opts]) => window.bench.run(count, opts), [n, options]);
        await page.close();
        if (errors.length) throw new Error(`render bench, ${n} files: page errors:\n${errors.join("\n")}`);
        return result;
    };
    const mountOnly = { warmMounts: 0, pollReps: 0, overlay: false, mountOnly: true };
    try {
        // Two throwaway pages first, so every measured page finds the browser equally warm: V8 produces the
        // code cache of a script on its second load (an extra cost) and uses it from the third on.
        for (let i = 0; i < 2; i++) await evaluate(10, mountOnly);
        for (const n of sizes) {
            // A cold mount is one sample per page: take the median over a few fresh pages.
            const colds = [];
            for (let i = 1; i < results.coldPages; i++) colds.push((await evaluate(n, mountOnly)).cold);
            const result = await evaluate(n, { warmMounts: quick ? 2 : n >= 1000 ? 3 : 5, pollReps: quick ? 3 : 5, overlay: true });
            colds.push(result.mount.cold);
            result.mount.coldSamples = colds;
            result.mount.cold = Object.fromEntries(Object.keys(result.mount.cold).map((k) => [k, typeof result.mount.cold[k] === "number" ? median(colds.map((c) => c[k])) : result.mount.cold[k]]));
            results.sizes.push(result);
        }
    } finally {
        await browser.close();
    }
    return results;
}

/** Trace categories for the main thread's tasks (RunTask, with their thread time) and console.timeStamp marks. */
const TRACE_CATEGORIES = ["toplevel", "devtools.timeline", "disabled-by-default-devtools.timeline"];

/**
 * From a Chromium trace, per window the page marked (console.timeStamp "pr:<label>:start" / "pr:<label>:end", on
 * the renderer's main thread): the main thread's tasks that started in it, their thread (CPU) time summed, and the
 * longest one in wall and in thread time. A task = a RunTask event (everything the thread did in one go: script,
 * style, layout, paint).
 */
function traceWindows(trace) {
    const events = trace.traceEvents ?? trace;
    const marks = new Map();
    let thread = null;
    for (const e of events) {
        const message = e.name === "TimeStamp" ? e.args?.data?.message : null;
        const m = typeof message === "string" ? /^pr:(.+):(start|end)$/.exec(message) : null;
        if (!m) continue;
        thread = { pid: e.pid, tid: e.tid };
        const w = marks.get(m[1]) ?? {};
        w[m[2]] = e.ts;
        marks.set(m[1], w);
    }
    const tasks = thread ? events.filter((e) => e.name === "RunTask" && e.ph === "X" && e.pid === thread.pid && e.tid === thread.tid) : [];
    const out = {};
    for (const [label, w] of marks) {
        if (w.start === undefined || w.end === undefined) continue;
        // The task that emitted the start mark began before it: count tasks overlapping the window.
        const inWindow = tasks.filter((t) => t.ts + (t.dur ?? 0) >= w.start && t.ts <= w.end);
        out[label] = {
            windowMs: (w.end - w.start) / 1000,
            tasks: inWindow.length,
            cpuMs: inWindow.reduce((a, t) => a + (t.tdur ?? t.dur ?? 0), 0) / 1000,
            longestTaskMs: inWindow.reduce((a, t) => Math.max(a, t.dur ?? 0), 0) / 1000,
            longestTaskCpuMs: inWindow.reduce((a, t) => Math.max(a, t.tdur ?? 0), 0) / 1000,
        };
    }
    return out;
}

/** The median of each figure of several trace windows. */
function medianTrace(windows) {
    if (windows.length === 0) return null;
    return Object.fromEntries(Object.keys(windows[0]).map((k) => [k, median(windows.map((w) => w[k]))]));
}

/** The preview's cases (issue 14, part 3): headings × rows, and one field of 3 MB. */
export const PREVIEW_RENDER_CASES = [
    { label: "10 columns", columns: 10, rows: 20 },
    { label: "1,000 columns", columns: 1000, rows: 20 },
    { label: "50,000 columns", columns: 50000, rows: 20 },
    { label: "a 3 MB field", columns: 10, rows: 20, bigField: 3 * 2 ** 20 },
];

/**
 * The preview grid's render time and the longest main-thread task while a preview opens, in Chromium: bundles
 * bench/render/preview.tsx (see there) into bench/tmp/render/ and runs each case in a fresh page.
 */
export async function runPreviewRender({ quick = false, cases = PREVIEW_RENDER_CASES, open: measureOpen = true } = {}) {
    const outdir = join(TMP, "render");
    mkdirSync(outdir, { recursive: true });
    await bundleForBrowser({ preview: join(BENCH, "render", "preview.tsx") }, outdir);
    const strings = JSON.stringify(readStrings()).replace(/</g, "\\u003c");
    writeFileSync(
        join(outdir, "preview.html"),
        `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>ImportMonitor preview render bench</title></head>\n` +
            `<body><div id="root"></div>\n<script>window.benchStrings = ${strings};</script>\n<script src="preview.js"></script>\n</body></html>\n`,
    );
    const { chromium } = require("playwright-core");
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    const results = { chromium: browser.version(), viewport: VIEWPORT, width: 1200, goalMs: 100, blockedRequests: [], cases: [] };
    const inPage = async (fn, arg) => {
        const page = await browser.newPage({ viewport: VIEWPORT });
        const errors = [];
        page.on("pageerror", (e) => errors.push(e.stack ?? e.message));
        page.on("console", (m) => {
            if (m.type() === "error" && !/ERR_BLOCKED_BY_CLIENT/.test(m.text())) errors.push(m.text());
        });
        await page.route(/^https?:/, (route) => {
            if (!results.blockedRequests.includes(route.request().url())) results.blockedRequests.push(route.request().url());
            return route.abort("blockedbyclient");
        });
        await page.goto(pathToFileURL(join(outdir, "preview.html")).href);
        try {
            await browser.startTracing(page, { categories: TRACE_CATEGORIES });
            let trace;
            let result;
            try {
                result = await page.evaluate(([name, a]) => window.previewBench[name](a), [fn, arg]);
            } finally {
                trace = await browser.stopTracing();
            }
            if (errors.length) throw new Error(`preview render bench, ${fn} ${JSON.stringify(arg)}: page errors:\n${errors.join("\n")}`);
            return { result, windows: traceWindows(JSON.parse(trace.toString("utf8"))) };
        } finally {
            await page.close();
        }
    };
    try {
        // A throwaway page first (V8's code cache of the script is made on its second load).
        for (let i = 0; i < 2; i++) await inPage("grid", { columns: 3, rows: 2, warmMounts: 0 });
        for (const c of cases) {
            const spec = { columns: c.columns, rows: c.rows, ...(c.bigField ? { bigField: c.bigField } : {}) };
            // The first mount is one sample per page: the median over a few fresh pages.
            const firsts = [];
            let grid;
            for (let p = 0; p < (quick ? 1 : 3); p++) {
                const g = await inPage("grid", { ...spec, warmMounts: quick ? 1 : 3 });
                const withTrace = (label, m) => ({ ...m, trace: g.windows[label] ?? null });
                firsts.push(withTrace("first", g.result.first));
                if (p === 0) {
                    grid = {
                        dom: g.result.dom,
                        warm: { ...g.result.warm, trace: medianTrace(Object.keys(g.windows).filter((k) => k.startsWith("warm")).map((k) => g.windows[k])) },
                        update: withTrace("update", g.result.update),
                    };
                }
            }
            grid.firstSamples = firsts;
            grid.first = {
                wallMs: median(firsts.map((f) => f.wallMs)),
                frameMs: median(firsts.map((f) => f.frameMs)),
                renderMs: median(firsts.map((f) => f.renderMs)),
                longestTaskMs: Math.max(...firsts.map((f) => f.longestTaskMs)),
                trace: medianTrace(firsts.map((f) => f.trace).filter(Boolean)),
            };
            let open = null;
            if (measureOpen) {
                const samples = [];
                for (let p = 0; p < (quick ? 1 : 3); p++) {
                    const o = await inPage("open", spec);
                    samples.push({ ...o.result, trace: o.windows.open ?? null });
                }
                const med = (f) => median(samples.map(f));
                open = {
                    chars: samples[0].chars,
                    runs: samples.length,
                    gridMs: med((x) => x.gridMs),
                    scanDoneMs: med((x) => x.scanDoneMs),
                    longestTaskMs: med((x) => x.longestTaskMs),
                    longTasks: med((x) => x.longTasks),
                    longestCommitMs: med((x) => x.longestCommitMs),
                    reactMs: med((x) => x.reactMs),
                    commits: med((x) => x.commits),
                    domChars: samples[0].domChars,
                    domElements: samples[0].domElements,
                    trace: medianTrace(samples.map((x) => x.trace).filter(Boolean)),
                    samples,
                };
            }
            results.cases.push({ label: c.label, ...spec, grid, open });
        }
    } finally {
        await browser.close();
    }
    return results;
}
