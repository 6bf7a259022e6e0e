/**
 * The control rendered through init/updateView with everything platform-side served by the in-memory
 * Dataverse: the dataset's records, context.webAPI, utils.getEntityMetadata and Xrm.WebApi.online.execute.
 * `dataset.refresh()` re-reads the fake and calls updateView, as the platform does.
 */
import { act } from "@testing-library/react";
import type { FakeDataverse } from "../../sandbox/dataverse";
import { SEED_IMPORT_ID } from "../../sandbox/dataverse";
import { createDataset, fileRecord } from "./contextFake";
import type { FakeDataset, FakeRecord } from "./contextFake";
import { renderControl } from "./renderControl";
import type { RenderedControl } from "./renderControl";

const STATUS_LABELS = ["Submitted", "Parsing", "Transforming", "Importing", "Completed", "Failed"];

export function recordsFromFake(dv: FakeDataverse, importId = SEED_IMPORT_ID): FakeRecord[] {
    return dv.importFiles(importId).map((f) =>
        fileRecord(
            f.importfileid,
            {
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
            },
            { statuscode: STATUS_LABELS[f.statuscode] ?? "" },
        ),
    );
}

export interface FakeBackedControl extends RenderedControl {
    dataset: FakeDataset;
}

export function renderWithFake(dv: FakeDataverse, options: { width?: number; withExecute?: boolean } = {}): FakeBackedControl {
    const ports = dv.ports();
    const host = globalThis as unknown as { Xrm?: unknown };
    if (options.withExecute !== false) host.Xrm = { WebApi: { online: { execute: ports.execute } } };
    else delete host.Xrm;
    const dataset = createDataset(recordsFromFake(dv));
    // eslint-disable-next-line prefer-const
    let view: RenderedControl;
    (dataset.refresh as jest.Mock).mockImplementation(() => {
        dataset.refreshCount++;
        // The platform answers a refresh asynchronously with a new updateView.
        queueMicrotask(() => {
            dataset.setRecords(recordsFromFake(dv));
            act(() => {
                view.update(["importFiles"]);
            });
        });
    });
    view = renderControl(dataset, {
        width: options.width,
        entityId: `{${SEED_IMPORT_ID.toUpperCase()}}`,
        webAPI: ports.webApi,
        getEntityMetadata: ports.getEntityMetadata,
    });
    return Object.assign(view, { dataset });
}
