/** Writes bench/README.md: the "Performance" section for the project README, from the latest full run. */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { BENCH } from "./lib/paths.mjs";
import { fix, kb } from "./lib/table.mjs";

function headline(results) {
    const lines = [];
    const b = results.bundle;
    if (b) {
        lines.push(
            `- **Bundle**: the virtual control's production \`bundle.js\` is ${kb(b.virtual.bytes)} KB (${kb(b.virtual.gzipBytes)} KB gzip), ${fix(b.ratioBytes, 1)}× smaller than the same sources built as a standard control that bundles React and Fluent (${kb(b.standard.bytes)} KB). Budget ≤ ${kb(b.budgetGzipBytes ?? 0)} KB gzip: ${b.underBudget ? "met" : `**missed** by ${(b.virtual.gzipBytes - (b.budgetGzipBytes ?? 0)).toLocaleString("en-US")} bytes`}.${b.library ? ` The CSV library it loads on demand (papaparse, preview, checks, decoding, CSV export) is ${kb(b.library.bytes)} KB (${kb(b.library.gzipBytes)} KB gzip).` : ""}`,
        );
    }
    const p = results.preview;
    if (p) {
        const last = p.preview[p.preview.length - 1];
        lines.push(
            `- **Preview**: ${fix(p.preview[0].medianMs, 2)} ms for 10 KB, ${fix(last.medianMs, 2)} ms for ${last.label} (ratio ${fix(p.previewRatioLargestToSmallest, 2)}, goal < 3); the full scan runs at ${fix(p.scan.mbPerSecond, 0)} MB/s against Papa.parse's ${fix(p.fullParse.mbPerSecond, 0)} MB/s.`,
        );
    }
    const v = results.values;
    if (v) {
        lines.push(
            `- **Value checks** (issue 14): ${fix(v.checkOnly.mbPerSecond, 0)} MB/s alone over a ${fix(v.chars / 2 ** 20, 0)} MB file of ${v.columns} mixed-type columns (goal ≥ ${v.goalMbPerSecond} MB/s), ${fix(v.parseAndCheck.mbPerSecond, 0)} MB/s with papaparse's parse (${fix(v.parse.mbPerSecond, 0)} MB/s for the parse alone).`,
        );
    }
    const r = results.render;
    if (r) {
        const big = r.sizes[r.sizes.length - 1];
        const cellsOk = r.sizes.every((s) => s.viaUpdateView.unchanged.counted.progressCellRenders === 0 && s.viaUpdateView.oneChanged.counted.progressCellRenders === 1);
        lines.push(
            `- **Rendering** (Chromium ${r.chromium}): ${big.n.toLocaleString("en-US")} files (${big.rowsInDom} rows in the DOM: the list virtualizes) mount in ${fix(big.mount.warm.wallMs, 0)} ms warm (${fix(big.mount.cold.wallMs, 0)} ms cold); a status update of one file re-renders in ${fix(big.viaUpdateView.oneChanged.timing.wallMs, 0)} ms. Rows re-rendered through updateView: ${r.sizes.map((s) => `${s.viaUpdateView.unchanged.counted.rowRenders} / ${s.viaUpdateView.oneChanged.counted.rowRenders}`).join(", ")} (unchanged poll / one file changed, for ${r.sizes.map((s) => s.n).join(", ")} files; goal 0 / 1); through the run's own poll: ${r.sizes.map((s) => `${s.overlay.unchanged.rowRenders} / ${s.overlay.oneChanged.rowRenders}`).join(", ")}. Progress cells: ${cellsOk ? "only the changed file's (0 / 1)" : "beyond the changed file"} (see 3b).`,
        );
    }
    const pr = results.previewRender;
    if (pr) {
        const goal = pr.goalMs ?? 100;
        const main = pr.cases.map((c) => c.grid.first.trace?.cpuMs);
        const open = pr.cases.filter((c) => c.open);
        lines.push(
            `- **Preview rendering** (issue 14, Chromium): the preview grid's first render takes ${main.map((m) => fix(m, 0)).join(" / ")} ms of main-thread time for ${pr.cases.map((c) => c.label).join(" / ")} (goal < ${goal} ms: ${main.every((m) => m !== undefined && m < goal) ? "met" : "**missed**"}); it shows the first ${Math.max(...pr.cases.map((c) => c.grid.dom.headers - 1))} columns and the first characters of a long value.${
                open.length ? ` Opening such a preview, to the end of the check of every row: longest main-thread task ${open.map((c) => fix(c.open.trace?.longestTaskMs ?? c.open.longestTaskMs, 0)).join(" / ")} ms, longest React commit ${open.map((c) => fix(c.open.longestCommitMs, 0)).join(" / ")} ms (see 3d).` : ""
            }`,
        );
    }
    const t = results.traffic;
    if (t) {
        const hundred = t.perTick.find((x) => x.files === 100);
        const goal = t.pollReads?.length ?? 2;
        const constant = (rows) => rows.every((x) => x.runner.readsPerTick.min === goal && x.runner.readsPerTick.max === goal);
        lines.push(
            `- **Web API**: ${constant(t.perTick) ? goal : `not always ${goal}`} reads per poll tick whatever the number of files${t.pollReads ? ` (the import's jobs, its files, its importlog counts)` : ""}; with 100 files a Run all costs ${hundred?.runner.totalRequests} requests against ${hundred?.naive.totalRequests} for per-record polling.${
                t.follow
                    ? ` Following a run started elsewhere: ${constant(t.follow.rows) ? goal : "not always " + goal} reads per tick at ${t.follow.rows.map((x) => x.files).join(", ")} files, ${t.follow.rows.every((x) => x.runner.afterEnd.requests === 0) && t.follow.hidden.runner.hidden.requests === 0 ? "none" : "**some**"} in the ${fix(t.follow.afterEndMs / 60000, 0)} minutes after it ended or while the tab is hidden.`
                    : ""
            }`,
        );
        const s = t.staleness?.rows.find((x) => x.schedule === "runner");
        const old = t.staleness?.rows.find((x) => x.schedule === "old" && x.import === s?.import);
        if (s) {
            lines.push(
                `- **Staleness** (the wizard's ${fix(s.runMs / 60000, 1)}-minute import of ${s.files} files, followed live): a change to a file's status or counts shows after ${fix(s.medianMs / 1000, 1)} s median, ${fix(s.p95Ms / 1000, 1)} s p95 (max ${fix(s.maxMs / 1000, 1)} s), for ${s.totalRequests} requests, ${fix(s.requestsPerMinute, 0)} a minute${old ? `; the old never-reset back-off: ${fix(old.medianMs / 1000, 1)} s / ${fix(old.p95Ms / 1000, 1)} s for ${old.totalRequests} requests` : ""} (see 4d).`,
            );
        }
    }
    const f = results.failureLog;
    if (f) {
        lines.push(`- **Failure log**: first page of ${f.logRows.toLocaleString("en-US")} rows in ${fix(f.firstPage.medianMs, 0)} ms, all ${f.allPages.pages} pages in ${fix(f.allPages.medianMs, 0)} ms${f.fakeOnly.medianMs >= f.allPages.medianMs / 2 ? " (mostly the fake's own query work)" : ""}, CSV export in ${fix(f.exportCsv.medianMs, 0)} ms${f.failedRows ? `; ${f.failedRows.failures.toLocaleString("en-US")} failed source rows out of a ${fix(f.failedRows.fileBytes / 2 ** 20, 0)} MB file in ${fix(f.failedRows.medianMs, 0)} ms, never more than ${fix(f.failedRows.longestStepMs, 0)} ms without yielding` : ""} (in-memory, node).`);
    }
    return lines.join("\n");
}

export function writeReadme({ machine, body }, results) {
    const text = `## Performance

Measured by \`npm run bench\` (bench/run.mjs): it prints these tables and writes \`bench/results.json\`.
The figures are measurements on one machine, not guarantees: no test asserts a timing.

${headline(results)}

Machine: ${machine}. Tree: ${results.tree}. ${results.date.slice(0, 10)}, ${fix(results.seconds, 0)} s.

${body}
### Re-run

\`\`\`bash
npm ci
npm run bench                   # everything, about 5 minutes on 2 cores; writes bench/results.json and bench/README.md
npm run bench -- --quick        # preview up to 10 MB and fewer repetitions (bench/tmp/results-quick.json)
npm run bench -- --only=render,traffic   # some sections: bundle, preview, values, render, previewRender, traffic, failureLog
node bench/preview.mjs          # the preview benchmark alone (bench/results-preview.json)
node bench/values.mjs           # the value-check benchmark alone (prints its table)
\`\`\`

Needs Debian's Chromium at \`/usr/bin/chromium\` (or \`CHROMIUM=/path\`) for the rendering section; nothing is
downloaded. The bundle section builds the control twice with \`pcf-scripts build --buildMode production\` in
copies under \`bench/tmp/\` (out/ is left alone). Timings vary with load: the load average is printed with
the machine.
`;
    writeFileSync(join(BENCH, "README.md"), text);
}
