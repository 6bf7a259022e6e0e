/**
 * The bound dataset (`context.parameters.importFiles`) as the platform hands it to a dataset control:
 * the Import_ImportFile subgrid of one import, read from the fake Dataverse's Web API (so values and
 * their `@OData.Community.Display.V1.FormattedValue` annotations are the fake's), with columns,
 * `addColumn`, sorting, client-side paging over the view and an asynchronous `refresh()` that ends in
 * an `updateView` (its updatedProperties are the host profile's, see host.ts).
 *
 * Sandbox code: the control never imports this.
 */
import type { RetrieveMultipleResult, WebApiEntity, WebApiReads } from "../../ImportMonitor/dataverse/platform";
import { Tables } from "../dataverse";

type DataSet = ComponentFramework.PropertyTypes.DataSet;
type EntityRecord = ComponentFramework.PropertyHelper.DataSetApi.EntityRecord;
type Column = ComponentFramework.PropertyHelper.DataSetApi.Column;
type SortStatus = ComponentFramework.PropertyHelper.DataSetApi.SortStatus;
type Paging = ComponentFramework.PropertyHelper.DataSetApi.Paging;
type EntityReference = ComponentFramework.EntityReference;

const FORMATTED = "@OData.Community.Display.V1.FormattedValue";
const LOOKUP_TABLE = "@Microsoft.Dynamics.CRM.lookuplogicalname";
const TABLE = "importfile";
const table = Tables[TABLE];

/** The columns of the subgrid's view ("Import Files Associated View"): the control adds the rest. */
export const VIEW_COLUMNS = ["name", "source", "statuscode", "modifiedon"] as const;

const displayNames: Record<string, string> = {
    name: "Name",
    source: "Source",
    targetentityname: "Target Entity",
    size: "Size (KB)",
    statuscode: "Status Reason",
    processingstatus: "Processing Status",
    processcode: "Process Code",
    successcount: "Success Count",
    failurecount: "Failure Count",
    partialfailurecount: "Partial Failure Count",
    totalcount: "Total Count",
    importid: "Import",
    modifiedon: "Modified On",
    createdon: "Created On",
};

const dataTypes: Record<string, string> = {
    string: "SingleLine.Text",
    memo: "Multiple",
    picklist: "OptionSet",
    boolean: "TwoOptions",
    int: "Whole.None",
    datetime: "DateAndTime.DateAndTime",
    lookup: "Lookup.Simple",
    guid: "SingleLine.Text",
};

/** The Web API property of a dataset column: `importid` → `_importid_value`; null when the table has none. */
function apiName(column: string): string | null {
    if (Object.prototype.hasOwnProperty.call(table.columns, column)) return column;
    const lookup = `_${column}_value`;
    return Object.prototype.hasOwnProperty.call(table.columns, lookup) ? lookup : null;
}

function columnType(column: string): string {
    const api = apiName(column);
    return api ? table.columns[api].type : "string";
}

/** `null` where PCF returns null although the typings say otherwise. */
function none<T>(): T {
    return null as unknown as T;
}

class SandboxRecord implements EntityRecord {
    constructor(private readonly entity: WebApiEntity) {}

    getRecordId(): string {
        return String(this.entity.importfileid);
    }

    getValue(column: string): ReturnType<EntityRecord["getValue"]> {
        const api = apiName(column);
        const value = api ? this.entity[api] : undefined;
        if (value === null || value === undefined || !api) return none();
        const text = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
        switch (table.columns[api].type) {
            case "lookup": {
                const reference: EntityReference = {
                    id: { guid: text(value) ?? "" },
                    etn: text(this.entity[api + LOOKUP_TABLE]),
                    name: text(this.entity[api + FORMATTED]) ?? "",
                };
                return reference;
            }
            case "datetime":
                return new Date(text(value) ?? "");
            default:
                return value as string | number | boolean;
        }
    }

    getFormattedValue(column: string): string {
        const api = apiName(column);
        if (!api) return none();
        const formatted = this.entity[api + FORMATTED];
        if (typeof formatted === "string") return formatted;
        const value = this.entity[api];
        if (value === null || value === undefined) return none();
        if (typeof value === "string") return value;
        return typeof value === "number" || typeof value === "boolean" ? String(value) : JSON.stringify(value);
    }

    getNamedReference(): EntityReference {
        return { id: { guid: this.getRecordId() }, etn: TABLE, name: typeof this.entity.name === "string" ? this.entity.name : "" };
    }
}

export interface SandboxDatasetOptions {
    webApi: WebApiReads;
    /** The import whose files the subgrid lists. */
    importId: string;
    pageSize?: number;
    /** The data changed (loading started, a page arrived, a read failed): the host calls updateView. */
    onChange: () => void;
    /** `openDatasetItem` was called. */
    onOpen: (reference: EntityReference) => void;
}

/** The query part of a nextLink, which retrieveMultipleRecords takes back as its options. */
function queryPart(nextLink: string): string {
    const i = nextLink.indexOf("?");
    return i < 0 ? "" : nextLink.slice(i);
}

function message(error: unknown): string {
    if (error && typeof error === "object" && "message" in error && typeof error.message === "string") return error.message;
    return typeof error === "string" ? error : JSON.stringify(error);
}

