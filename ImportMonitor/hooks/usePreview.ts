/**
 * The preview of one file as React state: binds a PreviewSession (previewSession.ts) to a view. A new session
 * starts when the file (id, modifiedon, size, table) changes; the old one is disposed, so nothing it was doing
 * reaches the view. `file` null means the preview is closed: everything stops.
 */
import * as React from "react";
import type { ImportFileRow } from "../domain/importFile";
import type { ImportService } from "../dataverse/importService";
import { parseSizeKb } from "../dataverse/importFileContent";
import { sharedPreviewCache } from "./previewCache";
import type { PreviewCache } from "./previewCache";
import { CLOSED, createPreviewSession } from "./previewSession";
import type { PreviewScanSettings, PreviewSession, PreviewState } from "./previewSession";

export { CONFIRM_ABOVE_KB } from "./previewSession";
export type { MappingState, PreviewScanSettings, PreviewState, ScanState } from "./previewSession";

export interface UsePreviewOptions {
    /** Default: the control's shared cache (5 files). */
    cache?: PreviewCache;
    /** Read when a session starts. */
    scan?: PreviewScanSettings;
}

export interface PreviewController {
    state: PreviewState;
    /** The size the list gave for the file (KB), before any download; null when unknown. */
    sizeKb: number | null;
    confirm: () => void;
    retry: () => void;
    cancelScan: () => void;
    restartScan: () => void;
    retryMapping: () => void;
}

const STARTING: PreviewState = { phase: "loading" };

export function usePreview(file: ImportFileRow | null, service: ImportService, options?: UsePreviewOptions): PreviewController {
    const fileId = file?.id ?? null;
    const modifiedOn = file?.modifiedOn?.getTime() ?? null;
    const sizeKb = file ? parseSizeKb(file.sizeKb) : null;
    const targetTable = file?.targetTable ?? "";
    const cache = options?.cache ?? sharedPreviewCache;
    const scanRef = React.useRef(options?.scan);
    scanRef.current = options?.scan;

    const key = fileId === null ? null : `${fileId}|${modifiedOn ?? ""}|${sizeKb ?? ""}|${targetTable}`;
    const [current, setCurrent] = React.useState<{ key: string | null; state: PreviewState }>({ key: null, state: CLOSED });
    const sessionRef = React.useRef<PreviewSession | null>(null);

    React.useEffect(() => {
        if (fileId === null) {
            setCurrent({ key: null, state: CLOSED });
            return undefined;
        }
        const sessionKey = `${fileId}|${modifiedOn ?? ""}|${sizeKb ?? ""}|${targetTable}`;
        const session = createPreviewSession(
            { fileId, modifiedOn, sizeKb, targetTable },
            { service, cache, scan: scanRef.current },
            (state) => setCurrent({ key: sessionKey, state }),
        );
        sessionRef.current = session;
        session.start();
        return () => {
            session.dispose();
            if (sessionRef.current === session) sessionRef.current = null;
        };
    }, [fileId, modifiedOn, sizeKb, targetTable, service, cache]);

    const confirm = React.useCallback(() => sessionRef.current?.confirm(), []);
    const retry = React.useCallback(() => sessionRef.current?.retry(), []);
    const cancelScan = React.useCallback(() => sessionRef.current?.cancelScan(), []);
    const restartScan = React.useCallback(() => sessionRef.current?.restartScan(), []);
    const retryMapping = React.useCallback(() => sessionRef.current?.retryMapping(), []);

    let state: PreviewState = CLOSED;
    if (key !== null) state = current.key === key ? current.state : STARTING;
    return { state, sizeKb, confirm, retry, cancelScan, restartScan, retryMapping };
}
