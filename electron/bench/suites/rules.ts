// Bench of the verification engine: verifyScan p50/p99 over a realistic station snapshot
// (500 items, 10k lots, clocks on a share of them, a 40-slot SMT work order), beside a single
// Map lookup + one comparison timed the same way in the same run (the floor of any verdict,
// timer overhead included), and the cost of applying one event to the snapshot.
import { parseScan } from '../../../shared/barcode/parse';
import type { MSL_LEVELS } from '../../../shared/events/types';
import type { LotId, WorkOrderId } from '../../../shared/ids';
import { lotLabel } from '../../../shared/rules/fixtures';
import type { ScanInput } from '../../../shared/rules/resolve-scan';
import { applyFact, emptySnapshot, type SnapshotDraft, type SnapshotFact } from '../../../shared/rules/snapshot-apply';
import { verifyScan, type VerifyContext } from '../../../shared/rules/verify';
import { figure, percentile, type BenchSuite } from '../figure';

const ITEMS = 500;
const LOTS_PER_ITEM = 20;
const SLOTS = 40;
const HOUR = 3_600_000;
const NOW = Date.parse('2026-03-02T08:00:00Z');
const LEVELS: ReadonlyArray<(typeof MSL_LEVELS)[number]> = ['1', '2', '2a', '3', '4', '5', '5a'];
const STATUSES = ['released', 'released', 'released', 'released', 'released', 'released', 'quarantined', 'on_hold'] as const;
const G = '\u001d';

const itemId = (i: number) => `IT-${String(i).padStart(4, '0')}`;
const lotId = (i: number, k: number) => `L-${String(i * LOTS_PER_ITEM + k).padStart(6, '0')}`;
const iso = (ms: number) => new Date(ms).toISOString();

function facts(): SnapshotFact[] {
  const out: SnapshotFact[] = [];
  for (let i = 0; i < ITEMS; i++) {
    const paste = i % 100 === 99;
    out.push({
      type: 'master.item.upserted',
      payload: {
        itemId: itemId(i),
        name: `Part ${i}`,
        kind: paste ? 'solder_paste' : 'component',
        uom: paste ? 'g' : 'ea',
        ...(paste ? {} : { msl: LEVELS[i % LEVELS.length]! }),
        partMappings: [
          { kind: 'manufacturer', owner: 'MAKER', part: `MPN-${i}` },
          { kind: 'supplier', owner: 'SUP-DIGIKEY', part: `DK-${i}-ND` },
        ],
      },
    });
  }
  const lines = Array.from({ length: SLOTS }, (_, s) => ({ itemId: itemId(s * 7), qtyPer: 1 + (s % 5), slot: `F${String(s + 1).padStart(2, '0')}`, ...(s % 10 === 0 ? { alternates: [itemId(s * 7 + 1)] } : {}) }));
  out.push({ type: 'master.bom.upserted', payload: { bomId: 'BOM-BENCH-A', productItemId: 'ASSY', revision: 'A', lines: [...lines, { itemId: itemId(99), qtyPer: 0.8 }] } });
  out.push({ type: 'master.work_order.upserted', payload: { workOrderId: 'WO-BENCH', productItemId: 'ASSY', bomId: 'BOM-BENCH-A', quantity: 100, stationType: 'smt', status: 'released' } });
  let seq = 1;
  for (let i = 0; i < ITEMS; i++) {
    for (let k = 0; k < LOTS_PER_ITEM; k++) {
      const id = lotId(i, k);
      out.push({ type: 'lot.received', seq: seq++, at: iso(NOW - (LOTS_PER_ITEM - k) * 24 * HOUR), payload: { lotId: id, itemId: itemId(i), supplierLot: `SL${i}-${k}`, quantity: 5000, uom: 'ea', expiry: iso(NOW + (k + 2) * 60 * 24 * HOUR).slice(0, 10) } });
      const status = STATUSES[(i + k) % STATUSES.length]!;
      if (status === 'released') out.push({ type: 'lot.released', payload: { lotId: id } });
      else out.push({ type: 'lot.status_changed', payload: { lotId: id, status } });
      if (i % 100 === 99) out.push({ type: 'material.paste', payload: { kind: 'fridge_out', lotId: id as LotId, at: iso(NOW - (k % 8) * HOUR) } });
      else if (k % 3 === 0) out.push({ type: 'material.msl', payload: { kind: 'open', lotId: id as LotId, at: iso(NOW - k * HOUR) } });
    }
  }
  return out;
}

interface Case {
  readonly input: ScanInput;
  readonly context: VerifyContext;
}

