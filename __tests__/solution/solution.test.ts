/**
 * @jest-environment node
 */
/**
 * The solution zips (npm run solution, solution/build.mjs), unzipped and checked part by part against the
 * documented structure (docs/solution.md), against four public pac-built solutions of one code component and
 * against one platform-exported solution of several (fixtures/solution/reference-pac-solutions.json); the two
 * controls (ImportMonitor and the CSV library component ImportMonitorCsv) and the prefix rule their dependency
 * imposes; the one-version rule (package.json = both manifests = the packaged library = solution), `npm version`
 * stamping, and the release checks.
 *
 * The zips are packed from the real production build in out/controls/ImportMonitor and out/controls/ImportMonitorCsv
 * when both are there and of the current version (CI builds them before the tests), and always from fixture controls
 * made from the ControlManifest.Input.xml files, so the suite also runs on a clean checkout.
 */
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, posix } from "node:path";
import { DOMParser } from "@xmldom/xmldom";
import JSZip from "jszip";

jest.setTimeout(60_000);

const ROOT = join(__dirname, "..", "..");
const SOLUTION_DIR = join(ROOT, "solution");
const SOURCE_MANIFEST = join(ROOT, "ImportMonitor", "ControlManifest.Input.xml");
const CSV_SOURCE_MANIFEST = join(ROOT, "ImportMonitorCsv", "ControlManifest.Input.xml");
const BUILT_CONTROLS = join(ROOT, "out", "controls");
/** Where the control's code keeps the name it passes to context.utils.loadDependency (solution/lib.mjs, DEPENDENCY_NAMES_IN_CODE). */
const DEPENDENCY_NAME_SOURCE = join(ROOT, "ImportMonitor", "dataverse", "csvLibrary.ts");
const BOM = "\uFEFF";
const FIXED_EPOCH = "1767225600"; // 2026-01-01T00:00:00Z: both zips of a run get identical timestamps

interface PackageJson {
    version: string;
    scripts: Record<string, string>;
}
const packageJson = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as PackageJson;
const VERSION = packageJson.version;

interface Reference {
    source: { repository: string; commit: string; path: string; url: string };
    entries: string[];
    byteOrderMark: Record<string, boolean>;
    crlf: Record<string, boolean>;
    solutionXml: {
        rootAttributes: Record<string, string>;
        elementPaths: string[];
        managed: string;
        customizationPrefix: string;
        rootComponent: Record<string, string>;
    };
    customizationsXml: { rootAttributes: Record<string, string>; elementPaths: string[]; customControl: { Name: string; FileName: string } };
    contentTypesXml: { defaults: Record<string, string>[]; overrides: Record<string, string>[] };
    controlManifest: { entry: string; namespace: string; constructor: string };
}
/** The platform-exported solution with several code components (not pac-built). */
interface MultiControlReference {
    source: { repository: string; commit: string; path: string; url: string };
    entries: string[];
    solutionXml: { managed: string; customizationPrefix: string; rootComponents: Record<string, string>[] };
    customizationsXml: { customControls: { Name: string; FileName: string }[]; languages: string[] };
    contentTypesXml: { defaults: Record<string, string>[]; overrides: Record<string, string>[] };
    controlManifests: { entry: string; namespace: string; constructor: string }[];
}
const REFERENCE_FILE = JSON.parse(readFileSync(join(__dirname, "..", "fixtures", "solution", "reference-pac-solutions.json"), "utf8")) as {
    references: Reference[];
    multiControlReference: MultiControlReference;
};
const REFERENCES = REFERENCE_FILE.references;
const MULTI = REFERENCE_FILE.multiControlReference;

// ------------------------------------------------------------------ helpers

type XmlElement = ReturnType<DOMParser["parseFromString"]>["documentElement"] & object;

function parseXml(text: string): XmlElement {
    const doc = new DOMParser({
        onError: (level: string, message: string) => {
            if (level !== "warning") throw new Error(message);
        },
    }).parseFromString(text.replace(/^\uFEFF/, ""), "text/xml");
    return doc.documentElement!;
}
function children(element: XmlElement): XmlElement[] {
    const out: XmlElement[] = [];
    for (let node = element.firstChild; node; node = node.nextSibling) if (node.nodeType === 1) out.push(node as XmlElement);
    return out;
}
function elementPaths(root: XmlElement): string[] {
    const out: string[] = [];
    const walk = (element: XmlElement, prefix: string) => {
        const path = prefix ? `${prefix}/${element.nodeName}` : element.nodeName;
        if (!out.includes(path)) out.push(path);
        children(element).forEach((child) => walk(child, path));
    };
    walk(root, "");
    return out;
}
function attributes(element: XmlElement): Record<string, string> {
    const out: Record<string, string> = {};
    for (let i = 0; i < element.attributes.length; i++) {
        const attribute = element.attributes.item(i)!;
        out[attribute.name] = attribute.value;
    }
    return out;
}
function all(root: XmlElement, tag: string): XmlElement[] {
    const list = root.getElementsByTagName(tag);
    return Array.from({ length: list.length }, (_, i) => list.item(i)!);
}
function one(root: XmlElement, tag: string): XmlElement {
    const found = all(root, tag);
    expect(found).toHaveLength(1);
    return found[0];
}
const text = (root: XmlElement, tag: string) => one(root, tag).textContent;
/** The solution's own <Version>, not the publisher's or anything else named Version. */
const solutionManifestChild = (solution: XmlElement, tag: string) =>
    children(one(solution, "SolutionManifest")).find((element) => element.nodeName === tag)!.textContent;

/** Ordinal (UTF-16 code unit) comparison, as SolutionPackager sorts. */
const ordinal = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
/**
 * The entry order documented in docs/solution.md: customizations.xml, solution.xml, every control's manifest (by
 * control name), every other control file (by entry name), [Content_Types].xml last.
 */
function entryOrder(names: string[]): string[] {
    const manifests = names.filter((n) => /^Controls\/[^/]+\/ControlManifest\.xml$/.test(n)).sort(ordinal);
    const others = names.filter((n) => n.startsWith("Controls/") && !manifests.includes(n)).sort(ordinal);
    return ["customizations.xml", "solution.xml", ...manifests, ...others, "[Content_Types].xml"];
}

