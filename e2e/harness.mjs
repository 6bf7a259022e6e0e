/**
 * A tiny end-to-end harness: Debian's Chromium driven by playwright-core (no browser download), the
 * sandbox server in-process, scenarios run one after another, each on a fresh page, with a screenshot
 * each, console and page errors collected, and every request that would leave the sandbox blocked and
 * recorded (the sandbox is offline by design; a real host serves fonts and icons itself).
 */
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
export const ROOT = join(here, "..");
export const SCREENSHOTS = join(here, "screenshots");
export const DOWNLOADS = join(here, "downloads");

export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
];

/** Thrown by `t.skip()`: the scenario is reported as skipped, not failed. */
export class Skip extends Error {}

/** Fast stages for the tests; `npm start` keeps the realistic defaults (500 ms steps, 150 ms latency). */
export const FAST = { stepMs: "50", latencyMs: "20" };

/**
 * The sandbox's host profile these scenarios run in (`?host=`, see sandbox/page/host.ts): model-driven as
 * documented unless E2E_HOST says otherwise. run.mjs sets it per pass (`--hosts model-driven,strict`).
 */
export const HOST = process.env.E2E_HOST ?? "model-driven";

/** Polls `fn` until it returns a truthy value (returned) or throws after `timeout` ms with `message`. */
export async function eventually(fn, { timeout = 10000, interval = 100, message = "condition" } = {}) {
    const end = Date.now() + timeout;
    let last;
    for (;;) {
        try {
            const value = await fn();
            if (value) return value;
        } catch (e) {
            last = e;
        }
        if (Date.now() > end) {
            throw new Error(`Timed out after ${timeout} ms waiting for ${message}${last ? `: ${last.message}` : ""}`);
        }
        await new Promise((resolve) => setTimeout(resolve, interval));
    }
}

function slug(name) {
    return name
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^-|-$/g, "")
        .slice(0, 80);
}

/** Starts the sandbox server on a free port and the browser with a fresh temporary profile. */
export async function startEnvironment() {
    if (!existsSync(CHROMIUM)) {
        throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium) or set CHROMIUM.`);
    }
    const { startServer } = require("../sandbox/serve.js");
    const server = await startServer({ port: 0, quiet: true });
    const origin = `http://127.0.0.1:${server.port}`;
    const profile = mkdtempSync(join(tmpdir(), "importmonitor-e2e-"));
    let context;
    try {
        context = await chromium.launchPersistentContext(profile, {
            executablePath: CHROMIUM,
            headless: true,
            args: CHROMIUM_ARGS,
            viewport: { width: 1280, height: 800 },
            acceptDownloads: true,
            locale: "en-US",
            timezoneId: "UTC",
        });
    } catch (e) {
        await server.close();
        rmSync(profile, { recursive: true, force: true });
        throw e;
    }
    // The persistent context opens a blank page: close it, each scenario gets its own.
    for (const p of context.pages()) await p.close();
    const egress = [];
    await context.route(
        (url) => url.origin !== origin,
        (route) => {
            egress.push(route.request().url());
            return route.abort("blockedbyclient");
        },
    );
    return {
        server,
        origin,
        context,
        egress,
        async stop() {
            await context.close().catch(() => undefined);
            rmSync(profile, { recursive: true, force: true });
            await server.close().catch(() => undefined);
        },
    };
}

/**
 * Runs scenarios: { name, timeout?, allowErrors?, run(t) }. Returns { passed, failed, skipped, results }.
 */
