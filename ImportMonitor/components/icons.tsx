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

const OWN: Record<string, string> = {
    [Icons.done]: done,
    [Icons.failed]: failed,
    [Icons.active]: "M8 1a7 7 0 1 1 0 14A7 7 0 0 1 8 1Zm0 1.3a5.7 5.7 0 0 0 0 11.4V2.3Z",
    [Icons.pending]: pending,
    [Icons.refresh]: "M8 2a6 6 0 0 1 5.2 3H11v1.3h4.3V2H14v2A7.3 7.3 0 0 0 .7 8H2a6 6 0 0 1 6-6Zm6 6a6 6 0 0 1-11.2 3H5V9.7H.7V14H2v-2a7.3 7.3 0 0 0 13.3-4H14Z",
    [Icons.previous]: previous,
    [Icons.next]: next,
    [Icons.warning]: warning,
    [Icons.info]: info,
    [Icons.preview]: "M8 3c3.6 0 6.3 2.6 7 5-.7 2.4-3.4 5-7 5S1.7 10.4 1 8c.7-2.4 3.4-5 7-5Zm0 2a3 3 0 1 0 0 6 3 3 0 0 0 0-6Zm0 1.3a1.7 1.7 0 1 1 0 3.4 1.7 1.7 0 0 1 0-3.4Z",
    [Icons.run]: "M4 2.2v11.6L13.5 8 4 2.2Z",
    [Icons.download]: "M7.3 1.5h1.4v8l2.8-2.8.9.9L8 12 3.6 7.6l.9-.9 2.8 2.8v-8ZM2 13h12v1.4H2V13Z",
    [Icons.chevronDown]: chevronDown,
    [Icons.close]: close,
    [Icons.log]: "M2 2.5h12v1.3H2V2.5Zm0 3.2h12V7H2V5.7Zm0 3.3h8v1.3H2V9Zm0 3.2h8v1.3H2v-1.3Z",
    [Icons.sortUp]: sortUp,
    [Icons.sortDown]: sortDown,
};

/**
 * Every icon the Fluent components the control renders may ask for by themselves (@fluentui/react 8.121.1,
 * lib-commonjs/components/…), under Fluent's names.
 */
export const FLUENT_ICONS: Record<string, string> = {
    // DetailsList/DetailsColumn.base.js: sort arrows (isSorted / showSortIconWhenUnsorted), isFiltered,
    // isGrouped, a hasDropdown column's chevron, a draggable column's gripper.
    SortUp: sortUp,
    SortDown: sortDown,
    Sort: "M4.5 1.5 1.3 4.7l.9.9 1.6-1.6v10.5h1.4V4l1.6 1.6.9-.9-3.2-3.2Zm7 13 3.2-3.2-.9-.9-1.6 1.6V1.5h-1.4V12l-1.6-1.6-.9.9 3.2 3.2Z",
    Filter: "M1.5 2h13L9.6 8.2V14l-3.2-1.6V8.2L1.5 2Z",
    GroupedDescending: "M1.5 3h8v1.3h-8V3Zm0 4h6v1.3h-6V7Zm0 4h4v1.3h-4V11Zm10.8-8h1.4v8l1.2-1.2.9.9-2.8 2.8-2.8-2.8.9-.9 1.2 1.2V3Z",
    ChevronDown: chevronDown,
    GripperBarVertical: "M7.3 1h1.4v14H7.3V1Z",
    // DetailsList/DetailsHeader.base.js and GroupedList/GroupHeader.base.js: the group chevrons; the
    // header's drop hint when columns are reordered; GroupHeader.base.js: a group's Tag.
    ChevronRightMed: next,
    ChevronLeftMed: previous,
    CircleShapeSolid: "M8 2a6 6 0 1 1 0 12A6 6 0 0 1 8 2Z",
    Tag: "M1.5 1.5h6l7 7-6 6-7-7v-6Zm3 2a1 1 0 0 0 0 2 1 1 0 0 0 0-2Z",
    // Check/Check.base.js (DetailsRowCheck, the header's select-all, GroupHeader): a selection check.
    CircleRing: pending,
    StatusCircleCheckmark: "m11.1 5.3-4 4.2-2.2-2.1-.9.9 3.1 3 4.9-5.1-.9-.9Z",
    // Checkbox/Checkbox.base.js (a multi-select Dropdown's options).
    CheckMark: "M13.4 3.6 6 11 2.6 7.6l-.9.9L6 12.8l8.3-8.3-.9-.9Z",
    // Panel/Panel.base.js: the close button (also the Panel a Dropdown opens in at phone width).
    Cancel: close,
    // MessageBar/MessageBar.base.js: ICON_MAP by messageBarType (warning shows Info), dismiss, expand.
    Info: info,
    ErrorBadge: failed,
    Blocked2: "M8 1a7 7 0 1 1 0 14A7 7 0 0 1 8 1Zm3.7 4.2-6.5 6.5a4.6 4.6 0 0 0 6.5-6.5Zm-.9-.9a4.6 4.6 0 0 0-6.5 6.5l6.5-6.5Z",
    Warning: warning,
    Completed: done,
    Clear: close,
    DoubleChevronDown: "M3.5 2.6 8 7.1l4.5-4.5.9.9L8 8.9 2.6 3.5l.9-.9Zm0 5L8 12.1l4.5-4.5.9.9L8 13.9 2.6 8.5l.9-.9Z",
    DoubleChevronUp: "M3.5 13.4 8 8.9l4.5 4.5.9-.9L8 7.1l-5.4 5.4.9.9Zm0-5L8 3.9l4.5 4.5.9-.9L8 2.1 2.6 7.5l.9.9Z",
    // Button/BaseButton.js: a menu button's chevron is ChevronDown (above); Dropdown/Dropdown.base.js: its caret too.
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
    const paths = { ...FLUENT_ICONS, ...OWN };
    const known = alreadyRegistered(Object.keys(paths));
    const icons: Record<string, React.ReactElement> = {};
    for (const name of Object.keys(paths)) if (!known.has(name)) icons[name] = svg(paths[name]);
    registerIcons({ icons });
}
