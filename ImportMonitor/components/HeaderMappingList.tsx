/**
 * Under the system map, which table column each CSV heading goes to (matched by display name), or that it goes
 * nowhere: "no matching column — this data will not be imported". When only some of the table's columns could be
 * looked up, a heading without a match is "could not confirm" (information), not a warning. A file with more headings
 * than the table has columns an import can fill gets a warning of its own. The list shows the first MAX_LIST_ITEMS
 * headings and says how many more there are (a file may have 50,000: the list must not block the page).
 */
import * as React from "react";
import { DefaultButton, FontIcon, MessageBarType, Spinner, SpinnerSize, Stack, Text } from "@fluentui/react";
import type { HeaderMapping } from "../domain/csv";
import { lookupMatch } from "../domain/csv/valueChecks";
import type { MappingState } from "../hooks/usePreview";
import { Icons } from "./icons";
import { useIconListClasses } from "./iconListStyles";
import type { Tone } from "./iconListStyles";
import { useLocalize } from "./LocalizeContext";
import type { Localize } from "../strings/localize";
import { failureText } from "./failureText";
import { clip, MAX_LIST_ITEMS } from "./clip";
import { Notice } from "./Notice";

export interface HeaderMappingListProps {
    mapping: MappingState;
    fileName: string;
    onRetry: () => void;
}

type Outcome = "mapped" | "none" | "unconfirmed" | "ambiguous";

function outcomeOf(m: HeaderMapping, complete: boolean): Outcome {
    if (m.column) return "mapped";
    if (m.candidates.length > 1) return "ambiguous";
    return complete ? "none" : "unconfirmed";
}

function outcomeText(t: Localize, m: HeaderMapping, outcome: Outcome): string {
    switch (outcome) {
        case "mapped": {
            const to = t("Preview_MappingTo", m.column!.displayName, m.column!.logicalName);
            // A lookup: each value is looked up by the target table's primary name (docs/research/value-checks.md).
            const lookups = lookupMatch(m.column!).map((l) => (l.column ? t("Preview_MappingLookupColumn", l.table, l.column) : t("Preview_MappingLookupName", l.table)));
            return lookups.length ? `${to}${t("Value_Separator")}${lookups.join(t("Value_ListSeparator"))}` : to;
        }
        case "ambiguous":
            return t("Preview_MappingAmbiguous", m.candidates.length, m.candidates.map((c) => c.logicalName).join(", "));
        case "unconfirmed":
            return t("Preview_MappingUnconfirmed");
        default:
            return t("Preview_MappingNone");
    }
}

const TONE: Record<Outcome, Tone> = { mapped: "done", none: "warning", ambiguous: "warning", unconfirmed: "info" };

function HeaderMappingListView({ mapping, fileName, onRetry }: HeaderMappingListProps): React.ReactElement {
    const t = useLocalize();
    const c = useIconListClasses();

    switch (mapping.status) {
        case "notApplicable":
            return (
                <Text>
                    {mapping.reason === "dataMap"
                        ? t("Preview_MappingDataMap")
                        : mapping.reason === "noHeaderRow"
                          ? t("Preview_MappingNoHeaderRow")
                          : t("Preview_MappingNothing")}
                </Text>
            );
        case "loading":
            return <Spinner size={SpinnerSize.small} label={t("Preview_MappingLoading")} labelPosition="right" />;
        case "noTable":
            return <Text>{t("Preview_MappingNoTable")}</Text>;
        case "unavailable":
            return <Text>{t("Preview_MappingUnavailable", mapping.table)}</Text>;
        case "failed":
            return (
                <Notice
                    messageBarType={MessageBarType.warning}
                    isMultiline
                    actions={
                        <div>
                            <DefaultButton text={t("Preview_Retry")} onClick={onRetry} />
                        </div>
                    }
                >
                    {t("Preview_MappingFailed", failureText(t, mapping.failure))}
                </Notice>
            );
        default:
            break;
    }
    const shown = mapping.mappings.length > MAX_LIST_ITEMS ? mapping.mappings.slice(0, MAX_LIST_ITEMS) : mapping.mappings;
    const more = mapping.mappings.length - shown.length;
    return (
        <Stack tokens={{ childrenGap: 4 }}>
            <Text>{t("Preview_MappingIntro", mapping.table)}</Text>
            {!mapping.complete && <Text variant="small">{t("Preview_MappingIncomplete")}</Text>}
            {mapping.tooManyColumns && (
                <div className={c.item} data-testid="mapping-too-many-columns">
                    <FontIcon iconName={Icons.warning} className={`${c.icon} ${c.warning}`} aria-hidden="true" />
                    <Text>{t("Preview_MappingTooManyColumns", mapping.tooManyColumns.headings, mapping.tooManyColumns.columns, mapping.table)}</Text>
                </div>
            )}
            <ul className={c.list} aria-label={t("Preview_MappingListLabel", fileName)}>
                {shown.map((m) => {
                    const outcome = outcomeOf(m, mapping.complete);
                    const header = m.header.trim() === "" ? t("Preview_BlankHeaderLabel", m.columnNumber) : clip(m.header);
                    return (
                        <li key={m.columnNumber} className={c.item}>
                            <FontIcon iconName={Icons[TONE[outcome]]} className={`${c.icon} ${c[TONE[outcome]]}`} aria-hidden="true" />
                            <Text>
                                <span className={c.header}>{header}</span>
                                {t("Preview_MappingSeparator")}
                                {outcomeText(t, m, outcome)}
                            </Text>
                        </li>
                    );
                })}
            </ul>
            {more > 0 && <Text variant="small">{t("Preview_MappingMore", more)}</Text>}
        </Stack>
    );
}

export const HeaderMappingList = React.memo(HeaderMappingListView);
