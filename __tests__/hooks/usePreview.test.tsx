import * as React from "react";
import { act, render, waitFor } from "@testing-library/react";
import { createImportService } from "../../ImportMonitor/dataverse/importService";
import { withCsvLibrary } from "../pcf/csvLibrary";
import type { ImportService } from "../../ImportMonitor/dataverse/importService";
import type { ImportFileRow } from "../../ImportMonitor/domain/importFile";
import { PreviewCache } from "../../ImportMonitor/hooks/previewCache";
import { CONFIRM_ABOVE_KB, usePreview } from "../../ImportMonitor/hooks/usePreview";
import type { PreviewController, PreviewState, UsePreviewOptions } from "../../ImportMonitor/hooks/usePreview";
import { createFakeDataverse, SEED_CONTACTS_FILE_ID, SEED_LEADS_FILE_ID } from "../../sandbox/dataverse";
import type { FakeDataverse } from "../../sandbox/dataverse";
import { addFile, contactsCsv, gatedYield, rowOf, trackUnhandledRejections } from "./previewFixtures";

type Ready = Extract<PreviewState, { phase: "ready" }>;

function renderPreview(file: ImportFileRow | null, service: ImportService, options: UsePreviewOptions) {
    const seen: PreviewController[] = [];
    function Harness(props: { file: ImportFileRow | null }): null {
        seen.push(usePreview(props.file, service, options));
        return null;
    }
    const view = render(<Harness file={file} />);
    return {
        ...view,
        latest: () => seen[seen.length - 1],
        setFile: (next: ImportFileRow | null) => view.rerender(<Harness file={next} />),
    };
}

async function ready(latest: () => PreviewController, done?: (s: Ready) => boolean): Promise<Ready> {
    await waitFor(() => {
        const s = latest().state;
        expect(s.phase).toBe("ready");
        if (done) expect(done(s as Ready)).toBe(true);
    });
    return latest().state as Ready;
}

