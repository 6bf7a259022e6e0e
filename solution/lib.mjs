/**
 * Packs the built controls (out/controls/ImportMonitor and out/controls/ImportMonitorCsv) into a Dataverse solution
 * zip with the layout that `pac solution init` + `dotnet build` (SolutionPackager) writes for code components. Every
 * fact used here, with its source, is in docs/solution.md; __tests__/solution/solution.test.ts checks the zips against
 * it, against four public pac-built solutions and one platform-exported solution with several controls
 * (__tests__/fixtures/solution/reference-pac-solutions.json).
 *
 * Not part of the control: Node only (npm run solution, npm run release, the build's version check).
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join, posix, resolve } from "node:path";
import { DOMParser } from "@xmldom/xmldom";
import JSZip from "jszip";

/**
 * The project's controls, by source folder (relative to the project root). Each folder holds a
 * ControlManifest.Input.xml, and pcf-scripts builds it into <outDir>/<folder> (pcfconfig.json's outDir, out/controls).
 * ImportMonitor is the control makers add to the subgrid; ImportMonitorCsv is the library component it loads on demand.
 */
export const CONTROL_FOLDERS = ["ImportMonitor", "ImportMonitorCsv"];
export const sourceManifestPath = (folder) => `${folder}/ControlManifest.Input.xml`;
/** Relative to the project root. */
export const SOURCE_MANIFEST = sourceManifestPath("ImportMonitor");
export const SOURCE_MANIFESTS = CONTROL_FOLDERS.map(sourceManifestPath);
export const DEFAULT_CONTROLS_DIR = "out/controls";
export const DEFAULT_OUT_DIR = "dist";

/**
 * Where a control's code repeats a `<dependency>` name, keyed by the dependency's `<namespace>.<constructor>`: the
 * name is passed to context.utils.loadDependency at run time, so the manifest and the code must change together.
 */
export const DEPENDENCY_NAMES_IN_CODE = {
    "ImportMonitor.ImportMonitorCsv": "CSV_LIBRARY_DEPENDENCY in ImportMonitor/dataverse/csvLibrary.ts",
};

/** The solution itself: its unique name is also the zip's name. */
export const SOLUTION = { uniqueName: "ImportMonitor", displayName: "Import Monitor" };

/** Solution component type of a custom control (solutioncomponent.componenttype 66 "Custom Control"). */
export const CUSTOM_CONTROL_COMPONENT_TYPE = 66;

/** pac solution init's Solution.xml root, kept by SolutionPackager in every pac-built zip. */
export const IMPORT_EXPORT_XML_ATTRIBUTES = {
    version: "9.1.0.643",
    SolutionPackageVersion: "9.1",
    languagecode: "1033",
    generatedBy: "CrmLive",
};

const BOM = "\uFEFF";
const CRLF = "\r\n";
const XSI = "http://www.w3.org/2001/XMLSchema-instance";
const CONTENT_TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types";
/** webpack 5 writes this into every development bundle (devtool "eval"). */
const DEVELOPMENT_BUNDLE_MARK = 'The "eval" devtool has been used';

/** An error whose message is meant for the person running the command (no stack trace needed). */
export class UsageError extends Error {}

// ---------------------------------------------------------------- commands

/**
 * Runs a command, showing its output as it comes, and resolves with its exit code and that output.
 * pcf-scripts 1.51 exits with 0 even when a task fails; it prints "[build] Failed" / "[lint] Failed".
 */
export function runShowingOutput(command, args, cwd) {
    return new Promise((resolve, reject) => {
        const child = spawn(command, args, { cwd, stdio: ["ignore", "pipe", "pipe"], shell: process.platform === "win32" });
        let text = "";
        child.stdout.on("data", (chunk) => {
            text += chunk;
            process.stdout.write(chunk);
        });
        child.stderr.on("data", (chunk) => {
            text += chunk;
            process.stderr.write(chunk);
        });
        child.on("error", reject);
        child.on("close", (code, signal) => resolve({ code: code ?? signal, text }));
    });
}

