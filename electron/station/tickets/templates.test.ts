import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderTicket, ticketLanguage, type TicketData } from '../../../shared/ticket/template';
import { loadTicketTemplate, ticketsDir } from './templates';

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
      expect(loadTicketTemplate(id, 'es').lines.filter((l) => l.ifPresent).map((l) => l.ifPresent)).toEqual(loadTicketTemplate(id).lines.filter((l) => l.ifPresent).map((l) => l.ifPresent));
    }
  });

  it.each([
    ['en', 'Zone: America/Monterrey'],
    ['es', 'Zona horaria: America/Monterrey'],
  ] as const)('the shift summary in %s names the zone it was drawn in, and prints without it for a server that does not send one', (lang, line) => {
    const data = JSON.parse(readFileSync(join(ticketsDir(), 'shift-summary.example.json'), 'utf8')) as TicketData & { zone?: string };
    const texts = (d: TicketData) => {
      const r = renderTicket(loadTicketTemplate('shift-summary', lang), d);
      if (!r.ok) throw new Error(JSON.stringify(r.errors));
      return r.value.lines.map((l) => l.text.trim());
    };
    expect(texts(data)).toContain(line);
    const { zone: _zone, ...older } = data;
    expect(texts(older)).toEqual(texts(data).filter((t) => t !== line));
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
