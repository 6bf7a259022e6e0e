#!/usr/bin/env node
/**
 * Runs before every `npm run build`: package.json's version must be MAJOR.MINOR.PATCH and equal to
 * ImportMonitor/ControlManifest.Input.xml's <control version> (and package-lock.json's). The solution's
 * <Version> is derived from it (MAJOR.MINOR.PATCH.0). Exit code 1 when they disagree.
 *
 *   node solution/checkVersion.mjs [--root <dir>] [--quiet]
 */
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { UsageError, checkVersions, solutionVersion } from "./lib.mjs";

async function main() {
    const { values } = parseArgs({
        options: { root: { type: "string" }, quiet: { type: "boolean", default: false } },
        strict: true,
    });
    const { version, problems } = await checkVersions(resolve(values.root ?? process.cwd()));
    if (problems.length) {
        console.error(`version check failed:\n- ${problems.join("\n- ")}`);
        process.exitCode = 1;
        return;
    }
    if (!values.quiet) {
        console.log(`version ${version}: package.json = ControlManifest.Input.xml; solution version ${solutionVersion(version)}`);
    }
}

main().catch((error) => {
    console.error(error instanceof UsageError ? `version check failed: ${error.message}` : error);
    process.exitCode = 1;
});
