/**
 * The control as it ships today: loads cleanly, lists the seeded import's files, opens a file by mouse
 * and keyboard, refreshes, collapses at phone width, passes axe, and bundle.js carries no sandbox code.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./harness.mjs";
import { focusStart, keyboardTo } from "./keyboard.mjs";

const FILES = ["contacts.csv", "accounts.csv", "leads.csv"];
const CONTACTS_ID = "a3f08d6e-1c47-4b29-9e5a-6f2d8c0b7e14";
const SANDBOX_ONLY = ["Would open", "fake-dataverse", "createFakeDataverse", "ImportMonitor sandbox", "SandboxDataset"];

export default [
    {
        name: "the page loads with no console error, page error or external request",
        async run(t) {
            // Fluent reports an icon it is asked for but does not know ("The icon \"sortup\" was used but not
            // registered") or one registered twice with console.warn, which the harness does not collect.
            const iconWarnings = [];
            t.page.on("console", (message) => {
                if (message.type() === "warning" && /\bicons?\b/i.test(message.text())) iconWarnings.push(message.text());
            });
            await t.open();
            // Let the control's first refresh (the columns it adds) settle.
            await t.eventually(async () => (await t.control.locator("[data-testid=import-monitor]").count()) === 1, { message: "the control root" });
            await t.page.waitForTimeout(1000);
            const missing = await t.sandbox((s) => [...s.host.missingStrings]);
            assert.deepEqual(missing, [], "strings the control asked for that the resx lacks");
            assert.deepEqual(t.errors.page, [], "page errors");
            assert.deepEqual(t.errors.console, [], "console errors");
            assert.deepEqual([...new Set(t.egress())], [], "requests leaving the sandbox (blocked) on load");

            // Sorting makes Fluent's DetailsColumn draw its sort arrow (icon SortUp / SortDown) from Fluent's icon
            // font (on a CDN) where the host initialised Fluent's icons, as the platform library does: the control
            // hides it and shows its own inline svg arrow instead. The "name" column is labelled "File".
            const header = t.grid().locator('[role=columnheader][data-item-key="name"]');
            for (const [order, icon] of [
                ["ascending", "ImportMonitorSortUp"],
                ["descending", "ImportMonitorSortDown"],
            ]) {
                await header.getByRole("button").click();
                await t.eventually(async () => (await header.getAttribute("aria-sort")) === order, { message: `the name column sorted ${order}` });
                const arrow = header.locator(`i[data-icon-name="${icon}"]`);
                await arrow.waitFor({ timeout: 5000 });
                assert.equal(await arrow.locator("svg").count(), 1, `the ${icon} arrow of the sorted column is an inline <svg>, not an (empty) glyph of Fluent's icon font`);
            }
            // Fluent reports icons registered twice 2 s after the registration: wait past that.
            await t.page.waitForTimeout(1500);
            assert.deepEqual(t.errors.page, [], "page errors");
            assert.deepEqual(t.errors.console, [], "console errors");
            assert.deepEqual(iconWarnings, [], "console warnings about icons (an icon Fluent's widgets ask for is missing from components/icons.tsx, or one was registered twice)");
            const egress = [...new Set(t.egress())];
            assert.deepEqual(
                egress,
                [],
                "requests leaving the sandbox (blocked). The MDL2 icon font (res.cdn.office.net …/fabric-icons-*.woff) means a Fluent component shows one of its default icons (e.g. a MessageBar's: give it messageBarIconProps with an icon of components/icons.tsx; a DetailsList's sort arrows: registered by registerImportMonitorIcons), which the control's inline SVG icons are meant to avoid",
            );
        },
    },
    {
        name: "the three files are listed, each with its processing steps",
        async run(t) {
            await t.open();
            const grid = t.grid();
            for (const file of FILES) {
                await grid.getByRole("row").filter({ hasText: file }).first().waitFor();
                const steps = t.control.getByRole("list", { name: `Processing steps of ${file}` });
                assert.equal(await steps.count(), 1, `stepper of ${file}`);
                assert.ok((await steps.getByRole("listitem").count()) >= 4, `the stages of ${file}`);
            }
            assert.equal(await grid.getByRole("row").count(), FILES.length + 1, "header row + one row per file");
            await t.screenshot();
        },
    },
    {
        name: "once shown, the rows stay where they are while the import's status arrives (no click lands on a moved row)",
        async run(t) {
            // Sampled in the page on every frame from the first row until the import's summary is in.
            await t.page.addInitScript(() => {
                const seen = [];
                window.__rowTops = seen;
                const sample = () => {
                    const button = document.querySelector('#control-container button[aria-label^="Preview"]');
                    if (button) seen.push(Math.round(button.getBoundingClientRect().top));
                    if (!document.querySelector("[data-testid=import-outcome]") || seen.length < 5) requestAnimationFrame(sample);
                };
                requestAnimationFrame(sample);
            });
            await t.open();
            await t.control.getByTestId("import-outcome").waitFor({ timeout: 15000 });
            await t.page.waitForTimeout(300);
            const tops = await t.page.evaluate(() => [...new Set(window.__rowTops)]);
            assert.equal(tops.length, 1, `the first row's Preview button stayed at one height (it was at ${tops.join(", ")} px)`);
        },
    },
    {
        name: "clicking a file name opens the record",
        async run(t) {
            await t.open();
            await t.control.getByRole("button", { name: "Open contacts.csv" }).click();
            await t.eventually(async () => (await t.status()) === `Would open importfile ${CONTACTS_ID} (contacts.csv)`, {
                message: "the sandbox's 'Would open importfile …' line",
            });
        },
    },
    {
        name: "a file opens by keyboard: Tab to the list, arrows to its button, Enter",
        async run(t) {
            await t.open();
            await focusStart(t.page);
            await keyboardTo(t.page, "Open contacts.csv", { rowText: "contacts.csv" });
            await t.page.keyboard.press("Enter");
            await t.eventually(async () => (await t.status()) === `Would open importfile ${CONTACTS_ID} (contacts.csv)`, {
                message: "the sandbox's 'Would open importfile …' line",
            });
            await t.screenshot();
        },
    },
    {
        name: "Refresh re-reads the dataset and shows what changed",
        async run(t) {
            await t.open();
            // Once the list has loaded, the control reads the import itself (to follow a run in progress, whoever
            // started it): let that read answer first, so the change below happens behind the control's back.
            // Made during that read, the change is seen by it and followed (Refresh is then disabled).
            await t.eventually(async () => /Status reason: Submitted/.test(await t.control.locator("[data-testid=import-summary]").innerText()), {
                message: "the control's own first read of the import (the summary's \"Status reason: Submitted\")",
            });
            const before = await t.sandbox((s) => s.host.dataset.loads);
            // Dataverse moves on behind the control's back: contacts.csv is being parsed.
            await t.sandbox((s, id) => s.fake.update("importfile", id, { processingstatus: 2, statuscode: 1 }), CONTACTS_ID);
            const row = t.grid().getByRole("row").filter({ hasText: "contacts.csv" });
            assert.ok(!(await row.innerText()).includes("Parsing"), "the change is not shown before Refresh");
            await t.control.getByRole("button", { name: "Refresh" }).click();
            await t.eventually(async () => (await row.innerText()).includes("Parsing"), { message: "contacts.csv shown as Parsing" });
            assert.ok((await t.sandbox((s) => s.host.dataset.loads)) > before, "the dataset was read again");
            const current = t.control.getByRole("list", { name: "Processing steps of contacts.csv" }).locator('[aria-current="step"]');
            assert.match((await current.getAttribute("aria-label")) ?? "", /^Parse\b/, "Parse is the current step");
        },
    },
    {
        name: "phone width switches the control to its compact layout and back",
        async run(t) {
            await t.open();
            const root = t.control.locator("[data-testid=import-monitor]");
            // The harness's 1280 px page gives the form about 1,220 px: the medium layout (wide needs every column whole).
            assert.equal(await root.getAttribute("data-layout"), "medium");
            const toggle = t.page.getByRole("button", { name: "Phone width (375 px)" });
            await toggle.click();
            await t.control.locator("[data-testid=import-monitor][data-layout=compact]").waitFor({ timeout: 5000 });
            assert.equal(await toggle.getAttribute("aria-pressed"), "true");
            for (const file of FILES) await t.control.getByRole("button", { name: `Open ${file}` }).waitFor();
            await t.screenshot("compact");
            await toggle.click();
            await t.control.locator("[data-testid=import-monitor][data-layout=medium]").waitFor({ timeout: 5000 });
        },
    },
    {
        name: "axe finds no serious or critical violation in the control",
        async run(t) {
            await t.open();
            await t.page.waitForTimeout(500);
            await t.page.addScriptTag({ content: readFileSync(join(ROOT, "node_modules", "axe-core", "axe.min.js"), "utf8") });
            const result = await t.page.evaluate(async () => {
                const r = await window.axe.run(document.getElementById("control-container"), { resultTypes: ["violations"] });
                return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(" ")).slice(0, 5) }));
            });
            const serious = result.filter((v) => v.impact === "serious" || v.impact === "critical");
            assert.deepEqual(serious, [], "serious or critical axe violations");
        },
    },
    {
        name: "bundle.js holds no sandbox code and reads only the platform libraries the page provides",
        async run(t) {
            await t.open();
            const bundle = await (await fetch(`${t.origin}/control/bundle.js`)).text();
            const onDisk = readFileSync(join(ROOT, "out", "controls", "ImportMonitor", "bundle.js"), "utf8");
            assert.equal(bundle, onDisk, "the sandbox serves the built bundle.js unchanged");
            for (const marker of SANDBOX_ONLY) assert.ok(!bundle.includes(marker), `bundle.js contains the sandbox-only string "${marker}"`);
            const config = await t.sandbox((s) => s.config.libraries);
            for (const lib of config.filter((l) => l.referencedByBundle)) {
                assert.ok(await t.page.evaluate((alias) => Boolean(window[alias]), lib.alias), `window.${lib.alias} is defined`);
            }
            const read = config.filter((l) => l.referencedByBundle).map((l) => l.alias);
            for (const alias of ["Reactv16", "FluentUIReactv81211"]) assert.ok(read.includes(alias), `bundle.js reads ${alias}`);
        },
    },
];
