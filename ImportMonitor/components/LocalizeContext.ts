import * as React from "react";
import type { Localize } from "../strings/localize";

/** The resx formatter for every view below the root (see strings/localize.ts). */
export const LocalizeContext = React.createContext<Localize>((key) => key);

export function useLocalize(): Localize {
    return React.useContext(LocalizeContext);
}
