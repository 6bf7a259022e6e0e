/**
 * Benchmark only: a clock the fake Dataverse and the runner's host both run on, advanced by hand. Timers
 * fire in time order; after each one every pending promise job runs (a setImmediate turn), so a poll's
 * reads and the runner's reaction to them finish before the next timer fires.
 */
import type { FakeClock } from "../../sandbox/dataverse";

interface Timer {
    at: number;
    seq: number;
    fn: () => void;
}

export const flushPromises = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export class VirtualClock implements FakeClock {
    private time = 0;
    private seq = 0;
    private readonly timers = new Map<number, Timer>();

    public now(): number {
        return this.time;
    }

    public setTimeout(fn: () => void, ms: number): unknown {
        const seq = ++this.seq;
        this.timers.set(seq, { at: this.time + Math.max(0, ms), seq, fn });
        return seq;
    }

    public clearTimeout(handle: unknown): void {
        this.timers.delete(handle as number);
    }

    public get pending(): number {
        return this.timers.size;
    }

    /** Runs timers in time order until `done()` or no timer is left or `limitMs` of clock time passed. */
    public async runUntil(done: () => boolean, limitMs: number): Promise<void> {
        const end = this.time + limitMs;
        await flushPromises();
        while (!done()) {
            let next: Timer | null = null;
            for (const t of this.timers.values()) if (!next || t.at < next.at || (t.at === next.at && t.seq < next.seq)) next = t;
            if (!next || next.at > end) return;
            this.timers.delete(next.seq);
            this.time = next.at;
            next.fn();
            await flushPromises();
        }
    }

    /**
     * Runs every timer due within the next `ms` of clock time, in time order, then moves the clock to the end of
     * that span even when nothing was left to run (so "N minutes later" is N minutes later, timers or not).
     */
    public async runFor(ms: number): Promise<void> {
        const end = this.time + ms;
        await this.runUntil(() => false, ms);
        this.time = Math.max(this.time, end);
    }
}
