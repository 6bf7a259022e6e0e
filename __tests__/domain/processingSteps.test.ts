import { fileCounts, fileSteps } from "../../ImportMonitor/domain/processingSteps";
import type { FileSteps, StepState } from "../../ImportMonitor/domain/processingSteps";

type Expected = [StepState, StepState, StepState, StepState];

function states(steps: FileSteps): string[] {
    if (!steps.known) return ["unknown"];
    return steps.stages.map((s) => s.state);
}

function passOf(steps: FileSteps): number | null {
    if (!steps.known) return null;
    return steps.stages.find((s) => s.currentSubStep !== null)?.currentSubStep ?? null;
}

describe("fileSteps: processingstatus × statuscode", () => {
    // [processingstatus, statuscode, stages, current stage, pass]
    const table: [number, number, Expected, string, number | null][] = [
        [1, 0, ["pending", "pending", "pending", "pending"], "parse", null],
        [1, 1, ["active", "pending", "pending", "pending"], "parse", null],
        [2, 1, ["active", "pending", "pending", "pending"], "parse", null],
        [2, 0, ["active", "pending", "pending", "pending"], "parse", null],
        [3, 1, ["done", "pending", "pending", "pending"], "transform", null],
        [3, 2, ["done", "active", "pending", "pending"], "transform", null],
        [4, 2, ["done", "active", "pending", "pending"], "transform", 4],
        [5, 2, ["done", "active", "pending", "pending"], "transform", 5],
        [6, 2, ["done", "active", "pending", "pending"], "transform", 6],
        [7, 2, ["done", "active", "pending", "pending"], "transform", 7],
        [12, 2, ["done", "active", "pending", "pending"], "transform", 12],
        [8, 2, ["done", "done", "pending", "pending"], "import", null],
        [8, 3, ["done", "done", "active", "pending"], "import", null],
        [9, 3, ["done", "done", "active", "pending"], "import", 9],
        [10, 3, ["done", "done", "active", "pending"], "import", 10],
        [11, 3, ["done", "done", "done", "done"], "complete", null],
        [11, 4, ["done", "done", "done", "done"], "complete", null],
    ];

    it.each(table)("processingstatus %i, statuscode %i", (ps, sc, expected, current, pass) => {
        const steps = fileSteps(ps, sc);
        expect(states(steps)).toEqual(expected);
        expect(steps.known && steps.current).toBe(current);
        expect(passOf(steps)).toBe(pass);
        expect(steps.failed).toBe(false);
    });

    // Failed (5): the stage where the file stopped is failed, the earlier ones stay done.
    const failures: [number, Expected, number | null][] = [
        [1, ["failed", "pending", "pending", "pending"], null],
        [2, ["failed", "pending", "pending", "pending"], null],
        [3, ["done", "failed", "pending", "pending"], null],
        [4, ["done", "failed", "pending", "pending"], 4],
        [5, ["done", "failed", "pending", "pending"], 5],
        [6, ["done", "failed", "pending", "pending"], 6],
        [7, ["done", "failed", "pending", "pending"], 7],
        [12, ["done", "failed", "pending", "pending"], 12],
        [8, ["done", "done", "failed", "pending"], null],
        [9, ["done", "done", "failed", "pending"], 9],
        [10, ["done", "done", "failed", "pending"], 10],
        [11, ["done", "done", "done", "failed"], null],
    ];

    it.each(failures)("processingstatus %i with statuscode 5 Failed", (ps, expected, pass) => {
        const steps = fileSteps(ps, 5);
        expect(states(steps)).toEqual(expected);
        expect(steps.failed).toBe(true);
        expect(passOf(steps)).toBe(pass);
        expect(steps.known && steps.finished).toBe(false);
        expect(steps.known && steps.running).toBe(false);
    });

    it("marks the passes before the current one done and after it pending", () => {
        const steps = fileSteps(6, 2);
        if (!steps.known) throw new Error("expected a known status");
        const transform = steps.stages[1];
        expect(transform.subSteps.map((s) => [s.status, s.state])).toEqual([
            [4, "done"],
            [5, "done"],
            [6, "active"],
            [7, "pending"],
            [12, "pending"],
        ]);
        // Primary Key Transformation (12) runs after the other passes, before the import passes.
        const pk = fileSteps(12, 2);
        if (!pk.known) throw new Error("expected a known status");
        expect(pk.stages[1].subSteps.map((s) => s.state)).toEqual(["done", "done", "done", "done", "active"]);
        expect(pk.stages[2].subSteps.map((s) => s.state)).toEqual(["pending", "pending"]);
    });

    it("marks every pass of a finished stage done", () => {
        const steps = fileSteps(10, 3);
        if (!steps.known) throw new Error("expected a known status");
        expect(steps.stages[1].subSteps.every((s) => s.state === "done")).toBe(true);
        expect(steps.stages[2].subSteps.map((s) => s.state)).toEqual(["done", "active"]);
        expect(steps.running).toBe(true);
    });

    it("falls back to statuscode when processingstatus is empty", () => {
        expect(states(fileSteps(null, 0))).toEqual(["pending", "pending", "pending", "pending"]);
        expect(states(fileSteps(null, 2))).toEqual(["done", "active", "pending", "pending"]);
        expect(states(fileSteps(null, 4))).toEqual(["done", "done", "done", "done"]);
    });

    it.each([
        [null, null],
        [null, 5],
        [0, 0],
        [13, 4],
        [99, null],
        [-1, 1],
    ])("an unknown processingstatus %p (statuscode %p) gives an unknown step, never a throw", (ps, sc) => {
        const steps = fileSteps(ps, sc);
        expect(steps.known).toBe(false);
        expect(steps.failed).toBe(sc === 5);
        if (!steps.known) {
            expect(steps.processingStatus).toBe(ps);
            expect(steps.statusCode).toBe(sc);
        }
    });

    it("ends finished and not running at Import Complete", () => {
        const steps = fileSteps(11, 4);
        expect(steps.known && steps.finished).toBe(true);
        expect(steps.known && steps.running).toBe(false);
    });
});

