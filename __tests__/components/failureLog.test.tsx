import * as React from "react";
import { act, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import Papa from "papaparse";
import { buildLargeSeed, createFakeDataverse, SEED_IMPORT_ID, SEED_LEADS_FILE_ID } from "../../sandbox/dataverse";
import type { FakeDataverse } from "../../sandbox/dataverse";
import { createImportService } from "../../ImportMonitor/dataverse/importService";
import { withCsvLibrary } from "../pcf/csvLibrary";
import { captureDownloads } from "../pcf/downloads";
import { FailureLogPanel } from "../../ImportMonitor/components/FailureLogPanel";
import { LocalizeContext } from "../../ImportMonitor/components/LocalizeContext";
import { createLocalize } from "../../ImportMonitor/strings/localize";
import type { ImportFileRow } from "../../ImportMonitor/domain/importFile";
import { readResx } from "../pcf/resx";

const strings = readResx();
const t = createLocalize((id) => strings.get(id) ?? `!!${id}!!`, { formatNumber: (n) => n.toLocaleString("en-US") });

function row(id: string, name: string): ImportFileRow {
    return {
        id,
        name,
        source: name,
        targetTable: "contact",
        sizeKb: "1",
        statusLabel: "Completed",
        processingStatus: 11,
        statusCode: 4,
        processCode: 1,
        successCount: 0,
        failureCount: 1,
        partialFailureCount: 0,
        totalCount: 1,
        modifiedOn: null,
        modifiedOnLabel: "",
        importId: null,
    };
}

/** Runs the seeded import's three stages to the end on fake timers (so every file has its log), then real timers again. */
async function runAllStages(service: ReturnType<typeof createImportService>): Promise<void> {
    for (const stage of ["parse", "transform", "import"] as const) {
        await service.startStage(stage, SEED_IMPORT_ID);
        await act(async () => {
            await jest.advanceTimersByTimeAsync(5000);
        });
    }
    jest.useRealTimers();
}

describe("FailureLogPanel", () => {
    let dv: FakeDataverse;
    afterEach(() => dv.dispose());

    it("loads a 10,000-row log page by page, shows it virtualised, and exports every row", async () => {
        const seed = buildLargeSeed({ fileCount: 1, importLogCount: 10000, state: "completed" });
        dv = createFakeDataverse({ seed });
        const fileId = seed.importFiles[0].importfileid;
        const service = createImportService(withCsvLibrary(dv.ports()));
        const user = userEvent.setup();
        render(
            <LocalizeContext.Provider value={t}>
                <FailureLogPanel files={[row(fileId, "contacts-0001.csv")]} service={service} onDismiss={jest.fn()} />
            </LocalizeContext.Provider>,
        );
        expect(await screen.findByText("10,000 of 10,000 rows shown", undefined, { timeout: 20000 })).toBeInTheDocument();
        // Paged: one request per page of 1,000, following the next link.
        expect(dv.requests.count("retrieveMultiple:importlog")).toBe(10);
        // Virtualised: far fewer rows in the DOM than in the log.
        const grid = screen.getByRole("grid", { name: "Failed rows of contacts-0001.csv" });
        expect(within(grid).getAllByRole("row").length).toBeLessThan(200);

        const downloads = captureDownloads();
        await user.click(screen.getByRole("button", { name: "Export failure log" }));
        expect(downloads.names).toEqual(["contacts-0001 - failure log.csv"]);
        const csv = await downloads.text(downloads.blobs[0]);
        const parsed = Papa.parse<string[]>(csv.replace(/^\uFEFF/, ""), { skipEmptyLines: true }).data;
        expect(parsed[0]).toEqual(["Line", "Column", "Value", "Error", "Error code", "Detail", "Phase"]);
        expect(parsed).toHaveLength(10001);
        expect(parsed[1][0]).toBe("2");
        expect(parsed[10000][0]).toBe("10001");
        downloads.restore();
    }, 60000);

    it("lists a file's bad rows ordered by line, filters by phase and exports exactly what is shown", async () => {
        jest.useFakeTimers();
        dv = createFakeDataverse({ stepMs: 50 });
        const ports = dv.ports();
        const service = createImportService(withCsvLibrary(ports));
        // Run the seeded import to the end so the accounts file has its log.
        const { SEED_ACCOUNTS_FILE_ID } = await import("../../sandbox/dataverse");
        await runAllStages(service);
        const user = userEvent.setup();
        render(
            <LocalizeContext.Provider value={t}>
                <FailureLogPanel files={[row(SEED_ACCOUNTS_FILE_ID, "accounts.csv")]} service={service} onDismiss={jest.fn()} />
            </LocalizeContext.Provider>,
        );
        const logs = dv.importLogs(SEED_ACCOUNTS_FILE_ID);
        await screen.findByText(`${logs.length} of ${logs.length} rows shown`);
        const grid = screen.getByRole("grid", { name: "Failed rows of accounts.csv" });
        const lines = within(grid)
            .getAllByRole("row")
            .slice(1)
            .map((r) => Number(within(r).getAllByRole("gridcell")[0].textContent));
        expect(lines).toEqual([...lines].sort((a, b) => a - b));
        expect(screen.getAllByText("The number of fields differs from the number of column headings.").length).toBe(logs.filter((l) => l.logphasecode === 0).length);

        await user.click(screen.getByRole("combobox", { name: /^Phase/ }));
        await user.click(screen.getByRole("option", { name: "Parse" }));
        const parseRows = logs.filter((l) => l.logphasecode === 0);
        expect(screen.getByText(`${parseRows.length} of ${logs.length} rows shown`)).toBeInTheDocument();

        const downloads = captureDownloads();
        await user.click(screen.getByRole("button", { name: "Export failure log" }));
        const csv = (await downloads.text(downloads.blobs[0])).replace(/^\uFEFF/, "");
        const expected = [
            "Line,Column,Value,Error,Error code,Detail,Phase",
            ...parseRows
                .sort((a, b) => (a.linenumber ?? 0) - (b.linenumber ?? 0))
                .map((l) => Papa.unparse([[String(l.linenumber), l.headercolumn ?? "", l.columnvalue ?? "", l.errordescription ?? "", "0x80040345", l.additionalinfo ?? "", "Parse"]])),
        ].join("\r\n");
        expect(csv).toBe(expected);
        downloads.restore();
    }, 60000);

    it("says so when a phase filter leaves no failure, instead of a grid of bare headings", async () => {
        jest.useFakeTimers();
        dv = createFakeDataverse({ stepMs: 50 });
        const service = createImportService(withCsvLibrary(dv.ports()));
        const { SEED_LEADS_FILE_ID } = await import("../../sandbox/dataverse");
        await runAllStages(service);
        const user = userEvent.setup();
        render(
            <LocalizeContext.Provider value={t}>
                <FailureLogPanel files={[row(SEED_LEADS_FILE_ID, "leads.csv")]} service={service} onDismiss={jest.fn()} />
            </LocalizeContext.Provider>,
        );
        const logs = dv.importLogs(SEED_LEADS_FILE_ID);
        // leads.csv fails at parse and at import, never at transform.
        expect(logs.some((l) => l.logphasecode === 1)).toBe(false);
        await screen.findByText(`${logs.length} of ${logs.length} rows shown`);
        await user.click(screen.getByRole("combobox", { name: /^Phase/ }));
        await user.click(screen.getByRole("option", { name: "Transform" }));
        expect(screen.getByText(`No failures match this filter (${logs.length} failures in all).`)).toBeInTheDocument();
        expect(screen.queryByRole("grid", { name: "Failed rows of leads.csv" })).not.toBeInTheDocument();
    }, 60000);

    it("shows the failures of every file of the import, filterable by file, and exports them with the file's name", async () => {
        dv = createFakeDataverse();
        const service = createImportService(withCsvLibrary(dv.ports()));
        jest.useFakeTimers();
        await runAllStages(service);
        const user = userEvent.setup();
        const files = dv.importFiles(SEED_IMPORT_ID).map((f) => row(f.importfileid, f.name));
        render(
            <LocalizeContext.Provider value={t}>
                <FailureLogPanel files={files} service={service} onDismiss={jest.fn()} />
            </LocalizeContext.Provider>,
        );
        const all = dv.importLogs();
        await screen.findByText(`${all.length} of ${all.length} rows shown`);
        expect(screen.getByText("Failures of this import")).toBeInTheDocument();
        const grid = screen.getByRole("grid", { name: "Failed rows of All files" });
        const fileCells = within(grid)
            .getAllByRole("row")
            .slice(1)
            .map((r) => within(r).getAllByRole("gridcell")[0].textContent);
        expect(new Set(fileCells)).toEqual(new Set(["accounts.csv", "leads.csv"]));

        await user.click(screen.getByRole("combobox", { name: /^File/ }));
        await user.click(screen.getByRole("option", { name: "leads.csv" }));
        const leads = dv.importLogs(SEED_LEADS_FILE_ID);
        expect(screen.getByText(`${leads.length} of ${all.length} rows shown`)).toBeInTheDocument();

        const downloads = captureDownloads();
        await user.click(screen.getByRole("button", { name: "Export failure log" }));
        const csv = (await downloads.text(downloads.blobs[0])).replace(/^\uFEFF/, "");
        const lines = csv.split("\r\n");
        expect(lines[0]).toBe("File,Line,Column,Value,Error,Error code,Detail,Phase");
        expect(lines).toHaveLength(leads.length + 1);
        expect(lines.slice(1).every((l) => l.startsWith("leads.csv,"))).toBe(true);
        downloads.restore();
    }, 60000);

    it("says why the log could not be loaded and retries on request", async () => {
        dv = createFakeDataverse();
        dv.faults.failNext({ kind: "privilege", privilege: "prvReadImportLog", entity: "importlog" }, { count: 1, match: "retrieveMultiple:importlog" });
        const user = userEvent.setup();
        render(
            <LocalizeContext.Provider value={t}>
                <FailureLogPanel files={[row("00000000-0000-0000-0000-00000000abcd", "x.csv")]} service={createImportService(withCsvLibrary(dv.ports()))} onDismiss={jest.fn()} />
            </LocalizeContext.Provider>,
        );
        expect(await screen.findByText(/The failure log could not be loaded: You are missing the privilege prvReadImportLog/)).toBeInTheDocument();
        await user.click(screen.getByRole("button", { name: "Try again" }));
        expect(await screen.findByText("This file has no failure log rows.")).toBeInTheDocument();
    });
});
