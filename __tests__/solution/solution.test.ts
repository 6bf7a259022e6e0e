/**
 * @jest-environment node
 */
/**
 * The solution zips (npm run solution, solution/build.mjs), unzipped and checked part by part against the
 * documented structure (docs/solution.md) and against four public pac-built solutions of code components
 * (fixtures/solution/reference-pac-solutions.json); the one-version rule (package.json = manifest =
 * solution), `npm version` stamping, and the release checks.
 *
 * The zips are packed from the real production build in out/controls/ImportMonitor when it is there and of
 * the current version (CI builds it before the tests), and always from a fixture control made from
 * ControlManifest.Input.xml, so the suite also runs on a clean checkout.
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
const BUILT_CONTROL = join(ROOT, "out", "controls", "ImportMonitor");
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
const REFERENCES = (
    JSON.parse(readFileSync(join(__dirname, "..", "fixtures", "solution", "reference-pac-solutions.json"), "utf8")) as {
        references: Reference[];
    }
).references;

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

/** A built control like pcf-scripts writes it, made from the source manifest (code path → bundle.js). */
function fixtureControl(options: { version?: string; bundle?: string; extraResx?: boolean } = {}): string {
    const dir = join(temporaryDirectory(), "ImportMonitor");
    mkdirSync(join(dir, "strings"), { recursive: true });
    let manifest = readFileSync(SOURCE_MANIFEST, "utf8").replace(/(<code\s+path=")[^"]*(")/, "$1bundle.js$2");
    if (options.version) manifest = manifest.replace(/(<control\b[^>]*\sversion=")[^"]*(")/, `$1${options.version}$2`);
    if (options.extraResx) manifest = manifest.replace("</resources>", '  <resx path="strings/ImportMonitor.1031.resx" version="1.0.0" />\n    </resources>');
    writeFileSync(join(dir, "ControlManifest.xml"), manifest);
    writeFileSync(join(dir, "bundle.js"), options.bundle ?? "/*! For license information please see bundle.js.LICENSE.txt */\nvar fixture = 1;\n");
    writeFileSync(join(dir, "bundle.js.LICENSE.txt"), "/*! fixture licence notice */\n");
    writeFileSync(join(dir, "stale.css"), "/* not in the manifest: must not be packed */\n");
    copyFileSync(join(ROOT, "ImportMonitor", "strings", "ImportMonitor.1033.resx"), join(dir, "strings", "ImportMonitor.1033.resx"));
    return dir;
}

function builtControlIsCurrent(): boolean {
    const manifest = join(BUILT_CONTROL, "ControlManifest.xml");
    if (!existsSync(manifest)) return false;
    return parseXml(readFileSync(manifest, "utf8")).getElementsByTagName("control").item(0)?.getAttribute("version") === VERSION;
}

interface Packed {
    controlDir: string;
    outDir: string;
    result: SpawnSyncReturns<string>;
    unmanaged: Unzipped;
    managed: Unzipped;
}
async function pack(controlDir: string, args: string[] = [], env: Record<string, string> = {}): Promise<Packed> {
    const outDir = join(temporaryDirectory(), "dist");
    const result = run("build.mjs", ["--control-dir", controlDir, "--out-dir", outDir, "--allow-development-build", ...args], env);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    return {
        controlDir,
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
        }
    });
});

// ------------------------------------------------------------------ the zips, per control source

const sources: [string, () => string][] = [["a fixture control made from ControlManifest.Input.xml", () => fixtureControl()]];
if (builtControlIsCurrent()) sources.push(["the production build in out/controls/ImportMonitor", () => BUILT_CONTROL]);

describe.each(sources)("npm run solution's zips, packed from %s", (_label, controlDir) => {
    let packed: Packed;
    beforeAll(async () => {
        packed = await pack(controlDir());
    });

    it(`writes ImportMonitor_${VERSION}.zip (unmanaged) and ImportMonitor_${VERSION}_managed.zip`, () => {
        expect(readdirSync(packed.outDir).sort()).toEqual([`ImportMonitor_${VERSION}.zip`, `ImportMonitor_${VERSION}_managed.zip`]);
        expect(packed.result.stdout).toContain(`Solution ${VERSION}.0 (package ${VERSION}), control ${CONTROL_NAME}`);
    });

    it("has pac's entry names, casing and order, with no directory entries", () => {
        for (const zip of [packed.unmanaged, packed.managed]) {
            const files = zip.names.slice(3, -1);
            expect(zip.names.slice(0, 3)).toEqual(["customizations.xml", "solution.xml", MANIFEST_ENTRY]);
            expect(zip.names[zip.names.length - 1]).toBe("[Content_Types].xml");
            expect(files.every((name) => name.startsWith(`${FOLDER}/`))).toBe(true);
            expect(files).toEqual([...files].sort());
            expect(zip.directories).toEqual([]);
            expect(zip.names.some((name) => name.includes("\\") || name.startsWith("/"))).toBe(false);
            for (const reference of REFERENCES) {
                expect(reference.entries.filter((name) => !name.startsWith("Controls/"))).toEqual(
                    zip.names.filter((name) => !name.startsWith("Controls/")),
                );
            }
        }
    });

    it("packs exactly the manifest's resources (code, resx), byte for byte, and the bundle's licence notice", () => {
        const manifest = parseXml(packed.unmanaged.text(MANIFEST_ENTRY));
        const resources = children(one(manifest, "resources"));
        const files = resources.filter((r) => r.getAttribute("path")).map((r) => `${FOLDER}/${posix.normalize(r.getAttribute("path")!)}`);
        expect(resources.filter((r) => r.nodeName === "code").map((r) => r.getAttribute("path"))).toEqual(["bundle.js"]);
        expect(files).toContain(`${FOLDER}/strings/ImportMonitor.1033.resx`);
        // platform-library (React, Fluent) are the platform's: no file.
        expect(resources.filter((r) => r.nodeName === "platform-library").every((r) => !r.getAttribute("path"))).toBe(true);
        const bundle = readFileSync(join(packed.controlDir, "bundle.js"), "utf8");
        const notice = bundle.includes("bundle.js.LICENSE.txt") ? [`${FOLDER}/bundle.js.LICENSE.txt`] : [];
        const packedFiles = packed.unmanaged.names.filter((name) => name.startsWith(`${FOLDER}/`) && name !== MANIFEST_ENTRY);
        expect(packedFiles.sort()).toEqual([...files, ...notice].sort());
        for (const name of [MANIFEST_ENTRY, ...packedFiles]) {
            expect(packed.unmanaged.bytes[name].equals(readFileSync(join(packed.controlDir, name.slice(FOLDER.length + 1))))).toBe(true);
        }
    });

    it("solution.xml has the pac solution's elements, version, publisher and a custom control (type 66) root component", () => {
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
        expect(attributes(one(solution, "RootComponent"))).toEqual({ type: "66", schemaName: CONTROL_NAME, behavior: "0" });
    });

    it("customizations.xml names the control and its manifest file, like pac's", () => {
        const customizations = parseXml(packed.unmanaged.text("customizations.xml"));
        for (const reference of REFERENCES) {
            expect(elementPaths(customizations)).toEqual(reference.customizationsXml.elementPaths);
            expect(attributes(customizations)).toEqual(reference.customizationsXml.rootAttributes);
        }
        const control = one(customizations, "CustomControl");
        expect(text(control, "Name")).toBe(CONTROL_NAME);
        expect(text(control, "FileName")).toBe(`/${MANIFEST_ENTRY}`);
        expect(packed.unmanaged.names).toContain(text(control, "FileName")!.slice(1));
        expect(all(customizations, "Language").map((l) => l.textContent)).toEqual(["1033"]);
        for (const empty of ["Entities", "Roles", "Workflows", "optionsets", "SolutionPluginAssemblies", "EntityDataProviders"]) {
            expect(children(one(customizations, empty))).toEqual([]);
        }
    });

    it("[Content_Types].xml has a Default per extension and an Override for the manifest, the rule pac's follow", () => {
        const rule = (names: string[], defaults: Record<string, string>[], overrides: Record<string, string>[], manifestEntry: string) => {
            const extensions = [...new Set(names.map((n) => posix.extname(n).slice(1).toLowerCase()).filter(Boolean))];
            expect(defaults.map((d) => d.Extension)).toEqual(extensions);
            for (const d of defaults) expect(d.ContentType).toBe(d.Extension === "xml" ? "text/xml" : "application/octet-stream");
            expect(overrides).toEqual([{ PartName: `/${manifestEntry}`, ContentType: "application/octet-stream" }]);
        };
        for (const reference of REFERENCES) {
            rule(reference.entries, reference.contentTypesXml.defaults, reference.contentTypesXml.overrides, reference.controlManifest.entry);
        }
        const types = parseXml(packed.unmanaged.text("[Content_Types].xml"));
        expect(types.nodeName).toBe("Types");
        expect(types.getAttribute("xmlns")).toBe("http://schemas.openxmlformats.org/package/2006/content-types");
        rule(packed.unmanaged.names, all(types, "Default").map(attributes), all(types, "Override").map(attributes), MANIFEST_ENTRY);
    });

    it("encodes the parts like pac: a byte order mark on its own XML parts, CRLF lines, the built manifest as built", () => {
        const role = (name: string) => (name.endsWith("/ControlManifest.xml") ? "manifest" : name);
        for (const reference of REFERENCES) {
            for (const [name, bom] of Object.entries(reference.byteOrderMark)) {
                const ours = role(name) === "manifest" ? MANIFEST_ENTRY : name;
                expect([name, packed.unmanaged.text(ours).startsWith(BOM)]).toEqual([name, bom]);
            }
            for (const [name, crlf] of Object.entries(reference.crlf)) expect([name, packed.unmanaged.text(name).includes("\r\n")]).toEqual([name, crlf]);
        }
        expect(packed.unmanaged.text("solution.xml").replace(/\r\n/g, "")).not.toContain("\n");
    });

    it("keeps the control's own namespace in the packed manifest: the publisher prefix is in the solution's names only", () => {
        const control = one(parseXml(packed.unmanaged.text(MANIFEST_ENTRY)), "control");
        expect(control.getAttribute("namespace")).toBe(NAMESPACE);
        expect(control.getAttribute("constructor")).toBe(CONSTRUCTOR);
        expect(CONTROL_NAME).toBe(`imon_${NAMESPACE}.${CONSTRUCTOR}`);
    });

    it("stamps one version everywhere: package.json = ControlManifest = solution <Version> (as MAJOR.MINOR.PATCH.0)", () => {
        const manifestVersion = one(parseXml(packed.unmanaged.text(MANIFEST_ENTRY)), "control").getAttribute("version");
        const sourceVersion = one(sourceManifest, "control").getAttribute("version");
        const solutionVersion = solutionManifestChild(parseXml(packed.managed.text("solution.xml")), "Version");
        expect([manifestVersion, sourceVersion, solutionVersion]).toEqual([VERSION, VERSION, `${VERSION}.0`]);
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
            rootComponent: one(solution, "RootComponent").getAttribute("schemaName"),
            customControl: text(parseXml(packed.unmanaged.text("customizations.xml")), "Name"),
            override: one(parseXml(packed.unmanaged.text("[Content_Types].xml")), "Override").getAttribute("PartName"),
            folders: [...new Set(packed.unmanaged.names.filter((n) => n.startsWith("Controls/")).map((n) => n.split("/")[1]))],
        };
    };

    it("takes the publisher's name, display name, prefix and option value prefix as flags, and renames the control", async () => {
        const packed = await pack(fixtureControl(), [
            "--publisher-name",
            "Contoso_Tools",
            "--publisher-display-name",
            'Contoso & "Co" <Tools>',
            "--publisher-prefix",
            "ctso",
            "--option-value-prefix",
            "12345",
        ]);
        const name = `ctso_${NAMESPACE}.${CONSTRUCTOR}`;
        expect(publisherOf(packed)).toEqual({
            uniqueName: "Contoso_Tools",
            displayName: 'Contoso & "Co" <Tools>',
            prefix: "ctso",
            optionValuePrefix: "12345",
            rootComponent: name,
            customControl: name,
            override: `/Controls/${name}/ControlManifest.xml`,
            folders: [name],
        });
    });

    it("takes them from the environment too, a flag winning over its variable", async () => {
        const packed = await pack(fixtureControl(), ["--publisher-prefix", "flagp"], {
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
            folders: [`flagp_${NAMESPACE}.${CONSTRUCTOR}`],
        });
    });

    it("derives the option value prefix from the prefix when it is not given, within 10000-99999", async () => {
        const derived = Number(publisherOf(await pack(fixtureControl(), ["--publisher-prefix", "abc"])).optionValuePrefix);
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
        const result = run("build.mjs", ["--control-dir", fixtureControl(), "--out-dir", outDir, "--allow-development-build", flag, value]);
        expect(result.status).toBe(1);
        expect(result.stderr).toContain(message);
        expect(existsSync(outDir)).toBe(false);
    });

    it("refuses a development bundle unless told it is for a test", () => {
        const control = fixtureControl({ bundle: '/*\n * ATTENTION: The "eval" devtool has been used (maybe by default in mode: "development").\n */\n' });
        const result = run("build.mjs", ["--control-dir", control, "--out-dir", join(temporaryDirectory(), "dist")]);
        expect(result.status).toBe(1);
        expect(result.stderr).toContain("is a development build");
    });

    it("refuses a stale build (another version) and a manifest resource that is missing", () => {
        const stale = run("build.mjs", ["--control-dir", fixtureControl({ version: "9.9.9" }), "--out-dir", join(temporaryDirectory(), "dist")]);
        expect(stale.status).toBe(1);
        expect(stale.stderr).toMatch(/version "9\.9\.9" differs .* the build is stale/);
        const missing = run("build.mjs", ["--control-dir", fixtureControl({ extraResx: true }), "--out-dir", join(temporaryDirectory(), "dist"), "--allow-development-build"]);
        expect(missing.status).toBe(1);
        expect(missing.stderr).toContain('lists "strings/ImportMonitor.1031.resx"');
    });

    it("refuses an unknown flag and --build with another control folder", () => {
        expect(run("build.mjs", ["--publisher", "x"]).stderr).toContain("Unknown option");
        const build = run("build.mjs", ["--build", "--control-dir", fixtureControl()]);
        expect(build.status).toBe(1);
        expect(build.stderr).toContain("--build writes the default control folder");
    });
});

// ------------------------------------------------------------------ one version

/** A copy of the project's version-bearing files in a temporary folder. */
function projectCopy(options: { version?: string; manifestVersion?: string; changelog?: string; versionScript?: boolean } = {}): string {
    const dir = temporaryDirectory();
    mkdirSync(join(dir, "ImportMonitor"));
    const version = options.version ?? VERSION;
    const scripts: Record<string, string> = options.versionScript ? { version: `node ${JSON.stringify(join(SOLUTION_DIR, "stampVersion.mjs"))}` } : {};
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "copy", version, private: true, scripts }, null, 2) + "\n");
    const manifest = readFileSync(SOURCE_MANIFEST, "utf8").replace(/(<control\b[^>]*\sversion=")[^"]*(")/, `$1${options.manifestVersion ?? version}$2`);
    writeFileSync(join(dir, "ImportMonitor", "ControlManifest.Input.xml"), manifest);
    if (options.changelog !== undefined) writeFileSync(join(dir, "CHANGELOG.md"), options.changelog);
    return dir;
}
/** The environment without npm's own variables (the test may itself run under npm). */
function cleanEnvironment(): NodeJS.ProcessEnv {
    return Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith("npm_")));
}

