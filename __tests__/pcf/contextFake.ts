/**
 * A small, typed fake of the PCF context and its dataset: records, columns, paging, sorting, refresh,
 * openDatasetItem and resources (reading the real resx). Later tests reuse it.
 */
import { readResx } from "./resx";
import { loadDependency } from "./csvLibrary";
import { FAKE_USER_ID } from "../../sandbox/dataverse";

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
    /** Replace every record of the view (as the server's data changing); the page shown is re-cut from them. */
    setRecords(records: FakeRecord[]): void;
    refreshCount: number;
    opened: ComponentFramework.EntityReference[];
    loadedPages: number[];
    addedColumns: string[];
    /**
     * Called (on a microtask, as the platform answers asynchronously) after a load the control asked for:
     * loadExactPage, refresh, reset. renderControl wires it to an updateView with the profile's updatedProperties.
     */
    onLoaded: (() => void) | null;
    /** Makes the next load fail as the platform reports it: `error` true, `errorMessage`, old rows kept. */
    failNextLoad(message: string): void;
}

/**
 * The dataset as docs/platform-contract.md describes it: every record of the view is held, one page
 * (`pageSize`, default 25) is shown; `paging.pageNumber`/`firstPageNumber`/`lastPageNumber` name it,
 * hasNextPage/hasPreviousPage/totalResultCount follow it; `loadExactPage`, `refresh` and `reset` load
 * asynchronously (`loading` true meanwhile) and end in `onLoaded`. `hasNextPage`/`hasPreviousPage`/
 * `totalResultCount` options override the computed values (a server with more pages than records given).
 */
