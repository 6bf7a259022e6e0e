/**
 * Fluent's MessageBar with the control's own icons: its default ones come from Fluent's icon font on a
 * CDN, which the control must never depend on.
 */
import * as React from "react";
import { MessageBar, MessageBarType } from "@fluentui/react";
import type { IMessageBarProps } from "@fluentui/react";
import { Icons } from "./icons";

const ICON: Record<MessageBarType, string> = {
    [MessageBarType.info]: Icons.info,
    [MessageBarType.error]: Icons.failed,
    [MessageBarType.blocked]: Icons.failed,
    [MessageBarType.severeWarning]: Icons.warning,
    [MessageBarType.success]: Icons.done,
    [MessageBarType.warning]: Icons.warning,
};

export function Notice(props: IMessageBarProps): React.ReactElement {
    const type = props.messageBarType ?? MessageBarType.info;
    return <MessageBar messageBarIconProps={{ iconName: ICON[type] }} {...props} />;
}
