/** @jest-environment node */
/**
 * decode.ts: bytes of a dropped file to text (BOMs, strict UTF-8, Windows-1252 with the first non-UTF-8 line, UTF-16
 * without a BOM by its NUL pattern, odd-length UTF-16) and Excel's sep= line. The node environment, because jsdom has
 * no TextDecoder (browsers do); the fixtures are in __tests__/fixtures/csv/encoding (see the README there).
 */
import { readFileSync } from "fs";
import { join } from "path";
import { decodeCsvBytes, fieldDelimiterCodeFor, firstInvalidUtf8Offset, readSepLine } from "../../../ImportMonitor/domain/csv/decode";
import { FieldDelimiterCode } from "../../../ImportMonitor/domain/csv/options";

const FIXTURES = join(__dirname, "..", "..", "fixtures", "csv", "encoding");
const fixture = (file: string): Uint8Array => new Uint8Array(readFileSync(join(FIXTURES, file)));

/** Bytes from a mix of Latin-1 strings (one byte per char, "\x93" is 0x93) and byte values. */
function bytes(...parts: (string | number)[]): Uint8Array {
    return new Uint8Array(
        Buffer.concat(parts.map((p) => (typeof p === "number" ? Buffer.from([p]) : Buffer.from(p, "latin1")))),
    );
}
const utf8 = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, "utf8"));
const utf16le = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, "utf16le"));
const utf16be = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, "utf16le").swap16());
const cat = (...arrays: Uint8Array[]): Uint8Array => new Uint8Array(Buffer.concat(arrays));

const UTF16_BODY = "name\tcity\r\nRenée\tZürich\r\n日本\t東京\r\n";

describe("decodeCsvBytes: byte order marks", () => {
    it("UTF-8 with BOM (fixture): BOM removed, non-ASCII intact", () => {
        expect(decodeCsvBytes(fixture("utf8-bom.csv"))).toEqual({
            text: "name,city\r\nRenée,Zürich\r\n日本,東京\r\n",
            encoding: "utf-8",
            bom: true,
            firstNonUtf8Line: null,
            truncated: false,
        });
    });

    it("UTF-16 LE with BOM (fixture)", () => {
        expect(decodeCsvBytes(fixture("utf16le-bom.csv"))).toEqual({
            text: UTF16_BODY,
            encoding: "utf-16le",
            bom: true,
            firstNonUtf8Line: null,
            truncated: false,
        });
    });

    it("UTF-16 BE with BOM (fixture)", () => {
        expect(decodeCsvBytes(fixture("utf16be-bom.csv"))).toEqual({
            text: UTF16_BODY,
            encoding: "utf-16be",
            bom: true,
            firstNonUtf8Line: null,
            truncated: false,
        });
    });

    it.each([
        ["UTF-8", [0xef, 0xbb, 0xbf], "utf-8"],
        ["UTF-16 LE", [0xff, 0xfe], "utf-16le"],
        ["UTF-16 BE", [0xfe, 0xff], "utf-16be"],
    ])("a %s BOM only is empty text", (_name, mark, encoding) => {
        expect(decodeCsvBytes(new Uint8Array(mark))).toEqual({ text: "", encoding, bom: true, firstNonUtf8Line: null, truncated: false });
    });

    it("only the first BOM is removed: a second U+FEFF is content", () => {
        expect(decodeCsvBytes(bytes(0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf, "a")).text).toBe("\uFEFFa");
        expect(decodeCsvBytes(cat(new Uint8Array([0xff, 0xfe]), utf16le("\uFEFFa"))).text).toBe("\uFEFFa");
        expect(decodeCsvBytes(cat(new Uint8Array([0xfe, 0xff]), utf16be("\uFEFFa"))).text).toBe("\uFEFFa");
    });

    it("UTF-8 BOM then invalid bytes: still UTF-8 (U+FFFD), with the line of the first invalid byte", () => {
        expect(decodeCsvBytes(bytes(0xef, 0xbb, 0xbf, "a,b\r\nc\r\n", 0xe9, ",d\r\n", 0x80))).toEqual({
            text: "a,b\r\nc\r\n\uFFFD,d\r\n\uFFFD",
            encoding: "utf-8",
            bom: true,
            firstNonUtf8Line: 3,
            truncated: false,
        });
    });

    it("half a UTF-8 BOM is not a BOM: EF BB is invalid UTF-8, so Windows-1252", () => {
        expect(decodeCsvBytes(bytes(0xef, 0xbb, "a"))).toEqual({
            text: "ï»a",
            encoding: "windows-1252",
            bom: false,
            firstNonUtf8Line: 1,
            truncated: false,
        });
    });
});

