// Tables for the report builders: what each report prints, in which words, and how empty,
// ambiguous, unsigned and malformed inputs come out.
import { describe, expect, it } from 'vitest';
import type { ShiftReport } from '../board/api';
import type { Dhr, RecallReport } from '../contract/packing';
import { dhrDocument } from './dhr';
import { pageLabel, printedTime, reportFilename, type Block, type ReportDocument } from './document';
import { fill, reportLabels, word } from './labels';
import { recallDocument } from './recall';
import { shiftDocument } from './shift';

const AT = '2026-11-20T10:11:12.345Z';
const ctx = (lang: 'en' | 'es', timeZone = 'UTC') => ({ lang, source: 'Station PK-1 (Cleanroom)', generatedAt: AT, timeZone });

const section = (d: ReportDocument, heading: string) => d.sections.find((s) => s.heading === heading)!;
const only = <K extends Block['kind']>(d: ReportDocument, heading: string, kind: K) => section(d, heading).blocks.find((b): b is Extract<Block, { kind: K }> => b.kind === kind)!;

const row = (over: Partial<RecallReport['rows'][number]> = {}): RecallReport['rows'][number] => ({ outputId: 'FL-1', kind: 'finished_lot', itemId: 'FG-1', quantity: 10, status: 'released', workOrderId: 'WO-1', station: 'PK-1', madeAt: AT, ambiguous: false, ...over });
const recall = (over: Partial<RecallReport> = {}): RecallReport => ({ lotId: 'L-1', generatedAt: AT, rows: [row()], totals: { finishedLots: 1, serials: 0, quantity: 10 }, holds: [], csv: '', ...over });
const sig = (name: string, meaning: string, reason = 'why') => ({ signerName: name, meaning, signedAt: AT, reason });

describe('printed values', () => {
  it.each([
    [AT, '2026-11-20 10:11:12 UTC'],
    ['2026-11-20T12:11:12+02:00', '2026-11-20 10:11:12 UTC'],
    [null, ''],
    ['not a time', 'not a time'],
  ])('printedTime(%s) = %s', (iso, want) => expect(printedTime(iso)).toBe(want));

  it.each([
    [['recall', 'L-1'], 'recall-L-1.pdf'],
    [['shift', '', '2026-11-20', 'late'], 'shift-2026-11-20-late.pdf'],
    [['DHR', 'FL/1 "x"'], 'DHR-FL_1__x_.pdf'],
  ])('reportFilename(%j) = %s', (parts, want) => expect(reportFilename(...parts)).toBe(want));

  it.each([
    ['Page {page} of {pages}', 2, 5, 'Page 2 of 5'],
    ['Página {page} de {pages}', 1, 1, 'Página 1 de 1'],
  ])('pageLabel(%s)', (tpl, p, n, want) => expect(pageLabel(tpl, p, n)).toBe(want));

  it.each([
    ['{a} and {b}', { a: 1, b: 'x' }, '1 and x'],
    ['{missing} stays', {}, '{missing} stays'],
  ])('fill(%s)', (tpl, values, want) => expect(fill(tpl, values)).toBe(want));

  it.each([
    [{ approved: 'aprobado' }, 'approved', 'aprobado'],
    [{ approved: 'aprobado' }, 'unknown_code', 'unknown_code'],
    [{}, null, ''],
  ])('word(%j, %s)', (dict, code, want) => expect(word(dict, code)).toBe(want));

  it('English and Spanish labels have the same keys', () => {
    const keys = (o: unknown, p = ''): string[] => (typeof o === 'object' && o ? Object.entries(o).flatMap(([k, v]) => keys(v, `${p}${k}.`)) : [p]);
    expect(keys(reportLabels('es')).sort()).toEqual(keys(reportLabels('en')).sort());
  });
});

