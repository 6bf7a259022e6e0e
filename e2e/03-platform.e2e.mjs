/**
 * The platform's documented behaviour (docs/platform-contract.md), in the host profile of this pass
 * (E2E_HOST: model-driven as documented, or strict): paging that never drifts, a failed dataset read that
 * says so, the updateView calls the host makes, and table columns read in full.
 */
import assert from "node:assert/strict";
import { HOST } from "./harness.mjs";

/** The paging bar's page label ("Page 2"). */
async function pageLabel(t) {
    return t.page.getByRole("navigation", { name: "Pages of files" }).getByText(/^Page \d+$/).innerText();
}

/** The names of the file rows shown, in order. */
async function fileNames(t) {
    return t.grid().getByRole("button", { name: /^Open / }).allInnerTexts();
}

async function pageShows(t, page, first) {
    await t.eventually(async () => (await pageLabel(t)) === `Page ${page}` && (await fileNames(t))[0] === first, {
        message: `Page ${page} over rows starting with ${first}`,
    });
}

export default [
    {
        name: "the list fills from updateView calls with the host's updatedProperties",
        async run(t) {
            await t.open();
            const calls = await t.sandbox((s) => s.host.updateViews);
            assert.ok(calls >= 2, `init is followed by a loading updateView and the first population (${calls} calls)`);
            const names = await fileNames(t);
            assert.deepEqual(names, ["accounts.csv", "contacts.csv", "leads.csv"]);
            assert.equal(await t.sandbox(() => document.getElementById("sandbox-speed").textContent.split(" · ")[0]), `host ${HOST}`);
        },
    },
    {
        name: "paging shows the dataset's page: Next, Refresh and a sort never leave a page label over other rows",
        async run(t) {
            await t.open({ files: "60" }, { rows: 25 });
            const nav = t.page.getByRole("navigation", { name: "Pages of files" });
            const first = (await fileNames(t))[0];
            assert.equal(await pageLabel(t), "Page 1");
            await nav.getByRole("button", { name: "Next page" }).click();
            await t.eventually(async () => (await fileNames(t))[0] !== first, { message: "page 2's rows" });
            const second = (await fileNames(t))[0];
            await pageShows(t, 2, second);
            // The sandbox's subgrid goes back to page 1 on refresh, as a real one may: the label must follow.
            await t.control.getByRole("button", { name: "Refresh" }).click();
            await pageShows(t, 1, first);
            await nav.getByRole("button", { name: "Next page" }).click();
            await pageShows(t, 2, second);
            const loaded = await t.sandbox((s) => s.fake.requests.entries("retrieveMultiple:importfile").length);
            assert.ok(loaded >= 3);
            await nav.getByRole("button", { name: "Next page" }).click();
            await t.eventually(async () => (await pageLabel(t)) === "Page 3", { message: "Page 3" });
            assert.equal((await fileNames(t)).length, 10, "page 3 holds files 51–60");
        },
    },
    {
        name: "a failed read of the list says the files shown may be out of date, and keeps them",
        async run(t) {
            await t.open();
            const before = await fileNames(t);
            await t.sandbox((s) => s.fake.faults.failNext("offline", { match: "retrieveMultiple:importfile", count: 1 }));
            await t.control.getByRole("button", { name: "Refresh" }).click();
            await t.eventually(async () => (await t.control.innerText()).includes("The list of files could not be read"), {
                message: "the read-failure message",
            });
            assert.match(await t.control.innerText(), /The files shown may be out of date: refresh to try again\./);
            assert.deepEqual(await fileNames(t), before);
            await t.control.getByRole("button", { name: "Refresh" }).click();
            await t.eventually(async () => !(await t.control.innerText()).includes("could not be read"), { message: "the message gone after a good read" });
        },
    },
    {
        name: "every heading of accounts.csv and contacts.csv that is a column's display name is confirmed; a made-up one is not imported",
        async run(t) {
            await t.open();
            for (const file of ["accounts.csv", "contacts.csv"]) {
                await t.control.getByRole("button", { name: `Preview ${file}` }).click();
                const dialog = t.page.getByRole("dialog", { name: new RegExp(file.replace(".", "\\.")) });
                const list = dialog.getByRole("list", { name: `Headings of ${file} and their columns` });
                await list.waitFor({ timeout: 10000 });
                const items = await list.getByRole("listitem").allInnerTexts();
                assert.ok(items.length >= 4, `${file} has its headings listed`);
                for (const item of items) assert.match(item, /maps to/, `${file}: ${item}`);
                await dialog.getByRole("button", { name: "Close the preview" }).click();
                await t.eventually(async () => (await dialog.count()) === 0, { message: "the preview to close" });
            }
            const reads = await t.sandbox((s) => s.fake.requests.entries("getJson:*").map((e) => e.path));
            assert.equal(reads.length, 26, "thirteen table-definition reads per table (columns, the value rules' casts, keys, lookup targets), once each");
        },
    },
];
