/**
 * The data the fake starts from: one import, "Contacts, accounts and leads — November", with three
 * files that show the control at its best:
 *  1. contacts.csv → contact: clean, 40 rows, imports fully.
 *  2. accounts.csv → account: 24 rows; 2 ragged rows fail at parse, 3 rows fail at import (duplicate
 *     account number, malformed email, employees out of range), 2 are partial failures (primary
 *     contact not found); 17 succeed.
 *  3. leads.csv → lead: the record says comma (fielddelimitercode 2) but the content is
 *     semicolon-delimited, so every row fails.
 * All files start at processingstatus 1 (Not Started), statuscode 0 (Submitted).
 * Also: `buildLargeSeed` for tests and benchmarks (many files, thousands of import logs).
 */
import { ImportLogErrors } from "./errors";
import { stableGuid } from "./ids";
import type { AsyncOperationRecord, FakeSeed, FileRule, ImportEntityMappingRecord, ImportFileRecord, ImportLogRecord, ImportMapRecord, ImportRecord } from "./records";

export const SEED_IMPORT_ID = "7c1e4b52-9a3d-4f6e-b8a0-2d5c9e1f6a43";
export const SEED_IMPORT_NAME = "Contacts, accounts and leads — November";
export const SEED_CONTACTS_FILE_ID = "a3f08d6e-1c47-4b29-9e5a-6f2d8c0b7e14";
export const SEED_ACCOUNTS_FILE_ID = "4e9b2c71-8d05-4a3f-b61e-0c7d9a2f5b88";
export const SEED_LEADS_FILE_ID = "d6c2a9f4-3e81-47b0-a5d9-8b1f0e6c2a57";
export const SEED_IMPORT_MAP_ID = "91b4e7c3-5a2f-4d68-8e0b-3c9a6f1d7e25";
/** Data maps for the "Add files" picker (seedImportMaps): one for contact, one for account, one inactive. */
export const SEED_CONTACT_MAP_ID = "2c8e5d17-6b3a-4f91-a0d4-7e1b9c3f5a62";
export const SEED_ACCOUNT_MAP_ID = "e4a71f3b-9c2d-4e58-b6f0-1d8c5a7e3b94";
export const SEED_INACTIVE_MAP_ID = "6f3d9b21-4e7a-4c85-9a1e-5b2c8d0f7e36";
export const SEED_CREATED_ON = "2025-11-24T09:12:31Z";

export const SEED_FILE_IDS = {
    contacts: SEED_CONTACTS_FILE_ID,
    accounts: SEED_ACCOUNTS_FILE_ID,
    leads: SEED_LEADS_FILE_ID,
} as const;

// ---------------------------------------------------------------- contacts.csv

const firstNames = [
    "Maria", "James", "Aiko", "Daniel", "Priya", "Lukas", "Sofia", "Omar", "Hannah", "Mateo",
    "Chloe", "Tomasz", "Amara", "Noah", "Ingrid", "Rafael", "Yuki", "Elena", "Kwame", "Laura",
    "Samuel", "Mei", "Jonas", "Fatima", "Oliver", "Ana", "Henrik", "Grace", "Diego", "Nora",
    "Ravi", "Isabel", "Felix", "Leila", "Marcus", "Zoe", "Pedro", "Emma", "Kenji", "Alice",
];
const lastNames = [
    "Campbell", "O'Brien", "Tanaka", "Fischer", "Raman", "Becker", "Rossi", "Haddad", "Schmidt", "García",
    "Dubois", "Nowak", "Okafor", "Williams", "Larsen", "Costa", "Sato", "Popescu", "Mensah", "Martin",
    "Adeyemi", "Chen", "Weber", "Khan", "Brown", "Silva", "Nilsen", "Murphy", "Herrera", "Lindqvist",
    "Iyer", "Moreno", "Hoffmann", "Nasser", "Reid", "Taylor", "Alves", "Johansson", "Mori", "Laurent",
];
const jobTitles = [
    "Purchasing Manager", "Sales Director", "IT Administrator", "Operations Lead", "Account Executive",
    "Chief Financial Officer", "Marketing Specialist", "Procurement Officer", "Office Manager", "Project Manager",
];
const companies = [
    { name: "Contoso, Ltd.", domain: "contoso.com", city: "Redmond" },
    { name: "Fabrikam, Inc.", domain: "fabrikam.com", city: "Seattle" },
    { name: "Adventure Works", domain: "adventure-works.com", city: "Bothell" },
    { name: "Litware, Inc.", domain: "litware.com", city: "Dallas" },
    { name: "Northwind Traders", domain: "northwindtraders.com", city: "Portland" },
    { name: "Tailspin Toys", domain: "tailspintoys.com", city: "Denver" },
    { name: "Woodgrove Bank", domain: "woodgrovebank.com", city: "New York" },
    { name: "Coho Winery", domain: "cohowinery.com", city: "Napa" },
];

