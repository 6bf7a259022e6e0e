/**
 * Adding files from the form (the "Add files" command, its hidden file input and a drop on the list): each file is
 * read and checked in the browser (encoding, Excel's sep line, the guessed delimiter, the same preview and checks as
 * a stored file) with the settings it will be created with, then created as an importfile record in the form's
 * import, one request each, and run like any other file.
 *
 * Most scenarios start from `?scenario=empty` (sandbox/dataverse/scenarios.ts): the seeded import with no import
 * file at all, as a maker has just saved it. The files are made here, in memory; their headings are display names of
 * the fake's contact table (sandbox/dataverse/metadata.ts), whose only required column is Last Name, and no rule
 * of the fake's simulation applies to a created file, so every row of them imports.
 *
 * Nothing here is skipped: a control without the feature has no "Add files" command and no add-files input, and
 * every scenario fails on that (see needsAddFiles).
 */
import assert from "node:assert/strict";
import { axeClean } from "./harness.mjs";
import { focusStart, keyboardTo } from "./keyboard.mjs";

const IMPORT_ID = "7c1e4b52-9a3d-4f6e-b8a0-2d5c9e1f6a43";
const INPUT = '[data-testid="add-files-input"]';
const TITLE = "Add files to this import";
const EMPTY_LIST = "No files in this import yet";

/** Rows of a small contact file: every one imports (Last Name set, no rule of the fake applies). */
const CONTACTS = [
    ["First Name", "Last Name", "Email", "Business Phone", "Job Title", "Address 1: City"],
    ["Maria", "Campbell", "maria.campbell@contoso.com", "+1 425 555 0100", "Purchasing Manager", "Redmond"],
    ["James", "Reid", "james.reid@fabrikam.com", "+1 425 555 0101", "Sales Director", "Seattle"],
    ["Aiko", "Tanaka", "aiko.tanaka@litware.com", "+1 425 555 0102", "IT Administrator", "Dallas"],
    ["Daniel", "Fischer", "daniel.fischer@cohowinery.com", "+1 425 555 0103", "Operations Lead", "Napa"],
    ["Priya", "Raman", "priya.raman@tailspintoys.com", "+1 425 555 0104", "Office Manager", "Denver"],
];
const CONTACT_ROWS = CONTACTS.length - 1;

/** Accented names for the decoding scenario: Windows-1252 has every character (’ is 0x92 there, not in Latin-1). */
const ACCENTED = [
    ["First Name", "Last Name", "Job Title"],
    ["Zoë", "Ågren", "Purchasing Manager"],
    ["Renée", "Lefèvre", "Sales Director"],
    ["Seán", "O’Brien", "Office Manager"],
    ["José", "Müller", "Operations Lead"],
];

function csvText(rows, delimiter = ",") {
    return rows.map((r) => r.join(delimiter)).join("\r\n") + "\r\n";
}

/** A file for setInputFiles: `{ name, mimeType, buffer }`. */
function csvFile(name, content) {
    return { name, mimeType: "text/csv", buffer: Buffer.isBuffer(content) ? content : Buffer.from(content, "utf8") };
}

/** UTF-16 little endian with its byte order mark (what Excel's "Unicode Text" and many exports write). */
function utf16le(text) {
    return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
}

/** Windows-1252: Latin-1 for U+00A0–U+00FF, the 0x80–0x9F block for the few characters used here. */
function windows1252(text) {
    const high = { "€": 0x80, "‘": 0x91, "’": 0x92, "“": 0x93, "”": 0x94, "–": 0x96, "—": 0x97 };
    return Buffer.from(
        [...text].map((c) => {
            const code = c.codePointAt(0);
            if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) return code;
            if (high[c] !== undefined) return high[c];
            throw new Error(`windows1252: no byte for ${c}`);
        }),
    );
}

/**
 * Opens the sandbox on `scenario` and checks the control has the feature: the "Add files" command, enabled (the
 * control knows the form's import with no row to read it from: contextInfo in model-driven, Xrm's page context
 * in strict), and its file input. Fails (not skips) on a control without it.
 */
