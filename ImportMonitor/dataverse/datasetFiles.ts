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
 * once so the new columns are fetched. Call it from an updateView where the dataset has loaded, never from
 * init, where dataset values are not initialised; `addColumn` is optional (model-driven apps only).
 * docs/platform-contract.md, "Dataset".
 */
export function ensureColumns(dataset: DataSet): boolean {
    if (typeof dataset.addColumn !== "function") return false;
    const present = new Set((dataset.columns ?? []).map((c) => c.name));
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

/** The rows in the dataset's order (sortedRecordIds); an id without a record is skipped. */
export function readRows(dataset: DataSet): ImportFileRow[] {
    const records = dataset.records ?? {};
    return (dataset.sortedRecordIds ?? []).filter((id) => records[id]).map((id) => readRow(records[id]));
}

/** What the list asks of the dataset: user intent flowing back to the platform. */
export interface DatasetCommands {
    open: (fileId: string) => void;
    refresh: () => void;
    loadPage: (pageNumber: number) => void;
    sort: (column: string, descending: boolean) => void;
    /** Opens a record's form (context.navigation.openForm); absent where the host cannot navigate. */
    openRecord?: (entityName: string, id: string) => void;
}

/** The list's view of the dataset's paging, sorting and last read. */
export interface DatasetState {
    loading: boolean;
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    totalResultCount: number;
    /** The page the rows are from (1-based), as the dataset says; see `shownPage`. */
    page: number;
    sortColumn: string | null;
    sortDescending: boolean;
    /** Columns the dataset can sort by (present and not `disableSorting`). */
    sortableColumns: readonly string[];
    /**
     * The dataset's last read failed (`dataset.error`): its `errorMessage`, or "" when it gave none. The rows,
     * page and sort shown are then those of the last read that succeeded, and may be out of date.
     */
    error: string | null;
}

const SORT_DESCENDING = 1;

function positiveInteger(value: unknown): number | null {
    return typeof value === "number" && Number.isInteger(value) && value >= 1 ? value : null;
}

/**
 * The page the dataset's rows are from. The control pages with loadExactPage only, after which the dataset
 * holds the range `firstPageNumber..lastPageNumber` = `n..n` (`pageNumber` is "same as firstPageNumber");
 * Microsoft's DetailsList shows `lastPageNumber` as the current page. A host that gives none of them as a
 * positive whole number agreeing with `hasPreviousPage` falls back to what the control knows: page 1 when
 * there is no previous page, else the page it last asked for and saw load (`requested`), else the page shown
 * before. docs/platform-contract.md §2.
 */
export function shownPage(dataset: DataSet, requested: number | null, previous: number): number {
    const paging = dataset.paging as (DataSet["paging"] & { pageNumber?: unknown }) | undefined;
    if (!paging) return 1;
    const platform = positiveInteger(paging.lastPageNumber) ?? positiveInteger(paging.pageNumber) ?? positiveInteger(paging.firstPageNumber);
    if (platform !== null && (platform > 1 || !paging.hasPreviousPage)) return platform;
    if (!paging.hasPreviousPage) return 1;
    return requested ?? previous;
}

/**
 * Reads the dataset's state. `previous` is the state shown before: when the dataset reports a failed read,
 * its page and sort are kept (the platform keeps the old rows, but its `sorting` already holds the sort that
 * failed to load).
 */
export function readDatasetState(dataset: DataSet, previous: DatasetState | null, requestedPage: number | null): DatasetState {
    const sort = dataset.sorting?.[0];
    const error = dataset.error ? (dataset.errorMessage ?? "") : null;
    const kept = error !== null && previous !== null;
    return {
        loading: dataset.loading,
        hasNextPage: dataset.paging?.hasNextPage ?? false,
        hasPreviousPage: dataset.paging?.hasPreviousPage ?? false,
        totalResultCount: dataset.paging?.totalResultCount ?? -1,
        page: kept ? previous.page : shownPage(dataset, requestedPage, previous?.page ?? 1),
        sortColumn: kept ? previous.sortColumn : (sort?.name ?? null),
        sortDescending: kept ? previous.sortDescending : (sort?.sortDirection as number | undefined) === SORT_DESCENDING,
        sortableColumns: (dataset.columns ?? []).filter((c) => !c.disableSorting).map((c) => c.name),
        error,
    };
}

/** Equal values: the list keeps the previous object, so an unchanged update re-renders nothing. */
export function sameDatasetState(a: DatasetState, b: DatasetState): boolean {
    return (Object.keys(a) as (keyof DatasetState)[]).every((k) => (k === "sortableColumns" ? a[k].join() === b[k].join() : a[k] === b[k]));
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
