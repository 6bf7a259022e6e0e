#!/usr/bin/env node
/**
 * The ImportMonitor sandbox server: plain node:http, no framework.
 *
 *     node sandbox/serve.js            # http://localhost:8181/   (PORT=9000 to change, HOST to bind elsewhere)
 *
 * Serves sandbox/index.html, the page's harness (sandbox/page/*.ts bundled by esbuild into
 * sandbox/.build/page.js, rebuilt when the page asks for it), the shipped control from
 * out/controls/ImportMonitor/ (bundle.js and its resx, exactly as built) and, from node_modules, only the
 * UMD builds of the platform libraries named in the control's manifest. Which global name each library
 * gets is read from pcf-scripts' PlatformLibraryVersions.json (the table pcf-scripts used when it wrote
 * the externals into bundle.js) and checked against bundle.js.
 *
 * Also a module for the e2e runner: `const { startServer } = require("./sandbox/serve.js")`.
 */
"use strict";

const fs = require("node:fs");
const http = require("node:http");
const path = require("node:path");

const ROOT = path.resolve(__dirname, "..");
const CONTROLS_DIR = path.join(ROOT, "out", "controls");
const CONTROL_DIR = path.join(CONTROLS_DIR, "ImportMonitor");
/** The publisher prefix the solution is packed with (solution/lib.mjs DEFAULT_PUBLISHER): part of a control's solution name. */
const PUBLISHER_PREFIX = "imon";
const BUNDLE = path.join(CONTROL_DIR, "bundle.js");
const BUILD_DIR = path.join(__dirname, ".build");
const PAGE_ENTRY = path.join(__dirname, "page", "main.ts");
const PAGE_OUT = path.join(BUILD_DIR, "page.js");
const INDEX_HTML = path.join(__dirname, "index.html");
const PLATFORM_LIBRARY_VERSIONS = path.join(ROOT, "node_modules", "pcf-scripts", "PlatformLibraryVersions.json");

/**
 * The UMD builds the sandbox may serve from node_modules (the allow-list), by the key of
 * PlatformLibraryVersions.json. `manifestName` is the manifest's platform-library name that brings the
 * library in (React brings react-dom along, as pcf-scripts does), `global` what the UMD build defines.
 * Order matters: Fluent's UMD build reads window.React and window.ReactDOM.
 */
const UMD_BUILDS = [
    { key: "react", manifestName: "React", pkg: "react", file: "umd/react.production.min.js", global: "React" },
    { key: "react_dom", manifestName: "React", pkg: "react-dom", file: "umd/react-dom.production.min.js", global: "ReactDOM" },
    { key: "fluent", manifestName: "Fluent", pkg: "@fluentui/react", file: "dist/fluentui-react.umd.js", global: "FluentUIReact" },
];

const CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".map": "application/json; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".resx": "application/xml; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".png": "image/png",
};

function versionParts(v) {
    return String(v)
        .split(".")
        .map((n) => parseInt(n, 10) || 0)
        .concat([0, 0, 0])
        .slice(0, 3);
}

function compareVersions(a, b) {
    const x = versionParts(a);
    const y = versionParts(b);
    for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] - y[i];
    return 0;
}

/** The manifest of the built control (else the source one). */
function readManifest() {
    const built = path.join(CONTROL_DIR, "ControlManifest.xml");
    const file = fs.existsSync(built) ? built : path.join(ROOT, "ImportMonitor", "ControlManifest.Input.xml");
    const xml = fs.readFileSync(file, "utf8");
    const control = /<control\b[^>]*>/.exec(xml)?.[0] ?? "";
    const attr = (tag, name) => new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1];
    const libraries = [...xml.matchAll(/<platform-library\b[^>]*>/g)].map((m) => ({ name: attr(m[0], "name"), version: attr(m[0], "version") }));
    const resx = [...xml.matchAll(/<resx\b[^>]*>/g)].map((m) => attr(m[0], "path")).filter(Boolean);
    const dependencies = [...xml.matchAll(/<dependency\b[^>]*>/g)].map((m) => attr(m[0], "name")).filter(Boolean);
    return {
        file,
        controlName: `${attr(control, "namespace")}.${attr(control, "constructor")}`,
        libraries,
        resx,
        dependencies,
    };
}

