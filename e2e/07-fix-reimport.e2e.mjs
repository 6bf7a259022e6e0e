/**
 * Fix and import again (issue 13), in Chromium on the shipped bundle: after a Run all of the seeded import, the
 * failure log of accounts.csv exports its failed source rows (the original header and lines, plus an Errors column);
 * one value of that file is corrected and it is imported in a new import ("New import for corrected rows"); and the
 * failed rows are imported again as they are ("Import failed rows again"), but the partly failed ones: their records
 * exist already (created without some values), a Create would duplicate them. Each new import is then run on the fake
 * and its counts checked against what the fake's rules decide for those rows.
 *
 * accounts.csv (sandbox/dataverse/seed.ts) fails on lines 6 and 12 (ragged: parse), 9 (invalid email), 15 (duplicate
 * account number) and 18 (-40 employees), and partly fails on 20 and 23 (primary contact not found). The seed's rules
 * (email, duplicate, lookup) are the accounts file's own (by importfileid): a created file has none, so the fake
 * decides its rows from their content alone (sandbox/dataverse/simulation.ts planFile): a row whose field count
 * differs from the header's fails at parse; a required column (account: Account Name, ApplicationRequired) without a
 * value fails; a whole number (Number of Employees) that is not one, or is outside the column's range, fails; every
 * other row imports. `expectedCounts` applies exactly these rules, with the ranges read from the fake's metadata.
 *
 * The sandbox page is the form of the seeded import: it can't open another import's form. The corrected file is
 * added to the new import the way Add files creates one (a createRecord of importfile, addFilesService.ts), through
 * the fake's Web API, and the new imports are run with the fake's runInBackground (the wizard's run).
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { DOWNLOADS, axeClean, waitForFileRows } from "./harness.mjs";

const require = createRequire(import.meta.url);
const Papa = require("papaparse");

const IMPORT_ID = "7c1e4b52-9a3d-4f6e-b8a0-2d5c9e1f6a43";
const IMPORT_NAME = "Contacts, accounts and leads — November";
const ACCOUNTS_ID = "4e9b2c71-8d05-4a3f-b61e-0c7d9a2f5b88";
const FAILURE_LOG_ACCOUNTS = /^Failure log for accounts\.csv$/;
const SECTION = "Fix and import again";
const EXPORT = /^Export failed rows$/;
const REIMPORT = /^Import failed rows again$/;
const NEW_IMPORT = /^New import for corrected rows$/;
const RETRY_NAME = `${IMPORT_NAME} - failed rows again`;
const CORRECTED_NAME = `${IMPORT_NAME} - corrected rows`;

const EXPECTED = {
    "contacts.csv": ["40 succeeded", "0 failed"],
    "accounts.csv": ["17 succeeded", "5 failed", "2 partly failed"],
    "leads.csv": ["0 succeeded", "12 failed"],
};

/** Waits until every file row shows the outcome of the whole import (as 02-import-flow does). */
async function waitForOutcome(t, timeout = 60000) {
    await waitForFileRows(t, EXPECTED, timeout);
}

/** The open panel named `name` (a Fluent Panel's dialog has no box of its own: attached, then its text). */
async function panel(t, name) {
    const dialog = t.page.getByRole("dialog", { name });
    await dialog.waitFor({ state: "attached", timeout: 10000 });
    await t.eventually(async () => (await dialog.innerText()).trim().length > 0, { message: `the content of the panel ${String(name)}` });
    return dialog;
}

/** Opens the failure log of accounts.csv and waits until every log row is loaded (the fix buttons wait for that). */
async function openAccountsLog(t) {
    const logs = await t.sandbox((s, id) => s.fake.importLogs(id).length, ACCOUNTS_ID);
    await t.control.getByRole("button", { name: FAILURE_LOG_ACCOUNTS }).click();
    const dialog = await panel(t, /Failure log: accounts\.csv/);
    await dialog.getByText(`${logs} of ${logs} rows shown`).waitFor({ timeout: 10000 });
    const section = dialog.getByRole("region", { name: SECTION });
    await section.waitFor({ timeout: 10000 });
    return { dialog, section };
}

