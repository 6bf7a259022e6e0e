/**
 * The body of the preview panel (PreviewPanel.tsx), carried by the CSV library (ImportMonitorCsv/views.ts).
 * The preview of one import file in a side panel: its size (known before any download), a confirmation for big
 * files, then the header and first rows, the checks' findings, a background check of every row (progress,
 * cancel) and, under the system map, which column each heading goes to. Read-only: it never writes.
 * `file` null: the panel is closed and everything it was doing stops.
 */
import * as React from "react";
import { Stack, Text } from "@fluentui/react";
import type { ImportFileRow } from "../domain/importFile";
import type { ImportService } from "../dataverse/importService";
import { usePreview } from "../hooks/usePreview";
import type { UsePreviewOptions } from "../hooks/usePreview";
import { useLocalize } from "./LocalizeContext";
import { PreviewResult } from "./PreviewResult";

export interface PreviewBodyProps {
    /** The file to preview (the panel is open). */
    file: ImportFileRow;
    service: ImportService;
    /** Closes the panel (the big file's confirmation's Cancel). */
    onDismiss: () => void;
    /** The cache, size threshold and scan settings (tests); defaults suit the control. */
    options?: UsePreviewOptions;
}

/** Unmounted when the panel closes: its preview session, and all it was doing, stop. */
export function PreviewBody({ file, service, onDismiss, options }: PreviewBodyProps): React.ReactElement {
    const t = useLocalize();
    const controller = usePreview(file, service, options);
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
            <PreviewResult controller={controller} name={name} onCancel={onDismiss} />
        </Stack>
    );
}
