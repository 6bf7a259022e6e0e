/**
 * The icons the control uses, registered under its own names as inline SVG: the platform may not have
 * initialised Fluent's icon font, and an icon must never depend on a CDN.
 *
 * Fluent's own widgets also ask for icons of their own (a sorted DetailsList column for SortUp / SortDown,
 * a Panel's close button for Cancel, …). Where a prop lets the control pick the icon (MessageBar's
 * messageBarIconProps, the Panels' navigation, the Dropdown's caret) it shows one of its own; the rest are
 * registered here under Fluent's names, as a safety net, unless the host already has them: a model-driven
 * host may have initialised Fluent's icons, and its glyph is never replaced (nor re-registered, which
 * Fluent warns about).
 */
import * as React from "react";
import { GlobalSettings, getIcon, registerIcons, setIconOptions } from "@fluentui/react";

export const Icons = {
    done: "ImportMonitorDone",
    failed: "ImportMonitorFailed",
    active: "ImportMonitorActive",
    pending: "ImportMonitorPending",
    refresh: "ImportMonitorRefresh",
    previous: "ImportMonitorPrevious",
    next: "ImportMonitorNext",
    warning: "ImportMonitorWarning",
    info: "ImportMonitorInfo",
    preview: "ImportMonitorPreview",
    run: "ImportMonitorRun",
    download: "ImportMonitorDownload",
    log: "ImportMonitorLog",
    close: "ImportMonitorClose",
    chevronDown: "ImportMonitorChevronDown",
    sortUp: "ImportMonitorSortUp",
    sortDown: "ImportMonitorSortDown",
    add: "ImportMonitorAdd",
    check: "ImportMonitorCheck",
} as const;

/** 16×16 paths, shared by the control's icons and the Fluent names drawn alike. */
const done = "M8 1a7 7 0 1 1 0 14A7 7 0 0 1 8 1Zm3.1 4.3-4 4.2-2.2-2.1-.9.9 3.1 3 4.9-5.1-.9-.9Z";
const failed = "M8 1a7 7 0 1 1 0 14A7 7 0 0 1 8 1Zm2.5 3.6L8 7.1 5.5 4.6l-.9.9L7.1 8l-2.5 2.5.9.9L8 8.9l2.5 2.5.9-.9L8.9 8l2.5-2.5-.9-.9Z";
const pending = "M8 1a7 7 0 1 1 0 14A7 7 0 0 1 8 1Zm0 1.3a5.7 5.7 0 1 0 0 11.4A5.7 5.7 0 0 0 8 2.3Z";
const previous = "M10.4 2.6 5 8l5.4 5.4.9-.9L6.8 8l4.5-4.5-.9-.9Z";
const next = "M5.6 2.6 11 8l-5.4 5.4-.9-.9L9.2 8 4.7 3.5l.9-.9Z";
const warning = "M8 1.5 15.2 14H.8L8 1.5Zm-.7 4.5v4h1.4V6H7.3Zm0 5v1.4h1.4V11H7.3Z";
const sortUp = "M8 1.5 3.6 5.9l.9.9 2.8-2.8v10.5h1.4V4l2.8 2.8.9-.9L8 1.5Z";
const sortDown = "M8 14.5 3.6 10.1l.9-.9 2.8 2.8V1.5h1.4V12l2.8-2.8.9.9L8 14.5Z";
const info = "M8 1a7 7 0 1 1 0 14A7 7 0 0 1 8 1Zm-.7 6v5h1.4V7H7.3Zm0-3v1.4h1.4V4H7.3Z";
const chevronDown = "M2.6 5.6 8 11l5.4-5.4-.9-.9L8 9.2 3.5 4.7l-.9.9Z";
const close = "m3.5 2.6 4.5 4.5 4.5-4.5.9.9L8.9 8l4.5 4.5-.9.9L8 8.9l-4.5 4.5-.9-.9L7.1 8 2.6 3.5l.9-.9Z";

