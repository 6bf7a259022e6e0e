/**
 * The files of the import as a Fluent DetailsList: one row per importfile, a stepper and counts per row,
 * sortable headers where the dataset allows. Three layouts by the form's width, so nothing is ever cut off and the
 * row commands stay in reach (WCAG reflow: 320 CSS px, 400% zoom): `wide`, every column; `medium`, the file's
 * facts under its name, then its progress and commands; `compact` (phones, side panes, high zoom), one column
 * with each file as a card: name, facts, progress, commands.
 */
import * as React from "react";
import { ColumnActionsMode, ConstrainMode, DetailsList, DetailsListLayoutMode, DetailsRow, FontIcon, Link, SelectionMode, Stack, Text } from "@fluentui/react";
import type { IColumn, IDetailsColumnProps, IDetailsColumnStyles, IDetailsRowProps } from "@fluentui/react";
import { Icons } from "./icons";
import type { ImportFileRow } from "../domain/importFile";
import { FileProgressCell } from "./FileProgressCell";
import { useLocalize } from "./LocalizeContext";
import type { Localize } from "../strings/localize";

/** See the module comment; chosen by the form's width (ImportMonitorApp). */
export type FileListLayout = "wide" | "medium" | "compact";

export interface FileListProps {
    rows: readonly ImportFileRow[];
    layout: FileListLayout;
    sortColumn: string | null;
    sortDescending: boolean;
    sortableColumns: readonly string[];
    onOpen: (fileId: string) => void;
    onSort: (column: string, descending: boolean) => void;
    /** Extra commands shown in each row (preview, failure log…), supplied by the features that own them. */
    renderRowCommands?: (row: ImportFileRow) => React.ReactNode;
}

interface ColumnSpec {
    key: string;
    nameKey: string;
    /** The dataset column sorted when the header is clicked. */
    sortBy?: string;
    minWidth: number;
    maxWidth?: number;
    render: (row: ImportFileRow) => React.ReactNode;
}

function orEmpty(t: Localize, value: string): string {
    return value.trim() === "" ? t("Value_Empty") : value;
}

function NameLink({ row, onOpen }: { row: ImportFileRow; onOpen: (fileId: string) => void }): React.ReactElement {
    const t = useLocalize();
    const name = row.name || t("Value_Unnamed");
    return (
        <Link onClick={() => onOpen(row.id)} aria-label={t("Command_Open", name)} data-testid={`open-${row.id}`}>
            {name}
        </Link>
    );
}

function shallowEqual(a: object, b: object): boolean {
    const ka = Object.keys(a) as (keyof typeof a)[];
    return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}

/**
 * Fluent's DetailsList renders every visible row whenever it renders, with a fresh generated `id` and
 * freshly copied (but equal) columns. A row whose item and other props are unchanged is skipped, so a
 * poll that changed one file re-renders that file's row only.
 */
function sameRowProps(prev: IDetailsRowProps, next: IDetailsRowProps): boolean {
    const keys = Object.keys(next) as (keyof IDetailsRowProps)[];
    if (keys.length !== Object.keys(prev).length) return false;
    return keys.every((key) => {
        if (key === "id") return true;
        if (key === "columns") {
            const a = prev.columns;
            const b = next.columns;
            return a === b || (a.length === b.length && a.every((column, i) => shallowEqual(column, b[i])));
        }
        return prev[key] === next[key];
    });
}

/**
 * A header's name with the control's own sort arrow. Fluent's DetailsColumn draws its arrow as the icon
 * SortUp / SortDown, which a host that initialised Fluent's icons (the platform library does) draws from
 * Fluent's icon font on a CDN: that one is hidden (`sortIcon` style) and this inline svg shown instead.
 * `isSorted` stays set, so the header's aria-sort is Fluent's own.
 */
const renderHeader = (props?: IDetailsColumnProps): React.ReactElement | null => {
    const column = props?.column;
    if (!column) return null;
    return (
        <span>
            {column.name}
            {column.isSorted && (
                <FontIcon
                    iconName={column.isSortedDescending ? Icons.sortDown : Icons.sortUp}
                    style={{ marginLeft: 4, fontSize: 12, verticalAlign: "middle" }}
                    aria-hidden="true"
                />
            )}
        </span>
    );
};

