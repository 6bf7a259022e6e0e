/**
 * Bundle size: the production bundle.js of the virtual control (React and Fluent are the platform's) beside
 * the same sources built as a standard control that bundles React, ReactDOM and Fluent itself.
 *
 * Both are built the same way, `pcf-scripts build --buildMode production`, each in its own copy of the
 * project under bench/tmp/build/ (git-ignored), so the benchmark neither overwrites out/ (the sandbox and the
 * e2e tests run the development build there) nor depends on the rest of the tree passing ESLint
 * (--skipBuildLinting: linting does not change the bundle; CI lints separately). The standard copy gets
 * control-type="standard", no platform-library lines and bench/standard/index.ts as its index.ts.
 * The copies' sources are deleted after the build (only the bundles are kept in bench/tmp/bundles/), so
 * `npm run typecheck` never sees them.
 */
import { spawn } from "node:child_process";
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync, constants as zlibConstants } from "node:zlib";
import { performance } from "node:perf_hooks";
import { esbuild } from "./lib/esbuild.mjs";
import { BENCH, ROOT, TMP } from "./lib/paths.mjs";

/** The brief's budget: bundle.js at most 32 KB gzip (level 9). */
export const BUDGET_GZIP_BYTES = 32 * 1024;
const PROJECT_FILES = ["package.json", "tsconfig.json", "pcfconfig.json", "eslint.config.mjs"];

function run(command, args, cwd) {
    return new Promise((resolve, reject) => {
        const child = spawn(command, args, { cwd, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, FORCE_COLOR: "0" } });
        let output = "";
        child.stdout.on("data", (d) => (output += d));
        child.stderr.on("data", (d) => (output += d));
        child.on("error", reject);
        child.on("close", (code) => (code === 0 ? resolve(output) : reject(new Error(`${command} ${args.join(" ")} (in ${cwd}) exited ${code}:\n${output}`))));
    });
}

/** Makes bench/tmp/build/<kind>/, a copy of the project with node_modules linked. */
function prepareCopy(kind) {
    const dir = join(TMP, "build", kind);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    cpSync(join(ROOT, "ImportMonitor"), join(dir, "ImportMonitor"), { recursive: true });
    for (const file of PROJECT_FILES) copyFileSync(join(ROOT, file), join(dir, file));
    symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"), "dir");
    if (kind === "standard") {
        const manifestPath = join(dir, "ImportMonitor", "ControlManifest.Input.xml");
        const manifest = readFileSync(manifestPath, "utf8");
        const standard = manifest.replace('control-type="virtual"', 'control-type="standard"').replace(/^[ \t]*<platform-library\b[^>]*\/>[ \t]*\r?\n/gm, "");
        if (standard === manifest || /platform-library/.test(standard) || !/control-type="standard"/.test(standard)) {
            throw new Error("bench/bundle.mjs: the manifest no longer looks like a virtual control with platform libraries; update the rewrite.");
        }
        writeFileSync(manifestPath, standard);
        const wrapper = readFileSync(join(BENCH, "standard", "index.ts"), "utf8").replaceAll("../../ImportMonitor/", "./");
        writeFileSync(join(dir, "ImportMonitor", "index.ts"), wrapper);
    }
    return dir;
}

async function build(kind) {
    const dir = prepareCopy(kind);
    const started = performance.now();
    try {
        await run(process.execPath, [join(ROOT, "node_modules", "pcf-scripts", "bin", "pcf-scripts.js"), "build", "--buildMode", "production", "--skipBuildLinting", "true"], dir);
        const built = join(dir, "out", "controls", "ImportMonitor", "bundle.js");
        if (!existsSync(built)) throw new Error(`bench/bundle.mjs: the ${kind} build wrote no ${built}`);
        const kept = join(TMP, "bundles", `${kind}.bundle.js`);
        mkdirSync(join(TMP, "bundles"), { recursive: true });
        copyFileSync(built, kept);
        const bytes = readFileSync(kept);
        return {
            kind,
            file: `bench/tmp/bundles/${kind}.bundle.js`,
            bytes: bytes.length,
            gzipBytes: gzipSync(bytes, { level: zlibConstants.Z_BEST_COMPRESSION }).length,
            buildSeconds: (performance.now() - started) / 1000,
        };
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
}

/**
 * What the virtual bundle is made of, estimated with esbuild (same entry, minified, React and Fluent
 * external as on the platform): bytes of output per source folder or package. An estimate of the shares
 * only: webpack's output (the measured size) differs a little.
 */
async function composition() {
    const result = await esbuild.build({
        entryPoints: [join(ROOT, "ImportMonitor", "index.ts")],
        bundle: true,
        minify: true,
        write: false,
        metafile: true,
        format: "iife",
        external: ["react", "react-dom", "@fluentui/react"],
        define: { "process.env.NODE_ENV": '"production"' },
        logLevel: "silent",
    });
    const output = Object.values(result.metafile.outputs)[0];
    const parts = {};
    for (const [path, { bytesInOutput }] of Object.entries(output.inputs)) {
        const segments = path.split("/");
        const key = segments[0] === "node_modules" ? segments.slice(0, segments[1].startsWith("@") ? 3 : 2).join("/") : segments.slice(0, Math.min(2, segments.length)).join("/");
        parts[key] = (parts[key] ?? 0) + bytesInOutput;
    }
    return { totalBytes: output.bytes, parts: Object.entries(parts).sort((a, b) => b[1] - a[1]).map(([part, bytes]) => ({ part, bytes })) };
}

/** Builds both at once (on 2 cores: about 75 s together against 100 s one after the other). */
export async function runBundle() {
    const [virtual, standard] = await Promise.all([build("virtual"), build("standard")]);
    // The CSV library (ImportMonitorCsv's packaged_library), loaded on demand: built as npm run build builds it.
    const { buildCsvLibrary } = await import("../solution/buildCsvLibrary.mjs");
    const libraryBytes = readFileSync(await buildCsvLibrary());
    const library = {
        kind: "csv library (on demand)",
        file: "ImportMonitorCsv/libs/importMonitorCsv.js",
        bytes: libraryBytes.length,
        gzipBytes: gzipSync(libraryBytes, { level: zlibConstants.Z_BEST_COMPRESSION }).length,
    };
    return {
        library,
        method:
            "pcf-scripts build --buildMode production in copies of the project under bench/tmp/build/ (skipBuildLinting); standard = control-type standard, no platform-library lines, bench/standard/index.ts (ReactDOM.render of the same ImportMonitorApp). gzip level 9.",
        virtual,
        standard,
        ratioBytes: standard.bytes / virtual.bytes,
        ratioGzip: standard.gzipBytes / virtual.gzipBytes,
        budgetGzipBytes: BUDGET_GZIP_BYTES,
        underBudget: virtual.gzipBytes <= BUDGET_GZIP_BYTES,
        virtualComposition: await composition(),
    };
}
