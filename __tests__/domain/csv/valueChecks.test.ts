import { readFileSync } from "node:fs";
import { join } from "node:path";
import Papa from "papaparse";
import { mapHeadersToColumns, type TableColumn } from "../../../ImportMonitor/domain/csv/headerMapping";
import {
    createValueChecker,
    dateOrderOf,
    DEFAULT_VALUE_FORMATS,
    lookupMatch,
    MAX_SAMPLE_LINES,
    MAX_SAMPLE_VALUE_CHARS,
    valueFormatsFrom,
    type AlternateKey,
    type ValueCheckTable,
    type ValueFinding,
    type ValueFormats,
} from "../../../ImportMonitor/domain/csv/valueChecks";
import { VALUES_COLUMNS, VALUES_HEADERS, VALUES_KEYS, valuesCsv, valuesRow } from "../../fixtures/values-table";

const EN_US = DEFAULT_VALUE_FORMATS;
const DE_DE = valueFormatsFrom(
    { numberDecimalSeparator: ",", numberGroupSeparator: ".", currencyDecimalSeparator: ",", currencyGroupSeparator: ".", currencySymbol: "€", negativeSign: "-" },
    { shortDatePattern: "dd.MM.yyyy", dateSeparator: ".", timeSeparator: ":", amDesignator: "", pmDesignator: "", monthNames: ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember", ""] },
);
const FR_FR = valueFormatsFrom(
    { numberDecimalSeparator: ",", numberGroupSeparator: "\u202f", currencyDecimalSeparator: ",", currencyGroupSeparator: "\u202f", currencySymbol: "€", negativeSign: "-" },
    { shortDatePattern: "dd/MM/yyyy", dateSeparator: "/", timeSeparator: ":", amDesignator: "", pmDesignator: "", monthNames: ["janvier", "février", "mars"], abbreviatedMonthNames: ["janv.", "févr.", "mars"] },
);
const JA_JP = valueFormatsFrom({}, { shortDatePattern: "yyyy/MM/dd" });

const col = (logicalName: string, type: string, extra: Partial<TableColumn> = {}): TableColumn => ({ logicalName, displayName: logicalName, type, requiredLevel: "None", ...extra });

/** Checks one column's values (one row each, lines 2, 3, …) and returns the kinds flagged per value. */
function kindsOf(column: TableColumn, values: string[], formats: ValueFormats = EN_US): Record<string, string[]> {
    const checker = createValueChecker(mapHeadersToColumns([column.displayName], [column]), formats);
    values.forEach((v, i) => checker.check([v], i + 2));
    const out: Record<string, string[]> = {};
    values.forEach((v, i) => {
        out[v] = checker
            .summary()
            .findings.filter((f) => f.lines.includes(i + 2))
            .map((f) => f.kind);
    });
    return out;
}

/** The values flagged with `kind`, and those not flagged at all. */
function split(column: TableColumn, values: string[], formats: ValueFormats = EN_US): { flagged: Record<string, string>; passed: string[] } {
    const kinds = kindsOf(column, values, formats);
    const flagged: Record<string, string> = {};
    const passed: string[] = [];
    for (const v of values) {
        if (kinds[v].length === 0) passed.push(v);
        else flagged[v] = kinds[v].join(",");
    }
    return { flagged, passed };
}

function run(headers: string[], columns: TableColumn[], rows: string[][], formats: ValueFormats = EN_US, table: ValueCheckTable = {}) {
    const checker = createValueChecker(mapHeadersToColumns(headers, columns), formats, table);
    rows.forEach((r, i) => checker.check(r, i + 2));
    return checker.summary();
}

describe("valueFormatsFrom (PCF userSettings → ValueFormats)", () => {
    it("falls back to en-US for a host that gives nothing, or nonsense", () => {
        expect(valueFormatsFrom(null, undefined)).toEqual(DEFAULT_VALUE_FORMATS);
        expect(valueFormatsFrom({ numberDecimalSeparator: 5, currencySymbol: null }, { shortDatePattern: "", monthNames: "Jan" })).toEqual(DEFAULT_VALUE_FORMATS);
        expect(valueFormatsFrom({}, { shortDatePattern: "HH:mm" })).toMatchObject({ shortDatePattern: "M/d/yyyy", dateOrder: "MDY" });
    });

    it("reads de-DE, fr-FR and ja-JP", () => {
        expect(DE_DE).toMatchObject({ decimalSeparator: ",", groupSeparator: ".", currencySymbol: "€", shortDatePattern: "dd.MM.yyyy", dateOrder: "DMY", dateSeparator: "." });
        expect(DE_DE.monthNames).toContain("März");
        expect(FR_FR).toMatchObject({ decimalSeparator: ",", groupSeparator: "\u202f", dateOrder: "DMY" });
        expect(FR_FR.monthNames).toEqual(["janvier", "février", "mars", "janv.", "févr.", "mars"]);
        expect(JA_JP).toMatchObject({ dateOrder: "YMD", decimalSeparator: "." });
    });

    it("drops a group separator equal to the decimal separator, and defaults one that would be", () => {
        expect(valueFormatsFrom({ numberDecimalSeparator: ",", numberGroupSeparator: "," })).toMatchObject({ decimalSeparator: ",", groupSeparator: "" });
        expect(valueFormatsFrom({ numberDecimalSeparator: "," })).toMatchObject({ decimalSeparator: ",", groupSeparator: "" });
        expect(valueFormatsFrom({ numberGroupSeparator: "" })).toMatchObject({ groupSeparator: "" });
    });

    it("reads the order of day, month and year from a .NET pattern, quoted literals skipped", () => {
        expect(dateOrderOf("M/d/yyyy")).toBe("MDY");
        expect(dateOrderOf("dd.MM.yyyy")).toBe("DMY");
        expect(dateOrderOf("d. M. yyyy")).toBe("DMY");
        expect(dateOrderOf("yyyy'-'MM'-'dd")).toBe("YMD");
        expect(dateOrderOf("yyyy.MM.dd.")).toBe("YMD");
        expect(dateOrderOf("'day' d 'of' M, yyyy")).toBe("DMY");
        expect(dateOrderOf("MMMM yyyy")).toBeNull();
    });
});

describe("text longer than the column's MaxLength", () => {
    it("flags only longer values, trimmed, String and Memo alike", () => {
        expect(split(col("code", "String", { maxLength: 5 }), ["abcdef", "abcde", "  abcde  ", "a"])).toEqual({ flagged: { abcdef: "tooLong" }, passed: ["abcde", "  abcde  ", "a"] });
        expect(split(col("notes", "Memo", { maxLength: 3 }), ["four", "two"])).toEqual({ flagged: { four: "tooLong" }, passed: ["two"] });
    });

    it("counts UTF-16 code units, as .NET's string length does", () => {
        expect(split(col("code", "String", { maxLength: 2 }), ["😀", "é😀"]).flagged).toEqual({ "é😀": "tooLong" });
    });

    it("checks nothing without a MaxLength (a host that gave none)", () => {
        expect(split(col("code", "String"), ["x".repeat(5000)]).passed).toHaveLength(1);
    });
});

describe("numbers in the user's format", () => {
    const whole = col("employees", "Integer", { minValue: 0, maxValue: 100 });

    it("whole numbers: group separators optional, signs, no fraction, the column's range", () => {
        const { flagged, passed } = split(whole, ["42", "1,00", "+7", "0", "12.0", "1e2", " 9 ", "12.5", "abc", "1 000", "$5", "5%", "-", "", "101", "-1", "1,0,0"]);
        expect(passed).toEqual(["42", "1,00", "+7", "0", "12.0", "1e2", " 9 ", "", "1,0,0"]);
        expect(flagged).toEqual({ "12.5": "notANumber", abc: "notANumber", "1 000": "notANumber", $5: "notANumber", "5%": "notANumber", "-": "notANumber", "101": "outOfRange", "-1": "outOfRange" });
    });

    it("whole numbers keep Int32's range when the column's is not known; BigInt Int64's", () => {
        expect(split(col("n", "Integer"), ["2147483647", "2147483648", "-2147483648", "-2147483649"]).flagged).toEqual({ "2147483648": "outOfRange", "-2147483649": "outOfRange" });
        expect(split(col("n", "BigInt"), ["2147483648", "99999999999999999999"]).flagged).toEqual({ "99999999999999999999": "outOfRange" });
    });

    it("decimal and floating point: the range when known, any finite number otherwise", () => {
        expect(split(col("lat", "Double", { minValue: -90, maxValue: 90, precision: 5 }), ["-90", "89.123456789", "90.00001", "1.5E1", "-1.5e-3", "1.2.3", ".5", "5."]).flagged).toEqual({
            "90.00001": "outOfRange",
            "1.2.3": "notANumber",
        });
        expect(split(col("rate", "Decimal"), ["-1,000,000.25", "1e400"]).flagged).toEqual({ "1e400": "notANumber" });
    });

    it("money: the user's currency symbol before or after, parentheses and trailing signs", () => {
        const money = col("revenue", "Money", { minValue: -1000, maxValue: 1000000 });
        const { flagged, passed } = split(money, ["$1,234.56", "1234.56 $", "-$5", "$-5", "($5.00)", "5-", "$ 7", "€5", "5 USD", "$$5", "($5", "(-5)", "2,000,000"]);
        expect(passed).toEqual(["$1,234.56", "1234.56 $", "-$5", "$-5", "($5.00)", "5-", "$ 7"]);
        expect(flagged).toEqual({ "€5": "notANumber", "5 USD": "notANumber", $$5: "notANumber", "($5": "notANumber", "(-5)": "notANumber", "2,000,000": "outOfRange" });
    });

    it("de-DE: 1.234,56, and what .NET's group rule lets through", () => {
        const rate = col("rate", "Decimal");
        const { flagged, passed } = split(rate, ["1.234,56", "1234,56", "-0,5", "1.5", "1,5", "1,234.56", "1 234,56"], DE_DE);
        // "1.5" reads as 15 (a group separator anywhere in the integer part, as .NET's AllowThousands): not flagged.
        expect(passed).toEqual(["1.234,56", "1234,56", "-0,5", "1.5", "1,5"]);
        expect(flagged).toEqual({ "1,234.56": "notANumber", "1 234,56": "notANumber" });
        expect(split(col("revenue", "Money"), ["1.234,56 €", "€1.234,56", "$5"], DE_DE).flagged).toEqual({ $5: "notANumber" });
    });

    it("fr-FR: every kind of space as the group separator (U+202F, U+00A0, a plain space)", () => {
        const rate = col("rate", "Decimal");
        const { flagged, passed } = split(rate, ["1\u202f234,56", "1\u00a0234,56", "1 234,56", "1234,5", "1.234,56", "1,234.56"], FR_FR);
        expect(passed).toEqual(["1\u202f234,56", "1\u00a0234,56", "1 234,56", "1234,5"]);
        expect(flagged).toEqual({ "1.234,56": "notANumber", "1,234.56": "notANumber" });
        expect(split(col("revenue", "Money"), ["1 234,56 €", "12 €"], FR_FR).passed).toHaveLength(2);
    });

    it("turns the number checks off for separators of more than one character (nothing wrongly flagged)", () => {
        const odd = valueFormatsFrom({ numberDecimalSeparator: "..", numberGroupSeparator: "," });
        expect(split(col("n", "Integer"), ["abc"], odd).passed).toEqual(["abc"]);
    });
});

describe("dates in the user's short date pattern, and ISO 8601", () => {
    const birthday = col("birthdate", "DateTime", { format: "DateOnly", behavior: "DateOnly" });

    it("en-US (M/d/yyyy)", () => {
        const ok = ["1/15/2024", "01/15/2024", "1/15/24", "2/29/2024", "2024-01-15", "2024/1/15", "2024-01-15T10:30:00Z", "2024-01-15T10:30:00.123+01:00", "1/15/2024 10:30 AM", "1/15/2024 10:30:15 pm", "1/15/2024 22:05", "1/15/2024 9 AM", "January 15, 2024", "15 Jan 2024", "1/2024", "1/15", "1-15-2024", "1.15.2024"];
        const { flagged, passed } = split(birthday, [...ok, "15/01/2024", "2/30/2024", "2/29/2023", "13/1/2024", "hello", "43831", "20240115", "1/15/2024 25:00", "1/15/2024 10:60", "1/15/2024 13:00 PM", "1/15/2024 10", "1/15/1752", "1/1/1753", "12/31/9999"]);
        expect(passed).toEqual([...ok, "1/1/1753", "12/31/9999"]);
        expect(flagged).toEqual({
            "15/01/2024": "notADate",
            "2/30/2024": "notADate",
            "2/29/2023": "notADate",
            "13/1/2024": "notADate",
            hello: "notADate",
            "43831": "notADate",
            "20240115": "notADate",
            "1/15/2024 25:00": "notADate",
            "1/15/2024 10:60": "notADate",
            "1/15/2024 13:00 PM": "notADate",
            "1/15/2024 10": "notADate",
            "1/15/1752": "outOfRange",
        });
    });

    it("de-DE (dd.MM.yyyy): day first, German month names, the time after", () => {
        const { flagged, passed } = split(birthday, ["15.01.2024", "15.1.2024", "5.1.24", "2024-01-15", "15.01.2024 14:30", "15. März 2024", "01/15/2024", "31.02.2024"], DE_DE);
        expect(passed).toEqual(["15.01.2024", "15.1.2024", "5.1.24", "2024-01-15", "15.01.2024 14:30", "15. März 2024"]);
        expect(flagged).toEqual({ "01/15/2024": "notADate", "31.02.2024": "notADate" });
    });

    it("fr-FR (dd/MM/yyyy) with French abbreviated months", () => {
        expect(split(birthday, ["15/01/2024", "15 janv. 2024", "1/15/2024"], FR_FR).flagged).toEqual({ "1/15/2024": "notADate" });
    });

    it("a year-first pattern (yyyy/MM/dd) takes a year-last date in either order, as the import reinterprets it", () => {
        expect(split(birthday, ["2024/01/15", "01/15/2024", "15/01/2024", "24/01/15", "13/13/2024"], JA_JP).flagged).toEqual({ "13/13/2024": "notADate" });
    });

    it("a trailing separator (Hungarian 2024.01.15.) and a time on a date-only column are not flagged", () => {
        const hu = valueFormatsFrom({}, { shortDatePattern: "yyyy. MM. dd." });
        expect(split(birthday, ["2024. 01. 15.", "2024.01.15.", "2024.01.15. 10:00"], hu).flagged).toEqual({});
    });
});

describe("choices and yes/no values against their labels", () => {
    const industry = col("industrycode", "Picklist", { choices: [{ value: 1, label: "Accounting" }, { value: 2, label: "Brokers" }, { value: 10, label: "Doctor's Offices and Clinics" }] });

    it("choices: labels in any case and with spaces around, option values; nothing else", () => {
        const { flagged, passed } = split(industry, ["Accounting", "accounting", " BROKERS ", "doctor's offices and clinics", "1", "10", "3", "Accountancy", "Accounting;Brokers"]);
        expect(passed).toEqual(["Accounting", "accounting", " BROKERS ", "doctor's offices and clinics", "1", "10"]);
        expect(flagged).toEqual({ "3": "notAChoice", Accountancy: "notAChoice", "Accounting;Brokers": "notAChoice" });
    });

    it("labels with non-ASCII letters match in any case", () => {
        const c = col("c", "Picklist", { choices: [{ value: 1, label: "Énergie" }] });
        expect(split(c, ["énergie", "ÉNERGIE", "Energie"]).flagged).toEqual({ Energie: "notAChoice" });
    });

    it("yes/no: the two labels, 1/0, true/false; not other words", () => {
        const hold = col("creditonhold", "Boolean", { trueLabel: "Yes", falseLabel: "No" });
        const { flagged, passed } = split(hold, ["Yes", "no", "NO", "1", "0", "TRUE", "false", "Y", "maybe", "2"]);
        expect(passed).toEqual(["Yes", "no", "NO", "1", "0", "TRUE", "false"]);
        expect(flagged).toEqual({ Y: "notYesNo", maybe: "notYesNo", "2": "notYesNo" });
        const email = col("donotemail", "Boolean", { trueLabel: "Do Not Allow", falseLabel: "Allow" });
        expect(split(email, ["do not allow", "Allow", "Yes"]).flagged).toEqual({ Yes: "notYesNo" });
    });

    it("checks nothing without the options (a host that gave none)", () => {
        expect(split(col("c", "Picklist"), ["anything"]).passed).toEqual(["anything"]);
        expect(split(col("b", "Boolean", { trueLabel: "Yes" }), ["anything"]).passed).toEqual(["anything"]);
    });
});

describe("required columns", () => {
    const name = col("name", "String", { displayName: "Account Name", requiredLevel: "ApplicationRequired", maxLength: 160 });
    const owner = col("ownerid", "Owner", { displayName: "Owner", requiredLevel: "SystemRequired" });
    const city = col("city", "String", { displayName: "City", maxLength: 80 });

    it("an empty or blank cell of a required column is an error; of another column, empty", () => {
        const s = run(["Account Name", "City"], [name, city], [["Contoso", ""], ["", "Paris"], ["   ", " "], ["Fabrikam"]]);
        expect(s.findings).toEqual([expect.objectContaining({ kind: "requiredEmpty", column: 1, header: "Account Name", count: 2, firstLine: 3, firstValue: "", lines: [3, 4] })]);
        expect(s.columns).toEqual([
            { column: 1, header: "Account Name", target: name, checked: true, valid: 2, error: 2, empty: 0 },
            { column: 2, header: "City", target: city, checked: true, valid: 1, error: 0, empty: 3 },
        ]);
        expect(run(["Account Name"], [name], [["Contoso"], ["Fabrikam"]]).findings).toEqual([]);
    });

    it("a required column no heading maps to is a table-level finding; the owner, the key, the status and read-only columns are not", () => {
        const id = col("accountid", "Uniqueidentifier", { requiredLevel: "SystemRequired" });
        const state = col("statecode", "State", { requiredLevel: "SystemRequired", validForCreate: false });
        const readOnly = col("computed", "String", { requiredLevel: "ApplicationRequired", validForCreate: false });
        const topic = col("subject", "String", { displayName: "Topic", requiredLevel: "SystemRequired" });
        const columns = [id, name, owner, state, readOnly, topic, city];
        const s = run(["City"], columns, [["Paris"], ["Oslo"]], EN_US, { columns });
        expect(s.findings).toEqual([
            { kind: "requiredMissing", column: null, header: "", target: name, count: 2, firstLine: null, firstValue: null, lines: [] },
            { kind: "requiredMissing", column: null, header: "", target: topic, count: 2, firstLine: null, firstValue: null, lines: [] },
        ]);
        // Without the table's (complete) column list, missing columns are not looked for.
        expect(run(["City"], columns, [["Paris"]]).findings).toEqual([]);
        // Mapped, it passes.
        expect(run(["Account Name", "Topic", "City"], columns, [["A", "B", "C"]], EN_US, { columns }).findings).toEqual([]);
    });

    it("an empty owner cell is not flagged (the import assigns the owner)", () => {
        expect(run(["Owner"], [owner], [[""]]).findings).toEqual([]);
    });
});

describe("duplicate values of an alternate key", () => {
    const number = col("accountnumber", "String", { displayName: "Account Number", maxLength: 20 });
    const name = col("name", "String", { displayName: "Account Name", maxLength: 160 });
    const key: AlternateKey = { logicalName: "accountnumberkey", displayName: "Account Number", attributes: ["accountnumber"], status: "Active" };

    it("flags a repeat within the file, case-insensitively and trimmed; empty values are not keys", () => {
        const s = run(["Account Name", "Account Number"], [name, number], [["A", "AC-1"], ["B", "AC-2"], ["C", " ac-1"], ["D", ""], ["E", ""], ["F", "AC-2"], ["G", "AC-3"]], EN_US, { alternateKeys: [key] });
        expect(s.findings).toEqual([
            { kind: "duplicateKey", column: 2, header: "Account Number", target: number, count: 2, firstLine: 4, firstValue: "ac-1", lines: [4, 7], key, duplicateOf: 2 },
        ]);
        expect(s.columns[1]).toMatchObject({ checked: true, valid: 3, error: 2, empty: 2 });
    });

    it("passes unique values", () => {
        expect(run(["Account Number"], [number], [["AC-1"], ["AC-2"], ["AC-10"]], EN_US, { alternateKeys: [key] }).findings).toEqual([]);
    });

    it("a composite key repeats only when every part does", () => {
        const composite: AlternateKey = { logicalName: "k", displayName: "Name and number", attributes: ["name", "accountnumber"] };
        const s = run(["Account Name", "Account Number"], [name, number], [["A", "1"], ["A", "2"], ["B", "1"], ["a", "1"]], EN_US, { alternateKeys: [composite] });
        expect(s.findings).toEqual([expect.objectContaining({ kind: "duplicateKey", column: 1, firstLine: 5, firstValue: "a, 1", duplicateOf: 2 })]);
        expect(s.columns.map((c) => c.error)).toEqual([1, 1]);
    });

    it("skips a key with a column the file has no heading for, and a key whose index is not active", () => {
        const composite: AlternateKey = { logicalName: "k", displayName: "", attributes: ["name", "accountnumber"] };
        expect(run(["Account Number"], [number], [["1"], ["1"]], EN_US, { alternateKeys: [composite] }).findings).toEqual([]);
        expect(run(["Account Number"], [number], [["1"], ["1"]], EN_US, { alternateKeys: [{ ...key, status: "Pending" }] }).findings).toEqual([]);
        expect(run(["Account Number"], [number], [["1"], ["1"]], EN_US, { alternateKeys: [{ ...key, status: undefined }] }).findings).toHaveLength(1);
    });
});

describe("the checker", () => {
    it("leaves unmapped and ambiguous headings unchecked, with valid/empty counts only", () => {
        const a = col("a1", "Integer", { displayName: "Amount" });
        const b = col("a2", "Integer", { displayName: "Amount" });
        const s = run(["Amount", "Notes"], [a, b], [["x", "y"], ["", ""]]);
        expect(s.findings).toEqual([]);
        expect(s.columns).toEqual([
            { column: 1, header: "Amount", target: null, checked: false, valid: 1, error: 0, empty: 1 },
            { column: 2, header: "Notes", target: null, checked: false, valid: 1, error: 0, empty: 1 },
        ]);
    });

    it("counts every row in each column: valid + error + empty = rows; short rows' missing cells are empty, extra cells ignored", () => {
        const n = col("n", "Integer", { displayName: "N" });
        const t = col("t", "String", { displayName: "T", maxLength: 2 });
        const s = run(["N", "T"], [n, t], [["1", "ab"], ["x"], ["2", "abc", "extra"], []]);
        expect(s.rows).toBe(4);
        expect(s.columns.map((c) => [c.valid, c.error, c.empty])).toEqual([
            [2, 1, 1],
            [1, 1, 2],
        ]);
    });

    it(`keeps the first ${MAX_SAMPLE_LINES} lines of a finding and counts them all; long values are cut`, () => {
        const n = col("n", "Integer", { displayName: "N" });
        const checker = createValueChecker(mapHeadersToColumns(["N"], [n]), EN_US);
        checker.check(["x".repeat(1000)], 2);
        for (let i = 0; i < 250; i++) checker.check(["bad"], i + 3);
        const [f] = checker.summary().findings;
        expect(checker.rows).toBe(251);
        expect(f.count).toBe(251);
        expect(f.lines).toHaveLength(MAX_SAMPLE_LINES);
        expect(f.lines.slice(0, 3)).toEqual([2, 3, 4]);
        expect(f.firstValue).toBe("x".repeat(MAX_SAMPLE_VALUE_CHARS) + "…");
    });

    it("goes on after summary(), whose results do not change afterwards", () => {
        const n = col("n", "Integer", { displayName: "N" });
        const checker = createValueChecker(mapHeadersToColumns(["N"], [n]), EN_US);
        checker.check(["x"], 2);
        const first = checker.summary();
        checker.check(["y"], 3);
        expect(first.findings[0]).toMatchObject({ count: 1, lines: [2] });
        expect(checker.summary().findings[0]).toMatchObject({ count: 2, lines: [2, 3] });
    });

    it("does not check lookups, but says where they are matched", () => {
        const contact = col("primarycontactid", "Lookup", { displayName: "Primary Contact", targets: ["contact"], targetPrimaryNames: { contact: "fullname" } });
        const customer = col("parentcustomerid", "Customer", { displayName: "Company Name", targets: ["account", "contact"], targetPrimaryNames: { account: "name" } });
        expect(run(["Primary Contact"], [contact], [["Nobody at all"]]).findings).toEqual([]);
        expect(lookupMatch(contact)).toEqual([{ table: "contact", column: "fullname" }]);
        expect(lookupMatch(customer)).toEqual([
            { table: "account", column: "name" },
            { table: "contact", column: null },
        ]);
        expect(lookupMatch(col("name", "String"))).toEqual([]);
    });

    it("orders findings by column, then by kind", () => {
        const n = col("n", "Integer", { displayName: "N", requiredLevel: "ApplicationRequired", maxValue: 5 });
        const d = col("d", "DateTime", { displayName: "D" });
        const s = run(["D", "N"], [n, d], [["x", "9"], ["1/1/2020", "a"], ["1/1/2020", ""]]);
        expect(s.findings.map((f) => [f.column, f.kind])).toEqual([
            [1, "notADate"],
            [2, "requiredEmpty"],
            [2, "notANumber"],
            [2, "outOfRange"],
        ]);
    });
});

describe("a 20-column table of mixed types (fixtures/values-table.ts, values-mixed.csv)", () => {
    const table: ValueCheckTable = { columns: VALUES_COLUMNS, alternateKeys: VALUES_KEYS };

    function checkCsv(text: string, formats: ValueFormats = EN_US) {
        const parsed = Papa.parse<string[]>(text, { delimiter: ",", newline: "\r\n", skipEmptyLines: true });
        const [headers, ...rows] = parsed.data;
        const checker = createValueChecker(mapHeadersToColumns(headers, VALUES_COLUMNS), formats, table);
        // Line of each row: 1 + the line breaks before it (the fixture's one multi-line value counts).
        let line = 2;
        for (const row of rows) {
            checker.check(row, line);
            line += 1 + row.reduce((n, v) => n + (v.match(/\r\n/g)?.length ?? 0), 0);
        }
        return checker.summary();
    }

    it("finds no problem in 5,000 valid rows of every form the fixture writes", () => {
        const s = checkCsv(valuesCsv(1_300_000));
        expect(s.rows).toBeGreaterThan(5000);
        expect(s.findings).toEqual([]);
        expect(s.columns.every((c) => c.checked === (c.header !== "Primary Contact"))).toBe(true);
        expect(s.columns.every((c) => c.valid + c.empty === s.rows)).toBe(true);
    });

    it("finds each wrong value the generator puts in, once per kind", () => {
        const s = checkCsv(valuesCsv(400_000, 100));
        expect(new Set(s.findings.map((f) => `${f.header}: ${f.kind}`))).toEqual(
            new Set([
                "Number of Employees: notANumber",
                "Annual Revenue: notANumber",
                "Last Date Included in Campaign: notADate",
                "Industry: notAChoice",
                "Credit Hold: notYesNo",
                "Account Name: requiredEmpty",
                "Address 1: Latitude: outOfRange",
                "Account Number: duplicateKey",
            ]),
        );
        expect(s.findings.find((f) => f.kind === "duplicateKey")).toMatchObject({ firstValue: "AC-00000001", duplicateOf: 2, firstLine: 701 });
    });

    it("reports every problem of values-mixed.csv with its line, column and value", () => {
        const s = checkCsv(readFileSync(join(__dirname, "../../fixtures/values-mixed.csv"), "utf8"));
        const brief = (f: ValueFinding) => [f.header, f.kind, f.count, f.firstLine, f.firstValue, f.lines.join(" ")];
        expect(s.rows).toBe(7);
        expect(s.findings.map(brief)).toEqual([
            ["Account Name", "requiredEmpty", 1, 6, "", "6"],
            ["Account Number", "duplicateKey", 1, 7, "ac-001", "7"],
            ["Address 1: City", "tooLong", 1, 8, "A city whose name is far too long for the eighty characters the column takes, honestly", "8"],
            ["Number of Employees", "notANumber", 1, 4, "12a", "4"],
            ["Number of Employees", "outOfRange", 1, 9, "-1", "9"],
            ["Shares Outstanding", "outOfRange", 1, 8, "3000000000", "8"],
            ["Annual Revenue", "notANumber", 1, 7, "€12.00", "7"],
            ["Annual Revenue", "outOfRange", 1, 9, "($5.00)", "9"],
            ["Credit Limit", "outOfRange", 1, 8, "-5", "8"],
            ["Address 1: Latitude", "outOfRange", 1, 4, "91.5", "4"],
            ["Discount (%)", "outOfRange", 1, 4, "100.5", "4"],
            ["Last Date Included in Campaign", "outOfRange", 1, 6, "12/31/1700", "6"],
            ["Last Date Included in Campaign", "notADate", 2, 4, "2024-02-30", "4 7"],
            ["Follow-up On", "notADate", 2, 7, "13/1/2024 9:00", "7 9"],
            ["Industry", "notAChoice", 1, 4, "Acounting", "4"],
            ["Credit Hold", "notYesNo", 1, 4, "Y", "4"],
        ]);
        const byHeader = new Map(s.columns.map((c) => [c.header, c]));
        expect(byHeader.get("Notes")).toMatchObject({ target: null, checked: false, valid: 2, empty: 5 });
        expect(byHeader.get("Primary Contact")).toMatchObject({ checked: false, valid: 2, empty: 5 });
        expect(byHeader.get("Number of Employees")).toMatchObject({ valid: 2, error: 2, empty: 3 });
        expect(s.findings.find((f) => f.kind === "duplicateKey")?.duplicateOf).toBe(2);
    });

    it("the headings of the fixture map to its 20 columns", () => {
        expect(mapHeadersToColumns(VALUES_HEADERS, VALUES_COLUMNS).every((m) => m.column !== null)).toBe(true);
        expect(valuesRow(1)).toHaveLength(20);
    });
});
