/**
 * The CSV features' views (the bodies of the preview and Add files panels, "Fix and import again") live in the CSV
 * library (dataverse/csvLibrary.ts), loaded on demand with the rest of the CSV code. This module loads them, giving
 * them this control's React, Fluent UI and string context, and says what is happening until they are there:
 * "Loading the CSV tools…", or why they can't be loaded, with Try again (except where the host has no loader).
 * The panels around them are the control's own, so they open at once and stay open while the body arrives.
 */
import * as Fluent from "@fluentui/react";
import { DefaultButton, MessageBarType, Spinner, SpinnerSize } from "@fluentui/react";
import * as React from "react";
import { CsvLibraryUnavailable } from "../dataverse/csvLibrary";
import type { CsvLibrary, CsvLibraryUnavailableReason, CsvViews } from "../dataverse/csvLibrary";
import type { ImportService } from "../dataverse/importService";
import * as Localize from "./LocalizeContext";
import { useLocalize } from "./LocalizeContext";
import { Notice } from "./Notice";

export interface CsvViewsState {
    library: CsvLibrary | null;
    /** Null until loaded (or when they can't be). */
    views: CsvViews | null;
    /** Why they can't be loaded; null while loading or once loaded. */
    unavailable: CsvLibraryUnavailableReason | null;
    retry: () => void;
}

const loaded = new WeakMap<CsvLibrary, Promise<CsvViews>>();

/** The library's views for this control, loaded once per library. */
function viewsOf(library: CsvLibrary): Promise<CsvViews> {
    let views = loaded.get(library);
    if (!views) {
        views = library.loadViews({ React, Fluent, Localize });
        loaded.set(library, views);
        views.catch(() => loaded.delete(library));
    }
    return views;
}

/**
 * Loads the CSV library and then its views once `active` turns true (each at most once per page: the loader and
 * `viewsOf` keep them). The library is given as soon as it is there (the failure log's export needs no view).
 */
export function useCsvViews(service: ImportService, active: boolean): CsvViewsState {
    const [library, setLibrary] = React.useState<CsvLibrary | null>(null);
    const [views, setViews] = React.useState<CsvViews | null>(null);
    const [unavailable, setUnavailable] = React.useState<CsvLibraryUnavailableReason | null>(null);
    // Bumped by retry(): loads again after a failure.
    const [attempt, setAttempt] = React.useState(0);
    React.useEffect(() => {
        if (!active) return undefined;
        let disposed = false;
        setUnavailable(null);
        const load = async () => {
            try {
                const loadedLibrary = await service.loadCsvLibrary();
                if (disposed) return;
                setLibrary(() => loadedLibrary);
                const loadedViews = await viewsOf(loadedLibrary);
                if (!disposed) setViews(() => loadedViews);
            } catch (error) {
                if (disposed) return;
                console.warn("ImportMonitor: the CSV library or its views can't be loaded", error);
                setUnavailable(error instanceof CsvLibraryUnavailable ? error.reason : "failed");
            }
        };
        void load(); // never rejects: both outcomes are handled above
        return () => {
            disposed = true;
        };
    }, [service, active, attempt]);
    const retry = React.useCallback(() => setAttempt((n) => n + 1), []);
    return { library, views, unavailable, retry };
}

/** "Loading the CSV tools…", or why they can't be loaded (with Try again unless the host has no loader). */
export function CsvViewsStatus({ unavailable, retry }: Pick<CsvViewsState, "unavailable" | "retry">): React.ReactElement {
    const t = useLocalize();
    if (!unavailable) return <Spinner size={SpinnerSize.medium} label={t("Csv_Loading")} ariaLive="polite" />;
    return (
        <Notice
            messageBarType={MessageBarType.warning}
            isMultiline
            role="alert"
            actions={
                unavailable === "noLoader" ? undefined : (
                    <div>
                        <DefaultButton text={t("Preview_Retry")} onClick={retry} />
                    </div>
                )
            }
        >
            {t(`Csv_Unavailable_${unavailable}`)}
        </Notice>
    );
}
