// The document store on a real folder: chunks in order make one stored file under its hash;
// anything else is refused and leaves nothing behind.
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { COC_MAX_BYTES } from '../../../shared/documents/coc-file';
import { DocumentStore } from './store';

const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(300_000, 7)]);
const b64 = (b: Buffer) => b.toString('base64');
const problemOf = async (act: () => Promise<unknown>) => {
  try {
    await act();
  } catch (err) {
    return (err as { details?: { problem?: string } }).details?.problem ?? String(err);
  }
  return null;
};

describe('document store', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const store = () => new DocumentStore((dir = mkdtempSync(join(tmpdir(), 'lotline-docs-'))));

  it('stores the chunks of an upload as one file under the hash of its bytes, once', async () => {
    const s = store();
    const id = randomUUID();
    expect(await s.append(id, 0, b64(pdf.subarray(0, 144_000)), false, 'CoC DK2507Q.pdf', 0)).toEqual({ done: false, received: 144_000 });
    const last = await s.append(id, 1, b64(pdf.subarray(144_000)), true, 'CoC DK2507Q.pdf', 1);
    const sha = createHash('sha256').update(pdf).digest('hex');
    expect(last).toEqual({ done: true, coc: { kind: 'file', path: `documents/${sha}/CoC DK2507Q.pdf`, bytes: pdf.length } });
    expect(readFileSync(join(dir, 'documents', sha, 'CoC DK2507Q.pdf')).equals(pdf)).toBe(true);
    expect((await s.read(`documents/${sha}/CoC DK2507Q.pdf`))?.media.kind).toBe('file');
    // The same bytes again: the same place, nothing written twice.
    expect(await s.append(randomUUID(), 0, b64(pdf), true, 'CoC DK2507Q.pdf', 2)).toEqual(last);
    expect(readdirSync(join(dir, 'documents', sha))).toEqual(['CoC DK2507Q.pdf']);
  });

  it('a damaged stored file is not read, and the next upload of the same bytes writes it whole again', async () => {
    const s = store();
    const r = await s.append(randomUUID(), 0, b64(pdf), true, 'c.pdf', 0);
    if (!r.done) throw new Error('not stored');
    writeFileSync(join(dir, r.coc.path), Buffer.from('%PDF-1.7 edited'));
    expect(await s.read(r.coc.path)).toBeNull();
    expect(await s.append(randomUUID(), 0, b64(pdf), true, 'c.pdf', 1)).toEqual(r);
    expect((await s.read(r.coc.path))?.bytes.equals(pdf)).toBe(true);
  });

  it('reads nothing outside a stored file: another folder, a name that is a folder, an unknown hash', async () => {
    const s = store();
    const sha = createHash('sha256').update(pdf).digest('hex');
    mkdirSync(join(dir, 'documents', sha, 'sub'), { recursive: true });
    for (const path of ['documents/../station.db', `documents/${sha}/..`, `documents/${sha}/.`, `documents/${sha}/sub`, `documents/${'0'.repeat(64)}/c.pdf`]) expect(await s.read(path)).toBeNull();
  });

  it('takes a certificate of exactly the limit', async () => {
    const s = store();
    const big = Buffer.alloc(COC_MAX_BYTES, 0x20);
    big.write('%PDF-1.7\n');
    expect(await s.append(randomUUID(), 0, b64(big), true, 'big.pdf', 0)).toMatchObject({ done: true, coc: { bytes: COC_MAX_BYTES } });
  });

  it.each<[string, (s: DocumentStore) => Promise<unknown>, string]>([
    ['a chunk out of order', async (s) => (await s.append('u1', 0, b64(pdf.subarray(0, 10)), false, 'c.pdf', 0), s.append('u1', 2, b64(pdf.subarray(10, 20)), true, 'c.pdf', 0)), 'coc_upload_broken'],
    ['a continuation of an upload never begun', (s) => s.append('u2', 1, b64(pdf), true, 'c.pdf', 0), 'coc_upload_broken'],
    ['an upload idle for more than ten minutes', async (s) => (await s.append('u3', 0, b64(pdf.subarray(0, 10)), false, 'c.pdf', 0), s.append('u3', 1, b64(pdf.subarray(10)), true, 'c.pdf', 11 * 60_000)), 'coc_upload_broken'],
    ['a Word file, at its first chunk', (s) => s.append('u4', 0, b64(Buffer.from('PK\u0003\u0004word')), false, 'coc.docx', 0), 'coc_file_type'],
    ['one byte more than the limit', async (s) => (await s.append('u5', 0, b64(Buffer.concat([Buffer.from('%PDF-'), Buffer.alloc(COC_MAX_BYTES - 5)])), false, 'big.pdf', 0), s.append('u5', 1, b64(Buffer.alloc(1)), true, 'big.pdf', 0)), 'coc_too_large'],
    ['a fifth upload open at once', async (s) => {
      for (const id of ['a', 'b', 'c', 'd']) await s.append(id, 0, b64(pdf.subarray(0, 10)), false, 'c.pdf', 0);
      return s.append('e', 0, b64(pdf.subarray(0, 10)), false, 'c.pdf', 0);
    }, 'coc_upload_broken'],
  ])('refuses %s and stores nothing', async (_, act, problem) => {
    const s = store();
    expect(await problemOf(() => act(s))).toBe(problem);
    expect(readdirSync(dir)).toEqual([]);
  });
});
