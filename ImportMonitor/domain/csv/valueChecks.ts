/**
 * Value checks against the target table's columns (issue 14, part 2): each cell of a data row is tested against the
 * rules of the column its heading maps to, the way the import will read it, in the user's number and date formats.
 *
 * What is flagged (docs/research/value-checks.md gives the platform facts and their sources):
 * - `tooLong`: text (String, Memo) longer than the column's MaxLength, counted in UTF-16 code units like .NET's
 *   string length, after trimming the value's surrounding white space.
 * - `notANumber`: a whole number (Integer, BigInt), Decimal, Double (floating point) or Money (currency) cell that is
 *   not a number in the user's number format; in whole-number columns also a number with a non-zero fraction.
 * - `outOfRange`: a number outside the column's MinValue…MaxValue (Integer and BigInt: their type's range when the
 *   column's is not known); a date before 1/1/1753 (the earliest date Dataverse stores) or after 9999.
 * - `notADate`: a DateTime cell that is not readable as a date in the user's short date pattern, or ISO 8601.
 * - `notAChoice`: a choice (Picklist) cell that matches no option label (case-insensitive) nor option value.
 * - `notYesNo`: a yes/no (Boolean) cell that matches neither label (case-insensitive), nor 1/0, nor true/false.
 * - `requiredEmpty`: an empty cell in a column whose RequiredLevel is SystemRequired or ApplicationRequired (not
 *   the columns the import fills itself: the primary key, the owner, status, read-only columns; `fileMustFill`).
 * - `requiredMissing`: such a column that no heading maps to (table level: `column` is null).
 * - `duplicateKey`: a row whose values for every column of an active alternate key repeat an earlier row's.
 *
 * What is deliberately not flagged (the import accepts it, or it is not known that it refuses it):
 * more decimals than the column's Precision (the import rounds); group separators in odd places ("1,5" in en-US:
 * .NET's AllowThousands accepts them); a time on a date-only column; dates written with month names (any value
 * holding a month name of the user's language or English is taken as readable); two-part dates ("1/15",
 * "01/2020"); a year-last date in a year-first culture read in either order (the import reinterprets them);
 * an option label or yes/no label in another case; option values written as numbers; "true"/"false"/"1"/"0" in a
 * yes/no column; lookups (whether a record with that name exists is not checked: that would take a request per
 * value); columns whose metadata the host did not give (no MaxLength → no length check, no choices → no choice
 * check…). Unmapped or ambiguous headings are not checked at all.
 *
 * Cost: `check` walks each cell once with character loops (no regular expression, no string or object made per row
 * or cell). What it keeps: the first occurrence and up to `MAX_SAMPLE_LINES` lines of each finding, and, for each
 * alternate key, a 64-bit hash and the first line of every key value seen (typed arrays of 16-byte slots, two to
 * four a key), to find repeats. bench/values.mjs measures it ("values" section of `npm run bench`).
 */
import type { HeaderMapping, TableColumn } from "./headerMapping";

// ---------------------------------------------------------------------------------------------- public shapes

/** The kinds of finding, in the order a column's findings are listed. */
export const VALUE_FINDING_KINDS = [
    "requiredMissing",
    "requiredEmpty",
    "tooLong",
    "notANumber",
    "outOfRange",
    "notADate",
    "notAChoice",
    "notYesNo",
    "duplicateKey",
] as const;
export type ValueFindingKind = (typeof VALUE_FINDING_KINDS)[number];

/** How many line numbers a finding keeps as samples (its `count` counts them all). */
export const MAX_SAMPLE_LINES = 100;

/** A value longer than this is cut in `firstValue` (with "…"), so a finding never holds a huge cell. */
export const MAX_SAMPLE_VALUE_CHARS = 200;

/** An alternate key of the target table (EntityKeyMetadata), as dataverse/tableColumns.ts reads it. */
export interface AlternateKey {
    /** EntityKeyMetadata.LogicalName. */
    logicalName: string;
    /** In the user's language; "" when the key has none. */
    displayName: string;
    /** Logical names of the key's columns (KeyAttributes), in the key's order. */
    attributes: string[];
    /**
     * EntityKeyIndexStatus: "Pending", "InProgress", "Active" or "Failed". Only an active key's index is there to
     * refuse a repeat; absent (a host that gave none) counts as active.
     */
    status?: string;
}

/**
 * The user's formats, from PCF's `context.userSettings.numberFormattingInfo` and `dateFormattingInfo` through
 * {@link valueFormatsFrom}. Separators are single characters; a multi-character decimal or group separator turns
 * the number checks off (nothing is flagged rather than something wrongly).
 */
export interface ValueFormats {
    /** NumberFormattingInfo.numberDecimalSeparator, e.g. "." (en-US), "," (de-DE, fr-FR). */
    decimalSeparator: string;
    /** NumberFormattingInfo.numberGroupSeparator, e.g. "," (en-US), "." (de-DE), U+00A0 or U+202F (fr-FR). */
    groupSeparator: string;
    /** NumberFormattingInfo.currencyDecimalSeparator (Money columns take it as well as decimalSeparator). */
    currencyDecimalSeparator: string;
    /** NumberFormattingInfo.currencyGroupSeparator (Money columns take it as well as groupSeparator). */
    currencyGroupSeparator: string;
    /** NumberFormattingInfo.currencySymbol, e.g. "$", "€"; allowed before or after a Money value. */
    currencySymbol: string;
    /** NumberFormattingInfo.negativeSign ("-" is always taken too, and U+2212). */
    negativeSign: string;
    /** DateFormattingInfo.shortDatePattern, e.g. "M/d/yyyy", "dd.MM.yyyy", "yyyy-MM-dd". */
    shortDatePattern: string;
    /** Order of day, month and year in shortDatePattern. */
    dateOrder: "MDY" | "DMY" | "YMD";
    /** DateFormattingInfo.dateSeparator ("/", ".", "-" are always taken too). */
    dateSeparator: string;
    /** DateFormattingInfo.timeSeparator (":" is always taken too). */
    timeSeparator: string;
    /** DateFormattingInfo.amDesignator / pmDesignator ("AM"/"PM" are always taken too). */
    amDesignator: string;
    pmDesignator: string;
    /** Month names of the user's language (full, abbreviated, genitive), for dates written with words. */
    monthNames: readonly string[];
}

