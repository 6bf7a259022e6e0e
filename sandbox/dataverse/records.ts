/**
 * The records the fake holds, typed with their Web API column names, and the per-file rules a seed
 * can give to decide the outcome of rows during the simulated import.
 */
import type { ImportLogError, ImportLogErrorKind } from "./errors";

export interface ImportRecord {
    importid: string;
    name: string;
    /** 0 Submitted, 1 Parsing, 2 Transforming, 3 Importing, 4 Completed, 5 Failed */
    statuscode: number;
    statecode: number;
    /** 0 Create, 1 Update */
    modecode: number;
    sendnotification?: boolean;
    emailaddress?: string | null;
    createdon: string;
    modifiedon: string;
    /** The owner (a systemuser; FAKE_USER_ID when not given). */
    _ownerid_value?: string | null;
}

export interface ImportFileRecord {
    importfileid: string;
    name: string;
    source: string;
    _importid_value: string;
    targetentityname: string;
    sourceentityname?: string | null;
    /** Kilobytes, as text. */
    size: string;
    /** The CSV text. */
    content: string;
    /** 1 Colon, 2 Comma, 3 Tab, 4 Semicolon */
    fielddelimitercode: number;
    /** 1 DoubleQuote, 2 None, 3 SingleQuote */
    datadelimitercode: number;
    isfirstrowheader: boolean;
    /** 0 CSV */
    filetypecode: number;
    /** 1 Process, 2 Ignore, 3 Internal */
    processcode: number;
    processingstatus: number;
    statuscode: number;
    statecode: number;
    successcount: number | null;
    failurecount: number | null;
    partialfailurecount: number | null;
    totalcount: number | null;
    headerrow: string | null;
    usesystemmap: boolean;
    enableduplicatedetection?: boolean;
    _importmapid_value: string | null;
    modifiedon: string;
    createdon: string;
    /** The owner (a systemuser; FAKE_USER_ID when not given). */
    _ownerid_value?: string | null;
    /** The user or team the imported records are assigned to (recordsownerid_systemuser / recordsownerid_team). */
    _recordsownerid_value?: string | null;
    /** 0 Create, 1 Update, 2 Ignore */
    upsertmodecode?: number | null;
    relatedentitycolumns?: string | null;
    entitykeyid?: string | null;
    timezoneruleversionnumber?: number | null;
    utcconversiontimezonecode?: number | null;
}

/** A data map (importmap): see schema.ts for the columns the fake models. */
export interface ImportMapRecord {
    importmapid: string;
    name: string;
    description?: string | null;
    source?: string | null;
    /** 1–5, see schema.ts */
    sourcetype?: number | null;
    /** 1 Single Entity Per File, 2 Multiple Entities Per File */
    entitiesperfile: number;
    /** 1 Standard, 2 Out of Box, 3 In Process */
    importmaptype?: number | null;
    /** Object type code of the target table: 1 Account, 2 Contact. */
    targetentity: number | null;
    isvalidforimport?: boolean | null;
    /** 0 Active, 1 Inactive */
    statecode: number;
    /** 1 Active, 2 Inactive */
    statuscode: number;
    createdon: string;
    modifiedon: string;
}

/** A data map's entity mapping (importentitymapping): which source table of the map goes to which target table. */
export interface ImportEntityMappingRecord {
    importentitymappingid: string;
    /** The data map (importmap) the row belongs to. */
    _importmapid_value: string;
    /** The source's name for the table (what an importfile created with the map carries as its sourceentityname). */
    sourceentityname: string;
    /** Logical name of the target table ("contact"). */
    targetentityname: string | null;
    /** 1 Process, 2 Ignore, 3 Internal */
    processcode: number;
    /** 1 Ignore, 2 Eliminate */
    dedupe: number;
    /** 0 Active (the only state) */
    statecode: number;
    /** 1 Active (the only status) */
    statuscode: number;
    createdon: string;
    modifiedon: string;
}

export interface ImportLogRecord {
    importlogid: string;
    _importfileid_value: string;
    linenumber: number | null;
    headercolumn: string | null;
    columnvalue: string | null;
    errordescription: string | null;
    /** The signed Int32 of the error (e.g. -2147220667 for 0x80040345). */
    errornumber: number | null;
    /** 0 Parse, 1 Transform, 2 Import Create, 3 Import Update */
    logphasecode: number;
    additionalinfo: string | null;
    createdon: string;
}

export interface AsyncOperationRecord {
    asyncoperationid: string;
    name: string;
    /** 3 Import File Parse, 4 Transform Parse Data, 5 Import */
    operationtype: number;
    /** 0 Ready, 1 Suspended, 2 Locked, 3 Completed */
    statecode: number;
    /** 0 Waiting For Resources, 10 Waiting, 20 In Progress, 21 Pausing, 22 Canceling, 30 Succeeded, 31 Failed, 32 Canceled */
    statuscode: number;
    message: string | null;
    friendlymessage: string | null;
    errorcode: number | null;
    /** The import the job is about (Web API reads add `@Microsoft.Dynamics.CRM.lookuplogicalname: "import"`). */
    _regardingobjectid_value: string | null;
    createdon: string;
    startedon: string | null;
    completedon: string | null;
    modifiedon: string;
}

/**
 * A rule deciding the outcome of rows of one file in the simulated import. Columns are named by the
 * file's header ("Email"); lines are file line numbers (the header is line 1).
 * Besides the rules, the simulation derives outcomes from the content itself: ragged rows fail at parse,
 * required columns (ApplicationRequired) without a value fail, whole numbers that are not numbers or
 * are outside the column's range fail.
 */
export type FileRule =
    /** Force an outcome on one line. `partial` = the record is created but a value could not be set. */
    | { kind: "line"; line: number; outcome: "failure" | "partial"; error: ImportLogErrorKind | ImportLogError; column?: string; message?: string }
    /** A value without "@" fails with an invalid-email error. */
    | { kind: "invalidEmail"; column: string }
    /** A value seen before in the file (or listed in `existing`) fails as a duplicate. */
    | { kind: "duplicate"; column: string; existing?: string[] }
    /** A value not in `known` cannot be resolved: the record is created without it (partial failure). */
    | { kind: "lookup"; column: string; known: string[] }
    /** A number outside [min, max] fails (overrides the range from metadata). */
    | { kind: "range"; column: string; min: number; max: number };

/** What a FakeDataverse starts from (and `reset()` returns to). */
export interface FakeSeed {
    imports: ImportRecord[];
    importFiles: ImportFileRecord[];
    importLogs: ImportLogRecord[];
    asyncOperations: AsyncOperationRecord[];
    /** Data maps (none when left out). */
    importMaps?: ImportMapRecord[];
    /** The data maps' entity mappings (none when left out). */
    importEntityMappings?: ImportEntityMappingRecord[];
    /** Rules by importfileid. */
    rules: Record<string, FileRule[]>;
}
