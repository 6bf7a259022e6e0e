/**
 * What a preview found, for any PreviewController (a stored file's or a file being added): the confirmation for big
 * files, loading, failures, the library notice, then the header and first rows, the checks' findings with the
 * background check of every row (progress, cancel) and, under the system map, which column each heading goes to.
 */
import * as React from "react";
import { DefaultButton, MessageBarType, PrimaryButton, ProgressIndicator, Spinner, SpinnerSize, Stack, Text } from "@fluentui/react";
import { FileTypeCode } from "../domain/csv/options";
import { CONFIRM_ABOVE_KB } from "../hooks/usePreview";
import type { PreviewController, ScanState } from "../hooks/usePreview";
import { FindingsList } from "./FindingsList";
import { HeaderMappingList } from "./HeaderMappingList";
import { PreviewGrid } from "./PreviewGrid";
import { ValueFindingsList } from "./ValueFindingsList";
import { useLocalize } from "./LocalizeContext";
import { failureText } from "./failureText";
import { fileTypeName } from "./previewText";
import { Notice } from "./Notice";

export interface PreviewResultProps {
    controller: PreviewController;
    /** The file's name, for the grid's and the mapping's labels. */
    name: string;
    /** "Cancel" of the big-file confirmation. */
    onCancel: () => void;
}

function Section({ title, children }: { title: string; children: React.ReactNode }): React.ReactElement {
    return (
        <Stack tokens={{ childrenGap: 6 }} as="section" aria-label={title}>
            <Text as="h2" variant="mediumPlus" block styles={{ root: { fontWeight: 600, margin: 0 } }}>
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

export function PreviewResult({ controller, name, onCancel }: PreviewResultProps): React.ReactElement | null {
    const t = useLocalize();
    const { state } = controller;
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
            const mapping = state.mapping.status === "ready" ? state.mapping : null;
            const findings = state.scan.status === "done" ? state.scan.result.findings : state.preview.findings;
            const places = findings.flatMap((f) => f.places ?? []);
            body = (
                <Stack tokens={{ childrenGap: 16 }}>
                    {state.preview.headers.length > 0 && (
                        <Section title={t("Preview_RowsHeading")}>
                            <PreviewGrid preview={state.preview} fileName={name} quality={mapping?.values.columns} places={places} />
                        </Section>
                    )}
                    <Section title={t("Preview_FindingsHeading")}>
                        <ScanProgress scan={state.scan} onCancel={controller.cancelScan} onRestart={controller.restartScan} />
                        <FindingsList findings={findings} scope={scanDone ? "file" : "firstRows"} />
                    </Section>
                    <Section title={t("Preview_MappingHeading")}>
                        <HeaderMappingList mapping={state.mapping} fileName={name} onRetry={controller.retryMapping} />
                        {mapping && <ValueFindingsList values={mapping.values} formats={{ shortDatePattern: mapping.datePattern }} scope="firstRows" />}
                    </Section>
                </Stack>
            );
            break;
        }
        default:
            break;
    }

    return <>{body}</>;
}
