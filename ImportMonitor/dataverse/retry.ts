/**
 * How ImportService's requests wait out throttling (one place, for reads and the creates that may be sent again: the
 * platform rejects a throttled request before doing anything; docs/platform-contract.md §16).
 */
import type { ReadOptions } from "./importService";
import { DataverseFailure, toFailure } from "./failures";

/** How reads wait out throttling: the server's Retry-After, else this, at most MAX_RETRY_WAIT_MS. */
export const DEFAULT_RETRY_WAIT_MS = 2000;
export const MAX_RETRY_WAIT_MS = 30000;
export const MAX_READ_ATTEMPTS = 4;

function wait(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
        if (signal?.aborted) {
            reject(new DataverseFailure({ kind: "unknown", message: "aborted" }));
            return;
        }
        const timer = setTimeout(() => {
            signal?.removeEventListener("abort", onAbort);
            resolve();
        }, ms);
        const onAbort = () => {
            clearTimeout(timer);
            reject(new DataverseFailure({ kind: "unknown", message: "aborted" }));
        };
        signal?.addEventListener("abort", onAbort, { once: true });
    });
}

/** A read that waits out throttling (Retry-After) and tries again; other failures go straight up. */
export async function readWithRetry<T>(read: () => Promise<T>, options?: ReadOptions): Promise<T> {
    for (let attempt = 1; ; attempt++) {
        try {
            return await read();
        } catch (error) {
            const failure = toFailure(error);
            if (failure.kind !== "throttled" || attempt >= MAX_READ_ATTEMPTS) throw failure;
            const ms = Math.min(failure.retryAfterMs ?? DEFAULT_RETRY_WAIT_MS, MAX_RETRY_WAIT_MS);
            options?.onWait?.(ms);
            try {
                await wait(ms, options?.signal);
            } finally {
                options?.onWait?.(0);
            }
        }
    }
}
