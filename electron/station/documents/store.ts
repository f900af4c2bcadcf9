// The station's store of received documents (certificates of conformance): uploaded in
// chunks that fit the API's message bound, checked for type and size, and kept under the hash
// of their bytes in <data>/documents/<sha256>/<name>. A stored file is never overwritten while
// it is whole; one found damaged is written again from the new upload.
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { refusal } from '../../../shared/contract/problems';
import { COC_MAX_BYTES, cocFileName, cocMediaOf, STORED_COC_PATH, type CocMedia } from '../../../shared/documents/coc-file';

/** An upload not continued for this long is dropped with what it received. */
const UPLOAD_IDLE_MS = 10 * 60_000;
/** Uploads open at once: a station has one receiving clerk; more is a client gone wrong. */
const MAX_OPEN_UPLOADS = 4;

interface Upload {
  readonly chunks: Buffer[];
  bytes: number;
  next: number;
  lastMs: number;
}

export type StoredCoc = { readonly kind: 'file' | 'photo'; readonly path: string; readonly bytes: number };
export type UploadStep = { readonly done: false; readonly received: number } | { readonly done: true; readonly coc: StoredCoc };

const tooLarge = () => refusal('invalid_input', 'coc_too_large', { maxMb: COC_MAX_BYTES / 1024 / 1024 }, `A certificate is at most ${COC_MAX_BYTES / 1024 / 1024} MB: scan it at a lower resolution.`);

export class DocumentStore {
  private readonly uploads = new Map<string, Upload>();

  constructor(private readonly dataDir: string) {}

  /** Adds chunk `index` of upload `uploadId`; the last one stores the document and says where. */
  async append(uploadId: string, index: number, base64: string, last: boolean, name: string, nowMs: number): Promise<UploadStep> {
    for (const [id, u] of this.uploads) if (nowMs - u.lastMs > UPLOAD_IDLE_MS) this.uploads.delete(id);
    let up = this.uploads.get(uploadId);
    if (!up && index === 0) {
      if (this.uploads.size >= MAX_OPEN_UPLOADS) throw refusal('conflict', 'coc_upload_broken', {}, 'Too many certificate uploads are open: choose the file again.');
      up = { chunks: [], bytes: 0, next: 0, lastMs: nowMs };
    }
    if (!up || up.next !== index) {
      this.uploads.delete(uploadId);
      throw refusal('conflict', 'coc_upload_broken', {}, 'The certificate upload was interrupted: choose the file again.');
    }
    const chunk = Buffer.from(base64, 'base64');
    // The type is known from the first bytes: a wrong file is refused before megabytes follow it.
    if (index === 0 && !cocMediaOf(chunk.subarray(0, 16))) {
      this.uploads.delete(uploadId);
      throw refusal('invalid_input', 'coc_file_type', { name }, `${name} is not a PDF, JPEG or PNG file: attach the certificate as PDF or as a photo.`);
    }
    if (up.bytes + chunk.length > COC_MAX_BYTES) {
      this.uploads.delete(uploadId);
      throw tooLarge();
    }
    up.chunks.push(chunk);
    up.bytes += chunk.length;
    up.next += 1;
    up.lastMs = nowMs;
    this.uploads.set(uploadId, up);
    if (!last) return { done: false, received: up.bytes };
    this.uploads.delete(uploadId);
    return { done: true, coc: await this.store(Buffer.concat(up.chunks), name) };
  }

  private async store(bytes: Buffer, name: string): Promise<StoredCoc> {
    const media = cocMediaOf(bytes.subarray(0, 16))!;
    const sha = createHash('sha256').update(bytes).digest('hex');
    const rel = `documents/${sha}/${cocFileName(name, media)}`;
    if (!(await this.read(rel))) {
      const file = join(this.dataDir, rel);
      await mkdir(join(this.dataDir, 'documents', sha), { recursive: true });
      // Written beside, then renamed: a crash leaves no half document under its final name.
      const tmp = `${file}.${randomUUID()}.part`;
      await writeFile(tmp, bytes, { flush: true });
      await rename(tmp, file);
    }
    return { kind: media.kind, path: rel, bytes: bytes.length };
  }

  /** A stored document's bytes and type; null when `path` names none, or its bytes no longer match their hash. */
  async read(path: string): Promise<{ readonly bytes: Buffer; readonly media: CocMedia; readonly name: string } | null> {
    const m = STORED_COC_PATH.exec(path);
    if (!m) return null;
    const file = join(this.dataDir, path);
    const st = await stat(file).catch(() => null);
    if (!st?.isFile() || st.size > COC_MAX_BYTES) return null;
    // Hashed a piece at a time as it is read: 10 MB hashed in one go would hold the event loop a scan needs.
    const hash = createHash('sha256');
    const chunks: Buffer[] = [];
    try {
      for await (const chunk of createReadStream(file, { highWaterMark: 256 * 1024 }) as AsyncIterable<Buffer>) {
        hash.update(chunk);
        chunks.push(chunk);
      }
    } catch {
      return null;
    }
    const bytes = Buffer.concat(chunks);
    const media = cocMediaOf(bytes.subarray(0, 16));
    return media && hash.digest('hex') === m[1] ? { bytes, media, name: m[2]! } : null;
  }
}
