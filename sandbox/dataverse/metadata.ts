/**
 * Table metadata as `context.utils.getEntityMetadata` (Xrm.Utility.getEntityMetadata) returns it in
 * model-driven apps, https://learn.microsoft.com/en-us/power-apps/developer/model-driven-apps/clientapi/reference/xrm-utility/getentitymetadata
 * (docs/platform-contract.md §3): `{ LogicalName, DisplayName, EntitySetName, PrimaryIdAttribute, …, Attributes }`,
 * `Attributes` a "Collection" of `{ AttributeType (number, AttributeTypeCode), DisplayName (a string, in the
 * user's language), EntityLogicalName, LogicalName }`. As on the platform (assumed: observed, not documented),
 * `Attributes` holds only the attributes asked for, none when none are asked for.
 *
 * `Attributes` shapes (`ports({ metadataShape })`):
 * - "model-driven" (default): `get(name | index)`, `getByName(name)`, `forEach(fn)`, `getLength()`.
 *   get/forEach/getLength are the accessors the "Collections (Client API reference)" page documents
 *   (https://learn.microsoft.com/en-us/power-apps/developer/model-driven-apps/clientapi/reference/collections;
 *   the contract classes them as documented); getByName is what model-driven apps have (contract, Profile A).
 *   `getAll()` is documented nowhere and is not there. Attributes also keep RequiredLevel, MinValue, MaxValue
 *   and Targets (not in the reference; read those through getJson).
 * - "strict": `get(name)` only, and only the documented attribute properties (contract, Profile B).
 *
 * Tables: the import targets (contact, account, lead) with their columns, and the import tables the fake holds
 * (import, importfile, importlog, asyncoperation, importmap) at table level only (so getEntityMetadata("import") works, as
 * the hasEntityPrivilege remarks ask; their columns are not described: names asked for are left out).
 *
 * The same target tables' definitions in the Web API's shape (`ports().getJson`) are built in definitions.ts.
 */
import { FakeRejection, PlatformErrors } from "./errors";

/** AttributeTypeCode (Xrm.Metadata): the numbers `AttributeType` holds. */
export const AttributeTypeCode = {
    Boolean: 0,
    Customer: 1,
    DateTime: 2,
    Decimal: 3,
    Double: 4,
    Integer: 5,
    Lookup: 6,
    Memo: 7,
    Money: 8,
    Owner: 9,
    PartyList: 10,
    Picklist: 11,
    State: 12,
    Status: 13,
    String: 14,
    Uniqueidentifier: 15,
} as const;

/** AttributeTypeCode number → the Web API's AttributeType string ("String"). */
export const AttributeTypeNames: Readonly<Record<number, string>> = Object.fromEntries(
    Object.entries(AttributeTypeCode).map(([name, code]) => [code, name]),
);

export type RequiredLevelName = "None" | "SystemRequired" | "ApplicationRequired" | "Recommended";

/** A choice of a picklist (Web API: OptionMetadata's Value and the label's text in 1033). */
export interface FakeOption {
    Value: number;
    Label: string;
}

/** One attribute of a target table, as the fake holds it (all it knows about it). */
export interface FakeAttributeMetadata {
    LogicalName: string;
    DisplayName: string;
    AttributeType: number;
    EntityLogicalName: string;
    RequiredLevel: RequiredLevelName;
    /** Web API IsValidForCreate (default true). */
    IsValidForCreate?: boolean;
    /** Strings and memos: the longest value. */
    MaxLength?: number;
    /** Picklists: the choices. */
    Options?: readonly FakeOption[];
    /** Integer, Decimal, Double, Money: the range (IntegerAttributeMetadata… MinValue / MaxValue). */
    MinValue?: number;
    MaxValue?: number;
    /** Decimal, Double, Money: digits after the decimal separator (Precision). */
    Precision?: number;
    /** Money: where the precision comes from (0 the attribute, 1 the organization's pricing, 2 the currency). */
    PrecisionSource?: number;
    /** Lookups: the tables they point to. */
    Targets?: string[];
    /** DateTime: DateTimeAttributeMetadata.Format (DateTimeFormat: "DateOnly" | "DateAndTime"). */
    Format?: "DateOnly" | "DateAndTime";
    /** DateTime: DateTimeAttributeMetadata.DateTimeBehavior's Value. */
    DateTimeBehavior?: "UserLocal" | "DateOnly" | "TimeZoneIndependent";
    /** Boolean: the labels of OptionSet.TrueOption / FalseOption (1033). */
    TrueLabel?: string;
    FalseLabel?: string;
}

