/**
 * "Export failed rows" as rows a maker can correct and import again (issue 13): the file's own header row, then
 * the source record of every row that failed, in file order and exactly as in the file (quoted line breaks, quotes
 * and delimiters included), each followed by the file's delimiter and one extra last field holding every error of
 * that row ("Parse: …: … (…) | Transform: …"). The platform's "Export Error Rows" habit, plus the reasons.
 *
 * How a failure finds its row: importlog.linenumber is a file line (1-based, the header is line 1), counted like the
 * checks count them (text.ts: CR LF, lone LF and lone CR are one line break each; a quoted line break is a line). A
 * failure belongs to the record that STARTS on its line. The content is walked in slices exactly as the full scan
 * walks it (fullScan.ts: papaparse's own parse of each slice says where the last complete row ends, so a quoted field
 * is never cut; the same line arithmetic), handing control back to the host between slices, and only up to the last
 * failed line.
 *
 * Decisions:
 * - The source records are written unchanged, formula-like values included ("=…", "+1 425…", "-…"): they are the
 *   maker's own data, from the maker's own file, and a leading `'` would be imported as part of the value on a
 *   re-import (a phone number "+1 425 555 0190" would become "'+1 425 555 0190"). Only the added errors field is
 *   neutralised, with failureExport.ts's rule (FORMULA_START below: a leading =, +, @, tab, CR, or - not followed by a
 *   plain number gets a `'`).
 * - The errors field is quoted by papaparse's unparse with the file's own delimiter and quote character, so the
 *   output reads back with the file's settings. With data delimiter None nothing can be quoted: the delimiter and line
 *   breaks in the errors become spaces (and a formula-like start gets the `'` by hand).
 * - A header-less file gets no header line: with "first row is header" off, a re-import would import it as data.
 *   With a header row the header is written as in the file, with `labels.errorsHeading` as the added column's heading.
 * - Every line ends with CR LF (the failure-log export's newline), the last one included; line breaks inside quoted
 *   fields of a source record stay as they are in the file. No byte order mark: components/download.ts adds it when it
 *   saves the text (as for the failure-log export); a second one would end up in the first heading.
 * - A row's errors come in phase order (Parse, Transform, Import), then in the order given; exact repeats once.
 *   A row is marked partly failed (`labels.partialPrefix` first) when every failure on it is `partial` (the caller
 *   knows: the importlog does not say; the file's partialfailurecount counts them).
 * - Failures that match no row are skipped and counted in `skipped`: no line number (nothing to match), line 1 of a
 *   file with a header row (the header is written anyway), a blank line, a line inside a record that starts earlier
 *   (a quoted line break), a line beyond the end of the file; and every failure when the content can't be read as
 *   CSV (not a CSV file type, empty).
 */
import Papa from "papaparse";
import { errorCodeText, type FailureRow } from "../failureRow";
import { FileTypeCode, type CsvOptions } from "./options";
import { parseSlice, type Dialect } from "./papa";
import { contentStart, countLineBreaks, detectNewline, isBlankContent, linesSpanned } from "./text";

/** An importlog row as ImportService reads it (ImportLogRow fits), and whether its row failed only partly. */
export interface FailedRowInput extends FailureRow {
    additionalInfo: string;
    /** The row was imported without some of its values (e.g. a lookup not found): it is marked, not left out. */
    partial?: boolean;
}

/** The words of the export, in the user's language. */
export interface FailedRowsLabels {
    /** Heading of the added errors column (files with a header row only). */
    errorsHeading: string;
    /** importlog.logphasecode → its name: 0 Parse, 1 Transform, 2 Import (create), 3 Import (update). */
    phaseName: (phase: number | null) => string;
    /** Put before the errors of a row whose every failure is partial, e.g. "Partly failed: ". */
    partialPrefix: string;
}

export interface FailedRowsSettings {
    /** false: the source rows only, without the errors column (the failed rows as they are, to import again). */
    errorsColumn?: boolean;
    /** Checked between slices; an AbortSignal will do. */
    signal?: { readonly aborted: boolean };
    /** Share of the content walked, 0..1; called after each slice and with 1 at the end (not when cancelled). */
    onProgress?: (fraction: number) => void;
    /** Gives the host a turn (rendering, input). Default: a macrotask (setTimeout 0). */
    yieldToHost?: () => Promise<void>;
    /**
     * The longest the export means to work without yielding, in ms; DEFAULT_BUDGET_MS by default. It yields when one
     * more slice like the last would pass it, so a slower slice (a garbage collection) can go a little over.
     */
    sliceBudgetMs?: number;
    /** Slice length in characters; DEFAULT_SLICE_CHARS (fullScan.ts) by default. */
    sliceChars?: number;
    /** Clock for the budget and `longestStepMs`; performance.now by default. */
    now?: () => number;
}

