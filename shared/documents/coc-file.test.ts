import { describe, expect, it } from 'vitest';
import { cocFileName, cocMediaOf, STORED_COC_PATH, storedCocOf } from './coc-file';

const bytes = (...b: number[]) => new Uint8Array(b);

describe('CoC file type from its bytes', () => {
  it.each<[string, Uint8Array, string | null]>([
    ['PDF', new TextEncoder().encode('%PDF-1.7\n'), 'application/pdf'],
    ['JPEG', bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10), 'image/jpeg'],
    ['PNG', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0), 'image/png'],
    ['PNG cut short', bytes(0x89, 0x50, 0x4e, 0x47), null],
    ['a Word file (zip)', bytes(0x50, 0x4b, 0x03, 0x04), null],
    ['a text file named .pdf', new TextEncoder().encode('PDF certificate'), null],
    ['empty', bytes(), null],
  ])('%s', (_, head, want) => {
    expect(cocMediaOf(head)?.mediaType ?? null).toBe(want);
  });
});

describe('stored CoC names', () => {
  const pdf = cocMediaOf(new TextEncoder().encode('%PDF-'))!;
  const jpg = cocMediaOf(bytes(0xff, 0xd8, 0xff))!;
  it.each<[string, typeof pdf, string]>([
    ['CoC DK2507Q.pdf', pdf, 'CoC DK2507Q.pdf'],
    ['../../etc/passwd', pdf, '_.._etc_passwd.pdf'], // no folder survives
    ['Zertifikat für Charge 7.PDF', pdf, 'Zertifikat f_r Charge 7.pdf'],
    ['IMG_0042.HEIC', jpg, 'IMG_0042.jpg'],
    ['....', pdf, 'coc.pdf'],
    ['', jpg, 'coc.jpg'],
  ])('%j → %j', (name, media, want) => {
    const stored = cocFileName(name, media);
    expect(stored).toBe(want);
    expect(STORED_COC_PATH.test(`documents/${'a'.repeat(64)}/${stored}`)).toBe(true);
  });
});

describe('the document a stored CoC path names', () => {
  const sha = 'ab'.repeat(32);
  it.each<[string, { sha256: string; name: string } | null]>([
    [`documents/${sha}/CoC DK2507Q.pdf`, { sha256: sha, name: 'CoC DK2507Q.pdf' }],
    ['/scans/coc/DK2507Q.pdf', null], // typed by the clerk: nothing the station keeps
    [`documents/${sha.toUpperCase()}/CoC.pdf`, null],
    [`documents/${sha}/../station.db`, null],
    [`documents/${sha}/.hidden.pdf`, null],
    [`documents/${sha}/a/b.pdf`, null],
  ])('%s', (path, want) => {
    expect(storedCocOf(path)).toEqual(want);
  });
});