/**
 * An alternate key (EntityKeyMetadata, https://learn.microsoft.com/power-apps/developer/data-platform/webapi/reference/entitykeymetadata):
 * its columns (KeyAttributes) and the state of its index (EntityKeyIndexStatus: Pending, InProgress, Active, Failed).
 */
export interface FakeEntityKey {
    LogicalName: string;
    SchemaName: string;
    DisplayName: string;
    KeyAttributes: string[];
    EntityKeyIndexStatus: "Pending" | "InProgress" | "Active" | "Failed";
}

/** An attribute as getEntityMetadata gives it in the "model-driven" shape. */
export interface FakeEntityAttribute {
    LogicalName: string;
    DisplayName: string;
    AttributeType: number;
    EntityLogicalName: string;
    /**
     * Not in the getEntityMetadata reference: kept in the "model-driven" shape (the fake has always given
     * them), left out of "strict". Read requirement levels and lengths through getJson.
     */
    RequiredLevel?: RequiredLevelName;
    MinValue?: number;
    MaxValue?: number;
    Targets?: string[];
}

/** `Attributes` in the "model-driven" shape. */
export interface FakeAttributeCollection {
    /** By logical name, or by position (the table's column order). */
    get(nameOrIndex: string | number): FakeEntityAttribute | null;
    getByName(name: string): FakeEntityAttribute | null;
    forEach(fn: (attribute: FakeEntityAttribute, index: number) => void): void;
    getLength(): number;
}

/** `Attributes` in the "strict" shape: `get(name)` only. */
export interface FakeStrictAttributeCollection {
    get(name: string): FakeEntityAttribute | null;
}

export type MetadataShape = "model-driven" | "strict";

export interface FakeEntityMetadata<C = FakeAttributeCollection> {
    LogicalName: string;
    DisplayName: string;
    DisplayCollectionName: string;
    EntitySetName: string;
    PrimaryIdAttribute: string;
    PrimaryNameAttribute: string;
    ObjectTypeCode: number;
    Attributes: C;
}

export interface TargetTable {
    displayName: string;
    displayCollectionName: string;
    entitySetName: string;
    primaryId: string;
    primaryName: string;
    objectTypeCode: number;
    attributes: Omit<FakeAttributeMetadata, "EntityLogicalName">[];
    /** Alternate keys (EntityMetadata.Keys); none when absent. */
    keys?: FakeEntityKey[];
}

const T = AttributeTypeCode;
type Attr = Omit<FakeAttributeMetadata, "EntityLogicalName">;
const a = (LogicalName: string, DisplayName: string, AttributeType: number, extra: Partial<Attr> = {}): Attr => ({
    LogicalName,
    DisplayName,
    AttributeType,
    RequiredLevel: "None",
    ...extra,
});
/** A single line of text of at most `MaxLength` characters. */
const str = (LogicalName: string, DisplayName: string, MaxLength: number, extra: Partial<Attr> = {}): Attr =>
    a(LogicalName, DisplayName, T.String, { MaxLength, ...extra });
const pick = (LogicalName: string, DisplayName: string, Options: readonly FakeOption[], extra: Partial<Attr> = {}): Attr =>
    a(LogicalName, DisplayName, T.Picklist, { Options, ...extra });
const opts = (...labels: [number, string][]): FakeOption[] => labels.map(([Value, Label]) => ({ Value, Label }));
/** A yes/no column with its two labels. */
const yesNo = (LogicalName: string, DisplayName: string, TrueLabel: string, FalseLabel: string): Attr =>
    a(LogicalName, DisplayName, T.Boolean, { TrueLabel, FalseLabel });
/** A date and time column with its format and behaviour. */
const date = (LogicalName: string, DisplayName: string, Format: Attr["Format"], DateTimeBehavior: Attr["DateTimeBehavior"], extra: Partial<Attr> = {}): Attr =>
    a(LogicalName, DisplayName, T.DateTime, { Format, DateTimeBehavior, ...extra });
