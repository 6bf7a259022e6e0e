/**
 * Packs the built control (out/controls/ImportMonitor) into a Dataverse solution zip with the layout that
 * `pac solution init` + `dotnet build` (SolutionPackager) writes for a code component. Every fact used here,
 * with its source, is in docs/solution.md; __tests__/solution/solution.test.ts checks the zips against it
 * and against four public pac-built solutions (__tests__/fixtures/solution/reference-pac-solutions.json).
 *
 * Not part of the control: Node only (npm run solution, npm run release, the build's version check).
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join, posix, resolve } from "node:path";
import { DOMParser } from "@xmldom/xmldom";
import JSZip from "jszip";

/** Relative to the project root. */
export const SOURCE_MANIFEST = "ImportMonitor/ControlManifest.Input.xml";
export const DEFAULT_CONTROL_DIR = "out/controls/ImportMonitor";
export const DEFAULT_OUT_DIR = "dist";

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
 * ControlManifest.xml): names, version, and the resource files (every element under <resources> with a path).
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
    const resourcesElement = control.getElementsByTagName("resources")[0];
    if (resourcesElement) {
        const all = resourcesElement.getElementsByTagName("*");
        for (let i = 0; i < all.length; i++) {
            const element = all[i];
            const path = element.getAttribute("path");
            if (path) resources.push({ element: element.nodeName, path });
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
        languages: [...new Set(languages)].sort((a, b) => Number(a) - Number(b)),
    };
}

/**
 * Writes `version` into the <control ... version="..."> attribute of a manifest's text, leaving every other
 * byte as it was (the resx version attributes are the strings' own and are not touched).
 */
