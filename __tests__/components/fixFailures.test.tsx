/**
 * "Fix and import again" in the failure log (issue 13), over the fake Dataverse after the seeded import has run all
 * of its stages (applyScenario "completed-with-failures": the fake's own parse, transform and import of the seed;
 * accounts.csv then has 5 failed rows, 2 ragged at parse, and 2 partly failed ones, see sandbox/dataverse/seed.ts):
 * - "Export failed rows": the file's header and its failed source lines exactly as in the file, with an Errors column;
 * - "Import failed rows again": one new import (same mode, a name that says it retries the original) with one file of
 *   the failed source lines but the partly failed ones (their records exist: a Create would duplicate them), same
 *   settings as the original file; deleted again when its file can't be created, and named when even that fails;
 * - "New import for corrected rows": one new, empty import;
 * - both wait for the original's mode (a new import repeats it);
 * - the most common causes (failures grouped by column, value and error, counted in rows: a file and line each).
 * Most tests render FailureLogPanel itself; one goes through the control (init/updateView) for the host's openForm.
 */
import * as React from "react";
import { configure, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import userEvent, { PointerEventsCheckLevel } from "@testing-library/user-event";
import Papa from "papaparse";
import {
    applyScenario,
    createFakeDataverse,
    FAKE_USER_ID,
    faultError,
    ImportLogErrors,
    parseContent,
    planFile,
    SEED_ACCOUNT_MAP_ID,
    SEED_ACCOUNTS_BAD_LINES,
    SEED_ACCOUNTS_FILE_ID,
    SEED_IMPORT_ID,
    SEED_IMPORT_NAME,
    SEED_LEADS_FILE_ID,
    stableGuid,
} from "../../sandbox/dataverse";
import type { FakeDataverse, ImportFileRecord, ImportLogRecord, ImportRecord } from "../../sandbox/dataverse";
import { createImportService } from "../../ImportMonitor/dataverse/importService";
import { toFailure } from "../../ImportMonitor/dataverse/failures";
import { failureText } from "../../ImportMonitor/components/failureText";
import { FailureLogPanel } from "../../ImportMonitor/components/FailureLogPanel";
import type { LogFile } from "../../ImportMonitor/components/FailureLogPanel";
import { LocalizeContext } from "../../ImportMonitor/components/LocalizeContext";
import { createLocalize } from "../../ImportMonitor/strings/localize";
import { withCsvLibrary } from "../pcf/csvLibrary";
import { captureDownloads } from "../pcf/downloads";
import * as contextFake from "../pcf/contextFake";
import { renderWithFake } from "../pcf/fakeBackedControl";
import { readResx } from "../pcf/resx";

jest.setTimeout(30000);
// Role queries skip the inaccessibility check (getComputedStyle over Fluent's styles is very slow in jsdom).
configure({ defaultHidden: true });
const USER = { pointerEventsCheck: PointerEventsCheckLevel.Never };

const strings = readResx();
const t = createLocalize((id) => strings.get(id) ?? `!!${id}!!`, { formatNumber: (n) => n.toLocaleString("en-US") });

const EXPORT = "Export failed rows";
const REIMPORT = "Import failed rows again";
const NEW_IMPORT = "New import for corrected rows";
const RETRY_NAME = `${SEED_IMPORT_NAME} - failed rows again`;
const CORRECTED_NAME = `${SEED_IMPORT_NAME} - corrected rows`;
/** The notice of an "as is" re-import of accounts.csv: its 5 fully failed rows in, its 2 partly failed ones left out. */
const reimported = (name: string) =>
    `The new import “${name}” has 5 failed rows, ready for Run all. ` +
    "2 partly failed rows were left out: their records exist already (created without some values); correct them in Dataverse.";
/** The title of the buttons that create an import while the original's mode is not read yet. */
const WAITING_FOR_MODE = "Waiting for the import's mode to be read: a new import repeats it.";

/** The seeded import after Parse, Transform and Import, all run to the end by the fake. */
function completedFake(prepare?: (dv: FakeDataverse) => void): FakeDataverse {
    const dv = createFakeDataverse();
    prepare?.(dv);
    applyScenario(dv, "completed-with-failures");
    return dv;
}

function accountsFile(dv: FakeDataverse): ImportFileRecord {
    return dv.record<ImportFileRecord>("importfile", SEED_ACCOUNTS_FILE_ID)!;
}

/** A file as the panel gets it from the list: id, name, partly failed count. */
function logFile(dv: FakeDataverse, id: string): LogFile {
    const f = dv.record<ImportFileRecord>("importfile", id)!;
    return { id: f.importfileid, name: f.name, partialFailureCount: f.partialfailurecount };
}

/** The physical lines of a file's content (accounts.csv has no quoted line break: a record is a line). */
function contentLines(content: string): string[] {
    return content.replace(/\r\n$/, "").split("\r\n");
}

/** The distinct line numbers the importlog names for a file, ascending. */
function failedLines(dv: FakeDataverse, fileId: string): number[] {
    return [...new Set(dv.importLogs(fileId).map((l) => l.linenumber!))].sort((a, b) => a - b);
}

/**
 * The partly failed lines of a file as the control tells them (useFixFailures.ts isPartial): the file has partly
 * failed rows and the line has a failure in Transform (logphasecode 1).
 */
function partlyFailedLines(dv: FakeDataverse, fileId: string): number[] {
    if ((dv.record<ImportFileRecord>("importfile", fileId)!.partialfailurecount ?? 0) <= 0) return [];
    return [...new Set(dv.importLogs(fileId).filter((l) => l.logphasecode === 1).map((l) => l.linenumber!))].sort((a, b) => a - b);
}

interface PanelProps {
    importName?: string;
    modeCode?: number | null;
    onOpenImport?: (id: string) => void;
}

/** The panel over `dv`; `rerender` gives it other props (the same service: as the form does when it reads the import). */
function renderPanel(dv: FakeDataverse, files: LogFile[], props: PanelProps = {}) {
    const service = createImportService(withCsvLibrary(dv.ports()));
    const imported = dv.record<ImportRecord>("import", SEED_IMPORT_ID)!;
    const element = (p: PanelProps) => (
        <LocalizeContext.Provider value={t}>
            <FailureLogPanel
                files={files}
                service={service}
                onDismiss={jest.fn()}
                importName={p.importName ?? imported.name}
                modeCode={p.modeCode === undefined ? imported.modecode : p.modeCode}
                ownerId={FAKE_USER_ID}
                onOpenImport={p.onOpenImport}
            />
        </LocalizeContext.Provider>
    );
    const view = render(element(props));
    return { ...view, rerender: (next: PanelProps) => view.rerender(element(next)) };
}

/** The open panel with every log row of its files loaded (the fix buttons wait for that). */
async function loadedPanel(dv: FakeDataverse, fileIds: string[]): Promise<HTMLElement> {
    const total = fileIds.reduce((n, id) => n + dv.importLogs(id).length, 0);
    await screen.findByText(`${total} of ${total} rows shown`, undefined, { timeout: 10000 });
    return screen.getByRole("region", { name: "Fix and import again" });
}

/** The error notice of the section, once its text is there (MessageBar renders its text a moment later). */
async function failureAlert(section: HTMLElement, start = /^The new import was not created/): Promise<HTMLElement> {
    const text = await within(section).findByText(start, undefined, { timeout: 10000 });
    const alert = text.closest<HTMLElement>('[role="alert"]');
    expect(alert).not.toBeNull();
    return alert!;
}

const button = (section: HTMLElement, name: string) => within(section).getByRole("button", { name });
const writes = (dv: FakeDataverse, mark: number) => dv.requests.since(mark, (e) => e.kind === "create" || e.kind === "delete" || e.kind === "execute");
const imports = (dv: FakeDataverse) => dv.records<ImportRecord>("import");
const newImports = (dv: FakeDataverse) => imports(dv).filter((i) => i.importid !== SEED_IMPORT_ID);

/**
 * What the fake's import does with a created file's rows: its own rules (simulation.ts: ragged rows fail at parse,
 * required columns, whole numbers in range) and none of the seed's, which are by importfileid (seed.ts createSeed).
 */
function expectedCounts(file: ImportFileRecord) {
    const { outcomes } = planFile(file, parseContent(file), []);
    return {
        total: outcomes.length,
        success: outcomes.filter((o) => o.kind === "success").length,
        failure: outcomes.filter((o) => o.kind === "failure" || o.kind === "parseFailure").length,
        partial: outcomes.filter((o) => o.kind === "partial").length,
    };
}
/** Runs parse, transform and import of `importId` on the fake, to the end (the wizard's run, fast-forwarded). */
function runStages(dv: FakeDataverse, importId: string): void {
    const run = dv.runInBackground(importId);
    dv.advance(() => run.status !== "running");
    expect(run.status).toBe("succeeded");
}

describe("Fix and import again, in the failure log", () => {
    let dv: FakeDataverse;
    let errors: jest.SpyInstance;
    beforeEach(() => {
        errors = jest.spyOn(console, "error");
    });
    afterEach(() => {
        const logged = errors.mock.calls.filter((args: unknown[]) => !String(args[0]).includes("not wrapped in act("));
        // Restored and disposed first: a test's failure here does not carry its console.error into the next test.
        jest.restoreAllMocks();
        dv.dispose();
        expect(logged).toEqual([]);
    });

    it("(a) exports accounts.csv's header with an Errors heading, then exactly its failed source lines, each with its errors", async () => {
        dv = completedFake();
        const user = userEvent.setup(USER);
        renderPanel(dv, [logFile(dv, SEED_ACCOUNTS_FILE_ID)]);
        const section = await loadedPanel(dv, [SEED_ACCOUNTS_FILE_ID]);
        expect(within(section).getByRole("heading", { name: "Fix and import again" })).toBeInTheDocument();
        // The failure log's own export is still there, under its own name.
        expect(screen.getByRole("button", { name: "Export failure log" })).toBeEnabled();

        const downloads = captureDownloads();
        const mark = dv.requests.mark();
        await user.click(button(section, EXPORT));
        expect(await within(section).findByText("7 failed rows exported from 1 file.")).toBeInTheDocument();
        expect(downloads.names).toEqual(["accounts - failed rows.csv"]);
        // Nothing is written to Dataverse by an export.
        expect(writes(dv, mark)).toEqual([]);

        const bytes = await downloads.bytes(downloads.blobs[0]);
        expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
        const csv = (await downloads.text(downloads.blobs[0])).replace(/^\uFEFF/, "");
        expect(csv.endsWith("\r\n")).toBe(true);
        const out = contentLines(csv);

        const source = contentLines(accountsFile(dv).content);
        const logs = dv.importLogs(SEED_ACCOUNTS_FILE_ID);
        const lines = failedLines(dv, SEED_ACCOUNTS_FILE_ID);
        // The seed's bad lines, every one: 2 ragged, 3 failed at import, 2 partly failed.
        const bad = SEED_ACCOUNTS_BAD_LINES;
        expect(lines).toEqual([...bad.ragged, bad.invalidEmail, bad.duplicate, bad.outOfRange, ...bad.lookupNotFound].sort((a, b) => a - b));

        expect(out[0]).toBe(`${source[0]},Errors`);
        expect(out).toHaveLength(1 + lines.length);
        lines.forEach((n, i) => {
            const line = out[i + 1];
            // The source line exactly as in the file (quoted fields, the ragged rows' field counts), then one field.
            expect(line.startsWith(`${source[n - 1]},`)).toBe(true);
            const errorsField = line.slice(source[n - 1].length + 1);
            const [[errors]] = Papa.parse<string[]>(errorsField).data;
            expect(Papa.unparse([[errors]])).toBe(errorsField);
            const own = logs.filter((l) => l.linenumber === n);
            for (const l of own) {
                expect(errors).toContain(t(`Log_Phase_${l.logphasecode}`));
                expect(errors).toContain(l.errordescription!);
                if (l.additionalinfo) expect(errors).toContain(l.additionalinfo);
                if (l.headercolumn) expect(errors).toContain(`${l.headercolumn}: `);
            }
            const partly = (bad.lookupNotFound as readonly number[]).includes(n);
            expect(errors.startsWith("Partly failed: ")).toBe(partly);
        });
        downloads.restore();
    });

    it("(a) exports one file per file from the import-wide view, each with its own header", async () => {
        dv = completedFake();
        const user = userEvent.setup(USER);
        const files = [SEED_ACCOUNTS_FILE_ID, SEED_LEADS_FILE_ID];
        renderPanel(dv, files.map((id) => logFile(dv, id)));
        const section = await loadedPanel(dv, files);
        const downloads = captureDownloads();
        await user.click(button(section, EXPORT));
        const rows = files.reduce((n, id) => n + failedLines(dv, id).length, 0);
        expect(await within(section).findByText(`${rows} failed rows exported from 2 files.`)).toBeInTheDocument();
        expect(downloads.names).toEqual(["accounts - failed rows.csv", "leads - failed rows.csv"]);
        const leads = contentLines((await downloads.text(downloads.blobs[1])).replace(/^\uFEFF/, ""));
        const leadsSource = contentLines(dv.record<ImportFileRecord>("importfile", SEED_LEADS_FILE_ID)!.content);
        expect(leads[0]).toBe(`${leadsSource[0]},Errors`);
        expect(leads).toHaveLength(1 + failedLines(dv, SEED_LEADS_FILE_ID).length);
        failedLines(dv, SEED_LEADS_FILE_ID).forEach((n, i) => expect(leads[i + 1].startsWith(`${leadsSource[n - 1]},`)).toBe(true));
        downloads.restore();
    });

    it("(b) imports the failed rows again: one new import, same mode, one file of the failed source lines but the partly failed ones, with the original's settings; offers to open it", async () => {
        dv = completedFake();
        const user = userEvent.setup(USER);
        const onOpenImport = jest.fn();
        renderPanel(dv, [logFile(dv, SEED_ACCOUNTS_FILE_ID)], { onOpenImport });
        const section = await loadedPanel(dv, [SEED_ACCOUNTS_FILE_ID]);
        const original = accountsFile(dv);
        const source = contentLines(original.content);
        // The seed's partly failed rows (a contact not found: their accounts were created without it) are left out;
        // the other failed rows, those that made no record, are imported again.
        const bad = SEED_ACCOUNTS_BAD_LINES;
        expect(original.partialfailurecount).toBe(2);
        const partly = partlyFailedLines(dv, SEED_ACCOUNTS_FILE_ID);
        expect(partly).toEqual([...bad.lookupNotFound]);
        const lines = failedLines(dv, SEED_ACCOUNTS_FILE_ID).filter((n) => !partly.includes(n));
        expect(lines).toEqual([...bad.ragged, bad.invalidEmail, bad.duplicate, bad.outOfRange].sort((a, b) => a - b));

        const mark = dv.requests.mark();
        await user.click(button(section, REIMPORT));
        const notice = await within(section).findByText(reimported(RETRY_NAME), undefined, { timeout: 10000 });
        expect(notice).toHaveTextContent(reimported(RETRY_NAME));

        const sent = writes(dv, mark);
        expect(sent.map((e) => `${e.kind}:${e.entity}`)).toEqual(["create:import", "create:importfile"]);
        expect(sent[0].payload).toEqual({ name: RETRY_NAME, modecode: 0 });
        const [created] = newImports(dv);
        expect(newImports(dv)).toHaveLength(1);
        expect(created).toMatchObject({ name: RETRY_NAME, modecode: dv.record<ImportRecord>("import", SEED_IMPORT_ID)!.modecode });

        // The header, then lines 6, 9, 12, 15 and 18 exactly as in the file; 20 and 23 are not in it.
        const expectedContent = [source[0], ...lines.map((n) => source[n - 1])].join("\r\n") + "\r\n";
        expect(sent[1].payload).toMatchObject({
            content: expectedContent,
            name: "accounts - failed rows.csv",
            "importid@odata.bind": `/imports(${created.importid})`,
            "recordsownerid_systemuser@odata.bind": `/systemusers(${FAKE_USER_ID})`,
            filetypecode: 0,
            processcode: 1,
        });
        const files = dv.importFiles(created.importid);
        expect(files).toHaveLength(1);
        const file = files[0];
        expect(file.content).toBe(expectedContent);
        expect(contentLines(file.content)).toHaveLength(1 + 5);
        for (const n of partly) expect(contentLines(file.content)).not.toContain(source[n - 1]);
        // No Errors column: the header is the original's.
        expect(contentLines(file.content)[0]).toBe(source[0]);
        for (const column of ["fielddelimitercode", "datadelimitercode", "isfirstrowheader", "targetentityname", "usesystemmap", "enableduplicatedetection"] as const) {
            expect([column, file[column]]).toEqual([column, original[column]]);
        }
        // The original uses the system map: so does the new file (no data map bound).
        expect(original.usesystemmap).toBe(true);
        expect(sent[1].payload).not.toHaveProperty("importmapid@odata.bind");
        // The original import is untouched.
        expect(dv.importFiles(SEED_IMPORT_ID)).toHaveLength(3);

        await user.click(within(section).getByRole("button", { name: `Open “${RETRY_NAME}”` }));
        expect(onOpenImport).toHaveBeenCalledTimes(1);
        expect(onOpenImport).toHaveBeenCalledWith(created.importid);

        // Run on the fake, the new file's rows come out as the fake's rules decide for a file of those lines.
        runStages(dv, created.importid);
        const done = dv.importFiles(created.importid)[0];
        const expected = expectedCounts(done);
        expect(expected.total).toBe(5);
        expect({ total: done.totalcount, success: done.successcount, failure: done.failurecount, partial: done.partialfailurecount }).toEqual(expected);
    });

    it("(b) repeats a file's own data map, source name and duplicate detection on the re-imported file", async () => {
        dv = completedFake((fake) =>
            fake.update("importfile", SEED_ACCOUNTS_FILE_ID, {
                usesystemmap: false,
                _importmapid_value: SEED_ACCOUNT_MAP_ID,
                sourceentityname: "legacy-accounts",
                enableduplicatedetection: true,
            }),
        );
        const user = userEvent.setup(USER);
        renderPanel(dv, [logFile(dv, SEED_ACCOUNTS_FILE_ID)]);
        const section = await loadedPanel(dv, [SEED_ACCOUNTS_FILE_ID]);
        const mark = dv.requests.mark();
        await user.click(button(section, REIMPORT));
        await within(section).findByText(reimported(RETRY_NAME), undefined, { timeout: 10000 });
        const [, fileCreate] = writes(dv, mark);
        expect(fileCreate.payload).toMatchObject({
            usesystemmap: false,
            "importmapid@odata.bind": `/importmaps(${SEED_ACCOUNT_MAP_ID})`,
            sourceentityname: "legacy-accounts",
            enableduplicatedetection: true,
            targetentityname: "account",
        });
        const [created] = newImports(dv);
        expect(dv.importFiles(created.importid)[0]._importmapid_value).toBe(SEED_ACCOUNT_MAP_ID);
    });

    it("(b) through the control: the new import is named after the form's import, keeps its mode, and Open calls the host's openForm", async () => {
        dv = completedFake((fake) => fake.update("import", SEED_IMPORT_ID, { modecode: 1 }));
        // The user as the fake knows them (as the sandbox page's context does): the records owner of the new file.
        const realCreateContext = contextFake.createContext;
        jest.spyOn(contextFake, "createContext").mockImplementation((dataset, options) => {
            const context = realCreateContext(dataset, options);
            Object.assign(context.userSettings, { userId: `{${FAKE_USER_ID.toUpperCase()}}` });
            return context;
        });
        const user = userEvent.setup(USER);
        const view = renderWithFake(dv);
        // The import's name and mode, read with its status.
        await screen.findByText("Mode: Update", undefined, { timeout: 10000 });
        fireEvent.click(await screen.findByRole("button", { name: "Failure log for accounts.csv" }));
        const dialog = await screen.findByRole("dialog", { name: "Failure log: accounts.csv" });
        const section = await loadedPanel(dv, [SEED_ACCOUNTS_FILE_ID]);
        expect(dialog).toContainElement(section);

        const mark = dv.requests.mark();
        await user.click(button(section, REIMPORT));
        await within(section).findByText(reimported(RETRY_NAME), undefined, { timeout: 10000 });
        expect(writes(dv, mark).map((e) => `${e.kind}:${e.entity}`)).toEqual(["create:import", "create:importfile"]);
        const [created] = newImports(dv);
        expect(created).toMatchObject({ name: RETRY_NAME, modecode: 1 });
        expect(dv.importFiles(created.importid)).toHaveLength(1);

        await user.click(within(section).getByRole("button", { name: `Open “${RETRY_NAME}”` }));
        expect(view.context.navigation.openForm).toHaveBeenCalledTimes(1);
        expect(view.context.navigation.openForm).toHaveBeenCalledWith({ entityName: "import", entityId: created.importid });
    });

    it("(c) deletes the new import again when its file can't be created, and says nothing was left behind", async () => {
        dv = completedFake();
        const user = userEvent.setup(USER);
        renderPanel(dv, [logFile(dv, SEED_ACCOUNTS_FILE_ID)]);
        const section = await loadedPanel(dv, [SEED_ACCOUNTS_FILE_ID]);
        const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
        dv.faults.failNext({ kind: "server", message: "The server could not save the file." }, { match: "create:importfile" });
        const mark = dv.requests.mark();
        await user.click(button(section, REIMPORT));
        const alert = await failureAlert(section);
        expect(alert).toHaveTextContent(/^The new import was not created \(nothing was left behind\)\. /);
        expect(alert).toHaveTextContent("The server could not save the file.");

        const sent = writes(dv, mark);
        expect(sent.map((e) => `${e.kind}:${e.entity}`)).toEqual(["create:import", "create:importfile", "delete:import"]);
        // The import created first is the one deleted, and it is gone; the original import is untouched.
        expect(sent[2].id).not.toBe(SEED_IMPORT_ID);
        expect(newImports(dv)).toEqual([]);
        expect(imports(dv).map((i) => i.importid)).toEqual([SEED_IMPORT_ID]);
        expect(dv.importFiles().every((f) => f._importid_value === SEED_IMPORT_ID)).toBe(true);
        expect(dv.importFiles(SEED_IMPORT_ID)).toHaveLength(3);
        expect(within(section).queryByRole("button", { name: /^Open / })).not.toBeInTheDocument();
        expect(warn).toHaveBeenCalled();
    });

    it("(c) names the import left behind when the clean-up delete fails too, with the file's failure as the reason", async () => {
        dv = completedFake();
        const user = userEvent.setup(USER);
        renderPanel(dv, [logFile(dv, SEED_ACCOUNTS_FILE_ID)]);
        const section = await loadedPanel(dv, [SEED_ACCOUNTS_FILE_ID]);
        errors.mockImplementation(() => undefined);
        const fileFault = { kind: "server", message: "The server could not save the file." } as const;
        dv.faults.failNext(fileFault, { match: "create:importfile" });
        // Every try of the clean-up fails (a throttled or offline call may be tried again).
        const deleteFault = dv.faults.failAll("delete:import", { kind: "server", message: "The delete failed too." });
        const mark = dv.requests.mark();
        await user.click(button(section, REIMPORT));
        const alert = await failureAlert(section, /^The new import “.+” could not be finished/);
        // The alert is the state the re-import ended in: its work is over, the buttons are back.
        await waitFor(() => expect(button(section, REIMPORT)).toBeEnabled());
        deleteFault.remove();

        // The reason is the file's failure (what went wrong first), not the delete's.
        const reason = failureText(t, toFailure(faultError(fileFault, { key: "create:importfile", kind: "create", entity: "importfile" })));
        expect(reason).toContain("The server could not save the file.");
        expect(alert.textContent.replace(/\s+/g, " ").trim()).toBe(
            `The new import “${RETRY_NAME}” could not be finished, nor deleted again: delete it from the Data Import list. ${reason}`,
        );
        expect(alert).not.toHaveTextContent("nothing was left behind");
        expect(alert).not.toHaveTextContent("The delete failed too.");

        // One delete was tried (a server error is not tried again), of the new import: it is still there, empty.
        const sent = writes(dv, mark);
        expect(sent.map((e) => `${e.kind}:${e.entity}`)).toEqual(["create:import", "create:importfile", "delete:import"]);
        const left = newImports(dv);
        expect(left).toHaveLength(1);
        expect(left[0]).toMatchObject({ name: RETRY_NAME });
        expect(sent[2].id).toBe(left[0].importid);
        expect(dv.importFiles(left[0].importid)).toEqual([]);
        expect(dv.importFiles(SEED_IMPORT_ID)).toHaveLength(3);
        expect(within(section).queryByRole("button", { name: /^Open / })).not.toBeInTheDocument();

        // The clean-up failure is logged once, naming the import, with the delete's error (React's act() warnings aside,
        // as afterEach has them).
        const logged = errors.mock.calls.filter((args: unknown[]) => !String(args[0]).includes("not wrapped in act("));
        expect(logged).toHaveLength(1);
        const [message, cleanup] = logged[0] as [string, unknown];
        expect(message).toBe(`ImportMonitor: the unfinished import ${left[0].importid} could not be deleted`);
        expect(cleanup).toMatchObject({ message: "The delete failed too." });
        errors.mockClear();
    });

    it("(d) creates one new, empty import for corrected rows, with the same mode, and offers to open it", async () => {
        dv = completedFake((fake) => fake.update("import", SEED_IMPORT_ID, { modecode: 1 }));
        const user = userEvent.setup(USER);
        const onOpenImport = jest.fn();
        renderPanel(dv, [logFile(dv, SEED_ACCOUNTS_FILE_ID)], { onOpenImport });
        const section = await loadedPanel(dv, [SEED_ACCOUNTS_FILE_ID]);
        const mark = dv.requests.mark();
        await user.click(button(section, NEW_IMPORT));
        await within(section).findByText(`The new import “${CORRECTED_NAME}” is created: open it and add your corrected file with Add files.`, undefined, {
            timeout: 10000,
        });
        const sent = writes(dv, mark);
        expect(sent.map((e) => `${e.kind}:${e.entity}`)).toEqual(["create:import"]);
        expect(sent[0].payload).toEqual({ name: CORRECTED_NAME, modecode: 1 });
        const created = newImports(dv);
        expect(created).toHaveLength(1);
        expect(created[0]).toMatchObject({ name: CORRECTED_NAME, modecode: 1 });
        expect(dv.importFiles(created[0].importid)).toEqual([]);
        await user.click(within(section).getByRole("button", { name: `Open “${CORRECTED_NAME}”` }));
        expect(onOpenImport).toHaveBeenCalledWith(created[0].importid);
    });

    it("(d) names the corrected-rows import after the file while the import's name is not read yet", async () => {
        dv = completedFake();
        const user = userEvent.setup(USER);
        renderPanel(dv, [logFile(dv, SEED_ACCOUNTS_FILE_ID)], { importName: "" });
        const section = await loadedPanel(dv, [SEED_ACCOUNTS_FILE_ID]);
        const mark = dv.requests.mark();
        await user.click(button(section, NEW_IMPORT));
        await within(section).findByText("The new import “accounts.csv - corrected rows” is created: open it and add your corrected file with Add files.", undefined, {
            timeout: 10000,
        });
        const sent = writes(dv, mark);
        expect(sent.map((e) => `${e.kind}:${e.entity}`)).toEqual(["create:import"]);
        expect(sent[0].payload).toEqual({ name: "accounts.csv - corrected rows", modecode: 0 });
        const created = newImports(dv);
        expect(created).toHaveLength(1);
        expect(created[0]).toMatchObject({ name: "accounts.csv - corrected rows", modecode: 0 });
    });

    it("(b) (d) wait for the original's mode: both creating buttons are disabled, with the reason, until it is read; then the new import has it", async () => {
        dv = completedFake((fake) => fake.update("import", SEED_IMPORT_ID, { modecode: 1 }));
        const user = userEvent.setup(USER);
        const view = renderPanel(dv, [logFile(dv, SEED_ACCOUNTS_FILE_ID)], { importName: "", modeCode: null });
        const section = await loadedPanel(dv, [SEED_ACCOUNTS_FILE_ID]);
        const mark = dv.requests.mark();
        for (const name of [REIMPORT, NEW_IMPORT]) {
            expect(button(section, name)).toBeDisabled();
            expect(button(section, name)).toHaveAttribute("title", WAITING_FOR_MODE);
            // A click (a disabled button's, or one forced through) creates nothing.
            await user.click(button(section, name));
            fireEvent.click(button(section, name));
        }
        // Exporting needs no mode: it is offered.
        expect(button(section, EXPORT)).toBeEnabled();
        expect(button(section, EXPORT)).toHaveAttribute("title", t("Fix_ExportDescription"));
        // Let anything a click might have started run.
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(writes(dv, mark)).toEqual([]);
        expect(newImports(dv)).toEqual([]);
        expect(within(section).getByRole("status")).toBeEmptyDOMElement();

        // The form reads the import: Update (the name is still not read).
        view.rerender({ importName: "", modeCode: 1 });
        expect(button(section, REIMPORT)).toBeEnabled();
        expect(button(section, REIMPORT)).toHaveAttribute("title", t("Fix_ReimportAsIsDescription"));
        expect(button(section, NEW_IMPORT)).toBeEnabled();
        expect(button(section, NEW_IMPORT)).toHaveAttribute("title", t("Fix_NewImportDescription"));
        await user.click(button(section, REIMPORT));
        await within(section).findByText(reimported("accounts.csv - failed rows again"), undefined, { timeout: 10000 });
        const sent = writes(dv, mark);
        expect(sent.map((e) => `${e.kind}:${e.entity}`)).toEqual(["create:import", "create:importfile"]);
        expect(sent[0].payload).toEqual({ name: "accounts.csv - failed rows again", modecode: 1 });
        const [created] = newImports(dv);
        expect(newImports(dv)).toHaveLength(1);
        expect(created).toMatchObject({ name: "accounts.csv - failed rows again", modecode: 1 });
    });

    it("(e) lists a most common cause when two or more rows share column, value and error", async () => {
        dv = completedFake();
        const lookup = ImportLogErrors.lookupNotFound;
        const log = (line: number, value: string, n: number): ImportLogRecord => ({
            importlogid: stableGuid(`fixFailures:group:${n}`),
            _importfileid_value: SEED_ACCOUNTS_FILE_ID,
            linenumber: line,
            headercolumn: "Primary Contact",
            columnvalue: value,
            errordescription: lookup.description,
            errornumber: lookup.errorNumber,
            logphasecode: 1,
            additionalinfo: null,
            createdon: "2025-11-24T10:00:00Z",
        });
        // Three more rows name Dana Whitfield (line 20 already does), one more names someone else once.
        dv.insert("importlog", { ...log(2, "Dana Whitfield", 1) });
        dv.insert("importlog", { ...log(3, "Dana Whitfield", 2) });
        dv.insert("importlog", { ...log(4, "Dana Whitfield", 3) });
        dv.insert("importlog", { ...log(5, "Nobody Known", 4) });
        renderPanel(dv, [logFile(dv, SEED_ACCOUNTS_FILE_ID)]);
        const section = await loadedPanel(dv, [SEED_ACCOUNTS_FILE_ID]);
        const list = within(section).getByRole("list", { name: "Most common causes" });
        const items = within(list).getAllByRole("listitem").map((li) => li.textContent);
        expect(items).toEqual([`Primary Contact: 4 rows with “Dana Whitfield”: ${lookup.description}`]);
    });

    it("(e) shows no most common causes when no two rows share column, value and error (the seed's own failures)", async () => {
        dv = completedFake();
        renderPanel(dv, [logFile(dv, SEED_ACCOUNTS_FILE_ID)]);
        const section = await loadedPanel(dv, [SEED_ACCOUNTS_FILE_ID]);
        expect(within(section).queryByRole("list", { name: "Most common causes" })).not.toBeInTheDocument();
    });

    it("(e) counts the rows of a cause in the import-wide view per file: the same line in two files is two rows", async () => {
        dv = completedFake();
        const lookup = ImportLogErrors.lookupNotFound;
        [SEED_ACCOUNTS_FILE_ID, SEED_LEADS_FILE_ID].forEach((fileId, n) =>
            dv.insert("importlog", {
                importlogid: stableGuid(`fixFailures:perfile:${n}`),
                _importfileid_value: fileId,
                linenumber: 2,
                headercolumn: "Primary Contact",
                columnvalue: "Dana Whitfield",
                errordescription: lookup.description,
                errornumber: lookup.errorNumber,
                logphasecode: 1,
                additionalinfo: null,
                createdon: "2025-11-24T10:00:00Z",
            }),
        );
        const files = [SEED_ACCOUNTS_FILE_ID, SEED_LEADS_FILE_ID];
        renderPanel(dv, files.map((id) => logFile(dv, id)));
        const section = await loadedPanel(dv, files);
        const list = within(section).getByRole("list", { name: "Most common causes" });
        // Line 20 of accounts.csv, line 2 of accounts.csv and line 2 of leads.csv: three rows.
        expect(within(list).getAllByRole("listitem").map((li) => li.textContent)).toEqual([`Primary Contact: 3 rows with “Dana Whitfield”: ${lookup.description}`]);
    });

    it("(e) counts a row once: two failures of one line sharing column, value and error are not a most common cause", async () => {
        dv = completedFake();
        const lookup = ImportLogErrors.lookupNotFound;
        // Line 20 of accounts.csv already names Dana Whitfield once (SEED_ACCOUNTS_BAD_LINES.lookupNotFound): a second
        // failure of that line with the same value and error is the same row.
        const [first] = dv.importLogs(SEED_ACCOUNTS_FILE_ID).filter((l) => l.columnvalue === "Dana Whitfield");
        expect(first).toMatchObject({ linenumber: 20, headercolumn: "Primary Contact", errornumber: lookup.errorNumber });
        dv.insert("importlog", { ...first, importlogid: stableGuid("fixFailures:sameRow"), logphasecode: 2 });
        const files = [SEED_ACCOUNTS_FILE_ID, SEED_LEADS_FILE_ID];
        renderPanel(dv, files.map((id) => logFile(dv, id)));
        const section = await loadedPanel(dv, files);
        expect(within(section).queryByRole("list", { name: "Most common causes" })).not.toBeInTheDocument();
    });

    it("(f) creates one import for a double click on Import failed rows again", async () => {
        dv = completedFake();
        const user = userEvent.setup(USER);
        renderPanel(dv, [logFile(dv, SEED_ACCOUNTS_FILE_ID)]);
        const section = await loadedPanel(dv, [SEED_ACCOUNTS_FILE_ID]);
        // The creates are still under way when the second click lands.
        dv.setLatencyMs(300);
        const mark = dv.requests.mark();
        await user.dblClick(button(section, REIMPORT));
        await within(section).findByText(reimported(RETRY_NAME), undefined, { timeout: 10000 });
        // Settle anything a second click might have started.
        await new Promise((resolve) => setTimeout(resolve, 700));
        expect(dv.requests.count("create:import", mark)).toBe(1);
        expect(dv.requests.count("create:importfile", mark)).toBe(1);
        expect(writes(dv, mark)).toHaveLength(2);
        expect(newImports(dv)).toHaveLength(1);
    });

    it("(f) a second click while a re-import runs finds the buttons disabled", async () => {
        dv = completedFake();
        renderPanel(dv, [logFile(dv, SEED_ACCOUNTS_FILE_ID)]);
        const section = await loadedPanel(dv, [SEED_ACCOUNTS_FILE_ID]);
        dv.setLatencyMs(300);
        const mark = dv.requests.mark();
        fireEvent.click(button(section, REIMPORT));
        await waitFor(() => expect(button(section, REIMPORT)).toBeDisabled());
        expect(button(section, NEW_IMPORT)).toBeDisabled();
        expect(button(section, EXPORT)).toBeDisabled();
        fireEvent.click(button(section, NEW_IMPORT));
        await within(section).findByText(reimported(RETRY_NAME), undefined, { timeout: 10000 });
        expect(writes(dv, mark).map((e) => `${e.kind}:${e.entity}`)).toEqual(["create:import", "create:importfile"]);
    });
});
