// `lotline label` as a real process: ZPL identical to the golden file, PNG written to --out, the
// template listing, and bad data answered with field errors and exit 1 (nothing on stdout).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');
const bin = join(root, 'bin', 'lotline.mjs');
const run = (args: string[], input?: string) => spawnSync(process.execPath, [bin, 'label', ...args], { cwd: root, encoding: 'utf8', input });

describe('lotline label', () => {
  it('render --format zpl prints the golden ZPL', () => {
    const r = run(['render', '--template', 'fg-udi-lot', '--data', join(root, 'resources/labels/fg-udi-lot.example.json'), '--reference-year', '2026']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(readFileSync(join(root, 'tests/integration/labels/golden/fg-udi-lot.zpl'), 'utf8'));
  });

  it('render --format png --dpi 300 --out writes a PNG at printer dots', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'lotline-label-')), 'l.png');
    const r = run(['render', '--template', 'material-lot', '--data', 'example', '--format', 'png', '--dpi', '300', '--out', out, '--reference-year', '2026']);
    expect(r.status).toBe(0);
    const png = readFileSync(out);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(1181); // 100 mm at 300 dpi
  });

  it('bad data: one line per field error, exit 1, nothing rendered', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lotline-label-'));
    const data = join(dir, 'bad.json');
    writeFileSync(data, JSON.stringify({ ...JSON.parse(readFileSync(join(root, 'resources/labels/fg-udi-lot.example.json'), 'utf8')), gtin: '09506000134353', lot: undefined }));
    const r = run(['render', '--template', 'fg-udi-lot', '--data', data]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^lot: Lot is required$/m);
  });

  it('templates --json lists id, size, dpi and fields', () => {
    const r = run(['templates', '--json']);
    expect(r.status).toBe(0);
    const list = JSON.parse(r.stdout) as { id: string; dpi: number; fields: { name: string; required: boolean }[] }[];
    expect(list.map((t) => t.id)).toEqual(['carton-sscc', 'fg-udi-lot', 'material-lot', 'smt-reel']);
    expect(list.find((t) => t.id === 'fg-udi-lot')!.fields).toContainEqual(expect.objectContaining({ name: 'serial', required: false }));
  });

  it('usage errors exit 2', () => {
    expect(run(['render', '--template', 'fg-udi-lot']).status).toBe(2);
    expect(run(['render', '--template', 'fg-udi-lot', '--data', 'example', '--dpi', '400']).status).toBe(2);
  });
});
