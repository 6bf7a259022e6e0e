/** The stepper and counts of one file; recomputed only when that file's status or counts change. */
import * as React from "react";
import { Stack } from "@fluentui/react";
import { fileCounts, fileSteps } from "../domain/processingSteps";
import type { ImportFileStatus } from "../domain/importFile";
import { FileCounts } from "./FileCounts";
import { FileStepper } from "./FileStepper";

export interface FileProgressCellProps {
    file: ImportFileStatus;
    fileName: string;
    compact?: boolean;
}

function FileProgressCellView({ file, fileName, compact }: FileProgressCellProps): React.ReactElement {
    const steps = React.useMemo(() => fileSteps(file.processingStatus, file.statusCode), [file.processingStatus, file.statusCode]);
    const counts = React.useMemo(
        () => fileCounts(file, steps),
        // The counts depend on these fields only, not on the row object's identity.
        // eslint-disable-next-line react-hooks/exhaustive-deps
        [file.successCount, file.failureCount, file.partialFailureCount, file.totalCount, steps],
    );
    return (
        <Stack tokens={{ childrenGap: 4 }} data-testid={`progress-${file.id}`}>
            <FileStepper steps={steps} fileName={fileName} compact={compact} />
            <FileCounts counts={counts} compact={compact} />
        </Stack>
    );
}

export const FileProgressCell = React.memo(FileProgressCellView);
