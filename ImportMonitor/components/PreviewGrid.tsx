/**
 * The header and first rows of a CSV file as a read-only Fluent DetailsList. The first column is each row's
 * original line number in the file; it stays in view when the grid scrolls sideways. Headings and values are the
 * file's text, rendered as text (never as markup). A file without a header row gets generated headings,
 * "Column 1…N", and a note saying so.
 *
 * Its cost does not grow with the file (issue 14, part 3): the grid shows the first MAX_GRID_COLUMNS columns and
 * says how many more there are, and a cell shows the first MAX_CELL_CHARS characters of its value, the whole value
 * on demand ("Show all": a callout with the value in a read-only text box and "Copy value").
 */
import * as React from "react";
import {
    Callout,
    ConstrainMode,
    DefaultButton,
    DetailsList,
    DetailsListLayoutMode,
    FontIcon,
    Link,
    SelectionMode,
    Stack,
    Text,
    TextField,
    getId,
    mergeStyleSets,
    mergeStyles,
    useTheme,
} from "@fluentui/react";
import type { IColumn, ILink } from "@fluentui/react";
import { SYNTHETIC_HEADER_KEY } from "../domain/csv/findings";
import type { CsvPreview, FindingPlace, PreviewRow } from "../domain/csv";
import { Icons } from "./icons";
import type { ColumnQuality } from "../domain/csv/valueChecks";
import { QualityBar } from "./QualityBar";
import { useLocalize } from "./LocalizeContext";
import { clip } from "./clip";

export interface PreviewGridProps {
    preview: CsvPreview;
    fileName: string;
    /** Each heading's column quality (valid / error / empty cells against the target column's rules). */
    quality?: readonly ColumnQuality[];
    /** The rows (line) and cells (line, 1-based column) the findings name: marked in the grid. */
    places?: readonly FindingPlace[];
}

/** Columns of the file the grid shows (after the Line column); the others are counted under it. */
export const MAX_GRID_COLUMNS = 50;
/** Characters of a value a cell shows; a longer one is cut, with "Show all" for the whole value. */
export const MAX_CELL_CHARS = 200;
/** Characters of a heading the grid shows. */
export const MAX_HEADING_CHARS = 100;
/**
 * Characters of a value the "Show all" text box holds: a text box lays out its whole text, and a field of several
 * megabytes would block the page; "Copy value" copies the whole value whatever its length.
 */
export const MAX_VALUE_SHOWN = 100_000;

/** Characters a cell shows whole even at its narrowest: a longer value gets its text as a tooltip. */
const TOOLTIP_ABOVE_CHARS = 10;

const scroller = mergeStyles({ overflowX: "auto", maxWidth: "100%" });
/** A value cell: its spaces and line breaks kept, as in the file ("&&": over the cell's own `nowrap`). */
const valueCell = mergeStyles({ "&&": { whiteSpace: "pre" } });
const cell = mergeStyles({ whiteSpace: "pre", overflow: "hidden", textOverflow: "ellipsis" });
const longCell = mergeStyles({ display: "flex", alignItems: "baseline", gap: 4, minWidth: 0 });
const longText = mergeStyles({ whiteSpace: "pre", overflow: "hidden", textOverflow: "ellipsis", minWidth: 0, flex: "1 1 auto" });
const showAll = mergeStyles({ flex: "none", fontSize: "inherit" });

interface LongValueProps {
    value: string;
    line: number;
    heading: string;
    className: string;
}

/** A value longer than MAX_CELL_CHARS: its start, and "Show all" opening a callout with the whole value. */
function LongValue({ value, line, heading, className }: LongValueProps): React.ReactElement {
    const t = useLocalize();
    const [open, setOpen] = React.useState(false);
    const anchor = React.useRef<HTMLSpanElement>(null);
    const link = React.useRef<ILink>(null);
    const close = React.useCallback(() => {
        setOpen(false);
        link.current?.focus();
    }, []);
    return (
        <span className={`${longCell} ${className}`}>
            <span className={longText}>{clip(value, MAX_CELL_CHARS)}</span>
            <span ref={anchor}>
                <Link
                    componentRef={link}
                    className={showAll}
                    onClick={() => setOpen(true)}
                    aria-haspopup="dialog"
                    aria-expanded={open}
                    aria-label={t("Preview_ValueShowAria", heading, line, value.length)}
                >
                    {t("Preview_ValueShow")}
                </Link>
            </span>
            {open && <FullValue value={value} line={line} heading={heading} target={anchor} onDismiss={close} />}
        </span>
    );
}

