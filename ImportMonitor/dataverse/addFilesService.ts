/**
 * What adding files from the form needs from Dataverse: the tables a user can import into, the active data maps
 * and the tables each covers, and the importfile create. Part of ImportService (importService.ts); every failure
 * comes out as a DataverseFailure. Sources: docs/research/add-files.md, docs/platform-contract.md §16.
 */
import { importFilePayload } from "../domain/addFiles";
import type { FileDraft } from "../domain/addFiles";
import { normalizeGuid } from "../domain/importFile";
import { DataverseFailure } from "./failures";
import type { DataversePorts, WebApiEntity } from "./platform";
import { readWithRetry } from "./retry";

/** A table the Import Data Wizard can import into (EntityMetadata.IsImportable). */
export interface ImportableTable {
    logicalName: string;
    /** The user's label, else the logical name. */
    displayName: string;
    /** The plural label ("Contacts"), for guessing from file names; "" when absent. */
    collectionName: string;
}

/** An active data map (importmap) and, per target table, the source name its mapping expects (importentitymapping). */
export interface ImportMapOption {
    id: string;
    name: string;
    description: string;
    /** targetentityname → sourceentityname, from the map's importentitymapping rows. */
    targets: Readonly<Record<string, string>>;
}

/**
 * `GET EntityDefinitions?$select=…&$filter=IsImportable eq true` (docs/research/add-files.md §2: IsImportable is
 * documented on EntityMetadata, and "$filter on any properties which use primitive or enumeration values"; no paging).
 * Where a host also answers TableType, Virtual and Elastic tables are left out (import does not support them;
 * docs/research/add-files.md §2).
 */
export const IMPORTABLE_TABLES_PATH = "EntityDefinitions?$select=LogicalName,DisplayName,DisplayCollectionName&$filter=IsImportable eq true";

function label(value: unknown): string {
    const text = (value as { UserLocalizedLabel?: { Label?: unknown } } | null | undefined)?.UserLocalizedLabel?.Label;
    return typeof text === "string" ? text : "";
}

function text(value: unknown): string {
    return typeof value === "string" ? value : "";
}

export interface AddFilesService {
    /** False where the host has no createRecord: files can't be added from the form. */
    readonly canCreateFiles: boolean;
    /** The tables to offer, by display name; null where the host can't list them (no Web API URL: type the name). */
    readImportableTables(): Promise<ImportableTable[] | null>;
    /**
     * Active data maps (statecode 0, not "In Process", one table per file) with the tables each covers (its
     * importentitymapping rows to process). Two requests; rejects with a DataverseFailure when either can't be read
     * (the form then offers the system map only, and says why).
     */
    readImportMaps(): Promise<ImportMapOption[]>;
    /**
     * Creates the importfile of `draft` in the import (one request; retried only when throttled, which the platform
     * rejects before doing anything). Resolves with its id. Rejects with a DataverseFailure; nothing is created then.
     */
    createImportFile(importId: string, draft: FileDraft, ownerId: string | null): Promise<string>;
    /**
     * Creates an import record (name; modecode 0 Create, 1 Update: "can't be changed after create") with no file yet;
     * resolves with its id. One request, retried only when throttled. Rejects with a DataverseFailure.
     */
    createImport(name: string, modeCode: number): Promise<string>;
    /**
     * Deletes an import this control just created, with its files (the platform cascades the delete to them:
     * import's ImportFile relationship), when a later step of making it failed. Rejects with a DataverseFailure.
     */
    deleteImport(importId: string): Promise<void>;
}

export function createAddFilesService(ports: DataversePorts): AddFilesService {
    const { webApi } = ports;
    async function create(table: string, payload: WebApiEntity): Promise<string> {
        if (typeof webApi.createRecord !== "function") throw new DataverseFailure({ kind: "badRequest", message: "This app can't create records." });
        const created = await readWithRetry(() => webApi.createRecord!(table, payload));
        const id = normalizeGuid(text(created?.id));
        // A create that names no record can't be followed: say so rather than list a record that may not exist.
        if (!id) throw new DataverseFailure({ kind: "server", message: `The new ${table} record's id was not returned.` });
        return id;
    }
    return {
        // A harness may give no webAPI at all (reads then fail as they happen; nothing can be created).
        canCreateFiles: typeof (webApi as Partial<typeof webApi> | undefined)?.createRecord === "function",
        async readImportableTables() {
            const getJson = ports.getJson;
            if (!getJson) return null;
            const body = (await readWithRetry(() => getJson(IMPORTABLE_TABLES_PATH))) as { value?: unknown };
            const rows = Array.isArray(body?.value) ? (body.value as WebApiEntity[]) : [];
            return rows
                .filter((e) => e.TableType !== "Virtual" && e.TableType !== "Elastic" && text(e.LogicalName))
                .map((e) => ({
                    logicalName: text(e.LogicalName),
                    displayName: label(e.DisplayName) || text(e.LogicalName),
                    collectionName: label(e.DisplayCollectionName),
                }))
                .sort((a, b) => a.displayName.localeCompare(b.displayName));
        },
        async readImportMaps() {
            const [maps, mappings] = await Promise.all([
                readWithRetry(() =>
                    webApi.retrieveMultipleRecords(
                        "importmap",
                        "?$select=importmapid,name,description,entitiesperfile&$filter=statecode eq 0 and importmaptype ne 3&$orderby=name",
                    ),
                ),
                // Without the tables a map covers, no map can be offered for a file: a failure here is the list's failure.
                readWithRetry(() =>
                    webApi.retrieveMultipleRecords("importentitymapping", "?$select=sourceentityname,targetentityname,_importmapid_value&$filter=statecode eq 0 and processcode eq 1"),
                ),
            ]);
            const targets = new Map<string, Record<string, string>>();
            for (const m of mappings.entities) {
                const mapId = normalizeGuid(text(m._importmapid_value));
                const target = text(m.targetentityname);
                if (!mapId || !target) continue;
                const forMap = targets.get(mapId) ?? {};
                forMap[target] = text(m.sourceentityname);
                targets.set(mapId, forMap);
            }
            // A map for several tables per file (entitiesperfile 2) does not fit a CSV file of one table.
            return maps.entities.filter((e) => e.entitiesperfile !== 2).map((e) => {
                const id = normalizeGuid(text(e.importmapid));
                return { id, name: text(e.name), description: text(e.description), targets: targets.get(id) ?? {} };
            });
        },
        createImportFile(importId, draft, ownerId) {
            return create("importfile", importFilePayload(normalizeGuid(importId), draft, ownerId ? normalizeGuid(ownerId) : null));
        },
        createImport(name, modeCode) {
            return create("import", { name, modecode: modeCode });
        },
        async deleteImport(importId) {
            if (typeof webApi.deleteRecord !== "function") throw new DataverseFailure({ kind: "badRequest", message: "This app can't delete records." });
            await readWithRetry(() => webApi.deleteRecord!("import", normalizeGuid(importId)));
        },
    };
}
