import "@testing-library/jest-dom";
import { TextDecoder, TextEncoder } from "util";

// jsdom lacks TextDecoder and TextEncoder (browsers have them): the CSV library decodes files added to an import with
// TextDecoder. Node's are the WHATWG ones (full ICU: windows-1252 and UTF-16 too).
if (typeof globalThis.TextDecoder === "undefined") Object.assign(globalThis, { TextDecoder, TextEncoder });
