/**
 * The user's language as a model-driven host gives it to a control (`?lang=`): `userSettings.languageId` (an LCID),
 * `isRTL`, the date and number formats, `formatting` in that locale, and the strings of the control's resx for that
 * language ("Power Apps component framework identifies the user's language and returns the strings from that
 * language-specific resource file", https://learn.microsoft.com/power-apps/developer/component-framework/sample-controls/localization-api-control).
 * The host page itself is mirrored for a right-to-left language, as the app's page is.
 *
 * `?lang=pseudo` is English lengthened by 40% and bracketed (placeholders kept), to find text that is cut off.
 *
 * Sandbox code: the control never imports this.
 */
export interface SandboxLanguage {
    /** The resx's LCID; the pseudo-locale uses English's (1033). */
    lcid: number;
    /** BCP 47, for Intl (the formats below). */
    locale: string;
    isRTL: boolean;
    pseudo: boolean;
    dateFormattingInfo: { shortDatePattern: string; dateSeparator: string; firstDayOfWeek: number };
    numberFormattingInfo: { numberDecimalSeparator: string; numberGroupSeparator: string; numberGroupSizes: number[]; currencySymbol: string; negativeSign: string };
}

const TABLE: Record<string, [number, string, string, string, string, string, boolean]> = {
    // lang: lcid, locale, short date pattern, date separator, decimal, group, rtl
    "1033": [1033, "en-US", "M/d/yyyy", "/", ".", ",", false],
    "1031": [1031, "de-DE", "dd.MM.yyyy", ".", ",", ".", false],
    "1036": [1036, "fr-FR", "dd/MM/yyyy", "/", ",", "\u202f", false],
    "3082": [3082, "es-ES", "dd/MM/yyyy", "/", ",", ".", false],
    "1041": [1041, "ja-JP", "yyyy/MM/dd", "/", ".", ",", false],
    "1025": [1025, "ar-SA", "dd/MM/yyyy", "/", ".", ",", true],
    pseudo: [1033, "en-US", "M/d/yyyy", "/", ".", ",", false],
};

export const LANGUAGE_NAMES = Object.keys(TABLE);

export function languageFromParams(params: URLSearchParams): SandboxLanguage {
    const name = params.get("lang") ?? "1033";
    const row = TABLE[name];
    if (!row) throw new Error(`?lang= is one of ${LANGUAGE_NAMES.join(", ")}; got "${name}".`);
    const [lcid, locale, shortDatePattern, dateSeparator, decimal, group, isRTL] = row;
    return {
        lcid,
        locale,
        isRTL,
        pseudo: name === "pseudo",
        dateFormattingInfo: { shortDatePattern, dateSeparator, firstDayOfWeek: locale === "en-US" ? 0 : 1 },
        numberFormattingInfo: { numberDecimalSeparator: decimal, numberGroupSeparator: group, numberGroupSizes: [3], currencySymbol: "$", negativeSign: "-" },
    };
}

const ACCENTED: Record<string, string> = { a: "á", e: "é", i: "í", o: "ó", u: "ú", A: "Á", E: "É", I: "Í", O: "Ó", U: "Ú", c: "ç", n: "ñ" };

/** English made 40% longer and bracketed, its placeholders and plural syntax untouched. */
export function pseudoLocalize(text: string): string {
    if (text.trim() === "") return text;
    let out = "";
    let depth = 0;
    for (const ch of text) {
        if (ch === "{") depth++;
        out += depth === 0 ? (ACCENTED[ch] ?? ch) : ch;
        if (ch === "}") depth = Math.max(0, depth - 1);
    }
    const padding = "~".repeat(Math.ceil(text.length * 0.4));
    return `[${out}${padding}]`;
}