/** The seeded accounts.csv as the fake holds it, its records (one per line: no quoted line break) and its logs. */
async function accountsSeed(t) {
    const { content, file, logs } = await t.sandbox(
        (s, id) => ({
            content: s.fake.record("importfile", id).content,
            file: s.fake.record("importfile", id),
            logs: s.fake.importLogs(id).map((l) => ({ line: l.linenumber, phase: l.logphasecode, column: l.headercolumn, error: l.errordescription, info: l.additionalinfo })),
        }),
        ACCOUNTS_ID,
    );
    const lines = content.replace(/\r\n$/, "").split("\r\n");
    assert.equal(Papa.parse(content, { skipEmptyLines: true }).data.length, lines.length, "accounts.csv has no quoted line break (a record is one line)");
    const failed = [...new Set(logs.map((l) => l.line))].sort((a, b) => a - b);
    return { content, file, lines, logs, failed };
}

/** The import records the fake holds besides the seeded one. */
function newImports(t) {
    return t.sandbox((s, id) => s.fake.records("import").filter((i) => i.importid !== id), IMPORT_ID);
}

/** Runs parse, transform and import of `importId` on the fake (the wizard's run), to the end; its files' counts. */
async function runOnFake(t, importId) {
    const status = await t.sandbox(async (s, id) => {
        const run = s.fake.runInBackground(id);
        const end = Date.now() + 60000;
        while (run.status === "running" && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 25));
        return run.status;
    }, importId);
    assert.equal(status, "succeeded", `the stages of ${importId} ran to the end`);
    return t.sandbox(
        (s, id) =>
            s.fake.importFiles(id).map((f) => ({
                name: f.name,
                processingstatus: f.processingstatus,
                statuscode: f.statuscode,
                total: f.totalcount,
                success: f.successcount,
                failure: f.failurecount,
                partial: f.partialfailurecount,
            })),
        importId,
    );
}

/**
 * What the fake's import makes of a created account file's rows (see the header: simulation.ts's content rules;
 * the account metadata's required level and range read from the fake).
 */
async function expectedCounts(t, content) {
    const meta = await t.sandbox(async (s) => {
        const md = await s.fake.getEntityMetadata("account", ["name", "numberofemployees"], "model-driven");
        const name = md.Attributes.get("name");
        const employees = md.Attributes.get("numberofemployees");
        return { nameRequired: name.RequiredLevel, nameLabel: name.DisplayName, min: employees.MinValue, max: employees.MaxValue, employeesLabel: employees.DisplayName };
    });
    assert.equal(meta.nameRequired, "ApplicationRequired", "Account Name is the account's required column");
    const [header, ...rows] = Papa.parse(content, { skipEmptyLines: true }).data;
    const nameAt = header.indexOf(meta.nameLabel);
    const employeesAt = header.indexOf(meta.employeesLabel);
    assert.ok(nameAt >= 0 && employeesAt >= 0, "the file has Account Name and Number of Employees");
    const counts = { total: rows.length, success: 0, failure: 0, partial: 0 };
    for (const fields of rows) {
        if (fields.length !== header.length) {
            counts.failure++;
            continue;
        }
        if ((fields[nameAt] ?? "").trim() === "") {
            counts.failure++;
            continue;
        }
        const employees = (fields[employeesAt] ?? "").trim().replace(/,/g, "");
        if (employees !== "" && (!/^-?\d+$/.test(employees) || Number(employees) < meta.min || Number(employees) > meta.max)) {
            counts.failure++;
            continue;
        }
        counts.success++;
    }
    return counts;
}