/**
 * What a model-driven app would load for each `<dependency>` of the control: the built library control it names
 * (out/controls/<folder>/ whose solution name, `<prefix>_<namespace>.<constructor>`, matches) and the scripts of its
 * `<packaged_library>` resources, served under /controls/<folder>/. A name no built control has maps to no scripts
 * (the page's loadDependency then rejects, as the platform would for a missing component: assumed).
 */
function dependencyScripts(names) {
    const found = {};
    const folders = fs.existsSync(CONTROLS_DIR) ? fs.readdirSync(CONTROLS_DIR) : [];
    for (const folder of folders) {
        const manifestPath = path.join(CONTROLS_DIR, folder, "ControlManifest.xml");
        if (!fs.existsSync(manifestPath)) continue;
        const xml = fs.readFileSync(manifestPath, "utf8");
        const control = /<control\b[^>]*>/.exec(xml)?.[0] ?? "";
        const attr = (tag, name) => new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1];
        const name = `${PUBLISHER_PREFIX}_${attr(control, "namespace")}.${attr(control, "constructor")}`;
        if (!names.includes(name)) continue;
        found[name] = [...xml.matchAll(/<packaged_library\b[^>]*>/g)].map((m) => `/controls/${folder}/${attr(m[0], "path")}`);
    }
    return found;
}

/**
 * The platform libraries the page loads: for each UMD build the manifest brings in, the alias
 * pcf-scripts compiled into bundle.js (PlatformLibraryVersions.json: the entry whose [minVersion,
 * maxVersion] holds the manifest's version), whether bundle.js mentions it, and warnings.
 */
function platformLibraries(manifest, bundleText) {
    const table = JSON.parse(fs.readFileSync(PLATFORM_LIBRARY_VERSIONS, "utf8"));
    const warnings = [];
    const libraries = [];
    for (const build of UMD_BUILDS) {
        const declared = manifest.libraries.find((l) => l.name === build.manifestName);
        if (!declared) continue;
        const entry = (table[build.key] ?? []).find(
            (e) => compareVersions(declared.version, e.minVersion) >= 0 && compareVersions(declared.version, e.maxVersion) <= 0,
        );
        if (!entry) throw new Error(`PlatformLibraryVersions.json has no ${build.key} entry for ${build.manifestName} ${declared.version}.`);
        const pkgJson = JSON.parse(fs.readFileSync(path.join(ROOT, "node_modules", build.pkg, "package.json"), "utf8"));
        if (pkgJson.version !== entry.platformVersion) {
            warnings.push(`node_modules/${build.pkg} is ${pkgJson.version}; the platform serves ${entry.platformVersion}.`);
        }
        const referencedByBundle = bundleText !== null && new RegExp(`\\b${entry.libAlias}\\b`).test(bundleText);
        libraries.push({
            name: build.key === "react_dom" ? "ReactDOM" : build.manifestName,
            version: pkgJson.version,
            alias: entry.libAlias,
            umdGlobal: build.global,
            url: `/lib/${build.pkg}/${build.file}`,
            file: path.join(ROOT, "node_modules", build.pkg, build.file),
            referencedByBundle,
        });
    }
    if (bundleText !== null) {
        // Any platform alias bundle.js reads that the page would not define?
        const known = new Set(libraries.map((l) => l.alias));
        for (const list of Object.values(table)) {
            for (const e of list) {
                if (e.libAlias && !known.has(e.libAlias) && new RegExp(`\\b${e.libAlias}\\b`).test(bundleText)) {
                    warnings.push(`bundle.js reads the global ${e.libAlias}, which the sandbox does not provide.`);
                }
            }
        }
    }
    return { libraries, warnings };
}