function csvField(value: string, delimiter = ","): string {
    return value.includes(delimiter) || value.includes('"') || value.includes("\n") ? `"${value.replace(/"/g, '""')}"` : value;
}

function emailLocal(first: string, last: string): string {
    return `${first}.${last}`
        .toLowerCase()
        .normalize("NFD")
        .replace(/[\u0300-\u036f]/g, "")
        .replace(/[^a-z.]/g, "");
}

/** Full names of the seeded contacts ("Maria Campbell"), what accounts.csv's Primary Contact resolves against. */
export const SEED_CONTACT_NAMES: readonly string[] = firstNames.map((f, i) => `${f} ${lastNames[i]}`);

function contactsCsv(): string {
    const lines = ["First Name,Last Name,Email,Business Phone,Job Title,Company Name,Address 1: City"];
    firstNames.forEach((first, i) => {
        const last = lastNames[i];
        const company = companies[i % companies.length];
        const phone = `+1 425 555 0${(100 + i).toString()}`;
        lines.push(
            [first, last, `${emailLocal(first, last)}@${company.domain}`, phone, jobTitles[i % jobTitles.length], company.name, company.city]
                .map((v) => csvField(v))
                .join(","),
        );
    });
    return lines.join("\r\n") + "\r\n";
}

// ---------------------------------------------------------------- accounts.csv

/**
 * Line numbers (header = line 1) of the accounts.csv rows that do not import cleanly:
 * 6 and 12 are ragged (parse), 9 has a malformed email, 15 repeats account number ACC-1003,
 * 18 has a negative number of employees, 20 and 23 name a primary contact that does not exist.
 */
export const SEED_ACCOUNTS_BAD_LINES = {
    ragged: [6, 12],
    invalidEmail: 9,
    duplicate: 15,
    outOfRange: 18,
    lookupNotFound: [20, 23],
} as const;

