/**
 * From the bytes of a file a maker dropped to text, saying honestly how it was read: the encoding, whether a byte
 * order mark was there, and where the first bytes that are not UTF-8 are. Plus Excel's `sep=` first line.
 *
 * Decoding is the platform's `TextDecoder` (WHATWG Encoding Standard; every browser target has it, and Node with
 * full ICU). Decoders are made per call, never at import time, so importing this module never needs one.
 * Memory: the text is the one string `TextDecoder` returns. A byte order mark is skipped by decoding a view of the
 * bytes after it (`subarray`, no copy), never by slicing the string.
 */
import { DELIMITERS, FieldDelimiterCode } from "./options";

export type TextEncodingName = "utf-8" | "utf-16le" | "utf-16be" | "windows-1252";

export interface DecodedText {
    /** The content, without the byte order mark (if any). Line breaks are kept as they are in the file. */
    text: string;
    /**
     * How the bytes were read:
     * - a byte order mark decides: EF BB BF UTF-8, FF FE UTF-16 LE, FE FF UTF-16 BE;
     * - no byte order mark, and the first 64 bytes (or all of them if fewer, at least 4: two characters) have a NUL in every other
     *   position and no NUL in the others: UTF-16 without a byte order mark, LE when the NULs are the odd bytes, BE when
     *   they are the even ones. This is ASCII-range text saved as UTF-16 ("Unicode text" without a mark); UTF-16 text
     *   whose first 32 characters are not all U+0001..U+00FF is not recognised and is read as below;
     * - else UTF-8 when the bytes are valid UTF-8 (strict: `TextDecoder("utf-8", { fatal: true })`), else
     *   Windows-1252, the ANSI code page of Western-European Windows, which Excel's plain "CSV (Comma delimited)" is
     *   saved in there (a UTF-8 file only as "CSV UTF-8", which writes the byte order mark). A file in another
     *   legacy code page (1250, Shift-JIS, …) is not detected: it reads as Windows-1252 with the wrong letters, and
     *   `firstNonUtf8Line` shows where.
     * UTF-32 is not supported (nor by `TextDecoder`): FF FE 00 00 reads as UTF-16 LE starting with a NUL.
     */
    encoding: TextEncodingName;
    /** The file started with the byte order mark of `encoding` (removed from `text`). */
    bom: boolean;
    /**
     * 1-based physical line of the first byte sequence that is not valid UTF-8; null when the bytes are valid UTF-8,
     * and always null for UTF-16. Lines are counted like the rest of the module (text.ts): CR LF, lone LF and lone CR
     * are one break each, inside quoted fields too, so this is the line of the file, not the row of the table.
     * Without a byte order mark this is set exactly when `encoding` is "windows-1252". After a UTF-8 byte order mark
     * the file is still read as UTF-8 (the mark says so) and each invalid sequence becomes U+FFFD; this says where the
     * first one is.
     */
    firstNonUtf8Line: number | null;
    /**
     * UTF-16 only: the file has an odd number of bytes, so its last byte is half a character; `text` ends with
     * U+FFFD in its place. Always false for UTF-8 and Windows-1252. (An unpaired surrogate inside UTF-16 text also
     * becomes U+FFFD, and is not reported.)
     */
    truncated: boolean;
}

const NUL_SAMPLE_BYTES = 64;
const LF = 0x0a;
const CR = 0x0d;

/**
 * Decodes a dropped file's bytes (see DecodedText for the rules). Never throws for any input; an empty input is
 * empty UTF-8 text. Cost: one native decode; when the bytes are not valid UTF-8, a byte scan up to the first
 * invalid sequence and a second native decode.
 * @throws RangeError only where `TextDecoder` lacks windows-1252 or UTF-16 (Node built without full ICU).
 */
export function decodeCsvBytes(bytes: Uint8Array): DecodedText {
    const b0 = bytes[0];
    const b1 = bytes[1];
    if (bytes.length >= 3 && b0 === 0xef && b1 === 0xbb && bytes[2] === 0xbf) {
        return decodeUtf8(bytes.subarray(3), true);
    }
    if (bytes.length >= 2 && b0 === 0xff && b1 === 0xfe) return decodeUtf16(bytes.subarray(2), "utf-16le", true);
    if (bytes.length >= 2 && b0 === 0xfe && b1 === 0xff) return decodeUtf16(bytes.subarray(2), "utf-16be", true);
    const unmarked = unmarkedUtf16(bytes);
    if (unmarked !== null) return decodeUtf16(bytes, unmarked, false);
    return decodeUtf8(bytes, false);
}

