/** Where the benchmark lives and writes: everything generated goes to bench/tmp/ (git-ignored). */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const BENCH = join(dirname(fileURLToPath(import.meta.url)), "..");
export const ROOT = join(BENCH, "..");
export const TMP = join(BENCH, "tmp");