const accountsCsv = [
    "Account Name,Account Number,Main Phone,Email,Website,Address 1: City,Number of Employees,Primary Contact",
    "Contoso Pharmaceuticals,ACC-1001,+1 425 555 0190,info@contosopharma.com,https://www.contosopharma.com,Redmond,1250,Maria Campbell",
    "Fabrikam Residences,ACC-1002,+1 206 555 0143,hello@fabrikamresidences.com,https://www.fabrikamresidences.com,Seattle,85,James O'Brien",
    "Coho Winery,ACC-1003,+1 707 555 0117,sales@cohowinery.com,https://www.cohowinery.com,Napa,42,Aiko Tanaka",
    "Adventure Works Cycles,ACC-1004,+1 425 555 0178,contact@adventure-works.com,https://www.adventure-works.com,Bothell,530,Daniel Fischer",
    "Northwind Traders,ACC-1005,+1 503 555 0145,info@northwindtraders.com,https://www.northwindtraders.com,Portland,180",
    "Tailspin Toys,ACC-1006,+1 303 555 0121,orders@tailspintoys.com,https://www.tailspintoys.com,Denver,64,Priya Raman",
    "Woodgrove Bank,ACC-1007,+1 212 555 0166,corporate@woodgrovebank.com,https://www.woodgrovebank.com,New York,3400,Lukas Becker",
    "Alpine Ski House,ACC-1008,+1 970 555 0102,contact.alpineskihouse.com,https://www.alpineskihouse.com,Aspen,37,Sofia Rossi",
    "Blue Yonder Airlines,ACC-1009,+1 312 555 0184,info@blueyonderairlines.com,https://www.blueyonderairlines.com,Chicago,2200,Omar Haddad",
    "City Power & Light,ACC-1010,+1 617 555 0139,service@cpandl.com,https://www.cpandl.com,Boston,960,Hannah Schmidt",
    "Wide World Importers, Inc.,ACC-1011,+1 415 555 0157,info@wideworldimporters.com,https://www.wideworldimporters.com,San Francisco,310,Mateo García",
    "Graphic Design Institute,ACC-1012,+1 512 555 0175,admissions@graphicdesigninstitute.com,https://www.graphicdesigninstitute.com,Austin,120,Chloe Dubois",
    "Humongous Insurance,ACC-1013,+1 860 555 0108,claims@humongousinsurance.com,https://www.humongousinsurance.com,Hartford,4100,Tomasz Nowak",
    "Coho Winery (Napa Valley),ACC-1003,+1 707 555 0118,napa@cohowinery.com,https://www.cohowinery.com/napa,Napa,18,Amara Okafor",
    "Lucerne Publishing,ACC-1015,+1 646 555 0126,editors@lucernepublishing.com,https://www.lucernepublishing.com,New York,240,Noah Williams",
    "Margie's Travel,ACC-1016,+1 702 555 0193,trips@margiestravel.com,https://www.margiestravel.com,Las Vegas,27,Ingrid Larsen",
    "Proseware, Inc,ACC-1017,+1 919 555 0161,info@proseware.com,https://www.proseware.com,Raleigh,-40,Rafael Costa",
    "School of Fine Art,ACC-1018,+1 215 555 0134,office@fineartschool.net,https://www.fineartschool.net,Philadelphia,75,Yuki Sato",
    "Southridge Video,ACC-1019,+1 404 555 0152,studio@southridgevideo.com,https://www.southridgevideo.com,Atlanta,58,Dana Whitfield",
    "Trey Research,ACC-1020,+1 858 555 0187,lab@treyresearch.net,https://www.treyresearch.net,San Diego,390,Elena Popescu",
    "VanArsdel, Ltd.,ACC-1021,+1 801 555 0114,contact@vanarsdel.com,https://www.vanarsdel.com,Salt Lake City,145,Kwame Mensah",
    "Wingtip Toys,ACC-1022,+1 305 555 0172,hello@wingtiptoys.com,https://www.wingtiptoys.com,Miami,33,Marcus Oyelaran",
    "Fourth Coffee,ACC-1023,+1 206 555 0199,beans@fourthcoffee.com,https://www.fourthcoffee.com,Seattle,210,Laura Martin",
    "Relecloud,ACC-1024,+1 425 555 0148,cloud@relecloud.com,https://www.relecloud.com,Kirkland,780,Samuel Adeyemi",
]
    // "VanArsdel, Ltd." is quoted: a comma inside a quoted field is not a delimiter.
    .map((line) => line.replace("VanArsdel, Ltd.,", '"VanArsdel, Ltd.",').replace("Proseware, Inc,", '"Proseware, Inc",'))
    .join("\r\n")
    .concat("\r\n");

// ---------------------------------------------------------------- leads.csv (semicolons, record says comma)

const leadsCsv = [
    "Topic;First Name;Last Name;Company Name;Email;Business Phone;Lead Source",
    "Office furniture for new HQ;Grace Murphy;Murphy;Fourth Coffee;grace.murphy@fourthcoffee.com;+1 206 555 0111;Web",
    "Fleet telematics pilot;Diego;Herrera;Tailspin Toys;diego.herrera@tailspintoys.com;+1 303 555 0122;Trade Show",
    "Annual support renewal;Nora;Lindqvist;Fabrikam, Inc.;nora.lindqvist@fabrikam.com;+1 206 555 0133;Partner",
    "Warehouse scanners;Ravi;Iyer;Northwind Traders;ravi.iyer@northwindtraders.com;+1 503 555 0144;Advertisement",
    "Cloud migration assessment;Isabel;Moreno;Relecloud;isabel.moreno@relecloud.com;+1 425 555 0155;Web",
    "Conference sponsorship;Felix;Hoffmann;Lucerne Publishing;felix.hoffmann@lucernepublishing.com;+1 646 555 0166;Employee Referral",
    "Point of sale upgrade;Leila;Nasser;Contoso, Ltd.;leila.nasser@contoso.com;+1 425 555 0177;Trade Show",
    "Training catalogue;Zoe;Taylor;Graphic Design Institute;zoe.taylor@graphicdesigninstitute.com;+1 512 555 0188;Web",
    "Wine club partnership;Pedro;Alves;Coho Winery;pedro.alves@cohowinery.com;+1 707 555 0199;Partner",
    "Security audit;Emma;Johansson;Woodgrove Bank;emma.johansson@woodgrovebank.com;+1 212 555 0110;Advertisement",
    "Travel booking platform;Kenji;Mori;Margie's Travel;kenji.mori@margiestravel.com;+1 702 555 0120;Web",
    "Research data licence;Alice;Laurent;Trey Research;alice.laurent@treyresearch.net;+1 858 555 0130;Other",
]
    .join("\r\n")
    .concat("\r\n");

