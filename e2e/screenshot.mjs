#!/usr/bin/env node
/**
 * Takes the README's screenshots of the sandbox at 1280×720 (wide layout):
 *
 * - docs/screenshot.png: the control listing the seeded import's three files after an import has run
 *   (contacts and accounts imported, leads failed on its delimiter).
 * - docs/screenshot-monitor.png: the form opened on an import the Import Data Wizard has run
 *   (`?scenario=completed-with-failures`), with no click: the import summary ("Completed with 19 failed rows in
 *   2 files", its facts and totals), the steppers' warnings and the failures logged per file and phase.
 *
 *     node e2e/screenshot.mjs                       # both, into docs/
 *     node e2e/screenshot.mjs output.png            # only the first, to output.png
 *     node e2e/screenshot.mjs --monitor [output.png] # only the second (default docs/screenshot-monitor.png)
 *
 * Needs out/controls/ImportMonitor/bundle.js (npm run build) and /usr/bin/chromium.
 */
import { join } from "node:path";
import { ROOT, eventually, startEnvironment } from "./harness.mjs";

const args = process.argv.slice(2);
const monitorOnly = args[0] === "--monitor";
const shots = monitorOnly
    ? { monitor: args[1] ?? join(ROOT, "docs", "screenshot-monitor.png") }
    : args[0]
      ? { list: args[0] }
      : { list: join(ROOT, "docs", "screenshot.png"), monitor: join(ROOT, "docs", "screenshot-monitor.png") };

/** Opens the sandbox (`query`) at 1280×720 and waits for the three file rows. */
async function open(env, query = "") {
    const page = await env.context.newPage();
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(`${env.origin}/${query}`);
    await page.locator("body[data-sandbox=ready]").waitFor({ timeout: 15000 });
    const grid = page.getByRole("grid", { name: "Files of this import" });
    await eventually(async () => (await grid.getByRole("row").count()) === 4, { message: "three file rows" });
    return { page, grid };
}

async function shoot(page, out) {
    await page.mouse.move(0, 719);
    await page.waitForTimeout(300);
    await page.screenshot({ path: out });
    console.log(`Wrote ${out}`);
}

const env = await startEnvironment();
try {
    if (shots.list) {
        const { page, grid } = await open(env);
        // Show an import that has run: contacts and accounts imported, leads failed on its delimiter.
        await page.evaluate(() => window.sandbox.completeImport());
        await page.getByRole("button", { name: "Refresh" }).click();
        await eventually(async () => (await grid.innerText()).includes("17 succeeded"), { timeout: 30000, message: "the outcome in the rows" });
        // The summary above the list follows the monitor's own read after the refresh (a moment after the rows).
        await eventually(async () => (await page.locator("[data-testid=import-summary][data-outcome=completedWithFailures]").count()) === 1, {
            timeout: 15000,
            message: "the import summary: completed with failures",
        });
        await page.evaluate(() => {
            document.getElementById("sandbox-status").textContent = "ImportMonitor is running against the in-browser Dataverse (3 files).";
        });
        await shoot(page, shots.list);
        await page.close();
    }
    if (shots.monitor) {
        const { page } = await open(env, "?scenario=completed-with-failures");
        // The monitor's own reads (jobs, files, importlog counts by phase) have answered: the summary is complete.
        const summary = page.locator("[data-testid=import-summary][data-outcome=completedWithFailures]");
        await eventually(async () => /failures logged/.test(await summary.innerText()) && (await page.locator("[data-testid=logged-count]").count()) === 2, {
            timeout: 15000,
            message: "the import summary with its failures logged, and the failures logged of accounts.csv and leads.csv",
        });
        await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined))));
        await shoot(page, shots.monitor);
        await page.close();
    }
} finally {
    await env.stop();
}
