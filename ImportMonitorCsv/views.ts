/**
 * The views the library carries: the bodies of the CSV preview panel and the Add files panel, and "Fix and import
 * again". They are ImportMonitor's own components (ImportMonitor/components), rendered inside the control's own
 * panels once the library has loaded (ImportMonitor/components/CsvViews.tsx). Imported only through `loadViews`.
 */
export { AddFilesBody } from "../ImportMonitor/components/AddFilesBody";
export { FixFailures } from "../ImportMonitor/components/FixFailures";
export { PreviewBody } from "../ImportMonitor/components/PreviewBody";