function sizeKb(content: string): string {
    return String(Math.max(1, Math.ceil(content.length / 1024)));
}

/** An importfile record with the defaults of a file uploaded and not yet parsed. */
export function makeImportFile(fields: Partial<ImportFileRecord> & Pick<ImportFileRecord, "importfileid" | "name" | "_importid_value" | "targetentityname" | "content">): ImportFileRecord {
    return {
        source: fields.name,
        sourceentityname: fields.name.replace(/\.csv$/i, ""),
        size: sizeKb(fields.content),
        fielddelimitercode: 2,
        datadelimitercode: 1,
        isfirstrowheader: true,
        filetypecode: 0,
        processcode: 1,
        processingstatus: 1,
        statuscode: 0,
        statecode: 0,
        successcount: null,
        failurecount: null,
        partialfailurecount: null,
        totalcount: null,
        headerrow: null,
        usesystemmap: true,
        enableduplicatedetection: false,
        _importmapid_value: SEED_IMPORT_MAP_ID,
        createdon: SEED_CREATED_ON,
        modifiedon: SEED_CREATED_ON,
        ...fields,
    };
}

/**
 * The data maps of the seed: the November import's own map (SEED_IMPORT_MAP_ID, the one its files name; several
 * tables in one import, so "Multiple Entities Per File" and no single record type: assumed), an active map for
 * contact, an active map for account and an inactive (retired) map for account. Columns as in the Data Map
 * (ImportMap) table reference (schema.ts); values are the seed's own.
 */
export function seedImportMaps(): ImportMapRecord[] {
    const map = (fields: Partial<ImportMapRecord> & Pick<ImportMapRecord, "importmapid" | "name" | "targetentity">): ImportMapRecord => ({
        description: null,
        source: null,
        sourcetype: null,
        entitiesperfile: 1,
        importmaptype: 1,
        isvalidforimport: true,
        statecode: 0,
        statuscode: 1,
        createdon: "2025-10-02T14:20:00Z",
        modifiedon: "2025-10-02T14:20:00Z",
        ...fields,
    });
    return [
        map({
            importmapid: SEED_IMPORT_MAP_ID,
            name: "Contacts, accounts and leads — November",
            description: "The map the Import Data Wizard saved for the November import.",
            source: "November export",
            entitiesperfile: 2,
            targetentity: null,
            createdon: "2025-11-24T09:12:30Z",
            modifiedon: "2025-11-24T09:12:30Z",
        }),
        map({
            importmapid: SEED_CONTACT_MAP_ID,
            name: "Contacts from Outlook",
            description: "Outlook contact export (First Name, Last Name, E-mail Address, …).",
            source: "Outlook contacts.csv",
            sourcetype: 5,
            targetentity: 2,
        }),
        map({
            importmapid: SEED_ACCOUNT_MAP_ID,
            name: "Accounts from the old CRM",
            source: "legacy-accounts.csv",
            targetentity: 1,
            createdon: "2025-10-03T08:05:00Z",
            modifiedon: "2025-10-03T08:05:00Z",
        }),
        map({
            importmapid: SEED_INACTIVE_MAP_ID,
            name: "Accounts 2023 (retired)",
            source: "accounts-2023.csv",
            targetentity: 1,
            statecode: 1,
            statuscode: 2,
            createdon: "2023-03-14T11:00:00Z",
            modifiedon: "2025-01-09T16:45:00Z",
        }),
    ];
}

