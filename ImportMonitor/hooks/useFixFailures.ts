/**
 * Fix and import again, as React state (the platform's advice: export the failed rows, correct them, import them
 * again): export each file's failed source rows with their errors; import the failed rows again as they are (when
 * the cause is fixed in Dataverse since, e.g. a missing lookup record created); or start a new import for a corrected
 * file (added there with Add files). A re-import is a new import: same mode, a name that says what it retries, each
 * file with the same table, delimiters, header row, map and duplicate detection as its original.
 */
import * as React from "react";
import type { FileDraft } from "../domain/addFiles";
import { csvOptionsFor } from "../domain/csv/options";
import type { ImportLogRow, ImportService } from "../dataverse/importService";
import { PREVIEW_COLUMNS, toImportFileContent } from "../dataverse/importFileContent";
import type { ImportFileContent } from "../dataverse/importFileContent";
import { CsvLibraryUnavailable } from "../dataverse/csvLibrary";
import type { CsvLibrary } from "../dataverse/csvLibrary";
import { DataverseFailure, toFailure } from "../dataverse/failures";
import { normalizeGuid } from "../domain/importFile";

/** A file whose failures are fixed: its id, name, and (when known) its partly failed rows count. */
export interface FixFile {
    id: string;
    name: string;
    /** importfile.partialfailurecount; rows failing only in Transform are marked partly failed when it is above 0. */
    partialFailureCount?: number | null;
}

export interface FixWords {
    errorsHeading: string;
    partialPrefix: string;
    phaseName: (phase: number | null) => string;
    /** The name of a file of failed rows, from its original's name. */
    failedRowsFileName: (name: string) => string;
    /** The new import's name: "as is" retries or corrected rows, from the original import's name. */
    importName: (kind: "asIs" | "corrected", original: string) => string;
}

export type FixState =
    | { status: "idle" }
    | { status: "working"; kind: FixKind }
    | { status: "exported"; rows: number; files: number; skipped: number }
    | {
          status: "created";
          kind: "asIs" | "corrected";
          importId: string;
          importName: string;
          rows: number;
          files: number;
          skipped: number;
          /** Partly failed rows left out of an "as is" re-import: their records exist already (Create would duplicate them). */
          partlyFailed: number;
      }
    /** Nothing to import again: no failed row was found, or every one was partly failed (its record exists). */
    | { status: "nothingToImport"; partlyFailed: number }
    /** `leftBehind`: the name of a new import that could not be deleted again after a later step failed. */
    | { status: "failed"; kind: FixKind; failure: DataverseFailure | CsvLibraryUnavailable; leftBehind?: string };

export type FixKind = "export" | "asIs" | "corrected";

export interface FixFailuresOptions {
    service: ImportService;
    /** The original import's name and mode (import.modecode: 0 Create, 1 Update); "" / null when not read yet. */
    importName: string;
    modeCode: number | null;
    ownerId: string | null;
    words: FixWords;
    /** Saves a file of failed rows (components/download.ts). */
    download: (fileName: string, text: string) => void;
}

export interface FixFailuresController {
    state: FixState;
    /** Downloads one CSV per file with failures: its header, its failed source rows, an errors column. */
    exportRows: (files: readonly FixFile[], rows: readonly ImportLogRow[]) => void;
    /** A new import with each file's failed rows as they are. */
    reimportAsIs: (files: readonly FixFile[], rows: readonly ImportLogRow[]) => void;
    /** A new, empty import with the same mode, for a corrected file (named after the import, else the first file). */
    newImportForCorrected: (files: readonly FixFile[]) => void;
}

/** Columns read again to repeat a file's settings on a re-import. */
const SETTINGS_COLUMNS = [...PREVIEW_COLUMNS, "sourceentityname", "enableduplicatedetection", "name"];

interface FileRead {
    file: FixFile;
    content: ImportFileContent;
    mapId: string | null;
    sourceEntity: string;
    duplicateDetection: boolean;
    rows: ImportLogRow[];
}

/**
 * A row's failures are taken as partial (the record was created without some values) when its file has partly failed
 * rows and the failure is in Transform: the importlog does not say (assumed; README "Fixing failures").
 */
function isPartial(read: FileRead, r: ImportLogRow): boolean {
    return (read.file.partialFailureCount ?? 0) > 0 && r.phase === 1;
}

/** The failed rows of one file (with or without the errors column); `rows` narrows the failures. */
function failedRows(library: CsvLibrary, read: FileRead, words: FixWords, errorsColumn: boolean, rows: readonly ImportLogRow[] = read.rows) {
    return library.exportFailedRows(
        read.content.content,
        csvOptionsFor(read.content),
        rows.map((r) => ({ ...r, partial: isPartial(read, r) })),
        { errorsHeading: words.errorsHeading, partialPrefix: words.partialPrefix, phaseName: words.phaseName },
        { errorsColumn },
    );
}

