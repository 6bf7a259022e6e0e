import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { createContext, createDataset, fileRecord } from "./pcf/contextFake";
import { ImportMonitor } from "../ImportMonitor/index";
import { renderControl } from "./pcf/renderControl";
import { REQUIRED_COLUMNS } from "../ImportMonitor/dataverse/datasetFiles";

const files = () => [
    fileRecord("f1", { name: "contacts.csv", targetentityname: "contact", size: "24", processingstatus: 11, statuscode: 4, successcount: 40, totalcount: 40 }),
    fileRecord("f2", { name: "accounts.csv", targetentityname: "account", size: "8", processingstatus: 5, statuscode: 2, successcount: 0, failurecount: 0, totalcount: 25 }),
    fileRecord("f3", { name: "leads.csv", targetentityname: "lead", processingstatus: 9, statuscode: 5, successcount: 10, failurecount: 3, partialfailurecount: 2, totalcount: 30 }),
];

/** 60 files f01.csv … f60.csv: three pages of 25. */
function sixtyFiles() {
    return Array.from({ length: 60 }, (_, i) => fileRecord(`f${String(i + 1).padStart(2, "0")}`));
}

function stepper(fileName: string) {
    return screen.getByRole("list", { name: `Processing steps of ${fileName}` });
}

// Paging tests render 25-row pages several times; three host profiles run in parallel on a 2-core machine.
jest.setTimeout(20000);

