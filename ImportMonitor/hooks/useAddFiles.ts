/**
 * Adding files to the form's import, as React state: files dropped or picked are read and decoded in the browser
 * (the CSV library), given settings (guessed, then the maker's), and created as importfile records one at a time
 * when the maker says so. Nothing is sent before create(); create() sends one request per file and nothing else.
 * A file that fails to be created is listed with its reason and kept to try again; the others are created.
 */
import * as React from "react";
import { ACCEPTED_EXTENSIONS, draftBlockers, guessTable, REFUSE_ABOVE_BYTES } from "../domain/addFiles";
import type { FileDraft, FileSettings } from "../domain/addFiles";
import { DataDelimiterCode } from "../domain/csv/options";
import { CsvLibraryUnavailable } from "../dataverse/csvLibrary";
import type { CsvLibraryUnavailableReason } from "../dataverse/csvLibrary";
import type { ImportableTable, ImportMapOption } from "../dataverse/addFilesService";
import { toFailure } from "../dataverse/failures";
import type { DataverseFailure } from "../dataverse/failures";
import type { ImportService } from "../dataverse/importService";

/** A file that was not taken, and why: not .csv/.txt, above REFUSE_ABOVE_BYTES, unreadable, or no CSV library. */
export interface RejectedFile {
    name: string;
    reason: "type" | "tooLarge" | "unreadable" | "library";
    libraryReason?: CsvLibraryUnavailableReason;
}

export type ListState<T> = { status: "loading" } | { status: "ready"; value: T } | { status: "failed"; failure: DataverseFailure };

/** What create() did with a file. */
export interface CreateResult {
    key: string;
    name: string;
    /** The new importfile's id; absent when it failed. */
    id?: string;
    failure?: DataverseFailure;
}

/**
 * A new import for the files (the form's import already ran: parsing it again would process its old files too, and
 * its stages only run while every file is Not Started): created first, with the original's mode.
 */
export interface NewImport {
    name: string;
    /** import.modecode: 0 Create, 1 Update. */
    modeCode: number;
}

export interface CreateProgress {
    /** Files created or failed so far. */
    done: number;
    total: number;
    /** The file being sent. */
    current: string;
    /** Cancel was asked: no file after the one being sent. */
    cancelling: boolean;
}

export interface AddFilesController {
    drafts: readonly FileDraft[];
    rejected: readonly RejectedFile[];
    /** Files being read and decoded. */
    reading: number;
    /** The tables to pick from; value null: the host can't list them (the name is typed). */
    tables: ListState<ImportableTable[] | null>;
    maps: ListState<ImportMapOption[]>;
    creating: CreateProgress | null;
    /** The last create()'s outcome per file. */
    results: readonly CreateResult[];
    /** The import the last create() made for its files (`newImport`); null when they went to the form's import. */
    createdImport: { id: string; name: string } | null;
    add: (files: readonly File[]) => void;
    remove: (key: string) => void;
    update: (key: string, patch: Partial<FileSettings>) => void;
    /**
     * Creates the drafts named (those the maker has seen checked: the panel decides), one request each, in order;
     * drafts with a blocker (domain/addFiles.ts draftBlockers) are never sent.
     */
    create: (keys: readonly string[], newImport?: NewImport) => Promise<void>;
    /** Stops create() before its next file (a request already sent completes). */
    cancel: () => void;
    retryLists: () => void;
    /** Forgets every draft, rejection and result. */
    clear: () => void;
}

function readBytes(file: File): Promise<Uint8Array> {
    return new Promise((resolve, reject) => {
        const reader = new FileReader();
        reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
        reader.onerror = () => reject(reader.error ?? new Error(`Could not read ${file.name}`));
        reader.readAsArrayBuffer(file);
    });
}