describe('recall report document', () => {
  it.each([
    ['en', 'Recall report', 'Every output made from lot L-1', 'Affected outputs', 'finished lot'],
    ['es', 'Informe de retiro', 'Todo lo fabricado con el lote L-1', 'Productos afectados', 'lote terminado'],
  ] as const)('%s: title, subtitle and kinds in words', (lang, title, subtitle, outputs, kind) => {
    const d = recallDocument(recall(), ctx(lang));
    expect(d).toMatchObject({ lang, title, subtitle, source: 'Station PK-1 (Cleanroom)', generatedAt: AT });
    expect(only(d, outputs, 'table').rows[0]).toEqual(['FL-1', kind, 'FG-1', '10', 'released', 'WO-1', 'PK-1', '2026-11-20 10:11:12 UTC', '']);
  });

  it.each([
    ['nothing made from the lot', { rows: [] }, (d: ReportDocument) => expect(only(d, 'Affected outputs', 'table')).toMatchObject({ rows: [], empty: 'Nothing was made from this lot at this station.' })],
    ['an ambiguous row is flagged and explained', { rows: [row(), row({ outputId: 'SN-9', kind: 'serial', quantity: 1, ambiguous: true, madeAt: null })] }, (d: ReportDocument) => {
      expect(only(d, 'Affected outputs', 'table').rows[1]).toEqual(['SN-9', 'serial', 'FG-1', '1', 'released', 'WO-1', 'PK-1', '', 'yes']);
      expect(only(d, 'Affected outputs', 'paragraph').text).toMatch(/close-approximation/);
    }],
    ['no ambiguous row: no note', {}, (d: ReportDocument) => expect(section(d, 'Affected outputs').blocks.map((b) => b.kind)).toEqual(['table'])],
    ['a signed hold shows printed name, time, meaning and reason', { holds: [{ lotId: 'B-1', seq: 42, at: AT, signature: sig('Quinn QA', 'approved', 'suspect short shots') }] }, (d: ReportDocument) =>
      expect(only(d, 'Holds', 'signatures').items).toEqual([{ printedName: 'Quinn QA', signedAt: '2026-11-20 10:11:12 UTC', meaning: 'approved', reason: 'suspect short shots', record: 'B-1 (#42)' }])],
    ['no holds', {}, (d: ReportDocument) => expect(only(d, 'Holds', 'signatures')).toMatchObject({ items: [], empty: 'No lot in this report is on hold.' })],
    ['a hold placed at another station shows who, where, what and why', { holds: [{ lotId: 'R-7', seq: 9, at: AT, signature: null, status: 'on_hold', placedAt: 'PCK-02', byName: 'Lee Martin', reason: 'defect on S-17' }] }, (d: ReportDocument) =>
      expect(only(d, 'Holds', 'signatures').items).toEqual([{ printedName: 'Lee Martin', signedAt: '2026-11-20 10:11:12 UTC', meaning: 'On hold (placed at station PCK-02)', reason: 'defect on S-17', record: 'R-7 (#9)' }])],
    ['a recall by central QA', { holds: [{ lotId: 'R-7', seq: 9, at: AT, signature: null, status: 'recalled', placedAt: 'central', byName: null, reason: null }] }, (d: ReportDocument) =>
      expect(only(d, 'Holds', 'signatures').items).toEqual([{ printedName: '—', signedAt: '2026-11-20 10:11:12 UTC', meaning: 'Recalled (placed by central QA)', reason: '', record: 'R-7 (#9)' }])],
    ['totals', { totals: { finishedLots: 2, serials: 3, quantity: 23 } }, (d: ReportDocument) =>
      expect(only(d, 'Summary', 'keyValues').items.map((kv) => kv.value)).toEqual(['L-1', '2', '3', '23'])],
  ] as const)('%s', (_, over, check) => check(recallDocument(recall(over as Partial<RecallReport>), ctx('en'))));

  it('Spanish: the meaning of a signature is translated, the signer’s own reason is not', () => {
    const d = recallDocument(recall({ holds: [{ lotId: 'B-1', seq: 1, at: AT, signature: sig('Ana Núñez', 'approved', 'inyección incompleta') }] }), ctx('es'));
    expect(only(d, 'Retenciones', 'signatures').items[0]).toMatchObject({ printedName: 'Ana Núñez', meaning: 'aprobado', reason: 'inyección incompleta' });
  });
});