/** Per heading, the Power Query-style column quality: how many cells are valid, wrong, empty. */
export interface ColumnQuality {
    /** 1-based position of the heading in the file. */
    column: number;
    header: string;
    /** The column the heading maps to; null when unmapped or ambiguous (nothing checked). */
    target: TableColumn | null;
    /** True when at least one rule applies to the column's cells (a cell can then be an error). */
    checked: boolean;
    /** Cells that hold a value and break no rule (unchecked columns: every non-empty cell). */
    valid: number;
    /** Cells with at least one finding (a required column's empty cells are errors, not empty). */
    error: number;
    /** Cells that are empty or only white space (missing cells of short rows included). */
    empty: number;
}

/** One kind of problem in one column (or, for `requiredMissing`, in the table), with where it first shows. */
export interface ValueFinding {
    kind: ValueFindingKind;
    /** 1-based heading position; null for `requiredMissing` (the column has no heading). */
    column: number | null;
    /** The heading ("" for `requiredMissing`). */
    header: string;
    /** The table column concerned: the mapped one, or the missing required one. */
    target: TableColumn | null;
    /** Rows with the problem (`requiredMissing`: every row checked). */
    count: number;
    /** Line of the first such row, as passed to `check`; null for `requiredMissing`. */
    firstLine: number | null;
    /** The first offending cell as in the file (cut at MAX_SAMPLE_VALUE_CHARS); `duplicateKey`: the key's values joined with ", ". */
    firstValue: string | null;
    /** Lines of the first MAX_SAMPLE_LINES rows with the problem, ascending. */
    lines: number[];
    /** `duplicateKey`: the key, and the line where the first repeated value was first seen. */
    key?: AlternateKey;
    duplicateOf?: number;
}

export interface ValueCheckSummary {
    /** Data rows checked. */
    rows: number;
    /** One per heading, in file order. */
    columns: ColumnQuality[];
    /** Ordered by column (table-level first), then by VALUE_FINDING_KINDS. */
    findings: ValueFinding[];
}

/** The table-level facts some checks need (dataverse/tableColumns.ts gives both). */
export interface ValueCheckTable {
    /**
     * Every column of the table, to find required columns no heading maps to. Pass it only when the list is
     * complete (TableColumnsResult.complete): without it, `requiredMissing` is not checked.
     */
    columns?: readonly TableColumn[];
    /** The table's alternate keys; a key is checked only when every one of its columns has a heading. */
    alternateKeys?: readonly AlternateKey[];
}

export interface ValueChecker {
    /**
     * Checks one data row. `row` holds the fields in heading order (missing ones count as empty, extra ones are
     * ignored); `line` is the file line the row starts on, kept in findings. Feed data rows only: no heading row,
     * no blank line the import skips. Makes no string or object per row, except a finding's first occurrence.
     */
    check(row: readonly string[], line: number): void;
    /** Data rows checked so far. */
    readonly rows: number;
    /** The counts and findings so far (a new object each call; the checker can go on after it). */
    summary(): ValueCheckSummary;
}

// ---------------------------------------------------------------------------------------------- formats

/** The NumberFormattingInfo fields used (PCF's UserSettingApi.NumberFormattingInfo, any of them may be missing). */
export interface NumberFormattingLike {
    numberDecimalSeparator?: unknown;
    numberGroupSeparator?: unknown;
    currencyDecimalSeparator?: unknown;
    currencyGroupSeparator?: unknown;
    currencySymbol?: unknown;
    negativeSign?: unknown;
}

/** The DateFormattingInfo fields used (PCF's UserSettingApi.DateFormattingInfo, any of them may be missing). */
export interface DateFormattingLike {
    shortDatePattern?: unknown;
    dateSeparator?: unknown;
    timeSeparator?: unknown;
    amDesignator?: unknown;
    pmDesignator?: unknown;
    monthNames?: unknown;
    abbreviatedMonthNames?: unknown;
    monthGenitiveNames?: unknown;
    abbreviatedMonthGenitiveNames?: unknown;
}

/** en-US, the formats the PCF typings give as examples; used for any field a host leaves out. */
export const DEFAULT_VALUE_FORMATS: ValueFormats = {
    decimalSeparator: ".",
    groupSeparator: ",",
    currencyDecimalSeparator: ".",
    currencyGroupSeparator: ",",
    currencySymbol: "$",
    negativeSign: "-",
    shortDatePattern: "M/d/yyyy",
    dateOrder: "MDY",
    dateSeparator: "/",
    timeSeparator: ":",
    amDesignator: "AM",
    pmDesignator: "PM",
    monthNames: [],
};

function text(value: unknown, fallback: string, allowEmpty = false): string {
    return typeof value === "string" && (allowEmpty || value !== "") ? value : fallback;
}

function names(...lists: unknown[]): string[] {
    const out: string[] = [];
    for (const list of lists) {
        if (!Array.isArray(list)) continue;
        for (const name of list) if (typeof name === "string" && name.trim() !== "") out.push(name.trim());
    }
    return out;
}

/** Day, month and year order of a .NET date pattern ("dd.MM.yyyy" → DMY); quoted literals are skipped. */
export function dateOrderOf(pattern: string): "MDY" | "DMY" | "YMD" | null {
    let order = "";
    let quote = "";
    for (let i = 0; i < pattern.length; i++) {
        const ch = pattern[i];
        if (quote) {
            if (ch === quote) quote = "";
            continue;
        }
        if (ch === "'" || ch === '"') quote = ch;
        else if (ch === "\\") i++;
        else if ((ch === "d" || ch === "M" || ch === "y") && !order.includes(ch)) order += ch;
    }
    if (order === "Mdy") return "MDY";
    if (order === "dMy") return "DMY";
    if (order === "yMd") return "YMD";
    return null;
}

/**
 * The user's formats from PCF's `context.userSettings.numberFormattingInfo` and `.dateFormattingInfo` (either may
 * be null or partial): each missing or unusable field falls back to DEFAULT_VALUE_FORMATS (en-US). A group
 * separator equal to the decimal separator is dropped (it could not be told apart).
 */
