/**
 * The body of the Add files panel (AddFilesPanel.tsx), carried by the CSV library (ImportMonitorCsv/views.ts).
 * Add files to the form's import: files dropped or chosen are decoded and checked here, in the browser, with the
 * settings they will be created with; nothing is sent until "Add files". One tab per file: how it was read (encoding,
 * Excel's sep line, the guessed delimiter, size), its settings, and the same preview and checks as a stored file.
 * A file with errors is added only when the maker ticks "Add it anyway"; warnings never block.
 */
import * as React from "react";
import {
    Checkbox,
    DefaultButton,
    Link,
    MessageBarType,
    Pivot,
    PivotItem,
    PrimaryButton,
    ProgressIndicator,
    Spinner,
    SpinnerSize,
    Stack,
    Text,
    mergeStyles,
    useTheme,
} from "@fluentui/react";
import { draftBlockers, draftContent, WARN_ABOVE_BYTES } from "../domain/addFiles";
import type { FileDraft } from "../domain/addFiles";
import type { ImportService } from "../dataverse/importService";
import type { AddFilesController } from "../hooks/useAddFiles";
import { useLocalPreview } from "../hooks/usePreview";
import type { PreviewController } from "../hooks/usePreview";
import { FileSettingsForm } from "./FileSettingsForm";
import { failureText } from "./failureText";
import { Icons } from "./icons";
import { useLocalize } from "./LocalizeContext";
import { Notice } from "./Notice";
import { PreviewResult } from "./PreviewResult";

export interface AddFilesBodyProps {
    controller: AddFilesController;
    service: ImportService;
    /** Opens the browser's file picker. */
    onChooseFiles: () => void;
    onDismiss: () => void;
    /** The import already ran: new files go to a new import (parsing this one again would process its old files). */
    importHasRun: boolean;
    /** The form's import name and mode (for a new import); "" / null until read. */
    importName: string;
    modeCode: number | null;
    /** Opens an import's form; absent where the host can't navigate. */
    onOpenImport?: (importId: string) => void;
}

/** What a file's checks found so far: errors, or a check of every row that did not end, block it unless added anyway. */
interface Verdict {
    errors: number;
    warnings: number;
    /** Every row was checked (the full scan ended). */
    complete: boolean;
    /** The check of every row was cancelled or failed: not every row was checked. */
    stopped: boolean;
}

/**
 * The checks' verdict from a preview's state; null while nothing is known yet. Each value finding (a column's values
 * breaking its rules) is an error: the first rows' until every row is checked, then the whole file's. Every row is
 * checked once the scan is done and, where the columns are known, checked the values too (a scan done before the
 * columns were read runs again with them: still checking).
 */
function verdictOf(controller: PreviewController): Verdict | null {
    const { state } = controller;
    if (state.phase !== "ready") return null;
    const done = state.scan.status === "done" ? state.scan.result : null;
    const findings = done ? done.findings : state.preview.findings;
    const mapping = state.mapping.status === "ready" ? state.mapping : null;
    const values = done?.values ?? mapping?.values;
    return {
        errors: findings.filter((f) => f.severity === "error").length + (values?.findings.length ?? 0),
        warnings: findings.filter((f) => f.severity === "warning").length,
        complete: done !== null && (mapping === null || done.values !== undefined),
        stopped: state.scan.status === "cancelled" || state.scan.status === "failed",
    };
}

function settingsKey(draft: FileDraft): string {
    const s = draft.settings;
    return [draft.key, s.fieldDelimiterCode, s.dataDelimiterCode, s.isFirstRowHeader, s.targetTable, s.mapId ?? ""].join("|");
}

