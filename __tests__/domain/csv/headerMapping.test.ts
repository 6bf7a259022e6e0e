import { mapHeadersToColumns, type TableColumn } from "../../../ImportMonitor/domain/csv";

const columns: TableColumn[] = [
    { logicalName: "firstname", displayName: "First Name" },
    { logicalName: "lastname", displayName: "Last Name" },
    { logicalName: "emailaddress1", displayName: "Email" },
    { logicalName: "new_email", displayName: "email " },
    { logicalName: "telephone1", displayName: "Business Phone" },
    { logicalName: "new_blank", displayName: "" },
];

describe("mapHeadersToColumns", () => {
    it("matches display names, trimmed and case-insensitive; logical names do not match; duplicates are ambiguous", () => {
        const result = mapHeadersToColumns([" first name", "LAST NAME", "telephone1", "Email", "Unknown", ""], columns);
        expect(result).toEqual([
            { header: " first name", columnNumber: 1, column: columns[0], candidates: [columns[0]] },
            { header: "LAST NAME", columnNumber: 2, column: columns[1], candidates: [columns[1]] },
            { header: "telephone1", columnNumber: 3, column: null, candidates: [] },
            { header: "Email", columnNumber: 4, column: null, candidates: [columns[2], columns[3]] },
            { header: "Unknown", columnNumber: 5, column: null, candidates: [] },
            { header: "", columnNumber: 6, column: null, candidates: [] },
        ]);
    });

    it("non-ASCII names", () => {
        const result = mapHeadersToColumns(["PRÉNOM", "日本語"], [
            { logicalName: "a", displayName: "prénom" },
            { logicalName: "b", displayName: "日本語" },
        ]);
        expect(result.map((m) => m.column?.logicalName ?? null)).toEqual(["a", "b"]);
    });
});
