/**
 * Every error the fake Dataverse produces, in one place: the platform's rejection objects (throttling,
 * privileges, not found, …), the OData and request-validation errors, and the import-log errors the
 * simulated import writes. The control's failure classifier is tested against these.
 *
 * Codes marked "as Dataverse" are the platform's own; the few marked "representative" stand in for
 * a server message whose exact code is not documented.
 */
import type { PlatformError } from "../../ImportMonitor/dataverse/platform";

/** The rejection object of the Web API / execute, as PCF and Xrm hand it over: a plain object, not an Error. */
export interface FakePlatformError extends PlatformError {
    errorCode: number;
    code: string;
    message: string;
    status: number;
    /** The HTTP status text ("Too Many Requests"). */
    title?: string;
}

/** "0x80040220" → -2147220960 (the signed Int32 the platform reports). */
export function hexToErrorCode(hex: string): number {
    return parseInt(hex, 16) | 0;
}

/** -2147220960 → "0x80040220". */
export function errorCodeToHex(errorCode: number): string {
    return "0x" + (errorCode >>> 0).toString(16).padStart(8, "0");
}

function code(hex: string): { errorCode: number; code: string } {
    return { errorCode: hexToErrorCode(hex), code: hex };
}

/** The platform error codes the fake rejects with. */
export const DataverseErrorCodes = {
    /** Service protection limit hit (as Dataverse): status 429 with Retry-After. */
    Throttling: code("0x80072322"),
    /** Missing privilege (as Dataverse): status 403. */
    MissingPrivilege: code("0x80040220"),
    /** Record does not exist (as Dataverse): status 404. */
    ObjectDoesNotExist: code("0x80040217"),
    /** Invalid argument in a request (as Dataverse): status 400. */
    InvalidArgument: code("0x80040203"),
    /** OData query could not be parsed / unknown property (as Dataverse): status 400. */
    ODataQueryInvalid: code("0x80060888"),
    /** Unknown entity set: "Resource not found for the segment 'x'." (as Dataverse): status 404. */
    ResourceNotFoundForSegment: code("0x8006088a"),
    /** Unknown table in metadata (as Dataverse): "… was not found in the MetadataCache.", status 404. */
    EntityNotInMetadataCache: code("0x80041102"),
    /** If-Match / row version mismatch (as Dataverse): status 412. */
    PreconditionFailed: code("0x80060882"),
    /** Unexpected server error (as Dataverse): status 500. */
    UnexpectedServerError: code("0x80040216"),
    /** Request timed out (HRESULT of ERROR_TIMEOUT, as Dataverse reports SQL/service timeouts). */
    Timeout: code("0x800705b4"),
    /**
     * TransformImport / ImportRecordsImport on an import whose files are not at the state the stage needs
     * (representative: the reference states no such precondition or code; assumed). ParseImport is never refused.
     */
    InvalidImportState: code("0x80040390"),

    // FetchXML (see fetchXml.ts). The QueryBuilder codes are the SDK's ErrorCodes constants (third-party: public
    // copies of Microsoft.Crm's error code list, e.g. QueryBuilderDeserializeInvalidNode = -2147217124); which one
    // the platform raises for each mistake is known only where an error report shows it (marked there).
    /** Malformed XML (ErrorCodes.InvalidXml; assumed for a FetchXML that is not well-formed). */
    InvalidXml: code("0x80040201"),
    /** No entity in the FetchXML ("Entity Name was not specified in FetchXml String."; third-party). */
    QueryBuilderNoEntity: code("0x80041102"),
    /** A column the table does not have: "'X' entity doesn't contain attribute with Name = …" (seen in Web API answers). */
    QueryBuilderNoAttribute: code("0x80041103"),
    /** An attribute of an aggregate query that is neither groupby nor aggregate. */
    QueryBuilderAttributeWithAggregate: code("0x80041107"),
    /** An invalid or repeated alias (assumed). */
    QueryBuilderInvalidAlias: code("0x80041109"),
    /** An aggregate/groupby attribute without an alias (assumed). */
    QueryBuilderNoAlias: code("0x8004110b"),
    /** An aggregate function that does not exist (assumed). */
    QueryBuilderDeserializeInvalidAggregate: code("0x8004111a"),
    /** "Invalid Child Node, valid nodes are …" (third-party: the platform's own string and code). */
    QueryBuilderDeserializeInvalidNode: code("0x8004111c"),
    /** A condition operator that does not exist (assumed). */
    QueryBuilderInvalidConditionOperator: code("0x80041120"),
    /** A link-type that does not exist (assumed). */
    QueryBuilderInvalidJoinOperator: code("0x80041121"),
    /** A filter type other than and/or (assumed). */
    QueryBuilderInvalidFilterType: code("0x80041122"),
    // Creates and deletes (createRecord/deleteRecord, see writes.ts). Codes from the "Web service error codes" list
    // (https://learn.microsoft.com/power-apps/developer/data-platform/reference/web-service-error-codes;
    // MicrosoftDocs/powerapps-docs, powerapps-docs/developer/data-platform/includes/data-service-error-codes.md).
    /**
     * A payload property the entity type does not have. The troubleshooting page shows this error with code "0x0"
     * (https://learn.microsoft.com/troubleshoot/power-platform/dataverse/dataverse-web-api-and-sdk/web-api-client-errors,
     * "Invalid property {property name} was found in entity …"), so errorCode 0; that a host hands over 0 as the
     * errorCode is assumed.
     */
    PayloadValidation: { errorCode: 0, code: "0x0" },
    /** ODataClientPayloadError, "Error identified in Payload provided by the user for Entity :'{0}' …" (as Dataverse). */
    ODataClientPayloadError: code("0x80048d19"),
    /** RequiredFieldMissing, "Required field missing." (as Dataverse; which columns it is raised for: see writes.ts). */
    RequiredFieldMissing: code("0x80040200"),
    /** PicklistValueOutOfRange, "The picklist value is out of the range." (as Dataverse). */
    PicklistValueOutOfRange: code("0x8004431a"),
    /** DuplicateRecord (as Dataverse): a create with a primary key that is already taken. Status 412 (compose-http-requests). */
    DuplicateRecord: code("0x80040237"),
    /**
     * An aggregate over more than 50,000 rows (or `aggregatelimit`), as documented: error code -2147164125,
     * 0x8004E023, "AggregateQueryRecordLimit exceeded. Cannot perform this operation."
     * (https://learn.microsoft.com/power-apps/developer/data-platform/fetchxml/aggregate-data#limitations).
     */
    AggregateQueryRecordLimit: code("0x8004e023"),
} as const;