function decodeUtf8(bytes: Uint8Array, bom: boolean): DecodedText {
    try {
        // ignoreBOM: the mark, if any, is already skipped; a second U+FEFF is content.
        const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
        return { text, encoding: "utf-8", bom, firstNonUtf8Line: null, truncated: false };
    } catch {
        // Not valid UTF-8 (the only error a fatal decoder raises).
    }
    const at = firstInvalidUtf8Offset(bytes);
    // The decoder and the scan implement the same table (Unicode 3-7); were they ever to disagree, say "unknown".
    const firstNonUtf8Line = at === -1 ? null : 1 + countByteLineBreaks(bytes.subarray(0, at));
    if (bom) {
        const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
        return { text, encoding: "utf-8", bom, firstNonUtf8Line, truncated: false };
    }
    return { text: decodeWindows1252(bytes), encoding: "windows-1252", bom, firstNonUtf8Line, truncated: false };
}

/**
 * Windows-1252 through `TextDecoder`, as one `stream: true` call and a flush. For a single-byte encoding that is the
 * same text (the flush returns "", and `text + ""` is `text`, no copy); it keeps Node 20.18.3+ and 22.13+ off their
 * Latin-1 fast path, which decodes 80..9F as C1 controls instead of € ‚ ƒ „ … “ ” (nodejs/node issues 56542, 60888).
 * Browsers decode it right either way.
 */
function decodeWindows1252(bytes: Uint8Array): string {
    const decoder = new TextDecoder("windows-1252");
    const text = decoder.decode(bytes, { stream: true });
    return text + decoder.decode();
}

function decodeUtf16(bytes: Uint8Array, encoding: "utf-16le" | "utf-16be", bom: boolean): DecodedText {
    const text = new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes);
    return { text, encoding, bom, firstNonUtf8Line: null, truncated: bytes.length % 2 === 1 };
}

/** UTF-16 without a byte order mark, by the NUL pattern of its first bytes (see DecodedText.encoding); else null. */
function unmarkedUtf16(bytes: Uint8Array): "utf-16le" | "utf-16be" | null {
    const n = Math.min(NUL_SAMPLE_BYTES, bytes.length) & ~1;
    if (n < 4) return null;
    let evenNul = true;
    let oddNul = true;
    for (let i = 0; i < n; i += 2) {
        const even = bytes[i] === 0;
        const odd = bytes[i + 1] === 0;
        // Each pair must be one NUL and one non-NUL, with the NUL on the same side throughout.
        if (even === odd) return null;
        evenNul &&= even;
        oddNul &&= odd;
        if (!evenNul && !oddNul) return null;
    }
    return oddNul ? "utf-16le" : "utf-16be";
}

/**
 * Offset of the first byte of the first ill-formed UTF-8 sequence, or -1 when all the bytes are well-formed UTF-8.
 * Well-formed is Unicode's Table 3-7 (what a fatal `TextDecoder` accepts): no overlong forms (C0, C1, E0 80..9F,
 * F0 80..8F), no surrogates (ED A0..BF), nothing above U+10FFFF (F4 90.., F5..FF), no lone continuation bytes, and
 * a sequence cut short, also at the very end of the bytes, is ill-formed at its lead byte.
 */
export function firstInvalidUtf8Offset(bytes: Uint8Array): number {
    const n = bytes.length;
    let i = 0;
    while (i < n) {
        const lead = bytes[i];
        if (lead < 0x80) {
            i++;
            continue;
        }
        let trail: number;
        // Range of the second byte; the others are always 80..BF.
        let lo = 0x80;
        let hi = 0xbf;
        if (lead >= 0xc2 && lead <= 0xdf) trail = 1;
        else if (lead === 0xe0) {
            trail = 2;
            lo = 0xa0;
        } else if (lead === 0xed) {
            trail = 2;
            hi = 0x9f;
        } else if (lead >= 0xe1 && lead <= 0xef) trail = 2;
        else if (lead === 0xf0) {
            trail = 3;
            lo = 0x90;
        } else if (lead === 0xf4) {
            trail = 3;
            hi = 0x8f;
        } else if (lead >= 0xf1 && lead <= 0xf3) trail = 3;
        else return i;
        if (i + trail >= n) return i;
        const second = bytes[i + 1];
        if (second < lo || second > hi) return i;
        for (let k = 2; k <= trail; k++) {
            if ((bytes[i + k] & 0xc0) !== 0x80) return i;
        }
        i += trail + 1;
    }
    return -1;
}