interface Unzipped {
    names: string[];
    directories: string[];
    bytes: Record<string, Buffer>;
    text: (name: string) => string;
}
async function unzip(path: string): Promise<Unzipped> {
    const zip = await JSZip.loadAsync(readFileSync(path));
    const names: string[] = [];
    const directories: string[] = [];
    const bytes: Record<string, Buffer> = {};
    for (const [name, entry] of Object.entries(zip.files)) {
        if (entry.dir) {
            directories.push(name);
            continue;
        }
        names.push(name);
        bytes[name] = await entry.async("nodebuffer");
    }
    return { names, directories, bytes, text: (name) => bytes[name].toString("utf8") };
}

function run(script: string, args: string[], env: Record<string, string> = {}, cwd = ROOT): SpawnSyncReturns<string> {
    return spawnSync(process.execPath, [join(SOLUTION_DIR, script), ...args], {
        cwd,
        encoding: "utf8",
        env: { ...process.env, SOURCE_DATE_EPOCH: FIXED_EPOCH, ...env },
    });
}

const temporaryDirectories: string[] = [];
function temporaryDirectory(): string {
    const dir = mkdtempSync(join(tmpdir(), "importmonitor-solution-"));
    temporaryDirectories.push(dir);
    return dir;
}
afterAll(() => temporaryDirectories.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const LIBRARY_PATH = "libs/importMonitorCsv.js";
/** Not ASCII, so a re-encoded copy would differ. */
const FIXTURE_LIBRARY = '/*! fixture library, licence notice kept: café */\nvar ImportMonitorCsvLibrary={apiVersion:1};\n';

interface FixtureOptions {
    version?: string;
    csvVersion?: string;
    libraryVersion?: string;
    bundle?: string;
    extraResx?: boolean;
    /** The publisher prefix in ImportMonitor's <dependency name> (as if both places had been changed and rebuilt). */
    dependencyPrefix?: string;
    dependencyName?: string;
    withoutLibrary?: boolean;
    withoutCsvControl?: boolean;
}
const setVersion = (manifest: string, tag: string, version: string) =>
    manifest.replace(new RegExp(`(<${tag}\\b[^>]*\\sversion=")[^"]*(")`), `$1${version}$2`);

/**
 * Built controls like pcf-scripts writes them, in one folder (like out/controls): ImportMonitor and ImportMonitorCsv,
 * each made from its source manifest (code path → bundle.js), the library's packaged_library copied as is.
 */
function fixtureControls(options: FixtureOptions = {}): string {
    const controls = join(temporaryDirectory(), "controls");
    const dir = join(controls, "ImportMonitor");
    mkdirSync(join(dir, "strings"), { recursive: true });
    let manifest = readFileSync(SOURCE_MANIFEST, "utf8").replace(/(<code\s+path=")[^"]*(")/, "$1bundle.js$2");
    if (options.version) manifest = setVersion(manifest, "control", options.version);
    if (options.extraResx) manifest = manifest.replace("</resources>", '  <resx path="strings/ImportMonitor.1043.resx" version="1.0.0" />\n    </resources>');
    if (options.dependencyPrefix) manifest = manifest.replace(/(<dependency\b[^>]*\sname=")[a-z0-9]+_/, `$1${options.dependencyPrefix}_`);
    if (options.dependencyName) manifest = manifest.replace(/(<dependency\b[^>]*\sname=")[^"]*(")/, `$1${options.dependencyName}$2`);
    writeFileSync(join(dir, "ControlManifest.xml"), manifest);
    writeFileSync(join(dir, "bundle.js"), options.bundle ?? "/*! For license information please see bundle.js.LICENSE.txt */\nvar fixture = 1;\n");
    writeFileSync(join(dir, "bundle.js.LICENSE.txt"), "/*! fixture licence notice */\n");
    writeFileSync(join(dir, "stale.css"), "/* not in the manifest: must not be packed */\n");
    for (const [, resx] of readFileSync(SOURCE_MANIFEST, "utf8").matchAll(/<resx\s+path="([^"]+)"/g)) {
        copyFileSync(join(ROOT, "ImportMonitor", resx), join(dir, resx));
    }

    if (options.withoutCsvControl) return controls;
    const csv = join(controls, "ImportMonitorCsv");
    mkdirSync(join(csv, "libs"), { recursive: true });
    let csvManifest = readFileSync(CSV_SOURCE_MANIFEST, "utf8").replace(/(<code\s+path=")[^"]*(")/, "$1bundle.js$2");
    if (options.csvVersion) csvManifest = setVersion(csvManifest, "control", options.csvVersion);
    if (options.libraryVersion) csvManifest = setVersion(csvManifest, "packaged_library", options.libraryVersion);
    writeFileSync(join(csv, "ControlManifest.xml"), csvManifest);
    writeFileSync(join(csv, "bundle.js"), "var stub = 1;\n");
    if (!options.withoutLibrary) writeFileSync(join(csv, LIBRARY_PATH), FIXTURE_LIBRARY);
    writeFileSync(join(csv, "libs", "importMonitorCsv.old.js"), "/* not in the manifest: must not be packed */\n");
    return controls;
}

function builtControlsAreCurrent(): boolean {
    return ["ImportMonitor", "ImportMonitorCsv"].every((folder) => {
        const manifest = join(BUILT_CONTROLS, folder, "ControlManifest.xml");
        if (!existsSync(manifest)) return false;
        return parseXml(readFileSync(manifest, "utf8")).getElementsByTagName("control").item(0)?.getAttribute("version") === VERSION;
    });
}

interface Packed {
    controlsDir: string;
    outDir: string;
    result: SpawnSyncReturns<string>;
    unmanaged: Unzipped;
    managed: Unzipped;
}
async function pack(controlsDir: string, args: string[] = [], env: Record<string, string> = {}): Promise<Packed> {
    const outDir = join(temporaryDirectory(), "dist");
    const result = run("build.mjs", ["--controls-dir", controlsDir, "--out-dir", outDir, "--allow-development-build", ...args], env);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    return {
        controlsDir,
        outDir,
        result,
        unmanaged: await unzip(join(outDir, `ImportMonitor_${VERSION}.zip`)),
        managed: await unzip(join(outDir, `ImportMonitor_${VERSION}_managed.zip`)),
    };
}

const sourceManifest = parseXml(readFileSync(SOURCE_MANIFEST, "utf8"));
const NAMESPACE = one(sourceManifest, "control").getAttribute("namespace")!;
const CONSTRUCTOR = one(sourceManifest, "control").getAttribute("constructor")!;
const CONTROL_NAME = `imon_${NAMESPACE}.${CONSTRUCTOR}`;
const FOLDER = `Controls/${CONTROL_NAME}`;
const MANIFEST_ENTRY = `${FOLDER}/ControlManifest.xml`;
const csvSourceManifest = parseXml(readFileSync(CSV_SOURCE_MANIFEST, "utf8"));
const CSV_CONSTRUCTOR = one(csvSourceManifest, "control").getAttribute("constructor")!;
const CSV_NAME = `imon_${one(csvSourceManifest, "control").getAttribute("namespace")!}.${CSV_CONSTRUCTOR}`;
const CSV_FOLDER = `Controls/${CSV_NAME}`;
const CSV_MANIFEST_ENTRY = `${CSV_FOLDER}/ControlManifest.xml`;
const LIBRARY_ENTRY = `${CSV_FOLDER}/${LIBRARY_PATH}`;
/** Each control: its folder in the zip and in the build. */
const CONTROLS = [
    { folder: FOLDER, manifestEntry: MANIFEST_ENTRY, built: "ImportMonitor" },
    { folder: CSV_FOLDER, manifestEntry: CSV_MANIFEST_ENTRY, built: "ImportMonitorCsv" },
];

// ------------------------------------------------------------------ the references themselves

describe("the public pac-built references (fixtures/solution/reference-pac-solutions.json)", () => {
    it("are four zips of code components, unmanaged and managed, each with its source", () => {
        expect(REFERENCES).toHaveLength(4);
        expect(REFERENCES.map((r) => r.solutionXml.managed).sort()).toEqual(["0", "1", "1", "1"]);
        for (const reference of REFERENCES) expect(reference.source.url).toMatch(/^https:\/\/github\.com\/[^/]+\/[^/]+\/blob\/[0-9a-f]{40}\/.+\.zip$/);
    });

    it("agree with each other on the layout this packer copies", () => {
        for (const reference of REFERENCES) {
            const folder = `${reference.solutionXml.customizationPrefix}_${reference.controlManifest.namespace}.${reference.controlManifest.constructor}`;
            // The publisher prefix is in the solution's names only; the packed manifest keeps its own namespace.
            expect(reference.solutionXml.rootComponent).toEqual({ type: "66", schemaName: folder, behavior: "0" });
            expect(reference.customizationsXml.customControl).toEqual({ Name: folder, FileName: `/Controls/${folder}/ControlManifest.xml` });
            expect(reference.controlManifest.entry).toBe(`Controls/${folder}/ControlManifest.xml`);
            expect(reference.entries.slice(0, 3)).toEqual(["customizations.xml", "solution.xml", reference.controlManifest.entry]);
            expect(reference.entries[reference.entries.length - 1]).toBe("[Content_Types].xml");
            expect(reference.solutionXml.elementPaths).toEqual(REFERENCES[0].solutionXml.elementPaths);
            expect(reference.customizationsXml.elementPaths).toEqual(REFERENCES[0].customizationsXml.elementPaths);
            expect(reference.contentTypesXml.overrides).toEqual([{ PartName: `/${reference.controlManifest.entry}`, ContentType: "application/octet-stream" }]);
            expect(entryOrder([...reference.entries].reverse())).toEqual(reference.entries);
        }
    });
});

describe("the platform-exported reference with several code components (multiControlReference)", () => {
    it("is a zip at a commit, with eight controls", () => {
        expect(MULTI.source.url).toMatch(/^https:\/\/github\.com\/[^/]+\/[^/]+\/blob\/[0-9a-f]{40}\/.+\.zip$/);
        expect(MULTI.controlManifests).toHaveLength(8);
    });

    it("lists every manifest first (by control name), then every other control file (by entry name): the order the packer writes", () => {
        expect(entryOrder([...MULTI.entries].reverse())).toEqual(MULTI.entries);
        const manifests = MULTI.entries.filter((name) => name.endsWith("/ControlManifest.xml"));
        expect(MULTI.entries.slice(2, 2 + manifests.length)).toEqual(manifests);
    });

    it("has one root component, one <CustomControl> and one [Content_Types] Override per control, in control-name order", () => {
        const names = MULTI.controlManifests.map((m) => `${MULTI.solutionXml.customizationPrefix}_${m.namespace}.${m.constructor}`);
        expect(names).toEqual([...names].sort(ordinal));
        expect(MULTI.solutionXml.rootComponents).toEqual(names.map((schemaName) => ({ type: "66", schemaName, behavior: "0" })));
        expect(MULTI.customizationsXml.customControls).toEqual(names.map((Name) => ({ Name, FileName: `/Controls/${Name}/ControlManifest.xml` })));
        expect(MULTI.contentTypesXml.overrides).toEqual(names.map((name) => ({ PartName: `/Controls/${name}/ControlManifest.xml`, ContentType: "application/octet-stream" })));
        const extensions = [...new Set(MULTI.entries.map((n) => posix.extname(n).slice(1).toLowerCase()).filter(Boolean))];
        expect(MULTI.contentTypesXml.defaults.map((d) => d.Extension)).toEqual(extensions);
    });
});

// ------------------------------------------------------------------ the zips, per control source

const sources: [string, () => string][] = [["fixture controls made from the ControlManifest.Input.xml files", () => fixtureControls()]];
if (builtControlsAreCurrent()) sources.push(["the production build in out/controls", () => BUILT_CONTROLS]);

describe.each(sources)("npm run solution's zips, packed from %s", (_label, controlsDir) => {
    let packed: Packed;
    beforeAll(async () => {
        packed = await pack(controlsDir());
    });

    it(`writes ImportMonitor_${VERSION}.zip (unmanaged) and ImportMonitor_${VERSION}_managed.zip`, () => {
        expect(readdirSync(packed.outDir).sort()).toEqual([`ImportMonitor_${VERSION}.zip`, `ImportMonitor_${VERSION}_managed.zip`]);
        expect(packed.result.stdout).toContain(`Solution ${VERSION}.0 (package ${VERSION}), controls ${CONTROL_NAME}, ${CSV_NAME}`);
    });

    it("has pac's entry names, casing and order for two controls, with no directory entries", () => {
        for (const zip of [packed.unmanaged, packed.managed]) {
            expect(zip.names.slice(0, 4)).toEqual(["customizations.xml", "solution.xml", MANIFEST_ENTRY, CSV_MANIFEST_ENTRY]);
            expect(zip.names[zip.names.length - 1]).toBe("[Content_Types].xml");
            const files = zip.names.slice(4, -1);
            expect(files.every((name) => name.startsWith(`${FOLDER}/`) || name.startsWith(`${CSV_FOLDER}/`))).toBe(true);
            expect(files).toEqual([...files].sort(ordinal));
            expect(zip.names).toEqual(entryOrder(zip.names));
            expect(zip.directories).toEqual([]);
            expect(zip.names.some((name) => name.includes("\\") || name.startsWith("/"))).toBe(false);
            for (const reference of [...REFERENCES, MULTI]) {
                expect(reference.entries.filter((name) => !name.startsWith("Controls/"))).toEqual(
                    zip.names.filter((name) => !name.startsWith("Controls/")),
                );
            }
        }
    });

    it("packs exactly each manifest's resources (code, resx, packaged_library), byte for byte, and the bundle's licence notice", () => {
        for (const control of CONTROLS) {
            const manifest = parseXml(packed.unmanaged.text(control.manifestEntry));
            const resources = one(manifest, "resources");
            const withPath = all(resources, "*").filter((r) => r.getAttribute("path"));
            const files = withPath.map((r) => `${control.folder}/${posix.normalize(r.getAttribute("path")!)}`);
            expect(all(resources, "code").map((r) => r.getAttribute("path"))).toEqual(["bundle.js"]);
            // platform-library (React, Fluent) are the platform's and a dependency is another control: no file.
            expect([...all(resources, "platform-library"), ...all(resources, "dependency")].every((r) => !r.getAttribute("path"))).toBe(true);
            const builtDir = join(packed.controlsDir, control.built);
            const bundle = readFileSync(join(builtDir, "bundle.js"), "utf8");
            const notice = bundle.includes("bundle.js.LICENSE.txt") ? [`${control.folder}/bundle.js.LICENSE.txt`] : [];
            const packedFiles = packed.unmanaged.names.filter((name) => name.startsWith(`${control.folder}/`) && name !== control.manifestEntry);
            expect(packedFiles.sort()).toEqual([...files, ...notice].sort());
            for (const name of [control.manifestEntry, ...packedFiles]) {
                expect([name, packed.unmanaged.bytes[name].equals(readFileSync(join(builtDir, name.slice(control.folder.length + 1))))]).toEqual([name, true]);
            }
        }
        expect(packed.unmanaged.names).toContain(`${FOLDER}/strings/ImportMonitor.1033.resx`);
    });

    it("packs the CSV library component with its packaged library, libs/importMonitorCsv.js, as built", () => {
        const csv = parseXml(packed.unmanaged.text(CSV_MANIFEST_ENTRY));
        const library = one(csv, "library");
        expect(children(library).map((e) => [e.nodeName, e.getAttribute("path")])).toEqual([["packaged_library", LIBRARY_PATH]]);
        expect(packed.unmanaged.names).toContain(LIBRARY_ENTRY);
        const built = readFileSync(join(packed.controlsDir, "ImportMonitorCsv", LIBRARY_PATH));
        expect(packed.unmanaged.bytes[LIBRARY_ENTRY].equals(built)).toBe(true);
        expect(packed.managed.bytes[LIBRARY_ENTRY].equals(built)).toBe(true);
        expect(packed.unmanaged.names.filter((name) => name.includes("importMonitorCsv.old.js"))).toEqual([]);
    });

    it("solution.xml has the pac solution's elements, version, publisher and a custom control (type 66) root component per control", () => {
        const solution = parseXml(packed.unmanaged.text("solution.xml"));
        for (const reference of REFERENCES) {
            expect(elementPaths(solution)).toEqual(reference.solutionXml.elementPaths);
            expect(attributes(solution)).toEqual(reference.solutionXml.rootAttributes);
        }
        expect(solutionManifestChild(solution, "UniqueName")).toBe("ImportMonitor");
        const solutionNames = children(one(solution, "SolutionManifest")).find((e) => e.nodeName === "LocalizedNames")!;
        expect(children(solutionNames).map(attributes)).toEqual([{
            description: "Import Monitor",
            languagecode: "1033",
        }]);
        expect(solutionManifestChild(solution, "Version")).toBe(`${VERSION}.0`);
        expect(solutionManifestChild(solution, "Version")).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
        const publisher = one(solution, "Publisher");
        expect(children(publisher).find((e) => e.nodeName === "UniqueName")!.textContent).toBe("importmonitor");
        expect(text(publisher, "CustomizationPrefix")).toBe("imon");
        expect(text(publisher, "CustomizationOptionValuePrefix")).toBe("96355");
        expect(all(publisher, "Address")).toHaveLength(2);
        expect(all(solution, "RootComponent").map(attributes)).toEqual([
            { type: "66", schemaName: CONTROL_NAME, behavior: "0" },
            { type: "66", schemaName: CSV_NAME, behavior: "0" },
        ]);
    });

    it("customizations.xml names both controls and their manifest files, like pac's, with the languages of both", () => {
        const customizations = parseXml(packed.unmanaged.text("customizations.xml"));
        for (const reference of REFERENCES) {
            expect(elementPaths(customizations)).toEqual(reference.customizationsXml.elementPaths);
            expect(attributes(customizations)).toEqual(reference.customizationsXml.rootAttributes);
        }
        const controls = all(customizations, "CustomControl");
        expect(controls.map((control) => [text(control, "Name"), text(control, "FileName")])).toEqual([
            [CONTROL_NAME, `/${MANIFEST_ENTRY}`],
            [CSV_NAME, `/${CSV_MANIFEST_ENTRY}`],
        ]);
        for (const control of controls) expect(packed.unmanaged.names).toContain(text(control, "FileName")!.slice(1));
        // ImportMonitor's resx languages (Arabic, German, English, French, Japanese, Spanish); the library has no strings.
        expect(all(customizations, "Language").map((l) => l.textContent)).toEqual(["1025", "1031", "1033", "1036", "1041", "3082"]);
        for (const empty of ["Entities", "Roles", "Workflows", "optionsets", "SolutionPluginAssemblies", "EntityDataProviders"]) {
            expect(children(one(customizations, empty))).toEqual([]);
        }
    });

    it("[Content_Types].xml has a Default per extension and an Override per control manifest, the rule the references follow", () => {
        const rule = (names: string[], defaults: Record<string, string>[], overrides: Record<string, string>[], manifestEntries: string[]) => {
            const extensions = [...new Set(names.map((n) => posix.extname(n).slice(1).toLowerCase()).filter(Boolean))];
            expect(defaults.map((d) => d.Extension)).toEqual(extensions);
            for (const d of defaults) expect(d.ContentType).toBe(d.Extension === "xml" ? "text/xml" : "application/octet-stream");
            expect(overrides).toEqual(manifestEntries.map((entry) => ({ PartName: `/${entry}`, ContentType: "application/octet-stream" })));
        };
        for (const reference of REFERENCES) {
            rule(reference.entries, reference.contentTypesXml.defaults, reference.contentTypesXml.overrides, [reference.controlManifest.entry]);
        }
        rule(MULTI.entries, MULTI.contentTypesXml.defaults, MULTI.contentTypesXml.overrides, MULTI.controlManifests.map((m) => m.entry));
        const types = parseXml(packed.unmanaged.text("[Content_Types].xml"));
        expect(types.nodeName).toBe("Types");
        expect(types.getAttribute("xmlns")).toBe("http://schemas.openxmlformats.org/package/2006/content-types");
        rule(packed.unmanaged.names, all(types, "Default").map(attributes), all(types, "Override").map(attributes), [MANIFEST_ENTRY, CSV_MANIFEST_ENTRY]);
    });

    it("encodes the parts like pac: a byte order mark on its own XML parts, CRLF lines, the built manifests as built", () => {
        const role = (name: string) => (name.endsWith("/ControlManifest.xml") ? "manifest" : name);
        for (const reference of REFERENCES) {
            for (const [name, bom] of Object.entries(reference.byteOrderMark)) {
                const ours = role(name) === "manifest" ? [MANIFEST_ENTRY, CSV_MANIFEST_ENTRY] : [name];
                for (const entry of ours) expect([name, entry, packed.unmanaged.text(entry).startsWith(BOM)]).toEqual([name, entry, bom]);
            }
            for (const [name, crlf] of Object.entries(reference.crlf)) expect([name, packed.unmanaged.text(name).includes("\r\n")]).toEqual([name, crlf]);
        }
        expect(packed.unmanaged.text("solution.xml").replace(/\r\n/g, "")).not.toContain("\n");
    });

    it("keeps each control's own namespace in its packed manifest: the publisher prefix is in the solution's names only", () => {
        const control = one(parseXml(packed.unmanaged.text(MANIFEST_ENTRY)), "control");
        expect(control.getAttribute("namespace")).toBe(NAMESPACE);
        expect(control.getAttribute("constructor")).toBe(CONSTRUCTOR);
        expect(CONTROL_NAME).toBe(`imon_${NAMESPACE}.${CONSTRUCTOR}`);
        const csv = one(parseXml(packed.unmanaged.text(CSV_MANIFEST_ENTRY)), "control");
        expect([csv.getAttribute("namespace"), csv.getAttribute("constructor")]).toEqual([NAMESPACE, CSV_CONSTRUCTOR]);
    });

    it("ships ImportMonitor's on-demand <dependency> unchanged, naming the library component's root component", () => {
        const manifest = parseXml(packed.unmanaged.text(MANIFEST_ENTRY));
        expect(all(manifest, "dependency").map(attributes)).toEqual([{ type: "control", name: CSV_NAME, "load-type": "onDemand" }]);
        expect(all(manifest, "platform-action").map(attributes)).toEqual([{ "action-type": "afterPageLoad" }]);
        const schemaNames = all(parseXml(packed.unmanaged.text("solution.xml")), "RootComponent").map((r) => r.getAttribute("schemaName"));
        expect(schemaNames).toContain(CSV_NAME);
    });

    it("stamps one version everywhere: package.json = both ControlManifests = the packaged library = solution <Version> (as MAJOR.MINOR.PATCH.0)", () => {
        const manifestVersion = one(parseXml(packed.unmanaged.text(MANIFEST_ENTRY)), "control").getAttribute("version");
        const csv = parseXml(packed.unmanaged.text(CSV_MANIFEST_ENTRY));
        const sourceVersions = [sourceManifest, csvSourceManifest].map((m) => one(m, "control").getAttribute("version"));
        const libraryVersions = [csv, csvSourceManifest].map((m) => one(m, "packaged_library").getAttribute("version"));
        const solutionVersion = solutionManifestChild(parseXml(packed.managed.text("solution.xml")), "Version");
        expect([manifestVersion, one(csv, "control").getAttribute("version"), ...sourceVersions, ...libraryVersions, solutionVersion]).toEqual([
            ...Array<string>(6).fill(VERSION),
            `${VERSION}.0`,
        ]);
    });

    it("differs between unmanaged and managed only in solution.xml's <Managed> (0 and 1, as in the references)", () => {
        expect(packed.managed.names).toEqual(packed.unmanaged.names);
        for (const name of packed.unmanaged.names.filter((n) => n !== "solution.xml")) {
            expect([name, packed.managed.bytes[name].equals(packed.unmanaged.bytes[name])]).toEqual([name, true]);
        }
        const unmanaged = packed.unmanaged.text("solution.xml");
        const managed = packed.managed.text("solution.xml");
        expect(solutionManifestChild(parseXml(unmanaged), "Managed")).toBe("0");
        expect(solutionManifestChild(parseXml(managed), "Managed")).toBe("1");
        expect(managed.replace("<Managed>1</Managed>", "<Managed>0</Managed>")).toBe(unmanaged);
        const [referenceUnmanaged, referenceManaged] = REFERENCES.filter((r) => r.source.repository === "awong789/pcfjsonviewercontrol");
        expect([referenceUnmanaged.solutionXml.managed, referenceManaged.solutionXml.managed]).toEqual(["0", "1"]);
    });
});

// ------------------------------------------------------------------ options

describe("solution/build.mjs options", () => {
    const publisherOf = (packed: Packed) => {
        const solution = parseXml(packed.unmanaged.text("solution.xml"));
        const publisher = one(solution, "Publisher");
        return {
            uniqueName: children(publisher).find((e) => e.nodeName === "UniqueName")!.textContent,
            displayName: one(publisher, "LocalizedName").getAttribute("description"),
            prefix: text(publisher, "CustomizationPrefix"),
            optionValuePrefix: text(publisher, "CustomizationOptionValuePrefix"),
            rootComponents: all(solution, "RootComponent").map((r) => r.getAttribute("schemaName")),
            customControls: all(parseXml(packed.unmanaged.text("customizations.xml")), "Name").map((n) => n.textContent),
            overrides: all(parseXml(packed.unmanaged.text("[Content_Types].xml")), "Override").map((o) => o.getAttribute("PartName")),
            folders: [...new Set(packed.unmanaged.names.filter((n) => n.startsWith("Controls/")).map((n) => n.split("/")[1]))],
        };
    };
    const namesWith = (prefix: string) => [`${prefix}_${NAMESPACE}.${CONSTRUCTOR}`, `${prefix}_${NAMESPACE}.${CSV_CONSTRUCTOR}`];

    it("takes the publisher's name, display name, prefix and option value prefix as flags, and renames both controls", async () => {
        // Another prefix needs ImportMonitor's <dependency name> (and its code) changed to it first: see the prefix rule below.
        const packed = await pack(fixtureControls({ dependencyPrefix: "ctso" }), [
            "--publisher-name",
            "Contoso_Tools",
            "--publisher-display-name",
            'Contoso & "Co" <Tools>',
            "--publisher-prefix",
            "ctso",
            "--option-value-prefix",
            "12345",
        ]);
        const names = namesWith("ctso");
        expect(publisherOf(packed)).toEqual({
            uniqueName: "Contoso_Tools",
            displayName: 'Contoso & "Co" <Tools>',
            prefix: "ctso",
            optionValuePrefix: "12345",
            rootComponents: names,
            customControls: names,
            overrides: names.map((name) => `/Controls/${name}/ControlManifest.xml`),
            folders: names,
        });
        expect(packed.unmanaged.names).toContain(`Controls/${names[1]}/${LIBRARY_PATH}`);
        expect(one(parseXml(packed.unmanaged.text(`Controls/${names[0]}/ControlManifest.xml`)), "dependency").getAttribute("name")).toBe(names[1]);
    });

    it("takes them from the environment too, a flag winning over its variable", async () => {
        const packed = await pack(fixtureControls({ dependencyPrefix: "flagp" }), ["--publisher-prefix", "flagp"], {
            SOLUTION_PUBLISHER_NAME: "EnvPublisher",
            SOLUTION_PUBLISHER_DISPLAY_NAME: "Env Publisher",
            SOLUTION_PUBLISHER_PREFIX: "envp",
            SOLUTION_OPTION_VALUE_PREFIX: "54321",
        });
        expect(publisherOf(packed)).toMatchObject({
            uniqueName: "EnvPublisher",
            displayName: "Env Publisher",
            prefix: "flagp",
            optionValuePrefix: "54321",
            folders: namesWith("flagp"),
        });
    });

    it("derives the option value prefix from the prefix when it is not given, within 10000-99999", async () => {
        const derived = Number(publisherOf(await pack(fixtureControls({ dependencyPrefix: "abc" }), ["--publisher-prefix", "abc"])).optionValuePrefix);
        expect(derived).toBeGreaterThanOrEqual(10000);
        expect(derived).toBeLessThanOrEqual(99999);
        expect(derived).not.toBe(96355); // imon's
    });

    it.each([
        ["--publisher-prefix", "a", "publisher prefix"],
        ["--publisher-prefix", "toolongpx", "publisher prefix"],
        ["--publisher-prefix", "1abc", "publisher prefix"],
        ["--publisher-prefix", "Imon", "publisher prefix"],
        ["--publisher-prefix", "im_on", "publisher prefix"],
        ["--publisher-prefix", "mscrmx", "publisher prefix"],
        ["--option-value-prefix", "9999", "option value prefix"],
        ["--option-value-prefix", "100000", "option value prefix"],
        ["--option-value-prefix", "12a45", "option value prefix"],
        ["--publisher-name", "1publisher", "publisher name"],
        ["--publisher-name", "has space", "publisher name"],
        ["--publisher-display-name", "  ", "display name"],
    ])("refuses %s %j and writes nothing", (flag, value, message) => {
        const outDir = join(temporaryDirectory(), "dist");
        const result = run("build.mjs", ["--controls-dir", fixtureControls(), "--out-dir", outDir, "--allow-development-build", flag, value]);
        expect(result.status).toBe(1);
        expect(result.stderr).toContain(message);
        expect(existsSync(outDir)).toBe(false);
    });

    it("refuses a development bundle unless told it is for a test", () => {
        const controls = fixtureControls({ bundle: '/*\n * ATTENTION: The "eval" devtool has been used (maybe by default in mode: "development").\n */\n' });
        const result = run("build.mjs", ["--controls-dir", controls, "--out-dir", join(temporaryDirectory(), "dist")]);
        expect(result.status).toBe(1);
        expect(result.stderr).toContain("is a development build");
    });

    it("refuses a stale build (another control or library version) and a manifest resource that is missing", () => {
        const refused = (options: FixtureOptions, ...extra: string[]) => {
            const outDir = join(temporaryDirectory(), "dist");
            const result = run("build.mjs", ["--controls-dir", fixtureControls(options), "--out-dir", outDir, ...extra]);
            expect(result.status).toBe(1);
            expect(existsSync(outDir)).toBe(false);
            return result.stderr;
        };
        expect(refused({ version: "9.9.9" })).toMatch(/ImportMonitor\/ControlManifest\.xml version "9\.9\.9" differs .* the build is stale/);
        expect(refused({ csvVersion: "9.9.9" })).toMatch(/ImportMonitorCsv\/ControlManifest\.xml version "9\.9\.9" differs from ImportMonitorCsv\/ControlManifest\.Input\.xml's .* stale/);
        expect(refused({ libraryVersion: "9.9.9" })).toMatch(/packaged_library version "9\.9\.9" differs .* stale/);
        expect(refused({ extraResx: true }, "--allow-development-build")).toContain('lists <resx> "strings/ImportMonitor.1043.resx"');
    });

    it("refuses a build without libs/importMonitorCsv.js, saying where it comes from, and writes nothing", () => {
        const outDir = join(temporaryDirectory(), "dist");
        const controls = fixtureControls({ withoutLibrary: true });
        const result = run("build.mjs", ["--controls-dir", controls, "--out-dir", outDir, "--allow-development-build"]);
        expect(result.status).toBe(1);
        expect(result.stderr).toContain(
            `ImportMonitorCsv/ControlManifest.xml lists <packaged_library> "${LIBRARY_PATH}" but ${join(controls, "ImportMonitorCsv", "libs", "importMonitorCsv.js")} does not exist`,
        );
        expect(result.stderr).toContain("npm run build -- --buildMode production");
        expect(result.stderr).not.toContain("    at "); // a message, not a stack trace
        expect(existsSync(outDir)).toBe(false);
    });

    it("refuses a build without the CSV library component", () => {
        const result = run("build.mjs", ["--controls-dir", fixtureControls({ withoutCsvControl: true }), "--out-dir", join(temporaryDirectory(), "dist"), "--allow-development-build"]);
        expect(result.status).toBe(1);
        expect(result.stderr).toMatch(/ImportMonitorCsv\/ControlManifest\.xml not found: build the controls first/);
    });

    it("refuses an unknown flag (the old --control-dir too) and --build with another controls folder", () => {
        expect(run("build.mjs", ["--publisher", "x"]).stderr).toContain("Unknown option");
        expect(run("build.mjs", ["--control-dir", "out/controls/ImportMonitor"]).stderr).toContain("Unknown option");
        const build = run("build.mjs", ["--build", "--controls-dir", fixtureControls()]);
        expect(build.status).toBe(1);
        expect(build.stderr).toContain("--build writes the default controls folder");
    });
});

// ------------------------------------------------------------------ the prefix and the CSV library

describe("the publisher prefix and ImportMonitor's dependency on the CSV library", () => {
    const dependencyName = (manifest: XmlElement) => one(manifest, "dependency").getAttribute("name");

    it("the manifest and the control's code name the library the same way, with the default prefix", () => {
        expect(dependencyName(sourceManifest)).toBe(CSV_NAME);
        const code = readFileSync(DEPENDENCY_NAME_SOURCE, "utf8");
        expect(/\bCSV_LIBRARY_DEPENDENCY\s*=\s*"([^"]+)"/.exec(code)?.[1]).toBe(CSV_NAME);
    });

    it.each([
        ["a flag", ["--publisher-prefix", "ctso"], {}],
        ["the environment", [], { SOLUTION_PUBLISHER_PREFIX: "ctso" }],
    ])("refuses another prefix given by %s, naming the two places to change, and writes nothing", (_how, args, env) => {
        const outDir = join(temporaryDirectory(), "dist");
        const result = run("build.mjs", ["--controls-dir", fixtureControls(), "--out-dir", outDir, "--allow-development-build", ...args], env);
        expect(result.status).toBe(1);
        expect(result.stderr).toContain(`publisher prefix "ctso" differs from the prefix "imon" of`);
        expect(result.stderr).toContain(`<dependency type="control" name="${CSV_NAME}">`);
        expect(result.stderr).toContain("Pack with --publisher-prefix imon");
        expect(result.stderr).toContain("the <dependency name> in ImportMonitor/ControlManifest.Input.xml");
        expect(result.stderr).toContain("CSV_LIBRARY_DEPENDENCY in ImportMonitor/dataverse/csvLibrary.ts");
        expect(result.stderr).toContain(`to ctso_${NAMESPACE}.${CSV_CONSTRUCTOR}, then rebuild`);
        expect(result.stderr).not.toContain("    at ");
        expect(existsSync(outDir)).toBe(false);
    });

    it("refuses a dependency on a control the solution doesn't pack", () => {
        const result = run("build.mjs", [
            "--controls-dir",
            fixtureControls({ dependencyName: `imon_${NAMESPACE}.Elsewhere` }),
            "--out-dir",
            join(temporaryDirectory(), "dist"),
            "--allow-development-build",
        ]);
        expect(result.status).toBe(1);
        expect(result.stderr).toContain(`name="imon_${NAMESPACE}.Elsewhere"> names no control of this solution`);
    });
});

// ------------------------------------------------------------------ one version

interface CopyOptions {
    version?: string;
    manifestVersion?: string;
    csvVersion?: string;
    libraryVersion?: string;
    changelog?: string;
    versionScript?: boolean;
}
/** A copy of the project's version-bearing files in a temporary folder. */
function projectCopy(options: CopyOptions = {}): string {
    const dir = temporaryDirectory();
    mkdirSync(join(dir, "ImportMonitor"));
    mkdirSync(join(dir, "ImportMonitorCsv"));
    const version = options.version ?? VERSION;
    const scripts: Record<string, string> = options.versionScript ? { version: `node ${JSON.stringify(join(SOLUTION_DIR, "stampVersion.mjs"))}` } : {};
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "copy", version, private: true, scripts }, null, 2) + "\n");
    writeFileSync(join(dir, "ImportMonitor", "ControlManifest.Input.xml"), setVersion(readFileSync(SOURCE_MANIFEST, "utf8"), "control", options.manifestVersion ?? version));
    let csv = setVersion(readFileSync(CSV_SOURCE_MANIFEST, "utf8"), "control", options.csvVersion ?? version);
    csv = setVersion(csv, "packaged_library", options.libraryVersion ?? version);
    writeFileSync(join(dir, "ImportMonitorCsv", "ControlManifest.Input.xml"), csv);
    if (options.changelog !== undefined) writeFileSync(join(dir, "CHANGELOG.md"), options.changelog);
    return dir;
}
/** The environment without npm's own variables (the test may itself run under npm). */
function cleanEnvironment(): NodeJS.ProcessEnv {
    return Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith("npm_")));
}

describe("one version: package.json → both ControlManifests and the packaged library → solution", () => {
    it("holds for the project, and npm run build checks it before anything is built", () => {
        const result = run("checkVersion.mjs", []);
        expect(result.stderr).toBe("");
        expect(result.status).toBe(0);
        expect(result.stdout).toContain(
            `version ${VERSION}: package.json = ImportMonitor/ControlManifest.Input.xml = ImportMonitorCsv/ControlManifest.Input.xml ` +
                `(control and packaged_library versions); solution version ${VERSION}.0`,
        );
        // The version check first; whatever else the build runs (the CSV library's esbuild step), pcf-scripts last.
        expect(packageJson.scripts.build).toMatch(/^node solution\/checkVersion\.mjs( --quiet)? && (.+ && )?node solution\/pcfScripts\.mjs build$/);
        expect(packageJson.scripts.solution).toBe("node solution/build.mjs --build");
        expect(packageJson.scripts.version).toBe("node solution/stampVersion.mjs");
        expect(packageJson.scripts.release).toBe("node solution/release.mjs");
    });

    it("fails the check (and the packing) when package.json and the manifest disagree", () => {
        const dir = projectCopy({ version: "1.2.3", manifestVersion: "1.2.4" });
        const check = run("checkVersion.mjs", ["--root", dir]);
        expect(check.status).toBe(1);
        expect(check.stderr).toContain('ImportMonitor/ControlManifest.Input.xml <control version="1.2.4"> differs from package.json "version": "1.2.3"');
        const packing = run("build.mjs", ["--root", dir, "--controls-dir", fixtureControls({ version: "1.2.3" }), "--out-dir", join(dir, "dist")]);
        expect(packing.status).toBe(1);
        expect(packing.stderr).toContain("version check failed");
        expect(existsSync(join(dir, "dist"))).toBe(false);
    });

    it("fails the check when the CSV library component's version or its packaged library's version disagrees", () => {
        const control = run("checkVersion.mjs", ["--root", projectCopy({ version: "1.2.3", csvVersion: "1.2.2" })]);
        expect(control.status).toBe(1);
        expect(control.stderr).toContain('ImportMonitorCsv/ControlManifest.Input.xml <control version="1.2.2"> differs from package.json "version": "1.2.3"');
        const library = run("checkVersion.mjs", ["--root", projectCopy({ version: "1.2.3", libraryVersion: "1.0.0" })]);
        expect(library.status).toBe(1);
        expect(library.stderr).toContain(
            `ImportMonitorCsv/ControlManifest.Input.xml <packaged_library path="${LIBRARY_PATH}" version="1.0.0"> differs from package.json "version": "1.2.3"`,
        );
        expect(library.stderr).toContain("the platform caches a library by its version");
        expect(library.stderr).not.toContain("<control version");
    });

    it("fails the check on a pre-release version, which a manifest and a solution cannot carry", () => {
        const check = run("checkVersion.mjs", ["--root", projectCopy({ version: "1.2.3-beta.1" })]);
        expect(check.status).toBe(1);
        expect(check.stderr).toContain('version "1.2.3-beta.1" is not MAJOR.MINOR.PATCH');
    });

    it("npm version stamps both manifests' <control version> and the <packaged_library version>, and nothing else", () => {
        const dir = projectCopy({ version: "0.1.0", versionScript: true });
        const manifest = join(dir, "ImportMonitor", "ControlManifest.Input.xml");
        const csvManifest = join(dir, "ImportMonitorCsv", "ControlManifest.Input.xml");
        // A comment quoting an element must not be stamped.
        const comment = '<!-- e.g. <packaged_library path="libs/old.js" version="0.0.1" /> -->';
        writeFileSync(csvManifest, readFileSync(csvManifest, "utf8").replace("<resources>", `<resources>\n      ${comment}`));
        const before = readFileSync(manifest, "utf8");
        const csvBefore = readFileSync(csvManifest, "utf8");
        const result = spawnSync("npm", ["version", "0.2.0", "--no-git-tag-version"], { cwd: dir, encoding: "utf8", env: cleanEnvironment() });
        expect(result.status).toBe(0);
        const after = readFileSync(manifest, "utf8");
        expect(after).toBe(before.replace(/(<control\b[^>]*\sversion=")0\.1\.0(")/, "$10.2.0$2"));
        expect(after).toContain('<resx path="strings/ImportMonitor.1033.resx" version="1.0.0" />');
        const csvAfter = readFileSync(csvManifest, "utf8");
        expect(csvAfter).toBe(
            csvBefore
                .replace(/(<control\b[^>]*\sversion=")0\.1\.0(")/, "$10.2.0$2")
                .replace('<packaged_library path="libs/importMonitorCsv.js" version="0.1.0" />', '<packaged_library path="libs/importMonitorCsv.js" version="0.2.0" />'),
        );
        expect(csvAfter).toContain('<library name="ImportMonitorCsv" version=">=1" order="1">');
        expect(csvAfter).toContain(comment);
        expect(run("checkVersion.mjs", ["--root", dir]).status).toBe(0);
    });

    it("stages both stamped manifests in a git work tree, so npm version's commit carries them", () => {
        const dir = projectCopy({ version: "0.3.0", manifestVersion: "0.2.0", csvVersion: "0.2.0", libraryVersion: "0.2.0" });
        const git = (...args: string[]) => spawnSync("git", args, { cwd: dir, encoding: "utf8", env: { ...cleanEnvironment(), GIT_CONFIG_GLOBAL: "/dev/null" } });
        expect(git("init", "-q").status).toBe(0);
        const result = spawnSync(process.execPath, [join(SOLUTION_DIR, "stampVersion.mjs")], { cwd: dir, encoding: "utf8", env: cleanEnvironment() });
        expect(result.status).toBe(0);
        expect(git("diff", "--cached", "--name-only").stdout.trim().split("\n")).toEqual([
            "ImportMonitor/ControlManifest.Input.xml",
            "ImportMonitorCsv/ControlManifest.Input.xml",
        ]);
        expect(run("checkVersion.mjs", ["--root", dir]).status).toBe(0);
    });
});

// ------------------------------------------------------------------ release

describe("npm run release's checks", () => {
    it("pass for the project: CHANGELOG.md has an entry for the current version", () => {
        const result = run("release.mjs", ["--check"]);
        expect(result.stderr).toBe("");
        expect(result.status).toBe(0);
        expect(result.stdout).toContain(`release ${VERSION}: versions agree, CHANGELOG.md has its entry`);
    });

    it("fail when CHANGELOG.md has no entry, or an empty one, for the version", () => {
        const missing = run("release.mjs", ["--check", "--root", projectCopy({ version: "2.0.0", changelog: "# Changelog\n\n## [1.0.0] - 2026-01-01\n\n- Older.\n" })]);
        expect(missing.status).toBe(1);
        expect(missing.stderr).toContain('CHANGELOG.md has no "## [2.0.0]" entry');
        const empty = run("release.mjs", ["--check", "--root", projectCopy({ version: "2.0.0", changelog: "# Changelog\n\n## [2.0.0] - 2026-02-01\n\n## [1.0.0]\n\n- Older.\n" })]);
        expect(empty.status).toBe(1);
        expect(empty.stderr).toContain("entry is empty");
        const present = run("release.mjs", ["--check", "--root", projectCopy({ version: "2.0.0", changelog: "# Changelog\n\n## [2.0.0] - 2026-02-01\n\n- New.\n" })]);
        expect(present.status).toBe(0);
    });
});
