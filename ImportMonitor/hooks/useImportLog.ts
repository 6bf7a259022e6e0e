/**
 * The importlog rows of one file, or of several one after another (the import-wide view), each row with its
 * file id: the first page at once, the next pages in the background (following the next link), so
 * thousands of rows never freeze the page. Stops on unmount or when the files change.
 */
import * as React from "react";
import type { ImportLogRow, ImportService } from "../dataverse/importService";
import { toFailure } from "../dataverse/failures";
import type { DataverseFailure } from "../dataverse/failures";

/** Beyond this many rows the log stops loading and says so (the export then holds these rows). */
export const MAX_LOG_ROWS = 100000;

export interface ImportLogState {
    rows: readonly ImportLogRow[];
    loading: boolean;
    /** Every page is loaded (or the cap was reached: see `capped`). */
    complete: boolean;
    capped: boolean;
    error: DataverseFailure | null;
}

const EMPTY: ImportLogState = { rows: [], loading: false, complete: false, capped: false, error: null };

export function useImportLog(service: ImportService, fileIds: readonly string[] | null): ImportLogState & { retry: () => void } {
    const [state, setState] = React.useState<ImportLogState>(EMPTY);
    const [attempt, setAttempt] = React.useState(0);

    const key = fileIds?.join() ?? "";
    React.useEffect(() => {
        const ids = key ? key.split(",") : [];
        if (ids.length === 0) {
            setState(EMPTY);
            return undefined;
        }
        const abort = new AbortController();
        setState({ ...EMPTY, loading: true });
        const load = async () => {
            const rows: ImportLogRow[] = [];
            try {
                for (let f = 0; f < ids.length; f++) {
                    let next: string | null = null;
                    do {
                        const page = await service.readLogPage(ids[f], next, { signal: abort.signal });
                        if (abort.signal.aborted) return;
                        for (const row of page.rows) rows.push(row);
                        next = page.next;
                        const capped = rows.length >= MAX_LOG_ROWS && (next !== null || f < ids.length - 1);
                        const done = capped || (next === null && f === ids.length - 1);
                        // A new array per page so React sees the change; the rows themselves are shared.
                        setState({ rows: rows.slice(), loading: !done, complete: done, capped, error: null });
                        if (capped) return;
                    } while (next !== null);
                }
            } catch (error) {
                if (!abort.signal.aborted) setState({ rows: rows.slice(), loading: false, complete: false, capped: false, error: toFailure(error) });
            }
        };
        void load();
        return () => abort.abort();
    }, [service, key, attempt]);

    const retry = React.useCallback(() => setAttempt((n) => n + 1), []);
    return { ...state, retry };
}
