/**
 * domain/addFiles.ts: the importfile a dropped file is created as (docs/research/add-files.md §3–4), what keeps a
 * draft from being sent, the table a file name suggests, and the draft as the preview sees it.
 */
import {
    baseName,
    draftBlockers,
    draftContent,
    guessTable,
    importFilePayload,
    REFUSE_ABOVE_BYTES,
    sizeKbText,
} from "../../ImportMonitor/domain/addFiles";
import { csvOptionsFor, DataDelimiterCode, FieldDelimiterCode } from "../../ImportMonitor/domain/csv/options";
import { toImportFileContent } from "../../ImportMonitor/dataverse/importFileContent";

const IMPORT_ID = "7c1e4b52-9a3d-4f6e-b8a0-2d5c9e1f6a43";
const MAP_ID = "2c8e5d17-6b3a-4f91-a0d4-7e1b9c3f5a62";
const USER_ID = "5d3f1c7a-2b9e-4f08-a6d1-7c2e9b04f3a8";

import { CONTACTS_CSV, draft } from "../fixtures/drafts";

/**
 * The SystemRequired importfile columns a create has to carry (/work/shared/reference/importfile-table.txt:
 * RequiredLevel SystemRequired). The others marked SystemRequired there are set by the platform, not the caller:
 * importfileid (the key), ownerid/owneridtype (the caller), recordsowneridtype, statecode (IsValidForCreate False),
 * processingstatus, modifiedon and the *name companions of lookups.
 */
const SYSTEM_REQUIRED_SET_BY_CALLER = [
    "content",
    "datadelimitercode",
    "fielddelimitercode",
    "filetypecode",
    "importid@odata.bind",
    "isfirstrowheader",
    "processcode",
    "usesystemmap",
] as const;

describe("importFilePayload", () => {
    it("carries every SystemRequired column the caller sets, with the draft's values", () => {
        const payload = importFilePayload(IMPORT_ID, draft(), USER_ID);
        for (const column of SYSTEM_REQUIRED_SET_BY_CALLER) expect(payload).toHaveProperty([column]);
        expect(payload).toMatchObject({
            content: CONTACTS_CSV,
            filetypecode: 0,
            fielddelimitercode: 4,
            datadelimitercode: 1,
            isfirstrowheader: true,
            processcode: 1,
            "importid@odata.bind": `/imports(${IMPORT_ID})`,
        });
        // No value for a SystemRequired column may be empty (the platform refuses null and "" with RequiredFieldMissing).
        for (const column of SYSTEM_REQUIRED_SET_BY_CALLER) {
            expect(payload[column]).not.toBeNull();
            expect(payload[column]).not.toBe("");
        }
    });

    it("system map: usesystemmap true, no importmapid bind; source entity is the file's base name; name, source and target", () => {
        const payload = importFilePayload(IMPORT_ID, draft({ duplicateDetection: true }, { name: "Contacts 2026.csv" }), null);
        expect(payload.usesystemmap).toBe(true);
        expect(payload).not.toHaveProperty(["importmapid@odata.bind"]);
        expect(payload).toMatchObject({
            name: "Contacts 2026.csv",
            source: "Contacts 2026.csv",
            sourceentityname: "Contacts 2026",
            targetentityname: "contact",
            enableduplicatedetection: true,
        });
    });

    it("a data map: usesystemmap false, the importmaps bind and the map's own sourceentityname", () => {
        const payload = importFilePayload(IMPORT_ID, draft({ mapId: MAP_ID, mapSourceEntity: "Contact_1" }), null);
        expect(payload.usesystemmap).toBe(false);
        expect(payload["importmapid@odata.bind"]).toBe(`/importmaps(${MAP_ID})`);
        expect(payload.sourceentityname).toBe("Contact_1");
        expect(payload.targetentityname).toBe("contact");
    });

    it("the map's sourceentityname is not used with the system map (a stale value left in the settings)", () => {
        const payload = importFilePayload(IMPORT_ID, draft({ mapId: null, mapSourceEntity: "Contact_1" }), null);
        expect(payload.usesystemmap).toBe(true);
        expect(payload.sourceentityname).toBe("contacts");
    });

    it.each([
        [0, "0"],
        [1, "1"],
        [1024, "1"],
        [1025, "2"],
        [5000, "5"],
        [8 * 1024 * 1024, "8192"],
        [8 * 1024 * 1024 + 1, "8193"],
    ])("size of %i bytes is %s (kilobytes, rounded up, as text)", (bytes, kb) => {
        expect(sizeKbText(bytes)).toBe(kb);
        expect(importFilePayload(IMPORT_ID, draft({}, { bytes }), null).size).toBe(kb);
    });

    it("binds the records owner only when an owner is given", () => {
        expect(importFilePayload(IMPORT_ID, draft(), USER_ID)["recordsownerid_systemuser@odata.bind"]).toBe(`/systemusers(${USER_ID})`);
        for (const owner of [null, ""]) {
            const payload = importFilePayload(IMPORT_ID, draft(), owner);
            expect(Object.keys(payload).filter((k) => k.startsWith("recordsownerid"))).toEqual([]);
        }
    });

    it("sends only Web API names the importfile create takes (columns or declared navigation binds)", () => {
        const payload = importFilePayload(IMPORT_ID, draft({ mapId: MAP_ID, mapSourceEntity: "Contact_1" }), USER_ID);
        expect(Object.keys(payload).sort()).toEqual(
            [
                "content",
                "datadelimitercode",
                "enableduplicatedetection",
                "fielddelimitercode",
                "filetypecode",
                "importid@odata.bind",
                "importmapid@odata.bind",
                "isfirstrowheader",
                "name",
                "processcode",
                "recordsownerid_systemuser@odata.bind",
                "size",
                "source",
                "sourceentityname",
                "targetentityname",
                "usesystemmap",
            ].sort(),
        );
    });

    it("the settings, not the detected delimiter, decide what is sent (the maker may have overridden the guess)", () => {
        const payload = importFilePayload(
            IMPORT_ID,
            draft({ fieldDelimiterCode: FieldDelimiterCode.Comma, dataDelimiterCode: DataDelimiterCode.None, isFirstRowHeader: false }),
            null,
        );
        expect(payload).toMatchObject({ fielddelimitercode: 2, datadelimitercode: 2, isfirstrowheader: false });
    });
});

