/**
 * The preview of one import file in a side panel. Its frame (title, close button) is the control's own; its body
 * (PreviewBody.tsx: size, confirmation for big files, first rows, findings, the check of every row, the header
 * mapping) comes with the CSV library; until it is there the panel says it is loading the CSV tools, or why it
 * can't. Read-only: it never writes. `file` null: the panel is closed and everything it was doing stops.
 */
import * as React from "react";
import { Panel, PanelType } from "@fluentui/react";
import type { ImportFileRow } from "../domain/importFile";
import type { ImportService } from "../dataverse/importService";
import type { UsePreviewOptions } from "../hooks/usePreview";
import { CsvViewsStatus, useCsvViews } from "./CsvViews";
import { useLocalize } from "./LocalizeContext";
import { PanelCloseButton } from "./PanelCloseButton";

export interface PreviewPanelProps {
    /** The file to preview; null: the panel is closed. */
    file: ImportFileRow | null;
    service: ImportService;
    onDismiss: () => void;
    /** The cache, size threshold and scan settings (tests); defaults suit the control. */
    options?: UsePreviewOptions;
}

export function PreviewPanel({ file, service, onDismiss, options }: PreviewPanelProps): React.ReactElement {
    const t = useLocalize();
    const csv = useCsvViews(service, file !== null);
    const closeLabel = t("Preview_Close");
    const renderNavigationContent = React.useCallback(
        () => <PanelCloseButton label={closeLabel} onDismiss={onDismiss} />,
        [closeLabel, onDismiss],
    );
    let body: React.ReactNode = null;
    if (file) {
        body = csv.views ? (
            <csv.views.PreviewBody file={file} service={service} onDismiss={onDismiss} options={options} />
        ) : (
            <CsvViewsStatus unavailable={csv.unavailable} retry={csv.retry} />
        );
    }
    return (
        <Panel
            isOpen={file !== null}
            // Wide enough for a grid of the file's columns (the maker reads rows side by side).
            type={PanelType.large}
            isLightDismiss
            headerText={file ? t("Preview_PanelTitle", file.name || t("Value_Unnamed")) : t("Preview_PanelTitleEmpty")}
            closeButtonAriaLabel={closeLabel}
            onRenderNavigationContent={renderNavigationContent}
            onDismiss={onDismiss}
        >
            {body}
        </Panel>
    );
}
