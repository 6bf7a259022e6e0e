/**
 * The in-memory Dataverse of the tests and the sandbox. The control never imports this.
 *
 *     const dv = createFakeDataverse({ stepMs: 100 });
 *     const ports = dv.ports();                 // { webApi, getEntityMetadata, execute }
 *     dv.faults.failNext("throttle", { match: "retrieveMultiple:importfile" });
 *     dv.requests.count("retrieve:asyncoperation");
 *     dv.dispose();
 */
export { createFakeDataverse, FakeDataverse, type FakeDataverseOptions } from "./fakeDataverse";
export { systemClock, type FakeClock } from "./clock";
export {
    DataverseErrorCodes,
    errorCodeToHex,
    FAKE_USER_ID,
    hexToErrorCode,
    ImportLogErrors,
    ObjectTypeCodes,
    PlatformErrors,
    type FakePlatformError,
    type ImportLogError,
    type ImportLogErrorKind,
} from "./errors";
export { FaultController, faultError, type FaultContext, type FaultHandle, type FaultKind, type FaultSpec, type StageFailure, type StageName } from "./faults";
export { normalizeGuid, stableGuid } from "./ids";
export { AttributeTypeCode, entityMetadata, TargetTables, type FakeAttributeCollection, type FakeAttributeMetadata, type FakeEntityMetadata } from "./metadata";
export { FAKE_API_URL, FAKE_ORG_URL, MAX_PAGE_SIZE } from "./odata";
export type { AsyncOperationRecord, FakeSeed, FileRule, ImportFileRecord, ImportLogRecord, ImportRecord } from "./records";
export { matchesPattern, operationKey, RequestLog, type RequestFilter, type RequestKind, type RequestLogEntry } from "./requestLog";
export {
    AsyncOperationType,
    AsyncStateCode,
    AsyncStatusCode,
    DataDelimiterLabels,
    FieldDelimiterLabels,
    LogPhaseLabels,
    ProcessingStatusLabels,
    StatusCodeLabels,
    Tables,
} from "./schema";
export {
    buildLargeSeed,
    createSeed,
    makeImportFile,
    SEED_ACCOUNTS_BAD_LINES,
    SEED_ACCOUNTS_FILE_ID,
    SEED_CONTACT_NAMES,
    SEED_CONTACTS_FILE_ID,
    SEED_CREATED_ON,
    SEED_FILE_IDS,
    SEED_IMPORT_ID,
    SEED_IMPORT_MAP_ID,
    SEED_IMPORT_NAME,
    SEED_LEADS_FILE_ID,
    type LargeSeedOptions,
} from "./seed";
export { parseContent, planFile, type FilePlan, type ParsedFile, type ParsedRow, type RowOutcome } from "./simulation";
export { importRecordsImportRequest, parseImportRequest, transformImportRequest } from "./requests";
export { importFileDatasetValues, type DatasetRecordValues } from "./datasetValues";