describe("decodeCsvBytes: UTF-8 without BOM", () => {
    it("empty input is empty UTF-8", () => {
        expect(decodeCsvBytes(new Uint8Array(0))).toEqual({ text: "", encoding: "utf-8", bom: false, firstNonUtf8Line: null, truncated: false });
    });

    it("ASCII", () => {
        expect(decodeCsvBytes(utf8("a,b\r\n1,2\r\n"))).toEqual({ text: "a,b\r\n1,2\r\n", encoding: "utf-8", bom: false, firstNonUtf8Line: null, truncated: false });
    });

    it("non-ASCII: é, 日本, and a 4-byte character", () => {
        const text = "name,city\nRenée,Zürich\n日本,東京\n😀,x";
        expect(decodeCsvBytes(utf8(text))).toEqual({ text, encoding: "utf-8", bom: false, firstNonUtf8Line: null, truncated: false });
    });

    it("U+FFFD written as UTF-8 (EF BF BD) is valid", () => {
        expect(decodeCsvBytes(utf8("a\uFFFDb")).encoding).toBe("utf-8");
    });

    it("a NUL or two in UTF-8 text is not UTF-16", () => {
        expect(decodeCsvBytes(utf8("a\0b,c\r\n1,2\0\r\n"))).toMatchObject({ encoding: "utf-8", text: "a\0b,c\r\n1,2\0\r\n" });
    });
});

