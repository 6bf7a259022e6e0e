#!/usr/bin/env node
/**
 * `pcf-scripts <task> …` with an honest exit code: pcf-scripts 1.51 exits with 0 even when a task fails (it
 * prints "[build] Failed" / "[lint] Failed"), so `npm run build` and CI would pass a build that failed, e.g. on
 * an ESLint error. This runs it with the same arguments, shows its output, and exits 1 when it failed.
 *
 *   node solution/pcfScripts.mjs build --buildMode production
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { commandFailed, runShowingOutput } from "./lib.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const result = await runShowingOutput(join(root, "node_modules", ".bin", "pcf-scripts"), process.argv.slice(2), root);
if (commandFailed(result)) {
    console.error(`pcf-scripts ${process.argv.slice(2).join(" ")} failed (exit ${String(result.code)}).`);
    process.exit(1);
}
