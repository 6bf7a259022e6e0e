/**
 * The preview: the header and the first rows of an importfile's content, with the checks that need only
 * those. Its cost does not depend on the size of the file (see boundedPrefix.ts).
 */
import { readLeadingRows, PREFIX_MAX_CHARS } from "./boundedPrefix";
import { dataDelimiterFindings, headerFindings, headerRowFindings } from "./checks";
import { guessDelimiter } from "./delimiterGuess";
import { finding, FindingKeys, sortFindings, SYNTHETIC_HEADER_KEY, type Finding, type FindingKey } from "./findings";
import { FileTypeCode, type CsvOptions } from "./options";
import type { Dialect } from "./papa";
import { contentStart, detectNewline, isBlankContent, linesSpanned, type Newline } from "./text";

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
    /** Data rows (blank lines left out: they are findings). */
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

/** Findings about individual rows; the full scan reports these itself, over every row. */
export const ROW_FINDING_KEYS: ReadonlySet<FindingKey> = new Set<FindingKey>([
    FindingKeys.HeaderOnly,
    FindingKeys.FieldCount,
    FindingKeys.BlankLine,
    FindingKeys.UnterminatedQuote,
    FindingKeys.MalformedQuote,
    FindingKeys.LineTooLong,
]);

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
    const newline: Newline = detectNewline(text, start, options.quoteChar);
    const dialect: Dialect = { delimiter: options.delimiter, quoteChar: options.quoteChar, newline };
    // The header, the rows shown, and one more to know whether there are more.
    const read = readLeadingRows(text, start, dialect, wanted + (options.firstRowHeader ? 2 : 1));

    const quoteErrors = new Map<number, "MissingQuotes" | "InvalidQuotes">();
    for (const e of read.errors) if (!quoteErrors.has(e.row) || e.code === "MissingQuotes") quoteErrors.set(e.row, e.code);

    const rowFindings: Finding[] = [];
    const rows: PreviewRow[] = [];
    let firstRow: string[] | null = null;
    let line = 1;
    let pendingBlank: number[] = [];
    let moreRows = false;
    for (let i = 0; i < read.rows.length; i++) {
        const fields = read.rows[i];
        const rowLine = line;
        line += linesSpanned(fields, newline);
        if (firstRow === null) {
            firstRow = fields;
            if (options.firstRowHeader) {
                quoteFinding(rowFindings, quoteErrors.get(i), rowLine);
                continue;
            }
        } else if (fields.length === 1 && fields[0] === "") {
            // Blank: reported only when a row follows (blank lines that end the file are harmless).
            pendingBlank.push(rowLine);
            continue;
        }
        if (rows.length === wanted) {
            moreRows = true;
            break;
        }
        for (const blank of pendingBlank) rowFindings.push(finding("warning", FindingKeys.BlankLine, [blank], { line: blank }));
        pendingBlank = [];
        rows.push({ line: rowLine, fields });
        quoteFinding(rowFindings, quoteErrors.get(i), rowLine);
        if (fields.length !== firstRow.length) {
            rowFindings.push(finding("error", FindingKeys.FieldCount, [rowLine, firstRow.length, fields.length], { line: rowLine }));
        }
    }
    if (read.capped && !moreRows) {
        rowFindings.push(finding("warning", FindingKeys.LineTooLong, [line, Math.round(PREFIX_MAX_CHARS / 1024)], { line }));
    }

    let headers: PreviewHeader[] = [];
    const header = firstRow ?? [];
    if (options.firstRowHeader) {
        headers = header.map((text, i) => ({ kind: "text", columnNumber: i + 1, text }));
        findings.push(...headerFindings(header));
        if (read.atEof && rows.length === 0) findings.push(finding("warning", FindingKeys.HeaderOnly));
    } else {
        headers = header.map((_, i) => ({ kind: "synthetic", columnNumber: i + 1, key: SYNTHETIC_HEADER_KEY }));
        findings.push(finding("info", FindingKeys.NoHeaderRow, [header.length]));
    }

    if (firstRow !== null) {
        const sampleEnd = Math.min(read.end, start + SAMPLE_CHARS);
        const sample = text.slice(start, sampleEnd);
        const sampleIsLast = read.atEof && sampleEnd === read.end;
        const guessed = guessDelimiter(sample, options.delimiterCode, dialect, sampleIsLast);
        if (guessed !== null) findings.push(finding("error", FindingKeys.DelimiterMismatch, [options.delimiterCode, guessed]));
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

function quoteFinding(into: Finding[], code: "MissingQuotes" | "InvalidQuotes" | undefined, line: number): void {
    if (code === "MissingQuotes") into.push(finding("error", FindingKeys.UnterminatedQuote, [line], { line }));
    else if (code === "InvalidQuotes") into.push(finding("warning", FindingKeys.MalformedQuote, [line], { line }));
}
