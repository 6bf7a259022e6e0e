/**
 * The control's strings, read the way the platform's `resources.getString` does: the resx the manifest
 * names, fetched from the built control folder and parsed with DOMParser.
 */

/** Parses resx XML into a name → value map. */
export function parseResx(xml: string): Map<string, string> {
    const doc = new DOMParser().parseFromString(xml, "application/xml");
    const parserError = doc.getElementsByTagName("parsererror")[0];
    if (parserError) throw new Error(`The resx is not well-formed XML: ${parserError.textContent ?? ""}`);
    const strings = new Map<string, string>();
    for (const data of Array.from(doc.getElementsByTagName("data"))) {
        const name = data.getAttribute("name");
        const value = data.getElementsByTagName("value")[0];
        if (name && value) strings.set(name, value.textContent ?? "");
    }
    return strings;
}

export async function loadResx(url: string): Promise<Map<string, string>> {
    const response = await fetch(url, { cache: "no-store" });
    if (!response.ok) throw new Error(`Could not load ${url}: HTTP ${response.status}`);
    return parseResx(await response.text());
}