async function needsAddFiles(t, scenario = "empty") {
    await t.open({ scenario }, { rows: scenario === "empty" ? 0 : 3 });
    if (scenario === "empty") {
        await t.control.getByText(EMPTY_LIST).waitFor({ timeout: 10000 });
        assert.equal(await t.grid().count(), 0, "no list: the import has no file");
    }
    const command = t.control.locator("[data-testid=command-addFiles]");
    assert.equal(await command.count(), 1, 'the control has an "Add files" command');
    assert.equal(await t.page.locator(INPUT).count(), 1, `the control has its file input (${INPUT})`);
    assert.equal((await command.innerText()).trim(), "Add files");
    await t.eventually(async () => (await command.getAttribute("aria-disabled")) !== "true" && !(await command.isDisabled()), {
        message: '"Add files" enabled (the control knows the import to add files to)',
    });
    const description = await command.evaluate((b) => document.getElementById(b.getAttribute("aria-describedby") ?? "")?.textContent ?? "");
    assert.doesNotMatch(description, /Save the import first/, "the control knows the form's import");
    return command;
}

/** The Add files panel, once it has content. */
async function addPanel(t) {
    const dialog = t.page.getByRole("dialog", { name: TITLE });
    // Attached, not visible: a Fluent Panel's dialog element has no box of its own (its content is position: fixed).
    await t.eventually(async () => (await dialog.count()) === 1 && (await dialog.innerText()).trim().length > 0, { message: `the panel "${TITLE}" open with its content` });
    return dialog;
}

async function panelClosed(t) {
    await t.eventually(async () => (await t.page.getByRole("dialog").count()) === 0, { timeout: 5000, message: "the panel to close" });
}

/** Waits until the panel's text matches `pattern`; returns the text. */
function panelText(t, dialog, pattern, message = String(pattern)) {
    return t.eventually(
        async () => {
            const text = await dialog.innerText();
            return pattern.test(text) && text;
        },
        { message: `${message} in the Add files panel` },
    );
}

/** The line of `name` in the panel's list of files to add ("contacts.csv: ready to add"). */
function fileLine(dialog, name) {
    return dialog.getByRole("list", { name: "Files to add" }).getByRole("listitem").filter({ hasText: `${name}:` });
}

async function waitFileLine(t, dialog, name, pattern) {
    const line = fileLine(dialog, name);
    return t.eventually(
        async () => {
            const text = ((await line.count()) === 1 ? await line.innerText() : "").trim();
            return pattern.test(text) && text;
        },
        { message: `the line "${name}: ${pattern.source}" in the panel's list` },
    );
}

/** A Fluent Dropdown of the panel (its accessible name starts with the label and ends with the value). */
function dropdown(dialog, label) {
    return dialog.getByRole("combobox", { name: new RegExp(`^${label}\\b`) });
}

async function choose(t, dialog, label, option) {
    await dropdown(dialog, label).click();
    await t.page.getByRole("option", { name: option, exact: true }).click();
    await t.eventually(async () => (await dropdown(dialog, label).innerText()).trim() === option, { message: `${label}: ${option}` });
}

/** The preview's grid of the selected file's first rows. */
function previewGrid(dialog, name) {
    return dialog.getByRole("grid", { name: `First rows of ${name}` });
}

/** The primary button of the panel: "Add 1 file", "Add 2 files" (or "Add files" while nothing is ready). */
function createButton(dialog, label) {
    return dialog.getByRole("button", { name: label, exact: true });
}

/** The import's files in the fake (what the creates stored, and where the stages have taken them). */
function created(t) {
    const columns = ["name", "content", "fielddelimitercode", "targetentityname", "statuscode", "processingstatus", "totalcount", "successcount", "failurecount", "partialfailurecount"];
    return t.sandbox((s, [id, cols]) => s.fake.importFiles(id).map((f) => Object.fromEntries(cols.map((c) => [c, f[c]]))), [IMPORT_ID, columns]);
}

/** The createRecord("importfile", …) calls the fake received. */
function createRequests(t) {
    return t.sandbox((s) => s.fake.requests.count("create:importfile"));
}