/** Clicks `name` in the section and returns the download it starts, saved under e2e/downloads. */
async function download(t, section, name) {
    const downloadPromise = t.page.waitForEvent("download", { timeout: 15000 });
    downloadPromise.catch(() => undefined);
    await section.getByRole("button", { name }).click();
    const file = await downloadPromise;
    const path = join(DOWNLOADS, `${process.env.E2E_HOST ?? "model-driven"}-${file.suggestedFilename() || "failed rows.csv"}`);
    await file.saveAs(path);
    return { name: file.suggestedFilename(), bytes: readFileSync(path) };
}

/** The importfile payload Add files sends (addFilesService.ts / domain/addFiles.ts importFilePayload). */
function importFilePayload(importId, name, content, original) {
    return {
        name,
        source: name,
        content,
        size: String(Math.max(1, Math.ceil(Buffer.byteLength(content, "utf8") / 1024))),
        filetypecode: 0,
        fielddelimitercode: original.fielddelimitercode,
        datadelimitercode: original.datadelimitercode,
        isfirstrowheader: original.isfirstrowheader,
        processcode: 1,
        usesystemmap: true,
        enableduplicatedetection: false,
        targetentityname: original.targetentityname,
        sourceentityname: name.replace(/\.csv$/i, ""),
        "importid@odata.bind": `/imports(${importId})`,
    };
}

