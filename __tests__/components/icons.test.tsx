import * as React from "react";
import { render } from "@testing-library/react";
import { DetailsList, FontIcon, SelectionMode, getIcon, registerIcons } from "@fluentui/react";
import { FLUENT_ICONS, Icons, registerImportMonitorIcons } from "../../ImportMonitor/components/icons";

/**
 * The icons Fluent's own widgets ask for (@fluentui/react 8.121.1) in the states the control uses them in:
 * DetailsColumn (a sorted column), Dropdown (its caret) and the Panel a Dropdown opens at phone width.
 */
const FLUENT_NAMES = ["SortUp", "SortDown", "ChevronDown", "Cancel", "More"];

/** Registered by the "host" before the control, as Fluent's initializeIcons() does: a font glyph. */
const HOST_NAME = "SortDown";
const HOST_GLYPH = "\uEE69";

const isSvg = (code: unknown) => React.isValidElement(code) && code.type === "svg";

describe("registerImportMonitorIcons", () => {
    let warn: jest.SpyInstance;

    beforeAll(() => {
        warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
        jest.useFakeTimers();
        registerIcons({ fontFace: { fontFamily: "HostIcons", src: "url('host-icons.woff')" }, icons: { [HOST_NAME]: HOST_GLYPH } });
        registerImportMonitorIcons();
        registerImportMonitorIcons();
        // Fluent reports icons registered twice 2 s later.
        jest.advanceTimersByTime(3000);
        jest.useRealTimers();
    });

    afterAll(() => warn.mockRestore());

    it("covers every icon name Fluent's widgets in the control ask for", () => {
        expect(Object.keys(FLUENT_ICONS).sort()).toEqual([...FLUENT_NAMES].sort());
    });

    it("registers each Fluent name the host has not as an inline svg", () => {
        for (const name of FLUENT_NAMES.filter((n) => n !== HOST_NAME)) {
            const icon = getIcon(name);
            expect({ name, svg: isSvg(icon?.code), font: icon?.subset.fontFace }).toEqual({ name, svg: true, font: undefined });
        }
    });

    it("keeps the control's own icons", () => {
        for (const name of Object.values(Icons)) expect({ name, svg: isSvg(getIcon(name)?.code) }).toEqual({ name, svg: true });
    });

    it("leaves a name the host registered first alone", () => {
        const icon = getIcon(HOST_NAME);
        expect(icon?.code).toBe(HOST_GLYPH);
        expect(icon?.subset.fontFace?.fontFamily).toBe("HostIcons");
    });

    it("warns about nothing while registering, and leaves Fluent's missing-icon warning on", () => {
        expect(warn).not.toHaveBeenCalled();
        getIcon("NoSuchIconAnywhere");
        expect(warn).toHaveBeenCalledWith(expect.stringMatching(/"nosuchiconanywhere" was used but not registered/));
        warn.mockClear();
    });

    it("renders the svg in Fluent's icon element", () => {
        const { container } = render(<FontIcon iconName="SortUp" />);
        expect(container.querySelector('i[data-icon-name="SortUp"] > svg')).not.toBeNull();
    });

    it("gives a sorted DetailsList column an svg arrow", () => {
        const columns = [{ key: "name", name: "Name", fieldName: "name", minWidth: 100, isSorted: true, isSortedDescending: false }];
        const { container } = render(<DetailsList items={[{ name: "contacts.csv" }]} columns={columns} selectionMode={SelectionMode.none} />);
        const arrow = container.querySelector('[role="columnheader"] i[data-icon-name="SortUp"]');
        expect(arrow).not.toBeNull();
        expect(arrow?.querySelector("svg")).not.toBeNull();
        expect(warn).not.toHaveBeenCalled();
    });
});
