/**
 * The control rendered through init/updateView with everything platform-side served by the in-memory
 * Dataverse: the dataset's records, context.webAPI, utils.getEntityMetadata and Xrm.WebApi.online.execute.
 * `dataset.refresh()` re-reads the fake and calls updateView, as the platform does.
 */
import { act } from "@testing-library/react";
import type { FakeDataverse } from "../../sandbox/dataverse";
import { importFileDatasetValues, SEED_IMPORT_ID } from "../../sandbox/dataverse";
import { createDataset, fileRecord } from "./contextFake";
import type { FakeDataset, FakeRecord, FakeValue } from "./contextFake";
import { renderControl } from "./renderControl";
import type { RenderedControl } from "./renderControl";

export function recordsFromFake(dv: FakeDataverse, importId = SEED_IMPORT_ID): FakeRecord[] {
    return dv.importFiles(importId).map((f) => {
        const { values, formatted } = importFileDatasetValues(f, importId);
        return fileRecord(f.importfileid, values as Record<string, FakeValue>, formatted);
    });
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