export async function runScenarios(env, scenarios, { log = console.log, onFile } = {}) {
    mkdirSync(SCREENSHOTS, { recursive: true });
    mkdirSync(DOWNLOADS, { recursive: true });
    const results = [];
    for (const scenario of scenarios) {
        if (scenario.file) onFile?.(scenario.file);
        const started = Date.now();
        const page = await env.context.newPage();
        const consoleErrors = [];
        const pageErrors = [];
        const egressBefore = env.egress.length;
        page.on("console", (message) => {
            if (message.type() !== "error") return;
            const url = message.location()?.url ?? "";
            // Failed loads of blocked external resources are reported by the egress check instead.
            if (url && !url.startsWith(env.origin) && /Failed to load resource/.test(message.text())) return;
            consoleErrors.push(`${message.text()}${url ? ` (${url})` : ""}`);
        });
        page.on("pageerror", (error) => pageErrors.push(error.stack ?? error.message));

        const shotPath = join(SCREENSHOTS, `${HOST === "model-driven" ? "" : `${HOST}-`}${slug(scenario.name)}.png`);
        const t = {
            page,
            origin: env.origin,
            egress: () => env.egress.slice(egressBefore),
            errors: { console: consoleErrors, page: pageErrors },
            control: page.locator("#control-container"),
            eventually,
            skip(reason) {
                throw new Skip(reason);
            },
            /** Opens the sandbox (fast stages unless overridden) and waits for the control's three files. */
            async open(params = {}, { rows = 3 } = {}) {
                const query = new URLSearchParams({ ...FAST, host: HOST, ...params });
                await page.goto(`${env.origin}/?${query}`);
                await page.locator("body[data-sandbox=ready]").waitFor({ timeout: 15000 });
                if (rows > 0) {
                    await eventually(async () => (await t.grid().getByRole("row").count()) >= rows + 1, {
                        message: `${rows} file rows in the grid "Files of this import"`,
                    });
                }
                return page;
            },
            grid: () => page.getByRole("grid", { name: "Files of this import" }),
            /** The status line of the sandbox (e.g. "Would open importfile …"). */
            status: () => page.locator("#sandbox-status").innerText(),
            /** Evaluates `fn(window.sandbox, arg)` in the page. */
            sandbox: (fn, arg) => page.evaluate(([source, a]) => new Function("sandbox", "arg", `return (${source})(sandbox, arg);`)(window.sandbox, a), [fn.toString(), arg]),
            /** The button named `name` in the control, or a skip when the UI does not have it yet. */
            async requireButton(name, why) {
                const button = t.control.getByRole("button", { name });
                if ((await button.count()) === 0) throw new Skip(`${why}: the control has no button named ${String(name)} yet`);
                return button.first();
            },
            async screenshot(label = "") {
                const file = label ? shotPath.replace(/\.png$/, `-${slug(label)}.png`) : shotPath;
                await page.screenshot({ path: file, fullPage: false });
                return file;
            },
        };

        let status = "passed";
        let detail = "";
        let timer;
        try {
            const timeout = scenario.timeout ?? 60000;
            await Promise.race([
                scenario.run(t),
                new Promise((_resolve, reject) => {
                    timer = setTimeout(() => reject(new Error(`Scenario timed out after ${timeout} ms`)), timeout);
                }),
            ]);
            if (!scenario.allowErrors) {
                assert.deepEqual(pageErrors, [], "page errors");
                assert.deepEqual(consoleErrors, [], "console errors");
            }
        } catch (e) {
            if (e instanceof Skip) {
                status = "skipped";
                detail = e.message;
            } else {
                status = "failed";
                detail = e instanceof Error ? (e.stack ?? e.message) : String(e);
            }
        } finally {
            clearTimeout(timer);
        }
        await page.screenshot({ path: shotPath }).catch(() => undefined);
        await page.close().catch(() => undefined);
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        results.push({ name: scenario.name, status, detail, seconds });
        if (status === "passed") log(`  ✔ ${scenario.name} (${seconds} s)`);
        else if (status === "skipped") log(`  - ${scenario.name} — skipped: ${detail}`);
        else log(`  ✘ ${scenario.name} (${seconds} s)\n${detail.replace(/^/gm, "      ")}`);
    }
    const count = (s) => results.filter((r) => r.status === s).length;
    return { passed: count("passed"), failed: count("failed"), skipped: count("skipped"), results };
}

/**
 * Runs axe-core on the element `selector` matches and fails on serious or critical violations. Waits for
 * running animations first (Fluent fades rows and panels in: colours measured mid-animation fail contrast).
 */
export async function axeClean(page, selector) {
    if (!(await page.evaluate(() => Boolean(window.axe)))) {
        const { readFileSync } = require("node:fs");
        await page.addScriptTag({ content: readFileSync(join(ROOT, "node_modules", "axe-core", "axe.min.js"), "utf8") });
    }
    await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined))));
    const violations = await page.evaluate(async (sel) => {
        const r = await window.axe.run(document.querySelector(sel), { resultTypes: ["violations"] });
        return r.violations
            .filter((v) => v.impact === "serious" || v.impact === "critical")
            .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(" ")).slice(0, 5) }));
    }, selector);
    assert.deepEqual(violations, [], `serious or critical axe violations in ${selector}`);
}

/**
 * Waits until each file row of the grid shows all the texts given for it, e.g.
 * { "accounts.csv": ["17 succeeded", "5 failed"] } (the outcome of a whole import).
 */
export async function waitForFileRows(t, expected, timeout = 60000) {
    await t.eventually(
        async () => {
            for (const [file, texts] of Object.entries(expected)) {
                const row = await t.grid().getByRole("row").filter({ hasText: file }).first().innerText();
                if (!texts.every((text) => row.includes(text))) return false;
            }
            return true;
        },
        { timeout, interval: 250, message: `the outcome ${JSON.stringify(expected)} in the file rows` },
    );
}
