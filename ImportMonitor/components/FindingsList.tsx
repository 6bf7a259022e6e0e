/**
 * The CSV checks' findings grouped by severity (errors, warnings, information). Each group has a heading and
 * each finding an icon and its message: severity is never shown by colour alone.
 */
import * as React from "react";
import { FontIcon, Stack, Text } from "@fluentui/react";
import type { Finding, Severity } from "../domain/csv";
import { Icons } from "./icons";
import { useIconListClasses } from "./iconListStyles";
import type { Tone } from "./iconListStyles";
import { useLocalize } from "./LocalizeContext";
import type { Localize } from "../strings/localize";
import { findingText } from "./previewText";

export interface FindingsListProps {
    findings: readonly Finding[];
    /** What was checked: the first rows (preview) or every row (the full scan). Only changes the "no problems" text. */
    scope: "firstRows" | "file";
}

const ORDER: readonly Severity[] = ["error", "warning", "info"];

const TONE: Record<Severity, Tone> = { error: "failed", warning: "warning", info: "info" };

function severityName(t: Localize, severity: Severity): string {
    if (severity === "error") return t("Preview_SeverityError");
    if (severity === "warning") return t("Preview_SeverityWarning");
    return t("Preview_SeverityInfo");
}

function FindingsListView({ findings, scope }: FindingsListProps): React.ReactElement {
    const t = useLocalize();
    const c = useIconListClasses();
    if (findings.length === 0) {
        return (
            <Stack horizontal tokens={{ childrenGap: 6 }} verticalAlign="center">
                <FontIcon iconName={Icons.done} aria-hidden="true" />
                <Text>{scope === "file" ? t("Preview_NoFindingsFile") : t("Preview_NoFindingsFirstRows")}</Text>
            </Stack>
        );
    }
    return (
        <Stack tokens={{ childrenGap: 8 }}>
            {ORDER.map((severity) => {
                const group = findings.filter((f) => f.severity === severity);
                if (group.length === 0) return null;
                const heading = t("Preview_FindingsGroup", severityName(t, severity), group.length);
                return (
                    <section key={severity} aria-label={heading}>
                        <Text as="h4" variant="medium" block styles={{ root: { fontWeight: 600, margin: "0 0 4px" } }}>
                            {heading}
                        </Text>
                        <ul className={c.list}>
                            {group.map((f, i) => (
                                <li key={`${f.key}-${f.line ?? 0}-${f.column ?? 0}-${i}`} className={c.item}>
                                    <FontIcon iconName={Icons[TONE[severity]]} className={`${c.icon} ${c[TONE[severity]]}`} aria-hidden="true" />
                                    <Text>{findingText(t, f)}</Text>
                                </li>
                            ))}
                        </ul>
                    </section>
                );
            })}
        </Stack>
    );
}

export const FindingsList = React.memo(FindingsListView);
