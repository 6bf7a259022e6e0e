/**
 * The preview: the header and the first rows of an importfile's content, with the checks that need only
 * those. Its cost does not depend on the size of the file (see boundedPrefix.ts).
 */
import { readLeadingRows, PREFIX_MAX_CHARS } from "./boundedPrefix";
import { dataDelimiterFindings, headerFindings, headerRowFindings, headerShapeFindings, RowValueChecks } from "./checks";
import { fieldDelimiterCodeFor, readSepLine } from "./decode";
import { delimiterMismatch } from "./delimiterGuess";
import { finding, FindingKeys, MAX_PLACES, sortFindings, SYNTHETIC_HEADER_KEY, type Finding, type FindingKey, type FindingPlace } from "./findings";
import { FileTypeCode, type CsvOptions, type FieldDelimiterCode } from "./options";
import type { Dialect } from "./papa";
import { contentStart, countLineBreaks, detectNewline, firstForeignBreak, isBlankContent, lineEndingName, linesSpanned, type Newline } from "./text";

/** A column heading: the file's text (verbatim: render it as text, never as markup) or a generated name. */
export type PreviewHeader =
    | { kind: "text"; columnNumber: number; text: string }
    /** No header row: the view shows SYNTHETIC_HEADER_KEY ("Column {0}") with columnNumber. */
    | { kind: "synthetic"; columnNumber: number; key: typeof SYNTHETIC_HEADER_KEY };

export interface PreviewRow {
    /** 1-based physical line where the row starts. */
    line: number;
    fields: string[];
}

export interface CsvPreview {
    headers: PreviewHeader[];
    headerIsSynthetic: boolean;
    /**
     * Data rows (blank lines left out: they are findings). A grid marks a row or cell a finding names where a
     * `Finding.places` entry has the row's `line` (and the cell's `column`); the header row is line 1.
     */
    rows: PreviewRow[];
    /** The file has more rows than `rows`. */
    truncated: boolean;
    findings: Finding[];
    /** Characters handed to the parser for the rows: bounded, whatever the size of the file. */
    charsParsed: number;
}

export interface PreviewSettings {
    /** Data rows to show; 20 by default. */
    rows?: number;
}

/** The rows the delimiter and quote checks look at, at most. */
const SAMPLE_CHARS = 64 * 1024;

/**
 * Findings about individual rows or about the rows read; the full scan reports these itself, over every row (the
 * last four with the same key, counted over the file).
 */
export const ROW_FINDING_KEYS: ReadonlySet<FindingKey> = new Set<FindingKey>([
    FindingKeys.HeaderOnly,
    FindingKeys.FieldCount,
    FindingKeys.BlankLine,
    FindingKeys.UnterminatedQuote,
    FindingKeys.MalformedQuote,
    FindingKeys.LineTooLong,
    FindingKeys.LineEndingMixed,
    FindingKeys.ReplacementChars,
    FindingKeys.ControlChars,
    FindingKeys.SpaceBeforeQuote,
]);

/** Excel's `sep=` line at `start`: its delimiter's importfile code, or the character when it has none ("|"). */
function sepLineAt(text: string, start: number): { delimiter: FieldDelimiterCode | string; chars: number } | null {
    // The line is at most 7 characters: `sep=`, one character, CR LF.
    const sep = readSepLine(text.slice(start, start + 8));
    if (sep === null) return null;
    return { delimiter: fieldDelimiterCodeFor(sep.delimiter) ?? sep.delimiter, chars: sep.removedChars };
}

/** The places of a row with `actual` fields where `expected` are due: the row, and the cells past the expected ones. */
function fieldCountPlaces(line: number, expected: number, actual: number): FindingPlace[] {
    const places: FindingPlace[] = [{ line }];
    for (let column = expected + 1; column <= actual && places.length < MAX_PLACES; column++) places.push({ line, column });
    return places;
}

/** What the preview worked out about the dialect; the full scan goes on with it. */
export interface PreviewContext {
    preview: CsvPreview;
    /** null when nothing is parsed: not CSV, or empty. */
    dialect: Dialect | null;
    start: number;
}

