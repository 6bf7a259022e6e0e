/**
 * Reads one import file's content and CSV settings, on demand (the preview panel asks; the list never does),
 * through ImportService.readFileRecord. Every failure comes out as a DataverseFailure.
 */
import type { ImportFileCsvRecord } from "../domain/csv";
import type { ImportService, ReadOptions } from "./importService";
import type { WebApiEntity } from "./platform";
import { toFailure } from "./failures";
import { numberOrNull } from "./values";

/** The importfile columns the preview reads, in this order. */
export const PREVIEW_COLUMNS = [
    "content",
    "fielddelimitercode",
    "datadelimitercode",
    "isfirstrowheader",
    "filetypecode",
    "size",
    "headerrow",
    "usesystemmap",
    "_importmapid_value",
    "targetentityname",
] as const;

/** One file as the preview sees it: the domain's CSV record plus what the header mapping needs. */
export interface ImportFileContent extends ImportFileCsvRecord {
    /**
     * Whether the import matches headers to the table's display names: `usesystemmap` is true, or the file has no
     * import (data) map at all.
     */
    usesSystemMap: boolean;
    /** importfile.size (kilobytes, stored as text) as a number; null when empty or not a number. */
    sizeKb: number | null;
    /** importfile.targetentityname: the table the rows go to; empty when not set. */
    targetTable: string;
}

/** "12", " 8192 ", "1,024" → kilobytes; "" / null / "n/a" → null. */
export function parseSizeKb(value: unknown): number | null {
    if (typeof value === "number") return Number.isFinite(value) && value >= 0 ? value : null;
    if (typeof value !== "string") return null;
    const text = value.trim().replace(/[,\s]/g, "");
    if (!/^\d+(\.\d+)?$/.test(text)) return null;
    return Number(text);
}

function booleanOrNull(value: unknown): boolean | null {
    if (typeof value === "boolean") return value;
    if (value === "true" || value === 1) return true;
    if (value === "false" || value === 0) return false;
    return null;
}

function stringOrNull(value: unknown): string | null {
    return typeof value === "string" ? value : null;
}

/** Types a raw Web API importfile entity. Exported for tests. */
export function toImportFileContent(e: WebApiEntity): ImportFileContent {
    return {
        content: stringOrNull(e.content),
        fielddelimitercode: numberOrNull(e.fielddelimitercode),
        datadelimitercode: numberOrNull(e.datadelimitercode),
        isfirstrowheader: booleanOrNull(e.isfirstrowheader),
        filetypecode: numberOrNull(e.filetypecode),
        headerrow: stringOrNull(e.headerrow),
        usesSystemMap: booleanOrNull(e.usesystemmap) === true || !stringOrNull(e._importmapid_value),
        sizeKb: parseSizeKb(e.size),
        targetTable: stringOrNull(e.targetentityname) ?? "",
    };
}

/** Fetches the file's content and settings (one retrieveRecord). Rejects with a DataverseFailure. */
export async function readImportFileContent(service: ImportService, fileId: string, options?: ReadOptions): Promise<ImportFileContent> {
    try {
        const entity = await service.readFileRecord(fileId, PREVIEW_COLUMNS, options);
        return toImportFileContent(entity);
    } catch (error) {
        throw toFailure(error);
    }
}
