/**
 * The CSV library (dataverse/csvLibrary.ts) as React state, for views that need it (the failure log's export):
 * starts loading when `active` turns true, so it is usually there by the time the user clicks.
 */
import * as React from "react";
import { CsvLibraryUnavailable } from "../dataverse/csvLibrary";
import type { CsvLibrary, CsvLibraryUnavailableReason } from "../dataverse/csvLibrary";
import type { ImportService } from "../dataverse/importService";

export interface CsvLibraryState {
    /** Null until loaded (or when it can't be). */
    library: CsvLibrary | null;
    /** Why it can't be loaded; null while loading or once loaded. */
    unavailable: CsvLibraryUnavailableReason | null;
    /** Loads again after a failure. */
    retry: () => void;
}

export function useCsvLibrary(service: ImportService, active: boolean): CsvLibraryState {
    const [library, setLibrary] = React.useState<CsvLibrary | null>(null);
    const [unavailable, setUnavailable] = React.useState<CsvLibraryUnavailableReason | null>(null);
    const [attempt, setAttempt] = React.useState(0);
    React.useEffect(() => {
        if (!active) return undefined;
        let disposed = false;
        setUnavailable(null);
        const load = async () => {
            try {
                const loaded = await service.loadCsvLibrary();
                if (!disposed) setLibrary(() => loaded);
            } catch (error) {
                if (disposed) return;
                console.warn("ImportMonitor: the CSV library can't be loaded", error);
                setUnavailable(error instanceof CsvLibraryUnavailable ? error.reason : "failed");
            }
        };
        void load(); // never rejects: both outcomes are handled above
        return () => {
            disposed = true;
        };
    }, [service, active, attempt]);
    const retry = React.useCallback(() => setAttempt((n) => n + 1), []);
    return { library, unavailable, retry };
}
