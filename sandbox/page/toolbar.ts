/**
 * The sandbox toolbar (outside the control): reset the data, phone width, the Import Data Wizard running the
 * import in the background, and fault injection through the fake Dataverse's `faults` API. Its markup is in
 * sandbox/index.html; this wires it.
 *
 * Sandbox code: the control never imports this.
 */
import { applyScenario } from "../dataverse";
import type { FakeDataverse, FaultHandle, FaultSpec, ScenarioName } from "../dataverse";
import type { ControlHost } from "./host";

export interface ToolbarDeps {
    fake: FakeDataverse;
    host: ControlHost;
    report: (line: string) => void;
    /** The form's import. */
    importId: string;
    /** The page's `?scenario=`: Reset data puts the fake back in it. */
    scenario: ScenarioName;
}

export interface Toolbar {
    isNarrow(): boolean;
    isOffline(): boolean;
}

/**
 * The reads the control makes on every poll tick while a stage runs: the import's files, the system jobs
 * regarding the import (all of them, one query) and the failure counts per file and phase (one aggregate
 * FetchXML query of importlog).
 */
const POLL_PATTERNS = ["retrieveMultiple:importfile", "retrieveMultiple:asyncoperation", "retrieveMultiple:importlog"];

function button(id: string): HTMLButtonElement {
    const el = document.getElementById(id);
    if (!(el instanceof HTMLButtonElement)) throw new Error(`sandbox/index.html lacks the button #${id}.`);
    return el;
}

function describeFault(fault: FaultSpec): string {
    if (typeof fault === "string") return fault;
    const extra = "retryAfterSeconds" in fault && fault.retryAfterSeconds !== undefined ? ` (retry after ${fault.retryAfterSeconds} s)` : "";
    return fault.kind + extra;
}

export function wireToolbar(deps: ToolbarDeps): Toolbar {
    const { fake, host, report, importId, scenario } = deps;
    let narrow = document.body.classList.contains("narrow");
    let offline: FaultHandle | null = null;

    const narrowButton = button("sb-narrow");
    const offlineButton = button("sb-offline");
    const faultsLine = document.getElementById("sandbox-faults");
    const requestsLine = document.getElementById("sandbox-requests");

    const setNarrow = (value: boolean): void => {
        narrow = value;
        document.body.classList.toggle("narrow", value);
        narrowButton.setAttribute("aria-pressed", String(value));
        // The frame's ResizeObserver sees the new width and pushes a "layout" update.
    };
    const setOffline = (value: boolean): void => {
        offline?.remove();
        offline = value ? fake.faults.failAll("*", "offline") : null;
        offlineButton.setAttribute("aria-pressed", String(value));
    };

    const showFaults = (): void => {
        const armed = fake.faults.describe();
        const parts = [
            ...armed.faults.map((f) => `${describeFault(f.fault)} on ${f.match}${Number.isFinite(f.remaining) ? ` ×${f.remaining}` : " (until turned off)"}`),
            ...armed.slow.map((s) => `+${s.ms} ms on ${s.match}`),
            ...armed.stageFailures.map((s) => `${s.stage} stage fails`),
        ];
        const text = parts.length ? `Armed faults: ${parts.join("; ")}` : "No faults armed.";
        if (faultsLine && faultsLine.textContent !== text) faultsLine.textContent = text;
        const summary = fake.requests.summary();
        const total = Object.values(summary).reduce((a, b) => a + b, 0);
        const calls = `Web API calls: ${total}${total ? " — " + Object.entries(summary).map(([k, n]) => `${k} ${n}`).join(", ") : ""}`;
        if (requestsLine && requestsLine.textContent !== calls) requestsLine.textContent = calls;
    };
    window.setInterval(showFaults, 500);

    button("sb-reset").addEventListener("click", () => {
        fake.reset();
        setOffline(false);
        let again = "";
        try {
            if (scenario !== "default") {
                applyScenario(fake, scenario, { importId });
                again = ` and scenario ${scenario}`;
            }
        } catch (e) {
            report(`Reset: the scenario ${scenario} could not be applied: ${e instanceof Error ? e.message : String(e)}`);
        }
        host.restart()
            .then(() => report(`Data reset to the seed${again}; the control was reloaded.`))
            .catch((e: unknown) => report(`Reset failed: ${e instanceof Error ? e.message : String(e)}`));
        showFaults();
    });
    narrowButton.addEventListener("click", () => setNarrow(!narrow));
    button("sb-throttle").addEventListener("click", () => {
        for (const match of POLL_PATTERNS) fake.faults.failNext({ kind: "throttle", retryAfterSeconds: 1 }, { count: 2, match });
        report("The next 2 polls of the files, of the jobs and of the failure counts will be throttled (429, retry after 1 s).");
        showFaults();
    });
    button("sb-wizard-run").addEventListener("click", () => {
        try {
            const run = fake.runInBackground(importId);
            report(
                `The Import Data Wizard is running parse, transform and import in the background (parse job ${run.jobIds[0]}); ` +
                    "back on the form, the window regains focus.",
            );
            // A maker comes back to the form from the wizard's window: the form's window regains focus.
            window.dispatchEvent(new Event("focus"));
        } catch (e) {
            report(`The wizard could not start the import: ${e instanceof Error ? e.message : String(e)}`);
        }
        showFaults();
    });
    button("sb-privilege").addEventListener("click", () => {
        fake.faults.failNext("privilege", { match: "execute:*" });
        report("The next action (parse, transform or import) will fail: missing prvWriteImport.");
        showFaults();
    });
    button("sb-offline-3").addEventListener("click", () => {
        fake.faults.failNext("offline", { count: 3 });
        report("The next 3 calls will fail as if the network were down.");
        showFaults();
    });
    offlineButton.addEventListener("click", () => {
        setOffline(!offline);
        report(offline ? "Offline: every call fails until you turn this off." : "Back online.");
        showFaults();
    });
    button("sb-fail-transform").addEventListener("click", () => {
        fake.faults.failStage("transform");
        report("The next Transform stage's system job will fail.");
        showFaults();
    });
    button("sb-clear-faults").addEventListener("click", () => {
        fake.faults.clear();
        setOffline(false);
        report("Faults cleared.");
        showFaults();
    });

    setNarrow(narrow);
    showFaults();
    return {
        isNarrow: () => narrow,
        isOffline: () => offline !== null,
    };
}