const dhr = (over: Partial<Dhr> = {}): Dhr => ({
  finishedLotId: 'FL-7',
  productItemId: 'FG-LUER',
  workOrderId: 'WO-3',
  bomId: 'BOM-A',
  revision: 'A',
  mode: 'precise',
  state: 'closed',
  quantity: 20,
  materials: [{ lotId: 'L-300001', itemId: 'PKG-POUCH', kind: 'lot', depth: 1, supplierLot: 'SUP-9' }],
  batches: [{ batchLotId: 'B-1', machine: 'IMM-3', mold: 'M-8', resinLotId: 'L-200001', quantity: 200, params: { meltTempC: 300, shift: 'A' } }],
  records: [
    { seq: 5, at: AT, type: 'packing.clearance_performed', actor: 'Priya Shah', summary: 'lineId=CR2', signature: sig('Priya Shah', 'performed', 'line cleared') },
    { seq: 6, at: AT, type: 'scan.verdict', actor: 'Priya Shah', summary: 'verdict=ACCEPT', signature: null },
    { seq: 9, at: AT, type: 'packing.lot_closed', actor: 'Priya Shah', summary: 'finishedLotId=FL-7', signature: sig('Priya Shah', 'approved', 'lot complete') },
  ],
  reconciliation: { materials: [{ itemId: 'PKG-POUCH', planned: 20, used: 20, variance: 0, ok: true, lotIds: ['L-300001'] }], labels: { issued: 2, printed: 2, verified: 2, applied: 2, voided: 0, balanced: true } },
  defects: [],
  serials: null,
  serial: null,
  html: '',
  ...over,
});

