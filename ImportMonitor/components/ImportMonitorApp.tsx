/**
 * The root view: commands (refresh, run stages), the run's status, the file list (or its loading and
 * empty states), paging, and the panels a row opens (CSV preview, failure log).
 */
import * as React from "react";
import { MessageBarType, mergeStyles, Spinner, SpinnerSize, Stack, Text, useTheme } from "@fluentui/react";
import { ACCEPTED_EXTENSIONS } from "../domain/addFiles";
import { normalizeGuid, reuseUnchanged, sameRow, withStatus } from "../domain/importFile";
import type { ImportFileRow } from "../domain/importFile";
import { firstRunnableStage, nextStage, stageGates } from "../domain/stageGating";
import type { RunnableStage } from "../domain/stageGating";
import type { DatasetCommands, DatasetState } from "../dataverse/datasetFiles";
import type { ImportService } from "../dataverse/importService";
import { useAddFiles } from "../hooks/useAddFiles";
import { useImportRun } from "../hooks/useImportRun";
import type { RunState } from "../hooks/importRunner";
import type { Localize } from "../strings/localize";
import { CommandToolbar } from "./CommandToolbar";
import type { ToolbarCommand } from "./CommandToolbar";
import { FailureLogButton, hasFailures } from "./FailureLogButton";
import { FailureLogPanel } from "./FailureLogPanel";
import type { LogFile } from "./FailureLogPanel";
import { AddFilesPanel } from "./AddFilesPanel";
import { FileList, wideListWidth } from "./FileList";
import type { FileListLayout } from "./FileList";
import { Icons, registerImportMonitorIcons } from "./icons";
import { LocalizeContext } from "./LocalizeContext";
import { PagingBar } from "./PagingBar";
import { PreviewButton } from "./PreviewButton";
import { RunStatus } from "./RunStatus";
import { ImportSummary } from "./ImportSummary";
import { PreviewPanel } from "./PreviewPanel";
import { Notice } from "./Notice";

/** Narrower than this (px), the list collapses to its compact layout (phones, side panes, 200% zoom and more). */
export const COMPACT_WIDTH = 640;


export interface ImportMonitorAppProps {
    rows: readonly ImportFileRow[];
    dataset: DatasetState;
    commands: DatasetCommands;
    /** The control's allocated width in px; -1 or 0 when the host does not say. */
    width: number;
    localize: Localize;
    service: ImportService;
    /** The import this form shows; null on an unsaved (create) form. */
    importId: string | null;
    /** A date and time in the user's format and time zone (context.formatting); the browser's by default. */
    formatDateTime?: (date: Date) => string;
    /** The user (context.userSettings.userId): the owner of the records files added here create. */
    userId?: string | null;
}

const browserDateTime = (date: Date): string => date.toLocaleString();

registerImportMonitorIcons();

/** Over the control while files are dragged over it, in the theme's background (light or dark). */
const dropOverlayStyle = (background: string) =>
    mergeStyles({
        position: "absolute",
        inset: 0,
        zIndex: 1,
        display: "flex",
        alignItems: "center",
        justifyContent: "center",
        border: "2px dashed currentColor",
        background,
        opacity: 0.94,
        pointerEvents: "none",
    });

/** The privileges the stages need that the user lacks, once the check has answered; null until then or when it can't. */
function useMissingPrivileges(service: ImportService): string[] | null {
    const [missing, setMissing] = React.useState<string[] | null>(null);
    React.useEffect(() => {
        if (!service.canRunStages) return undefined;
        let live = true;
        const check = async (): Promise<void> => {
            const result = await service.missingStagePrivileges();
            if (live) setMissing(result);
        };
        void check();
        return () => {
            live = false;
        };
    }, [service]);
    return missing;
}