/** The codes a FetchXML query can be rejected with. */
export type FetchXmlErrorCode =
    | "InvalidArgument"
    | "InvalidXml"
    | "QueryBuilderNoEntity"
    | "QueryBuilderNoAttribute"
    | "QueryBuilderAttributeWithAggregate"
    | "QueryBuilderInvalidAlias"
    | "QueryBuilderNoAlias"
    | "QueryBuilderDeserializeInvalidAggregate"
    | "QueryBuilderDeserializeInvalidNode"
    | "QueryBuilderInvalidConditionOperator"
    | "QueryBuilderInvalidJoinOperator"
    | "QueryBuilderInvalidFilterType";

/** HTTP status texts used in `title`. */
const statusTitles: Record<number, string> = {
    400: "Bad Request",
    403: "Forbidden",
    404: "Not Found",
    412: "Precondition Failed",
    429: "Too Many Requests",
    500: "Internal Server Error",
    504: "Gateway Timeout",
};

function platformError(
    c: { errorCode: number; code: string },
    status: number,
    message: string,
    extra?: Partial<FakePlatformError>,
): FakePlatformError {
    return { errorCode: c.errorCode, code: c.code, message, status, title: statusTitles[status], ...extra };
}

/** A fixed fake caller, for the privilege message. */
export const FAKE_USER_ID = "5d3f1c7a-2b9e-4f08-a6d1-7c2e9b04f3a8";

/** Object type codes of the tables the fake holds (as Dataverse). */
export const ObjectTypeCodes: Record<string, number> = {
    import: 4410,
    importmap: 4411,
    importfile: 4412,
    importlog: 4423,
    // ImportEntityMapping's entity type code (the SDK's EntityTypeCode list; the table reference does not give it).
    importentitymapping: 4428,
    asyncoperation: 4700,
    account: 1,
    contact: 2,
    lead: 4,
};