describe("usePreview", () => {
    let fake: FakeDataverse;
    let service: ImportService;
    let cache: PreviewCache;
    let errors: jest.SpyInstance;
    let rejections: ReturnType<typeof trackUnhandledRejections>;

    beforeEach(() => {
        fake = createFakeDataverse();
        service = createImportService(withCsvLibrary(fake.ports()));
        cache = new PreviewCache();
        errors = jest.spyOn(console, "error");
        rejections = trackUnhandledRejections();
    });

    afterEach(async () => {
        await new Promise((resolve) => setTimeout(resolve, 0));
        rejections.stop();
        fake.dispose();
        // No "state update on an unmounted component" nor any other React error. (React 16 also warns about
        // updates that land between two awaited steps of a test, outside act(): those say nothing about the code.)
        expect(errors.mock.calls.filter((args: unknown[]) => !String(args[0]).includes("not wrapped in act("))).toEqual([]);
        errors.mockRestore();
        expect(rejections.list).toEqual([]);
    });

    it("does nothing while closed", () => {
        const { latest } = renderPreview(null, service, { cache });
        expect(latest().state).toEqual({ phase: "closed" });
        expect(fake.requests.count()).toBe(0);
    });

    it("fetches once, previews at once, scans every row and maps the headers against the table's full definition", async () => {
        const { latest } = renderPreview(rowOf(fake, SEED_LEADS_FILE_ID), service, { cache });
        expect(latest().state.phase).toBe("loading");
        expect(latest().sizeKb).toBe(2);

        const s = await ready(latest, (r) => r.scan.status === "done" && r.mapping.status === "ready");
        expect(fake.requests.count("retrieve:importfile")).toBe(1);
        // leads.csv's "Fabrikam, Inc." gives some rows two fields with a comma: ragged, not one column.
        expect(s.preview.findings.map((f) => f.key)).toContain("csv.delimiter.mismatchRagged");
        expect(s.scan).toMatchObject({ status: "done", result: { rowCount: 12, cancelled: false } });
        expect(s.mapping).toMatchObject({ status: "ready", table: "lead", complete: true });
        expect(fake.requests.count("getJson:*")).toBe(13);
        if (s.mapping.status !== "ready") throw new Error("mapping");
        // The file reads as one column (it is semicolon-delimited but says comma): one header, unmatched.
        expect(s.mapping.mappings).toHaveLength(1);
        expect(s.mapping.mappings[0].column).toBeNull();
    });

    it("maps each header under the system map from getEntityMetadata where the org's Web API is not available: only guessed columns, so 'incomplete'", async () => {
        const id = addFile(fake, "mapped", { content: "First Name,Shoe Size\r\nAda,42\r\n" });
        const all = { Attributes: [{ LogicalName: "firstname", DisplayName: "First Name" }, { LogicalName: "lastname", DisplayName: "Last Name" }] };
        // A host without the org's Web API whose getEntityMetadata lists every attribute (an array).
        const svc = createImportService({ ...withCsvLibrary(fake.ports({ getJson: false })), getEntityMetadata: () => Promise.resolve(all) });
        const { latest } = renderPreview(rowOf(fake, id), svc, { cache });
        const s = await ready(latest, (r) => r.mapping.status === "ready");
        expect(s.mapping).toMatchObject({
            status: "ready",
            complete: false,
            mappings: [
                { header: "First Name", column: { logicalName: "firstname" } },
                { header: "Shoe Size", column: null, candidates: [] },
            ],
        });
    });

    it("does not map when the file uses a data map, or has no header row", async () => {
        const mapped = addFile(fake, "datamap", { content: "A,B\r\n1,2\r\n", usesystemmap: false });
        const noHeader = addFile(fake, "noheader", { content: "1,2\r\n3,4\r\n", isfirstrowheader: false });
        const first = renderPreview(rowOf(fake, mapped), service, { cache });
        expect((await ready(first.latest)).mapping).toEqual({ status: "notApplicable", reason: "dataMap" });
        const second = renderPreview(rowOf(fake, noHeader), service, { cache });
        expect((await ready(second.latest)).mapping).toEqual({ status: "notApplicable", reason: "noHeaderRow" });
        expect(fake.requests.count("metadata:*") + fake.requests.count("getJson:*")).toBe(0);
    });

    it("turns a metadata failure into a mapping message, keeps the preview, and can retry", async () => {
        fake.faults.failNext("offline", { match: "getJson:*" });
        const { latest } = renderPreview(rowOf(fake, SEED_CONTACTS_FILE_ID), service, { cache });
        const s = await ready(latest, (r) => r.mapping.status === "failed");
        expect(s.mapping).toMatchObject({ status: "failed", failure: { kind: "offline" } });
        expect(s.preview.rows.length).toBeGreaterThan(0);
        act(() => latest().retryMapping());
        const again = await ready(latest, (r) => r.mapping.status === "ready");
        if (again.mapping.status !== "ready") throw new Error("mapping");
        expect(again.mapping.mappings.find((m) => m.header === "First Name")?.column?.logicalName).toBe("firstname");
    });

    it(`asks before downloading a file above ${CONFIRM_ABOVE_KB} KB and fetches only once confirmed`, async () => {
        const { latest } = renderPreview(rowOf(fake, SEED_LEADS_FILE_ID, { sizeKb: "9000" }), service, { cache });
        await waitFor(() => expect(latest().state).toEqual({ phase: "confirm", sizeKb: 9000 }));
        expect(fake.requests.count("retrieve:importfile")).toBe(0);
        act(() => latest().confirm());
        await ready(latest);
        expect(fake.requests.count("retrieve:importfile")).toBe(1);
    });

    it("does not ask at exactly the threshold", async () => {
        const { latest } = renderPreview(rowOf(fake, SEED_LEADS_FILE_ID, { sizeKb: String(CONFIRM_ABOVE_KB) }), service, { cache });
        await ready(latest);
    });

    it("serves a second open of the same file and modifiedOn from the cache, and fetches again when modifiedOn changed", async () => {
        const row = rowOf(fake, SEED_LEADS_FILE_ID);
        const view = renderPreview(row, service, { cache });
        await ready(view.latest, (r) => r.scan.status === "done" && r.mapping.status === "ready");
        const mark = fake.requests.mark();

        view.setFile(null);
        view.setFile({ ...row });
        const cached = await ready(view.latest);
        expect(cached.scan.status).toBe("done");
        expect(cached.mapping.status).toBe("ready");
        expect(fake.requests.count(undefined, mark)).toBe(0);

        view.setFile({ ...row, modifiedOn: new Date("2026-01-01T00:00:00Z") });
        await ready(view.latest, () => fake.requests.count("retrieve:importfile", mark) === 1);
    });

    it("shows a failure and fetches again on retry", async () => {
        fake.faults.failNext("privilege", { match: "retrieve:importfile" });
        const { latest } = renderPreview(rowOf(fake, SEED_LEADS_FILE_ID), service, { cache });
        await waitFor(() => expect(latest().state).toMatchObject({ phase: "failed", failure: { kind: "privilege", privilege: "prvReadImportFile" } }));
        act(() => latest().retry());
        await ready(latest);
        expect(fake.requests.count("retrieve:importfile")).toBe(2);
    });

    it("reports scan progress, can cancel the scan, and can run it again", async () => {
        const id = addFile(fake, "big", { content: contactsCsv(400) });
        const gate = gatedYield();
        const { latest } = renderPreview(rowOf(fake, id), service, { cache, scan: { yieldToHost: gate.yieldToHost, sliceChars: 512, sliceBudgetMs: 0 } });
        await waitFor(() => expect(gate.waiting()).toBe(1));
        await act(async () => {
            gate.release();
            await new Promise((resolve) => setTimeout(resolve, 0));
        });
        const running = latest().state as Ready;
        expect(running.scan.status).toBe("running");
        const fraction = running.scan.status === "running" ? running.scan.fraction : 0;
        expect(fraction).toBeGreaterThan(0);
        expect(fraction).toBeLessThan(1);

        act(() => latest().cancelScan());
        await act(async () => {
            gate.release();
            await new Promise((resolve) => setTimeout(resolve, 0));
        });
        expect((latest().state as Ready).scan).toEqual({ status: "cancelled", fraction });

        gate.releaseAll();
        act(() => latest().restartScan());
        const done = await ready(latest, (r) => r.scan.status === "done");
        expect(done.scan).toMatchObject({ result: { rowCount: 400 } });
    });

    /** Contacts with `rows` data rows; `empty` lists the lines whose Last Name (required for contact) is empty. */
    function contactsWithEmpty(rows: number, empty: number[]): string {
        const lines = ["First Name,Last Name,Email"];
        for (let line = 2; line <= rows + 1; line++) lines.push(`Ada${line},${empty.includes(line) ? "" : `Lovelace${line}`},ada${line}@example.com`);
        return lines.join("\r\n") + "\r\n";
    }

    it("checks every row's values in the full scan: a bad value on line 40 that the preview's 20 rows don't show", async () => {
        const id = addFile(fake, "values", { content: contactsWithEmpty(50, [40]) });
        const { latest } = renderPreview(rowOf(fake, id), service, { cache });
        const s = await ready(latest, (r) => r.scan.status === "done" && r.mapping.status === "ready");
        if (s.mapping.status !== "ready" || s.scan.status !== "done") throw new Error("not done");
        expect(s.preview.rows).toHaveLength(20);
        expect(s.mapping.values.findings).toEqual([]);
        const values = s.scan.result.values!;
        expect(values.rows).toBe(50);
        expect(values.findings).toEqual([expect.objectContaining({ kind: "requiredEmpty", header: "Last Name", count: 1, firstLine: 40, lines: [40] })]);
        expect(values.columns.find((c) => c.header === "Last Name")).toMatchObject({ valid: 49, error: 1, empty: 0 });
        // Kept with the scan: reopened, no request and the same summary.
        expect(cache.get(id, rowOf(fake, id).modifiedOn!.getTime())?.scan?.values).toEqual(values);
    });

    it("starts the full scan once the columns are read, can cancel it while it waits, and checks the values when run again", async () => {
        const slow = fake.faults.slow(300, "getJson:*");
        const id = addFile(fake, "waits", { content: contactsWithEmpty(30, [25]) });
        const gate = gatedYield();
        const { latest } = renderPreview(rowOf(fake, id), service, { cache, scan: { yieldToHost: gate.yieldToHost, sliceChars: 512, sliceBudgetMs: 0 } });
        const waiting = await ready(latest);
        expect(waiting.mapping.status).toBe("loading");
        expect(waiting.scan).toEqual({ status: "running", fraction: 0 });
        await new Promise((resolve) => setTimeout(resolve, 50));
        // Nothing scanned yet: the scan has not yielded once.
        expect(gate.waiting()).toBe(0);
        act(() => latest().cancelScan());
        await ready(latest, (r) => r.scan.status === "cancelled");
        expect((latest().state as Ready).scan).toEqual({ status: "cancelled", fraction: 0 });
        await ready(latest, (r) => r.mapping.status === "ready");
        // The columns arrived after the cancel: the scan stays cancelled.
        expect((latest().state as Ready).scan.status).toBe("cancelled");
        slow.remove();

        gate.releaseAll();
        act(() => latest().restartScan());
        const done = await ready(latest, (r) => r.scan.status === "done");
        if (done.scan.status !== "done") throw new Error("not done");
        expect(done.scan.result.values?.findings.map((f) => [f.kind, f.firstLine])).toEqual([["requiredEmpty", 25]]);
    });

    it("scans without the values when the columns can't be read, and again with them once they are", async () => {
        fake.faults.failNext("offline", { match: "getJson:*" });
        const id = addFile(fake, "retry", { content: contactsWithEmpty(30, [25]) });
        const { latest } = renderPreview(rowOf(fake, id), service, { cache });
        const failed = await ready(latest, (r) => r.mapping.status === "failed" && r.scan.status === "done");
        if (failed.scan.status !== "done") throw new Error("not done");
        expect(failed.scan.result.rowCount).toBe(30);
        expect(failed.scan.result.values).toBeUndefined();

        act(() => latest().retryMapping());
        const again = await ready(latest, (r) => r.mapping.status === "ready" && r.scan.status === "done" && r.scan.result.values !== undefined);
        if (again.scan.status !== "done") throw new Error("not done");
        expect(again.scan.result.values?.findings.map((f) => [f.kind, f.firstLine])).toEqual([["requiredEmpty", 25]]);
    });

    it("abandons the download and the scan on close and on unmount, without state updates afterwards", async () => {
        fake.setLatencyMs(30);
        const first = renderPreview(rowOf(fake, SEED_LEADS_FILE_ID), service, { cache });
        expect(first.latest().state.phase).toBe("loading");
        first.unmount();

        const gate = gatedYield();
        const id = addFile(fake, "big2", { content: contactsCsv(300) });
        const second = renderPreview(rowOf(fake, id), service, { cache, scan: { yieldToHost: gate.yieldToHost, sliceChars: 512, sliceBudgetMs: 0 } });
        await waitFor(() => expect(gate.waiting()).toBe(1));
        second.setFile(null);
        expect(second.latest().state).toEqual({ phase: "closed" });
        gate.releaseAll();
        await new Promise((resolve) => setTimeout(resolve, 60));
        expect(second.latest().state).toEqual({ phase: "closed" });
        second.unmount();
    });
});
