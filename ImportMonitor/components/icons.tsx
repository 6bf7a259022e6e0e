/**
 * The few icons the control uses, registered under its own names as inline SVG: the platform may not
 * have initialised Fluent's icon font, and an icon must never depend on a CDN.
 */
import * as React from "react";
import { registerIcons } from "@fluentui/react";

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
} as const;

const svg = (children: React.ReactNode) => (
    <svg viewBox="0 0 16 16" width="1em" height="1em" fill="currentColor" aria-hidden="true" focusable="false">
        {children}
    </svg>
);

let registered = false;

export function registerImportMonitorIcons(): void {
    if (registered) return;
    registered = true;
    registerIcons({
        icons: {
            [Icons.done]: svg(<path d="M8 1a7 7 0 1 1 0 14A7 7 0 0 1 8 1Zm3.1 4.3-4 4.2-2.2-2.1-.9.9 3.1 3 4.9-5.1-.9-.9Z" />),
            [Icons.failed]: svg(<path d="M8 1a7 7 0 1 1 0 14A7 7 0 0 1 8 1Zm2.5 3.6L8 7.1 5.5 4.6l-.9.9L7.1 8l-2.5 2.5.9.9L8 8.9l2.5 2.5.9-.9L8.9 8l2.5-2.5-.9-.9Z" />),
            [Icons.active]: svg(<path d="M8 1a7 7 0 1 1 0 14A7 7 0 0 1 8 1Zm0 1.3a5.7 5.7 0 0 0 0 11.4V2.3Z" />),
            [Icons.pending]: svg(<path d="M8 1a7 7 0 1 1 0 14A7 7 0 0 1 8 1Zm0 1.3a5.7 5.7 0 1 0 0 11.4A5.7 5.7 0 0 0 8 2.3Z" />),
            [Icons.refresh]: svg(<path d="M8 2a6 6 0 0 1 5.2 3H11v1.3h4.3V2H14v2A7.3 7.3 0 0 0 .7 8H2a6 6 0 0 1 6-6Zm6 6a6 6 0 0 1-11.2 3H5V9.7H.7V14H2v-2a7.3 7.3 0 0 0 13.3-4H14Z" />),
            [Icons.previous]: svg(<path d="M10.4 2.6 5 8l5.4 5.4.9-.9L6.8 8l4.5-4.5-.9-.9Z" />),
            [Icons.next]: svg(<path d="M5.6 2.6 11 8l-5.4 5.4-.9-.9L9.2 8 4.7 3.5l.9-.9Z" />),
            [Icons.warning]: svg(<path d="M8 1.5 15.2 14H.8L8 1.5Zm-.7 4.5v4h1.4V6H7.3Zm0 5v1.4h1.4V11H7.3Z" />),
            [Icons.info]: svg(<path d="M8 1a7 7 0 1 1 0 14A7 7 0 0 1 8 1Zm-.7 6v5h1.4V7H7.3Zm0-3v1.4h1.4V4H7.3Z" />),
            [Icons.preview]: svg(<path d="M8 3c3.6 0 6.3 2.6 7 5-.7 2.4-3.4 5-7 5S1.7 10.4 1 8c.7-2.4 3.4-5 7-5Zm0 2a3 3 0 1 0 0 6 3 3 0 0 0 0-6Zm0 1.3a1.7 1.7 0 1 1 0 3.4 1.7 1.7 0 0 1 0-3.4Z" />),
            [Icons.run]: svg(<path d="M4 2.2v11.6L13.5 8 4 2.2Z" />),
            [Icons.download]: svg(<path d="M7.3 1.5h1.4v8l2.8-2.8.9.9L8 12 3.6 7.6l.9-.9 2.8 2.8v-8ZM2 13h12v1.4H2V13Z" />),
            [Icons.chevronDown]: svg(<path d="M2.6 5.6 8 11l5.4-5.4-.9-.9L8 9.2 3.5 4.7l-.9.9Z" />),
            [Icons.close]: svg(<path d="m3.5 2.6 4.5 4.5 4.5-4.5.9.9L8.9 8l4.5 4.5-.9.9L8 8.9l-4.5 4.5-.9-.9L7.1 8 2.6 3.5l.9-.9Z" />),
            [Icons.log]: svg(<path d="M2 2.5h12v1.3H2V2.5Zm0 3.2h12V7H2V5.7Zm0 3.3h8v1.3H2V9Zm0 3.2h8v1.3H2v-1.3Z" />),
        },
    });
}
