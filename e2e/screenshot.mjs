#!/usr/bin/env node
/**
 * Takes the README's screenshots of the sandbox at 1280×720 (wide layout):
 *
 * - docs/screenshot.png: the control listing the seeded import's three files after an import has run
 *   (contacts and accounts imported, leads failed on its delimiter).
 * - docs/screenshot-monitor.png: the form opened on an import the Import Data Wizard has run
 *   (`?scenario=completed-with-failures`), with no click: the import summary ("Completed with 19 failed rows in
 *   2 files", its facts and totals), the steppers' warnings and the failures logged per file and phase.
 * - docs/screenshot-add-files.png: "Add files" on a new import with no file yet (`?scenario=empty`): a
 *   semicolon-delimited contacts.csv chosen, before anything is sent: how it was read (UTF-8, the delimiter
 *   guessed), its settings (target table Contact from its name, the system map, semicolon) and its preview
 *   (first rows, checks, column mapping).
 *
 *     node e2e/screenshot.mjs                          # all three, into docs/
 *     node e2e/screenshot.mjs output.png               # only the first, to output.png
 *     node e2e/screenshot.mjs --monitor [output.png]   # only the second (default docs/screenshot-monitor.png)
 *     node e2e/screenshot.mjs --add-files [output.png] # only the third (default docs/screenshot-add-files.png)
 *
 * Needs out/controls/ImportMonitor/bundle.js (npm run build) and /usr/bin/chromium.
 */
import { join } from "node:path";
import { ROOT, eventually, startEnvironment } from "./harness.mjs";

const args = process.argv.slice(2);
const DEFAULTS = {
    list: join(ROOT, "docs", "screenshot.png"),
    monitor: join(ROOT, "docs", "screenshot-monitor.png"),
    addFiles: join(ROOT, "docs", "screenshot-add-files.png"),
};
const shots =
    args[0] === "--monitor"
        ? { monitor: args[1] ?? DEFAULTS.monitor }
        : args[0] === "--add-files"
          ? { addFiles: args[1] ?? DEFAULTS.addFiles }
          : args[0]
            ? { list: args[0] }
            : DEFAULTS;

/** Opens the sandbox (`query`) at 1280×720 and waits for the three file rows (`rows`). */
async function open(env, query = "", rows = 3) {
    const page = await env.context.newPage();
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(`${env.origin}/${query}`);
    await page.locator("body[data-sandbox=ready]").waitFor({ timeout: 15000 });
    const grid = page.getByRole("grid", { name: "Files of this import" });
    if (rows > 0) await eventually(async () => (await grid.getByRole("row").count()) === rows + 1, { message: `${rows} file rows` });
    return { page, grid };
}

/** A small contacts.csv as Excel writes it where the list separator is a semicolon (headings: contact's display names). */
const ADD_FILES_CSV = [
    "First Name;Last Name;Email;Business Phone;Job Title;Address 1: City",
    "Zoë;Ågren;zoe.agren@contoso.com;+46 8 555 0100;Purchasing Manager;Stockholm",
    "Renée;Lefèvre;renee.lefevre@fabrikam.com;+33 1 55 55 01 01;Sales Director;Lyon",
    "Seán;O'Brien;sean.obrien@litware.com;+353 1 555 0102;IT Administrator;Dublin",
    "José;Müller;jose.muller@cohowinery.com;+49 30 5550103;Operations Lead;Berlin",
    "Aiko;Tanaka;aiko.tanaka@tailspintoys.com;+81 3 5555 0104;Office Manager;Osaka",
    "Daniel;Fischer;daniel.fischer@adventure-works.com;+1 425 555 0105;Project Manager;Bothell",
].join("\r\n");

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
    if (shots.addFiles) {
        const { page } = await open(env, "?scenario=empty", 0);
        await page.getByText("No files in this import yet").waitFor({ timeout: 15000 });
        // What the Add files command's file chooser gives (the command itself opens the browser's dialog).
        await page.locator('[data-testid="add-files-input"]').setInputFiles([{ name: "contacts.csv", mimeType: "text/csv", buffer: Buffer.from(`${ADD_FILES_CSV}\r\n`, "utf8") }]);
        const dialog = page.getByRole("dialog", { name: "Add files to this import" });
        await dialog.waitFor({ state: "attached", timeout: 10000 });
        // Read, its table preselected from the list of importable tables, checked to the end, its columns mapped.
        await eventually(
            async () => {
                const text = await dialog.innerText();
                return (
                    text.includes("contacts.csv: ready to add") &&
                    text.includes("No problems found in the file.") &&
                    text.includes("Address 1: City: maps to") &&
                    (await dialog.getByRole("combobox", { name: /^Target table/ }).inputValue()) === "Contact (contact)"
                );
            },
            { timeout: 15000, message: "contacts.csv ready to add, checked, its table and mapping shown" },
        );
        await page.evaluate(() => {
            document.getElementById("sandbox-status").textContent = "ImportMonitor is running against the in-browser Dataverse: a new import with no file yet.";
        });
        await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined))));
        await shoot(page, shots.addFiles);
        await page.close();
    }
} finally {
    await env.stop();
}
