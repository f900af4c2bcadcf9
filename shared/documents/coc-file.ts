// A certificate of conformance attached at receiving: a PDF (file) or a photo of the paper
// (JPEG/PNG), kept by the station under the hash of its bytes, so the record names exactly the
// document QA released the lot on. The type is read from the bytes, not from the name.

/** A CoC larger than this is refused: a scanned certificate is well under it. */
export const COC_MAX_BYTES = 10 * 1024 * 1024;
/** Base64 characters per upload chunk: one chunk and its envelope stay under MAX_MESSAGE_BYTES. */
export const COC_CHUNK_BASE64 = 192_000;

export interface CocMedia {
  readonly mediaType: 'application/pdf' | 'image/jpeg' | 'image/png';
  readonly ext: 'pdf' | 'jpg' | 'png';
  readonly kind: 'file' | 'photo';
}

const startsWith = (head: Uint8Array, magic: readonly number[]) => magic.every((b, i) => head[i] === b);

/** The CoC's type from its first bytes; null for anything else (a Word file, an executable). */
export function cocMediaOf(head: Uint8Array): CocMedia | null {
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) return { mediaType: 'application/pdf', ext: 'pdf', kind: 'file' }; // %PDF-
  if (startsWith(head, [0xff, 0xd8, 0xff])) return { mediaType: 'image/jpeg', ext: 'jpg', kind: 'photo' };
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { mediaType: 'image/png', ext: 'png', kind: 'photo' };
  return null;
}

/**
 * The name a stored CoC keeps: the clerk's file name with only plain characters, ending in the
 * extension of its real type, so it opens as what it is.
 */
export function cocFileName(name: string, media: CocMedia): string {
  const base = name.replace(/\.[A-Za-z0-9]{1,5}$/, '').replace(/[^A-Za-z0-9._ -]+/g, '_').replace(/^[ .]+|[ .]+$/g, '').slice(0, 100) || 'coc';
  return `${base}.${media.ext}`;
}

/** Where a stored CoC lives, relative to the station's data folder: documents/<sha256>/<name>; a name never starts with a dot or a blank. */
export const STORED_COC_PATH = /^documents\/([0-9a-f]{64})\/([A-Za-z0-9_-][A-Za-z0-9._ -]{0,109})$/;

/** The document a stored CoC path names (its hash and file name); null for a path outside the store (e.g. a typed one). */
export function storedCocOf(path: string): { readonly sha256: string; readonly name: string } | null {
  const m = STORED_COC_PATH.exec(path);
  return m ? { sha256: m[1]!, name: m[2]! } : null;
}
