import { act, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { createFakeDataverse, SEED_ACCOUNTS_FILE_ID, SEED_IMPORT_ID } from "../../sandbox/dataverse";
import type { FakeDataverse } from "../../sandbox/dataverse";
import { renderWithFake } from "../pcf/fakeBackedControl";

// These drive whole runs on fake timers; give a loaded CI machine room.
jest.setTimeout(30000);

async function tick(ms: number, step = 250) {
    for (let t = 0; t < ms; t += step) {
        await act(async () => {
            await jest.advanceTimersByTimeAsync(step);
        });
    }
}

async function waitFor(check: () => boolean, maxMs = 60000) {
    for (let t = 0; t < maxMs && !check(); t += 250) await tick(250);
    if (!check()) throw new Error("condition not reached");
}

const button = (name: string | RegExp) => screen.getByRole("button", { name });
/** Toolbar commands stay focusable when disabled (so their reason can be read): aria-disabled. */
const expectDisabled = (el: HTMLElement, disabled = true) =>
    disabled ? expect(el).toHaveAttribute("aria-disabled", "true") : expect(el).not.toHaveAttribute("aria-disabled", "true");
const stepsOf = (file: string) => within(screen.getByRole("list", { name: `Processing steps of ${file}` })).getAllByRole("listitem");

describe("running the import through the control", () => {
    let dv: FakeDataverse;
    beforeEach(() => {
        jest.useFakeTimers();
        dv = createFakeDataverse({ stepMs: 200, latencyMs: 10 });
    });
    afterEach(() => {
        dv.dispose();
        jest.useRealTimers();
        delete (globalThis as { Xrm?: unknown }).Xrm;
    });

    it("runs all stages to Completed with the counts Dataverse computed, refreshing the list once per stage", async () => {
        const user = userEvent.setup({ advanceTimers: (ms) => jest.advanceTimersByTime(ms) });
        const view = renderWithFake(dv);
        // init adds the columns the view lacks and refreshes once: count from here.
        const refreshesBefore = view.dataset.refreshCount;
        expectDisabled(button("Transform"));
        await user.click(button("Run all"));
        await waitFor(() => screen.queryByTestId("run-done") !== null);
        // Failed rows make the end a warning, never a success: 12 (leads) + 5 + 2 (accounts).
        expect(screen.getByTestId("run-done")).toHaveTextContent("The import finished with 19 failed rows in 2 files. Open a file's failure log to see why.");
        expect(screen.getByTestId("import-summary")).toHaveAttribute("data-outcome", "completedWithFailures");
        expect(screen.getByTestId("import-outcome")).toHaveTextContent("Completed with 19 failed rows in 2 files");
        expect(view.dataset.refreshCount - refreshesBefore).toBe(3);
        expect(dv.requests.count("execute:*")).toBe(3);
        expect(stepsOf("contacts.csv").map((i) => i.getAttribute("data-state"))).toEqual(["done", "done", "done", "done"]);
        // accounts.csv: ragged rows logged at Parse, lookups at Transform, failed rows at Import: never four green ticks.
        expect(stepsOf("accounts.csv").map((i) => i.getAttribute("data-state"))).toEqual(["warning", "warning", "warning", "warning"]);
        const accounts = screen.getByTestId(`progress-${SEED_ACCOUNTS_FILE_ID}`);
        expect(within(accounts).getByText("17 succeeded")).toBeInTheDocument();
        expect(within(accounts).getByTestId("failure-count")).toHaveTextContent("5 failed");
        expect(within(accounts).getByTestId("partial-count")).toHaveTextContent("2 partly failed");
        expectDisabled(button("Run all"));
        // The import-wide failures view, beside each file's log.
        await user.click(button("Failures"));
        expect(await screen.findByText("Failures of this import")).toBeInTheDocument();
    });

    it("starts a stage once however often it is clicked", async () => {
        const user = userEvent.setup({ advanceTimers: (ms) => jest.advanceTimersByTime(ms) });
        renderWithFake(dv);
        const parse = button("Parse");
        await user.click(parse);
        await user.click(parse);
        await user.dblClick(button("Run all"));
        await waitFor(() => screen.queryByTestId("run-done") !== null);
        expect(dv.requests.count("execute:ParseImport")).toBe(1);
        expect(dv.requests.count("execute:TransformImport")).toBe(0);
    });

    it("shows a failing transform's message and the failed step", async () => {
        dv.faults.failStage("transform", { atProcessingStatus: 5, friendlyMessage: "The lookup for Company Name could not be resolved." });
        const user = userEvent.setup({ advanceTimers: (ms) => jest.advanceTimersByTime(ms) });
        renderWithFake(dv);
        await user.click(button("Run all"));
        await waitFor(() => screen.queryByTestId("run-job-failure") !== null);
        expect(screen.getByTestId("run-job-failure")).toHaveTextContent("Transform failed: The lookup for Company Name could not be resolved.");
        // What the user can do next, not a dead end: the files are Failed, a new import is the way on.
        expect(screen.getByTestId("run-job-failure")).toHaveTextContent("This import can't go on: its files are marked Failed.");
        await waitFor(() => screen.getByTestId("import-summary").getAttribute("data-outcome") === "failed");
        await waitFor(() => stepsOf("contacts.csv")[1].getAttribute("data-state") === "failed");
        expect(stepsOf("contacts.csv")[1]).toHaveAttribute("aria-label", "Transform: Lookup transformation, failed");
        expect(dv.requests.count("execute:ImportRecordsImport")).toBe(0);
    });

    it("recovers from throttled polls and shows a stale state while a read fails", async () => {
        dv.setStepMs(1500);
        const user = userEvent.setup({ advanceTimers: (ms) => jest.advanceTimersByTime(ms) });
        renderWithFake(dv);
        await user.click(button("Parse"));
        await tick(1500);
        dv.faults.failNext({ kind: "throttle", retryAfterSeconds: 1 }, { count: 2, match: "retrieveMultiple:importfile" });
        dv.faults.failNext({ kind: "offline" }, { count: 1, match: "retrieveMultiple:asyncoperation" });
        await waitFor(() => screen.queryByTestId("run-stale") !== null);
        expect(screen.getByTestId("run-stale")).toHaveTextContent("You appear to be offline. Check your connection. Showing the last known state.");
        await waitFor(() => screen.queryByTestId("run-done") !== null);
        expect(screen.queryByTestId("run-stale")).toBeNull();
        expect(screen.getByTestId("run-done")).toHaveTextContent(/^Parse finished; 4 rows have failed so far, in 2 files\./);
    });

    it("shows a privilege error on the stage it stopped and never re-sends", async () => {
        dv.faults.failNext({ kind: "privilege" }, { count: 1, match: "execute:ParseImport" });
        const user = userEvent.setup({ advanceTimers: (ms) => jest.advanceTimersByTime(ms) });
        renderWithFake(dv);
        await user.click(button("Run all"));
        await waitFor(() => screen.queryByTestId("run-action-error") !== null);
        expect(screen.getByTestId("run-action-error")).toHaveTextContent(/Parse was not started: You are missing the privilege prvCreateImport/);
        await tick(10000, 1000);
        expect(dv.requests.count("execute:ParseImport")).toBe(1);
        expect(button("Run all")).not.toHaveAttribute("aria-disabled", "true");
    });

    it("disables the run commands up front, naming the privileges the user lacks, and sends nothing", async () => {
        dv.privileges.revoke("prvCreateImport", "prvReadAsyncOperation");
        const user = userEvent.setup({ advanceTimers: (ms) => jest.advanceTimersByTime(ms) });
        renderWithFake(dv);
        await tick(500);
        expect(screen.getByTestId("run-privileges")).toHaveTextContent(
            "Your security role lacks privileges the import needs (prvCreateImport, prvReadAsyncOperation).",
        );
        for (const name of ["Run all", "Parse", "Transform", "Import"]) expectDisabled(button(name));
        await user.click(button("Run all"));
        await tick(2000);
        expect(dv.requests.count("execute:*")).toBe(0);
    });

    it("follows a job of this import started elsewhere instead of sending the action again", async () => {
        dv.setStepMs(1000);
        const user = userEvent.setup({ advanceTimers: (ms) => jest.advanceTimersByTime(ms) });
        renderWithFake(dv);
        await tick(250);
        // The platform's Import Data Wizard (or another tab) parses the import.
        dv.startStageExternally("parse", SEED_IMPORT_ID);
        await user.click(button("Parse"));
        await waitFor(() => screen.queryAllByRole("status").map((s) => s.textContent).join(" ").includes('was already running'));
        expect(screen.getAllByRole("status").map((s) => s.textContent).join(" ")).toContain(
            "Parse was already running for this import (started elsewhere): the steps below follow that job instead of starting it again.",
        );
        await waitFor(() => screen.queryByTestId("run-done") !== null);
        expect(screen.getByTestId("run-done")).toHaveTextContent(/^Parse finished/);
        expect(dv.requests.count("execute:*")).toBe(0);
        expect(stepsOf("contacts.csv")[0]).toHaveAttribute("data-state", "done");
    });

    it("says running stages is not available where Xrm.WebApi.online is absent, and still lists the files", async () => {
        renderWithFake(dv, { withExecute: false });
        await tick(250); // Fluent's MessageBar renders its text a moment later, for screen readers.
        expect(screen.getAllByRole("status").map((s) => s.textContent).join(" ")).toMatch(/Running stages is not available here/);
        expectDisabled(button("Run all"));
        expect(screen.getByRole("button", { name: "Open contacts.csv" })).toBeInTheDocument();
    });

    it("leaves no timer and sends no request once unmounted during a poll", async () => {
        const user = userEvent.setup({ advanceTimers: (ms) => jest.advanceTimersByTime(ms) });
        const view = renderWithFake(dv);
        await user.click(button("Run all"));
        await tick(1500);
        view.unmount();
        view.control.destroy();
        dv.dispose();
        const mark = dv.requests.mark();
        await tick(20000, 1000);
        expect(dv.requests.count("*", mark)).toBe(0);
        expect(jest.getTimerCount()).toBe(0);
    });

    it("uses the import's id from the form", async () => {
        const user = userEvent.setup({ advanceTimers: (ms) => jest.advanceTimersByTime(ms) });
        renderWithFake(dv);
        await user.click(button("Parse"));
        await tick(500);
        const [call] = dv.requests.entries("execute:ParseImport");
        expect(call.id ?? call.options ?? "").toContain(SEED_IMPORT_ID);
    });

    describe("what the list says while a run goes on", () => {
        const statusCell = (file: string) => {
            const row = screen.getByRole("button", { name: `Open ${file}` }).closest<HTMLElement>('[role="row"]')!;
            return within(row).getAllByRole("gridcell").map((c) => c.textContent ?? "");
        };

        it("shows the polled status reason, not the dataset's older label, next to the stepper", async () => {
            dv.setStepMs(2000);
            const user = userEvent.setup({ advanceTimers: (ms) => jest.advanceTimersByTime(ms) });
            renderWithFake(dv);
            expect(statusCell("contacts.csv")).toContain("Submitted");
            await user.click(button("Parse"));
            await waitFor(() => stepsOf("contacts.csv")[0].getAttribute("data-state") === "active");
            // The dataset has not refreshed yet: its formatted label would still say Submitted.
            expect(statusCell("contacts.csv")).toContain("Parsing");
            expect(statusCell("contacts.csv")).not.toContain("Submitted");
        });

        it("shows no count before the platform has counted", async () => {
            renderWithFake(dv);
            await tick(500);
            const contacts = screen.getByTestId(`progress-${(dv.importFiles(SEED_IMPORT_ID).find((f) => f.name === "contacts.csv")!).importfileid}`);
            expect(contacts).not.toHaveTextContent(/\d+ succeeded/);
            expect(contacts).not.toHaveTextContent(/\d+ failed/);
            expect(contacts).toHaveTextContent("Rows not counted yet");
        });

        it("offers Stop only while a later stage remains", async () => {
            dv.setStepMs(1000);
            const user = userEvent.setup({ advanceTimers: (ms) => jest.advanceTimersByTime(ms) });
            renderWithFake(dv);
            expectDisabled(button("Stop after this stage"));
            await user.click(button("Run all"));
            await waitFor(() => screen.queryAllByRole("status").some((s) => (s.textContent ?? "").includes('Parse is running')));
            expectDisabled(button("Stop after this stage"), false);
            await waitFor(() => screen.queryAllByRole("status").some((s) => (s.textContent ?? "").includes('Import is running')));
            expectDisabled(button("Stop after this stage"));
        });

        it("keeps the run commands disabled while the list is still loading", async () => {
            const view = renderWithFake(dv);
            await tick(250);
            expectDisabled(button("Run all"), false);
            act(() => {
                view.dataset.loading = true;
                view.update();
            });
            expectDisabled(button("Run all"));
            expectDisabled(button("Parse"));
        });
    });
});
