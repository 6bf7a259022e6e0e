/**
 * The host's modern theme (`context.fluentDesignLanguage`, docs/research/theme.md) as the control's Fluent v8
 * theme: the documented token themes (Fluent v9's webLightTheme / webDarkTheme, as the sandbox builds them),
 * absent, partial and garbage input, contrast of the dark theme's text, and the stepper and counts saying their
 * state with an icon and text, not with colour alone.
 */
import * as React from "react";
import { render, screen, within } from "@testing-library/react";
import { useTheme } from "@fluentui/react";
import type { ITheme } from "@fluentui/react";
import { hostTheme } from "../../ImportMonitor/components/hostThemeMapping";
import { HostTheme } from "../../ImportMonitor/components/HostTheme";
import { FileStepper } from "../../ImportMonitor/components/FileStepper";
import { FileCounts } from "../../ImportMonitor/components/FileCounts";
import { Icons, registerImportMonitorIcons } from "../../ImportMonitor/components/icons";
import { LocalizeContext } from "../../ImportMonitor/components/LocalizeContext";
import { createLocalize } from "../../ImportMonitor/strings/localize";
import type { FileSteps, Stage, StepState } from "../../ImportMonitor/domain/processingSteps";
import { BRAND_WEB, designLanguage } from "../../sandbox/page/theme";
import { readResx } from "../pcf/resx";
import { createContext, createDataset } from "../pcf/contextFake";

const strings = readResx();
const t = createLocalize((id) => strings.get(id) ?? `!!${id}!!`, { formatNumber: (n) => n.toLocaleString("en-US") });

const light = designLanguage("modern")!;
const dark = designLanguage("dark")!;

