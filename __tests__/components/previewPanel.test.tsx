import * as React from "react";
import { configure, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { PreviewButton } from "../../ImportMonitor/components/PreviewButton";
import { PreviewPanel } from "../../ImportMonitor/components/PreviewPanel";
import { LocalizeContext } from "../../ImportMonitor/components/LocalizeContext";
import { registerImportMonitorIcons } from "../../ImportMonitor/components/icons";
import { createImportService } from "../../ImportMonitor/dataverse/importService";
import { withCsvLibrary } from "../pcf/csvLibrary";
import type { ImportService } from "../../ImportMonitor/dataverse/importService";
import type { ImportFileRow } from "../../ImportMonitor/domain/importFile";
import { PreviewCache, sharedPreviewCache } from "../../ImportMonitor/hooks/previewCache";
import type { UsePreviewOptions } from "../../ImportMonitor/hooks/usePreview";
import { createLocalize } from "../../ImportMonitor/strings/localize";
import { createFakeDataverse, SEED_ACCOUNTS_FILE_ID, SEED_CONTACTS_FILE_ID, SEED_LEADS_FILE_ID } from "../../sandbox/dataverse";
import type { FakeDataverse } from "../../sandbox/dataverse";
import { readResx } from "../pcf/resx";
import { addFile, contactsCsv, gatedYield, rowOf, trackUnhandledRejections } from "../hooks/previewFixtures";

const strings = readResx();
const t = createLocalize((id) => strings.get(id) ?? `!!${id}!!`, { formatNumber: (n) => n.toLocaleString("en-US") });
registerImportMonitorIcons();
// Role queries skip the inaccessibility check (getComputedStyle over Fluent's injected styles is very slow in
// jsdom); the panel renders only what it shows, so nothing hidden is matched.
configure({ defaultHidden: true });

interface AppProps {
    files: ImportFileRow[];
    service: ImportService;
    options?: UsePreviewOptions;
}

/** What the app does with the contract: a Preview button per row, one panel. */
function App({ files, service, options }: AppProps): React.ReactElement {
    const [file, setFile] = React.useState<ImportFileRow | null>(null);
    const close = React.useCallback(() => setFile(null), []);
    return (
        <LocalizeContext.Provider value={t}>
            <ul>
                {files.map((f) => (
                    <li key={f.id}>
                        {f.name} <PreviewButton file={f} onPreview={setFile} />
                    </li>
                ))}
            </ul>
            <PreviewPanel file={file} service={service} onDismiss={close} options={options} />
        </LocalizeContext.Provider>
    );
}

const panel = (name: string) => screen.findByRole("dialog", { name: `Preview of ${name}` });

describe("CSV preview panel", () => {
    let fake: FakeDataverse;
    let service: ImportService;
    let errors: jest.SpyInstance;
    let rejections: ReturnType<typeof trackUnhandledRejections>;

    beforeEach(() => {
        sharedPreviewCache.clear();
        fake = createFakeDataverse();
        service = createImportService(withCsvLibrary(fake.ports()));
        errors = jest.spyOn(console, "error");
        rejections = trackUnhandledRejections();
    });

    afterEach(async () => {
        await new Promise((resolve) => setTimeout(resolve, 0));
        rejections.stop();
        fake.dispose();
        // No "state update on an unmounted component" nor any other React error. (React 16 also warns about
        // updates that land between two awaited steps of a test, outside act(): those say nothing about the code.)
        expect(errors.mock.calls.filter((args: unknown[]) => !String(args[0]).includes("not wrapped in act("))).toEqual([]);
        errors.mockRestore();
        expect(rejections.list).toEqual([]);
    });

    const seedRows = () => [SEED_CONTACTS_FILE_ID, SEED_ACCOUNTS_FILE_ID, SEED_LEADS_FILE_ID].map((id) => rowOf(fake, id));

    it("fetches a file's content only when its Preview button is clicked", async () => {
        const user = userEvent.setup();
        fake.setLatencyMs(400);
        render(<App files={seedRows()} service={service} />);
        expect(fake.requests.count("retrieve:importfile")).toBe(0);
        expect(screen.queryByRole("dialog")).not.toBeInTheDocument();

        const button = screen.getByRole("button", { name: "Preview leads.csv" });
        expect(button).toHaveAttribute("title", "Preview leads.csv");
        await user.click(button);

        const dialog = await panel("leads.csv");
        expect(within(dialog).getByText("File: leads.csv")).toBeInTheDocument();
        expect(within(dialog).getByText("Size: 2 KB")).toBeInTheDocument();
        expect(within(dialog).getByText("Target table: lead")).toBeInTheDocument();
        expect(within(dialog).getByText(/never changes it/)).toBeInTheDocument();
        expect(within(dialog).getByText("Downloading the file…")).toBeInTheDocument();
        await within(dialog).findByRole("grid", { name: "First rows of leads.csv" });
        expect(fake.requests.entries("retrieve:importfile").map((e) => e.id)).toEqual([SEED_LEADS_FILE_ID]);
        // Read-only: nothing but reads.
        expect(fake.requests.count("execute:*")).toBe(0);
    });

    it("says the leads file is semicolon-delimited although its record says comma, and checks every row", async () => {
        const user = userEvent.setup();
        render(<App files={seedRows()} service={service} />);
        await user.click(screen.getByRole("button", { name: "Preview leads.csv" }));
        const dialog = await panel("leads.csv");

        const errorsGroup = await within(dialog).findByRole("region", { name: /^Errors \(\d+\)$/ });
        expect(
            within(errorsGroup).getByText(
                "With comma (,) as the field delimiter, the first rows have different numbers of fields (from 1 to 2); the file appears to use semicolon (;), which gives the first row and most others 7 fields.",
            ),
        ).toBeInTheDocument();
        expect(await within(dialog).findByText("Checked all 12 rows")).toBeInTheDocument();

        // The grid's first column is each row's line in the file (the header is line 1).
        const grid = within(dialog).getByRole("grid", { name: "First rows of leads.csv" });
        const rows = within(grid).getAllByRole("row");
        expect(within(rows[0]).getAllByRole("columnheader")[0]).toHaveTextContent("Line");
        expect(within(rows[1]).getAllByRole("gridcell")[0]).toHaveTextContent("2");
        expect(within(rows[12]).getAllByRole("gridcell")[0]).toHaveTextContent("13");
    });

    it("asks before downloading a file above 8 MB; Cancel closes without fetching", async () => {
        const user = userEvent.setup();
        const id = addFile(fake, "huge", { content: contactsCsv(3), size: "9500" });
        render(<App files={[rowOf(fake, id)]} service={service} />);

        await user.click(screen.getByRole("button", { name: "Preview huge.csv" }));
        const dialog = await panel("huge.csv");
        expect(await within(dialog).findByText("Size: 9,500 KB")).toBeInTheDocument();
        expect(within(dialog).getByText(/This file is 9,500 KB, more than 8,192 KB/)).toBeInTheDocument();
        await user.click(within(dialog).getByRole("button", { name: "Cancel" }));
        await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
        expect(fake.requests.count("retrieve:importfile")).toBe(0);

        await user.click(screen.getByRole("button", { name: "Preview huge.csv" }));
        const again = await panel("huge.csv");
        await user.click(within(again).getByRole("button", { name: "Download and preview" }));
        await within(again).findByRole("grid", { name: "First rows of huge.csv" });
        expect(fake.requests.count("retrieve:importfile")).toBe(1);
    });

    it("reopens the same file without a request, and fetches again when its modifiedOn changed", async () => {
        const user = userEvent.setup();
        const rows = seedRows();
        const view = render(<App files={rows} service={service} />);
        await user.click(screen.getByRole("button", { name: "Preview leads.csv" }));
        let dialog = await panel("leads.csv");
        await within(dialog).findByText("Checked all 12 rows");
        await user.click(within(dialog).getByRole("button", { name: "Close the preview" }));
        await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
        const mark = fake.requests.mark();

        await user.click(screen.getByRole("button", { name: "Preview leads.csv" }));
        dialog = await panel("leads.csv");
        expect(within(dialog).getByRole("grid", { name: "First rows of leads.csv" })).toBeInTheDocument();
        expect(within(dialog).getByText("Checked all 12 rows")).toBeInTheDocument();
        expect(fake.requests.count(undefined, mark)).toBe(0);
        await user.click(within(dialog).getByRole("button", { name: "Close the preview" }));
        await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());

        // The file changed on the server: the list's next refresh carries a new modifiedOn.
        fake.update("importfile", SEED_LEADS_FILE_ID, { fielddelimitercode: 4 });
        view.rerender(<App files={seedRows()} service={service} />);
        await user.click(screen.getByRole("button", { name: "Preview leads.csv" }));
        dialog = await panel("leads.csv");
        await within(dialog).findByText("Checked all 12 rows");
        expect(fake.requests.count("retrieve:importfile", mark)).toBe(1);
        // Read with the new delimiter: no mismatch any more.
        expect(within(dialog).queryByText(/appears to use semicolon/)).not.toBeInTheDocument();
        expect(within(dialog).getByRole("columnheader", { name: /Company Name/ })).toBeInTheDocument();
    });

    it.each([
        ["privilege" as const, /You are missing the privilege prvReadImportFile\. Ask your administrator for it\./],
        ["offline" as const, /You appear to be offline\. Check your connection\./],
    ])("explains a %s failure and fetches again with Try again", async (fault, message) => {
        const user = userEvent.setup();
        fake.faults.failNext(fault, { match: "retrieve:importfile" });
        render(<App files={seedRows()} service={service} />);
        await user.click(screen.getByRole("button", { name: "Preview contacts.csv" }));
        const dialog = await panel("contacts.csv");
        const alert = await within(dialog).findByRole("alert");
        // Fluent's MessageBar renders its text a moment after its alert role (DelayedRender, for screen readers).
        await waitFor(() => expect(alert).toHaveTextContent("The file could not be read."));
        expect(alert).toHaveTextContent(message);

        await user.click(within(dialog).getByRole("button", { name: "Try again" }));
        await within(dialog).findByRole("grid", { name: "First rows of contacts.csv" });
        expect(within(dialog).queryByRole("alert")).not.toBeInTheDocument();
        expect(fake.requests.count("retrieve:importfile")).toBe(2);
    });

    it("renders a header that looks like HTML as text", async () => {
        const user = userEvent.setup();
        const evil = "<img src=x onerror=alert(1)>";
        const id = addFile(fake, "evil", { content: `${evil},Name\r\n<b>bold</b>,Ada\r\n` });
        render(<App files={[rowOf(fake, id)]} service={service} />);
        await user.click(screen.getByRole("button", { name: "Preview evil.csv" }));
        const dialog = await panel("evil.csv");
        const grid = await within(dialog).findByRole("grid", { name: "First rows of evil.csv" });
        expect(within(grid).getByRole("columnheader", { name: evil })).toBeInTheDocument();
        expect(within(grid).getByText("<b>bold</b>")).toBeInTheDocument();
        // The mapping lists it as text too.
        const list = await within(dialog).findByRole("list", { name: "Headings of evil.csv and their columns" });
        expect(within(list).getAllByRole("listitem")[0]).toHaveTextContent(`${evil}: no matching column — this data will not be imported`);
        expect(document.querySelector("img")).toBeNull();
        expect(document.querySelector("b")).toBeNull();
    });

    it("shows the check of every row progressing, and cancels it", async () => {
        const user = userEvent.setup();
        const gate = gatedYield();
        const id = addFile(fake, "long", { content: contactsCsv(400) });
        const options: UsePreviewOptions = { cache: new PreviewCache(), scan: { yieldToHost: gate.yieldToHost, sliceChars: 512, sliceBudgetMs: 0 } };
        render(<App files={[rowOf(fake, id)]} service={service} options={options} />);
        await user.click(screen.getByRole("button", { name: "Preview long.csv" }));
        const dialog = await panel("long.csv");
        await within(dialog).findByRole("grid", { name: "First rows of long.csv" });
        gate.release();
        gate.release();
        const progress = await within(dialog).findByText(/^Checked [1-9]\d?% of the file$/);
        expect(within(dialog).getByRole("progressbar")).toBeInTheDocument();
        const percent = /(\d+)%/.exec(progress.textContent ?? "")![1];

        await user.click(within(dialog).getByRole("button", { name: "Cancel the check of every row" }));
        gate.release();
        expect(
            await within(dialog).findByText(`Check stopped after ${percent}% of the file: the findings cover the first rows only.`),
        ).toBeInTheDocument();
        expect(within(dialog).queryByRole("progressbar")).not.toBeInTheDocument();
        expect(within(dialog).queryByText(/Checked all/)).not.toBeInTheDocument();

        gate.releaseAll();
        await user.click(within(dialog).getByRole("button", { name: "Check every row" }));
        expect(await within(dialog).findByText("Checked all 400 rows")).toBeInTheDocument();
        expect(within(dialog).getByText("No problems found in the file.")).toBeInTheDocument();
    });

    it("checks every row's values in the check of every row, then shows the whole file's findings, quality bars and lines with problems", async () => {
        const user = userEvent.setup();
        const gate = gatedYield();
        // 40 rows, the preview shows 20: line 29 is ragged, line 40 has no Last Name (contact requires it).
        const lines = ["First Name,Last Name,Email"];
        for (let i = 2; i <= 41; i++) lines.push(i === 29 ? `Ada${i},Lovelace${i}` : i === 40 ? `Ada${i},,ada${i}@example.com` : `Ada${i},Lovelace${i},ada${i}@example.com`);
        const id = addFile(fake, "rows", { content: lines.join("\r\n") + "\r\n" });
        const options: UsePreviewOptions = { cache: new PreviewCache(), scan: { yieldToHost: gate.yieldToHost, sliceChars: 512, sliceBudgetMs: 0 } };
        render(<App files={[rowOf(fake, id)]} service={service} options={options} />);
        await user.click(screen.getByRole("button", { name: "Preview rows.csv" }));
        const dialog = await panel("rows.csv");

        // While every row is being checked: the first rows' values.
        const first = await within(dialog).findByRole("region", { name: "Values checked against the table's columns (20 rows)" });
        expect(within(first).getByText("The values of the first rows fit their columns.")).toBeInTheDocument();
        expect(within(dialog).getByTestId("quality-2").parentElement).toHaveAttribute("title", "Last Name: 20 valid, 0 errors, 0 empty");
        expect(within(dialog).queryByText(/^Lines with problems/)).toBeNull();

        gate.releaseAll();
        expect(await within(dialog).findByText("Checked all 40 rows")).toBeInTheDocument();
        const file = within(dialog).getByRole("region", { name: "Values checked against the table's columns (39 rows)" });
        expect(within(file).getAllByRole("listitem").map((i) => i.textContent)).toEqual(["Last Name: 1 row is empty, but the column is required; first on line 40."]);
        expect(within(dialog).getByTestId("quality-2").parentElement).toHaveAttribute("title", "Last Name: 38 valid, 1 error, 0 empty");
        // The finished check lists the lines with problems: the ragged row's and the empty value's.
        expect(within(dialog).getByText("Lines with problems: 29, 40")).toBeInTheDocument();
    });

    it("lists the first 100 lines with problems after a finished check, and says there are more", async () => {
        const user = userEvent.setup();
        // 150 rows of 1 field under a header of 2: every row from line 2 on is ragged.
        const lines = ["First Name,Last Name", ...Array.from({ length: 150 }, (_, i) => `Ada${i}`)];
        const id = addFile(fake, "ragged", { content: lines.join("\r\n") + "\r\n" });
        render(<App files={[rowOf(fake, id)]} service={service} />);
        await user.click(screen.getByRole("button", { name: "Preview ragged.csv" }));
        const dialog = await panel("ragged.csv");
        expect(await within(dialog).findByText("Checked all 150 rows")).toBeInTheDocument();
        const first100 = Array.from({ length: 100 }, (_, i) => i + 2).join(", ");
        expect(within(dialog).getByText(`First 100 lines with problems: ${first100} …`)).toBeInTheDocument();
    });

    it("shows the column each heading maps to, and the headings that will not be imported", async () => {
        const user = userEvent.setup();
        const id = addFile(fake, "mapping", { content: "First Name,Shoe Size,Email\r\nAda,42,ada@example.com\r\n" });
        render(<App files={[rowOf(fake, id)]} service={service} />);
        await user.click(screen.getByRole("button", { name: "Preview mapping.csv" }));
        const dialog = await panel("mapping.csv");
        const list = await within(dialog).findByRole("list", { name: "Headings of mapping.csv and their columns" });
        const items = within(list).getAllByRole("listitem");
        expect(items.map((i) => i.textContent)).toEqual([
            "First Name: maps to First Name (firstname)",
            "Shoe Size: no matching column — this data will not be imported",
            "Email: maps to Email (emailaddress1)",
        ]);
        expect(within(dialog).getByText("The system map matches each heading to the column of contact with the same display name.")).toBeInTheDocument();
    });

    it.each(["accounts", "contacts"])(
        "confirms every heading of %s.csv that is a display name of the table, read once per table from its Web API definition",
        async (name) => {
            const user = userEvent.setup();
            render(<App files={seedRows()} service={service} />);
            await user.click(screen.getByRole("button", { name: `Preview ${name}.csv` }));
            const dialog = await panel(`${name}.csv`);
            const list = await within(dialog).findByRole("list", { name: `Headings of ${name}.csv and their columns` });
            const texts = within(list).getAllByRole("listitem").map((i) => i.textContent ?? "");
            expect(texts.length).toBeGreaterThan(3);
            for (const text of texts) expect(text).toMatch(/: maps to /);
            expect(within(dialog).queryByText(/could not be confirmed either way/)).toBeNull();
            expect(fake.requests.count("getJson:*")).toBe(13);
            expect(fake.requests.count("metadata:*")).toBe(0);
        },
    );

    it("checks the values against the target columns: each problem with its line and value, a quality bar per heading, and what a lookup is matched on", async () => {
        const user = userEvent.setup();
        render(<App files={seedRows()} service={service} />);
        await user.click(screen.getByRole("button", { name: "Preview accounts.csv" }));
        const dialog = await panel("accounts.csv");
        // Every row once the check of every row is done: 22 of the 24 (two are ragged).
        const values = await within(dialog).findByRole("region", { name: "Values checked against the table's columns (22 rows)" });
        const items = within(values).getAllByRole("listitem").map((i) => i.textContent);
        expect(items).toEqual([
            "Account Number: 1 row repeats an alternate key value, first on line 15 (“ACC-1003”, first seen on line 4).",
            "Number of Employees: 1 value is outside 0 to 1,000,000,000, first on line 18 (“-40”).",
        ]);
        // The ragged rows the checks name (lines 6 and 12) are marked in the grid, and no other.
        const grid = within(dialog).getByRole("grid", { name: "First rows of accounts.csv" });
        const marked = within(grid)
            .getAllByLabelText("has a problem (see the checks below)")
            .map((icon) => icon.closest('[role="row"]')!.querySelector('[role="rowheader"], [role="gridcell"]')!.textContent?.trim());
        expect(marked).toEqual(["6", "12"]);
        // The bar under "Account Number" has an error share; its numbers are in its tooltip.
        const bar = within(dialog).getByTestId("quality-2");
        expect(bar.parentElement).toHaveAttribute("title", "Account Number: 21 valid, 1 error, 0 empty");
        const list = within(dialog).getByRole("list", { name: "Headings of accounts.csv and their columns" });
        expect(list).toHaveTextContent("Primary Contact: maps to Primary Contact (primarycontactid) · looks up a contact by its fullname");
    });

    it("reads a table's definition once for every file that targets it", async () => {
        const user = userEvent.setup();
        const a = addFile(fake, "one", { content: "First Name,Shoe Size\r\nAda,42\r\n" });
        const b = addFile(fake, "two", { content: "Last Name\r\nLovelace\r\n" });
        render(<App files={[rowOf(fake, a), rowOf(fake, b)]} service={service} />);
        await user.click(screen.getByRole("button", { name: "Preview one.csv" }));
        let dialog = await panel("one.csv");
        await within(dialog).findByRole("list", { name: "Headings of one.csv and their columns" });
        await user.click(within(dialog).getByRole("button", { name: "Close the preview" }));
        await user.click(screen.getByRole("button", { name: "Preview two.csv" }));
        dialog = await panel("two.csv");
        const list = await within(dialog).findByRole("list", { name: "Headings of two.csv and their columns" });
        expect(within(list).getByRole("listitem")).toHaveTextContent("Last Name: maps to Last Name (lastname)");
        expect(fake.requests.count("getJson:*")).toBe(13);
    });

    it("says 'could not confirm' rather than 'will not be imported' where only guessed columns can be looked up (no Xrm)", async () => {
        const user = userEvent.setup();
        render(<App files={seedRows()} service={createImportService(withCsvLibrary(fake.ports({ getJson: false })))} />);
        await user.click(screen.getByRole("button", { name: "Preview contacts.csv" }));
        const dialog = await panel("contacts.csv");
        const list = await within(dialog).findByRole("list", { name: "Headings of contacts.csv and their columns" });
        const texts = within(list).getAllByRole("listitem").map((i) => i.textContent);
        expect(texts).toContain("First Name: maps to First Name (firstname)");
        expect(texts).toContain("Address 1: City: maps to Address 1: City (address1_city)");
        expect(texts).toContain("Company Name: could not confirm a matching column");
        expect(texts.some((x) => x?.includes("will not be imported"))).toBe(false);
        expect(within(dialog).getByText(/could not be confirmed either way/)).toBeInTheDocument();
    });

    it("says the mapping could not be checked when no column can be read from the host's metadata", async () => {
        const user = userEvent.setup();
        const opaque = { Attributes: Object.create({ internals: true }) as object };
        const noAccessor = createImportService({ ...withCsvLibrary(fake.ports({ getJson: false })), getEntityMetadata: () => Promise.resolve(opaque) });
        render(<App files={seedRows()} service={noAccessor} />);
        await user.click(screen.getByRole("button", { name: "Preview contacts.csv" }));
        const dialog = await panel("contacts.csv");
        expect(await within(dialog).findByText("The columns of contact could not be read here, so the headings were not checked against them.")).toBeInTheDocument();
        expect(within(dialog).queryByRole("list", { name: "Headings of contacts.csv and their columns" })).toBeNull();
        expect(within(dialog).queryByText(/could not confirm/)).toBeNull();
    });

    it("explains a metadata failure without losing the preview", async () => {
        const user = userEvent.setup();
        fake.faults.failNext("privilege", { match: "getJson:*", count: 1 });
        render(<App files={seedRows()} service={service} />);
        await user.click(screen.getByRole("button", { name: "Preview contacts.csv" }));
        const dialog = await panel("contacts.csv");
        expect(await within(dialog).findByText(/The columns of the target table could not be read\./)).toBeInTheDocument();
        expect(within(dialog).getByRole("grid", { name: "First rows of contacts.csv" })).toBeInTheDocument();
        await user.click(within(dialog).getByRole("button", { name: "Try again" }));
        expect(await within(dialog).findByRole("list", { name: "Headings of contacts.csv and their columns" })).toBeInTheDocument();
    });

    it("says a preview is not available for a file that is not CSV", async () => {
        const user = userEvent.setup();
        const id = addFile(fake, "book", { content: "PK\u0003\u0004binary", filetypecode: 3 });
        render(<App files={[rowOf(fake, id)]} service={service} />);
        await user.click(screen.getByRole("button", { name: "Preview book.csv" }));
        const dialog = await panel("book.csv");
        expect(
            await within(dialog).findByText("A preview is not available for this file type (Excel workbook (XLSX)): only CSV files can be previewed in the browser."),
        ).toBeInTheDocument();
        expect(within(dialog).queryByRole("grid")).not.toBeInTheDocument();
        expect(fake.requests.count("metadata:*")).toBe(0);
    });

    it("names generated columns and says the file has no header row", async () => {
        const user = userEvent.setup();
        const id = addFile(fake, "headless", { content: "Ada,Lovelace\r\nAlan,Turing\r\n", isfirstrowheader: false });
        render(<App files={[rowOf(fake, id)]} service={service} />);
        await user.click(screen.getByRole("button", { name: "Preview headless.csv" }));
        const dialog = await panel("headless.csv");
        const grid = await within(dialog).findByRole("grid", { name: "First rows of headless.csv" });
        expect(within(grid).getAllByRole("columnheader").map((h) => h.textContent)).toEqual(["Line", "Column 1", "Column 2"]);
        expect(within(grid).getAllByRole("row")).toHaveLength(3);
        expect(within(dialog).getByText(/This file has no header row: its columns are shown as Column 1, Column 2/)).toBeInTheDocument();
    });

    it("works from the keyboard: Enter on Preview opens the panel, its close button is reachable", async () => {
        // Fluent's focus trap only moves focus to elements it sees laid out; jsdom lays nothing out.
        const laidOut = jest.spyOn(HTMLElement.prototype, "offsetParent", "get").mockImplementation(function (this: HTMLElement) {
            return this.parentElement;
        });
        const user = userEvent.setup();
        render(<App files={seedRows()} service={service} />);
        await user.tab();
        expect(screen.getByRole("button", { name: "Preview contacts.csv" })).toHaveFocus();
        await user.tab();
        expect(screen.getByRole("button", { name: "Preview accounts.csv" })).toHaveFocus();
        await user.keyboard("{Enter}");
        const dialog = await panel("accounts.csv");
        await within(dialog).findByRole("grid", { name: "First rows of accounts.csv" });

        const close = within(dialog).getByRole("button", { name: "Close the preview" });
        for (let i = 0; i < 30 && document.activeElement !== close; i++) await user.tab();
        expect(close).toHaveFocus();
        await user.keyboard("{Enter}");
        await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
        laidOut.mockRestore();
    });
});
