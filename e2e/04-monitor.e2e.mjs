/**
 * The live monitor (issue 11): the control follows any run of the import, whoever started it (the Import
 * Data Wizard, another tab, code), on load and when its window regains focus, with an import summary above
 * the list, failures shown per file and phase as they are logged, and an end that never looks like success
 * when rows failed. Runs the sandbox's ?scenario= states (sandbox/dataverse/scenarios.ts) and its
 * "Wizard: run in the background" button; nothing here clicks the control unless the scenario says so.
 *
 * What the fake computes from its seed (sandbox/dataverse/seed.ts) once the whole import has run:
 * contacts.csv 40 rows, all imported; accounts.csv 24 rows: 17 succeed, 5 fail, 2 partly fail; leads.csv 12
 * rows, all fail. So 76 rows, 57 succeeded, 2 partly failed, 17 failed: 19 failed rows (failed + partly
 * failed) in 2 files. Its importlog holds 19 rows: accounts.csv 2 at parse (ragged rows), 2 at transform
 * (primary contact not found), 3 at import; leads.csv 2 at parse, 10 at import.
 */
import assert from "node:assert/strict";
import { isDeepStrictEqual } from "node:util";
import { FAST, HOST, axeClean } from "./harness.mjs";

const IMPORT_ID = "7c1e4b52-9a3d-4f6e-b8a0-2d5c9e1f6a43";
const ACCOUNTS_ID = "4e9b2c71-8d05-4a3f-b61e-0c7d9a2f5b88";

/** The import once parse, transform and import have run over the seed (see the header). */
const FINAL = {
    outcomeText: "Completed with 19 failed rows in 2 files",
    totals: "3 files · 76 rows · 57 succeeded · 2 partly failed · 17 failed · 19 failures logged",
    runDone: "The import finished with 19 failed rows in 2 files. Open a file's failure log to see why.",
    logged: {
        "accounts.csv": "Failures logged: 2 at parse, 2 at transform, 3 at import",
        "leads.csv": "Failures logged: 2 at parse, 10 at import",
    },
    steps: {
        "contacts.csv": ["done", "done", "done", "done"],
        // Parse, Transform and Import each finished with rows failed in them; so did the import as a whole.
        "accounts.csv": ["warning", "warning", "warning", "warning"],
        // No row of leads.csv failed at transform (the rows that failed at parse are not transformed).
        "leads.csv": ["warning", "done", "warning", "warning"],
    },
};

/** Run all, Parse, Transform, Import: the commands that start stages. */
const RUN_COMMANDS = ["runAll", "parse", "transform", "import"];
/** "This import is in progress (started elsewhere…" or "<Stage> was already running for this import (started elsewhere)…". */
const STARTED_ELSEWHERE = /^(This import is in progress \(started elsewhere, for example by the Import Data Wizard\)|(Parse|Transform|Import) was already running for this import \(started elsewhere\))/;

/**
 * What the monitor shows, read in one go: the summary (data-outcome, outcome text, totals, facts), the
 * message bars (type from Fluent's class, test id, text), the stepper states per file, the logged counts
 * and failure-log buttons per file, and which commands are disabled.
 */
