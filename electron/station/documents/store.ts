// The station's store of received documents (certificates of conformance): uploaded in
// chunks that fit the API's message bound, checked for type and size, and kept under the hash
// of their bytes in <data>/documents/<sha256>/<name>. A stored file is never overwritten.
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { refusal } from '../../../shared/contract/problems';
import { COC_MAX_BYTES, cocFileName, cocMediaOf, STORED_COC_PATH, type CocMedia } from '../../../shared/documents/coc-file';

/** An upload not continued for this long is dropped with what it received. */
const UPLOAD_IDLE_MS = 10 * 60_000;

interface Upload {
  readonly chunks: Buffer[];
  bytes: number;
  next: number;
  lastMs: number;
}

export type UploadStep = { readonly done: false; readonly received: number } | { readonly done: true; readonly coc: { readonly kind: 'file' | 'photo'; readonly path: string; readonly bytes: number } };

export class DocumentStore {
  private readonly uploads = new Map<string, Upload>();

  constructor(private readonly dataDir: string) {}

  /** Adds chunk `index` of upload `uploadId`; the last one stores the document and says where. */
  append(uploadId: string, index: number, base64: string, last: boolean, name: string, nowMs: number): UploadStep {
    for (const [id, u] of this.uploads) if (nowMs - u.lastMs > UPLOAD_IDLE_MS) this.uploads.delete(id);
    const up = this.uploads.get(uploadId) ?? (index === 0 ? { chunks: [], bytes: 0, next: 0, lastMs: nowMs } : undefined);
    if (!up || up.next !== index) {
      this.uploads.delete(uploadId);
      throw refusal('conflict', 'coc_upload_broken', {}, 'The certificate upload was interrupted: choose the file again.');
    }
    const chunk = Buffer.from(base64, 'base64');
    up.bytes += chunk.length;
    if (up.bytes > COC_MAX_BYTES) {
      this.uploads.delete(uploadId);
      throw refusal('invalid_input', 'coc_too_large', { maxMb: COC_MAX_BYTES / 1024 / 1024 }, `A certificate is at most ${COC_MAX_BYTES / 1024 / 1024} MB: scan it at a lower resolution.`);
    }
    up.chunks.push(chunk);
    up.next += 1;
    up.lastMs = nowMs;
    this.uploads.set(uploadId, up);
    if (!last) return { done: false, received: up.bytes };
    this.uploads.delete(uploadId);
    return { done: true, coc: this.store(Buffer.concat(up.chunks), name) };
  }

  private store(bytes: Buffer, name: string) {
    const media = cocMediaOf(bytes.subarray(0, 16));
    if (!media) throw refusal('invalid_input', 'coc_file_type', { name }, `${name} is not a PDF, JPEG or PNG file: attach the certificate as PDF or as a photo.`);
    const sha = createHash('sha256').update(bytes).digest('hex');
    const rel = `documents/${sha}/${cocFileName(name, media)}`;
    const file = join(this.dataDir, rel);
    if (!existsSync(file)) {
      mkdirSync(join(this.dataDir, 'documents', sha), { recursive: true });
      // Written beside, then renamed: a crash leaves no half document under its final name.
      const tmp = `${file}.${randomUUID()}.part`;
      writeFileSync(tmp, bytes, { flush: true });
      renameSync(tmp, file);
    }
    return { kind: media.kind, path: rel, bytes: bytes.length };
  }

  /** Whether `path` names a document this station stores, whole: its bytes still hash to its folder. */
  holds(path: string): boolean {
    return this.read(path) !== null;
  }

  /** A stored document's bytes and type; null when `path` names none, or its bytes no longer match their hash. */
  read(path: string): { readonly bytes: Buffer; readonly media: CocMedia; readonly name: string } | null {
    const m = STORED_COC_PATH.exec(path);
    if (!m) return null;
    const file = join(this.dataDir, path);
    if (!existsSync(file)) return null;
    const bytes = readFileSync(file);
    const media = cocMediaOf(bytes.subarray(0, 16));
    return media && createHash('sha256').update(bytes).digest('hex') === m[1] ? { bytes, media, name: m[2]! } : null;
  }
}