export interface FailedRowsResult {
    /**
     * The CSV text: CR LF after every line, no byte order mark. With a header row it holds at least the header line;
     * "" when cancelled, or when there is nothing to write (no header row and no failed row found).
     */
    csv: string;
    /** Source rows written: one per failed row found, whatever the number of its failures. */
    rows: number;
    /** Failures (not rows) that match no row of the file and are left out (see the module comment). */
    skipped: number;
    /** The longest the export ran without handing control back to the host, in ms of `now`. */
    longestStepMs: number;
    /** The signal was aborted: `csv` is empty, the counts are those reached. */
    cancelled: boolean;
}

/** As failureExport.ts: starts like a spreadsheet formula; a plain negative number ("-40") is data, not a formula. */
const FORMULA_START = /^[=+@\t\r]|^-(?!\d+(\.\d+)?$)/;

/**
 * 40 ms: a task over 50 ms is a long task (the browser's threshold for an unresponsive page); 40 leaves room for one
 * slice slower than the one before it (measured in node 20: about 1 ms a 256 KB slice, single slices up to 13 ms with
 * a garbage collection on a loaded machine).
 */
export const DEFAULT_BUDGET_MS = 40;

/** 256 Ki characters, as the full scan (fullScan.ts DEFAULT_SLICE_CHARS, measured there). */
const SLICE_CHARS = 256 * 1024;

/** Rows written between two looks at the clock inside a slice (a slice of short rows may hold thousands of failures). */
const ROWS_PER_CLOCK_CHECK = 64;

function defaultYield(): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, 0));
}

function defaultNow(): number {
    return typeof performance !== "undefined" ? performance.now() : Date.now();
}

/** One field holding `text`, quoted as the file quotes (see the module comment for data delimiter None). */
function fieldWriter(options: CsvOptions): (text: string) => string {
    const delimiter = options.delimiter;
    if (options.quoteChar === null) {
        return (text) => {
            const flat = text.split(delimiter).join(" ").replace(/\r\n|[\r\n]/g, " ");
            return FORMULA_START.test(flat) ? `'${flat}` : flat;
        };
    }
    const config: Papa.UnparseConfig = { delimiter, quoteChar: options.quoteChar, newline: "\r\n", quotes: false, escapeFormulae: FORMULA_START };
    return (text) => Papa.unparse([[text]], config);
}

function phaseOrder(phase: number | null): number {
    return phase ?? Number.MAX_SAFE_INTEGER;
}

/** Every error of one row, in phase order: "<phase>: <column>: <message> (<detail>)", joined with " | ". */
export function rowErrorsText(failures: readonly FailedRowInput[], labels: Pick<FailedRowsLabels, "phaseName" | "partialPrefix">): string {
    const ordered = failures.length > 1 ? [...failures].sort((a, b) => phaseOrder(a.phase) - phaseOrder(b.phase)) : failures;
    const parts = new Set<string>();
    for (const f of ordered) {
        let part = `${labels.phaseName(f.phase)}: `;
        if (f.headerColumn.trim() !== "") part += `${f.headerColumn}: `;
        part += f.errorDescription || errorCodeText(f.errorNumber);
        if (f.additionalInfo.trim() !== "") part += ` (${f.additionalInfo})`;
        parts.add(part);
    }
    const text = [...parts].join(" | ");
    return failures.length > 0 && failures.every((f) => f.partial === true) ? labels.partialPrefix + text : text;
}

/** Finds the physical line breaks of one string in order, each native search run at most once over it. */
function breakFinder(text: string): (from: number) => { start: number; end: number } | null {
    const none = text.length;
    let lf = -1;
    let cr = -1;
    return (from) => {
        if (lf < from) {
            lf = text.indexOf("\n", from);
            if (lf === -1) lf = none;
        }
        if (cr < from) {
            cr = text.indexOf("\r", from);
            if (cr === -1) cr = none;
        }
        const at = Math.min(lf, cr);
        if (at >= none) return null;
        // CR LF is one break.
        return { start: at, end: at === cr && lf === cr + 1 ? at + 2 : at + 1 };
    };
}

/**
 * The export. `failures`: one file's importlog rows (any order); `content`: that file's stored content and `options`
 * its csvOptionsFor. Resolves with the CSV text and what went where; never rejects for the content's sake.
 */
