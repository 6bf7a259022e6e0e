/**
 * What the preview has already worked out per file, so reopening the same file costs no request: keyed by file
 * id, valid only for the same modifiedon (a changed file is fetched again), least recently used entries dropped
 * beyond a small bound (file contents can be megabytes).
 */
import type { CsvOptions, CsvPreview, ScanResult } from "../domain/csv";
import type { ImportFileContent } from "../dataverse/importFileContent";
import type { TableColumnsResult } from "../dataverse/tableColumns";

export const PREVIEW_CACHE_SIZE = 5;
/** At most this many characters of file content are kept in all (about 64 MB of UTF-16). */
export const PREVIEW_CACHE_MAX_CHARS = 32 * 1024 * 1024;

function contentChars(entry: PreviewCacheEntry): number {
    return entry.content.content?.length ?? 0;
}

export interface PreviewCacheEntry {
    /** importfile.modifiedon (ms since epoch) the entry was read at. */
    modifiedOn: number;
    content: ImportFileContent;
    options: CsvOptions;
    preview: CsvPreview;
    /** The full scan's result, once it ran to the end. */
    scan?: ScanResult;
    /** The target table's columns, once read (failures are not kept). */
    columns?: TableColumnsResult;
}

export class PreviewCache {
    private readonly entries = new Map<string, PreviewCacheEntry>();

    private readonly maxEntries: number;
    private readonly maxChars: number;

    /** Smaller bounds for tests; the control's are PREVIEW_CACHE_SIZE and PREVIEW_CACHE_MAX_CHARS. */
    public constructor(maxEntries?: number, maxChars?: number) {
        this.maxEntries = maxEntries ?? PREVIEW_CACHE_SIZE;
        this.maxChars = maxChars ?? PREVIEW_CACHE_MAX_CHARS;
    }

    /** The entry of `fileId` read at `modifiedOn`; an entry of another modifiedOn is dropped. */
    public get(fileId: string, modifiedOn: number | null): PreviewCacheEntry | undefined {
        if (modifiedOn === null) return undefined;
        const key = fileId.toLowerCase();
        const entry = this.entries.get(key);
        if (!entry) return undefined;
        this.entries.delete(key);
        if (entry.modifiedOn !== modifiedOn) return undefined;
        this.entries.set(key, entry); // most recently used last
        return entry;
    }

    /** Stores (or replaces) the entry of `fileId`. Files without a known modifiedOn are not cached. */
    public set(fileId: string, entry: PreviewCacheEntry): void {
        const key = fileId.toLowerCase();
        this.entries.delete(key);
        this.entries.set(key, entry);
        // Least recently used first out, by count and by the characters held; the newest entry always stays.
        let chars = 0;
        for (const e of this.entries.values()) chars += contentChars(e);
        while (this.entries.size > 1 && (this.entries.size > this.maxEntries || chars > this.maxChars)) {
            const [oldestKey, oldest] = this.entries.entries().next().value!;
            chars -= contentChars(oldest);
            this.entries.delete(oldestKey);
        }
    }

    /** Adds what was learnt later (the scan, the columns) to the entry, if it is still the same one. */
    public update(fileId: string, entry: PreviewCacheEntry, patch: Partial<Pick<PreviewCacheEntry, "scan" | "columns">>): void {
        const key = fileId.toLowerCase();
        if (this.entries.get(key) !== entry) return;
        Object.assign(entry, patch);
    }

    public get size(): number {
        return this.entries.size;
    }

    public clear(): void {
        this.entries.clear();
    }
}

/** The control's cache, shared by every preview panel of the page. */
export const sharedPreviewCache = new PreviewCache();