/** The control's own icons' paths, by their key in `Icons`. */
const OWN: Record<keyof typeof Icons, string> = {
    done,
    failed,
    active: "M8 1a7 7 0 1 1 0 14A7 7 0 0 1 8 1Zm0 1.3a5.7 5.7 0 0 0 0 11.4V2.3Z",
    pending,
    refresh: "M8 2a6 6 0 0 1 5.2 3H11v1.3h4.3V2H14v2A7.3 7.3 0 0 0 .7 8H2a6 6 0 0 1 6-6Zm6 6a6 6 0 0 1-11.2 3H5V9.7H.7V14H2v-2a7.3 7.3 0 0 0 13.3-4H14Z",
    previous,
    next,
    warning,
    info,
    preview: "M8 3c3.6 0 6.3 2.6 7 5-.7 2.4-3.4 5-7 5S1.7 10.4 1 8c.7-2.4 3.4-5 7-5Zm0 2a3 3 0 1 0 0 6 3 3 0 0 0 0-6Zm0 1.3a1.7 1.7 0 1 1 0 3.4 1.7 1.7 0 0 1 0-3.4Z",
    run: "M4 2.2v11.6L13.5 8 4 2.2Z",
    download: "M7.3 1.5h1.4v8l2.8-2.8.9.9L8 12 3.6 7.6l.9-.9 2.8 2.8v-8ZM2 13h12v1.4H2V13Z",
    chevronDown,
    close,
    log: "M2 2.5h12v1.3H2V2.5Zm0 3.2h12V7H2V5.7Zm0 3.3h8v1.3H2V9Zm0 3.2h8v1.3H2v-1.3Z",
    sortUp,
    sortDown,
    add: "M7.3 2h1.4v5.3H14v1.4H8.7V14H7.3V8.7H2V7.3h5.3V2Z",
    check: "M13.4 3.6 6 11 2.6 7.6l-.9.9L6 12.8l8.3-8.3-.9-.9Z",
};

/**
 * The icons Fluent components the control renders ask for by themselves (@fluentui/react 8.121.1,
 * lib-commonjs/components/…), under Fluent's names. Only those of the states the control uses: its
 * DetailsLists have no selection (Check's CircleRing / StatusCircleCheckmark), no groups (GroupHeader's Tag
 * and chevrons), no filtered, grouped or reorderable columns (Filter, GroupedDescending, GripperBarVertical,
 * CircleShapeSolid) and no unsorted sort icon (Sort); its MessageBars are Notices (own icon, no dismiss, not
 * truncated: no ICON_MAP icon, Clear or DoubleChevron*); its Dropdown is single-select (no CheckMark).
 */
export const FLUENT_ICONS: Record<string, string> = {
    // DetailsList/DetailsColumn.base.js: a sorted column's arrow (FileList hides it and draws its own).
    SortUp: sortUp,
    SortDown: sortDown,
    // Dropdown/Dropdown.base.js: its default caret (FailureLogPanel draws its own); Button/BaseButton.js: a
    // menu button's chevron.
    ChevronDown: chevronDown,
    // Panel/Panel.base.js: the default close button, which the Panel a Dropdown opens in at phone width has.
    Cancel: close,
    // Pivot/Pivot.base.js: the overflow menu of tabs that don't fit (one tab per file being added).
    More: "M3 7a1 1 0 1 1 0 2 1 1 0 0 1 0-2Zm5 0a1 1 0 1 1 0 2 1 1 0 0 1 0-2Zm5 0a1 1 0 1 1 0 2 1 1 0 0 1 0-2Z",
};

const svg = (d: string) => (
    <svg viewBox="0 0 16 16" width="1em" height="1em" fill="currentColor" aria-hidden="true" focusable="false">
        <path d={d} />
    </svg>
);

/** The names among `names` some code of the page (the host, another control) has registered already. */
function alreadyRegistered(names: string[]): Set<string> {
    // getIcon warns ("The icon … was used but not registered") about each name it does not know: silence it
    // for this look-up only, then put the host's setting back.
    const settings = GlobalSettings.getValue<{ __options?: { disableWarnings?: boolean } } | undefined>("icons");
    const disableWarnings = settings?.__options?.disableWarnings ?? false;
    setIconOptions({ disableWarnings: true });
    try {
        return new Set(names.filter((name) => getIcon(name) !== undefined));
    } finally {
        setIconOptions({ disableWarnings });
    }
}

let registered = false;

export function registerImportMonitorIcons(): void {
    if (registered) return;
    registered = true;
    const paths = { ...FLUENT_ICONS };
    for (const [key, d] of Object.entries(OWN)) paths[Icons[key as keyof typeof Icons]] = d;
    const known = alreadyRegistered(Object.keys(paths));
    const icons: Record<string, React.ReactElement> = {};
    for (const name of Object.keys(paths)) if (!known.has(name)) icons[name] = svg(paths[name]);
    registerIcons({ icons });
}
