/**
 * The control's commands as a toolbar of Fluent command buttons, arrow keys moving between them.
 * A disabled command keeps its reason visible as a tooltip and in its accessible description.
 */
import * as React from "react";
import { CommandBarButton, FocusZone, FocusZoneDirection, TooltipHost, getId, mergeStyles } from "@fluentui/react";

export interface ToolbarCommand {
    key: string;
    text: string;
    iconName: string;
    onClick: () => void;
    disabled?: boolean;
    /** Why the command is disabled, or what it will do: shown as a tooltip and read by screen readers. */
    description?: string;
    primary?: boolean;
}

export interface CommandToolbarProps {
    label: string;
    commands: readonly ToolbarCommand[];
}

const buttonClass = mergeStyles({ height: 36, padding: "0 8px" });

function ToolbarButton({ command }: { command: ToolbarCommand }): React.ReactElement {
    const [descriptionId] = React.useState(() => getId("im-cmd-desc"));
    return (
        <TooltipHost content={command.description}>
            <CommandBarButton
                className={buttonClass}
                text={command.text}
                iconProps={{ iconName: command.iconName }}
                disabled={command.disabled}
                // Disabled buttons stay focusable so keyboard users can read why.
                allowDisabledFocus
                onClick={command.onClick}
                aria-describedby={command.description ? descriptionId : undefined}
                primary={command.primary}
                data-testid={`command-${command.key}`}
            />
            {command.description && (
                <span id={descriptionId} hidden>
                    {command.description}
                </span>
            )}
        </TooltipHost>
    );
}

export function CommandToolbar({ label, commands }: CommandToolbarProps): React.ReactElement {
    return (
        <FocusZone direction={FocusZoneDirection.horizontal} role="toolbar" aria-label={label}>
            {/* CSS gap, not a wrapping Stack: its negative margins reach past the form's edge (a sideways scrollbar). */}
            <div style={{ display: "flex", flexWrap: "wrap", gap: 4 }}>
                {commands.map((command) => (
                    <ToolbarButton key={command.key} command={command} />
                ))}
            </div>
        </FocusZone>
    );
}
