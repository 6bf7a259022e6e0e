/**
 * Success, failure, partial failure and total rows of one file, with a progress bar. Zero failures stay
 * quiet; any failure stands out in the theme's error colour with an icon, not by colour alone.
 */
import * as React from "react";
import { FontIcon, ProgressIndicator, Stack, Text, mergeStyleSets, useTheme } from "@fluentui/react";
import type { FileCounts as Counts } from "../domain/processingSteps";
import { Icons } from "./icons";
import { useLocalize } from "./LocalizeContext";

export interface FileCountsProps {
    counts: Counts;
    compact?: boolean;
}

function FileCountsView({ counts, compact }: FileCountsProps): React.ReactElement {
    const t = useLocalize();
    const theme = useTheme();
    const c = React.useMemo(
        () =>
            mergeStyleSets({
                root: { minWidth: compact ? 120 : 180 },
                quiet: { color: theme.palette.neutralSecondary },
                bad: { color: theme.semanticColors.errorText, fontWeight: 600, display: "inline-flex", alignItems: "center", gap: 2 },
                progress: { padding: 0, selectors: { ".ms-ProgressIndicator-itemProgress": { padding: "2px 0" } } },
            }),
        [theme, compact],
    );
    const processed = counts.success + counts.failure + counts.partial;
    let progressLabel: string;
    if (counts.indeterminate) progressLabel = t("Counts_ProgressRunning");
    else if (counts.total === null) progressLabel = t("Counts_NoTotal");
    else progressLabel = t("Counts_Progress", processed, counts.total);
    const showBar = counts.fraction !== null || counts.indeterminate;
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
                <Text variant="small" className={c.quiet}>
                    {t("Counts_Success", counts.success)}
                </Text>
                {counts.failure > 0 ? (
                    <Text variant="small" className={c.bad} data-testid="failure-count">
                        <FontIcon iconName={Icons.failed} />
                        {t("Counts_Failure", counts.failure)}
                    </Text>
                ) : (
                    <Text variant="small" className={c.quiet}>
                        {t("Counts_Failure", 0)}
                    </Text>
                )}
                {counts.partial > 0 && (
                    <Text variant="small" className={c.bad} data-testid="partial-count">
                        <FontIcon iconName={Icons.warning} />
                        {t("Counts_Partial", counts.partial)}
                    </Text>
                )}
                <Text variant="small" className={c.quiet}>
                    {counts.total === null ? t("Counts_NoTotal") : t("Counts_Total", counts.total)}
                </Text>
            </Stack>
        </Stack>
    );
}

export const FileCounts = React.memo(FileCountsView);
