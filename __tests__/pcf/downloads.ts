/** What components/download.ts hands to the browser: the blobs and file names of every download, read back. */
export function captureDownloads() {
    const blobs: Blob[] = [];
    const names: string[] = [];
    URL.createObjectURL = jest.fn((b: Blob) => {
        blobs.push(b);
        return "blob:test";
    });
    URL.revokeObjectURL = jest.fn();
    const click = jest.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
        names.push(this.download);
    });
    const read = <T,>(b: Blob, how: "readAsText" | "readAsArrayBuffer") =>
        new Promise<T>((resolve) => {
            const reader = new FileReader();
            reader.onload = () => resolve(reader.result as T);
            reader[how](b);
        });
    return {
        blobs,
        names,
        text: (b: Blob) => read<string>(b, "readAsText"),
        bytes: async (b: Blob) => new Uint8Array(await read<ArrayBuffer>(b, "readAsArrayBuffer")),
        restore: () => click.mockRestore(),
    };
}
