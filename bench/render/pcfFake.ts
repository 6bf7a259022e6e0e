/**
 * Benchmark only: the least of a PCF context a model-driven form hands the control, with the
 * Import_ImportFile dataset read from the in-memory Dataverse (a new dataset and new record objects on
 * every read, as the platform does after a refresh).
 */
import type { IInputs } from "../../ImportMonitor/generated/ManifestTypes";
import { REQUIRED_COLUMNS } from "../../ImportMonitor/dataverse/datasetFiles";
import { importFileDatasetValues } from "../../sandbox/dataverse";
import type { FakeDataverse } from "../../sandbox/dataverse";

type DataSet = ComponentFramework.PropertyTypes.DataSet;

export function datasetFromFake(dv: FakeDataverse, importId: string): DataSet {
    const records: Record<string, unknown> = {};
    const ids: string[] = [];
    for (const f of dv.importFiles(importId)) {
        const { values, formatted } = importFileDatasetValues(f, importId);
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