/** What an SMT line sees: mostly good reels on their slot, then wrong parts, held lots, supplier labels, paste. */
function cases(): Case[] {
  const wo = 'WO-BENCH' as WorkOrderId;
  const out: Case[] = [];
  for (let s = 0; s < SLOTS; s++) {
    const slot = { lineId: 'SMT1', slot: `F${String(s + 1).padStart(2, '0')}` };
    const i = s * 7;
    // The lot FIFO wants: the oldest released one that is in date (the floor's usual case).
    const first = [0, 1, 2, 3, 4, 5, 6, 7].find((k) => STATUSES[(i + k) % STATUSES.length] === 'released')!;
    out.push({ input: lotLabel(lotId(i, first)), context: { kind: 'use', workOrderId: wo, slot } });
    out.push({ input: lotLabel(lotId(i, first)), context: { kind: 'use', workOrderId: wo, slot } });
    out.push({ input: lotLabel(lotId(i, 8 + (s % 10))), context: { kind: 'use', workOrderId: wo, slot } }); // a newer or held lot
    out.push({ input: lotLabel(lotId(i + 3, 4)), context: { kind: 'use', workOrderId: wo, slot } }); // wrong part
    const text = `[)>\u001e06${G}1PMPN-${i}${G}1TSL${i}-${6 + (s % 5)}${G}Q1000\u001e\u0004`;
    out.push({ input: { text, scan: parseScan(text, { referenceYear: 2026 }) }, context: { kind: 'use', workOrderId: wo, slot } });
  }
  for (let k = 0; k < 8; k++) out.push({ input: lotLabel(lotId(99, k)), context: { kind: 'use', workOrderId: wo } });
  return out;
}

export const rulesSuite: BenchSuite = {
  name: 'rules',
  summary: `verifyScan µs per scan over ${ITEMS} items / ${ITEMS * LOTS_PER_ITEM} lots vs one Map lookup + comparison; snapshot apply per event`,
  async run({ quick, log }) {
    const n = quick ? 50_000 : 500_000;
    const all = facts();
    let t0 = performance.now();
    const snap: SnapshotDraft = emptySnapshot();
    for (const f of all) applyFact(snap, f);
    const applyUs = ((performance.now() - t0) * 1000) / all.length;
    log(`snapshot: ${snap.items.size} items, ${snap.lots.size} lots, ${snap.msl.size} MSL clocks, ${snap.paste.size} paste clocks from ${all.length} events`);

    const mix = cases();
    const ids = mix.map((c) => (c.input.scan.ok ? (c.input.scan.fields.internalLotId?.slice(7) ?? 'L-000000') : 'L-000000') as LotId);
    const verdicts = { ACCEPT: 0, WARN: 0, REJECT: 0 };
    for (let i = 0; i < 5_000; i++) {
      const c = mix[i % mix.length]!;
      verdicts[verifyScan(snap, { ...c.input, nowMs: NOW, context: c.context }).verdict]++; // warm-up
    }
    log(`mix of ${mix.length} scans: ${verdicts.ACCEPT} ACCEPT / ${verdicts.WARN} WARN / ${verdicts.REJECT} REJECT per 5000 (warm-up)`);

    const verifyUs = new Array<number>(n);
    const baseUs = new Array<number>(n);
    let sink = 0;
    t0 = performance.now();
    for (let i = 0; i < n; i++) {
      const c = mix[i % mix.length]!;
      const req = { ...c.input, nowMs: NOW, context: c.context };
      const s = performance.now();
      const v = verifyScan(snap, req);
      verifyUs[i] = (performance.now() - s) * 1000;
      sink += v.reasons.length;
    }
    const verifyMs = performance.now() - t0;
    for (let i = 0; i < n; i++) {
      const id = ids[i % ids.length]!;
      const s = performance.now();
      const lot = snap.lots.get(id);
      const ok = lot !== undefined && lot.status === 'released';
      baseUs[i] = (performance.now() - s) * 1000;
      sink += ok ? 1 : 0;
    }
    log(`${n} verdicts in ${verifyMs.toFixed(0)} ms, checksum ${sink}`);

    return [
      figure({ metric: 'verifyScan p50', value: percentile(verifyUs, 50), unit: 'µs/scan', baseline: 'Map lookup + status comparison p50 (same timer)', baselineValue: percentile(baseUs, 50) }),
      figure({ metric: 'verifyScan p99', value: percentile(verifyUs, 99), unit: 'µs/scan', baseline: 'Map lookup + status comparison p99 (same timer)', baselineValue: percentile(baseUs, 99), budget: 'well inside the 5 ms scan-to-verdict p99' }),
      figure({ metric: 'verifyScan throughput', value: (n / verifyMs) * 1000, unit: 'scans/s' }),
      figure({ metric: 'snapshot apply', value: applyUs, unit: 'µs/event' }),
    ];
  },
};
