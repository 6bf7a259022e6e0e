/**
 * The full scan: the row checks of the preview over every row of the content, in slices, handing control back
 * to the host between runs of slices so the page stays responsive, and keeping only counters and the first line
 * numbers (never the rows). Slices are cut where papaparse's own parse of the slice says the last complete row
 * ends (see papa.ts), so a quoted field is never split.
 *
 * Checks that look for something rare (control and replacement characters, a space before a quote, a line break
 * of another kind) first ask one native search over the slice's text whether it may hold one, and look at its
 * rows only when it may: on an ordinary file they cost a few native searches a slice.
 */
import { mayHoldSpaceBeforeQuote, RowValueChecks } from "./checks";
import { compareByPlace, finding, FindingKeys, sortFindings, type Finding, type FindingKey, type FindingPlace } from "./findings";
import type { CsvOptions } from "./options";
import type { ValueCheckSummary } from "./valueChecks";
import { parseSlice } from "./papa";
import { previewWithContext, ROW_FINDING_KEYS } from "./preview";
import { countLineBreaks, firstForeignBreak, hasSuspectChars, lineBreakCounts, lineEndingName, linesSpanned, mayHoldForeignBreak } from "./text";

export interface ScanSettings {
    /** Checked between slices; an AbortSignal will do. */
    signal?: { readonly aborted: boolean };
    /** Share of the content scanned, 0..1; called after each slice and with 1 at the end (not when cancelled). */
    onProgress?: (fraction: number) => void;
    /** Gives the host a turn (rendering, input). Default: a macrotask (setTimeout 0). */
    yieldToHost?: () => Promise<void>;
    /**
     * The longest the scan works without yielding, in ms; 50 by default. It yields when what it has worked, plus
     * a reserve for the next slice (twice the longer of the last two slices, at least a fifth of the budget), reaches
     * this. (A single row longer than a slice is parsed in one go and can exceed it.)
     */
    sliceBudgetMs?: number;
    /** Slice length in characters; DEFAULT_SLICE_CHARS by default. A row longer than that gets a longer slice. */
    sliceChars?: number;
    /** How many problem lines to keep (ScanResult.problems), and line numbers of ragged rows; 100 by default. */
    maxLinesKept?: number;
    /** Clock for the budget; performance.now by default. */
    now?: () => number;
    /**
     * Called with each data row the import would read, in line order: not the header row, not the blank lines it
     * skips, and only rows with the header's field count (a ragged row is the field-count finding's; its cells are
     * not in their columns). `fields` is the parser's array, to be read during the call only (not kept, not
     * changed); `line` is the 1-based line the row starts on. Its time counts in the slices' budget.
     */
    onRow?: (fields: readonly string[], line: number) => void;
}

/** A line (or cell) the scan found a problem on, and the scan finding it belongs to. */
export interface ScanProblem {
    /** 1-based line where the row starts (the header row is 1); see FindingPlace. */
    line: number;
    /** 1-based field number, for a problem in one cell (control or replacement characters, a space before a quote). */
    column?: number;
    /**
     * The key of the finding in ScanResult.findings it is counted in: csv.scan.fieldCount, csv.scan.blankLines,
     * csv.scan.malformedQuotes, csv.quote.unterminated, csv.lineEnding.mixed (its first line only),
     * csv.text.replacementChars, csv.text.controlChars, csv.quote.spaceBefore.
     */
    key: FindingKey;
}

export interface ScanResult {
    /** Data rows (the header and blank lines not counted). */
    rowCount: number;
    /** Field count of the first row, which every row must have; 0 when the file is empty. */
    expectedFieldCount: number;
    mismatchedRowCount: number;
    /** 1-based lines of the first `maxLinesKept` rows with another field count. */
    firstMismatchedLines: number[];
    /** Blank lines between rows (not those that end the file). */
    blankLineCount: number;
    /** Rows with a malformed closing quote. */
    malformedQuoteRowCount: number;
    /** Line of the row whose quoted field is never closed, or null. */
    unterminatedQuoteLine: number | null;
    /**
     * The first `maxLinesKept` problem lines of the rows scanned, of every kind, in line order (on one line the row
     * before its cells, then by column). Kept when the scan is cancelled too: the lines found so far.
     */
    problems: ScanProblem[];
    /** Problems were found beyond those kept in `problems` (after its last one). */
    moreProblems: boolean;
    /**
     * Everything known about the file: the preview's record, header and dialect findings, plus one summary
     * finding per row check over every row (csv.scan.*, csv.quote.unterminated, csv.file.headerOnly,
     * csv.lineEnding.mixed, csv.text.*, csv.quote.spaceBefore). A row check's finding lists its lines among
     * `problems` as its `places`. When cancelled: the preview's findings but those about rows.
     */
    findings: Finding[];
    cancelled: boolean;
    /** Characters of the content scanned (UTF-16 code units: bytes for ASCII). */
    bytesScanned: number;
    /**
     * Every data row's values checked against the target table's columns (valueChecks.ts), when they were: scanCsv
     * leaves it out; the preview session (hooks/previewSession.ts) adds it from the checker it ran as `onRow`.
     */
    values?: ValueCheckSummary;
}

