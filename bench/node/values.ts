/** Benchmark only: what bench/values.mjs needs, bundled with esbuild into bench/tmp/values-bench.cjs. */
export { createValueChecker, DEFAULT_VALUE_FORMATS } from "../../ImportMonitor/domain/csv/valueChecks";
export { mapHeadersToColumns } from "../../ImportMonitor/domain/csv/headerMapping";
export { VALUES_COLUMNS, VALUES_HEADERS, VALUES_KEYS, valuesCsv } from "../../__tests__/fixtures/values-table";
