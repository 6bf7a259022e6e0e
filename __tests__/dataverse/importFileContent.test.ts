import { createImportService } from "../../ImportMonitor/dataverse/importService";
import { DataverseFailure } from "../../ImportMonitor/dataverse/failures";
import { PREVIEW_COLUMNS, parseSizeKb, readImportFileContent, toImportFileContent } from "../../ImportMonitor/dataverse/importFileContent";
import { createFakeDataverse, SEED_LEADS_FILE_ID } from "../../sandbox/dataverse";

describe("readImportFileContent", () => {
    it("reads exactly the preview's columns of one file, in one request, typed", async () => {
        const fake = createFakeDataverse();
        const service = createImportService(fake.ports());
        const file = await readImportFileContent(service, `{${SEED_LEADS_FILE_ID.toUpperCase()}}`);

        const requests = fake.requests.entries("retrieve:importfile");
        expect(requests).toHaveLength(1);
        expect(requests[0].id).toBe(SEED_LEADS_FILE_ID);
        expect(requests[0].options).toBe(
            "?$select=content,fielddelimitercode,datadelimitercode,isfirstrowheader,filetypecode,size,headerrow,usesystemmap,_importmapid_value,targetentityname",
        );
        expect(PREVIEW_COLUMNS).toHaveLength(10);

        expect(file.content?.startsWith("Topic;First Name;Last Name")).toBe(true);
        expect(file).toMatchObject({
            fielddelimitercode: 2,
            datadelimitercode: 1,
            isfirstrowheader: true,
            filetypecode: 0,
            headerrow: null,
            usesSystemMap: true,
            sizeKb: 2,
            targetTable: "lead",
        });
    });

    it("rejects with a typed failure the UI can explain", async () => {
        const fake = createFakeDataverse();
        fake.faults.failNext("privilege", { match: "retrieve:importfile" });
        const service = createImportService(fake.ports());
        const error = await readImportFileContent(service, SEED_LEADS_FILE_ID).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(DataverseFailure);
        expect(error).toMatchObject({ kind: "privilege", privilege: "prvReadImportFile" });

        fake.faults.failNext({ kind: "offline", shape: "typeError" });
        await expect(readImportFileContent(service, SEED_LEADS_FILE_ID)).rejects.toMatchObject({ kind: "offline" });

        await expect(readImportFileContent(service, "00000000-0000-0000-0000-000000000001")).rejects.toMatchObject({ kind: "notFound" });
    });

    it("uses the system map when usesystemmap is true or there is no import map", () => {
        expect(toImportFileContent({ usesystemmap: false, _importmapid_value: "ABC" })).toMatchObject({ usesSystemMap: false });
        expect(toImportFileContent({ usesystemmap: false, _importmapid_value: null })).toMatchObject({ usesSystemMap: true });
        expect(toImportFileContent({ usesystemmap: true, _importmapid_value: "abc" }).usesSystemMap).toBe(true);
    });

    it("keeps empty columns empty rather than guessing", () => {
        expect(toImportFileContent({})).toEqual({
            content: null,
            fielddelimitercode: null,
            datadelimitercode: null,
            isfirstrowheader: null,
            filetypecode: null,
            headerrow: null,
            usesSystemMap: true,
            sizeKb: null,
            targetTable: "",
        });
    });

    it.each([
        ["12", 12],
        [" 8192 ", 8192],
        ["1,024", 1024],
        [3, 3],
        ["", null],
        [null, null],
        ["n/a", null],
        [-1, null],
    ])("parses the size %p as %p KB", (value, kb) => {
        expect(parseSizeKb(value)).toBe(kb);
    });
});
