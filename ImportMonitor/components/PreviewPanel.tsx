/**
 * The preview of one import file in a side panel: its size (known before any download), a confirmation for big
 * files, then the header and first rows, the checks' findings, a background check of every row (progress,
 * cancel) and, under the system map, which column each heading goes to. Read-only: it never writes.
 * `file` null: the panel is closed and everything it was doing stops.
 */
import * as React from "react";
import { Panel, PanelType, Stack, Text } from "@fluentui/react";
import type { ImportFileRow } from "../domain/importFile";
import type { ImportService } from "../dataverse/importService";
import { usePreview } from "../hooks/usePreview";
import type { PreviewController, UsePreviewOptions } from "../hooks/usePreview";
import { useLocalize } from "./LocalizeContext";
import { PanelCloseButton } from "./PanelCloseButton";
import { PreviewResult } from "./PreviewResult";

export interface PreviewPanelProps {
    /** The file to preview; null: the panel is closed. */
    file: ImportFileRow | null;
    service: ImportService;
    onDismiss: () => void;
    /** The cache, size threshold and scan settings (tests); defaults suit the control. */
    options?: UsePreviewOptions;
}

function PreviewBody({ file, controller, onCancel }: { file: ImportFileRow; controller: PreviewController; onCancel: () => void }): React.ReactElement {
    const t = useLocalize();
    const { state } = controller;
    const name = file.name || t("Value_Unnamed");
    const sizeKb = controller.sizeKb ?? (state.phase === "ready" ? state.content.sizeKb : null);
    const table = (state.phase === "ready" && state.content.targetTable) || file.targetTable;

    return (
        <Stack tokens={{ childrenGap: 12 }}>
            <Stack tokens={{ childrenGap: 2 }}>
                <Text>{t("Preview_FactFile", name)}</Text>
                <Text>{sizeKb === null ? t("Preview_FactSizeUnknown") : t("Preview_FactSize", sizeKb)}</Text>
                {table && <Text>{t("Preview_FactTable", table)}</Text>}
            </Stack>
            <Text variant="small">{t("Preview_ReadOnly")}</Text>
            <PreviewResult controller={controller} name={name} onCancel={onCancel} />
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