function emptyPreview(findings: Finding[]): CsvPreview {
    return { headers: [], headerIsSynthetic: false, rows: [], truncated: false, findings, charsParsed: 0 };
}

export function previewCsv(content: string | null | undefined, options: CsvOptions, settings?: PreviewSettings): CsvPreview {
    return previewWithContext(content, options, settings).preview;
}

export function previewWithContext(content: string | null | undefined, options: CsvOptions, settings?: PreviewSettings): PreviewContext {
    const wanted = Math.max(0, Math.floor(settings?.rows ?? 20));
    if (options.fileType !== FileTypeCode.Csv) {
        // Not CSV: nothing to parse; just say so (the delimiter codes do not matter then).
        const only = options.findings.filter((f) => f.key === FindingKeys.FileTypeNotPreviewable);
        return { preview: emptyPreview(only), dialect: null, start: 0 };
    }
    const findings: Finding[] = [...options.findings];
    const text = content ?? "";
    if (isBlankContent(text)) {
        findings.push(finding("error", FindingKeys.Empty));
        return { preview: emptyPreview(sortFindings(findings)), dialect: null, start: 0 };
    }

    const start = contentStart(text);
    const sep = sepLineAt(text, start);
    const newline: Newline = detectNewline(text, start, options.quoteChar);
    const dialect: Dialect = { delimiter: options.delimiter, quoteChar: options.quoteChar, newline };
    // The header, the rows shown, and one more to know whether there are more.
    const read = readLeadingRows(text, start, dialect, wanted + (options.firstRowHeader ? 2 : 1));

    const quoteErrors = new Map<number, "MissingQuotes" | "InvalidQuotes">();
    for (const e of read.errors) if (!quoteErrors.has(e.row) || e.code === "MissingQuotes") quoteErrors.set(e.row, e.code);

    const rowFindings: Finding[] = [];
    const rows: PreviewRow[] = [];
    const values = new RowValueChecks(options.quoteChar);
    /** Lines where the rows read start (blank ones included), for the row a line belongs to. */
    const rowStarts: number[] = [];
    let firstRow: string[] | null = null;
    let line = 1;
    let pendingBlank: number[] = [];
    let moreRows = false;
    /** The line where the row after the rows shown starts (not checked), when there is one. */
    let uncheckedFrom = Infinity;
    for (let i = 0; i < read.rows.length; i++) {
        const fields = read.rows[i];
        const rowLine = line;
        line += linesSpanned(fields);
        if (firstRow === null) {
            firstRow = fields;
            if (options.firstRowHeader) {
                rowStarts.push(rowLine);
                quoteFinding(rowFindings, quoteErrors.get(i), rowLine);
                values.inspect(fields, rowLine);
                continue;
            }
        } else if (fields.length === 1 && fields[0] === "") {
            // Blank: reported only when a row follows (blank lines that end the file are harmless).
            rowStarts.push(rowLine);
            pendingBlank.push(rowLine);
            continue;
        }
        if (rows.length === wanted) {
            moreRows = true;
            uncheckedFrom = rowLine;
            break;
        }
        rowStarts.push(rowLine);
        for (const blank of pendingBlank) rowFindings.push(finding("warning", FindingKeys.BlankLine, [blank], { line: blank, places: [{ line: blank }] }));
        pendingBlank = [];
        rows.push({ line: rowLine, fields });
        quoteFinding(rowFindings, quoteErrors.get(i), rowLine);
        values.inspect(fields, rowLine);
        if (fields.length !== firstRow.length) {
            const places = fieldCountPlaces(rowLine, firstRow.length, fields.length);
            rowFindings.push(finding("error", FindingKeys.FieldCount, [rowLine, firstRow.length, fields.length], { line: rowLine, places }));
        }
    }
    if (read.capped && !moreRows) {
        rowFindings.push(finding("warning", FindingKeys.LineTooLong, [line, Math.round(PREFIX_MAX_CHARS / 1024)], { line, places: [{ line }] }));
    }
    rowFindings.push(...values.findings());
    const mixed = mixedLineEnding(text.slice(start, read.end), dialect, rowStarts);
    if (mixed !== null && (mixed.line ?? 0) < uncheckedFrom) rowFindings.push(mixed);

    let headers: PreviewHeader[] = [];
    const header = firstRow ?? [];
    if (sep !== null) {
        // Dataverse knows no sep line: it is the header (or the first data row), whatever the header checks would say.
        const key = options.firstRowHeader ? FindingKeys.SepLineHeader : FindingKeys.SepLineData;
        findings.push(finding("error", key, [sep.delimiter], { line: 1, places: [{ line: 1 }] }));
        if (sep.delimiter !== options.delimiterCode) {
            findings.push(finding("warning", FindingKeys.SepLineDelimiter, [sep.delimiter, options.delimiterCode], { line: 1, places: [{ line: 1 }] }));
        }
    }
    if (options.firstRowHeader) {
        headers = header.map((text, i) => ({ kind: "text", columnNumber: i + 1, text }));
        if (sep === null) findings.push(...headerFindings(header), ...headerShapeFindings(header));
        if (read.atEof && rows.length === 0) findings.push(finding("warning", FindingKeys.HeaderOnly));
    } else {
        headers = header.map((_, i) => ({ kind: "synthetic", columnNumber: i + 1, key: SYNTHETIC_HEADER_KEY }));
        findings.push(finding("info", FindingKeys.NoHeaderRow, [header.length]));
    }

    if (firstRow !== null) {
        // The dialect checks read the rows after a sep line: it is not in the file's delimiter.
        const sampleStart = Math.min(read.end, start + (sep?.chars ?? 0));
        const sampleEnd = Math.min(read.end, sampleStart + SAMPLE_CHARS);
        const sample = text.slice(sampleStart, sampleEnd);
        const sampleIsLast = read.atEof && sampleEnd === read.end;
        const mismatch = delimiterMismatch(sample, options.delimiterCode, dialect, sampleIsLast);
        if (mismatch !== null) {
            const own = mismatch.configured;
            if (own.maxCount === 1) findings.push(finding("error", FindingKeys.DelimiterMismatch, [options.delimiterCode, mismatch.code]));
            else {
                const args = [options.delimiterCode, mismatch.code, own.minCount, own.maxCount, mismatch.detected.modalCount];
                findings.push(finding("error", FindingKeys.DelimiterMismatchRagged, args));
            }
        }
        findings.push(...dataDelimiterFindings(sample, options, dialect, sampleIsLast));
        if (options.firstRowHeader) findings.push(...headerRowFindings(options.serverHeaderRow, header));
    }

    findings.push(...rowFindings);
    return {
        preview: {
            headers,
            headerIsSynthetic: !options.firstRowHeader,
            rows,
            truncated: moreRows || !read.atEof,
            findings: sortFindings(findings),
            charsParsed: read.charsParsed,
        },
        dialect,
        start,
    };
}

/**
 * The first line break outside quotes in `text` (rows from the start of the data) that is not the rows' own, as a
 * finding; null when there is none. `rowStarts`: the lines where the rows start, ascending, for its place.
 */
function mixedLineEnding(text: string, dialect: Dialect, rowStarts: readonly number[]): Finding | null {
    const foreign = firstForeignBreak(text, dialect);
    if (foreign === null) return null;
    const line = 1 + countLineBreaks(text.slice(0, foreign.at));
    let rowLine = 1;
    for (const startLine of rowStarts) if (startLine <= line) rowLine = startLine;
    return finding("warning", FindingKeys.LineEndingMixed, [line, foreign.ending, lineEndingName(dialect.newline)], { line, places: [{ line: rowLine }] });
}

function quoteFinding(into: Finding[], code: "MissingQuotes" | "InvalidQuotes" | undefined, line: number): void {
    if (code === "MissingQuotes") into.push(finding("error", FindingKeys.UnterminatedQuote, [line], { line, places: [{ line }] }));
    else if (code === "InvalidQuotes") into.push(finding("warning", FindingKeys.MalformedQuote, [line], { line, places: [{ line }] }));
}
