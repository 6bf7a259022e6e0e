/**
 * Named states of the fake, for the sandbox page (`?scenario=`) and the tests: an import the Import Data
 * Wizard is running (started outside the control with `runInBackground`), fast-forwarded with `advance` to
 * the moment the scenario names. The run is real: its remaining steps stay on the fake's clock and continue
 * live once the control is there.
 *
 *     const dv = createFakeDataverse({ stepMs: 100 });
 *     applyScenario(dv, "mid-import");      // before the control reads the fake
 *
 * - "default": the seed as it is (nothing started).
 * - "mid-parse": the wizard's run is parsing (the parse job In Progress, the files at Parsing).
 * - "mid-import": the run is in Import Pass 1 with counts already written, and continues.
 * - "completed-with-failures": Parse, Transform and Import all done (with the default seed: accounts.csv has
 *   failed and partly failed rows, leads.csv fails on parse), no job running.
 * - "empty": the import as a maker has just saved it: no import file at all (the seeded files are deleted with
 *   their import logs, and the system jobs regarding the import or its files), Submitted, nothing started. For
 *   adding files from the form.
 */
import type { BackgroundRun, FakeDataverse } from "./fakeDataverse";
import { normalizeGuid } from "./ids";
import type { ImportRecord } from "./records";

export const SCENARIO_NAMES = ["default", "mid-parse", "mid-import", "completed-with-failures", "empty"] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

export function isScenarioName(value: unknown): value is ScenarioName {
    return typeof value === "string" && (SCENARIO_NAMES as readonly string[]).includes(value);
}

export interface ScenarioOptions {
    /** The import to run (default: the fake's first import). */
    importId?: string;
}

export interface AppliedScenario {
    name: ScenarioName;
    importId: string;
    /** The wizard's run (null for "default" and "empty"). */
    run: BackgroundRun | null;
    /** The fake's steps run to reach the state. */
    steps: number;
}

/**
 * Puts `fake` in the state `name` describes (see the header). Call it before the control is created (or
 * re-reads). Throws for an unknown name, an import that does not exist, or a state the run cannot reach.
 */
export function applyScenario(fake: FakeDataverse, name: ScenarioName, options: ScenarioOptions = {}): AppliedScenario {
    if (!isScenarioName(name)) throw new Error(`applyScenario: the scenario is one of ${SCENARIO_NAMES.join(", ")}; got ${JSON.stringify(name)}.`);
    const importId = normalizeGuid(options.importId ?? fake.records<ImportRecord>("import")[0]?.importid ?? "");
    if (!importId) throw new Error("applyScenario: the fake holds no import (or importId is not a GUID).");
    if (name === "default") return { name, importId, run: null, steps: 0 };
    if (name === "empty") {
        emptyImport(fake, importId);
        return { name, importId, run: null, steps: 0 };
    }

    const run = fake.runInBackground(importId);
    const files = () => fake.importFiles(importId).filter((f) => f.processcode === 1);
    let until: () => boolean;
    switch (name) {
        case "mid-parse":
            until = () => run.stage === "parse" && files().some((f) => f.processingstatus === 2);
            break;
        case "mid-import":
            until = () =>
                run.stage === "import" &&
                files().some((f) => f.processingstatus === 9) &&
                files().some((f) => (f.successcount ?? 0) + (f.failurecount ?? 0) + (f.partialfailurecount ?? 0) > 0);
            break;
        case "completed-with-failures":
            until = () => run.status !== "running" && fake.runningStage(importId) === null;
            break;
    }
    const steps = fake.advance(until);
    return { name, importId, run, steps };
}

/**
 * What "empty" reaches into: the fake's tables, and its delete of an import file with the file's import logs and
 * run plan (the ImportLog_ImportFile cascade of deleteRecord). The fake's public delete is `webApi.deleteRecord`, a
 * Web API call (logged, with latency and faults, settled later); a scenario is in place when applyScenario returns,
 * before the control's first read, and leaves the request log alone, so it deletes the seeded rows directly.
 */
interface FakeInternals {
    tables: Map<string, Map<string, Record<string, unknown>>>;
    deleteImportFile(id: string): void;
}

/** Deletes every file of the import (with its logs), and the jobs regarding the import or its files; the import is Submitted. */
function emptyImport(fake: FakeDataverse, importId: string): void {
    const imported = fake.record<ImportRecord>("import", importId);
    if (!imported) throw new Error(`applyScenario: import With Id = ${importId} Does Not Exist.`);
    if (fake.pendingStages(importId).length > 0) throw new Error("applyScenario: \"empty\" needs an import with no job running or waiting.");
    const internals = fake as unknown as FakeInternals;
    if (!(internals.tables instanceof Map) || typeof internals.deleteImportFile !== "function") {
        throw new Error("applyScenario: \"empty\" no longer matches the fake's internals (tables, deleteImportFile).");
    }
    const fileIds = new Set(fake.importFiles(importId).map((f) => f.importfileid));
    for (const id of fileIds) internals.deleteImportFile(id);
    const jobs = internals.tables.get("asyncoperation") ?? new Map<string, Record<string, unknown>>();
    for (const [id, job] of [...jobs]) {
        const regarding = typeof job._regardingobjectid_value === "string" ? normalizeGuid(job._regardingobjectid_value) : null;
        if (regarding !== null && (regarding === importId || fileIds.has(regarding))) jobs.delete(id);
    }
    // A maker's new import: Submitted, nothing parsed (the large seed's import may be Completed).
    if (imported.statuscode !== 0) fake.update("import", importId, { statuscode: 0 });
}
