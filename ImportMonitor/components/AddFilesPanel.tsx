/**
 * The Add files panel: its frame (title, close button) is the control's own, its body (AddFilesBody.tsx: the files,
 * their settings, checks and the Add command) comes with the CSV library; until it is there the panel says it is
 * loading the CSV tools, or why it can't.
 */
import * as React from "react";
import { Panel, PanelType } from "@fluentui/react";
import type { AddFilesBodyProps } from "./AddFilesBody";
import { CsvViewsStatus, useCsvViews } from "./CsvViews";
import { useLocalize } from "./LocalizeContext";
import { PanelCloseButton } from "./PanelCloseButton";

export interface AddFilesPanelProps extends AddFilesBodyProps {
    isOpen: boolean;
}

export function AddFilesPanel({ isOpen, ...body }: AddFilesPanelProps): React.ReactElement {
    const t = useLocalize();
    const csv = useCsvViews(body.service, isOpen);
    const { onDismiss } = body;
    const closeLabel = t("Panel_Close");
    const renderNavigationContent = React.useCallback(() => <PanelCloseButton label={closeLabel} onDismiss={onDismiss} />, [closeLabel, onDismiss]);
    return (
        <Panel
            isOpen={isOpen}
            type={PanelType.large}
            headerText={t("AddFiles_Title")}
            closeButtonAriaLabel={closeLabel}
            onRenderNavigationContent={renderNavigationContent}
            onDismiss={onDismiss}
        >
            {csv.views ? <csv.views.AddFilesBody {...body} /> : <CsvViewsStatus unavailable={csv.unavailable} retry={csv.retry} />}
        </Panel>
    );
}
