/**
 * The library component's control: renders nothing. The component exists to carry libs/importMonitorCsv.js
 * (library.ts), which ImportMonitor loads on demand; a maker who adds it to a form sees an empty field.
 */
import type { IInputs, IOutputs } from "./generated/ManifestTypes";

export class ImportMonitorCsv implements ComponentFramework.StandardControl<IInputs, IOutputs> {
    public init(): void {
        // Nothing to set up: see library.ts.
    }

    public updateView(): void {
        // Nothing to show.
    }

    public getOutputs(): IOutputs {
        return {};
    }

    public destroy(): void {
        // Nothing to release.
    }
}
