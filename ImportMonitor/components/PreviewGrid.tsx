/**
 * The header and first rows of a CSV file as a read-only Fluent DetailsList. The first column is each row's
 * original line number in the file. Headings and values are the file's text, rendered as text (never as markup).
 * A file without a header row gets generated headings, "Column 1…N", and a note saying so.
 */
import * as React from "react";
import { ConstrainMode, DetailsList, DetailsListLayoutMode, FontIcon, SelectionMode, Stack, Text, mergeStyles, useTheme } from "@fluentui/react";
import type { IColumn } from "@fluentui/react";
import { SYNTHETIC_HEADER_KEY } from "../domain/csv/findings";
import type { CsvPreview, FindingPlace, PreviewRow } from "../domain/csv";
import { Icons } from "./icons";
import type { ColumnQuality } from "../domain/csv/valueChecks";
import { QualityBar } from "./QualityBar";
import { useLocalize } from "./LocalizeContext";

export interface PreviewGridProps {
    preview: CsvPreview;
    fileName: string;
    /** Each heading's column quality (valid / error / empty cells against the target column's rules). */
    quality?: readonly ColumnQuality[];
    /** The rows (line) and cells (line, 1-based column) the findings name: marked in the grid. */
    places?: readonly FindingPlace[];
}

const scroller = mergeStyles({ overflowX: "auto", maxWidth: "100%" });
const cell = mergeStyles({ whiteSpace: "pre", overflow: "hidden", textOverflow: "ellipsis" });

function PreviewGridView({ preview, fileName, quality, places }: PreviewGridProps): React.ReactElement | null {
    const t = useLocalize();
    const theme = useTheme();
    const marks = React.useMemo(() => {
        const rows = new Set<number>();
        const cells = new Set<string>();
        for (const p of places ?? []) {
            rows.add(p.line);
            if (p.column !== undefined) cells.add(`${p.line}:${p.column}`);
        }
        return { rows, cells };
    }, [places]);
    // A marked cell: outlined (dashed, so it shows in forced colours too), its problem in the findings below.
    const markedCell = React.useMemo(() => mergeStyles({ outline: `1px dashed ${theme.semanticColors.errorText}`, outlineOffset: "-1px" }), [theme]);
    const columns = React.useMemo((): IColumn[] => {
        const width = preview.rows.reduce((max, row) => Math.max(max, row.fields.length), preview.headers.length);
        const line: IColumn = {
            key: "line",
            name: t("Preview_LineColumn"),
            minWidth: 40,
            maxWidth: 56,
            isRowHeader: true,
            onRender: (row?: PreviewRow) =>
                row ? (
                    <Text variant="small">
                        {row.line}
                        {marks.rows.has(row.line) && (
                            <>
                                {" "}
                                <FontIcon iconName={Icons.failed} style={{ color: theme.semanticColors.errorIcon }} aria-label={t("Preview_RowMarked")} />
                            </>
                        )}
                    </Text>
                ) : null,
        };
        const fields = Array.from({ length: width }, (_, i): IColumn => {
            const header = preview.headers[i];
            let name: string;
            if (!header) name = t("Preview_ExtraColumn", i + 1);
            else if (header.kind === "synthetic") name = t(SYNTHETIC_HEADER_KEY, header.columnNumber);
            else name = header.text.trim() === "" ? t("Preview_BlankHeaderLabel", header.columnNumber) : header.text;
            const q = quality?.find((c) => c.column === i + 1);
            return {
                key: `c${i}`,
                name,
                // Power Query's column quality, measured against the target column: a bar under the heading.
                onRenderHeader: q ? (props, render) => <QualityBar quality={q} name={name}>{props && render ? render(props) : name}</QualityBar> : undefined,
                minWidth: 80,
                maxWidth: 220,
                isResizable: true,
                onRender: (row?: PreviewRow) => {
                    const value = row?.fields[i];
                    return value === undefined ? null : (
                        <span className={row && marks.cells.has(`${row.line}:${i + 1}`) ? `${cell} ${markedCell}` : cell} title={value}>
                            {value}
                        </span>
                    );
                },
            };
        });
        return [line, ...fields];
    }, [preview, quality, marks, markedCell, theme, t]);

    if (preview.headers.length === 0) return null;
    return (
        <Stack tokens={{ childrenGap: 4 }}>
            {preview.headerIsSynthetic && (
                <Text variant="small">
                    {t("Preview_NoHeaderNote")}
                </Text>
            )}
            <div className={scroller}>
                <DetailsList
                    items={preview.rows}
                    columns={columns}
                    getKey={(row: PreviewRow) => String(row.line)}
                    setKey="preview-rows"
                    selectionMode={SelectionMode.none}
                    layoutMode={DetailsListLayoutMode.fixedColumns}
                    constrainMode={ConstrainMode.unconstrained}
                    compact
                    onShouldVirtualize={() => false}
                    ariaLabelForGrid={t("Preview_GridLabel", fileName)}
                />
            </div>
            <Text variant="small">
                {preview.rows.length === 0
                    ? t("Preview_NoRows")
                    : preview.truncated
                      ? t("Preview_Truncated", preview.rows.length)
                      : t("Preview_AllRows", preview.rows.length)}
            </Text>
        </Stack>
    );
}

export const PreviewGrid = React.memo(PreviewGridView);
