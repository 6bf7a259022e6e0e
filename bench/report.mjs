/** Turns bench/results.json into report sections (title, table, notes), printed as text or as Markdown. */
import { fix, int, kb, markdownTable, textTable } from "./lib/table.mjs";

const yesNo = (ok) => (ok ? "yes" : "NO");

function machineLine(m) {
    return `${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB; ${m.os}; node ${m.node}; Chromium ${m.chromium ?? "–"}; load average ${m.loadAverageStart.map((l) => l.toFixed(1)).join(" ")} at start, ${m.loadAverageEnd.map((l) => l.toFixed(1)).join(" ")} at end`;
}

function bundleSection(b) {
    const rows = [
        ["virtual (React, Fluent from the platform)", int(b.virtual.bytes), kb(b.virtual.bytes), int(b.virtual.gzipBytes), kb(b.virtual.gzipBytes)],
        ["standard (bundles React, ReactDOM, Fluent)", int(b.standard.bytes), kb(b.standard.bytes), int(b.standard.gzipBytes), kb(b.standard.gzipBytes)],
        ["standard / virtual", `${fix(b.ratioBytes, 2)}×`, "", `${fix(b.ratioGzip, 2)}×`, ""],
        ...(b.library ? [["CSV library, loaded on demand (ImportMonitorCsv)", int(b.library.bytes), kb(b.library.bytes), int(b.library.gzipBytes), kb(b.library.gzipBytes)]] : []),
    ];
    const over = b.virtual.gzipBytes - (b.budgetGzipBytes ?? 0);
    const top = b.virtualComposition.parts
        .slice(0, 6)
        .map((p) => `${p.part} ${kb(p.bytes)} KB`)
        .join(", ");
    return {
        title: "1. Bundle: production bundle.js",
        headers: ["build", "bytes", "KB", "gzip bytes", "gzip KB"],
        rows,
        notes: [
            `Budget, bundle.js at most ${kb(b.budgetGzipBytes ?? 0)} KB gzip: ${yesNo(b.underBudget)} (${b.virtual.gzipBytes.toLocaleString("en-US")} bytes gzip, ${over > 0 ? `${over.toLocaleString("en-US")} bytes over` : `${(-over).toLocaleString("en-US")} bytes to spare`}).`,
            `What the virtual bundle holds (esbuild estimate, ${kb(b.virtualComposition.totalBytes)} KB): ${top}.`,
            `Method: ${b.method}`,
        ],
    };
}

function previewSection(p) {
    const rows = p.preview.map((r) => [r.label, int(r.chars), fix(r.medianMs, 3), int(r.charsParsed), r.rows]);
    const full = [
        ["Papa.parse, all rows in memory", fix(p.fullParse.medianMs, 0), fix(p.fullParse.mbPerSecond, 1)],
        ["Papa.Parser, 256 Ki slices, no step", fix(p.slicedParse.noStepMs, 0), fix(p.slicedParse.noStepMbPerSecond, 1)],
        ["Papa.Parser, 256 Ki slices, step", fix(p.slicedParse.stepMs, 0), fix(p.slicedParse.stepMbPerSecond, 1)],
        ["scanCsv: sliced, checks, yields", fix(p.scan.medianMs, 0), fix(p.scan.mbPerSecond, 1)],
    ];
    const largest = p.preview[p.preview.length - 1].label;
    return [
        {
            title: "2. CSV preview (header + 20 rows + checks), node, median of 51 runs",
            headers: ["file", "chars", "preview ms", "chars parsed", "rows"],
            rows,
            notes: [`Ratio ${largest} / 10 KB: ${fix(p.previewRatioLargestToSmallest, 2)} (goal < 3).`],
        },
        {
            title: `2b. Full parse of the ${p.fullParse.label} file, node, median of ${p.runs ?? "–"}`,
            headers: ["parser", "ms", "MB/s"],
            rows: full,
            notes: [
                `scanCsv / Papa.parse throughput: ${fix(p.scanToPapaThroughput, 2)} (goal ≥ 1); ${p.scan.yields} yields, longest run between yields ${fix(p.scan.longestRunMsLastRun, 1)} ms; ${int(p.scan.rowCount)} rows.`,
            ],
        },
        ...(p.scanWithValues ? [scanWithValuesSection(p.scanWithValues)] : []),
    ];
}

