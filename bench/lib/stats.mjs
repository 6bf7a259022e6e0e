/** Small helpers shared by the benchmark sections. */
import { performance } from "node:perf_hooks";

export function median(values) {
    const s = [...values].sort((a, b) => a - b);
    const m = s.length >> 1;
    return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function time(fn, runs) {
    const times = [];
    for (let i = 0; i < runs; i++) {
        const t = performance.now();
        fn();
        times.push(performance.now() - t);
    }
    return median(times);
}

export async function timeAsync(fn, runs) {
    const times = [];
    let last;
    for (let i = 0; i < runs; i++) {
        const t = performance.now();
        last = await fn();
        times.push(performance.now() - t);
    }
    return { ms: median(times), last };
}
