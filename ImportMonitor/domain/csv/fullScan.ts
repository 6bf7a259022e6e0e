/**
 * The full scan: the row checks of the preview over every row of the content, in slices, handing control back
 * to the host between runs of slices so the page stays responsive, and keeping only counters and the first line
 * numbers (never the rows). Slices are cut where papaparse's own parse of the slice says the last complete row
 * ends (see papa.ts), so a quoted field is never split.
 */
import { finding, FindingKeys, sortFindings, type Finding } from "./findings";
import type { CsvOptions } from "./options";
import { parseSlice } from "./papa";
import { previewWithContext, ROW_FINDING_KEYS } from "./preview";
import { countLineBreaks, linesSpanned } from "./text";

export interface ScanSettings {
    /** Checked between slices; an AbortSignal will do. */
    signal?: { readonly aborted: boolean };
    /** Share of the content scanned, 0..1; called after each slice and with 1 at the end (not when cancelled). */
    onProgress?: (fraction: number) => void;
    /** Gives the host a turn (rendering, input). Default: a macrotask (setTimeout 0). */
    yieldToHost?: () => Promise<void>;
    /** The longest the scan works without yielding, in ms; 50 by default. */
    sliceBudgetMs?: number;
    /** Slice length in characters; DEFAULT_SLICE_CHARS by default. A row longer than that gets a longer slice. */
    sliceChars?: number;
    /** How many line numbers of rows with the wrong field count to keep; 100 by default. */
    maxLinesKept?: number;
    /** Clock for the budget; performance.now by default. */
    now?: () => number;
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
     * Everything known about the file: the preview's record, header and dialect findings, plus one summary
     * finding per row check over every row (csv.scan.*, csv.quote.unterminated, csv.file.headerOnly).
     */
    findings: Finding[];
    cancelled: boolean;
    /** Characters of the content scanned (UTF-16 code units: bytes for ASCII). */
    bytesScanned: number;
}

/**
 * 256 Ki characters: measured (bench/preview.mjs, node 20) about 2-3 ms a slice, and faster overall than 1 or
 * 4 Mi slices, whose rows outgrow the young generation of the garbage collector (4 Mi slices ran at half speed).
 */
export const DEFAULT_SLICE_CHARS = 256 * 1024;

function defaultYield(): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, 0));
}

function defaultNow(): number {
    return typeof performance !== "undefined" ? performance.now() : Date.now();
}

export async function scanCsv(content: string | null | undefined, options: CsvOptions, settings: ScanSettings): Promise<ScanResult> {
    const text = content ?? "";
    const yieldToHost = settings.yieldToHost ?? defaultYield;
    const now = settings.now ?? defaultNow;
    const budget = settings.sliceBudgetMs ?? 50;
    const maxLines = settings.maxLinesKept ?? 100;
    const baseSlice = Math.max(1, Math.floor(settings.sliceChars ?? DEFAULT_SLICE_CHARS));
    let sliceChars = baseSlice;

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
    const result = (findings: Finding[]): ScanResult => ({
        rowCount,
        expectedFieldCount: expected,
        mismatchedRowCount: mismatched,
        firstMismatchedLines,
        blankLineCount: blankLines,
        malformedQuoteRowCount: malformedRows,
        unterminatedQuoteLine: unterminatedLine,
        findings,
        cancelled,
        bytesScanned: pos - start,
    });
    if (dialect === null) {
        settings.onProgress?.(1);
        return result(preview.findings);
    }
    const newline = dialect.newline;
    const firstRowHeader = options.firstRowHeader;

    let line = 1; // line where the next row starts
    let seenFirstRow = false;
    let pendingBlank = 0;
    let pendingBlankLine = 0;
    let firstBlankLine = 0;
    let firstMalformedLine = 0;
    let firstMismatchedLine = 0;
    let runStart = now();

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
            if (now() - runStart >= budget) {
                await yieldToHost();
                runStart = now();
            }
            continue;
        }
        const rows = parsed.rows;
        const consumedText = parsed.consumed === slice.length ? slice : slice.slice(0, parsed.consumed);
        const breaks = countLineBreaks(consumedText);
        // Each row but the last of the file ends with one separator; more breaks means quoted line breaks.
        const separators = isLast ? rows.length - 1 : rows.length;
        const simple = breaks === separators;
        const sliceLine = line;
        let spannedUpTo = 0;
        let spannedLine = sliceLine;
        const lineOf = (row: number): number => {
            if (simple) return sliceLine + row;
            for (; spannedUpTo < row; spannedUpTo++) spannedLine += linesSpanned(rows[spannedUpTo], newline);
            return spannedLine;
        };

        let errorAt = 0;
        const errors = parsed.errors;
        for (let i = 0; i < rows.length; i++) {
            const row = rows[i];
            if (errorAt < errors.length && errors[errorAt].row === i) {
                let malformed = false;
                for (; errorAt < errors.length && errors[errorAt].row === i; errorAt++) {
                    if (errors[errorAt].code === "MissingQuotes") unterminatedLine = lineOf(i);
                    else malformed = true;
                }
                if (malformed) {
                    malformedRows++;
                    if (firstMalformedLine === 0) firstMalformedLine = lineOf(i);
                }
            }
            if (!seenFirstRow) {
                seenFirstRow = true;
                expected = row.length;
                if (firstRowHeader) continue;
            } else if (row.length === 1 && row[0] === "") {
                if (pendingBlank === 0 && firstBlankLine === 0) pendingBlankLine = lineOf(i);
                pendingBlank++;
                continue;
            }
            if (pendingBlank > 0) {
                blankLines += pendingBlank;
                if (firstBlankLine === 0) firstBlankLine = pendingBlankLine;
                pendingBlank = 0;
            }
            rowCount++;
            if (row.length !== expected) {
                mismatched++;
                if (firstMismatchedLine === 0) firstMismatchedLine = lineOf(i);
                if (firstMismatchedLines.length < maxLines) firstMismatchedLines.push(lineOf(i));
            }
        }

        line = sliceLine + breaks;
        pos += parsed.consumed;
        sliceChars = baseSlice;
        if (pos < text.length) {
            settings.onProgress?.((pos - start) / (text.length - start));
            // Yield when one more slice like this one would go past the budget.
            const at = now();
            if (at - runStart + (at - sliceStartedAt) >= budget) {
                await yieldToHost();
                runStart = now();
            }
        }
    }

    const findings = preview.findings.filter((f) => !ROW_FINDING_KEYS.has(f.key));
    if (!cancelled) {
        if (firstRowHeader && rowCount === 0) findings.push(finding("warning", FindingKeys.HeaderOnly));
        if (unterminatedLine !== null) findings.push(finding("error", FindingKeys.UnterminatedQuote, [unterminatedLine], { line: unterminatedLine }));
        if (malformedRows > 0) {
            findings.push(finding("warning", FindingKeys.ScanMalformedQuotes, [malformedRows, firstMalformedLine], { line: firstMalformedLine }));
        }
        if (mismatched > 0) {
            // The first mismatched line is known even when maxLinesKept is 0.
            findings.push(finding("error", FindingKeys.ScanFieldCount, [mismatched, expected, firstMismatchedLine], { line: firstMismatchedLine }));
        }
        if (blankLines > 0) findings.push(finding("warning", FindingKeys.ScanBlankLines, [blankLines, firstBlankLine], { line: firstBlankLine }));
        settings.onProgress?.(1);
    }
    return result(sortFindings(findings));
}
