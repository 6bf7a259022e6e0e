/**
 * What the value checks (domain/csv/valueChecks.ts) found: one line per column and kind, e.g. "Birthday: 14 rows are
 * not a date in M/d/yyyy, first on line 7 (“31/12/1990”)". Values are the file's text, rendered as text. The list
 * shows the first MAX_LIST_ITEMS findings and says how many more there are (a file may have 50,000 headings).
 */
import * as React from "react";
import { FontIcon, Stack, Text } from "@fluentui/react";
import type { ValueCheckSummary, ValueFinding, ValueFormats } from "../domain/csv/valueChecks";
import type { Localize } from "../strings/localize";
import { Icons } from "./icons";
import { useIconListClasses } from "./iconListStyles";
import { useLocalize } from "./LocalizeContext";
import { clip, MAX_LIST_ITEMS, MAX_MESSAGE_CHARS } from "./clip";

export interface ValueFindingsListProps {
    values: ValueCheckSummary;
    formats: Pick<ValueFormats, "shortDatePattern">;
    /** What was checked: the first rows (preview) or every row (the full scan). */
    scope: "firstRows" | "file";
}

/** The column a finding is about, as the maker knows it: the heading, else the column's display name. */
function columnName(t: Localize, f: ValueFinding): string {
    return f.header || f.target?.displayName || f.target?.logicalName || t("Value_Unnamed");
}

export function valueFindingText(t: Localize, f: ValueFinding, formats: Pick<ValueFormats, "shortDatePattern">): string {
    const name = columnName(t, f);
    const value = f.firstValue ?? "";
    const line = f.firstLine ?? 0;
    switch (f.kind) {
        case "requiredMissing":
            return t("Values_requiredMissing", f.target?.displayName || f.target?.logicalName || "", f.target?.logicalName ?? "");
        case "requiredEmpty":
            return t("Values_requiredEmpty", name, f.count, line);
        case "tooLong":
            return t("Values_tooLong", name, f.count, f.target?.maxLength ?? 0, line, value);
        case "notANumber":
            return t("Values_notANumber", name, f.count, line, value);
        case "outOfRange":
            if (f.target?.minValue !== undefined && f.target?.maxValue !== undefined) {
                return t("Values_outOfRange", name, f.count, f.target.minValue, f.target.maxValue, line, value);
            }
            return t("Values_outOfRangeUnknown", name, f.count, line, value);
        case "notADate":
            return t("Values_notADate", name, f.count, formats.shortDatePattern, line, value);
        case "notAChoice":
            return t("Values_notAChoice", name, f.count, line, value);
        case "notYesNo":
            return t("Values_notYesNo", name, f.count, f.target?.trueLabel || "1", f.target?.falseLabel || "0", line, value);
        case "duplicateKey":
            return t("Values_duplicateKey", name, f.count, line, value, f.duplicateOf ?? 0);
        default:
            return name;
    }
}

function ValueFindingsListView({ values, formats, scope }: ValueFindingsListProps): React.ReactElement | null {
    const t = useLocalize();
    const c = useIconListClasses();
    const heading = t("Values_Heading", values.rows);
    return (
        <section aria-label={heading}>
            <Text as="h3" variant="medium" block styles={{ root: { fontWeight: 600, margin: "0 0 4px" } }}>
                {heading}
            </Text>
            {values.findings.length === 0 ? (
                <Stack horizontal tokens={{ childrenGap: 6 }} verticalAlign="center">
                    <FontIcon iconName={Icons.done} aria-hidden="true" />
                    <Text>{scope === "file" ? t("Values_NoneFile") : t("Values_NoneFirstRows")}</Text>
                </Stack>
            ) : (
                <>
                    <ul className={c.list}>
                        {values.findings.slice(0, MAX_LIST_ITEMS).map((f, i) => (
                            <li key={`${f.kind}-${f.column ?? 0}-${i}`} className={c.item}>
                                <FontIcon iconName={Icons.failed} className={`${c.icon} ${c.failed}`} aria-hidden="true" />
                                <Text>{clip(valueFindingText(t, f, formats), MAX_MESSAGE_CHARS)}</Text>
                            </li>
                        ))}
                    </ul>
                    {values.findings.length > MAX_LIST_ITEMS && <Text variant="small">{t("Preview_MoreFindings", values.findings.length - MAX_LIST_ITEMS)}</Text>}
                </>
            )}
        </section>
    );
}

/** `formats` compared by value: the caller passes a new object on every render. */
export const ValueFindingsList = React.memo(
    ValueFindingsListView,
    (prev, next) => prev.values === next.values && prev.scope === next.scope && prev.formats.shortDatePattern === next.formats.shortDatePattern,
);