/** WCAG 2 relative luminance of #rgb / #rrggbb. */
function luminance(color: string): number {
    const hex = color.length === 4 ? color.replace(/[0-9a-f]/gi, (c) => c + c) : color;
    expect(hex).toMatch(/^#[0-9a-f]{6}$/i);
    const n = parseInt(hex.slice(1), 16);
    const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((v) => {
        const c = v / 255;
        return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
}

/** The theme the control's components see: the mapped one merged onto Fluent's default by a ThemeProvider. */
function seen(design: unknown): ITheme {
    let theme: ITheme | null = null;
    function Probe() {
        theme = useTheme();
        return null;
    }
    render(
        <HostTheme design={design}>
            <Probe />
        </HostTheme>,
    );
    return theme!;
}

describe("the documented token themes", () => {
    it("are Fluent v9's web themes (the sandbox's and this test's input)", () => {
        const tokens = (d: ComponentFramework.FluentDesignState) => d.tokenTheme as Record<string, unknown>;
        expect(light.brand).toEqual(BRAND_WEB);
        expect(light.isDarkTheme).toBe(false);
        expect(dark.isDarkTheme).toBe(true);
        // webLightTheme / webDarkTheme (@fluentui/tokens alias/lightColor.ts, alias/darkColor.ts).
        expect(tokens(light)).toMatchObject({ colorNeutralBackground1: "#ffffff", colorNeutralForeground1: "#242424", colorBrandBackground: "#0f6cbd", borderRadiusMedium: "4px" });
        expect(tokens(dark)).toMatchObject({ colorNeutralBackground1: "#292929", colorNeutralForeground1: "#ffffff", colorBrandBackground: "#115ea3", colorBrandForegroundLink: "#479ef5" });
        expect(designLanguage("light")).toBeUndefined();
    });
});

describe("hostTheme", () => {
    it("maps a light token theme: the brand colour to the theme colours, neutrals, font and radii; Fluent's status colours", () => {
        const theme = hostTheme(light) as ITheme;
        expect(theme.isInverted).toBe(false);
        expect(theme.palette).toMatchObject({ themePrimary: BRAND_WEB[80], white: "#ffffff", neutralPrimary: "#242424", neutralSecondary: "#616161" });
        // The theme slots are shades of it (Fluent's theme designer): darker toward themeDarker, lighter toward themeLighterAlt.
        const { themeDarker, themeDark, themePrimary, themeLight, themeLighterAlt } = theme.palette;
        const l = [themeDarker, themeDark, themePrimary, themeLight, themeLighterAlt].map(luminance);
        expect([...l].sort((a, b) => a - b)).toEqual(l);
        expect(theme.semanticColors).toMatchObject({
            bodyBackground: "#ffffff",
            bodyText: "#242424",
            bodySubtext: "#616161",
            link: BRAND_WEB[80],
            primaryButtonBackground: BRAND_WEB[80],
            primaryButtonText: "#ffffff",
            // Fluent v8's own (light) status colours.
            errorText: "#a4262c",
            successIcon: "#107C10",
            severeWarningIcon: "#D83B01",
            errorBackground: "#FDE7E9",
        });
        expect(theme.effects).toMatchObject({ roundedCorner2: "2px", roundedCorner4: "4px", roundedCorner6: "6px" });
        expect(theme.fonts.medium.fontFamily).toBe((light.tokenTheme as Record<string, string>).fontFamilyBase);
        // The user's direction is not the theme's: left to the parent.
        expect(Object.keys(theme)).not.toContain("rtl");
    });

    it("maps a dark token theme: inverted, dark background, light text, the brand ramp's slot 100", () => {
        const theme = hostTheme(dark) as ITheme;
        expect(theme.isInverted).toBe(true);
        expect(theme.palette).toMatchObject({ white: "#292929", neutralPrimary: "#ffffff", neutralSecondary: "#adadad", themePrimary: BRAND_WEB[100] });
        // Inverted: themeDarker is the strongest against the dark background, themeLighterAlt the closest to it.
        expect(luminance(theme.palette.themeDarker)).toBeGreaterThan(luminance(theme.palette.themePrimary));
        expect(luminance(theme.palette.themeLighterAlt)).toBeLessThan(luminance(theme.palette.themePrimary));
        expect(theme.semanticColors).toMatchObject({
            bodyBackground: "#292929",
            bodyText: "#ffffff",
            bodySubtext: "#adadad",
            link: BRAND_WEB[100],
            primaryButtonBackground: BRAND_WEB[100],
            primaryButtonText: "#292929",
            // Fluent v8's inverted status colours.
            errorText: "#F1707B",
            errorBackground: "#442726",
            successIcon: "#92C353",
            severeWarningIcon: "#FCE100",
        });
        // Neutrals step from the background toward the text (a progress track, a divider: visible on the background).
        expect(luminance(theme.palette.neutralLight)).toBeGreaterThan(luminance(theme.palette.white));
        expect(luminance(theme.palette.neutralLighter)).toBeGreaterThan(luminance(theme.palette.white));
    });

    it("reaches the components through the ThemeProvider, over Fluent's defaults", () => {
        const theme = seen(dark);
        expect(theme.isInverted).toBe(true);
        expect(theme.semanticColors.bodyBackground).toBe("#292929");
        expect(theme.semanticColors.errorText).toBe("#F1707B");
        expect(theme.palette.themePrimary).toBe(BRAND_WEB[100]);
    });

    it("infers dark from the background when isDarkTheme is missing, and takes the how-to's `.theme` for tokenTheme", () => {
        const { isDarkTheme: _dark, ...rest } = dark;
        expect(hostTheme(rest)?.isInverted).toBe(true);
        expect(hostTheme({ theme: dark.tokenTheme as unknown, brand: dark.brand, isDarkTheme: true })?.palette?.white).toBe("#292929");
    });

    it("keeps Fluent's defaults when the host gives no theme or garbage", () => {
        for (const value of [undefined, null, 0, 42, "dark", true, [], [light], {}, { tokenTheme: 5, brand: "blue" }, { tokenTheme: [], brand: [] }, { isDarkTheme: "yes" }]) {
            expect({ value, theme: hostTheme(value) }).toEqual({ value, theme: undefined });
        }
        const theme = seen(undefined);
        expect(theme.isInverted).toBe(false);
        expect(theme.semanticColors.bodyBackground).toBe("#ffffff");
        expect(theme.palette.themePrimary).toBe("#0078d4");
    });

    it("takes what is usable from a partial or odd theme and leaves the rest to Fluent", () => {
        const partial = hostTheme({ brand: { 80: "#7a1fa2" } }) as ITheme;
        expect(partial.palette.themePrimary).toBe("#7a1fa2");
        expect(partial.isInverted).toBe(false);
        // Values that are not colours, or could end the declaration, are dropped.
        const odd = hostTheme({
            tokenTheme: {
                colorNeutralBackground1: 12,
                colorNeutralForeground1: "red; background: url(x)",
                colorNeutralForeground3: "#616161",
                colorBrandBackground: { value: "#f00" },
                fontFamilyBase: "}",
                borderRadiusMedium: "3px",
                borderRadiusSmall: "0; color: red",
                borderRadiusLarge: 8,
            },
            brand: { 80: "not a colour", 100: ["#000"] },
        }) as ITheme;
        expect(odd.isInverted).toBe(false);
        expect(odd.palette.neutralSecondary).toBe("#616161");
        expect(odd.semanticColors.bodyBackground).toBe("#ffffff");
        expect(odd.semanticColors.bodyText).toBe("#323130");
        expect(odd.effects.roundedCorner4).toBe("3px");
        expect(odd.effects.roundedCorner2).toBe("2px");
        expect(odd.effects.roundedCorner6).toBe("6px");
        expect(odd.palette.themePrimary).toBe("#0078d4");
        expect(odd.fonts.medium.fontFamily).not.toBe("}");
        // Nothing usable at all: no theme.
        expect(hostTheme({ tokenTheme: { colorNeutralBackground1: "url(x)", fontFamilyBase: 7 }, brand: { 80: 5 } })).toBeUndefined();
        // Dark with nothing else: Fluent's inverted defaults on a dark background.
        const bare = hostTheme({ isDarkTheme: true }) as ITheme;
        expect(bare.isInverted).toBe(true);
        expect(contrast(bare.semanticColors.bodyText, bare.semanticColors.bodyBackground)).toBeGreaterThanOrEqual(4.5);
        expect(contrast(bare.semanticColors.errorText, bare.semanticColors.bodyBackground)).toBeGreaterThanOrEqual(4.5);
    });

    it("is memoised by the input object, and by content for an equal object handed anew", () => {
        const first = hostTheme(dark);
        expect(hostTheme(dark)).toBe(first);
        expect(hostTheme(designLanguage("dark"))).toBe(first);
        expect(hostTheme(light)).not.toBe(first);
        expect(hostTheme(designLanguage("dark", "#7a1fa2"))?.palette?.themePrimary).not.toBe(first?.palette?.themePrimary);
    });

    it("is what a context fake with fluentDesignLanguage carries", () => {
        const context = createContext(createDataset(), { fluentDesignLanguage: dark });
        expect(hostTheme(context.fluentDesignLanguage)?.isInverted).toBe(true);
        expect(createContext(createDataset()).fluentDesignLanguage).toBeUndefined();
    });
});

describe("contrast", () => {
    /** Text the control draws on the body background or on a message bar. */
    const TEXT: [string, (th: ITheme) => [string, string]][] = [
        ["body text", (th) => [th.semanticColors.bodyText, th.semanticColors.bodyBackground]],
        ["subtext", (th) => [th.semanticColors.bodySubtext, th.semanticColors.bodyBackground]],
        ["quiet counts (neutralSecondary)", (th) => [th.palette.neutralSecondary, th.semanticColors.bodyBackground]],
        ["failures (errorText)", (th) => [th.semanticColors.errorText, th.semanticColors.bodyBackground]],
        ["completed (successIcon as text)", (th) => [th.semanticColors.successIcon, th.semanticColors.bodyBackground]],
        ["completed with failures (severeWarningIcon as text)", (th) => [th.semanticColors.severeWarningIcon, th.semanticColors.bodyBackground]],
        ["links", (th) => [th.semanticColors.link, th.semanticColors.bodyBackground]],
        ["error bar", (th) => [th.semanticColors.messageText, th.semanticColors.errorBackground]],
        ["warning bar", (th) => [th.semanticColors.messageText, th.semanticColors.warningBackground]],
        ["severe warning bar", (th) => [th.semanticColors.messageText, th.semanticColors.severeWarningBackground]],
        ["success bar", (th) => [th.semanticColors.messageText, th.semanticColors.successBackground]],
        ["info bar", (th) => [th.semanticColors.messageText, th.semanticColors.infoBackground]],
        ["primary button", (th) => [th.semanticColors.primaryButtonText, th.semanticColors.primaryButtonBackground]],
    ];
    /** Marks that are not text (the stepper's icons): 3:1 (WCAG 1.4.11). */
    const MARKS: [string, (th: ITheme) => [string, string]][] = [
        ["active step (themePrimary)", (th) => [th.palette.themePrimary, th.semanticColors.bodyBackground]],
        ["pending step (neutralSecondary)", (th) => [th.palette.neutralSecondary, th.semanticColors.bodyBackground]],
        ["failed step (errorIcon)", (th) => [th.semanticColors.errorIcon, th.semanticColors.bodyBackground]],
        ["done step (successIcon)", (th) => [th.semanticColors.successIcon, th.semanticColors.bodyBackground]],
        ["warning step (severeWarningIcon)", (th) => [th.semanticColors.severeWarningIcon, th.semanticColors.bodyBackground]],
    ];

    it.each([
        ["dark", dark],
        ["modern light", light],
    ])("of the mapped %s theme: text ≥ 4.5:1, marks ≥ 3:1", (_name, design) => {
        const theme = seen(design);
        const ratios = (pairs: typeof TEXT) => Object.fromEntries(pairs.map(([name, pair]) => [name, Math.round(contrast(...pair(theme)) * 100) / 100]));
        const text = ratios(TEXT);
        const marks = ratios(MARKS);
        for (const [name, ratio] of Object.entries(text)) expect({ name, ok: ratio >= 4.5, ratio }).toEqual({ name, ok: true, ratio });
        for (const [name, ratio] of Object.entries(marks)) expect({ name, ok: ratio >= 3, ratio }).toEqual({ name, ok: true, ratio });
    });
});

describe("state is never colour alone", () => {
    let warn: jest.SpyInstance;
    beforeAll(() => {
        warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
        registerImportMonitorIcons();
    });
    afterAll(() => warn.mockRestore());

    const stage = (id: Stage["id"], state: StepState): Stage => ({ id, state, subSteps: [], currentSubStep: null });
    const steps: FileSteps = {
        known: true,
        stages: [stage("parse", "done"), stage("transform", "warning"), stage("import", "failed"), stage("complete", "pending")],
        current: "import",
        failed: true,
        finished: false,
        running: false,
    };
    const active: FileSteps = { known: true, stages: [stage("parse", "active")], current: "parse", failed: false, finished: false, running: true };

    function renderThemed(element: React.ReactElement, design: unknown = dark) {
        return render(
            <LocalizeContext.Provider value={t}>
                <HostTheme design={design}>{element}</HostTheme>
            </LocalizeContext.Provider>,
        );
    }

    it.each([
        ["dark", dark],
        ["no host theme", undefined],
    ])("the stepper gives each state its own icon and says it in words (%s)", (_name, design) => {
        renderThemed(
            <>
                <FileStepper steps={steps} fileName="accounts.csv" />
                <FileStepper steps={active} fileName="leads.csv" />
            </>,
            design,
        );
        const items = [
            ...within(screen.getByRole("list", { name: t("Stepper_AriaLabel", "accounts.csv") })).getAllByRole("listitem"),
            ...within(screen.getByRole("list", { name: t("Stepper_AriaLabel", "leads.csv") })).getAllByRole("listitem"),
        ];
        const seenStates = items.map((li) => {
            const state = li.getAttribute("data-state") as StepState;
            const icon = li.querySelector("[data-icon-name]");
            // An svg drawn in currentColor: forced colours recolour it with the text, it never vanishes.
            expect(icon?.querySelector("svg")?.getAttribute("fill")).toBe("currentColor");
            // The state in words: the accessible name and the tooltip.
            expect(li.getAttribute("aria-label")).toContain(t(`State_${state}`));
            expect(li.getAttribute("title")).toContain(t(`State_${state}`));
            return [state, icon?.getAttribute("data-icon-name")];
        });
        expect(Object.fromEntries(seenStates)).toEqual({
            done: Icons.done,
            warning: Icons.warning,
            failed: Icons.failed,
            pending: Icons.pending,
            active: Icons.active,
        });
        // Five states, five shapes.
        expect(new Set(seenStates.map(([, icon]) => icon)).size).toBe(5);
    });

    it("the counts mark failures with an icon and words, and the progress bar has its label", () => {
        renderThemed(
            <FileCounts counts={{ success: 90, failure: 7, partial: 3, total: 200, fraction: 0.5, indeterminate: false, hasFailures: true }} logged={{ parse: 2, transform: 0, import: 8 }} />,
        );
        for (const [testId, icon] of [
            ["failure-count", Icons.failed],
            ["partial-count", Icons.warning],
            ["logged-count", Icons.log],
        ] as const) {
            const badge = screen.getByTestId(testId);
            expect(badge.querySelector("[data-icon-name]")?.getAttribute("data-icon-name")).toBe(icon);
            expect(badge.textContent).toMatch(/\d/);
        }
        expect(screen.getByTestId("failure-count").textContent).toContain(t("Counts_Failure", 7));
        expect(screen.getByRole("progressbar", { name: t("Counts_Progress", 100, 200) })).toBeInTheDocument();
    });
});
