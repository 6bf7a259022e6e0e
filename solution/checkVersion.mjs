#!/usr/bin/env node
/**
 * Runs before every `npm run build`: package.json's version must be MAJOR.MINOR.PATCH and equal to the
 * <control version> of ImportMonitor/ControlManifest.Input.xml and ImportMonitorCsv/ControlManifest.Input.xml, to
 * the CSV library's <packaged_library version>, and to package-lock.json's. The solution's <Version> is derived
 * from it (MAJOR.MINOR.PATCH.0). Exit code 1 when they disagree.
 *
 *   node solution/checkVersion.mjs [--root <dir>] [--quiet]
 */
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { SOURCE_MANIFESTS, UsageError, checkVersions, solutionVersion } from "./lib.mjs";

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
        console.log(
            `version ${version}: package.json = ${SOURCE_MANIFESTS.join(" = ")} (control and packaged_library versions); ` +
                `solution version ${solutionVersion(version)}`,
        );
    }
}

main().catch((error) => {
    console.error(error instanceof UsageError ? `version check failed: ${error.message}` : error);
    process.exitCode = 1;
});
