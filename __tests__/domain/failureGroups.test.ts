import { groupFailures } from "../../ImportMonitor/domain/failureGroups";
import type { FailureRow } from "../../ImportMonitor/domain/failureRow";

const LOOKUP = "-2147220969";
const EMAIL = "-2147220891";

function row(lineNumber: number | null, headerColumn: string, columnValue: string, errorNumber: string, errorDescription = `error ${errorNumber}`): FailureRow {
    return { lineNumber, headerColumn, columnValue, errorNumber, errorDescription, phase: 1 };
}

describe("groupFailures", () => {
    it("groups failures naming the same column value and error, largest first", () => {
        const groups = groupFailures([
            row(9, "Email", "contact.alpineskihouse.com", EMAIL, "Invalid email"),
            row(23, "Primary Contact", "Dana Whitfield", LOOKUP, "The lookup reference could not be resolved."),
            row(20, "Primary Contact", "Dana Whitfield", LOOKUP, "The lookup reference could not be resolved."),
            row(31, "Primary Contact", "Dana Whitfield", LOOKUP, "The lookup reference could not be resolved."),
            row(25, "Primary Contact", "Marcus Oyelaran", LOOKUP),
            // Same value, another error or column: another group.
            row(40, "Primary Contact", "Dana Whitfield", EMAIL),
            row(41, "Owner", "Dana Whitfield", LOOKUP),
        ]);
        expect(groups[0]).toEqual({
            column: "Primary Contact",
            value: "Dana Whitfield",
            errorNumber: LOOKUP,
            message: "The lookup reference could not be resolved.",
            count: 3,
            lines: [20, 23, 31],
            rows: 3,
        });
        // Equal sizes by their first line.
        expect(groups.slice(1).map((g) => [g.column, g.value, g.lines])).toEqual([
            ["Email", "contact.alpineskihouse.com", [9]],
            ["Primary Contact", "Marcus Oyelaran", [25]],
            ["Primary Contact", "Dana Whitfield", [40]],
            ["Owner", "Dana Whitfield", [41]],
        ]);
    });

    it("leaves out failures without a column or a value, and keeps each line once", () => {
        const groups = groupFailures([
            row(6, "", "", "-2147220667"),
            row(7, "Email", "", EMAIL),
            row(8, "", "x", EMAIL),
            row(8, "Email", "  ", EMAIL),
            row(12, "City", "Nap a", LOOKUP),
            row(12, "City", "Nap a", LOOKUP),
            row(null, "City", "Nap a", LOOKUP),
        ]);
        // Line 12 once, and the failure with no line as a row of its own.
        expect(groups).toEqual([{ column: "City", value: "Nap a", errorNumber: LOOKUP, message: `error ${LOOKUP}`, count: 3, lines: [12], rows: 2 }]);
        expect(groupFailures([])).toEqual([]);
    });

    it("counts the same line in two files as two rows", () => {
        const groups = groupFailures([
            { ...row(12, "City", "Nap a", LOOKUP), fileId: "a" },
            { ...row(12, "City", "Nap a", LOOKUP), fileId: "b" },
            { ...row(12, "City", "Nap a", LOOKUP), fileId: "b" },
        ]);
        expect(groups[0]).toMatchObject({ count: 3, lines: [12], rows: 2 });
    });
});
