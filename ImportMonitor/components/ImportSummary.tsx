/**
 * The import at a glance, above the list: its outcome (failed rows never look like success), status reason,
 * mode, when its stages started, elapsed time or duration, totals over all files, and while it runs the
 * progress, rows per second and an estimate of the time left. Only numbers the platform has given.
 */
import * as React from "react";
import { FontIcon, HighContrastSelector, Link, ProgressIndicator, Stack, Text, mergeStyleSets, useTheme } from "@fluentui/react";
import type { ImportFileStatus } from "../domain/importFile";
import { latestRunJobs } from "../domain/asyncJob";
import { failedRows, importOutcome, importTotals } from "../domain/importSummary";
import type { ImportOutcome } from "../domain/importSummary";
import { isActive } from "../hooks/importRunner";
import type { RunState } from "../hooks/importRunner";
import type { Localize } from "../strings/localize";
import { failureText } from "./failureText";
import { Icons } from "./icons";
import { useLocalize } from "./LocalizeContext";

export interface ImportSummaryProps {
    state: RunState;
    /** Opens a system job's form; absent where the host cannot navigate. */
    onOpenJob?: (jobId: string) => void;
    /** A date and time in the user's format. */
    formatDateTime: (date: Date) => string;
    /** The import's files are being read for the first time: hold the summary's place, say nothing yet. */
    pending?: boolean;
}

/** "42 s", "3 min 5 s", "2 h 4 min". */
export function durationText(t: Localize, ms: number): string {
    const s = Math.max(0, Math.round(ms / 1000));
    if (s < 60) return t("Duration_Seconds", s);
    if (s < 3600) return t("Duration_Minutes", Math.floor(s / 60), s % 60);
    return t("Duration_Hours", Math.floor(s / 3600), Math.floor((s % 3600) / 60));
}

const EMPTY: readonly ImportFileStatus[] = [];

/**
 * Under forced colours (Windows high contrast), where the theme's colours are gone: highlighted text, in system colours
 * kept as given (no backplate of Canvas behind the text, which would hide MarkText on a dark high-contrast theme).
 */
const marked = { selectors: { [HighContrastSelector]: { color: "MarkText", background: "Mark", forcedColorAdjust: "none" } } };

const OUTCOME_ICON: Record<ImportOutcome, string> = {
    notStarted: Icons.pending,
    inProgress: Icons.active,
    partway: Icons.pending,
    completed: Icons.done,
    completedWithFailures: Icons.warning,
    failed: Icons.failed,
};