/** Dispatches dragover and drop events carrying `files` (made in the page) on `target`. */
async function dropFiles(t, target, files, { checkOverlay = false } = {}) {
    const dataTransfer = await t.page.evaluateHandle((list) => {
        const dt = new DataTransfer();
        for (const f of list) dt.items.add(new File([f.text], f.name, { type: "text/csv" }));
        return dt;
    }, files);
    await target.dispatchEvent("dragenter", { dataTransfer });
    await target.dispatchEvent("dragover", { dataTransfer });
    if (checkOverlay) {
        await t.control.getByText("Drop CSV files to check them and add them to this import").waitFor({ timeout: 5000 });
    }
    await target.dispatchEvent("drop", { dataTransfer });
    await dataTransfer.dispose();
}

export default [
    {
        name: "add files: a semicolon file is read, its delimiter checked, created and imported by Run all",
        timeout: 90000,
        async run(t) {
            await needsAddFiles(t);
            const content = csvText(CONTACTS, ";");
            await t.page.locator(INPUT).setInputFiles([csvFile("contacts.csv", content)]);
            const dialog = await addPanel(t);

            // How the file was read, and the delimiter guessed from its content.
            await panelText(t, dialog, /contacts\.csv: 1 KB, read as UTF-8\./);
            await panelText(t, dialog, /The field delimiter looks like semicolon \(;\): it is preselected below\./);
            assert.equal((await dropdown(dialog, "Field delimiter").innerText()).trim(), "semicolon (;)", "Semicolon preselected");
            // The target table from the file's name, once the importable tables are read.
            const table = dialog.getByRole("combobox", { name: /^Target table/ });
            await t.eventually(async () => (await table.inputValue()) === "Contact (contact)", { message: "the target table Contact preselected from the name" });
            await waitFileLine(t, dialog, "contacts.csv", /^contacts\.csv: ready to add$/);
            const grid = previewGrid(dialog, "contacts.csv");
            await grid.waitFor({ timeout: 10000 });
            assert.deepEqual(await grid.getByRole("columnheader").allInnerTexts(), ["Line", ...CONTACTS[0]], "the preview splits the header on semicolons");

            // Comma: every row is one column, the delimiter finding, the file waits on its error.
            await choose(t, dialog, "Field delimiter", "comma (,)");
            await panelText(t, dialog, /Every row reads as a single column with comma \(,\) as the field delimiter; the file appears to use semicolon \(;\)\./, "the delimiter finding");
            // Two errors: the delimiter, and the required Last Name that no heading maps to any more (value checks).
            await waitFileLine(t, dialog, "contacts.csv", /^contacts\.csv: 2 errors found; fix the settings or add it anyway$/);
            assert.equal(await createButton(dialog, "Add files").isDisabled(), true, "nothing to add while the file has an error");
            await dialog.getByRole("checkbox", { name: "Add it anyway, with 2 errors" }).waitFor({ timeout: 5000 });
            await t.screenshot("comma");

            // Back to semicolon: no error.
            await choose(t, dialog, "Field delimiter", "semicolon (;)");
            await waitFileLine(t, dialog, "contacts.csv", /^contacts\.csv: ready to add$/);
            await panelText(t, dialog, /No problems found in the file\./);
            assert.doesNotMatch(await dialog.innerText(), /single column|add it anyway/i, "the delimiter finding is gone");
            assert.equal(await createRequests(t), 0, "nothing was sent before Add");

            await createButton(dialog, "Add 1 file").click();
            await panelText(t, dialog, /1 file added: contacts\.csv\. Run all parses, transforms and imports them\./, "the success message");
            assert.equal(await createRequests(t), 1, "one create request");
            const [file] = await created(t);
            assert.deepEqual(
                { name: file.name, content: file.content, fielddelimitercode: file.fielddelimitercode, targetentityname: file.targetentityname, statuscode: file.statuscode, processingstatus: file.processingstatus },
                { name: "contacts.csv", content, fielddelimitercode: 4, targetentityname: "contact", statuscode: 0, processingstatus: 1 },
                "the importfile as created (Submitted, Not Started, semicolon)",
            );
            await t.screenshot("added");

            await dialog.getByRole("button", { name: "Close" }).last().click();
            await panelClosed(t);
            const row = t.grid().getByRole("row").filter({ hasText: "contacts.csv" });
            await t.eventually(async () => (await row.count()) === 1, { message: "contacts.csv listed in the grid" });

            const runAll = t.control.locator("[data-testid=command-runAll]");
            await t.eventually(async () => (await runAll.getAttribute("aria-disabled")) !== "true" && !(await runAll.isDisabled()), { message: "Run all enabled" });
            await runAll.click();
            await t.eventually(
                async () => {
                    const text = await row.innerText();
                    return text.includes(`${CONTACT_ROWS} succeeded`) && text.includes("0 failed");
                },
                { timeout: 60000, interval: 250, message: `contacts.csv: ${CONTACT_ROWS} succeeded, 0 failed` },
            );
            const [done] = await created(t);
            assert.deepEqual(
                [done.statuscode, done.processingstatus, done.totalcount, done.successcount, done.failurecount, done.partialfailurecount],
                [4, 11, CONTACT_ROWS, CONTACT_ROWS, 0, 0],
                "the fake imported every row (Completed, Import Complete)",
            );
            await t.screenshot();
        },
    },
    {
        name: "add files by keyboard alone: Add files, the file chooser, Tab to Add 1 file, Enter",
        timeout: 60000,
        async run(t) {
            await needsAddFiles(t);
            await focusStart(t.page);
            const chooser = t.page.waitForEvent("filechooser", { timeout: 10000 });
            chooser.catch(() => undefined);
            await keyboardTo(t.page, "Add files");
            await t.page.keyboard.press("Enter");
            const fileChooser = await chooser;
            assert.equal(fileChooser.isMultiple(), true, "several files can be chosen");
            await fileChooser.setFiles([csvFile("contacts.csv", csvText(CONTACTS))]);

            const dialog = await addPanel(t);
            await waitFileLine(t, dialog, "contacts.csv", /^contacts\.csv: ready to add$/);
            await t.eventually(() => createButton(dialog, "Add 1 file").isEnabled(), { message: '"Add 1 file" enabled' });
            // Focus is in the panel (its focus trap): Tab through it to the button.
            assert.equal(await t.page.evaluate(() => Boolean(document.activeElement?.closest('[role="dialog"]'))), true, "the focus is in the panel");
            const presses = await keyboardTo(t.page, "Add 1 file", { maxTabs: 80 });
            await t.page.keyboard.press("Enter");
            await panelText(t, dialog, /1 file added: contacts\.csv\./, "the success message");
            assert.equal(await createRequests(t), 1, "one create request");
            assert.deepEqual((await created(t)).map((f) => [f.name, f.fielddelimitercode, f.targetentityname]), [["contacts.csv", 2, "contact"]]);
            await t.page.keyboard.press("Escape");
            await panelClosed(t);
            await t.eventually(async () => (await t.grid().getByRole("row").filter({ hasText: "contacts.csv" }).count()) === 1, {
                message: "contacts.csv listed in the grid",
            });
            assert.ok(presses > 1, `reached "Add 1 file" with ${presses} key presses`);
            await t.screenshot();
        },
    },
    {
        name: "add files: UTF-16 and Windows-1252 files are decoded and say how they were read",
        timeout: 60000,
        async run(t) {
            await needsAddFiles(t);
            const text = csvText(ACCENTED);
            await t.page.locator(INPUT).setInputFiles([csvFile("contacts-utf16.csv", utf16le(text)), csvFile("contacts-1252.csv", windows1252(text))]);
            const dialog = await addPanel(t);
            await t.eventually(async () => (await dialog.getByRole("tab").count()) === 2, { message: "a tab for each file" });

            const names = ACCENTED.slice(1).flatMap((r) => r.slice(0, 2));
            const checkGrid = async (name) => {
                const grid = previewGrid(dialog, name);
                await grid.waitFor({ timeout: 10000 });
                const cells = await grid.getByRole("gridcell").allInnerTexts();
                for (const n of names) assert.ok(cells.includes(n), `${name}: the preview shows "${n}" (cells: ${cells.join(" | ")})`);
            };

            await dialog.getByRole("tab", { name: "contacts-utf16.csv" }).click();
            await panelText(t, dialog, /contacts-utf16\.csv: 1 KB, read as UTF-16 \(little endian\)\./);
            assert.doesNotMatch(await dialog.innerText(), /This file is not UTF-8/, "no warning for a UTF-16 file with its BOM");
            await checkGrid("contacts-utf16.csv");

            await dialog.getByRole("tab", { name: "contacts-1252.csv" }).click();
            await panelText(t, dialog, /contacts-1252\.csv: 1 KB, read as Windows-1252 \(Western European\)\./);
            // Line 2 (Zoë) holds the first byte that is not UTF-8 (0xEB).
            await panelText(t, dialog, /This file is not UTF-8: it was read as Windows-1252\. .*line 2 is the first with a character that is not UTF-8\./, "the Windows-1252 warning naming line 2");
            await checkGrid("contacts-1252.csv");
            await t.screenshot();

            await waitFileLine(t, dialog, "contacts-utf16.csv", /ready to add$/);
            await waitFileLine(t, dialog, "contacts-1252.csv", /ready to add$/);
            await createButton(dialog, "Add 2 files").click();
            await panelText(t, dialog, /2 files added: /, "the success message");
            // Created with the decoded text: the same for both files.
            assert.deepEqual((await created(t)).map((f) => [f.name, f.content]).sort(), [
                ["contacts-1252.csv", text],
                ["contacts-utf16.csv", text],
            ]);
        },
    },
    {
        name: "add files: Excel's sep= line sets the delimiter and is not part of the file",
        timeout: 60000,
        async run(t) {
            await needsAddFiles(t);
            const body = csvText(CONTACTS, ";");
            await t.page.locator(INPUT).setInputFiles([csvFile("contacts.csv", `sep=;\r\n${body}`)]);
            const dialog = await addPanel(t);
            await panelText(t, dialog, /The first line, sep=;, is Excel's delimiter line: it was used for the field delimiter and is not added\./, "the sep line notice");
            assert.doesNotMatch(await dialog.innerText(), /The field delimiter looks like/, "the delimiter comes from the sep line, not a guess");
            assert.equal((await dropdown(dialog, "Field delimiter").innerText()).trim(), "semicolon (;)");
            const grid = previewGrid(dialog, "contacts.csv");
            await grid.waitFor({ timeout: 10000 });
            assert.deepEqual(await grid.getByRole("columnheader").allInnerTexts(), ["Line", ...CONTACTS[0]], "the header row is the file's real header");
            assert.equal(await grid.getByRole("row").count(), CONTACTS.length, "the header and every data row, no sep row");
            await waitFileLine(t, dialog, "contacts.csv", /^contacts\.csv: ready to add$/);
            await t.screenshot();
            await createButton(dialog, "Add 1 file").click();
            await panelText(t, dialog, /1 file added: contacts\.csv\./, "the success message");
            assert.deepEqual((await created(t)).map((f) => [f.content, f.fielddelimitercode]), [[body, 4]], "created without the sep line, semicolon");
        },
    },
    {
        name: "add files: an .xlsx is refused; a CSV dropped on the list opens the panel with it",
        timeout: 60000,
        async run(t) {
            await needsAddFiles(t, "default");
            await t.page.locator(INPUT).setInputFiles([
                { name: "contacts.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: Buffer.from("PK\u0003\u0004 not a CSV") },
            ]);
            const dialog = await addPanel(t);
            await panelText(t, dialog, /contacts\.xlsx was not added: only \.csv and \.txt files can be added\./, "the refusal");
            assert.equal(await dialog.getByRole("tab").count(), 0, "no file to add");
            await dialog.getByRole("button", { name: "Close" }).last().click();
            await panelClosed(t);

            await dropFiles(t, t.grid(), [{ name: "new-contacts.csv", text: csvText(CONTACTS) }], { checkOverlay: true });
            const dropped = await addPanel(t);
            await dropped.getByRole("tab", { name: "new-contacts.csv" }).waitFor({ timeout: 10000 });
            await waitFileLine(t, dropped, "new-contacts.csv", /^new-contacts\.csv: ready to add$/);
            await panelText(t, dropped, /new-contacts\.csv: 1 KB, read as UTF-8\./);
            await previewGrid(dropped, "new-contacts.csv").waitFor({ timeout: 10000 });
            // The seeded import has not run: no warning that parsing again processes every file.
            assert.doesNotMatch(await dropped.innerText(), /This import has already run/);
            assert.equal(await t.control.getByText("Drop CSV files to check them and add them to this import").count(), 0, "the drop overlay is gone");
            assert.equal(await createRequests(t), 0, "nothing sent: a drop only opens the panel");
            await t.screenshot();
        },
    },
    {
        name: "add files: a create that fails keeps its file in the panel, the other is created",
        timeout: 60000,
        async run(t) {
            await needsAddFiles(t);
            await t.page.locator(INPUT).setInputFiles([csvFile("contacts-a.csv", csvText(CONTACTS)), csvFile("contacts-b.csv", csvText(CONTACTS.slice(0, 3)))]);
            const dialog = await addPanel(t);
            await waitFileLine(t, dialog, "contacts-a.csv", /ready to add$/);
            await waitFileLine(t, dialog, "contacts-b.csv", /ready to add$/);
            await t.sandbox((s) => {
                s.fake.faults.failNext({ kind: "server", message: "Generic SQL error." }, { match: "create:importfile" });
            });
            await createButton(dialog, "Add 2 files").click();
            const text = await panelText(t, dialog, /contacts-a\.csv was not added: .*Generic SQL error\..* It is kept here to try again\./, "the failure of contacts-a.csv");
            await panelText(t, dialog, /1 file added: contacts-b\.csv\./, "the success of contacts-b.csv");
            assert.match(text, /The server reported an error \(0x80040216\): Generic SQL error\. It is kept here/);
            assert.equal(await createRequests(t), 2, "exactly 2 create requests (no retry of a failure)");
            assert.deepEqual((await created(t)).map((f) => f.name), ["contacts-b.csv"], "only contacts-b.csv exists");
            // The failed file stays, ready to try again.
            assert.deepEqual(await dialog.getByRole("tab").allInnerTexts(), ["contacts-a.csv"]);
            await waitFileLine(t, dialog, "contacts-a.csv", /^contacts-a\.csv: ready to add$/);
            assert.equal(await fileLine(dialog, "contacts-b.csv").count(), 0, "contacts-b.csv left the list of files to add");
            await t.screenshot();

            // Trying again creates it.
            await createButton(dialog, "Add 1 file").click();
            await panelText(t, dialog, /1 file added: contacts-a\.csv\./, "the success of contacts-a.csv");
            assert.equal(await createRequests(t), 3);
            assert.deepEqual((await created(t)).map((f) => f.name).sort(), ["contacts-a.csv", "contacts-b.csv"]);
            await dialog.getByRole("button", { name: "Close" }).last().click();
            await panelClosed(t);
            await t.eventually(async () => (await t.grid().getByRole("row").count()) === 3, { message: "both files listed" });
        },
    },
    {
        name: "add files: the open panel with a file is axe clean",
        timeout: 60000,
        async run(t) {
            await needsAddFiles(t);
            await t.page.locator(INPUT).setInputFiles([csvFile("contacts.csv", csvText(CONTACTS, ";"))]);
            const dialog = await addPanel(t);
            await waitFileLine(t, dialog, "contacts.csv", /^contacts\.csv: ready to add$/);
            await panelText(t, dialog, /No problems found in the file\./);
            await axeClean(t.page, '[role="dialog"]');
            // And with an error showing (the finding, the waiting line, the "Add it anyway" checkbox).
            await choose(t, dialog, "Field delimiter", "comma (,)");
            await waitFileLine(t, dialog, "contacts.csv", /errors? found/);
            await axeClean(t.page, '[role="dialog"]');
            await t.screenshot();
        },
    },
];