/** Privilege ids (stable, fake) by privilege name, for the privilege message. */
const privilegeIds: Record<string, string> = {
    prvCreateImport: "5c6d7e8f-9012-4a3b-94c5-d6e7f8091a2b",
    prvWriteImport: "0d1e2f3a-4b5c-4d6e-8f70-81920a1b2c3d",
    prvReadImport: "1e2f3a4b-5c6d-4e7f-9081-92a3b4c5d6e7",
    prvReadImportFile: "2f3a4b5c-6d7e-4f80-a192-a3b4c5d6e7f8",
    prvReadImportLog: "3a4b5c6d-7e8f-4091-b2a3-b4c5d6e7f809",
    prvReadAsyncOperation: "4b5c6d7e-8f90-41a2-83b4-c5d6e7f8091a",
    prvCreateImportFile: "7e8f9001-b2c3-44d5-96e7-f8091a2b3c4d",
    prvDeleteImport: "8f900112-c3d4-45e6-a7f8-091a2b3c4d5e",
    prvDeleteImportFile: "90011223-d4e5-46f7-b809-1a2b3c4d5e6f",
    prvAppendImportFile: "a1122334-e5f6-4708-891a-2b3c4d5e6f70",
    prvAppendToImport: "b2233445-f607-4819-9a2b-3c4d5e6f7081",
    prvAppendToImportMap: "c3344556-0718-492a-ab3c-4d5e6f708192",
    prvReadImportMap: "d4455667-1829-4a3b-bc4d-5e6f708192a3",
    prvReadImportEntityMapping: "e5566778-293a-4b4c-8d6e-6f708192a3b4",
};

