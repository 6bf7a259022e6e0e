/**
 * The one place that calls papaparse. It runs papaparse's own `Parser` on one slice of the content with
 * `ignoreLastRow` (what papaparse's streamers do between chunks): the parser drops the row it could not finish
 * and reports in `meta.cursor` where that row starts. So a slice is always cut at a row boundary that the
 * parser itself agrees is not inside a quoted field (doubled quotes, quoted line breaks and malformed quotes
 * included), at no cost beyond the parse.
 *
 * Not `Papa.parse`: it first searches the whole input for a quote character and guesses line endings, so its
 * `preview` option still costs time in proportion to the file; and it is never given a 100 MB string here.
 */
import Papa from "papaparse";
import type { Newline } from "./text";

export interface Dialect {
    delimiter: string;
    /** null: no quoting (data delimiter None); quotes are ordinary characters. */
    quoteChar: string | null;
    newline: Newline;
}

export type QuoteErrorCode = "MissingQuotes" | "InvalidQuotes";

export interface SliceParse {
    /**
     * Complete rows only (unless `isLast`), each as papaparse returns it (quotes removed, "" unescaped), but for one
     * thing: in a file of LF rows, a row that ends in CR LF (mixed line endings) has that CR taken off its last field,
     * and in a file of lone-CR rows, a row that starts with the LF of a CR LF has it taken off its first field. The
     * line counting (text.ts) counts CR LF as one line break; so do the field counts: a blank line ending in CR LF
     * is a blank row, not a row holding a CR. (A quoted last field that itself ends in a CR loses it too.)
     */
    rows: string[][];
    /** Quote problems, by index into `rows`. */
    errors: { code: QuoteErrorCode; row: number }[];
    /** Characters of the slice the rows cover: the next slice starts there. 0 when no row was complete. */
    consumed: number;
}

interface PapaSliceResult {
    data: string[][];
    errors: { code: string; row?: number }[];
    meta: { cursor: number };
}

/**
 * Parses `text`. When `isLast` is false the last, possibly cut, row is left out and `consumed` says where it
 * starts. Quote errors papaparse reports for that left-out row are dropped with it.
 */
export function parseSlice(text: string, dialect: Dialect, isLast: boolean): SliceParse {
    const parser = new Papa.Parser({
        delimiter: dialect.delimiter,
        newline: dialect.newline,
        // Data delimiter None: fastMode splits on line breaks and delimiters only, so quotes stay literal.
        quoteChar: dialect.quoteChar ?? "\u0000",
        fastMode: dialect.quoteChar === null ? true : undefined,
    });
    const result = parser.parse(text, 0, !isLast) as PapaSliceResult;
    const rows = result.data;
    if (dialect.newline === "\n" && text.includes("\r")) trimLastCr(rows);
    else if (dialect.newline === "\r" && text.includes("\n")) trimFirstLf(rows);
    const errors: SliceParse["errors"] = [];
    for (const e of result.errors) {
        if ((e.code === "MissingQuotes" || e.code === "InvalidQuotes") && e.row !== undefined && e.row < rows.length) {
            errors.push({ code: e.code, row: e.row });
        }
    }
    return { rows, errors, consumed: isLast ? text.length : result.meta.cursor };
}

/** LF rows: the CR of a row that ends in CR LF. */
function trimLastCr(rows: string[][]): void {
    for (const row of rows) {
        const last = row.length - 1;
        const field = row[last];
        if (field.charCodeAt(field.length - 1) === 13) row[last] = field.slice(0, -1);
    }
}

/** Lone-CR rows: the LF of a CR LF whose CR ended the row before. */
function trimFirstLf(rows: string[][]): void {
    for (const row of rows) {
        if (row[0].charCodeAt(0) === 10) row[0] = row[0].slice(1);
    }
}
