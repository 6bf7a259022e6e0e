/**
 * Benchmark of the CSV preview and full scan (ImportMonitor/domain/csv).
 *
 *   node bench/preview.mjs [--quick]
 *
 * esbuild is not installed in this project, so the TypeScript domain is compiled with the TypeScript compiler's
 * transpileModule (one file at a time, CommonJS) into bench/tmp/ (git-ignored) and loaded from there.
 * Prints a table and writes bench/results-preview.json.
 */
import { createRequire } from "node:module";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..");
const require = createRequire(import.meta.url);
const ts = require("typescript");
const Papa = require("papaparse");

const quick = process.argv.includes("--quick");
const srcDir = join(root, "ImportMonitor", "domain", "csv");
const outDir = join(here, "tmp", "csv");
mkdirSync(outDir, { recursive: true });
for (const file of readdirSync(srcDir).filter((f) => f.endsWith(".ts"))) {
    const out = ts.transpileModule(readFileSync(join(srcDir, file), "utf8"), {
        compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, esModuleInterop: true },
        fileName: file,
    });
    writeFileSync(join(outDir, file.replace(/\.ts$/, ".js")), out.outputText);
}
const csv = require(join(outDir, "index.js"));

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

const options = csv.csvOptionsFor({ fielddelimitercode: 2, datadelimitercode: 1, isfirstrowheader: true, filetypecode: 0, headerrow: null });

function median(values) {
    const s = [...values].sort((a, b) => a - b);
    const m = s.length >> 1;
    return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function time(fn, runs) {
    const times = [];
    for (let i = 0; i < runs; i++) {
        const t = performance.now();
        fn();
        times.push(performance.now() - t);
    }
    return median(times);
}

async function timeAsync(fn, runs) {
    const times = [];
    let last;
    for (let i = 0; i < runs; i++) {
        const t = performance.now();
        last = await fn();
        times.push(performance.now() - t);
    }
    return { ms: median(times), last };
}

const MB = 1024 * 1024;
const sizes = quick
    ? [["10 KB", 10 * 1024], ["1 MB", MB], ["10 MB", 10 * MB]]
    : [["10 KB", 10 * 1024], ["1 MB", MB], ["10 MB", 10 * MB], ["100 MB", 100 * MB]];

const results = { node: process.version, date: new Date().toISOString(), preview: [], fullParse: null, scan: null };
let largest = "";
for (const [label, chars] of sizes) {
    const content = generate(chars);
    largest = content;
    for (let i = 0; i < 20; i++) csv.previewCsv(content, options); // warm-up
    const ms = time(() => csv.previewCsv(content, options), 51);
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
const papaMs = time(() => Papa.parse(big, { delimiter: ",", quoteChar: '"', newline: "\r\n" }), runs);
results.fullParse = { label: sizes[sizes.length - 1][0], chars: big.length, medianMs: papaMs, mbPerSecond: bigMB / (papaMs / 1000) };

// papaparse with and without a step callback, over the same 256 Ki slices the scan uses (no checks, no yields).
function slicedParse(withStep) {
    let rows = 0;
    let pos = 0;
    const slice = 256 * 1024;
    while (pos < big.length) {
        const end = Math.min(big.length, pos + slice);
        const config = { delimiter: ",", quoteChar: '"', newline: "\r\n" };
        if (withStep) config.step = () => rows++;
        const r = new Papa.Parser(config).parse(big.slice(pos, end), 0, end < big.length);
        if (!withStep) rows += r.data.length;
        pos += r.meta.cursor;
    }
    return rows;
}
const noStepMs = time(() => slicedParse(false), runs);
const stepMs = time(() => slicedParse(true), runs);
results.slicedParse = { noStepMs, stepMs, noStepMbPerSecond: bigMB / (noStepMs / 1000), stepMbPerSecond: bigMB / (stepMs / 1000) };

let yields = 0;
let longestRunMs = 0;
let runStart = 0;
const yieldToHost = () => {
    yields++;
    longestRunMs = Math.max(longestRunMs, performance.now() - runStart);
    return new Promise((resolve) => setImmediate(() => { runStart = performance.now(); resolve(); }));
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

console.log("\nPreview (header + 20 rows + checks), median of 51 runs");
console.table(results.preview.map((r) => ({ size: r.label, chars: r.chars, "median ms": r.medianMs.toFixed(3), "chars parsed": r.charsParsed, rows: r.rows })));
console.log(`ratio ${results.preview[results.preview.length - 1].label} / 10 KB: ${results.previewRatioLargestToSmallest.toFixed(2)} (goal < 3)`);
console.log(`\nFull parse, ${results.fullParse.label}, median of ${runs}`);
console.table([
    { what: "Papa.parse (all rows in memory)", "median ms": papaMs.toFixed(0), "MB/s": results.fullParse.mbPerSecond.toFixed(1) },
    { what: "Parser, 256 Ki slices, no step", "median ms": noStepMs.toFixed(0), "MB/s": results.slicedParse.noStepMbPerSecond.toFixed(1) },
    { what: "Parser, 256 Ki slices, step", "median ms": stepMs.toFixed(0), "MB/s": results.slicedParse.stepMbPerSecond.toFixed(1) },
    { what: "scanCsv (sliced, checks, yields)", "median ms": scan.ms.toFixed(0), "MB/s": results.scan.mbPerSecond.toFixed(1) },
]);
console.log(`scan / papaparse throughput: ${results.scanToPapaThroughput.toFixed(2)} (goal >= 1); yields ${yields}, longest run between yields ${longestRunMs.toFixed(1)} ms; rows ${results.scan.rowCount}`);
writeFileSync(join(here, "results-preview.json"), JSON.stringify(results, null, 2) + "\n");
