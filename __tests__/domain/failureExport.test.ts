import Papa from "papaparse";
import { failureRowsCsv } from "../../ImportMonitor/domain/failureExport";
import { errorCodeText } from "../../ImportMonitor/domain/failureRow";

const headings = ["Line", "Column", "Value", "Error", "Error code", "Detail", "Phase"];
const phase = (p: number | null) => ["Parse", "Transform", "Import (create)", "Import (update)"][p ?? -1] ?? "";

describe("failureRowsCsv", () => {
    it("writes line, column, value, error, code, detail and phase, quoting what needs it", () => {
        const csv = failureRowsCsv(
            [
                { lineNumber: 4, headerColumn: "Email", columnValue: "bob@", errorDescription: "Invalid e-mail, check \"Email\"", errorNumber: "-2147220891", phase: 2 },
                { lineNumber: 9, headerColumn: "", columnValue: "a,b", errorDescription: "The number of fields differs from the number of column headings.", errorNumber: "-2147220667", phase: 0, additionalInfo: "Expected 8 fields, found 7" },
                { lineNumber: 12, headerColumn: "Employees", columnValue: "-40", errorDescription: "Out of range", errorNumber: "", phase: 2 },
                { lineNumber: 13, headerColumn: "Name", columnValue: "=HYPERLINK(\"x\")", errorDescription: "x", errorNumber: "", phase: 3 },
            ],
            headings,
            phase,
        );
        expect(csv.split("\r\n")).toEqual([
            "Line,Column,Value,Error,Error code,Detail,Phase",
            '4,Email,bob@,"Invalid e-mail, check ""Email""",0x80040265,,Import (create)',
            '9,,"a,b",The number of fields differs from the number of column headings.,0x80040345,"Expected 8 fields, found 7",Parse',
            "12,Employees,-40,Out of range,,,Import (create)",
            "13,Name,\"'=HYPERLINK(\"\"x\"\")\",x,,,Import (update)",
        ]);
        // It reads back to the same cells.
        expect(Papa.parse<string[]>(csv).data[2]).toEqual(["9", "", "a,b", "The number of fields differs from the number of column headings.", "0x80040345", "Expected 8 fields, found 7", "Parse"]);
    });

    it("turns signed Dataverse error numbers into hex codes and leaves other text alone", () => {
        expect(errorCodeText("-2147220960")).toBe("0x80040220");
        expect(errorCodeText("0x80040220")).toBe("0x80040220");
        expect(errorCodeText("")).toBe("");
    });
});
