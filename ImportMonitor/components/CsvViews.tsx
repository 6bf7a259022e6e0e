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
import type { CsvLibrary, CsvLibraryUnavailableReason, CsvViews } from "../dataverse/csvLibrary";
import type { ImportService } from "../dataverse/importService";
import { useCsvLibrary } from "../hooks/useCsvLibrary";
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

/** Loads the CSV library and its views once `active` turns true. */
export function useCsvViews(service: ImportService, active: boolean): CsvViewsState {
    const csv = useCsvLibrary(service, active);
    const { library } = csv;
    const [views, setViews] = React.useState<CsvViews | null>(null);
    const [failed, setFailed] = React.useState(false);
    const [attempt, setAttempt] = React.useState(0);
    React.useEffect(() => {
        if (!library) return undefined;
        let disposed = false;
        setFailed(false);
        const load = async () => {
            try {
                const v = await viewsOf(library);
                if (!disposed) setViews(() => v);
            } catch (error) {
                if (disposed) return;
                console.warn("ImportMonitor: the CSV library's views can't be loaded", error);
                setFailed(true);
            }
        };
        void load(); // never rejects: both outcomes are handled above
        return () => {
            disposed = true;
        };
    }, [library, attempt]);
    const { retry: retryLibrary } = csv;
    const retry = React.useCallback(() => {
        retryLibrary();
        setAttempt((n) => n + 1);
    }, [retryLibrary]);
    return { library, views, unavailable: csv.unavailable ?? (failed ? "failed" : null), retry };
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