/**
 * Line breaks in bytes of an ASCII-compatible encoding (UTF-8, Windows-1252: 0A and 0D are always LF and CR there),
 * counted like text.ts countLineBreaks: CR LF, lone LF and lone CR one each. Pass a `subarray` (a view, no copy).
 */
function countByteLineBreaks(bytes: Uint8Array): number {
    let count = 0;
    let i = bytes.indexOf(LF);
    while (i !== -1) {
        count++;
        i = bytes.indexOf(LF, i + 1);
    }
    i = bytes.indexOf(CR);
    while (i !== -1) {
        // A CR before an LF is one break with it (already counted). A CR as the last byte is a break: what follows
        // it in the file, the invalid sequence, is not an LF.
        if (bytes[i + 1] !== LF) count++;
        i = bytes.indexOf(CR, i + 1);
    }
    return count;
}

/** Excel's delimiter line, read off the start of the text. */
export interface SepLine {
    /** The one character after `sep=` (a real tab for tab; any character but CR and LF, e.g. "|"). */
    delimiter: string;
    /**
     * The text after the sep line and its line break: `text.slice(removedChars)`. Engines keep such a slice as a view
     * of the original string (no copy); a caller that keeps offsets may use `removedChars` instead. The data then
     * starts on physical line 2 of the file: add 1 to line numbers found in it.
     */
    text: string;
    /** UTF-16 code units removed: 5 for `sep=;`, plus 1 for a LF or lone CR, 2 for CR LF. */
    removedChars: number;
}

/**
 * Reads Excel's `sep=` first line: `sep=`, exactly one character (the field delimiter), then CR LF, LF, lone CR or
 * the end of the text. Anything else on the line (a space, `sep=;;`, `"sep=;"`, a header such as `separator,b`) means
 * it is not a sep line: null. Pass the decoded text without a byte order mark (decodeCsvBytes removes it); a text
 * starting with U+FEFF is not a sep line.
 *
 * Assumptions (Microsoft documents no sep line; Excel reads it when it opens a .csv, other tools write it for Excel):
 * - `sep=` is matched case-insensitively (`SEP=;`, `Sep=;` count): readers that support it compare it ignoring case
 *   (e.g. github.com/tspence/csharp-csv-reader issue 28), and a first line that is exactly `Sep=;` is no plausible
 *   header. Excel's own case handling is not verified.
 * - Excel reading a sep line is reported to disregard a UTF-8 byte order mark (github.com/Belphemur/vue-json-csv
 *   issue 43, citing Stack Overflow 20395699). This function does not emulate that: decoding comes first.
 * - Dataverse knows nothing of sep lines: an import takes `sep=;` as the header row (or first data row). The caller
 *   decides what to tell the maker; see fieldDelimiterCodeFor for the delimiter's importfile code.
 */
export function readSepLine(text: string): SepLine | null {
    if (text.length < 5 || text.slice(0, 4).toLowerCase() !== "sep=") return null;
    const delimiter = text[4];
    const code = text.charCodeAt(4);
    // CR/LF: no delimiter at all. A surrogate is half a character, not one.
    if (delimiter === "\r" || delimiter === "\n" || (code >= 0xd800 && code <= 0xdfff)) return null;
    let end = 5;
    if (text.length > 5) {
        const next = text[5];
        if (next === "\n") end = 6;
        else if (next === "\r") end = text[6] === "\n" ? 7 : 6;
        else return null;
    }
    return { delimiter, text: text.slice(end), removedChars: end };
}

/**
 * importfile.fielddelimitercode for a delimiter (options.ts DELIMITERS: ":" 1, "," 2, tab 3, ";" 4); null for any
 * other, e.g. "|": Dataverse has no code for it, so such a file cannot be imported as it is.
 */
export function fieldDelimiterCodeFor(delimiter: string): FieldDelimiterCode | null {
    for (const code of Object.values(FieldDelimiterCode)) {
        if (DELIMITERS[code] === delimiter) return code;
    }
    return null;
}