/** A currency column (the account reference's money columns: 0 to 100,000,000,000,000, precision 2 from the currency). */
const money = (LogicalName: string, DisplayName: string): Attr =>
    a(LogicalName, DisplayName, T.Money, { MinValue: 0, MaxValue: 100000000000000, Precision: 2, PrecisionSource: 2 });
const required = { RequiredLevel: "ApplicationRequired" } as const;
const readOnly = { IsValidForCreate: false } as const;

/*
 * Value rules (docs/research/value-checks.md) as in the Account table reference
 * (https://learn.microsoft.com/power-apps/developer/data-platform/reference/entities/account; MicrosoftDocs/powerapps-docs,
 * powerapps-docs/developer/data-platform/reference/entities/account.md): NumberOfEmployees Integer 0…1,000,000,000;
 * Revenue and CreditLimit Money 0…100,000,000,000,000, Precision 2, PrecisionSource 2; CreditOnHold Boolean
 * Yes/No; DoNotEMail Boolean "Do Not Allow"/"Allow"; Address1_Latitude Double −90…90 and Address1_Longitude
 * −180…180, Precision 5; LastUsedInCampaign DateTime DateOnly/UserLocal; CreatedOn DateAndTime/UserLocal. The
 * Contact reference: BirthDate DateTime, Format DateOnly, DateTimeBehavior DateOnly. Assumed: contact's DoNotEMail
 * labels are account's; lead's ranges are those the fake had (not checked against lead.md).
 *
 * The out-of-the-box account has no alternate key; the fake's "Account Number" key (accountnumber, Active) stands
 * for one a maker adds (Define alternate keys, https://learn.microsoft.com/power-apps/maker/data-platform/define-alternate-keys-portal).
 */

/*
 * Option values and labels as in the entity reference (account.md in MicrosoftDocs/powerapps-docs lists
 * PreferredContactMethodCode 1 Any … 5 Mail and IndustryCode 1 Accounting, 2 Agriculture…, the same on contact
 * and lead); lead's LeadSourceCode/LeadQualityCode, GenderCode, AccountCategoryCode and the MaxLength values are
 * the out-of-the-box ones as far as known (assumed, not checked against an environment).
 */
const preferredContactMethod = opts([1, "Any"], [2, "Email"], [3, "Phone"], [4, "Fax"], [5, "Mail"]);
const industry = opts(
    [1, "Accounting"],
    [2, "Agriculture and Non-petrol Natural Resource Extraction"],
    [3, "Broadcasting Printing and Publishing"],
    [4, "Brokers"],
    [5, "Building Supply Retail"],
    [6, "Business Services"],
    [7, "Consulting"],
    [8, "Consumer Services"],
);
const leadSource = opts(
    [1, "Advertisement"],
    [2, "Employee Referral"],
    [3, "External Referral"],
    [4, "Partner"],
    [5, "Public Relations"],
    [6, "Seminar"],
    [7, "Trade Show"],
    [8, "Web"],
    [9, "Word of Mouth"],
    [10, "Other"],
);

const common = [
    a("description", "Description", T.Memo, { MaxLength: 2000 }),
    a("ownerid", "Owner", T.Owner, { RequiredLevel: "SystemRequired", Targets: ["systemuser", "team"] }),
    a("statecode", "Status", T.State, { RequiredLevel: "SystemRequired", ...readOnly }),
    a("statuscode", "Status Reason", T.Status),
    date("createdon", "Created On", "DateAndTime", "UserLocal", readOnly),
    date("modifiedon", "Modified On", "DateAndTime", "UserLocal", readOnly),
];

