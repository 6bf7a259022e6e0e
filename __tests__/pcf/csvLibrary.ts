/**
 * The host's `context.utils.loadDependency` for the CSV library, as the platform documents it: resolves once the named
 * dependency has loaded (here: ImportMonitorCsv/library.ts has run and set its global), rejects for any other name
 * (docs/platform-contract.md, "Dependent library"). Model-driven profiles have it; canvas apps ("no-xrm") do not.
 */
import { CSV_LIBRARY_DEPENDENCY } from "../../ImportMonitor/dataverse/csvLibrary";
import type { LoadDependency } from "../../ImportMonitor/dataverse/csvLibrary";
import type { DataversePorts } from "../../ImportMonitor/dataverse/platform";

export const loadDependency: LoadDependency = async (name) => {
    if (name !== CSV_LIBRARY_DEPENDENCY) throw new Error(`No dependency named ${name} in this app`);
    await import("../../ImportMonitorCsv/library");
    return undefined;
};

/** The ports with the CSV library loadable, as in a model-driven app. */
export function withCsvLibrary(ports: DataversePorts): DataversePorts {
    return { ...ports, loadDependency };
}
