/**
 * Stable, realistic-looking GUIDs: the same label always gives the same id, so seeds, nextLinks and
 * test expectations stay the same from run to run.
 */

/** 128 bits of a string hash (cyrb128), as 32 hex digits. */
function hash128(text: string): string {
    let h1 = 1779033703;
    let h2 = 3144134277;
    let h3 = 1013904242;
    let h4 = 2773480762;
    for (let i = 0; i < text.length; i++) {
        const k = text.charCodeAt(i);
        h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
        h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
        h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
        h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
    }
    h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
    h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
    h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
    h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
    h1 ^= h2 ^ h3 ^ h4;
    h2 ^= h1;
    h3 ^= h1;
    h4 ^= h1;
    return [h1, h2, h3, h4].map((h) => (h >>> 0).toString(16).padStart(8, "0")).join("");
}

/** A version-4-shaped GUID derived from `label`. */
export function stableGuid(label: string): string {
    const h = hash128(label);
    const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const guidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** "{A3F0…}" → "a3f0…"; null when it is not a GUID. */
export function normalizeGuid(id: string): string | null {
    const s = id.trim().replace(/^\{|\}$/g, "").toLowerCase();
    return guidPattern.test(s) ? s : null;
}

/** Ids for records the fake creates at run time (jobs, import logs): deterministic per instance. */
export class IdGenerator {
    private n = 0;
    constructor(private readonly prefix: string) {}

    next(kind: string): string {
        this.n += 1;
        return stableGuid(`${this.prefix}:${kind}:${this.n}`);
    }

    reset(): void {
        this.n = 0;
    }
}
