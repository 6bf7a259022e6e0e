/**
 * Turns `context.resources.getString` into a formatter: `t("Paging_Page", 2)` → "Page 2".
 * Every user-visible string comes from strings/ImportMonitor.<lcid>.resx through this function.
 */
export type Localize = (key: string, ...args: (string | number)[]) => string;

export function fillPlaceholders(template: string, args: readonly (string | number)[]): string {
    return template.replace(/\{(\d+)\}/g, (match, index: string) => {
        const value = args[Number(index)];
        return value === undefined ? match : String(value);
    });
}

export function createLocalize(getString: (id: string) => string): Localize {
    const cache = new Map<string, string>();
    return (key, ...args) => {
        let template = cache.get(key);
        if (template === undefined) {
            template = getString(key);
            cache.set(key, template);
        }
        return args.length ? fillPlaceholders(template, args) : template;
    };
}