export default [
    {
        name: "fix and re-import: Run all, export accounts.csv's failed rows, import a corrected file and the failed rows again",
        timeout: 180000,
        async run(t) {
            await t.open();
            await t.control.getByRole("button", { name: "Run all" }).click();
            await waitForOutcome(t);
            const seed = await accountsSeed(t);
            assert.deepEqual(seed.failed, [6, 9, 12, 15, 18, 20, 23], "the importlog names the seed's bad lines of accounts.csv");
            const { section } = await openAccountsLog(t);
            await section.getByRole("heading", { name: SECTION }).waitFor();
            await axeClean(t.page, '[role="dialog"]');

            // 1. Export failed rows: the original header and failed lines, each with its errors.
            const exported = await download(t, section, EXPORT);
            assert.equal(exported.name, "accounts - failed rows.csv");
            assert.deepEqual([...exported.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], "a UTF-8 byte order mark (for Excel)");
            const csv = exported.bytes.toString("utf8").replace(/^\uFEFF/, "");
            assert.ok(csv.endsWith("\r\n"), "CR LF after the last line");
            const out = csv.replace(/\r\n$/, "").split("\r\n");
            await section.getByText("7 failed rows exported from 1 file.").waitFor({ timeout: 10000 });
            assert.equal(out[0], `${seed.lines[0]},Errors`, "the file's own header, then the Errors heading");
            assert.equal(out.length, 1 + seed.failed.length, "one line per failed row, nothing else");
            // Partly failed rows: those whose only failures are the transform's (lookups the fake logs as partial).
            const partly = seed.failed.filter((n) => seed.logs.filter((l) => l.line === n).every((l) => l.phase === 1));
            assert.deepEqual(partly, [20, 23]);
            const corrected = [seed.lines[0]];
            seed.failed.forEach((n, i) => {
                const line = out[i + 1];
                const source = seed.lines[n - 1];
                assert.ok(line.startsWith(`${source},`), `line ${n} is exported as in the file: ${line}`);
                const errorsField = line.slice(source.length + 1);
                const parsed = Papa.parse(errorsField).data;
                assert.equal(parsed.length, 1, `line ${n}: one errors field`);
                assert.equal(parsed[0].length, 1, `line ${n}: one errors field`);
                const errors = parsed[0][0];
                for (const l of seed.logs.filter((x) => x.line === n)) {
                    assert.ok(errors.includes(l.error), `line ${n}: the errors name "${l.error}"`);
                    if (l.info) assert.ok(errors.includes(l.info), `line ${n}: the errors hold the detail "${l.info}"`);
                }
                assert.equal(errors.startsWith("Partly failed: "), partly.includes(n), `line ${n} is marked partly failed: ${partly.includes(n)}`);
                // The correction: the errors column dropped, the negative number of employees made positive.
                corrected.push(source);
            });
            const header = Papa.parse(seed.lines[0]).data[0];
            const employeesAt = header.indexOf("Number of Employees");
            const negative = corrected.findIndex((line, i) => i > 0 && Number(Papa.parse(line).data[0][employeesAt]) < 0);
            assert.ok(negative > 0, "a failed row has a negative number of employees");
            const fields = Papa.parse(corrected[negative]).data[0];
            assert.equal(fields.length, header.length, "that row is not ragged");
            fields[employeesAt] = String(Math.abs(Number(fields[employeesAt])));
            corrected[negative] = Papa.unparse([fields]);
            const correctedCsv = corrected.join("\r\n") + "\r\n";

            // 2. New import for corrected rows: an empty import, the same mode, offered as a link.
            const modeCode = await t.sandbox((s, id) => s.fake.record("import", id).modecode, IMPORT_ID);
            await section.getByRole("button", { name: NEW_IMPORT }).click();
            await section.getByText(`The new import “${CORRECTED_NAME}” is created: open it and add your corrected file with Add files.`).waitFor({ timeout: 10000 });
            let created = await newImports(t);
            assert.equal(created.length, 1, "one new import");
            const correctedImport = created[0];
            assert.equal(correctedImport.name, CORRECTED_NAME);
            assert.equal(correctedImport.modecode, modeCode, "the original's mode");
            assert.deepEqual(await t.sandbox((s, id) => s.fake.importFiles(id).length, correctedImport.importid), 0, "no file yet");
            await axeClean(t.page, '[role="dialog"]');
            await section.getByRole("button", { name: `Open “${CORRECTED_NAME}”` }).click();
            await t.eventually(async () => (await t.status()) === `Would open the import form of ${correctedImport.importid}.`, {
                message: "the sandbox's line for opening the new import's form",
            });
            await t.screenshot("corrected import");

            // The corrected file in it, as Add files would create it there; run, the fixed row imports.
            const original = seed.file;
            const fileId = await t.sandbox(
                async (s, payload) => (await s.fake.ports().webApi.createRecord("importfile", payload)).id,
                importFilePayload(correctedImport.importid, "accounts - corrected.csv", correctedCsv, original),
            );
            assert.ok(fileId, "the corrected file is created");
            const correctedExpected = await expectedCounts(t, correctedCsv);
            assert.deepEqual(correctedExpected, { total: 7, success: 5, failure: 2, partial: 0 }, "the fake's rules: the ragged rows fail, the rest imports");
            const [correctedRun] = await runOnFake(t, correctedImport.importid);
            assert.equal(correctedRun.processingstatus, 11, "Import Complete");
            assert.deepEqual(
                { total: correctedRun.total, success: correctedRun.success, failure: correctedRun.failure, partial: correctedRun.partial },
                correctedExpected,
                "the corrected rows' counts",
            );

            // 3. Import failed rows again: a new import with one file of the failed source lines, same settings, but the
            // partly failed rows (useFixFailures.ts isPartial: the file has partly failed rows, the line a Transform failure).
            assert.ok(original.partialfailurecount > 0, "accounts.csv has partly failed rows");
            const leftOut = seed.failed.filter((n) => seed.logs.some((l) => l.line === n && l.phase === 1));
            assert.deepEqual(leftOut, [20, 23], "the partly failed lines (primary contact not found)");
            const retried = seed.failed.filter((n) => !leftOut.includes(n));
            assert.deepEqual(retried, [6, 9, 12, 15, 18], "the lines that made no record");
            await section.getByRole("button", { name: REIMPORT }).click();
            const reimported =
                `The new import “${RETRY_NAME}” has 5 failed rows, ready for Run all. ` +
                "2 partly failed rows were left out: their records exist already (created without some values); correct them in Dataverse.";
            await section.getByText(reimported).waitFor({ timeout: 10000 });
            created = await newImports(t);
            assert.equal(created.length, 2, "one more import");
            const retry = created.find((i) => i.importid !== correctedImport.importid);
            assert.equal(retry.name, RETRY_NAME);
            assert.equal(retry.modecode, modeCode, "the original's mode");
            const retryFiles = await t.sandbox((s, id) => s.fake.importFiles(id), retry.importid);
            assert.equal(retryFiles.length, 1, "one file in it");
            const retryFile = retryFiles[0];
            const failedAsIs = [seed.lines[0], ...retried.map((n) => seed.lines[n - 1])].join("\r\n") + "\r\n";
            assert.equal(retryFile.content, failedAsIs, "the header and the failed source lines but the partly failed ones, without the Errors column");
            for (const column of ["fielddelimitercode", "datadelimitercode", "isfirstrowheader", "targetentityname", "usesystemmap", "enableduplicatedetection", "filetypecode"]) {
                assert.equal(retryFile[column], original[column], `${column} as the original file's`);
            }
            assert.equal(await t.sandbox((s) => s.fake.requests.count("create:import")), 2, "two imports created in all");
            assert.equal(await t.sandbox((s) => s.fake.requests.count("delete:import")), 0, "nothing deleted");
            await axeClean(t.page, '[role="dialog"]');
            await section.getByRole("button", { name: `Open “${RETRY_NAME}”` }).click();
            await t.eventually(async () => (await t.status()) === `Would open the import form of ${retry.importid}.`, {
                message: "the sandbox's line for opening the re-import's form",
            });
            await t.screenshot("failed rows again");

            const retryExpected = await expectedCounts(t, retryFile.content);
            // Lines 6 and 12 are ragged (parse), 18 has -40 employees (out of range); 9 and 15 failed on the seed's own
            // rules (email, duplicate), which a created file has not: they import.
            assert.deepEqual(retryExpected, { total: 5, success: 2, failure: 3, partial: 0 }, "the fake's rules: the ragged rows and -40 fail, the rest imports");
            const [retryRun] = await runOnFake(t, retry.importid);
            assert.deepEqual({ total: retryRun.total, success: retryRun.success, failure: retryRun.failure, partial: retryRun.partial }, retryExpected, "the re-imported rows' counts");
            // The original import is as it was.
            const seeded = await t.sandbox((s, id) => s.fake.importFiles(id).map((f) => [f.name, f.successcount, f.failurecount, f.partialfailurecount]), IMPORT_ID);
            assert.deepEqual(seeded.find(([name]) => name === "accounts.csv"), ["accounts.csv", 17, 5, 2]);
        },
    },
    {
        name: "fix and re-import: a file that can't be created leaves no import behind",
        timeout: 60000,
        async run(t) {
            await t.open({ scenario: "completed-with-failures" });
            await waitForOutcome(t);
            const { section } = await openAccountsLog(t);
            await t.sandbox((s) => {
                s.fake.faults.failNext({ kind: "server", message: "The server could not save the file." }, { match: "create:importfile" });
            });
            const mark = await t.sandbox((s) => s.fake.requests.mark());
            await section.getByRole("button", { name: REIMPORT }).click();
            const alert = section.getByRole("alert").filter({ hasText: "The new import was not created (nothing was left behind)." });
            await alert.waitFor({ timeout: 10000 });
            assert.ok((await alert.innerText()).includes("The server could not save the file."), "the reason is shown");
            const writes = await t.sandbox(
                (s, m) => s.fake.requests.since(m).filter((e) => ["create", "delete"].includes(e.kind)).map((e) => `${e.kind}:${e.entity}`),
                mark,
            );
            assert.deepEqual(writes, ["create:import", "create:importfile", "delete:import"]);
            assert.deepEqual(await newImports(t), [], "the new import is deleted again");
            assert.equal(await section.getByRole("button", { name: /^Open “/ }).count(), 0, "nothing to open");
            await axeClean(t.page, '[role="dialog"]');
            await t.screenshot();
        },
    },
];
