/**
 * Findings: what the CSV checks report. Each one is a resx key plus arguments, so the view localises it;
 * nothing here is display text. The English texts live in STRINGS.txt next to this file.
 */

export type Severity = "error" | "warning" | "info";

export interface Finding {
    severity: Severity;
    key: FindingKey;
    /**
     * The message's {0} {1} … values, complete: a line or column the text shows is in `args` too. Delimiter codes
     * (csv.delimiter.*, csv.dataDelimiter.*) are to be replaced by their localised names before formatting.
     */
    args: (string | number)[];
    /** 1-based physical line in the file (a quoted field with line breaks spans several lines). */
    line?: number;
    /** 1-based column (field) number. */
    column?: number;
    /** The header text of that column, verbatim, when there is one. */
    columnName?: string;
}

/** Every finding key. Field and data delimiter arguments are the importfile codes (1..4, 1..3), for the view to name. */
export const FindingKeys = {
    /** args: [code]. fielddelimitercode is empty or unknown; comma assumed. */
    FieldDelimiterUnknown: "csv.config.fieldDelimiterUnknown",
    /** args: [code]. datadelimitercode is empty or unknown; double quote assumed. */
    DataDelimiterUnknown: "csv.config.dataDelimiterUnknown",
    /** args: []. isfirstrowheader is empty; first row taken as the header. */
    FirstRowHeaderUnknown: "csv.config.firstRowHeaderUnknown",
    /** args: []. filetypecode is empty; CSV assumed. */
    FileTypeUnknown: "csv.config.fileTypeUnknown",
    /** args: [filetypecode]. Not a CSV file: no preview in the browser. */
    FileTypeNotPreviewable: "csv.fileType.notPreviewable",
    /** args: []. No content, or only white space / a byte order mark. */
    Empty: "csv.file.empty",
    /** args: []. The header row and nothing else. */
    HeaderOnly: "csv.file.headerOnly",
    /** args: [columnCount]. isfirstrowheader is false: columns get generated names. */
    NoHeaderRow: "csv.file.noHeaderRow",
    /** args: [column]. A header cell is empty. */
    HeaderBlank: "csv.header.blank",
    /** args: [name, firstColumn, column]; column = the later one. */
    HeaderDuplicate: "csv.header.duplicate",
    /** args: [configuredCode, detectedCode]. */
    DelimiterMismatch: "csv.delimiter.mismatch",
    /** args: [detectedDataDelimiterCode]. Fields are wrapped in quotes but datadelimitercode is None. */
    QuotesWithNone: "csv.dataDelimiter.quotesWithNone",
    /** args: [configuredCode, detectedCode]. Fields are wrapped in the other quote character. */
    DataDelimiterMismatch: "csv.dataDelimiter.mismatch",
    /** args: [column, serverName, fileName]. importfile.headerrow differs from the file's first row. */
    HeaderRowMismatch: "csv.headerRow.mismatch",
    /** args: [line, expected, actual]. Error 0x80040345 at parse time. */
    FieldCount: "csv.row.fieldCount",
    /** args: [line]. An empty line between rows. */
    BlankLine: "csv.row.blank",
    /** args: [line]. A quoted field is never closed: the rest of the file is one field. */
    UnterminatedQuote: "csv.quote.unterminated",
    /** args: [line]. A closing quote is followed by something other than a delimiter or line break. */
    MalformedQuote: "csv.quote.malformed",
    /** args: [line, limitKb]. A row longer than the preview reads; the preview stops before it. */
    LineTooLong: "csv.preview.lineTooLong",
    /** args: [count, expected, firstLine]. Full scan summary of csv.row.fieldCount. */
    ScanFieldCount: "csv.scan.fieldCount",
    /** args: [count, firstLine]. Full scan summary of csv.row.blank. */
    ScanBlankLines: "csv.scan.blankLines",
    /** args: [count, firstLine]. Full scan summary of csv.quote.malformed. */
    ScanMalformedQuotes: "csv.scan.malformedQuotes",
} as const;
export type FindingKey = (typeof FindingKeys)[keyof typeof FindingKeys];

/** Label of a generated column name when the file has no header row. args: [columnNumber]. */
export const SYNTHETIC_HEADER_KEY = "csv.header.synthetic";

export function finding(
    severity: Severity,
    key: FindingKey,
    args?: (string | number)[],
    where?: { line?: number; column?: number; columnName?: string },
): Finding {
    return { severity, key, args: args ?? [], ...where };
}

/**
 * Findings come out in one order, whatever produced them: about the record, the file, the header, the
 * dialect, then the rows by line (a row's quote problem before its field count), then the preview's limit.
 */
const GROUPS: readonly (readonly FindingKey[])[] = [
    [FindingKeys.FileTypeNotPreviewable],
    [FindingKeys.FieldDelimiterUnknown],
    [FindingKeys.DataDelimiterUnknown],
    [FindingKeys.FirstRowHeaderUnknown],
    [FindingKeys.FileTypeUnknown],
    [FindingKeys.Empty],
    [FindingKeys.HeaderOnly],
    [FindingKeys.NoHeaderRow],
    [FindingKeys.HeaderBlank, FindingKeys.HeaderDuplicate],
    [FindingKeys.DelimiterMismatch],
    [FindingKeys.QuotesWithNone, FindingKeys.DataDelimiterMismatch],
    [FindingKeys.HeaderRowMismatch],
    [
        FindingKeys.UnterminatedQuote,
        FindingKeys.MalformedQuote,
        FindingKeys.ScanMalformedQuotes,
        FindingKeys.FieldCount,
        FindingKeys.ScanFieldCount,
        FindingKeys.BlankLine,
        FindingKeys.ScanBlankLines,
    ],
    [FindingKeys.LineTooLong],
];
const GROUP_OF = new Map<FindingKey, number>();
const INDEX_IN_GROUP = new Map<FindingKey, number>();
GROUPS.forEach((keys, g) =>
    keys.forEach((key, i) => {
        GROUP_OF.set(key, g);
        INDEX_IN_GROUP.set(key, i);
    }),
);

export function sortFindings(findings: Finding[]): Finding[] {
    return findings.sort(
        (a, b) =>
            (GROUP_OF.get(a.key) ?? 0) - (GROUP_OF.get(b.key) ?? 0) ||
            (a.line ?? 0) - (b.line ?? 0) ||
            (a.column ?? 0) - (b.column ?? 0) ||
            (INDEX_IN_GROUP.get(a.key) ?? 0) - (INDEX_IN_GROUP.get(b.key) ?? 0),
    );
}