export function valueFormatsFrom(number?: NumberFormattingLike | null, date?: DateFormattingLike | null): ValueFormats {
    const d = DEFAULT_VALUE_FORMATS;
    const n = number ?? {};
    const t = date ?? {};
    const decimalSeparator = text(n.numberDecimalSeparator, d.decimalSeparator);
    let groupSeparator = text(n.numberGroupSeparator, decimalSeparator === d.groupSeparator ? "" : d.groupSeparator, true);
    if (groupSeparator === decimalSeparator) groupSeparator = "";
    const currencyDecimalSeparator = text(n.currencyDecimalSeparator, decimalSeparator);
    let currencyGroupSeparator = text(n.currencyGroupSeparator, groupSeparator, true);
    if (currencyGroupSeparator === currencyDecimalSeparator) currencyGroupSeparator = "";
    const pattern = text(t.shortDatePattern, d.shortDatePattern);
    const order = dateOrderOf(pattern);
    return {
        decimalSeparator,
        groupSeparator,
        currencyDecimalSeparator,
        currencyGroupSeparator,
        currencySymbol: text(n.currencySymbol, d.currencySymbol, true).trim(),
        negativeSign: text(n.negativeSign, d.negativeSign),
        shortDatePattern: order ? pattern : d.shortDatePattern,
        dateOrder: order ?? d.dateOrder,
        dateSeparator: text(t.dateSeparator, d.dateSeparator),
        timeSeparator: text(t.timeSeparator, d.timeSeparator),
        amDesignator: text(t.amDesignator, d.amDesignator, true),
        pmDesignator: text(t.pmDesignator, d.pmDesignator, true),
        monthNames: names(t.monthNames, t.abbreviatedMonthNames, t.monthGenitiveNames, t.abbreviatedMonthGenitiveNames),
    };
}

// ---------------------------------------------------------------------------------------------- metadata helpers

/** Types the import fills itself or that no file sets: never "missing from the header". */
const NEVER_MISSING = new Set(["Uniqueidentifier", "Owner", "State", "Status", "EntityName", "Virtual", "PartyList", "CalendarRules", "ManagedProperty"]);

/** SystemRequired or ApplicationRequired. */
export function isRequiredColumn(column: TableColumn): boolean {
    return column.requiredLevel === "SystemRequired" || column.requiredLevel === "ApplicationRequired";
}

/**
 * Whether the file must give the column a value: required, valid for create, and not of a type the import fills
 * itself (the primary key, the owner: importfile.recordsownerid, status) or no file sets.
 */
export function fileMustFill(column: TableColumn): boolean {
    return isRequiredColumn(column) && column.validForCreate !== false && !NEVER_MISSING.has(column.type ?? "");
}

/**
 * Where the import looks a lookup heading's values up: per target table, the column it matches on (the table's
 * primary name column; null when its name was not read: "its primary name"). Empty for a column that is not a
 * lookup (no targets).
 */
export function lookupMatch(column: TableColumn): { table: string; column: string | null }[] {
    return (column.targets ?? []).map((table) => ({ table, column: column.targetPrimaryNames?.[table] ?? null }));
}

// ---------------------------------------------------------------------------------------------- characters

/** Character codes. */
const C_TAB = 9;
const C_SPACE = 32;
const C_PLUS = 43;
const C_COMMA = 44;
const C_MINUS = 45;
const C_DOT = 46;
const C_SLASH = 47;
const C_ZERO = 48;
const C_NINE = 57;
const C_COLON = 58;
const C_OPEN_PAREN = 40;
const C_CLOSE_PAREN = 41;
const C_UPPER_A = 65;
const C_UPPER_Z = 90;
const C_LOWER_A = 97;
const C_LOWER_Z = 122;
const C_NBSP = 0xa0;
const C_NARROW_NBSP = 0x202f;
const C_MINUS_SIGN = 0x2212;

function isSpace(c: number): boolean {
    return c === C_SPACE || c === C_TAB || c === C_NBSP || c === C_NARROW_NBSP || c === 0x2007 || c === 0x3000;
}

function isAsciiDigit(c: number): boolean {
    return c >= C_ZERO && c <= C_NINE;
}

/** First index of [start, end) that is not white space. */
function trimStart(v: string, start: number, end: number): number {
    while (start < end && isSpace(v.charCodeAt(start))) start++;
    return start;
}

/** End (exclusive) of [start, end) without trailing white space. */
function trimEnd(v: string, start: number, end: number): number {
    while (end > start && isSpace(v.charCodeAt(end - 1))) end--;
    return end;
}

/** Whether v[s, e) equals `lower` (already lower case) case-insensitively. */
function equalsLower(v: string, s: number, e: number, lower: string): boolean {
    if (e - s !== lower.length) return false;
    for (let k = 0; k < lower.length; k++) {
        const c = v.charCodeAt(s + k);
        const l = lower.charCodeAt(k);
        if (c === l) continue;
        if (c >= C_UPPER_A && c <= C_UPPER_Z) {
            if (c + 32 !== l) return false;
            continue;
        }
        if (c < 128 || String.fromCharCode(c).toLowerCase() !== String.fromCharCode(l)) return false;
    }
    return true;
}

/** Length of `word` at v[i] (case-insensitive, `word` lower case), or 0. */
function wordAt(v: string, i: number, e: number, lower: string): number {
    return lower !== "" && i + lower.length <= e && equalsLower(v, i, i + lower.length, lower) ? lower.length : 0;
}

// ---------------------------------------------------------------------------------------------- numbers

/** A number syntax: the separators and signs one kind of column takes. */
interface NumberSyntax {
    /** Decimal separators (char codes). */
    decimals: number[];
    /** Group separators (char codes). */
    groups: number[];
    /** Minus signs (char codes). */
    minus: number[];
    /** Currency symbol taken before or after the value; "" for none. */
    currency: string;
    /** False when the user's separators cannot be read with single characters: nothing is flagged. */
    usable: boolean;
}

function singleChar(s: string): number | null {
    return s.length === 1 ? s.charCodeAt(0) : null;
}

