/**
 * PCF lifecycle only: reads the context into props and returns the root element. Everything else lives
 * in domain/ (pure logic), dataverse/ (platform I/O), hooks/ (state over time) and components/ (views).
 *
 * Every updateView re-reads the dataset, whatever `updatedProperties` says: model-driven forms name a dataset
 * change "dataset", canvas apps "<name>_dataset", the first population comes with none at all, and a strict host
 * may never fill it (docs/platform-contract.md, "Lifecycle"). Unchanged rows stay the same objects and an
 * unchanged update returns the same element, so a re-read re-renders nothing that did not change.
 */
import * as React from "react";
import type { IInputs, IOutputs } from "./generated/ManifestTypes";
import { HostTheme } from "./components/HostTheme";
import { ImportMonitorApp } from "./components/ImportMonitorApp";
import type { ImportMonitorAppProps } from "./components/ImportMonitorApp";
import { createDatasetCommands, ensureColumns, readDatasetState, readRows, sameDatasetState } from "./dataverse/datasetFiles";
import type { DatasetCommands, DatasetState } from "./dataverse/datasetFiles";
import { createImportService } from "./dataverse/importService";
import type { ImportService } from "./dataverse/importService";
import { formImportId, platformPorts } from "./dataverse/platformPorts";
import { reuseUnchanged, sameRow } from "./domain/importFile";
import type { ImportFileRow } from "./domain/importFile";
import { createLocalize, languageOf } from "./strings/localize";
import type { LocalizeOptions } from "./strings/localize";
import type { Localize } from "./strings/localize";

export class ImportMonitor implements ComponentFramework.ReactControl<IInputs, IOutputs> {
    private context: ComponentFramework.Context<IInputs>;
    private localize: Localize;
    private commands: DatasetCommands;
    private formatDateTime: ((date: Date) => string) | undefined;
    private service: ImportService;
    private rows: readonly ImportFileRow[] = [];
    private datasetState: DatasetState | null = null;
    private importId: string | null = null;
    /** The page the list last asked for; null once a read has answered it. */
    private requestedPage: number | null = null;
    private columnsEnsured = false;
    private props: ImportMonitorAppProps | null = null;
    private element: React.ReactElement | null = null;
    private themed: { app: React.ReactElement; design: unknown; rtl: boolean; element: React.ReactElement } | null = null;

    public init(
        context: ComponentFramework.Context<IInputs>,
        _notifyOutputChanged: () => void,
        _state: ComponentFramework.Dictionary,
    ): void {
        this.context = context;
        context.mode.trackContainerResize(true);
        this.localize = createLocalize((id) => context.resources.getString(id), localizeOptions(context));
        const commands = createDatasetCommands(() => this.context.parameters.importFiles);
        this.commands = {
            ...commands,
            openRecord: (entityName, entityId) => {
                const navigation = this.context.navigation as ComponentFramework.Navigation | undefined;
                if (typeof navigation?.openForm !== "function") return;
                navigation.openForm({ entityName, entityId }).catch((error: unknown) => console.error(`ImportMonitor: opening the ${entityName} form failed`, error));
            },
            // A refresh while the dataset loads would run two loads at once ("do not support parallel execution").
            refresh: () => {
                if (!this.context.parameters.importFiles.loading) commands.refresh();
            },
            loadPage: (pageNumber) => {
                // Paging calls "do not support parallel execution": a second click while a page loads is dropped.
                if (this.context.parameters.importFiles.loading) return;
                this.requestedPage = pageNumber;
                commands.loadPage(pageNumber);
            },
        };
        this.service = createImportService(platformPorts(context));
        // Dates in the user's format and time zone where the host formats them (formatDateShort with time).
        const formatting = context.formatting as Partial<ComponentFramework.Formatting> | undefined;
        if (typeof formatting?.formatDateShort === "function") this.formatDateTime = (date) => formatting.formatDateShort!(date, true);
        // Nothing is read from the dataset here: its values are not initialised in init.
    }

    public updateView(context: ComponentFramework.Context<IInputs>): React.ReactElement {
        this.context = context;
        const dataset = context.parameters.importFiles;
        // The subgrid's view may lack the columns the stepper needs: add them once the dataset has loaded,
        // and fetch once more.
        if (!this.columnsEnsured && !dataset.loading) {
            this.columnsEnsured = true;
            if (ensureColumns(dataset)) dataset.refresh();
        }
        // A failed read leaves the rows of the last good one: keep showing them (marked possibly out of date).
        const before = this.rows;
        if (!dataset.error) this.rows = reuseUnchanged(this.rows, readRows(dataset), sameRow);
        // A page asked for counts as shown once a read has answered: new rows, or a failure.
        const answered = !dataset.loading && (this.rows !== before || dataset.error === true);
        const state = readDatasetState(dataset, this.datasetState, answered ? this.requestedPage : null);
        if (answered) this.requestedPage = null;
        if (!this.datasetState || !sameDatasetState(this.datasetState, state)) this.datasetState = state;
        // The form's import never changes under a control: keep the first id found, even when a refresh
        // or a page briefly leaves no row to read it from.
        this.importId ??= formImportId(context, this.rows.find((r) => r.importId)?.importId ?? null);

        const props: ImportMonitorAppProps = {
            rows: this.rows,
            dataset: this.datasetState,
            commands: this.commands,
            width: context.mode.allocatedWidth,
            localize: this.localize,
            service: this.service,
            importId: this.importId,
            formatDateTime: this.formatDateTime,
            userId: context.userSettings?.userId || null,
        };
        if (!this.element || !this.props || !sameProps(this.props, props)) {
            this.props = props;
            this.element = React.createElement(ImportMonitorApp, props);
        }
        // The host's theme (modern look) and the language's direction, read on every updateView and kept out of the
        // app's props; the element returned is the same one while neither they nor the app's props changed.
        const design = (context as { fluentDesignLanguage?: unknown }).fluentDesignLanguage;
        const rtl = context.userSettings?.isRTL === true;
        const app = this.element;
        let themed = this.themed;
        if (themed?.app !== app || themed.design !== design || themed.rtl !== rtl) {
            themed = { app, design, rtl, element: React.createElement(HostTheme, { design, rtl }, app) };
            this.themed = themed;
        }
        return themed.element;
    }

    public getOutputs(): IOutputs {
        return {};
    }

    public destroy(): void {
        this.themed = null;
        this.element = null;
        this.props = null;
    }
}

function sameProps(a: ImportMonitorAppProps, b: ImportMonitorAppProps): boolean {
    const keys = Object.keys(b) as (keyof ImportMonitorAppProps)[];
    return keys.every((key) => a[key] === b[key]);
}

/**
 * Numbers in the user's format (`context.formatting.formatInteger`, where the host has it; rounded first, as it
 * takes integers) and plural rules of the user's language (`userSettings.languageId`).
 */
function localizeOptions(context: ComponentFramework.Context<IInputs>): LocalizeOptions {
    const formatting = context.formatting as Partial<ComponentFramework.Formatting> | undefined;
    const formatInteger = typeof formatting?.formatInteger === "function" ? formatting.formatInteger.bind(formatting) : null;
    return {
        formatNumber: formatInteger ? (n) => formatInteger(Math.round(n)) : undefined,
        pluralRules: new Intl.PluralRules(languageOf(context.userSettings?.languageId)),
    };
}