/**
 * The seed's entity mappings (importentitymapping), the tables each seeded map covers: the November map's three, one per
 * file, with the files' own `sourceentityname` (makeImportFile: the file name without ".csv"); "Contacts from Outlook"
 * "Outlook contacts" → contact; "Accounts from the old CRM" "legacy-accounts" → account; the retired map
 * "accounts-2023" → account. Every row is processcode 1 (Process), dedupe 1 (Ignore: assumed, the reference gives no
 * default), statecode 0 / statuscode 1 (the table's only state and status: the retired map's row is active too), dated
 * as its map. Ids are stableGuid("importentitymapping:<map id>:<target>").
 */
export function seedImportEntityMappings(): ImportEntityMappingRecord[] {
    const maps = new Map(seedImportMaps().map((m) => [m.importmapid, m]));
    const row = (mapId: string, sourceentityname: string, targetentityname: string): ImportEntityMappingRecord => {
        const map = maps.get(mapId)!;
        return {
            importentitymappingid: stableGuid(`importentitymapping:${mapId}:${targetentityname}`),
            _importmapid_value: mapId,
            sourceentityname,
            targetentityname,
            processcode: 1,
            dedupe: 1,
            statecode: 0,
            statuscode: 1,
            createdon: map.createdon,
            modifiedon: map.createdon,
        };
    };
    return [
        row(SEED_IMPORT_MAP_ID, "contacts", "contact"),
        row(SEED_IMPORT_MAP_ID, "accounts", "account"),
        row(SEED_IMPORT_MAP_ID, "leads", "lead"),
        row(SEED_CONTACT_MAP_ID, "Outlook contacts", "contact"),
        row(SEED_ACCOUNT_MAP_ID, "legacy-accounts", "account"),
        row(SEED_INACTIVE_MAP_ID, "accounts-2023", "account"),
    ];
}

/** The default seed (a fresh copy every call). */
export function createSeed(): FakeSeed {
    const importRecord: ImportRecord = {
        importid: SEED_IMPORT_ID,
        name: SEED_IMPORT_NAME,
        statuscode: 0,
        statecode: 0,
        modecode: 0,
        sendnotification: false,
        emailaddress: null,
        createdon: SEED_CREATED_ON,
        modifiedon: SEED_CREATED_ON,
    };
    const rules: Record<string, FileRule[]> = {
        [SEED_ACCOUNTS_FILE_ID]: [
            { kind: "invalidEmail", column: "Email" },
            { kind: "duplicate", column: "Account Number" },
            { kind: "lookup", column: "Primary Contact", known: [...SEED_CONTACT_NAMES] },
        ],
    };
    return {
        imports: [importRecord],
        importFiles: [
            makeImportFile({
                importfileid: SEED_CONTACTS_FILE_ID,
                name: "contacts.csv",
                _importid_value: SEED_IMPORT_ID,
                targetentityname: "contact",
                content: contactsCsv(),
                createdon: "2025-11-24T09:12:31Z",
                modifiedon: "2025-11-24T09:12:31Z",
            }),
            makeImportFile({
                importfileid: SEED_ACCOUNTS_FILE_ID,
                name: "accounts.csv",
                _importid_value: SEED_IMPORT_ID,
                targetentityname: "account",
                content: accountsCsv,
                createdon: "2025-11-24T09:12:34Z",
                modifiedon: "2025-11-24T09:12:34Z",
            }),
            makeImportFile({
                importfileid: SEED_LEADS_FILE_ID,
                name: "leads.csv",
                _importid_value: SEED_IMPORT_ID,
                targetentityname: "lead",
                content: leadsCsv,
                fielddelimitercode: 2,
                createdon: "2025-11-24T09:12:36Z",
                modifiedon: "2025-11-24T09:12:36Z",
            }),
        ],
        importLogs: [],
        asyncOperations: [],
        importMaps: seedImportMaps(),
        importEntityMappings: seedImportEntityMappings(),
        rules,
    };
}

// ---------------------------------------------------------------- large imports

export interface LargeSeedOptions {
    /** Files in the import. Default 50. */
    fileCount?: number;
    /** Data rows per file. Default 20. */
    rowsPerFile?: number;
    /** Import-log rows for the file at `logFileIndex` (e.g. 10000). Default 0. */
    importLogCount?: number;
    logFileIndex?: number;
    /**
     * "notStarted": every file at processingstatus 1 (run the stages on it);
     * "completed": every file imported (statuscode 4, processingstatus 11, counts set), with the logs.
     * Default "notStarted".
     */
    state?: "notStarted" | "completed";
    /** Default: a stable id derived from the options. */
    importId?: string;
    importName?: string;
}

