/**
 * The importlog rows of one file, or of every file of the import (the import-wide view, like the
 * platform's Failures tab), in a panel: ordered by file and line, loaded page by page, filterable by phase
 * (and by file), and exportable as CSV ([file,] line, column, value, error) with papaparse's unparse, from the CSV
 * library (loaded when the panel opens).
 */
import * as React from "react";
import {
    DefaultButton,
    DetailsList,
    DetailsListLayoutMode,
    Dropdown,
    FontIcon,
    MessageBarType,
    Panel,
    PanelType,
    PrimaryButton,
    SelectionMode,
    Spinner,
    SpinnerSize,
    Stack,
    Text,
} from "@fluentui/react";
import type { IColumn, IDropdownOption } from "@fluentui/react";
import { normalizeGuid } from "../domain/importFile";
import type { ImportFileRow } from "../domain/importFile";
import type { ImportLogRow, ImportService } from "../dataverse/importService";
import { errorCodeText } from "../domain/failureRow";
import { useImportLog } from "../hooks/useImportLog";
import { downloadText } from "./download";
import { failureLogCsv, LOG_PHASES, phaseName } from "./failureLogCsv";
import { failureText } from "./failureText";
import { useCsvViews } from "./CsvViews";
import { Icons } from "./icons";
import { useLocalize } from "./LocalizeContext";
import { PanelCloseButton } from "./PanelCloseButton";
import { Notice } from "./Notice";

/** A file whose log is shown: its id and name (and partly failed count, for marking partly failed rows). */
export type LogFile = Pick<ImportFileRow, "id" | "name"> & { partialFailureCount?: number | null };

export interface FailureLogPanelProps {
    /** One file, or (the import-wide view) several; null when the panel is closed. */
    files: readonly LogFile[] | null;
    service: ImportService;
    onDismiss: () => void;
    /** The import's name and mode, for a re-import; "" / null until read. */
    importName?: string;
    modeCode?: number | null;
    /** The user: the records owner of a re-import's files. */
    ownerId?: string | null;
    onOpenImport?: (importId: string) => void;
}

const ALL = "all";

