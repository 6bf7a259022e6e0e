/** The stepper and counts of one file; recomputed only when that file's status or counts change. */
import * as React from "react";
import { Stack } from "@fluentui/react";
import { fileCounts, fileSteps, markFailures } from "../domain/processingSteps";
import type { ImportFileRow } from "../domain/importFile";
import { FileCounts } from "./FileCounts";
import { FileStepper } from "./FileStepper";

export interface FileProgressCellProps {
    file: ImportFileRow;
    fileName: string;
    compact?: boolean;
}

function FileProgressCellView({ file, fileName, compact }: FileProgressCellProps): React.ReactElement {
    const steps = React.useMemo(() => fileSteps(file.processingStatus, file.statusCode), [file.processingStatus, file.statusCode]);
    // Stages in which rows failed are marked: a file that finished with failures never looks all green.
    const marked = React.useMemo(
        () => markFailures(steps, file, file.logged),
        // eslint-disable-next-line react-hooks/exhaustive-deps
        [steps, file.failureCount, file.partialFailureCount, file.logged],
    );
    const counts = React.useMemo(
        () => fileCounts(file, steps),
        // The counts depend on these fields only, not on the row object's identity.
        // eslint-disable-next-line react-hooks/exhaustive-deps
        [file.successCount, file.failureCount, file.partialFailureCount, file.totalCount, steps],
    );
    return (
        <Stack tokens={{ childrenGap: 4 }} data-testid={`progress-${file.id}`}>
            <FileStepper steps={marked} fileName={fileName} compact={compact} />
            <FileCounts counts={counts} logged={file.logged} compact={compact} />
        </Stack>
    );
}

export const FileProgressCell = React.memo(FileProgressCellView);
