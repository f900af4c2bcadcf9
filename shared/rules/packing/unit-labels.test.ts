// Unit labels of serialized products: what to print, what to reprint, the close's reconciliation
// (one verified label in force per serial, the rest voided), the serials named in the refusal,
// and the data a unit label takes from its lot label.
import { describe, expect, it } from 'vitest';
import { reconcileUnitLabels, serialRuns, serialsToLabel, unitDataMessage, unitLabelData, unitLabelMessage, unitLabelProblems, unitLabelsAwaitingScan, unitLabelsToReprint, type UnitLabel } from './unit-labels';

const sn = (n: number) => `LCS${String(n).padStart(7, '0')}`;
const S3 = [sn(1), sn(2), sn(3)];
let next = 0;
const printed = (serial: string, more: Partial<UnitLabel> = {}): UnitLabel => ({ labelId: `l${++next}`, serial, state: 'printed', printed: true, verified: false, ...more });
const verified = (serial: string) => printed(serial, { state: 'verified', verified: true });
const voided = (serial: string, wasVerified = false) => printed(serial, { state: 'voided', verified: wasVerified });
const issued = (serial: string) => printed(serial, { state: 'issued', printed: false });

describe('reconcileUnitLabels: one verified unit label in force per serial, every other one voided', () => {
  it.each<[string, readonly string[], UnitLabel[], { balanced: boolean; missing?: string[]; unverified?: string[]; duplicated?: string[]; issued?: number; voided?: number }]>([
    ['every serial verified', S3, S3.map(verified), { balanced: true, missing: [], unverified: [], duplicated: [], issued: 3, voided: 0 }],
    ['a lot without serials (nothing counted)', [], [], { balanced: true, issued: 0 }],
    ['no label printed yet', S3, [], { balanced: false, missing: S3 }],
    ['one serial never labelled', S3, [verified(sn(1)), verified(sn(3))], { balanced: false, missing: [sn(2)] }],
    ['printed, not scanned back yet', S3, [verified(sn(1)), printed(sn(2)), verified(sn(3))], { balanced: false, unverified: [sn(2)] }],
    ['still printing (issued, not printed)', S3, [verified(sn(1)), verified(sn(2)), issued(sn(3))], { balanced: false, unverified: [sn(3)] }],
    ['voided by a failed scan-back and not reprinted', S3, [verified(sn(1)), voided(sn(2)), verified(sn(3))], { balanced: false, missing: [sn(2)], voided: 1 }],
    ['voided, reprinted and the reprint verified: balanced', S3, [verified(sn(1)), voided(sn(2)), verified(sn(2)), verified(sn(3))], { balanced: true, issued: 4, voided: 1 }],
    ['reprinted twice, the last one verified: balanced', S3, [verified(sn(1)), voided(sn(2)), voided(sn(2)), verified(sn(2)), verified(sn(3))], { balanced: true, issued: 5, voided: 2 }],
    ['a verified label voided afterwards counts as no label', S3, [verified(sn(1)), voided(sn(2), true), verified(sn(3))], { balanced: false, missing: [sn(2)] }],
    ['reprinted, the reprint not scanned back yet', S3, [verified(sn(1)), voided(sn(2)), printed(sn(2)), verified(sn(3))], { balanced: false, unverified: [sn(2)] }],
    ['two labels in force for one serial', S3, [verified(sn(1)), verified(sn(2)), verified(sn(2)), verified(sn(3))], { balanced: false, duplicated: [sn(2)] }],
    ['a label of a serial not in this lot', S3, [...S3.map(verified), verified(sn(9))], { balanced: false, missing: [], unverified: [], duplicated: [], issued: 4 }],
    ['several problems at once', S3, [printed(sn(1)), voided(sn(3))], { balanced: false, missing: [sn(2), sn(3)], unverified: [sn(1)] }],
  ])('%s', (_, serials, labels, want) => {
    expect(reconcileUnitLabels(serials, labels)).toMatchObject(want);
  });

  it('counts issued, printed, verified and voided as the lot labels do', () => {
    const r = reconcileUnitLabels(S3, [verified(sn(1)), voided(sn(2)), verified(sn(2)), issued(sn(3))]);
    expect(r).toMatchObject({ assigned: 3, issued: 4, printed: 3, verified: 2, voided: 1, balanced: false, unverified: [sn(3)] });
  });

  it.each<[string, UnitLabel[], string[]]>([
    ['missing first', [printed(sn(1))], ['unit_labels_missing', 'unit_labels_unverified']],
    ['only unverified', S3.map((s) => printed(s)), ['unit_labels_unverified']],
    ['duplicated', [...S3.map(verified), verified(sn(1))], ['unit_labels_duplicated']],
    ['a stray label only', [...S3.map(verified), verified(sn(9))], ['unit_labels_unbalanced']],
    ['none when balanced', S3.map(verified), []],
  ])('problems, most pressing first: %s', (_, labels, codes) => {
    expect(unitLabelProblems(reconcileUnitLabels(S3, labels)).map((p) => p.code)).toEqual(codes);
  });

  it('the refusal names the serials missing a label, in runs', () => {
    const all = Array.from({ length: 35 }, (_, i) => sn(i + 1));
    const labels = all.filter((s) => ![sn(4), sn(5), sn(6), sn(20)].includes(s)).map((s) => (s === sn(7) ? printed(s) : verified(s)));
    const msg = unitLabelMessage('FL-PK1-1', all, unitLabelProblems(reconcileUnitLabels(all, labels)));
    expect(msg).toBe(
      `Unit labels of FL-PK1-1 do not reconcile: no unit label for ${sn(4)} – ${sn(6)} (3), ${sn(20)}; unit label not verified by scan-back for ${sn(7)}. Every serial needs one unit label, printed and scanned back, before the lot closes.`,
    );
  });
});

