/**
 * Benchmark of the CSV preview and full scan (ImportMonitor/domain/csv). Part of `npm run bench`
 * (bench/run.mjs); also runs alone:
 *
 *   node bench/preview.mjs [--quick]       # prints its tables and writes bench/results-preview.json
 *
 * The TypeScript domain is bundled with esbuild (platform node, CommonJS) into bench/tmp/ (git-ignored).
 * Figures and method are those of the first version of this file (which compiled with tsc's transpileModule).
 *
 * The full scan with value checks (issue 14): scanCsv over the value-check bench's file (bench/values.mjs: 20 columns
 * of mixed types, one wrong value every 1,000 rows) with createValueChecker's check as its onRow visitor, as the
 * preview session runs it, against the same scan without the visitor; the longest run between two yields of each.
 */
import { createRequire } from "node:module";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { bundleForNode } from "./lib/esbuild.mjs";
import { BENCH, ROOT } from "./lib/paths.mjs";
import { median, time, timeAsync } from "./lib/stats.mjs";

const require = createRequire(join(ROOT, "package.json"));
const Papa = require("papaparse");

// ---- data -------------------------------------------------------------------------------------------------
const FIRST = ["Anna", "Björn", "Chloé", "David", "Emma", "François", "Grace", "Hiro", "Ines", "Jonas"];
const LAST = ["Smith", "Müller", "O'Brien", "García", "Nguyen", "Rossi", "Kowalski", "Tanaka", "Dubois", "Jensen"];
const CITY = ["Seattle", "Zürich", "Paris", "Osaka", "Lyon", "Berlin", "Oslo", "Porto"];
const HEADER = "First Name,Last Name,Email,Business Phone,Company Name,Address 1: Street 1,Address 1: City,Description\r\n";

function row(i) {
    const f = FIRST[i % FIRST.length];
    const l = LAST[(i * 7) % LAST.length];
    const street = i % 5 === 0 ? `"${100 + (i % 900)} Main St, Suite ${i % 40}"` : `${100 + (i % 900)} Main St`;
    const description = i % 11 === 0 ? `"Met at ""Expo ${2000 + (i % 25)}"", follow up"` : `Customer ${i}`;
    return `${f},${l},${f.toLowerCase()}.${i}@example.com,+1 555 ${String(i % 10000).padStart(4, "0")},Contoso ${i % 97},${street},${CITY[i % CITY.length]},${description}\r\n`;
}

function generate(targetChars) {
    const parts = [HEADER];
    let size = HEADER.length;
    for (let i = 0; size < targetChars; i++) {
        const r = row(i);
        parts.push(r);
        size += r.length;
    }
    return parts.join("");
}

const OPTIONS = (csv) => csv.csvOptionsFor({ fielddelimitercode: 2, datadelimitercode: 1, isfirstrowheader: true, filetypecode: 0, headerrow: null });

const MB = 1024 * 1024;
const PAPA_CONFIG = { delimiter: ",", quoteChar: '"', newline: "\r\n" };

/** papaparse with and without a step callback, over the same 256 Ki slices the scan uses (no checks, no yields). */
function slicedParse(big, withStep) {
    let rows = 0;
    let pos = 0;
    const slice = 256 * 1024;
    while (pos < big.length) {
        const end = Math.min(big.length, pos + slice);
        const config = { ...PAPA_CONFIG };
        if (withStep) config.step = () => rows++;
        const r = new Papa.Parser(config).parse(big.slice(pos, end), 0, end < big.length);
        if (!withStep) rows += r.data.length;
        pos += r.meta.cursor;
    }
    return rows;
}

/**
 * A yieldToHost that hands the turn over with setImmediate (a macrotask, as the control's setTimeout 0 without its
 * clamping) and keeps the longest run between two yields (the first run counted from `start()`).
 */
function yieldWatch() {
    let yields = 0;
    let longestRunMs = 0;
    let runStart = 0;
    return {
        start() {
            yields = 0;
            longestRunMs = 0;
            runStart = performance.now();
        },
        yieldToHost() {
            yields++;
            longestRunMs = Math.max(longestRunMs, performance.now() - runStart);
            return new Promise((resolve) =>
                setImmediate(() => {
                    runStart = performance.now();
                    resolve();
                }),
            );
        },
        /** After the scan: its last run (from the last yield to the end) counted too. */
        end() {
            longestRunMs = Math.max(longestRunMs, performance.now() - runStart);
            return { yields, longestRunMs };
        },
    };
}

/**
 * scanCsv over the value-check bench's file, with and without the value checks as its onRow visitor (in turns, so a
 * loaded machine weighs on both alike): wall and CPU ms (medians), MB/s, the longest run between yields.
 */
