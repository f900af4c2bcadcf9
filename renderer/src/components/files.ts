// Files the station hands the screen (PDF reports, certificates): their base64 turned back into
// bytes, and saved through the browser's download.
export function bytesOfBase64(base64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

export function saveFile(name: string, type: string, data: string | Uint8Array<ArrayBuffer>): void {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  // Revoked later, not at once: the browser may start the download after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
