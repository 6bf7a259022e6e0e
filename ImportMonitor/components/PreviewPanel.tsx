/**
 * The preview of one import file in a side panel: its size (known before any download), a confirmation for big
 * files, then the header and first rows, the checks' findings, a background check of every row (progress,
 * cancel) and, under the system map, which column each heading goes to. Read-only: it never writes.
 * `file` null: the panel is closed and everything it was doing stops.
 */
import * as React from "react";
import {
    DefaultButton,
    MessageBarType,
    Panel,
    PanelType,
    PrimaryButton,
    ProgressIndicator,
    Spinner,
    SpinnerSize,
    Stack,
    Text,
} from "@fluentui/react";
import type { ImportFileRow } from "../domain/importFile";
import { FileTypeCode } from "../domain/csv/options";
import type { ImportService } from "../dataverse/importService";
import { CONFIRM_ABOVE_KB, usePreview } from "../hooks/usePreview";
import type { PreviewController, ScanState, UsePreviewOptions } from "../hooks/usePreview";
import { FindingsList } from "./FindingsList";
import { HeaderMappingList } from "./HeaderMappingList";
import { PreviewGrid } from "./PreviewGrid";
import { useLocalize } from "./LocalizeContext";
import { PanelCloseButton } from "./PanelCloseButton";
import { failureText } from "./failureText";
import { fileTypeName } from "./previewText";
import { Notice } from "./Notice";

export interface PreviewPanelProps {
    /** The file to preview; null: the panel is closed. */
    file: ImportFileRow | null;
    service: ImportService;
    onDismiss: () => void;
    /** The cache, size threshold and scan settings (tests); defaults suit the control. */
    options?: UsePreviewOptions;
}

function Section({ title, children }: { title: string; children: React.ReactNode }): React.ReactElement {
    return (
        <Stack tokens={{ childrenGap: 6 }} as="section" aria-label={title}>
            <Text as="h3" variant="mediumPlus" block styles={{ root: { fontWeight: 600, margin: 0 } }}>
                {title}
            </Text>
            {children}
        </Stack>
    );
}

function ScanProgress({ scan, onCancel, onRestart }: { scan: ScanState; onCancel: () => void; onRestart: () => void }): React.ReactElement | null {
    const t = useLocalize();
    switch (scan.status) {
        case "notStarted":
            return null;
        case "running": {
            const progress = t("Preview_ScanProgress", Math.floor(scan.fraction * 100));
            return (
                <Stack horizontal verticalAlign="end" tokens={{ childrenGap: 8 }}>
                    <Stack.Item grow>
                        <ProgressIndicator label={t("Preview_ScanLabel")} description={progress} percentComplete={scan.fraction} ariaValueText={progress} />
                    </Stack.Item>
                    <DefaultButton text={t("Preview_ScanCancel")} ariaLabel={t("Preview_ScanCancelAria")} onClick={onCancel} />
                </Stack>
            );
        }
        case "done":
            return <Text role="status">{t("Preview_ScanDone", scan.result.rowCount)}</Text>;
        default:
            // Cancelled or failed: say so, and offer to check every row again.
            return (
                <Stack horizontal wrap verticalAlign="center" tokens={{ childrenGap: 8 }}>
                    <Text role="status">
                        {scan.status === "cancelled" ? t("Preview_ScanCancelled", Math.floor(scan.fraction * 100)) : t("Preview_ScanFailed", scan.message)}
                    </Text>
                    <DefaultButton text={t("Preview_ScanRestart")} onClick={onRestart} />
                </Stack>
            );
    }
}