export function useFixFailures({ service, importName, modeCode, ownerId, words, download }: FixFailuresOptions): FixFailuresController {
    const [state, setState] = React.useState<FixState>({ status: "idle" });
    const working = React.useRef(false);
    const mounted = React.useRef(true);
    React.useEffect(
        () => () => {
            mounted.current = false;
        },
        [],
    );
    const latest = React.useRef({ importName, modeCode, ownerId, words, download });
    latest.current = { importName, modeCode, ownerId, words, download };

    /** Runs one action at a time (a double click does nothing more); never rejects. */
    const run = React.useCallback(
        (kind: FixKind, action: (library: CsvLibrary) => Promise<FixState>) => {
            if (working.current) return;
            working.current = true;
            setState({ status: "working", kind });
            const go = async () => {
                try {
                    const library = await service.loadCsvLibrary();
                    const next = await action(library);
                    if (mounted.current) setState(next);
                } catch (error) {
                    console.warn(`ImportMonitor: ${kind} failed`, error);
                    if (mounted.current) setState({ status: "failed", kind, failure: error instanceof CsvLibraryUnavailable ? error : toFailure(error) });
                } finally {
                    working.current = false;
                }
            };
            void go();
        },
        [service],
    );

    const readFiles = React.useCallback(
        async (files: readonly FixFile[], rows: readonly ImportLogRow[]): Promise<FileRead[]> => {
            const reads: FileRead[] = [];
            for (const file of files) {
                const id = normalizeGuid(file.id);
                const own = rows.filter((r) => r.fileId === id);
                if (own.length === 0) continue;
                const entity = await service.readFileRecord(id, SETTINGS_COLUMNS);
                const mapId = typeof entity._importmapid_value === "string" && entity._importmapid_value ? normalizeGuid(entity._importmapid_value) : null;
                reads.push({
                    file,
                    content: toImportFileContent(entity),
                    mapId,
                    sourceEntity: typeof entity.sourceentityname === "string" ? entity.sourceentityname : "",
                    duplicateDetection: entity.enableduplicatedetection === true,
                    rows: own,
                });
            }
            return reads;
        },
        [service],
    );

    const exportRows = React.useCallback(
        (files: readonly FixFile[], rows: readonly ImportLogRow[]) =>
            run("export", async (library) => {
                let exported = 0;
                let skipped = 0;
                const reads = await readFiles(files, rows);
                for (const read of reads) {
                    const result = await failedRows(library, read, latest.current.words, true);
                    exported += result.rows;
                    skipped += result.skipped;
                    if (result.rows > 0) latest.current.download(latest.current.words.failedRowsFileName(read.file.name), result.csv);
                }
                return { status: "exported", rows: exported, files: reads.length, skipped };
            }),
        [run, readFiles],
    );

    const reimportAsIs = React.useCallback(
        (files: readonly FixFile[], rows: readonly ImportLogRow[]) =>
            run("asIs", async (library) => {
                const { words: w, importName: original, modeCode: mode, ownerId: owner } = latest.current;
                const reads = await readFiles(files, rows);
                const drafts: FileDraft[] = [];
                let skipped = 0;
                let total = 0;
                let partlyFailed = 0;
                for (const read of reads) {
                    // Partly failed rows were created (without some values): importing them again would duplicate them.
                    const partialLines = new Set(read.rows.filter((r) => r.lineNumber !== null && isPartial(read, r)).map((r) => r.lineNumber));
                    const fullRows = read.rows.filter((r) => !partialLines.has(r.lineNumber));
                    partlyFailed += partialLines.size;
                    if (fullRows.length === 0) continue;
                    const result = await failedRows(library, read, w, false, fullRows);
                    skipped += result.skipped;
                    if (result.rows === 0) continue;
                    total += result.rows;
                    const options = csvOptionsFor(read.content);
                    drafts.push({
                        key: read.file.id,
                        name: w.failedRowsFileName(read.file.name),
                        bytes: new TextEncoder().encode(result.csv).length,
                        text: result.csv,
                        encoding: "utf-8",
                        firstNonUtf8Line: null,
                        truncated: false,
                        sepDelimiter: null,
                        fieldDelimiterCode: options.delimiterCode,
                        delimiterGuessed: false,
                        settings: {
                            fieldDelimiterCode: options.delimiterCode,
                            dataDelimiterCode: options.dataDelimiterCode,
                            isFirstRowHeader: options.firstRowHeader,
                            targetTable: read.content.targetTable,
                            mapId: read.content.usesSystemMap ? null : read.mapId,
                            mapSourceEntity: read.content.usesSystemMap ? null : read.sourceEntity,
                            duplicateDetection: read.duplicateDetection,
                        },
                    });
                }
                if (drafts.length === 0) return { status: "nothingToImport", partlyFailed };
                const name = w.importName("asIs", original || files[0]?.name || "");
                const importId = await service.createImport(name, mode ?? 0);
                try {
                    for (const draft of drafts) await service.createImportFile(importId, draft, owner);
                } catch (error) {
                    // Nothing half-made is left: the new import goes, with any file already in it; if even that fails,
                    // the maker is told which import is left.
                    try {
                        await service.deleteImport(importId);
                    } catch (cleanup) {
                        console.error(`ImportMonitor: the unfinished import ${importId} could not be deleted`, cleanup);
                        return { status: "failed", kind: "asIs", failure: toFailure(error), leftBehind: name };
                    }
                    throw error;
                }
                return { status: "created", kind: "asIs", importId, importName: name, rows: total, files: drafts.length, skipped, partlyFailed };
            }),
        [run, readFiles, service],
    );

    const newImportForCorrected = React.useCallback(
        (files: readonly FixFile[]) =>
            run("corrected", async () => {
                const { words: w, importName: original, modeCode: mode } = latest.current;
                const name = w.importName("corrected", original || files[0]?.name || "");
                const importId = await service.createImport(name, mode ?? 0);
                return { status: "created", kind: "corrected", importId, importName: name, rows: 0, files: 0, skipped: 0, partlyFailed: 0 };
            }),
        [run, service],
    );

    return { state, exportRows, reimportAsIs, newImportForCorrected };
}
