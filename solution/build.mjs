#!/usr/bin/env node
/**
 * npm run solution (= node solution/build.mjs --build): the production build of the controls, then
 * dist/ImportMonitor_<version>.zip (unmanaged) and dist/ImportMonitor_<version>_managed.zip packed from
 * out/controls/ImportMonitor (the control) and out/controls/ImportMonitorCsv (the CSV library component it loads on
 * demand). See docs/solution.md.
 *
 *   node solution/build.mjs [--build] [--publisher-name importmonitor] [--publisher-display-name ImportMonitor]
 *                           [--publisher-prefix imon] [--option-value-prefix <10000-99999>]
 *                           [--controls-dir out/controls] [--out-dir dist]
 *                           [--allow-development-build]
 *
 * Each publisher option can also come from the environment: SOLUTION_PUBLISHER_NAME,
 * SOLUTION_PUBLISHER_DISPLAY_NAME, SOLUTION_PUBLISHER_PREFIX, SOLUTION_OPTION_VALUE_PREFIX (a flag wins).
 * SOURCE_DATE_EPOCH (seconds) fixes the entries' timestamps for a byte-identical rebuild.
 */
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join, relative, resolve as resolvePath } from "node:path";
import { parseArgs } from "node:util";
import {
    CONTROL_FOLDERS,
    DEFAULT_CONTROLS_DIR,
    DEFAULT_OUT_DIR,
    UsageError,
    checkDependencies,
    checkVersions,
    commandFailed,
    readBuiltControl,
    readControlManifest,
    resolvePublisher,
    runShowingOutput,
    solutionEntries,
    solutionVersion,
    sourceManifestPath,
    zipEntries,
    zipFileName,
} from "./lib.mjs";

const USAGE = `Usage: node solution/build.mjs [options]
  --build                          first build the controls: npm run build -- --buildMode production
  --publisher-name <name>          publisher unique name (default importmonitor; env SOLUTION_PUBLISHER_NAME)
  --publisher-display-name <text>  publisher display name (default ImportMonitor; env SOLUTION_PUBLISHER_DISPLAY_NAME)
  --publisher-prefix <prefix>      customization prefix, 2-8 lowercase letters/digits (default imon; env SOLUTION_PUBLISHER_PREFIX);
                                   must be the prefix of ImportMonitor's <dependency> name (see docs/solution.md)
  --option-value-prefix <number>   10000-99999 (default derived from the prefix; env SOLUTION_OPTION_VALUE_PREFIX)
  --controls-dir <dir>             the built controls, one folder each: ${CONTROL_FOLDERS.join(", ")} (default ${DEFAULT_CONTROLS_DIR})
  --out-dir <dir>                  where the zips go (default ${DEFAULT_OUT_DIR})
  --root <dir>                     the project root, with package.json and the ControlManifest.Input.xml files (default: current directory)
  --allow-development-build        pack a development bundle (for tests only; never ship one)`;

/**
 * npm run build -- --buildMode production, into control folders emptied first. pcf-scripts 1.51 exits with 0
 * even when a build task fails (it prints "[build] Failed"), so a failed build must neither pass nor leave the
 * previous bundles behind to be packed.
 */
async function productionBuild(root, controlsDir) {
    for (const folder of CONTROL_FOLDERS) await rm(join(controlsDir, folder), { recursive: true, force: true });
    console.log("== production build (npm run build -- --buildMode production)");
    const output = await runShowingOutput("npm", ["run", "build", "--", "--buildMode", "production"], root);
    if (commandFailed(output)) {
        throw new UsageError("the production build failed (see its output above); no solution was written");
    }
}

async function main() {
    const { values } = parseArgs({
        options: {
            "publisher-name": { type: "string" },
            "publisher-display-name": { type: "string" },
            "publisher-prefix": { type: "string" },
            "option-value-prefix": { type: "string" },
            "controls-dir": { type: "string" },
            "out-dir": { type: "string" },
            root: { type: "string" },
            "allow-development-build": { type: "boolean", default: false },
            build: { type: "boolean", default: false },
            help: { type: "boolean", short: "h", default: false },
        },
        strict: true,
    });
    if (values.help) {
        console.log(USAGE);
        return;
    }
    const env = process.env;
    const root = resolvePath(values.root ?? process.cwd());
    const controlsDir = resolvePath(root, values["controls-dir"] ?? DEFAULT_CONTROLS_DIR);
    const outDir = resolvePath(root, values["out-dir"] ?? DEFAULT_OUT_DIR);

    const { version, problems } = await checkVersions(root);
    if (problems.length) throw new UsageError(`version check failed:\n- ${problems.join("\n- ")}`);
    if (values.build) {
        if (values["controls-dir"]) throw new UsageError("--build writes the default controls folder; leave out --controls-dir");
        await productionBuild(root, controlsDir);
    }

    const publisher = resolvePublisher({
        uniqueName: values["publisher-name"] ?? (env.SOLUTION_PUBLISHER_NAME || undefined),
        displayName: values["publisher-display-name"] ?? (env.SOLUTION_PUBLISHER_DISPLAY_NAME || undefined),
        prefix: values["publisher-prefix"] ?? (env.SOLUTION_PUBLISHER_PREFIX || undefined),
        optionValuePrefix: values["option-value-prefix"] ?? (env.SOLUTION_OPTION_VALUE_PREFIX || undefined),
    });
    const controls = [];
    for (const folder of CONTROL_FOLDERS) {
        const sourceManifestName = sourceManifestPath(folder);
        const sourceManifest = readControlManifest(await readFile(join(root, sourceManifestName), "utf8"), sourceManifestName);
        controls.push(
            await readBuiltControl(join(controlsDir, folder), {
                sourceManifest,
                sourceManifestName,
                allowDevelopmentBuild: values["allow-development-build"],
            }),
        );
    }
    checkDependencies(controls, publisher.prefix);

    const epoch = Number(env.SOURCE_DATE_EPOCH);
    const date = env.SOURCE_DATE_EPOCH && Number.isFinite(epoch) ? new Date(epoch * 1000) : new Date();

    await mkdir(outDir, { recursive: true });
    const written = [];
    for (const managed of [false, true]) {
        const { controlNames, entries } = solutionEntries({ version, managed, publisher, controls });
        const path = join(outDir, zipFileName(version, managed));
        const zip = await zipEntries(entries, date);
        await writeFile(path, zip);
        written.push({ path, managed, controlNames, bytes: zip.length, entries: entries.length });
    }

    const shown = (path) => relative(process.cwd(), path) || path;
    console.log(
        `Solution ${solutionVersion(version)} (package ${version}), controls ${written[0].controlNames.join(", ")}, ` +
            `publisher ${publisher.uniqueName} (prefix ${publisher.prefix}, option value prefix ${publisher.optionValuePrefix}), ` +
            `from ${shown(controlsDir)}:`,
    );
    for (const zip of written) {
        console.log(`  ${zip.managed ? "managed  " : "unmanaged"} ${shown(zip.path)} (${zip.entries} entries, ${zip.bytes} bytes)`);
    }
}

main().catch((error) => {
    if (error instanceof UsageError || error?.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" || error?.code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
        console.error(`solution: ${error.message}`);
        if (error.code?.startsWith?.("ERR_PARSE_ARGS")) console.error(USAGE);
    } else {
        console.error(error);
    }
    process.exitCode = 1;
});
