/** @jest-environment node */
/**
 * The CSV library loader (dataverse/csvLibrary.ts) and the split itself: bundle.js must not carry the CSV code
 * (papaparse, the preview and checks) that the on-demand library carries, or the size budget is gone again.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as esbuild from "esbuild";
import { CSV_LIBRARY_API_VERSION, CSV_LIBRARY_DEPENDENCY, CSV_LIBRARY_GLOBAL, CsvLibraryUnavailable, createCsvLibraryLoader } from "../../ImportMonitor/dataverse/csvLibrary";
import type { LoadDependency } from "../../ImportMonitor/dataverse/csvLibrary";
import { library } from "../../ImportMonitorCsv/library";

const ROOT = join(__dirname, "..", "..");

/** A loader whose script sets the global (as the real library does) after `ms`. */
function installingLoader(scope: Record<string, unknown>, value: unknown = library): jest.Mock<Promise<unknown>, [string]> {
    return jest.fn((name: string) => {
        if (name !== CSV_LIBRARY_DEPENDENCY) return Promise.reject(new Error(`no ${name}`));
        scope[CSV_LIBRARY_GLOBAL] = value;
        return Promise.resolve(undefined);
    });
}

async function reason(promise: Promise<unknown>): Promise<string> {
    try {
        await promise;
    } catch (error) {
        expect(error).toBeInstanceOf(CsvLibraryUnavailable);
        return (error as CsvLibraryUnavailable).reason;
    }
    throw new Error("expected a rejection");
}

describe("loading the CSV library", () => {
    it("asks the host for the manifest's dependency once, however many callers wait", async () => {
        const scope: Record<string, unknown> = {};
        const loadDependency = installingLoader(scope);
        const load = createCsvLibraryLoader(loadDependency, scope);
        const [a, b] = await Promise.all([load(), load()]);
        expect(a).toBe(library);
        expect(b).toBe(library);
        await load();
        expect(loadDependency).toHaveBeenCalledTimes(1);
        expect(loadDependency).toHaveBeenCalledWith(CSV_LIBRARY_DEPENDENCY);
    });

    it("uses a library already on the page without asking", async () => {
        const scope: Record<string, unknown> = { [CSV_LIBRARY_GLOBAL]: library };
        const loadDependency = jest.fn<Promise<unknown>, [string]>();
        await expect(createCsvLibraryLoader(loadDependency, scope)()).resolves.toBe(library);
        expect(loadDependency).not.toHaveBeenCalled();
    });

    it("says noLoader where the host has no loadDependency (canvas apps)", async () => {
        expect(await reason(createCsvLibraryLoader(undefined, {})())).toBe("noLoader");
    });

    it("says failed when the load rejects, and tries again on the next call", async () => {
        const scope: Record<string, unknown> = {};
        const loadDependency = jest
            .fn<Promise<unknown>, [string]>()
            .mockRejectedValueOnce(new Error("network"))
            .mockImplementation(installingLoader(scope));
        const load = createCsvLibraryLoader(loadDependency, scope);
        expect(await reason(load())).toBe("failed");
        await expect(load()).resolves.toBe(library);
        expect(loadDependency).toHaveBeenCalledTimes(2);
    });

    it("says failed when the load resolves but the library's global is not there", async () => {
        const loadDependency: LoadDependency = () => Promise.resolve({ some: "value" });
        expect(await reason(createCsvLibraryLoader(loadDependency, {})())).toBe("failed");
    });

    it("says version for a library of another apiVersion (a stale cached one)", async () => {
        const scope: Record<string, unknown> = {};
        const stale = { ...library, apiVersion: CSV_LIBRARY_API_VERSION + 1 };
        expect(await reason(createCsvLibraryLoader(installingLoader(scope, stale), scope)())).toBe("version");
    });

    it("says timeout when the host never answers", async () => {
        jest.useFakeTimers();
        try {
            const pending = createCsvLibraryLoader(() => new Promise(() => undefined), {}, 30000)();
            const outcome = reason(pending);
            jest.advanceTimersByTime(30000);
            expect(await outcome).toBe("timeout");
        } finally {
            jest.useRealTimers();
        }
    });
});

describe("the split", () => {
    it("the manifest's <dependency name> is the name the control loads", () => {
        const manifest = readFileSync(join(ROOT, "ImportMonitor", "ControlManifest.Input.xml"), "utf8");
        expect(manifest).toContain(`<dependency type="control" name="${CSV_LIBRARY_DEPENDENCY}" load-type="onDemand" />`);
        expect(manifest).toContain('<platform-action action-type="afterPageLoad" />');
    });

    it("bundle.js carries none of the library's code; the library carries papaparse and the checks", async () => {
        const inputs = async (entry: string) => {
            const result = await esbuild.build({
                entryPoints: [join(ROOT, entry)],
                bundle: true,
                write: false,
                metafile: true,
                outfile: "out.js",
                external: ["react", "react-dom", "@fluentui/react"],
                logLevel: "silent",
            });
            return Object.keys(result.metafile.inputs);
        };
        const LIBRARY_ONLY = [
            /node_modules\/papaparse\//,
            /domain\/csv\/(preview|fullScan|checks|papa|delimiterGuess|headerMapping|decode)\.ts$/,
            /hooks\/(previewSession|usePreview|useFixFailures)\.ts$/,
            /dataverse\/tableColumns\.ts$/,
            /domain\/failureExport\.ts$/,
            // The CSV features' views (ImportMonitorCsv/views.ts).
            /components\/(PreviewResult|PreviewGrid|FindingsList|HeaderMappingList|AddFilesBody|FileSettingsForm|FixFailures|PreviewBody)\.tsx$/,
        ];
        const control = await inputs("ImportMonitor/index.ts");
        expect(control.filter((path) => LIBRARY_ONLY.some((re) => re.test(path)))).toEqual([]);
        const csv = await inputs("ImportMonitorCsv/library.ts");
        for (const re of LIBRARY_ONLY.filter((r) => !r.source.includes("decode"))) expect(csv.some((path) => re.test(path))).toBe(true);
    });
});