function spaceGroupVariants(code: number): number[] {
    // A group separator that is a space of some kind: files hold any of them (.NET lets a plain space match
    // U+00A0, and French formats use U+00A0 or U+202F depending on the source).
    return isSpace(code) ? [C_SPACE, C_NBSP, C_NARROW_NBSP] : code === 0x2019 || code === 0x27 ? [0x27, 0x2019] : [code];
}

function numberSyntax(decimals: string[], groups: string[], negativeSign: string, currency: string): NumberSyntax {
    const dec: number[] = [];
    const grp: number[] = [];
    let usable = true;
    for (const s of decimals) {
        const c = singleChar(s);
        if (c === null) usable = false;
        else if (!dec.includes(c)) dec.push(c);
    }
    for (const s of groups) {
        if (s === "") continue;
        const c = singleChar(s);
        if (c === null) usable = false;
        else for (const v of spaceGroupVariants(c)) if (!grp.includes(v) && !dec.includes(v)) grp.push(v);
    }
    const minus = [C_MINUS, C_MINUS_SIGN];
    const n = singleChar(negativeSign);
    if (n !== null && !minus.includes(n)) minus.push(n);
    return { decimals: dec, groups: grp, minus, currency, usable };
}

const NOT_A_NUMBER = Number.NaN;

/**
 * The value of v[s, e) (already trimmed, not empty) read with `syntax`, or NaN. Takes: a sign (leading or
 * trailing) or parentheses, the currency symbol when the syntax has one, group separators after the first
 * digit of the integer part, one decimal separator, an exponent (e/E, as .NET's Float and Any styles), white
 * space between the parts.
 */
function parseNumber(v: string, s: number, e: number, syntax: NumberSyntax): number {
    let i = s;
    let negative = false;
    let signed = false;
    let paren = false;
    let currency = false;
    const sym = syntax.currency;
    // Leading "(", sign and currency symbol, in any order, each once.
    for (;;) {
        const c = v.charCodeAt(i);
        if (c === C_OPEN_PAREN && !paren && !signed) {
            paren = true;
            i++;
        } else if (!signed && !paren && (c === C_PLUS || syntax.minus.includes(c))) {
            signed = true;
            negative = c !== C_PLUS;
            i++;
        } else if (!currency && sym !== "" && v.startsWith(sym, i)) {
            currency = true;
            i += sym.length;
        } else break;
        i = trimStart(v, i, e);
        if (i >= e) return NOT_A_NUMBER;
    }
    let mantissa = 0;
    let digits = 0;
    let c = 0;
    while (i < e) {
        c = v.charCodeAt(i);
        if (isAsciiDigit(c)) {
            mantissa = mantissa * 10 + (c - C_ZERO);
            digits++;
            i++;
        } else if (digits > 0 && syntax.groups.includes(c)) i++;
        else break;
    }
    let fraction = 0;
    let scale = 1;
    if (i < e && syntax.decimals.includes(v.charCodeAt(i))) {
        i++;
        while (i < e) {
            c = v.charCodeAt(i);
            if (!isAsciiDigit(c)) break;
            if (scale < 1e17) {
                fraction = fraction * 10 + (c - C_ZERO);
                scale *= 10;
            }
            digits++;
            i++;
        }
    }
    if (digits === 0) return NOT_A_NUMBER;
    let value = mantissa + fraction / scale;
    if (i < e && (v.charCodeAt(i) | 32) === 101 /* e */) {
        let j = i + 1;
        let expNegative = false;
        if (j < e && (v.charCodeAt(j) === C_PLUS || syntax.minus.includes(v.charCodeAt(j)))) {
            expNegative = v.charCodeAt(j) !== C_PLUS;
            j++;
        }
        let exp = 0;
        const start = j;
        while (j < e && isAsciiDigit(v.charCodeAt(j))) {
            if (exp < 10000) exp = exp * 10 + (v.charCodeAt(j) - C_ZERO);
            j++;
        }
        if (j === start) return NOT_A_NUMBER;
        value = value * Math.pow(10, expNegative ? -exp : exp);
        i = j;
    }
    // Trailing white space, currency symbol, sign and ")".
    for (;;) {
        i = trimStart(v, i, e);
        if (i >= e) break;
        c = v.charCodeAt(i);
        if (!currency && sym !== "" && v.startsWith(sym, i)) {
            currency = true;
            i += sym.length;
        } else if (!signed && !paren && (c === C_PLUS || syntax.minus.includes(c))) {
            signed = true;
            negative = c !== C_PLUS;
            i++;
        } else if (paren && c === C_CLOSE_PAREN) {
            paren = false;
            negative = true;
            i++;
        } else return NOT_A_NUMBER;
    }
    if (paren) return NOT_A_NUMBER;
    return negative ? -value : value;
}

// ---------------------------------------------------------------------------------------------- dates

const DATE_OK = 0;
const DATE_BAD = 1;
const DATE_OUT_OF_RANGE = 2;

/** The earliest year Dataverse stores ("values as early as 1/1/1753 12:00 AM"). */
const MIN_YEAR = 1753;

interface DateSyntax {
    order: "MDY" | "DMY" | "YMD";
    /** Characters that separate the parts of a date (char codes). */
    separators: number[];
    /** Characters that separate hours, minutes, seconds. */
    timeSeparators: number[];
    /** AM and PM words, lower case. */
    designators: string[];
    /** Month names (user's language and English, full and abbreviated), lower case, without a final ".". */
    months: Set<string>;
}

const ENGLISH_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

function dateSyntax(f: ValueFormats): DateSyntax {
    const separators = [C_SLASH, C_MINUS, C_DOT, C_SPACE, C_NBSP, C_NARROW_NBSP, C_COMMA];
    for (let k = 0; k < f.dateSeparator.length; k++) {
        const c = f.dateSeparator.charCodeAt(k);
        if (!isAsciiDigit(c) && !separators.includes(c)) separators.push(c);
    }
    const timeSeparators = [C_COLON];
    const t = singleChar(f.timeSeparator);
    if (t !== null && !isAsciiDigit(t) && !timeSeparators.includes(t)) timeSeparators.push(t);
    const lower = (w: string) => w.trim().toLowerCase();
    const months = new Set<string>();
    for (const name of [...f.monthNames, ...ENGLISH_MONTHS, ...ENGLISH_MONTHS.map((m) => m.slice(0, 3)), "sept"]) {
        const m = lower(name).replace(/\.$/, "");
        if (m.length >= 3) months.add(m);
    }
    return {
        order: f.dateOrder,
        separators,
        timeSeparators,
        designators: [...new Set(["am", "a.m.", "pm", "p.m.", lower(f.amDesignator), lower(f.pmDesignator)].filter(Boolean))],
        months,
    };
}

