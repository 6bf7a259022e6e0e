/**
 * What the library's views take from the control that loaded them (CsvViewsHost: React, Fluent UI and the string
 * context). They must be the control's very instances, so the library never bundles its own:
 * solution/buildCsvLibrary.mjs resolves `react`, `@fluentui/react` and `components/LocalizeContext` in the library to
 * `boundHost()` below, and the views' modules run only after `bindHost` (library.ts, `loadViews`).
 */
import type { CsvViewsHost } from "../ImportMonitor/dataverse/csvLibrary";

let bound: CsvViewsHost | null = null;

export function bindHost(host: CsvViewsHost): void {
    bound = host;
}

/** One of the bound modules; throws if the views' modules run before the control gave them (a build mistake). */
export function boundHost<K extends keyof CsvViewsHost>(name: K): CsvViewsHost[K] {
    const module = bound?.[name];
    if (!module) throw new Error(`ImportMonitorCsv: the views need the control's ${name}, which it has not given`);
    return module;
}
