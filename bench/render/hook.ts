/**
 * Benchmark only, loaded by bench/render/index.html before React: a stand-in for the React DevTools global
 * hook (`__REACT_DEVTOOLS_GLOBAL_HOOK__`). React 16 calls `onCommitFiberRoot` after every commit, also in
 * its production and profiling builds; this counts, per commit, the component fibers that rendered in it,
 * the way React DevTools decides it (didFiberRender):
 *   - a fiber with no `alternate` was mounted in this commit;
 *   - a function, class, memo or forwardRef fiber rendered when its effectTag has PerformedWork (1): React
 *     clears the flag when it clones a fiber and sets it only when it calls the component (a memo or
 *     shouldComponentUpdate bail-out leaves it clear);
 *   - a subtree whose `child` pointer is the same as its alternate's was not visited at all, so it is not
 *     walked (its stale flags are from an older commit).
 * `targets` (set by the page once the modules are loaded) name the components counted separately.
 */

interface Fiber {
    tag: number;
    type: unknown;
    elementType: unknown;
    child: Fiber | null;
    sibling: Fiber | null;
    alternate: Fiber | null;
    effectTag?: number;
    flags?: number;
    memoizedProps: unknown;
}

interface FiberRoot {
    current: Fiber;
}

export type FiberMatcher = (fiber: { type: unknown; elementType: unknown }) => boolean;

export interface CommitRecord {
    /** performance.now() when React reported the commit. */
    at: number;
    /** Target name → fibers of it that rendered (mounted or re-rendered) in this commit. */
    rendered: Record<string, number>;
    /** Every function/class/memo/forwardRef fiber that rendered in this commit. */
    composites: number;
    /** "target.prop" → re-renders (not mounts) of a target in which that prop was a different value. */
    changedProps: Record<string, number>;
}

export interface BenchHook {
    /** When false, commits are only timestamped (no walk), so timings carry no counting cost. */
    counting: boolean;
    targets: Record<string, FiberMatcher>;
    commits: CommitRecord[];
    errors: string[];
    lastRoot: FiberRoot | null;
    /** Target name → fibers of it in the committed tree (a full walk; call outside timed code). */
    inTree(): Record<string, number>;
}

const PERFORMED_WORK = 1;
/** FunctionComponent, ClassComponent, IndeterminateComponent, ContextConsumer, ForwardRef, MemoComponent, SimpleMemoComponent (React 16.14). */
const COMPOSITE_TAGS = new Set([0, 1, 2, 9, 11, 14, 15]);

function didRender(fiber: Fiber): boolean {
    const previous = fiber.alternate;
    if (previous === null) return true;
    if (COMPOSITE_TAGS.has(fiber.tag)) return ((fiber.effectTag ?? fiber.flags ?? 0) & PERFORMED_WORK) === PERFORMED_WORK;
    return previous.memoizedProps !== fiber.memoizedProps;
}

const hook: BenchHook = {
    counting: false,
    targets: {},
    commits: [],
    errors: [],
    lastRoot: null,
    inTree() {
        const counts: Record<string, number> = Object.fromEntries(Object.keys(hook.targets).map((k) => [k, 0]));
        const stack: Fiber[] = hook.lastRoot?.current.child ? [hook.lastRoot.current.child] : [];
        while (stack.length > 0) {
            const fiber = stack.pop()!;
            for (const [name, match] of Object.entries(hook.targets)) if (match(fiber)) counts[name]++;
            if (fiber.sibling) stack.push(fiber.sibling);
            if (fiber.child) stack.push(fiber.child);
        }
        return counts;
    },
};

/** React reconciled this fiber's children in this commit: it was mounted (no alternate) or its child list is new. */
function visited(fiber: Fiber): boolean {
    // `child` is a fiber or null, never undefined: with no alternate this is always true.
    return fiber.child !== fiber.alternate?.child;
}

function tallyChangedProps(name: string, fiber: Fiber, record: CommitRecord): void {
    const before = fiber.alternate?.memoizedProps as Record<string, unknown> | null | undefined;
    const after = fiber.memoizedProps as Record<string, unknown> | null;
    if (!before || !after) return;
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
        if (before[key] !== after[key]) record.changedProps[`${name}.${key}`] = (record.changedProps[`${name}.${key}`] ?? 0) + 1;
    }
}

function walk(first: Fiber | null, record: CommitRecord, targets: [string, FiberMatcher][]): void {
    for (let fiber = first; fiber !== null; fiber = fiber.sibling) {
        if (didRender(fiber)) {
            if (COMPOSITE_TAGS.has(fiber.tag)) record.composites++;
            for (const [name, match] of targets) {
                if (!match(fiber)) continue;
                record.rendered[name]++;
                tallyChangedProps(name, fiber, record);
            }
        }
        if (visited(fiber)) walk(fiber.child, record, targets);
    }
}

function onCommitFiberRoot(_rendererId: number, root: FiberRoot): void {
    hook.lastRoot = root;
    const record: CommitRecord = { at: performance.now(), rendered: {}, composites: 0, changedProps: {} };
    if (hook.counting) {
        try {
            const targets = Object.entries(hook.targets);
            for (const [name] of targets) record.rendered[name] = 0;
            const current = root.current;
            if (visited(current)) walk(current.child, record, targets);
        } catch (error) {
            hook.errors.push(String(error));
        }
    }
    hook.commits.push(record);
}

const globals = window as unknown as { __REACT_DEVTOOLS_GLOBAL_HOOK__?: unknown; benchHook?: BenchHook };
globals.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    isDisabled: false,
    supportsFiber: true,
    renderers: new Map<number, unknown>(),
    inject: () => 1,
    onCommitFiberRoot,
    onCommitFiberUnmount: () => undefined,
    checkDCE: () => undefined,
};
globals.benchHook = hook;
