/** text.ts: line break counts and the first line break of another kind than the rows', outside quoted fields. */
import { firstForeignBreak, lineBreakCounts, linesSpanned, mayHoldForeignBreak, type Newline } from "../../../ImportMonitor/domain/csv/text";

const dq = (newline: Newline, delimiter = ",") => ({ delimiter, quoteChar: '"', newline });

describe("lineBreakCounts", () => {
    it("counts CR LF, lone LF and lone CR one each, and each character", () => {
        expect(lineBreakCounts("a\r\nb\nc\rd\r")).toEqual({ breaks: 4, lf: 2, cr: 3, loneCr: 2 });
        expect(lineBreakCounts("")).toEqual({ breaks: 0, lf: 0, cr: 0, loneCr: 0 });
    });

    it("mayHoldForeignBreak: only when a break of another kind may be there", () => {
        expect(mayHoldForeignBreak(lineBreakCounts("a\r\nb\r\n"), "\r\n")).toBe(false);
        expect(mayHoldForeignBreak(lineBreakCounts('a\r\n"b\nc"\r\n'), "\r\n")).toBe(true);
        expect(mayHoldForeignBreak(lineBreakCounts("a\nb\n"), "\n")).toBe(false);
        expect(mayHoldForeignBreak(lineBreakCounts("a\nb\r\n"), "\n")).toBe(true);
        expect(mayHoldForeignBreak(lineBreakCounts("a\rb\r"), "\r")).toBe(false);
        expect(mayHoldForeignBreak(lineBreakCounts("a\rb\r\n"), "\r")).toBe(true);
    });

    it("linesSpanned counts the breaks inside fields", () => {
        expect(linesSpanned(["a", "b\nc", "d\r\ne"])).toBe(3);
    });
});

describe("firstForeignBreak", () => {
    it("CR LF rows: Excel's LF inside quotes is not one; a lone LF or CR outside is", () => {
        expect(firstForeignBreak('N,Notes\r\nA,"x\ny"\r\nB,z\r\n', dq("\r\n"))).toBeNull();
        expect(firstForeignBreak('N,Notes\r\nA,"x\ny"\r\nB,z\nC,w\r\n', dq("\r\n"))).toEqual({ at: 21, ending: "LF" });
        expect(firstForeignBreak("N,Notes\r\nA,x\rB,z\r\n", dq("\r\n"))).toEqual({ at: 12, ending: "CR" });
    });

    it("LF rows: CR LF or lone CR outside quotes; a CR LF inside quotes is data", () => {
        expect(firstForeignBreak('a,b\n"x\r\ny",2\n', dq("\n"))).toBeNull();
        expect(firstForeignBreak('a,b\n"x\r\ny",2\r\n', dq("\n"))).toEqual({ at: 12, ending: "CR LF" });
        expect(firstForeignBreak("a,b\n1,2\r3,4\n", dq("\n"))).toEqual({ at: 7, ending: "CR" });
    });

    it("lone-CR rows: an LF, or a CR LF (named from its CR; at the start after a CR cut off before)", () => {
        expect(firstForeignBreak("a,b\r1,2\r\n3,4\r", dq("\r"))).toEqual({ at: 7, ending: "CR LF" });
        expect(firstForeignBreak("a,b\r1,2\n3,4\r", dq("\r"))).toEqual({ at: 7, ending: "LF" });
        expect(firstForeignBreak("\n3,4\r", dq("\r"), true)).toEqual({ at: 0, ending: "CR LF" });
        expect(firstForeignBreak("\n3,4\r", dq("\r"), false)).toEqual({ at: 0, ending: "LF" });
    });

    it("quotes as papaparse reads them: doubled, a quote not at a field's start, closing quote then spaces, malformed", () => {
        // Doubled quotes stay inside the field; the break after them is inside too.
        expect(firstForeignBreak('a,b\r\n"say ""hi""\nthere",2\r\n', dq("\r\n"))).toBeNull();
        // A quote in the middle of a field is data: the LF after it is outside quotes.
        expect(firstForeignBreak('a,b\r\nx"y\nz,2\r\n', dq("\r\n"))).toEqual({ at: 8, ending: "LF" });
        // A space before the quote: not a quoted field either.
        expect(firstForeignBreak('a,b\r\n1, "x\ny"\r\n', dq("\r\n"))).toEqual({ at: 10, ending: "LF" });
        // A closing quote followed by spaces, then the delimiter, closes the field.
        expect(firstForeignBreak('a,b\r\n"x\ny"  ,2\nz\r\n', dq("\r\n"))).toEqual({ at: 14, ending: "LF" });
        // A malformed closing quote (followed by other characters) does not close it: the LF is still inside.
        expect(firstForeignBreak('a,b\r\n"x"y\nz",2\r\n', dq("\r\n"))).toBeNull();
        // Never closed: the rest is one field.
        expect(firstForeignBreak('a,b\r\n"x\ny,2\r\n', dq("\r\n"))).toBeNull();
    });

    it("single quotes, a tab delimiter, and no quoting (data delimiter None)", () => {
        expect(firstForeignBreak("a\tb\r\n'x\ny'\t2\r\n", { delimiter: "\t", quoteChar: "'", newline: "\r\n" })).toBeNull();
        expect(firstForeignBreak('a,b\r\n"x\ny",2\r\n', { delimiter: ",", quoteChar: null, newline: "\r\n" })).toEqual({ at: 7, ending: "LF" });
    });
});
