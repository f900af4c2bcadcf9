import { describe, expect, it } from 'vitest';
import { encodeCommand, formatWeight, parseResponse } from './mtsics';

describe('MT-SICS responses', () => {
  it.each([
    ['S S     100.00 g', { kind: 'weight', id: 'S', status: 'S', value: 100, unit: 'g', decimals: 2 }],
    ['S D      99.98 g', { kind: 'weight', id: 'S', status: 'D', value: 99.98, unit: 'g', decimals: 2 }],
    ['S S     -12.345 kg', { kind: 'weight', id: 'S', status: 'S', value: -12.345, unit: 'kg', decimals: 3 }],
    ['S S   -   0.5 lb', { kind: 'weight', id: 'S', status: 'S', value: -0.5, unit: 'lb', decimals: 1 }],
    ['T S      25.00 g', { kind: 'weight', id: 'T', status: 'S', value: 25, unit: 'g', decimals: 2 }],
    ['TA A     25.00 g', { kind: 'weight', id: 'TA', status: 'A', value: 25, unit: 'g', decimals: 2 }],
    ['S I', { kind: 'status', id: 'S', status: 'I' }],
    ['S +', { kind: 'status', id: 'S', status: '+' }],
    ['S -', { kind: 'status', id: 'S', status: '-' }],
    ['Z A', { kind: 'status', id: 'Z', status: 'A' }],
    ['Z I', { kind: 'status', id: 'Z', status: 'I' }],
    ['T +', { kind: 'status', id: 'T', status: '+' }],
    ['TAC A', { kind: 'status', id: 'TAC', status: 'A' }],
    ['I4 A "B021002593"', { kind: 'text', id: 'I4', status: 'A', text: 'B021002593' }],
    ['ES', { kind: 'error', code: 'ES' }],
    ['ET', { kind: 'error', code: 'ET' }],
    ['EL', { kind: 'error', code: 'EL' }],
  ])('%j', (line, expected) => {
    expect(parseResponse(line)).toEqual(expected);
  });

  it.each([
    ['', 'not an MT-SICS response'],
    ['XYZ A', 'unknown response'],
    ['S S     1x0.00 g', 'bad weight'],
    ['S S     100.00 furlong', 'unknown unit'],
    ['S S', 'needs a value'],
    ['Z A 12 g', 'unexpected'],
    ['S S \x00\xff 1 g', 'non-printable'],
    ['I4 A B02', 'I4 answer'],
  ])('garbage %j', (line, why) => {
    const r = parseResponse(line);
    expect(r.kind).toBe('garbage');
    if (r.kind === 'garbage') expect(r.why).toContain(why);
  });

  it('formatWeight is what parseResponse reads', () => {
    const line = formatWeight('S', 'D', -3.2, 3, 'kg');
    expect(line).toBe('S D     -3.200 kg');
    expect(parseResponse(line)).toMatchObject({ kind: 'weight', status: 'D', value: -3.2, unit: 'kg', decimals: 3 });
  });

  it('encodes commands with CR LF', () => {
    expect(encodeCommand('SI').toString()).toBe('SI\r\n');
    expect(encodeCommand('TA', '10.00 g').toString()).toBe('TA 10.00 g\r\n');
  });
});
