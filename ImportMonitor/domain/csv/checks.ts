/**
 * The checks that look at the header and at a sample of rows. Each returns findings; none parses the file.
 */
import { finding, FindingKeys, type Finding } from "./findings";
import { DataDelimiterCode, type CsvOptions } from "./options";
import { parseSlice, type Dialect } from "./papa";

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
            findings.push(finding("error", FindingKeys.HeaderBlank, [column], { column }));
            return;
        }
        const first = firstColumnOf.get(name);
        if (first === undefined) firstColumnOf.set(name, column);
        else findings.push(finding("error", FindingKeys.HeaderDuplicate, [text, first, column], { column, columnName: text }));
    });
    return findings;
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
    const where: { column: number; columnName?: string } = { column: i + 1 };
    if (i < header.length) where.columnName = header[i];
    return [finding("warning", FindingKeys.HeaderRowMismatch, [i + 1, server[i] ?? "", header[i] ?? ""], where)];
}
