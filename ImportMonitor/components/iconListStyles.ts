/** The shared look of the control's icon lists (findings, header mapping): an icon, then the text. */
export const iconListStyles = {
    list: { margin: 0, padding: 0, listStyle: "none" },
    item: { display: "flex", gap: 6, alignItems: "flex-start", padding: "2px 0" },
    icon: { fontSize: 14, lineHeight: 18, flexShrink: 0 },
} as const;