export const TargetTables: Readonly<Record<string, TargetTable>> = {
    contact: {
        displayName: "Contact",
        displayCollectionName: "Contacts",
        entitySetName: "contacts",
        primaryId: "contactid",
        primaryName: "fullname",
        objectTypeCode: 2,
        attributes: [
            a("contactid", "Contact", T.Uniqueidentifier, { RequiredLevel: "SystemRequired" }),
            str("fullname", "Full Name", 160, readOnly),
            str("firstname", "First Name", 50, { RequiredLevel: "Recommended" }),
            str("lastname", "Last Name", 50, required),
            str("emailaddress1", "Email", 100),
            str("emailaddress2", "Email Address 2", 100),
            str("telephone1", "Business Phone", 50),
            str("mobilephone", "Mobile Phone", 50),
            str("jobtitle", "Job Title", 100),
            a("parentcustomerid", "Company Name", T.Customer, { Targets: ["account", "contact"] }),
            str("address1_line1", "Address 1: Street 1", 250),
            str("address1_city", "Address 1: City", 80),
            str("address1_stateorprovince", "Address 1: State/Province", 50),
            str("address1_postalcode", "Address 1: ZIP/Postal Code", 20),
            str("address1_country", "Address 1: Country/Region", 80),
            date("birthdate", "Birthday", "DateOnly", "DateOnly"),
            pick("gendercode", "Gender", opts([1, "Male"], [2, "Female"])),
            pick("preferredcontactmethodcode", "Preferred Method of Contact", preferredContactMethod),
            yesNo("donotemail", "Do not allow Emails", "Do Not Allow", "Allow"),
            ...common,
        ],
    },
    account: {
        displayName: "Account",
        displayCollectionName: "Accounts",
        entitySetName: "accounts",
        primaryId: "accountid",
        primaryName: "name",
        objectTypeCode: 1,
        attributes: [
            a("accountid", "Account", T.Uniqueidentifier, { RequiredLevel: "SystemRequired" }),
            str("name", "Account Name", 160, required),
            str("accountnumber", "Account Number", 20),
            str("telephone1", "Main Phone", 50),
            str("telephone2", "Other Phone", 50),
            str("fax", "Fax", 50),
            str("emailaddress1", "Email", 100),
            str("websiteurl", "Website", 200),
            str("address1_line1", "Address 1: Street 1", 250),
            str("address1_city", "Address 1: City", 80),
            str("address1_stateorprovince", "Address 1: State/Province", 50),
            str("address1_postalcode", "Address 1: ZIP/Postal Code", 20),
            str("address1_country", "Address 1: Country/Region", 80),
            a("numberofemployees", "Number of Employees", T.Integer, { MinValue: 0, MaxValue: 1000000000 }),
            money("revenue", "Annual Revenue"),
            money("creditlimit", "Credit Limit"),
            yesNo("creditonhold", "Credit Hold", "Yes", "No"),
            yesNo("donotemail", "Do not allow Emails", "Do Not Allow", "Allow"),
            a("address1_latitude", "Address 1: Latitude", T.Double, { MinValue: -90, MaxValue: 90, Precision: 5 }),
            a("address1_longitude", "Address 1: Longitude", T.Double, { MinValue: -180, MaxValue: 180, Precision: 5 }),
            date("lastusedincampaign", "Last Date Included in Campaign", "DateOnly", "UserLocal"),
            a("primarycontactid", "Primary Contact", T.Lookup, { Targets: ["contact"] }),
            a("parentaccountid", "Parent Account", T.Lookup, { Targets: ["account"] }),
            pick("industrycode", "Industry", industry),
            pick("accountcategorycode", "Category", opts([1, "Preferred Customer"], [2, "Standard"])),
            pick("preferredcontactmethodcode", "Preferred Method of Contact", preferredContactMethod),
            ...common,
        ],
        keys: [{ LogicalName: "accountnumberkey", SchemaName: "AccountNumberKey", DisplayName: "Account Number", KeyAttributes: ["accountnumber"], EntityKeyIndexStatus: "Active" }],
    },
    lead: {
        displayName: "Lead",
        displayCollectionName: "Leads",
        entitySetName: "leads",
        primaryId: "leadid",
        primaryName: "fullname",
        objectTypeCode: 4,
        attributes: [
            a("leadid", "Lead", T.Uniqueidentifier, { RequiredLevel: "SystemRequired" }),
            str("subject", "Topic", 300, required),
            str("fullname", "Name", 160, readOnly),
            str("firstname", "First Name", 50, { RequiredLevel: "Recommended" }),
            str("lastname", "Last Name", 50, required),
            str("companyname", "Company Name", 100, { RequiredLevel: "Recommended" }),
            str("jobtitle", "Job Title", 100),
            str("emailaddress1", "Email", 100),
            str("telephone1", "Business Phone", 50),
            str("mobilephone", "Mobile Phone", 20),
            str("websiteurl", "Website", 200),
            pick("leadsourcecode", "Lead Source", leadSource),
            pick("leadqualitycode", "Rating", opts([1, "Hot"], [2, "Warm"], [3, "Cold"])),
            pick("industrycode", "Industry", industry),
            money("revenue", "Annual Revenue"),
            a("numberofemployees", "No. of Employees", T.Integer, { MinValue: 0, MaxValue: 1000000 }),
            str("address1_line1", "Street 1", 250),
            str("address1_city", "City", 80),
            str("address1_stateorprovince", "State/Province", 50),
            str("address1_postalcode", "ZIP/Postal Code", 20),
            str("address1_country", "Country/Region", 80),
            ...common,
        ],
    },
};