export function createDataset(
    records: FakeRecord[] = [],
    options: {
        columns?: string[];
        hasNextPage?: boolean;
        hasPreviousPage?: boolean;
        totalResultCount?: number;
        loading?: boolean;
        unsortable?: string[];
        pageSize?: number;
        /** What refresh() does with the page: "keep" it (default) or go back to the "first". */
        refreshPage?: "keep" | "first";
    } = {},
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
    const pageSize = options.pageSize ?? 25;
    let all: FakeRecord[] = [];
    let page = 1;
    let failure: string | null = null;
    // eslint-disable-next-line prefer-const
    let self: FakeDataset;
    const show = (): void => {
        const pages = Math.max(1, Math.ceil(all.length / pageSize));
        page = Math.min(Math.max(1, page), pages);
        const slice = all.slice((page - 1) * pageSize, page * pageSize);
        self.records = Object.fromEntries(slice.map((r) => [r.id, entityRecord(r)]));
        self.sortedRecordIds = slice.map((r) => r.id);
        Object.assign(self.paging, {
            totalResultCount: options.totalResultCount ?? all.length,
            pageNumber: page,
            firstPageNumber: page,
            lastPageNumber: page,
            hasNextPage: options.hasNextPage ?? page < pages,
            hasPreviousPage: options.hasPreviousPage ?? page > 1,
        });
    };
    const load = (target: number): void => {
        self.loading = true;
        queueMicrotask(() => {
            self.loading = false;
            if (failure !== null) {
                // As the platform: the old rows stay, the failure is reported on the dataset.
                self.error = true;
                self.errorMessage = failure;
                failure = null;
            } else {
                self.error = false;
                self.errorMessage = "";
                page = target;
                show();
            }
            self.onLoaded?.();
        });
    };
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
        onLoaded: null as (() => void) | null,
        paging: {
            totalResultCount: 0,
            firstPageNumber: 1,
            lastPageNumber: 1,
            pageNumber: 1,
            pageSize,
            hasNextPage: false,
            hasPreviousPage: false,
            loadNextPage: jest.fn(() => load(page + 1)),
            loadPreviousPage: jest.fn(() => load(page - 1)),
            reset: jest.fn(() => load(1)),
            setPageSize: jest.fn(),
            loadExactPage: jest.fn((n: number) => {
                self.loadedPages.push(n);
                load(n);
            }),
        },
        setRecords(next: FakeRecord[]): void {
            all = next.slice();
            show();
        },
        failNextLoad(message: string): void {
            failure = message;
        },
        addColumn(name: string) {
            self.addedColumns.push(name);
            columns.push({ name, displayName: name, dataType: "SingleLine.Text", alias: name, order: columns.length, visualSizeFactor: 1 });
        },
        refresh: jest.fn(() => {
            self.refreshCount++;
            load(options.refreshPage === "first" ? 1 : page);
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

/**
 * How the host fills what the control reads (docs/platform-contract.md, "Host profiles"):
 * - "model-driven": as documented — the first population comes with no updatedProperties, a dataset change
 *   as ["dataset"], a resize as ["layout"]; Xrm is there; getEntityMetadata's Attributes read with get/getByName.
 * - "strict": updatedProperties always empty; Attributes only through get(name).
 * - "no-xrm": a canvas app or a harness: no Xrm global (no execute, no org URL), canvas's
 *   ["dataset", "<name>_dataset"] for a dataset change.
 * Jest runs the control's suites once per profile (jest.config.js projects; HOST_PROFILE).
 */
export type HostProfile = "model-driven" | "strict" | "no-xrm";
export const HOST_PROFILES: readonly HostProfile[] = ["model-driven", "strict", "no-xrm"];

export function hostProfile(): HostProfile {
    const value = process.env.HOST_PROFILE;
    return HOST_PROFILES.includes(value as HostProfile) ? (value as HostProfile) : "model-driven";
}

/** updatedProperties of an updateView, for what changed, in the current profile. */
export function updatedProperties(change: "first" | "dataset" | "layout", profile: HostProfile = hostProfile()): string[] {
    if (profile === "strict" || change === "first") return [];
    if (change === "layout") return ["layout"];
    return profile === "no-xrm" ? ["dataset", "importFiles_dataset"] : ["dataset"];
}

export interface FakeContextOptions {
    width?: number;
    updated?: string[];
    entityId?: string;
    webAPI?: unknown;
    getEntityMetadata?: unknown;
    hasEntityPrivilege?: unknown;
    /**
     * `context.fluentDesignLanguage`, the app's modern theme (a `ComponentFramework.FluentDesignState`: tokenTheme,
     * typographyTokens, brand, isDarkTheme; sandbox/page/theme.ts `designLanguage()` makes one). Absent unless given,
     * as in a classic app.
     */
    fluentDesignLanguage?: unknown;
}

export type FakeContext = ComponentFramework.Context<{ importFiles: DataSet }> & { strings: Map<string, string> };

const strings = readResx();

export function createContext(dataset: DataSet, options: FakeContextOptions = {}): FakeContext {
    const profile = hostProfile();
    return {
        parameters: { importFiles: dataset },
        updatedProperties: options.updated ?? updatedProperties("dataset"),
        mode: {
            allocatedWidth: options.width ?? 1400,
            allocatedHeight: -1,
            isControlDisabled: false,
            isVisible: true,
            label: "Import files",
            trackContainerResize: jest.fn(),
            setControlState: jest.fn(),
            setFullScreen: jest.fn(),
            // Not in the Mode reference (assumed): only the model-driven profile gives it.
            ...(profile === "model-driven" ? { contextInfo: { entityId: options.entityId ?? "", entityTypeName: "import", entityRecordName: "" } } : {}),
        },
        resources: {
            getString: (id: string) => strings.get(id) ?? `!!${id}!!`,
            getResource: jest.fn(),
        },
        webAPI: options.webAPI,
        utils: {
            getEntityMetadata: options.getEntityMetadata,
            ...(options.hasEntityPrivilege ? { hasEntityPrivilege: options.hasEntityPrivilege } : {}),
            // Dependent libraries are model-driven only (docs/platform-contract.md, "Dependent library").
            ...(profile !== "no-xrm" ? { loadDependency } : {}),
        },
        // The fake Dataverse's own user (the records owner it accepts), in braces as userSettings gives ids.
        userSettings: { languageId: 1033, userName: "Test User", userId: `{${FAKE_USER_ID}}` },
        // Formatting in the user's settings (en-US here): ComponentFramework.Formatting, formatInteger / formatDateShort.
        formatting: {
            formatInteger: (value: number) => new Intl.NumberFormat("en-US").format(value),
            formatDateShort: (value: Date, includeTime?: boolean) =>
                new Intl.DateTimeFormat("en-US", includeTime ? { dateStyle: "short", timeStyle: "short", timeZone: "UTC" } : { dateStyle: "short", timeZone: "UTC" }).format(value),
        },
        // context.navigation.openForm resolves once the form opened (the record is not changed here).
        navigation: { openForm: jest.fn(() => Promise.resolve({ savedEntityReference: [] })) },
        ...(options.fluentDesignLanguage !== undefined ? { fluentDesignLanguage: options.fluentDesignLanguage } : {}),
        strings,
    } as unknown as FakeContext;
}
