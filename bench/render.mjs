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