/** The target table `entityName`, or undefined. */
export function targetTable(entityName: string): TargetTable | undefined {
    return Object.prototype.hasOwnProperty.call(TargetTables, entityName) ? TargetTables[entityName] : undefined;
}

/** The alternate keys of a target table ([] when it has none), or undefined for an unknown table. */
export function targetKeys(entityName: string): FakeEntityKey[] | undefined {
    const table = targetTable(entityName);
    return table ? (table.keys ?? []).map((k) => ({ ...k, KeyAttributes: k.KeyAttributes.slice() })) : undefined;
}

/** All attributes of a target table (for the simulation's header mapping), or undefined for an unknown table. */
export function targetAttributes(entityName: string): FakeAttributeMetadata[] | undefined {
    return targetTable(entityName)?.attributes.map((x) => ({ ...x, EntityLogicalName: entityName }));
}

function entityAttribute(x: FakeAttributeMetadata, shape: MetadataShape): FakeEntityAttribute {
    const documented: FakeEntityAttribute = {
        LogicalName: x.LogicalName,
        DisplayName: x.DisplayName,
        AttributeType: x.AttributeType,
        EntityLogicalName: x.EntityLogicalName,
    };
    if (shape === "strict") return documented;
    const extra: Partial<FakeEntityAttribute> = { RequiredLevel: x.RequiredLevel };
    if (x.MinValue !== undefined) extra.MinValue = x.MinValue;
    if (x.MaxValue !== undefined) extra.MaxValue = x.MaxValue;
    if (x.Targets) extra.Targets = x.Targets.slice();
    return { ...documented, ...extra };
}

/**
 * `Attributes` (see the header): null for a name not asked for. The items are held in a closure, so nothing
 * but these methods can be read (no array, no `_collection`).
 */
function collection(items: FakeEntityAttribute[], shape: MetadataShape): FakeAttributeCollection | FakeStrictAttributeCollection {
    const byName = (name: unknown): FakeEntityAttribute | null =>
        typeof name === "string" ? (items.find((x) => x.LogicalName === name) ?? null) : null;
    if (shape === "strict") return { get: byName };
    const modelDriven: FakeAttributeCollection = {
        get: (nameOrIndex) => (typeof nameOrIndex === "number" ? (items[nameOrIndex] ?? null) : byName(nameOrIndex)),
        getByName: byName,
        forEach: (fn) => items.forEach((x, i) => fn(x, i)),
        getLength: () => items.length,
    };
    return modelDriven;
}

/** The import tables the fake holds, at table level (display names as in the tables' references; assumed). */
const heldTables: Readonly<Record<string, Omit<TargetTable, "attributes">>> = {
    import: { displayName: "Data Import", displayCollectionName: "Data Imports", entitySetName: "imports", primaryId: "importid", primaryName: "name", objectTypeCode: 4410 },
    importfile: { displayName: "Import Source File", displayCollectionName: "Import Source Files", entitySetName: "importfiles", primaryId: "importfileid", primaryName: "name", objectTypeCode: 4412 },
    importlog: { displayName: "Import Log", displayCollectionName: "Import Logs", entitySetName: "importlogs", primaryId: "importlogid", primaryName: "", objectTypeCode: 4423 },
    asyncoperation: { displayName: "System Job", displayCollectionName: "System Jobs", entitySetName: "asyncoperations", primaryId: "asyncoperationid", primaryName: "name", objectTypeCode: 4700 },
    // DisplayName / DisplayCollectionName / OTC as in the Data Map (ImportMap) table reference (4411 is its TargetEntity value).
    importmap: { displayName: "Data Map", displayCollectionName: "Data Maps", entitySetName: "importmaps", primaryId: "importmapid", primaryName: "name", objectTypeCode: 4411 },
};

