/**
 * The host's theme, as model-driven apps hand it to a control: `context.fluentDesignLanguage`, a
 * `ComponentFramework.FluentDesignState` (docs/research/theme.md): `tokenTheme` (Fluent v9 design tokens),
 * `typographyTokens`, `brand` (the 16-slot ramp the theme was made from) and `isDarkTheme`.
 *
 * - `light`: a classic app: no fluentDesignLanguage at all.
 * - `modern`: the new look: Fluent v9's webLightTheme, or a light theme of a custom brand colour.
 * - `dark`: webDarkTheme, or a dark theme of a custom brand colour.
 *
 * The tokens are those of Fluent v9's createLightTheme / createDarkTheme (@fluentui/tokens, alias/lightColor.ts,
 * alias/darkColor.ts, alias/*ColorPalette.ts, global/*.ts) for the colours the control or the page reads, and
 * all the global ones (fonts, sizes, line heights, weights, radii, strokes, shadows): a subset of v9's Theme,
 * whose values are v9's. A custom brand ramp is the sandbox's approximation of Fluent's theme designer (the colour
 * at slot 80, its hue and saturation on brandWeb's lightness curve around it), not Fluent's generator.
 *
 * Sandbox code: the control never imports this.
 */

export type ThemeMode = "light" | "modern" | "dark";
export const THEME_MODES: readonly ThemeMode[] = ["light", "modern", "dark"];

type Brand = Record<number, string>;

/** Fluent v9's web brand ramp (@fluentui/tokens global/brandColors.ts brandWeb). */
export const BRAND_WEB: Brand = {
    10: "#061724",
    20: "#082338",
    30: "#0a2e4a",
    40: "#0c3b5e",
    50: "#0e4775",
    60: "#0f548c",
    70: "#115ea3",
    80: "#0f6cbd",
    90: "#2886de",
    100: "#479ef5",
    110: "#62abf5",
    120: "#77b7f7",
    130: "#96c6fa",
    140: "#b4d6fa",
    150: "#cfe4fa",
    160: "#ebf3fc",
};
export const DEFAULT_BRAND = BRAND_WEB[80];

const STEPS = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120, 130, 140, 150, 160];
/** brandWeb's HSL lightness per slot (%). */
const LIGHTNESS = [8, 13, 16.5, 21, 25.5, 30.5, 35, 40, 51, 62, 67, 72, 78, 84, 89.5, 95.5];

function hexToHsl(hex: string): [number, number, number] {
    const n = parseInt(hex.slice(1), 16);
    const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((v) => v / 255);
    const max = Math.max(r, g, b);
    const min = Math.min(r, g, b);
    const l = (max + min) / 2;
    const d = max - min;
    if (d === 0) return [0, 0, l * 100];
    const s = d / (1 - Math.abs(2 * l - 1));
    let h = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
    h *= 60;
    return [h < 0 ? h + 360 : h, s * 100, l * 100];
}

function hslToHex(h: number, s: number, l: number): string {
    const a = (s / 100) * Math.min(l / 100, 1 - l / 100);
    const f = (n: number) => {
        const k = (n + h / 30) % 12;
        const c = l / 100 - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
        return Math.round(c * 255)
            .toString(16)
            .padStart(2, "0");
    };
    return `#${f(0)}${f(8)}${f(4)}`;
}

export function isHexColor(value: string | null | undefined): boolean {
    return typeof value === "string" && /^#[0-9a-f]{6}$/i.test(value);
}

/**
 * A 16-slot ramp for a brand colour: brandWeb for its own; else the colour itself at slot 80 and, around it, its hue
 * and saturation on brandWeb's lightness curve stretched to meet the colour's lightness there.
 */
export function brandRamp(color: string): Brand {
    if (!isHexColor(color) || color.toLowerCase() === DEFAULT_BRAND) return { ...BRAND_WEB };
    const [h, s, l] = hexToHsl(color);
    const key = LIGHTNESS[STEPS.indexOf(80)];
    const ramp: Brand = {};
    STEPS.forEach((step, i) => {
        const curve = LIGHTNESS[i];
        const lightness = curve <= key ? (curve * l) / key : l + ((curve - key) * (100 - l)) / (100 - key);
        ramp[step] = step === 80 ? color.toLowerCase() : hslToHex(h, s, lightness);
    });
    return ramp;
}

