/**
 * Maps an import file's `processingstatus` and `statuscode` onto the stepper the control shows:
 * Parse → Transform → Import → Complete, with the transformation and import passes as sub-steps.
 * Pure: no React, no Web API. Labels are resx keys, resolved by the view.
 */
import { ImportFileStatusCode, ProcessingStatus, effectiveProcessingStatus, loggedTotal } from "./importFile";
import type { ImportFileStatus, PhaseCounts } from "./importFile";

export type StageId = "parse" | "transform" | "import" | "complete";
/** "warning": the stage finished, but rows failed in it (importlog rows of its phase, failed or partly failed rows). */
export type StepState = "pending" | "active" | "done" | "warning" | "failed";

export interface SubStep {
    status: ProcessingStatus;
    state: StepState;
}

export interface Stage {
    id: StageId;
    state: StepState;
    /** Transformation passes (Transform) or import passes (Import); empty for Parse and Complete. */
    subSteps: SubStep[];
    /** The sub-step the file is on, when the stage is active or failed inside a pass. */
    currentSubStep: ProcessingStatus | null;
}

export type FileSteps =
    | {
          known: true;
          stages: Stage[];
          /** The stage a user should look at: the active, failed or next pending one; "complete" when done. */
          current: StageId;
          failed: boolean;
          /** Every stage done. */
          finished: boolean;
          /** A stage is running right now (the server is working on this file). */
          running: boolean;
      }
    | {
          known: false;
          failed: boolean;
          processingStatus: number | null;
          statusCode: number | null;
      };

export const STAGE_ORDER: readonly StageId[] = ["parse", "transform", "import", "complete"];

/** Order of the passes inside a stage. Primary Key Transformation (12) runs last in Transform. */
export const TRANSFORM_PASSES: readonly ProcessingStatus[] = [
    ProcessingStatus.ComplexTransformation,
    ProcessingStatus.LookupTransformation,
    ProcessingStatus.PicklistTransformation,
    ProcessingStatus.OwnerTransformation,
    ProcessingStatus.PrimaryKeyTransformation,
];
export const IMPORT_PASSES: readonly ProcessingStatus[] = [ProcessingStatus.ImportPass1, ProcessingStatus.ImportPass2];

const PASSES: Record<StageId, readonly ProcessingStatus[]> = {
    parse: [],
    transform: TRANSFORM_PASSES,
    import: IMPORT_PASSES,
    complete: [],
};

/** Where a file stands: on which stage, whether that stage runs, and on which pass. */
interface Position {
    stage: number;
    running: boolean;
    pass: ProcessingStatus | null;
    /** Every stage done (processingstatus 11). */
    finished: boolean;
}

const PARSE = 0;
const TRANSFORM = 1;
const IMPORT = 2;
const COMPLETE = 3;

/** processingstatus → [stage, running]: Not Started / Parsing; Parsing Complete / the transform passes; … */
const POSITIONS: Record<number, readonly [number, boolean]> = {
    [ProcessingStatus.NotStarted]: [PARSE, false],
    [ProcessingStatus.Parsing]: [PARSE, true],
    [ProcessingStatus.ParsingComplete]: [TRANSFORM, false],
    [ProcessingStatus.TransformationComplete]: [IMPORT, false],
    [ProcessingStatus.ImportComplete]: [COMPLETE, false],
};

function positionOf(processingStatus: number): Position | null {
    // A pass: its stage runs, on that pass.
    for (const [stage, passes] of [[TRANSFORM, TRANSFORM_PASSES] as const, [IMPORT, IMPORT_PASSES] as const]) {
        if ((passes as readonly number[]).includes(processingStatus)) return { stage, running: true, pass: processingStatus as ProcessingStatus, finished: false };
    }
    const at = POSITIONS[processingStatus];
    return at ? { stage: at[0], running: at[1], pass: null, finished: at[0] === COMPLETE } : null;
}

/** statuscode says which stage the server works on; it leads processingstatus at a stage's start. */
function runningStageOf(statusCode: number | null): number | null {
    switch (statusCode) {
        case ImportFileStatusCode.Parsing:
            return PARSE;
        case ImportFileStatusCode.Transforming:
            return TRANSFORM;
        case ImportFileStatusCode.Importing:
            return IMPORT;
        default:
            return null;
    }
}

/** When processingstatus is empty, statuscode alone still places a file. */
function positionFromStatusCode(statusCode: number | null): Position | null {
    const implied = effectiveProcessingStatus(null, statusCode);
    if (implied !== null) return positionOf(implied);
    const running = runningStageOf(statusCode);
    return running === null ? null : { stage: running, running: true, pass: null, finished: false };
}