/** The full scan with the value checks as its row visitor (bench/preview.mjs scanWithValues). */
function scanWithValuesSection(v) {
    const row = (what, r) => [what, fix(r.medianMs, 0), fix(r.cpuMs, 0), fix(r.mbPerSecond, 1), `${fix(r.longestRunMs, 1)} / ${fix(r.longestRunMsMedian, 1)}`];
    const w = v.withValues;
    return {
        title: `2d. Full scan with value checks (issue 14): a ${fix(v.chars / 2 ** 20, 0)} MB file, ${int(v.rows)} rows × ${v.columns} columns of mixed types, node, median of ${v.runs}`,
        headers: ["what", "ms", "CPU ms", "MB/s", "longest run between yields, ms (max / median)"],
        rows: [row("scanCsv", v.scan), row("scanCsv + value checks (onRow)", w)],
        notes: [
            `Goals: ≥ ${v.goalMbPerSecond} MB/s: ${yesNo(w.mbPerSecond >= v.goalMbPerSecond)}; longest run ≤ ${v.goalLongestRunMs} ms: ${yesNo(w.longestRunMs <= v.goalLongestRunMs)} (every run: ${w.longestRunsMs.map((x) => fix(x, 1)).join(", ")}). MB/s on the wall clock; CPU ms = the process's user + system time.`,
            `Findings: ${v.findings.map((f) => `${f.header} ${f.kind} ${int(f.count)}`).join("; ") || "none"}.`,
            `Method: ${v.method}`,
        ],
    };
}

function valuesSection(v) {
    const mb = fix(v.chars / 2 ** 20, 0);
    return {
        title: `2c. Value checks against the target columns (issue 14): a ${mb} MB file, ${int(v.rows)} rows × ${v.columns} columns of mixed types, node, median of ${v.runs}`,
        headers: ["what", "ms", "CPU ms", "MB/s"],
        rows: [
            ["parse: Papa.Parser, 256 Ki slices, step", fix(v.parse.medianMs, 0), fix(v.parse.cpuMs, 0), fix(v.parse.mbPerSecond, 1)],
            ["parse + value checks", fix(v.parseAndCheck.medianMs, 0), fix(v.parseAndCheck.cpuMs, 0), fix(v.parseAndCheck.mbPerSecond, 1)],
            ["value checks alone (rows parsed beforehand)", fix(v.checkOnly.medianMs, 0), fix(v.checkOnly.cpuMs, 0), fix(v.checkOnly.mbPerSecond, 1)],
        ],
        notes: [
            `Goal: value checks at ≥ ${v.goalMbPerSecond} MB/s: ${yesNo(v.checkOnly.mbPerSecond >= v.goalMbPerSecond)} alone (${fix(v.checkOnly.nsPerCell, 1)} ns a cell); with the parse ${yesNo(v.parseAndCheck.mbPerSecond >= v.goalMbPerSecond)}. MB/s on the wall clock; CPU ms = the process's user + system time (below the wall time when the machine is loaded).`,
            `Findings: ${v.findings.map((f) => `${f.header} ${f.kind} ${int(f.count)}`).join("; ") || "none"}.`,
            `Method: ${v.method}`,
        ],
    };
}

