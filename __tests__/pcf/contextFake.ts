/**
 * A small, typed fake of the PCF context and its dataset: records, columns, paging, sorting, refresh,
 * openDatasetItem and resources (reading the real resx). Later tests reuse it.
 */
import { readResx } from "./resx";

type DataSet = ComponentFramework.PropertyTypes.DataSet;
type EntityRecord = ComponentFramework.PropertyHelper.DataSetApi.EntityRecord;
type Column = ComponentFramework.PropertyHelper.DataSetApi.Column;

export type FakeValue = string | number | boolean | Date | null | ComponentFramework.EntityReference[];

export interface FakeRecord {
    id: string;
    values: Record<string, FakeValue>;
    formatted?: Record<string, string>;
}

const STATUS_LABELS = ["Submitted", "Parsing", "Transforming", "Importing", "Completed", "Failed"];

/** A file record with sensible defaults; override any column. */
export function fileRecord(id: string, values: Record<string, FakeValue> = {}, formatted: Record<string, string> = {}): FakeRecord {
    const merged: Record<string, FakeValue> = {
        name: `${id}.csv`,
        source: `${id}.csv`,
        targetentityname: "contact",
        size: "12",
        statuscode: 0,
        processingstatus: 1,
        processcode: 1,
        successcount: 0,
        failurecount: 0,
        partialfailurecount: 0,
        totalcount: null,
        modifiedon: new Date("2026-11-20T10:15:00Z"),
        ...values,
    };
    const status = merged.statuscode;
    return {
        id,
        values: merged,
        formatted: {
            ...(typeof status === "number" && STATUS_LABELS[status] ? { statuscode: STATUS_LABELS[status] } : {}),
            modifiedon: "20/11/2026 10:15",
            ...formatted,
        },
    };
}

function entityRecord(r: FakeRecord): EntityRecord {
    return {
        getRecordId: () => r.id,
        getValue: (column: string) => (r.values[column] ?? null) as never,
        getFormattedValue: (column: string) => {
            const f = r.formatted?.[column];
            if (f !== undefined) return f;
            const v = r.values[column];
            if (v === null || v === undefined) return null as unknown as string;
            if (v instanceof Date) return v.toISOString();
            return typeof v === "object" ? "" : String(v);
        },
        getNamedReference: () => ({ id: { guid: r.id }, etn: "importfile", name: typeof r.values.name === "string" ? r.values.name : "" }),
    };
}

export interface FakeDataset extends DataSet {
    /** Replace the records (as a fresh platform page would). */
    setRecords(records: FakeRecord[]): void;
    refreshCount: number;
    opened: ComponentFramework.EntityReference[];
    loadedPages: number[];
    addedColumns: string[];
}

export function createDataset(
    records: FakeRecord[] = [],
    options: { columns?: string[]; hasNextPage?: boolean; hasPreviousPage?: boolean; totalResultCount?: number; loading?: boolean; unsortable?: string[] } = {},
): FakeDataset {
    const columns: Column[] = (options.columns ?? ["name", "statuscode", "modifiedon"]).map((name, i) => ({
        name,
        displayName: name,
        dataType: "SingleLine.Text",
        alias: name,
        order: i,
        visualSizeFactor: 1,
        disableSorting: options.unsortable?.includes(name),
    }));
    // eslint-disable-next-line prefer-const
    let self: FakeDataset;
    const dataset = {
        loading: options.loading ?? false,
        columns,
        error: false,
        errorMessage: "",
        records: {} as Record<string, EntityRecord>,
        sortedRecordIds: [] as string[],
        sorting: [] as ComponentFramework.PropertyHelper.DataSetApi.SortStatus[],
        filtering: {} as never,
        linking: {} as never,
        refreshCount: 0,
        opened: [] as ComponentFramework.EntityReference[],
        loadedPages: [] as number[],
        addedColumns: [] as string[],
        paging: {
            totalResultCount: options.totalResultCount ?? records.length,
            firstPageNumber: 1,
            lastPageNumber: 1,
            pageSize: 25,
            hasNextPage: options.hasNextPage ?? false,
            hasPreviousPage: options.hasPreviousPage ?? false,
            loadNextPage: jest.fn(),
            loadPreviousPage: jest.fn(),
            reset: jest.fn(),
            setPageSize: jest.fn(),
            loadExactPage: jest.fn((n: number) => self.loadedPages.push(n)),
        },
        setRecords(next: FakeRecord[]): void {
            self.records = Object.fromEntries(next.map((r) => [r.id, entityRecord(r)]));
            self.sortedRecordIds = next.map((r) => r.id);
        },
        addColumn(name: string) {
            self.addedColumns.push(name);
            columns.push({ name, displayName: name, dataType: "SingleLine.Text", alias: name, order: columns.length, visualSizeFactor: 1 });
        },
        refresh: jest.fn(() => {
            self.refreshCount++;
        }),
        openDatasetItem: jest.fn((ref: ComponentFramework.EntityReference) => self.opened.push(ref)),
        clearSelectedRecordIds: jest.fn(),
        getSelectedRecordIds: jest.fn(() => []),
        setSelectedRecordIds: jest.fn(),
        getTargetEntityType: () => "importfile",
        getTitle: () => "Import files",
        getViewId: () => "00000000-0000-0000-0000-000000000000",
    };
    self = dataset;
    self.setRecords(records);
    return self;
}

export interface FakeContextOptions {
    width?: number;
    updated?: string[];
    entityId?: string;
    webAPI?: unknown;
    getEntityMetadata?: unknown;
}

export type FakeContext = ComponentFramework.Context<{ importFiles: DataSet }> & { strings: Map<string, string> };

const strings = readResx();

export function createContext(dataset: DataSet, options: FakeContextOptions = {}): FakeContext {
    return {
        parameters: { importFiles: dataset },
        updatedProperties: options.updated ?? ["importFiles"],
        mode: {
            allocatedWidth: options.width ?? 1200,
            allocatedHeight: -1,
            isControlDisabled: false,
            isVisible: true,
            label: "Import files",
            trackContainerResize: jest.fn(),
            setControlState: jest.fn(),
            setFullScreen: jest.fn(),
            contextInfo: { entityId: options.entityId ?? "", entityTypeName: "import", entityRecordName: "" },
        },
        resources: {
            getString: (id: string) => strings.get(id) ?? `!!${id}!!`,
            getResource: jest.fn(),
        },
        webAPI: options.webAPI,
        utils: { getEntityMetadata: options.getEntityMetadata },
        userSettings: { languageId: 1033, userName: "Test User", userId: "{00000000-0000-0000-0000-000000000001}" },
        strings,
    } as unknown as FakeContext;
}
