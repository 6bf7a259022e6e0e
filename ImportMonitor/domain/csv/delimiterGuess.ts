/**
 * Which field delimiter the file appears to use, when the record's one does not fit: the configured delimiter
 * gives one column (or ragged rows) while another of the four gives the same column count > 1 on the sampled
 * rows. The header is part of the sample, which keeps a one-column file of URLs or times ("10:30") from
 * looking colon-delimited: its header has no colon.
 */
import { DELIMITERS, type FieldDelimiterCode } from "./options";
import { parseSlice, type Dialect } from "./papa";

export interface ColumnStats {
    /** Non-blank rows in the sample. */
    rows: number;
    /** The most frequent field count (the larger one on a tie). */
    modalCount: number;
    /** Share of the rows with the modal count, 0..1. */
    consistency: number;
    /** The first row (the header, usually) has the modal count. */
    firstRowIsModal: boolean;
    /** The fewest and the most fields of a row (0 when there is no row). */
    minCount: number;
    maxCount: number;
}

/** A delimiter counts as consistent from this share of rows on. */
export const CONSISTENT = 0.9;

export function columnStats(rows: readonly (readonly string[])[]): ColumnStats {
    const counts = new Map<number, number>();
    let first = -1;
    let n = 0;
    let minCount = 0;
    let maxCount = 0;
    for (const row of rows) {
        if (row.length === 1 && row[0] === "") continue;
        if (first === -1) first = minCount = maxCount = row.length;
        counts.set(row.length, (counts.get(row.length) ?? 0) + 1);
        minCount = Math.min(minCount, row.length);
        maxCount = Math.max(maxCount, row.length);
        n++;
    }
    let modalCount = 0;
    let modalRows = 0;
    for (const [count, times] of counts) {
        if (times > modalRows || (times === modalRows && count > modalCount)) {
            modalCount = count;
            modalRows = times;
        }
    }
    return { rows: n, modalCount, consistency: n === 0 ? 0 : modalRows / n, firstRowIsModal: first === modalCount, minCount, maxCount };
}

const CODES: readonly FieldDelimiterCode[] = [1, 2, 3, 4];

/**
 * The delimiter code the sample appears to use instead of `configured`, or null when the configured one fits or
 * no other one fits clearly. `sample` is complete rows from the start of the data; `isLast`: it ends the file.
 * Several candidates: the most consistent, then the one with most columns, then the lowest code.
 */
export function guessDelimiter(
    sample: string,
    configured: FieldDelimiterCode,
    dialect: Dialect,
    isLast: boolean,
): FieldDelimiterCode | null {
    return delimiterMismatch(sample, configured, dialect, isLast)?.code ?? null;
}

/** What guessDelimiter found, with the row shapes that make the case. */
export interface DelimiterMismatch {
    /** The delimiter the file appears to use. */
    code: FieldDelimiterCode;
    /** The sample read with the configured delimiter: every row one column (maxCount 1), or ragged rows. */
    configured: ColumnStats;
    /** The sample read with `code`: its modalCount is the first row's, and that of most others. */
    detected: ColumnStats;
}

/** guessDelimiter, saying also how the rows read with either delimiter (for a message true to the case). */
export function delimiterMismatch(sample: string, configured: FieldDelimiterCode, dialect: Dialect, isLast: boolean): DelimiterMismatch | null {
    const statsFor = (code: FieldDelimiterCode): ColumnStats =>
        columnStats(parseSlice(sample, { ...dialect, delimiter: DELIMITERS[code] }, isLast).rows);
    const own = statsFor(configured);
    if (own.rows === 0) return null;
    const oneColumn = own.modalCount === 1;
    const ragged = own.consistency < CONSISTENT;
    if (!oneColumn && !ragged) return null;
    // When the configured delimiter gives ragged rows, an alternative must be perfectly regular to be believed.
    const needed = oneColumn ? CONSISTENT : 1;
    let best: { code: FieldDelimiterCode; stats: ColumnStats } | null = null;
    for (const code of CODES) {
        if (code === configured) continue;
        const stats = statsFor(code);
        if (stats.modalCount <= 1 || !stats.firstRowIsModal || stats.consistency < needed) continue;
        if (
            best === null ||
            stats.consistency > best.stats.consistency ||
            (stats.consistency === best.stats.consistency && stats.modalCount > best.stats.modalCount)
        ) {
            best = { code, stats };
        }
    }
    return best === null ? null : { code: best.code, configured: own, detected: best.stats };
}
