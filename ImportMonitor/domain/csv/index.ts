/** CSV preview and checks for importfile content: pure functions, no React, no DOM, no Web API. */
export { finding, FindingKeys, MAX_PLACES, SYNTHETIC_HEADER_KEY, sortFindings } from "./findings";
export type { Finding, FindingKey, FindingPlace, Severity } from "./findings";
export { csvOptionsFor, DataDelimiterCode, DELIMITERS, FieldDelimiterCode, FileTypeCode, QUOTES } from "./options";
export type { CsvOptions, ImportFileCsvRecord } from "./options";
export { previewCsv, ROW_FINDING_KEYS } from "./preview";
export type { CsvPreview, PreviewHeader, PreviewRow, PreviewSettings } from "./preview";
export { DEFAULT_SLICE_CHARS, scanCsv } from "./fullScan";
export type { ScanProblem, ScanResult, ScanSettings } from "./fullScan";
export { mapHeadersToColumns } from "./headerMapping";
export type { HeaderMapping, TableColumn } from "./headerMapping";
export { PREFIX_INITIAL_CHARS, PREFIX_MAX_CHARS } from "./boundedPrefix";