/** How the bytes were read, in the maker's words. */
function ReadingNotes({ draft }: { draft: FileDraft }): React.ReactElement {
    const t = useLocalize();
    const sepSupported = !draftBlockers(draft).includes("sepUnsupported");
    return (
        <Stack tokens={{ childrenGap: 4 }}>
            <Text variant="small">{t("AddFiles_Read", draft.name, Math.ceil(draft.bytes / 1024), t(`AddFiles_Encoding_${draft.encoding}`))}</Text>
            {draft.firstNonUtf8Line !== null && (
                <Notice messageBarType={MessageBarType.warning} isMultiline>
                    {t("AddFiles_NotUtf8", draft.firstNonUtf8Line)}
                </Notice>
            )}
            {draft.truncated && <Notice messageBarType={MessageBarType.warning}>{t("AddFiles_Truncated")}</Notice>}
            {draft.sepDelimiter !== null && (
                <Notice messageBarType={sepSupported ? MessageBarType.info : MessageBarType.error} isMultiline>
                    {t(sepSupported ? "AddFiles_SepLine" : "AddFiles_SepUnsupported", `sep=${draft.sepDelimiter === "\t" ? "\\t" : draft.sepDelimiter}`)}
                </Notice>
            )}
            {draft.delimiterGuessed && <Text variant="small">{t("AddFiles_DelimiterGuessed", t(`Delimiter_${draft.fieldDelimiterCode}`))}</Text>}
            {draft.bytes > WARN_ABOVE_BYTES && (
                <Notice messageBarType={MessageBarType.warning} isMultiline>
                    {t("AddFiles_Large", Math.ceil(draft.bytes / 1024), WARN_ABOVE_BYTES / 1024)}
                </Notice>
            )}
        </Stack>
    );
}

interface DraftTabProps {
    draft: FileDraft;
    selected: boolean;
    controller: AddFilesController;
    service: ImportService;
    anyway: boolean;
    onAnyway: (key: string, value: boolean) => void;
    onVerdict: (key: string, verdict: Verdict | null) => void;
    busy: boolean;
}

/** One file: its checks always run (their verdict gates "Add files"); its view only when its tab is selected. */
function DraftTab({ draft, selected, controller, service, anyway, onAnyway, onVerdict, busy }: DraftTabProps): React.ReactElement | null {
    const t = useLocalize();
    const content = React.useMemo(() => draftContent(draft), [draft]);
    const preview = useLocalPreview(settingsKey(draft), content, service);
    const verdict = verdictOf(preview);
    const errors = verdict?.errors ?? 0;
    const warnings = verdict?.warnings ?? 0;
    const complete = verdict?.complete ?? false;
    const stopped = verdict?.stopped ?? false;
    React.useEffect(
        () => onVerdict(draft.key, verdict ? { errors, warnings, complete, stopped } : null),
        [draft.key, verdict !== null, errors, warnings, complete, stopped, onVerdict], // eslint-disable-line react-hooks/exhaustive-deps
    );
    if (!selected) return null;
    const update = (patch: Parameters<AddFilesController["update"]>[1]) => controller.update(draft.key, patch);
    return (
        <Stack tokens={{ childrenGap: 12 }} styles={{ root: { paddingTop: 8 } }}>
            <ReadingNotes draft={draft} />
            <FileSettingsForm draft={draft} tables={controller.tables} maps={controller.maps} onChange={update} disabled={busy} />
            {(errors > 0 || stopped) && (
                <Checkbox
                    label={errors > 0 ? t("AddFiles_Anyway", errors) : t("AddFiles_AnywayUnchecked")}
                    checkmarkIconProps={{ iconName: Icons.check }}
                    checked={anyway}
                    onChange={(_e, checked) => onAnyway(settingsKey(draft), checked === true)}
                    disabled={busy}
                />
            )}
            <PreviewResult controller={preview} name={draft.name} onCancel={() => controller.remove(draft.key)} />
            <DefaultButton iconProps={{ iconName: Icons.failed }} text={t("AddFiles_Remove", draft.name)} onClick={() => controller.remove(draft.key)} disabled={busy} styles={{ root: { alignSelf: "flex-start" } }} />
        </Stack>
    );
}

