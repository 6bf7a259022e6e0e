/**
 * The control rendered through init/updateView with everything platform-side served by the in-memory
 * Dataverse: the dataset's records, context.webAPI, context.utils (getEntityMetadata, hasEntityPrivilege),
 * and, where the host profile has Xrm, Xrm.WebApi.online.execute and the org's Web API (sandbox/page/xrm.ts).
 * `dataset.refresh()` re-reads the fake and calls updateView, as the platform does.
 */
import type { FakeDataverse } from "../../sandbox/dataverse";
import { importFileDatasetValues, SEED_IMPORT_ID } from "../../sandbox/dataverse";
import { installFakeXrm, portsForProfile } from "../../sandbox/page/xrm";
import { createDataset, fileRecord, hostProfile } from "./contextFake";
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

let uninstall: (() => void) | null = null;
afterEach(() => {
    uninstall?.();
    uninstall = null;
});

/** `withExecute: false` plays a host without Xrm whatever the profile. */
export function renderWithFake(dv: FakeDataverse, options: { width?: number; withExecute?: boolean } = {}): FakeBackedControl {
    const profile = hostProfile();
    const xrm = options.withExecute !== false && profile !== "no-xrm";
    const ports = portsForProfile(dv, xrm ? profile : "no-xrm");
    uninstall?.();
    const host = globalThis as unknown as { Xrm?: unknown };
    delete host.Xrm;
    uninstall = xrm ? installFakeXrm(globalThis, { ports, importId: SEED_IMPORT_ID }) : null;
    const dataset = createDataset(recordsFromFake(dv));
    (dataset.refresh as jest.Mock).mockImplementation(() => {
        dataset.refreshCount++;
        dataset.loading = true;
        // The platform answers a refresh asynchronously with a new updateView.
        queueMicrotask(() => {
            dataset.loading = false;
            dataset.setRecords(recordsFromFake(dv));
            dataset.onLoaded?.();
        });
    });
    const view = renderControl(dataset, {
        width: options.width,
        entityId: `{${SEED_IMPORT_ID.toUpperCase()}}`,
        webAPI: ports.webApi,
        getEntityMetadata: ports.getEntityMetadata,
        hasEntityPrivilege: ports.hasEntityPrivilege,
    });
    return Object.assign(view, { dataset });
}
