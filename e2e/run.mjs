#!/usr/bin/env node
/**
 * End-to-end tests of the shipped control in the sandbox:
 *
 *     npm run test:e2e                 # every e2e/*.e2e.mjs scenario, in the model-driven and strict host profiles
 *     node e2e/run.mjs preview         # only scenarios whose name contains "preview"
 *     node e2e/run.mjs --hosts no-xrm  # in other host profiles (model-driven, strict, no-xrm; see sandbox/page/host.ts)
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

/** The CI passes: the main flows in the model-driven profile as documented, and in the strict one. */
const DEFAULT_HOSTS = ["model-driven", "strict"];

/** Runs this script once per host profile (a child each, E2E_HOST set); exits non-zero if any pass failed. */
function runPerHost(hosts, filter) {
    let failed = false;
    for (const host of hosts) {
        console.log(`\n== host profile: ${host}`);
        const child = spawnSync(process.execPath, [process.argv[1], ...(filter ? [filter] : [])], {
            cwd: ROOT,
            stdio: "inherit",
            env: { ...process.env, E2E_HOST: host },
        });
        if (child.status !== 0) failed = true;
    }
    console.log(`\nhost profiles: ${hosts.join(", ")}: ${failed ? "FAILED" : "all passed"}`);
    process.exitCode = failed ? 1 : 0;
}

async function main() {
    const args = process.argv.slice(2);
    const hostsAt = args.indexOf("--hosts");
    const hosts = hostsAt >= 0 ? (args.splice(hostsAt, 2)[1] ?? "").split(",").filter(Boolean) : DEFAULT_HOSTS;
    const filter = args[0];
    if (!process.env.E2E_HOST) {
        ensureBundle();
        runPerHost(hosts, filter);
        return;
    }
    const started = Date.now();
    ensureBundle();
    const scenarios = await loadScenarios(filter);
    const env = await startEnvironment();
    let summary;
    try {
        const stat = statSync(BUNDLE);
        console.log(`ImportMonitor e2e (host profile ${process.env.E2E_HOST}): ${scenarios.length} scenarios against ${relative(ROOT, BUNDLE)} (${stat.size} bytes, built ${stat.mtime.toISOString()})`);
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
