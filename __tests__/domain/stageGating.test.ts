import { firstRunnableStage, stageGates } from "../../ImportMonitor/domain/stageGating";
import type { ImportFileStatus } from "../../ImportMonitor/domain/importFile";

const file = (id: string, processingStatus: number | null, statusCode: number | null, processCode: number | null = 1): ImportFileStatus => ({
    id,
    processingStatus,
    statusCode,
    processCode,
    successCount: null,
    failureCount: null,
    partialFailureCount: null,
    totalCount: null,
});

describe("stageGates", () => {
    it("offers Parse, and Run all from Parse, when no file is parsed", () => {
        const gates = stageGates([file("a", 1, 0), file("b", 1, 0)]);
        expect(gates.parse).toEqual({ enabled: true, reason: null });
        expect(gates.transform).toEqual({ enabled: false, reason: "Gate_NotReady" });
        expect(gates.import).toEqual({ enabled: false, reason: "Gate_NotReady" });
        expect(firstRunnableStage(gates)).toBe("parse");
    });

    it("offers Transform when every file to process is Parsing Complete, ignoring ignored files", () => {
        const gates = stageGates([file("a", 3, 1), file("b", 3, 1), file("c", 1, 0, 2)]);
        expect(gates.parse).toEqual({ enabled: false, reason: "Gate_AlreadyDone" });
        expect(gates.transform.enabled).toBe(true);
        expect(gates.import.enabled).toBe(false);
        expect(firstRunnableStage(gates)).toBe("transform");
    });

    it("offers Import when every file is Transformation Complete", () => {
        const gates = stageGates([file("a", 8, 2), file("b", 8, 2)]);
        expect(gates.import.enabled).toBe(true);
        expect(gates.transform).toEqual({ enabled: false, reason: "Gate_AlreadyDone" });
    });

    it("offers nothing while a file is being worked on, with the reason", () => {
        const gates = stageGates([file("a", 5, 2), file("b", 3, 1)]);
        expect(Object.values(gates).every((g) => !g.enabled && g.reason === "Gate_Running")).toBe(true);
    });

    it("offers nothing when files are at different stages", () => {
        const gates = stageGates([file("a", 3, 1), file("b", 1, 0)]);
        expect(gates.parse.enabled).toBe(false);
        expect(gates.transform.enabled).toBe(false);
        expect(firstRunnableStage(gates)).toBeNull();
    });

    it("offers nothing after a failure, or when done, or with no files to process", () => {
        expect(stageGates([file("a", 5, 5)]).transform.reason).toBe("Gate_Failed");
        expect(stageGates([file("a", 11, 4)]).import.reason).toBe("Gate_Completed");
        expect(stageGates([]).parse.reason).toBe("Gate_NoFiles");
        // An empty processingstatus is read from statuscode, as the stepper reads it.
        expect(stageGates([file("a", null, 4)]).parse).toEqual({ enabled: false, reason: "Gate_Completed" });
        expect(stageGates([file("a", null, 0)]).parse.enabled).toBe(true);
        expect(stageGates([file("a", 1, 0, 2)]).parse.reason).toBe("Gate_NoFiles");
    });
});