async function scanWithValues(csv, quick) {
    const m = await bundleForNode(join(BENCH, "node", "values.ts"), "values-bench");
    const text = m.valuesCsv(quick ? 10 * MB : 100 * MB, 1000);
    const mb = text.length / MB;
    const options = OPTIONS(csv);
    const mappings = m.mapHeadersToColumns(m.VALUES_HEADERS, m.VALUES_COLUMNS);
    const table = { columns: m.VALUES_COLUMNS, alternateKeys: m.VALUES_KEYS };
    const runs = quick ? 3 : 5;
    const watch = yieldWatch();
    const runOnce = async (withValues) => {
        const checker = withValues ? m.createValueChecker(mappings, m.DEFAULT_VALUE_FORMATS, table) : null;
        const onRow = checker ? (fields, line) => checker.check(fields, line) : undefined;
        const cpu = process.cpuUsage();
        const t = performance.now();
        watch.start();
        const result = await csv.scanCsv(text, options, { yieldToHost: watch.yieldToHost, onRow });
        const values = checker?.summary();
        const ms = performance.now() - t;
        const used = process.cpuUsage(cpu);
        return { ms, cpuMs: (used.user + used.system) / 1000, ...watch.end(), result, values };
    };
    // Warm-up: the first 2 MB, with and without the checks.
    const warm = m.createValueChecker(mappings, m.DEFAULT_VALUE_FORMATS, table);
    const head = text.slice(0, text.indexOf("\r\n", 2 * MB) + 2);
    await csv.scanCsv(head, options, { yieldToHost: () => Promise.resolve() });
    await csv.scanCsv(head, options, { yieldToHost: () => Promise.resolve(), onRow: (fields, line) => warm.check(fields, line) });
    const both = { scan: [], values: [] };
    for (let i = 0; i < runs; i++) {
        both.scan.push(await runOnce(false));
        both.values.push(await runOnce(true));
    }
    const summary = (list) => {
        const ms = median(list.map((r) => r.ms));
        return {
            medianMs: ms,
            cpuMs: median(list.map((r) => r.cpuMs)),
            mbPerSecond: mb / (ms / 1000),
            longestRunMs: Math.max(...list.map((r) => r.longestRunMs)),
            longestRunMsMedian: median(list.map((r) => r.longestRunMs)),
            longestRunsMs: list.map((r) => r.longestRunMs),
            yields: list[list.length - 1].yields,
        };
    };
    const last = both.values[both.values.length - 1];
    return {
        method:
            "bench/node/values.ts valuesCsv (20 columns of mixed types, en-US, one wrong value every 1,000 rows, an alternate key), scanCsv with its default 64 Ki slices and 50 ms budget, yielding with setImmediate; 'with value checks' passes onRow: checker.check (createValueChecker with the table's column list and key, as the preview session does). Runs alternate (scan, scan + checks). MB/s = chars / 2^20 / median wall s; longest run = the longest time between two yields (and from the start and to the end), max and median over the runs.",
        chars: text.length,
        columns: mappings.length,
        rows: last.result.rowCount,
        valueRows: last.values.rows,
        findings: last.values.findings.map((f) => ({ kind: f.kind, header: f.header, count: f.count })),
        runs,
        scan: summary(both.scan),
        withValues: summary(both.values),
        goalMbPerSecond: 50,
        goalLongestRunMs: 50,
    };
}

