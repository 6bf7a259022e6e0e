/**
 * Benchmark only: the same control as ImportMonitor/index.ts, as a *standard* PCF control that bundles
 * React and Fluent itself. A standard control cannot return a React element from updateView, so this
 * wrapper ReactDOM.render's the same root component (ImportMonitorApp, same props, same row reuse) into
 * the container the platform gives it.
 *
 * bench/bundle.mjs copies the control into bench/tmp/ (git-ignored), swaps ImportMonitor/index.ts for this
 * file (rewriting "../../ImportMonitor/" to "./"), sets control-type="standard", drops the
 * platform-library lines of the manifest and runs the production build there. Never shipped.
 */
import * as React from "react";
import * as ReactDOM from "react-dom";
import type { IInputs, IOutputs } from "../../ImportMonitor/generated/ManifestTypes";
import { ImportMonitorApp } from "../../ImportMonitor/components/ImportMonitorApp";
import type { ImportMonitorAppProps } from "../../ImportMonitor/components/ImportMonitorApp";
import { createDatasetCommands, ensureColumns, readDatasetState, readRows } from "../../ImportMonitor/dataverse/datasetFiles";
import type { DatasetCommands } from "../../ImportMonitor/dataverse/datasetFiles";
import { createImportService } from "../../ImportMonitor/dataverse/importService";
import type { ImportService } from "../../ImportMonitor/dataverse/importService";
import { formImportId, platformPorts } from "../../ImportMonitor/dataverse/platformPorts";
import { reuseUnchanged, sameRow } from "../../ImportMonitor/domain/importFile";
import type { ImportFileRow } from "../../ImportMonitor/domain/importFile";
import { createLocalize } from "../../ImportMonitor/strings/localize";
import type { Localize } from "../../ImportMonitor/strings/localize";


export class ImportMonitor implements ComponentFramework.StandardControl<IInputs, IOutputs> {
    private container: HTMLDivElement;
    private context: ComponentFramework.Context<IInputs>;
    private localize: Localize;
    private commands: DatasetCommands;
    private service: ImportService;
    private rows: readonly ImportFileRow[] = [];
    private rendered = false;

    public init(
        context: ComponentFramework.Context<IInputs>,
        _notifyOutputChanged: () => void,
        _state: ComponentFramework.Dictionary,
        container: HTMLDivElement,
    ): void {
        this.container = container;
        this.context = context;
        context.mode.trackContainerResize(true);
        this.localize = createLocalize((id) => context.resources.getString(id));
        this.commands = createDatasetCommands(() => this.context.parameters.importFiles);
        this.service = createImportService(platformPorts(context));
    }

    public updateView(context: ComponentFramework.Context<IInputs>): void {
        this.context = context;
        const dataset = context.parameters.importFiles;
        if (!this.rendered && !dataset.loading && ensureColumns(dataset)) dataset.refresh();
        this.rows = reuseUnchanged(this.rows, readRows(dataset), sameRow);
        const props: ImportMonitorAppProps = {
            rows: this.rows,
            dataset: readDatasetState(dataset, null, null),
            commands: this.commands,
            width: context.mode.allocatedWidth,
            localize: this.localize,
            service: this.service,
            importId: formImportId(context, this.rows.find((r) => r.importId)?.importId ?? null),
        };
        ReactDOM.render(React.createElement(ImportMonitorApp, props), this.container);
        this.rendered = true;
    }

    public getOutputs(): IOutputs {
        return {};
    }

    public destroy(): void {
        ReactDOM.unmountComponentAtNode(this.container);
        this.rendered = false;
    }
}