/** True when a command failed: a non-zero exit, or a pcf-scripts task that printed "[<task>] Failed". */
export function commandFailed({ code, text }) {
    return code !== 0 || /\[(?:build|lint)\] Failed/.test(text);
}

// ---------------------------------------------------------------- versions

const SEMVER_CORE = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

/** The one version: package.json's, MAJOR.MINOR.PATCH only (a control manifest and a solution take no pre-release tags). */
export function assertReleaseVersion(version, where) {
    if (typeof version !== "string" || !SEMVER_CORE.test(version)) {
        throw new UsageError(
            `${where}: version "${version}" is not MAJOR.MINOR.PATCH (digits only). ` +
                "The control manifest and the solution take no pre-release or build tags; use e.g. `npm version minor`.",
        );
    }
    return version;
}

/**
 * Dataverse solution versions have four parts, MAJOR.MINOR.BUILD.REVISION. MAJOR.MINOR.PATCH maps to
 * MAJOR.MINOR.PATCH.0, so 0.1.0 is shipped as 0.1.0.0 (docs/solution.md, "One version").
 */
export function solutionVersion(version) {
    assertReleaseVersion(version, "solution version");
    return `${version}.0`;
}

// ---------------------------------------------------------------- XML

export function parseXml(text, name) {
    const onError = (level, message) => {
        if (level !== "warning") throw new UsageError(`${name} is not well-formed XML: ${message}`);
    };
    const doc = new DOMParser({ onError }).parseFromString(text.replace(/^\uFEFF/, ""), "text/xml");
    if (!doc?.documentElement) throw new UsageError(`${name} is not well-formed XML`);
    return doc;
}

