/** Benchmark only: what bench/values.mjs and bench/preview.mjs need, bundled with esbuild into bench/tmp/values-bench.cjs. */
export { createValueChecker, DEFAULT_VALUE_FORMATS } from "../../ImportMonitor/domain/csv/valueChecks";
export { mapHeadersToColumns } from "../../ImportMonitor/domain/csv/headerMapping";
export { csvOptionsFor, scanCsv } from "../../ImportMonitor/domain/csv";
export { VALUES_COLUMNS, VALUES_HEADERS, VALUES_KEYS, valuesCsv } from "../../__tests__/fixtures/values-table";
