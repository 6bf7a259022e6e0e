/**
 * Reads the first rows of the content from a bounded prefix, so that a preview costs the same for 10 KB and
 * for 100 MB: 16 KB first, four times more while that holds too few rows, never more than 4 MB. The prefix is
 * cut where papaparse says the last complete row ends (see papa.ts), never inside a quoted field.
 */
import { parseSlice, type Dialect, type SliceParse } from "./papa";

export const PREFIX_INITIAL_CHARS = 16 * 1024;
export const PREFIX_MAX_CHARS = 4 * 1024 * 1024;

export interface LeadingRows extends SliceParse {
    /** Index in the content just after the last complete row. */
    end: number;
    /** The prefix reached the end of the content: every row, the last one included, is in `rows`. */
    atEof: boolean;
    /** Fewer than the wanted rows fit in PREFIX_MAX_CHARS: the next row is longer than what is left of it. */
    capped: boolean;
    /** Characters handed to the parser by the last (largest) attempt. */
    charsParsed: number;
}

function nonBlankRows(rows: string[][]): number {
    let n = 0;
    for (const row of rows) if (row.length > 1 || row[0] !== "") n++;
    return n;
}

export function readLeadingRows(content: string, start: number, dialect: Dialect, wantedRows: number): LeadingRows {
    let chars = PREFIX_INITIAL_CHARS;
    for (;;) {
        const end = Math.min(content.length, start + chars);
        const atEof = end === content.length;
        const parsed = parseSlice(content.slice(start, end), dialect, atEof);
        const enough = nonBlankRows(parsed.rows) >= wantedRows;
        if (atEof || enough || chars >= PREFIX_MAX_CHARS) {
            return { ...parsed, end: start + parsed.consumed, atEof, capped: !atEof && !enough, charsParsed: end - start };
        }
        chars = Math.min(chars * 4, PREFIX_MAX_CHARS);
    }
}
