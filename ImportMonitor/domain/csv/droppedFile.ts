/**
 * A dropped file's bytes as the add-files flow needs them (domain/addFiles.ts DecodedFile): decoded (decode.ts),
 * Excel's `sep=` first line used and removed, and the field delimiter guessed from the content when there is no sep
 * line (the same guess the preview makes against a record's delimiter: delimiterGuess.ts). Part of the CSV library.
 */
import type { DecodedFile } from "../addFiles";
import { decodeCsvBytes, fieldDelimiterCodeFor, readSepLine } from "./decode";
import { guessDelimiter } from "./delimiterGuess";
import { FieldDelimiterCode } from "./options";
import { detectNewline } from "./text";

/** The start of the text the guess looks at (complete lines only), at most. */
const GUESS_CHARS = 64 * 1024;

export function readDroppedFile(bytes: Uint8Array): DecodedFile {
    const decoded = decodeCsvBytes(bytes);
    const sep = readSepLine(decoded.text);
    const text = sep ? sep.text : decoded.text;
    const sepCode = sep ? fieldDelimiterCodeFor(sep.delimiter) : null;
    let fieldDelimiterCode: FieldDelimiterCode = sepCode ?? FieldDelimiterCode.Comma;
    let delimiterGuessed = false;
    if (sepCode === null) {
        const isLast = text.length <= GUESS_CHARS;
        let sample = isLast ? text : text.slice(0, GUESS_CHARS);
        if (!isLast) sample = sample.slice(0, Math.max(sample.lastIndexOf("\n"), sample.lastIndexOf("\r"), 0));
        const guessed = guessDelimiter(sample, FieldDelimiterCode.Comma, { delimiter: ",", quoteChar: '"', newline: detectNewline(sample, 0, '"') }, isLast);
        if (guessed !== null) {
            fieldDelimiterCode = guessed;
            delimiterGuessed = true;
        }
    }
    return {
        text,
        encoding: decoded.encoding,
        firstNonUtf8Line: decoded.firstNonUtf8Line,
        truncated: decoded.truncated,
        sepDelimiter: sep?.delimiter ?? null,
        fieldDelimiterCode,
        delimiterGuessed,
    };
}
