/**
 * The translated resx (issue 15): each language has exactly the English keys, the same placeholders, the plural forms
 * its plural rules need, and every template still fills in without leftover braces.
 */
import * as fs from "fs";
import * as path from "path";
import { readResx, RESX_PATH } from "../pcf/resx";
import { fillPlaceholders, languageOf } from "../../ImportMonitor/strings/localize";

const STRINGS_DIR = path.dirname(RESX_PATH);
const LCIDS = [1031, 1036, 3082, 1041, 1025];
const NUMBERS = [0, 1, 2, 3, 11, 100, 1000000];
/** Share of values that may be byte-identical to English (separators, "CSV", "UTF-8", "{0}: {1}"…). */
const MAX_IDENTICAL = 0.05;

const PLURAL = /\{(\d+),\s*plural,((?:[^{}]|\{[^{}]*\})*)\}/g;
const FORM = /(=\d+|\w+)\s*\{([^{}]*)\}/g;

const fileOf = (lcid: number) => path.join(STRINGS_DIR, `ImportMonitor.${lcid}.resx`);

/** The indexes of `{N}` and `{N, plural, …}`, sorted. */
function placeholderIndexes(template: string): number[] {
    return [...new Set([...template.matchAll(/\{(\d+)/g)].map((m) => Number(m[1])))].sort((a, b) => a - b);
}

interface PluralPlaceholder {
    index: number;
    selectors: string[];
    /** Text of the plural body that is not a form (should be blank). */
    rest: string;
}

function pluralPlaceholders(template: string): PluralPlaceholder[] {
    return [...template.matchAll(PLURAL)].map((m) => ({
        index: Number(m[1]),
        selectors: [...m[2].matchAll(FORM)].map((f) => f[1]),
        rest: m[2].replace(FORM, "").trim(),
    }));
}

/** The `<data name>`s in file order, from the XML as written (readResx gives a Map, which would hide duplicates). */
function dataNames(xml: string): string[] {
    return [...xml.matchAll(/<data name="([^"]+)"/g)].map((m) => m[1]);
}

describe.each(LCIDS)("ImportMonitor.%i.resx", (lcid) => {
    const language = languageOf(lcid);
    const file = fileOf(lcid);
    const english = readResx();
    const xml = fs.readFileSync(file, "utf8");
    const strings = readResx(file);
    const categories = new Set([...new Intl.PluralRules(language).resolvedOptions().pluralCategories, "other"]);
    const rules = new Intl.PluralRules(language);

    it("maps to its own language, not the English fallback", () => {
        expect(language).not.toBe("en");
    });

    it("is well-formed XML with a resx root and a value in every data element", () => {
        const doc = new DOMParser().parseFromString(xml, "application/xml");
        expect(doc.getElementsByTagName("parsererror")).toHaveLength(0);
        expect(doc.documentElement.nodeName).toBe("root");
        const data = [...doc.getElementsByTagName("data")];
        expect(data).toHaveLength(dataNames(xml).length);
        const withoutValue = data.filter((d) => d.getElementsByTagName("value").length !== 1).map((d) => d.getAttribute("name"));
        expect(withoutValue).toEqual([]);
        const notPreserved = data.filter((d) => d.getAttribute("xml:space") !== "preserve").map((d) => d.getAttribute("name"));
        expect(notPreserved).toEqual([]);
        // The DOM and readResx (the platform's reading) agree on every value: no stray markup or entity.
        const differing = data
            .filter((d) => d.getElementsByTagName("value")[0]?.textContent !== strings.get(d.getAttribute("name") ?? ""))
            .map((d) => d.getAttribute("name"));
        expect(differing).toEqual([]);
    });

    it("has exactly the English keys, once each, in the English order", () => {
        const names = dataNames(xml);
        const missing = [...english.keys()].filter((k) => !strings.has(k));
        const extra = [...strings.keys()].filter((k) => !english.has(k));
        expect({ missing, extra }).toEqual({ missing: [], extra: [] });
        expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
        expect(names).toEqual([...english.keys()]);
    });

    it("has no empty value", () => {
        expect([...strings].filter(([, v]) => v.trim() === "").map(([k]) => k)).toEqual([]);
    });

    it("keeps every key's placeholders", () => {
        const differing = [...english]
            .filter(([k, en]) => strings.has(k) && placeholderIndexes(strings.get(k)!).join() !== placeholderIndexes(en).join())
            .map(([k, en]) => `${k}: {${placeholderIndexes(en).join("},{")}} → {${placeholderIndexes(strings.get(k)!).join("},{")}}`);
        expect(differing).toEqual([]);
    });

    it(`gives each plural exactly the language's categories (${[...categories].join(", ")})`, () => {
        const problems: string[] = [];
        for (const [key, value] of strings) {
            for (const plural of pluralPlaceholders(value)) {
                const given = plural.selectors.filter((s) => !s.startsWith("="));
                const lacking = [...categories].filter((c) => !given.includes(c));
                const unknown = given.filter((s) => !categories.has(s));
                const repeated = plural.selectors.filter((s, i) => plural.selectors.indexOf(s) !== i);
                if (lacking.length) problems.push(`${key} {${plural.index}}: lacks ${lacking.join(", ")}`);
                if (unknown.length) problems.push(`${key} {${plural.index}}: has ${unknown.join(", ")}, not a category of ${language}`);
                if (repeated.length) problems.push(`${key} {${plural.index}}: repeats ${repeated.join(", ")}`);
                if (plural.rest) problems.push(`${key} {${plural.index}}: stray text "${plural.rest}"`);
            }
        }
        expect(problems).toEqual([]);
    });

    it("keeps the English exact forms (=0…) of each plural", () => {
        const problems: string[] = [];
        for (const [key, en] of english) {
            const translated = pluralPlaceholders(strings.get(key) ?? "");
            for (const plural of pluralPlaceholders(en)) {
                const exact = plural.selectors.filter((s) => s.startsWith("="));
                const forms = translated.filter((p) => p.index === plural.index).flatMap((p) => p.selectors);
                for (const s of exact) if (!forms.includes(s)) problems.push(`${key} {${plural.index}}: lacks ${s}`);
            }
        }
        expect(problems).toEqual([]);
    });

    it("fills every template without leftover braces", () => {
        const problems: string[] = [];
        for (const [key, value] of strings) {
            const indexes = placeholderIndexes(value);
            const plural = new Set(pluralPlaceholders(value).map((p) => p.index));
            const count = indexes.length ? Math.max(...indexes) + 1 : 0;
            for (const n of plural.size ? NUMBERS : [7]) {
                const args = Array.from({ length: count }, (_, i) => (plural.has(i) ? n : `«arg${i}»`));
                const text = fillPlaceholders(value, args, { pluralRules: rules, formatNumber: (v) => v.toLocaleString(language) });
                if (/[{}]/.test(text)) problems.push(`${key} (${n}): ${text}`);
                else if (text.trim() === "") problems.push(`${key} (${n}): empty`);
            }
        }
        expect(problems).toEqual([]);
    });

    it(`has at most ${MAX_IDENTICAL * 100}% of its values identical to English`, () => {
        const identical = [...strings].filter(([k, v]) => english.get(k) === v).map(([k]) => k);
        if (identical.length > english.size * MAX_IDENTICAL) expect(identical).toEqual([]);
        expect(identical.length).toBeLessThanOrEqual(english.size * MAX_IDENTICAL);
    });
});
