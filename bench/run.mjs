/**
 * `npm run bench`: every benchmark of the control, measured, printed as a table, written to
 * bench/results.json and, as the README's "Performance" section, to bench/README.md.
 *
 *   npm run bench                      # the full run (about 5 minutes on a 2-core machine)
 *   npm run bench -- --quick           # preview up to 10 MB, fewer repetitions; writes bench/tmp/results-quick.json only
 *   npm run bench -- --only=render,traffic     # some sections (bundle, preview, values, render, previewRender, traffic, failureLog);
 *                                              # writes bench/tmp/results-partial.json only
 *   npm run bench -- --report          # no measuring: prints bench/results.json and rewrites bench/README.md from it
 *
 * Everything generated goes to bench/tmp/ (git-ignored). Figures are measured here, never asserted in tests.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { runBundle } from "./bundle.mjs";
import { runPreview } from "./preview.mjs";
import { runValues } from "./values.mjs";
import { runPreviewRender, runRender } from "./render.mjs";
import { bundleForNode } from "./lib/esbuild.mjs";
import { BENCH, ROOT, TMP } from "./lib/paths.mjs";
import { readStrings } from "./lib/resx.mjs";
import { markdownReport, textReport } from "./report.mjs";
import { writeReadme } from "./readme.mjs";

const SECTIONS = ["bundle", "preview", "values", "render", "previewRender", "traffic", "failureLog"];
const args = process.argv.slice(2);
const quick = args.includes("--quick");
const onlyArg = args.find((a) => a.startsWith("--only="));
const only = onlyArg ? onlyArg.slice("--only=".length).split(",").filter(Boolean) : SECTIONS;
for (const name of only) if (!SECTIONS.includes(name)) throw new Error(`Unknown section '${name}'; known: ${SECTIONS.join(", ")}`);
const partial = only.length !== SECTIONS.length;

function git(...gitArgs) {
    try {
        return execFileSync("git", gitArgs, { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    } catch {
        return null;
    }
}

function chromiumVersion() {
    try {
        return /(\d+\.\d+\.\d+\.\d+)/.exec(execFileSync(process.env.CHROMIUM ?? "/usr/bin/chromium", ["--version"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }))?.[1] ?? null;
    } catch {
        return null;
    }
}

/** The node-side sections (TypeScript under bench/node/), bundled with esbuild. */
async function nodeBench() {
    return bundleForNode(join(BENCH, "node", "index.ts"), "node-bench");
}

async function runTraffic() {
    const m = await nodeBench();
    const stepMs = 500;
    /** Clock time watched after following ended: no request may be made in it. */
    const afterEndMs = 10 * 60 * 1000;
    const perTick = [];
    const follow = [];
    for (const files of [1, 10, 100]) {
        const seed = m.buildLargeSeed({ fileCount: files });
        perTick.push({
            files,
            runner: await m.runnerRunAll(seed, stepMs),
            naive: await m.naiveRunAll(seed, stepMs, "backoff"),
            naiveFixed: await m.naiveRunAll(seed, stepMs, "fixed1s"),
        });
        follow.push({ files, runner: await m.runnerFollow(seed, stepMs, { afterEndMs }) });
    }
    const hiddenFiles = 10;
    const hidden = { files: hiddenFiles, runner: await m.runnerFollow(m.buildLargeSeed({ fileCount: hiddenFiles }), stepMs, { afterEndMs, hidden: { fromMs: 2000, toMs: 62000 } }) };
    // The proof: these throw unless every tick made the same 3 reads at 1, 10 and 100 files (runnerFollow itself
    // throws on a request after following ended or while the tab was hidden, and on an action sent).
    m.assertConstantReadsPerTick("Run all", perTick.map((p) => ({ files: p.files, traffic: p.runner })));
    m.assertConstantReadsPerTick("Following the wizard's run", [...follow, hidden].map((p) => ({ files: p.files, traffic: p.runner })));

    const seedRunAll = [];
    for (const step of [stepMs, 5000]) {
        const seed = m.createSeed();
        seedRunAll.push({
            files: seed.importFiles.length,
            stepMs: step,
            runner: await m.runnerRunAll(seed, step),
            naive: await m.naiveRunAll(seed, step, "backoff"),
            naiveFixed: await m.naiveRunAll(seed, step, "fixed1s"),
        });
    }

    // Staleness: the fake's run is 19 steps (parse 4, transform 7, import 8), 15 of which change the files; a
    // step of 31.5 s makes it 598.5 s, about 10 minutes. The 2 s import shows changes faster than the 10 s cap.
    const stalenessFiles = 10;
    const stalenessSeed = m.buildLargeSeed({ fileCount: stalenessFiles });
    const imports = [
        { import: "10 min, a step every 31.5 s", steps: { fixedMs: 31500 } },
        { import: "10 min, steps 15–48 s apart (seeded random)", steps: { minMs: 15000, maxMs: 48000, seed: 11 } },
        { import: "38 s, a step every 2 s", steps: { fixedMs: 2000 } },
    ];
    const stalenessRows = [];
    for (const x of imports) {
        for (const schedule of ["runner", "old"]) stalenessRows.push({ import: x.import, ...(await m.staleness(stalenessSeed, x.steps, schedule)) });
    }
    return {
        method:
            "the real ImportRunner (hooks/importRunner.ts) over createImportService(fake.ports()), its RunnerHost timers and the fake on one virtual clock (bench/node/virtualClock.ts); a tick = one poll timer firing, its reads counted from the fake's request log until the next tick. Run all: clicked once. Following: dv.runInBackground (the wizard's parse → transform → import, outside the control) at clock 0, then runner.check with the list's rows; no action from the control. Naive (bench/node/traffic.ts): the same stage actions, then per tick one retrieveRecord per importfile and one for the asyncoperation (the SDK sample's way), file ids from the subgrid (no request); 'same schedule' polls on the runner's schedule (after anything read changed, a quarter of the time since the previous change, at least 1 s; ×1.5 while nothing does, at most 10 s), 'fixed 1 s' every second.",
        stepMs,
        pollReads: m.POLL_READ_KINDS,
        perTick,
        seedRunAll,
        follow: { stepMs, afterEndMs, rows: follow, hidden },
        staleness: {
            files: stalenessFiles,
            method:
                "the wizard's run (dv.runInBackground) followed from clock 0 (runner.check). Every change the fake makes to a file's processingstatus, statuscode or success/failure/partial/total count is recorded from dv.subscribe with its clock time; its staleness is the clock time until the runner's state (runner.subscribe, state.files) first shows that value or a later one of the same file. Median: the middle value (mean of the middle two); p95: nearest rank. Requests: all of them, the first look included; per minute over the time followed. Poll schedules: 'runner' = the control's (after a change, a quarter of the time since the previous change, at least 1 s; ×1.5 while nothing changes, at most 10 s); 'old' = before issue 11, imposed through the host's setTimeout (1 s when a new job is followed, ×1.5 at every tick up to 10 s, never shortened because counts moved).",
            rows: stalenessRows,
        },
    };
}