function monitor(t) {
    return t.page.evaluate(() => {
        const c = document.getElementById("control-container");
        const text = (el) => (el?.textContent ?? "").replace(/\s+/g, " ").trim();
        const summary = c.querySelector("[data-testid=import-summary]");
        const rows = [...c.querySelectorAll('[role="grid"] [role="row"]')];
        const rowOf = (file) => rows.find((r) => text(r).includes(file));
        const files = ["accounts.csv", "contacts.csv", "leads.csv"];
        return {
            outcome: summary?.getAttribute("data-outcome") ?? null,
            outcomeText: text(summary?.querySelector("[data-testid=import-outcome]")),
            totals: text(summary?.querySelector("[data-testid=import-totals]")),
            summaryText: (summary?.innerText ?? "").replace(/\s+/g, " ").trim(),
            listLoading: window.sandbox?.host?.dataset?.loading ?? null,
            openJob: Boolean(summary?.querySelector("[data-testid=open-job]")),
            progress: summary?.querySelector('[role="progressbar"]')?.getAttribute("aria-label") ?? null,
            bars: [...c.querySelectorAll(".ms-MessageBar")].map((b) => ({
                type: /ms-MessageBar--(\w+)/.exec(b.className)?.[1] ?? "info",
                testId: b.querySelector("[data-testid]")?.getAttribute("data-testid") ?? null,
                text: text(b.querySelector(".ms-MessageBar-text") ?? b),
            })),
            steps: Object.fromEntries(
                [...c.querySelectorAll('ul[aria-label^="Processing steps of "]')].map((u) => [
                    u.getAttribute("aria-label").slice("Processing steps of ".length),
                    [...u.querySelectorAll(":scope > li")].map((li) => li.getAttribute("data-state")),
                ]),
            ),
            logged: Object.fromEntries(files.map((f) => [f, text(rowOf(f)?.querySelector("[data-testid=logged-count]")) || null])),
            logButtons: files.filter((f) => c.querySelector(`button[aria-label="Failure log for ${f}"]`)),
            disabled: Object.fromEntries(
                [...c.querySelectorAll("[data-testid^=command-]")].map((b) => [
                    b.getAttribute("data-testid").slice("command-".length),
                    b.disabled || b.getAttribute("aria-disabled") === "true",
                ]),
            ),
        };
    });
}

/** The actions the control sent (ParseImport, TransformImport, ImportRecordsImport): the wizard's are not logged. */
function actionsSent(t) {
    return t.sandbox((s) => s.fake.requests.entries("execute:*").map((e) => e.operation ?? "execute"));
}

/**
 * Polls the monitor until `done(m)` holds, calling `seen(m)` on every reading on the way (to check what was
 * shown meanwhile: an assertion failing there fails the scenario at once). Returns the last reading.
 */
async function follow(t, done, { timeout = 25000, message, seen = () => undefined } = {}) {
    let last = null;
    let failure = null;
    await t.eventually(
        async () => {
            last = await monitor(t);
            try {
                seen(last);
            } catch (e) {
                failure = e;
                return true;
            }
            return done(last);
        },
        { timeout, interval: 100, message },
    );
    if (failure) throw failure;
    return last;
}

/** Fails if the reading shows an import with failed rows as a success (a green bar or the "completed" outcome). */
function neverSuccess(m) {
    const success = m.bars.filter((b) => b.type === "success");
    assert.deepEqual(success, [], "a success message bar while rows of the import failed");
    assert.notEqual(m.outcome, "completed", `the summary says "${m.outcomeText}" while rows of the import failed`);
}

/** The end of the seeded import as the monitor shows it: the summary, the per-file failures, never a success. */
function assertFinalSummary(m) {
    assert.equal(m.outcome, "completedWithFailures", "data-outcome of the import summary");
    assert.equal(m.outcomeText, FINAL.outcomeText, "the outcome in the summary");
    assert.equal(m.totals, FINAL.totals, "the totals in the summary");
    assert.deepEqual(m.steps, FINAL.steps, "the steppers' data-state per file");
    assert.deepEqual(m.logged, { "contacts.csv": null, ...FINAL.logged }, "the failures logged per file");
    assert.deepEqual(m.logButtons, ["accounts.csv", "leads.csv"], "the files with a failure-log button");
    neverSuccess(m);
}

/** The run-done bar is there with its text (Fluent's MessageBar renders its text a moment after the bar: a live region). */
function hasRunDone(m) {
    return m.bars.some((b) => b.testId === "run-done" && b.text !== "");
}

/** The run has ended: the summary completed with failures and the run-done bar. */
function ended(m) {
    return m.outcome === "completedWithFailures" && hasRunDone(m);
}

/**
 * Follows the run to its end (see follow), then the list to its read after the run: the control refreshes the
 * dataset when a stage ends, and until that read has answered and reached the view the rows show the
 * previous read (e.g. Import still pending) under the summary's end. Returns the reading once the list
 * shows the end too, or after 5 s the last one (the assertions on it then say what differs).
 */