/** How many problem lines a scan keeps by default (ScanSettings.maxLinesKept). */
export const MAX_LINES_KEPT = 100;

/**
 * 64 Ki characters: under a millisecond a slice on the bench (bench/preview.mjs, node 20), so a run between yields
 * ends close to its budget and never far past it. 256 Ki slices (2-3 ms) were no faster overall; 1 or 4 Mi slices
 * were slower, their rows outgrowing the young generation of the garbage collector (4 Mi slices ran at half speed).
 */
export const DEFAULT_SLICE_CHARS = 64 * 1024;

/**
 * The least time kept in reserve before the budget's end, as a share of it: a run stops at about 40 of 50 ms. The
 * slices' own time is predictable; a garbage collection or the thread being descheduled on a busy device is not, and
 * this is the margin for them (bench, 100 MB on a loaded 2-core machine: a tenth of the budget was overrun by 1.6 ms).
 */
const RESERVE_SHARE = 0.2;

function defaultYield(): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, 0));
}

function defaultNow(): number {
    return typeof performance !== "undefined" ? performance.now() : Date.now();
}

/**
 * The `cap` first problems of all those added, whatever the order they come in (blank lines are added when the
 * row after them is seen, a mixed line ending when its slice is): more than needed are kept, and now and then
 * sorted and cut back; one beyond the last kept is dropped at once.
 */
class ProblemKeeper {
    private items: ScanProblem[] = [];
    /** Once cut: the last problem kept; anything after it is dropped. */
    private last: ScanProblem | null = null;
    /** Some problem was dropped. */
    public dropped = false;

    public constructor(private readonly cap: number) {}

    public add(key: FindingKey, line: number, column?: number): void {
        if (this.cap <= 0) {
            this.dropped = true;
            return;
        }
        const problem: ScanProblem = column === undefined ? { line, key } : { line, column, key };
        if (this.last !== null && compareByPlace(problem, this.last) > 0) {
            this.dropped = true;
            return;
        }
        this.items.push(problem);
        if (this.items.length >= 2 * this.cap) this.cut();
    }

    private cut(): void {
        this.items.sort(compareByPlace);
        if (this.items.length > this.cap) {
            this.items.length = this.cap;
            this.dropped = true;
        }
        if (this.items.length === this.cap) this.last = this.items[this.cap - 1];
    }

    public result(): ScanProblem[] {
        this.cut();
        return this.items;
    }
}

/** The places of the problems of one key. */
function placesOf(problems: readonly ScanProblem[], key: FindingKey): FindingPlace[] {
    const places: FindingPlace[] = [];
    for (const p of problems) if (p.key === key) places.push(p.column === undefined ? { line: p.line } : { line: p.line, column: p.column });
    return places;
}

