/**
 * The CSV checks' findings grouped by severity (errors, warnings, information). Each group has a heading and
 * each finding an icon and its message: severity is never shown by colour alone. A group lists its first
 * MAX_LIST_ITEMS findings and says how many more there are (a file of 50,000 blank headings has 50,000 findings).
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
import { clip, MAX_LIST_ITEMS, MAX_MESSAGE_CHARS } from "./clip";

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
                            {group.slice(0, MAX_LIST_ITEMS).map((f, i) => (
                                <li key={`${f.key}-${f.line ?? 0}-${f.column ?? 0}-${i}`} className={c.item}>
                                    <FontIcon iconName={Icons[TONE[severity]]} className={`${c.icon} ${c[TONE[severity]]}`} aria-hidden="true" />
                                    <Text>{clip(findingText(t, f), MAX_MESSAGE_CHARS)}</Text>
                                </li>
                            ))}
                        </ul>
                        {group.length > MAX_LIST_ITEMS && <Text variant="small">{t("Preview_MoreFindings", group.length - MAX_LIST_ITEMS)}</Text>}
                    </section>
                );
            })}
        </Stack>
    );
}

export const FindingsList = React.memo(FindingsListView);
