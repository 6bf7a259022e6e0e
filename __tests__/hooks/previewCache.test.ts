import { PreviewCache, PREVIEW_CACHE_SIZE } from "../../ImportMonitor/hooks/previewCache";
import type { PreviewCacheEntry } from "../../ImportMonitor/hooks/previewCache";

const entry = (modifiedOn: number, chars = 0): PreviewCacheEntry => ({ modifiedOn, content: { content: "x".repeat(chars) } }) as unknown as PreviewCacheEntry;

describe("PreviewCache", () => {
    it("serves an entry for the same file and modifiedOn only, case-insensitively by id", () => {
        const cache = new PreviewCache();
        const e = entry(100);
        cache.set("ABC", e);
        expect(cache.get("abc", 100)).toBe(e);
        expect(cache.get("abc", null)).toBeUndefined();
        // Another modifiedOn: a miss, and the stale entry is dropped.
        expect(cache.get("abc", 200)).toBeUndefined();
        expect(cache.size).toBe(0);
    });

    it(`keeps the ${PREVIEW_CACHE_SIZE} most recently used files`, () => {
        const cache = new PreviewCache();
        for (let i = 1; i <= PREVIEW_CACHE_SIZE; i++) cache.set(`f${i}`, entry(i));
        expect(cache.get("f1", 1)).toBeDefined(); // f1 is now the most recent
        cache.set("f6", entry(6));
        expect(cache.size).toBe(PREVIEW_CACHE_SIZE);
        expect(cache.get("f2", 2)).toBeUndefined();
        expect(cache.get("f1", 1)).toBeDefined();
        expect(cache.get("f6", 6)).toBeDefined();
    });

    it("adds later results only to the entry they were computed for", () => {
        const cache = new PreviewCache();
        const old = entry(1);
        cache.set("f", old);
        const fresh = entry(2);
        cache.set("f", fresh);
        cache.update("f", old, { columns: { status: "noTable" } });
        expect(fresh.columns).toBeUndefined();
        cache.update("f", fresh, { columns: { status: "noTable" } });
        expect(cache.get("f", 2)?.columns).toEqual({ status: "noTable" });
    });
});

describe("PreviewCache memory bound", () => {
    it("drops the least recently used files once their content exceeds the character bound", () => {
        const cache = new PreviewCache(5, 1000);
        cache.set("a", entry(1, 400));
        cache.set("b", entry(1, 400));
        expect(cache.size).toBe(2);
        cache.set("c", entry(1, 400));
        expect(cache.size).toBe(2);
        expect(cache.get("a", 1)).toBeUndefined();
        expect(cache.get("c", 1)).toBeDefined();
        // A single file larger than the bound is still kept: it is the one being looked at.
        cache.set("d", entry(1, 5000));
        expect(cache.size).toBe(1);
        expect(cache.get("d", 1)).toBeDefined();
    });
});
