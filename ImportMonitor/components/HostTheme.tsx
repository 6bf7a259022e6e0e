/**
 * The host's theme around the control: Fluent v8's ThemeProvider with `hostTheme(design)`, the control's area
 * painted in the theme's background, text colour and font. Without a host theme the provider stays (so the
 * control is never remounted when a theme comes or goes) but paints nothing and passes the parent theme on:
 * Fluent's defaults, or the host's own v8 theme.
 */
import * as React from "react";
import { ThemeProvider } from "@fluentui/react";
import { hostTheme } from "./hostThemeMapping";

export interface HostThemeProps {
    /** `context.fluentDesignLanguage` as the host gives it (any shape; absent in the classic look). */
    design?: unknown;
    /** The user's language is written right to left (`context.userSettings.isRTL`): the control is mirrored. */
    rtl?: boolean;
    children?: React.ReactNode;
}

export function HostTheme({ design, rtl = false, children }: HostThemeProps): React.ReactElement {
    const mapped = hostTheme(design);
    // Fluent mirrors its styles and sets dir="rtl" on the provider's element for a theme with rtl.
    const theme = React.useMemo(() => (rtl ? { ...mapped, rtl: true } : mapped), [mapped, rtl]);
    return (
        <ThemeProvider theme={theme} applyTo={mapped ? "element" : "none"}>
            {children}
        </ThemeProvider>
    );
}