/** A table as the Web API's table definitions list it (definitions.ts, `EntityDefinitions?$select=…`). */
export interface TableDefinition {
    LogicalName: string;
    DisplayName: string;
    DisplayCollectionName: string;
    EntitySetName: string;
    PrimaryIdAttribute: string;
    PrimaryNameAttribute: string;
    ObjectTypeCode: number;
    /**
     * EntityMetadata.IsImportable: "true if the entity can be imported using the Import Wizard" (EntityMetadata class,
     * https://learn.microsoft.com/dotnet/api/microsoft.xrm.sdk.metadata.entitymetadata.isimportable; "If the table is
     * enabled for import, the metadata property IsImportable is set to true", Import data,
     * https://learn.microsoft.com/power-apps/developer/data-platform/import-data). True for the business tables the
     * fake imports into (contact, account, lead), false for the import tables themselves and system jobs (assumed: the
     * value of each out-of-the-box table is not listed anywhere read).
     */
    IsImportable: boolean;
}

/** Every table the fake describes: the import targets and the tables it holds. */
export function tableDefinitions(): TableDefinition[] {
    const of = (logicalName: string, t: Omit<TargetTable, "attributes">, IsImportable: boolean): TableDefinition => ({
        LogicalName: logicalName,
        DisplayName: t.displayName,
        DisplayCollectionName: t.displayCollectionName,
        EntitySetName: t.entitySetName,
        PrimaryIdAttribute: t.primaryId,
        PrimaryNameAttribute: t.primaryName,
        ObjectTypeCode: t.objectTypeCode,
        IsImportable,
    });
    return [
        ...Object.entries(TargetTables).map(([name, t]) => of(name, t, true)),
        ...Object.entries(heldTables).map(([name, t]) => of(name, t, false)),
    ];
}

/**
 * The metadata of `entityName` with the attributes named in `attributes` (unknown names are left out,
 * as the platform does). Throws a FakeRejection with the platform's error for an unknown table.
 */
export function entityMetadata(entityName: string, attributes?: string[]): FakeEntityMetadata;
export function entityMetadata(entityName: string, attributes: string[] | undefined, shape: "model-driven"): FakeEntityMetadata;
export function entityMetadata(entityName: string, attributes: string[] | undefined, shape: "strict"): FakeEntityMetadata<FakeStrictAttributeCollection>;
export function entityMetadata(
    entityName: string,
    attributes: string[] | undefined,
    shape: MetadataShape,
): FakeEntityMetadata<FakeAttributeCollection | FakeStrictAttributeCollection>;
export function entityMetadata(
    entityName: string,
    attributes?: string[],
    shape: MetadataShape = "model-driven",
): FakeEntityMetadata<FakeAttributeCollection | FakeStrictAttributeCollection> {
    const table = targetTable(entityName) ?? (Object.prototype.hasOwnProperty.call(heldTables, entityName) ? heldTables[entityName] : undefined);
    if (!table) throw new FakeRejection(PlatformErrors.unknownEntityMetadata(entityName));
    const all = targetAttributes(entityName) ?? [];
    const wanted = new Set((attributes ?? []).map((x) => String(x).toLowerCase()));
    return {
        LogicalName: entityName,
        DisplayName: table.displayName,
        DisplayCollectionName: table.displayCollectionName,
        EntitySetName: table.entitySetName,
        PrimaryIdAttribute: table.primaryId,
        PrimaryNameAttribute: table.primaryName,
        ObjectTypeCode: table.objectTypeCode,
        Attributes: collection(
            all.filter((x) => wanted.has(x.LogicalName)).map((x) => entityAttribute(x, shape)),
            shape,
        ),
    };
}