describe("one version: package.json → ControlManifest → solution", () => {
    it("holds for the project, and npm run build checks it before pcf-scripts builds", () => {
        const result = run("checkVersion.mjs", []);
        expect(result.stderr).toBe("");
        expect(result.status).toBe(0);
        expect(result.stdout).toContain(`version ${VERSION}: package.json = ControlManifest.Input.xml; solution version ${VERSION}.0`);
        expect(packageJson.scripts.build).toMatch(/^node solution\/checkVersion\.mjs( --quiet)? && node solution\/pcfScripts\.mjs build$/);
        expect(packageJson.scripts.solution).toBe("node solution/build.mjs --build");
        expect(packageJson.scripts.version).toBe("node solution/stampVersion.mjs");
        expect(packageJson.scripts.release).toBe("node solution/release.mjs");
    });

    it("fails the check (and the packing) when package.json and the manifest disagree", () => {
        const dir = projectCopy({ version: "1.2.3", manifestVersion: "1.2.4" });
        const check = run("checkVersion.mjs", ["--root", dir]);
        expect(check.status).toBe(1);
        expect(check.stderr).toContain('<control version="1.2.4"> differs from package.json "version": "1.2.3"');
        const packing = run("build.mjs", ["--root", dir, "--control-dir", fixtureControl({ version: "1.2.3" }), "--out-dir", join(dir, "dist")]);
        expect(packing.status).toBe(1);
        expect(packing.stderr).toContain("version check failed");
        expect(existsSync(join(dir, "dist"))).toBe(false);
    });

    it("fails the check on a pre-release version, which a manifest and a solution cannot carry", () => {
        const check = run("checkVersion.mjs", ["--root", projectCopy({ version: "1.2.3-beta.1" })]);
        expect(check.status).toBe(1);
        expect(check.stderr).toContain('version "1.2.3-beta.1" is not MAJOR.MINOR.PATCH');
    });

    it("npm version stamps the manifest's <control version> and nothing else", () => {
        const dir = projectCopy({ version: "0.1.0", versionScript: true });
        const before = readFileSync(join(dir, "ImportMonitor", "ControlManifest.Input.xml"), "utf8");
        const result = spawnSync("npm", ["version", "0.2.0", "--no-git-tag-version"], { cwd: dir, encoding: "utf8", env: cleanEnvironment() });
        expect(result.status).toBe(0);
        const after = readFileSync(join(dir, "ImportMonitor", "ControlManifest.Input.xml"), "utf8");
        expect(after).toBe(before.replace(/(<control\b[^>]*\sversion=")0\.1\.0(")/, "$10.2.0$2"));
        expect(after).toContain('<resx path="strings/ImportMonitor.1033.resx" version="1.0.0" />');
        expect(run("checkVersion.mjs", ["--root", dir]).status).toBe(0);
    });

    it("stages the stamped manifest in a git work tree, so npm version's commit carries it", () => {
        const dir = projectCopy({ version: "0.3.0", manifestVersion: "0.2.0" });
        const git = (...args: string[]) => spawnSync("git", args, { cwd: dir, encoding: "utf8", env: { ...cleanEnvironment(), GIT_CONFIG_GLOBAL: "/dev/null" } });
        expect(git("init", "-q").status).toBe(0);
        const result = spawnSync(process.execPath, [join(SOLUTION_DIR, "stampVersion.mjs")], { cwd: dir, encoding: "utf8", env: cleanEnvironment() });
        expect(result.status).toBe(0);
        expect(git("diff", "--cached", "--name-only").stdout.trim()).toBe("ImportMonitor/ControlManifest.Input.xml");
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
