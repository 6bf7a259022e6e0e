/**
 * "Fix and import again" in the failure log: the most common causes (failures grouped by column value: the fix is
 * usually one per group), then export the failed source rows to correct them, import them again as they are, or
 * start a new import for a corrected file. A new import is offered as a link to open it.
 */
import * as React from "react";
import { DefaultButton, Link, MessageBarType, Spinner, SpinnerSize, Stack, Text } from "@fluentui/react";
import { groupFailures } from "../domain/failureGroups";
import type { ImportLogRow, ImportService } from "../dataverse/importService";
import { useFixFailures } from "../hooks/useFixFailures";
import type { FixFile, FixWords } from "../hooks/useFixFailures";
import { downloadText } from "./download";
import { phaseName } from "./failureLogCsv";
import { failureText } from "./failureText";
import { Icons } from "./icons";
import { useLocalize } from "./LocalizeContext";
import { Notice } from "./Notice";

export interface FixFailuresProps {
    files: readonly FixFile[];
    /** Every importlog row of those files (the panel's, unfiltered). */
    rows: readonly ImportLogRow[];
    /** Every row is loaded: exports and re-imports wait for it. */
    complete: boolean;
    service: ImportService;
    importName: string;
    modeCode: number | null;
    ownerId: string | null;
    /** Opens an import's form; absent where the host can't navigate. */
    onOpenImport?: (importId: string) => void;
}

/** Groups shown, at most (the largest first). */
const GROUPS_SHOWN = 5;

export function FixFailures({ files, rows, complete, service, importName, modeCode, ownerId, onOpenImport }: FixFailuresProps): React.ReactElement {
    const t = useLocalize();
    const words = React.useMemo(
        (): FixWords => ({
            errorsHeading: t("Fix_ErrorsHeading"),
            partialPrefix: t("Fix_PartialPrefix"),
            phaseName: (phase) => phaseName(t, phase),
            failedRowsFileName: (name) => t("Fix_FailedRowsFile", name.replace(/\.[^.]+$/, "")),
            importName: (kind, original) => t(kind === "asIs" ? "Fix_RetryName" : "Fix_CorrectedName", original),
        }),
        [t],
    );
    const fix = useFixFailures({ service, importName, modeCode, ownerId, words, download: downloadText });
    const groups = React.useMemo(() => groupFailures(rows).filter((g) => g.rows > 1).slice(0, GROUPS_SHOWN), [rows]);
    const { state } = fix;
    const working = state.status === "working";
    const waitReason = !complete ? t("Log_ExportWaiting") : rows.length === 0 ? t("Log_Empty") : null;
    // A new import repeats the original's mode, which must be known first (import.modecode can't change later).
    const createBlocked = !service.canCreateFiles ? t("AddFiles_Unavailable") : modeCode === null ? t("Fix_WaitingImport") : null;

    let outcome: React.ReactNode = null;
    switch (state.status) {
        case "working":
            outcome = <Spinner size={SpinnerSize.small} label={t(`Fix_Working_${state.kind}`)} labelPosition="right" />;
            break;
        case "exported":
            outcome = (
                <Text>
                    {t("Fix_Exported", state.rows, state.files)}
                    {state.skipped > 0 && ` ${t("Fix_Skipped", state.skipped)}`}
                </Text>
            );
            break;
        case "created":
            outcome = (
                <Notice messageBarType={MessageBarType.success} isMultiline>
                    {state.kind === "asIs" ? t("Fix_Reimported", state.importName, state.rows) : t("Fix_NewImportCreated", state.importName)}
                    {state.partlyFailed > 0 && ` ${t("Fix_PartlyFailedLeftOut", state.partlyFailed)}`}
                    {state.skipped > 0 && ` ${t("Fix_Skipped", state.skipped)}`}{" "}
                    {onOpenImport && <Link onClick={() => onOpenImport(state.importId)}>{t("Fix_Open", state.importName)}</Link>}
                </Notice>
            );
            break;
        case "nothingToImport":
            outcome = <Notice messageBarType={MessageBarType.info} isMultiline>{t("Fix_NothingToImport", state.partlyFailed)}</Notice>;
            break;
        case "failed":
            outcome = (
                <Notice messageBarType={MessageBarType.error} isMultiline role="alert">
                    {state.leftBehind ? t("Fix_Failed_leftBehind", state.leftBehind) : t(`Fix_Failed_${state.kind}`)}{" "}
                    {"reason" in state.failure ? t(`Csv_Unavailable_${state.failure.reason}`) : failureText(t, state.failure)}
                </Notice>
            );
            break;
        default:
            break;
    }

    return (
        <Stack tokens={{ childrenGap: 8 }} as="section" aria-label={t("Fix_Heading")}>
            <Text as="h2" variant="mediumPlus" styles={{ root: { fontWeight: 600, margin: 0 } }}>
                {t("Fix_Heading")}
            </Text>
            <Text variant="small">{t("Fix_Intro")}</Text>
            {groups.length > 0 && (
                <ul aria-label={t("Fix_Groups")} style={{ margin: 0, paddingInlineStart: 20 }}>
                    {groups.map((g) => (
                        <li key={`${g.column}|${g.value}|${g.errorNumber}`}>
                            <Text>{t("Fix_Group", g.column, g.rows, g.value, g.message)}</Text>
                        </li>
                    ))}
                </ul>
            )}
            <Stack horizontal wrap tokens={{ childrenGap: 8 }}>
                <DefaultButton
                    iconProps={{ iconName: Icons.download }}
                    text={t("Fix_Export")}
                    title={waitReason ?? t("Fix_ExportDescription")}
                    disabled={working || waitReason !== null}
                    onClick={() => fix.exportRows(files, rows)}
                />
                <DefaultButton
                    iconProps={{ iconName: Icons.run }}
                    text={t("Fix_ReimportAsIs")}
                    title={waitReason ?? createBlocked ?? t("Fix_ReimportAsIsDescription")}
                    disabled={working || waitReason !== null || createBlocked !== null}
                    onClick={() => fix.reimportAsIs(files, rows)}
                />
                <DefaultButton
                    iconProps={{ iconName: Icons.add }}
                    text={t("Fix_NewImport")}
                    title={createBlocked ?? t("Fix_NewImportDescription")}
                    disabled={working || createBlocked !== null}
                    onClick={() => fix.newImportForCorrected(files)}
                />
            </Stack>
            <div role="status" aria-live="polite">
                {outcome}
            </div>
        </Stack>
    );
}