function renderSections(r) {
    const mounts = r.sizes.map((s) => [
        s.n,
        s.rowsInDom,
        fix(s.mount.cold.wallMs),
        fix(s.mount.cold.renderMs),
        fix(s.mount.cold.settledMs),
        fix(s.mount.warm.wallMs),
        fix(s.mount.warm.frameMs),
        fix(s.mount.warm.renderMs),
        fix(s.mount.warm.settledMs),
    ]);
    const polls = [];
    const goal = (poll, count) => (poll === "one file changed" ? (count <= 1 ? "met" : "missed") : count === 0 ? "met" : "missed");
    for (const s of r.sizes) {
        const add = (path, poll, timing, counted) =>
            polls.push([
                s.n,
                path,
                poll,
                timing ? fix(timing.wallMs) : "–",
                fix(timing ? timing.renderMs : counted.renderMs),
                timing ? timing.commits : counted.commits,
                `${counted.rowRenders} / ${s.rowsInDom}`,
                counted.progressCellRenders,
                counted.progressCellCalls,
                `${goal(poll, counted.rowRenders)} / ${goal(poll, counted.progressCellRenders)}`,
            ]);
        add("updateView (index.ts)", "nothing changed", s.viaUpdateView.unchanged.timing, s.viaUpdateView.unchanged.counted);
        add("updateView (index.ts)", "one file changed", s.viaUpdateView.oneChanged.timing, s.viaUpdateView.oneChanged.counted);
        add("raw rows, no reuseUnchanged", "nothing changed", s.viaRawRows.unchanged.timing, s.viaRawRows.unchanged.counted);
        add("raw rows, no reuseUnchanged", "one file changed", s.viaRawRows.oneChanged.timing, s.viaRawRows.oneChanged.counted);
        add("raw rows + DatasetState kept while equal", "nothing changed", s.viaStableState.unchanged.timing, s.viaStableState.unchanged.counted);
        add("raw rows + DatasetState kept while equal", "one file changed", s.viaStableState.oneChanged.timing, s.viaStableState.oneChanged.counted);
        if (s.overlay) {
            add("runner poll (status overlay)", "nothing changed", null, s.overlay.unchanged);
            add("runner poll (status overlay)", "one file changed", null, s.overlay.oneChanged);
            add("runner poll (status overlay)", "nothing changed, after", null, s.overlay.unchangedAfter);
        }
    }
    const why = new Map();
    for (const s of r.sizes) {
        for (const m of [s.viaUpdateView.unchanged.counted, s.viaUpdateView.oneChanged.counted, s.overlay?.oneChanged, s.overlay?.unchanged].filter(Boolean)) {
            for (const [k, v] of Object.entries(m.changedProps ?? {})) if (k.startsWith("fileRow.")) why.set(k, (why.get(k) ?? 0) + v);
        }
    }
    const blocked = r.blockedRequests.length ? `Blocked (offline page): ${r.blockedRequests.length} font request(s) Fluent makes by default.` : "No request left the page.";
    return [
        {
            title: `3. Rendering in Chromium ${r.chromium} (headless, ${r.viewport.width}×${r.viewport.height}, control 1200 px wide, React 16.14 profiling build): mount`,
            headers: ["files", "rows in DOM", "cold wall ms", "cold React ms", "cold settled ms", "warm wall ms", "warm to frame ms", "warm React ms", "warm settled ms"],
            rows: mounts,
            notes: [
                `wall = init + updateView + ReactDOM.render (synchronous: render, commit, layout effects); to frame = until the next animation frame; React = React.Profiler actualDuration summed over the commits (render phase); settled = to the last commit before 350 ms without one (Fluent's List renders more pages after mount). Cold = the first mount in a fresh page, median over ${r.coldPages} pages; warm = median of 5 (3 for 1,000; 2 with --quick) mounts after it in the same page.`,
                "The list virtualizes above 50 files (FileList onShouldVirtualize): 'rows in DOM' is what Fluent's List rendered.",
            ],
        },
        {
            title: "3b. Rendering: one poll",
            headers: ["files", "path", "poll", "wall ms", "React ms", "commits", "rows re-rendered / in DOM", "progress cells re-rendered", "FileProgressCell calls", "goal 0 / 1: rows / cells"],
            rows: polls,
            notes: [
                "rows re-rendered = DetailsRow fibers that rendered in the poll's commits; progress cells = FileProgressCell fibers that rendered. Counted with a stand-in React DevTools hook (__REACT_DEVTOOLS_GLOBAL_HOOK__.onCommitFiberRoot): a fiber rendered when it was mounted or has PerformedWork in this commit, walking only subtrees React visited (DevTools' didFiberRender). FileProgressCell calls = calls of the component function inside its React.memo, wrapped by the bench page (a memo bail-out does not call it). Timings are medians of 5 (3 with --quick) polls run without counting; the counts come from one more poll with counting on.",
                "updateView path: the dataset re-read into new record objects with the same (or one changed) values, updateView({ updatedProperties: ['dataset'] }) and the element re-rendered, as the platform does. raw: ImportMonitorApp re-rendered with readRows() output not passed through reuseUnchanged (ImportMonitorApp's own reuseUnchanged still applies). DatasetState kept while equal: the raw path, but the previous DatasetState object passed again while its values are the same (readDatasetState returns a new object and a new sortableColumns array on every read; FileList's columns depend on it) — an alternative, not what the control does. runner poll: Run all clicked, the fake's job held still; the real ImportRunner's tick (2 reads) updates the run state; wall time not applicable, React ms from the Profiler.",
                `Why rows re-rendered (DetailsRow props that changed, summed over the counted polls): ${[...why.entries()].map(([k, v]) => `${k.slice("fileRow.".length)} ${v}`).join(", ") || "none"}. In Fluent 8.121.1 every render of DetailsList re-renders every row it has in the DOM: DetailsRowBase.shouldComponentUpdate returns true unless useReducedRowRenderer is set, and DetailsList gives each row a new id (getId('row') on every render); it also re-adjusts its columns on every props change. A row whose cells did not change re-renders cheaply because FileProgressCell is memoized (progress cells column). ${blocked}`,
            ],
        },
    ];
}

