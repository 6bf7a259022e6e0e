/** A typed Dataverse failure as a sentence a maker understands (resx strings). */
import type { DataverseFailure } from "../dataverse/failures";
import type { Localize } from "../strings/localize";

export function failureText(t: Localize, failure: DataverseFailure): string {
    const detail = failure.message || t("Failure_NoDetail");
    switch (failure.kind) {
        case "privilege":
            return failure.privilege ? t("Failure_Privilege", failure.privilege) : t("Failure_PrivilegeUnnamed", detail);
        case "notFound":
            return t("Failure_NotFound");
        case "conflict":
            return t("Failure_Conflict");
        case "throttled":
            return failure.retryAfterMs !== null
                ? t("Failure_Throttled", Math.max(1, Math.ceil(failure.retryAfterMs / 1000)))
                : t("Failure_ThrottledNoWait");
        case "offline":
            return t("Failure_Offline");
        case "timeout":
            return t("Failure_Timeout");
        default:
            return failure.codeHex ? t("Failure_ServerWithCode", detail, failure.codeHex) : t("Failure_Server", detail);
    }
}
