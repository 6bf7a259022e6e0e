/**
 * Fluent's MessageBar with the control's own icons: its default ones come from Fluent's icon font on a
 * CDN, which the control must never depend on.
 */
import * as React from "react";
import { MessageBar, MessageBarType } from "@fluentui/react";
import type { IMessageBarProps } from "@fluentui/react";
import { Icons } from "./icons";

/** By MessageBarType: info, error, blocked, severeWarning, success, warning. */
const ICON: readonly string[] = [Icons.info, Icons.failed, Icons.failed, Icons.warning, Icons.done, Icons.warning];

export function Notice(props: IMessageBarProps): React.ReactElement {
    const type = props.messageBarType ?? MessageBarType.info;
    return <MessageBar messageBarIconProps={{ iconName: ICON[type] }} {...props} />;
}
