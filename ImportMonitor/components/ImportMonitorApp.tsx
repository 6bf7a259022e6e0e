/** The root view: command bar, the file list (or its loading and empty states) and paging. */
import * as React from "react";
import { MessageBar, MessageBarType, Spinner, SpinnerSize, Stack, Text } from "@fluentui/react";
import { CommandToolbar } from "./CommandToolbar";
import type { ToolbarCommand } from "./CommandToolbar";
import type { ImportFileRow } from "../domain/importFile";
import type { DatasetCommands, DatasetState } from "../dataverse/datasetFiles";
import type { Localize } from "../strings/localize";
import { FileList } from "./FileList";
import { Icons, registerImportMonitorIcons } from "./icons";
import { LocalizeContext } from "./LocalizeContext";
import { PagingBar } from "./PagingBar";

/** Narrower than this (px), the list collapses to its compact layout (phones, side panes). */
export const COMPACT_WIDTH = 640;

export interface ImportMonitorAppProps {
    rows: readonly ImportFileRow[];
    dataset: DatasetState;
    commands: DatasetCommands;
    /** The control's allocated width in px; -1 or 0 when the host does not say. */
    width: number;
    localize: Localize;
}

registerImportMonitorIcons();

export function ImportMonitorApp({ rows, dataset, commands, width, localize: t }: ImportMonitorAppProps): React.ReactElement {
    const [page, setPage] = React.useState(1);
    const compact = width > 0 && width < COMPACT_WIDTH;

    const refresh = React.useCallback(() => {
        setPage(1);
        commands.refresh();
    }, [commands]);
    const loadPage = React.useCallback(
        (next: number) => {
            setPage(next);
            commands.loadPage(next);
        },
        [commands],
    );
    const sort = React.useCallback(
        (column: string, descending: boolean) => {
            setPage(1);
            commands.sort(column, descending);
        },
        [commands],
    );

    const toolbar = React.useMemo(
        (): ToolbarCommand[] => [
            {
                key: "refresh",
                text: t("Command_Refresh"),
                description: t("Command_RefreshDescription"),
                iconName: Icons.refresh,
                disabled: dataset.loading,
                onClick: refresh,
            },
        ],
        [t, dataset.loading, refresh],
    );

    let body: React.ReactNode;
    if (dataset.loading && rows.length === 0) {
        body = <Spinner size={SpinnerSize.medium} label={t("List_Loading")} ariaLive="polite" />;
    } else if (rows.length === 0) {
        body = (
            <Stack tokens={{ childrenGap: 4, padding: 16 }} horizontalAlign="center" role="status">
                <Text variant="mediumPlus">{t("List_Empty")}</Text>
                <Text variant="small">{t("List_EmptyDetail")}</Text>
            </Stack>
        );
    } else {
        body = (
            <FileList
                rows={rows}
                compact={compact}
                sortColumn={dataset.sortColumn}
                sortDescending={dataset.sortDescending}
                sortableColumns={dataset.sortableColumns}
                onOpen={commands.open}
                onSort={sort}
            />
        );
    }

    return (
        <LocalizeContext.Provider value={t}>
            <Stack tokens={{ childrenGap: 4 }} data-testid="import-monitor" data-layout={compact ? "compact" : "wide"}>
                <CommandToolbar label={t("Control_DisplayName")} commands={toolbar} />
                {dataset.loading && rows.length > 0 && (
                    <MessageBar messageBarType={MessageBarType.info} isMultiline={false}>
                        {t("List_Loading")}
                    </MessageBar>
                )}
                {body}
                <PagingBar
                    page={page}
                    hasPreviousPage={dataset.hasPreviousPage}
                    hasNextPage={dataset.hasNextPage}
                    totalResultCount={dataset.totalResultCount}
                    onPage={loadPage}
                />
            </Stack>
        </LocalizeContext.Provider>
    );
}