export function stampManifestVersion(text, version, name) {
    const tag = /<control\b[^>]*>/.exec(text);
    if (!tag) throw new UsageError(`${name} has no <control> element`);
    const attribute = /(\sversion\s*=\s*)(["'])([^"']*)\2/;
    if (!attribute.test(tag[0])) throw new UsageError(`${name}: <control> has no version attribute`);
    const stampedTag = tag[0].replace(attribute, (_, before, quote) => `${before}${quote}${version}${quote}`);
    const stamped = text.slice(0, tag.index) + stampedTag + text.slice(tag.index + tag[0].length);
    if (readControlManifest(stamped, name).version !== version) throw new UsageError(`${name}: could not stamp version ${version}`);
    return stamped;
}

// ---------------------------------------------------------------- the project's versions

async function readJson(path) {
    return JSON.parse(await readFile(path, "utf8"));
}

/**
 * package.json is the source of the version; ControlManifest.Input.xml (and package-lock.json, which
 * `npm version` stamps too) must agree, and it must be MAJOR.MINOR.PATCH. Returns the problems found.
 */
export async function checkVersions(root) {
    const problems = [];
    const packagePath = join(root, "package.json");
    const manifestPath = join(root, SOURCE_MANIFEST);
    if (!existsSync(packagePath)) throw new UsageError(`${packagePath} not found (run this from the project root)`);
    if (!existsSync(manifestPath)) throw new UsageError(`${manifestPath} not found (run this from the project root)`);
    const version = (await readJson(packagePath)).version;
    const manifestVersion = readControlManifest(await readFile(manifestPath, "utf8"), SOURCE_MANIFEST).version;
    try {
        assertReleaseVersion(version, "package.json");
    } catch (error) {
        problems.push(error.message);
    }
    if (manifestVersion !== version) {
        problems.push(
            `${SOURCE_MANIFEST} <control version="${manifestVersion}"> differs from package.json "version": "${version}". ` +
                "Change the version with `npm version <new>` (it stamps both), or make them equal by hand.",
        );
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
    return { version, manifestVersion, problems };
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

/** solution.xml: the solution manifest (unique name, version, managed flag, publisher, root components). */
export function solutionXml({ version, managed, publisher, controlName }) {
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
        `      <RootComponent type="${CUSTOM_CONTROL_COMPONENT_TYPE}" schemaName="${escapeXml(controlName)}" behavior="0" />`,
        "    </RootComponents>",
        "    <MissingDependencies />",
        "  </SolutionManifest>",
        "</ImportExportXml>",
    ]);
}

/** customizations.xml: the empty component sections and the one <CustomControl>, its manifest's file name and the languages. */
export function customizationsXml({ controlName, languages }) {
    const empty = ["Entities", "Roles", "Workflows", "FieldSecurityProfiles", "Templates", "EntityMaps", "EntityRelationships", "OrganizationSettings", "optionsets"];
    return xmlDocument([
        `<ImportExportXml xmlns:xsi="${XSI}">`,
        ...empty.map((name) => `  <${name} />`),
        "  <CustomControls>",
        "    <CustomControl>",
        `      <Name>${escapeXml(controlName)}</Name>`,
        `      <FileName>/Controls/${escapeXml(controlName)}/ControlManifest.xml</FileName>`,
        "    </CustomControl>",
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
 * come, xml as text/xml and everything else application/octet-stream, and an Override for the control's
 * manifest, on one line, as SolutionPackager writes it.
 */
export function contentTypesXml(entryNames, manifestEntry) {
    const extensions = [];
    for (const name of entryNames) {
        const extension = posix.extname(name).slice(1).toLowerCase();
        if (extension && !extensions.includes(extension)) extensions.push(extension);
    }
    const defaults = extensions.map(
        (extension) => `<Default Extension="${escapeXml(extension)}" ContentType="${extension === "xml" ? "text/xml" : "application/octet-stream"}" />`,
    );
    const override = `<Override PartName="/${escapeXml(manifestEntry)}" ContentType="application/octet-stream" />`;
    return `${BOM}<?xml version="1.0" encoding="utf-8"?><Types xmlns="${CONTENT_TYPES_NS}">${defaults.join("")}${override}</Types>`;
}

// ---------------------------------------------------------------- the control's files

/**
 * The built control's files to pack: ControlManifest.xml, every resource its <resources> names (code → bundle.js,
 * css, resx, img, html) and the licence notices webpack extracts beside a code file (bundle.js.LICENSE.txt),
 * as pac packs them. Checks that the build is the project's current one.
 */
export async function readBuiltControl(controlDir, { sourceManifest, allowDevelopmentBuild = false } = {}) {
    const manifestPath = join(controlDir, "ControlManifest.xml");
    if (!existsSync(manifestPath)) {
        throw new UsageError(`${manifestPath} not found: build the control first (npm run build -- --buildMode production)`);
    }
    const manifestBytes = await readFile(manifestPath);
    const manifest = readControlManifest(manifestBytes.toString("utf8"), manifestPath);
    if (sourceManifest) {
        for (const key of ["namespace", "constructor", "version"]) {
            if (manifest[key] !== sourceManifest[key]) {
                throw new UsageError(
                    `${manifestPath} ${key} "${manifest[key]}" differs from ${SOURCE_MANIFEST}'s "${sourceManifest[key]}": the build is stale, rebuild it`,
                );
            }
        }
    }
    const files = [];
    const add = async (relativePath, required) => {
        const normalized = posix.normalize(relativePath.replace(/\\/g, "/"));
        if (normalized.startsWith("../") || posix.isAbsolute(normalized)) {
            throw new UsageError(`${manifestPath}: resource path "${relativePath}" leaves the control folder`);
        }
        if (files.some((f) => f.path === normalized)) return;
        const absolute = resolve(controlDir, normalized);
        if (!existsSync(absolute)) {
            if (required) throw new UsageError(`${manifestPath} lists "${relativePath}" but ${absolute} does not exist`);
            return;
        }
        files.push({ path: normalized, bytes: await readFile(absolute) });
    };
    for (const resource of manifest.resources) await add(resource.path, true);
    for (const resource of manifest.resources.filter((r) => r.element === "code")) {
        // Packed only when this bundle points at it ("For license information please see bundle.js.LICENSE.txt"),
        // so a notice left over from an earlier build is never shipped.
        const notice = `${resource.path}.LICENSE.txt`;
        const code = files.find((f) => f.path === posix.normalize(resource.path));
        if (code?.bytes.includes(posix.basename(notice))) await add(notice, false);
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
    files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    return { manifest, manifestBytes, files };
}

// ---------------------------------------------------------------- the zip

/**
 * The zip's entries, in SolutionPackager's order: customizations.xml, solution.xml, the control's manifest,
 * its other files (ordinal order), [Content_Types].xml last. No directory entries.
 */
export function solutionEntries({ version, managed, publisher, control }) {
    const controlName = controlSolutionName(publisher.prefix, control.manifest);
    const folder = `Controls/${controlName}`;
    const manifestEntry = `${folder}/ControlManifest.xml`;
    const entries = [
        { name: "customizations.xml", bytes: Buffer.from(customizationsXml({ controlName, languages: control.manifest.languages }), "utf8") },
        { name: "solution.xml", bytes: Buffer.from(solutionXml({ version, managed, publisher, controlName }), "utf8") },
        { name: manifestEntry, bytes: control.manifestBytes },
        ...control.files.map((file) => ({ name: `${folder}/${file.path}`, bytes: file.bytes })),
    ];
    entries.push({
        name: "[Content_Types].xml",
        bytes: Buffer.from(contentTypesXml(entries.map((e) => e.name), manifestEntry), "utf8"),
    });
    return { controlName, entries };
}

export async function zipEntries(entries, date = new Date()) {
    const zip = new JSZip();
    for (const entry of entries) zip.file(entry.name, entry.bytes, { binary: true, createFolders: false, date });
    return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE", compressionOptions: { level: 6 }, platform: "DOS" });
}

export function zipFileName(version, managed) {
    return `${SOLUTION.uniqueName}_${version}${managed ? "_managed" : ""}.zip`;
}
