#!/usr/bin/env node
/**
 * Takes docs/screenshot.png: the sandbox at 1280×720 with the control listing the seeded import's three
 * files (wide layout), contacts.csv mid-import so the stepper shows progress.
 *
 *     node e2e/screenshot.mjs [output.png]
 *
 * Needs out/controls/ImportMonitor/bundle.js (npm run build) and /usr/bin/chromium.
 */
import { join } from "node:path";
import { ROOT, eventually, startEnvironment } from "./harness.mjs";

const out = process.argv[2] ?? join(ROOT, "docs", "screenshot.png");
const env = await startEnvironment();
try {
    const page = await env.context.newPage();
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(`${env.origin}/`);
    await page.locator("body[data-sandbox=ready]").waitFor({ timeout: 15000 });
    const grid = page.getByRole("grid", { name: "Files of this import" });
    await eventually(async () => (await grid.getByRole("row").count()) === 4, { message: "three file rows" });
    // Show an import that has run: contacts and accounts imported, leads failed on its delimiter.
    await page.evaluate(() => window.sandbox.completeImport());
    await page.getByRole("button", { name: "Refresh" }).click();
    await eventually(async () => (await grid.innerText()).includes("17 succeeded"), { timeout: 30000, message: "the outcome in the rows" });
    await page.evaluate(() => {
        document.getElementById("sandbox-status").textContent = "ImportMonitor is running against the in-browser Dataverse (3 files).";
    });
    await page.mouse.move(0, 719);
    await page.waitForTimeout(300);
    await page.screenshot({ path: out });
    console.log(`Wrote ${out}`);
} finally {
    await env.stop();
}
