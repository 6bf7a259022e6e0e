/**
 * The processing stepper of one file: Parse → Transform → Import → Complete, built from Fluent v8
 * primitives (v8 has no stepper). A list for screen readers, the current step marked aria-current="step".
 */
import * as React from "react";
import { FontIcon, HighContrastSelector, Stack, Text, mergeStyleSets, useTheme } from "@fluentui/react";
import type { ITheme } from "@fluentui/react";
import type { FileSteps, Stage, StepState } from "../domain/processingSteps";
import { Icons } from "./icons";
import { useLocalize } from "./LocalizeContext";
import type { Localize } from "../strings/localize";

export interface FileStepperProps {
    steps: FileSteps;
    fileName: string;
    /** The compact card (every step is named there too; kept for the callers). */
    compact?: boolean;
}

const stateIcon: Record<StepState, string> = {
    pending: Icons.pending,
    active: Icons.active,
    done: Icons.done,
    warning: Icons.warning,
    failed: Icons.failed,
};

/**
 * Each state has its own icon (ring, half-filled, check, triangle, cross) and its name in the label: colour only
 * adds to them. Colours are the theme's (the host's, dark included); under forced colours (Windows high
 * contrast) system colours, so every mark stays visible: pending GrayText, active Highlight, the rest CanvasText.
 */
function classes(theme: ITheme) {
    const { palette: p, semanticColors: s } = theme;
    const hc = (color: string) => ({ selectors: { [HighContrastSelector]: { color } } });
    return mergeStyleSets({
        list: { margin: 0, padding: 0, listStyle: "none", display: "flex", flexWrap: "wrap", gap: 4, alignItems: "center" },
        item: { display: "flex", alignItems: "center", gap: 4, minWidth: 0 },
        // A line, not a filled box: forced colours draw borders in CanvasText but drop backgrounds.
        connector: { width: 12, borderTop: `1px solid ${p.neutralTertiaryAlt}`, flexShrink: 0 },
        icon: { fontSize: 14, lineHeight: 14, display: "inline-flex", flexShrink: 0 },
        pending: [{ color: p.neutralSecondary }, hc("GrayText")],
        active: [{ color: p.themePrimary }, hc("Highlight")],
        done: [{ color: s.successIcon }, hc("CanvasText")],
        warning: [{ color: s.severeWarningIcon }, hc("CanvasText")],
        failed: [{ color: s.errorIcon }, hc("CanvasText")],
        label: { whiteSpace: "nowrap" },
        current: { fontWeight: 600 },
        pass: { color: p.neutralSecondary, whiteSpace: "nowrap" },
    });
}

/** "Transform: Lookup transformation, in progress" — what a screen reader reads for a stage. */
export function stageLabel(t: Localize, stage: Stage): string {
    const name = t(`Stage_${stage.id}`);
    const state = t(`State_${stage.state}`);
    return stage.currentSubStep === null
        ? t("Step_Label", name, state)
        : t("Step_LabelWithPass", name, t(`Pass_${stage.currentSubStep}`), state);
}

function FileStepperView({ steps, fileName }: FileStepperProps): React.ReactElement {
    const t = useLocalize();
    const theme = useTheme();
    const c = React.useMemo(() => classes(theme), [theme]);
    if (!steps.known) {
        const detail = t(
            "Stepper_UnknownDetail",
            steps.processingStatus ?? t("Value_Empty"),
            steps.statusCode ?? t("Value_Empty"),
        );
        return (
            <ul className={c.list} role="list" aria-label={t("Stepper_AriaLabel", fileName)}>
                <li
                    className={c.item}
                    aria-current="step"
                    aria-label={t("Step_Label", t("Stepper_Unknown"), detail)}
                    title={detail}
                    data-state="unknown"
                >
                    <FontIcon iconName={Icons.warning} className={`${c.icon} ${steps.failed ? c.failed : c.pending}`} />
                    <Text variant="small" aria-hidden="true">
                        {t("Stepper_Unknown")}
                    </Text>
                </li>
            </ul>
        );
    }
    return (
        // role="list": list-style none makes Safari drop the list semantics otherwise.
        <ul className={c.list} role="list" aria-label={t("Stepper_AriaLabel", fileName)}>
            {steps.stages.map((stage, index) => {
                const isCurrent = stage.id === steps.current && !steps.finished;
                const label = stageLabel(t, stage);
                return (
                    <li
                        key={stage.id}
                        className={c.item}
                        aria-label={label}
                        aria-current={isCurrent ? "step" : undefined}
                        title={label}
                        data-state={stage.state}
                    >
                        {index > 0 && <span className={c.connector} aria-hidden="true" />}
                        <FontIcon iconName={stateIcon[stage.state]} className={`${c.icon} ${c[stage.state]}`} />
                        {/* Every step is named, also in the compact card (the list wraps): a circle alone says nothing. */}
                        <Stack aria-hidden="true">
                            <Text variant="small" className={`${c.label} ${isCurrent ? c.current : ""}`}>
                                {t(`Stage_${stage.id}`)}
                            </Text>
                            {stage.currentSubStep !== null && (
                                <Text variant="xSmall" className={c.pass}>
                                    {t(`Pass_${stage.currentSubStep}`)}
                                </Text>
                            )}
                        </Stack>
                    </li>
                );
            })}
        </ul>
    );
}

export const FileStepper = React.memo(FileStepperView);
