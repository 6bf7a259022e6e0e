/** The row command that opens a file's failure log; shown only for a file with failures. */
import * as React from "react";
import { IconButton } from "@fluentui/react";
import { ImportFileStatusCode, loggedTotal } from "../domain/importFile";
import type { ImportFileRow } from "../domain/importFile";
import { Icons } from "./icons";
import { useLocalize } from "./LocalizeContext";

export interface FailureLogButtonProps {
    file: ImportFileRow;
    onOpen: (file: ImportFileRow) => void;
}

/** Failed or partly failed rows, a Failed status, or importlog rows of any phase (available as they are written). */
export function hasFailures(file: ImportFileRow): boolean {
    return (file.failureCount ?? 0) > 0 || (file.partialFailureCount ?? 0) > 0 || file.statusCode === ImportFileStatusCode.Failed || loggedTotal(file.logged) > 0;
}

export function FailureLogButton({ file, onOpen }: FailureLogButtonProps): React.ReactElement | null {
    const t = useLocalize();
    if (!hasFailures(file)) return null;
    const label = t("Log_Open", file.name || t("Value_Unnamed"));
    return <IconButton iconProps={{ iconName: Icons.log }} title={label} ariaLabel={label} onClick={() => onOpen(file)} />;
}