async function followToEnd(t, options) {
    await follow(t, ended, options);
    let last = null;
    await follow(t, (m) => ended(m) && !m.listLoading && isDeepStrictEqual(m.steps, FINAL.steps), {
        timeout: 5000,
        message: "the list's read after the run",
        seen: (m) => {
            options.seen?.(m);
            last = m;
        },
    }).catch((e) => {
        if (!/^Timed out/.test(e.message)) throw e;
    });
    return last;
}

/** The run-done bar: a warning with the failed rows, never a success. */
function assertRunDoneWarning(m) {
    const done = m.bars.filter((b) => b.testId === "run-done");
    assert.deepEqual(done, [{ type: "warning", testId: "run-done", text: FINAL.runDone }], "the run-done bar");
}

/** While a run is followed: every command that starts a stage, Refresh and Stop (no Run all of this control's) are disabled. */
function assertBusyCommands(m) {
    for (const key of [...RUN_COMMANDS, "refresh", "stop"]) assert.equal(m.disabled[key], true, `${key} is disabled while the run is followed (${JSON.stringify(m.disabled)})`);
}

/** The lines of a file's importlog rows of one phase (0 parse, 1 transform, 2 import create). */
function logLines(t, fileId, phase) {
    return t.sandbox((s, [id, p]) => s.fake.importLogs(id).filter((l) => l.logphasecode === p).map((l) => l.linenumber).sort((a, b) => a - b), [fileId, phase]);
}