function subStepsFor(stageId: StageId, stageState: StepState, pass: ProcessingStatus | null): SubStep[] {
    const passes = PASSES[stageId];
    const at = pass === null ? -1 : passes.indexOf(pass);
    return passes.map((status, i) => {
        let state: StepState;
        if (stageState === "done") state = "done";
        else if (stageState === "pending") state = "pending";
        else if (i < at) state = "done";
        else if (i === at) state = stageState;
        else state = "pending";
        return { status, state };
    });
}

export function fileSteps(processingStatus: number | null, statusCode: number | null): FileSteps {
    const failed = statusCode === ImportFileStatusCode.Failed;
    let position = processingStatus === null ? null : positionOf(processingStatus);
    if (position === null && (processingStatus === null || processingStatus === undefined)) {
        position = positionFromStatusCode(statusCode);
    }
    if (position === null) {
        return { known: false, failed, processingStatus, statusCode };
    }
    // The server flips statuscode to the next stage before processingstatus shows its first pass.
    if (!position.running && !position.finished && runningStageOf(statusCode) === position.stage) {
        position = { ...position, running: true };
    }
    const here = position;
    const stages: Stage[] = STAGE_ORDER.map((id, index) => {
        let state: StepState;
        if (here.finished) state = failed && index === COMPLETE ? "failed" : "done";
        else if (index < here.stage) state = "done";
        else if (index > here.stage) state = "pending";
        else if (failed) state = "failed";
        else state = here.running ? "active" : "pending";
        const isCurrent = index === here.stage && (state === "active" || state === "failed");
        return {
            id,
            state,
            subSteps: subStepsFor(id, state, isCurrent ? here.pass : null),
            currentSubStep: isCurrent ? here.pass : null,
        };
    });
    return {
        known: true,
        stages,
        current: STAGE_ORDER[here.stage],
        failed,
        finished: here.finished && !failed,
        running: here.running && !failed,
    };
}

/**
 * Marks the done stages in which rows failed as "warning": Parse, Transform or Import when the file has
 * importlog rows of that phase, Import also for failed or partly failed rows, and Complete when any row
 * failed. A file that finished with failures never shows as all green. Returns `steps` itself when unchanged.
 */
export function markFailures(steps: FileSteps, file: Pick<ImportFileStatus, "failureCount" | "partialFailureCount">, logged?: PhaseCounts | null): FileSteps {
    if (!steps.known) return steps;
    const rowsFailed = (file.failureCount ?? 0) + (file.partialFailureCount ?? 0) > 0;
    const failedIn: Record<StageId, boolean> = {
        parse: (logged?.parse ?? 0) > 0,
        transform: (logged?.transform ?? 0) > 0,
        import: (logged?.import ?? 0) > 0 || rowsFailed,
        complete: rowsFailed || loggedTotal(logged) > 0,
    };
    if (!steps.stages.some((st) => st.state === "done" && failedIn[st.id])) return steps;
    return { ...steps, stages: steps.stages.map((st) => (st.state === "done" && failedIn[st.id] ? { ...st, state: "warning" } : st)) };
}

/** Progress through the rows: processed (success + failure + partial) over total. */
export interface FileCounts {
    /** null: the platform has not counted yet (the column is empty). */
    success: number | null;
    failure: number | null;
    partial: number | null;
    total: number | null;
    /** 0..1, or null when the bar should be indeterminate (a stage runs, no total yet) or hidden. */
    fraction: number | null;
    indeterminate: boolean;
    hasFailures: boolean;
}

export function fileCounts(
    counts: {
        successCount: number | null;
        failureCount: number | null;
        partialFailureCount: number | null;
        totalCount: number | null;
    },
    steps: FileSteps,
): FileCounts {
    const success = counts.successCount;
    const failure = counts.failureCount;
    const partial = counts.partialFailureCount;
    const total = counts.totalCount !== null && counts.totalCount > 0 ? counts.totalCount : null;
    const running = steps.known && steps.running;
    const processed = (success ?? 0) + (failure ?? 0) + (partial ?? 0);
    let fraction: number | null = null;
    if (total !== null) fraction = Math.min(1, processed / total);
    else if (steps.known && steps.finished) fraction = 1;
    return {
        success,
        failure,
        partial,
        // 0 before the server has counted means "not counted yet"; after the import it is a real 0.
        total: total ?? (steps.known && steps.finished ? counts.totalCount : null),
        fraction,
        indeterminate: running && total === null,
        hasFailures: (failure ?? 0) > 0 || (partial ?? 0) > 0 || steps.failed,
    };
}