export function FailureLogPanel({ files, service, onDismiss, importName = "", modeCode = null, ownerId = null, onOpenImport }: FailureLogPanelProps): React.ReactElement {
    const t = useLocalize();
    const all = (files?.length ?? 0) > 1;
    const ids = React.useMemo(() => files?.map((f) => normalizeGuid(f.id)) ?? null, [files]);
    const names = React.useMemo(() => new Map(files?.map((f) => [normalizeGuid(f.id), f.name || t("Value_Unnamed")])), [files, t]);
    const log = useImportLog(service, ids);
    const csv = useCsvViews(service, files !== null);
    const [phase, setPhase] = React.useState<string>(ALL);
    const [fileFilter, setFileFilter] = React.useState<string>(ALL);
    const key = ids?.join();
    React.useEffect(() => {
        setPhase(ALL);
        setFileFilter(ALL);
    }, [key]);

    const rows = React.useMemo(
        () => log.rows.filter((r) => (phase === ALL || String(r.phase) === phase) && (fileFilter === ALL || r.fileId === fileFilter)),
        [log.rows, phase, fileFilter],
    );
    const fileOf = React.useCallback((r: ImportLogRow) => names.get(r.fileId) ?? t("Value_Unnamed"), [names, t]);
    const options = React.useMemo(
        (): IDropdownOption[] => [{ key: ALL, text: t("Log_Phase_All") }, ...LOG_PHASES.map((p) => ({ key: String(p), text: phaseName(t, p) }))],
        [t],
    );
    const columns = React.useMemo(
        (): IColumn[] => [
            ...(all ? [{ key: "file", name: t("Log_Column_File"), minWidth: 80, maxWidth: 160, isMultiline: true, onRender: fileOf }] : []),
            { key: "line", name: t("Log_Column_Line"), minWidth: 40, maxWidth: 60, onRender: (r: ImportLogRow) => (r.lineNumber ?? t("Value_Empty")) },
            { key: "column", name: t("Log_Column_Column"), minWidth: 80, maxWidth: 140, isMultiline: true, onRender: (r: ImportLogRow) => r.headerColumn || t("Value_Empty") },
            { key: "value", name: t("Log_Column_Value"), minWidth: 80, maxWidth: 160, isMultiline: true, onRender: (r: ImportLogRow) => r.columnValue || t("Value_Empty") },
            {
                key: "error",
                name: t("Log_Column_Error"),
                minWidth: 200,
                isMultiline: true,
                onRender: (r: ImportLogRow) => (
                    <Stack>
                        <Text variant="small">{r.errorDescription || t("Value_Empty")}</Text>
                        <Text variant="xSmall">
                            {[errorCodeText(r.errorNumber), r.additionalInfo].filter(Boolean).join(t("Value_Separator"))}
                        </Text>
                    </Stack>
                ),
            },
            { key: "phase", name: t("Log_Column_Phase"), minWidth: 70, maxWidth: 110, onRender: (r: ImportLogRow) => phaseName(t, r.phase) },
        ],
        [t, all, fileOf],
    );

    const name = all ? t("Log_AllFiles") : (files?.[0]?.name || t("Value_Unnamed"));
    const exportRows = () => {
        if (!csv.library) return;
        downloadText(t("Log_ExportFileName", name.replace(/\.[^.]+$/, "")), failureLogCsv(t, csv.library, rows, all ? fileOf : undefined));
    };

    const closeLabel = t("Panel_Close");
    const renderCaret = React.useCallback(() => <FontIcon iconName={Icons.chevronDown} />, []);
    const renderNavigationContent = React.useCallback(() => <PanelCloseButton label={closeLabel} onDismiss={onDismiss} />, [closeLabel, onDismiss]);
    return (
        <Panel
            isOpen={files !== null}
            onDismiss={onDismiss}
            type={PanelType.large}
            isLightDismiss
            headerText={all ? t("Log_TitleAll") : t("Log_Title", name)}
            closeButtonAriaLabel={closeLabel}
            onRenderNavigationContent={renderNavigationContent}
        >
            <Stack tokens={{ childrenGap: 8 }}>
                <Stack horizontal wrap verticalAlign="end" tokens={{ childrenGap: 8 }}>
                    {all && (
                        <Dropdown
                            label={t("Log_FileFilter")}
                            options={[{ key: ALL, text: t("Log_AllFiles") }, ...(ids ?? []).map((id) => ({ key: id, text: names.get(id) ?? id }))]}
                            selectedKey={fileFilter}
                            onChange={(_e, option) => option && setFileFilter(String(option.key))}
                            styles={{ root: { minWidth: 180 } }}
                            onRenderCaretDown={renderCaret}
                        />
                    )}
                    <Dropdown
                        label={t("Log_PhaseFilter")}
                        options={options}
                        selectedKey={phase}
                        onChange={(_e, option) => option && setPhase(String(option.key))}
                        styles={{ root: { minWidth: 180 } }}
                        onRenderCaretDown={renderCaret}
                    />
                    <PrimaryButton
                        iconProps={{ iconName: Icons.download }}
                        text={t("Log_Export")}
                        disabled={!log.complete || rows.length === 0 || !csv.library}
                        title={!log.complete ? t("Log_ExportWaiting") : csv.library ? t("Log_ExportDescription") : t("Csv_Loading")}
                        onClick={exportRows}
                    />
                </Stack>
                {files && csv.views && (
                    <csv.views.FixFailures
                        files={files}
                        rows={log.rows}
                        // A capped log is not every failure: exports and re-imports wait for all of them.
                        complete={log.complete && !log.capped}
                        service={service}
                        importName={importName}
                        modeCode={modeCode}
                        ownerId={ownerId}
                        onOpenImport={onOpenImport}
                    />
                )}
                <Text variant="small" role="status" aria-live="polite">
                    {log.loading ? t("Log_Loading", log.rows.length) : t("Log_Count", rows.length, log.rows.length)}
                </Text>
                {csv.unavailable && (
                    <Notice messageBarType={MessageBarType.warning} actions={<DefaultButton text={t("Action_Retry")} onClick={csv.retry} />}>
                        {t(`Csv_Unavailable_${csv.unavailable}`)}
                    </Notice>
                )}
                {log.capped && <Notice messageBarType={MessageBarType.warning}>{t("Log_Capped", log.rows.length)}</Notice>}
                {log.error && (
                    <Notice
                        messageBarType={MessageBarType.error}
                        actions={<DefaultButton text={t("Action_Retry")} onClick={log.retry} />}
                    >
                        {t("Log_LoadFailed", failureText(t, log.error))}
                    </Notice>
                )}
                {log.loading && log.rows.length === 0 ? (
                    <Spinner size={SpinnerSize.medium} label={t("Log_Loading", 0)} />
                ) : log.complete && log.rows.length === 0 ? (
                    <Text>{t("Log_Empty")}</Text>
                ) : rows.length === 0 && !log.loading ? (
                    // A filter that leaves nothing says so, rather than showing bare headings.
                    <Text role="status">{t("Log_NoneFiltered", log.rows.length)}</Text>
                ) : (
                    <DetailsList
                        items={rows}
                        columns={columns}
                        getKey={(r: ImportLogRow) => r.id}
                        selectionMode={SelectionMode.none}
                        layoutMode={DetailsListLayoutMode.justified}
                        ariaLabelForGrid={t("Log_GridLabel", name)}
                    />
                )}
            </Stack>
        </Panel>
    );
}
