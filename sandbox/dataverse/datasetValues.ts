/**
 * An importfile of the fake as the PCF dataset hands it to the control: raw values (`getValue`, lookups as
 * EntityReference arrays, dates as Date) and formatted values (`getFormattedValue`). Used wherever a dataset
 * is faked over this Dataverse (the jest context fake, the render benchmark).
 */
import type { ImportFileRecord } from "./records";
import { StatusCodeLabels } from "./schema";

export interface DatasetRecordValues {
    values: Record<string, unknown>;
    formatted: Record<string, string>;
}

export function importFileDatasetValues(f: ImportFileRecord, importId: string): DatasetRecordValues {
    const modifiedOn = new Date(f.modifiedon);
    return {
        values: {
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
            modifiedon: modifiedOn,
        },
        formatted: {
            statuscode: StatusCodeLabels[f.statuscode] ?? "",
            modifiedon: modifiedOn.toISOString().replace("T", " ").slice(0, 16),
        },
    };
}
