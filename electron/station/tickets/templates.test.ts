import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ticketLanguage } from '../../../shared/ticket/template';
import { loadTicketTemplate } from './templates';

describe('ticket templates in the operator language', () => {
  it.each([
    ['job-traveler', undefined, 'JOB TRAVELER'],
    ['job-traveler', 'en', 'JOB TRAVELER'],
    ['job-traveler', 'es', 'HOJA DE RUTA'],
    ['kitting-list', 'es', 'LISTA DE KIT'],
    ['shift-summary', 'es', 'RESUMEN DE TURNO'],
    // A language with no translation beside the template prints the English one.
    ['job-traveler', 'de', 'JOB TRAVELER'],
  ])('%s in %s opens with "%s"', (id, lang, first) => {
    expect(loadTicketTemplate(id, lang).lines[0]!.text).toBe(first);
  });

  it('every translation has the placeholders of its English template, and no others', () => {
    const names = (id: string, lang?: string) => new Set(JSON.stringify(loadTicketTemplate(id, lang)).match(/\{\{\s*[A-Za-z0-9_.]+\s*\}\}/g));
    for (const id of ['job-traveler', 'kitting-list', 'shift-summary']) {
      expect([...names(id, 'es')].sort()).toEqual([...names(id)].sort());
      expect(loadTicketTemplate(id, 'es').lines.filter((l) => l.each).map((l) => l.each)).toEqual(loadTicketTemplate(id).lines.filter((l) => l.each).map((l) => l.each));
    }
  });

  const dir = mkdtempSync(join(tmpdir(), 'lotline-tickets-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a language code that is not one, and a translation that names another template', () => {
    expect(() => loadTicketTemplate('job-traveler', '../x')).toThrow('"../x" is not a language code');
    writeFileSync(join(dir, 'a.json'), JSON.stringify({ schema: 'lotline.ticket/1', id: 'a', name: 'A', lines: [{ text: 'A' }] }));
    writeFileSync(join(dir, 'a.es.json'), JSON.stringify({ schema: 'lotline.ticket/1', id: 'b', name: 'B', lines: [{ text: 'B' }] }));
    expect(loadTicketTemplate('a', 'en', dir).lines[0]!.text).toBe('A');
    expect(() => loadTicketTemplate('a', 'es', dir)).toThrow('says it is "b", not "a"');
  });

  it.each([
    ['es', 'es'],
    ['es-MX', 'es'],
    ['en-US', 'en'],
    ['de', 'en'],
    ['', 'en'],
  ])('UI language %s prints tickets in %s', (ui, lang) => {
    expect(ticketLanguage(ui)).toBe(lang);
  });
});