/** v9's greys: grey[n] is n% of white. */
const grey = (n: number) => "#" + Math.round(n * 2.55).toString(16).padStart(2, "0").repeat(3);
const WHITE = "#ffffff";
const BLACK = "#000000";

/** Colour tokens: [light, dark], a number is a grey, "bN" a brand slot (alias/lightColor.ts, alias/darkColor.ts). */
const COLOR_TOKENS: Record<string, [number | string, number | string]> = {
    colorNeutralForeground1: [14, WHITE],
    colorNeutralForeground2: [26, 84],
    colorNeutralForeground3: [38, 68],
    colorNeutralForeground4: [44, 60],
    colorNeutralForegroundDisabled: [74, 36],
    colorNeutralForegroundOnBrand: [WHITE, WHITE],
    colorNeutralForegroundInverted: [WHITE, 14],
    colorBrandForeground1: ["b80", "b100"],
    colorBrandForeground2: ["b70", "b110"],
    colorBrandForegroundLink: ["b70", "b100"],
    colorBrandForegroundLinkHover: ["b60", "b110"],
    colorBrandForegroundLinkPressed: ["b40", "b90"],
    colorNeutralBackground1: [WHITE, 16],
    colorNeutralBackground1Hover: [96, 24],
    colorNeutralBackground1Pressed: [88, 12],
    colorNeutralBackground1Selected: [92, 22],
    colorNeutralBackground2: [98, 12],
    colorNeutralBackground2Hover: [94, 20],
    colorNeutralBackground3: [96, 8],
    colorNeutralBackground4: [94, 4],
    colorNeutralBackground5: [92, BLACK],
    colorNeutralBackground6: [90, 20],
    colorNeutralBackgroundInverted: [16, WHITE],
    colorNeutralBackgroundDisabled: [94, 8],
    colorSubtleBackground: ["transparent", "transparent"],
    colorSubtleBackgroundHover: [96, 22],
    colorSubtleBackgroundPressed: [88, 18],
    colorBrandBackground: ["b80", "b70"],
    colorBrandBackgroundHover: ["b70", "b80"],
    colorBrandBackgroundPressed: ["b40", "b40"],
    colorBrandBackgroundSelected: ["b60", "b60"],
    colorCompoundBrandBackground: ["b80", "b100"],
    colorBrandBackgroundStatic: ["b80", "b80"],
    colorBrandBackground2: ["b160", "b20"],
    colorNeutralStrokeAccessible: [38, 68],
    colorNeutralStrokeAccessibleHover: [34, 74],
    colorNeutralStroke1: [82, 40],
    colorNeutralStroke1Hover: [78, 46],
    colorNeutralStroke2: [88, 32],
    colorNeutralStroke3: [94, 24],
    colorNeutralStrokeDisabled: [88, 26],
    colorBrandStroke1: ["b80", "b100"],
    colorBrandStroke2: ["b140", "b50"],
    colorCompoundBrandStroke: ["b80", "b100"],
    colorStrokeFocus1: [WHITE, BLACK],
    colorStrokeFocus2: [BLACK, WHITE],
    colorNeutralShadowAmbient: ["rgba(0,0,0,0.12)", "rgba(0,0,0,0.24)"],
    colorNeutralShadowKey: ["rgba(0,0,0,0.14)", "rgba(0,0,0,0.28)"],
    colorBackgroundOverlay: ["rgba(0, 0, 0, 0.4)", "rgba(0, 0, 0, 0.5)"],
};

/**
 * Status and status-palette tokens (alias/lightColorPalette.ts, alias/darkColorPalette.ts: danger is cranberry,
 * success green, warning orange; the palette's red, green, dark orange and yellow are their own colours):
 * [light, dark] from global/colors.ts.
 */
