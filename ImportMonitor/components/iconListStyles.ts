/** The shared look of the control's icon lists (findings, header mapping): an icon, then the text. */
import * as React from "react";
import { mergeStyleSets, useTheme } from "@fluentui/react";

/** What an item's icon says; each is an icon of `Icons` and a class of useIconListClasses, in its colour. */
export type Tone = "done" | "failed" | "warning" | "info";

/** The list's classes: list, item, icon, one per Tone (the icon's colour, from the theme) and header (bold). */
export function useIconListClasses() {
    const theme = useTheme();
    return React.useMemo(() => {
        const { semanticColors } = theme;
        return mergeStyleSets({
            list: { margin: 0, padding: 0, listStyle: "none" },
            item: { display: "flex", gap: 6, alignItems: "flex-start", padding: "2px 0" },
            icon: { fontSize: 14, lineHeight: 18, flexShrink: 0 },
            done: { color: theme.semanticColors.successIcon },
            failed: { color: semanticColors.errorIcon },
            warning: { color: semanticColors.warningIcon },
            info: { color: semanticColors.infoIcon },
            header: { fontWeight: 600 },
        });
    }, [theme]);
}