describe("decodeCsvBytes: Windows-1252", () => {
    it("the fixture: é, smart quotes and € from line 3", () => {
        expect(decodeCsvBytes(fixture("windows-1252.csv"))).toEqual({
            text: "name,note\r\nAlice,plain\r\nRenée,\u201Cquoted\u201D 5 \u20AC\r\n",
            encoding: "windows-1252",
            bom: false,
            firstNonUtf8Line: 3,
            truncated: false,
        });
    });

    it.each([
        ["é (E9)", 0xe9, "é"],
        ["€ (80)", 0x80, "€"],
        ["“ (93)", 0x93, "\u201C"],
        ["” (94)", 0x94, "\u201D"],
        ["ÿ (FF)", 0xff, "ÿ"],
        ["81, unassigned in 1252: U+0081 as in the Encoding Standard", 0x81, "\u0081"],
    ])("%s on line 1", (_name, byte, char) => {
        expect(decodeCsvBytes(bytes("a", byte, ",b"))).toEqual({
            text: `a${char},b`,
            encoding: "windows-1252",
            bom: false,
            firstNonUtf8Line: 1,
            truncated: false,
        });
    });

    it("every byte 80..FF as the Encoding Standard's index-windows-1252 (not Latin-1: Node 20.18.3+ gets 80..9F wrong by default)", () => {
        // 80..9F from https://encoding.spec.whatwg.org/index-windows-1252.txt; A0..FF are U+00A0..U+00FF.
        const block = [
            0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
            0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
        ];
        const high = Array.from({ length: 128 }, (_, i) => 0x80 + i);
        const decoded = decodeCsvBytes(new Uint8Array(high));
        expect(decoded.encoding).toBe("windows-1252");
        expect(Array.from(decoded.text, (c) => c.codePointAt(0))).toEqual([...block, ...high.slice(32)]);
    });

    it("the whole file is read as Windows-1252, also the valid UTF-8 before the first invalid byte", () => {
        // "é" in UTF-8 on line 1, a 1252 "é" on line 2: the file is one encoding, so line 1 shows as "Ã©".
        expect(decodeCsvBytes(bytes(0xc3, 0xa9, "\n", 0xe9))).toMatchObject({ text: "Ã©\né", encoding: "windows-1252", firstNonUtf8Line: 2 });
    });

    it.each([
        ["on line 3 after CR LF lines", bytes("a,b\r\n1,2\r\n3,", 0xe9, "\r\n"), 3],
        ["on line 3 after LF lines", bytes("a,b\n1,2\n3,", 0xe9, "\n"), 3],
        ["on line 3 after lone CR lines", bytes("a,b\r1,2\r3,", 0xe9, "\r"), 3],
        ["on line 4 after blank lines (CR LF, LF)", bytes("a\r\n\r\n\n", 0x93, "x", 0x94), 4],
        ["right after a CR that ends line 1", bytes("a\r", 0xe9), 2],
        ["first byte of the file", bytes(0x80, "\r\n"), 1],
        ["last byte of the file", bytes("a\nb\nc", 0xe9), 3],
        // A quoted field with a line break spans two physical lines: the count is of the file's lines, like Finding.line.
        ["on physical line 4 after a quoted two-line field", bytes('a,b\r\n"x\r\ny",1\r\n', 0xe9, ",2\r\n"), 4],
        ["on physical line 3 inside a quoted two-line field", bytes('a,b\r\n"x\r\n', 0xe9, '",1\r\n'), 3],
    ])("first non-UTF-8 line: %s", (_name, input, line) => {
        const decoded = decodeCsvBytes(input);
        expect(decoded.encoding).toBe("windows-1252");
        expect(decoded.firstNonUtf8Line).toBe(line);
    });

    it.each([
        ["a 2-byte sequence cut at the end", bytes("a,b\n1,", 0xc3)],
        ["a 3-byte sequence cut at the end", bytes("a,b\n1,", 0xe6, 0x97)],
        ["a 4-byte sequence cut at the end", bytes("a,b\n1,", 0xf0, 0x9f, 0x98)],
        ["a cut sequence before a line break", bytes("a,b\n1,", 0xc3, "\n2")],
    ])("%s is invalid UTF-8 → Windows-1252", (_name, input) => {
        expect(decodeCsvBytes(input)).toMatchObject({ encoding: "windows-1252", firstNonUtf8Line: 2 });
    });

    it.each([
        ["overlong NUL C0 80", [0xc0, 0x80]],
        ["overlong C1 BF", [0xc1, 0xbf]],
        ["overlong 3-byte E0 80 80", [0xe0, 0x80, 0x80]],
        ["overlong 3-byte E0 9F BF", [0xe0, 0x9f, 0xbf]],
        ["overlong 4-byte F0 80 80 80", [0xf0, 0x80, 0x80, 0x80]],
        ["overlong 4-byte F0 8F BF BF", [0xf0, 0x8f, 0xbf, 0xbf]],
        ["high surrogate U+D800 as ED A0 80", [0xed, 0xa0, 0x80]],
        ["low surrogate U+DFFF as ED BF BF", [0xed, 0xbf, 0xbf]],
        ["surrogate pair as CESU-8", [0xed, 0xa0, 0xbd, 0xed, 0xb8, 0x80]],
        ["above U+10FFFF: F4 90 80 80", [0xf4, 0x90, 0x80, 0x80]],
        ["lead F5", [0xf5, 0x80, 0x80, 0x80]],
        ["lead FF", [0xff]],
        ["a lone continuation byte", [0xbf]],
        ["a lead followed by ASCII", [0xc3, 0x41]],
    ])("%s is invalid UTF-8 → Windows-1252", (_name, seq) => {
        const decoded = decodeCsvBytes(bytes("h\r\n", ...seq, "\r\n"));
        expect(decoded).toMatchObject({ encoding: "windows-1252", firstNonUtf8Line: 2 });
        expect(firstInvalidUtf8Offset(bytes("h\r\n", ...seq))).toBe(3);
    });

    it.each([
        ["U+D7FF ED 9F BF", [0xed, 0x9f, 0xbf]],
        ["U+E000 EE 80 80", [0xee, 0x80, 0x80]],
        ["U+0800 E0 A0 80", [0xe0, 0xa0, 0x80]],
        ["U+10000 F0 90 80 80", [0xf0, 0x90, 0x80, 0x80]],
        ["U+10FFFF F4 8F BF BF", [0xf4, 0x8f, 0xbf, 0xbf]],
        ["U+0080 C2 80", [0xc2, 0x80]],
    ])("the boundary %s is valid UTF-8", (_name, seq) => {
        expect(decodeCsvBytes(new Uint8Array(seq)).encoding).toBe("utf-8");
        expect(firstInvalidUtf8Offset(new Uint8Array(seq))).toBe(-1);
    });
});

