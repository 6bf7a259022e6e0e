/** The row command that opens a file's preview: an icon button named "Preview <file name>". */
import * as React from "react";
import { IconButton } from "@fluentui/react";
import type { ImportFileRow } from "../domain/importFile";
import { Icons } from "./icons";
import { useLocalize } from "./LocalizeContext";

export interface PreviewButtonProps {
    file: ImportFileRow;
    onPreview: (file: ImportFileRow) => void;
}

function PreviewButtonView({ file, onPreview }: PreviewButtonProps): React.ReactElement {
    const t = useLocalize();
    const label = t("Preview_Button", file.name || t("Value_Unnamed"));
    const onClick = React.useCallback(() => onPreview(file), [onPreview, file]);
    return (
        <IconButton
            iconProps={{ iconName: Icons.preview }}
            ariaLabel={label}
            title={label}
            onClick={onClick}
        />
    );
}

export const PreviewButton = React.memo(PreviewButtonView);
