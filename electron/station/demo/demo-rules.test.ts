// The verification engine on the demo floor: WO-24001 (controller board A, BOM revision C) set
// up on an SMT line the way an operator would, with the demo's own items, lots and BOMs.
import { describe, expect, it } from 'vitest';
import { parseScan } from '../../../shared/barcode/parse';
import type { LotId, WorkOrderId } from '../../../shared/ids';
import { DAY, HOUR, iso, lotLabel, slotLabel, T0 } from '../../../shared/rules/fixtures';
import { reelScan, slotScan } from '../../../shared/rules/smt-scan';
import { canStartLine, newSetup, setupApply, setupFromBom, type SetupState } from '../../../shared/rules/smt-setup';
import type { ScanInput } from '../../../shared/rules/resolve-scan';
import { applyFact, emptySnapshot, type SnapshotDraft, type SnapshotFact } from '../../../shared/rules/snapshot-apply';
import { verifySplice } from '../../../shared/rules/splice';
import { verifyScan } from '../../../shared/rules/verify';
import { DEMO_BOMS, DEMO_ITEMS, DEMO_LOTS, DEMO_PASTE_LOT, DEMO_PASTE_THAWED_H, DEMO_WORK_ORDERS } from './demo-data';
import { chainItems } from '../../../shared/rules/chain';

const LOADED_AT = T0;
const NOW = T0 + 2 * HOUR;
const LINE = 'SMT1';
const G = '\u001d';

/** The demo floor as the station's snapshot, through the same facts the demo loader records. */
function demoSnapshot(o: { pasteThawed?: boolean } = {}): SnapshotDraft {
  const s = emptySnapshot();
  const facts: SnapshotFact[] = [
    ...DEMO_ITEMS.map((payload): SnapshotFact => ({ type: 'master.item.upserted', payload })),
    ...DEMO_BOMS.map((payload): SnapshotFact => ({ type: 'master.bom.upserted', payload })),
    ...DEMO_WORK_ORDERS.map((payload): SnapshotFact => ({ type: 'master.work_order.upserted', payload })),
  ];
  DEMO_LOTS.forEach((d, i) => {
    const expiry = d.expiresInDays === undefined ? undefined : iso(LOADED_AT + d.expiresInDays * DAY).slice(0, 10);
    facts.push({ type: 'lot.received', seq: 100 + i, at: iso(LOADED_AT), payload: { ...d.lot, ...(expiry ? { expiry } : {}) } });
    if (d.release) facts.push({ type: 'lot.released', payload: { lotId: d.lot.lotId } });
  });
  if (o.pasteThawed !== false) facts.push({ type: 'material.paste', payload: { kind: 'fridge_out', lotId: DEMO_PASTE_LOT as LotId, at: iso(LOADED_AT - DEMO_PASTE_THAWED_H * HOUR) } });
  for (const f of facts) expect(applyFact(s, f)).toEqual({ ok: true });
  return s;
}

const wo = (s: SnapshotDraft) => s.workOrders.get('WO-24001' as WorkOrderId)!;
const setupOf = (s: SnapshotDraft) => newSetup(setupFromBom(s.boms.get(wo(s).bomId)!, wo(s), LINE));
/** A Digi-Key style ISO/IEC 15434 reel label: manufacturer part + supplier lot. */
const reelLabel = (mpn: string, lot: string): ScanInput => {
  const text = `[)>\u001e06${G}1P${mpn}${G}1T${lot}${G}Q1000\u001e\u0004`;
  return { text, scan: parseScan(text, { referenceYear: 2026 }) };
};

function scanPair(s: SnapshotDraft, setup: SetupState, slot: string, reel: ScanInput) {
  const sl = slotScan(setup, slotLabel(LINE, slot));
  expect(sl.verdict.verdict).toBe('ACCEPT');
  const selected = setupApply(setup, { kind: 'slot_selected', slot, atMs: NOW });
  return { selected, result: reelScan(s, selected, { ...reel, nowMs: NOW }) };
}

function loadAll(s: SnapshotDraft, pairs: ReadonlyArray<readonly [string, ScanInput]>): SetupState {
  return pairs.reduce((setup, [slot, reel]) => {
    const { selected, result } = scanPair(s, setup, slot, reel);
    expect(result.verdict.verdict, `${slot}: ${result.verdict.message}`).toBe('ACCEPT');
    return setupApply(selected, { kind: 'reel_loaded', slot, lotId: result.lotId!, itemId: result.itemId!, atMs: NOW });
  }, setupOf(s));
}

const RIGHT_REELS = [
  ['F01', reelLabel('RC0603FR-0710KL', 'DK2419A')], // L-100001 from its Digi-Key label
  ['F02', lotLabel('L-100002')],
  ['F03', lotLabel('L-100004')],
  ['F04', reelLabel('LTST-C191KGKT', 'DK2433L')], // L-100006
  ['F05', lotLabel('L-100007')],
  ['LOADER', lotLabel('L-100009')], // the bare board
  ['PRINTER', lotLabel('L-100008')], // the paste, thawed before the shift
] as const;

