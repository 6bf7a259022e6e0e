/**
 * The tables the fake holds, with their Web API column names, types and option-set labels: what
 * `$select`, `$filter` and `$orderby` are validated against and what formatted values are built from.
 */

export type ColumnType = "guid" | "lookup" | "string" | "memo" | "int" | "picklist" | "boolean" | "datetime";

export interface ColumnDef {
    type: ColumnType;
    /** picklist labels by value. */
    options?: Readonly<Record<number, string>>;
    /** lookup: the table it points to. */
    target?: string;
    /**
     * A lookup that can point to more than one table (Owner `ownerid`: systemuser or team; `recordsownerid`):
     * the tables. The stored record keeps which one under `lookupTargetKey(column)`; see lookupTargetOf.
     */
    targets?: readonly string[];
    /** lookup: the navigation property (for the associatednavigationproperty annotation). */
    navigation?: string;
}

export interface TableDef {
    logicalName: string;
    entitySetName: string;
    primaryId: string;
    primaryName: string | null;
    columns: Readonly<Record<string, ColumnDef>>;
}

export const StatusCodeLabels: Readonly<Record<number, string>> = {
    0: "Submitted",
    1: "Parsing",
    2: "Transforming",
    3: "Importing",
    4: "Completed",
    5: "Failed",
};

export const ProcessingStatusLabels: Readonly<Record<number, string>> = {
    1: "Not Started",
    2: "Parsing",
    3: "Parsing Complete",
    4: "Complex Transformation",
    5: "Lookup Transformation",
    6: "Picklist Transformation",
    7: "Owner Transformation",
    8: "Transformation Complete",
    9: "Import Pass 1",
    10: "Import Pass 2",
    11: "Import Complete",
    12: "Primary Key Transformation",
};

export const FieldDelimiterLabels: Readonly<Record<number, string>> = { 1: "Colon", 2: "Comma", 3: "Tab", 4: "Semicolon" };
export const DataDelimiterLabels: Readonly<Record<number, string>> = { 1: "DoubleQuote", 2: "None", 3: "SingleQuote" };
export const LogPhaseLabels: Readonly<Record<number, string>> = {
    0: "Parse",
    1: "Transform",
    2: "Import Create",
    3: "Import Update",
};

/*
 * asyncoperation's choices, as in the AsyncOperation table reference
 * (https://learn.microsoft.com/en-us/power-apps/developer/data-platform/reference/entities/asyncoperation;
 * MicrosoftDocs/powerapps-docs, powerapps-docs/developer/common-data-service/reference/entities/asyncoperation.md):
 * StateCode 0 Ready, 1 Suspended, 2 Locked, 3 Completed; StatusCode 0 Waiting For Resources (state 0),
 * 10 Waiting (1), 20 In Progress, 21 Pausing, 22 Canceling (2), 30 Succeeded, 31 Failed, 32 Canceled (3);
 * OperationType 3 Import File Parse, 4 Transform Parse Data, 5 Import (17 is "Import Subprocess",
 * 18 "Calculate Organization Storage Size": not the import stages).
 */

/** asyncoperation.statecode */
export const AsyncStateCode = { Ready: 0, Suspended: 1, Locked: 2, Completed: 3 } as const;
/** asyncoperation.statuscode */
export const AsyncStatusCode = {
    WaitingForResources: 0,
    Waiting: 10,
    InProgress: 20,
    Pausing: 21,
    Canceling: 22,
    Succeeded: 30,
    Failed: 31,
    Canceled: 32,
} as const;
/** asyncoperation.operationtype of the three import stages. */
export const AsyncOperationType = { ImportFileParse: 3, TransformParseData: 4, Import: 5 } as const;

