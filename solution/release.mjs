#!/usr/bin/env node
/**
 * npm run release: the version check and the CHANGELOG.md entry for it first (cheap, so a forgotten entry
 * fails at once), then lint, types, the unit tests, the production build and the solution zips. Stops at
 * the first failure. Arguments after `--` go to the solution step (publisher options, see solution/build.mjs).
 *
 *   npm run release [-- --publisher-prefix abc]
 *   node solution/release.mjs --check [--root <dir>]    only the version and CHANGELOG checks
 */
import { existsSync, readdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { DEFAULT_OUT_DIR, UsageError, checkVersions, commandFailed, runShowingOutput, solutionVersion } from "./lib.mjs";

/** The lines of CHANGELOG.md's section for `version` (a "## [X.Y.Z]" or "## X.Y.Z" heading), or null. */
export function changelogEntry(text, version) {
    const lines = text.split(/\r?\n/);
    const escaped = version.replace(/\./g, "\\.");
    const heading = new RegExp(`^##\\s+\\[?v?${escaped}\\]?(\\s|$)`);
    const start = lines.findIndex((line) => heading.test(line));
    if (start < 0) return null;
    const end = lines.findIndex((line, i) => i > start && /^##\s/.test(line));
    return lines.slice(start + 1, end < 0 ? undefined : end).filter((line) => line.trim());
}

async function checks(root) {
    const { version, problems } = await checkVersions(root);
    const changelogPath = join(root, "CHANGELOG.md");
    if (!existsSync(changelogPath)) {
        problems.push("CHANGELOG.md not found");
    } else if (!problems.length) {
        const entry = changelogEntry(await readFile(changelogPath, "utf8"), version);
        if (!entry) problems.push(`CHANGELOG.md has no "## [${version}]" entry: describe this release there first`);
        else if (!entry.length) problems.push(`CHANGELOG.md's "## [${version}]" entry is empty`);
    }
    if (problems.length) throw new UsageError(`release checks failed:\n- ${problems.join("\n- ")}`);
    return version;
}

async function run(title, command, args, root) {
    const shown = [command, ...args].join(" ");
    console.log(`\n== release: ${title} (${shown})`);
    if (commandFailed(await runShowingOutput(command, args, root))) throw new UsageError(`release: ${title} failed (${shown}); see its output above`);
}

async function main() {
    const args = process.argv.slice(2);
    const rootIndex = args.indexOf("--root");
    const root = resolve(rootIndex >= 0 ? args.splice(rootIndex, 2)[1] : process.cwd());
    const checkOnly = args.includes("--check");
    const version = await checks(root);
    console.log(`release ${version}: versions agree, CHANGELOG.md has its entry`);
    if (checkOnly) return;

    await run("lint", "npm", ["run", "lint"], root);
    await run("types", "npm", ["run", "typecheck"], root);
    await run("unit tests", "npx", ["jest", "--ci"], root);
    await run("production build and solution zips", "npm", ["run", "solution", "--", ...args], root);

    const dist = join(root, DEFAULT_OUT_DIR);
    const zips = readdirSync(dist).filter((name) => name.includes(`_${version}`) && name.endsWith(".zip"));
    console.log(`\nRelease ${version} (solution ${solutionVersion(version)}) is ready:`);
    for (const name of zips) console.log(`  ${join(dist, name)}`);
    console.log("Next: commit, tag v" + version + " and attach both zips to the release (README, \"Install in your environment\").");
}

main().catch((error) => {
    console.error(error instanceof UsageError ? error.message : error);
    process.exitCode = 1;
});