export default [
    {
        name: "monitor: picks up a wizard run mid-parse with no click",
        timeout: 40000,
        async run(t) {
            // 400 ms a step: Parse has ~1.2 s left when the control loads; Transform and Import outlast a poll.
            await t.open({ scenario: "mid-parse", stepMs: "400" });
            const stagesSeen = new Set();
            const adopted = await follow(t, (m) => m.outcome === "inProgress" && m.bars.some((b) => STARTED_ELSEWHERE.test(b.text)), {
                timeout: 5000,
                message: "the summary in progress and a bar saying the run was started elsewhere, with no click",
            });
            assert.equal(adopted.outcomeText, "Parse in progress", "the summary names the stage the wizard is running");
            assert.match(adopted.summaryText, /Status reason: Parsing/);
            assert.match(adopted.summaryText, /Running for \d+ s/);
            assert.ok(adopted.openJob, "a link to the system job");
            assertBusyCommands(adopted);

            const end = await followToEnd(t, {
                timeout: 25000,
                message: "the wizard's run followed to its end: completedWithFailures and the run-done bar",
                seen: (m) => {
                    neverSuccess(m);
                    if (m.outcome === "inProgress") {
                        assertBusyCommands(m);
                        const stage = /^(Parse|Transform|Import) in progress$/.exec(m.outcomeText)?.[1];
                        if (stage) stagesSeen.add(stage);
                    }
                },
            });
            assert.deepEqual([...stagesSeen], ["Parse", "Transform", "Import"], "the summary followed every stage of the wizard's run");
            assertFinalSummary(end);
            assertRunDoneWarning(end);
            assert.match(end.summaryText, /Status reason: Completed/);
            assert.match(end.summaryText, /Took \d+ s/);
            assert.equal(end.disabled.runAll, true, "Run all stays disabled: the import is complete");
            assert.equal(end.disabled.refresh, false, "Refresh is back once the run has ended");
            assert.deepEqual(await actionsSent(t), [], "the control sent no action of its own: it followed the wizard's jobs");
            await t.screenshot();
        },
    },
    {
        name: "monitor: failures show during Transform",
        timeout: 45000,
        async run(t) {
            await t.open({ stepMs: "200" });
            await t.control.getByRole("button", { name: "Run all" }).click();
            // Hold Transform (1.5 s a step) once it runs, so what shows after Parse is checked before Import.
            await t.eventually(() => t.sandbox((s, id) => s.fake.runningStage(id)?.stage === "transform", IMPORT_ID), {
                interval: 25,
                message: "Run all's Transform job running in the fake",
            });
            await t.sandbox((s) => s.fake.setStepMs(1500));
            const parseLines = await logLines(t, ACCOUNTS_ID, 0);
            assert.equal(parseLines.length, 2, "the fake logged accounts.csv's 2 ragged rows at parse");

            const during = await follow(t, (m) => m.steps["accounts.csv"]?.[1] === "active" && m.logged["accounts.csv"] !== null && m.logged["leads.csv"] !== null, {
                timeout: 5000,
                message: "accounts.csv in Transform with the parse failures of accounts.csv and leads.csv logged",
            });
            assert.equal(during.outcomeText, "Transform in progress");
            assert.match(during.logged["accounts.csv"], /^Failures logged: 2 at parse\b/);
            assert.match(during.logged["leads.csv"], /^Failures logged: 2 at parse\b/);
            assert.equal(during.logged["contacts.csv"], null, "contacts.csv has no failure");
            assert.deepEqual(during.logButtons, ["accounts.csv", "leads.csv"], "failure-log buttons of the files with parse failures, during Transform");
            assert.deepEqual(during.steps["accounts.csv"], ["warning", "active", "pending", "pending"], "accounts.csv: Parse done with failed rows, Transform running");
            assert.deepEqual(during.steps["contacts.csv"], ["done", "active", "pending", "pending"]);
            neverSuccess(during);

            // The failure log of accounts.csv, opened while Transform runs: its rows logged at parse.
            await t.control.getByRole("button", { name: "Failure log for accounts.csv" }).click();
            const dialog = t.page.getByRole("dialog", { name: /Failure log: accounts\.csv/ });
            await dialog.waitFor({ state: "attached", timeout: 10000 });
            const grid = dialog.getByRole("grid", { name: "Failed rows of accounts.csv" });
            await grid.waitFor({ timeout: 10000 });
            const parseRows = await t.eventually(
                async () => {
                    const rows = await grid.evaluate((g) =>
                        [...g.querySelectorAll('[role="row"]')]
                            .map((r) => ({
                                line: r.querySelector('[data-automation-key="line"]')?.textContent?.trim(),
                                phase: r.querySelector('[data-automation-key="phase"]')?.textContent?.trim(),
                            }))
                            .filter((r) => r.line !== undefined),
                    );
                    const parse = rows.filter((r) => r.phase === "Parse").map((r) => Number(r.line));
                    return parse.length === parseLines.length && parse;
                },
                { message: `the ${parseLines.length} parse rows of accounts.csv in its failure log` },
            );
            assert.deepEqual([...parseRows].sort((a, b) => a - b), parseLines, "the lines of the parse rows in the failure log");
            await t.screenshot("failure-log");
            // All of that happened before Import: Transform is still the job running, no Import job exists yet.
            const jobs = await t.sandbox((s, id) => ({ running: s.fake.runningStage(id)?.stage ?? null, types: s.fake.jobs(id).map((j) => j.operationtype) }), IMPORT_ID);
            assert.equal(jobs.running, "transform", "Transform still runs");
            assert.ok(!jobs.types.includes(5), `no Import job yet (job types ${jobs.types.join(", ")})`);

            await t.page.keyboard.press("Escape");
            await t.eventually(async () => (await t.page.getByRole("dialog").count()) === 0, { timeout: 5000, message: "the failure log to close" });
            await t.sandbox((s) => s.fake.setStepMs(50));
            const end = await followToEnd(t, {
                timeout: 20000,
                message: "Run all's end",
                seen: neverSuccess,
            });
            assertFinalSummary(end);
            assertRunDoneWarning(end);
        },
    },
    {
        name: "monitor: a completed-with-failures import looks like one on load",
        timeout: 30000,
        async run(t) {
            await t.open({ scenario: "completed-with-failures" });
            // The summary is complete once the monitor's own reads (jobs, files, importlog counts) have answered.
            const m = await follow(t, (r) => r.totals === FINAL.totals && r.logged["accounts.csv"] !== null && !r.listLoading, {
                timeout: 10000,
                message: `the totals "${FINAL.totals}" and the logged counts, with no click`,
            });
            assertFinalSummary(m);
            assert.match(m.summaryText, /Status reason: Completed/);
            assert.match(m.summaryText, /Mode: Create/);
            assert.match(m.summaryText, /Started .+ Took \d+ s/);
            assert.ok(m.openJob, "a link to the system job");
            assert.deepEqual(m.bars.filter((b) => b.type === "success"), [], "no success bar");
            assert.deepEqual(m.bars.filter((b) => b.testId === "run-done"), [], "no run-done bar: nothing was run while the form was open");
            assert.equal(m.disabled.runAll, true, "Run all is disabled: the import is complete");
            await axeClean(t.page, "#control-container");
            await t.screenshot();
        },
    },
    {
        name: "monitor: the wizard button is picked up with no click in the control",
        timeout: 40000,
        async run(t) {
            await t.open({ stepMs: "250" });
            await follow(t, (m) => m.outcome === "notStarted" && /Status reason: Submitted/.test(m.summaryText), {
                timeout: 10000,
                message: "the monitor's first read on load (Not started, Status reason: Submitted)",
            });
            // A maker comes back from the wizard's window later than the control's minimum gap between two reads
            // of its own (CHECK_MIN_GAP_MS, 3 s, in hooks/importRunner.ts): wait past it, so what picks the run up
            // is the window's focus event, not a check held back by that gap.
            await t.page.waitForTimeout(3500);
            const readsBefore = await t.sandbox((s) => s.fake.requests.entries("retrieveMultiple:asyncoperation").length);
            await t.page.locator("#sb-wizard-run").click();
            await t.eventually(async () => /Import Data Wizard is running/.test(await t.status()), { message: "the sandbox's wizard line" });
            // No poll runs while nothing is in progress: only the focus event can make the control look.
            const adopted = await follow(t, (m) => m.outcome === "inProgress" && m.bars.some((b) => STARTED_ELSEWHERE.test(b.text)), {
                timeout: 3000,
                message: "the wizard's run followed after the window regained focus (summary inProgress, a bar saying started elsewhere)",
            });
            assert.match(adopted.outcomeText, /^(Parse|Transform|Import) in progress$/);
            assertBusyCommands(adopted);
            assert.ok((await t.sandbox((s) => s.fake.requests.entries("retrieveMultiple:asyncoperation").length)) > readsBefore, "the jobs were read again");

            const end = await followToEnd(t, {
                timeout: 25000,
                message: "the wizard's run followed to its end",
                seen: neverSuccess,
            });
            assertFinalSummary(end);
            assertRunDoneWarning(end);
            assert.deepEqual(await actionsSent(t), [], "the control sent no action: the wizard ran the import");
        },
    },
    {
        name: "monitor: mid-import shows live counts",
        timeout: 40000,
        async run(t) {
            // 1 s a step: about 6 s of Import left when the control loads, so several polls see the counts grow,
            // and the rate (measured between two polls with different counts) appears while importing.
            await t.open({ scenario: "mid-import", stepMs: "1000" });
            const processed = [];
            let rate = null;
            let progress = null;
            const count = (totals, label) => Number(new RegExp(`(?:^| · )(\\d+) ${label}(?: · |$)`).exec(totals)?.[1] ?? NaN);
            const end = await followToEnd(t, {
                timeout: 30000,
                message: "the import followed to its end",
                seen: (m) => {
                    neverSuccess(m);
                    if (m.outcome !== "inProgress" || m.outcomeText !== "Import in progress") return;
                    const n = count(m.totals, "succeeded") + count(m.totals, "partly failed") + count(m.totals, "failed");
                    if (Number.isFinite(n) && processed.at(-1) !== n) processed.push(n);
                    rate ??= /(?:^| · )(\d+ rows? a second)(?: · |$)/.exec(m.totals)?.[1] ?? null;
                    progress ??= m.progress;
                },
            });
            assert.ok(processed.length >= 2, `the processed rows in the summary changed while importing (${processed.join(" → ")})`);
            for (let i = 1; i < processed.length; i++) assert.ok(processed[i] > processed[i - 1], `the processed rows only grow (${processed.join(" → ")})`);
            assert.ok(processed[0] > 0, "mid-import: some rows were already counted when the control loaded");
            // The fake's speed (1 s a step) lets the rate appear, so the rate is asserted (not only the progress bar).
            assert.ok(rate, "a rate (\"… rows a second\") in the summary while importing");
            assert.match(progress ?? "", /^\d+ of 76 rows processed$/, "the summary's progress bar while importing");
            assert.equal(processed.at(-1) <= 76, true);
            assertFinalSummary(end);
            assertRunDoneWarning(end);
            assert.doesNotMatch(end.totals, /a second|left/, "no rate or time left once the run has ended");
        },
    },
    {
        name: "monitor: Run all is disabled while the list is still loading",
        timeout: 40000,
        async run(t) {
            // Every Web API call takes 3 s: the list's reads are under way for a while after the control shows.
            const query = new URLSearchParams({ ...FAST, host: HOST, latencyMs: "3000" });
            await t.page.goto(`${t.origin}/?${query}`);
            const runAll = t.control.locator("[data-testid=command-runAll]");
            const description = () => runAll.evaluate((b) => document.getElementById(b.getAttribute("aria-describedby") ?? "")?.textContent ?? "");
            const disabledWhileLoading = async (when) => {
                const m = await monitor(t);
                for (const key of RUN_COMMANDS) assert.equal(m.disabled[key], true, `${key} is disabled ${when} (${JSON.stringify(m.disabled)})`);
                assert.equal(await description(), "Loading the files of this import…", `Run all says why it is disabled ${when}`);
                // force: Playwright would wait for the button to be enabled; a user's click (or Enter) lands anyway.
                await runAll.click({ force: true });
                await t.page.keyboard.press("Enter");
            };

            // 1. The first read: the spinner, no list yet.
            const spinner = t.control.locator(".ms-Spinner").filter({ hasText: "Loading the files of this import…" });
            await spinner.waitFor({ timeout: 10000 });
            assert.equal(await t.grid().count(), 0, "no list yet, only the loading spinner");
            await disabledWhileLoading("while the spinner shows");
            assert.equal(await spinner.count(), 1, "still the spinner when Run all was clicked");

            // 2. The files are listed, and read again (the control adds the columns it needs): the loading notice.
            await t.page.locator("body[data-sandbox=ready]").waitFor({ timeout: 15000 });
            const notice = t.control.locator(".ms-MessageBar").filter({ hasText: "Loading the files of this import…" });
            await notice.waitFor({ timeout: 5000 });
            assert.ok((await t.grid().getByRole("row").count()) > 1, "the files are listed under the loading notice");
            await disabledWhileLoading("while the list is read again (loading notice)");
            assert.equal(await notice.count(), 1, "still loading when Run all was clicked");

            // 3. Loaded: Run all is enabled (nothing else held it), and nothing was sent by the clicks before.
            await t.eventually(async () => (await notice.count()) === 0 && (await runAll.getAttribute("aria-disabled")) !== "true", {
                timeout: 15000,
                message: "the list loaded and Run all enabled",
            });
            assert.match(await description(), /^Runs the remaining stages one after another, starting with Parse$/);
            assert.deepEqual(await actionsSent(t), [], "no action sent by the clicks on the disabled Run all");
            assert.deepEqual(await t.sandbox((s, id) => s.fake.jobs(id).length, IMPORT_ID), 0, "no system job");
            // The summary appears once the monitor has read every file (three reads, 3 s each here).
            await t.eventually(async () => (await monitor(t)).outcome === "notStarted", { timeout: 20000, message: "the summary says nothing started" });
        },
    },
];
