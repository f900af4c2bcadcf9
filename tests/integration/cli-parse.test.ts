// `lotline parse` as a real process: JSON-string lines on stdin (control characters included),
// one JSON result per line on stdout, a garbage line answered rather than fatal.
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'lotline.mjs');

function run(args: string[], stdin: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: root, env: { ...process.env, LOTLINE_FROM_SOURCE: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

describe('lotline parse', () => {
  it('answers every stdin line with one JSON result, in order', async () => {
    const scans = [
      ']C10109501101530003172501001010ABC',
      '[)>\u001e06\u001dP296-1234-1-ND\u001d1PSN74LVC1G08DBVR\u001dQ250\u001e\u0004',
      '0109501101530003^10LOT1^21S1',
      '+A99912345/$$52001510X33',
    ];
    const input = [...scans.map((s) => JSON.stringify(s)), 'this is not json', '{"scan":1}', JSON.stringify('(01)09501101530004')].join('\n') + '\n';
    const { code, stdout, stderr } = await run(['parse', '--gs-substitute', '^', '--reference-year', '2025'], input);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(7);
    for (const l of lines) expect(Object.keys(l).slice(0, 7)).toEqual(['ok', 'format', 'symbology', 'elements', 'fields', 'repairs', 'strict']);
    expect(lines[0]).toMatchObject({ ok: true, format: 'gs1', symbology: { id: ']C1' }, elements: [['01', '09501101530003'], ['17', '250100'], ['10', '10ABC']], fields: { expiry: '2025-01-31' }, strict: { ok: true } });
    expect(lines[1]).toMatchObject({ ok: true, format: 'iso15434', fields: { quantity: 250, manufacturerPart: 'SN74LVC1G08DBVR' } });
    expect(lines[2]).toMatchObject({ ok: true, fields: { lot: 'LOT1', serial: 'S1' }, repairs: [{ kind: 'gs_substitute' }] });
    expect(lines[3]).toMatchObject({ ok: true, format: 'hibc' });
    expect(lines[4]).toMatchObject({ ok: false, error: { kind: 'malformed' } });
    expect(lines[5]).toMatchObject({ ok: false, error: { kind: 'malformed' } });
    expect(lines[6]).toMatchObject({ ok: false, format: 'gs1-hri', error: { kind: 'check_digit', position: 17 } });
    expect(lines[0]).not.toHaveProperty('error');
  });

  it('--text parses one scan; exit 1 when it does not parse', () => {
    const good = spawnSync(process.execPath, [bin, 'parse', '--text', ']C10109501101530003172501001010ABC'], { cwd: root, encoding: 'utf8' });
    expect(good.status).toBe(0);
    expect(JSON.parse(good.stdout)).toMatchObject({ ok: true, fields: { gtin: '09501101530003', lot: '10ABC' } });
    const bad = spawnSync(process.execPath, [bin, 'parse', '--text', ']C10109501101530004'], { cwd: root, encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(JSON.parse(bad.stdout)).toMatchObject({ ok: false, error: { kind: 'check_digit' } });
  });
});
