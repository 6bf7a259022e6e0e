/** @jest-environment node */
/**
 * domain/csv/droppedFile.ts: a dropped file's bytes as the add-files flow keeps them: decoded once, Excel's sep= line
 * used and removed, and the field delimiter guessed from the content. The node environment, because jsdom has no
 * TextDecoder (browsers do). Fixtures: __tests__/fixtures/csv/ and __tests__/fixtures/csv/encoding/ (see the README).
 */
import { readFileSync } from "fs";
import { join } from "path";
import { readDroppedFile } from "../../../ImportMonitor/domain/csv/droppedFile";
import { FieldDelimiterCode } from "../../../ImportMonitor/domain/csv/options";

const FIXTURES = join(__dirname, "..", "..", "fixtures", "csv");
const fixture = (file: string): Uint8Array => new Uint8Array(readFileSync(join(FIXTURES, file)));
const utf8 = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, "utf8"));

/** A file of `rows` data rows of three fields joined by `delimiter`, lines ended by `newline`. */
function bigCsv(delimiter: string, newline: string, minChars: number): string {
    const lines = [["Name", "City", "Phone"].join(delimiter)];
    let length = lines[0].length;
    for (let i = 0; length < minChars; i++) {
        const line = [`Name ${i}`, `City ${i}`, `555-${i}`].join(delimiter);
        lines.push(line);
        length += line.length + newline.length;
    }
    return lines.join(newline) + newline;
}

describe("readDroppedFile: the field delimiter", () => {
    it("a semicolon file is guessed semicolon", () => {
        const file = readDroppedFile(fixture("semicolon-labelled-comma.csv"));
        expect(file).toMatchObject({ fieldDelimiterCode: FieldDelimiterCode.Semicolon, delimiterGuessed: true, sepDelimiter: null, encoding: "utf-8" });
        expect(file.text).toBe("First Name;Last Name;Email\nAnna;Smith;anna@example.com\nBob;Jones;bob@example.com\n");
    });

    it("a semicolon file with quoted semicolons and decimal commas is still semicolon", () => {
        expect(readDroppedFile(fixture("semicolon-quoted.csv"))).toMatchObject({ fieldDelimiterCode: FieldDelimiterCode.Semicolon, delimiterGuessed: true });
        expect(readDroppedFile(utf8("Name;Price;Qty\r\nA;1,5;2\r\nB;2,25;3\r\nC;3;4\r\n"))).toMatchObject({
            fieldDelimiterCode: FieldDelimiterCode.Semicolon,
            delimiterGuessed: true,
        });
    });

    it("a comma file stays comma, not guessed", () => {
        for (const name of ["crlf.csv", "comma-labelled-tab.csv", "quoted-delimiters.csv", "lone-cr.csv"]) {
            expect([name, readDroppedFile(fixture(name))]).toMatchObject([name, { fieldDelimiterCode: FieldDelimiterCode.Comma, delimiterGuessed: false }]);
        }
    });

    it("a tab file is guessed tab, also when its fields hold commas", () => {
        for (const name of ["tab-labelled-comma.csv", "tab-with-commas-labelled-comma.csv"]) {
            expect([name, readDroppedFile(fixture(name))]).toMatchObject([name, { fieldDelimiterCode: FieldDelimiterCode.Tab, delimiterGuessed: true }]);
        }
    });

    it("a colon file is guessed colon; one column of times or URLs stays comma", () => {
        expect(readDroppedFile(fixture("colon-labelled-semicolon.csv"))).toMatchObject({ fieldDelimiterCode: FieldDelimiterCode.Colon, delimiterGuessed: true });
        for (const name of ["one-column-times.csv", "one-column.csv"]) {
            expect([name, readDroppedFile(fixture(name))]).toMatchObject([name, { fieldDelimiterCode: FieldDelimiterCode.Comma, delimiterGuessed: false }]);
        }
    });

    it("an empty file: comma by default, nothing guessed", () => {
        expect(readDroppedFile(fixture("empty.csv"))).toEqual({
            text: "",
            encoding: "utf-8",
            firstNonUtf8Line: null,
            truncated: false,
            sepDelimiter: null,
            fieldDelimiterCode: FieldDelimiterCode.Comma,
            delimiterGuessed: false,
        });
    });

    it.each([
        ["LF", "\n"],
        ["CR LF", "\r\n"],
    ])("a semicolon file larger than the guess sample (%s) is guessed from its first complete lines; the text is whole", (_label, newline) => {
        const csv = bigCsv(";", newline, 200 * 1024);
        const file = readDroppedFile(utf8(csv));
        expect(file).toMatchObject({ fieldDelimiterCode: FieldDelimiterCode.Semicolon, delimiterGuessed: true });
        expect(file.text).toBe(csv);
    });

    it("a semicolon file with lone CR line breaks larger than the guess sample is guessed semicolon", () => {
        expect(readDroppedFile(utf8(bigCsv(";", "\r", 200 * 1024)))).toMatchObject({ fieldDelimiterCode: FieldDelimiterCode.Semicolon, delimiterGuessed: true });
    });

    it("a small semicolon file with lone CR line breaks is guessed semicolon", () => {
        expect(readDroppedFile(utf8("Name;City\rAnna;Paris\rBob;Oslo\r"))).toMatchObject({ fieldDelimiterCode: FieldDelimiterCode.Semicolon, delimiterGuessed: true });
    });
});

