/**
 * What a preview found, for any PreviewController (a stored file's or a file being added): the confirmation for big
 * files, loading, failures, the library notice, then the header and first rows, the checks' findings with the
 * background check of every row (progress, cancel; once done, the first lines with problems) and, under the system
 * map, which column each heading goes to, with the values checked against the columns: the first rows' until the
 * check of every row is done, then the whole file's (findings and the quality bars under the headings).
 */
import * as React from "react";
import { DefaultButton, MessageBarType, PrimaryButton, ProgressIndicator, Spinner, SpinnerSize, Stack, Text } from "@fluentui/react";
import { FileTypeCode } from "../domain/csv/options";
import type { ScanResult } from "../domain/csv";
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

/** At most this many lines are listed as lines with problems. */
const MAX_PROBLEM_LINES = 100;

/**
 * The first lines with a problem after a finished scan: those of its row checks (ScanResult.problems) and, when the
 * values were checked over the file, of its value findings (each keeps its first lines). A list that was cut is
 * exact only up to its last line: beyond the first cut, nothing is listed. `more`: other lines have problems.
 */
export function problemLines(result: ScanResult): { lines: number[]; more: boolean } {
    const all = new Set<number>();
    let cutAt = Infinity;
    for (const p of result.problems) all.add(p.line);
    if (result.moreProblems && result.problems.length > 0) cutAt = result.problems[result.problems.length - 1].line;
    else if (result.moreProblems) cutAt = 0;
    for (const f of result.values?.findings ?? []) {
        if (f.firstLine === null) continue; // a required column no heading maps to: no line of its own
        for (const line of f.lines) all.add(line);
        if (f.count > f.lines.length) cutAt = Math.min(cutAt, f.lines.length > 0 ? f.lines[f.lines.length - 1] : 0);
    }
    const sorted = [...all].filter((line) => line <= cutAt).sort((a, b) => a - b);
    const lines = sorted.slice(0, MAX_PROBLEM_LINES);
    return { lines, more: cutAt !== Infinity || sorted.length > lines.length };
}

/** "Lines with problems: 6, 12, 40" after a finished scan; nothing when there is none. */
function ProblemLines({ result }: { result: ScanResult }): React.ReactElement | null {
    const t = useLocalize();
    const { lines, more } = React.useMemo(() => problemLines(result), [result]);
    if (lines.length === 0) return null;
    // Plain numbers, as in the grid's Line column (a group separator would read as one more list separator).
    const list = lines.map(String).join(t("Value_ListSeparator"));
    return <Text block>{more ? t("Preview_ProblemLinesFirst", lines.length, list) : t("Preview_ProblemLines", lines.length, list)}</Text>;
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
            // The whole file's values once every row is checked; the first rows' until then.
            const fileValues = state.scan.status === "done" ? state.scan.result.values : undefined;
            const values = mapping ? (fileValues ?? mapping.values) : undefined;
            body = (
                <Stack tokens={{ childrenGap: 16 }}>
                    {state.preview.headers.length > 0 && (
                        <Section title={t("Preview_RowsHeading")}>
                            <PreviewGrid preview={state.preview} fileName={name} quality={values?.columns} places={places} />
                        </Section>
                    )}
                    <Section title={t("Preview_FindingsHeading")}>
                        <ScanProgress scan={state.scan} onCancel={controller.cancelScan} onRestart={controller.restartScan} />
                        <FindingsList findings={findings} scope={scanDone ? "file" : "firstRows"} />
                        {state.scan.status === "done" && <ProblemLines result={state.scan.result} />}
                    </Section>
                    <Section title={t("Preview_MappingHeading")}>
                        <HeaderMappingList mapping={state.mapping} fileName={name} onRetry={controller.retryMapping} />
                        {mapping && values && (
                            <ValueFindingsList values={values} formats={{ shortDatePattern: mapping.datePattern }} scope={fileValues ? "file" : "firstRows"} />
                        )}
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