export function ImportSummary({ state, onOpenJob, formatDateTime, pending = false }: ImportSummaryProps): React.ReactElement | null {
    const t = useLocalize();
    const theme = useTheme();
    const files = state.files ?? EMPTY;
    const totals = React.useMemo(() => importTotals(files, state.failures), [files, state.failures]);
    // In progress only while a job or a file is; not in the ticks after a run ended.
    const following = isActive(state);
    const outcome = importOutcome(files, totals, state.importStatus?.statusCode ?? null, following);
    // The latest run's stage jobs (older runs are history).
    const run = latestRunJobs(state.jobs ?? []);
    const starts = run.map((j) => j.startedOn).filter((v): v is number => v !== null);
    const started = starts.length ? Math.min(...starts) : null;
    const done = !following && run.length > 0 && run.every((j) => j.completedOn !== null);

    // Elapsed time is live while something runs: one re-render of this summary a second, nothing else.
    const [now, setNow] = React.useState(() => Date.now());
    React.useEffect(() => {
        if (!following || started === null) return undefined;
        setNow(Date.now());
        const timer = window.setInterval(() => setNow(Date.now()), 1000);
        return () => window.clearInterval(timer);
    }, [following, started]);

    const c = React.useMemo(
        () =>
            mergeStyleSets({
                root: { padding: "4px 0" },
                // The theme's status colours, which read as text on its background (a dark host theme: Fluent's inverted
                // ones); the icon beside says the same. Forced colours replace them: failures are marked as highlighted text.
                bad: [{ color: theme.semanticColors.errorText, fontWeight: 600 }, marked],
                warn: [{ color: theme.semanticColors.severeWarningIcon, fontWeight: 600 }, marked],
                good: { color: theme.semanticColors.successIcon, fontWeight: 600 },
                quiet: { color: theme.palette.neutralSecondary },
            }),
        [theme],
    );
    // Until the monitor has read every file of the import (its status, counts and failure log), claim nothing:
    // the dataset's first page may lack the status columns, or be one page of many. While that first read is
    // on its way, an empty box of the summary's two lines holds its place, so the list below does not jump
    // (under a pointer about to click a row command) when the summary arrives.
    if (files.length === 0) {
        if (!pending) return null;
        return (
            <Stack className={c.root} tokens={{ childrenGap: 2 }} aria-hidden="true" data-testid="import-summary-pending">
                <Text>
                    <FontIcon iconName={Icons.pending} />
                </Text>
                <Text variant="small">{"\u00a0"}</Text>
            </Stack>
        );
    }
    // Time the system jobs worked (the sum of their durations), not the idle time between stages.
    const worked = run.reduce((ms, j) => ms + (j.startedOn === null ? 0 : (j.completedOn ?? now) - j.startedOn), 0);

    const failed = failedRows(totals);
    const outcomeClass = outcome === "failed" ? c.bad : outcome === "completedWithFailures" ? c.warn : outcome === "completed" ? c.good : undefined;
    const stage = state.stage ?? run[0]?.stage ?? null;
    let outcomeText: string;
    if (outcome === "completedWithFailures") outcomeText = t("Summary_CompletedWithFailures", failed, totals.filesWithFailures);
    else if (outcome === "inProgress") outcomeText = stage ? t("Summary_InProgressStage", t(`Stage_${stage}`)) : t("Summary_inProgress");
    // "Every row was imported" only when the platform's counts prove it and the failure log could be counted.
    else if (outcome === "completed" && totals.counted && totals.total === totals.success && state.failures && !state.failuresError) outcomeText = t("Summary_completedAll");
    else outcomeText = t(`Summary_${outcome}`);

    const processed = totals.success + totals.partial + totals.failure;
    const rate = state.rowsPerSecond;
    const left = rate && totals.total !== null && totals.total > processed ? ((totals.total - processed) / rate) * 1000 : null;
    const job = state.jobId ?? run[0]?.id ?? null;
    const facts: string[] = [];
    if (state.importStatus?.statusCode !== null && state.importStatus?.statusCode !== undefined) facts.push(t("Summary_StatusReason", t(`StatusCode_${state.importStatus.statusCode}`)));
    if (state.importStatus?.modeCode === 0 || state.importStatus?.modeCode === 1) facts.push(t(`Summary_Mode_${state.importStatus.modeCode}`));
    if (started !== null) facts.push(t("Summary_Started", formatDateTime(new Date(started))));
    if (started !== null && following) facts.push(t("Summary_Elapsed", durationText(t, worked)));
    if (started !== null && done) facts.push(t("Summary_Duration", durationText(t, worked)));

    const counts: string[] = [t("Summary_Files", totals.files)];
    if (totals.total !== null) counts.push(t("Counts_Total", totals.total));
    if (totals.counted) counts.push(t("Counts_Success", totals.success), t("Counts_Partial", totals.partial), t("Counts_Failure", totals.failure));
    if (totals.logged > 0) counts.push(t("Summary_Logged", totals.logged));
    // The counts of logged failures could not be read (e.g. above the platform's 50,000-row aggregate limit): say so.
    if (state.failuresError) counts.push(t("Summary_LoggedUnavailable", failureText(t, state.failuresError)));
    if (following && rate !== null && Math.round(rate) > 0) counts.push(t("Summary_Rate", Math.round(rate)));
    if (following && left !== null && left >= 1000) counts.push(t("Summary_TimeLeft", durationText(t, left)));

    return (
        <Stack className={c.root} tokens={{ childrenGap: 2 }} role="group" aria-label={t("Summary_Label")} data-testid="import-summary" data-outcome={outcome}>
            <div style={{ display: "flex", flexWrap: "wrap", alignItems: "center", columnGap: 12, rowGap: 2 }}>
                {/* A live region: the end of a run (or its failure) is announced, whoever started it. */}
                <Text className={outcomeClass} data-testid="import-outcome" role="status" aria-live="polite">
                    <FontIcon iconName={OUTCOME_ICON[outcome]} aria-hidden="true" /> {outcomeText}
                </Text>
                {facts.map((f, i) => (
                    <Text key={i} variant="small" className={c.quiet}>
                        {f}
                    </Text>
                ))}
                {job && onOpenJob && (
                    <Link onClick={() => onOpenJob(job)} data-testid="open-job">
                        {t("Summary_OpenJob")}
                    </Link>
                )}
            </div>
            <Text variant="small" data-testid="import-totals">
                {counts.join(t("Value_Separator"))}
            </Text>
            {following && totals.counted && totals.total !== null && (
                <ProgressIndicator percentComplete={Math.min(1, processed / totals.total)} ariaLabel={t("Counts_Progress", processed, totals.total)} barHeight={4} />
            )}
        </Stack>
    );
}
