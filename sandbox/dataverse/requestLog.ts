/**
 * Every call made to the fake, in order: tests and benchmarks count requests per poll with it.
 */

export type RequestKind = "retrieveMultiple" | "retrieve" | "execute" | "metadata" | "getJson" | "create" | "delete";

export interface RequestLogEntry {
    /** 1, 2, 3, … in call order. */
    seq: number;
    kind: RequestKind;
    /**
     * The table read, the table an action is bound to ("import"), the table whose metadata is asked for, or
     * for getJson the first segment of the path without its key ("EntityDefinitions").
     */
    entity: string;
    /** execute: the operation name ("ParseImport"). */
    operation?: string;
    /** The options string as passed (retrieve/retrieveMultiple). */
    options?: string;
    /** retrieve, delete: the id; execute: the import id. */
    id?: string;
    /** create: a copy of the payload as passed. */
    payload?: Record<string, unknown>;
    maxPageSize?: number;
    /** metadata: the attributes asked for. */
    attributes?: string[];
    /** getJson: the path as passed. */
    path?: string;
    /** Clock time of the call. */
    at: number;
}

/** `kind:target` of an entry, as fault and count patterns match it ("retrieveMultiple:importfile", "execute:ParseImport"). */
export function operationKey(entry: Pick<RequestLogEntry, "kind" | "entity" | "operation">): string {
    return `${entry.kind}:${entry.kind === "execute" ? (entry.operation ?? "") : entry.entity}`;
}

/**
 * Whether `key` ("retrieveMultiple:importfile") matches `pattern`: "*", "retrieveMultiple",
 * "retrieveMultiple:*", "*:importfile", "retrieveMultiple:importfile" (case-insensitive).
 */
export function matchesPattern(pattern: string, key: string): boolean {
    const [pk, pt = "*"] = pattern.toLowerCase().split(":");
    const [kk, kt = ""] = key.toLowerCase().split(":");
    return (pk === "*" || pk === kk) && (pt === "*" || pt === kt);
}

export type RequestFilter = string | ((entry: RequestLogEntry) => boolean);

export class RequestLog {
    private list: RequestLogEntry[] = [];
    private seq = 0;

    record(entry: Omit<RequestLogEntry, "seq">): RequestLogEntry {
        const e = { ...entry, seq: ++this.seq };
        this.list.push(e);
        return e;
    }

    /** Entries, optionally filtered by pattern ("retrieveMultiple:importfile") or predicate. */
    entries(filter?: RequestFilter): readonly RequestLogEntry[] {
        if (filter === undefined) return this.list.slice();
        const test = typeof filter === "string" ? (e: RequestLogEntry) => matchesPattern(filter, operationKey(e)) : filter;
        return this.list.filter(test);
    }

    /** How many calls (matching `filter`) were made; with `sinceMark`, only those after that mark. */
    count(filter?: RequestFilter, sinceMark = 0): number {
        return this.entries(filter).filter((e) => e.seq > sinceMark).length;
    }

    /** A mark to count from: `count(filter, mark)` counts calls made after it. */
    mark(): number {
        return this.seq;
    }

    /** Entries after a mark. */
    since(mark: number, filter?: RequestFilter): readonly RequestLogEntry[] {
        return this.entries(filter).filter((e) => e.seq > mark);
    }

    /** Counts by `kind:target`, e.g. { "retrieveMultiple:importfile": 3 }. */
    summary(sinceMark = 0): Record<string, number> {
        const out: Record<string, number> = {};
        for (const e of this.list) {
            if (e.seq <= sinceMark) continue;
            const k = operationKey(e);
            out[k] = (out[k] ?? 0) + 1;
        }
        return out;
    }

    clear(): void {
        this.list = [];
    }
}
