/**
 * Benchmark of the value checks (ImportMonitor/domain/csv/valueChecks.ts, issue 14): a generated file against a
 * 20-column table of mixed types (__tests__/fixtures/values-table.ts: text, memo, whole numbers, currency, floating
 * point, decimal, date-only, date and time, choices, yes/no, a lookup; an alternate key), en-US formats, one wrong
 * value every 1,000 rows. Part of `npm run bench` (section "values"); also runs alone:
 *
 *   node bench/values.mjs [--quick]      # prints its table
 *
 * Three timings over the same file, each the median of the runs:
 * - parse: papaparse's Parser over 256 Ki slices with a step callback that does nothing (the full scan's way of
 *   reading, without its checks);
 * - parse + value checks: the same, the step calling checker.check(row, line);
 * - value checks alone: checker.check over rows parsed beforehand (Papa.parse, all rows in memory).
 * MB/s = the file's length in chars / 2^20 / seconds (as the preview section counts), on the wall clock; the CPU
 * time of the process is kept too (on a loaded machine the wall clock runs ahead of it).
 */
import { createRequire } from "node:module";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { bundleForNode } from "./lib/esbuild.mjs";
import { BENCH, ROOT } from "./lib/paths.mjs";
import { median } from "./lib/stats.mjs";

const require = createRequire(join(ROOT, "package.json"));
const Papa = require("papaparse");

const MB = 1024 * 1024;
const PAPA_CONFIG = { delimiter: ",", quoteChar: '"', newline: "\r\n" };
const SLICE = 256 * 1024;

/** A row papaparse gives for an empty line (the one after the last line break). */
const blank = (row) => row.length === 1 && row[0] === "";

/**
 * Parser over 256 Ki slices, as the full scan reads; `onRow(row, index)` for every row but blank lines (the header
 * is index 0). The Parser's step hands each row wrapped in an array (`data[0]`), unlike Papa.parse's.
 */
function slicedParse(text, onRow) {
    let index = 0;
    let pos = 0;
    while (pos < text.length) {
        const end = Math.min(text.length, pos + SLICE);
        const config = {
            ...PAPA_CONFIG,
            step: (r) => {
                const row = r.data[0];
                if (!blank(row)) onRow(row, index++);
            },
        };
        const r = new Papa.Parser(config).parse(text.slice(pos, end), 0, end < text.length);
        pos += r.meta.cursor;
    }
    return index;
}

/** Median wall-clock and CPU (user + system) milliseconds of `runs` calls; CPU time tells a loaded machine apart. */
function timed(fn, runs) {
    const times = [];
    const cpu = [];
    let last;
    for (let i = 0; i < runs; i++) {
        const t = performance.now();
        const c = process.cpuUsage();
        last = fn();
        const used = process.cpuUsage(c);
        times.push(performance.now() - t);
        cpu.push((used.user + used.system) / 1000);
    }
    return { ms: median(times), cpuMs: median(cpu), last };
}

/** Runs the value-check benchmark; `print` shows its table (the standalone run). */
export async function runValues({ quick = false, print = false } = {}) {
    const m = await bundleForNode(join(BENCH, "node", "values.ts"), "values-bench");
    const chars = quick ? 10 * MB : 100 * MB;
    const runs = quick ? 1 : 3;
    const text = m.valuesCsv(chars, 1000);
    const mb = text.length / MB;
    const mappings = m.mapHeadersToColumns(m.VALUES_HEADERS, m.VALUES_COLUMNS);
    const table = { columns: m.VALUES_COLUMNS, alternateKeys: m.VALUES_KEYS };
    const newChecker = () => m.createValueChecker(mappings, m.DEFAULT_VALUE_FORMATS, table);

    // Warm-up: the parser and the checker on the first MB.
    slicedParse(text.slice(0, MB), () => {});
    const warm = newChecker();
    slicedParse(text.slice(0, MB), (row, i) => i > 0 && warm.check(row, i + 1));

    const parse = timed(() => slicedParse(text, () => {}), runs);
    const both = timed(() => {
        const checker = newChecker();
        slicedParse(text, (row, i) => {
            if (i > 0) checker.check(row, i + 1);
        });
        return checker.summary();
    }, runs);

    const rows = Papa.parse(text, PAPA_CONFIG).data.filter((row) => !blank(row));
    const alone = timed(() => {
        const checker = newChecker();
        for (let i = 1; i < rows.length; i++) checker.check(rows[i], i + 1);
        return checker.summary();
    }, runs);

    const summary = both.last;
    const results = {
        method:
            "a generated file (bench/node/values.ts → __tests__/fixtures/values-table.ts valuesCsv: 20 columns of mixed types, en-US formats, one wrong value every 1,000 rows, an alternate key) checked by createValueChecker (domain/csv/valueChecks.ts) with the table's column list and key. parse = papaparse's Parser over 256 Ki slices with an empty step callback; parse + checks = the same with checker.check(row, line) in the step; checks alone = checker.check over rows Papa.parse read beforehand. MB/s = chars / 2^20 / s.",
        chars: text.length,
        columns: mappings.length,
        rows: summary.rows,
        findings: summary.findings.map((f) => ({ kind: f.kind, header: f.header, count: f.count })),
        runs,
        parse: { medianMs: parse.ms, cpuMs: parse.cpuMs, mbPerSecond: mb / (parse.ms / 1000) },
        parseAndCheck: { medianMs: both.ms, cpuMs: both.cpuMs, mbPerSecond: mb / (both.ms / 1000) },
        checkOnly: { medianMs: alone.ms, cpuMs: alone.cpuMs, mbPerSecond: mb / (alone.ms / 1000), nsPerCell: (alone.ms * 1e6) / (summary.rows * mappings.length) },
        goalMbPerSecond: 50,
    };
    if (print) {
        console.log(`\nValue checks, ${(text.length / MB).toFixed(0)} MB, ${results.rows.toLocaleString("en-US")} rows × ${results.columns} columns, median of ${runs}`);
        console.table([
            { what: "parse (Parser, 256 Ki slices, step)", "median ms": parse.ms.toFixed(0), "cpu ms": parse.cpuMs.toFixed(0), "MB/s": results.parse.mbPerSecond.toFixed(1) },
            { what: "parse + value checks", "median ms": both.ms.toFixed(0), "cpu ms": both.cpuMs.toFixed(0), "MB/s": results.parseAndCheck.mbPerSecond.toFixed(1) },
            { what: "value checks alone", "median ms": alone.ms.toFixed(0), "cpu ms": alone.cpuMs.toFixed(0), "MB/s": results.checkOnly.mbPerSecond.toFixed(1) },
        ]);
        console.log(`${results.checkOnly.nsPerCell.toFixed(1)} ns a cell; findings: ${results.findings.map((f) => `${f.header} ${f.kind} ${f.count}`).join("; ")}`);
    }
    return results;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
    await runValues({ quick: process.argv.includes("--quick"), print: true });
}
