/**
 * The calling user's privileges, as documented for the calls the fake answers:
 *
 * - The three import messages (ParseImport, TransformImport, ImportRecordsImport) each need
 *   prvCreateImport, prvReadAsyncOperation, prvReadImport and prvReadImportFile on import:
 *   https://learn.microsoft.com/en-us/previous-versions/dynamicscrm-2016/developers-guide/gg334268(v=crm.8) (ParseImport),
 *   https://learn.microsoft.com/en-us/previous-versions/dynamicscrm-2013/developers-guide/gg327956(v=crm.6) (TransformImport),
 *   https://learn.microsoft.com/en-us/previous-versions/dynamicscrm-2016/developers-guide/gg328357(v=crm.8) (ImportRecordsImport).
 *   (The SDK message reference, "<Message> message privileges"; the current pages no longer list them.)
 * - Reading a table needs prvRead<Table> (prvReadImport, prvReadImportFile, prvReadImportLog, prvReadAsyncOperation,
 *   prvReadImportMap, prvReadImportEntityMapping).
 * - `context.utils.hasEntityPrivilege(entityTypeName, privilegeType, privilegeDepth)`: PrivilegeType
 *   0 None, 1 Create, 2 Read, 3 Write, 4 Delete, 5 Assign, 6 Share, 7 Append, 8 AppendTo; PrivilegeDepth
 *   -1 None, 0 Basic, 1 Local, 2 Deep, 3 Global:
 *   https://learn.microsoft.com/en-us/power-apps/developer/component-framework/reference/utility/hasentityprivilege
 *
 * Privilege names use the table's schema name: prv<Type><SchemaName> ("prvReadImportFile").
 *
 * The model: every privilege is held at Global unless a test or the sandbox changes it
 * (`revoke`, `grant(name, depth)`, `reset`).
 */
import type { PrivilegeDepth, PrivilegeType } from "../../ImportMonitor/dataverse/platform";

/** Schema names of the tables the fake knows, for privilege names. */
export const TableSchemaNames: Readonly<Record<string, string>> = {
    import: "Import",
    importfile: "ImportFile",
    importlog: "ImportLog",
    importmap: "ImportMap",
    importentitymapping: "ImportEntityMapping",
    asyncoperation: "AsyncOperation",
    account: "Account",
    contact: "Contact",
    lead: "Lead",
};

/** PCF's PrivilegeType values → the verb of the privilege name (0 None has none). */
export const PrivilegeTypeNames: Readonly<Record<number, string>> = {
    1: "Create",
    2: "Read",
    3: "Write",
    4: "Delete",
    5: "Assign",
    6: "Share",
    7: "Append",
    8: "AppendTo",
};

/** PrivilegeDepth: -1 None, 0 Basic, 1 Local, 2 Deep, 3 Global. */
export const PrivilegeDepths = { None: -1, Basic: 0, Local: 1, Deep: 2, Global: 3 } as const;

/**
 * What each import message needs, in the order the SDK message reference lists them (see the header).
 * The same four for all three messages.
 */
export const IMPORT_MESSAGE_PRIVILEGES: readonly string[] = ["prvCreateImport", "prvReadAsyncOperation", "prvReadImport", "prvReadImportFile"];

/** The table a privilege name is on ("prvReadImportFile" → "importfile"), or undefined. */
export function tableOfPrivilege(privilege: string): string | undefined {
    const m = /^prv(Create|Read|Write|Delete|Assign|Share|AppendTo|Append)(\w+)$/.exec(privilege);
    if (!m) return undefined;
    return Object.keys(TableSchemaNames).find((t) => TableSchemaNames[t] === m[2]);
}

/** "importfile", 2 → "prvReadImportFile"; undefined for a table the fake does not know or type 0/unknown. */
export function privilegeName(entityTypeName: string, privilegeType: number): string | undefined {
    const schema = Object.prototype.hasOwnProperty.call(TableSchemaNames, entityTypeName) ? TableSchemaNames[entityTypeName] : undefined;
    const verb = PrivilegeTypeNames[privilegeType];
    return schema && verb ? `prv${verb}${schema}` : undefined;
}

/** prvRead<Table> of a table ("asyncoperation" → "prvReadAsyncOperation"). */
export function readPrivilegeOf(entity: string): string | undefined {
    return privilegeName(entity, 2);
}

function checkDepth(depth: number): PrivilegeDepth {
    if (![-1, 0, 1, 2, 3].includes(depth)) throw new Error(`A privilege depth is -1 (None), 0 (Basic), 1 (Local), 2 (Deep) or 3 (Global); got ${depth}.`);
    return depth as PrivilegeDepth;
}

function checkName(name: string): string {
    if (!/^prv\w+$/.test(name)) throw new Error(`A privilege name looks like "prvCreateImport"; got "${name}".`);
    return name;
}

/** The calling user's privileges: a depth per privilege name, Global unless changed. */
export class PrivilegeSet {
    private depths = new Map<string, PrivilegeDepth>();
    private listeners = new Set<() => void>();

    /** Takes `name` away (depth None). */
    revoke(...names: string[]): void {
        for (const n of names) this.depths.set(checkName(n), -1);
        this.changed();
    }

    /** Gives `name` at `depth` (default Global). */
    grant(name: string, depth: PrivilegeDepth = 3): void {
        this.depths.set(checkName(name), checkDepth(depth));
        this.changed();
    }

    /** Back to the default: every privilege held at Global. */
    reset(): void {
        this.depths.clear();
        this.changed();
    }

    /** The depth `name` is held at (-1 when not held). */
    depthOf(name: string): PrivilegeDepth {
        return this.depths.get(name) ?? 3;
    }

    /** Whether `name` is held at `depth` or deeper (default: at any depth). */
    has(name: string, depth: PrivilegeDepth = 0): boolean {
        const held = this.depthOf(name);
        return held >= 0 && held >= depth;
    }

    /** The first of `names` not held, or undefined. */
    firstMissing(names: readonly string[]): string | undefined {
        return names.find((n) => !this.has(n));
    }

    /**
     * `context.utils.hasEntityPrivilege`. True when prv<Type><Table> is held at `privilegeDepth` or deeper.
     * Assumed where the reference says nothing: privilegeType 0 (None) and a table the fake does not know
     * give false; privilegeDepth -1 (None) asks whether the privilege is held at all.
     */
    hasEntityPrivilege(entityTypeName: string, privilegeType: PrivilegeType, privilegeDepth: PrivilegeDepth): boolean {
        const name = privilegeName(String(entityTypeName).toLowerCase(), Number(privilegeType));
        if (!name) return false;
        const depth = Number(privilegeDepth);
        return this.has(name, depth < 0 ? 0 : (Math.min(depth, 3) as PrivilegeDepth));
    }

    /** What differs from the default (for a sandbox toolbar): name → depth. */
    describe(): Record<string, PrivilegeDepth> {
        return Object.fromEntries(this.depths);
    }

    /** Called after every change. Returns the unsubscribe. */
    subscribe(listener: () => void): () => void {
        this.listeners.add(listener);
        return () => this.listeners.delete(listener);
    }

    private changed(): void {
        for (const l of [...this.listeners]) l();
    }
}