export function ImportMonitorApp(props: ImportMonitorAppProps): React.ReactElement {
    const { rows, dataset, commands, width, localize: t, service, importId, formatDateTime = browserDateTime, userId = null } = props;
    const theme = useTheme();
    const [previewFile, setPreviewFile] = React.useState<ImportFileRow | null>(null);
    const [addOpen, setAddOpen] = React.useState(false);
    const closePreview = React.useCallback(() => setPreviewFile(null), []);
    const closeAddFiles = React.useCallback(() => setAddOpen(false), []);
    const [dragging, setDragging] = React.useState(false);
    const fileInput = React.useRef<HTMLInputElement>(null);
    const addFiles = useAddFiles({ service, importId, ownerId: userId, onCreated: commands.refresh });
    const chooseFiles = React.useCallback(() => fileInput.current?.click(), []);
    const { add } = addFiles;
    const takeFiles = React.useCallback(
        (files: FileList | null) => {
            if (!files || files.length === 0) return;
            add(Array.from(files));
            setAddOpen(true);
        },
        [add],
    );
    const [logFiles, setLogFiles] = React.useState<readonly LogFile[] | null>(null);
    // Every column side by side only where all fit with their headings whole (about 1,200 px in English).
    const wideWidth = React.useMemo(() => wideListWidth(t), [t]);
    const layout: FileListLayout = width <= 0 || width >= wideWidth ? "wide" : width < COMPACT_WIDTH ? "compact" : "medium";

    const { state: runState, clearStatuses, start, stopAfterStage, check } = useImportRun(service, importId, commands.refresh);

    // The dataset caught up (first load, a refresh, the end of a stage): its rows are the truth again, and
    // whether the import is in progress (anyone's run: the wizard, another tab, code) is looked up again.
    React.useEffect(() => {
        if (dataset.loading) return;
        clearStatuses();
        if (rows.length > 0) check(rows);
    }, [rows, dataset.loading, clearStatuses, check]);

    // The poll's fresh status and the files' failure-log counts laid over the dataset's rows; unchanged rows
    // stay the same objects.
    const shownRef = React.useRef<readonly ImportFileRow[]>([]);
    // The rows that were current when the latest statuses were read: statuses read before newer rows arrived
    // (a refresh) are older than them, and are not laid over them, not even for one render.
    const statusesSeen = React.useRef<{ statuses: RunState["statuses"]; rows: readonly ImportFileRow[] }>({ statuses: null, rows });
    if (statusesSeen.current.statuses !== runState.statuses) statusesSeen.current = { statuses: runState.statuses, rows };
    const statusesCurrent = runState.phase !== "idle" || statusesSeen.current.rows === rows;
    const shown = React.useMemo(() => {
        const { failures } = runState;
        const statuses = statusesCurrent ? runState.statuses : null;
        const next =
            statuses || failures
                ? rows.map((r) => {
                      const id = normalizeGuid(r.id);
                      return withStatus(r, statuses?.get(id), failures ? (failures.get(id) ?? null) : undefined);
                  })
                : rows;
        shownRef.current = reuseUnchanged(shownRef.current, next, sameRow);
        return shownRef.current;
    }, [rows, runState, statusesCurrent]);

    // The page shown is the dataset's (dataset.page), never a counter of the control's own.
    const refresh = commands.refresh;

    // Gate on every file of the import when a poll has read them all; else on the rows the dataset shows.
    const gates = React.useMemo(
        () => stageGates(statusesCurrent && runState.statuses ? [...runState.statuses.values()] : shown),
        [statusesCurrent, runState.statuses, shown],
    );
    const busy = runState.phase !== "idle";
    const missingPrivileges = useMissingPrivileges(service);
    const toolbar = React.useMemo((): ToolbarCommand[] => {
        const blocked = !service.canRunStages
            ? t("Run_Unavailable")
            : !importId
              ? t("Run_SaveFirst")
              : missingPrivileges && missingPrivileges.length > 0
                ? t("Run_MissingPrivileges", missingPrivileges.join(t("Value_ListSeparator")))
                : busy
                  ? t("Gate_Running")
                  : // A run must never start from a list that is still loading (its gates would be stale).
                    dataset.loading
                    ? t("List_Loading")
                    : null;
        const first = firstRunnableStage(gates);
        const stageCommand = (stage: RunnableStage): ToolbarCommand => ({
            key: stage,
            text: t(`Command_${stage}`),
            iconName: Icons.run,
            disabled: blocked !== null || !gates[stage].enabled,
            description: blocked ?? (gates[stage].reason ? t(gates[stage].reason) : t(`Command_${stage}Description`)),
            onClick: () => start(stage),
        });
        const addBlocked = !service.canCreateFiles ? t("AddFiles_Unavailable") : !importId ? t("AddFiles_SaveFirst") : busy ? t("Gate_Running") : null;
        const commandsList: ToolbarCommand[] = [
            {
                key: "addFiles",
                text: t("Command_AddFiles"),
                iconName: Icons.add,
                disabled: addBlocked !== null,
                description: addBlocked ?? t("Command_AddFilesDescription"),
                onClick: () => (addFiles.drafts.length > 0 ? setAddOpen(true) : chooseFiles()),
            },
            {
                key: "runAll",
                text: t("Command_RunAll"),
                iconName: Icons.run,
                primary: true,
                disabled: blocked !== null || first === null,
                description: blocked ?? (first ? t("Command_RunAllDescription", t(`Stage_${first}`)) : t(gates.parse.reason ?? "Gate_NotReady")),
                onClick: () => first && start(first, true),
            },
            stageCommand("parse"),
            stageCommand("transform"),
            stageCommand("import"),
        ];
        // Always present (disabled when there is nothing to stop): focus never falls off a vanished button.
        commandsList.push({
            key: "stop",
            text: t("Command_Stop"),
            iconName: Icons.failed,
            // Only between stages of a Run all started here, and only while a later stage remains.
            disabled: !(busy && runState.runAll) || runState.stopRequested || !runState.stage || !nextStage(runState.stage),
            description: t("Command_StopDescription"),
            onClick: stopAfterStage,
        });
        // Every failure of the import (the files shown), by file and phase, as they are logged.
        const failed = shown.filter(hasFailures);
        commandsList.push({
            key: "failures",
            text: t("Command_Failures"),
            iconName: Icons.log,
            disabled: failed.length === 0,
            description: t("Command_FailuresDescription", failed.length),
            onClick: () => setLogFiles(failed),
        });
        commandsList.push({
            key: "refresh",
            text: t("Command_Refresh"),
            // While a stage runs the control follows it itself; a refresh then could show older data.
            description: busy ? t("Gate_Running") : t("Command_RefreshDescription"),
            iconName: Icons.refresh,
            disabled: dataset.loading || busy,
            onClick: refresh,
        });
        return commandsList;
    }, [t, service.canRunStages, service.canCreateFiles, importId, missingPrivileges, busy, gates, start, stopAfterStage, runState.runAll, runState.stopRequested, runState.stage, dataset.loading, refresh, shown, addFiles.drafts.length, chooseFiles]);

    // Files dropped on the control are added like chosen ones (the Add files command is the keyboard's way).
    const canDrop = service.canCreateFiles && importId !== null && !busy;
    const hasFiles = (e: React.DragEvent) => Array.from(e.dataTransfer.types).includes("Files");
    const dropHandlers = {
        onDragOver: (e: React.DragEvent) => {
            if (!hasFiles(e)) return;
            e.preventDefault();
            e.dataTransfer.dropEffect = canDrop ? "copy" : "none";
            if (!dragging) setDragging(true);
        },
        onDragLeave: (e: React.DragEvent) => {
            if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
        },
        onDrop: (e: React.DragEvent) => {
            if (!hasFiles(e)) return;
            e.preventDefault();
            setDragging(false);
            if (canDrop) takeFiles(e.dataTransfer.files);
        },
    };

    const openJob = React.useMemo(() => (commands.openRecord ? (id: string) => commands.openRecord?.("asyncoperation", id) : undefined), [commands]);

    const renderRowCommands = React.useCallback(
        (row: ImportFileRow) => (
            <Stack horizontal tokens={{ childrenGap: 2 }}>
                <PreviewButton file={row} onPreview={setPreviewFile} />
                <FailureLogButton file={row} onOpen={(file) => setLogFiles([file])} />
            </Stack>
        ),
        [],
    );

    // Another page of files starts at its top: the list's first row is brought into view (only if it is out of it).
    const listTop = React.useRef<HTMLDivElement>(null);
    const shownPage = React.useRef(dataset.page);
    React.useEffect(() => {
        if (shownPage.current === dataset.page) return;
        shownPage.current = dataset.page;
        const top = listTop.current;
        if (top && top.getBoundingClientRect().top < 0) top.scrollIntoView?.({ block: "start" });
    }, [dataset.page]);

    let body: React.ReactNode;
    if (dataset.loading && shown.length === 0) {
        body = <Spinner size={SpinnerSize.medium} label={t("List_Loading")} ariaLive="polite" />;
    } else if (shown.length === 0) {
        body = (
            <Stack tokens={{ childrenGap: 4, padding: 16 }} horizontalAlign="center" role="status">
                <Text variant="mediumPlus">{t("List_Empty")}</Text>
                <Text variant="small">{t("List_EmptyDetail")}</Text>
            </Stack>
        );
    } else {
        body = (
            <FileList
                rows={shown}
                layout={layout}
                sortColumn={dataset.sortColumn}
                sortDescending={dataset.sortDescending}
                sortableColumns={dataset.sortableColumns}
                onOpen={commands.open}
                onSort={commands.sort}
                renderRowCommands={renderRowCommands}
            />
        );
    }

    return (
        <LocalizeContext.Provider value={t}>
            <Stack tokens={{ childrenGap: 4 }} data-testid="import-monitor" data-layout={layout} {...dropHandlers} styles={{ root: { position: "relative" } }}>
                <CommandToolbar label={t("Control_DisplayName")} commands={toolbar} />
                <input
                    ref={fileInput}
                    type="file"
                    multiple
                    accept={ACCEPTED_EXTENSIONS.join(",")}
                    hidden
                    data-testid="add-files-input"
                    onChange={(e) => {
                        takeFiles(e.currentTarget.files);
                        // The same file chosen again is a new choice.
                        e.currentTarget.value = "";
                    }}
                />
                {dragging && (
                    <div className={dropOverlayStyle(theme.semanticColors.bodyBackground)} aria-hidden="true">
                        <Text variant="large">{canDrop ? t("AddFiles_DropHere") : importId ? t("AddFiles_Unavailable") : t("AddFiles_SaveFirst")}</Text>
                    </div>
                )}
                <RunStatus
                    state={runState}
                    canRunStages={service.canRunStages}
                    hasImportId={importId !== null}
                    missingPrivileges={missingPrivileges}
                    onOpenJob={openJob}
                />
                <ImportSummary
                    state={runState}
                    onOpenJob={openJob}
                    formatDateTime={formatDateTime}
                    pending={importId !== null && shown.length > 0 && runState.files === null && runState.stale === null}
                />
                {dataset.error !== null && (
                    <Notice messageBarType={MessageBarType.warning} isMultiline>
                        {t(dataset.error ? "List_ReadFailedDetail" : "List_ReadFailed", dataset.error)}
                    </Notice>
                )}
                <div ref={listTop} />
                {body}
                {/* Below the rows it refreshes, so that its coming and going never moves a row under the pointer. */}
                {dataset.loading && shown.length > 0 && (
                    <Notice messageBarType={MessageBarType.info} isMultiline={false}>
                        {t("List_Loading")}
                    </Notice>
                )}
                <PagingBar
                    page={dataset.page}
                    hasPreviousPage={dataset.hasPreviousPage}
                    hasNextPage={dataset.hasNextPage}
                    totalResultCount={dataset.totalResultCount}
                    onPage={commands.loadPage}
                    loading={dataset.loading}
                />
            </Stack>
            <PreviewPanel file={previewFile} service={service} onDismiss={closePreview} />
            <FailureLogPanel
                files={logFiles}
                service={service}
                onDismiss={() => setLogFiles(null)}
                importName={runState.importStatus?.name ?? ""}
                modeCode={runState.importStatus?.modeCode ?? null}
                ownerId={userId}
                onOpenImport={commands.openRecord ? (id) => commands.openRecord?.("import", id) : undefined}
            />
            <AddFilesPanel
                isOpen={addOpen}
                controller={addFiles}
                service={service}
                onChooseFiles={chooseFiles}
                onDismiss={closeAddFiles}
                importHasRun={(runState.importStatus?.statusCode ?? 0) > 0 || rows.some((r) => r.processingStatus !== null && r.processingStatus > 1)}
                importName={runState.importStatus?.name ?? ""}
                modeCode={runState.importStatus?.modeCode ?? null}
                onOpenImport={commands.openRecord ? (id) => commands.openRecord?.("import", id) : undefined}
            />
        </LocalizeContext.Provider>
    );
}
