/**
 * PCF lifecycle only: reads the context into props and returns the root element. Everything else lives
 * in domain/ (pure logic), dataverse/ (platform I/O), hooks/ (state over time) and components/ (views).
 */
import * as React from "react";
import type { IInputs, IOutputs } from "./generated/ManifestTypes";
import { ImportMonitorApp } from "./components/ImportMonitorApp";
import type { ImportMonitorAppProps } from "./components/ImportMonitorApp";
import { createDatasetCommands, ensureColumns, readDatasetState, readRows, sameDatasetState } from "./dataverse/datasetFiles";
import type { DatasetCommands, DatasetState } from "./dataverse/datasetFiles";
import { createImportService } from "./dataverse/importService";
import type { ImportService } from "./dataverse/importService";
import { formImportId, platformPorts } from "./dataverse/platformPorts";
import { reuseUnchanged, sameRow } from "./domain/importFile";
import type { ImportFileRow } from "./domain/importFile";
import { createLocalize } from "./strings/localize";
import type { Localize } from "./strings/localize";

/** updatedProperties entries that change what the control shows. */
const DATASET = "importFiles";
const RELEVANT_UPDATES = new Set([DATASET, "layout"]);

export class ImportMonitor implements ComponentFramework.ReactControl<IInputs, IOutputs> {
    private context: ComponentFramework.Context<IInputs>;
    private localize: Localize;
    private commands: DatasetCommands;
    private service: ImportService;
    private rows: readonly ImportFileRow[] = [];
    private datasetState: DatasetState | null = null;
    private importId: string | null = null;
    private element: React.ReactElement | null = null;

    public init(
        context: ComponentFramework.Context<IInputs>,
        _notifyOutputChanged: () => void,
        _state: ComponentFramework.Dictionary,
    ): void {
        this.context = context;
        context.mode.trackContainerResize(true);
        this.localize = createLocalize((id) => context.resources.getString(id));
        this.commands = createDatasetCommands(() => this.context.parameters.importFiles);
        this.service = createImportService(platformPorts(context));
        // The subgrid's view may lack the columns the stepper needs: add them and fetch once more.
        if (ensureColumns(context.parameters.importFiles)) context.parameters.importFiles.refresh();
    }

    public updateView(context: ComponentFramework.Context<IInputs>): React.ReactElement {
        this.context = context;
        const updated = context.updatedProperties ?? [];
        if (this.element && !updated.some((p) => RELEVANT_UPDATES.has(p))) return this.element;

        const dataset = context.parameters.importFiles;
        this.rows = reuseUnchanged(this.rows, readRows(dataset), sameRow);
        // The form's import never changes under a control: keep the first id found, even when a refresh
        // or a page briefly leaves no row to read it from.
        this.importId ??= formImportId(context, this.rows.find((r) => r.importId)?.importId ?? null);
        const state = readDatasetState(dataset);
        if (!this.datasetState || !sameDatasetState(this.datasetState, state)) this.datasetState = state;
        const props: ImportMonitorAppProps = {
            rows: this.rows,
            dataset: this.datasetState,
            commands: this.commands,
            width: context.mode.allocatedWidth,
            localize: this.localize,
            service: this.service,
            importId: this.importId,
        };
        this.element = React.createElement(ImportMonitorApp, props);
        return this.element;
    }

    public getOutputs(): IOutputs {
        return {};
    }

    public destroy(): void {
        this.element = null;
    }
}
