/**
 * The clock the fake runs on. The default reads the globals at call time, so `jest.useFakeTimers()`
 * (even when called after the fake was created) and `jest.advanceTimersByTime` drive it.
 */
export interface FakeClock {
    now(): number;
    setTimeout(fn: () => void, ms: number): unknown;
    clearTimeout(handle: unknown): void;
}

export const systemClock: FakeClock = {
    now: () => Date.now(),
    setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
    clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};