const asyncStateLabels = { 0: "Ready", 1: "Suspended", 2: "Locked", 3: "Completed" };
const asyncStatusLabels = {
    0: "Waiting For Resources",
    10: "Waiting",
    20: "In Progress",
    21: "Pausing",
    22: "Canceling",
    30: "Succeeded",
    31: "Failed",
    32: "Canceled",
};
const operationTypeLabels = { 1: "System Event", 2: "Bulk Email", 3: "Import File Parse", 4: "Transform Parse Data", 5: "Import", 17: "Import Subprocess" };
const activeState = { 0: "Active", 1: "Inactive" };

export const Tables: Readonly<Record<string, TableDef>> = {
    import: {
        logicalName: "import",
        entitySetName: "imports",
        primaryId: "importid",
        primaryName: "name",
        columns: {
            importid: { type: "guid" },
            name: { type: "string" },
            statuscode: { type: "picklist", options: StatusCodeLabels },
            statecode: { type: "picklist", options: activeState },
            modecode: { type: "picklist", options: { 0: "Create", 1: "Update" } },
            sendnotification: { type: "boolean" },
            emailaddress: { type: "string" },
            createdon: { type: "datetime" },
            modifiedon: { type: "datetime" },
            // Lookup properties of import-table.txt: the owner (navigation `ownerid`, systemuser or team).
            _ownerid_value: { type: "lookup", targets: ["systemuser", "team"], navigation: "ownerid" },
        },
    },
    importfile: {
        logicalName: "importfile",
        entitySetName: "importfiles",
        primaryId: "importfileid",
        primaryName: "name",
        columns: {
            importfileid: { type: "guid" },
            name: { type: "string" },
            source: { type: "string" },
            _importid_value: { type: "lookup", target: "import", navigation: "importid" },
            targetentityname: { type: "string" },
            sourceentityname: { type: "string" },
            size: { type: "string" },
            content: { type: "memo" },
            fielddelimitercode: { type: "picklist", options: FieldDelimiterLabels },
            datadelimitercode: { type: "picklist", options: DataDelimiterLabels },
            isfirstrowheader: { type: "boolean" },
            filetypecode: { type: "picklist", options: { 0: "CSV", 1: "XML Spreadsheet 2003", 2: "Attachment", 3: "XLSX" } },
            processcode: { type: "picklist", options: { 1: "Process", 2: "Ignore", 3: "Internal" } },
            processingstatus: { type: "picklist", options: ProcessingStatusLabels },
            statuscode: { type: "picklist", options: StatusCodeLabels },
            statecode: { type: "picklist", options: activeState },
            successcount: { type: "int" },
            failurecount: { type: "int" },
            partialfailurecount: { type: "int" },
            totalcount: { type: "int" },
            headerrow: { type: "memo" },
            usesystemmap: { type: "boolean" },
            enableduplicatedetection: { type: "boolean" },
            _importmapid_value: { type: "lookup", target: "importmap", navigation: "importmapid" },
            modifiedon: { type: "datetime" },
            createdon: { type: "datetime" },
            // The writable columns of the reference the fake does not otherwise use (so a create may set them),
            // and the two polymorphic lookups: the owner (navigation `ownerid`) and the records' owner
            // (navigations `recordsownerid_systemuser` / `recordsownerid_team`, ImportFile_SystemUser /
            // ImportFile_Team in the ImportFile table reference,
            // https://learn.microsoft.com/power-apps/developer/data-platform/reference/entities/importfile).
            upsertmodecode: { type: "picklist", options: { 0: "Create", 1: "Update", 2: "Ignore" } },
            relatedentitycolumns: { type: "memo" },
            entitykeyid: { type: "guid" },
            timezoneruleversionnumber: { type: "int" },
            utcconversiontimezonecode: { type: "int" },
            _ownerid_value: { type: "lookup", targets: ["systemuser", "team"], navigation: "ownerid" },
            _recordsownerid_value: { type: "lookup", targets: ["systemuser", "team"] },
        },
    },
    importlog: {
        logicalName: "importlog",
        entitySetName: "importlogs",
        primaryId: "importlogid",
        primaryName: null,
        columns: {
            importlogid: { type: "guid" },
            _importfileid_value: { type: "lookup", target: "importfile", navigation: "importfileid" },
            linenumber: { type: "int" },
            headercolumn: { type: "string" },
            columnvalue: { type: "string" },
            errordescription: { type: "string" },
            errornumber: { type: "int" },
            logphasecode: { type: "picklist", options: LogPhaseLabels },
            additionalinfo: { type: "memo" },
            createdon: { type: "datetime" },
        },
    },
    asyncoperation: {
        logicalName: "asyncoperation",
        entitySetName: "asyncoperations",
        primaryId: "asyncoperationid",
        primaryName: "name",
        columns: {
            asyncoperationid: { type: "guid" },
            name: { type: "string" },
            operationtype: { type: "picklist", options: operationTypeLabels },
            statecode: { type: "picklist", options: asyncStateLabels },
            statuscode: { type: "picklist", options: asyncStatusLabels },
            message: { type: "memo" },
            friendlymessage: { type: "memo" },
            errorcode: { type: "int" },
            _regardingobjectid_value: { type: "lookup", target: "import", navigation: "regardingobjectid_import" },
            createdon: { type: "datetime" },
            startedon: { type: "datetime" },
            completedon: { type: "datetime" },
            modifiedon: { type: "datetime" },
        },
    },
    /*
     * Data maps, for the "Add files" pickers. Columns as in the Data Map (ImportMap) table reference
     * (https://learn.microsoft.com/power-apps/developer/data-platform/reference/entities/importmap;
     * MicrosoftDocs/powerapps-docs, powerapps-docs/developer/data-platform/reference/entities/importmap.md), a subset:
     * the ones a picker shows or filters on. `targetentity` is a read-only choice whose values are object type
     * codes (the reference lists the organization's tables: 1 Account, 2 Contact, …); only the two the seed uses
     * are modeled. StateCode 0 Active (DefaultStatus 1), 1 Inactive (DefaultStatus 2); StatusCode 1 Active
     * (state 0), 2 Inactive (state 1).
     */
    importmap: {
        logicalName: "importmap",
        entitySetName: "importmaps",
        primaryId: "importmapid",
        primaryName: "name",
        columns: {
            importmapid: { type: "guid" },
            name: { type: "string" },
            description: { type: "string" },
            source: { type: "string" },
            sourcetype: {
                type: "picklist",
                options: {
                    1: "Map For SalesForce.com Full Data Export",
                    2: "Map For SalesForce.com Report Export",
                    3: "Map For SalesForce.com Contact and Account Report Export",
                    4: "Microsoft Office Outlook 2010 with Business Contact Manager",
                    5: "Generic Map for Contact and Account",
                },
            },
            entitiesperfile: { type: "picklist", options: { 1: "Single Entity Per File", 2: "Multiple Entities Per File" } },
            importmaptype: { type: "picklist", options: { 1: "Standard", 2: "Out of Box", 3: "In Process" } },
            targetentity: { type: "picklist", options: { 1: "Account", 2: "Contact" } },
            isvalidforimport: { type: "boolean" },
            statecode: { type: "picklist", options: activeState },
            statuscode: { type: "picklist", options: { 1: "Active", 2: "Inactive" } },
            createdon: { type: "datetime" },
            modifiedon: { type: "datetime" },
        },
    },
    /*
     * The tables a data map covers, one row per source → target table. Columns as in the Import Entity Mapping
     * (ImportEntityMapping) table reference
     * (https://learn.microsoft.com/power-apps/developer/data-platform/reference/entities/importentitymapping;
     * MicrosoftDocs/powerapps-docs, powerapps-docs/developer/data-platform/reference/entities/importentitymapping.md),
     * a subset: no PrimaryNameAttribute, OwnershipType None (no owner). `importmapid` (ApplicationRequired, Lookup to
     * importmap; relationship ImportEntityMapping_ImportMap, navigation property `importmapid`, Delete: Cascade);
     * `sourceentityname` (ApplicationRequired, text 160), `targetentityname` (None, text 160, "Name of the Microsoft
     * Dynamics 365 entity": a logical name); ProcessCode 1 Process, 2 Ignore, 3 Internal; DeDupe 1 Ignore, 2 Eliminate.
     * StateCode has one choice, 0 Active (DefaultStatus 1), and StatusCode one, 1 Active (state 0): a mapping row is
     * never inactive, so `statecode eq 0` keeps every row, those of inactive maps too (their map's statecode tells).
     */
    importentitymapping: {
        logicalName: "importentitymapping",
        entitySetName: "importentitymappings",
        primaryId: "importentitymappingid",
        primaryName: null,
        columns: {
            importentitymappingid: { type: "guid" },
            _importmapid_value: { type: "lookup", target: "importmap", navigation: "importmapid" },
            sourceentityname: { type: "string" },
            targetentityname: { type: "string" },
            processcode: { type: "picklist", options: { 1: "Process", 2: "Ignore", 3: "Internal" } },
            dedupe: { type: "picklist", options: { 1: "Ignore", 2: "Eliminate" } },
            statecode: { type: "picklist", options: { 0: "Active" } },
            statuscode: { type: "picklist", options: { 1: "Active" } },
            createdon: { type: "datetime" },
            modifiedon: { type: "datetime" },
        },
    },
};

