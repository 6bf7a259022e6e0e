/**
 * Benchmark only: the least of a PCF context a model-driven form hands the control, with the
 * Import_ImportFile dataset read from the in-memory Dataverse (a new dataset and new record objects on
 * every read, as the platform does after a refresh).
 */
import type { IInputs } from "../../ImportMonitor/generated/ManifestTypes";
import { REQUIRED_COLUMNS } from "../../ImportMonitor/dataverse/datasetFiles";
import type { FakeDataverse } from "../../sandbox/dataverse";

type DataSet = ComponentFramework.PropertyTypes.DataSet;

const STATUS_LABELS = ["Submitted", "Parsing", "Transforming", "Importing", "Completed", "Failed"];

export function datasetFromFake(dv: FakeDataverse, importId: string): DataSet {
    const records: Record<string, unknown> = {};
    const ids: string[] = [];
    for (const f of dv.importFiles(importId)) {
        const values: Record<string, unknown> = {
            name: f.name,
            source: f.source,
            targetentityname: f.targetentityname,
            size: f.size,
            statuscode: f.statuscode,
            processingstatus: f.processingstatus,
            processcode: f.processcode,
            successcount: f.successcount,
            failurecount: f.failurecount,
            partialfailurecount: f.partialfailurecount,
            totalcount: f.totalcount,
            importid: [{ id: { guid: importId }, etn: "import", name: "Import" }],
            modifiedon: new Date(f.modifiedon),
        };
        const formatted: Record<string, string> = {
            statuscode: STATUS_LABELS[f.statuscode] ?? "",
            modifiedon: new Date(f.modifiedon).toISOString().replace("T", " ").slice(0, 16),
        };
        ids.push(f.importfileid);
        records[f.importfileid] = {
            getRecordId: () => f.importfileid,
            getValue: (column: string) => values[column] ?? null,
            getFormattedValue: (column: string) => formatted[column] ?? null,
            getNamedReference: () => ({ id: { guid: f.importfileid }, etn: "importfile", name: f.name }),
        };
    }
    const dataset = {
        loading: false,
        records,
        sortedRecordIds: ids,
        columns: REQUIRED_COLUMNS.map((name, order) => ({ name, displayName: name, dataType: "SingleLine.Text", alias: name, order, visualSizeFactor: 1 })),
        sorting: [],
        filtering: {},
        paging: {
            hasNextPage: false,
            hasPreviousPage: false,
            totalResultCount: ids.length,
            pageSize: ids.length,
            loadExactPage: () => undefined,
            loadNextPage: () => undefined,
            loadPreviousPage: () => undefined,
            reset: () => undefined,
            setPageSize: () => undefined,
        },
        refresh: () => undefined,
        openDatasetItem: () => undefined,
    };
    return dataset as unknown as DataSet;
}

export interface FakeContextOptions {
    dataset: DataSet;
    importId: string;
    width: number;
    strings: Readonly<Record<string, string>>;
    dv: FakeDataverse;
    updatedProperties: string[];
}

export function fakeContext(options: FakeContextOptions): ComponentFramework.Context<IInputs> {
    const ports = options.dv.ports();
    const context = {
        parameters: { importFiles: options.dataset },
        updatedProperties: options.updatedProperties,
        mode: {
            allocatedWidth: options.width,
            allocatedHeight: -1,
            isControlDisabled: false,
            isVisible: true,
            label: "Import Monitor",
            trackContainerResize: () => undefined,
            setControlState: () => true,
            setFullScreen: () => undefined,
            contextInfo: { entityId: options.importId, entityTypeName: "import", entityRecordName: "Import" },
        },
        resources: { getString: (id: string) => options.strings[id] ?? id },
        webAPI: ports.webApi,
        utils: { getEntityMetadata: ports.getEntityMetadata },
    };
    return context as unknown as ComponentFramework.Context<IInputs>;
}
