/**
 * Fault injection: make calls reject the way the platform does (throttling, privileges, not found,
 * precondition, offline, timeout, server error), slow them down, or make a stage's job fail.
 * Patterns name operations as `kind:target`: "retrieveMultiple:importfile", "retrieve:asyncoperation",
 * "execute:TransformImport", "metadata:contact", "getJson:EntityDefinitions", with "*" for any part
 * ("*" = every call).
 *
 * Besides injected faults, the fake refuses calls on its own when the user lacks a privilege
 * (`dv.privileges`, see privileges.ts).
 */
import { PlatformErrors } from "./errors";
import { IMPORT_MESSAGE_PRIVILEGES, readPrivilegeOf, tableOfPrivilege } from "./privileges";
import { matchesPattern } from "./requestLog";

export type FaultKind = "throttle" | "privilege" | "notFound" | "precondition" | "offline" | "timeout" | "server";

export type FaultSpec =
    | FaultKind
    | { kind: "throttle"; retryAfterSeconds?: number }
    | { kind: "privilege"; privilege?: string; entity?: string }
    | { kind: "notFound"; entity?: string; id?: string }
    | { kind: "precondition" }
    | { kind: "offline"; shape?: "typeError" | "object" }
    /** Rejects after `afterMs` of clock time (default 0). */
    | { kind: "timeout"; afterMs?: number }
    | { kind: "server"; message?: string }
    /** Rejects with exactly `error`. */
    | { kind: "custom"; error: unknown };

/** What the call being checked is: for the messages of privilege and not-found errors. */
export interface FaultContext {
    key: string;
    kind: string;
    entity: string;
    id?: string;
    /**
     * The privilege a "privilege" fault names when it names none: the fake passes the first privilege the
     * call needs that the user lacks (see privileges.ts), or else the call's first documented one.
     */
    privilege?: string;
}

export interface FaultHandle {
    /** Stops this fault (if it has not run out). */
    remove(): void;
    /** Calls it will still fail (Infinity for `failAll`). */
    readonly remaining: number;
}

export type StageName = "parse" | "transform" | "import";

export interface StageFailure {
    stage: StageName;
    /** The processingstatus the files stop at (default: the stage's first). */
    atProcessingStatus?: number;
    /** asyncoperation.message (technical). */
    message?: string;
    /** asyncoperation.friendlymessage. */
    friendlyMessage?: string;
    /** Only for this import (default: the next run of the stage on any import). */
    importId?: string;
}

interface FaultRule {
    id: number;
    match: string;
    fault: FaultSpec;
    remaining: number;
}

interface SlowRule {
    id: number;
    match: string;
    ms: number;
}

function tableOf(privilege: string, fallback: string): string {
    return tableOfPrivilege(privilege) ?? fallback;
}

function specKind(spec: FaultSpec): FaultSpec & { kind: string } {
    return typeof spec === "string" ? ({ kind: spec } as FaultSpec & { kind: string }) : spec;
}

/** The rejection payload of `spec` for the call described by `context`. */
export function faultError(spec: FaultSpec, context: FaultContext): unknown {
    const s = specKind(spec);
    switch (s.kind) {
        case "throttle":
            return PlatformErrors.throttling("retryAfterSeconds" in s ? s.retryAfterSeconds : undefined);
        case "privilege": {
            const p = s as { privilege?: string; entity?: string };
            const privilege =
                p.privilege ??
                context.privilege ??
                (context.kind === "execute" ? IMPORT_MESSAGE_PRIVILEGES[0] : (readPrivilegeOf(context.entity) ?? "prvReadEntity"));
            const entity = p.entity ?? tableOf(privilege, context.kind === "execute" ? "import" : context.entity);
            return PlatformErrors.missingPrivilege(privilege, entity);
        }
        case "notFound": {
            const n = s as { entity?: string; id?: string };
            return PlatformErrors.notFound(
                n.entity ?? (context.kind === "execute" ? "import" : context.entity),
                n.id ?? context.id ?? "00000000-0000-0000-0000-000000000000",
            );
        }
        case "precondition":
            return PlatformErrors.preconditionFailed();
        case "offline":
            // getJson is a fetch the port wraps: no answer at all becomes `{ message, status: 0 }` (platform.ts).
            if (context.kind === "getJson") return { message: "Failed to fetch", status: 0 };
            return PlatformErrors.offline("shape" in s ? s.shape : undefined);
        case "timeout":
            return PlatformErrors.timeout();
        case "server":
            return PlatformErrors.server("message" in s ? s.message : undefined);
        case "custom":
            return (s as { error: unknown }).error;
        default:
            throw new Error(`Unknown fault kind '${s.kind}'.`);
    }
}

