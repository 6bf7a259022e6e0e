/**
 * The CSV dialect of an importfile record: its field delimiter, data delimiter (quote), header flag and
 * file type, with the platform's defaults for empty or unknown codes and a finding saying so.
 */
import { finding, FindingKeys, type Finding } from "./findings";

/** importfile.fielddelimitercode */
export const FieldDelimiterCode = { Colon: 1, Comma: 2, Tab: 3, Semicolon: 4 } as const;
export type FieldDelimiterCode = (typeof FieldDelimiterCode)[keyof typeof FieldDelimiterCode];

/** importfile.datadelimitercode */
export const DataDelimiterCode = { DoubleQuote: 1, None: 2, SingleQuote: 3 } as const;
export type DataDelimiterCode = (typeof DataDelimiterCode)[keyof typeof DataDelimiterCode];

/** importfile.filetypecode */
export const FileTypeCode = { Csv: 0, XmlSpreadsheet2003: 1, Attachment: 2, Xlsx: 3 } as const;

export const DELIMITERS: Readonly<Record<FieldDelimiterCode, string>> = { 1: ":", 2: ",", 3: "\t", 4: ";" };
export const QUOTES: Readonly<Record<DataDelimiterCode, string | null>> = { 1: '"', 2: null, 3: "'" };

/** The importfile columns this module reads (Web API logical names). */
export interface ImportFileCsvRecord {
    content?: string | null;
    fielddelimitercode?: number | null;
    datadelimitercode?: number | null;
    isfirstrowheader?: boolean | null;
    filetypecode?: number | null;
    /** Set by the server after a parse: the header columns, comma-separated. */
    headerrow?: string | null;
}

export interface CsvOptions {
    delimiter: string;
    delimiterCode: FieldDelimiterCode;
    /** null: data delimiter None, quotes are ordinary characters. */
    quoteChar: string | null;
    dataDelimiterCode: DataDelimiterCode;
    firstRowHeader: boolean;
    /** The record's filetypecode; 0 (CSV) when empty. Only CSV is previewed. */
    fileType: number;
    /** importfile.headerrow, when the server has parsed the file. */
    serverHeaderRow: string | null;
    /** What was assumed about the record (unknown codes, non-CSV type). previewCsv and scanCsv report these first. */
    findings: Finding[];
}

function isFieldDelimiterCode(code: unknown): code is FieldDelimiterCode {
    return code === 1 || code === 2 || code === 3 || code === 4;
}

function isDataDelimiterCode(code: unknown): code is DataDelimiterCode {
    return code === 1 || code === 2 || code === 3;
}

/** Empty and unknown codes default like the platform: comma, double quote, first row header, CSV. */
export function csvOptionsFor(record: ImportFileCsvRecord): CsvOptions {
    const findings: Finding[] = [];
    const fieldCode = record.fielddelimitercode;
    let delimiterCode: FieldDelimiterCode = FieldDelimiterCode.Comma;
    if (isFieldDelimiterCode(fieldCode)) delimiterCode = fieldCode;
    else findings.push(finding("warning", FindingKeys.FieldDelimiterUnknown, [fieldCode ?? ""]));

    const dataCode = record.datadelimitercode;
    let dataDelimiterCode: DataDelimiterCode = DataDelimiterCode.DoubleQuote;
    if (isDataDelimiterCode(dataCode)) dataDelimiterCode = dataCode;
    else findings.push(finding("warning", FindingKeys.DataDelimiterUnknown, [dataCode ?? ""]));

    let firstRowHeader = true;
    if (typeof record.isfirstrowheader === "boolean") firstRowHeader = record.isfirstrowheader;
    else findings.push(finding("info", FindingKeys.FirstRowHeaderUnknown));

    let fileType: number = FileTypeCode.Csv;
    if (typeof record.filetypecode === "number") fileType = record.filetypecode;
    else findings.push(finding("info", FindingKeys.FileTypeUnknown));
    if (fileType !== FileTypeCode.Csv) findings.push(finding("info", FindingKeys.FileTypeNotPreviewable, [fileType]));

    return {
        delimiter: DELIMITERS[delimiterCode],
        delimiterCode,
        quoteChar: QUOTES[dataDelimiterCode],
        dataDelimiterCode,
        firstRowHeader,
        fileType,
        serverHeaderRow: record.headerrow ?? null,
        findings,
    };
}