describe("fileCounts", () => {
    const counts = (success: number | null, failure: number | null, partial: number | null, total: number | null) => ({
        successCount: success,
        failureCount: failure,
        partialFailureCount: partial,
        totalCount: total,
    });

    it("is processed over total", () => {
        const c = fileCounts(counts(30, 5, 5, 80), fileSteps(9, 3));
        expect(c.fraction).toBe(0.5);
        expect(c.indeterminate).toBe(false);
        expect(c.hasFailures).toBe(true);
    });

    it("is indeterminate while a stage runs without a total", () => {
        const c = fileCounts(counts(null, null, null, null), fileSteps(2, 1));
        expect(c.indeterminate).toBe(true);
        expect(c.fraction).toBeNull();
        // Not counted yet is not 0.
        expect(c.success).toBeNull();
    });

    it("has no bar before anything runs and is calm without failures", () => {
        const c = fileCounts(counts(0, 0, 0, null), fileSteps(1, 0));
        expect(c.indeterminate).toBe(false);
        expect(c.fraction).toBeNull();
        expect(c.hasFailures).toBe(false);
    });

    it("is full when complete, and a failed status counts as a failure", () => {
        expect(fileCounts(counts(40, 0, 0, 40), fileSteps(11, 4)).fraction).toBe(1);
        expect(fileCounts(counts(0, 0, 0, 0), fileSteps(11, 4)).fraction).toBe(1);
        expect(fileCounts(counts(0, 0, 0, null), fileSteps(5, 5)).hasFailures).toBe(true);
    });

    it("reads a total of 0 as not counted yet, until the import is complete", () => {
        expect(fileCounts(counts(0, 0, 0, 0), fileSteps(2, 1)).total).toBeNull();
        expect(fileCounts(counts(0, 0, 0, 0), fileSteps(11, 4)).total).toBe(0);
    });

    it("never exceeds 1 when the counts outrun the total", () => {
        expect(fileCounts(counts(50, 5, 0, 40), fileSteps(11, 4)).fraction).toBe(1);
    });
});