export class FaultController {
    private rules: FaultRule[] = [];
    private slows: SlowRule[] = [];
    private stageFailures: StageFailure[] = [];
    private nextId = 1;

    /** The next `count` calls matching `match` (default: any call) reject with `fault`. */
    failNext(fault: FaultSpec, options: { count?: number; match?: string } = {}): FaultHandle {
        return this.add(options.match ?? "*", fault, options.count ?? 1);
    }

    /** Every call matching `match` rejects with `fault` until the handle is removed (or `clear()`). */
    failAll(match: string, fault: FaultSpec): FaultHandle {
        return this.add(match, fault, Infinity);
    }

    /** Adds `ms` of latency to every call matching `match` (default: all) until removed. */
    slow(ms: number, match = "*"): FaultHandle {
        const rule: SlowRule = { id: this.nextId++, match, ms };
        this.slows.push(rule);
        return {
            remove: () => {
                this.slows = this.slows.filter((r) => r !== rule);
            },
            get remaining() {
                return Infinity;
            },
        };
    }

    /** The next run of `stage` (on `importId`, or any import) fails at `atProcessingStatus`. */
    failStage(stage: StageName, options: Omit<StageFailure, "stage"> = {}): void {
        this.stageFailures.push({ stage, ...options });
    }

    /** Removes every fault, latency and stage failure. */
    clear(): void {
        this.rules = [];
        this.slows = [];
        this.stageFailures = [];
    }

    /** What is armed, for a sandbox toolbar. */
    describe(): { faults: { match: string; fault: FaultSpec; remaining: number }[]; slow: { match: string; ms: number }[]; stageFailures: StageFailure[] } {
        return {
            faults: this.rules.map(({ match, fault, remaining }) => ({ match, fault, remaining })),
            slow: this.slows.map(({ match, ms }) => ({ match, ms })),
            stageFailures: this.stageFailures.slice(),
        };
    }

    /** Used by the fake: the fault for this call, consumed. */
    take(context: FaultContext): { error: unknown; delayMs: number } | null {
        const rule = this.rules.find((r) => r.remaining > 0 && matchesPattern(r.match, context.key));
        if (!rule) return null;
        rule.remaining -= 1;
        if (rule.remaining <= 0) this.rules = this.rules.filter((r) => r !== rule);
        const s = specKind(rule.fault);
        const delayMs = s.kind === "timeout" ? ((s as { afterMs?: number }).afterMs ?? 0) : 0;
        return { error: faultError(rule.fault, context), delayMs };
    }

    /** Used by the fake: extra latency for this call. */
    latencyFor(key: string): number {
        return this.slows.filter((r) => matchesPattern(r.match, key)).reduce((sum, r) => sum + r.ms, 0);
    }

    /** Used by the fake: the failure planned for this run of a stage, consumed. */
    takeStageFailure(stage: StageName, importId: string): StageFailure | null {
        const i = this.stageFailures.findIndex((f) => f.stage === stage && (!f.importId || f.importId.toLowerCase() === importId));
        if (i < 0) return null;
        const [f] = this.stageFailures.splice(i, 1);
        return f;
    }

    private add(match: string, fault: FaultSpec, count: number): FaultHandle {
        specKind(fault);
        const rule: FaultRule = { id: this.nextId++, match, fault, remaining: count };
        this.rules.push(rule);
        return {
            remove: () => {
                this.rules = this.rules.filter((r) => r !== rule);
            },
            get remaining() {
                return rule.remaining;
            },
        };
    }
}