/**
 * The width (px) a column's heading needs, so that no heading is ever cut ("Status re…"), in any language: about
 * 8 px a character in the header's semibold 14 px (14 px for CJK and other full-width ones), plus the cell's
 * padding and the sort arrow. An estimate on purpose: measuring text needs a canvas, which some hosts lack.
 */
function headingWidth(name: string): number {
    let width = 0;
    for (const ch of name) width += ch.codePointAt(0)! >= 0x2e80 ? 14 : 8;
    return width + 36;
}

/** DetailsList's padding of a cell (px): 12 before, 8 after. */
const CELL_PADDING = 20;

/** The wide layout's columns: their key, heading and least width (px); the specs below and wideListWidth read it. */
const WIDE_COLUMNS = {
    name: { nameKey: "Column_Name", least: 120 },
    source: { nameKey: "Column_Source", least: 90 },
    target: { nameKey: "Column_Target", least: 80 },
    size: { nameKey: "Column_Size", least: 60 },
    status: { nameKey: "Column_Status", least: 100 },
    // Room for the whole English stepper on one line (Parse — Transform — Import — Complete).
    progress: { nameKey: "Column_Progress", least: 320 },
    modified: { nameKey: "Column_Modified", least: 110 },
    commands: { nameKey: "Column_Commands", least: 80 },
} as const;

/**
 * The least width (px) of the list's wide layout in the user's language: every column at its least width, its
 * heading whole. Narrower forms get the medium or compact layout, so no column is ever pushed out of the form.
 */
export function wideListWidth(t: Localize): number {
    return Object.values(WIDE_COLUMNS).reduce((sum, { nameKey, least }) => sum + Math.max(least, headingWidth(t(nameKey))) + CELL_PADDING, 0);
}

/** A file's status reason: the dataset's label, else the code's name; "" when neither is known. */
function statusText(t: Localize, row: ImportFileRow): string {
    return row.statusLabel || (row.statusCode === null ? "" : t(`StatusCode_${row.statusCode}`));
}

const HIDDEN_FLUENT_SORT_ICON: Partial<IDetailsColumnStyles> = { sortIcon: { display: "none" } };

const MemoRow = React.memo(DetailsRow as React.ComponentType<IDetailsRowProps>, sameRowProps);

const renderRow = (props?: IDetailsRowProps): React.ReactElement | null => (props ? <MemoRow {...props} /> : null);