describe('device history record document', () => {
  it('product block, materials, batches with their process window', () => {
    const d = dhrDocument(dhr(), ctx('en'));
    expect(d.title).toBe('Device history record');
    expect(only(d, 'Product and work order', 'keyValues').items.map((kv) => kv.value)).toEqual(['FL-7', 'FG-LUER', 'WO-3', 'BOM-A rev A', 'precise', 'closed', '20']);
    expect(only(d, 'Material lots and batches', 'table').rows).toEqual([['L-300001', 'PKG-POUCH', 'material lot', '1', 'SUP-9']]);
    expect(only(d, 'Molding batches', 'table').rows).toEqual([['B-1', 'IMM-3', 'M-8', 'L-200001', '200', 'meltTempC 300, shift A']]);
  });

  it('every signed record appears as a signature with printed name, time and meaning; the history marks it too', () => {
    const d = dhrDocument(dhr(), ctx('en'));
    expect(only(d, 'Electronic signatures', 'signatures').items).toEqual([
      { printedName: 'Priya Shah', signedAt: '2026-11-20 10:11:12 UTC', meaning: 'performed', reason: 'line cleared', record: '#5 packing.clearance_performed' },
      { printedName: 'Priya Shah', signedAt: '2026-11-20 10:11:12 UTC', meaning: 'approved', reason: 'lot complete', record: '#9 packing.lot_closed' },
    ]);
    expect(only(d, 'History', 'table').rows.map((r) => r[5])).toEqual(['Priya Shah (performed)', '', 'Priya Shah (approved)']);
  });

  it.each([
    ['closed and balanced', {}, ['table', 'keyValues'], /issued 2 · printed 2 · verified 2 · applied 2 · voided 0 — balanced/],
    ['not closed yet', { reconciliation: null }, ['paragraph'], /not closed/],
    ['unbalanced labels', { reconciliation: { materials: [], labels: { issued: 3, printed: 3, verified: 2, applied: 2, voided: 0, balanced: false } } }, ['table', 'keyValues'], /NOT balanced/],
    ['an unexpected shape is printed as stored, not dropped', { reconciliation: { odd: 1 } }, ['paragraph'], /odd.*1/],
  ] as const)('reconciliation: %s', (_, over, kinds, text) => {
    const blocks = section(dhrDocument(dhr(over as Partial<Dhr>), ctx('en')), 'Reconciliation').blocks;
    expect(blocks.map((b) => b.kind)).toEqual(kinds);
    expect(JSON.stringify(blocks)).toMatch(text);
  });

  it.each([
    ['no defects', [], { rows: [], empty: 'No defects recorded.' }],
    ['a defect on the lot', [{ defectSeq: 12, targetId: 'FL-7', description: 'short shot', recordedAt: AT }], { rows: [['12', '2026-11-20 10:11:12 UTC', 'FL-7', 'short shot']] }],
    ['a defect on one of its serials', [{ defectSeq: 13, targetId: 'LCS0000004', description: 'torn pouch', recordedAt: AT }], { rows: [['13', '2026-11-20 10:11:12 UTC', 'LCS0000004', 'torn pouch']] }],
  ] as const)('defects: %s', (_, defects, want) => expect(only(dhrDocument(dhr({ defects: [...defects] }), ctx('en')), 'Defects', 'table')).toMatchObject(want));

  it.each([
    ['no BOM', 'en', { bomId: null, revision: null }, 'None'],
    ['close approximation (es)', 'es', { mode: 'close_approximation' }, 'aproximada'],
  ] as const)('%s', (_, lang, over, text) => {
    const d = dhrDocument(dhr(over), ctx(lang));
    expect(d.sections[0]!.blocks[0]).toMatchObject({ items: expect.arrayContaining([expect.objectContaining({ value: text })]) });
  });

  it('a serialized lot shows its serials beside the quantity; a lot without serials does not', () => {
    const kv = (d: Dhr) => only(dhrDocument(d, ctx('en')), 'Product and work order', 'keyValues').items;
    expect(kv(dhr({ serials: { count: 20, first: 'LCS0000001', last: 'LCS0000020' } }))).toContainEqual({ key: 'Serials', value: '20 assigned · LCS0000001 – LCS0000020' });
    expect(kv(dhr()).map((x) => x.key)).not.toContain('Serials');
  });

  const SERIAL: NonNullable<Dhr['serial']> = {
    serial: 'LCS0000004',
    itemId: 'FG-LUER-CAP-SINGLE',
    number: 4,
    assignedSeq: 41,
    assignedAt: AT,
    assignedBy: 'Priya Shah',
    method: 'weight',
    box: { boxNo: 2, grams: 32.1, targetGrams: 32.1, ok: true },
    materials: [{ lotId: 'B-1', itemId: 'MP-LUER-CAP', ambiguous: false }, { lotId: 'L-300001', itemId: 'PKG-POUCH', ambiguous: true }],
    defects: [{ defectSeq: 13, description: 'torn pouch', recordedAt: AT }],
    labels: [],
  };

  it('the DHR of a serial opens with the serial’s own section, then the record of its lot', () => {
    const d = dhrDocument(dhr({ serial: SERIAL }), ctx('en'));
    expect(d.subtitle).toBe('Serial LCS0000004 · finished lot FL-7');
    expect(d.sections.map((s) => s.heading).slice(0, 5)).toEqual(['Serial number', 'Material lots of this unit', 'Defects against this serial', 'Unit label of this serial', 'Product and work order']);
    expect(only(d, 'Serial number', 'keyValues').items.map((kv) => kv.value)).toEqual([
      'LCS0000004',
      'FG-LUER-CAP-SINGLE',
      'FL-7',
      '4',
      '2026-11-20 10:11:12 UTC (#41)',
      'Priya Shah',
      'by weight on the scale',
      'box 2: 32.10 g (target 32.10 g) OK',
    ]);
    expect(only(d, 'Material lots of this unit', 'table').rows).toEqual([['B-1', 'MP-LUER-CAP', ''], ['L-300001', 'PKG-POUCH', 'yes']]);
    expect(only(d, 'Defects against this serial', 'table').rows).toEqual([['13', '2026-11-20 10:11:12 UTC', 'torn pouch']]);
  });

  it.each([
    ['not boxed yet, no defects (en)', 'en', { box: null, defects: [] }, 'not yet in a weighed box', 'No defects recorded against this serial.'],
    ['not boxed yet, no defects (es)', 'es', { box: null, defects: [] }, 'aún no está en una caja pesada', 'No hay defectos registrados para este número de serie.'],
  ] as const)('serial section: %s', (_, lang, over, box, noDefects) => {
    const d = dhrDocument(dhr({ serial: { ...SERIAL, ...over, defects: [...over.defects] } }), ctx(lang));
    expect(JSON.stringify(d.sections[0])).toContain(box);
    expect(JSON.stringify(d.sections[2])).toContain(noDefects);
  });

  const LATER = '2026-11-20T10:15:00.000Z';
  const UNIT_LABELS: NonNullable<Dhr['serial']>['labels'] = [
    { labelId: '0190a1b2-0000-7000-8000-00000000aaaa', state: 'voided', issuedAt: AT, issuedBy: 'Priya Shah', printedAt: AT, verifiedAt: null, voidedAt: LATER, voidReason: 'scan-back did not match: serial', reprintOf: null },
    { labelId: '0190a1b2-0000-7000-8000-00000000bbbb', state: 'verified', issuedAt: LATER, issuedBy: 'Priya Shah', printedAt: LATER, verifiedAt: LATER, voidedAt: null, voidReason: null, reprintOf: '0190a1b2-0000-7000-8000-00000000aaaa' },
  ];

  it.each([
    ['en', 'Unit label of this serial', ['…0000aaaa', 'voided', '2026-11-20 10:11:12 UTC by Priya Shah', '2026-11-20 10:11:12 UTC', '', '2026-11-20 10:15:00 UTC: scan-back did not match: serial'], ['…0000bbbb (reprint of …0000aaaa)', 'verified', '2026-11-20 10:15:00 UTC by Priya Shah', '2026-11-20 10:15:00 UTC', '2026-11-20 10:15:00 UTC', '']],
    ['es', 'Etiqueta unitaria de este número de serie', ['…0000aaaa', 'anulada', '2026-11-20 10:11:12 UTC por Priya Shah', '2026-11-20 10:11:12 UTC', '', '2026-11-20 10:15:00 UTC: scan-back did not match: serial'], ['…0000bbbb (reimpresión de …0000aaaa)', 'verificada', '2026-11-20 10:15:00 UTC por Priya Shah', '2026-11-20 10:15:00 UTC', '2026-11-20 10:15:00 UTC', '']],
  ] as const)('the serial’s unit labels, issued, printed, verified and voided (%s)', (lang, heading, voided, reprint) => {
    const d = dhrDocument(dhr({ serial: { ...SERIAL, labels: UNIT_LABELS } }), ctx(lang));
    expect(d.sections[3]!.heading).toBe(heading);
    expect(only(d, heading, 'table').rows).toEqual([voided, reprint]);
  });

  it('a serial without a unit label says so', () => {
    expect(only(dhrDocument(dhr({ serial: SERIAL }), ctx('en')), 'Unit label of this serial', 'table').empty).toBe('No unit label was issued for this serial.');
  });

  it('a serialized lot’s reconciliation lists its unit labels beside the lot labels', () => {
    const rec = { materials: [], labels: { issued: 1, printed: 1, verified: 1, applied: 1, voided: 0, balanced: true }, unitLabels: { assigned: 35, issued: 36, printed: 36, verified: 36, voided: 1, balanced: true } };
    const kv = only(dhrDocument(dhr({ reconciliation: rec }), ctx('en')), 'Reconciliation', 'keyValues').items;
    expect(kv).toContainEqual({ key: 'Unit labels', value: '35 serials · issued 36 · printed 36 · verified 36 · voided 1 — balanced' });
    const { unitLabels: _u, ...lotOnly } = rec;
    expect(only(dhrDocument(dhr({ reconciliation: lotOnly }), ctx('en')), 'Reconciliation', 'keyValues').items.map((x) => x.key)).toEqual(['Labels']);
  });

  it('Spanish headings and meanings', () => {
    const d = dhrDocument(dhr(), ctx('es'));
    expect(d.title).toBe('Registro histórico del dispositivo');
    expect(only(d, 'Firmas electrónicas', 'signatures').items.map((s) => s.meaning)).toEqual(['realizado', 'aprobado']);
  });
});

