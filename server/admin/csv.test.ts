import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv';

describe('parseCsv', () => {
  it.each([
    ['plain', 'a,b\n1,2\n3,4\n', [{ line: 2, fields: { a: '1', b: '2' } }, { line: 3, fields: { a: '3', b: '4' } }]],
    ['CRLF and BOM', '\uFEFFa,b\r\n1,2\r\n', [{ line: 2, fields: { a: '1', b: '2' } }]],
    ['quoted comma and quote', 'a,b\n"x, ""y""",2\n', [{ line: 2, fields: { a: 'x, "y"', b: '2' } }]],
    ['newline inside quotes keeps line numbers', 'a,b\n"l1\nl2",2\n5,6\n', [{ line: 2, fields: { a: 'l1\nl2', b: '2' } }, { line: 4, fields: { a: '5', b: '6' } }]],
    ['empty cell is absent', 'a,b\n,2\n', [{ line: 2, fields: { b: '2' } }]],
    ['blank lines skipped', 'a\n\n1\n\n', [{ line: 3, fields: { a: '1' } }]],
  ] as const)('%s', (_, text, want) => expect(parseCsv(text)).toEqual(want));

  it.each([
    ['wrong field count', 'a,b\n1\n', 'line 2: 1 fields'],
    ['unclosed quote', 'a\n"x\n', 'line 2: a quoted field is not closed'],
  ] as const)('refuses %s', (_, text, msg) => expect(() => parseCsv(text)).toThrow(msg));
});