export async function scanCsv(content: string | null | undefined, options: CsvOptions, settings: ScanSettings): Promise<ScanResult> {
    const text = content ?? "";
    const yieldToHost = settings.yieldToHost ?? defaultYield;
    const now = settings.now ?? defaultNow;
    const budget = settings.sliceBudgetMs ?? 50;
    const maxLines = settings.maxLinesKept ?? MAX_LINES_KEPT;
    const baseSlice = Math.max(1, Math.floor(settings.sliceChars ?? DEFAULT_SLICE_CHARS));
    let sliceChars = baseSlice;
    let runStart = now();

    const { preview, dialect, start } = previewWithContext(text, options);
    let rowCount = 0;
    let expected = 0;
    let mismatched = 0;
    const firstMismatchedLines: number[] = [];
    let blankLines = 0;
    let malformedRows = 0;
    let unterminatedLine: number | null = null;
    let cancelled = false;
    let pos = start;
    const keeper = new ProblemKeeper(maxLines);
    const result = (findings: Finding[], problems: ScanProblem[]): ScanResult => ({
        rowCount,
        expectedFieldCount: expected,
        mismatchedRowCount: mismatched,
        firstMismatchedLines,
        blankLineCount: blankLines,
        malformedQuoteRowCount: malformedRows,
        unterminatedQuoteLine: unterminatedLine,
        problems,
        moreProblems: keeper.dropped,
        findings,
        cancelled,
        bytesScanned: pos - start,
    });
    if (dialect === null) {
        settings.onProgress?.(1);
        return result(preview.findings, []);
    }
    const newline = dialect.newline;
    const firstRowHeader = options.firstRowHeader;
    const onRow = settings.onRow;
    const values = new RowValueChecks(dialect.quoteChar, (key, line, column) => keeper.add(key, line, column));

    let line = 1; // line where the next row starts
    let seenFirstRow = false;
    let pendingBlank = 0;
    /** Lines of the pending blank lines, the first maxLines of them. */
    const pendingBlankLines: number[] = [];
    let firstBlankLine = 0;
    let firstMalformedLine = 0;
    let firstMismatchedLine = 0;
    /** The first line break of another kind than the rows' (outside quotes), once found. */
    let mixed: Finding | null = null;
    /** Line where the last row of the slices so far starts. */
    let lastRowLine = 1;
    /** Lone-CR rows: the slice so far ended with a CR, which may be that of a CR LF whose LF starts the next. */
    let crBefore = false;
    let previousSliceMs = 0;

    while (pos < text.length) {
        if (settings.signal?.aborted) {
            cancelled = true;
            break;
        }
        const end = Math.min(text.length, pos + sliceChars);
        const isLast = end === text.length;
        const slice = text.slice(pos, end);
        const sliceStartedAt = now();
        const parsed = parseSlice(slice, dialect, isLast);
        if (parsed.consumed === 0 && !isLast) {
            // One row longer than the slice: read more at once, for this row only. (A single row is parsed in one
            // go, so a row of tens of MB, such as an unterminated quote early in a big file, can exceed the budget.)
            sliceChars *= 2;
            const at = now();
            // The longer parse will take about twice as long as this one did.
            if (at - runStart + 2 * (at - sliceStartedAt) >= budget) {
                await yieldToHost();
                runStart = now();
            }
            continue;
        }
        const rows = parsed.rows;
        const consumedText = parsed.consumed === slice.length ? slice : slice.slice(0, parsed.consumed);
        const counts = lineBreakCounts(consumedText);
        // The LF of a CR LF whose CR ended the slice before was counted with that CR.
        const lfCounted = crBefore && consumedText.charCodeAt(0) === 10;
        const breaks = counts.breaks - (lfCounted ? 1 : 0);
        // Each row but the last of the file ends with one separator; more breaks means quoted line breaks.
        const separators = isLast ? rows.length - 1 : rows.length;
        const simple = breaks === separators;
        const sliceLine = line;
        let spannedUpTo = 0;
        let spannedLine = sliceLine;
        const lineOf = (row: number): number => {
            if (simple) return sliceLine + row;
            for (; spannedUpTo < row; spannedUpTo++) spannedLine += linesSpanned(rows[spannedUpTo]);
            return spannedLine;
        };
        const checkValues = hasSuspectChars(consumedText) || mayHoldSpaceBeforeQuote(consumedText, dialect.delimiter, dialect.quoteChar);
        /** The line of the first line break of another kind, when this slice holds it; its row is found below. */
        let mixedLine = 0;
        let mixedRowLine = lastRowLine;
        if (mixed === null && (lfCounted || mayHoldForeignBreak(counts, newline))) {
            const foreign = firstForeignBreak(consumedText, dialect, crBefore);
            if (foreign !== null) {
                // At 0 after a CR: the CR LF that ended the last row of the slice before.
                mixedLine =
                    foreign.at === 0 && crBefore ? sliceLine - 1 : sliceLine + countLineBreaks(consumedText.slice(0, foreign.at)) - (lfCounted ? 1 : 0);
                mixed = finding("warning", FindingKeys.LineEndingMixed, [mixedLine, foreign.ending, lineEndingName(newline)], { line: mixedLine });
            }
        }

        let errorAt = 0;
        const errors = parsed.errors;
        for (let i = 0; i < rows.length; i++) {
            const row = rows[i];
            if (mixedLine > 0 && lineOf(i) <= mixedLine) mixedRowLine = lineOf(i);
            if (errorAt < errors.length && errors[errorAt].row === i) {
                let malformed = false;
                for (; errorAt < errors.length && errors[errorAt].row === i; errorAt++) {
                    if (errors[errorAt].code === "MissingQuotes") {
                        unterminatedLine = lineOf(i);
                        keeper.add(FindingKeys.UnterminatedQuote, unterminatedLine);
                    } else malformed = true;
                }
                if (malformed) {
                    malformedRows++;
                    if (firstMalformedLine === 0) firstMalformedLine = lineOf(i);
                    keeper.add(FindingKeys.ScanMalformedQuotes, lineOf(i));
                }
            }
            if (!seenFirstRow) {
                seenFirstRow = true;
                expected = row.length;
                if (firstRowHeader) {
                    if (checkValues) values.inspect(row, lineOf(i));
                    continue;
                }
            } else if (row.length === 1 && row[0] === "") {
                if (pendingBlankLines.length < maxLines || (pendingBlank === 0 && firstBlankLine === 0)) pendingBlankLines.push(lineOf(i));
                else keeper.dropped = true;
                pendingBlank++;
                continue;
            }
            if (pendingBlank > 0) {
                blankLines += pendingBlank;
                if (firstBlankLine === 0) firstBlankLine = pendingBlankLines[0];
                for (const blank of pendingBlankLines) keeper.add(FindingKeys.ScanBlankLines, blank);
                pendingBlank = 0;
                pendingBlankLines.length = 0;
            }
            rowCount++;
            if (checkValues) values.inspect(row, lineOf(i));
            if (row.length !== expected) {
                mismatched++;
                if (firstMismatchedLine === 0) firstMismatchedLine = lineOf(i);
                if (firstMismatchedLines.length < maxLines) firstMismatchedLines.push(lineOf(i));
                keeper.add(FindingKeys.ScanFieldCount, lineOf(i));
            } else if (onRow !== undefined) onRow(row, lineOf(i));
        }

        if (mixedLine > 0) keeper.add(FindingKeys.LineEndingMixed, mixedRowLine);
        if (rows.length > 0) lastRowLine = lineOf(rows.length - 1);
        line = sliceLine + breaks;
        pos += parsed.consumed;
        crBefore = newline === "\r" && consumedText.charCodeAt(consumedText.length - 1) === 13;
        sliceChars = baseSlice;
        if (pos < text.length) {
            settings.onProgress?.((pos - start) / (text.length - start));
            // Yield when one more slice like the last ones could go past the budget.
            const at = now();
            const sliceMs = at - sliceStartedAt;
            const reserve = Math.max(2 * Math.max(sliceMs, previousSliceMs), budget * RESERVE_SHARE);
            previousSliceMs = sliceMs;
            if (at - runStart + reserve >= budget) {
                await yieldToHost();
                runStart = now();
            }
        }
    }

    const problems = keeper.result();
    const findings = preview.findings.filter((f) => !ROW_FINDING_KEYS.has(f.key));
    if (!cancelled) {
        const withPlaces = (f: Finding): Finding => {
            const places = placesOf(problems, f.key);
            return places.length > 0 ? { ...f, places } : f;
        };
        if (firstRowHeader && rowCount === 0) findings.push(finding("warning", FindingKeys.HeaderOnly));
        if (unterminatedLine !== null) findings.push(withPlaces(finding("error", FindingKeys.UnterminatedQuote, [unterminatedLine], { line: unterminatedLine })));
        if (malformedRows > 0) {
            findings.push(withPlaces(finding("warning", FindingKeys.ScanMalformedQuotes, [malformedRows, firstMalformedLine], { line: firstMalformedLine })));
        }
        if (mismatched > 0) {
            // The first mismatched line is known even when maxLinesKept is 0.
            findings.push(withPlaces(finding("error", FindingKeys.ScanFieldCount, [mismatched, expected, firstMismatchedLine], { line: firstMismatchedLine })));
        }
        if (blankLines > 0) findings.push(withPlaces(finding("warning", FindingKeys.ScanBlankLines, [blankLines, firstBlankLine], { line: firstBlankLine })));
        if (mixed !== null) findings.push(withPlaces(mixed));
        for (const f of values.findings(false)) findings.push(withPlaces(f));
        settings.onProgress?.(1);
    }
    return result(sortFindings(findings), problems);
}