describe("readDroppedFile: Excel's sep= line", () => {
    it("sep=; (fixture): semicolon, the line removed, not guessed", () => {
        expect(readDroppedFile(fixture("encoding/sep-semicolon.csv"))).toEqual({
            text: "name;city\r\nAnna;Oslo\r\n",
            encoding: "utf-8",
            firstNonUtf8Line: null,
            truncated: false,
            sepDelimiter: ";",
            fieldDelimiterCode: FieldDelimiterCode.Semicolon,
            delimiterGuessed: false,
        });
    });

    it("the sep line wins over what the content looks like", () => {
        expect(readDroppedFile(utf8("sep=;\na,b\n1,2\n"))).toMatchObject({ text: "a,b\n1,2\n", sepDelimiter: ";", fieldDelimiterCode: FieldDelimiterCode.Semicolon, delimiterGuessed: false });
    });

    it("sep=<tab>: tab", () => {
        expect(readDroppedFile(utf8("sep=\t\r\na\tb\r\n1\t2\r\n"))).toMatchObject({ text: "a\tb\r\n1\t2\r\n", sepDelimiter: "\t", fieldDelimiterCode: FieldDelimiterCode.Tab });
    });

    it("sep=| (no importfile code): the line is removed and reported; the field delimiter is not '|'", () => {
        const file = readDroppedFile(utf8("sep=|\na|b\n1|2\n"));
        expect(file).toMatchObject({ text: "a|b\n1|2\n", sepDelimiter: "|", fieldDelimiterCode: FieldDelimiterCode.Comma, delimiterGuessed: false });
    });

    it("a sep= line after a UTF-8 byte order mark is read too", () => {
        expect(readDroppedFile(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8("sep=;\r\nname;city\r\n")]))).toMatchObject({
            text: "name;city\r\n",
            sepDelimiter: ";",
            fieldDelimiterCode: FieldDelimiterCode.Semicolon,
        });
    });
});

describe("readDroppedFile: encodings", () => {
    it("Windows-1252 (fixture): decoded as such, the first line that is not UTF-8 said", () => {
        expect(readDroppedFile(fixture("encoding/windows-1252.csv"))).toEqual({
            text: "name,note\r\nAlice,plain\r\nRenée,“quoted” 5 €\r\n",
            encoding: "windows-1252",
            firstNonUtf8Line: 3,
            truncated: false,
            sepDelimiter: null,
            fieldDelimiterCode: FieldDelimiterCode.Comma,
            delimiterGuessed: false,
        });
    });

    it("UTF-16 LE with BOM (fixture, Excel's Unicode Text): decoded, BOM dropped, tab guessed", () => {
        expect(readDroppedFile(fixture("encoding/utf16le-bom.csv"))).toEqual({
            text: "name\tcity\r\nRenée\tZürich\r\n日本\t東京\r\n",
            encoding: "utf-16le",
            firstNonUtf8Line: null,
            truncated: false,
            sepDelimiter: null,
            fieldDelimiterCode: FieldDelimiterCode.Tab,
            delimiterGuessed: true,
        });
    });

    it("UTF-16 BE with BOM (fixture) decodes to the same text", () => {
        expect(readDroppedFile(fixture("encoding/utf16be-bom.csv"))).toMatchObject({ text: "name\tcity\r\nRenée\tZürich\r\n日本\t東京\r\n", encoding: "utf-16be" });
    });

    it("UTF-8 with BOM (fixture): the mark is not part of the text (nor of the first header)", () => {
        const file = readDroppedFile(fixture("encoding/utf8-bom.csv"));
        expect(file).toMatchObject({ encoding: "utf-8", firstNonUtf8Line: null, fieldDelimiterCode: FieldDelimiterCode.Comma, delimiterGuessed: false });
        expect(file.text.startsWith("name,city")).toBe(true);
    });

    it("an odd-length UTF-16 file is marked truncated", () => {
        const bytes = new Uint8Array([0xff, 0xfe, ...Buffer.from("a\tb\r\n1\t2", "utf16le"), 0x33]);
        expect(readDroppedFile(bytes)).toMatchObject({ encoding: "utf-16le", truncated: true });
    });
});
