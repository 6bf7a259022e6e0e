/**
 * Text helpers over the raw content: byte order mark, emptiness, the row separator and counting
 * physical line breaks. All bounded or single native-search passes; no copies of the content.
 */

export type Newline = "\n" | "\r\n" | "\r";

const BOM = "\uFEFF";

/** Where the data starts: 1 after a UTF-8 byte order mark, else 0. */
export function contentStart(content: string): number {
    return content.startsWith(BOM) ? 1 : 0;
}

/** True when the content holds nothing but white space (and a byte order mark). Stops at the first other character. */
export function isBlankContent(content: string): boolean {
    return !/[^\s\uFEFF]/.test(content);
}

const NEWLINE_SAMPLE = 64 * 1024;

/**
 * The row separator: the first line break that is not inside a quoted field, within the first 64 KB.
 * A file whose first break is CR LF is a CR LF file, a lone CR a classic Mac file, else LF.
 */
export function detectNewline(content: string, start: number, quoteChar: string | null): Newline {
    // A slice, so that a search for an absent character stops at 64 KB, not at the end of 100 MB.
    const sample = content.slice(start, start + NEWLINE_SAMPLE);
    let from = 0;
    let quotes = 0;
    let quoteAt = quoteChar === null ? -1 : sample.indexOf(quoteChar);
    for (;;) {
        const lf = sample.indexOf("\n", from);
        const cr = sample.indexOf("\r", from);
        let at = lf === -1 ? cr : cr === -1 ? lf : Math.min(lf, cr);
        if (at === -1) return "\n";
        // Quote parity up to the break: an odd count means the break is inside a quoted field.
        while (quoteAt !== -1 && quoteAt < at && quoteChar !== null) {
            quotes++;
            quoteAt = sample.indexOf(quoteChar, quoteAt + 1);
        }
        if (quotes % 2 === 0) {
            if (sample[at] === "\n") return "\n";
            return sample[at + 1] === "\n" ? "\r\n" : "\r";
        }
        if (sample[at] === "\r" && sample[at + 1] === "\n") at++;
        from = at + 1;
    }
}

/** Line breaks of a text, by kind (see lineBreakCounts). */
export interface LineBreakCounts {
    /** Physical line breaks: CR LF, lone LF and lone CR one each. */
    breaks: number;
    /** LF characters (those of CR LF pairs included). */
    lf: number;
    /** CR characters (those of CR LF pairs included). */
    cr: number;
    /** CRs not followed by an LF. */
    loneCr: number;
}

/**
 * Line breaks of `text`, by kind: two native searches, one for each character. Pass a slice, not the whole
 * content with offsets: each search runs to the end of the string it is given.
 */
export function lineBreakCounts(text: string): LineBreakCounts {
    let lf = 0;
    let i = text.indexOf("\n");
    while (i !== -1) {
        lf++;
        i = text.indexOf("\n", i + 1);
    }
    let cr = 0;
    let loneCr = 0;
    i = text.indexOf("\r");
    while (i !== -1) {
        cr++;
        // A CR before an LF is one break with it (already counted).
        if (text.charCodeAt(i + 1) !== 10) loneCr++;
        i = text.indexOf("\r", i + 1);
    }
    return { breaks: lf + loneCr, lf, cr, loneCr };
}

/** Physical line breaks in `text` (CR LF, lone LF and lone CR count one each). See lineBreakCounts. */
export function countLineBreaks(text: string): number {
    return lineBreakCounts(text).breaks;
}

/** Line breaks inside one parsed field (a quoted field keeps its breaks verbatim). */
export function breaksInField(field: string): number {
    if (!field.includes("\n") && !field.includes("\r")) return 0;
    return countLineBreaks(field);
}

/**
 * Physical lines a parsed row spans: 1 plus the breaks inside its fields. Rows as parseSlice returns them: the CR
 * of a CR LF row end in an LF file, and the LF of one in a lone-CR file, are already taken off the row.
 * The `newline` parameter is kept for callers; the count does not depend on it any more.
 */
export function linesSpanned(fields: readonly string[], _newline?: Newline): number {
    let lines = 1;
    for (const field of fields) lines += breaksInField(field);
    return lines;
}

/** The name of a line ending in findings ("LF", "CR LF", "CR"): the same in every language. */
export type LineEndingName = "LF" | "CR LF" | "CR";

export function lineEndingName(newline: Newline): LineEndingName {
    return newline === "\n" ? "LF" : newline === "\r\n" ? "CR LF" : "CR";
}

/**
 * A cheap test on a text's break counts: can it hold a line break other than `newline`, inside quotes or not? False
 * means certainly not; true means firstForeignBreak must look.
 */
export function mayHoldForeignBreak(counts: LineBreakCounts, newline: Newline): boolean {
    if (newline === "\n") return counts.cr > 0;
    if (newline === "\r") return counts.lf > 0;
    // CR LF rows: a lone CR, or more LFs than CR LF pairs.
    return counts.loneCr > 0 || counts.lf > counts.cr - counts.loneCr;
}

/**
 * Finds, from a position on, where the next line break other than `newline` starts in `text`. Each kind of
 * candidate is searched for once past the position asked, and remembered: asking again from further on costs
 * nothing until the remembered one is passed.
 */
