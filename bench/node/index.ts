/** Benchmark only: the node-side sections, bundled by bench/run.mjs with esbuild into bench/tmp/node-bench.cjs. */
export { assertConstantReadsPerTick, naiveRunAll, POLL_READ_KINDS, runnerFollow, runnerRunAll, staleness } from "./traffic";
export type { FollowTraffic, NaiveSchedule, PollSchedule, RunTraffic, StalenessResult, TickSummary } from "./traffic";
export { failureLog } from "./failureLog";
export type { FailureLogResult } from "./failureLog";
export { buildLargeSeed, createSeed } from "../../sandbox/dataverse";