const largeErrors = [ImportLogErrors.duplicate, ImportLogErrors.invalidEmail, ImportLogErrors.requiredMissing, ImportLogErrors.outOfRange];
const largeColumns = ["Account Number", "Email", "Last Name", "Number of Employees"];

/** A contact CSV of `rows` rows, clean. */
function generatedContacts(rows: number, fileIndex: number): string {
    const lines = ["First Name,Last Name,Email,Business Phone,Job Title,Address 1: City"];
    for (let r = 0; r < rows; r++) {
        const first = firstNames[(r + fileIndex) % firstNames.length];
        const last = lastNames[(r * 7 + fileIndex) % lastNames.length];
        lines.push([first, last, `${emailLocal(first, last)}${r}@example.com`, `+1 425 555 ${String(1000 + (r % 9000))}`, jobTitles[r % jobTitles.length], companies[r % companies.length].city].map((v) => csvField(v)).join(","));
    }
    return lines.join("\r\n") + "\r\n";
}

/**
 * A seed with one import of `fileCount` contact files (and, optionally, `importLogCount` import-log
 * rows on one file), for list/paging tests and benchmarks. Ids are stable for the same options.
 */
export function buildLargeSeed(options: LargeSeedOptions = {}): FakeSeed {
    const fileCount = options.fileCount ?? 50;
    const rowsPerFile = options.rowsPerFile ?? 20;
    const logCount = options.importLogCount ?? 0;
    const logFileIndex = options.logFileIndex ?? 0;
    const completed = options.state === "completed";
    const label = `large:${fileCount}:${rowsPerFile}:${logCount}:${logFileIndex}:${options.state ?? "notStarted"}`;
    const importId = options.importId ?? stableGuid(`${label}:import`);
    const base = Date.parse(SEED_CREATED_ON);
    const at = (seconds: number): string => new Date(base + seconds * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");

    const importFiles: ImportFileRecord[] = [];
    const importLogs: ImportLogRecord[] = [];
    for (let i = 0; i < fileCount; i++) {
        const fileId = stableGuid(`${label}:file:${i}`);
        const logsHere = i === logFileIndex ? logCount : 0;
        const rows = Math.max(rowsPerFile, logsHere);
        const content = generatedContacts(rows, i);
        const file = makeImportFile({
            importfileid: fileId,
            name: `contacts-${String(i + 1).padStart(4, "0")}.csv`,
            _importid_value: importId,
            targetentityname: "contact",
            content,
            createdon: at(i),
            modifiedon: at(i),
        });
        if (completed) {
            Object.assign(file, {
                processingstatus: 11,
                statuscode: 4,
                totalcount: rows,
                successcount: rows - logsHere,
                failurecount: logsHere,
                partialfailurecount: 0,
                headerrow: "First Name,Last Name,Email,Business Phone,Job Title,Address 1: City",
                modifiedon: at(3600 + i),
            });
        }
        importFiles.push(file);
        for (let l = 0; l < logsHere; l++) {
            const e = largeErrors[l % largeErrors.length];
            importLogs.push({
                importlogid: stableGuid(`${label}:log:${l}`),
                _importfileid_value: fileId,
                linenumber: l + 2,
                headercolumn: largeColumns[l % largeColumns.length],
                columnvalue: `value ${l + 1}`,
                errordescription: e.description,
                errornumber: e.errorNumber,
                logphasecode: 2,
                additionalinfo: null,
                createdon: at(3600 + Math.floor(l / 100)),
            });
        }
    }
    const asyncOperations: AsyncOperationRecord[] = [];
    return {
        imports: [
            {
                importid: importId,
                name: options.importName ?? `Bulk contacts — ${fileCount} files`,
                statuscode: completed ? 4 : 0,
                statecode: 0,
                modecode: 0,
                sendnotification: false,
                emailaddress: null,
                createdon: SEED_CREATED_ON,
                modifiedon: completed ? at(3600 + fileCount) : SEED_CREATED_ON,
            },
        ],
        importFiles,
        importLogs,
        asyncOperations,
        importMaps: seedImportMaps(),
        importEntityMappings: seedImportEntityMappings(),
        rules: {},
    };
}
