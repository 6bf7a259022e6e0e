/**
 * Adding files from the form, through the control's own lifecycle over the fake Dataverse: choose or drop a CSV,
 * see how it was read and checked in the "Add files to this import" panel, then create its importfile.
 * The CSV library (context.utils.loadDependency) is model-driven only: in the no-xrm profile files are refused with
 * the library message, and only that is tested there.
 */
import { configure, fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent, { PointerEventsCheckLevel } from "@testing-library/user-event";
import * as contextFake from "../pcf/contextFake";
import { renderWithFake } from "../pcf/fakeBackedControl";
import { renderControl } from "../pcf/renderControl";
import * as fullScan from "../../ImportMonitor/domain/csv/fullScan";
import { createFakeDataverse, FAKE_USER_ID, SEED_CONTACT_MAP_ID, SEED_IMPORT_ID, SEED_IMPORT_NAME } from "../../sandbox/dataverse";
import type { FakeDataverse, ImportRecord } from "../../sandbox/dataverse";
import { installFakeXrm, portsForProfile } from "../../sandbox/page/xrm";

// The panel's checks read the whole file and the table's columns: give a loaded CI machine room.
jest.setTimeout(20000);
// Role queries skip the inaccessibility check (getComputedStyle over Fluent's styles is very slow in jsdom).
configure({ defaultHidden: true });

const SEMICOLON_CSV = "First Name;Last Name;Email\r\nAna;Lima;ana@example.com\r\nBo;Berg;bo@example.com\r\nCy;Cole;cy@example.com\r\n";
const ACCOUNTS_CSV = "Account Name;Main Phone\r\nContoso;555-0100\r\nFabrikam;555-0101\r\n";
const csvFile = (name: string, text = SEMICOLON_CSV) => new File([text], name, { type: "text/csv" });

/** Chooses files with the toolbar's hidden file input, as the browser's picker does. */
const choose = (...files: File[]) => fireEvent.change(screen.getByTestId("add-files-input"), { target: { files } });
const panel = () => screen.findByRole("dialog", { name: "Add files to this import" });
/** The panel's primary button: "Add files" (none ready), "Add 1 file", "Add 2 files" (… "to a new import" once the import ran). */
// (Found by its label: role queries compute every button's name, slow in jsdom.)
const addButton = (dialog: HTMLElement) => within(dialog).getByText(/^Add (files|\d+ files?)( to a new import)?$/).closest("button")!;
const toolbarButton = (name: string) => within(screen.getByRole("toolbar")).getByRole("button", { name });
/** The text a command's aria-describedby points to (its reason when disabled). */
const description = (el: HTMLElement) => document.getElementById(el.getAttribute("aria-describedby") ?? "")?.textContent;
/** Waits (real timers) until the file's line in "Files to add" says `state`. */
const fileLine = (dialog: HTMLElement, name: string, state: string) =>
    waitFor(() => within(within(dialog).getByRole("list", { name: "Files to add" })).getByText(`${name}: ${state}`), { timeout: 10000 });
const writes = (dv: FakeDataverse, mark: number) => dv.requests.since(mark, (e) => e.kind === "create" || e.kind === "delete" || e.kind === "execute");

const profile = contextFake.hostProfile();
// user-event's pointer-events check reads getComputedStyle up the tree: very slow over Fluent's styles in jsdom.
const USER = { pointerEventsCheck: PointerEventsCheckLevel.Never };
const withLibrary = profile !== "no-xrm";
const realCreateContext = contextFake.createContext;

(withLibrary ? describe : describe.skip)("adding files to the import (model-driven: the CSV library is loadable)", () => {
    let dv: FakeDataverse;
    let uninstallXrm: (() => void) | null = null;
    let errors: jest.SpyInstance;
    beforeEach(() => {
        dv = createFakeDataverse();
        errors = jest.spyOn(console, "error");
        // The user as a host may spell the id (braces, upper case): files are created with the user as records owner,
        // a systemuser the fake checks exists, so the control must normalise the id.
        jest.spyOn(contextFake, "createContext").mockImplementation((dataset, options) => {
            const context = realCreateContext(dataset, options);
            Object.assign(context.userSettings, { userId: `{${FAKE_USER_ID.toUpperCase()}}` });
            return context;
        });
    });
    afterEach(() => {
        // No React error (an update on an unmounted component…); updates landing between awaited steps, outside
        // act(), say nothing about the code.
        expect(errors.mock.calls.filter((args: unknown[]) => !String(args[0]).includes("not wrapped in act("))).toEqual([]);
        uninstallXrm?.();
        uninstallXrm = null;
        jest.restoreAllMocks();
        dv.dispose();
        delete (globalThis as { Xrm?: unknown }).Xrm;
    });

    it("reads a chosen semicolon CSV, preselects its delimiter and table, and creates exactly one importfile", async () => {
        const view = renderWithFake(dv);
        const filesBefore = dv.importFiles(SEED_IMPORT_ID).map((f) => f.importfileid);
        choose(csvFile("contacts.csv"));
        const dialog = await panel();
        expect(await within(dialog).findByText("The field delimiter looks like semicolon (;): it is preselected below.")).toBeInTheDocument();
        expect(within(dialog).getByRole("combobox", { name: /^Field delimiter/ })).toHaveTextContent("semicolon (;)");
        // The table list arrived and the file's name picked contact.
        await waitFor(() => expect(within(dialog).getByRole("combobox", { name: "Target table" })).toHaveValue("Contact (contact)"));
        const grid = await within(dialog).findByRole("grid", { name: "First rows of contacts.csv" });
        const rows = within(grid).getAllByRole("row");
        expect(rows).toHaveLength(4);
        expect(within(rows[1]).getAllByRole("gridcell").map((c) => c.textContent)).toEqual(["Ana", "Lima", "ana@example.com"]);
        await fileLine(dialog, "contacts.csv", "ready to add");

        const mark = dv.requests.mark();
        const refreshes = view.dataset.refreshCount;
        fireEvent.click(addButton(dialog));
        expect(await within(dialog).findByText("1 file added: contacts.csv. Run all parses, transforms and imports them.")).toBeInTheDocument();
        const sent = writes(dv, mark);
        expect(sent.map((e) => `${e.kind}:${e.entity}`)).toEqual(["create:importfile"]);
        expect(sent[0].payload).toMatchObject({
            name: "contacts.csv",
            content: SEMICOLON_CSV,
            fielddelimitercode: 4,
            targetentityname: "contact",
            "importid@odata.bind": `/imports(${SEED_IMPORT_ID})`,
            "recordsownerid_systemuser@odata.bind": `/systemusers(${FAKE_USER_ID})`,
        });
        // The dataset is refreshed and lists the new file beside the seeded contacts.csv.
        const added = dv.importFiles(SEED_IMPORT_ID).filter((f) => !filesBefore.includes(f.importfileid));
        expect(added.map((f) => f.name)).toEqual(["contacts.csv"]);
        expect(await screen.findByTestId(`open-${added[0].importfileid}`)).toHaveAccessibleName("Open contacts.csv");
        expect(view.dataset.refreshCount).toBe(refreshes + 1);
        // Created: no longer waiting in the panel.
        expect(within(dialog).queryByRole("list", { name: "Files to add" })).not.toBeInTheDocument();
    });

    it("blocks a file whose chosen delimiter the checks find wrong, until it is added anyway", async () => {
        const user = userEvent.setup(USER);
        renderWithFake(dv);
        choose(csvFile("contacts.csv"));
        const dialog = await panel();
        await fileLine(dialog, "contacts.csv", "ready to add");

        await user.click(within(dialog).getByRole("combobox", { name: /^Field delimiter/ }));
        await user.click(await screen.findByRole("option", { name: "comma (,)" }));
        // The delimiter, and the required Last Name that no heading maps to any more (the one heading is the whole line).
        await fileLine(dialog, "contacts.csv", "2 errors found; fix the settings or add it anyway");
        expect(
            within(dialog).getByText("Every row reads as a single column with comma (,) as the field delimiter; the file appears to use semicolon (;)."),
        ).toBeInTheDocument();
        expect(addButton(dialog)).toHaveAccessibleName("Add files");
        expect(addButton(dialog)).toHaveAttribute("aria-disabled", "true");

        await user.click(within(dialog).getByRole("checkbox", { name: "Add it anyway, with 2 errors" }));
        await fileLine(dialog, "contacts.csv", "ready to add");
        expect(addButton(dialog)).toHaveAccessibleName("Add 1 file");
        expect(addButton(dialog)).not.toHaveAttribute("aria-disabled", "true");
        // What is sent is what the maker chose: comma.
        const mark = dv.requests.mark();
        await user.click(addButton(dialog));
        await within(dialog).findByText(/^1 file added: contacts\.csv\./);
        expect(writes(dv, mark).map((e) => e.payload?.fielddelimitercode)).toEqual([2]);
    });

    it("sends one create request for a double click on Add", async () => {
        const user = userEvent.setup(USER);
        renderWithFake(dv);
        choose(csvFile("contacts.csv"));
        const dialog = await panel();
        await fileLine(dialog, "contacts.csv", "ready to add");
        // The create is still under way when the second click lands.
        dv.setLatencyMs(300);
        const mark = dv.requests.mark();
        await user.dblClick(addButton(dialog));
        await within(dialog).findByText(/^1 file added: contacts\.csv\./, undefined, { timeout: 5000 });
        expect(dv.requests.count("create:importfile", mark)).toBe(1);
        expect(writes(dv, mark)).toHaveLength(1);
    });

    it("refuses a .xlsx file without reading or creating anything", async () => {
        const read = jest.spyOn(FileReader.prototype, "readAsArrayBuffer");
        try {
            renderWithFake(dv);
            const mark = dv.requests.mark();
            choose(new File(["PK\u0003\u0004"], "contacts.xlsx", { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }));
            const dialog = await panel();
            expect(within(dialog).getByText("contacts.xlsx was not added: only .csv and .txt files can be added.")).toBeInTheDocument();
            expect(within(dialog).getByText("No files yet. Choose files, or drop them on the list of import files.")).toBeInTheDocument();
            expect(addButton(dialog)).toHaveAttribute("aria-disabled", "true");
            // Let the table and map lists load: still nothing read, nothing written.
            await waitFor(() => expect(dv.requests.count("retrieveMultiple:importmap", mark)).toBe(1));
            expect(read).not.toHaveBeenCalled();
            expect(writes(dv, mark)).toEqual([]);
        } finally {
            read.mockRestore();
        }
    });

    it("on an unsaved form, disables Add files and says to save first", async () => {
        // A create form: no record id (the page context's nor the form's) and no files to read the import from.
        const ports = portsForProfile(dv, profile);
        uninstallXrm = installFakeXrm(globalThis, { ports, importId: "" });
        const { webApi, getEntityMetadata, hasEntityPrivilege } = ports;
        renderControl(contextFake.createDataset([]), { entityId: "", webAPI: webApi, getEntityMetadata, hasEntityPrivilege });
        // The run commands say it the same way (Run_SaveFirst).
        expect(description(toolbarButton("Run all"))).toBe("Save the import first: stages run on a saved import.");
        const add = toolbarButton("Add files");
        expect(add).toHaveAttribute("aria-disabled", "true");
        expect(description(add)).toBe("Save the import first: files are added to a saved import.");
        const mark = dv.requests.mark();
        // Nor does a drop add anything.
        fireEvent.drop(screen.getByTestId("import-monitor"), { dataTransfer: { files: [csvFile("contacts.csv")], types: ["Files"] } });
        await new Promise((resolve) => setTimeout(resolve, 50));
        expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
        expect(dv.requests.count("*", mark)).toBe(0);
    });

    it("says why a create failed and keeps that file, and still creates the next one", async () => {
        renderWithFake(dv);
        choose(csvFile("contacts.csv"), csvFile("accounts.csv", ACCOUNTS_CSV));
        const dialog = await panel();
        await fileLine(dialog, "contacts.csv", "ready to add");
        await fileLine(dialog, "accounts.csv", "ready to add");
        dv.faults.failNext({ kind: "server", message: "The server could not save the file." }, { match: "create:importfile" });
        const mark = dv.requests.mark();
        fireEvent.click(addButton(dialog));
        const alert = await within(dialog).findByRole("alert");
        expect(alert).toHaveTextContent(/^contacts\.csv was not added: .+ It is kept here to try again\.$/);
        expect(alert).toHaveTextContent("The server could not save the file.");
        expect(await within(dialog).findByText(/^1 file added: accounts\.csv\./)).toBeInTheDocument();
        expect(writes(dv, mark).map((e) => e.payload?.name)).toEqual(["contacts.csv", "accounts.csv"]);
        expect(dv.importFiles(SEED_IMPORT_ID).filter((f) => f.name === "accounts.csv")).toHaveLength(2);
        // The failed file stays, ready to try again; the created one left the panel.
        await fileLine(dialog, "contacts.csv", "ready to add");
        expect(within(dialog).queryByText("accounts.csv: ready to add")).not.toBeInTheDocument();
        expect(addButton(dialog)).toHaveAccessibleName("Add 1 file");
    });

    it("where the host can't list tables, takes the typed table name when the field is left, not per keystroke", async () => {
        const user = userEvent.setup(USER);
        // No Xrm: no org Web API (getJson) to list the importable tables from.
        renderWithFake(dv, { withExecute: false });
        choose(csvFile("contacts.csv"));
        const dialog = await panel();
        await fileLine(dialog, "contacts.csv", "choose its target table");
        const table = within(dialog).getByRole("textbox", { name: "Target table" });
        expect(within(dialog).getByText("Type the table's logical name, for example contact.")).toBeInTheDocument();
        await waitFor(() => expect(dv.requests.count("retrieveMultiple:importmap")).toBe(1));
        await new Promise((resolve) => setTimeout(resolve, 50));
        const mark = dv.requests.mark();
        await user.type(table, "contact");
        await new Promise((resolve) => setTimeout(resolve, 50));
        expect(dv.requests.since(mark).map((e) => `${e.kind}:${e.entity}`)).toEqual([]);
        expect(within(dialog).getByText("contacts.csv: choose its target table")).toBeInTheDocument();

        await user.tab();
        await fileLine(dialog, "contacts.csv", "ready to add");
        const created = dv.requests.mark();
        await user.click(addButton(dialog));
        await within(dialog).findByText(/^1 file added: contacts\.csv\./);
        expect(writes(dv, created).map((e) => e.payload?.targetentityname)).toEqual(["contact"]);
    });

    it("opens the panel with a file dropped on the control", async () => {
        renderWithFake(dv);
        const root = screen.getByTestId("import-monitor");
        const dataTransfer = { files: [csvFile("contacts.csv")], types: ["Files"], dropEffect: "none" };
        fireEvent.dragOver(root, { dataTransfer });
        expect(screen.getByText("Drop CSV files to check them and add them to this import")).toBeInTheDocument();
        expect(dataTransfer.dropEffect).toBe("copy");
        fireEvent.drop(root, { dataTransfer });
        const dialog = await panel();
        expect(screen.queryByText("Drop CSV files to check them and add them to this import")).not.toBeInTheDocument();
        expect(await within(dialog).findByRole("tab", { name: "contacts.csv" })).toBeInTheDocument();
        await fileLine(dialog, "contacts.csv", "ready to add");
    });

    // Regression: create() once sent every draft without blockers, whatever its checks found (fixed in 3f13369).
    it("creates only the files the panel counts as ready, never one with errors not added anyway", async () => {
        const user = userEvent.setup(USER);
        renderWithFake(dv);
        choose(csvFile("contacts.csv"), csvFile("accounts.csv", ACCOUNTS_CSV));
        const dialog = await panel();
        await fileLine(dialog, "contacts.csv", "ready to add");
        await user.click(within(dialog).getByRole("combobox", { name: /^Field delimiter/ }));
        await user.click(await screen.findByRole("option", { name: "comma (,)" }));
        await fileLine(dialog, "contacts.csv", "2 errors found; fix the settings or add it anyway");
        await fileLine(dialog, "accounts.csv", "ready to add");
        expect(addButton(dialog)).toHaveAccessibleName("Add 1 file");
        const mark = dv.requests.mark();
        await user.click(addButton(dialog));
        await within(dialog).findByText(/ added: /);
        expect(writes(dv, mark).map((e) => e.payload?.name)).toEqual(["accounts.csv"]);
        expect(within(dialog).getByText(/^1 file added: accounts\.csv\./)).toBeInTheDocument();
    });

    // Fields, options and checkboxes are found by their label or text: role queries by name are slow in jsdom.
    type User = ReturnType<typeof userEvent.setup>;
    const field = (dialog: HTMLElement, label: string) => within(dialog).getByLabelText(label, { selector: "input, [role=combobox]" });
    /** The options of the open dropdown (or table list), by their text. */
    const openOptions = async () => (await screen.findAllByRole("option")).map((o) => o.textContent);
    /** Opens the dropdown (or table combobox) labelled `label` and picks the option `text`. */
    const pick = async (user: User, dialog: HTMLElement, label: string, text: string) => {
        await user.click(field(dialog, label));
        await user.click((await screen.findAllByRole("option")).find((o) => o.textContent === text)!);
    };
    const anywayBox = (dialog: HTMLElement, label: string) => within(dialog).getByLabelText(label, { selector: "input" });
    const SYSTEM_MAP = "System map (headings matched to column display names)";

    /** contacts.csv with "Contacts from Outlook" chosen: the map covers contact ("Outlook contacts") and, added here, lead ("Outlook leads"). */
    async function withOutlookMap(user: User): Promise<HTMLElement> {
        dv.insert("importentitymapping", {
            importentitymappingid: "0b7d2c41-6e3a-4f85-9d17-3a2c5e8f1b60",
            _importmapid_value: SEED_CONTACT_MAP_ID,
            sourceentityname: "Outlook leads",
            targetentityname: "lead",
            processcode: 1,
            dedupe: 1,
            statecode: 0,
            statuscode: 1,
        });
        renderWithFake(dv);
        choose(csvFile("contacts.csv"));
        const dialog = await panel();
        await fileLine(dialog, "contacts.csv", "ready to add");
        // Only the maps that cover contact (the November map is for several tables per file, the account ones are not).
        await user.click(field(dialog, "Map"));
        expect(await openOptions()).toEqual([SYSTEM_MAP, "Contacts from Outlook"]);
        await user.click(screen.getByText("Contacts from Outlook"));
        await fileLine(dialog, "contacts.csv", "ready to add");
        return dialog;
    }

    it("keeps the chosen map for a new target table it covers, with that table's source name", async () => {
        const user = userEvent.setup(USER);
        const dialog = await withOutlookMap(user);
        await pick(user, dialog, "Target table", "Lead (lead)");
        expect(field(dialog, "Map")).toHaveTextContent("Contacts from Outlook");
        await fileLine(dialog, "contacts.csv", "ready to add");
        const mark = dv.requests.mark();
        await user.click(addButton(dialog));
        await within(dialog).findByText(/^1 file added: contacts\.csv\./);
        expect(writes(dv, mark)[0].payload).toMatchObject({
            targetentityname: "lead",
            usesystemmap: false,
            "importmapid@odata.bind": `/importmaps(${SEED_CONTACT_MAP_ID})`,
            sourceentityname: "Outlook leads",
        });
    });

    it("goes back to the system map when the new target table is one the chosen map does not cover", async () => {
        const user = userEvent.setup(USER);
        const dialog = await withOutlookMap(user);
        await pick(user, dialog, "Target table", "Account (account)");
        expect(field(dialog, "Map")).toHaveTextContent(SYSTEM_MAP);
        await user.click(field(dialog, "Map"));
        expect(await openOptions()).toEqual([SYSTEM_MAP, "Accounts from the old CRM"]);
        await user.keyboard("{Escape}");
        // No heading maps to account's required Account Name: an error of the value checks, added anyway here.
        await fileLine(dialog, "contacts.csv", "1 error found; fix the settings or add it anyway");
        await user.click(anywayBox(dialog, "Add it anyway, with 1 error"));
        await fileLine(dialog, "contacts.csv", "ready to add");
        const mark = dv.requests.mark();
        await user.click(addButton(dialog));
        await within(dialog).findByText(/^1 file added: contacts\.csv\./);
        const [sent] = writes(dv, mark);
        expect(sent.payload).toMatchObject({ targetentityname: "account", usesystemmap: true, sourceentityname: "contacts" });
        expect(sent.payload).not.toHaveProperty(["importmapid@odata.bind"]);
    });

    it("counts a file as checking until every row is checked, and one whose check was cancelled needs Add it anyway", async () => {
        const user = userEvent.setup(USER);
        // A slow check of every row: held until released.
        let release!: () => void;
        const held = new Promise<void>((resolve) => (release = resolve));
        const scan = fullScan.scanCsv;
        jest.spyOn(fullScan, "scanCsv").mockImplementation(async (...args) => {
            await held;
            return scan(...args);
        });
        renderWithFake(dv);
        choose(csvFile("contacts.csv"));
        const dialog = await panel();
        await waitFor(() => expect(field(dialog, "Target table")).toHaveValue("Contact (contact)"));
        await within(dialog).findByRole("grid", { name: "First rows of contacts.csv" });
        expect(within(dialog).getByText("Checking every row")).toBeInTheDocument();
        await new Promise((resolve) => setTimeout(resolve, 100));
        expect(within(dialog).getByText("contacts.csv: checking…")).toBeInTheDocument();
        expect(addButton(dialog)).toHaveAttribute("aria-disabled", "true");

        await user.click(within(dialog).getByLabelText("Cancel the check of every row"));
        release();
        await fileLine(dialog, "contacts.csv", "not every row was checked; check it again or add it anyway");
        expect(addButton(dialog)).toHaveAccessibleName("Add files");
        await user.click(anywayBox(dialog, "Add it anyway, without every row checked"));
        await fileLine(dialog, "contacts.csv", "ready to add");
        expect(addButton(dialog)).toHaveAccessibleName("Add 1 file");
    });

    it("blocks a file whose values break a column's rule past the first rows, once the check of every row found it", async () => {
        const user = userEvent.setup(USER);
        // 30 rows: the preview shows 20; row 26 (line 27) has no Last Name, which contact requires.
        const rows = Array.from({ length: 30 }, (_, i) => `Ana${i};${i === 25 ? "" : `Lima${i}`};ana${i}@example.com`);
        renderWithFake(dv);
        choose(csvFile("contacts.csv", `First Name;Last Name;Email\r\n${rows.join("\r\n")}\r\n`));
        const dialog = await panel();
        await fileLine(dialog, "contacts.csv", "1 error found; fix the settings or add it anyway");
        const values = within(dialog).getByRole("region", { name: "Values checked against the table's columns (30 rows)" });
        expect(within(values).getByRole("listitem")).toHaveTextContent("Last Name: 1 row is empty, but the column is required; first on line 27.");
        expect(addButton(dialog)).toHaveAttribute("aria-disabled", "true");
        await user.click(anywayBox(dialog, "Add it anyway, with 1 error"));
        await fileLine(dialog, "contacts.csv", "ready to add");
    });

    it("takes Add it anyway for the settings it was ticked with: other settings that still find errors block the file again", async () => {
        const user = userEvent.setup(USER);
        renderWithFake(dv);
        choose(csvFile("contacts.csv"));
        const dialog = await panel();
        await fileLine(dialog, "contacts.csv", "ready to add");
        await pick(user, dialog, "Field delimiter", "comma (,)");
        await fileLine(dialog, "contacts.csv", "2 errors found; fix the settings or add it anyway");
        await user.click(anywayBox(dialog, "Add it anyway, with 2 errors"));
        await fileLine(dialog, "contacts.csv", "ready to add");

        await pick(user, dialog, "Data delimiter", "single quotes (')");
        await fileLine(dialog, "contacts.csv", "2 errors found; fix the settings or add it anyway");
        expect(anywayBox(dialog, "Add it anyway, with 2 errors")).not.toBeChecked();
        expect(addButton(dialog)).toHaveAccessibleName("Add files");
        await user.click(anywayBox(dialog, "Add it anyway, with 2 errors"));
        await fileLine(dialog, "contacts.csv", "ready to add");
        const mark = dv.requests.mark();
        await user.click(addButton(dialog));
        await within(dialog).findByText(/^1 file added: contacts\.csv\./);
        expect(writes(dv, mark)[0].payload).toMatchObject({ fielddelimitercode: 2, datadelimitercode: 3 });
    });

    it("blocks a file whose Excel sep line names a delimiter Dataverse can't read, and says so", async () => {
        renderWithFake(dv);
        const mark = dv.requests.mark();
        choose(csvFile("contacts.csv", "sep=|\r\nFirst Name|Last Name\r\nAna|Lima\r\n"));
        const dialog = await panel();
        await waitFor(() => expect(field(dialog, "Target table")).toHaveValue("Contact (contact)"));
        await fileLine(dialog, "contacts.csv", "its delimiter can't be read by Dataverse");
        expect(await within(dialog).findByRole("alert")).toHaveTextContent(
            "The first line, sep=|, is Excel's delimiter line, but Dataverse reads only comma, semicolon, tab or colon delimited files. Save the file with one of those and add it again.",
        );
        await new Promise((resolve) => setTimeout(resolve, 100));
        expect(within(dialog).getByText("contacts.csv: its delimiter can't be read by Dataverse")).toBeInTheDocument();
        expect(addButton(dialog)).toHaveAttribute("aria-disabled", "true");
        fireEvent.click(addButton(dialog));
        expect(writes(dv, mark)).toEqual([]);
    });

    it("adds files to a new import (same mode) when the form's import already ran, and opens it from the message", async () => {
        dv.update("import", SEED_IMPORT_ID, { statuscode: 4, modecode: 1 });
        const view = renderWithFake(dv);
        await screen.findByText("Mode: Update", undefined, { timeout: 10000 });
        choose(csvFile("contacts.csv"));
        const dialog = await panel();
        await fileLine(dialog, "contacts.csv", "ready to add");
        expect(addButton(dialog)).toHaveAccessibleName("Add 1 file to a new import");
        const filesBefore = dv.importFiles(SEED_IMPORT_ID).length;
        const refreshes = view.dataset.refreshCount;
        const mark = dv.requests.mark();
        fireEvent.click(addButton(dialog));
        const name = `${SEED_IMPORT_NAME} - more files`;
        expect(await within(dialog).findByText(`1 file added to the new import “${name}”: contacts.csv. Open it and select Run all.`)).toBeInTheDocument();
        const sent = writes(dv, mark);
        expect(sent.map((e) => `${e.kind}:${e.entity}`)).toEqual(["create:import", "create:importfile"]);
        const created = dv.records<ImportRecord>("import").filter((i) => i.importid !== SEED_IMPORT_ID);
        expect(created).toHaveLength(1);
        expect(created[0]).toMatchObject({ name, modecode: 1 });
        expect(sent[1].payload).toMatchObject({ name: "contacts.csv", "importid@odata.bind": `/imports(${created[0].importid})` });
        expect(dv.importFiles(created[0].importid).map((f) => f.name)).toEqual(["contacts.csv"]);
        expect(dv.importFiles(SEED_IMPORT_ID)).toHaveLength(filesBefore);
        // The form's list is of the old import: nothing to refresh.
        expect(view.dataset.refreshCount).toBe(refreshes);

        fireEvent.click(within(dialog).getByText(`Open “${name}”`));
        expect(view.context.navigation.openForm).toHaveBeenCalledTimes(1);
        expect(view.context.navigation.openForm).toHaveBeenCalledWith({ entityName: "import", entityId: created[0].importid });
    });
});

(withLibrary ? describe.skip : describe)("adding files where the CSV library can't be loaded (no-xrm)", () => {
    it("says the panel needs a model-driven app, and creates nothing", async () => {
        const dv = createFakeDataverse();
        try {
            renderWithFake(dv);
            const mark = dv.requests.mark();
            choose(csvFile("contacts.csv"));
            const dialog = await panel();
            // The panel's body (and its checks) come with the CSV library: the panel says why it can't show them.
            expect(
                await within(dialog).findByText("Previews, checks and CSV exports work in model-driven apps only: this app can't load the ImportMonitor CSV library."),
            ).toBeInTheDocument();
            expect(within(dialog).queryByRole("list", { name: "Files to add" })).not.toBeInTheDocument();
            expect(within(dialog).queryByText(/^Add (files|\d+ files?)( to a new import)?$/)).not.toBeInTheDocument();
            expect(within(dialog).queryByRole("button", { name: "Try again" })).not.toBeInTheDocument();
            expect(writes(dv, mark)).toEqual([]);
        } finally {
            dv.dispose();
        }
    });
});
