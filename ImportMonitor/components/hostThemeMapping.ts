/**
 * The host's modern theme as a Fluent v8 theme. Model-driven apps with the new look (and canvas apps with modern
 * themes) hand a control `context.fluentDesignLanguage`: Fluent v9 design tokens (`tokenTheme`), the brand ramp
 * the theme was made from (`brand`, slots 10…160) and `isDarkTheme` (docs/research/theme.md).
 *
 * The control is Fluent v8. Microsoft's migration shim (`createV8Theme`, @fluentui/react-migration-v8-v9) is too
 * big to ship, and its inverted palette has `white` black and `neutralLight` equal to the dark background (a
 * progress track vanishes). So the palette is made by Fluent v8's own theme designer (`ThemeGenerator`, part of the
 * platform's Fluent: no bytes here) from the host's colours, and Fluent derives the semantic colours from it:
 * - the theme slots from the brand colour: the ramp's slot 80 (light) or 100 (dark, readable on the dark
 *   background: v9's link colour), else colorBrandBackground / colorBrandForeground1;
 * - the neutrals from colorNeutralBackground1 and, when dark, colorNeutralForeground1 (in light the generator's text
 *   shades are too pale: Fluent's greys stay); the body, secondary and disabled text are the host's
 *   colorNeutralForeground1, colorNeutralForeground3 and colorNeutralForegroundDisabled;
 * - errors, successes and warnings are Fluent v8's own colours for the mode (its inverted set when dark), which
 *   read at 4.5:1 on v9's backgrounds; the host's v9 status tokens are not read (the shim leaves them unmapped too);
 * - fonts follow fontFamilyBase, radii borderRadiusSmall/Medium/Large.
 * Nothing is taken on trust: a missing or odd value keeps Fluent's. No host theme (classic look, a harness,
 * anything without usable values): undefined, and the control keeps Fluent's (or the host's own v8) theme.
 */
import { BaseSlots, ThemeGenerator, createTheme, getColorFromString, isDark, themeRulesStandardCreator } from "@fluentui/react";
import type { PartialTheme } from "@fluentui/react";

type Bag = Record<string, unknown>;

const bag = (value: unknown): Bag | undefined =>
    typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Bag) : undefined;

/** A colour Fluent can read (a CSS colour, nothing else: "red; background: url(…)" is not one). */
const color = (value: unknown): string | undefined => (typeof value === "string" && getColorFromString(value) ? value : undefined);

/** A length or a font list: a string that cannot end the declaration it is put in. */
const css = (value: unknown): string | undefined => (typeof value === "string" && /^[^;{}<>]+$/.test(value) ? value : undefined);

let lastKey = "";
let lastTheme: PartialTheme | undefined;

/**
 * The Fluent v8 theme for the host's `fluentDesignLanguage`: any value (absent, partial, unexpected shapes) gives
 * undefined or keeps Fluent's values where it is odd. Memoised by what is read from it: the same object, or an
 * equal one handed anew, gives the same theme object, so nothing below restyles.
 */
export function hostTheme(design: unknown): PartialTheme | undefined {
    const input = bag(design) ?? {};
    // The typings and the reference say tokenTheme; Microsoft's how-to snippets read `.theme`.
    const tokens = bag(input.tokenTheme) ?? bag(input.theme) ?? {};
    const brand = bag(input.brand) ?? {};
    const background = color(tokens.colorNeutralBackground1);
    const dark = typeof input.isDarkTheme === "boolean" ? input.isDarkTheme : !!background && isDark(getColorFromString(background)!);
    const primary = color(brand[dark ? 100 : 80]) ?? color(tokens[dark ? "colorBrandForeground1" : "colorBrandBackground"]);
    const text = color(tokens.colorNeutralForeground1);
    const secondary = color(tokens.colorNeutralForeground3);
    const disabled = color(tokens.colorNeutralForegroundDisabled);
    const fontFamily = css(tokens.fontFamilyBase);
    if (!dark && !primary && !background && !text && !secondary && !fontFamily) return undefined;
    const effects = { roundedCorner2: css(tokens.borderRadiusSmall), roundedCorner4: css(tokens.borderRadiusMedium), roundedCorner6: css(tokens.borderRadiusLarge) };
    const key = JSON.stringify([dark, primary, background, text, secondary, disabled, fontFamily, effects]);
    if (key === lastKey) return lastTheme;

    // Fluent's theme designer: the theme slots from the primary colour, the neutrals from the background (and the
    // text when dark). Dark always sets all three: the rules' defaults are light. v9's webDarkTheme's are the fallbacks.
    const rules = themeRulesStandardCreator();
    ThemeGenerator.insureSlots(rules, dark);
    const base = (slot: BaseSlots, value: string | undefined) => value && ThemeGenerator.setSlot(rules[BaseSlots[slot]], value, dark, true, true);
    base(BaseSlots.primaryColor, primary ?? (dark ? "#479ef5" : undefined));
    base(BaseSlots.backgroundColor, background ?? (dark ? "#292929" : undefined));
    if (dark) base(BaseSlots.foregroundColor, text ?? "#ffffff");
    const palette = ThemeGenerator.getThemeAsJson(rules) as Bag;
    if (text) palette.neutralPrimary = text;
    if (secondary) palette.neutralSecondary = secondary;
    if (disabled) palette.neutralTertiary = disabled;

    // A whole theme: Fluent's defaults (its inverted ones when dark) for every slot the host leaves out (JSON drops
    // the undefined ones), then the host's. rtl and disableGlobalClassNames are left out, to stay the parent's: the
    // user's direction is not the theme's.
    const partial = JSON.parse(JSON.stringify({ isInverted: dark, palette, effects, defaultFontStyle: { fontFamily } })) as PartialTheme;
    const { rtl: _rtl, disableGlobalClassNames: _global, ...theme } = createTheme(partial);
    lastKey = key;
    return (lastTheme = theme);
}
