/**
 * The CSV library as it ships (solution/buildCsvLibrary.mjs): its views must run with the control's own React,
 * Fluent UI and string context, never with copies of their own (two Reacts break hooks; two Fluents lose the
 * theme). Built here with the real build's plugin, then run in this page as the platform would run the script.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import * as Fluent from "@fluentui/react";
import { render, screen } from "@testing-library/react";
import * as React from "react";
import * as Localize from "../../ImportMonitor/components/LocalizeContext";
import { CSV_LIBRARY_GLOBAL } from "../../ImportMonitor/dataverse/csvLibrary";
import type { CsvLibrary } from "../../ImportMonitor/dataverse/csvLibrary";
import type { ImportService } from "../../ImportMonitor/dataverse/importService";

const ROOT = join(__dirname, "..", "..");

/** Builds the library in a child node (esbuild and the build script are ES modules): its code and its inputs. */
function buildLibrary(): { code: string; inputs: string[] } {
    const script = `
        const esbuild = await import("esbuild");
        const { csvLibraryBuildOptions } = await import("./solution/buildCsvLibrary.mjs");
        // The shipped build's own options, writing nothing.
        const result = await esbuild.build({ ...csvLibraryBuildOptions(), write: false, metafile: true, logLevel: "silent" });
        process.stdout.write(JSON.stringify({ code: result.outputFiles[0].text, inputs: Object.keys(result.metafile.inputs) }));
    `;
    const child = spawnSync(process.execPath, ["--input-type=module", "-e", script], { cwd: ROOT, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    if (child.status !== 0) throw new Error(`building the library failed: ${child.stderr}`);
    return JSON.parse(child.stdout) as { code: string; inputs: string[] };
}

describe("the CSV library's views (as built)", () => {
    const built = buildLibrary();
    afterEach(() => {
        delete (globalThis as Record<string, unknown>)[CSV_LIBRARY_GLOBAL];
    });

    it("bundle no React, Fluent UI or string context of their own", () => {
        const own = built.inputs.filter((p) => /node_modules\/(react|react-dom|@fluentui)\/|components\/LocalizeContext\.ts$/.test(p));
        expect(own).toEqual([]);
        // …but do carry the views.
        expect(built.inputs.some((p) => p.endsWith("components/AddFilesBody.tsx"))).toBe(true);
    });

    it("render with the control's React, Fluent and strings once the control gives them", async () => {
        // The platform runs the packaged library's script; its views' modules wait for loadViews.
        // eslint-disable-next-line @typescript-eslint/no-implied-eval, @typescript-eslint/no-unsafe-call -- the built script, run in this page as a <script> would be
        new Function(built.code)();
        const library = (globalThis as Record<string, unknown>)[CSV_LIBRARY_GLOBAL] as CsvLibrary;
        expect(library).toBeDefined();
        const views = await library.loadViews({ React, Fluent, Localize });
        const t = (key: string, ...args: (string | number)[]) => (key === "Preview_FactFile" ? `File: ${String(args[0])}` : key);
        const service = { loadCsvLibrary: () => new Promise<CsvLibrary>(() => undefined) } as unknown as ImportService;
        render(
            <Localize.LocalizeContext.Provider value={t}>
                <Fluent.Panel isOpen headerText="Preview of leads.csv">
                    <views.PreviewBody file={{ id: "f1", name: "leads.csv", targetTable: "lead" } as never} service={service} onDismiss={() => undefined} />
                </Fluent.Panel>
            </Localize.LocalizeContext.Provider>,
        );
        // The body's hooks ran on the control's React (a second React would throw "Invalid hook call"), its texts
        // came from the control's strings (a context of its own would give the default: the key itself).
        expect(await screen.findByRole("dialog", { name: "Preview of leads.csv" })).toBeInTheDocument();
        expect(screen.getByText("Preview_Loading")).toBeInTheDocument();
        expect(screen.getByText("File: leads.csv")).toBeInTheDocument();
    });
});