describe("ImportMonitor control", () => {
    it("adds the columns the view lacks, refreshes once and tracks container resize", () => {
        const dataset = createDataset(files(), { columns: ["name", "statuscode"] });
        const { context } = renderControl(dataset);
        expect(dataset.addedColumns).toEqual(REQUIRED_COLUMNS.filter((c) => c !== "name" && c !== "statuscode"));
        expect(dataset.refreshCount).toBe(1);
        expect(context.mode.trackContainerResize).toHaveBeenCalledWith(true);
    });

    it("adds columns in the first updateView where the dataset has loaded, never in init", () => {
        const dataset = createDataset([], { columns: ["name"], loading: true });
        const control = new ImportMonitor();
        const context = createContext(dataset, { updated: [] });
        control.init(context, jest.fn(), {});
        expect(dataset.addedColumns).toEqual([]);
        control.updateView(context);
        expect(dataset.addedColumns).toEqual([]);
        dataset.loading = false;
        dataset.setRecords(files());
        control.updateView(context);
        expect(dataset.addedColumns).toHaveLength(REQUIRED_COLUMNS.length - 1);
        expect(dataset.refreshCount).toBe(1);
        control.updateView(context);
        expect(dataset.refreshCount).toBe(1);
    });

    it("does not refresh when the view already has every column", () => {
        const dataset = createDataset(files(), { columns: [...REQUIRED_COLUMNS] });
        renderControl(dataset);
        expect(dataset.addedColumns).toEqual([]);
        expect(dataset.refreshCount).toBe(0);
    });

    it("lists one row per import file with name, source, target table, size, status reason and modified on", () => {
        renderControl(createDataset(files()));
        const grid = screen.getByRole("grid", { name: "Files of this import" });
        const rows = within(grid).getAllByRole("row");
        expect(rows).toHaveLength(4); // header + 3 files
        const first = within(rows[1]);
        expect(first.getByRole("button", { name: "Open contacts.csv" })).toBeInTheDocument();
        expect(first.getByText("contact")).toBeInTheDocument();
        expect(first.getByText("24 KB")).toBeInTheDocument();
        expect(first.getByText("Completed")).toBeInTheDocument();
        expect(first.getByText("20/11/2026 10:15")).toBeInTheDocument();
        expect(within(grid).getAllByRole("columnheader").map((h) => h.textContent)).toEqual(
            expect.arrayContaining(["File", "Source", "Target table", "Size", "Status reason", "Progress", "Modified on"]),
        );
    });

    it("shows each file's stepper with the current step marked and a readable label", () => {
        renderControl(createDataset(files()));
        const running = within(stepper("accounts.csv")).getAllByRole("listitem");
        expect(running.map((i) => i.getAttribute("aria-label"))).toEqual([
            "Parse: done",
            "Transform: Lookup transformation, in progress",
            "Import: not started",
            "Complete: not started",
        ]);
        expect(running[1]).toHaveAttribute("aria-current", "step");
        expect(running.filter((i) => i.hasAttribute("aria-current"))).toHaveLength(1);

        const failed = within(stepper("leads.csv")).getAllByRole("listitem");
        expect(failed[2]).toHaveAttribute("aria-label", "Import: Import pass 1, failed");
        expect(failed[2]).toHaveAttribute("aria-current", "step");
        expect(failed[1]).toHaveAttribute("aria-label", "Transform: done");

        const done = within(stepper("contacts.csv")).getAllByRole("listitem");
        expect(done.map((i) => i.getAttribute("data-state"))).toEqual(["done", "done", "done", "done"]);
        expect(done.some((i) => i.hasAttribute("aria-current"))).toBe(false);
    });

    it("shows an unknown status as a clear step instead of failing", () => {
        renderControl(createDataset([fileRecord("x", { name: "odd.csv", processingstatus: 42, statuscode: null })]));
        const item = within(stepper("odd.csv")).getByRole("listitem");
        expect(item).toHaveAttribute("aria-label", "Unknown status: Processing status 42, status reason —");
        expect(screen.getByText("Unknown status")).toBeInTheDocument();
    });

    it("shows counts and progress; failures stand out, zero failures stay quiet", () => {
        renderControl(createDataset(files()));
        const leads = screen.getByTestId("progress-f3");
        expect(within(leads).getByTestId("failure-count")).toHaveTextContent("3 failed");
        expect(within(leads).getByTestId("partial-count")).toHaveTextContent("2 partly failed");
        expect(within(leads).getByText("10 succeeded")).toBeInTheDocument();
        expect(within(leads).getByText("30 rows")).toBeInTheDocument();
        expect(within(leads).getByRole("progressbar", { name: "15 of 30 rows processed" })).toBeInTheDocument();

        const contacts = screen.getByTestId("progress-f1");
        expect(within(contacts).queryByTestId("failure-count")).toBeNull();
        expect(within(contacts).getByText("0 failed")).toBeInTheDocument();
        expect(within(contacts).getByRole("progressbar", { name: "40 of 40 rows processed" })).toHaveAttribute("aria-valuenow", "100");
    });

    it("shows an indeterminate bar while a stage runs with no total yet", () => {
        renderControl(createDataset([fileRecord("p", { name: "p.csv", processingstatus: 2, statuscode: 1 })]));
        const bar = within(screen.getByTestId("progress-p")).getByRole("progressbar", { name: "Processing, rows not counted yet" });
        expect(bar).not.toHaveAttribute("aria-valuenow");
    });

    it("shows a loading state while the dataset loads, then the rows", () => {
        const dataset = createDataset([], { loading: true });
        const view = renderControl(dataset);
        expect(screen.getByText("Loading the files of this import…")).toBeInTheDocument();
        dataset.loading = false;
        dataset.setRecords(files());
        view.update();
        expect(screen.queryByText("Loading the files of this import…")).toBeNull();
        expect(screen.getByRole("button", { name: "Open leads.csv" })).toBeInTheDocument();
    });

    it("shows the empty state when the import has no files", async () => {
        renderControl(createDataset([]));
        expect((await screen.findByText("No files in this import yet")).closest("[role=status]")).not.toBeNull();
        expect(screen.queryByRole("grid")).toBeNull();
    });

    it("opens a file's record by click and by keyboard", async () => {
        const user = userEvent.setup();
        const dataset = createDataset(files());
        renderControl(dataset);
        await user.click(screen.getByRole("button", { name: "Open contacts.csv" }));
        expect(dataset.opened).toEqual([{ id: { guid: "f1" }, etn: "importfile", name: "contacts.csv" }]);

        screen.getByRole("button", { name: "Open leads.csv" }).focus();
        await user.keyboard("{Enter}");
        expect(dataset.opened.map((r) => r.id.guid)).toEqual(["f1", "f3"]);
    });

    it("refreshes the dataset from the Refresh command", async () => {
        const user = userEvent.setup();
        const dataset = createDataset(files(), { columns: [...REQUIRED_COLUMNS] });
        renderControl(dataset);
        await user.click(screen.getByRole("button", { name: "Refresh" }));
        expect(dataset.refresh).toHaveBeenCalledTimes(1);
    });

    it("pages with the dataset's paging: the label is the dataset's page, Next asks for the page after it", async () => {
        const user = userEvent.setup();
        const many = sixtyFiles();
        const dataset = createDataset(many, { columns: [...REQUIRED_COLUMNS] });
        renderControl(dataset);
        const nav = screen.getByRole("navigation", { name: "Pages of files" });
        expect(within(nav).getByText("60 files")).toBeInTheDocument();
        expect(within(nav).getByText("Page 1")).toBeInTheDocument();
        expect(within(nav).getByRole("button", { name: "Previous page" })).toBeDisabled();
        await user.click(within(nav).getByRole("button", { name: "Next page" }));
        expect(dataset.loadedPages).toEqual([2]);
        await screen.findByRole("button", { name: "Open f26.csv" });
        expect(within(nav).getByText("Page 2")).toBeInTheDocument();
        await user.click(within(nav).getByRole("button", { name: "Next page" }));
        await screen.findByRole("button", { name: "Open f51.csv" });
        expect(within(nav).getByText("Page 3")).toBeInTheDocument();
        expect(within(nav).getByRole("button", { name: "Next page" })).toBeDisabled();
        await user.click(within(nav).getByRole("button", { name: "Previous page" }));
        expect(dataset.loadedPages).toEqual([2, 3, 2]);
        await screen.findByRole("button", { name: "Open f26.csv" });
        expect(within(nav).getByText("Page 2")).toBeInTheDocument();
    });

    it("asks for one page however fast Next is clicked", async () => {
        const many = sixtyFiles();
        const dataset = createDataset(many, { columns: [...REQUIRED_COLUMNS] });
        renderControl(dataset);
        const next = within(screen.getByRole("navigation", { name: "Pages of files" })).getByRole("button", { name: "Next page" });
        // Two clicks before the platform has answered the first.
        fireEvent.click(next);
        fireEvent.click(next);
        await screen.findByRole("button", { name: "Open f26.csv" });
        expect(dataset.loadedPages).toEqual([2]);
        expect(screen.getByText("Page 2")).toBeInTheDocument();
    });

    it.each(["first", "keep"] as const)("never shows a page number the rows are not from after a refresh that goes to the %s page", async (refreshPage) => {
        const user = userEvent.setup();
        const many = sixtyFiles();
        const dataset = createDataset(many, { columns: [...REQUIRED_COLUMNS], refreshPage });
        renderControl(dataset);
        const nav = screen.getByRole("navigation", { name: "Pages of files" });
        await user.click(within(nav).getByRole("button", { name: "Next page" }));
        await screen.findByRole("button", { name: "Open f26.csv" });
        await user.click(screen.getByRole("button", { name: "Refresh" }));
        const expected = refreshPage === "first" ? { page: 1, file: "f01.csv", next: 2 } : { page: 2, file: "f26.csv", next: 3 };
        await screen.findByRole("button", { name: `Open ${expected.file}` });
        await waitFor(() => expect(within(nav).getByText(`Page ${expected.page}`)).toBeInTheDocument());
        await user.click(within(nav).getByRole("button", { name: "Next page" }));
        expect(dataset.loadedPages.at(-1)).toBe(expected.next);
    });

    it("keeps the page number when a page read fails, and says the list may be out of date", async () => {
        const user = userEvent.setup();
        const many = sixtyFiles();
        const dataset = createDataset(many, { columns: [...REQUIRED_COLUMNS] });
        renderControl(dataset);
        const nav = screen.getByRole("navigation", { name: "Pages of files" });
        dataset.failNextLoad("Network error");
        await user.click(within(nav).getByRole("button", { name: "Next page" }));
        const warning = await screen.findByText(/The list of files could not be read \(Network error\)\. The files shown may be out of date/);
        expect(warning).toBeInTheDocument();
        expect(within(nav).getByText("Page 1")).toBeInTheDocument();
        expect(screen.getByRole("button", { name: "Open f01.csv" })).toBeInTheDocument();
        await user.click(within(nav).getByRole("button", { name: "Next page" }));
        await screen.findByRole("button", { name: "Open f26.csv" });
        expect(within(nav).getByText("Page 2")).toBeInTheDocument();
        expect(screen.queryByText(/could not be read/)).toBeNull();
    });

    it("keeps the sort arrow of the rows shown when the sorted read fails", async () => {
        const dataset = createDataset(files(), { columns: [...REQUIRED_COLUMNS] });
        renderControl(dataset);
        dataset.failNextLoad("");
        fireEvent.click(screen.getByText("File"));
        await screen.findByText(/The list of files could not be read\. The files shown may be out of date/);
        const header = screen.getAllByRole("columnheader").find((h) => h.textContent?.includes("File"))!;
        expect(header).not.toHaveAttribute("aria-sort", "ascending");
        expect(screen.getAllByRole("button", { name: /^Open / }).map((b) => b.textContent)).toEqual(["contacts.csv", "accounts.csv", "leads.csv"]);
        // The same sort, read successfully, shows its arrow.
        fireEvent.click(screen.getByText("File"));
        await waitFor(() => expect(screen.queryByText(/could not be read/)).toBeNull());
        const sorted = screen.getAllByRole("columnheader").find((h) => h.textContent?.includes("File"))!;
        expect(sorted).toHaveAttribute("aria-sort", "ascending");
    });

    it("has no paging bar when everything fits on one page", () => {
        renderControl(createDataset(files()));
        expect(screen.queryByRole("navigation")).toBeNull();
    });

    it("sorts by a column header where the dataset allows it, toggling the direction", () => {
        const dataset = createDataset(files(), { columns: [...REQUIRED_COLUMNS], unsortable: ["modifiedon"] });
        const view = renderControl(dataset);
        fireEvent.click(screen.getByText("File"));
        expect(dataset.sorting).toEqual([{ name: "name", sortDirection: 0 }]);
        expect(dataset.paging.reset).toHaveBeenCalledTimes(1);
        view.update();
        fireEvent.click(screen.getByText("File"));
        expect(dataset.sorting).toEqual([{ name: "name", sortDirection: 1 }]);

        fireEvent.click(screen.getByText("Modified on"));
        expect(dataset.sorting).toEqual([{ name: "name", sortDirection: 1 }]);
        fireEvent.click(screen.getByText("Size"));
        expect(dataset.paging.reset).toHaveBeenCalledTimes(2);
    });

    it.each<[string, string[]]>([
        ["no updatedProperties (first population, strict hosts)", []],
        ["model-driven's \"dataset\"", ["dataset"]],
        ["canvas's \"<name>_dataset\"", ["importFiles_dataset"]],
        ["an unrelated property", ["someOtherProperty"]],
    ])("re-reads the dataset on every updateView, whatever updatedProperties says: %s", (_label, updated) => {
        const dataset = createDataset(files(), { columns: [...REQUIRED_COLUMNS] });
        const view = renderControl(dataset);
        const first = view.update(updated);
        expect(view.update(updated)).toBe(first);
        dataset.setRecords([files()[0]]);
        expect(view.update(updated)).not.toBe(first);
        expect(screen.queryByRole("button", { name: "Open leads.csv" })).toBeNull();
        expect(screen.getByRole("button", { name: "Open contacts.csv" })).toBeInTheDocument();
    });

    it("shows the rows of a first population that arrives with no updatedProperties after a loading updateView", () => {
        const dataset = createDataset([], { loading: true, columns: [...REQUIRED_COLUMNS] });
        const view = renderControl(dataset);
        expect(screen.getByText("Loading the files of this import…")).toBeInTheDocument();
        view.update([]);
        dataset.loading = false;
        dataset.setRecords(files());
        act(() => {
            view.update([]);
        });
        expect(screen.getByRole("button", { name: "Open leads.csv" })).toBeInTheDocument();
    });

    it("keeps unchanged rows as the same objects across updates", () => {
        const dataset = createDataset(files());
        const view = renderControl(dataset);
        // The app's props, inside the host theme's element.
        const appProps = (element: React.ReactElement) => (element.props as { children: React.ReactElement }).children.props as { rows: unknown[] };
        const before = appProps(view.update());
        const records = files();
        records[1] = fileRecord("f2", { name: "accounts.csv", targetentityname: "account", size: "8", processingstatus: 6, statuscode: 2, totalcount: 25 });
        dataset.setRecords(records);
        const after = appProps(view.update());
        expect(after.rows[0]).toBe(before.rows[0]);
        expect(after.rows[1]).not.toBe(before.rows[1]);
        expect(after.rows[2]).toBe(before.rows[2]);
        dataset.setRecords(records);
        expect(appProps(view.update()).rows).toBe(after.rows);
    });

    it("collapses to the compact layout on a narrow form", () => {
        const view = renderControl(createDataset(files()), { width: 360 });
        expect(screen.getByTestId("import-monitor")).toHaveAttribute("data-layout", "compact");
        // One column: each file a card (name, facts, progress, commands), nothing beside it to scroll to.
        const headers = within(screen.getByRole("grid")).getAllByRole("columnheader").map((h) => h.textContent);
        expect(headers).toEqual(["File"]);
        // Every step is named in the card too; each keeps its state in its accessible name.
        const items = within(stepper("accounts.csv")).getAllByRole("listitem");
        expect(items[1]).toHaveTextContent("Transform");
        expect(items[0]).toHaveTextContent("Parse");
        expect(items[0]).toHaveAttribute("aria-label", "Parse: done");

        act(() => {
            view.update(["layout"], { width: 900 });
        });
        // A tablet's form: each file's facts under its name, then its progress and commands.
        expect(screen.getByTestId("import-monitor")).toHaveAttribute("data-layout", "medium");
        expect(within(screen.getByRole("grid")).getAllByRole("columnheader").map((h) => h.textContent)).toEqual(["File", "Progress", "Actions"]);

        act(() => {
            view.update(["layout"], { width: 1400 });
        });
        expect(screen.getByTestId("import-monitor")).toHaveAttribute("data-layout", "wide");
    });
});
