/**
 * The checks that look at the header and at a sample of rows. Each returns findings; none parses the file.
 */
import { finding, FindingKeys, MAX_PLACES, type Finding, type FindingKey, type FindingPlace } from "./findings";
import { DataDelimiterCode, type CsvOptions } from "./options";
import { parseSlice, type Dialect } from "./papa";
import { breaksInField, codePointName, controlChars, hasSuspectChars, replacementChars } from "./text";

/** How Dataverse compares column names: trimmed, case-insensitive. */
export function normaliseName(name: string): string {
    return name.trim().toLowerCase();
}

/** Blank header cells, and names that repeat (trimmed, case-insensitive), naming both columns. */
export function headerFindings(header: readonly string[]): Finding[] {
    const findings: Finding[] = [];
    const firstColumnOf = new Map<string, number>();
    header.forEach((text, i) => {
        const column = i + 1;
        const name = normaliseName(text);
        if (name === "") {
            findings.push(finding("error", FindingKeys.HeaderBlank, [column], { column, places: [{ line: 1, column }] }));
            return;
        }
        const first = firstColumnOf.get(name);
        if (first === undefined) firstColumnOf.set(name, column);
        else {
            const places = [
                { line: 1, column: first },
                { line: 1, column },
            ];
            findings.push(finding("error", FindingKeys.HeaderDuplicate, [text, first, column], { column, columnName: text, places }));
        }
    });
    return findings;
}

/**
 * The header row's shape: headings with a line break in them (the header then spans lines, which it must not), and
 * a hint when the header line ends with the delimiter (an empty last heading). `header` as parsed, on line 1.
 */
export function headerShapeFindings(header: readonly string[]): Finding[] {
    const findings: Finding[] = [];
    let line = 1;
    header.forEach((text, i) => {
        const breaks = breaksInField(text);
        if (breaks === 0) return;
        const column = i + 1;
        const oneLine = text.replace(/\r\n|\r|\n/g, " ");
        const where = { line, column, columnName: text, places: [{ line: 1, column }] };
        findings.push(finding("error", FindingKeys.HeaderLineBreak, [column, oneLine, line, line + breaks], where));
        line += breaks;
    });
    if (header.length >= 2 && header[header.length - 1] === "") {
        const column = header.length;
        findings.push(finding("info", FindingKeys.HeaderTrailingDelimiter, [column], { line, column, places: [{ line: 1, column }] }));
    }
    return findings;
}

/** One kind of cell problem counted over rows: how many, the first one, and the cells (at most MAX_PLACES). */
interface CellTally {
    count: number;
    /** Physical line and column of the first one; 0 while there is none. */
    line: number;
    column: number;
    /** The first one's character, for control characters. */
    char: string;
    places: FindingPlace[];
}

function tally(): CellTally {
    return { count: 0, line: 0, column: 0, char: "", places: [] };
}

/** A value that starts with spaces and then the quote character. */
function spaceThenQuote(field: string, quote: string): boolean {
    if (field.charCodeAt(0) !== 32) return false;
    let i = 1;
    while (field.charCodeAt(i) === 32) i++;
    return field.startsWith(quote, i);
}

/**
 * Whether `text` (raw content from a row boundary) may hold a value that starts with spaces and then `quote`: a
 * quote after a run of spaces that follows a delimiter, a line break or the start. One native search for the quote
 * character (a single character: much faster than searching for " " + quote), looking back only at those after a space.
 */
export function mayHoldSpaceBeforeQuote(text: string, delimiter: string, quote: string | null): boolean {
    if (quote === null) return false;
    let i = text.indexOf(quote);
    while (i !== -1) {
        if (i > 0 && text.charCodeAt(i - 1) === 32) {
            let j = i - 1;
            while (j > 0 && text.charCodeAt(j - 1) === 32) j--;
            if (j === 0) return true;
            const before = text[j - 1];
            if (before === delimiter || before === "\n" || before === "\r") return true;
        }
        i = text.indexOf(quote, i + 1);
    }
    return false;
}

/**
 * Checks of the values of rows, fed one row at a time (the preview: each row it reads; the full scan: the rows of
 * the slices that may have something, see hasSuspectChars and mayHoldSpaceBeforeQuote): U+FFFD, control characters
 * and values that start with a space and a quote. Keeps counts, the first of each, and up to MAX_PLACES cells.
 */
export class RowValueChecks {
    private readonly replacement = tally();
    private readonly control = tally();
    private readonly spaceQuote = tally();

    /**
     * @param quoteChar the data delimiter (null: None; then quotes are data and the space check is off)
     * @param onCell called for each cell with a problem, in row and column order (the full scan's problem lines)
     */
    public constructor(
        private readonly quoteChar: string | null,
        private readonly onCell?: (key: FindingKey, line: number, column: number) => void,
    ) {}

    /** One parsed row that starts on `rowLine`. */
    public inspect(fields: readonly string[], rowLine: number): void {
        const quote = this.quoteChar;
        for (let c = 0; c < fields.length; c++) {
            const field = fields[c];
            if (quote !== null && spaceThenQuote(field, quote)) {
                this.add(this.spaceQuote, FindingKeys.SpaceBeforeQuote, rowLine, c, 1, "", () => this.physicalLine(fields, c, rowLine, 0));
            }
            if (!hasSuspectChars(field)) continue;
            const r = replacementChars(field);
            if (r) this.add(this.replacement, FindingKeys.ReplacementChars, rowLine, c, r.count, r.char, () => this.physicalLine(fields, c, rowLine, r.first));
            const k = controlChars(field);
            if (k) this.add(this.control, FindingKeys.ControlChars, rowLine, c, k.count, k.char, () => this.physicalLine(fields, c, rowLine, k.first));
        }
    }

