/**
 * The states of a file's preview (hooks/previewSession.ts runs it, usePreview.ts shows it), as types and the constants
 * the views need. Kept apart from the session so the views can use them without carrying the CSV code, which lives
 * in the on-demand CSV library (dataverse/csvLibrary.ts).
 */
import type { CsvOptions, CsvPreview, HeaderMapping, ScanResult, ScanSettings } from "../domain/csv";
import type { ValueCheckSummary } from "../domain/csv/valueChecks";
import type { ImportFileContent } from "../dataverse/importFileContent";
import type { CsvLibraryUnavailableReason } from "../dataverse/csvLibrary";
import type { DataverseFailure } from "../dataverse/failures";

/** Above this size (KB; 8 MB, the platform's upload limit) the user is asked before the content is downloaded. */
export const CONFIRM_ABOVE_KB = 8192;

export type ScanState =
    | { status: "notStarted" }
    | { status: "running"; fraction: number }
    | { status: "done"; result: ScanResult }
    | { status: "cancelled"; fraction: number }
    | { status: "failed"; message: string };

export type MappingState =
    /** The mapping is not checked: a data map decides it, the file has no header row, or nothing to map. */
    | { status: "notApplicable"; reason: "dataMap" | "noHeaderRow" | "noHeaders" | "notCsv" }
    | { status: "loading" }
    | {
          status: "ready";
          table: string;
          mappings: HeaderMapping[];
          complete: boolean;
          /** The preview's rows checked against the mapped columns' rules (domain/csv/valueChecks.ts). */
          values: ValueCheckSummary;
          /** The user's short date pattern the dates were read with, e.g. "M/d/yyyy". */
          datePattern: string;
          /**
           * The file has more headings than the table has columns an import can fill (IsValidForCreate; known only
           * when the table's column list is complete): a warning of its own.
           */
          tooManyColumns?: { headings: number; columns: number };
      }
    | { status: "noTable" }
    /** No column of the table could be read here: the headings were not checked. */
    | { status: "unavailable"; table: string }
    | { status: "failed"; failure: DataverseFailure };

export type PreviewState =
    | { phase: "closed" }
    /** Big file: waiting for the user to confirm the download. */
    | { phase: "confirm"; sizeKb: number }
    | { phase: "loading" }
    /** The CSV library (dataverse/csvLibrary.ts) could not be loaded: nothing can be previewed. */
    | { phase: "unavailable"; reason: CsvLibraryUnavailableReason }
    | { phase: "failed"; failure: DataverseFailure }
    | {
          phase: "ready";
          content: ImportFileContent;
          options: CsvOptions;
          preview: CsvPreview;
          scan: ScanState;
          mapping: MappingState;
      };

export const CLOSED: PreviewState = { phase: "closed" };

/** The file to preview, as the list knows it before any download. */
export interface PreviewTarget {
    fileId: string;
    /** modifiedon in ms, or null when unknown (then nothing is cached). */
    modifiedOn: number | null;
    /** importfile.size in KB, or null when unknown. */
    sizeKb: number | null;
    /** The list's target table, used when the record names none. */
    targetTable: string;
    /**
     * A file not stored yet (being added from the form): its text and settings as the record will have them. It is
     * previewed and checked as it is, with no request but the target table's columns, and never cached.
     */
    local?: ImportFileContent;
}

/** Scan knobs the tests (and a slow device) may set. */
export type PreviewScanSettings = Pick<ScanSettings, "yieldToHost" | "sliceBudgetMs" | "sliceChars" | "now">;

