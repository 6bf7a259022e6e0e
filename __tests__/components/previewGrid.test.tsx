/**
 * Issue 14, part 3 — rendering never blocks: the preview grid shows the first columns of a wide file and says how
 * many more there are, cuts long values (the whole value on demand, as text), keeps its Line column in view when it
 * scrolls sideways; the lists under it show their first items with "and N more"; a file with more headings than
 * the table has columns is a warning of its own.
 */
import * as React from "react";
import { configure, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { PreviewGrid, MAX_CELL_CHARS, MAX_GRID_COLUMNS, MAX_VALUE_SHOWN } from "../../ImportMonitor/components/PreviewGrid";
import { FindingsList } from "../../ImportMonitor/components/FindingsList";
import { HeaderMappingList } from "../../ImportMonitor/components/HeaderMappingList";
import { PreviewPanel } from "../../ImportMonitor/components/PreviewPanel";
import { LocalizeContext } from "../../ImportMonitor/components/LocalizeContext";
import { registerImportMonitorIcons } from "../../ImportMonitor/components/icons";
import { createImportService } from "../../ImportMonitor/dataverse/importService";
import { finding, FindingKeys } from "../../ImportMonitor/domain/csv";
import type { CsvPreview, Finding, HeaderMapping } from "../../ImportMonitor/domain/csv";
import { sharedPreviewCache } from "../../ImportMonitor/hooks/previewCache";
import type { MappingState } from "../../ImportMonitor/hooks/previewState";
import { createLocalize } from "../../ImportMonitor/strings/localize";
import { createFakeDataverse } from "../../sandbox/dataverse";
import { withCsvLibrary } from "../pcf/csvLibrary";
import { readResx } from "../pcf/resx";
import { addFile, rowOf } from "../hooks/previewFixtures";

const strings = readResx();
const t = createLocalize((id) => strings.get(id) ?? `!!${id}!!`, { formatNumber: (n) => n.toLocaleString("en-US") });
registerImportMonitorIcons();
configure({ defaultHidden: true });

function wide(columns: number, rows: number, field?: (row: number, column: number) => string | undefined): CsvPreview {
    return {
        headers: Array.from({ length: columns }, (_, i) => ({ kind: "text" as const, columnNumber: i + 1, text: `Heading ${i + 1}` })),
        headerIsSynthetic: false,
        rows: Array.from({ length: rows }, (_, r) => ({
            line: r + 2,
            fields: Array.from({ length: columns }, (_, i) => field?.(r, i) ?? `r${r + 1}c${i + 1}`),
        })),
        truncated: true,
        findings: [],
        charsParsed: 0,
    };
}

const inStrings = (element: React.ReactElement) => <LocalizeContext.Provider value={t}>{element}</LocalizeContext.Provider>;

/** The CSS text of the style rules whose selector names one of `element`'s classes (Fluent's merge-styles, as injected). */
function rulesOf(element: Element): string {
    const classes = [...element.classList].map((c) => new RegExp(`\\.${c}(?![\\w-])`));
    const texts: string[] = [];
    for (const sheet of [...document.styleSheets]) {
        for (const rule of [...sheet.cssRules]) {
            const selector = (rule as CSSStyleRule).selectorText;
            if (selector && classes.some((c) => c.test(selector))) texts.push(rule.cssText);
        }
    }
    return texts.join("\n");
}

describe("Preview grid", () => {
    it("shows the first columns of a 50,000-column file and says how many more there are", () => {
        const started = Date.now();
        render(inStrings(<PreviewGrid preview={wide(50000, 3)} fileName="wide.csv" />));
        const grid = screen.getByRole("grid", { name: "First rows of wide.csv" });
        const headers = within(grid).getAllByRole("columnheader");
        expect(headers).toHaveLength(1 + MAX_GRID_COLUMNS);
        expect(headers[0]).toHaveTextContent("Line");
        expect(headers[MAX_GRID_COLUMNS]).toHaveTextContent(`Heading ${MAX_GRID_COLUMNS}`);
        expect(within(grid).queryByText(`Heading ${MAX_GRID_COLUMNS + 1}`)).toBeNull();
        const rows = within(grid).getAllByRole("row");
        expect(within(rows[1]).getAllByRole("gridcell")).toHaveLength(MAX_GRID_COLUMNS);
        expect(screen.getByText("Showing the first 50 columns, and 49,950 more columns not shown here.")).toBeInTheDocument();
        // Not a timing assertion: a bound far above the capped grid's cost, far below the uncapped one's.
        expect(Date.now() - started).toBeLessThan(20000);
    });

    it("says nothing about more columns when the file has no more than the grid shows", () => {
        render(inStrings(<PreviewGrid preview={wide(MAX_GRID_COLUMNS, 2)} fileName="fits.csv" />));
        expect(screen.getAllByRole("columnheader")).toHaveLength(1 + MAX_GRID_COLUMNS);
        expect(screen.queryByTestId("preview-more-columns")).toBeNull();
    });

    it("counts the extra fields of a longer row among the columns not shown", () => {
        const preview = wide(MAX_GRID_COLUMNS, 2);
        preview.rows[1].fields.push("x", "y", "z");
        render(inStrings(<PreviewGrid preview={preview} fileName="ragged.csv" />));
        expect(screen.getByTestId("preview-more-columns")).toHaveTextContent("Showing the first 50 columns, and 3 more columns not shown here.");
    });

    it("shows a 3 MB field cut, with its whole value on demand as text", async () => {
        const user = userEvent.setup();
        const big = `<b>${"x".repeat(3 * 2 ** 20 - 7)}</b>`;
        const writeText = jest.fn(() => Promise.resolve());
        Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
        try {
            const { container } = render(inStrings(<PreviewGrid preview={wide(10, 3, (r, c) => (r === 0 && c === 1 ? big : undefined))} fileName="big.csv" />));
            // The cell shows the value's first characters, then "…"; nothing on the page holds the whole value.
            const cell = within(screen.getByRole("grid")).getAllByRole("row")[1].querySelectorAll<HTMLElement>('[role="gridcell"]')[1];
            expect(cell).toHaveTextContent(`${big.slice(0, MAX_CELL_CHARS)}…`);
            expect(container.textContent?.length).toBeLessThan(10000);
            expect([...container.querySelectorAll("[title]")].every((e) => e.getAttribute("title")!.length <= MAX_CELL_CHARS)).toBe(true);
            expect(document.querySelector("b")).toBeNull();

            // Keyboard: the cell's "Show all" opens the whole value (its first 100,000 characters) in a read-only text box.
            const show = within(cell).getByRole("button", { name: "Show the whole value of Heading 2 on line 2 (3,145,728 characters)" });
            expect(show).toHaveTextContent("Show all");
            show.focus();
            await user.keyboard("{Enter}");
            const dialog = await screen.findByRole("dialog", { name: "Heading 2, line 2" });
            const box = within(dialog).getByRole<HTMLTextAreaElement>("textbox");
            expect(box).toHaveAttribute("readonly");
            expect(box.value).toBe(big.slice(0, MAX_VALUE_SHOWN));
            expect(within(dialog).getByText("Showing the first 100,000 characters of 3,145,728; Copy value copies all of them.")).toBeInTheDocument();
            expect(document.querySelector("b")).toBeNull();

            // "Copy value" copies the whole value.
            await user.click(within(dialog).getByRole("button", { name: "Copy value" }));
            expect(writeText).toHaveBeenCalledWith(big);
            expect(await within(dialog).findByText("Copied the whole value.")).toBeInTheDocument();

            // Close: the callout goes, the focus is back on "Show all".
            await user.click(within(dialog).getByRole("button", { name: "Close" }));
            await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
            expect(show).toHaveFocus();
        } finally {
            delete (navigator as unknown as { clipboard?: unknown }).clipboard;
        }
    });

    it("says so when the value cannot be copied here", async () => {
        const user = userEvent.setup();
        Object.defineProperty(navigator, "clipboard", { value: { writeText: () => Promise.reject(new Error("Not allowed")) }, configurable: true });
        render(inStrings(<PreviewGrid preview={wide(3, 1, (_, c) => (c === 0 ? "y".repeat(500) : undefined))} fileName="short.csv" />));
        await user.click(screen.getByRole("button", { name: "Show the whole value of Heading 1 on line 2 (500 characters)" }));
        const dialog = await screen.findByRole("dialog", { name: "Heading 1, line 2" });
        expect(within(dialog).getByText("The value has 500 characters.")).toBeInTheDocument();
        expect(within(dialog).getByRole<HTMLTextAreaElement>("textbox").value).toBe("y".repeat(500));
        await user.click(within(dialog).getByRole("button", { name: "Copy value" }));
        expect(await within(dialog).findByText("The value could not be copied here: select the text in the box and copy it.")).toBeInTheDocument();
        delete (navigator as unknown as { clipboard?: unknown }).clipboard;
    });

    it("keeps values up to the limit whole, with their text as a tooltip", () => {
        const value = "v".repeat(MAX_CELL_CHARS);
        render(inStrings(<PreviewGrid preview={wide(2, 1, (_, c) => (c === 0 ? value : undefined))} fileName="edge.csv" />));
        expect(screen.getByTitle(value)).toHaveTextContent(value);
        expect(screen.queryByRole("button", { name: /Show the whole value/ })).toBeNull();
    });

    it("cuts a very long heading", () => {
        const preview = wide(2, 1);
        preview.headers[0] = { kind: "text", columnNumber: 1, text: "H".repeat(5000) };
        render(inStrings(<PreviewGrid preview={preview} fileName="long-heading.csv" />));
        expect(screen.getAllByRole("columnheader")[1].textContent).toBe(`${"H".repeat(100)}…`);
    });

    it("keeps the Line column in view when the grid scrolls sideways (sticky at the inline start)", () => {
        render(inStrings(<PreviewGrid preview={wide(60, 2)} fileName="sticky.csv" />));
        const grid = screen.getByRole("grid");
        const header = within(grid).getAllByRole("columnheader")[0];
        const lineCells = within(grid).getAllByRole("rowheader");
        expect(lineCells.map((c) => c.textContent)).toEqual(["2", "3"]);
        for (const element of [header, ...lineCells]) {
            const rules = rulesOf(element);
            expect(rules).toMatch(/position:\s*sticky/);
            expect(rules).toMatch(/inset-inline-start:\s*0/);
            expect(rules).toMatch(/background:/);
        }
        // The other cells scroll.
        expect(rulesOf(within(grid).getAllByRole("gridcell")[0])).not.toMatch(/position:\s*sticky/);
    });
});

function mappingOf(headings: number, tooManyColumns?: { headings: number; columns: number }): MappingState {
    const mappings: HeaderMapping[] = Array.from({ length: headings }, (_, i) => ({ header: `Heading ${i + 1}`, columnNumber: i + 1, column: null, candidates: [] }));
    return { status: "ready", table: "contact", mappings, complete: true, values: { rows: 0, columns: [], findings: [] }, datePattern: "M/d/yyyy", tooManyColumns };
}

describe("Lists under the preview grid", () => {
    it("lists the first 100 of 50,000 headings, says how many more, and warns of too many columns", () => {
        render(inStrings(<HeaderMappingList mapping={mappingOf(50000, { headings: 50000, columns: 120 })} fileName="wide.csv" onRetry={() => undefined} />));
        const list = screen.getByRole("list", { name: "Headings of wide.csv and their columns" });
        expect(within(list).getAllByRole("listitem")).toHaveLength(100);
        expect(screen.getByText("And 49,900 more headings, not listed here.")).toBeInTheDocument();
        expect(screen.getByTestId("mapping-too-many-columns")).toHaveTextContent(
            "Too many columns: the file has 50,000 headings, but contact has only 120 columns an import can fill.",
        );
    });

    it("lists the first 100 findings of a group and says how many more", () => {
        const findings: Finding[] = Array.from({ length: 50000 }, (_, i) => finding("error", FindingKeys.HeaderBlank, [i + 1], { column: i + 1 }));
        findings.push(finding("warning", FindingKeys.HeaderDuplicate, ["D".repeat(3 * 2 ** 20), 1, 2], { column: 2 }));
        const { container } = render(inStrings(<FindingsList findings={findings} scope="file" />));
        const errors = screen.getByRole("region", { name: "Errors (50,000)" });
        expect(within(errors).getAllByRole("listitem")).toHaveLength(100);
        expect(within(errors).getByText("And 49,900 more findings, not listed here.")).toBeInTheDocument();
        // A finding quoting a 3 MB heading is cut.
        expect(container.textContent?.length).toBeLessThan(100000);
    });
});

describe("Too many columns for the target table", () => {
    it("is a warning under the mapping when the file has more headings than the table has columns to fill", async () => {
        sharedPreviewCache.clear();
        const fake = createFakeDataverse();
        try {
            const service = createImportService(withCsvLibrary(fake.ports()));
            const headings = ["First Name", "Last Name", ...Array.from({ length: 998 }, (_, i) => `Extra ${i + 1}`)];
            const id = addFile(fake, "toowide", { content: `${headings.join(",")}\r\n${headings.map((_, i) => String(i)).join(",")}\r\n` });
            render(inStrings(<PreviewPanel file={rowOf(fake, id)} service={service} onDismiss={() => undefined} />));
            const warning = await screen.findByTestId("mapping-too-many-columns", {}, { timeout: 10000 });
            expect(warning.textContent).toMatch(/^Too many columns: the file has 1,000 headings, but contact has only \d+ columns an import can fill\.$/);
            const list = screen.getByRole("list", { name: "Headings of toowide.csv and their columns" });
            expect(within(list).getAllByRole("listitem")).toHaveLength(100);
            expect(within(list).getAllByRole("listitem")[0]).toHaveTextContent("First Name: maps to First Name (firstname)");
            expect(screen.getByText("And 900 more headings, not listed here.")).toBeInTheDocument();
            fireEvent.keyDown(document.body, { key: "Escape" });
        } finally {
            fake.dispose();
        }
    });

    it("is not said when the table has enough columns", () => {
        render(inStrings(<HeaderMappingList mapping={mappingOf(3)} fileName="narrow.csv" onRetry={() => undefined} />));
        expect(screen.queryByTestId("mapping-too-many-columns")).toBeNull();
        expect(screen.queryByText(/more headings/)).toBeNull();
    });
});
