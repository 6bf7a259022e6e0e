/**
 * Findings: what the CSV checks report. Each one is a resx key plus arguments, so the view localises it;
 * nothing here is display text. The English texts live in STRINGS.txt next to this file.
 */

/** "info" is also the level of hints (csv.header.trailingDelimiter, csv.quote.spaceBefore). */
export type Severity = "error" | "warning" | "info";

/**
 * A row or a cell a finding names, for a grid to mark. `line` is the 1-based line where the row starts: the
 * PreviewRow.line of a data row, 1 for the header row (a row with quoted line breaks spans more lines; its
 * `line` is its first). `column` is the 1-based field number; absent when the finding is about the whole row.
 */
export interface FindingPlace {
    line: number;
    column?: number;
}

/** Most places a finding lists (the count is in its args). */
export const MAX_PLACES = 100;

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
    /**
     * The rows and cells the finding is about, in line order, at most MAX_PLACES; absent when it names none (the
     * file, the record, the dialect). A ragged row is its row plus, when it is too long, the cells past the first
     * row's count; a header finding the header's cells (line 1); a scan summary the lines the scan kept
     * (ScanResult.problems of its key).
     */
    places?: FindingPlace[];
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
    /**
     * args: [sepDelimiter]: the delimiter's importfile code (1..4) when it has one, else the character itself (a
     * string, e.g. "|"). Line 1 is Excel's `sep=` hint and the file has a header row: Dataverse reads the hint as the
     * header and the real header as data. line 1.
     */
    SepLineHeader: "csv.sepLine.header",
    /** args: [sepDelimiter] as SepLineHeader. The same without a header row: the hint is imported as the first data row. */
    SepLineData: "csv.sepLine.data",
    /** args: [sepDelimiter, configuredCode]. The hint names another delimiter than the record's. line 1. */
    SepLineDelimiter: "csv.sepLine.delimiterDiffers",
    /** args: [column]. A header cell is empty. */
    HeaderBlank: "csv.header.blank",
    /** args: [name, firstColumn, column]; column = the later one. */
    HeaderDuplicate: "csv.header.duplicate",
    /**
     * args: [column, heading, firstLine, lastLine]. A heading holds a (quoted) line break, so the header row spans
     * several lines. `heading` has its line breaks as spaces (columnName keeps them); line = firstLine.
     */
    HeaderLineBreak: "csv.header.lineBreak",
    /** args: [column]. Hint: the header line ends with the field delimiter, making an empty last column. */
    HeaderTrailingDelimiter: "csv.header.trailingDelimiter",
    /** args: [configuredCode, detectedCode]. With the configured delimiter every row read is a single column. */
    DelimiterMismatch: "csv.delimiter.mismatch",
    /**
     * args: [configuredCode, detectedCode, minFields, maxFields, detectedFields]. With the configured delimiter the
     * rows read have from minFields to maxFields fields (not all one); the detected one gives the first row and
     * most others detectedFields.
     */
    DelimiterMismatchRagged: "csv.delimiter.mismatchRagged",
    /** args: [detectedDataDelimiterCode]. Fields are wrapped in quotes but datadelimitercode is None. */
    QuotesWithNone: "csv.dataDelimiter.quotesWithNone",
    /** args: [configuredCode, detectedCode]. Fields are wrapped in the other quote character. */
    DataDelimiterMismatch: "csv.dataDelimiter.mismatch",
    /** args: [column, serverName, fileName]. importfile.headerrow differs from the file's first row. */
    HeaderRowMismatch: "csv.headerRow.mismatch",
    /**
     * args: [line, ending, fileEnding]; endings are "LF", "CR LF" or "CR" (the same in every language). A line break
     * outside quoted fields other than the rows' own: the first one (preview: in the rows shown; scan: in the file).
     */
    LineEndingMixed: "csv.lineEnding.mixed",
    /** args: [count, firstLine]; column = the first one's. U+FFFD characters (text decoded from another encoding). */
    ReplacementChars: "csv.text.replacementChars",
    /** args: [count, firstLine, firstCode ("U+0000")]; column = the first one's. C0 control characters but TAB, CR, LF. */
    ControlChars: "csv.text.controlChars",
    /** args: [line, expected, actual]. Error 0x80040345 at parse time. */
    FieldCount: "csv.row.fieldCount",
    /** args: [line]. An empty line between rows. */
    BlankLine: "csv.row.blank",
    /** args: [line]. A quoted field is never closed: the rest of the file is one field. */
    UnterminatedQuote: "csv.quote.unterminated",
    /** args: [line]. A closing quote is followed by something other than a delimiter or line break. */
    MalformedQuote: "csv.quote.malformed",
    /**
     * args: [count, firstLine]; column = the first one's. Hint: values that start with spaces and then the quote
     * character (`a, "b"`): the quotes are literal (papaparse and Dataverse only open a quote at a field's start).
     */
    SpaceBeforeQuote: "csv.quote.spaceBefore",
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
    where?: { line?: number; column?: number; columnName?: string; places?: FindingPlace[] },
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
    [FindingKeys.SepLineHeader, FindingKeys.SepLineData, FindingKeys.SepLineDelimiter],
    [FindingKeys.HeaderBlank, FindingKeys.HeaderDuplicate, FindingKeys.HeaderLineBreak, FindingKeys.HeaderTrailingDelimiter],
    [FindingKeys.DelimiterMismatch, FindingKeys.DelimiterMismatchRagged],
    [FindingKeys.QuotesWithNone, FindingKeys.DataDelimiterMismatch],
    [FindingKeys.HeaderRowMismatch],
    [FindingKeys.LineEndingMixed],
    [FindingKeys.ReplacementChars, FindingKeys.ControlChars],
    [
        FindingKeys.SpaceBeforeQuote,
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

/** Line order; on one line the row before its cells, then by column, then in the order of the keys above. */
export function compareByPlace(a: { line: number; column?: number; key: FindingKey }, b: { line: number; column?: number; key: FindingKey }): number {
    return (
        a.line - b.line ||
        (a.column ?? 0) - (b.column ?? 0) ||
        (GROUP_OF.get(a.key) ?? 0) - (GROUP_OF.get(b.key) ?? 0) ||
        (INDEX_IN_GROUP.get(a.key) ?? 0) - (INDEX_IN_GROUP.get(b.key) ?? 0)
    );
}

export function sortFindings(findings: Finding[]): Finding[] {
    return findings.sort(
        (a, b) =>
            (GROUP_OF.get(a.key) ?? 0) - (GROUP_OF.get(b.key) ?? 0) ||
            (a.line ?? 0) - (b.line ?? 0) ||
            (a.column ?? 0) - (b.column ?? 0) ||
            (INDEX_IN_GROUP.get(a.key) ?? 0) - (INDEX_IN_GROUP.get(b.key) ?? 0),
    );
}
