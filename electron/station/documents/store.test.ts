// The document store on a real folder: chunks in order make one stored file under its hash;
// anything else is refused and leaves nothing behind.
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { COC_MAX_BYTES } from '../../../shared/documents/coc-file';
import { DocumentStore } from './store';

const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(300_000, 7)]);
const b64 = (b: Buffer) => b.toString('base64');

describe('document store', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const store = () => new DocumentStore((dir = mkdtempSync(join(tmpdir(), 'lotline-docs-'))));

  it('stores the chunks of an upload as one file under the hash of its bytes, once', () => {
    const s = store();
    const id = randomUUID();
    expect(s.append(id, 0, b64(pdf.subarray(0, 144_000)), false, 'CoC DK2507Q.pdf', 0)).toEqual({ done: false, received: 144_000 });
    const last = s.append(id, 1, b64(pdf.subarray(144_000)), true, 'CoC DK2507Q.pdf', 1);
    const sha = createHash('sha256').update(pdf).digest('hex');
    expect(last).toEqual({ done: true, coc: { kind: 'file', path: `documents/${sha}/CoC DK2507Q.pdf`, bytes: pdf.length } });
    expect(readFileSync(join(dir, 'documents', sha, 'CoC DK2507Q.pdf')).equals(pdf)).toBe(true);
    expect(s.holds(`documents/${sha}/CoC DK2507Q.pdf`)).toBe(true);
    // The same bytes again: the same place, nothing written twice.
    expect(s.append(randomUUID(), 0, b64(pdf), true, 'CoC DK2507Q.pdf', 2)).toEqual(last);
    expect(readdirSync(join(dir, 'documents', sha))).toEqual(['CoC DK2507Q.pdf']);
  });

  it('a changed stored file, or a path outside the store, is not held', () => {
    const s = store();
    const r = s.append(randomUUID(), 0, b64(pdf), true, 'c.pdf', 0);
    if (!r.done) throw new Error('not stored');
    writeFileSync(join(dir, r.coc.path), Buffer.from('%PDF-1.7 edited'));
    expect(s.holds(r.coc.path)).toBe(false);
    expect(s.holds('documents/../station.db')).toBe(false);
    expect(s.holds(`documents/${'0'.repeat(64)}/c.pdf`)).toBe(false);
  });

  it.each<[string, (s: DocumentStore) => unknown, string]>([
    ['a chunk out of order', (s) => (s.append('u1', 0, b64(pdf.subarray(0, 10)), false, 'c.pdf', 0), s.append('u1', 2, b64(pdf.subarray(10, 20)), true, 'c.pdf', 0)), 'coc_upload_broken'],
    ['a continuation of an upload never begun', (s) => s.append('u2', 1, b64(pdf), true, 'c.pdf', 0), 'coc_upload_broken'],
    ['an upload idle for more than ten minutes', (s) => (s.append('u3', 0, b64(pdf.subarray(0, 10)), false, 'c.pdf', 0), s.append('u3', 1, b64(pdf.subarray(10)), true, 'c.pdf', 11 * 60_000)), 'coc_upload_broken'],
    ['a Word file', (s) => s.append('u4', 0, b64(Buffer.from('PK\u0003\u0004word')), true, 'coc.docx', 0), 'coc_file_type'],
    ['more than the limit', (s) => s.append('u5', 0, b64(Buffer.alloc(COC_MAX_BYTES + 1, 0x25)), true, 'big.pdf', 0), 'coc_too_large'],
  ])('refuses %s and stores nothing', (_, act, problem) => {
    const s = store();
    let refused: unknown = null;
    try {
      act(s);
    } catch (err) {
      refused = err;
    }
    expect((refused as { details?: { problem?: string } } | null)?.details?.problem).toBe(problem);
    expect(readdirSync(dir)).toEqual([]);
  });
});