interface FullValueProps {
    value: string;
    line: number;
    heading: string;
    target: React.RefObject<HTMLElement>;
    onDismiss: () => void;
}

/** The whole value (as text, in a read-only text box; the first MAX_VALUE_SHOWN characters) and "Copy value". */
function FullValue({ value, line, heading, target, onDismiss }: FullValueProps): React.ReactElement {
    const t = useLocalize();
    const theme = useTheme();
    const [ids] = React.useState(() => ({ title: getId("preview-value-title"), text: getId("preview-value-text") }));
    const [copy, setCopy] = React.useState<"idle" | "copied" | "failed">("idle");
    const alive = React.useRef(true);
    React.useEffect(
        () => () => {
            alive.current = false;
        },
        [],
    );
    const c = React.useMemo(
        () =>
            mergeStyleSets({
                root: { padding: 12, width: 480, maxWidth: "90vw", boxSizing: "border-box", background: theme.semanticColors.bodyBackground },
            }),
        [theme],
    );
    const shown = value.length > MAX_VALUE_SHOWN ? value.slice(0, MAX_VALUE_SHOWN) : value;
    const copyValue = () => {
        const clipboard = typeof navigator === "undefined" ? undefined : navigator.clipboard;
        if (!clipboard?.writeText) {
            setCopy("failed");
            return;
        }
        clipboard
            .writeText(value)
            .then(() => alive.current && setCopy("copied"))
            .catch(() => alive.current && setCopy("failed"));
    };
    return (
        <Callout target={target} onDismiss={onDismiss} setInitialFocus role="dialog" ariaLabelledBy={ids.title} ariaDescribedBy={ids.text} gapSpace={4}>
            <Stack tokens={{ childrenGap: 8 }} className={c.root}>
                <Text id={ids.title} variant="mediumPlus" block styles={{ root: { fontWeight: 600 } }}>
                    {t("Preview_ValueTitle", clip(heading, MAX_HEADING_CHARS), line)}
                </Text>
                <Text variant="small" id={ids.text}>
                    {shown.length < value.length ? t("Preview_ValuePart", shown.length, value.length) : t("Preview_ValueLength", value.length)}
                </Text>
                <TextField value={shown} readOnly multiline rows={8} resizable={false} aria-labelledby={ids.title} aria-describedby={ids.text} />
                <Stack horizontal wrap verticalAlign="center" tokens={{ childrenGap: 8 }}>
                    <DefaultButton text={t("Preview_ValueCopy")} onClick={copyValue} />
                    <DefaultButton text={t("Preview_ValueClose")} onClick={onDismiss} />
                    <Text role="status" variant="small">
                        {copy === "copied" ? t("Preview_ValueCopied") : copy === "failed" ? t("Preview_ValueCopyFailed") : ""}
                    </Text>
                </Stack>
            </Stack>
        </Callout>
    );
}