describe('serialRuns', () => {
  const all = Array.from({ length: 20 }, (_, i) => sn(i + 1));
  it.each<[string, string[], number | undefined, string]>([
    ['one serial', [sn(2)], undefined, sn(2)],
    ['a run', [sn(2), sn(3), sn(4)], undefined, `${sn(2)} – ${sn(4)} (3)`],
    ['a run and a single', [sn(1), sn(2), sn(9)], undefined, `${sn(1)} – ${sn(2)} (2), ${sn(9)}`],
    ['runs beyond the limit are counted', [sn(1), sn(3), sn(5), sn(6), sn(9)], 2, `${sn(1)}, ${sn(3)}, +3`],
    ['in count order, whatever order asked', [sn(9), sn(1)], undefined, `${sn(1)}, ${sn(9)}`],
    ['a serial not in the lot is named too', [sn(1), 'X9'], undefined, `${sn(1)}, X9`],
    ['nothing', [], undefined, ''],
  ])('%s', (_, pick, max, text) => {
    expect(serialRuns(all, pick, max)).toBe(text);
  });
});

describe('what to print, reprint and scan back', () => {
  it('prints the serials that never had a unit label, in count order; a voided one waits for its reprint instead', () => {
    const labels = [verified(sn(1)), voided(sn(3))];
    expect(serialsToLabel([sn(1), sn(2), sn(3), sn(4)], labels)).toEqual([sn(2), sn(4)]);
    expect(serialsToLabel([sn(1)], [])).toEqual([sn(1)]);
  });

  it.each<[string, UnitLabel[], string[]]>([
    ['a voided label with nothing in force: reprint it', [voided(sn(2))], [sn(2)]],
    ['voided and already reprinted: nothing', [voided(sn(2)), printed(sn(2))], []],
    ['a label in force: nothing', [verified(sn(2))], []],
    ['never labelled: printed, not reprinted', [], []],
  ])('reprint: %s', (_, labels, serials) => {
    expect(unitLabelsToReprint(S3, labels).map((r) => r.serial)).toEqual(serials);
  });

  it('reprints the last voided label of a serial (a voided reprint replaces the label it reprinted)', () => {
    const first = voided(sn(2));
    const second = voided(sn(2));
    expect(unitLabelsToReprint(S3, [first, second])).toEqual([{ labelId: second.labelId, serial: sn(2) }]);
  });

  it('waits for the scan-back of printed labels in force, oldest first', () => {
    const a = printed(sn(1));
    const b = printed(sn(2));
    expect(unitLabelsAwaitingScan([issued(sn(0)), a, verified(sn(3)), voided(sn(4)), b]).map((l) => l.labelId)).toEqual([a.labelId, b.labelId]);
  });
});

describe('unitLabelData: the lot label’s data with the unit’s serial', () => {
  const LOT_LABEL = { gtin: '09506000134369', productName: 'Sterile luer cap, single', ref: 'LC-1', lot: 'FL-PK1-1', productionDate: '2026-11-20', expiry: '2029-10-31', quantity: 10, manufacturer: 'Lotline Medical Devices GmbH' };

  it('takes the dates, REF, name and manufacturer from the lot label, the GTIN from the item, the lot and the serial; no quantity', () => {
    const r = unitLabelData([LOT_LABEL], { lot: 'FL-PK1-1', gtin: '09506000134369' });
    expect(r.ok && r.data(sn(1))).toEqual({ gtin: '09506000134369', productName: 'Sterile luer cap, single', ref: 'LC-1', lot: 'FL-PK1-1', serial: sn(1), productionDate: '2026-11-20', expiry: '2029-10-31', manufacturer: 'Lotline Medical Devices GmbH' });
  });

  it('uses the lot label’s GTIN only when the item has none', () => {
    const r = unitLabelData([LOT_LABEL], { lot: 'FL-PK1-1', gtin: undefined });
    expect(r.ok && r.data(sn(1)).gtin).toBe('09506000134369');
  });

  it.each<[string, Array<Record<string, string | number | null>>, string | undefined, string]>([
    ['no lot label in force', [], '09506000134369', 'no_lot_label'],
    ['two lot labels with different use-by dates', [LOT_LABEL, { ...LOT_LABEL, expiry: '2029-11-30' }], '09506000134369', 'lot_labels_differ'],
    ['a lot label of another lot', [{ ...LOT_LABEL, lot: 'L2611-A7' }], '09506000134369', 'lot_label_other_lot'],
    ['no GTIN anywhere', [{ ...LOT_LABEL, gtin: null }], undefined, 'no_gtin'],
    ['lot labels with different GTINs when the item has none', [LOT_LABEL, { ...LOT_LABEL, gtin: '09506000134352' }], undefined, 'lot_labels_differ'],
  ])('refused: %s', (_, lotLabels, gtin, code) => {
    const r = unitLabelData(lotLabels, { lot: 'FL-PK1-1', gtin });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problem.code).toBe(code);
      expect(unitDataMessage('FL-PK1-1', 'FG-LUER-CAP-SINGLE', r.problem)).toMatch(/FL-PK1-1|FG-LUER-CAP-SINGLE/);
    }
  });

  it('lot labels that differ only in quantity (a box of 10 and a box of 5) agree for unit labels', () => {
    expect(unitLabelData([LOT_LABEL, { ...LOT_LABEL, quantity: 5 }], { lot: 'FL-PK1-1', gtin: '09506000134369' }).ok).toBe(true);
  });
});
