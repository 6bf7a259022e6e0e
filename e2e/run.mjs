#!/usr/bin/env node
/**
 * End-to-end tests of the shipped control in the sandbox:
 *
 *     npm run test:e2e                 # every e2e/*.e2e.mjs scenario
 *     node e2e/run.mjs preview         # only scenarios whose name contains "preview"
 *
 * Tests out/controls/ImportMonitor/bundle.js as built (CI builds it in production mode first); builds it
 * with `npm run build` only when it is missing or older than the sources. Starts the sandbox server on a
 * free port and Debian's Chromium (/usr/bin/chromium, or $CHROMIUM) with a fresh temporary profile, runs
 * the scenarios in sequence, writes a screenshot per scenario to e2e/screenshots/, and ends with the line
 * "N passed, M failed". Exits non-zero when a scenario failed; stops the server and the browser always.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT, runScenarios, startEnvironment } from "./harness.mjs";

const BUNDLE = join(ROOT, "out", "controls", "ImportMonitor", "bundle.js");

function newestSource(dir) {
    let newest = 0;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
        else newest = Math.max(newest, statSync(path).mtimeMs);
    }
    return newest;
}

/** Builds the control when bundle.js is missing; warns when it is older than the sources (not rebuilt: CI tests its production build). */
function ensureBundle() {
    if (!existsSync(BUNDLE)) {
        console.log("out/controls/ImportMonitor/bundle.js is missing: npm run build");
        const build = spawnSync("npm", ["run", "build"], { cwd: ROOT, stdio: "inherit" });
        if (build.status !== 0 || !existsSync(BUNDLE)) throw new Error("npm run build failed: the e2e tests need the built control.");
        return;
    }
    if (statSync(BUNDLE).mtimeMs < newestSource(join(ROOT, "ImportMonitor"))) {
        console.log("! bundle.js is older than ImportMonitor/: these tests run the last build (npm run build to test your changes).");
    }
}

async function loadScenarios(filter) {
    const dir = join(ROOT, "e2e");
    const files = readdirSync(dir)
        .filter((f) => f.endsWith(".e2e.mjs"))
        .sort();
    const all = [];
    for (const file of files) {
        const module = await import(pathToFileURL(join(dir, file)).href);
        for (const scenario of module.default) all.push({ ...scenario, file });
    }
    return filter ? all.filter((s) => s.name.toLowerCase().includes(filter.toLowerCase())) : all;
}

async function main() {
    const started = Date.now();
    const filter = process.argv[2];
    ensureBundle();
    const scenarios = await loadScenarios(filter);
    const env = await startEnvironment();
    let summary;
    try {
        const stat = statSync(BUNDLE);
        console.log(`ImportMonitor e2e: ${scenarios.length} scenarios against ${relative(ROOT, BUNDLE)} (${stat.size} bytes, built ${stat.mtime.toISOString()})`);
        console.log(`  sandbox ${env.origin}/ · Chromium ${env.context.browser()?.version() ?? ""}`);
        let file = "";
        summary = await runScenarios(env, scenarios, {
            log: (line) => console.log(line),
            onFile: (f) => {
                if (f !== file) console.log(f);
                file = f;
            },
        });
    } finally {
        await env.stop();
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (summary.skipped) {
        console.log(`${summary.skipped} skipped (the UI they need is not there yet): ${summary.results.filter((r) => r.status === "skipped").map((r) => r.name).join("; ")}`);
    }
    console.log(`Screenshots in e2e/screenshots/ · ${seconds} s`);
    console.log(`${summary.passed} passed, ${summary.failed} failed`);
    process.exitCode = summary.failed > 0 ? 1 : 0;
}

main().catch((e) => {
    console.error(e);
    console.log("0 passed, 1 failed");
    process.exitCode = 1;
});
