/** esbuild helpers: the control's TypeScript bundled into bench/tmp/ for node (CommonJS) and the browser. */
import { createRequire } from "node:module";
import { join } from "node:path";
import { ROOT, TMP } from "./paths.mjs";

const require = createRequire(join(ROOT, "package.json"));
const esbuild = require("esbuild");

/** Bundles a TypeScript entry for node into bench/tmp/<name>.cjs and requires it. Packages stay external. */
export async function bundleForNode(entry, name) {
    const outfile = join(TMP, `${name}.cjs`);
    await esbuild.build({
        entryPoints: [entry],
        outfile,
        bundle: true,
        platform: "node",
        format: "cjs",
        target: "node20",
        packages: "external",
        sourcemap: "inline",
        logLevel: "warning",
    });
    delete require.cache[outfile];
    return require(outfile);
}

/** React DOM's profiling build, so React.Profiler reports in a production build (React 16 docs: "Profiling in production"). */
const reactProfiling = {
    name: "react-profiling",
    setup(build) {
        build.onResolve({ filter: /^react-dom$/ }, () => ({ path: require.resolve("react-dom/profiling") }));
        build.onResolve({ filter: /^scheduler\/tracing$/ }, () => ({ path: require.resolve("scheduler/tracing-profiling") }));
    },
};

/** Bundles browser entries ({ name: path }) into `outdir` as production, minified (names kept) IIFEs. */
export async function bundleForBrowser(entryPoints, outdir) {
    await esbuild.build({
        entryPoints,
        outdir,
        bundle: true,
        platform: "browser",
        format: "iife",
        target: "chrome110",
        minify: true,
        keepNames: true,
        define: { "process.env.NODE_ENV": '"production"' },
        plugins: [reactProfiling],
        logLevel: "warning",
    });
}

export { esbuild };
