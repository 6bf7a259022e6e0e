/** Benchmark only: the node-side sections, bundled by bench/run.mjs with esbuild into bench/tmp/node-bench.cjs. */
export { runnerRunAll, naiveRunAll } from "./traffic";
export type { NaiveSchedule, RunTraffic } from "./traffic";
export { failureLog } from "./failureLog";
export type { FailureLogResult } from "./failureLog";
export { buildLargeSeed, createSeed } from "../../sandbox/dataverse";
