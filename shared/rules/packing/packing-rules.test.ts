import { describe, expect, it } from 'vitest';
import { checklistProblems, LINE_CLEARANCE_CHECKLIST, verifierProblems } from './clearance';
import { ambiguousItems, decideMaterial, packingModeFor } from './lot-split';
import { checkWeight, labelsBalanced, latestPerBox, nextBoxNo, reconcileMaterials } from './reconcile';

const POUCH_A = { itemId: 'PKG-POUCH', lotId: 'L-1' };
const LID = { itemId: 'PKG-LID', lotId: 'L-2' };

describe('lot splitting: precise vs close approximation', () => {
  it.each([
    ['precise', [], POUCH_A, { action: 'add', candidate: false }],
    ['precise', [POUCH_A, LID], POUCH_A, { action: 'same' }],
    ['precise', [POUCH_A, LID], { itemId: 'PKG-POUCH', lotId: 'L-9' }, { action: 'split', replaces: 'L-1' }],
    ['precise', [POUCH_A], LID, { action: 'add', candidate: false }],
    ['close_approximation', [], POUCH_A, { action: 'add', candidate: false }],
    ['close_approximation', [POUCH_A, LID], POUCH_A, { action: 'same' }],
    ['close_approximation', [POUCH_A, LID], { itemId: 'PKG-POUCH', lotId: 'L-9' }, { action: 'add', candidate: true }],
  ] as const)('%s: %j + %j → %j', (mode, current, scanned, expected) => {
    expect(decideMaterial(mode, current, scanned)).toEqual(expected);
  });
  it('chooses the mode per product; unlisted products are precise', () => {
    expect(packingModeFor('FG-LUER-CAP-STERILE')).toBe('precise');
    expect(packingModeFor('FG-LUER-CAP-SINGLE')).toBe('close_approximation');
    expect(packingModeFor('FG-OTHER')).toBe('precise');
    expect(packingModeFor('X', { X: 'close_approximation' })).toBe('close_approximation');
  });
  it('flags the items with several candidate lots as ambiguous', () => {
    expect([...ambiguousItems([POUCH_A, LID, { itemId: 'PKG-POUCH', lotId: 'L-9' }])]).toEqual(['PKG-POUCH']);
  });
});

describe('line clearance', () => {
  const all = LINE_CLEARANCE_CHECKLIST.map((item) => ({ item, ok: true }));
  it.each([
    ['complete', all, []],
    ['one item missing', all.slice(1), ['item_missing']],
    ['one item not ok', all.map((r, i) => (i === 2 ? { ...r, ok: false } : r)), ['item_not_ok']],
  ])('%s', (_n, checklist, codes) => {
    expect(checklistProblems({ checklist }).map((p) => p.code)).toEqual(codes);
  });
  it.each([
    ['a second packer', 'u-priya', { userId: 'u-lee', roles: ['packer'] }, []],
    ['a supervisor', 'u-priya', { userId: 'u-sofia', roles: ['supervisor'] }, []],
    ['the same packer', 'u-priya', { userId: 'u-priya', roles: ['packer'] }, ['same_signer']],
    ['an operator', 'u-priya', { userId: 'u-olivia', roles: ['operator'] }, ['verifier_role']],
    ['nothing performed', null, { userId: 'u-lee', roles: ['packer'] }, ['not_performed']],
  ] as const)('verified by %s', (_n, performedBy, verifier, codes) => {
    expect(verifierProblems(performedBy, verifier).map((p) => p.code)).toEqual(codes);
  });
});

describe('reconciliation and check-weight', () => {
  const bom = [
    { itemId: 'MP', qtyPer: 10 },
    { itemId: 'CARTON', qtyPer: 1 },
  ];
  it.each([
    ['as planned', {}, true],
    ['within 2 %', { MP: 102 }, true],
    ['over 2 %', { MP: 103 }, false],
    ['under', { CARTON: 9 }, false],
    ['an item not on the BOM', { OTHER: 1 }, false],
  ])('%s', (_n, used, balanced) => {
    expect(reconcileMaterials(bom, 10, used).balanced).toBe(balanced);
  });
  it('reports planned, used and variance per line', () => {
    expect(reconcileMaterials(bom, 10, { MP: 101 }).lines[0]).toEqual({ itemId: 'MP', planned: 100, used: 101, variance: 1, variancePct: 1, ok: true });
  });
  it.each([
    [51, true],
    [52, true],
    [52.01, false],
    [50, true],
    [49.99, false],
  ])('box of %d g against 10 × 2.1 g + 30 g ± 1 g: %s', (grams, ok) => {
    expect(checkWeight(grams, 10, 2.1, 30, 1).ok).toBe(ok);
  });
  it('labels balance only when every box carries an applied label', () => {
    expect(labelsBalanced({ printed: 3, applied: 3, voided: 0, balanced: true }, 3)).toBe(true);
    expect(labelsBalanced({ printed: 3, applied: 2, voided: 1, balanced: true }, 3)).toBe(false);
    expect(labelsBalanced({ printed: 3, applied: 3, voided: 0, balanced: false }, null)).toBe(false);
  });
});

describe('box check-weight: a failed box is reworked and weighed again under its own number', () => {
  const ok = (boxNo: number) => ({ boxNo, ok: true });
  const bad = (boxNo: number) => ({ boxNo, ok: false });
  it.each([
    [[], 1, []],
    [[ok(1)], 2, [ok(1)]],
    [[ok(1), bad(2)], 2, [ok(1), bad(2)]],
    [[ok(1), bad(2), bad(2)], 2, [ok(1), bad(2)]],
    [[ok(1), bad(2), ok(2)], 3, [ok(1), ok(2)]],
  ] as const)('%j → next %d, boxes %j', (weighings, next, latest) => {
    expect(nextBoxNo(weighings)).toBe(next);
    expect(latestPerBox(weighings)).toEqual(latest);
  });
});