/** Factories for each rejection shape. Each call returns a fresh object. */
export const PlatformErrors = {
    throttling(retryAfterSeconds = 2): FakePlatformError {
        return platformError(
            DataverseErrorCodes.Throttling,
            429,
            "Number of requests exceeded the limit of 6000 over time window of 300 seconds.",
            { retryAfterSeconds },
        );
    },

    /**
     * A privilege the caller does not hold (as Dataverse: 0x80040220, 403, the message names the privilege
     * and the table). Default: prvCreateImport on import, the first privilege the import messages need.
     */
    missingPrivilege(privilege = "prvCreateImport", entity = "import"): FakePlatformError {
        const otc = ObjectTypeCodes[entity] ?? 0;
        const privilegeId = privilegeIds[privilege] ?? "6d7e8f90-a1b2-43c4-85d6-e7f8091a2b3c";
        return platformError(
            DataverseErrorCodes.MissingPrivilege,
            403,
            `Principal user (Id=${FAKE_USER_ID}, type=8, roleCount=1, privilegeCount=418, accessMode=0), ` +
                `is missing ${privilege} privilege (Id=${privilegeId}) on OTC=${otc} for entity '${entity}'. ` +
                `context.Caller=${FAKE_USER_ID}`,
        );
    },

    notFound(entity: string, id: string): FakePlatformError {
        return platformError(DataverseErrorCodes.ObjectDoesNotExist, 404, `${entity} With Id = ${id} Does Not Exist`);
    },

    preconditionFailed(): FakePlatformError {
        return platformError(
            DataverseErrorCodes.PreconditionFailed,
            412,
            "The version of the existing record doesn't match the RowVersion property provided.",
        );
    },

    /** What a browser gives when the network is gone: `fetch` rejects with TypeError("Failed to fetch"). */
    offline(shape: "typeError" | "object" = "typeError"): TypeError | { message: string } {
        return shape === "typeError" ? new TypeError("Failed to fetch") : { message: "Failed to fetch" };
    },

    timeout(): FakePlatformError {
        return platformError(
            DataverseErrorCodes.Timeout,
            504,
            "The request channel timed out while waiting for a reply. This operation returned because the timeout period expired.",
        );
    },

    server(message = "An unexpected error occurred."): FakePlatformError {
        return platformError(DataverseErrorCodes.UnexpectedServerError, 500, message);
    },

    badRequest(message: string): FakePlatformError {
        return platformError(DataverseErrorCodes.InvalidArgument, 400, message);
    },

    odata(message: string): FakePlatformError {
        return platformError(DataverseErrorCodes.ODataQueryInvalid, 400, message);
    },

    unknownEntitySet(segment: string): FakePlatformError {
        return platformError(
            DataverseErrorCodes.ResourceNotFoundForSegment,
            404,
            `Resource not found for the segment '${segment}'.`,
        );
    },

    unknownEntityMetadata(entityName: string): FakePlatformError {
        return platformError(
            DataverseErrorCodes.EntityNotInMetadataCache,
            404,
            `The entity with a name = '${entityName}' with namemapping = 'Logical' was not found in the MetadataCache.`,
        );
    },

    invalidImportState(message: string): FakePlatformError {
        return platformError(DataverseErrorCodes.InvalidImportState, 400, message);
    },

    /**
     * `EntityDefinitions(LogicalName='x')` for a table that does not exist. Assumed: 404 with 0x80060888 and the
     * metadata service's "Could not find an entity with name … and id …" (the code is not documented; the message
     * is the one RetrieveEntity faults with).
     */
    unknownEntityDefinition(logicalName: string): FakePlatformError {
        return platformError(
            DataverseErrorCodes.ODataQueryInvalid,
            404,
            `Could not find an entity with name ${logicalName} and id 00000000-0000-0000-0000-000000000000.`,
        );
    },

    /**
     * A create payload with a property the table does not have, as the troubleshooting page shows it
     * (web-api-client-errors, "Invalid property {property name} was found in entity …"): 400, code "0x0".
     */
    invalidProperty(entity: string, property: string): FakePlatformError {
        return platformError(
            DataverseErrorCodes.PayloadValidation,
            400,
            `An error occurred while validating input parameters: Microsoft.Crm.CrmException: Invalid property '${property}' was found in entity ` +
                `'Microsoft.Dynamics.CRM.${entity}'. ---> Microsoft.OData.ODataException: Does not support untyped value in non-open type.`,
        );
    },

    /**
     * A value OData cannot read as the property's type (a number for a text column, "2" for a choice). The code and
     * the "An error occurred while validating input parameters" prefix as for invalidProperty; the OData reader's
     * inner message (`Cannot convert …`) is the library's wording as public reports quote it (assumed).
     */
    payloadConversion(message: string): FakePlatformError {
        return platformError(DataverseErrorCodes.PayloadValidation, 400, `An error occurred while validating input parameters: Microsoft.OData.ODataException: ${message}`);
    },

    /**
     * `<name>@odata.bind` where the entity type has no navigation property `<name>`: as the troubleshooting page shows it
     * (web-api-client-errors, "InnerException : Microsoft.OData.ODataException: An undeclared property …"): 400, 0x80048d19.
     */
    undeclaredNavigationProperty(entitySet: string, name: string): FakePlatformError {
        return platformError(
            DataverseErrorCodes.ODataClientPayloadError,
            400,
            `Error identified in Payload provided by the user for Entity :'${entitySet}', For more information on this error please follow this help link ` +
                `https://go.microsoft.com/fwlink/?linkid=2195293  ---->  InnerException : Microsoft.OData.ODataException: An undeclared property '${name}' ` +
                "which only has property annotations in the payload but no property value was found in the payload. In OData, only declared navigation " +
                "properties and declared named streams can be represented as properties without values.",
        );
    },

    /**
     * A lookup written as its value (`_importid_value: guid`, or the navigation property with a GUID) instead of
     * `<navigation>@odata.bind`: 400, 0x80060888 and this message as public reports quote the platform (third-party).
     */
    directLookupUpdate(): FakePlatformError {
        return platformError(
            DataverseErrorCodes.ODataQueryInvalid,
            400,
            "CRM do not support direct update of Entity Reference properties, Use Navigation properties instead.",
        );
    },

    /** A required column without a value on create: RequiredFieldMissing 0x80040200 (the message's wording is assumed). */
    requiredFieldMissing(entity: string, attribute: string): FakePlatformError {
        return platformError(DataverseErrorCodes.RequiredFieldMissing, 400, `Required field missing: attribute '${attribute}' of entity '${entity}' cannot be NULL.`);
    },

    /**
     * A choice value the column does not have: PicklistValueOutOfRange 0x8004431A, with the platform's message as
     * Microsoft's Project Operations notes quote it ("A validation error occurred. The value 5 of 'msdyn_paymentterms' on
     * record of type '…' is outside the valid range. Accepted Values: 1,2,3,192350001."). The status (400) is assumed.
     */
    picklistValueOutOfRange(entity: string, attribute: string, value: number, accepted: readonly number[]): FakePlatformError {
        return platformError(
            DataverseErrorCodes.PicklistValueOutOfRange,
            400,
            `A validation error occurred. The value ${value} of '${attribute}' on record of type '${entity}' is outside the valid range. Accepted Values: ${accepted.join(",")}.`,
        );
    },

    /** A create with a primary key that already exists: DuplicateRecord 0x80040237, 412 (the message is assumed). */
    duplicateRecord(entity: string, id: string): FakePlatformError {
        return platformError(DataverseErrorCodes.DuplicateRecord, 412, `A record that has the attribute values ${entity}id = ${id} already exists. Cannot insert duplicate key.`);
    },

    /** An invalid or unsupported FetchXML query (see fetchXml.ts): 400 unless given. */
    fetchXml(errorCode: FetchXmlErrorCode, message: string, status = 400): FakePlatformError {
        return platformError(DataverseErrorCodes[errorCode], status, message);
    },

    /**
     * An aggregate FetchXML query over more than 50,000 rows (or its `aggregatelimit`): the documented code and
     * platform message (fetchxml/aggregate-data.md, "Limitations"). The HTTP status (400) is assumed.
     */
    aggregateQueryRecordLimit(): FakePlatformError {
        return platformError(DataverseErrorCodes.AggregateQueryRecordLimit, 400, "AggregateQueryRecordLimit exceeded. Cannot perform this operation.");
    },

    /** A GET the fake's getJson does not answer (a path or query outside its whitelist): 400, says what it takes. */
    unsupportedRequest(message: string): FakePlatformError {
        return platformError(DataverseErrorCodes.ODataQueryInvalid, 400, message);
    },
};