/** Runs the preview benchmark; `print` shows its own tables (the standalone run). */
export async function runPreview({ quick = false, print = false } = {}) {
    const csv = await bundleForNode(join(ROOT, "ImportMonitor", "domain", "csv", "index.ts"), "csv");
    const options = OPTIONS(csv);
    const sizes = quick
        ? [["10 KB", 10 * 1024], ["1 MB", MB], ["10 MB", 10 * MB]]
        : [["10 KB", 10 * 1024], ["1 MB", MB], ["10 MB", 10 * MB], ["100 MB", 100 * MB]];
    const previewRuns = 51;

    const results = { node: process.version, date: new Date().toISOString(), preview: [], fullParse: null, scan: null };
    let largest = "";
    for (const [label, chars] of sizes) {
        const content = generate(chars);
        largest = content;
        for (let i = 0; i < 20; i++) csv.previewCsv(content, options); // warm-up
        const ms = time(() => csv.previewCsv(content, options), previewRuns);
        const p = csv.previewCsv(content, options);
        results.preview.push({ label, chars: content.length, medianMs: ms, rows: p.rows.length, findings: p.findings.length, charsParsed: p.charsParsed });
    }
    const smallMs = results.preview[0].medianMs;
    const bigMs = results.preview[results.preview.length - 1].medianMs;
    results.previewRatioLargestToSmallest = bigMs / smallMs;

    // Full parse by papaparse of the largest string, against the full scan of the same string.
    const big = largest;
    const bigMB = big.length / MB;
    const runs = quick ? 3 : 5;
    results.runs = runs;
    const papaMs = time(() => Papa.parse(big, PAPA_CONFIG), runs);
    results.fullParse = { label: sizes[sizes.length - 1][0], chars: big.length, medianMs: papaMs, mbPerSecond: bigMB / (papaMs / 1000) };

    const noStepMs = time(() => slicedParse(big, false), runs);
    const stepMs = time(() => slicedParse(big, true), runs);
    results.slicedParse = { noStepMs, stepMs, noStepMbPerSecond: bigMB / (noStepMs / 1000), stepMbPerSecond: bigMB / (stepMs / 1000) };

    let yields = 0;
    let longestRunMs = 0;
    let runStart = 0;
    const yieldToHost = () => {
        yields++;
        longestRunMs = Math.max(longestRunMs, performance.now() - runStart);
        return new Promise((resolve) =>
            setImmediate(() => {
                runStart = performance.now();
                resolve();
            }),
        );
    };
    const scan = await timeAsync(() => {
        yields = 0;
        longestRunMs = 0;
        runStart = performance.now();
        return csv.scanCsv(big, options, { yieldToHost });
    }, runs);
    results.scan = {
        chars: big.length,
        medianMs: scan.ms,
        mbPerSecond: bigMB / (scan.ms / 1000),
        rowCount: scan.last.rowCount,
        mismatchedRowCount: scan.last.mismatchedRowCount,
        yields,
        longestRunMsLastRun: longestRunMs,
    };
    results.scanToPapaThroughput = results.scan.mbPerSecond / results.fullParse.mbPerSecond;
    results.scanWithValues = await scanWithValues(csv, quick);

    if (print) {
        console.log(`\nPreview (header + 20 rows + checks), median of ${previewRuns} runs`);
        console.table(results.preview.map((r) => ({ size: r.label, chars: r.chars, "median ms": r.medianMs.toFixed(3), "chars parsed": r.charsParsed, rows: r.rows })));
        console.log(`ratio ${results.preview[results.preview.length - 1].label} / 10 KB: ${results.previewRatioLargestToSmallest.toFixed(2)} (goal < 3)`);
        console.log(`\nFull parse, ${results.fullParse.label}, median of ${runs}`);
        console.table([
            { what: "Papa.parse (all rows in memory)", "median ms": papaMs.toFixed(0), "MB/s": results.fullParse.mbPerSecond.toFixed(1) },
            { what: "Parser, 256 Ki slices, no step", "median ms": noStepMs.toFixed(0), "MB/s": results.slicedParse.noStepMbPerSecond.toFixed(1) },
            { what: "Parser, 256 Ki slices, step", "median ms": stepMs.toFixed(0), "MB/s": results.slicedParse.stepMbPerSecond.toFixed(1) },
            { what: "scanCsv (sliced, checks, yields)", "median ms": scan.ms.toFixed(0), "MB/s": results.scan.mbPerSecond.toFixed(1) },
        ]);
        console.log(
            `scan / papaparse throughput: ${results.scanToPapaThroughput.toFixed(2)} (goal >= 1); yields ${yields}, longest run between yields ${longestRunMs.toFixed(1)} ms; rows ${results.scan.rowCount}`,
        );
        const v = results.scanWithValues;
        console.log(`\nFull scan with value checks, ${(v.chars / MB).toFixed(0)} MB, ${v.rows.toLocaleString("en-US")} rows × ${v.columns} columns, median of ${v.runs}`);
        console.table(
            [
                ["scanCsv", v.scan],
                ["scanCsv + value checks (onRow)", v.withValues],
            ].map(([what, r]) => ({
                what,
                "median ms": r.medianMs.toFixed(0),
                "cpu ms": r.cpuMs.toFixed(0),
                "MB/s": r.mbPerSecond.toFixed(1),
                "longest run ms (max / median)": `${r.longestRunMs.toFixed(1)} / ${r.longestRunMsMedian.toFixed(1)}`,
            })),
        );
        console.log(`goals: >= ${v.goalMbPerSecond} MB/s, longest run <= ${v.goalLongestRunMs} ms; findings: ${v.findings.map((f) => `${f.header} ${f.kind} ${f.count}`).join("; ")}`);
    }
    return results;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
    const results = await runPreview({ quick: process.argv.includes("--quick"), print: true });
    writeFileSync(join(BENCH, "results-preview.json"), JSON.stringify(results, null, 2) + "\n");
}
