/** Reads the control's resx the way the platform's resources.getString does, for tests and fakes. */
import * as fs from "fs";
import * as path from "path";

export const RESX_PATH = path.join(__dirname, "..", "..", "ImportMonitor", "strings", "ImportMonitor.1033.resx");

const decode = (s: string) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&amp;/g, "&");

export function readResx(file = RESX_PATH): Map<string, string> {
    const xml = fs.readFileSync(file, "utf8");
    const strings = new Map<string, string>();
    for (const m of xml.matchAll(/<data name="([^"]+)"[^>]*>\s*<value>([\s\S]*?)<\/value>/g)) {
        strings.set(m[1], decode(m[2]));
    }
    return strings;
}