describe('demo floor: WO-24001 on the SMT line', () => {
  it('the setup comes from BOM-CTRL-A-C: five feeder slots, the board loader and the paste printer, quantities for 50 boards', () => {
    const list = setupOf(demoSnapshot()).list;
    expect(list).toMatchObject({ bomId: 'BOM-CTRL-A-C', revision: 'C' });
    expect(list.slots.map((x) => `${x.slot}:${x.itemId}×${x.qtyRequired}`)).toEqual(['F01:RES-10K-0603×400', 'F02:CAP-100N-0402×600', 'F03:MCU-RP2040×50', 'F04:LED-GRN-0603×100', 'F05:LDO-3V3-SOT23×50', 'LOADER:PCB-CTRL-A×50', 'PRINTER:PASTE-SAC305×40']);
    expect(list.unslotted).toEqual([]);
  });

  it('right reels: every scan ACCEPT, then the line may start', () => {
    const s = demoSnapshot();
    const setup = loadAll(s, RIGHT_REELS);
    expect(canStartLine(setup)).toEqual({ ok: true });
    expect(Object.values(setup.loaded).map((l) => l.lotId).sort()).toEqual(['L-100001', 'L-100002', 'L-100004', 'L-100006', 'L-100007', 'L-100008', 'L-100009']);
  });

  it('the line may not start with a slot missing', () => {
    const s = demoSnapshot();
    expect(canStartLine(loadAll(s, RIGHT_REELS.filter(([slot]) => slot !== 'F05')))).toEqual({ ok: false, missingSlots: ['F05'] });
    // Nor without its paste: the printer is a position like any feeder.
    expect(canStartLine(loadAll(s, RIGHT_REELS.filter(([slot]) => slot !== 'PRINTER')))).toEqual({ ok: false, missingSlots: ['PRINTER'] });
  });

  it.each<[string, string, ScanInput, string[], string?]>([
    ['wrong part: the resistor reel on the MCU slot', 'F03', lotLabel('L-100001'), ['wrong_item'], 'Reel L-100001 is RES-10K-0603, but slot F03 takes MCU-RP2040. Put it back and take a reel of MCU-RP2040. It belongs in slot F01.'],
    ['quarantined L-100005 (the older L-100004 is also waiting)', 'F03', lotLabel('L-100005'), ['lot_not_released', 'fifo_older_lot'], 'Reel L-100005 is in quarantine. Put it back and take a released reel of MCU-RP2040.'],
    ['expired L-100003 (and the older L-100002 should go first anyway)', 'F02', lotLabel('L-100003'), ['lot_expired', 'fifo_older_lot']],
    ['the same quarantined reel from the part and supplier lot on its reel label', 'F03', reelLabel('RP2040', 'LC2309110042'), ['lot_not_released', 'fifo_older_lot']],
  ])('%s → REJECT', (_, slot, reel, codes, message) => {
    const s = demoSnapshot();
    const { result } = scanPair(s, setupOf(s), slot, reel);
    expect(result.verdict.verdict).toBe('REJECT');
    expect(result.verdict.reasons.map((r) => r.code)).toEqual(codes);
    if (message) expect(result.verdict.message).toBe(message);
  });

  it('MCU reel open for 170 h → REJECT MSL floor life, shown with the exposure', () => {
    const s = demoSnapshot();
    applyFact(s, { type: 'material.msl', payload: { kind: 'open', lotId: 'L-100004' as LotId, at: iso(NOW - 170 * HOUR) } });
    const { result } = scanPair(s, setupOf(s), 'F03', lotLabel('L-100004'));
    expect(result.verdict.reasons.map((r) => r.code)).toEqual(['msl_floor_life_exceeded']);
    expect(result.verdict.message).toBe('Reel L-100004 (MSL 3) has been exposed 7 d 2 h, over its 7 d floor life. Take it off the line and send it to bake.');
  });

  it('splice on F02: the expired reel is refused, the newer good reel is accepted', () => {
    const s = demoSnapshot();
    const setup = loadAll(s, RIGHT_REELS);
    const refused = verifySplice(s, setup, { old: lotLabel('L-100002'), new: lotLabel('L-100003'), nowMs: NOW });
    expect(refused.verdict.reasons[0]?.code).toBe('lot_expired');
    const wrong = verifySplice(s, setup, { old: lotLabel('L-100002'), new: lotLabel('L-100001'), nowMs: NOW });
    expect(wrong.verdict.reasons.map((r) => r.code)).toContain('splice_mismatch');

    // L-100011: the demo's second capacitor reel, received after L-100002.
    const ok = verifySplice(s, setup, { old: lotLabel('L-100002'), new: lotLabel('L-100011'), nowMs: NOW });
    expect(ok.verdict).toMatchObject({ verdict: 'ACCEPT', message: 'Splice verified on slot F02: reel L-100002 → L-100011.' });
    const after = setupApply(setup, { kind: 'spliced', slot: ok.slot!, newLotId: ok.newLotId!, itemId: ok.newItemId!, atMs: NOW });
    expect(canStartLine(after)).toEqual({ ok: true });
    expect(chainItems(after.history).map((h) => [h.load.lotId, h.why])).toEqual([['L-100002', 'spliced']]);
  });

  it('solder paste L-100008: refused while in the fridge, accepted after a 4 h thaw', () => {
    const s = demoSnapshot({ pasteThawed: false });
    const paste = () => verifyScan(s, { ...lotLabel('L-100008'), nowMs: NOW, context: { kind: 'use', workOrderId: 'WO-24001' as WorkOrderId } });
    expect(paste().reasons.map((r) => r.code)).toEqual(['paste_not_thawed']);
    // The same check where the line uses it: the jar scanned at the printer.
    expect(scanPair(s, setupOf(s), 'PRINTER', lotLabel('L-100008')).result.verdict).toMatchObject({ verdict: 'REJECT', reasons: [{ code: 'paste_not_thawed' }] });
    applyFact(s, { type: 'material.paste', payload: { kind: 'fridge_out', lotId: 'L-100008' as LotId, at: iso(NOW - 5 * HOUR) } });
    expect(paste()).toMatchObject({ verdict: 'ACCEPT', data: { paste: { phase: 'ready' } } });
  });
});