const shift = (over: Partial<ShiftReport> = {}): ShiftReport => ({
  line: 'L1',
  date: '2026-11-20',
  shift: 'late',
  from: '2026-11-20T14:00:00.000Z',
  to: '2026-11-20T22:00:00.000Z',
  stations: [
    { stationId: 'SMT-1', name: 'SMT line 1', produced: 3, accepted: 1, rejected: 1, overrides: 0, fpy: 0.5, availability: null, andonCalls: 2 },
    { stationId: 'SMT-2', name: 'SMT line 2', produced: 7, accepted: 4, rejected: 0, overrides: 1, fpy: 1, availability: 0.875, andonCalls: 0 },
  ],
  rejects: [{ reason: 'wrong_item', count: 1 }],
  zone: { name: 'UTC', source: 'server', stations: [] },
  ...over,
});

describe('shift report document', () => {
  it.each([
    ['en', {}, 'L1 · 2026-11-20 · late shift', 'produced 10 · accepted 5 · rejected 1 · overrides 1 · andon calls 2'],
    ['es', {}, 'L1 · 2026-11-20 · turno de tarde', 'producidas 10 · aceptadas 5 · rechazadas 1 · excepciones 1 · llamadas andon 2'],
    ['en', { line: '' }, 'all lines · 2026-11-20 · late shift', 'produced 10 · accepted 5 · rejected 1 · overrides 1 · andon calls 2'],
    ['es', { line: '', stations: [], rejects: [] }, 'todas las líneas · 2026-11-20 · turno de tarde', 'producidas 0 · aceptadas 0 · rechazadas 0 · excepciones 0 · llamadas andon 0'],
  ] as const)('%s %j', (lang, over, subtitle, totals) => {
    const d = shiftDocument(shift(over), { ...ctx(lang), preparedBy: 'Sofia Rossi' });
    expect(d.subtitle).toBe(subtitle);
    expect(JSON.stringify(d.sections[0])).toContain(totals);
    expect(d.meta.map((m) => m.value)).toEqual(['2026-11-20 10:11:12 UTC', 'Station PK-1 (Cleanroom)', 'Sofia Rossi']);
  });

  it('per-station rows with FPY and availability as percentages, a dash when unknown; the reject Pareto', () => {
    const d = shiftDocument(shift(), { ...ctx('en'), preparedBy: 'Sofia Rossi' });
    expect(only(d, 'Stations', 'table').rows).toEqual([
      ['SMT line 1 (SMT-1)', '3', '1', '1', '0', '50.0 %', '—', '2'],
      ['SMT line 2 (SMT-2)', '7', '4', '0', '1', '100.0 %', '87.5 %', '0'],
    ]);
    expect(only(d, 'Reject reasons', 'table').rows).toEqual([['Wrong item', '1']]);
    expect(only(shiftDocument(shift({ rejects: [] }), { ...ctx('en'), preparedBy: 'x' }), 'Reject reasons', 'table').empty).toBe('No rejects in this shift.');
  });

  it.each([
    ['en', 'wrong_item', 'Wrong item'],
    ['es', 'wrong_item', 'Artículo equivocado'],
    ['es', 'msl_floor_life_exceeded', 'Vida en planta MSL superada'],
    ['es', 'unspecified', 'Sin especificar'],
    // A code from a newer station build is printed as recorded rather than dropped.
    ['es', 'future_check', 'future_check'],
  ] as const)('%s: the reject Pareto names %s as %j', (lang, reason, name) => {
    const d = shiftDocument(shift({ rejects: [{ reason, count: 2 }] }), { ...ctx(lang), preparedBy: 'x' });
    expect(only(d, lang === 'en' ? 'Reject reasons' : 'Motivos de rechazo', 'table').rows).toEqual([[name, '2']]);
  });

  it.each([
    ['en', { name: 'America/Monterrey', source: 'stations' }, "America/Monterrey (the line's stations)"],
    ['es', { name: 'America/Monterrey', source: 'stations' }, 'America/Monterrey (la de las estaciones de la línea)'],
    ['en', { name: 'UTC', source: 'server' }, "UTC (the server's own zone)"],
    ['en', { name: 'Europe/Berlin', source: 'setting' }, "Europe/Berlin (the server's setting)"],
    ['en', { name: 'UTC-06:00', source: 'offset' }, 'UTC-06:00 (a fixed offset; times in UTC)'],
    ['es', { name: 'America/Monterrey', source: 'request' }, 'America/Monterrey (solicitada)'],
  ] as const)('%s: the summary says which zone drew the window and where it came from (%j)', (lang, zone, text) => {
    const d = shiftDocument(shift({ zone: { ...zone, stations: [] } }), { ...ctx(lang), preparedBy: 'x' });
    const items = only(d, lang === 'en' ? 'Summary' : 'Resumen', 'keyValues').items;
    expect(items.find((kv) => kv.key === (lang === 'en' ? 'Time zone' : 'Zona horaria'))?.value).toBe(text);
  });
});