const STATUS_TOKENS: Record<string, [string, string]> = {
    colorStatusDangerForeground1: ["#b10e1c", "#dc626d"],
    colorStatusDangerForeground3: ["#c50f1f", "#eeacb2"],
    colorStatusDangerBackground1: ["#fdf3f4", "#3b0509"],
    colorStatusDangerBackground3: ["#c50f1f", "#c50f1f"],
    colorStatusDangerBorder1: ["#eeacb2", "#c50f1f"],
    colorStatusSuccessForeground1: ["#0e700e", "#54b054"],
    colorStatusSuccessForeground3: ["#107c10", "#9fd89f"],
    colorStatusSuccessBackground1: ["#f1faf1", "#052505"],
    colorStatusSuccessBackground3: ["#107c10", "#107c10"],
    colorStatusSuccessBorder1: ["#9fd89f", "#107c10"],
    colorStatusWarningForeground1: ["#bc4b09", "#faa06b"],
    colorStatusWarningForeground3: ["#bc4b09", "#f98845"],
    colorStatusWarningBackground1: ["#fff9f5", "#4a1e04"],
    colorStatusWarningBackground3: ["#f7630c", "#f7630c"],
    colorStatusWarningBorder1: ["#fdcfb4", "#f7630c"],
    colorPaletteRedForeground1: ["#bc2f32", "#e37d80"],
    colorPaletteRedBackground1: ["#fdf6f6", "#3f1011"],
    colorPaletteRedBorder1: ["#f1bbbc", "#d13438"],
    colorPaletteGreenForeground1: ["#0e700e", "#54b054"],
    colorPaletteGreenBackground1: ["#f1faf1", "#052505"],
    colorPaletteGreenBorder1: ["#9fd89f", "#107c10"],
    colorPaletteDarkOrangeForeground1: ["#c43501", "#e9835e"],
    colorPaletteDarkOrangeBackground1: ["#fdf6f3", "#411200"],
    colorPaletteDarkOrangeBorder1: ["#f4bfab", "#da3b01"],
    colorPaletteYellowForeground1: ["#817400", "#feee66"],
    colorPaletteYellowBackground1: ["#fffef5", "#4c4400"],
    colorPaletteYellowBorder1: ["#fef7b2", "#fde300"],
};

const FONT_FAMILY_BASE = "'Segoe UI', 'Segoe UI Web (West European)', -apple-system, BlinkMacSystemFont, Roboto, 'Helvetica Neue', sans-serif";

/** Global tokens (global/fonts.ts, borderRadius.ts, strokeWidths.ts): the same in light and dark. */
const GLOBAL_TOKENS: Record<string, string | number> = {
    fontFamilyBase: FONT_FAMILY_BASE,
    fontFamilyMonospace: "Consolas, 'Courier New', Courier, monospace",
    fontFamilyNumeric: "Bahnschrift, 'Segoe UI', 'Segoe UI Web (West European)', -apple-system, BlinkMacSystemFont, Roboto, 'Helvetica Neue', sans-serif",
    fontSizeBase100: "10px",
    fontSizeBase200: "12px",
    fontSizeBase300: "14px",
    fontSizeBase400: "16px",
    fontSizeBase500: "20px",
    fontSizeBase600: "24px",
    fontSizeHero700: "28px",
    fontSizeHero800: "32px",
    fontSizeHero900: "40px",
    fontSizeHero1000: "68px",
    lineHeightBase100: "14px",
    lineHeightBase200: "16px",
    lineHeightBase300: "20px",
    lineHeightBase400: "22px",
    lineHeightBase500: "28px",
    lineHeightBase600: "32px",
    lineHeightHero700: "36px",
    lineHeightHero800: "40px",
    lineHeightHero900: "52px",
    lineHeightHero1000: "92px",
    fontWeightRegular: 400,
    fontWeightMedium: 500,
    fontWeightSemibold: 600,
    fontWeightBold: 700,
    borderRadiusNone: 0,
    borderRadiusSmall: "2px",
    borderRadiusMedium: "4px",
    borderRadiusLarge: "6px",
    borderRadiusXLarge: "8px",
    borderRadiusCircular: "10000px",
    strokeWidthThin: "1px",
    strokeWidthThick: "2px",
    strokeWidthThicker: "3px",
    strokeWidthThickest: "4px",
};

