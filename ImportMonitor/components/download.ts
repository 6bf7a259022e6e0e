/** Hands CSV text to the browser as a file download (a Blob URL on a temporary link), then lets it go. */
export function downloadText(fileName: string, text: string): void {
    // A BOM so Excel reads the UTF-8 correctly.
    const blob = new Blob(["\uFEFF", text], { type: "text/csv;charset=utf-8" });
    const url = URL.createObjectURL(blob);
    const link = document.createElement("a");
    link.href = url;
    link.download = fileName;
    link.style.display = "none";
    document.body.appendChild(link);
    link.click();
    link.remove();
    // Some browsers read the blob after click() returns: let the URL go only once the download has it.
    setTimeout(() => URL.revokeObjectURL(url), 60000);
}
