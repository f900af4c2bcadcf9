import { describe, expect, it } from 'vitest';
import { renderTicket, TicketTemplateSchema } from './template';

const tpl = TicketTemplateSchema.parse({
  schema: 'lotline.ticket/1',
  id: 't',
  name: 'T',
  width: 24,
  lines: [
    { text: 'WO {{wo}}', align: 'center', bold: true },
    { text: '{{slot}} {{item}}', each: 'lines', right: '{{qty}}' },
    { text: 'by {{who}}' },
    { text: 'zone {{zone}}', ifPresent: 'zone' },
  ],
});

describe('ticket templates', () => {
  it('fills placeholders, repeats list lines and keeps the right column flush', () => {
    const r = renderTicket(tpl, { wo: 'WO-1', who: 'Sam', lines: [{ slot: 'F01', item: 'RES-10K-0603-VERY-LONG-NAME', qty: 400 }, { slot: 'F02', item: 'CAP', qty: 12 }] });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.lines.map((l) => l.text)).toEqual(['WO WO-1', 'F01 RES-10K-0603-VER 400', 'F02 CAP               12', 'by Sam']);
    expect(r.value.lines.every((l) => l.text.length <= 24)).toBe(true);
    expect(r.value.lines[0]).toMatchObject({ align: 'center', bold: true });
  });

  it.each([
    ['printed when its field has a value', { zone: 'UTC' }, ['WO WO-1', 'by Sam', 'zone UTC']],
    ['left out when its field is missing, without an error', {}, ['WO WO-1', 'by Sam']],
    ['left out when its field is null', { zone: null }, ['WO WO-1', 'by Sam']],
  ] as const)('a line that names a field it needs is %s', (_, extra, lines) => {
    const r = renderTicket(tpl, { wo: 'WO-1', who: 'Sam', lines: [], ...extra });
    expect(r.ok && r.value.lines.map((l) => l.text)).toEqual(lines);
  });

  it.each([
    ['a missing value', { wo: 'WO-1', lines: [] }, 'who'],
    ['a list that is not a list', { wo: 'WO-1', who: 'x', lines: 'F01' }, 'lines'],
  ])('refuses %s, naming the field', (_, data, field) => {
    const r = renderTicket(tpl, data as never);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.field)).toContain(field);
  });
});