export function escapeXml(value) {
    return String(value)
        .replace(/&/g, "&amp;")
        .replace(/</g, "&lt;")
        .replace(/>/g, "&gt;")
        .replace(/"/g, "&quot;")
        .replace(/'/g, "&apos;");
}

/**
 * What the packer needs from a control manifest (the source ControlManifest.Input.xml or the built
 * ControlManifest.xml): names, version, the resource files (every element under <resources> with a path: code, css,
 * resx, img, html, and the <packaged_library> inside a <library>), the packaged libraries' versions, and the
 * <dependency> elements (no file: another control the platform loads).
 */
export function readControlManifest(text, name) {
    const doc = parseXml(text, name);
    const control = doc.getElementsByTagName("control")[0];
    if (!control) throw new UsageError(`${name} has no <control> element`);
    const attribute = (a) => {
        const value = control.getAttribute(a);
        if (!value) throw new UsageError(`${name}: <control> has no ${a} attribute`);
        return value;
    };
    const resources = [];
    const packagedLibraries = [];
    const dependencies = [];
    const resourcesElement = control.getElementsByTagName("resources")[0];
    if (resourcesElement) {
        const all = resourcesElement.getElementsByTagName("*");
        for (let i = 0; i < all.length; i++) {
            const element = all[i];
            const path = element.getAttribute("path");
            if (path) resources.push({ element: element.nodeName, path });
            if (element.nodeName === "packaged_library") {
                packagedLibraries.push({ path, version: element.getAttribute("version") });
            }
            if (element.nodeName === "dependency") {
                dependencies.push({ type: element.getAttribute("type"), name: element.getAttribute("name"), loadType: element.getAttribute("load-type") });
            }
        }
    }
    const languages = resources
        .filter((r) => r.element === "resx")
        .map((r) => /\.(\d+)\.resx$/i.exec(r.path)?.[1])
        .filter(Boolean);
    return {
        namespace: attribute("namespace"),
        constructor: attribute("constructor"),
        version: attribute("version"),
        resources,
        packagedLibraries,
        dependencies,
        languages: [...new Set(languages)].sort((a, b) => Number(a) - Number(b)),
    };
}

/**
 * The start tags named `tag` in a manifest's text, outside comments (a comment may quote an element), with their
 * offsets. Quoted attribute values may hold ">" (as in <library version=">=1">).
 */
function startTags(text, tag) {
    const found = [];
    const pattern = new RegExp(`<!--[\\s\\S]*?-->|<${tag}\\b(?:[^>"']|"[^"]*"|'[^']*')*>`, "g");
    for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
        if (!match[0].startsWith("<!--")) found.push({ index: match.index, text: match[0] });
    }
    return found;
}

/**
 * Writes `version` into the <control ... version="..."> attribute of a manifest's text and into every
 * <packaged_library ... version="..."> (the platform caches a library by its version), leaving every other byte as
 * it was: the resx version attributes are the strings' own and <library version=">=1"> is a range, so neither is
 * touched.
 */
export function stampManifestVersion(text, version, name) {
    const attribute = /(\sversion\s*=\s*)(["'])([^"']*)\2/;
    const [control] = startTags(text, "control");
    if (!control) throw new UsageError(`${name} has no <control> element`);
    if (!attribute.test(control.text)) throw new UsageError(`${name}: <control> has no version attribute`);
    const tags = [control];
    for (const library of startTags(text, "packaged_library")) {
        if (!attribute.test(library.text)) throw new UsageError(`${name}: <packaged_library> has no version attribute`);
        tags.push(library);
    }
    let stamped = text;
    for (const tag of tags.sort((a, b) => b.index - a.index)) {
        const stampedTag = tag.text.replace(attribute, (_, before, quote) => `${before}${quote}${version}${quote}`);
        stamped = stamped.slice(0, tag.index) + stampedTag + stamped.slice(tag.index + tag.text.length);
    }
    const check = readControlManifest(stamped, name);
    if (check.version !== version || check.packagedLibraries.some((library) => library.version !== version)) {
        throw new UsageError(`${name}: could not stamp version ${version}`);
    }
    return stamped;
}

// ---------------------------------------------------------------- the project's versions

async function readJson(path) {
    return JSON.parse(await readFile(path, "utf8"));
}

/**
 * package.json is the source of the version; every control manifest's <control version> and <packaged_library
 * version> (and package-lock.json, which `npm version` stamps too) must agree, and it must be MAJOR.MINOR.PATCH.
 * Returns the problems found.
 */
export async function checkVersions(root) {
    const problems = [];
    const packagePath = join(root, "package.json");
    if (!existsSync(packagePath)) throw new UsageError(`${packagePath} not found (run this from the project root)`);
    for (const manifest of SOURCE_MANIFESTS) {
        if (!existsSync(join(root, manifest))) throw new UsageError(`${join(root, manifest)} not found (run this from the project root)`);
    }
    const version = (await readJson(packagePath)).version;
    try {
        assertReleaseVersion(version, "package.json");
    } catch (error) {
        problems.push(error.message);
    }
    const fix = "Change the version with `npm version <new>` (it stamps all of them), or make them equal by hand.";
    const manifests = [];
    for (const name of SOURCE_MANIFESTS) {
        const manifest = readControlManifest(await readFile(join(root, name), "utf8"), name);
        manifests.push({ name, version: manifest.version, packagedLibraries: manifest.packagedLibraries });
        if (manifest.version !== version) {
            problems.push(`${name} <control version="${manifest.version}"> differs from package.json "version": "${version}". ${fix}`);
        }
        for (const library of manifest.packagedLibraries) {
            if (library.version !== version) {
                problems.push(
                    `${name} <packaged_library path="${library.path}" version="${library.version}"> differs from package.json "version": "${version}" ` +
                        `(the platform caches a library by its version). ${fix}`,
                );
            }
        }
    }
    const lockPath = join(root, "package-lock.json");
    if (existsSync(lockPath)) {
        const lock = await readJson(lockPath);
        for (const [where, lockVersion] of [
            ["version", lock.version],
            ['packages[""].version', lock.packages?.[""]?.version],
        ]) {
            if (lockVersion !== undefined && lockVersion !== version) {
                problems.push(`package-lock.json ${where} "${lockVersion}" differs from package.json "${version}" (run \`npm install\`).`);
            }
        }
    }
    return { version, manifestVersion: manifests[0].version, manifests, problems };
}

// ---------------------------------------------------------------- options

/** The option value prefix pac derives from the customization prefix (pnp/cli-microsoft365's port of pac's `solution init`). */
export function deriveOptionValuePrefix(prefix) {
    if (prefix.toLowerCase() === "new") return 10000;
    let hash = 0;
    for (let i = 0; i < prefix.length; i++) hash = (Math.imul(31, hash) + prefix.charCodeAt(i)) | 0;
    return Math.abs(hash % 90000) + 10000;
}

export const DEFAULT_PUBLISHER = {
    uniqueName: "importmonitor",
    displayName: "ImportMonitor",
    prefix: "imon",
};

/** Validates the publisher options against the platform's rules (docs/solution.md, "Options"). */
export function resolvePublisher(options = {}) {
    const uniqueName = options.uniqueName ?? DEFAULT_PUBLISHER.uniqueName;
    const displayName = options.displayName ?? DEFAULT_PUBLISHER.displayName;
    const prefix = options.prefix ?? DEFAULT_PUBLISHER.prefix;
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(uniqueName)) {
        throw new UsageError(
            `publisher name "${uniqueName}": only A-Z, a-z, 0-9 and _ are allowed, and it must not start with a digit`,
        );
    }
    if (!displayName.trim()) throw new UsageError("publisher display name must not be empty");
    if (!/^[a-z][a-z0-9]{1,7}$/.test(prefix) || prefix.startsWith("mscrm")) {
        throw new UsageError(
            `publisher prefix "${prefix}": 2 to 8 lowercase letters or digits, starting with a letter, not starting with "mscrm"`,
        );
    }
    const rawOptionValuePrefix = options.optionValuePrefix ?? deriveOptionValuePrefix(prefix);
    const optionValuePrefix = Number(rawOptionValuePrefix);
    if (!Number.isInteger(optionValuePrefix) || optionValuePrefix < 10000 || optionValuePrefix > 99999 || !/^\d+$/.test(String(rawOptionValuePrefix))) {
        throw new UsageError(`option value prefix "${rawOptionValuePrefix}": a whole number from 10000 to 99999`);
    }
    return { uniqueName, displayName, prefix, optionValuePrefix };
}

/** `<prefix>_<namespace>.<constructor>`: the control's name in the solution, its folder and its root component. */
export function controlSolutionName(prefix, manifest) {
    return `${prefix}_${manifest.namespace}.${manifest.constructor}`;
}

/**
 * Every `<dependency type="control">` of a packed control must name another control of this solution by its solution
 * name, `<prefix>_<namespace>.<constructor>`, with the publisher prefix the zip is packed with. The platform finds
 * the dependency by that name, and the control's code passes the same name to context.utils.loadDependency, so the
 * packer can't rename it (docs/solution.md, "The prefix and the CSV library"): a prefix other than the one written
 * in the manifest is refused, naming the places to change. `controls` are { manifest, manifestPath } (built).
 */
export function checkDependencies(controls, prefix) {
    const packed = new Map(controls.map((c) => [`${c.manifest.namespace}.${c.manifest.constructor}`, c]));
    for (const control of controls) {
        for (const dependency of control.manifest.dependencies.filter((d) => d.type === "control")) {
            const name = dependency.name ?? "";
            const separator = name.indexOf("_");
            const dependencyPrefix = separator > 0 ? name.slice(0, separator) : "";
            const target = separator > 0 ? name.slice(separator + 1) : name;
            const where = `${control.manifestPath}: <dependency type="control" name="${name}">`;
            if (!dependencyPrefix || !packed.has(target)) {
                throw new UsageError(
                    `${where} names no control of this solution; the solution packs ${[...packed.keys()].map((key) => `<prefix>_${key}`).join(", ")}`,
                );
            }
            if (dependencyPrefix !== prefix) {
                const inCode = DEPENDENCY_NAMES_IN_CODE[target];
                const places = [
                    `the <dependency name> in ${control.sourceManifestName ?? "the control's ControlManifest.Input.xml"}`,
                    inCode ?? "the name the control's code passes to context.utils.loadDependency",
                ];
                throw new UsageError(
                    `publisher prefix "${prefix}" differs from the prefix "${dependencyPrefix}" of ${where}. ` +
                        `The packed control would be named ${prefix}_${target}, but ${control.manifest.constructor} loads it as ${name}. ` +
                        `Pack with --publisher-prefix ${dependencyPrefix}, or change ${places.join(" and ")} to ${prefix}_${target}, then rebuild.`,
                );
            }
        }
    }
}

// ---------------------------------------------------------------- the parts

const xmlDocument = (lines) => BOM + ['<?xml version="1.0" encoding="utf-8"?>', ...lines].join(CRLF);

function publisherAddress(number) {
    const nil = (name) => `          <${name} xsi:nil="true"></${name}>`;
    return [
        "        <Address>",
        `          <AddressNumber>${number}</AddressNumber>`,
        "          <AddressTypeCode>1</AddressTypeCode>",
        ...["City", "County", "Country", "Fax", "FreightTermsCode", "ImportSequenceNumber", "Latitude", "Line1", "Line2", "Line3", "Longitude", "Name", "PostalCode", "PostOfficeBox", "PrimaryContactName"].map(nil),
        "          <ShippingMethodCode>1</ShippingMethodCode>",
        ...["StateOrProvince", "Telephone1", "Telephone2", "Telephone3", "TimeZoneRuleVersionNumber", "UPSZone", "UTCOffset", "UTCConversionTimeZoneCode"].map(nil),
        "        </Address>",
    ];
}

/** solution.xml: the solution manifest (unique name, version, managed flag, publisher, one root component per control). */
export function solutionXml({ version, managed, publisher, controlNames }) {
    const rootAttributes = Object.entries(IMPORT_EXPORT_XML_ATTRIBUTES)
        .map(([name, value]) => `${name}="${escapeXml(value)}"`)
        .join(" ");
    return xmlDocument([
        `<ImportExportXml ${rootAttributes} xmlns:xsi="${XSI}">`,
        "  <SolutionManifest>",
        `    <UniqueName>${escapeXml(SOLUTION.uniqueName)}</UniqueName>`,
        "    <LocalizedNames>",
        `      <LocalizedName description="${escapeXml(SOLUTION.displayName)}" languagecode="1033" />`,
        "    </LocalizedNames>",
        "    <Descriptions />",
        `    <Version>${escapeXml(solutionVersion(version))}</Version>`,
        `    <Managed>${managed ? 1 : 0}</Managed>`,
        "    <Publisher>",
        `      <UniqueName>${escapeXml(publisher.uniqueName)}</UniqueName>`,
        "      <LocalizedNames>",
        `        <LocalizedName description="${escapeXml(publisher.displayName)}" languagecode="1033" />`,
        "      </LocalizedNames>",
        "      <Descriptions>",
        `        <Description description="${escapeXml(publisher.displayName)}" languagecode="1033" />`,
        "      </Descriptions>",
        '      <EMailAddress xsi:nil="true"></EMailAddress>',
        '      <SupportingWebsiteUrl xsi:nil="true"></SupportingWebsiteUrl>',
        `      <CustomizationPrefix>${escapeXml(publisher.prefix)}</CustomizationPrefix>`,
        `      <CustomizationOptionValuePrefix>${publisher.optionValuePrefix}</CustomizationOptionValuePrefix>`,
        "      <Addresses>",
        ...publisherAddress(1),
        ...publisherAddress(2),
        "      </Addresses>",
        "    </Publisher>",
        "    <RootComponents>",
        ...controlNames.map(
            (controlName) => `      <RootComponent type="${CUSTOM_CONTROL_COMPONENT_TYPE}" schemaName="${escapeXml(controlName)}" behavior="0" />`,
        ),
        "    </RootComponents>",
        "    <MissingDependencies />",
        "  </SolutionManifest>",
        "</ImportExportXml>",
    ]);
}

/** customizations.xml: the empty component sections, a <CustomControl> per control with its manifest's file name, and the languages. */
export function customizationsXml({ controlNames, languages }) {
    const empty = ["Entities", "Roles", "Workflows", "FieldSecurityProfiles", "Templates", "EntityMaps", "EntityRelationships", "OrganizationSettings", "optionsets"];
    return xmlDocument([
        `<ImportExportXml xmlns:xsi="${XSI}">`,
        ...empty.map((name) => `  <${name} />`),
        "  <CustomControls>",
        ...controlNames.flatMap((controlName) => [
            "    <CustomControl>",
            `      <Name>${escapeXml(controlName)}</Name>`,
            `      <FileName>/Controls/${escapeXml(controlName)}/ControlManifest.xml</FileName>`,
            "    </CustomControl>",
        ]),
        "  </CustomControls>",
        "  <SolutionPluginAssemblies />",
        "  <EntityDataProviders />",
        "  <Languages>",
        ...(languages.length ? languages : ["1033"]).map((lcid) => `    <Language>${escapeXml(lcid)}</Language>`),
        "  </Languages>",
        "</ImportExportXml>",
    ]);
}

/**
 * [Content_Types].xml (Open Packaging Conventions): one Default per file extension in the order the entries
 * come, xml as text/xml and everything else application/octet-stream, and an Override for each control's
 * manifest (in the entries' order), on one line, as SolutionPackager writes it.
 */
export function contentTypesXml(entryNames, manifestEntries) {
    const extensions = [];
    for (const name of entryNames) {
        const extension = posix.extname(name).slice(1).toLowerCase();
        if (extension && !extensions.includes(extension)) extensions.push(extension);
    }
    const defaults = extensions.map(
        (extension) => `<Default Extension="${escapeXml(extension)}" ContentType="${extension === "xml" ? "text/xml" : "application/octet-stream"}" />`,
    );
    const overrides = manifestEntries.map((entry) => `<Override PartName="/${escapeXml(entry)}" ContentType="application/octet-stream" />`);
    return `${BOM}<?xml version="1.0" encoding="utf-8"?><Types xmlns="${CONTENT_TYPES_NS}">${defaults.join("")}${overrides.join("")}</Types>`;
}

// ---------------------------------------------------------------- the controls' files

/** What a missing resource file usually means, by manifest element. */
const MISSING_RESOURCE_HINTS = {
    packaged_library:
        "pcf-scripts copies a <packaged_library> as it is from the control's source folder, where it has to be built " +
        "before pcf-scripts runs; build the controls again with `npm run build -- --buildMode production` (npm run solution does)",
};

/**
 * The built control's files to pack: ControlManifest.xml, every resource its <resources> names (code → bundle.js,
 * css, resx, img, html, and each <library>'s <packaged_library>) and the licence notices webpack extracts beside a
 * code file (bundle.js.LICENSE.txt), as pac packs them. Checks that the build is the project's current one: the
 * namespace, constructor, version and packaged library versions of `sourceManifest` (the ControlManifest.Input.xml
 * named `sourceManifestName`).
 */
export async function readBuiltControl(controlDir, { sourceManifest, sourceManifestName = SOURCE_MANIFEST, allowDevelopmentBuild = false } = {}) {
    const manifestPath = join(controlDir, "ControlManifest.xml");
    if (!existsSync(manifestPath)) {
        throw new UsageError(`${manifestPath} not found: build the controls first (npm run build -- --buildMode production)`);
    }
    const manifestBytes = await readFile(manifestPath);
    const manifest = readControlManifest(manifestBytes.toString("utf8"), manifestPath);
    if (sourceManifest) {
        const stale = (what, built, source) =>
            new UsageError(`${manifestPath} ${what} "${built}" differs from ${sourceManifestName}'s "${source}": the build is stale, rebuild it`);
        for (const key of ["namespace", "constructor", "version"]) {
            if (manifest[key] !== sourceManifest[key]) throw stale(key, manifest[key], sourceManifest[key]);
        }
        const libraryVersions = (m) => m.packagedLibraries.map((library) => library.version).join(", ");
        if (libraryVersions(manifest) !== libraryVersions(sourceManifest)) {
            throw stale("packaged_library version", libraryVersions(manifest), libraryVersions(sourceManifest));
        }
    }
    const files = [];
    const add = async (relativePath, required, element) => {
        const normalized = posix.normalize(relativePath.replace(/\\/g, "/"));
        if (normalized.startsWith("../") || posix.isAbsolute(normalized)) {
            throw new UsageError(`${manifestPath}: resource path "${relativePath}" leaves the control folder`);
        }
        if (files.some((f) => f.path === normalized)) return;
        const absolute = resolve(controlDir, normalized);
        if (!existsSync(absolute)) {
            if (!required) return;
            const hint = MISSING_RESOURCE_HINTS[element];
            throw new UsageError(`${manifestPath} lists <${element}> "${relativePath}" but ${absolute} does not exist${hint ? `: ${hint}` : ""}`);
        }
        files.push({ path: normalized, bytes: await readFile(absolute) });
    };
    for (const resource of manifest.resources) await add(resource.path, true, resource.element);
    for (const resource of manifest.resources.filter((r) => r.element === "code")) {
        // Packed only when this bundle points at it ("For license information please see bundle.js.LICENSE.txt"),
        // so a notice left over from an earlier build is never shipped.
        const notice = `${resource.path}.LICENSE.txt`;
        const code = files.find((f) => f.path === posix.normalize(resource.path));
        if (code?.bytes.includes(posix.basename(notice))) await add(notice, false, "code");
    }
    if (!allowDevelopmentBuild) {
        for (const resource of manifest.resources.filter((r) => r.element === "code")) {
            const code = files.find((f) => f.path === posix.normalize(resource.path));
            if (code?.bytes.includes(DEVELOPMENT_BUNDLE_MARK)) {
                throw new UsageError(
                    `${join(controlDir, resource.path)} is a development build: build it with --buildMode production (npm run solution does)`,
                );
            }
        }
    }
    files.sort((a, b) => ordinal(a.path, b.path));
    return { manifest, manifestPath, sourceManifestName, manifestBytes, files };
}

/** Ordinal (UTF-16 code unit) order, as SolutionPackager sorts: "B" before "a", "x/" before "x1". */
function ordinal(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}

// ---------------------------------------------------------------- the zip

/**
 * The zip's entries, in SolutionPackager's order: customizations.xml, solution.xml, every control's manifest
 * (controls in ordinal order of their solution names), then every control's other files (ordinal order of the entry
 * name), [Content_Types].xml last. No directory entries. With one control this is the four pac-built references'
 * order; with several it is the order of the platform-exported multi-control reference (docs/solution.md, "What is in
 * the zip").
 */
export function solutionEntries({ version, managed, publisher, controls }) {
    const named = controls
        .map((control) => ({ control, name: controlSolutionName(publisher.prefix, control.manifest) }))
        .sort((a, b) => ordinal(a.name, b.name));
    const controlNames = named.map((c) => c.name);
    const duplicate = controlNames.find((name, i) => controlNames.indexOf(name) !== i);
    if (duplicate) throw new UsageError(`two controls would both be named ${duplicate}`);
    const languages = [...new Set(controls.flatMap((c) => c.manifest.languages))].sort((a, b) => Number(a) - Number(b));
    const manifestEntries = controlNames.map((name) => `Controls/${name}/ControlManifest.xml`);
    const otherFiles = named
        .flatMap(({ control, name }) => control.files.map((file) => ({ name: `Controls/${name}/${file.path}`, bytes: file.bytes })))
        .sort((a, b) => ordinal(a.name, b.name));
    const entries = [
        { name: "customizations.xml", bytes: Buffer.from(customizationsXml({ controlNames, languages }), "utf8") },
        { name: "solution.xml", bytes: Buffer.from(solutionXml({ version, managed, publisher, controlNames }), "utf8") },
        ...named.map(({ control }, i) => ({ name: manifestEntries[i], bytes: control.manifestBytes })),
        ...otherFiles,
    ];
    entries.push({
        name: "[Content_Types].xml",
        bytes: Buffer.from(contentTypesXml(entries.map((e) => e.name), manifestEntries), "utf8"),
    });
    return { controlNames, entries };
}

export async function zipEntries(entries, date = new Date()) {
    const zip = new JSZip();
    for (const entry of entries) zip.file(entry.name, entry.bytes, { binary: true, createFolders: false, date });
    return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE", compressionOptions: { level: 6 }, platform: "DOS" });
}

export function zipFileName(version, managed) {
    return `${SOLUTION.uniqueName}_${version}${managed ? "_managed" : ""}.zip`;
}
