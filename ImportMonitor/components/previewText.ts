/**
 * Texts of the preview that are built from data: a finding's message (delimiter codes named) and
 * a file type's name. Every text comes from the resx.
 */
import { FindingKeys } from "../domain/csv/findings";
import type { Finding, FindingKey } from "../domain/csv";
import type { Localize } from "../strings/localize";

/** The codes the resx names (Delimiter_<code>, DataDelimiter_<code>, Preview_FileType_<code>). */
export const FIELD_DELIMITER_CODES = [1, 2, 3, 4];
export const DATA_DELIMITER_CODES = [1, 2, 3];
export const FILE_TYPE_CODES = [0, 1, 2, 3];

function named(t: Localize, prefix: string, codes: readonly number[], code: string | number): string {
    const n = Number(code);
    return codes.includes(n) ? t(`${prefix}${n}`) : String(code);
}

/** importfile.fielddelimitercode → "comma (,)"; an unknown code stays as it is. */
export function fieldDelimiterName(t: Localize, code: string | number): string {
    return named(t, "Delimiter_", FIELD_DELIMITER_CODES, code);
}

/** importfile.datadelimitercode → "double quotes (")"; an unknown code stays as it is. */
export function dataDelimiterName(t: Localize, code: string | number): string {
    return named(t, "DataDelimiter_", DATA_DELIMITER_CODES, code);
}

/** importfile.filetypecode → "XML Spreadsheet 2003"; an unknown code stays as a number. */
export function fileTypeName(t: Localize, code: number): string {
    return named(t, "Preview_FileType_", FILE_TYPE_CODES, code);
}

/**
 * The delimiter of Excel's sep line (csv.sepLine.*): a number is a field delimiter code, named; a string is the
 * character itself, which Dataverse has no code for ("|"), shown as it is.
 */
export function sepDelimiterName(t: Localize, delimiter: string | number): string {
    return typeof delimiter === "number" ? fieldDelimiterName(t, delimiter) : delimiter;
}

/** Which arguments of a finding are delimiter codes, and how each is named. */
const NAMED_ARGS: Partial<Record<FindingKey, ((t: Localize, code: string | number) => string)[]>> = {
    [FindingKeys.DelimiterMismatch]: [fieldDelimiterName, fieldDelimiterName],
    [FindingKeys.DelimiterMismatchRagged]: [fieldDelimiterName, fieldDelimiterName],
    [FindingKeys.SepLineHeader]: [sepDelimiterName],
    [FindingKeys.SepLineData]: [sepDelimiterName],
    [FindingKeys.SepLineDelimiter]: [sepDelimiterName, fieldDelimiterName],
    [FindingKeys.DataDelimiterMismatch]: [dataDelimiterName, dataDelimiterName],
    [FindingKeys.QuotesWithNone]: [dataDelimiterName],
};

/** The finding's message from the resx, its delimiter codes replaced by their localised names. */
export function findingText(t: Localize, finding: Finding): string {
    const names = NAMED_ARGS[finding.key];
    return t(finding.key, ...finding.args.map((arg, i) => names?.[i]?.(t, arg) ?? arg));
}