/** Issue 14, part 3: the preview grid's render and the opening of a preview, in Chromium (bench/render/preview.tsx). */
function previewRenderSection(p) {
    const goal = p.goalMs ?? 100;
    const cpu = (m) => m.trace?.cpuMs;
    const grid = p.cases.map((c) => {
        const g = c.grid;
        const shown = Math.max(0, g.dom.headers - 1);
        const main = cpu(g.first);
        return [
            c.label,
            `${int(shown)} / ${int(c.columns)}`,
            int(g.dom.cells),
            fix(g.first.wallMs),
            fix(g.first.frameMs),
            fix(main),
            `${fix(g.first.trace?.longestTaskMs)} (${fix(g.first.trace?.longestTaskCpuMs)})`,
            fix(g.warm.frameMs),
            fix(cpu(g.warm)),
            fix(g.update.frameMs),
            fix(cpu(g.update)),
            main !== undefined && main < goal ? "met" : "missed",
        ];
    });
    const opening = p.cases
        .filter((c) => c.open)
        .map((c) => {
            const o = c.open;
            return [
                c.label,
                int(o.chars),
                fix(o.gridMs, 0),
                fix(o.scanDoneMs, 0),
                `${fix(o.trace?.longestTaskMs ?? o.longestTaskMs, 0)} (${fix(o.trace?.longestTaskCpuMs, 0)})`,
                fix(o.trace?.cpuMs, 0),
                fix(o.longestCommitMs),
                fix(o.reactMs, 0),
                int(o.domChars),
            ];
        });
    const blocked = p.blockedRequests.length ? ` Blocked (offline page): ${p.blockedRequests.length} font request(s) Fluent makes by default.` : "";
    const sections = [
        {
            title: `3c. Preview grid in Chromium ${p.chromium} (issue 14, part 3: rendering never blocks): 20 rows, headless, grid ${p.width} px wide, React 16.14 profiling build`,
            headers: ["file", "columns shown / in file", "cells in DOM", "first: sync ms", "first: to frame ms", "first: main thread ms", "first: longest task ms (CPU)", "warm: to frame ms", "warm: main thread ms", "scan ended: to frame ms", "scan ended: main thread ms", `goal < ${goal} ms`],
            rows: grid,
            notes: [
                `The grid alone (components/PreviewGrid.tsx) over a synthetic preview: headings "Heading N", short values (every fourth column a 35-character one), a quality bar under every heading, two marked places; "a 3 MB field" = one field of 3,145,728 characters in 10 columns. first = its first mount in a fresh page after a 3-column grid (Fluent's styles registered, as when the panel is open), median over ${p.cases[0]?.grid.firstSamples?.length ?? 1} pages; warm = median of re-mounts in the same page; scan ended = the update when the check of every row ends (its findings name other places).`,
                `sync = ReactDOM.render (render, commit, layout effects); to frame = to the next animation frame after it (style, layout, paint); main thread = the renderer main thread's CPU time (thread time) in the tasks between the two marks, from a Chromium trace (RunTask events; console.timeStamp marks), i.e. script, style, layout and paint, without the time the thread waited for a core on a loaded machine. The goal is judged on it. longest task = the longest such task, wall time (its CPU time).`,
            ],
        },
    ];
    if (opening.length) {
        sections.push({
            title: "3d. Opening a preview of such a file in Chromium: the real panel, the CSV library's views and checks, the in-memory Dataverse (no latency)",
            headers: ["file", "characters", "grid shown after ms", "every row checked after ms", "longest task ms (CPU)", "main thread ms in all", "longest React commit ms", "React ms in all", "characters on the page"],
            rows: opening,
            notes: [
                `PreviewPanel opened on a file whose first headings match the contact table's columns; from the render that opens it to the end of the check of every row (+ 300 ms). Median of ${p.cases.find((c) => c.open)?.open.runs ?? 1} fresh pages. longest task = the renderer main thread's longest task (wall, its CPU time), whatever ran in it: the CSV library's parse of the first rows, the checks, the header mapping, the check of every row, or React's renders; longest React commit = React.Profiler actualDuration of the costliest commit (the views' share). A fresh page pays for the panel's first render (Fluent's styles of the panel, stack, progress, callout).${blocked}`,
            ],
        });
    }
    return sections;
}

