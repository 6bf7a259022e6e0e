/**
 * The close button of the control's panels. Fluent's default one draws the "Cancel" glyph from its icon
 * font, which the host may not have loaded: this one uses the control's own inline SVG icon.
 */
import * as React from "react";
import { IconButton } from "@fluentui/react";
import { Icons } from "./icons";

const styles = { root: { marginRight: 14, marginTop: 4, width: 40, height: 40 } };

export interface PanelCloseButtonProps {
    label: string;
    onDismiss: () => void;
}

export function PanelCloseButton({ label, onDismiss }: PanelCloseButtonProps): React.ReactElement {
    return <IconButton iconProps={{ iconName: Icons.close }} ariaLabel={label} title={label} onClick={onDismiss} styles={styles} />;
}