function accepted(name: string): boolean {
    const lower = name.toLowerCase();
    return ACCEPTED_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

export interface UseAddFilesOptions {
    service: ImportService;
    /** The form's import; null on an unsaved form (nothing can be created). */
    importId: string | null;
    /** The records owner (the user); null when unknown (then the platform's default applies). */
    ownerId: string | null;
    /** After a create() that created at least one file: refresh the list. */
    onCreated: () => void;
}

let nextKey = 0;

export function useAddFiles({ service, importId, ownerId, onCreated }: UseAddFilesOptions): AddFilesController {
    const [drafts, setDrafts] = React.useState<FileDraft[]>([]);
    const [rejected, setRejected] = React.useState<RejectedFile[]>([]);
    const [reading, setReading] = React.useState(0);
    const [tables, setTables] = React.useState<ListState<ImportableTable[] | null>>({ status: "loading" });
    const [maps, setMaps] = React.useState<ListState<ImportMapOption[]>>({ status: "loading" });
    const [listsWanted, setListsWanted] = React.useState(0);
    const [creating, setCreating] = React.useState<CreateProgress | null>(null);
    const [results, setResults] = React.useState<CreateResult[]>([]);
    const [createdImport, setCreatedImport] = React.useState<{ id: string; name: string } | null>(null);
    const cancelRef = React.useRef(false);
    const mounted = React.useRef(true);
    const tablesRef = React.useRef<ImportableTable[] | null>(null);
    React.useEffect(
        () => () => {
            mounted.current = false;
        },
        [],
    );

    // The table and map lists: read once files are first added (never at page load), again on retryLists().
    React.useEffect(() => {
        if (listsWanted === 0) return;
        setTables({ status: "loading" });
        setMaps({ status: "loading" });
        const load = async () => {
            try {
                const value = await service.readImportableTables();
                tablesRef.current = value;
                if (mounted.current) setTables({ status: "ready", value });
                // Files added before the list arrived get the table their name suggests, if none was chosen.
                if (value && mounted.current) {
                    setDrafts((ds) => ds.map((d) => (d.settings.targetTable ? d : { ...d, settings: { ...d.settings, targetTable: guessTable(d.name, value) } })));
                }
            } catch (error) {
                if (mounted.current) setTables({ status: "failed", failure: toFailure(error) });
            }
            try {
                const value = await service.readImportMaps();
                if (mounted.current) setMaps({ status: "ready", value });
            } catch (error) {
                if (mounted.current) setMaps({ status: "failed", failure: toFailure(error) });
            }
        };
        void load(); // never rejects: each failure is a list state
    }, [service, listsWanted]);

    const add = React.useCallback(
        (files: readonly File[]) => {
            if (files.length === 0) return;
            setListsWanted((n) => (n === 0 ? 1 : n));
            const taken = files.filter((f) => {
                if (!accepted(f.name)) return false;
                return f.size <= REFUSE_ABOVE_BYTES;
            });
            const refused: RejectedFile[] = files
                .filter((f) => !taken.includes(f))
                .map((f) => ({ name: f.name, reason: accepted(f.name) ? "tooLarge" : "type" }));
            if (refused.length > 0) setRejected((r) => [...r, ...refused]);
            if (taken.length === 0) return;
            setReading((n) => n + taken.length);
            const readAll = async () => {
                let library;
                try {
                    library = await service.loadCsvLibrary();
                } catch (error) {
                    const libraryReason = error instanceof CsvLibraryUnavailable ? error.reason : "failed";
                    console.warn("ImportMonitor: files can't be read without the CSV library", error);
                    if (mounted.current) {
                        setRejected((r) => [...r, ...taken.map((f): RejectedFile => ({ name: f.name, reason: "library", libraryReason }))]);
                        setReading((n) => n - taken.length);
                    }
                    return;
                }
                // One file at a time: a big file's bytes are dropped before the next is read.
                for (const file of taken) {
                    try {
                        const decoded = library.readDroppedFile(await readBytes(file));
                        const draft: FileDraft = {
                            ...decoded,
                            key: `f${++nextKey}`,
                            name: file.name,
                            bytes: file.size,
                            settings: {
                                fieldDelimiterCode: decoded.fieldDelimiterCode,
                                dataDelimiterCode: DataDelimiterCode.DoubleQuote,
                                isFirstRowHeader: true,
                                targetTable: tablesRef.current ? guessTable(file.name, tablesRef.current) : "",
                                mapId: null,
                                mapSourceEntity: null,
                                duplicateDetection: true,
                            },
                        };
                        if (mounted.current) setDrafts((ds) => [...ds, draft]);
                    } catch (error) {
                        console.warn(`ImportMonitor: ${file.name} could not be read`, error);
                        if (mounted.current) setRejected((r) => [...r, { name: file.name, reason: "unreadable" }]);
                    } finally {
                        if (mounted.current) setReading((n) => n - 1);
                    }
                }
            };
            void readAll(); // never rejects: each failure is a rejected file
        },
        [service],
    );

    const remove = React.useCallback((key: string) => setDrafts((ds) => ds.filter((d) => d.key !== key)), []);
    const update = React.useCallback(
        (key: string, patch: Partial<FileSettings>) => setDrafts((ds) => ds.map((d) => (d.key === key ? { ...d, settings: { ...d.settings, ...patch } } : d))),
        [],
    );

    const draftsRef = React.useRef(drafts);
    draftsRef.current = drafts;
    const creatingRef = React.useRef(false);
    const create = React.useCallback(async (keys: readonly string[], newImport?: NewImport) => {
        // A double click sends nothing twice.
        if (creatingRef.current || importId === null) return;
        const ready = draftsRef.current.filter((d) => keys.includes(d.key) && draftBlockers(d).length === 0);
        if (ready.length === 0) return;
        creatingRef.current = true;
        cancelRef.current = false;
        const outcome: CreateResult[] = [];
        let target = importId;
        let made: { id: string; name: string } | null = null;
        try {
            if (newImport) {
                if (mounted.current) setCreating({ done: 0, total: ready.length, current: newImport.name, cancelling: false });
                try {
                    target = await service.createImport(newImport.name, newImport.modeCode);
                    made = { id: target, name: newImport.name };
                } catch (error) {
                    // No import, no file: every file is kept, with the reason.
                    const failure = toFailure(error);
                    for (const draft of ready) outcome.push({ key: draft.key, name: draft.name, failure });
                    return;
                }
            }
            for (const [i, draft] of ready.entries()) {
                if (cancelRef.current) break;
                if (mounted.current) setCreating({ done: i, total: ready.length, current: draft.name, cancelling: false });
                try {
                    const id = await service.createImportFile(target, draft, ownerId);
                    outcome.push({ key: draft.key, name: draft.name, id });
                    // Created: no longer a draft (its text is let go).
                    if (mounted.current) setDrafts((ds) => ds.filter((d) => d.key !== draft.key));
                } catch (error) {
                    outcome.push({ key: draft.key, name: draft.name, failure: toFailure(error) });
                }
            }
        } finally {
            creatingRef.current = false;
            if (mounted.current) {
                setCreating(null);
                setResults(outcome);
                setCreatedImport(made);
            }
            if (outcome.some((r) => r.id) && !made) onCreated();
        }
    }, [service, importId, ownerId, onCreated]);

    const cancel = React.useCallback(() => {
        cancelRef.current = true;
        setCreating((c) => (c ? { ...c, cancelling: true } : c));
    }, []);
    const retryLists = React.useCallback(() => setListsWanted((n) => n + 1), []);
    const clear = React.useCallback(() => {
        setDrafts([]);
        setRejected([]);
        setResults([]);
    }, []);

    return { drafts, rejected, reading, tables, maps, creating, results, createdImport, add, remove, update, create, cancel, retryLists, clear };
}