async function runFailureLog() {
    const m = await nodeBench();
    return m.failureLog(readStrings(), quick ? 1 : 3);
}

if (args.includes("--report")) {
    const saved = JSON.parse(readFileSync(join(BENCH, "results.json"), "utf8"));
    console.log(textReport(saved));
    writeReadme(markdownReport(saved), saved);
    console.log("\nWrote bench/README.md");
    process.exit(0);
}

const started = performance.now();
const results = {
    date: new Date().toISOString(),
    quick,
    sections: only,
    machine: {
        cpu: os.cpus()[0]?.model ?? "unknown",
        cores: os.cpus().length,
        memoryGb: Math.round(os.totalmem() / 2 ** 30),
        os: `${os.type()} ${os.release()} ${os.arch()}`,
        node: process.version,
        chromium: null,
        loadAverageStart: os.loadavg(),
        loadAverageEnd: null,
    },
    tree: (() => {
        const head = git("rev-parse", "--short", "HEAD");
        const dirty = git("status", "--porcelain");
        return head ? `${head}${dirty ? `, with ${dirty.split("\n").length} uncommitted path(s)` : ""}` : "not a git checkout";
    })(),
};
mkdirSync(TMP, { recursive: true });

const steps = { bundle: runBundle, preview: () => runPreview({ quick }), values: () => runValues({ quick }), render: () => runRender({ quick }), previewRender: () => runPreviewRender({ quick }), traffic: runTraffic, failureLog: runFailureLog };
for (const name of SECTIONS) {
    if (!only.includes(name)) continue;
    const t = performance.now();
    process.stdout.write(`… ${name}`);
    try {
        results[name] = await steps[name]();
        process.stdout.write(` (${((performance.now() - t) / 1000).toFixed(0)} s)\n`);
    } catch (error) {
        // One section failing (e.g. the build, while someone's file does not compile) does not lose the others.
        results.errors = { ...results.errors, [name]: String(error?.stack ?? error) };
        process.stdout.write(` FAILED\n${results.errors[name]}\n`);
    }
}
results.machine.chromium = results.render?.chromium ?? chromiumVersion();
results.machine.loadAverageEnd = os.loadavg();
results.seconds = (performance.now() - started) / 1000;

console.log(`\n${textReport(results)}\n\n${results.seconds.toFixed(0)} s in all.`);
const out = quick ? join(TMP, "results-quick.json") : partial || results.errors ? join(TMP, "results-partial.json") : join(BENCH, "results.json");
writeFileSync(out, JSON.stringify(results, null, 2) + "\n");
console.log(`Wrote ${out.slice(ROOT.length + 1)}`);
if (results.errors) {
    console.error(`\nFailed: ${Object.keys(results.errors).join(", ")} (see above; bench/README.md not rewritten).`);
    process.exitCode = 1;
} else if (!quick && !partial) {
    writeReadme(markdownReport(results), results);
    console.log("Wrote bench/README.md");
}
