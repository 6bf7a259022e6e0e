/**
 * Reads the bound PCF dataset (the Import_ImportFile subgrid) into typed import file rows.
 * The dataset is Dataverse data handed to the control by the platform, so it is read here, in dataverse/.
 */
import type { ImportFileRow } from "../domain/importFile";
import { numberOrNull } from "./values";

type DataSet = ComponentFramework.PropertyTypes.DataSet;
type EntityRecord = ComponentFramework.PropertyHelper.DataSetApi.EntityRecord;

/** The columns the control reads, whatever the subgrid's view contains. */
export const REQUIRED_COLUMNS = [
    "name",
    "source",
    "targetentityname",
    "size",
    "statuscode",
    "processingstatus",
    "processcode",
    "successcount",
    "failurecount",
    "partialfailurecount",
    "totalcount",
    "importid",
    "modifiedon",
] as const;

/**
 * Adds the columns the view lacks. Returns true when it added any: the caller then refreshes the dataset
 * once so the new columns are fetched.
 */
export function ensureColumns(dataset: DataSet): boolean {
    if (!dataset.addColumn) return false;
    const present = new Set(dataset.columns.map((c) => c.name));
    const missing = REQUIRED_COLUMNS.filter((name) => !present.has(name));
    for (const name of missing) dataset.addColumn(name);
    return missing.length > 0;
}

function text(record: EntityRecord, column: string): string {
    const value = record.getFormattedValue(column) ?? record.getValue(column);
    return value === null || value === undefined ? "" : String(value);
}

/** A lookup's id, whether the platform gives an EntityReference, an array of them or a raw guid. */
function lookupId(value: unknown): string | null {
    const first: unknown = Array.isArray(value) ? value[0] : value;
    if (!first) return null;
    if (typeof first === "string") return first;
    const ref = first as { id?: { guid?: string } | string };
    if (typeof ref.id === "string") return ref.id;
    return ref.id?.guid ?? null;
}

function dateOrNull(value: unknown): Date | null {
    if (value instanceof Date) return value;
    if (typeof value === "string" && value) {
        const d = new Date(value);
        return Number.isNaN(d.getTime()) ? null : d;
    }
    return null;
}

export function readRow(record: EntityRecord): ImportFileRow {
    return {
        id: record.getRecordId(),
        name: text(record, "name"),
        source: text(record, "source"),
        targetTable: text(record, "targetentityname"),
        sizeKb: String((record.getValue("size") as string | null) ?? ""),
        statusLabel: record.getFormattedValue("statuscode") ?? "",
        processingStatus: numberOrNull(record.getValue("processingstatus")),
        statusCode: numberOrNull(record.getValue("statuscode")),
        processCode: numberOrNull(record.getValue("processcode")),
        successCount: numberOrNull(record.getValue("successcount")),
        failureCount: numberOrNull(record.getValue("failurecount")),
        partialFailureCount: numberOrNull(record.getValue("partialfailurecount")),
        totalCount: numberOrNull(record.getValue("totalcount")),
        importId: lookupId(record.getValue("importid")),
        modifiedOn: dateOrNull(record.getValue("modifiedon")),
        modifiedOnLabel: record.getFormattedValue("modifiedon") ?? "",
    };
}

/** The rows in the dataset's order (sortedRecordIds). */
export function readRows(dataset: DataSet): ImportFileRow[] {
    return dataset.sortedRecordIds.map((id) => readRow(dataset.records[id]));
}

/** What the list asks of the dataset: user intent flowing back to the platform. */
export interface DatasetCommands {
    open: (fileId: string) => void;
    refresh: () => void;
    loadPage: (pageNumber: number) => void;
    sort: (column: string, descending: boolean) => void;
}

/** The list's view of the dataset's paging and sorting. */
export interface DatasetState {
    loading: boolean;
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    totalResultCount: number;
    sortColumn: string | null;
    sortDescending: boolean;
    /** Columns the dataset can sort by (present and not `disableSorting`). */
    sortableColumns: readonly string[];
}

const SORT_DESCENDING = 1;

export function readDatasetState(dataset: DataSet): DatasetState {
    const sort = dataset.sorting?.[0];
    return {
        loading: dataset.loading,
        hasNextPage: dataset.paging?.hasNextPage ?? false,
        hasPreviousPage: dataset.paging?.hasPreviousPage ?? false,
        totalResultCount: dataset.paging?.totalResultCount ?? -1,
        sortColumn: sort?.name ?? null,
        sortDescending: (sort?.sortDirection as number | undefined) === SORT_DESCENDING,
        sortableColumns: dataset.columns.filter((c) => !c.disableSorting).map((c) => c.name),
    };
}

/** Equal values: the list keeps the previous object, so an unchanged update re-renders nothing. */
export function sameDatasetState(a: DatasetState, b: DatasetState): boolean {
    return (
        a.loading === b.loading &&
        a.hasNextPage === b.hasNextPage &&
        a.hasPreviousPage === b.hasPreviousPage &&
        a.totalResultCount === b.totalResultCount &&
        a.sortColumn === b.sortColumn &&
        a.sortDescending === b.sortDescending &&
        a.sortableColumns.length === b.sortableColumns.length &&
        a.sortableColumns.every((c, i) => c === b.sortableColumns[i])
    );
}

/** `getDataset` returns the dataset of the latest updateView: the platform may hand a new object each time. */
export function createDatasetCommands(getDataset: () => DataSet): DatasetCommands {
    return {
        open(fileId) {
            const dataset = getDataset();
            const record = dataset.records[fileId];
            dataset.openDatasetItem(
                record ? record.getNamedReference() : { id: { guid: fileId }, etn: "importfile", name: "" },
            );
        },
        refresh() {
            getDataset().refresh();
        },
        loadPage(pageNumber) {
            getDataset().paging.loadExactPage(pageNumber);
        },
        sort(column, descending) {
            const dataset = getDataset();
            dataset.sorting.splice(0, dataset.sorting.length, {
                name: column,
                sortDirection: descending ? 1 : 0,
            });
            dataset.paging.reset();
        },
    };
}
