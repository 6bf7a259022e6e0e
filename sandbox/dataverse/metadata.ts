/**
 * Table metadata for the import targets (contact, account, lead), shaped like model-driven apps'
 * `context.utils.getEntityMetadata`: `{ LogicalName, DisplayName, Attributes }` where `Attributes` is a
 * collection (`get`, `getAll`, `getLength`, `forEach`) of `{ LogicalName, DisplayName, AttributeType }`.
 * As on the platform, `Attributes` holds only the attributes asked for (empty when none are asked for).
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

export interface FakeAttributeMetadata {
    LogicalName: string;
    DisplayName: string;
    AttributeType: number;
    EntityLogicalName: string;
    /** "None" | "ApplicationRequired" | "SystemRequired" | "Recommended" */
    RequiredLevel: string;
    MinValue?: number;
    MaxValue?: number;
    /** Lookups: the tables they point to. */
    Targets?: string[];
}

export interface FakeAttributeCollection {
    get(nameOrIndex: string | number): FakeAttributeMetadata | null;
    getAll(): FakeAttributeMetadata[];
    getLength(): number;
    forEach(fn: (attribute: FakeAttributeMetadata, index: number) => void): void;
}

export interface FakeEntityMetadata {
    LogicalName: string;
    DisplayName: string;
    DisplayCollectionName: string;
    EntitySetName: string;
    PrimaryIdAttribute: string;
    PrimaryNameAttribute: string;
    ObjectTypeCode: number;
    Attributes: FakeAttributeCollection;
}

interface TargetTable {
    displayName: string;
    displayCollectionName: string;
    entitySetName: string;
    primaryId: string;
    primaryName: string;
    objectTypeCode: number;
    attributes: Omit<FakeAttributeMetadata, "EntityLogicalName">[];
}

const T = AttributeTypeCode;
const a = (
    LogicalName: string,
    DisplayName: string,
    AttributeType: number,
    extra: Partial<FakeAttributeMetadata> = {},
): Omit<FakeAttributeMetadata, "EntityLogicalName"> => ({ LogicalName, DisplayName, AttributeType, RequiredLevel: "None", ...extra });
const required = { RequiredLevel: "ApplicationRequired" };
const common = [
    a("description", "Description", T.Memo),
    a("ownerid", "Owner", T.Owner, { RequiredLevel: "SystemRequired", Targets: ["systemuser", "team"] }),
    a("statecode", "Status", T.State, { RequiredLevel: "SystemRequired" }),
    a("statuscode", "Status Reason", T.Status),
    a("createdon", "Created On", T.DateTime),
    a("modifiedon", "Modified On", T.DateTime),
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
            a("fullname", "Full Name", T.String),
            a("firstname", "First Name", T.String, { RequiredLevel: "Recommended" }),
            a("lastname", "Last Name", T.String, required),
            a("emailaddress1", "Email", T.String),
            a("emailaddress2", "Email Address 2", T.String),
            a("telephone1", "Business Phone", T.String),
            a("mobilephone", "Mobile Phone", T.String),
            a("jobtitle", "Job Title", T.String),
            a("parentcustomerid", "Company Name", T.Customer, { Targets: ["account", "contact"] }),
            a("address1_line1", "Address 1: Street 1", T.String),
            a("address1_city", "Address 1: City", T.String),
            a("address1_stateorprovince", "Address 1: State/Province", T.String),
            a("address1_postalcode", "Address 1: ZIP/Postal Code", T.String),
            a("address1_country", "Address 1: Country/Region", T.String),
            a("birthdate", "Birthday", T.DateTime),
            a("gendercode", "Gender", T.Picklist),
            a("preferredcontactmethodcode", "Preferred Method of Contact", T.Picklist),
            a("donotemail", "Do not allow Emails", T.Boolean),
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
            a("name", "Account Name", T.String, required),
            a("accountnumber", "Account Number", T.String),
            a("telephone1", "Main Phone", T.String),
            a("telephone2", "Other Phone", T.String),
            a("fax", "Fax", T.String),
            a("emailaddress1", "Email", T.String),
            a("websiteurl", "Website", T.String),
            a("address1_line1", "Address 1: Street 1", T.String),
            a("address1_city", "Address 1: City", T.String),
            a("address1_stateorprovince", "Address 1: State/Province", T.String),
            a("address1_postalcode", "Address 1: ZIP/Postal Code", T.String),
            a("address1_country", "Address 1: Country/Region", T.String),
            a("numberofemployees", "Number of Employees", T.Integer, { MinValue: 0, MaxValue: 1000000000 }),
            a("revenue", "Annual Revenue", T.Money, { MinValue: 0, MaxValue: 100000000000000 }),
            a("primarycontactid", "Primary Contact", T.Lookup, { Targets: ["contact"] }),
            a("parentaccountid", "Parent Account", T.Lookup, { Targets: ["account"] }),
            a("industrycode", "Industry", T.Picklist),
            a("accountcategorycode", "Category", T.Picklist),
            ...common,
        ],
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
            a("subject", "Topic", T.String, required),
            a("fullname", "Name", T.String),
            a("firstname", "First Name", T.String, { RequiredLevel: "Recommended" }),
            a("lastname", "Last Name", T.String, required),
            a("companyname", "Company Name", T.String, { RequiredLevel: "Recommended" }),
            a("jobtitle", "Job Title", T.String),
            a("emailaddress1", "Email", T.String),
            a("telephone1", "Business Phone", T.String),
            a("mobilephone", "Mobile Phone", T.String),
            a("websiteurl", "Website", T.String),
            a("leadsourcecode", "Lead Source", T.Picklist),
            a("leadqualitycode", "Rating", T.Picklist),
            a("industrycode", "Industry", T.Picklist),
            a("revenue", "Annual Revenue", T.Money, { MinValue: 0, MaxValue: 100000000000000 }),
            a("numberofemployees", "No. of Employees", T.Integer, { MinValue: 0, MaxValue: 1000000 }),
            a("address1_line1", "Street 1", T.String),
            a("address1_city", "City", T.String),
            a("address1_stateorprovince", "State/Province", T.String),
            a("address1_postalcode", "ZIP/Postal Code", T.String),
            a("address1_country", "Country/Region", T.String),
            ...common,
        ],
    },
};

