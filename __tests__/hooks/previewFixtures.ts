/** Shared by the preview tests: list rows for the fake Dataverse's files, extra files, a deferred yield. */
import type { ImportFileRow } from "../../ImportMonitor/domain/importFile";
import { makeImportFile, SEED_IMPORT_ID, stableGuid } from "../../sandbox/dataverse";
import type { FakeDataverse, ImportFileRecord } from "../../sandbox/dataverse";

/** The list row the dataset would give for a file the fake holds. */
export function rowOf(fake: FakeDataverse, fileId: string, overrides: Partial<ImportFileRow> = {}): ImportFileRow {
    const r = fake.record<ImportFileRecord>("importfile", fileId);
    if (!r) throw new Error(`no importfile ${fileId}`);
    return {
        id: r.importfileid,
        name: r.name,
        source: r.source,
        targetTable: r.targetentityname,
        sizeKb: r.size,
        statusLabel: "Submitted",
        processingStatus: r.processingstatus,
        statusCode: r.statuscode,
        processCode: r.processcode,
        successCount: r.successcount,
        failureCount: r.failurecount,
        partialFailureCount: r.partialfailurecount,
        totalCount: r.totalcount,
        importId: r._importid_value,
        modifiedOn: new Date(r.modifiedon),
        modifiedOnLabel: r.modifiedon,
        ...overrides,
    };
}

/** Adds a file to the fake's seeded import and returns its id. */
export function addFile(fake: FakeDataverse, label: string, fields: Partial<ImportFileRecord> & { content: string }): string {
    const importfileid = stableGuid(`preview-test:${label}`);
    fake.insert(
        "importfile",
        makeImportFile({ importfileid, name: `${label}.csv`, _importid_value: SEED_IMPORT_ID, targetentityname: "contact", ...fields }) as unknown as Record<string, unknown>,
    );
    return importfileid;
}

/** A contacts CSV with `rows` data rows. */
export function contactsCsv(rows: number): string {
    const lines = ["First Name,Last Name,Email"];
    for (let i = 0; i < rows; i++) lines.push(`First${i},Last${i},p${i}@example.com`);
    return lines.join("\r\n") + "\r\n";
}

/** A yieldToHost the test releases one turn at a time. */
export function gatedYield(): { yieldToHost: () => Promise<void>; waiting: () => number; releaseAll: () => void; release: () => void } {
    const pending: (() => void)[] = [];
    let open = false;
    return {
        yieldToHost: () => (open ? Promise.resolve() : new Promise<void>((resolve) => pending.push(resolve))),
        waiting: () => pending.length,
        release: () => pending.shift()?.(),
        releaseAll: () => {
            open = true;
            pending.splice(0).forEach((r) => r());
        },
    };
}

/** Collects unhandled promise rejections during a test. */
export function trackUnhandledRejections(): { list: unknown[]; stop: () => void } {
    const list: unknown[] = [];
    const onRejection = (reason: unknown) => list.push(reason);
    process.on("unhandledRejection", onRejection);
    return { list, stop: () => process.off("unhandledRejection", onRejection) };
}
