/**
 * The PCF context a model-driven form hands the control, built over the fake Dataverse: the bound dataset,
 * `webAPI` and `utils.getEntityMetadata` (the fake's ports), `resources.getString` (the control's resx),
 * `mode` (allocated size, `trackContainerResize`, `contextInfo` of the import form), `userSettings`,
 * `formatting`, `navigation`, `client` and, with a modern theme, `fluentDesignLanguage` (sandbox/page/theme.ts). Platform surfaces the sandbox cannot honour reject or report
 * on the sandbox status line instead of failing silently.
 *
 * Sandbox code: the control never imports this.
 */
import { languageFromParams } from "./language";
import type { SandboxLanguage } from "./language";
import type { DataversePorts } from "../../ImportMonitor/dataverse/platform";
import { FAKE_USER_ID } from "../dataverse";
import type { SandboxDataset } from "./dataset";
import type { HostProfile } from "./host";

export interface SandboxInputs {
    importFiles: ComponentFramework.PropertyTypes.DataSet;
}

export type SandboxContext = ComponentFramework.Context<SandboxInputs>;

/** What the context reads from the host at the moment it is built. */
export interface ContextHost {
    dataset: SandboxDataset;
    ports: DataversePorts;
    strings: ReadonlyMap<string, string>;
    importId: string;
    importName: string;
    profile: HostProfile;
    /** The control's allocated size, or -1 when it has not asked to track its container. */
    allocatedWidth: number;
    allocatedHeight: number;
    narrow: boolean;
    networkAvailable: () => boolean;
    trackContainerResize: (value: boolean) => void;
    requestRender: () => void;
    /** Shows a line on the sandbox status bar (e.g. "Would open …"). */
    report: (line: string) => void;
    /** `context.utils.loadDependency`; absent where the app has none (canvas apps, ?library=absent). */
    loadDependency?: (name: string) => Promise<unknown>;
    /** A string id the resx lacks was asked for. */
    missingString: (id: string) => void;
    /**
     * The app's modern theme (`context.fluentDesignLanguage`, model-driven with the new look and canvas apps);
     * absent in the classic look. The same object on every updateView until the theme changes (assumed).
     */
    fluentDesignLanguage?: ComponentFramework.FluentDesignState;
    /** The user's language, formats and direction (`?lang=`); English (United States) when absent. */
    language?: SandboxLanguage;
}

const ENGLISH = languageFromParams(new URLSearchParams());

function unsupported(what: string): Promise<never> {
    return Promise.reject(new Error(`${what} is not available in the ImportMonitor sandbox.`));
}

/** `context.formatting` in the user's locale. */
function formatting(locale: string): ComponentFramework.Formatting {
    const integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
    const dateShort = new Intl.DateTimeFormat(locale, { year: "numeric", month: "numeric", day: "numeric" });
    const dateTimeShort = new Intl.DateTimeFormat(locale, { year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "2-digit" });
    const dateLong = new Intl.DateTimeFormat(locale, { weekday: "long", year: "numeric", month: "long", day: "numeric" });
    const time = new Intl.DateTimeFormat(locale, { hour: "numeric", minute: "2-digit" });
    return {
        formatCurrency: (value, precision = 2, symbol = "$") => `${symbol}${value.toFixed(precision)}`,
        formatDecimal: (value, precision = 2) => new Intl.NumberFormat(locale, { minimumFractionDigits: precision, maximumFractionDigits: precision }).format(value),
        formatDateAsFilterStringInUTC: (value, includeTime) => (includeTime ? value.toISOString() : value.toISOString().slice(0, 10)),
        formatDateLong: (value) => dateLong.format(value),
        formatDateLongAbbreviated: (value) => new Intl.DateTimeFormat(locale, { dateStyle: "medium" }).format(value),
        formatDateShort: (value, includeTime) => (includeTime ? dateTimeShort : dateShort).format(value),
        formatDateYearMonth: (value) => new Intl.DateTimeFormat(locale, { year: "numeric", month: "long" }).format(value),
        formatInteger: (value) => integer.format(value),
        formatLanguage: (value) => (value === 1033 ? "English (United States)" : String(value)),
        formatTime: (value) => time.format(value),
        getWeekOfYear: (value) => {
            const start = Date.UTC(value.getUTCFullYear(), 0, 1);
            return Math.ceil(((value.getTime() - start) / 86400000 + new Date(start).getUTCDay() + 1) / 7);
        },
    };
}

function webApi(ports: DataversePorts): ComponentFramework.WebApi {
    return {
        retrieveRecord: (entityType, id, options) => ports.webApi.retrieveRecord(entityType, id, options),
        retrieveMultipleRecords: (entityType, options, maxPageSize) =>
            ports.webApi.retrieveMultipleRecords(entityType, options, maxPageSize) as Promise<ComponentFramework.WebApi.RetrieveMultipleResponse>,
        // The fake's creates and deletes (sandbox/dataverse/writes.ts), where its ports have them.
        createRecord: (entityType, data) =>
            ports.webApi.createRecord
                ? (ports.webApi.createRecord(entityType, data) as Promise<ComponentFramework.LookupValue>)
                : unsupported("webAPI.createRecord"),
        updateRecord: () => unsupported("webAPI.updateRecord"),
        deleteRecord: (entityType, id) => {
            const del = (ports.webApi as { deleteRecord?: (t: string, i: string) => Promise<ComponentFramework.LookupValue> }).deleteRecord;
            return del ? del(entityType, id) : unsupported("webAPI.deleteRecord");
        },
    };
}

