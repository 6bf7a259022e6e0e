#!/usr/bin/env node
/**
 * npm's `version` lifecycle script: `npm version <new>` has written the new version to package.json (and
 * package-lock.json); this writes it to the <control version> of ImportMonitor/ControlManifest.Input.xml and
 * ImportMonitorCsv/ControlManifest.Input.xml and to the CSV library's <packaged_library version>, and stages those
 * files, so npm's version commit and tag carry them all. With --no-git-tag-version, or outside a git work tree,
 * nothing is staged.
 *
 *   node solution/stampVersion.mjs [--root <dir>]
 */
import { spawnSync } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { SOURCE_MANIFESTS, UsageError, assertReleaseVersion, readControlManifest, solutionVersion, stampManifestVersion } from "./lib.mjs";

function insideGitWorkTree(root) {
    const result = spawnSync("git", ["rev-parse", "--is-inside-work-tree"], { cwd: root, encoding: "utf8" });
    return result.status === 0 && result.stdout.trim() === "true";
}

async function main() {
    const { values } = parseArgs({ options: { root: { type: "string" } }, strict: true });
    const root = resolve(values.root ?? process.cwd());
    const version = assertReleaseVersion(JSON.parse(await readFile(join(root, "package.json"), "utf8")).version, "package.json");
    // Check every manifest can be stamped before writing any, so a failure leaves them all as they were.
    const stamps = [];
    for (const name of SOURCE_MANIFESTS) {
        const before = await readFile(join(root, name), "utf8");
        const manifest = readControlManifest(before, name);
        const previous = [manifest.version, ...manifest.packagedLibraries.map((library) => library.version)];
        stamps.push({ name, before, after: stampManifestVersion(before, version, name), previous: [...new Set(previous)].join(", ") });
    }
    for (const { name, before, after, previous } of stamps) {
        if (after !== before) await writeFile(join(root, name), after, "utf8");
        console.log(`${name}: version ${previous} -> ${version} (solution version ${solutionVersion(version)})`);
    }

    // npm sets npm_config_git_tag_version to "" for --no-git-tag-version and leaves it unset by default.
    const gitTagVersion = process.env.npm_config_git_tag_version;
    const tagging = gitTagVersion === undefined || !["", "false"].includes(gitTagVersion);
    if (tagging && insideGitWorkTree(root)) {
        const add = spawnSync("git", ["add", "--", ...SOURCE_MANIFESTS], { cwd: root, stdio: "inherit" });
        if (add.status !== 0) throw new UsageError(`git add ${SOURCE_MANIFESTS.join(" ")} failed`);
    }
}

main().catch((error) => {
    console.error(error instanceof UsageError ? `version: ${error.message}` : error);
    process.exitCode = 1;
});
