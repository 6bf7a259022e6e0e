/**
 * Bounds for what the preview's views put on the page (issue 14, part 3: rendering never blocks). A file may have
 * 50,000 headings or a field of several megabytes: the views show the first items of a long list with "and N more",
 * and the first characters of a long text with "…", so their cost does not grow with the file.
 */

/** Items a list of the preview shows (headings in the mapping, findings per group, value findings). */
export const MAX_LIST_ITEMS = 100;

/** Characters of a file's text (a heading, a finding's message) shown in a list or a heading. */
export const MAX_TEXT_CHARS = 200;

/** Characters of a message that quotes the file's text (a finding naming a heading or a value). */
export const MAX_MESSAGE_CHARS = 1000;

/** `text` cut to `max` characters with "…" after it when longer; never splits a surrogate pair. */
export function clip(text: string, max: number = MAX_TEXT_CHARS): string {
    if (text.length <= max) return text;
    let end = max;
    const code = text.charCodeAt(end - 1);
    // A high surrogate at the end would be half a character: leave it out.
    if (code >= 0xd800 && code <= 0xdbff) end--;
    return `${text.slice(0, end)}…`;
}