export async function exportFailedRows(
    content: string | null | undefined,
    options: CsvOptions,
    failures: readonly FailedRowInput[],
    labels: FailedRowsLabels,
    settings: FailedRowsSettings = {},
): Promise<FailedRowsResult> {
    const text = content ?? "";
    const yieldToHost = settings.yieldToHost ?? defaultYield;
    const now = settings.now ?? defaultNow;
    const budget = settings.sliceBudgetMs ?? DEFAULT_BUDGET_MS;
    const baseSlice = Math.max(1, Math.floor(settings.sliceChars ?? SLICE_CHARS));
    const withErrors = settings.errorsColumn ?? true;

    let runStart = now();
    let longest = 0;
    let rows = 0;
    let skipped = 0;
    const pause = async (): Promise<void> => {
        longest = Math.max(longest, now() - runStart);
        await yieldToHost();
        runStart = now();
    };
    const finish = (csv: string, cancelled: boolean): FailedRowsResult => {
        longest = Math.max(longest, now() - runStart);
        return { csv, rows, skipped, longestStepMs: longest, cancelled };
    };

    if (options.fileType !== FileTypeCode.Csv || isBlankContent(text)) {
        skipped = failures.length;
        settings.onProgress?.(1);
        return finish("", false);
    }

    // The failures of each line; the lines in file order.
    const byLine = new Map<number, FailedRowInput[]>();
    for (const f of failures) {
        const n = f.lineNumber;
        if (n === null || !Number.isInteger(n) || n < 1) {
            skipped++;
            continue;
        }
        const list = byLine.get(n);
        if (list) list.push(f);
        else byLine.set(n, [f]);
    }
    const lines = [...byLine.keys()].sort((a, b) => a - b);
    const skipLine = (n: number): void => {
        skipped += byLine.get(n)!.length;
    };

    const start = contentStart(text);
    const dialect: Dialect = { delimiter: options.delimiter, quoteChar: options.quoteChar, newline: detectNewline(text, start, options.quoteChar) };
    const field = fieldWriter(options);
    const suffix = (errors: string): string => (withErrors ? options.delimiter + field(errors) : "");
    const out: string[] = [];

    let wantHeader = options.firstRowHeader;
    let next = 0; // index into `lines` of the next failed line to find
    let pos = start;
    let line = 1; // line where the slice at `pos` starts
    let sliceChars = baseSlice;
    let written = 0;

    while (pos < text.length && (wantHeader || next < lines.length)) {
        if (settings.signal?.aborted) return finish("", true);
        const end = Math.min(text.length, pos + sliceChars);
        const isLast = end === text.length;
        const slice = text.slice(pos, end);
        const sliceStartedAt = now();
        const parsed = parseSlice(slice, dialect, isLast);
        if (parsed.consumed === 0 && !isLast) {
            // One row longer than the slice: read more at once, for this row only (as the full scan does).
            sliceChars *= 2;
            if (now() - runStart >= budget) await pause();
            continue;
        }
        const records = parsed.rows;
        const consumed = parsed.consumed === slice.length ? slice : slice.slice(0, parsed.consumed);
        const breaks = countLineBreaks(consumed);
        const endLine = line + breaks; // where the next slice starts
        // Rows of this slice start before endLine; the last slice's final row (no line break after it) on endLine.
        const limit = isLast ? endLine + 1 : endLine;
        // Each row but the last of the file ends with one separator; more breaks means quoted line breaks.
        const simple = breaks === (isLast ? records.length - 1 : records.length);
        const nextBreak = breakFinder(consumed);

        let at = 0;
        let rowLine = line;
        for (const fields of records) {
            // Failed lines passed over lie inside the previous record (quoted line breaks): no row starts there.
            while (next < lines.length && lines[next] < rowLine) skipLine(lines[next++]);
            if (!wantHeader && (next === lines.length || lines[next] >= limit)) break;
            const span = simple ? 1 : linesSpanned(fields, dialect.newline);
            // The record ends where its last line does: at the span-th line break from its start (or the end).
            let recordEnd = consumed.length;
            let after = consumed.length;
            for (let k = 0, from = at; k < span; k++) {
                const found = nextBreak(from);
                if (found === null) break;
                if (k === span - 1) {
                    recordEnd = found.start;
                    after = found.end;
                }
                from = found.end;
            }
            if (wantHeader) {
                // The first row of a file with a header row, whatever it holds (as the checks take it).
                wantHeader = false;
                out.push(consumed.slice(at, recordEnd) + suffix(labels.errorsHeading));
            } else if (next < lines.length && lines[next] === rowLine) {
                const found = byLine.get(rowLine)!;
                next++;
                if (fields.length === 1 && fields[0] === "") {
                    // A blank line: no row there.
                    skipped += found.length;
                } else {
                    out.push(consumed.slice(at, recordEnd) + suffix(rowErrorsText(found, labels)));
                    rows++;
                    if (++written % ROWS_PER_CLOCK_CHECK === 0 && now() - runStart >= budget) {
                        await pause();
                        if (settings.signal?.aborted) return finish("", true);
                    }
                }
            }
            at = after;
            rowLine += span;
        }
        while (next < lines.length && lines[next] < limit) skipLine(lines[next++]);

        line = endLine;
        pos += parsed.consumed;
        sliceChars = baseSlice;
        if (pos < text.length && (wantHeader || next < lines.length)) {
            settings.onProgress?.((pos - start) / (text.length - start));
            // Yield when one more slice like this one would go past the budget.
            const clock = now();
            if (clock - runStart + (clock - sliceStartedAt) >= budget) await pause();
        }
    }
    // Past the end of the file.
    while (next < lines.length) skipLine(lines[next++]);
    settings.onProgress?.(1);
    return finish(out.length === 0 ? "" : out.join("\r\n") + "\r\n", false);
}