const seconds = (ms) => fix(ms / 1000, 1);
const perTickCell = (r) => (r.readsPerTick.max === r.readsPerTick.min ? r.readsPerTick.max : `${r.readsPerTick.min}–${r.readsPerTick.max}`);
/** The reads of a poll tick, shortened for the notes: "retrieveMultiple of asyncoperation, importfile, importlog". */
const readKinds = (kinds) => (kinds.every((k) => k.startsWith("retrieveMultiple:")) ? `retrieveMultiple of ${kinds.map((k) => k.slice("retrieveMultiple:".length)).join(", ")}` : kinds.join(", "));

function trafficSection(t) {
    // Results written before issue 11 counted 2 reads a tick (no pollReads).
    const reads = t.pollReads ?? ["retrieveMultiple:importfile", "retrieveMultiple:asyncoperation"];
    const goal = reads.length;
    const rows = t.perTick.map((p) => [
        p.files,
        perTickCell(p.runner),
        p.naive.readsPerTick.max,
        p.runner.ticks,
        p.runner.totalRequests,
        p.naive.totalRequests,
        p.naiveFixed.totalRequests,
        fix(p.naive.totalRequests / p.runner.totalRequests, 1) + "×",
    ]);
    const totals = t.seedRunAll.map((s) => [
        `${s.files} (seed), stage step ${s.stepMs} ms`,
        fix(s.runner.clockMs / 1000, 1),
        s.runner.ticks,
        s.runner.totalRequests,
        s.naive.totalRequests,
        s.naiveFixed.totalRequests,
        Object.entries(s.runner.requests)
            .map(([k, v]) => `${k} ${v}`)
            .join(", "),
    ]);
    const starts = t.perTick[0]?.runner.stageStartTicks;
    const out = [
        {
            title: "4. Web API traffic of Run all (parse → transform → import), fake Dataverse on a virtual clock",
            headers: ["files in progress", "reads / tick (runner)", "reads / tick (naive)", "ticks", "run all requests (runner)", "naive, same schedule", "naive, fixed 1 s", "naive / runner"],
            rows,
            notes: [
                `Goal: reads per tick constant, ${goal} (${readKinds(reads)}) — ${t.perTick.every((p) => p.runner.readsPerTick.max === goal && p.runner.readsPerTick.min === goal) ? "met" : "MISSED"}. Stage step ${t.stepMs} ms (the fake's default: a stage takes 2–4 s); polls after a change at a quarter of the time since the previous change (at least 1 s), ×1.5 while nothing changes, at most 10 s. Requests include the 3 execute calls and the 3 unfinished-job lookups before them (one each per stage), counted in the totals, not in reads per tick.`,
                ...(starts
                    ? [`The ${starts.length} ticks that see a stage's job succeed also start the next stage: ${starts.map((x) => `${seconds(x.at)} s: ${x.requests} requests`).join(", ")} (the tick's ${goal} reads, the unfinished-job lookup, the execute; ${t.perTick[0].files} file).`]
                    : []),
            ],
        },
        {
            title: "4b. Run all of the 3-file seed: total requests",
            headers: ["import", "clock s", "ticks", "runner", "naive, same schedule", "naive, fixed 1 s", "runner requests"],
            rows: totals,
            notes: [`Method: ${t.method}`],
        },
    ];
    if (t.follow) out.push(followSection(t.follow, reads));
    if (t.staleness) out.push(stalenessSection(t.staleness));
    return out;
}

