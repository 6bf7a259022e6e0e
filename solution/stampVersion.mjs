#!/usr/bin/env node
/**
 * npm's `version` lifecycle script: `npm version <new>` has written the new version to package.json (and
 * package-lock.json); this writes it to ImportMonitor/ControlManifest.Input.xml's <control version> and
 * stages that file, so npm's version commit and tag carry all three. With --no-git-tag-version, or outside
 * a git work tree, nothing is staged.
 *
 *   node solution/stampVersion.mjs [--root <dir>]
 */
import { spawnSync } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { SOURCE_MANIFEST, UsageError, assertReleaseVersion, readControlManifest, solutionVersion, stampManifestVersion } from "./lib.mjs";

function insideGitWorkTree(root) {
    const result = spawnSync("git", ["rev-parse", "--is-inside-work-tree"], { cwd: root, encoding: "utf8" });
    return result.status === 0 && result.stdout.trim() === "true";
}

async function main() {
    const { values } = parseArgs({ options: { root: { type: "string" } }, strict: true });
    const root = resolve(values.root ?? process.cwd());
    const version = assertReleaseVersion(JSON.parse(await readFile(join(root, "package.json"), "utf8")).version, "package.json");
    const manifestPath = join(root, SOURCE_MANIFEST);
    const before = await readFile(manifestPath, "utf8");
    const previous = readControlManifest(before, SOURCE_MANIFEST).version;
    if (previous !== version) await writeFile(manifestPath, stampManifestVersion(before, version, SOURCE_MANIFEST), "utf8");
    console.log(`${SOURCE_MANIFEST}: version ${previous} -> ${version} (solution version ${solutionVersion(version)})`);

    // npm sets npm_config_git_tag_version to "" for --no-git-tag-version and leaves it unset by default.
    const gitTagVersion = process.env.npm_config_git_tag_version;
    const tagging = gitTagVersion === undefined || !["", "false"].includes(gitTagVersion);
    if (tagging && insideGitWorkTree(root)) {
        const add = spawnSync("git", ["add", "--", SOURCE_MANIFEST], { cwd: root, stdio: "inherit" });
        if (add.status !== 0) throw new UsageError(`git add ${SOURCE_MANIFEST} failed`);
    }
}

main().catch((error) => {
    console.error(error instanceof UsageError ? `version: ${error.message}` : error);
    process.exitCode = 1;
});
