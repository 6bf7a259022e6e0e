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

/**
 * Physical line breaks in `text` (CR LF, lone LF and lone CR count one each). Pass a slice, not the whole
 * content with offsets: each search runs to the end of the string it is given.
 */
export function countLineBreaks(text: string): number {
    let count = 0;
    let i = text.indexOf("\n");
    while (i !== -1) {
        count++;
        i = text.indexOf("\n", i + 1);
    }
    i = text.indexOf("\r");
    while (i !== -1) {
        // A CR before an LF is one break with it (already counted).
        if (text.charCodeAt(i + 1) !== 10) count++;
        i = text.indexOf("\r", i + 1);
    }
    return count;
}

/** Line breaks inside one parsed field (a quoted field keeps its breaks verbatim). */
export function breaksInField(field: string): number {
    if (!field.includes("\n") && !field.includes("\r")) return 0;
    return countLineBreaks(field);
}

/**
 * Physical lines a parsed row spans: 1 plus the breaks inside its fields. With LF rows, a CR that ends the last
 * field is the CR of a CR LF row separator (a file mixing both), not a line of its own.
 */
export function linesSpanned(fields: readonly string[], newline: Newline): number {
    let lines = 1;
    for (const field of fields) lines += breaksInField(field);
    if (newline === "\n" && fields.length > 0) {
        const last = fields[fields.length - 1];
        if (last.endsWith("\r")) lines--;
    }
    return lines;
}