describe("firstInvalidUtf8Offset agrees with the platform's fatal UTF-8 decoder", () => {
    const fatal = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
    const replacing = new TextDecoder("utf-8", { ignoreBOM: true });
    const isValid = (input: Uint8Array): boolean => {
        try {
            fatal.decode(input);
            return true;
        } catch {
            return false;
        }
    };
    /** Where the replacing decoder puts its first U+FFFD must be where the scan says the bad bytes start. */
    function check(seq: number[]): void {
        const input = new Uint8Array([0x61, ...seq]);
        const at = firstInvalidUtf8Offset(input);
        if ((at === -1) !== isValid(input)) throw new Error(`disagree on ${seq.map((b) => b.toString(16)).join(" ")}`);
        if (at !== -1 && replacing.decode(input).indexOf("\uFFFD") !== replacing.decode(input.subarray(0, at)).length) {
            throw new Error(`wrong offset ${at} for ${seq.map((b) => b.toString(16)).join(" ")}`);
        }
    }

    it("every 1- and 2-byte sequence", () => {
        for (let a = 0; a < 256; a++) {
            check([a]);
            for (let b = 0; b < 256; b++) check([a, b]);
        }
    });

    it("3- and 4-byte sequences: every lead E0..FF, boundary second and trail bytes", () => {
        // The boundaries of every range in Unicode's Table 3-7 (80..8F, 90..9F, A0..BF) and just outside them.
        const seconds = [0x00, 0x41, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xff];
        const trails = [0x00, 0x41, 0x7f, 0x80, 0x9f, 0xa0, 0xbf, 0xc0, 0xff];
        for (let lead = 0xe0; lead <= 0xff; lead++) {
            for (const second of seconds) {
                for (const third of trails) {
                    check([lead, second, third]);
                    for (const fourth of trails) check([lead, second, third, fourth]);
                }
            }
        }
    });
});

describe("decodeCsvBytes: UTF-16 without BOM (NUL in every other byte)", () => {
    const ascii = "name,email,city\r\nAnna,anna@example.com,Oslo\r\nBen,ben@example.com,Bergen\r\n";

    it("NULs in the odd bytes: UTF-16 LE", () => {
        expect(decodeCsvBytes(utf16le(ascii))).toEqual({ text: ascii, encoding: "utf-16le", bom: false, firstNonUtf8Line: null, truncated: false });
    });

    it("NULs in the even bytes: UTF-16 BE", () => {
        expect(decodeCsvBytes(utf16be(ascii))).toEqual({ text: ascii, encoding: "utf-16be", bom: false, firstNonUtf8Line: null, truncated: false });
    });

    it("only the first 64 bytes are looked at: non-Latin-1 text after them is fine", () => {
        const text = `${"abcdefghijklmnopqrstuvwxyz012345"}日本,東京\r\n`;
        expect(decodeCsvBytes(utf16le(text))).toMatchObject({ text, encoding: "utf-16le" });
    });

    it("Latin-1 letters (é: E9 00) keep the pattern", () => {
        expect(decodeCsvBytes(utf16le("Renée,Zürich"))).toMatchObject({ text: "Renée,Zürich", encoding: "utf-16le" });
    });

    it("a file shorter than 64 bytes is judged on all its bytes, from 2 characters", () => {
        expect(decodeCsvBytes(utf16le("ab"))).toMatchObject({ text: "ab", encoding: "utf-16le" });
        // One character (2 bytes) is too little to tell: read as UTF-8 ("a" and a NUL).
        expect(decodeCsvBytes(utf16le("a"))).toMatchObject({ text: "a\0", encoding: "utf-8" });
    });

    it("not guessed: UTF-16 whose first characters are not Latin-1 is read as bytes", () => {
        // 日本 in UTF-16 LE is E5 65 2C 67: no NULs, and not valid UTF-8 either.
        expect(decodeCsvBytes(utf16le("日本,東京\r\n"))).toMatchObject({ encoding: "windows-1252", bom: false, firstNonUtf8Line: 1 });
    });

    it("not guessed: the NUL pattern broken inside the first 64 bytes", () => {
        const input = cat(utf16le("name,email"), utf8("x"), utf16le(",city"));
        expect(decodeCsvBytes(input).encoding).toBe("utf-8");
    });

    it("not guessed: NULs on both sides (a pair of NULs)", () => {
        expect(decodeCsvBytes(utf16le("ab\0cd")).encoding).toBe("utf-8");
    });

    it("not guessed: the NUL side switching", () => {
        expect(decodeCsvBytes(cat(utf16le("ab"), utf16be("cd"))).encoding).toBe("utf-8");
    });
});