export class SandboxDataset implements DataSet {
    columns: Column[];
    error = false;
    errorMessage = "";
    loading = false;
    records: Record<string, EntityRecord> = {};
    sortedRecordIds: string[] = [];
    sorting: SortStatus[] = [];
    paging: Paging;
    filtering = {
        getFilter: () => ({ conditions: [], filterOperator: 0 as const }),
        setFilter: () => undefined,
        clearFilter: () => undefined,
    } as unknown as DataSet["filtering"];
    linking = {
        getLinkedEntities: () => [],
        addLinkedEntity: () => undefined,
    } as unknown as DataSet["linking"];

    /** Reads made, for the sandbox's own display. */
    loads = 0;

    private readonly options: SandboxDatasetOptions;
    private page = 1;
    private pageSize: number;
    private selected: string[] = [];
    private loadSeq = 0;

    constructor(options: SandboxDatasetOptions) {
        this.options = options;
        this.pageSize = options.pageSize ?? 25;
        this.columns = VIEW_COLUMNS.map((name, i) => this.column(name, i));
        const load = (page: number): void => {
            void this.load(page);
        };
        const paging: Paging = {
            totalResultCount: -1,
            firstPageNumber: 1,
            lastPageNumber: 1,
            pageSize: this.pageSize,
            hasNextPage: false,
            hasPreviousPage: false,
            loadNextPage: () => load(this.page + 1),
            loadPreviousPage: () => load(Math.max(1, this.page - 1)),
            loadExactPage: (pageNumber: number) => load(Math.max(1, pageNumber)),
            // The platform goes back to the first page (with the current sorting) and pushes it in an updateView.
            reset: () => load(1),
            setPageSize: (size: number) => {
                this.pageSize = Math.max(1, Math.floor(size));
                paging.pageSize = this.pageSize;
            },
        };
        this.paging = paging;
    }

    addColumn(name: string): void {
        if (this.columns.some((c) => c.name === name)) return;
        this.columns.push(this.column(name, this.columns.length));
    }

    refresh(): void {
        // As the subgrid does: back to the first page, with the current columns and sorting.
        void this.load(1);
    }

    openDatasetItem(entityReference: EntityReference): void {
        this.options.onOpen(entityReference);
    }

    clearSelectedRecordIds(): void {
        this.selected = [];
    }

    getSelectedRecordIds(): string[] {
        return this.selected.slice();
    }

    setSelectedRecordIds(ids: string[]): void {
        this.selected = ids.slice();
    }

    getTargetEntityType(): string {
        return TABLE;
    }

    getTitle(): string {
        return "Import Files";
    }

    getViewId(): string {
        return "00000000-0000-0000-00aa-000010003000";
    }

    /**
     * Reads a page. `silent` (the first read, before init) does not announce loading or call back.
     * Resolves when the page has been pushed (or the read failed).
     */
    async load(page: number, silent = false): Promise<void> {
        const seq = ++this.loadSeq;
        this.loads++;
        this.loading = true;
        if (!silent) this.options.onChange();
        try {
            const entities = await this.readAll();
            if (seq !== this.loadSeq) return;
            const pages = Math.max(1, Math.ceil(entities.length / this.pageSize));
            this.page = Math.min(Math.max(1, page), pages);
            const slice = entities.slice((this.page - 1) * this.pageSize, this.page * this.pageSize);
            this.records = Object.fromEntries(slice.map((e) => [String(e.importfileid), new SandboxRecord(e)]));
            this.sortedRecordIds = slice.map((e) => String(e.importfileid));
            // The Paging reference: pageNumber is "same as firstPageNumber"; one page loaded at a time here.
            Object.assign(this.paging, {
                totalResultCount: entities.length,
                pageNumber: this.page,
                firstPageNumber: this.page,
                lastPageNumber: this.page,
                hasNextPage: this.page < pages,
                hasPreviousPage: this.page > 1,
            });
            this.error = false;
            this.errorMessage = "";
        } catch (e) {
            if (seq !== this.loadSeq) return;
            // The grid keeps the rows it had and reports the failure.
            this.error = true;
            this.errorMessage = message(e);
        }
        this.loading = false;
        if (!silent) this.options.onChange();
    }

    private async readAll(): Promise<WebApiEntity[]> {
        const select = [...new Set(["importfileid", ...this.columns.map((c) => apiName(c.name)).filter((n): n is string => n !== null)])];
        const orderBy = this.sorting
            .map((s) => ({ api: apiName(s.name), desc: (s.sortDirection as number) === 1 }))
            .filter((s) => s.api !== null)
            .map((s) => `${s.api} ${s.desc ? "desc" : "asc"}`);
        if (!orderBy.some((o) => o.startsWith("name "))) orderBy.push("name asc");
        let options: string | null =
            `?$select=${select.join(",")}&$filter=_importid_value eq ${this.options.importId}&$orderby=${orderBy.join(",")}`;
        const entities: WebApiEntity[] = [];
        while (options !== null) {
            const result: RetrieveMultipleResult = await this.options.webApi.retrieveMultipleRecords(TABLE, options);
            entities.push(...result.entities);
            options = result.nextLink ? queryPart(result.nextLink) : null;
        }
        return entities;
    }

    private column(name: string, order: number): Column {
        return {
            name,
            displayName: displayNames[name] ?? name,
            dataType: dataTypes[columnType(name)] ?? "SingleLine.Text",
            alias: name,
            order,
            visualSizeFactor: name === "name" ? 200 : 100,
            isPrimary: name === "name",
            disableSorting: apiName(name) === null || columnType(name) === "memo",
        };
    }
}