export function AddFilesBody({ controller, service, onChooseFiles, onDismiss, importHasRun, importName, modeCode, onOpenImport }: AddFilesBodyProps): React.ReactElement {
    const t = useLocalize();
    const theme = useTheme();
    // The commands stay in view at the panel's foot while the files scroll (as a Panel footer would).
    const footerClass = React.useMemo(
        () =>
            mergeStyles({
                position: "sticky",
                bottom: 0,
                zIndex: 1,
                padding: "12px 0 16px",
                background: theme.semanticColors.bodyBackground,
                borderTop: `1px solid ${theme.semanticColors.bodyDivider}`,
            }),
        [theme],
    );
    const { drafts, rejected, reading, creating, results } = controller;
    const [selected, setSelected] = React.useState<string | null>(null);
    const [verdicts, setVerdicts] = React.useState<Record<string, Verdict | null>>({});
    const [anyway, setAnyway] = React.useState<Record<string, boolean>>({});
    const onVerdict = React.useCallback((key: string, verdict: Verdict | null) => setVerdicts((v) => ({ ...v, [key]: verdict })), []);
    const onAnyway = React.useCallback((key: string, value: boolean) => setAnyway((a) => ({ ...a, [key]: value })), []);
    const current = drafts.find((d) => d.key === selected) ?? drafts[0] ?? null;
    const busy = creating !== null;

    // Which files "Add files" would send, and why the others wait.
    const blocked = drafts.map((d) => {
        const blockers = draftBlockers(d);
        const verdict = verdicts[d.key];
        if (blockers.length > 0) return { draft: d, reason: t(`AddFiles_Blocked_${blockers[0]}`) };
        // "Add it anyway" holds for the settings it was ticked with: a changed setting is checked afresh.
        const addAnyway = anyway[settingsKey(d)] ?? false;
        if (!verdict || (!verdict.complete && !verdict.stopped)) return { draft: d, reason: t("AddFiles_Blocked_checking") };
        if (verdict.errors > 0 && !addAnyway) return { draft: d, reason: t("AddFiles_Blocked_errors", verdict.errors) };
        if (verdict.stopped && !addAnyway) return { draft: d, reason: t("AddFiles_Blocked_unchecked") };
        return { draft: d, reason: null };
    });
    const readyKeys = blocked.filter((b) => b.reason === null).map((b) => b.draft.key);
    const ready = readyKeys.length;
    // Into a new import when this one ran: it repeats the mode, which must be read first.
    const waitingMode = importHasRun && modeCode === null;
    const add = () => {
        if (!importHasRun) return void controller.create(readyKeys);
        const first = drafts.find((d) => readyKeys.includes(d.key))?.name ?? "";
        void controller.create(readyKeys, { name: t("AddFiles_NewImportName", importName || first), modeCode: modeCode ?? 0 });
    };
    const created = results.filter((r) => r.id);
    const failed = results.filter((r) => r.failure);

    const footer = (
        <Stack tokens={{ childrenGap: 8 }} className={footerClass}>
            {creating && (
                <Stack horizontal verticalAlign="end" tokens={{ childrenGap: 8 }}>
                    <Stack.Item grow>
                        <ProgressIndicator
                            label={t("AddFiles_Creating", creating.done + 1, creating.total, creating.current)}
                            percentComplete={creating.done / creating.total}
                        />
                    </Stack.Item>
                    <DefaultButton text={creating.cancelling ? t("AddFiles_Cancelling") : t("AddFiles_Cancel")} onClick={controller.cancel} disabled={creating.cancelling} />
                </Stack>
            )}
            <Stack horizontal wrap tokens={{ childrenGap: 8 }}>
                {/* Disabled while adding and after: it keeps the focus (allowDisabledFocus), so a keyboard user is not dropped. */}
                <PrimaryButton
                    text={importHasRun ? t("AddFiles_CreateInNewImport", ready) : t("AddFiles_Create", ready)}
                    title={waitingMode ? t("Fix_WaitingImport") : undefined}
                    disabled={busy || ready === 0 || waitingMode}
                    allowDisabledFocus
                    onClick={add}
                />
                <DefaultButton text={t("AddFiles_Choose")} iconProps={{ iconName: Icons.add }} onClick={onChooseFiles} disabled={busy} />
                <DefaultButton text={t("Panel_Close")} onClick={onDismiss} />
            </Stack>
        </Stack>
    );

    return (
        <Stack tokens={{ childrenGap: 12 }}>
            <Text>{t("AddFiles_Intro")}</Text>
            {importHasRun && (
                <Notice messageBarType={MessageBarType.warning} isMultiline>
                    {t("AddFiles_ImportHasRun")}
                </Notice>
            )}
            <div role="status" aria-live="polite">
                {created.length > 0 && (
                    <Notice messageBarType={MessageBarType.success} isMultiline>
                        {controller.createdImport
                            ? t("AddFiles_CreatedInNewImport", created.length, created.map((r) => r.name).join(t("Value_ListSeparator")), controller.createdImport.name)
                            : t("AddFiles_Created", created.length, created.map((r) => r.name).join(t("Value_ListSeparator")))}{" "}
                        {controller.createdImport && onOpenImport && (
                            <Link onClick={() => controller.createdImport && onOpenImport(controller.createdImport.id)}>{t("Fix_Open", controller.createdImport.name)}</Link>
                        )}
                    </Notice>
                )}
            </div>
            {failed.map((r) => (
                <Notice key={r.key} messageBarType={MessageBarType.error} isMultiline role="alert">
                    {t("AddFiles_CreateFailed", r.name, r.failure ? failureText(t, r.failure) : "")}
                </Notice>
            ))}
            {rejected.map((r, i) => (
                <Notice key={`${r.name}-${i}`} messageBarType={MessageBarType.error} isMultiline>
                    {r.reason === "library" ? `${t("AddFiles_Rejected_library", r.name)} ${t(`Csv_Unavailable_${r.libraryReason ?? "failed"}`)}` : t(`AddFiles_Rejected_${r.reason}`, r.name)}
                </Notice>
            ))}
            {reading > 0 && <Spinner size={SpinnerSize.small} label={t("AddFiles_Reading", reading)} ariaLive="polite" labelPosition="right" />}
            {controller.tables.status === "failed" && (
                <Notice messageBarType={MessageBarType.warning} isMultiline actions={<DefaultButton text={t("Action_Retry")} onClick={controller.retryLists} />}>
                    {t("AddFiles_TablesFailed", failureText(t, controller.tables.failure))}
                </Notice>
            )}
            {controller.maps.status === "failed" && (
                <Notice messageBarType={MessageBarType.warning} isMultiline actions={<DefaultButton text={t("Action_Retry")} onClick={controller.retryLists} />}>
                    {t("AddFiles_MapsFailed", failureText(t, controller.maps.failure))}
                </Notice>
            )}
            {drafts.length === 0 && reading === 0 && <Text>{t("AddFiles_Empty")}</Text>}
            {drafts.length > 0 && (
                <ul aria-label={t("AddFiles_ListLabel")} style={{ margin: 0, paddingInlineStart: 20 }}>
                    {blocked.map(({ draft, reason }) => (
                        <li key={draft.key}>
                            <Text>{reason === null ? t("AddFiles_ReadyLine", draft.name) : t("AddFiles_WaitingLine", draft.name, reason)}</Text>
                        </li>
                    ))}
                </ul>
            )}
            {drafts.length > 0 && current && (
                <Pivot
                    selectedKey={current.key}
                    onLinkClick={(item) => item?.props.itemKey && setSelected(item.props.itemKey)}
                    overflowBehavior="menu"
                    headersOnly
                    aria-label={t("AddFiles_ListLabel")}
                >
                    {drafts.map((d) => (
                        <PivotItem key={d.key} itemKey={d.key} headerText={d.name} />
                    ))}
                </Pivot>
            )}
            {drafts.map((d) => (
                <DraftTab
                    key={d.key}
                    draft={d}
                    selected={current?.key === d.key}
                    controller={controller}
                    service={service}
                    anyway={anyway[settingsKey(d)] ?? false}
                    onAnyway={onAnyway}
                    onVerdict={onVerdict}
                    busy={busy}
                />
            ))}
            {footer}
        </Stack>
    );
}