/** Where a stored record keeps the table a polymorphic lookup (ColumnDef.targets) points to. */
export function lookupTargetKey(column: string): string {
    return `@target:${column}`;
}

/** The table a stored lookup value points to: the column's one target, or for a polymorphic one what the record keeps. */
export function lookupTargetOf(def: ColumnDef, record: Record<string, unknown>, column: string): string | undefined {
    if (def.target) return def.target;
    const kept = record[lookupTargetKey(column)];
    return typeof kept === "string" ? kept : undefined;
}

/**
 * The navigation property of a stored lookup value: the column's own, or for a polymorphic lookup without one
 * `<lookup>_<table>` (the names the references give: `recordsownerid_systemuser`, `recordsownerid_team`).
 */
export function lookupNavigationOf(def: ColumnDef, target: string | undefined, column: string): string | undefined {
    if (def.navigation) return def.navigation;
    const base = /^_(.+)_value$/.exec(column)?.[1];
    return base && target ? `${base}_${target}` : undefined;
}

/** Entity set name → logical name, for nextLink URLs. */
export function tableByLogicalName(logicalName: string): TableDef | undefined {
    return Object.prototype.hasOwnProperty.call(Tables, logicalName) ? Tables[logicalName] : undefined;
}

/** Date as the Web API returns it: ISO 8601 to the second, UTC. */
export function toODataDate(ms: number): string {
    return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

function pad2(n: number): string {
    return n < 10 ? "0" + n : String(n);
}

/** Formatted date as an en-US user in UTC sees it: "11/24/2025 9:07 AM". */
export function formatDate(iso: string): string {
    const d = new Date(iso);
    if (isNaN(d.getTime())) return iso;
    const h = d.getUTCHours();
    const h12 = h % 12 === 0 ? 12 : h % 12;
    return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()} ${h12}:${pad2(d.getUTCMinutes())} ${h < 12 ? "AM" : "PM"}`;
}

/** Formatted whole number, en-US: "1,234". */
export function formatInt(n: number): string {
    const sign = n < 0 ? "-" : "";
    return sign + String(Math.abs(Math.trunc(n))).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** A stored value as text ("" for null/undefined). */
export function asText(v: unknown): string {
    if (typeof v === "string") return v;
    if (typeof v === "number" || typeof v === "boolean" || typeof v === "bigint") return String(v);
    if (v === null || v === undefined) return "";
    return JSON.stringify(v);
}
