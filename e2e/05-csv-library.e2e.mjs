/**
 * The CSV library (ImportMonitorCsv, a dependent library loaded on demand): not fetched until a preview or an
 * export needs it; when it can't be loaded, the preview says so and offers a retry, and the list, runs and the
 * failure log keep working. The sandbox's loadDependency (sandbox/page/host.ts dependencyLoader) loads the built
 * library's packaged_library script, or fails with ?library=fail.
 */
import assert from "node:assert/strict";

const LIBRARY_SCRIPT = /\/controls\/ImportMonitorCsv\/libs\/importMonitorCsv\.js$/;
const PREVIEW_LEADS = /^Preview leads\.csv$/;

/** Every request the page makes for the library's script, from now on. */
function watchLibraryRequests(t) {
    const seen = [];
    t.page.on("request", (request) => {
        if (LIBRARY_SCRIPT.test(request.url())) seen.push(request.url());
    });
    return seen;
}

export default [
    {
        name: "the CSV library is fetched on the first preview, not with the page, and only once",
        async run(t) {
            const requests = watchLibraryRequests(t);
            await t.open();
            await t.page.waitForTimeout(500);
            assert.equal(requests.length, 0, "no request for the CSV library before a preview");
            const preview = await t.requireButton(PREVIEW_LEADS, "CSV preview");
            await preview.click();
            const dialog = t.page.getByRole("dialog", { name: /Preview of leads\.csv/ });
            await t.eventually(async () => /semicolon/i.test(await dialog.innerText()), { message: "the preview's semicolon finding" });
            assert.equal(requests.length, 1, "the library was fetched once");
            await t.page.keyboard.press("Escape");
            await t.eventually(async () => (await t.page.getByRole("dialog").count()) === 0, { message: "the panel to close" });
            await preview.click();
            await t.eventually(async () => /semicolon/i.test(await t.page.getByRole("dialog").innerText()), { message: "the second preview" });
            assert.equal(requests.length, 1, "a second preview reuses the loaded library");
        },
    },
    {
        name: "when the CSV library can't be loaded, the preview says so with Try again, and Run all still works",
        timeout: 90000,
        async run(t) {
            await t.open({ library: "fail" });
            const preview = await t.requireButton(PREVIEW_LEADS, "CSV preview");
            await preview.click();
            const dialog = t.page.getByRole("dialog", { name: /Preview of leads\.csv/ });
            await t.eventually(async () => /CSV library could not be loaded/.test(await dialog.innerText()), { message: "the library notice" });
            assert.ok(await dialog.getByRole("button", { name: "Try again" }).isVisible(), "Try again is offered");
            await t.screenshot();
            await t.page.keyboard.press("Escape");
            await t.eventually(async () => (await t.page.getByRole("dialog").count()) === 0, { message: "the panel to close" });
            await (await t.requireButton("Run all", "Run all")).click();
            await t.eventually(
                async () => (await t.sandbox((s) => s.fake.importFiles().every((f) => f.statuscode === 4))) === true,
                { timeout: 60000, interval: 250, message: "every file Completed in Dataverse" },
            );
        },
    },
    {
        name: "without loadDependency (as in canvas apps) the preview says it needs a model-driven app",
        async run(t) {
            await t.open({ library: "absent" });
            await (await t.requireButton(PREVIEW_LEADS, "CSV preview")).click();
            const dialog = t.page.getByRole("dialog", { name: /Preview of leads\.csv/ });
            await t.eventually(async () => /model-driven apps only/.test(await dialog.innerText()), { message: "the no-loader notice" });
            assert.equal(await dialog.getByRole("button", { name: "Try again" }).count(), 0, "no retry where it can never work");
        },
    },
];