function sandboxConfig() {
    const manifest = readManifest();
    const bundleText = fs.existsSync(BUNDLE) ? fs.readFileSync(BUNDLE, "utf8") : null;
    const { libraries, warnings } = platformLibraries(manifest, bundleText);
    return {
        config: {
            controlName: manifest.controlName,
            bundleUrl: "/control/bundle.js",
            resxUrl: `/control/${manifest.resx[0] ?? "strings/ImportMonitor.1033.resx"}`,
            // Per language (the LCID in the file name, <name>.<lcid>.resx), as the platform picks them.
            resxUrls: Object.fromEntries(manifest.resx.map((path) => [path.match(/\.(\d+)\.resx$/)?.[1] ?? "1033", `/control/${path}`])),
            // eslint-disable-next-line no-unused-vars -- `file` is the server's, not the page's
            libraries: libraries.map(({ file: _file, ...rest }) => rest),
            dependencies: dependencyScripts(manifest.dependencies),
        },
        libraries,
        warnings,
        bundleBuilt: bundleText !== null,
    };
}

/** The esbuild context of the page bundle (sandbox/page/*.ts → sandbox/.build/page.js). */
async function pageBuilder() {
    const esbuild = require("esbuild");
    const context = await esbuild.context({
        entryPoints: [PAGE_ENTRY],
        outfile: PAGE_OUT,
        bundle: true,
        format: "iife",
        platform: "browser",
        target: ["chrome100", "firefox100", "safari15"],
        sourcemap: true,
        logLevel: "silent",
        charset: "utf8",
        // A generated file: not for linting (eslint runs over sandbox/).
        banner: { js: "/* eslint-disable */ // Generated by sandbox/serve.js from sandbox/page/*.ts (esbuild); do not edit." },
    });
    let building = null;
    const build = async () => {
        // One build at a time; requests during a build share it.
        building ??= context.rebuild().finally(() => {
            building = null;
        });
        return building;
    };
    await build();
    return { build, dispose: () => context.dispose() };
}

function send(res, status, body, type = "text/plain; charset=utf-8") {
    res.writeHead(status, { "Content-Type": type, "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" });
    res.end(body);
}

function sendFile(res, file) {
    fs.readFile(file, (err, data) => {
        if (err) return send(res, err.code === "ENOENT" ? 404 : 500, err.code === "ENOENT" ? `Not found: ${path.relative(ROOT, file)}` : String(err));
        send(res, 200, data, CONTENT_TYPES[path.extname(file)] ?? "application/octet-stream");
    });
}

function newestMtime(dir) {
    let newest = 0;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        newest = Math.max(newest, entry.isDirectory() ? newestMtime(file) : fs.statSync(file).mtimeMs);
    }
    return newest;
}

/** `rel` inside `dir`, or null if it escapes it. */
function inside(dir, rel) {
    const file = path.resolve(dir, "." + path.posix.normalize("/" + rel));
    return file === dir || file.startsWith(dir + path.sep) ? file : null;
}

/**
 * Starts the server. Resolves with { url, port, close() } once it listens.
 * options: port (0 = any free port), host (default 127.0.0.1), quiet.
 */
