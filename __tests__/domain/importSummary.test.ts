import { failedRows, importOutcome, importTotals } from "../../ImportMonitor/domain/importSummary";
import type { ImportFileStatus } from "../../ImportMonitor/domain/importFile";

const file = (id: string, over: Partial<ImportFileStatus> = {}): ImportFileStatus => ({
    id,
    processingStatus: 11,
    statusCode: 4,
    processCode: 1,
    successCount: 10,
    failureCount: 0,
    partialFailureCount: 0,
    totalCount: 10,
    ...over,
});

describe("the import's totals and outcome", () => {
    it("sums nothing until every file has been counted", () => {
        const totals = importTotals([file("a", { successCount: 50, totalCount: 50 }), file("b", { processingStatus: 3, statusCode: 1, successCount: null, failureCount: null, partialFailureCount: null, totalCount: null })], null);
        expect(totals.counted).toBe(false);
        expect(totals.total).toBeNull();
    });

    it("counts failed rows per file: failed and partly failed rows, or where none is counted the file's log rows", () => {
        const logged = new Map([
            ["a", { parse: 0, transform: 2, import: 5 }],
            ["b", { parse: 40, transform: 0, import: 0 }],
        ]);
        const totals = importTotals([file("a", { failureCount: 5, partialFailureCount: 2 }), file("b", { successCount: 0, failureCount: 0 })], logged);
        // a: 7 rows failed (its log rows describe those same rows); b: no failed rows counted, 40 logged at parse.
        expect(failedRows(totals)).toBe(47);
        expect(totals.filesWithFailures).toBe(2);
    });

    it("never calls a finished import with failures a success, nor a failed one finished", () => {
        const files = [file("a"), file("b", { failureCount: 3 })];
        expect(importOutcome(files, importTotals(files, null), 4, false)).toBe("completedWithFailures");
        const failed = [file("a"), file("b", { statusCode: 5, processingStatus: 5 })];
        expect(importOutcome(failed, importTotals(failed, null), 5, false)).toBe("failed");
        const logged = [file("a")];
        expect(importOutcome(logged, importTotals(logged, new Map([["a", { parse: 1, transform: 0, import: 0 }]])), 4, false)).toBe("completedWithFailures");
    });

    it("is in progress while followed or while a file is being processed, and part-way between stages", () => {
        const parsed = [file("a", { processingStatus: 3, statusCode: 1, successCount: null, failureCount: null, partialFailureCount: null })];
        expect(importOutcome(parsed, importTotals(parsed, null), 1, true)).toBe("inProgress");
        expect(importOutcome(parsed, importTotals(parsed, null), 1, false)).toBe("partway");
        const fresh = [file("a", { processingStatus: 1, statusCode: 0, successCount: null, failureCount: null, partialFailureCount: null, totalCount: null })];
        expect(importOutcome(fresh, importTotals(fresh, null), 0, false)).toBe("notStarted");
    });
});
