/** The system job (asyncoperation) each stage runs as, and what its codes mean. */

export const AsyncOperationStatus = {
    WaitingForResources: 0,
    Waiting: 10,
    InProgress: 20,
    Pausing: 21,
    Canceling: 22,
    Succeeded: 30,
    Failed: 31,
    Canceled: 32,
} as const;

export const AsyncOperationState = {
    Ready: 0,
    Suspended: 1,
    Locked: 2,
    Completed: 3,
} as const;

export type JobOutcome = "running" | "succeeded" | "failed" | "canceled";

export interface JobStatus {
    id: string;
    stateCode: number | null;
    statusCode: number | null;
    message: string;
    friendlyMessage: string;
}

/** A system job regarding an import, as the monitor reads them (asyncoperation columns; times in ms since epoch). */
export interface ImportJob extends JobStatus {
    /** The import stage its operationtype runs (3 parse, 4 transform, 5 import); null for another kind of job. */
    stage: "parse" | "transform" | "import" | null;
    createdOn: number | null;
    /** asyncoperation.startedon: null until the job starts. */
    startedOn: number | null;
    completedOn: number | null;
}

/**
 * The stage jobs of the import's latest run, newest first: from the newest job back to (and with) the newest
 * parse job; every stage job when there is no parse job among `jobs` (newest first, as readJobs gives them).
 */
export function latestRunJobs(jobs: readonly ImportJob[]): ImportJob[] {
    const stageJobs = jobs.filter((j) => j.stage !== null);
    const parse = stageJobs.findIndex((j) => j.stage === "parse");
    return parse < 0 ? stageJobs : stageJobs.slice(0, parse + 1);
}

/** statecode ≠ Completed: waiting, waiting for resources, in progress, pausing or canceling. */
export function isUnfinished(job: JobStatus): boolean {
    return job.stateCode !== AsyncOperationState.Completed;
}

export function jobOutcome(job: JobStatus): JobOutcome {
    switch (job.statusCode) {
        case AsyncOperationStatus.Succeeded:
            return "succeeded";
        case AsyncOperationStatus.Failed:
            return "failed";
        case AsyncOperationStatus.Canceled:
            return "canceled";
        default:
            // A completed job without a final status reason is treated as failed: never as success.
            return job.stateCode === AsyncOperationState.Completed ? "failed" : "running";
    }
}

/** The message to show for a failed or canceled job: the friendly one when the platform gives it. */
export function jobMessage(job: JobStatus): string {
    return (job.friendlyMessage || job.message).trim();
}