describe('reports in a plant\'s local time', () => {
  it('every time on the recall report prints in the report zone with its offset, and the zone is named once in the meta block', () => {
    const holds = [{ lotId: 'B-1', seq: 42, at: AT, signature: sig('Quinn QA', 'approved') }];
    const en = recallDocument(recall({ holds }), ctx('en', 'America/Monterrey'));
    expect(en.meta).toEqual([
      { key: 'Generated', value: '2026-11-20 04:11:12 CST (UTC-06:00)' },
      { key: 'Times in', value: 'America/Monterrey' },
      { key: 'Source', value: 'Station PK-1 (Cleanroom)' },
    ]);
    expect(only(en, 'Affected outputs', 'table').rows[0]![7]).toBe('2026-11-20 04:11:12 CST (UTC-06:00)');
    expect(only(en, 'Holds', 'signatures').items[0]!.signedAt).toBe('2026-11-20 04:11:12 CST (UTC-06:00)');
    const es = recallDocument(recall(), ctx('es', 'Europe/Berlin'));
    expect(es.meta.slice(0, 2)).toEqual([{ key: 'Generado', value: '2026-11-20 11:11:12 CET (UTC+01:00)' }, { key: 'Horas en', value: 'Europe/Berlin' }]);
  });

  it('the shift window prints in local time on both ends', () => {
    const d = shiftDocument(shift(), { ...ctx('en', 'America/Monterrey'), preparedBy: 'x' });
    expect(JSON.stringify(d.sections[0])).toContain('2026-11-20 08:00:00 CST (UTC-06:00) – 2026-11-20 16:00:00 CST (UTC-06:00)');
  });

  it('the DHR prints its signatures in local time', () => {
    const d = dhrDocument(dhr(), ctx('en', 'Asia/Kolkata'));
    for (const s of only(d, 'Electronic signatures', 'signatures').items) expect(s.signedAt).toBe('2026-11-20 15:41:12 (UTC+05:30)');
  });

  it.each(['Mars/Olympus', '', '+05:00', 'CST6CDTX'])('an unknown zone %j is refused before anything is built', (zone) => {
    expect(() => recallDocument(recall(), ctx('en', zone))).toThrow(/not a known IANA time zone/);
  });
});
