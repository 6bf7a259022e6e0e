/**
 * Texts of the preview that are built from data: a finding's message (delimiter codes named), a failure's
 * explanation, a file type's name. Every text comes from the resx; keys are literal so the strings test checks them.
 */
import { FindingKeys } from "../domain/csv";
import type { Finding } from "../domain/csv";
import type { DataverseFailure } from "../dataverse/failures";
import type { Localize } from "../strings/localize";

/** importfile.fielddelimitercode → "comma (,)"; an unknown code stays as it is. */
export function fieldDelimiterName(t: Localize, code: string | number): string {
    switch (Number(code)) {
        case 1:
            return t("Delimiter_1");
        case 2:
            return t("Delimiter_2");
        case 3:
            return t("Delimiter_3");
        case 4:
            return t("Delimiter_4");
        default:
            return String(code);
    }
}

/** importfile.datadelimitercode → "double quotes (")"; an unknown code stays as it is. */
export function dataDelimiterName(t: Localize, code: string | number): string {
    switch (Number(code)) {
        case 1:
            return t("DataDelimiter_1");
        case 2:
            return t("DataDelimiter_2");
        case 3:
            return t("DataDelimiter_3");
        default:
            return String(code);
    }
}

/** importfile.filetypecode → "XML Spreadsheet 2003"; an unknown code stays as a number. */
export function fileTypeName(t: Localize, code: number): string {
    switch (code) {
        case 0:
            return t("Preview_FileType_0");
        case 1:
            return t("Preview_FileType_1");
        case 2:
            return t("Preview_FileType_2");
        case 3:
            return t("Preview_FileType_3");
        default:
            return String(code);
    }
}

/** The finding's message from the resx, its delimiter codes replaced by their localised names. */
export function findingText(t: Localize, finding: Finding): string {
    const args = [...finding.args];
    switch (finding.key) {
        case FindingKeys.DelimiterMismatch:
            args[0] = fieldDelimiterName(t, args[0]);
            args[1] = fieldDelimiterName(t, args[1]);
            break;
        case FindingKeys.DataDelimiterMismatch:
            args[0] = dataDelimiterName(t, args[0]);
            args[1] = dataDelimiterName(t, args[1]);
            break;
        case FindingKeys.QuotesWithNone:
            args[0] = dataDelimiterName(t, args[0]);
            break;
        default:
            break;
    }
    return t(finding.key, ...args);
}

/** What went wrong, in words the user can act on. */
export function failureText(t: Localize, failure: DataverseFailure): string {
    switch (failure.kind) {
        case "privilege":
            return failure.privilege ? t("Preview_FailurePrivilege", failure.privilege) : t("Preview_FailurePrivilegeUnnamed");
        case "offline":
            return t("Preview_FailureOffline");
        case "notFound":
            return t("Preview_FailureNotFound");
        case "throttled":
            return t("Preview_FailureThrottled");
        case "timeout":
            return t("Preview_FailureTimeout");
        default: {
            const detail = failure.message || failure.codeHex || failure.kind;
            return t("Preview_FailureOther", detail);
        }
    }
}
