/** The control's strings (ImportMonitor/strings/ImportMonitor.1033.resx) as a name → value object. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./paths.mjs";

const ENTITIES = { "&lt;": "<", "&gt;": ">", "&amp;": "&", "&quot;": '"', "&apos;": "'" };

export function readStrings() {
    const xml = readFileSync(join(ROOT, "ImportMonitor", "strings", "ImportMonitor.1033.resx"), "utf8");
    const strings = {};
    for (const m of xml.matchAll(/<data\s+name="([^"]+)"[^>]*>\s*<value>([\s\S]*?)<\/value>/g)) {
        strings[m[1]] = m[2].replace(/&(lt|gt|amp|quot|apos);/g, (e) => ENTITIES[e]);
    }
    return strings;
}