function followSection(f, reads) {
    const row = (r, tab) => [
        r.files,
        tab,
        perTickCell(r.runner),
        r.runner.ticks,
        r.runner.checkRequests,
        r.runner.totalRequests,
        seconds(r.runner.runEndMs),
        seconds(r.runner.followEndMs),
        r.runner.afterEnd.requests,
        r.runner.hidden ? r.runner.hidden.requests : "–",
        r.runner.stagesCompleted.join(", "),
    ];
    const rows = [...f.rows.map((r) => row(r, "visible")), row(f.hidden, `hidden ${seconds(f.hidden.runner.hidden.fromMs)}–${seconds(f.hidden.runner.hidden.toMs)} s`)];
    const all = [...f.rows, f.hidden];
    const same = all.every((r) => r.runner.readsPerTick.min === reads.length && r.runner.readsPerTick.max === reads.length);
    const quiet = all.every((r) => r.runner.afterEnd.requests === 0) && f.hidden.runner.hidden.requests === 0;
    return {
        title: `4c. Following a run started elsewhere (the wizard: dv.runInBackground at 0 s, then runner.check; no action from the control), stage step ${f.stepMs} ms`,
        headers: ["files", "tab", "reads / tick", "ticks", "first look (check) requests", "total requests", "run ended s", "following ended s", `requests in the ${fix(f.afterEndMs / 60000, 0)} min after`, "requests while hidden", "stages seen ending"],
        rows,
        notes: [
            `Goal: reads per tick the same at ${f.rows.map((r) => r.files).join(", ")} files, ${reads.length} (${readKinds(reads)}) — ${same ? "met" : "MISSED"}; 0 requests after following ended and while the tab is hidden — ${quiet ? "met" : "MISSED"}. The bench throws when either fails. total = the first look + every tick; no execute.`,
            `Following ends after the ticks that find nothing in progress (IDLE_TICKS_TO_END): run ended → following ended. Hidden: the tab hidden (visibilitychange) and shown again, as in the table; the first tick after showing reads at once.${
                f.hidden.runner.stagesCompleted.length < 3
                    ? ` The run ended while hidden: that tick found the job followed (${f.hidden.runner.stagesCompleted.join(", ") || "none"}) done and nothing after it in progress, so the stages that ran while hidden are not in 'stages seen ending'.`
                    : ""
            }`,
        ],
    };
}

function stalenessSection(s) {
    const rows = s.rows.map((r) => [
        r.import,
        r.schedule === "runner" ? "runner (a quarter of the pace after a change)" : "old (never reset on a change)",
        fix(r.runMs / 1000, 1),
        `${r.changes} (${r.moments})`,
        fix(r.medianMs / 1000, 2),
        fix(r.p95Ms / 1000, 2),
        fix(r.maxMs / 1000, 2),
        r.unseen,
        r.totalRequests,
        fix(r.requestsPerMinute, 1),
        r.ticks,
    ]);
    const main = s.rows.find((r) => r.schedule === "runner");
    const old = s.rows.find((r) => r.schedule === "old" && r.import === main?.import);
    return {
        title: `4d. Staleness: clock time from a change in the fake (a file's status or counts) to the runner's state, ${s.files} files, the wizard's run followed`,
        headers: ["import (fake's step)", "poll schedule", "run s", "changes (moments)", "median s", "p95 s", "max s", "never shown", "requests", "requests / min", "ticks"],
        rows,
        notes: [
            main && old
                ? `${main.import}: median ${fix(main.medianMs / 1000, 1)} s, p95 ${fix(main.p95Ms / 1000, 1)} s for ${main.totalRequests} requests (${fix(main.requestsPerMinute, 0)} a minute); the old schedule: median ${fix(old.medianMs / 1000, 1)} s, p95 ${fix(old.p95Ms / 1000, 1)} s for ${old.totalRequests} (${fix(old.requestsPerMinute, 0)} a minute). Changes never shown: ${s.rows.every((r) => r.unseen === 0) ? "none" : "SOME (see the table)"}.`
                : "",
            `changes = (file, new value) pairs; moments = distinct clock times of them. The fake moves every file at once, at ${[...new Set(s.rows.map((r) => r.moments))].join(" or ")} moments of a run (of its 19 steps, parse's 2nd and each stage's job success change no file), so a run has that many distinct staleness values and p95 is about the largest of them.`,
            `Method: ${s.method}`,
        ].filter(Boolean),
    };
}

