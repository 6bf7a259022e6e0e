/**
 * The in-memory Dataverse of the tests and the sandbox. The control never imports this.
 *
 *     const dv = createFakeDataverse({ stepMs: 100 });
 *     const ports = dv.ports();                 // { webApi, getEntityMetadata, execute, getJson, hasEntityPrivilege }
 *     dv.ports({ execute: false, getJson: false, hasEntityPrivilege: false });   // no Xrm (canvas, harness)
 *     dv.ports({ metadataShape: "strict" });    // Attributes with get(name) only (default "model-driven")
 *     dv.ports({ hasEntityPrivilege: "uncached" }); // false until getEntityMetadata(table) was read
 *     dv.privileges.revoke("prvCreateImport");  // the actions then reject with 0x80040220 naming it
 *     dv.privileges.grant("prvReadImportFile", 0); dv.privileges.reset();
 *     dv.startStageExternally("parse", importId); // a job the control did not start (the import wizard)
 *     dv.runInBackground(importId);             // the wizard's whole run: parse, then transform, then import
 *     dv.advance(() => cond);                   // run the fake's pending steps now until cond holds (seeding)
 *     applyScenario(dv, "mid-import");          // a named state (scenarios.ts), before the control loads
 *     dv.ports().webApi.retrieveMultipleRecords("importlog", "?fetchXml=" + encodeURIComponent(xml)); // fetchXml.ts
 *     dv.ports().webApi.createRecord("importfile", { content, "importid@odata.bind": `/imports(${id})`, … }); // writes.ts
 *     dv.ports().webApi.deleteRecord("import", id); // cascades to its files and their logs
 *     dv.ports().getJson!("EntityDefinitions?$select=LogicalName,DisplayName&$filter=IsImportable eq true");
 *     dv.ports().webApi.retrieveMultipleRecords("importentitymapping", "?$select=sourceentityname,targetentityname,_importmapid_value");
 *     dv.faults.failNext("throttle", { match: "retrieveMultiple:importfile" });
 *     dv.faults.failNext("server", { match: "getJson:EntityDefinitions" });
 *     dv.requests.count("retrieve:asyncoperation");
 *     dv.dispose();
 *
 * A second action on an import whose earlier job is unfinished queues (a new asyncoperation at Ready /
 * Waiting For Resources) and runs when the earlier one completes; every job has `_regardingobjectid_value`
 * = the import and `operationtype` 3/4/5.
 */
export {
    createFakeDataverse,
    FakeDataverse,
    type AdvanceUntil,
    type BackgroundRun,
    type CreatedRecord,
    type DeletedRecord,
    type FakeDataverseOptions,
    type FakeDataversePorts,
    type FakePortsOptions,
    type FakeWebApi,
} from "./fakeDataverse";
export {
    AGGREGATE_RECORD_LIMIT,
    columnOfLogicalName,
    FETCH_MAX_PAGE,
    fetchXmlParameter,
    logicalNameOfColumn,
    parseFetchXml,
    runFetchXml,
    type FetchXmlAnnotations,
    type FetchXmlResult,
} from "./fetchXml";
export { applyScenario, isScenarioName, SCENARIO_NAMES, type AppliedScenario, type ScenarioName, type ScenarioOptions } from "./scenarios";
export { answerGetJson } from "./definitions";
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
    type FetchXmlErrorCode,
    type ImportLogError,
    type ImportLogErrorKind,
} from "./errors";
export { FaultController, faultError, type FaultContext, type FaultHandle, type FaultKind, type FaultSpec, type StageFailure, type StageName } from "./faults";
export { normalizeGuid, stableGuid } from "./ids";
export {
    AttributeTypeCode,
    AttributeTypeNames,
    entityMetadata,
    tableDefinitions,
    TargetTables,
    type TableDefinition,
    type FakeAttributeCollection,
    type FakeAttributeMetadata,
    type FakeEntityAttribute,
    type FakeEntityMetadata,
    type FakeOption,
    type FakeStrictAttributeCollection,
    type MetadataShape,
} from "./metadata";
export {
    IMPORT_MESSAGE_PRIVILEGES,
    privilegeName,
    PrivilegeDepths,
    PrivilegeSet,
    PrivilegeTypeNames,
    readPrivilegeOf,
    TableSchemaNames,
} from "./privileges";
export { FAKE_API_URL, FAKE_ORG_URL, MAX_PAGE_SIZE } from "./odata";
export type {
    AsyncOperationRecord,
    FakeSeed,
    FileRule,
    ImportEntityMappingRecord,
    ImportFileRecord,
    ImportLogRecord,
    ImportMapRecord,
    ImportRecord,
} from "./records";
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
    SEED_ACCOUNT_MAP_ID,
    SEED_ACCOUNTS_BAD_LINES,
    SEED_ACCOUNTS_FILE_ID,
    SEED_CONTACT_MAP_ID,
    SEED_CONTACT_NAMES,
    SEED_CONTACTS_FILE_ID,
    SEED_CREATED_ON,
    SEED_FILE_IDS,
    SEED_IMPORT_ID,
    SEED_IMPORT_MAP_ID,
    SEED_IMPORT_NAME,
    SEED_INACTIVE_MAP_ID,
    SEED_LEADS_FILE_ID,
    seedImportEntityMappings,
    seedImportMaps,
    type LargeSeedOptions,
} from "./seed";
export { parseContent, planFile, type FilePlan, type ParsedFile, type ParsedRow, type RowOutcome } from "./simulation";
export { importRecordsImportRequest, parseImportRequest, transformImportRequest } from "./requests";
export { importFileDatasetValues, type DatasetRecordValues } from "./datasetValues";
export { DELETABLE_TABLES, WriteSpecs, type ColumnWrite, type NavigationWrite, type WriteSpec } from "./writes";