/** An import-log error: what the simulated import writes to importlog (errornumber, errordescription). */
export interface ImportLogError {
    /** importlog.errornumber: the signed Int32. */
    errorNumber: number;
    hex: string;
    description: string;
}

function importError(hex: string, description: string): ImportLogError {
    return { errorNumber: hexToErrorCode(hex), hex, description };
}

/** The import-log errors of the simulation, by the kind a seed rule names. */
export const ImportLogErrors = {
    /** Parse: a row whose field count differs from the header's (as Dataverse, DataColumnsNumberMismatch). */
    fieldCountMismatch: importError("0x80040345", "The number of fields differs from the number of column headings."),
    /** Import: duplicate key / duplicate record (as Dataverse, DuplicateRecord). */
    duplicate: importError(
        "0x80040237",
        "A record with these values already exists. A duplicate record cannot be created. Select one or more unique values and try again.",
    ),
    /** Import: a number outside the column's range (as Dataverse, ValueOutOfRange). */
    outOfRange: importError("0x80044331", "A validation error occurred. The value is outside the valid range."),
    /** Import: malformed email address (representative). */
    invalidEmail: importError("0x80040391", "The email address is not in a valid format."),
    /** Transform: a lookup value that matches no record; the record is created without it (representative). */
    lookupNotFound: importError("0x80040392", "The lookup reference could not be resolved."),
    /** Import: a required column without a value (representative). */
    requiredMissing: importError("0x80040393", "A required field is missing a value."),
    /** Import: a value that is not a number where the column needs one (representative). */
    invalidNumber: importError("0x80040394", "The value is not a valid number."),
} as const;

export type ImportLogErrorKind = keyof typeof ImportLogErrors;

/** Thrown inside the fake, turned into a rejection with `payload` at the call boundary. */
export class FakeRejection extends Error {
    constructor(readonly payload: unknown) {
        super(typeof payload === "object" && payload && "message" in payload ? String(payload.message) : "rejected");
        this.name = "FakeRejection";
    }
}

/** Rejects with a platform-shaped error (a plain object, as the platform does). */
export function rejectWith<T>(payload: unknown): Promise<T> {
    // The platform rejects with plain `{ errorCode, message, … }` objects, not Error instances.
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
    return Promise.reject(payload);
}