function candidateFinder(text: string, newline: Newline, crBefore: boolean): (from: number) => ForeignBreak | null {
    /** LF preceded by a CR (or at 0 with crBefore)? */
    const lfEndsCrLf = (at: number): boolean => (at > 0 ? text.charCodeAt(at - 1) === 13 : crBefore);
    let lf = -2;
    let cr = -2;
    const nextLf = (from: number, wantLone: boolean): number => {
        if (lf !== -1 && lf < from) {
            lf = text.indexOf("\n", from);
            while (wantLone && lf !== -1 && lfEndsCrLf(lf)) lf = text.indexOf("\n", lf + 1);
        }
        return lf;
    };
    const nextCr = (from: number, wantLone: boolean): number => {
        if (cr !== -1 && cr < from) {
            cr = text.indexOf("\r", from);
            while (wantLone && cr !== -1 && text.charCodeAt(cr + 1) === 10) cr = text.indexOf("\r", cr + 1);
        }
        return cr;
    };
    if (newline === "\n") {
        return (from) => {
            const at = nextCr(from, false);
            return at === -1 ? null : { at, ending: text.charCodeAt(at + 1) === 10 ? "CR LF" : "CR" };
        };
    }
    if (newline === "\r") {
        return (from) => {
            const at = nextLf(from, false);
            if (at === -1) return null;
            // An LF after a CR ends a CR LF, whose CR ended a row (`crBefore` at the start of the text).
            if (!lfEndsCrLf(at)) return { at, ending: "LF" };
            return { at: Math.max(0, at - 1), ending: "CR LF" };
        };
    }
    return (from) => {
        const l = nextLf(from, true);
        const c = nextCr(from, true);
        if (l === -1 && c === -1) return null;
        if (c === -1 || (l !== -1 && l < c)) return { at: l, ending: "LF" };
        return { at: c, ending: "CR" };
    };
}

/** The delimiter, or the row separator, ends at `at` (exclusive): a field starts at `at`. */
function isFieldStart(text: string, at: number, delimiter: string, newline: Newline, crBefore: boolean): boolean {
    if (at === 0) return true;
    if (text.startsWith(delimiter, at - delimiter.length)) return true;
    if (newline === "\r\n") return at >= 2 ? text.startsWith("\r\n", at - 2) : at === 1 && crBefore && text.charCodeAt(0) === 10;
    return text.charCodeAt(at - 1) === newline.charCodeAt(0);
}

/**
 * Index of the quote that closes the quoted field opened at `open`, as papaparse decides it: a quote that is not
 * doubled and is followed (after white space) by the delimiter, the row separator or the end. -1: never closed.
 */
function closingQuote(text: string, open: number, quote: string, delimiter: string, newline: Newline): number {
    let k = open;
    for (;;) {
        k = text.indexOf(quote, k + 1);
        if (k === -1) return -1;
        if (k === text.length - 1) return k;
        if (text[k + 1] === quote) {
            k++;
            continue;
        }
        let m = k + 1;
        while (m < text.length && !text.startsWith(delimiter, m) && !text.startsWith(newline, m) && text[m].trim() === "") m++;
        if (m === text.length || text.startsWith(delimiter, m) || text.startsWith(newline, m)) return k;
        // A malformed quote: papaparse reads on to the next one.
    }
}

export interface ForeignBreak {
    /** Index in the text where the line break starts. */
    at: number;
    ending: LineEndingName;
}

/**
 * The first line break in `text` that is not the rows' `newline` and is not inside a quoted field (Excel's LF
 * inside quoted fields of CR LF rows is ordinary), or null. `text` starts at a row boundary (outside quotes);
 * `crBefore`: the character before it is a CR (a CR LF cut between two slices). Quoted fields are found as papaparse
 * finds them: a quote at a field's start opens one (data delimiter None: never). Cost: native searches from one
 * candidate break to the next, and from one quote to the next between them; nothing when there is no candidate.
 */
export function firstForeignBreak(
    text: string,
    dialect: { delimiter: string; quoteChar: string | null; newline: Newline },
    crBefore = false,
): ForeignBreak | null {
    const { delimiter, quoteChar: quote, newline } = dialect;
    const next = candidateFinder(text, newline, crBefore);
    let candidate = next(0);
    if (candidate === null || quote === null) return candidate;
    let from = 0;
    for (;;) {
        let open = text.indexOf(quote, from);
        while (open !== -1 && open < candidate.at && !isFieldStart(text, open, delimiter, newline, crBefore)) open = text.indexOf(quote, open + 1);
        if (open === -1 || open > candidate.at) return candidate;
        const close = closingQuote(text, open, quote, delimiter, newline);
        if (close === -1) return null;
        from = close + 1;
        if (candidate.at < close) {
            candidate = next(from);
            if (candidate === null) return null;
        }
    }
}

/** C0 control characters but TAB, LF and CR; and U+FFFD. One native search tells whether a text holds any. */
// eslint-disable-next-line no-control-regex -- control characters are what these look for
const SUSPECT_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFD]/;
// eslint-disable-next-line no-control-regex -- control characters are what these look for
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g;
const REPLACEMENT_CHARS = /\uFFFD/g;

export function hasSuspectChars(text: string): boolean {
    return SUSPECT_CHARS.test(text);
}

/** "U+0007" */
export function codePointName(char: string): string {
    return "U+" + char.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0");
}

/** Occurrences of control characters (C0 but TAB, LF, CR) in a field, with the first one's index and character. */
export function controlChars(field: string): { count: number; first: number; char: string } | null {
    return occurrences(field, CONTROL_CHARS);
}

/** Occurrences of U+FFFD in a field, with the first one's index. */
export function replacementChars(field: string): { count: number; first: number; char: string } | null {
    return occurrences(field, REPLACEMENT_CHARS);
}

function occurrences(field: string, pattern: RegExp): { count: number; first: number; char: string } | null {
    pattern.lastIndex = 0;
    const m = pattern.exec(field);
    if (m === null) return null;
    let count = 1;
    while (pattern.exec(field) !== null) count++;
    pattern.lastIndex = 0;
    return { count, first: m.index, char: m[0] };
}