/** All attributes of a target table (for the simulation's header mapping), or undefined for an unknown table. */
export function targetAttributes(entityName: string): FakeAttributeMetadata[] | undefined {
    const table = Object.prototype.hasOwnProperty.call(TargetTables, entityName) ? TargetTables[entityName] : undefined;
    return table?.attributes.map((x) => ({ ...x, EntityLogicalName: entityName }));
}

function collection(items: FakeAttributeMetadata[]): FakeAttributeCollection {
    return {
        get: (nameOrIndex) =>
            (typeof nameOrIndex === "number" ? items[nameOrIndex] : items.find((x) => x.LogicalName === nameOrIndex)) ?? null,
        getAll: () => items.slice(),
        getLength: () => items.length,
        forEach: (fn) => items.forEach(fn),
    };
}

/**
 * The metadata of `entityName` with the attributes named in `attributes` (unknown names are left out,
 * as the platform does). Throws a FakeRejection with the platform's error for an unknown table.
 */
export function entityMetadata(entityName: string, attributes?: string[]): FakeEntityMetadata {
    const table = Object.prototype.hasOwnProperty.call(TargetTables, entityName) ? TargetTables[entityName] : undefined;
    if (!table) throw new FakeRejection(PlatformErrors.unknownEntityMetadata(entityName));
    const all = targetAttributes(entityName)!;
    const wanted = new Set((attributes ?? []).map((x) => x.toLowerCase()));
    return {
        LogicalName: entityName,
        DisplayName: table.displayName,
        DisplayCollectionName: table.displayCollectionName,
        EntitySetName: table.entitySetName,
        PrimaryIdAttribute: table.primaryId,
        PrimaryNameAttribute: table.primaryName,
        ObjectTypeCode: table.objectTypeCode,
        Attributes: collection(all.filter((x) => wanted.has(x.LogicalName))),
    };
}
