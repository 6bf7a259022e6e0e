/**
 * Turns `context.resources.getString` into a formatter: `t("Paging_Page", 2)` → "Page 2".
 * Every user-visible string comes from strings/ImportMonitor.<lcid>.resx through this function.
 *
 * Placeholders: `{0}` is the argument, numbers in the user's format (`formatNumber`, in the control
 * `context.formatting.formatInteger`); `{0, plural, one {# row} other {# rows}}` picks the form by the
 * language's plural rules (Intl.PluralRules; `=0`, `=1`… exact matches first, then the category, then
 * `other`), `#` being the formatted number. ICU MessageFormat's plural syntax, without nesting.
 */
export type Localize = (key: string, ...args: (string | number)[]) => string;

export interface LocalizeOptions {
    /** A number as the user writes it ("1,234"); defaults to the browser's format. */
    formatNumber?: (value: number) => string;
    /** The language's plural rules; defaults to English. */
    pluralRules?: Pick<Intl.PluralRules, "select">;
}

/** The BCP 47 language of the resx languages (userSettings.languageId, an LCID), for plural rules. */
const LANGUAGES: Record<number, string> = { 1025: "ar", 1031: "de", 1033: "en", 1036: "fr", 1041: "ja", 3082: "es" };

export function languageOf(lcid: number | undefined): string {
    return (lcid !== undefined && LANGUAGES[lcid]) || "en";
}

const PLACEHOLDER = /\{(\d+)(?:,\s*plural,((?:[^{}]|\{[^{}]*\})*))?\}/g;
const FORM = /(=\d+|\w+)\s*\{([^{}]*)\}/g;

export function fillPlaceholders(template: string, args: readonly (string | number)[], options: LocalizeOptions = {}): string {
    const format = options.formatNumber ?? ((n: number) => n.toLocaleString());
    return template.replace(PLACEHOLDER, (match, index: string, forms: string | undefined) => {
        const value = args[Number(index)];
        if (value === undefined) return match;
        const text = typeof value === "number" ? format(value) : value;
        if (forms === undefined) return text;
        const n = Number(value);
        const category = (options.pluralRules ?? new Intl.PluralRules("en")).select(n);
        const found = new Map<string, string>();
        for (const [, selector, form] of forms.matchAll(FORM)) found.set(selector, form);
        const form = found.get(`=${n}`) ?? found.get(category) ?? found.get("other") ?? "";
        return form.replace(/#/g, text);
    });
}

export function createLocalize(getString: (id: string) => string, options: LocalizeOptions = {}): Localize {
    const cache = new Map<string, string>();
    return (key, ...args) => {
        let template = cache.get(key);
        if (template === undefined) {
            template = getString(key);
            cache.set(key, template);
        }
        return args.length ? fillPlaceholders(template, args, options) : template;
    };
}
