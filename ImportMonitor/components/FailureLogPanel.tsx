/**
 * A file's importlog rows in a panel: ordered by line, loaded page by page, filterable by phase, and
 * exportable as CSV (line, column, value, error) with papaparse's unparse.
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
import type { ImportFileRow } from "../domain/importFile";
import type { ImportLogRow, ImportService } from "../dataverse/importService";
import { errorCodeText } from "../domain/failureExport";
import { useImportLog } from "../hooks/useImportLog";
import { downloadText } from "./download";
import { failureLogCsv, LOG_PHASES, phaseName } from "./failureLogCsv";
import { failureText } from "./failureText";
import { Icons } from "./icons";
import { useLocalize } from "./LocalizeContext";
import { PanelCloseButton } from "./PanelCloseButton";
import { Notice } from "./Notice";

export interface FailureLogPanelProps {
    /** The file whose log is shown; null when the panel is closed. */
    file: ImportFileRow | null;
    service: ImportService;
    onDismiss: () => void;
}

const ALL = "all";

export function FailureLogPanel({ file, service, onDismiss }: FailureLogPanelProps): React.ReactElement {
    const t = useLocalize();
    const log = useImportLog(service, file?.id ?? null);
    const [phase, setPhase] = React.useState<string>(ALL);
    React.useEffect(() => setPhase(ALL), [file?.id]);

    const rows = React.useMemo(
        () => (phase === ALL ? log.rows : log.rows.filter((r) => String(r.phase) === phase)),
        [log.rows, phase],
    );
    const options = React.useMemo(
        (): IDropdownOption[] => [{ key: ALL, text: t("Log_Phase_All") }, ...LOG_PHASES.map((p) => ({ key: String(p), text: phaseName(t, p) }))],
        [t],
    );
    const columns = React.useMemo(
        (): IColumn[] => [
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
        [t],
    );

    const exportRows = () => {
        if (!file) return;
        const csv = failureLogCsv(t, rows);
        const base = (file.name || t("Value_Unnamed")).replace(/\.[^.]+$/, "");
        downloadText(t("Log_ExportFileName", base), csv);
    };

    const name = file?.name || t("Value_Unnamed");
    const closeLabel = t("Panel_Close");
    const renderCaret = React.useCallback(() => <FontIcon iconName={Icons.chevronDown} />, []);
    const renderNavigationContent = React.useCallback(() => <PanelCloseButton label={closeLabel} onDismiss={onDismiss} />, [closeLabel, onDismiss]);
    return (
        <Panel
            isOpen={file !== null}
            onDismiss={onDismiss}
            type={PanelType.large}
            isLightDismiss
            headerText={t("Log_Title", name)}
            closeButtonAriaLabel={closeLabel}
            onRenderNavigationContent={renderNavigationContent}
        >
            <Stack tokens={{ childrenGap: 8 }}>
                <Stack horizontal wrap verticalAlign="end" tokens={{ childrenGap: 8 }}>
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
                        disabled={!log.complete || rows.length === 0}
                        title={log.complete ? t("Log_ExportDescription") : t("Log_ExportWaiting")}
                        onClick={exportRows}
                    />
                </Stack>
                <Text variant="small" role="status" aria-live="polite">
                    {log.loading ? t("Log_Loading", log.rows.length) : t("Log_Count", rows.length, log.rows.length)}
                </Text>
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
                ) : (
                    <DetailsList
                        items={rows as ImportLogRow[]}
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
