/**
 * Success, failure, partial failure and total rows of one file, with a progress bar. Zero failures stay
 * quiet; any failure stands out in the theme's error colour with an icon, not by colour alone.
 */
import * as React from "react";
import { FontIcon, HighContrastSelector, ProgressIndicator, Stack, Text, mergeStyleSets, useTheme } from "@fluentui/react";
import type { FileCounts as Counts } from "../domain/processingSteps";
import type { PhaseCounts } from "../domain/importFile";
import { Icons } from "./icons";
import { useLocalize } from "./LocalizeContext";

export interface FileCountsProps {
    counts: Counts;
    /** The file's importlog rows by phase (any stage, as they are written); absent until read. */
    logged?: PhaseCounts | null;
    compact?: boolean;
}

function FileCountsView({ counts, logged, compact }: FileCountsProps): React.ReactElement {
    const t = useLocalize();
    const theme = useTheme();
    const c = React.useMemo(
        () =>
            mergeStyleSets({
                root: { minWidth: compact ? 120 : 180 },
                quiet: { color: theme.palette.neutralSecondary },
                bad: {
                    color: theme.semanticColors.errorText,
                    fontWeight: 600,
                    display: "inline-flex",
                    alignItems: "center",
                    gap: 2,
                    // Forced colours replace the error colour: failures stay marked, as highlighted text (system colours
                    // kept as given: no backplate of Canvas behind the text).
                    selectors: { [HighContrastSelector]: { color: "MarkText", background: "Mark", forcedColorAdjust: "none" } },
                },
                // A 4 px bar in 2 px of room, whatever box-sizing the page sets: Fluent clips the track to its box, and
                // under forced colours the track is only its WindowText bottom line (the bar is Highlight).
                progress: { padding: 0, selectors: { ".ms-ProgressIndicator-itemProgress": { padding: "2px 0", boxSizing: "content-box" } } },
            }),
        [theme, compact],
    );
    const processed = (counts.success ?? 0) + (counts.failure ?? 0) + (counts.partial ?? 0);
    let progressLabel: string;
    if (counts.indeterminate) progressLabel = t("Counts_ProgressRunning");
    else if (counts.total === null) progressLabel = t("Counts_NoTotal");
    else progressLabel = t("Counts_Progress", processed, counts.total);
    const showBar = counts.fraction !== null || counts.indeterminate;
    const bad = (key: string, value: number | string, icon: string, testId: string) => (
        <Text variant="small" className={c.bad} data-testid={testId}>
            <FontIcon iconName={icon} aria-hidden="true" />
            {t(key, value)}
        </Text>
    );
    const phases = logged ? (["parse", "transform", "import"] as const).filter((p) => logged[p] > 0) : [];
    return (
        <Stack className={c.root} tokens={{ childrenGap: 2 }}>
            {showBar && (
                <ProgressIndicator
                    className={c.progress}
                    percentComplete={counts.indeterminate ? undefined : (counts.fraction ?? 0)}
                    ariaLabel={progressLabel}
                    barHeight={4}
                />
            )}
            <Stack horizontal wrap tokens={{ childrenGap: 8 }}>
                {/* Only counts the platform has given: an empty column is "not counted yet", never 0. */}
                {counts.success !== null && (
                    <Text variant="small" className={c.quiet}>
                        {t("Counts_Success", counts.success)}
                    </Text>
                )}
                {counts.failure !== null &&
                    (counts.failure > 0 ? (
                        bad("Counts_Failure", counts.failure, Icons.failed, "failure-count")
                    ) : (
                        <Text variant="small" className={c.quiet}>
                            {t("Counts_Failure", 0)}
                        </Text>
                    ))}
                {(counts.partial ?? 0) > 0 && bad("Counts_Partial", counts.partial ?? 0, Icons.warning, "partial-count")}
                <Text variant="small" className={c.quiet}>
                    {counts.total === null ? t("Counts_NoTotal") : t("Counts_Total", counts.total)}
                </Text>
            </Stack>
            {phases.length > 0 &&
                bad(
                    "Counts_Logged",
                    phases.map((p) => t(`Counts_Logged_${p}`, logged![p])).join(t("Value_ListSeparator")),
                    Icons.log,
                    "logged-count",
                )}
        </Stack>
    );
}

export const FileCounts = React.memo(FileCountsView);
