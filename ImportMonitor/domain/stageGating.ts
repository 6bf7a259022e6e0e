/**
 * Which stage can run now, derived from the files' status model only (never from ad-hoc flags).
 * Parse when the files to process have not been parsed; Transform when every one is Parsing Complete;
 * Import when every one is Transformation Complete.
 */
import { ImportFileStatusCode, ProcessCode, ProcessingStatus, effectiveProcessingStatus } from "./importFile";
import type { ImportFileStatus } from "./importFile";
import { fileSteps } from "./processingSteps";

export type RunnableStage = "parse" | "transform" | "import";
export const RUNNABLE_STAGES: readonly RunnableStage[] = ["parse", "transform", "import"];

/** Why a stage can't run: a resx key (Gate_…). */
export type GateReason = "Gate_NoFiles" | "Gate_Running" | "Gate_Failed" | "Gate_AlreadyDone" | "Gate_NotReady" | "Gate_Completed";

export interface StageGate {
    enabled: boolean;
    reason: GateReason | null;
}

export type StageGates = Record<RunnableStage, StageGate>;

/** The processingstatus every file to process must have for a stage to start. */
const READY_AT: Record<RunnableStage, number> = {
    parse: ProcessingStatus.NotStarted,
    transform: ProcessingStatus.ParsingComplete,
    import: ProcessingStatus.TransformationComplete,
};

const ORDER: Record<RunnableStage, number> = { parse: 0, transform: 1, import: 2 };

/** processcode 1 Process; an empty processcode counts as Process (the column is system-required). */
export function filesToProcess(files: readonly ImportFileStatus[]): ImportFileStatus[] {
    return files.filter((f) => f.processCode === null || f.processCode === ProcessCode.Process);
}

/** How far a file is, as the index of the next stage it needs (3 = all done), or null if unknown. */
function nextStageIndex(file: ImportFileStatus): number | null {
    const ps = effectiveProcessingStatus(file.processingStatus, file.statusCode);
    if (ps === ProcessingStatus.NotStarted) return 0;
    if (ps === ProcessingStatus.ParsingComplete) return 1;
    if (ps === ProcessingStatus.TransformationComplete) return 2;
    if (ps === ProcessingStatus.ImportComplete) return 3;
    return null;
}

export function stageGates(files: readonly ImportFileStatus[]): StageGates {
    const todo = filesToProcess(files);
    const all = (gate: StageGate): StageGates => ({ parse: gate, transform: gate, import: gate });
    if (todo.length === 0) return all({ enabled: false, reason: "Gate_NoFiles" });
    const steps = todo.map((f) => fileSteps(f.processingStatus, f.statusCode));
    if (steps.some((s) => s.known && s.running)) return all({ enabled: false, reason: "Gate_Running" });
    if (steps.some((s) => s.failed)) return all({ enabled: false, reason: "Gate_Failed" });
    if (steps.every((s) => s.known && s.finished)) return all({ enabled: false, reason: "Gate_Completed" });

    const positions = todo.map(nextStageIndex);
    const gate = (stage: RunnableStage): StageGate => {
        if (todo.every((f) => effectiveProcessingStatus(f.processingStatus, f.statusCode) === READY_AT[stage] && f.statusCode !== ImportFileStatusCode.Failed)) {
            return { enabled: true, reason: null };
        }
        const done = positions.every((p) => p !== null && p > ORDER[stage]);
        return { enabled: false, reason: done ? "Gate_AlreadyDone" : "Gate_NotReady" };
    };
    return { parse: gate("parse"), transform: gate("transform"), import: gate("import") };
}

/** The first stage Run all would start, or null when none can run. */
export function firstRunnableStage(gates: StageGates): RunnableStage | null {
    return RUNNABLE_STAGES.find((s) => gates[s].enabled) ?? null;
}

export function nextStage(stage: RunnableStage): RunnableStage | null {
    return RUNNABLE_STAGES[ORDER[stage] + 1] ?? null;
}