function typography(): ComponentFramework.FluentDesignState["typographyTokens"] {
    const style = (size: number, weight: number, lineHeight: number) => ({
        fontFamily: FONT_FAMILY_BASE,
        fontSize: `${size}px`,
        fontWeight: String(weight),
        lineHeight: `${lineHeight}px`,
    });
    return {
        caption2: style(10, 400, 14),
        caption2Strong: style(10, 600, 14),
        caption1: style(12, 400, 16),
        caption1Strong: style(12, 600, 16),
        caption1Stronger: style(12, 700, 16),
        body1: style(14, 400, 20),
        body1Strong: style(14, 600, 20),
        body1Stronger: style(14, 700, 20),
        body2: style(16, 400, 22),
        subtitle2: style(16, 600, 22),
        subtitle2Stronger: style(16, 700, 22),
        subtitle1: style(20, 600, 28),
        title3: style(24, 600, 32),
        title2: style(28, 600, 36),
        title1: style(32, 600, 40),
        largeTitle: style(40, 600, 52),
        display: style(68, 600, 92),
    };
}

/** The tokens of a light or dark theme of `brand` (a subset of v9's Theme; see the top of this file). */
export function tokenTheme(brand: Brand, dark: boolean): Record<string, string | number> {
    const i = dark ? 1 : 0;
    const resolve = (ref: number | string): string =>
        typeof ref === "number" ? grey(ref) : /^b\d+$/.test(ref) ? brand[Number(ref.slice(1))] : ref;
    const tokens: Record<string, string | number> = { ...GLOBAL_TOKENS };
    for (const [name, refs] of Object.entries(COLOR_TOKENS)) tokens[name] = resolve(refs[i]);
    for (const [name, values] of Object.entries(STATUS_TOKENS)) tokens[name] = values[i];
    const ambient = tokens.colorNeutralShadowAmbient;
    const key = tokens.colorNeutralShadowKey;
    // global/shadows: shadowN is an ambient blur (2px, 8px from 28 up) and a key light N/2 down, blurred N.
    for (const n of [2, 4, 8, 16, 28, 64]) tokens[`shadow${n}`] = `0 0 ${n < 28 ? 2 : 8}px ${ambient}, 0 ${n / 2}px ${n}px ${key}`;
    return tokens;
}

/** `context.fluentDesignLanguage` for a theme mode and brand colour; undefined for the classic look. */
export function designLanguage(mode: ThemeMode, brandColor: string = DEFAULT_BRAND): ComponentFramework.FluentDesignState | undefined {
    if (mode === "light") return undefined;
    const brand = brandRamp(brandColor);
    const dark = mode === "dark";
    return {
        tokenTheme: tokenTheme(brand, dark),
        typographyTokens: typography(),
        brand: brand as ComponentFramework.FluentDesignState["brand"],
        isDarkTheme: dark,
    };
}

/**
 * Colours the page's own form chrome (the sandbox's stand-in for the app around the control) to match: the page
 * background, the form section, its borders and text. The classic look keeps the stylesheet's colours.
 */
export function applyPageTheme(design: ComponentFramework.FluentDesignState | undefined, mode: ThemeMode): void {
    const root = document.documentElement;
    const tokens = design?.tokenTheme as Record<string, string> | undefined;
    const vars: Record<string, string> = tokens
        ? {
              "--page": tokens.colorNeutralBackground3,
              "--card": tokens.colorNeutralBackground1,
              "--info": tokens.colorNeutralBackground2,
              "--border": tokens.colorNeutralStroke2,
              "--muted": tokens.colorNeutralForeground3,
              "--text": tokens.colorNeutralForeground1,
              "--strong": tokens.colorNeutralForeground1,
              "--accent": tokens.colorBrandBackground,
              "--radius": tokens.borderRadiusXLarge,
              "--font": tokens.fontFamilyBase,
              "--shadow": tokens.shadow4,
          }
        : {};
    for (const name of ["--page", "--card", "--info", "--border", "--muted", "--text", "--strong", "--accent", "--radius", "--font", "--shadow"]) {
        if (vars[name]) root.style.setProperty(name, vars[name]);
        else root.style.removeProperty(name);
    }
    root.dataset.theme = mode;
    root.style.colorScheme = mode === "dark" ? "dark" : "light";
}

