/** The row command that opens a file's failure log; shown only for a file with failures. */
import * as React from "react";
import { IconButton } from "@fluentui/react";
import { fileHasFailures } from "../domain/importFile";
import type { ImportFileRow } from "../domain/importFile";
import { Icons } from "./icons";
import { useLocalize } from "./LocalizeContext";

export interface FailureLogButtonProps {
    file: ImportFileRow;
    onOpen: (file: ImportFileRow) => void;
}

/** See fileHasFailures: the row's own counts, status and failure-log counts. */
export function hasFailures(file: ImportFileRow): boolean {
    return fileHasFailures(file, file.logged);
}

export function FailureLogButton({ file, onOpen }: FailureLogButtonProps): React.ReactElement | null {
    const t = useLocalize();
    if (!hasFailures(file)) return null;
    const label = t("Log_Open", file.name || t("Value_Unnamed"));
    return <IconButton iconProps={{ iconName: Icons.log }} title={label} ariaLabel={label} onClick={() => onOpen(file)} data-testid={`log-${file.id}`} />;
}