    /** The line of character `index` of field `c` of a row on `rowLine`: the row's breaks before it added. */
    private physicalLine(fields: readonly string[], c: number, rowLine: number, index: number): number {
        let line = rowLine;
        for (let i = 0; i < c; i++) line += breaksInField(fields[i]);
        return line + breaksInField(fields[c].slice(0, index));
    }

    private add(t: CellTally, key: FindingKey, rowLine: number, c: number, count: number, char: string, lineOfFirst: () => number): void {
        if (t.count === 0) {
            t.line = lineOfFirst();
            t.column = c + 1;
            t.char = char;
        }
        t.count += count;
        if (t.places.length < MAX_PLACES) t.places.push({ line: rowLine, column: c + 1 });
        this.onCell?.(key, rowLine, c + 1);
    }

    /** Findings for what was seen; `places`: list the cells (false: the caller lists them, as the full scan does). */
    public findings(places = true): Finding[] {
        const out: Finding[] = [];
        const where = (t: CellTally) => (places ? { line: t.line, column: t.column, places: t.places } : { line: t.line, column: t.column });
        const r = this.replacement;
        if (r.count > 0) out.push(finding("warning", FindingKeys.ReplacementChars, [r.count, r.line], where(r)));
        const k = this.control;
        if (k.count > 0) out.push(finding("warning", FindingKeys.ControlChars, [k.count, k.line, codePointName(k.char)], where(k)));
        const q = this.spaceQuote;
        if (q.count > 0) out.push(finding("info", FindingKeys.SpaceBeforeQuote, [q.count, q.line], where(q)));
        return out;
    }
}

interface QuoteUse {
    /** Fields that start with the quote. */
    opens: number;
    /** Fields that both start and end with it (a wrapped value without a delimiter inside). */
    wrapped: number;
    /** Fields that end with it without starting with it (the end of a wrapped value a delimiter split). */
    closesOnly: number;
}

function quoteUse(rows: readonly (readonly string[])[], quote: string): QuoteUse {
    const use: QuoteUse = { opens: 0, wrapped: 0, closesOnly: 0 };
    for (const row of rows) {
        for (const raw of row) {
            const field = raw.trim();
            const opens = field.startsWith(quote);
            const closes = field.endsWith(quote);
            if (opens) use.opens++;
            if (opens && closes && field.length >= 2) use.wrapped++;
            else if (closes && !opens) use.closesOnly++;
        }
    }
    return use;
}

function wraps(use: QuoteUse): boolean {
    return use.wrapped > 0 || (use.opens > 0 && use.closesOnly > 0);
}

/**
 * Quote characters that wrap fields although the record says None, or the other quote character than the
 * record's. Reads the sample as raw text (no quoting), split on `delimiter`.
 */
export function dataDelimiterFindings(sample: string, options: CsvOptions, dialect: Dialect, isLast: boolean): Finding[] {
    const rows = parseSlice(sample, { ...dialect, quoteChar: null }, isLast).rows;
    const { DoubleQuote, SingleQuote } = DataDelimiterCode;
    const use = { [DoubleQuote]: quoteUse(rows, '"'), [SingleQuote]: quoteUse(rows, "'") };
    const code = options.dataDelimiterCode;
    if (code === DataDelimiterCode.None) {
        const wrapping = [DoubleQuote, SingleQuote].find((quote) => wraps(use[quote]));
        return wrapping ? [finding("warning", FindingKeys.QuotesWithNone, [wrapping])] : [];
    }
    // Fields wrapped in the other quote character, and never opened with the record's one.
    const other = code === DoubleQuote ? SingleQuote : DoubleQuote;
    return use[code].opens === 0 && wraps(use[other]) ? [finding("warning", FindingKeys.DataDelimiterMismatch, [code, other])] : [];
}

/**
 * importfile.headerrow (the server's header columns, comma-separated) against the file's header. It is read
 * as a comma-separated line with double quotes, so a quoted name with a comma in it is one name; and a name
 * with a comma stored unquoted still matches, as the joined text is compared too. Trimmed, case-insensitive.
 */
export function headerRowFindings(serverHeaderRow: string | null, header: readonly string[]): Finding[] {
    if (serverHeaderRow === null || serverHeaderRow.trim() === "") return [];
    const server = parseSlice(serverHeaderRow.trim(), { delimiter: ",", quoteChar: '"', newline: "\n" }, true).rows[0] ?? [];
    const ours = header.map(normaliseName);
    const theirs = server.map(normaliseName);
    if (ours.length === theirs.length && ours.every((name, i) => name === theirs[i])) return [];
    if (normaliseName(serverHeaderRow) === ours.join(",")) return [];
    let i = 0;
    while (i < ours.length && i < theirs.length && ours[i] === theirs[i]) i++;
    const where: { column: number; columnName?: string; places: FindingPlace[] } = { column: i + 1, places: [{ line: 1 }] };
    if (i < header.length) {
        where.columnName = header[i];
        where.places = [{ line: 1, column: i + 1 }];
    }
    return [finding("warning", FindingKeys.HeaderRowMismatch, [i + 1, server[i] ?? "", header[i] ?? ""], where)];
}