describe("decodeCsvBytes: odd-length UTF-16", () => {
    it("with a LE BOM: decoded, last byte U+FFFD, truncated", () => {
        expect(decodeCsvBytes(cat(new Uint8Array([0xff, 0xfe]), utf16le("a,b\r\n1,2"), new Uint8Array([0x33])))).toEqual({
            text: "a,b\r\n1,2\uFFFD",
            encoding: "utf-16le",
            bom: true,
            firstNonUtf8Line: null,
            truncated: true,
        });
    });

    it("with a BE BOM", () => {
        expect(decodeCsvBytes(cat(new Uint8Array([0xfe, 0xff]), utf16be("a,b"), new Uint8Array([0x00])))).toMatchObject({
            text: "a,b\uFFFD",
            encoding: "utf-16be",
            truncated: true,
        });
    });

    it("a BOM and one byte", () => {
        expect(decodeCsvBytes(new Uint8Array([0xff, 0xfe, 0x41]))).toMatchObject({ text: "\uFFFD", encoding: "utf-16le", truncated: true });
    });

    it("without a BOM (NUL pattern)", () => {
        expect(decodeCsvBytes(cat(utf16le("name,city"), new Uint8Array([0x0d])))).toMatchObject({
            text: "name,city\uFFFD",
            encoding: "utf-16le",
            bom: false,
            truncated: true,
        });
    });
});

describe("readSepLine", () => {
    it("the fixture: sep=; then CR LF", () => {
        const decoded = decodeCsvBytes(fixture("sep-semicolon.csv"));
        expect(decoded.encoding).toBe("utf-8");
        expect(readSepLine(decoded.text)).toEqual({ delimiter: ";", text: "name;city\r\nAnna;Oslo\r\n", removedChars: 7 });
    });

    it.each([
        ["sep=;\r\n", "sep=;\r\na;b", ";", "a;b", 7],
        ["sep=,\n", "sep=,\na,b", ",", "a,b", 6],
        ["sep=<tab>\n (a real tab)", "sep=\t\na\tb", "\t", "a\tb", 6],
        ["sep=| and a lone CR", "sep=|\ra|b", "|", "a|b", 6],
        ["sep=; alone, no line break", "sep=;", ";", "", 5],
        ["sep=: then an empty line", "sep=:\r\n\r\na:b", ":", "\r\na:b", 7],
        ["SEP=; (case-insensitive)", "SEP=;\r\na;b", ";", "a;b", 7],
        ["Sep=; (case-insensitive)", "Sep=;\na;b", ";", "a;b", 6],
        ["sep=<space>", "sep= \na b", " ", "a b", 6],
    ])("%s", (_name, text, delimiter, rest, removedChars) => {
        expect(readSepLine(text)).toEqual({ delimiter, text: rest, removedChars });
        expect(text.slice(removedChars)).toBe(rest);
    });

    it.each([
        ["sep=;; (two characters)", "sep=;;\na;b"],
        ["sep=; followed by a space", "sep=; \na;b"],
        ["sep= then nothing", "sep="],
        ["sep= then a line break", "sep=\r\na,b"],
        ["sep= then LF", "sep=\na,b"],
        ["a header starting with sep", "separator,b\r\n1,2"],
        ["sep= quoted", '"sep=;"\na;b'],
        ["a space before", " sep=;\na;b"],
        ["sep = ; with spaces", "sep = ;\na;b"],
        ["sep=; after a BOM left in the text", "\uFEFFsep=;\na;b"],
        ["sep=; on line 2", "a;b\nsep=;\n"],
        ["half a surrogate pair as the delimiter", "sep=\uD83D\uDE00\na"],
        ["empty text", ""],
        ["a plain header", "name,city\r\n"],
    ])("not a sep line: %s", (_name, text) => {
        expect(readSepLine(text)).toBeNull();
    });

    it("works on text decoded from UTF-16", () => {
        const decoded = decodeCsvBytes(cat(new Uint8Array([0xff, 0xfe]), utf16le("sep=\t\r\na\tb\r\n")));
        expect(readSepLine(decoded.text)).toEqual({ delimiter: "\t", text: "a\tb\r\n", removedChars: 7 });
    });
});

describe("fieldDelimiterCodeFor", () => {
    it.each([
        [":", FieldDelimiterCode.Colon, 1],
        [",", FieldDelimiterCode.Comma, 2],
        ["\t", FieldDelimiterCode.Tab, 3],
        [";", FieldDelimiterCode.Semicolon, 4],
    ])("%j is importfile.fielddelimitercode %i", (delimiter, code, value) => {
        expect(fieldDelimiterCodeFor(delimiter)).toBe(code);
        expect(code).toBe(value);
    });

    it.each([["|"], [" "], ["\\t"], [""], [";;"], ['"']])("%j has no code", (delimiter) => {
        expect(fieldDelimiterCodeFor(delimiter)).toBeNull();
    });

    it("maps the delimiter of a sep line", () => {
        expect(fieldDelimiterCodeFor(readSepLine("sep=;\r\na;b")!.delimiter)).toBe(4);
    });
});