export function createContext(host: ContextHost, updatedProperties: string[]): SandboxContext {
    const language = host.language ?? ENGLISH;
    const mode = {
        allocatedWidth: host.allocatedWidth,
        allocatedHeight: host.allocatedHeight,
        isControlDisabled: false,
        isVisible: true,
        label: "Import Files",
        setControlState: () => true,
        setFullScreen: (value: boolean) => host.report(`The control asked for full screen: ${String(value)} (not in the sandbox).`),
        trackContainerResize: (value: boolean) => host.trackContainerResize(value),
        // Not in the Mode reference nor the typings, but there on model-driven forms (assumed): the strict
        // profile leaves it out.
        ...(host.profile === "model-driven" ? { contextInfo: { entityId: host.importId, entityTypeName: "import", entityRecordName: host.importName } } : {}),
    };
    const context = {
        parameters: { importFiles: host.dataset },
        updatedProperties,
        mode,
        webAPI: webApi(host.ports),
        utils: {
            getEntityMetadata: (entityName: string, attributes?: string[]) =>
                host.ports.getEntityMetadata(entityName, attributes) as Promise<ComponentFramework.PropertyHelper.EntityMetadata>,
            // model-driven only (the Utility reference): absent where the fake's ports leave it out.
            ...(host.ports.hasEntityPrivilege ? { hasEntityPrivilege: host.ports.hasEntityPrivilege } : {}),
            lookupObjects: () => Promise.resolve([]),
            // Model-driven only ("check if the method is available before calling it").
            ...(host.loadDependency ? { loadDependency: host.loadDependency } : {}),
        },
        resources: {
            getString: (id: string) => {
                const value = host.strings.get(id);
                if (value !== undefined) return value;
                host.missingString(id);
                return id;
            },
            getResource: (_id: string, _success: (data: string) => void, failure: () => void) => failure(),
        },
        userSettings: {
            languageId: language.lcid,
            userName: "Sandbox User",
            userId: `{${FAKE_USER_ID.toUpperCase()}}`,
            isRTL: language.isRTL,
            securityRoles: [],
            dateFormattingInfo: language.dateFormattingInfo,
            numberFormattingInfo: language.numberFormattingInfo,
            getTimeZoneOffsetMinutes: (date?: Date) => -(date ?? new Date()).getTimezoneOffset(),
        },
        formatting: formatting(language.locale),
        client: {
            disableScroll: false,
            getClient: () => "Web",
            // 1 Desktop, 3 Phone.
            getFormFactor: () => (host.narrow ? 3 : 1),
            isOffline: () => false,
            isNetworkAvailable: () => host.networkAvailable(),
        },
        navigation: {
            openForm: (options: ComponentFramework.NavigationApi.EntityFormOptions) => {
                host.report(`Would open the ${options.entityName} form${options.entityId ? ` of ${options.entityId}` : ""}.`);
                return Promise.resolve({ savedEntityReference: [] });
            },
            openUrl: (url: string) => host.report(`Would open ${url}`),
            openWebResource: (name: string) => host.report(`Would open the web resource ${name}`),
            openAlertDialog: (strings: ComponentFramework.NavigationApi.AlertDialogStrings) => {
                host.report(`Alert: ${strings.text}`);
                return Promise.resolve();
            },
            openConfirmDialog: (strings: ComponentFramework.NavigationApi.ConfirmDialogStrings) => {
                host.report(`Confirm: ${strings.text} (confirmed by the sandbox)`);
                return Promise.resolve({ confirmed: true });
            },
            openErrorDialog: (options: ComponentFramework.NavigationApi.ErrorDialogOptions) => {
                host.report(`Error dialog: ${options.message ?? options.details ?? ""}`);
                return Promise.resolve();
            },
            openFile: () => unsupported("navigation.openFile"),
        },
        device: {
            captureAudio: () => unsupported("device.captureAudio"),
            captureImage: () => unsupported("device.captureImage"),
            captureVideo: () => unsupported("device.captureVideo"),
            getBarcodeValue: () => unsupported("device.getBarcodeValue"),
            getCurrentPosition: () => unsupported("device.getCurrentPosition"),
            pickFile: () => unsupported("device.pickFile"),
        },
        factory: {
            requestRender: () => host.requestRender(),
            getPopupService: () => {
                throw new Error("factory.getPopupService is not available in the ImportMonitor sandbox.");
            },
        },
        events: {},
        ...(host.fluentDesignLanguage ? { fluentDesignLanguage: host.fluentDesignLanguage } : {}),
    };
    return context as unknown as SandboxContext;
}