function PreviewBody({ file, controller, onCancel }: { file: ImportFileRow; controller: PreviewController; onCancel: () => void }): React.ReactElement {
    const t = useLocalize();
    const { state } = controller;
    const name = file.name || t("Value_Unnamed");
    const sizeKb = controller.sizeKb ?? (state.phase === "ready" ? state.content.sizeKb : null);
    const table = (state.phase === "ready" && state.content.targetTable) || file.targetTable;

    let body: React.ReactNode = null;
    switch (state.phase) {
        case "confirm":
            body = (
                <Stack tokens={{ childrenGap: 12 }}>
                    <Notice messageBarType={MessageBarType.warning} isMultiline>
                        {t("Preview_ConfirmText", state.sizeKb, CONFIRM_ABOVE_KB)}
                    </Notice>
                    <Stack horizontal tokens={{ childrenGap: 8 }}>
                        <PrimaryButton text={t("Preview_ConfirmDownload")} onClick={controller.confirm} />
                        <DefaultButton text={t("Preview_ConfirmCancel")} onClick={onCancel} />
                    </Stack>
                </Stack>
            );
            break;
        case "loading":
            body = <Spinner size={SpinnerSize.medium} label={t("Preview_Loading")} ariaLive="polite" />;
            break;
        case "unavailable":
            body = (
                <Notice
                    messageBarType={MessageBarType.warning}
                    isMultiline
                    role="alert"
                    actions={
                        state.reason === "noLoader" ? undefined : (
                            <div>
                                <DefaultButton text={t("Preview_Retry")} onClick={controller.retry} />
                            </div>
                        )
                    }
                >
                    {t(`Csv_Unavailable_${state.reason}`)}
                </Notice>
            );
            break;
        case "failed":
            body = (
                <Notice
                    messageBarType={MessageBarType.error}
                    isMultiline
                    role="alert"
                    actions={
                        <div>
                            <DefaultButton text={t("Preview_Retry")} onClick={controller.retry} />
                        </div>
                    }
                >
                    <strong>{t("Preview_FailedTitle")}</strong> {failureText(t, state.failure)}
                </Notice>
            );
            break;
        case "ready": {
            if (state.options.fileType !== FileTypeCode.Csv) {
                body = (
                    <Notice messageBarType={MessageBarType.info} isMultiline>
                        {t("Preview_NotCsv", fileTypeName(t, state.options.fileType))}
                    </Notice>
                );
                break;
            }
            const scanDone = state.scan.status === "done";
            const findings = state.scan.status === "done" ? state.scan.result.findings : state.preview.findings;
            body = (
                <Stack tokens={{ childrenGap: 16 }}>
                    {state.preview.headers.length > 0 && (
                        <Section title={t("Preview_RowsHeading")}>
                            <PreviewGrid preview={state.preview} fileName={name} />
                        </Section>
                    )}
                    <Section title={t("Preview_FindingsHeading")}>
                        <ScanProgress scan={state.scan} onCancel={controller.cancelScan} onRestart={controller.restartScan} />
                        <FindingsList findings={findings} scope={scanDone ? "file" : "firstRows"} />
                    </Section>
                    <Section title={t("Preview_MappingHeading")}>
                        <HeaderMappingList mapping={state.mapping} fileName={name} onRetry={controller.retryMapping} />
                    </Section>
                </Stack>
            );
            break;
        }
        default:
            break;
    }

    return (
        <Stack tokens={{ childrenGap: 12 }}>
            <Stack tokens={{ childrenGap: 2 }}>
                <Text>{t("Preview_FactFile", name)}</Text>
                <Text>{sizeKb === null ? t("Preview_FactSizeUnknown") : t("Preview_FactSize", sizeKb)}</Text>
                {table && <Text>{t("Preview_FactTable", table)}</Text>}
            </Stack>
            <Text variant="small">{t("Preview_ReadOnly")}</Text>
            {body}
        </Stack>
    );
}

export function PreviewPanel({ file, service, onDismiss, options }: PreviewPanelProps): React.ReactElement {
    const t = useLocalize();
    const controller = usePreview(file, service, options);
    const closeLabel = t("Preview_Close");
    const renderNavigationContent = React.useCallback(
        () => <PanelCloseButton label={closeLabel} onDismiss={onDismiss} />,
        [closeLabel, onDismiss],
    );
    return (
        <Panel
            isOpen={file !== null}
            type={PanelType.medium}
            isLightDismiss
            headerText={file ? t("Preview_PanelTitle", file.name || t("Value_Unnamed")) : t("Preview_PanelTitleEmpty")}
            closeButtonAriaLabel={closeLabel}
            onRenderNavigationContent={renderNavigationContent}
            onDismiss={onDismiss}
        >
            {file && <PreviewBody file={file} controller={controller} onCancel={onDismiss} />}
        </Panel>
    );
}
