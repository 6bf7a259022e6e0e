#!/usr/bin/env node
/**
 * Builds ImportMonitorCsv/libs/importMonitorCsv.js, the CSV library's packaged_library (ImportMonitorCsv/library.ts
 * and what it imports, papaparse included), with esbuild: one minified IIFE for the browsers in pcfconfig.json's
 * targets. pcf-scripts copies a packaged_library as it is, so this runs before it (npm run build). Licence comments
 * (papaparse's MIT notice) are kept.
 *
 *   node solution/buildCsvLibrary.mjs [--dev]
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
export const CSV_LIBRARY_OUT = join(root, "ImportMonitorCsv", "libs", "importMonitorCsv.js");

/** pcfconfig.json's browserslist-style targets ("chrome >= 100, safari >= 16.4") as esbuild targets. */
export function esbuildTargets(pcfconfig) {
    return String(pcfconfig.targets ?? "")
        .split(",")
        .map((t) => t.trim().match(/^(chrome|edge|firefox|safari)\s*>=\s*([\d.]+)$/i))
        .filter(Boolean)
        .map(([, browser, version]) => `${browser.toLowerCase()}${version}`);
}

/**
 * The library's views run with the control's own React, Fluent UI and string context (ImportMonitorCsv/host.ts):
 * those imports resolve to the modules the control gives at `loadViews`, never to copies bundled here.
 */
const HOST_MODULES = [
    { filter: /^react$/, name: "React" },
    { filter: /^@fluentui\/react$/, name: "Fluent" },
    { filter: /(^|\/)LocalizeContext$/, name: "Localize" },
];

export const hostModulesPlugin = {
    name: "importmonitor-host-modules",
    setup(build) {
        for (const { filter, name } of HOST_MODULES) {
            build.onResolve({ filter }, () => ({ path: name, namespace: "importmonitor-host" }));
        }
        // Anything else of React or Fluent would be a second copy (two Reacts break hooks; a second merge-styles or
        // theme context loses the host's theme and direction): the build fails instead. ("@fluentui/react" itself is
        // resolved above: esbuild asks the callbacks in the order they were registered.)
        build.onResolve({ filter: /^react\/|^react-dom|^scheduler$|^@fluentui\// }, (args) => ({
            errors: [{ text: `${args.path}: the CSV library's views may import only "react" and "@fluentui/react" (the control's instances)` }],
        }));
        const hostModule = join(root, "ImportMonitorCsv", "host.ts");
        build.onLoad({ filter: /.*/, namespace: "importmonitor-host" }, (args) => ({
            contents: `module.exports = require(${JSON.stringify(hostModule)}).boundHost(${JSON.stringify(args.path)});`,
            resolveDir: root,
            loader: "js",
        }));
    },
};

/** esbuild's options for the library (the jest test builds with these too, writing nothing). */
export function csvLibraryBuildOptions({ development = false } = {}) {
    const pcfconfig = JSON.parse(readFileSync(join(root, "pcfconfig.json"), "utf8"));
    const targets = esbuildTargets(pcfconfig);
    if (targets.length === 0) throw new Error("solution/buildCsvLibrary.mjs: no targets in pcfconfig.json");
    return {
        entryPoints: [join(root, "ImportMonitorCsv", "library.ts")],
        outfile: CSV_LIBRARY_OUT,
        bundle: true,
        format: "iife",
        target: targets,
        minify: !development,
        sourcemap: development ? "inline" : false,
        legalComments: "inline",
        define: { "process.env.NODE_ENV": development ? '"development"' : '"production"' },
        logLevel: "warning",
        plugins: [hostModulesPlugin],
        jsx: "transform",
    };
}

export async function buildCsvLibrary({ development = false } = {}) {
    await esbuild.build(csvLibraryBuildOptions({ development }));
    return CSV_LIBRARY_OUT;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
    const out = await buildCsvLibrary({ development: process.argv.includes("--dev") });
    console.log(`CSV library: ${out}`);
}
