/**
 * Adding files to an import from the form: a dropped file's decoded text and the settings its importfile record
 * will be created with, the limits, and the create's columns. Pure: dataverse/importService.ts sends the record,
 * the CSV library (domain/csv/droppedFile.ts) decodes and guesses, hooks/useAddFiles.ts holds the state.
 * Sources: docs/research/add-files.md, docs/platform-contract.md §16.
 */
import { DELIMITERS } from "./csv/options";
import type { DataDelimiterCode, FieldDelimiterCode } from "./csv/options";
import type { ImportFileContent } from "../dataverse/importFileContent";

/**
 * The Import Data Wizard's documented limit for a CSV file (8 MB; https://learn.microsoft.com/power-apps/user/import-data):
 * above it the control warns, since the wizard would not take the file, but still lets the maker add it.
 */
export const WARN_ABOVE_BYTES = 8 * 1024 * 1024;
/**
 * Above this a file is refused: the create sends the whole text in one request, and the platform's default maximum
 * HTTP request size is 16 MB ("an attachment size cannot exceed the maximum HTTP request size (the default is 16MB)",
 * https://learn.microsoft.com/power-apps/developer/data-platform/create-data-maps-for-import; assumed to bound a
 * JSON POST too). Counted on the text as sent (UTF-16 code units ≈ bytes for the JSON's UTF-8 of most CSV).
 */
export const REFUSE_ABOVE_BYTES = 16 * 1024 * 1024;

/** The file types the picker offers and a drop accepts (by extension; CSV only, as the control previews it). */
export const ACCEPTED_EXTENSIONS = [".csv", ".txt"] as const;

/** The settings an importfile is created with, chosen before anything is sent. */
export interface FileSettings {
    fieldDelimiterCode: FieldDelimiterCode;
    dataDelimiterCode: DataDelimiterCode;
    isFirstRowHeader: boolean;
    /** The target table's logical name; "" until chosen (then nothing can be created). */
    targetTable: string;
    /** An existing data map (importmap) by id; null: the system map (headings matched to display names). */
    mapId: string | null;
    /** The map's `sourceentityname` for the target table (importentitymapping); null with the system map. */
    mapSourceEntity: string | null;
    /** importfile.enableduplicatedetection. */
    duplicateDetection: boolean;
}

/** What the CSV library made of a dropped file's bytes (domain/csv/droppedFile.ts). */
export interface DecodedFile {
    /** The text, decoded once; the only copy the control keeps. */
    text: string;
    encoding: "utf-8" | "utf-16le" | "utf-16be" | "windows-1252";
    /** No BOM and not valid UTF-8: read as Windows-1252; the 1-based line of the first byte that is not UTF-8. */
    firstNonUtf8Line: number | null;
    /** A UTF-16 file with an odd number of bytes: its last character is lost. */
    truncated: boolean;
    /** Excel's first line `sep=;` was found and removed: its delimiter. */
    sepDelimiter: string | null;
    /** The field delimiter: the sep line's, else guessed from the content, else comma. */
    fieldDelimiterCode: FieldDelimiterCode;
    /** True when fieldDelimiterCode was guessed from the content rather than defaulted or given by a sep line. */
    delimiterGuessed: boolean;
}

/** One file to add: what was dropped, how it decoded, and its settings. */
export interface FileDraft extends DecodedFile {
    /** Unique within the session (the file's name can repeat). */
    key: string;
    name: string;
    /** The file's size as dropped (bytes). */
    bytes: number;
    settings: FileSettings;
}

/** The file's name without its extension: "contacts 2026.csv" → "contacts 2026". */
export function baseName(name: string): string {
    return name.replace(/\.[^.]*$/, "") || name;
}

/** importfile.size: "Shows the size of the import file, in kilobytes" (String; importfile-table.txt): rounded up. */
export function sizeKbText(bytes: number): string {
    return String(Math.ceil(bytes / 1024));
}