function failureSection(f) {
    return {
        title: `5. Failure log of ${int(f.logRows)} importlog rows, node, in-memory fake (no network), median of ${f.runs}`,
        headers: ["step", "ms", "detail"],
        rows: [
            ["first page (readLogPage)", fix(f.firstPage.medianMs), `${f.firstPage.rows} rows`],
            ["all pages, as useImportLog loads them", fix(f.allPages.medianMs, 0), `${f.allPages.pages} pages of ${f.pageSize}, ${int(f.allPages.rows)} rows`],
            ["  of which the fake's own query work", fix(f.fakeOnly.medianMs, 0), "same queries straight on the fake's webApi port"],
            ["export all (failureLogCsv)", fix(f.exportCsv.medianMs), `${kb(f.exportCsv.bytes)} KB of CSV`],
            ...(f.failedRows
                ? [
                      [
                          `export ${int(f.failedRows.failures)} failed source rows (exportFailedRows)`,
                          fix(f.failedRows.medianMs, 0),
                          `of a ${fix(f.failedRows.fileBytes / 2 ** 20, 0)} MB file of ${int(f.failedRows.fileRows)} rows, ${kb(f.failedRows.bytes)} KB of CSV`,
                      ],
                      ["  longest step without yielding", fix(f.failedRows.longestStepMs), `worst of the runs; budget ${f.failedRows.budgetMs} ms`],
                  ]
                : []),
        ],
        notes: [
            "In node, not in the browser: data and export cost only (no panel rendering). On a real org add one Web API round trip per page (the pages load one after another).",
            ...(f.failedRows ? [`exportFailedRows walks the file in 256 KB slices up to the last failed line (papaparse, as the full check), yielding with setTimeout 0 whenever one more slice would pass ${f.failedRows.budgetMs} ms; its total includes those yields. A step is wall-clock time: on a loaded machine it includes time the process was not running.`] : []),
        ],
    };
}

/** Every section of the report, in order. */
export function sections(results) {
    const out = [];
    if (results.bundle) out.push(bundleSection(results.bundle));
    if (results.preview) out.push(...previewSection(results.preview));
    if (results.values) out.push(valuesSection(results.values));
    if (results.render) out.push(...renderSections(results.render));
    if (results.previewRender) out.push(...previewRenderSection(results.previewRender));
    if (results.traffic) out.push(...trafficSection(results.traffic));
    if (results.failureLog) out.push(failureSection(results.failureLog));
    return out;
}

export function textReport(results) {
    const parts = [`ImportMonitor benchmarks${results.quick ? " (--quick)" : ""}, ${results.date}`, `Machine: ${machineLine(results.machine)}`, `Tree: ${results.tree}`];
    for (const s of sections(results)) {
        parts.push("", s.title, textTable(s.headers, s.rows), ...s.notes.map((n) => `  ${n}`));
    }
    return parts.join("\n");
}

export function markdownReport(results) {
    const parts = [];
    for (const s of sections(results)) {
        parts.push(`**${s.title}**`, "", markdownTable(s.headers, s.rows), "", ...s.notes.map((n) => `- ${n}`), "");
    }
    return { machine: machineLine(results.machine), body: parts.join("\n") };
}