export function FileList(props: FileListProps): React.ReactElement {
    const { rows, layout, sortColumn, sortDescending, sortableColumns, onOpen, onSort, renderRowCommands } = props;
    const compact = layout === "compact";
    const t = useLocalize();

    const specs = React.useMemo((): ColumnSpec[] => {
        const facts = (row: ImportFileRow) => (
            <Text variant="xSmall">
                {[row.targetTable, row.sizeKb ? t("Value_SizeKb", row.sizeKb) : "", statusText(t, row)]
                    .filter(Boolean)
                    .join(t("Value_Separator"))}
            </Text>
        );
        const progress: ColumnSpec = {
            key: "progress",
            nameKey: "Column_Progress",
            sortBy: "processingstatus",
            minWidth: layout === "medium" ? 240 : WIDE_COLUMNS.progress.least,
            render: (row) => <FileProgressCell file={row} fileName={row.name} compact={compact} />,
        };
        const commands: ColumnSpec[] = renderRowCommands
            ? [{ key: "commands", nameKey: "Column_Commands", minWidth: WIDE_COLUMNS.commands.least, maxWidth: 120, render: renderRowCommands }]
            : [];
        if (compact) {
            // One column: a card per file, its commands under its progress, always inside the form's width.
            return [
                {
                    key: "name",
                    nameKey: "Column_Name",
                    sortBy: "name",
                    minWidth: 160,
                    render: (row) => (
                        <Stack tokens={{ childrenGap: 4 }}>
                            <NameLink row={row} onOpen={onOpen} />
                            {facts(row)}
                            <FileProgressCell file={row} fileName={row.name} compact />
                            {renderRowCommands?.(row)}
                        </Stack>
                    ),
                },
            ];
        }
        if (layout === "medium") {
            return [
                {
                    key: "name",
                    nameKey: "Column_Name",
                    sortBy: "name",
                    minWidth: 130,
                    maxWidth: 220,
                    render: (row) => (
                        <Stack>
                            <NameLink row={row} onOpen={onOpen} />
                            {facts(row)}
                        </Stack>
                    ),
                },
                progress,
                ...commands,
            ];
        }
        return [
            { key: "name", nameKey: "Column_Name", sortBy: "name", minWidth: WIDE_COLUMNS.name.least, maxWidth: 220, render: (row) => <NameLink row={row} onOpen={onOpen} /> },
            { key: "source", nameKey: "Column_Source", sortBy: "source", minWidth: WIDE_COLUMNS.source.least, maxWidth: 160, render: (row) => orEmpty(t, row.source) },
            { key: "target", nameKey: "Column_Target", sortBy: "targetentityname", minWidth: WIDE_COLUMNS.target.least, maxWidth: 120, render: (row) => orEmpty(t, row.targetTable) },
            {
                key: "size",
                nameKey: "Column_Size",
                minWidth: WIDE_COLUMNS.size.least,
                maxWidth: 80,
                render: (row) => (row.sizeKb ? t("Value_SizeKb", row.sizeKb) : t("Value_Empty")),
            },
            {
                key: "status",
                nameKey: "Column_Status",
                sortBy: "statuscode",
                // Widened to its heading below, so never "Status re…".
                minWidth: WIDE_COLUMNS.status.least,
                maxWidth: 130,
                render: (row) => orEmpty(t, statusText(t, row)),
            },
            progress,
            { key: "modified", nameKey: "Column_Modified", sortBy: "modifiedon", minWidth: WIDE_COLUMNS.modified.least, maxWidth: 150, render: (row) => orEmpty(t, row.modifiedOnLabel) },
            ...commands,
        ];
    }, [layout, compact, onOpen, renderRowCommands, t]);

    const columns = React.useMemo(
        (): IColumn[] =>
            specs.map((spec) => {
                const name = t(spec.nameKey);
                const heading = headingWidth(name);
                const sortable = spec.sortBy !== undefined && sortableColumns.includes(spec.sortBy);
                const sorted = sortable && spec.sortBy === sortColumn;
                return {
                    key: spec.key,
                    name,
                    fieldName: spec.key,
                    minWidth: Math.max(spec.minWidth, heading),
                    maxWidth: spec.maxWidth === undefined ? undefined : Math.max(spec.maxWidth, heading),
                    isResizable: true,
                    isMultiline: spec.key === "progress" || layout !== "wide",
                    isSorted: sorted,
                    isSortedDescending: sorted && sortDescending,
                    sortAscendingAriaLabel: t("Column_SortAscending"),
                    sortDescendingAriaLabel: t("Column_SortDescending"),
                    columnActionsMode: sortable ? ColumnActionsMode.clickable : ColumnActionsMode.disabled,
                    onRenderHeader: renderHeader,
                    styles: HIDDEN_FLUENT_SORT_ICON,
                    data: spec,
                    onRender: (row?: ImportFileRow) => (row ? spec.render(row) : null),
                };
            }),
        [specs, sortableColumns, sortColumn, sortDescending, layout, t],
    );

    const onColumnHeaderClick = React.useCallback(
        (_ev?: React.MouseEvent<HTMLElement>, column?: IColumn) => {
            const spec = column?.data as ColumnSpec | undefined;
            if (!spec?.sortBy || !sortableColumns.includes(spec.sortBy)) return;
            onSort(spec.sortBy, spec.sortBy === sortColumn ? !sortDescending : false);
        },
        [onSort, sortableColumns, sortColumn, sortDescending],
    );

    return (
        <DetailsList
            items={rows as ImportFileRow[]}
            columns={columns}
            getKey={(row: ImportFileRow) => row.id}
            setKey="importfiles"
            selectionMode={SelectionMode.none}
            layoutMode={DetailsListLayoutMode.justified}
            constrainMode={ConstrainMode.unconstrained}
            compact={compact}
            onColumnHeaderClick={onColumnHeaderClick}
            onItemInvoked={(row?: ImportFileRow) => row && onOpen(row.id)}
            onShouldVirtualize={() => rows.length > 50}
            onRenderRow={renderRow}
            ariaLabelForGrid={t("List_AriaLabel")}
        />
    );
}
