/**
 * The preview of one file as React state: binds a PreviewSession (previewSession.ts) to a view. A new session
 * starts when the file (id, modifiedon, size, table) changes; the old one is disposed, so nothing it was doing
 * reaches the view. `file` null means the preview is closed: everything stops. The session comes from the CSV
 * library (dataverse/csvLibrary.ts), loaded on the first preview: until it is there the state is "loading", and
 * "unavailable" when it can't be loaded (retry() tries again).
 */
import * as React from "react";
import type { ImportFileRow } from "../domain/importFile";
import type { ImportService } from "../dataverse/importService";
import { parseSizeKb } from "../dataverse/importFileContent";
import { CsvLibraryUnavailable } from "../dataverse/csvLibrary";
import type { CsvLibrary } from "../dataverse/csvLibrary";
import type { PreviewCache } from "./previewCache";
import type { PreviewSession } from "./previewSession";
import { CLOSED } from "./previewState";
import type { PreviewScanSettings, PreviewState, PreviewTarget } from "./previewState";
import type { ImportFileContent } from "../dataverse/importFileContent";

export { CONFIRM_ABOVE_KB } from "./previewState";
export type { MappingState, PreviewScanSettings, PreviewState, ScanState } from "./previewState";

export interface UsePreviewOptions {
    /** Default: the CSV library's shared cache (5 files). */
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
    const key = fileId === null ? null : `${fileId}|${modifiedOn ?? ""}|${sizeKb ?? ""}|${targetTable}`;
    const target = React.useMemo(
        (): PreviewTarget | null => (fileId === null ? null : { fileId, modifiedOn, sizeKb, targetTable }),
        // eslint-disable-next-line react-hooks/exhaustive-deps -- the key holds every part of the target
        [key],
    );
    return usePreviewOf(key, target, sizeKb, service, options);
}

/**
 * The preview of a file not stored yet (being added from the form), checked as the record will be created:
 * `content` in memory, with its settings. A new session starts when `key` changes (the file or a setting).
 */
export function useLocalPreview(key: string | null, content: ImportFileContent | null, service: ImportService): PreviewController {
    const target = React.useMemo(
        (): PreviewTarget | null => (key === null || content === null ? null : { fileId: key, modifiedOn: null, sizeKb: content.sizeKb, targetTable: content.targetTable, local: content }),
        // eslint-disable-next-line react-hooks/exhaustive-deps -- the key names the content and its settings
        [key],
    );
    return usePreviewOf(target ? key : null, target, content?.sizeKb ?? null, service);
}

/** `target` must change exactly when `key` does. */
function usePreviewOf(key: string | null, target: PreviewTarget | null, sizeKb: number | null, service: ImportService, options?: UsePreviewOptions): PreviewController {
    const cache = options?.cache;
    const scanRef = React.useRef(options?.scan);
    scanRef.current = options?.scan;

    const [current, setCurrent] = React.useState<{ key: string | null; state: PreviewState }>({ key: null, state: CLOSED });
    const sessionRef = React.useRef<PreviewSession | null>(null);
    // Bumped by retry() when the library could not be loaded: loads it again.
    const [libraryAttempt, setLibraryAttempt] = React.useState(0);

    React.useEffect(() => {
        if (target === null || key === null) {
            setCurrent({ key: null, state: CLOSED });
            return undefined;
        }
        const sessionKey = key;
        let disposed = false;
        let session: PreviewSession | null = null;
        if (libraryAttempt > 0) setCurrent({ key: sessionKey, state: STARTING });
        const start = async () => {
            let library: CsvLibrary;
            try {
                library = await service.loadCsvLibrary();
            } catch (error) {
                if (disposed) return;
                console.warn("ImportMonitor: the preview can't start", error);
                const reason = error instanceof CsvLibraryUnavailable ? error.reason : "failed";
                setCurrent({ key: sessionKey, state: { phase: "unavailable", reason } });
                return;
            }
            if (disposed) return;
            session = library.createPreviewSession(
                target,
                { service, cache: cache ?? library.previewCache, scan: scanRef.current },
                (state) => setCurrent({ key: sessionKey, state }),
            );
            sessionRef.current = session;
            session.start();
        };
        void start(); // never rejects: a failure to load is the "unavailable" state
        return () => {
            disposed = true;
            session?.dispose();
            if (sessionRef.current === session) sessionRef.current = null;
        };
    }, [key, target, service, cache, libraryAttempt]);

    const confirm = React.useCallback(() => sessionRef.current?.confirm(), []);
    const retry = React.useCallback(() => {
        if (sessionRef.current) sessionRef.current.retry();
        else setLibraryAttempt((n) => n + 1);
    }, []);
    const cancelScan = React.useCallback(() => sessionRef.current?.cancelScan(), []);
    const restartScan = React.useCallback(() => sessionRef.current?.restartScan(), []);
    const retryMapping = React.useCallback(() => sessionRef.current?.retryMapping(), []);

    let state: PreviewState = CLOSED;
    if (key !== null) state = current.key === key ? current.state : STARTING;
    return { state, sizeKb, confirm, retry, cancelScan, restartScan, retryMapping };
}
