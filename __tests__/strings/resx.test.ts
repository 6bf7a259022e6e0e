import * as fs from "fs";
import * as path from "path";
import { readResx } from "../pcf/resx";
import { DATA_DELIMITER_CODES, FIELD_DELIMITER_CODES, FILE_TYPE_CODES } from "../../ImportMonitor/components/previewText";
import { IMPORT_PASSES, STAGE_ORDER, TRANSFORM_PASSES } from "../../ImportMonitor/domain/processingSteps";
import { FindingKeys, SYNTHETIC_HEADER_KEY } from "../../ImportMonitor/domain/csv";

const root = path.join(__dirname, "..", "..", "ImportMonitor");

function sourceFiles(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        const full = path.join(dir, e.name);
        if (e.isDirectory()) return e.name === "generated" ? [] : sourceFiles(full);
        return /\.(ts|tsx)$/.test(e.name) ? [full] : [];
    });
}

describe("strings", () => {
    const strings = readResx();

    it("has every key the views ask for with a literal", () => {
        const used = new Set<string>();
        for (const file of sourceFiles(path.join(root, "components"))) {
            const text = fs.readFileSync(file, "utf8");
            for (const m of text.matchAll(/\bt\(\s*"([A-Za-z0-9_.]+)"/g)) used.add(m[1]);
            for (const m of text.matchAll(/nameKey: "([A-Za-z0-9_]+)"/g)) used.add(m[1]);
        }
        expect(used.size).toBeGreaterThan(20);
        expect([...used].filter((k) => !strings.has(k))).toEqual([]);
    });

    it("has a label for every stage, pass, state and status reason", () => {
        const keys = [
            ...STAGE_ORDER.map((s) => `Stage_${s}`),
            ...[...TRANSFORM_PASSES, ...IMPORT_PASSES].map((p) => `Pass_${p}`),
            ...["pending", "active", "done", "failed"].map((s) => `State_${s}`),
            ...[0, 1, 2, 3, 4, 5].map((c) => `StatusCode_${c}`),
        ];
        expect(keys.filter((k) => !strings.has(k))).toEqual([]);
    });

    it("names the manifest's keys", () => {
        const manifest = fs.readFileSync(path.join(root, "ControlManifest.Input.xml"), "utf8");
        const keys = [...manifest.matchAll(/-key="([^"]+)"/g)].map((m) => m[1]);
        expect(keys.length).toBeGreaterThan(0);
        expect(keys.filter((k) => !strings.has(k))).toEqual([]);
    });

    it("has every CSV finding key of STRINGS.txt, with the same text", () => {
        const lines = fs
            .readFileSync(path.join(root, "domain", "csv", "STRINGS.txt"), "utf8")
            .split("\n")
            .filter((l) => l !== "");
        const entries = lines.map((l) => l.split("\t") as [string, string]);
        expect(entries.map(([k]) => k).sort()).toEqual([...Object.values(FindingKeys), SYNTHETIC_HEADER_KEY].sort());
        expect(entries.filter(([k, text]) => strings.get(k) !== text).map(([k]) => k)).toEqual([]);
    });

    it("names every field delimiter, data delimiter and file type code the preview shows", () => {
        const keys = [
            ...FIELD_DELIMITER_CODES.map((c) => `Delimiter_${c}`),
            ...DATA_DELIMITER_CODES.map((c) => `DataDelimiter_${c}`),
            ...FILE_TYPE_CODES.map((c) => `Preview_FileType_${c}`),
        ];
        expect(keys.filter((k) => !strings.has(k))).toEqual([]);
        expect(strings.get("Delimiter_4")).toBe("semicolon (;)");
    });

    it("defines each key once", () => {
        const xml = fs.readFileSync(path.join(root, "strings", "ImportMonitor.1033.resx"), "utf8");
        const names = [...xml.matchAll(/<data name="([^"]+)"/g)].map((m) => m[1]);
        expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
        expect(names.length).toBe(strings.size);
    });
});