async function startServer(options = {}) {
    const log = options.quiet ? () => undefined : (line) => console.log(line);
    const page = await pageBuilder();

    const server = http.createServer((req, res) => {
        if (req.method !== "GET" && req.method !== "HEAD") return send(res, 405, "Method not allowed");
        let pathname;
        try {
            pathname = decodeURIComponent(new URL(req.url ?? "/", "http://localhost").pathname);
        } catch {
            return send(res, 400, "Bad URL");
        }

        if (pathname === "/" || pathname === "/index.html") return sendFile(res, INDEX_HTML);
        if (pathname === "/favicon.ico") return send(res, 204, "");
        if (pathname === "/sandbox/page.js") {
            return void page.build().then(
                () => sendFile(res, PAGE_OUT),
                (e) => {
                    const text = (e.errors ?? []).map((m) => `${m.location?.file ?? ""}:${m.location?.line ?? ""} ${m.text}`).join("\n") || String(e);
                    console.error(`Building the sandbox page failed:\n${text}`);
                    send(res, 200, `console.error(${JSON.stringify("Building the sandbox page failed:\n" + text)});`, CONTENT_TYPES[".js"]);
                },
            );
        }
        if (pathname === "/sandbox/page.js.map") return sendFile(res, PAGE_OUT + ".map");
        if (pathname === "/sandbox/config.json") {
            try {
                const { config, bundleBuilt } = sandboxConfig();
                if (!bundleBuilt) return send(res, 503, "out/controls/ImportMonitor/bundle.js is missing: run `npm run build` first.");
                return send(res, 200, JSON.stringify(config, null, 2), CONTENT_TYPES[".json"]);
            } catch (e) {
                return send(res, 500, String(e));
            }
        }
        if (pathname.startsWith("/control/")) {
            const file = inside(CONTROL_DIR, pathname.slice("/control/".length));
            return file ? sendFile(res, file) : send(res, 404, "Not found");
        }
        if (pathname.startsWith("/controls/")) {
            // The built controls' files (a library control's packaged_library scripts).
            const file = inside(CONTROLS_DIR, pathname.slice("/controls/".length));
            return file ? sendFile(res, file) : send(res, 404, "Not found");
        }
        if (pathname.startsWith("/lib/")) {
            // Only the allow-listed UMD builds, never the rest of node_modules.
            const build = UMD_BUILDS.find((b) => pathname === `/lib/${b.pkg}/${b.file}`);
            return build ? sendFile(res, path.join(ROOT, "node_modules", build.pkg, build.file)) : send(res, 404, "Not found");
        }
        return send(res, 404, "Not found");
    });

    const host = options.host ?? process.env.HOST ?? "127.0.0.1";
    const port = options.port ?? 8181;
    await new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => {
            server.off("error", reject);
            resolve();
        });
    });
    const actualPort = server.address().port;
    const url = `http://${host === "127.0.0.1" || host === "::1" || host === "localhost" ? "localhost" : host}:${actualPort}/`;

    const { libraries, warnings, bundleBuilt } = sandboxConfig();
    if (!bundleBuilt) log("! out/controls/ImportMonitor/bundle.js is missing: run `npm run build` first.");
    else if (fs.statSync(BUNDLE).mtimeMs < newestMtime(path.join(ROOT, "ImportMonitor"))) {
        // pcf-scripts exits 0 even when its ESLint step fails: say so rather than serve an old build quietly.
        log("! bundle.js is older than ImportMonitor/: the last build may have failed (see its output); serving the previous build.");
    }
    for (const lib of libraries) {
        log(
            `  ${lib.name} ${lib.version}: node_modules/${path.relative(path.join(ROOT, "node_modules"), lib.file)} → window.${lib.umdGlobal} → window.${lib.alias}` +
                (bundleBuilt ? (lib.referencedByBundle ? " (read by bundle.js)" : " (not read by bundle.js)") : ""),
        );
    }
    for (const w of warnings) log(`! ${w}`);

    const sockets = new Set();
    server.on("connection", (socket) => {
        sockets.add(socket);
        socket.on("close", () => sockets.delete(socket));
    });
    return {
        url,
        port: actualPort,
        close: async () => {
            for (const s of sockets) s.destroy();
            await new Promise((resolve) => server.close(() => resolve()));
            await page.dispose();
        },
    };
}

module.exports = { startServer, sandboxConfig };

async function main() {
    const port = process.env.PORT ? Number(process.env.PORT) : 8181;
    let server;
    try {
        server = await startServer({ port });
    } catch (e) {
        console.error(e.code === "EADDRINUSE" ? `Port ${port} is in use: set PORT to another one.` : e);
        process.exit(1);
    }
    console.log(`ImportMonitor sandbox: ${server.url}`);
    console.log("  ?stepMs=50 speeds the stages up; Ctrl+C stops.");
    const stop = async () => {
        await server.close().catch(() => undefined);
        process.exit(0);
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
}

if (require.main === module) void main();