describe("draftBlockers", () => {
    it("a draft with text, a table and a size within the limit can be sent", () => {
        expect(draftBlockers(draft())).toEqual([]);
    });

    it.each([
        ["", "no text"],
        ["  \r\n\t\r\n", "blank lines only"],
    ])("empty: %j (%s)", (text) => {
        expect(draftBlockers(draft({}, { text }))).toEqual(["empty"]);
    });

    it("tooLarge above REFUSE_ABOVE_BYTES, by the dropped size or by the text", () => {
        expect(draftBlockers(draft({}, { bytes: REFUSE_ABOVE_BYTES }))).toEqual([]);
        expect(draftBlockers(draft({}, { bytes: REFUSE_ABOVE_BYTES + 1 }))).toEqual(["tooLarge"]);
        const text = "a".repeat(REFUSE_ABOVE_BYTES + 1);
        expect(draftBlockers(draft({}, { text, bytes: 1000 }))).toEqual(["tooLarge"]);
    });

    it("noTable until a target table is chosen", () => {
        expect(draftBlockers(draft({ targetTable: "" }))).toEqual(["noTable"]);
    });

    it("mapTable when a data map is chosen without its source name for the table (sourceentityname)", () => {
        expect(draftBlockers(draft({ mapId: MAP_ID, mapSourceEntity: null }))).toEqual(["mapTable"]);
        expect(draftBlockers(draft({ mapId: MAP_ID, mapSourceEntity: "" }))).toEqual(["mapTable"]);
        expect(draftBlockers(draft({ mapId: MAP_ID, mapSourceEntity: "Contact_1" }))).toEqual([]);
        // No table yet: that is the reason given.
        expect(draftBlockers(draft({ targetTable: "", mapId: MAP_ID, mapSourceEntity: null }))).toEqual(["noTable"]);
    });

    it.each([
        ["|", ["sepUnsupported"]],
        [";", []],
        [",", []],
        ["\t", []],
        [":", []],
    ])("Excel's sep line naming %j: %j (Dataverse reads colon, comma, tab and semicolon only)", (sepDelimiter, blockers) => {
        expect(draftBlockers(draft({}, { sepDelimiter }))).toEqual(blockers);
    });

    it("reports every reason at once", () => {
        expect(draftBlockers(draft({ targetTable: "" }, { text: "", bytes: REFUSE_ABOVE_BYTES + 1 })).sort()).toEqual(["empty", "noTable", "tooLarge"]);
    });
});