/** The draft as the preview sees a stored file (so local checks give the same findings as for a stored file). */
export function draftContent(draft: FileDraft): ImportFileContent {
    return {
        content: draft.text,
        fielddelimitercode: draft.settings.fieldDelimiterCode,
        datadelimitercode: draft.settings.dataDelimiterCode,
        isfirstrowheader: draft.settings.isFirstRowHeader,
        filetypecode: 0,
        headerrow: null,
        usesSystemMap: draft.settings.mapId === null,
        sizeKb: Math.ceil(draft.bytes / 1024),
        targetTable: draft.settings.targetTable,
    };
}

/**
 * The Web API body of `createRecord("importfile", …)` (docs/research/add-files.md §4; the SDK's ImportFile sample):
 * every SystemRequired column the caller sets (content, filetypecode 0 CSV, both delimiter codes, isfirstrowheader,
 * processcode 1 Process, usesystemmap, the import lookup), the name and source (the file's name), size in KB as
 * text, source and target table names, duplicate detection, the map lookup with a data map, and the records owner
 * (the user, as the wizard's default "Assign to me").
 * `sourceentityname`: a data map's own value (it must match the map's importentitymapping); with the system map the
 * file's base name (assumed: nothing documents a required value).
 */
export function importFilePayload(importId: string, draft: FileDraft, ownerId: string | null): Record<string, unknown> {
    const s = draft.settings;
    const payload: Record<string, unknown> = {
        name: draft.name,
        source: draft.name,
        content: draft.text,
        size: sizeKbText(draft.bytes),
        filetypecode: 0,
        fielddelimitercode: s.fieldDelimiterCode,
        datadelimitercode: s.dataDelimiterCode,
        isfirstrowheader: s.isFirstRowHeader,
        processcode: 1,
        usesystemmap: s.mapId === null,
        enableduplicatedetection: s.duplicateDetection,
        targetentityname: s.targetTable,
        sourceentityname: s.mapId !== null && s.mapSourceEntity ? s.mapSourceEntity : baseName(draft.name),
        "importid@odata.bind": `/imports(${importId})`,
    };
    if (s.mapId !== null) payload["importmapid@odata.bind"] = `/importmaps(${s.mapId})`;
    if (ownerId) payload["recordsownerid_systemuser@odata.bind"] = `/systemusers(${ownerId})`;
    return payload;
}

/**
 * Why a draft can't be created as it is (nothing is sent): empty, too big, Excel's sep line names a delimiter Dataverse
 * has no code for (fielddelimitercode: colon, comma, tab, semicolon), no target table, a data map without its source
 * name for the table.
 */
export type DraftBlocker = "empty" | "tooLarge" | "sepUnsupported" | "noTable" | "mapTable";

export function draftBlockers(draft: FileDraft): DraftBlocker[] {
    const blockers: DraftBlocker[] = [];
    if (draft.text.trim() === "") blockers.push("empty");
    if (draft.sepDelimiter !== null && !Object.values(DELIMITERS).includes(draft.sepDelimiter)) blockers.push("sepUnsupported");
    if (draft.text.length > REFUSE_ABOVE_BYTES || draft.bytes > REFUSE_ABOVE_BYTES) blockers.push("tooLarge");
    if (!draft.settings.targetTable) blockers.push("noTable");
    else if (draft.settings.mapId !== null && !draft.settings.mapSourceEntity) blockers.push("mapTable");
    return blockers;
}

/**
 * The table a file's name suggests: the whole base name, then each word, against each table's logical, display and
 * plural names, singular or plural ("contacts.csv", "Contact list.csv" → contact; "new_project.csv" → new_project).
 * "" when nothing matches.
 */
export function guessTable(fileName: string, tables: readonly { logicalName: string; displayName: string; collectionName?: string }[]): string {
    const base = baseName(fileName).toLowerCase().trim();
    const candidates = [base, ...base.split(/[^\p{L}\p{N}_]+/u)].filter((w) => w.length > 1);
    for (const word of candidates) {
        const forms = [word, word.replace(/ies$/, "y"), word.replace(/s$/, "")].filter((w) => w.length > 1);
        const hit = tables.find((t) => {
            const names = [t.logicalName, t.displayName, t.collectionName ?? ""].map((n) => n.toLowerCase()).filter(Boolean);
            return forms.some((f) => names.includes(f));
        });
        if (hit) return hit.logicalName;
    }
    return "";
}