function daysInMonth(year: number, month: number): number {
    if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
    return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** A two-digit year as .NET's Gregorian calendar reads it (TwoDigitYearMax 2049). */
function fullYear(year: number, length: number): number {
    return length <= 2 ? (year <= 49 ? 2000 + year : 1900 + year) : year;
}

function validDate(y: number, m: number, d: number): boolean {
    return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/** Whether v[s, e) holds a word that is a month name (the lenient path for dates written with words). */
function hasMonthName(v: string, s: number, e: number, months: Set<string>): boolean {
    let i = s;
    while (i < e) {
        while (i < e && !isLetter(v.charCodeAt(i))) i++;
        const start = i;
        while (i < e && isLetter(v.charCodeAt(i))) i++;
        if (i - start >= 3 && months.has(v.slice(start, i).toLowerCase())) return true;
    }
    return false;
}

function isLetter(c: number): boolean {
    return (c >= C_UPPER_A && c <= C_UPPER_Z) || (c >= C_LOWER_A && c <= C_LOWER_Z) || (c >= 0xc0 && c !== 0xd7 && c !== 0xf7 && !isSpace(c) && c !== C_MINUS_SIGN);
}

/** Reads digits at v[i]; returns the index after them. Value and count land in `scratch`. */
const scratch = { value: 0, length: 0 };
function readDigits(v: string, i: number, e: number): number {
    let value = 0;
    const start = i;
    while (i < e) {
        const c = v.charCodeAt(i);
        if (!isAsciiDigit(c)) break;
        if (i - start < 9) value = value * 10 + (c - C_ZERO);
        i++;
    }
    scratch.value = value;
    scratch.length = i - start;
    return i;
}

/** The time after a date: "[T| ]h:mm[:ss[.fff]] [AM|PM] [Z|±hh[:mm]]" (also "h AM"). */
function validTime(v: string, i: number, e: number, syntax: DateSyntax): boolean {
    if (i < e && (v.charCodeAt(i) | 32) === 116 /* t */) i++;
    i = trimStart(v, i, e);
    if (i >= e) return true;
    i = readDigits(v, i, e);
    if (scratch.length === 0 || scratch.length > 2) return false;
    const hour = scratch.value;
    let minute = 0;
    let second = 0;
    let parts = 1;
    while (parts < 3 && i < e && syntax.timeSeparators.includes(v.charCodeAt(i))) {
        i = readDigits(v, i + 1, e);
        if (scratch.length !== 2) return false;
        if (parts === 1) minute = scratch.value;
        else second = scratch.value;
        parts++;
    }
    if (parts === 3 && i < e && (v.charCodeAt(i) === C_DOT || v.charCodeAt(i) === C_COMMA)) {
        i = readDigits(v, i + 1, e);
        if (scratch.length === 0) return false;
    }
    if (minute > 59 || second > 59) return false;
    i = trimStart(v, i, e);
    let designator = false;
    for (const word of syntax.designators) {
        const n = wordAt(v, i, e, word);
        if (n > 0) {
            designator = true;
            i = trimStart(v, i + n, e);
            break;
        }
    }
    if (designator ? hour < 1 || hour > 12 : hour > 23 || parts === 1) return false;
    if (i < e) {
        const c = v.charCodeAt(i);
        if ((c | 32) === 122 /* z */) i++;
        else if (c === C_PLUS || c === C_MINUS || c === C_MINUS_SIGN) {
            i = readDigits(v, i + 1, e);
            if (scratch.length !== 2 && scratch.length !== 4) return false;
            if (scratch.length === 2 && i < e && v.charCodeAt(i) === C_COLON) {
                i = readDigits(v, i + 1, e);
                if (scratch.length !== 2) return false;
            }
        }
        i = trimStart(v, i, e);
    }
    return i === e;
}

/** DATE_OK, DATE_BAD or DATE_OUT_OF_RANGE for v[s, e) (trimmed, not empty). */
function checkDate(v: string, s: number, e: number, syntax: DateSyntax): number {
    let n0 = 0;
    let n1 = 0;
    let n2 = 0;
    let l0 = 0;
    let l1 = 0;
    let l2 = 0;
    let parts = 0;
    let i = s;
    for (;;) {
        i = readDigits(v, i, e);
        if (scratch.length === 0 || scratch.length > 4) break;
        if (parts === 0) {
            n0 = scratch.value;
            l0 = scratch.length;
        } else if (parts === 1) {
            n1 = scratch.value;
            l1 = scratch.length;
        } else {
            n2 = scratch.value;
            l2 = scratch.length;
        }
        parts++;
        if (parts === 3 || i >= e) break;
        let j = i;
        while (j < e && syntax.separators.includes(v.charCodeAt(j))) j++;
        if (j === i || j >= e || !isAsciiDigit(v.charCodeAt(j))) {
            // A trailing separator ("2020.01.15." in Hungarian) ends the date.
            if (j > i && j >= e) i = j;
            break;
        }
        i = j;
    }
    let result = DATE_BAD;
    if (parts >= 2 && scratch.length <= 4) {
        result = parts === 3 ? threePartDate(n0, l0, n1, l1, n2, l2, syntax.order) : twoPartDate(n0, l0, n1, l1, syntax.order);
        if (result !== DATE_BAD) {
            // A trailing separator after the last part (already skipped), then an optional time.
            let j = i;
            while (j < e && (v.charCodeAt(j) === C_DOT || v.charCodeAt(j) === C_COMMA)) j++;
            if (!validTime(v, j, e, syntax)) result = DATE_BAD;
        }
    }
    if (result === DATE_BAD && hasLetterOf(v, s, e) && hasMonthName(v, s, e, syntax.months)) return DATE_OK;
    return result;
}

function hasLetterOf(v: string, s: number, e: number): boolean {
    for (let i = s; i < e; i++) if (isLetter(v.charCodeAt(i))) return true;
    return false;
}

function yearResult(y: number, m: number, d: number): number {
    if (!validDate(y, m, d) || y > 9999) return DATE_BAD;
    return y < MIN_YEAR ? DATE_OUT_OF_RANGE : DATE_OK;
}

function threePartDate(n0: number, l0: number, n1: number, l1: number, n2: number, l2: number, order: "MDY" | "DMY" | "YMD"): number {
    if (l1 > 2) return DATE_BAD;
    // A year written first with 3 or 4 digits: year, month, day, whatever the culture (as .NET reads "2020/01/15").
    if (l0 >= 3) return l2 > 2 ? DATE_BAD : yearResult(n0, n1, n2);
    if (l2 >= 3 && order === "YMD") {
        // Year last in a year-first culture: the import reinterprets it (see the header); either order is taken.
        const byMonth = yearResult(n2, n0, n1);
        return byMonth !== DATE_BAD ? byMonth : yearResult(n2, n1, n0);
    }
    if (order === "YMD") return l2 > 2 ? DATE_BAD : yearResult(fullYear(n0, l0), n1, n2);
    if (l0 > 2) return DATE_BAD;
    const year = fullYear(n2, l2);
    return order === "MDY" ? yearResult(year, n0, n1) : yearResult(year, n1, n0);
}

function twoPartDate(n0: number, l0: number, n1: number, l1: number, order: "MDY" | "DMY" | "YMD"): number {
    // Month and year ("01/2020", "2020-01"), or month and day of the current year ("1/15"): 2000 stands for a
    // leap year, so 2/29 passes.
    if (l1 >= 3) return l0 > 2 ? DATE_BAD : yearResult(n1, n0, 1);
    if (l0 >= 3) return yearResult(n0, n1, 1);
    if (l0 > 2 || l1 > 2) return DATE_BAD;
    return order === "DMY" ? yearResult(2000, n1, n0) : yearResult(2000, n0, n1);
}

// ---------------------------------------------------------------------------------------------- alternate keys

/**
 * Two 32-bit hashes of a key's values (FNV-1a and a multiply-rotate hash with another seed), together 64 bits: repeats
 * are found by comparing them, so no row's string is kept (which would keep the parser's slices alive and load the
 * garbage collector). Two different keys share both hashes with a chance of about n² / 2^65: below 1 in 30 million
 * for a million rows, so a false `duplicateKey` is not a practical concern.
 */
const keyHash = new Int32Array(2);

function startKeyHash(): void {
    keyHash[0] = 0x811c9dc5;
    keyHash[1] = 0x3c6ef372;
}

/**
 * Adds v to keyHash: its characters between its leading and trailing white space, ASCII letters folded to lower case
 * (non-ASCII ones with toLowerCase, which allocates; rare in key values), then a separator (so "ab","c" and "a","bc"
 * differ).
 */
function addToKeyHash(v: string): void {
    const s = trimStart(v, 0, v.length);
    const e = trimEnd(v, s, v.length);
    let a = keyHash[0];
    let b = keyHash[1];
    for (let i = s; i <= e; i++) {
        let c = i < e ? v.charCodeAt(i) : 0x1f;
        if (c >= C_UPPER_A && c <= C_UPPER_Z) c += 32;
        else if (c >= 128) c = String.fromCharCode(c).toLowerCase().charCodeAt(0);
        a = Math.imul(a ^ c, 0x01000193);
        b = Math.imul(b + c, 0x5bd1e995);
        b ^= b >>> 15;
    }
    keyHash[0] = a;
    keyHash[1] = b;
}

/** Segments of a KeyIndex (by the top 8 bits of the second hash), and the slots a segment starts with. */
const KEY_SEGMENTS = 256;
const KEY_SEGMENT_SLOTS = 64;

/**
 * The keys seen so far, for one alternate key: open-addressing hash tables over the two hashes, in typed arrays (no
 * object or string per row), with the line each key was first seen on. A slot is 4 Int32s, [a, b, line + 1, 0] (0:
 * empty), so a probe reads one cache line. The keys are spread over 256 tables, each grown (doubled, at half full) on
 * its own: one growth copies a 256th of the keys, well under a millisecond at a million keys, where a single table's
 * last doubling took tens of ms in one go (a step of the full scan past its budget).
 */
class KeyIndex {
    private readonly tables: (Int32Array | null)[] = new Array<Int32Array | null>(KEY_SEGMENTS).fill(null);
    private readonly sizes = new Int32Array(KEY_SEGMENTS);

    /** The first line of the key (a, b) if it was seen; otherwise records it at `line` and returns -1. */
    public seen(a: number, b: number, line: number): number {
        const segment = b >>> 24;
        const slots = (this.tables[segment] ??= new Int32Array(KEY_SEGMENT_SLOTS * 4));
        const wrap = slots.length - 1;
        let at = ((a ^ (b >>> 7)) << 2) & wrap;
        for (;;) {
            const first = slots[at + 2];
            if (first === 0) break;
            if (slots[at] === a && slots[at + 1] === b) return first - 1;
            at = (at + 4) & wrap;
        }
        slots[at] = a;
        slots[at + 1] = b;
        slots[at + 2] = line + 1;
        if (++this.sizes[segment] * 8 > slots.length) this.tables[segment] = grown(slots);
        return -1;
    }
}

/** The slots of one KeyIndex table in a table twice as large. */
function grown(old: Int32Array): Int32Array {
    const slots = new Int32Array(old.length * 2);
    const wrap = slots.length - 1;
    for (let i = 0; i < old.length; i += 4) {
        if (old[i + 2] === 0) continue;
        let at = ((old[i] ^ (old[i + 1] >>> 7)) << 2) & wrap;
        while (slots[at + 2] !== 0) at = (at + 4) & wrap;
        slots[at] = old[i];
        slots[at + 1] = old[i + 1];
        slots[at + 2] = old[i + 2];
    }
    return slots;
}

// ---------------------------------------------------------------------------------------------- the checker

// 0 is requiredMissing (table level, no accumulator per cell); 8 is duplicateKey (kept per key).
const K_REQUIRED_EMPTY = 1;
const K_TOO_LONG = 2;
const K_NOT_A_NUMBER = 3;
const K_OUT_OF_RANGE = 4;
const K_NOT_A_DATE = 5;
const K_NOT_A_CHOICE = 6;
const K_NOT_YES_NO = 7;
const KIND_COUNT = VALUE_FINDING_KINDS.length;

const R_NONE = 0;
const R_TEXT = 1;
const R_WHOLE = 2;
const R_NUMBER = 3;
const R_MONEY = 4;
const R_DATE = 5;
const R_CHOICE = 6;
const R_BOOLEAN = 7;

/** Int32 and Int64 bounds (IntegerAttributeMetadata / BigIntAttributeMetadata MinSupportedValue…MaxSupportedValue). */
const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;
const INT64_MIN = -(2 ** 63);
/** 2^63 − 1 is not a double: the nearest one, 2^63, stands for it. */
const INT64_MAX = 2 ** 63 - 1;

interface Options {
    /** Labels, exact, for the fast path. */
    exact: Set<string>;
    /** Labels, lower case and trimmed. */
    lower: string[];
    /** Option values (choices) or 1/0 (yes/no). */
    values: Set<number>;
}

function choiceOptions(column: TableColumn): Options | null {
    const choices = column.choices ?? [];
    if (choices.length === 0) return null;
    return {
        exact: new Set(choices.map((c) => c.label)),
        lower: choices.map((c) => c.label.trim().toLowerCase()).filter(Boolean),
        values: new Set(choices.map((c) => c.value)),
    };
}

function booleanOptions(column: TableColumn): Options | null {
    const labels = [column.trueLabel, column.falseLabel].filter((l): l is string => typeof l === "string" && l.trim() !== "");
    if (labels.length < 2) return null;
    return { exact: new Set(labels), lower: [...labels.map((l) => l.trim().toLowerCase()), "true", "false"], values: new Set([0, 1]) };
}

function matchesOption(v: string, s: number, e: number, options: Options): boolean {
    if (options.exact.has(v)) return true;
    for (const label of options.lower) if (equalsLower(v, s, e, label)) return true;
    // An option's value written as a whole number ("2"): not known to be refused (see the header).
    let i = s;
    let negative = false;
    if (v.charCodeAt(i) === C_MINUS) {
        negative = true;
        i++;
    }
    const end = readDigits(v, i, e);
    return end === e && scratch.length > 0 && scratch.length <= 9 && options.values.has(negative ? -scratch.value : scratch.value);
}

function ruleOf(column: TableColumn): number {
    switch (column.type) {
        case "String":
        case "Memo":
            return typeof column.maxLength === "number" && column.maxLength >= 0 ? R_TEXT : R_NONE;
        case "Integer":
        case "BigInt":
            return R_WHOLE;
        case "Decimal":
        case "Double":
            return R_NUMBER;
        case "Money":
            return R_MONEY;
        case "DateTime":
            return R_DATE;
        case "Picklist":
            return column.choices && column.choices.length > 0 ? R_CHOICE : R_NONE;
        case "Boolean":
            return booleanOptions(column) ? R_BOOLEAN : R_NONE;
        default:
            return R_NONE;
    }
}

function cut(value: string): string {
    return value.length > MAX_SAMPLE_VALUE_CHARS ? value.slice(0, MAX_SAMPLE_VALUE_CHARS) + "…" : value;
}

interface Accumulator {
    count: number;
    firstLine: number;
    firstValue: string;
    lines: number[];
    duplicateOf?: number;
}

function addTo(acc: Accumulator | null, line: number, value: string): Accumulator {
    if (!acc) return { count: 1, firstLine: line, firstValue: cut(value), lines: [line] };
    acc.count++;
    if (acc.lines.length < MAX_SAMPLE_LINES) acc.lines.push(line);
    return acc;
}

/**
 * A checker for the rows of one file, whose headings map as `mappings` says (headerMapping.ts), read in the
 * user's `formats`. `table` adds the table-level checks (required columns missing from the headings, alternate
 * keys). Feed it the preview's rows or the full scan's, one `check(row, line)` each, then read `summary()`.
 */
export function createValueChecker(mappings: readonly HeaderMapping[], formats: ValueFormats, table: ValueCheckTable = {}): ValueChecker {
    const n = mappings.length;
    const rule = new Uint8Array(n);
    const required = new Uint8Array(n);
    const maxLength = new Float64Array(n);
    const min = new Float64Array(n);
    const max = new Float64Array(n);
    const options: (Options | null)[] = new Array<Options | null>(n).fill(null);
    const valid = new Float64Array(n);
    const error = new Float64Array(n);
    const empty = new Float64Array(n);
    /** Per cell of the current row: 0 valid, 1 empty, 2 error. */
    const state = new Uint8Array(n);
    const accumulators: (Accumulator | null)[] = new Array<Accumulator | null>(n * KIND_COUNT).fill(null);

    const plain = numberSyntax([formats.decimalSeparator], [formats.groupSeparator], formats.negativeSign, "");
    const money = numberSyntax(
        [formats.currencyDecimalSeparator, formats.decimalSeparator],
        [formats.currencyGroupSeparator, formats.groupSeparator],
        formats.negativeSign,
        formats.currencySymbol,
    );
    const dates = dateSyntax(formats);

    for (let c = 0; c < n; c++) {
        const column = mappings[c].column;
        if (!column) continue;
        let r = ruleOf(column);
        if ((r === R_WHOLE || r === R_NUMBER) && !plain.usable) r = R_NONE;
        if (r === R_MONEY && !money.usable) r = R_NONE;
        rule[c] = r;
        required[c] = fileMustFill(column) ? 1 : 0;
        maxLength[c] = typeof column.maxLength === "number" ? column.maxLength : Infinity;
        const bigint = column.type === "BigInt";
        const typeMin = r === R_WHOLE ? (bigint ? INT64_MIN : INT32_MIN) : -Infinity;
        const typeMax = r === R_WHOLE ? (bigint ? INT64_MAX : INT32_MAX) : Infinity;
        min[c] = typeof column.minValue === "number" ? Math.max(column.minValue, typeMin) : typeMin;
        max[c] = typeof column.maxValue === "number" ? Math.min(column.maxValue, typeMax) : typeMax;
        options[c] = r === R_CHOICE ? choiceOptions(column) : r === R_BOOLEAN ? booleanOptions(column) : null;
    }

    // Required columns no heading maps to (only from a complete column list).
    const mapped = new Set(mappings.map((m) => m.column?.logicalName).filter((x): x is string => !!x));
    const missing = (table.columns ?? []).filter((col) => fileMustFill(col) && !mapped.has(col.logicalName));

    // Alternate keys whose every column has a heading (the first heading mapping to it).
    const positionOf = new Map<string, number>();
    mappings.forEach((m, i) => {
        if (m.column && !positionOf.has(m.column.logicalName)) positionOf.set(m.column.logicalName, i);
    });
    const keys = (table.alternateKeys ?? [])
        .filter((k) => (k.status === undefined || k.status === "Active") && k.attributes.length > 0 && k.attributes.every((a) => positionOf.has(a)))
        .map((key) => {
            const positions = key.attributes.map((a) => positionOf.get(a)!);
            return { key, positions, index: new KeyIndex(), acc: null as Accumulator | null };
        });

    let rows = 0;

    function flag(c: number, kind: number, value: string, line: number): void {
        const at = c * KIND_COUNT + kind;
        accumulators[at] = addTo(accumulators[at], line, value);
        state[c] = 2;
    }

    function checkKeys(row: readonly string[], line: number): void {
        for (const k of keys) {
            startKeyHash();
            let complete = true;
            for (const c of k.positions) {
                const v = c < row.length ? row[c] : "";
                if (state[c] === 1 || typeof v !== "string") {
                    complete = false;
                    break;
                }
                addToKeyHash(v);
            }
            if (!complete) continue;
            const first = k.index.seen(keyHash[0], keyHash[1], line);
            if (first < 0) continue;
            if (!k.acc) {
                const shown = k.positions.map((c) => (row[c] ?? "").trim()).join(", ");
                k.acc = { count: 1, firstLine: line, firstValue: cut(shown), lines: [line], duplicateOf: first };
            } else addTo(k.acc, line, "");
            for (const c of k.positions) state[c] = 2;
        }
    }

    function check(row: readonly string[], line: number): void {
        rows++;
        const length = row.length;
        for (let c = 0; c < n; c++) {
            const v = c < length ? row[c] : "";
            const value = typeof v === "string" ? v : "";
            const len = value.length;
            const s = trimStart(value, 0, len);
            if (s === len) {
                if (required[c] === 1) flag(c, K_REQUIRED_EMPTY, value, line);
                else state[c] = 1;
                continue;
            }
            state[c] = 0;
            const r = rule[c];
            // The common cases first, without finding the value's end: unchecked, and text within its length.
            if (r === R_NONE || (r === R_TEXT && len - s <= maxLength[c])) continue;
            const e = trimEnd(value, s, len);
            switch (r) {
                case R_TEXT:
                    if (e - s > maxLength[c]) flag(c, K_TOO_LONG, value, line);
                    break;
                case R_WHOLE: {
                    const x = parseNumber(value, s, e, plain);
                    if (!Number.isInteger(x)) flag(c, K_NOT_A_NUMBER, value, line);
                    else if (x < min[c] || x > max[c]) flag(c, K_OUT_OF_RANGE, value, line);
                    break;
                }
                case R_NUMBER:
                case R_MONEY: {
                    const x = parseNumber(value, s, e, rule[c] === R_MONEY ? money : plain);
                    if (!Number.isFinite(x)) flag(c, K_NOT_A_NUMBER, value, line);
                    else if (x < min[c] || x > max[c]) flag(c, K_OUT_OF_RANGE, value, line);
                    break;
                }
                case R_DATE: {
                    const d = checkDate(value, s, e, dates);
                    if (d === DATE_BAD) flag(c, K_NOT_A_DATE, value, line);
                    else if (d === DATE_OUT_OF_RANGE) flag(c, K_OUT_OF_RANGE, value, line);
                    break;
                }
                case R_CHOICE:
                    if (!matchesOption(value, s, e, options[c]!)) flag(c, K_NOT_A_CHOICE, value, line);
                    break;
                case R_BOOLEAN:
                    if (!matchesOption(value, s, e, options[c]!)) flag(c, K_NOT_YES_NO, value, line);
                    break;
                default:
                    break;
            }
        }
        if (keys.length > 0) checkKeys(row, line);
        for (let c = 0; c < n; c++) {
            const st = state[c];
            if (st === 0) valid[c]++;
            else if (st === 1) empty[c]++;
            else error[c]++;
        }
    }

    function summary(): ValueCheckSummary {
        const columns: ColumnQuality[] = mappings.map((m, c) => ({
            column: m.columnNumber,
            header: m.header,
            target: m.column,
            checked: rule[c] !== R_NONE || required[c] === 1 || keys.some((k) => k.positions.includes(c)),
            valid: valid[c],
            error: error[c],
            empty: empty[c],
        }));
        const findings: ValueFinding[] = missing.map((col) => ({
            kind: "requiredMissing",
            column: null,
            header: "",
            target: col,
            count: rows,
            firstLine: null,
            firstValue: null,
            lines: [],
        }));
        for (let c = 0; c < n; c++) {
            const m = mappings[c];
            for (let kind = 0; kind < KIND_COUNT; kind++) {
                const acc = accumulators[c * KIND_COUNT + kind];
                if (acc) findings.push(findingOf(VALUE_FINDING_KINDS[kind], m, acc));
            }
            for (const k of keys) {
                if (k.acc && k.positions[0] === c) findings.push({ ...findingOf("duplicateKey", m, k.acc), key: k.key, duplicateOf: k.acc.duplicateOf });
            }
        }
        return { rows, columns, findings };
    }

    return {
        check,
        get rows() {
            return rows;
        },
        summary,
    };
}

function findingOf(kind: ValueFindingKind, m: HeaderMapping, acc: Accumulator): ValueFinding {
    return {
        kind,
        column: m.columnNumber,
        header: m.header,
        target: m.column,
        count: acc.count,
        firstLine: acc.firstLine,
        firstValue: acc.firstValue,
        lines: acc.lines.slice(),
    };
}