describe("guessTable", () => {
    /** As readImportableTables gives them (the out-of-the-box Marketing List's logical name is "list"). */
    const TABLES = [
        { logicalName: "account", displayName: "Account", collectionName: "Accounts" },
        { logicalName: "contact", displayName: "Contact", collectionName: "Contacts" },
        { logicalName: "lead", displayName: "Lead", collectionName: "Leads" },
        { logicalName: "list", displayName: "Marketing List", collectionName: "Marketing Lists" },
        { logicalName: "new_company", displayName: "Company", collectionName: "Companies" },
    ];

    it.each([
        ["contacts.csv", "contact"],
        ["CONTACTS.CSV", "contact"],
        ["Account list 2026.csv", "account"],
        ["leads.csv", "lead"],
        ["lead.txt", "lead"],
        ["companies.csv", "new_company"],
        ["2026-03 accounts export.csv", "account"],
    ])("%s → %s", (file, table) => {
        expect(guessTable(file, TABLES)).toBe(table);
    });

    it('"companies" reaches a "Company" table through its singular, with no plural label to help', () => {
        expect(guessTable("companies.csv", [{ logicalName: "new_company", displayName: "Company" }])).toBe("new_company");
    });

    it("no match gives \"\"", () => {
        expect(guessTable("export.csv", TABLES)).toBe("");
        expect(guessTable("contacts.csv", [])).toBe("");
    });

    it("an apostrophe-s does not match a table without a plural label", () => {
        const tables = [{ logicalName: "new_thing", displayName: "Thing", collectionName: "" }, ...TABLES];
        expect(guessTable("John's contacts.csv", tables)).toBe("contact");
    });

    it("a custom table's exact logical name matches", () => {
        expect(guessTable("new_proj.csv", [{ logicalName: "new_proj", displayName: "Project", collectionName: "Projects" }])).toBe("new_proj");
    });
});

describe("baseName", () => {
    it.each([
        ["contacts 2026.csv", "contacts 2026"],
        ["contacts.2026.csv", "contacts.2026"],
        ["contacts", "contacts"],
        [".csv", ".csv"],
    ])("%j → %j", (name, base) => {
        expect(baseName(name)).toBe(base);
    });
});

describe("draftContent", () => {
    it("gives the preview the settings' delimiters, header flag and table, and the text", () => {
        const d = draft({ fieldDelimiterCode: FieldDelimiterCode.Tab, dataDelimiterCode: DataDelimiterCode.SingleQuote, isFirstRowHeader: false, targetTable: "lead" });
        const content = draftContent(d);
        expect(content).toEqual({
            content: CONTACTS_CSV,
            fielddelimitercode: 3,
            datadelimitercode: 3,
            isfirstrowheader: false,
            filetypecode: 0,
            headerrow: null,
            usesSystemMap: true,
            sizeKb: 5,
            targetTable: "lead",
        });
        // The preview reads the same CSV dialect, with nothing assumed about the record.
        expect(csvOptionsFor(content)).toMatchObject({ delimiter: "\t", quoteChar: "'", firstRowHeader: false, fileType: 0, findings: [] });
    });

    it("is what the preview would read from the importfile the payload creates", () => {
        for (const settings of [{}, { mapId: MAP_ID, mapSourceEntity: "Contact_1" }]) {
            const d = draft(settings);
            const payload = importFilePayload(IMPORT_ID, d, USER_ID);
            // The stored record as the Web API returns it: the binds become _<lookup>_value, headerrow is null until parse.
            const stored = { ...payload, _importmapid_value: d.settings.mapId, headerrow: null };
            expect(toImportFileContent(stored)).toEqual(draftContent(d));
        }
    });

    it("a data map: the preview does not match headers to display names", () => {
        expect(draftContent(draft({ mapId: MAP_ID })).usesSystemMap).toBe(false);
    });
});
