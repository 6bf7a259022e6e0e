/** Previous / next page of the dataset, honouring hasPreviousPage and hasNextPage. */
import * as React from "react";
import { IconButton, Stack, Text } from "@fluentui/react";
import { Icons } from "./icons";
import { useLocalize } from "./LocalizeContext";

export interface PagingBarProps {
    page: number;
    hasPreviousPage: boolean;
    hasNextPage: boolean;
    /** Total files on the server, or -1 when the platform does not know. */
    totalResultCount: number;
    onPage: (page: number) => void;
    /** A read is in flight: the platform's paging calls "do not support parallel execution". */
    loading: boolean;
}

export function PagingBar({ page, hasPreviousPage, hasNextPage, totalResultCount, onPage, loading }: PagingBarProps): React.ReactElement | null {
    const t = useLocalize();
    if (!hasPreviousPage && !hasNextPage && page === 1) return null;
    return (
        <Stack horizontal verticalAlign="center" horizontalAlign="end" tokens={{ childrenGap: 8 }} role="navigation" aria-label={t("Paging_AriaLabel")}>
            {totalResultCount >= 0 && <Text variant="small">{t("Paging_Count", totalResultCount)}</Text>}
            <IconButton
                iconProps={{ iconName: Icons.previous }}
                title={t("Paging_Previous")}
                ariaLabel={t("Paging_Previous")}
                disabled={loading || !hasPreviousPage || page <= 1}
                onClick={() => onPage(page - 1)}
            />
            <Text variant="small" aria-live="polite">
                {t("Paging_Page", page)}
            </Text>
            <IconButton
                iconProps={{ iconName: Icons.next }}
                title={t("Paging_Next")}
                ariaLabel={t("Paging_Next")}
                disabled={loading || !hasNextPage}
                onClick={() => onPage(page + 1)}
            />
        </Stack>
    );
}