/**
 * The toolbar's theme switcher (sandbox/index.html): Light (classic), Modern, Dark and a brand colour. It owns
 * the current theme: `design()` is the object the context carries, the same one until the theme changes. A change
 * recolours the page, rewrites `?theme=`/`?brand=` (so a reload keeps it) and calls `onChange` (the host's
 * updateView).
 */
export class ThemeSwitcher {
    onChange: (() => void) | null = null;
    private current: ComponentFramework.FluentDesignState | undefined;

    constructor(
        private mode: ThemeMode,
        private brand: string,
    ) {
        this.current = designLanguage(mode, brand);
        applyPageTheme(this.current, mode);
    }

    /** From `?theme=light|modern|dark` and `?brand=%23rrggbb` (a brand alone means modern). */
    static fromParams(params: URLSearchParams): ThemeSwitcher {
        const brand = params.get("brand");
        if (brand !== null && !isHexColor(brand)) throw new Error(`?brand= is a #rrggbb colour; got "${brand}".`);
        const requested = params.get("theme") ?? (brand ? "modern" : "light");
        if (!THEME_MODES.includes(requested as ThemeMode)) throw new Error(`?theme= is one of ${THEME_MODES.join(", ")}; got "${requested}".`);
        return new ThemeSwitcher(requested as ThemeMode, brand ?? DEFAULT_BRAND);
    }

    design(): ComponentFramework.FluentDesignState | undefined {
        return this.current;
    }

    describe(): string {
        if (this.mode === "light") return "Light (classic): no fluentDesignLanguage";
        return `${this.mode === "dark" ? "Dark" : "Modern"}${this.brand.toLowerCase() === DEFAULT_BRAND ? "" : `, brand ${this.brand}`}`;
    }

    set(mode: ThemeMode, brand: string = this.brand): void {
        if (mode === this.mode && brand === this.brand) return;
        this.mode = mode;
        this.brand = brand;
        this.current = designLanguage(mode, brand);
        applyPageTheme(this.current, mode);
        this.showPressed();
        const url = new URL(location.href);
        const ownBrand = brand.toLowerCase() !== DEFAULT_BRAND;
        // ?brand= alone means modern: a classic app with a brand colour kept says theme=light.
        if (mode === "light" && !ownBrand) url.searchParams.delete("theme");
        else url.searchParams.set("theme", mode);
        if (ownBrand) url.searchParams.set("brand", brand);
        else url.searchParams.delete("brand");
        history.replaceState(null, "", url);
        this.onChange?.();
    }

    /** Wires the buttons and the colour input of sandbox/index.html. */
    wire(report: (line: string) => void): void {
        for (const mode of THEME_MODES) {
            document.getElementById(`sb-theme-${mode}`)?.addEventListener("click", () => {
                this.set(mode);
                report(`Theme: ${this.describe()}.`);
            });
        }
        const input = document.getElementById("sb-brand");
        if (input instanceof HTMLInputElement) {
            input.value = this.brand.toLowerCase();
            // "input" fires while the picker is dragged: follow it, as a maker previewing a theme would see.
            input.addEventListener("input", () => {
                this.set(this.mode === "light" ? "modern" : this.mode, input.value);
                report(`Theme: ${this.describe()}.`);
            });
        }
        this.showPressed();
    }

    private showPressed(): void {
        for (const mode of THEME_MODES) document.getElementById(`sb-theme-${mode}`)?.setAttribute("aria-pressed", String(mode === this.mode));
    }
}