function headingName(t: ReturnType<typeof useLocalize>, preview: CsvPreview, i: number): string {
    const header = preview.headers[i];
    if (!header) return t("Preview_ExtraColumn", i + 1);
    if (header.kind === "synthetic") return t(SYNTHETIC_HEADER_KEY, header.columnNumber);
    return header.text.trim() === "" ? t("Preview_BlankHeaderLabel", header.columnNumber) : clip(header.text, MAX_HEADING_CHARS);
}

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
    const styles = React.useMemo(() => {
        // A marked cell: outlined (dashed, so it shows in forced colours too), its problem in the findings below.
        const markedCell = mergeStyles({ outline: `1px dashed ${theme.semanticColors.errorText}`, outlineOffset: "-1px" });
        // The Line column stays in view when the grid scrolls sideways (inline start: the right in a right-to-left
        // page). "&&" doubles the class, to win over the cells' own `position: relative` whatever the rules' order.
        const lineColumn = mergeStyles({
            "&&": {
                position: "sticky",
                insetInlineStart: 0,
                zIndex: 1,
                background: theme.semanticColors.bodyBackground,
                borderInlineEnd: `1px solid ${theme.semanticColors.bodyDivider}`,
            },
            // Opaque, so the cells scrolling under it do not show through; the row's own colour when it is hovered.
            ":global(.ms-DetailsRow:hover) &&": { background: theme.semanticColors.listItemBackgroundHovered },
        });
        return { markedCell, lineColumn };
    }, [theme]);
    /** Columns of the file: the header's and those of longer rows. */
    const width = React.useMemo(() => preview.rows.reduce((max, row) => Math.max(max, row.fields.length), preview.headers.length), [preview]);
    const shownColumns = Math.min(width, MAX_GRID_COLUMNS);
    const columns = React.useMemo((): IColumn[] => {
        const qualityOf = new Map<number, ColumnQuality>();
        for (const q of quality ?? []) if (q.column <= shownColumns) qualityOf.set(q.column, q);
        const line: IColumn = {
            key: "line",
            name: t("Preview_LineColumn"),
            minWidth: 40,
            maxWidth: 56,
            isRowHeader: true,
            className: styles.lineColumn,
            headerClassName: styles.lineColumn,
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
        const fields = Array.from({ length: shownColumns }, (_, i): IColumn => {
            const name = headingName(t, preview, i);
            const q = qualityOf.get(i + 1);
            return {
                key: `c${i}`,
                name,
                // Power Query's column quality, measured against the target column: a bar under the heading.
                onRenderHeader: q ? (props, render) => <QualityBar quality={q} name={name}>{props && render ? render(props) : name}</QualityBar> : undefined,
                minWidth: 80,
                maxWidth: 220,
                isResizable: true,
                className: valueCell,
                onRender: (row?: PreviewRow) => {
                    const value = row?.fields[i];
                    if (value === undefined || !row) return null;
                    const marked = marks.cells.has(`${row.line}:${i + 1}`);
                    const className = marked ? `${cell} ${styles.markedCell}` : cell;
                    if (value.length > MAX_CELL_CHARS) return <LongValue value={value} line={row.line} heading={name} className={className} />;
                    // A short value is the cell's text itself (a grid may have a thousand cells: no element more than needed).
                    if (!marked && value.length <= TOOLTIP_ABOVE_CHARS) return value;
                    return (
                        <span className={className} title={value}>
                            {value}
                        </span>
                    );
                },
            };
        });
        return [line, ...fields];
    }, [preview, shownColumns, quality, marks, styles, theme, t]);

    if (preview.headers.length === 0) return null;
    const more = width - shownColumns;
    return (
        <Stack tokens={{ childrenGap: 4 }}>
            {preview.headerIsSynthetic && <Text variant="small">{t("Preview_NoHeaderNote")}</Text>}
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
                    // Fixed widths, every row rendered: nothing to measure (a measure forces a layout and a second render).
                    skipViewportMeasures
                    ariaLabelForGrid={t("Preview_GridLabel", fileName)}
                />
            </div>
            {more > 0 && (
                <Text variant="small" data-testid="preview-more-columns">
                    {t("Preview_MoreColumns", shownColumns, more)}
                </Text>
            )}
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

/** The same places, in the same order: the view's caller builds a new array on every render (findings' places). */
function samePlaces(a: readonly FindingPlace[] | undefined, b: readonly FindingPlace[] | undefined): boolean {
    if (a === b) return true;
    if (a?.length !== b?.length || !a || !b) return false;
    for (let i = 0; i < a.length; i++) if (a[i].line !== b[i].line || a[i].column !== b[i].column) return false;
    return true;
}

/** Re-rendered only when what it shows changed (not on every tick of the check of every row). */
export const PreviewGrid = React.memo(
    PreviewGridView,
    (prev, next) => prev.preview === next.preview && prev.fileName === next.fileName && prev.quality === next.quality && samePlaces(prev.places, next.places),
);
