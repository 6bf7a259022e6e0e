/**
 * A column heading with its quality underneath, as Power Query shows it: the share of valid, error and empty cells,
 * here measured against the target column's rules (domain/csv/valueChecks.ts). The bar is drawn with borders (the
 * errors dotted), so it stays visible in forced colours; its numbers are in its tooltip. It is a glance only, hidden
 * from screen readers: every error it shows is also a line of the value findings (ValueFindingsList.tsx).
 */
import * as React from "react";
import { mergeStyleSets, useTheme } from "@fluentui/react";
import type { Theme } from "@fluentui/react";
import type { ColumnQuality } from "../domain/csv/valueChecks";
import { useLocalize } from "./LocalizeContext";

export interface QualityBarProps {
    quality: ColumnQuality;
    name: string;
    children: React.ReactNode;
}

type QualityClasses = ReturnType<typeof qualityClasses>;

function qualityClasses(theme: Theme) {
    return mergeStyleSets({
        root: { position: "relative", height: "100%" },
        bar: { position: "absolute", left: 8, right: 8, bottom: 2, display: "flex", height: 4, pointerEvents: "none" },
        valid: { borderTop: `4px solid ${theme.semanticColors.successIcon}` },
        error: { borderTop: `4px dotted ${theme.semanticColors.errorIcon}` },
        empty: { borderTop: `4px solid ${theme.palette.neutralQuaternary}` },
    });
}

/** The classes per theme, made once: a grid has a bar under each of its (up to 50) headings. */
const classesByTheme = new WeakMap<Theme, QualityClasses>();

function classesFor(theme: Theme): QualityClasses {
    let c = classesByTheme.get(theme);
    if (!c) {
        c = qualityClasses(theme);
        classesByTheme.set(theme, c);
    }
    return c;
}

export function QualityBar({ quality, name, children }: QualityBarProps): React.ReactElement {
    const t = useLocalize();
    const c = classesFor(useTheme());
    const total = quality.valid + quality.error + quality.empty;
    if (!quality.checked || total === 0) return <>{children}</>;
    const text = t("Values_Quality", name, quality.valid, quality.error, quality.empty);
    return (
        <div className={c.root} title={text}>
            {children}
            {total > 0 && (
                <div className={c.bar} aria-hidden="true" data-testid={`quality-${quality.column}`}>
                    {quality.valid > 0 && <span className={c.valid} style={{ flexGrow: quality.valid }} />}
                    {quality.error > 0 && <span className={c.error} style={{ flexGrow: quality.error }} />}
                    {quality.empty > 0 && <span className={c.empty} style={{ flexGrow: quality.empty }} />}
                </div>
            )}
        </div>
    );
}
