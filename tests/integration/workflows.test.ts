// The station workflows in the runtime on a real SQLite file with its simulated devices:
// verdict events for every outcome, the in-memory snapshot against one rebuilt from the
// projections, the start interlock, WARN acknowledgement and signed override, splice with
// reel-change ambiguity, boards linked to reels, a BOM revision change mid-run, and
// receiving into quarantine with labels on the simulated Zebra and a signed QA release.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StationClient } from '../../shared/contract/client';
import type { EventPayload } from '../../shared/events/types';
import { DEMO_WORK_ORDERS } from '../../electron/station/demo/demo-data';
import { demoLabels } from '../../electron/station/demo/demo-labels';
import type { StationRuntime } from '../../electron/station/runtime/runtime';
import { rebuildProjections } from '../../electron/station/store/rebuild';
import { decodeEscPos, ticketText } from '../../electron/station/devices/ticket/escpos-decode';
import { WorkflowEngine } from '../../electron/station/workflows/engine';
import { messageFor } from '../../shared/rules/messages';
import type { ReasonParams } from '../../shared/rules/verdict';
import { bakeProfile } from '../../shared/rules/msl-bake';
import { readDateCode } from '../../shared/rules/shelf-life';
import { client, inProcessTransport, openDemoRuntime, tempDir } from './helpers/station';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const WO = 'WO-24001';

describe('station workflows in the runtime', () => {
  const dir = tempDir();
  let rt: StationRuntime;
  let api: StationClient;
  const scan = async (text: string) => (await rt.submitScan(text, 'test')).seq;
  const verdictRows = () => rt.store.sqlite.prepare('SELECT verdict, workflow, resolution FROM scan_verdicts ORDER BY verdict_seq').all() as Array<{ verdict: string; workflow: string; resolution: string }>;
  const lastEvent = (type: string) => {
    const r = rt.store.sqlite.prepare('SELECT seq, payload, reason, signature FROM events WHERE type = ? ORDER BY seq DESC LIMIT 1').get(type) as { seq: number; payload: string; reason: string | null; signature: string | null } | undefined;
    return r && { seq: r.seq, payload: JSON.parse(r.payload) as Record<string, unknown>, reason: r.reason, signature: r.signature ? (JSON.parse(r.signature) as Record<string, unknown>) : null };
  };
  const slotThenReel = async (slot: string, reel: string) => {
    const s = await api.call('smt.scan', { workOrderId: WO, scanSeq: await scan(`LL-SLOT-SMT1-${slot}`) });
    expect(s.verdict.verdict, s.verdict.message).toBe('ACCEPT');
    return api.call('smt.scan', { workOrderId: WO, scanSeq: await scan(reel) });
  };
  const login = async (badge: string, pin: string) => {
    await api.call('auth.login', { badge, pin });
  };
  const system = (method: string, input: unknown) => rt.system(method, input);
  const releaseAsQa = (lotId: string) => rt.system('lot.release', { lotId, signature: { badge: 'QA-400', pin: '4444', meaning: 'approved', reason: 'test lot' } }, { userId: 'u-quinn', name: 'Quinn Okafor', roles: ['qa'] });

  beforeAll(async () => {
    rt = await openDemoRuntime(dir.path);
    await rt.startDevices();
    api = client(inProcessTransport(rt));
    await login('OP-100', '1111');
  });
  afterAll(async () => {
    await rt.close();
    dir.remove();
  });

  it('loads the work order: the setup list comes from BOM revision C, nothing verified, the line may not start', async () => {
    // No line named: the runtime takes the station's (its area, SMT1 on the demo floor).
    const v = await api.call('smt.load', { workOrderId: WO });
    expect(v).toMatchObject({ lineId: 'SMT1', bomId: 'BOM-CTRL-A-C', revision: 'C', canStart: false, running: false, missing: ['F01', 'F02', 'F03', 'F04', 'F05', 'LOADER', 'PRINTER'] });
    expect(v.slots.map((s) => `${s.slot}:${s.itemId}×${s.qtyRequired}`)).toEqual(['F01:RES-10K-0603×400', 'F02:CAP-100N-0402×600', 'F03:MCU-RP2040×50', 'F04:LED-GRN-0603×100', 'F05:LDO-3V3-SOT23×50', 'LOADER:PCB-CTRL-A×50', 'PRINTER:PASTE-SAC305×40']);
    const before = rt.log.lastSeq;
    await expect(api.call('smt.start', { workOrderId: WO })).rejects.toMatchObject({ code: 'conflict', message: 'The line cannot start: slots F01, F02, F03, F04, F05, LOADER, PRINTER are not verified.', details: { problem: 'slots_not_verified', missing: 'F01, F02, F03, F04, F05, LOADER, PRINTER', count: 7 } });
    expect(rt.log.lastSeq).toBe(before);
  });

  it('records a verdict event for every outcome: wrong part, quarantined and expired reels are REJECTed with their reason', async () => {
    const wrong = await slotThenReel('F03', 'LL-LOT-L-100001');
    expect(wrong.verdict).toMatchObject({ verdict: 'REJECT', workflow: 'smt.reel', slot: 'F03', lotId: 'L-100001' });
    expect(wrong.verdict.message).toBe('Reel L-100001 is RES-10K-0603, but slot F03 takes MCU-RP2040. Put it back and take a reel of MCU-RP2040. It belongs in slot F01.');
    const quarantined = await api.call('smt.scan', { workOrderId: WO, scanSeq: await scan('LL-LOT-L-100005') });
    expect(quarantined.verdict.reasons[0]).toMatchObject({ code: 'lot_not_released', severity: 'REJECT' });
    // The UI gets code + params to say it in the operator's language; the event keeps the English sentence (the audit text) with code + params.
    const qp = quarantined.verdict.reasons[0]!.params as never;
    expect(messageFor('lot_not_released', qp, 'es')).toBe('La bobina L-100005 está en cuarentena. Devuélvala y tome una bobina liberada de MCU-RP2040.');
    expect(messageFor('lot_not_released', qp, 'en')).toBe(quarantined.verdict.message);
    const recorded = lastEvent('scan.verdict')!.payload;
    expect((recorded.reasons as unknown[])[0]).toEqual({ code: 'lot_not_released', severity: 'REJECT', message: 'Reel L-100005 is in quarantine. Put it back and take a released reel of MCU-RP2040.', params: qp });
    expect(recorded.message).toBe(quarantined.verdict.message);
    const expired = await slotThenReel('F02', 'LL-LOT-L-100003');
    expect(expired.verdict.reasons[0]?.code).toBe('lot_expired');
    expect(expired.setup?.slots.find((s) => s.slot === 'F02')?.loaded).toBeNull();
    // The verdict refers to the scan it answers; a scan answers one verdict only.
    const v = lastEvent('scan.verdict')!;
    expect(v.payload).toMatchObject({ scanSeq: expired.verdict.scanSeq, verdict: 'REJECT', workflow: 'smt.reel', lotId: 'L-100003' });
    await expect(api.call('smt.scan', { workOrderId: WO, scanSeq: expired.verdict.scanSeq })).rejects.toMatchObject({ code: 'conflict' });
    // A scan that is not a slot first: the reel is refused with "scan the slot first" after a verdict.
    expect(verdictRows().map((r) => r.verdict)).toEqual(['ACCEPT', 'REJECT', 'REJECT', 'ACCEPT', 'REJECT']);
  });

  it('right reels are ACCEPTed (from lot labels and a Digi-Key label); a WARN loads only once acknowledged; then the line starts', async () => {
    // L-100004 (MSL 3, 168 h floor life) was opened 163 h ago: 5 h left, under the 8 h warning.
    await api.call('material.msl', { kind: 'open', lotId: 'L-100004', at: new Date(Date.now() - 163 * HOUR).toISOString() });
    const dk = demoLabels().find((l) => l.title.includes('lot DK2419A'))!.text;
    expect((await slotThenReel('F01', dk)).verdict).toMatchObject({ verdict: 'ACCEPT', lotId: 'L-100001' });
    expect((await slotThenReel('F02', 'LL-LOT-L-100002')).verdict.verdict).toBe('ACCEPT');
    // A WARN is answered only while it holds: another reel scanned on the slot since replaces it…
    const first = await slotThenReel('F03', 'LL-LOT-L-100004');
    expect(first.verdict.verdict).toBe('WARN');
    expect((await api.call('smt.scan', { workOrderId: WO, scanSeq: await scan('LL-LOT-L-100005') })).verdict.verdict).toBe('REJECT');
    const quiet = rt.log.lastSeq;
    await expect(api.call('verdict.acknowledge', { verdictSeq: first.verdict.verdictSeq })).rejects.toMatchObject({ code: 'conflict', details: { problem: 'verdict_superseded', slot: 'F03' } });
    expect(rt.log.lastSeq).toBe(quiet);
    // …and the checks, run again at the answer, must find nothing new: a hold placed since refuses it.
    const warn = await slotThenReel('F03', 'LL-LOT-L-100004');
    expect(warn.verdict).toMatchObject({ verdict: 'WARN', reasons: [{ code: 'msl_floor_life_low' }] });
    expect(warn.setup?.slots.find((s) => s.slot === 'F03')?.loaded).toBeNull();
    const holds = (cursor: string, kind: 'hold' | 'release', status: 'on_hold' | 'released') =>
      system('sync.record_holds', { cursor, resnapshot: false, items: [{ cursor, lotId: 'L-100004', kind, status, reason: 'incoming inspection recheck', byUserId: 'qa1', byName: 'Central QA', stationId: null, at: new Date().toISOString() }] });
    await holds('800001', 'hold', 'on_hold');
    const held = rt.log.lastSeq;
    await expect(api.call('verdict.acknowledge', { verdictSeq: warn.verdict.verdictSeq })).rejects.toMatchObject({ code: 'conflict', details: { problem: 'verdict_stale', lotId: 'L-100004' } });
    expect(rt.log.lastSeq).toBe(held);
    expect((await api.call('smt.state', { workOrderId: WO })).slots.find((s) => s.slot === 'F03')?.loaded).toBeNull();
    await holds('800002', 'release', 'released');
    const acked = await api.call('verdict.acknowledge', { verdictSeq: warn.verdict.verdictSeq });
    expect(acked.setup?.slots.find((s) => s.slot === 'F03')?.loaded).toMatchObject({ lotId: 'L-100004' });
    // The answer is rebuilt from the recorded verdict, and still carries code + params to translate.
    expect(acked.verdict.reasons).toEqual(warn.verdict.reasons);
    const ackReason = acked.verdict.reasons[0]!;
    expect(messageFor('msl_floor_life_low', ackReason.params as never, 'es')).toMatch(/^La bobina L-100004 \(MSL 3\) tiene \d h( \d+ min)? de vida en planta restante\. Confirme para usarla/);
    expect(messageFor('msl_floor_life_low', ackReason.params as never, 'en')).toBe(acked.verdict.message);
    expect(lastEvent('smt.reel_loaded')!.payload).toMatchObject({ slot: 'F03', lotId: 'L-100004', via: 'acknowledged', verdictSeq: warn.verdict.verdictSeq });
    await expect(api.call('verdict.acknowledge', { verdictSeq: warn.verdict.verdictSeq })).rejects.toMatchObject({ code: 'conflict' });
    expect(acked.setup?.clocks.find((c) => c.lotId === 'L-100004')).toMatchObject({ clock: 'msl', phase: 'open', running: true });

    expect((await slotThenReel('F04', 'LL-LOT-L-100006')).verdict.verdict).toBe('ACCEPT');
    expect((await slotThenReel('F05', 'LL-LOT-L-100007')).setup).toMatchObject({ canStart: false, missing: ['LOADER', 'PRINTER'] });
    // The bare board at the loader, and the paste at the printer: thawed before the shift (the demo records it), so verified.
    expect((await slotThenReel('LOADER', 'LL-LOT-L-100009')).verdict.verdict).toBe('ACCEPT');
    const last = await slotThenReel('PRINTER', 'LL-LOT-L-100008');
    expect(last.verdict).toMatchObject({ verdict: 'ACCEPT', slot: 'PRINTER', lotId: 'L-100008' });
    expect(last.setup).toMatchObject({ canStart: true, missing: [] });
    expect(last.setup?.clocks.find((c) => c.lotId === 'L-100008')).toMatchObject({ clock: 'paste', phase: 'ready' });
    // Loaded at the printer and out of the fridge: one clock, not one as a loaded lot and another as the line's paste.
    expect(last.setup?.clocks.filter((c) => c.lotId === 'L-100008')).toHaveLength(1);
    const started = await api.call('smt.start', { workOrderId: WO });
    expect(started.running).toBe(true);
    expect(lastEvent('smt.line_started')!.payload.lots).toHaveLength(7);
    expect(new Set(verdictRows().map((r) => r.verdict))).toEqual(new Set(['ACCEPT', 'WARN', 'REJECT']));
  });

  it('boards are recorded and linked to the reels loaded when they were built', async () => {
    const b = await api.call('smt.record_boards', { workOrderId: WO, count: 3 });
    expect(b.serials).toEqual(['WO-24001-0001', 'WO-24001-0002', 'WO-24001-0003']);
    expect(b.ambiguous).toEqual([]);
    expect((await api.call('smt.boards_of_lot', { lotId: 'L-100004' })).map((x) => x.serial)).toEqual(b.serials);
    expect((await api.call('smt.lots_of_board', { serial: 'WO-24001-0002' })).map((x) => x.lotId).sort()).toEqual(['L-100001', 'L-100002', 'L-100004', 'L-100006', 'L-100007', 'L-100008', 'L-100009']);
  });

  it('a splice is verified (wrong part refused, right part accepted) and the next boards record the reel-change ambiguity', async () => {
    const wrong = await api.call('smt.splice', { workOrderId: WO, oldScanSeq: await scan('LL-LOT-L-100002'), newScanSeq: await scan('LL-LOT-L-100001') });
    expect(wrong.verdict.reasons.map((r) => r.code)).toContain('splice_mismatch');
    const ok = await api.call('smt.splice', { workOrderId: WO, oldScanSeq: await scan('LL-LOT-L-100002'), newScanSeq: await scan('LL-LOT-L-100011') });
    expect(ok.verdict).toMatchObject({ verdict: 'ACCEPT', workflow: 'smt.splice', slot: 'F02', message: 'Splice verified on slot F02: reel L-100002 → L-100011.' });
    expect(lastEvent('smt.spliced')!.payload).toMatchObject({ slot: 'F02', oldLotId: 'L-100002', newLotId: 'L-100011', via: 'accepted' });
    expect(ok.setup?.history.at(-1)).toMatchObject({ slot: 'F02', lotId: 'L-100002', why: 'spliced' });
    const b = await api.call('smt.record_boards', { workOrderId: WO, count: 1 });
    expect(b.ambiguous).toEqual([{ slot: 'F02', lotIds: ['L-100002', 'L-100011'] }]);
    expect(await api.call('smt.boards_of_lot', { lotId: 'L-100002' })).toEqual([
      { serial: 'WO-24001-0001', workOrderId: WO, slot: 'F02', ambiguous: false },
      { serial: 'WO-24001-0002', workOrderId: WO, slot: 'F02', ambiguous: false },
      { serial: 'WO-24001-0003', workOrderId: WO, slot: 'F02', ambiguous: false },
      { serial: 'WO-24001-0004', workOrderId: WO, slot: 'F02', ambiguous: true },
    ]);
    const again = await api.call('smt.record_boards', { workOrderId: WO, count: 1 });
    expect(again.ambiguous).toEqual([]);
    expect((await api.call('smt.boards_of_lot', { lotId: 'L-100002' })).map((x) => x.serial)).not.toContain('WO-24001-0005');

    // A reel changed by a new slot → reel scan while the line runs is a reel change too: the
    // next boards are linked to both reels, marked ambiguous.
    expect((await slotThenReel('F02', 'LL-LOT-L-100002')).verdict.verdict).toBe('ACCEPT');
    const swapped = await api.call('smt.record_boards', { workOrderId: WO, count: 1 });
    expect(swapped.ambiguous).toEqual([{ slot: 'F02', lotIds: ['L-100011', 'L-100002'] }]);
    expect((await api.call('smt.lots_of_board', { serial: swapped.serials[0]! })).filter((x) => x.slot === 'F02')).toEqual([
      expect.objectContaining({ lotId: 'L-100002', ambiguous: true }),
      expect.objectContaining({ lotId: 'L-100011', ambiguous: true }),
    ]);
  });

  it('a FIFO REJECT is overridden only with a supervisor’s signature and reason', async () => {
    await login('AD-500', '5555');
    await api.call('rules.configure', { fifo: { mode: 'reject', order: 'received', overrideRole: 'supervisor' }, signature: { badge: 'AD-500', pin: '5555', meaning: 'approved', reason: 'FIFO enforced on SMT' } });
    await login('OP-100', '1111');
    for (const [lotId, lot] of [['L-100021', 'DK2501A'], ['L-100022', 'DK2502B']] as const) {
      await system('lot.receive', { lotId, itemId: 'LED-GRN-0603', supplierId: 'SUP-DIGIKEY', supplierLot: lot, quantity: 3000, uom: 'ea', msl: '2a' });
      await releaseAsQa(lotId);
    }
    const r = await api.call('smt.splice', { workOrderId: WO, oldScanSeq: await scan('LL-LOT-L-100006'), newScanSeq: await scan('LL-LOT-L-100022') });
    expect(r.verdict).toMatchObject({ verdict: 'REJECT', overridable: true, overrideRole: 'supervisor', reasons: [{ code: 'fifo_older_lot' }] });
    const seqBefore = rt.log.lastSeq;
    await expect(api.call('verdict.override', { verdictSeq: r.verdict.verdictSeq, signature: { badge: 'OP-100', pin: '1111', meaning: 'overridden', reason: 'need it' } })).rejects.toMatchObject({ code: 'signature_invalid' });
    expect(lastEvent('smt.spliced')!.payload.newLotId).toBe('L-100011');
    expect(rt.log.lastSeq).toBe(seqBefore + 1); // only the recorded signature failure
    const o = await api.call('verdict.override', { verdictSeq: r.verdict.verdictSeq, signature: { badge: 'SV-300', pin: '3333', meaning: 'overridden', reason: 'L-100021 is kitted for WO-24005' } });
    // The override's answer comes from the log and is said in Spanish from its recorded params.
    expect(messageFor('fifo_older_lot', o.verdict.reasons[0]!.params as never, 'es')).toMatch(/^La bobina L-100022 es más reciente que L-100021 de LED-GRN-0603 \(recibido el \d{4}-\d{2}-\d{2}\), que debe usarse primero\. Tome L-100021, o pida a un supervisor que firme una excepción\.$/);
    expect(o.setup?.slots.find((s) => s.slot === 'F04')?.loaded).toMatchObject({ lotId: 'L-100022', via: 'splice' });
    const ev = lastEvent('scan.verdict_overridden')!;
    expect(ev.payload).toMatchObject({ verdictSeq: r.verdict.verdictSeq, codes: ['fifo_older_lot'] });
    expect(ev.reason).toBe('L-100021 is kitted for WO-24005');
    expect(ev.signature).toMatchObject({ signerName: 'Sofia Rossi', meaning: 'overridden' });
    expect(lastEvent('smt.spliced')!.payload).toMatchObject({ newLotId: 'L-100022', via: 'overridden' });
    expect(verdictRows().some((x) => x.resolution === 'overridden')).toBe(true);

    // Configured so that QA overrides: a supervisor's signature is refused (and nothing of it
    // recorded), QA's is taken. The setting may not name an operator.
    const configure = async (overrideRole: 'supervisor' | 'qa') => {
      await login('AD-500', '5555');
      await api.call('rules.configure', { fifo: { mode: 'reject', order: 'received', overrideRole }, signature: { badge: 'AD-500', pin: '5555', meaning: 'approved', reason: `FIFO overrides by ${overrideRole}` } });
      await login('OP-100', '1111');
    };
    await login('AD-500', '5555');
    await expect(api.call('rules.configure', { fifo: { mode: 'reject', order: 'received', overrideRole: 'operator' as never }, signature: { badge: 'AD-500', pin: '5555', meaning: 'approved', reason: 'x' } })).rejects.toMatchObject({ code: 'invalid_input' });
    await configure('qa');
    const q = await slotThenReel('F04', 'LL-LOT-L-100022');
    expect(q.verdict).toMatchObject({ verdict: 'REJECT', overridable: true, overrideRole: 'qa', reasons: [{ code: 'fifo_older_lot' }] });
    const quiet = rt.log.lastSeq;
    await expect(api.call('verdict.override', { verdictSeq: q.verdict.verdictSeq, signature: { badge: 'SV-300', pin: '3333', meaning: 'overridden', reason: 'kitted' } })).rejects.toMatchObject({ code: 'forbidden', details: { problem: 'override_role', role: 'qa' } });
    expect(rt.log.lastSeq).toBe(quiet);
    const byQa = await api.call('verdict.override', { verdictSeq: q.verdict.verdictSeq, signature: { badge: 'QA-400', pin: '4444', meaning: 'overridden', reason: 'L-100006 held back for a recount' } });
    expect(byQa.setup?.slots.find((s) => s.slot === 'F04')?.loaded).toMatchObject({ lotId: 'L-100022' });
    expect(lastEvent('scan.verdict_overridden')!.signature).toMatchObject({ signerName: 'Quinn Okafor', meaning: 'overridden' });
    await configure('supervisor');
  });

  it('a BOM revision change mid-run flags the obsolete reel, keeps the history and asks for new scans before the line runs again', async () => {
    await system('lot.receive', { lotId: 'L-100023', itemId: 'LED-GRN-0603-ALT', supplierLot: 'KB-1', quantity: 3000, uom: 'ea', msl: '2a' });
    await releaseAsQa('L-100023');
    expect((await slotThenReel('F04', 'LL-LOT-L-100023')).verdict.verdict).toBe('ACCEPT'); // an alternate revision C allows
    const wo = DEMO_WORK_ORDERS.find((w) => w.workOrderId === WO)!;
    await system('master.apply', { records: [{ type: 'master.work_order.upserted', payload: { ...wo, bomId: 'BOM-CTRL-A-B' } }] });
    expect((await api.call('smt.state', { workOrderId: WO })).revisionPending).toEqual({ bomId: 'BOM-CTRL-A-B', revision: 'B' });
    const c = await api.call('smt.change_revision', { workOrderId: WO });
    expect(c).toMatchObject({ revision: 'B', obsolete: ['F04'], kept: ['F01', 'F02', 'F03', 'F05', 'LOADER', 'PRINTER'], running: false, missing: ['F04'], canStart: false, revisionPending: null });
    expect(c.slots.find((s) => s.slot === 'F04')).toMatchObject({ obsolete: true, loaded: null });
    expect(c.history.at(-1)).toMatchObject({ slot: 'F04', lotId: 'L-100023', why: 'revision_change' });
    await expect(api.call('smt.start', { workOrderId: WO })).rejects.toMatchObject({ message: 'The line cannot start: slot F04 is not verified.' });
    const again = await slotThenReel('F04', 'LL-LOT-L-100006'); // the oldest LED reel: FIFO (now REJECT) is satisfied
    expect(again.verdict.verdict).toBe('ACCEPT');
    expect(again.setup?.slots.find((s) => s.slot === 'F04')).toMatchObject({ obsolete: false, loaded: { lotId: 'L-100006', revision: 'B' } });
    expect((await api.call('smt.start', { workOrderId: WO })).running).toBe(true);
  });

  it('receiving: a Digi-Key label prefills the lot, the lot is created in quarantine and one label per container prints on the simulated Zebra; QA releases it with a signature', async () => {
    const label = demoLabels().find((l) => l.title.includes('lot DK2507Q'))!.text;
    const s = await api.call('receiving.scan', { scanSeq: await scan(label) });
    expect(s.verdict).toMatchObject({ verdict: 'ACCEPT', workflow: 'receiving' });
    expect(s.prefill).toMatchObject({ itemId: 'LDO-3V3-SOT23', supplierId: 'SUP-DIGIKEY', supplierLot: 'DK2507Q', quantity: 3000, dateCode: '2507', msl: '3', uom: 'ea' });
    const zebra = rt.devices!.zebraSim!;
    const jobsBefore = zebra.jobs.length;
    const form = {
      scanSeq: s.verdict.scanSeq,
      verdictSeq: s.verdict.verdictSeq,
      itemId: s.prefill.itemId!,
      supplierId: s.prefill.supplierId!,
      supplierLot: s.prefill.supplierLot!,
      quantityPerContainer: 3000,
      containers: 2,
      dateCode: '2507',
      msl: '3' as const,
      coc: { kind: 'file' as const, path: '/scans/coc/DK2507Q.pdf' },
      confirmDuplicate: false,
    };
    // What the form may not change about the label its verdict judged: the item; nor may an
    // edited lot be a supplier lot received before (unconfirmed), nor the moisture level drop below the part's.
    const seqBefore = rt.log.lastSeq;
    await expect(api.call('receiving.receive', { ...form, itemId: 'RES-10K-0603' })).rejects.toMatchObject({ code: 'conflict', details: { problem: 'receiving_item_changed', itemId: 'RES-10K-0603', labelItemId: 'LDO-3V3-SOT23' } });
    await expect(api.call('receiving.receive', { ...form, supplierLot: 'DK2428T' })).rejects.toMatchObject({ code: 'conflict', details: { problem: 'supplier_lot_received', supplierLot: 'DK2428T', duplicate: 'true' } });
    await expect(api.call('receiving.receive', { ...form, msl: '2a' })).rejects.toMatchObject({ code: 'conflict', details: { problem: 'msl_below_item', itemId: 'LDO-3V3-SOT23', msl: '2a', itemMsl: '3' } });
    expect(rt.log.lastSeq).toBe(seqBefore);
    const lot = await api.call('receiving.receive', form);
    expect(lot).toMatchObject({ lotId: 'L-SMT-01-00001', status: 'quarantined', quantity: 6000, entry: 'scan', containers: 2, coc: { kind: 'file', path: '/scans/coc/DK2507Q.pdf' } });
    const printed = await api.call('receiving.print_labels', { lotId: lot.lotId });
    expect(printed.copies).toBe(2);
    await expect.poll(() => zebra.jobs.length).toBe(jobsBefore + 2);
    expect(zebra.jobs.at(-1)!.zpl).toContain('LL-LOT-L-SMT-01-00001');
    expect(zebra.jobs.at(-1)!.zpl).toContain('QUARANTINE');
    // They are accountable labels: issued for the lot, then printed.
    await expect.poll(async () => (await api.call('labels.list', { lotId: lot.lotId })).filter((l) => l.printed && l.templateId === 'material-lot').length).toBe(2);
    expect(zebra.jobs.at(-1)!.zpl).toContain('Qty: 3000 ea');
    // A label of a supplier lot received before: its verdict warns of it, and receiving it confirms that warning once.
    const dup = await api.call('receiving.scan', { scanSeq: await scan(demoLabels().find((l) => l.title.includes('lot DK2419A'))!.text) });
    expect(dup.verdict).toMatchObject({ verdict: 'WARN', reasons: [{ code: 'lot_already_received' }] });
    const second = await api.call('receiving.receive', { ...form, scanSeq: dup.verdict.scanSeq, verdictSeq: dup.verdict.verdictSeq, itemId: dup.prefill.itemId!, supplierLot: dup.prefill.supplierLot!, msl: '1' as never, confirmDuplicate: false });
    expect(second).toMatchObject({ itemId: 'RES-10K-0603', supplierLot: 'DK2419A', status: 'quarantined' });
    // Printed once: a second print would leave the first labels in force beside the new ones.
    await expect(api.call('receiving.print_labels', { lotId: lot.lotId })).rejects.toMatchObject({ code: 'conflict', details: { problem: 'receiving_labels_issued', lotId: lot.lotId, count: 2 } });
    // The new lot is in quarantine for the verification engine too.
    const q = await slotThenReel('F05', `LL-LOT-${lot.lotId}`);
    expect(q.verdict.reasons[0]?.code).toBe('lot_not_released');

    await expect(api.call('qa.release', { lotId: lot.lotId, signature: { badge: 'OP-100', pin: '1111', meaning: 'approved', reason: 'ok' } })).rejects.toMatchObject({ code: 'forbidden' });
    await login('QA-400', '4444');
    expect((await api.call('qa.lots', { status: 'quarantined' })).map((l) => l.lotId)).toContain(lot.lotId);
    const released = await api.call('qa.release', { lotId: lot.lotId, signature: { badge: 'QA-400', pin: '4444', meaning: 'approved', reason: 'CoC and incoming inspection OK' } });
    expect(released.status).toBe('released');
    expect(lastEvent('lot.released')!.signature).toMatchObject({ signerName: 'Quinn Okafor', meaning: 'approved' });
    expect(rt.workflows.snapshot.lots.get(lot.lotId as never)?.status).toBe('released');
    await login('OP-100', '1111');
  });

  it('a label with only a distributor part number names its item, through the delivery supplier or alone; without an expiry, the item shelf life counts from the production date or date code', async () => {
    const RS = '\u001e', GS = '\u001d', EOT = '\u0004';
    // The week that began at least two weeks ago, as a supplier prints it (YYWW).
    const recent = (() => {
      for (let back = 14; back < 30; back++) {
        const d = new Date(Date.now() - back * DAY);
        for (let w = 53; w >= 1; w--) {
          const code = `${String(d.getUTCFullYear() % 100).padStart(2, '0')}${String(w).padStart(2, '0')}`;
          const r = readDateCode(code);
          if (r.ok && Date.parse(r.firstDay) <= d.getTime()) return { code, firstDay: r.firstDay };
        }
      }
      throw new Error('no date code found');
    })();
    const mouser = (lot: string, code: string) => `[)>${RS}06${GS}30P81-GRM155R71C104KA8D${GS}1T${lot}${GS}Q2000${GS}9D${code}${RS}${EOT}`;
    // The Mouser part number alone: with the delivery's supplier, and with no supplier chosen (one supplier maps it).
    for (const supplierId of ['SUP-MOUSER', undefined]) {
      const s = await api.call('receiving.scan', { scanSeq: await scan(mouser(`MX-${supplierId ?? 'ANY'}`, recent.code)), ...(supplierId ? { supplierId } : {}) });
      expect(s.verdict.verdict).toBe('ACCEPT');
      expect(s.prefill).toMatchObject({ itemId: 'CAP-100N-0402', supplierId: 'SUP-MOUSER', dateCode: recent.code, expiry: null, shelfLifeDays: 730 });
    }
    // Another delivery's supplier does not map that number: nothing names the item.
    const other = await api.call('receiving.scan', { scanSeq: await scan(mouser('MX-OTHER', recent.code)), supplierId: 'SUP-DIGIKEY' });
    expect(other.verdict).toMatchObject({ verdict: 'REJECT', reasons: [{ code: 'item_unknown' }] });
    // A Digi-Key number printed in P (no part number of ours on the reel).
    const dk = await api.call('receiving.scan', { scanSeq: await scan(`[)>${RS}06${GS}P311-10.0KHRCT-ND${GS}1TDK-P-ONLY${GS}Q100${RS}${EOT}`) });
    expect(dk.prefill).toMatchObject({ itemId: 'RES-10K-0603', supplierId: 'SUP-DIGIKEY' });
    // The supplier the label names by its part number wins over the delivery chosen on screen.
    const lcsc = demoLabels().find((l) => l.title.startsWith('LCSC bag'))!.text;
    expect((await api.call('receiving.scan', { scanSeq: await scan(lcsc), supplierId: 'SUP-MOUSER' })).prefill).toMatchObject({ itemId: 'MCU-RP2040', supplierId: 'SUP-LCSC' });
    // Two part numbers on one label naming different items: the stronger decides, and the verdict warns of the other.
    const torn = await api.call('receiving.scan', { scanSeq: await scan(`[)>${RS}06${GS}P311-10.0KHRCT-ND${GS}1PGRM155R71C104KA88D${GS}1TDK-MIX${GS}Q100${RS}${EOT}`), supplierId: 'SUP-DIGIKEY' });
    expect(torn.verdict).toMatchObject({ verdict: 'WARN', reasons: [{ code: 'item_match_conflict', params: { itemId: 'RES-10K-0603', others: ['CAP-100N-0402'] } }] });

    const base = { scanSeq: null, verdictSeq: null, itemId: 'CAP-100N-0402', supplierId: 'SUP-MOUSER', quantityPerContainer: 2000, containers: 1, coc: null, confirmDuplicate: false };
    const before = rt.log.lastSeq;
    await expect(api.call('receiving.receive', { ...base, supplierLot: 'MX-1' })).rejects.toMatchObject({ code: 'invalid_input', details: { problem: 'expiry_required', itemId: 'CAP-100N-0402', shelfLifeDays: 730 } });
    const future = `${String((new Date().getUTCFullYear() + 2) % 100).padStart(2, '0')}10`;
    await expect(api.call('receiving.receive', { ...base, supplierLot: 'MX-1', dateCode: future })).rejects.toMatchObject({ code: 'conflict', details: { problem: 'date_code_future', dateCode: future } });
    await expect(api.call('receiving.receive', { ...base, supplierLot: 'MX-1', productionDate: isoDay(Date.now() + 3 * DAY) })).rejects.toMatchObject({ code: 'conflict', details: { problem: 'production_date_future' } });
    await expect(api.call('receiving.receive', { ...base, supplierLot: 'MX-1', dateCode: '261103' })).rejects.toMatchObject({ code: 'invalid_input', details: { problem: 'date_code_unread', dateCode: '261103' } });
    // Past its shelf life already: refused as expired, with the date it expired.
    await expect(api.call('receiving.receive', { ...base, supplierLot: 'MX-1', productionDate: '2020-01-01' })).rejects.toMatchObject({ code: 'conflict', details: { problem: 'expiry_past', expiry: '2021-12-30' } });
    expect(rt.log.lastSeq).toBe(before);

    const fromCode = await api.call('receiving.receive', { ...base, supplierLot: 'MX-1', dateCode: recent.code });
    expect(fromCode.expiry).toBe(isoDay(Date.parse(recent.firstDay) + 729 * DAY));
    expect(lastEvent('receiving.recorded')!.payload).toMatchObject({ lotId: fromCode.lotId, expiryFrom: 'date_code' });
    const made = isoDay(Date.now() - 10 * DAY);
    const fromProduction = await api.call('receiving.receive', { ...base, supplierLot: 'MX-2', dateCode: recent.code, productionDate: made });
    expect(fromProduction.expiry).toBe(isoDay(Date.parse(made) + 729 * DAY));
    expect(lastEvent('receiving.recorded')!.payload).toMatchObject({ expiryFrom: 'production_date', productionDate: made });
    // An expiry given decides, and nothing is recorded as counted.
    const given = await api.call('receiving.receive', { ...base, supplierLot: 'MX-3', dateCode: 'A7', expiry: isoDay(Date.now() + 100 * DAY) });
    expect(given.expiry).toBe(isoDay(Date.now() + 100 * DAY));
    expect(lastEvent('receiving.recorded')!.payload).not.toHaveProperty('expiryFrom');
    // An attached certificate is named by where the station keeps it, and must be there, whole.
    const expiry = isoDay(Date.now() + 300 * DAY);
    await expect(api.call('receiving.receive', { ...base, supplierLot: 'MX-4', expiry, coc: { kind: 'file', path: `documents/${'0'.repeat(64)}/CoC MX-4.pdf` } })).rejects.toMatchObject({ code: 'conflict', details: { problem: 'coc_not_stored' } });
    const att = await api.call('receiving.attach_coc', { uploadId: randomUUID(), index: 0, data: Buffer.from('%PDF-1.4 certificate').toString('base64'), last: true, name: 'CoC MX-4.pdf' });
    if (!att.done) throw new Error('not stored');
    expect(att.coc).toMatchObject({ kind: 'file', path: expect.stringMatching(/^documents\/[0-9a-f]{64}\/CoC MX-4\.pdf$/) as string, bytes: 20 });
    // Its kind is the file's own: a PDF the form calls a photo is recorded as a file.
    const withCoc = await api.call('receiving.receive', { ...base, supplierLot: 'MX-4', expiry, coc: { kind: 'photo', path: att.coc.path } });
    expect(withCoc.coc).toEqual({ kind: 'file', path: att.coc.path });
    // QA reads it back from the station, byte for byte; a typed path or no certificate is said so.
    const file = await api.call('qa.coc_file', { lotId: withCoc.lotId });
    expect(file).toMatchObject({ filename: 'CoC MX-4.pdf', mediaType: 'application/pdf', bytes: 20 });
    expect(Buffer.from(file.base64, 'base64').toString()).toBe('%PDF-1.4 certificate');
    await expect(api.call('qa.coc_file', { lotId: fromCode.lotId })).rejects.toMatchObject({ code: 'not_found', details: { problem: 'coc_none' } });
    await expect(api.call('qa.coc_file', { lotId: 'L-SMT-01-00001' })).rejects.toMatchObject({ code: 'conflict', details: { problem: 'coc_not_stored', path: '/scans/coc/DK2507Q.pdf' } });
    // Least privilege: a packer has no business with a supplier's certificate.
    await login('PK-200', '2222');
    await expect(api.call('qa.coc_file', { lotId: withCoc.lotId })).rejects.toMatchObject({ code: 'forbidden' });
    await login('OP-100', '1111');
    // An item without a shelf life: a date code in another form is recorded as typed, and nothing is counted.
    const plain = await api.call('receiving.receive', { ...base, itemId: 'LDO-3V3-SOT23', supplierId: 'SUP-DIGIKEY', supplierLot: 'DK-YYMMDD', dateCode: '261103' });
    expect(plain).toMatchObject({ expiry: null, dateCode: '261103' });
  });

  it('manual entry (no barcode) is recorded as such; a duplicate supplier lot needs confirmation; QA may reject with a signature', async () => {
    const input = { scanSeq: null, verdictSeq: null, itemId: 'PKG-POUCH', supplierId: 'SUP-CLEANPACK', supplierLot: 'CP-P-7781', quantityPerContainer: 500, containers: 1, expiry: isoDay(Date.now() + 400 * DAY), coc: null, confirmDuplicate: false };
    await expect(api.call('receiving.receive', input)).rejects.toMatchObject({ code: 'conflict' });
    const lot = await api.call('receiving.receive', { ...input, confirmDuplicate: true });
    expect(lot).toMatchObject({ entry: 'manual', status: 'quarantined' });
    expect(lastEvent('receiving.recorded')!.payload).toMatchObject({ entry: 'manual', scanSeq: null });
    await login('QA-400', '4444');
    // A rejection is signed as one: a signature meaning "approved" is refused before its PIN is checked.
    const before = rt.log.lastSeq;
    await expect(api.call('qa.reject', { lotId: lot.lotId, signature: { badge: 'QA-400', pin: '4444', meaning: 'approved', reason: 'Pouches torn' } })).rejects.toMatchObject({ code: 'invalid_input', details: { problem: 'signature_meaning', meaning: 'approved', meanings: 'rejected' } });
    await expect(api.call('qa.release', { lotId: lot.lotId, signature: { badge: 'QA-400', pin: '4444', meaning: 'rejected', reason: 'Pouches torn' } })).rejects.toMatchObject({ details: { problem: 'signature_meaning' } });
    expect(rt.log.lastSeq).toBe(before);
    const rejected = await api.call('qa.reject', { lotId: lot.lotId, signature: { badge: 'QA-400', pin: '4444', meaning: 'rejected', reason: 'Pouches torn' } });
    expect(rejected.status).toBe('rejected');
    expect(JSON.parse(rt.store.sqlite.prepare("SELECT signature FROM events WHERE type = 'lot.rejected' ORDER BY seq DESC LIMIT 1").pluck().get() as string)).toMatchObject({ meaning: 'rejected', reason: 'Pouches torn' });
    expect(rt.workflows.snapshot.lots.get(lot.lotId as never)?.status).toBe('rejected');
    await login('OP-100', '1111');
  });

  it('refusals name their problem and its values, so the operator reads them in their language: a refused label carries its verdict reason by code; nothing is recorded', async () => {
    const lots = () => (rt.store.sqlite.prepare('SELECT count(*) AS n FROM lots').get() as { n: number }).n;
    const before = lots();
    const s = await api.call('receiving.scan', { scanSeq: await scan(']C10109501101530004') });
    expect(s.verdict.verdict).toBe('REJECT');
    const reason = s.verdict.reasons[0]!;
    const manual = { scanSeq: null, verdictSeq: null, itemId: 'PKG-POUCH', supplierId: 'SUP-CLEANPACK', supplierLot: 'CP-P-9001', quantityPerContainer: 500, containers: 1, expiry: isoDay(Date.now() + 400 * DAY), coc: null, confirmDuplicate: false };
    const err = (await api.call('receiving.receive', { ...manual, scanSeq: s.verdict.scanSeq, verdictSeq: s.verdict.verdictSeq }).catch((e: unknown) => e)) as { code: string; message: string; details: Record<string, unknown> };
    expect(err).toMatchObject({ code: 'conflict', message: `This label was refused: ${s.verdict.message}`, details: { problem: 'label_refused', verdictSeq: s.verdict.verdictSeq, reason: 'scan_unreadable' } });
    const params = JSON.parse(err.details.reasonParams as string) as ReasonParams['scan_unreadable'];
    expect(params).toEqual(reason.params);
    expect(messageFor('scan_unreadable', params, 'es')).toBe('No se pudo leer el escaneo: un dígito de control es incorrecto. Vuelva a escanear la etiqueta, o la etiqueta Lotline del envase.');

    await expect(api.call('receiving.receive', { ...manual, itemId: 'NO-SUCH-ITEM' })).rejects.toMatchObject({ code: 'not_found', details: { problem: 'item_not_set_up', itemId: 'NO-SUCH-ITEM' } });
    await expect(api.call('receiving.receive', { ...manual, expiry: '2020-01-31' })).rejects.toMatchObject({ code: 'conflict', details: { problem: 'expiry_past', expiry: '2020-01-31' } });
    await expect(api.call('receiving.receive', { ...manual, supplierLot: 'CP-P-7781' })).rejects.toMatchObject({ code: 'conflict', details: { problem: 'supplier_lot_received', supplierLot: 'CP-P-7781', itemId: 'PKG-POUCH', duplicate: 'true' } });
    expect(lots()).toBe(before);

    // Another station's work order, and a signature with the wrong PIN, at the SMT line.
    await expect(api.call('smt.load', { workOrderId: 'WO-24002' })).rejects.toMatchObject({ code: 'conflict', details: { problem: 'work_order_wrong_station', workOrderId: 'WO-24002', stationType: 'molding', thisStation: 'smt' } });
    await expect(api.call('smt.load', { workOrderId: 'WO-NONE' })).rejects.toMatchObject({ code: 'not_found', details: { problem: 'work_order_unknown', workOrderId: 'WO-NONE' } });
    await login('QA-400', '4444');
    const released = (await api.call('qa.lots', { status: 'released' }))[0]!;
    await expect(api.call('qa.release', { lotId: released.lotId, signature: { badge: 'QA-400', pin: '4444', meaning: 'approved', reason: 'again' } })).rejects.toMatchObject({ code: 'conflict', details: { problem: 'lot_not_quarantined', lotId: released.lotId, lotStatus: 'released' } });
    await expect(api.call('qa.release', { lotId: released.lotId, signature: { badge: 'QA-400', pin: '0000', meaning: 'approved', reason: 'again' } })).rejects.toMatchObject({ code: 'signature_invalid', details: { problem: 'signature_wrong_pin', remaining: 4 } });
    await login('OP-100', '1111');
  });

  it('a hold pulled from the central server blocks the very next scan of that lot (regression: it was enforced only after a restart)', async () => {
    await system('sync.record_holds', {
      cursor: '900001',
      resnapshot: false,
      items: [{ cursor: '900001', lotId: 'L-100007', kind: 'hold', status: 'on_hold', reason: 'supplier notice 17', byUserId: 'qa1', byName: 'Central QA', stationId: null, at: new Date().toISOString() }],
    });
    const v = await slotThenReel('F05', 'LL-LOT-L-100007');
    expect(v.verdict.verdict).toBe('REJECT');
    expect(v.verdict.reasons[0]?.code).toBe('lot_not_released');
  });

  it('an MSL bake (J-STD-033 table 4-1 profile) restarts a spent floor life: recorded with its profile, the clock shows the full floor life again', async () => {
    await api.call('material.msl', { kind: 'open', lotId: 'L-100005', at: new Date(Date.now() - 200 * HOUR).toISOString() });
    const [spent] = await api.call('material.clocks', { lotIds: ['L-100005'] });
    expect(spent).toMatchObject({ clock: 'msl', level: '3', problems: ['floor_life_exceeded'], remainingMs: 0 });
    const profile = bakeProfile('3', 1.4, 125);
    expect(profile).toMatchObject({ kind: 'table', durationH: 9 });
    const at = new Date().toISOString();
    const baked = await api.call('material.msl', { kind: 'bake', lotId: 'L-100005', at, temperatureC: 125, durationH: profile.kind === 'table' ? profile.durationH : 0 });
    expect(baked).toMatchObject({ lotId: 'L-100005', phase: 'open', problems: [], running: true });
    expect(baked.remainingMs).toBeGreaterThan(167 * HOUR);
    expect(baked.remainingMs).toBeLessThanOrEqual(168 * HOUR);
    expect(lastEvent('material.msl')!.payload).toEqual({ kind: 'bake', lotId: 'L-100005', at, temperatureC: 125, durationH: 9 });
    const [after] = await api.call('material.clocks', { lotIds: ['L-100005'] });
    expect(after!.problems).toEqual([]);
    // Bad input changes nothing: an oven at 300 °C is refused before anything is recorded.
    const before = rt.log.lastSeq;
    await expect(api.call('material.msl', { kind: 'bake', lotId: 'L-100005', at, temperatureC: 300, durationH: 9 })).rejects.toMatchObject({ code: 'invalid_input' });
    expect(rt.log.lastSeq).toBe(before);
    // An act said to happen later than now would hold a floor life (or a paste's open time) at zero until then.
    const later = new Date(Date.now() + 3 * HOUR).toISOString();
    await expect(api.call('material.msl', { kind: 'open', lotId: 'L-100005', at: later })).rejects.toMatchObject({ code: 'invalid_input', details: { problem: 'clock_time_future', lotId: 'L-100005', at: later } });
    await expect(api.call('material.paste', { kind: 'open', lotId: 'L-100008', at: later })).rejects.toMatchObject({ details: { problem: 'clock_time_future' } });
    expect(rt.log.lastSeq).toBe(before);
  });

  it('a WARN whose reason is gone by the answer (baked since) has nothing left to acknowledge: it is refused in words, nothing is recorded, the reel is scanned again', async () => {
    // L-100006 (MSL 2a, 672 h floor life) opened 668 h ago: 4 h left, under the warning.
    await api.call('material.msl', { kind: 'open', lotId: 'L-100006', at: new Date(Date.now() - 668 * HOUR).toISOString() });
    const warn = await slotThenReel('F04', 'LL-LOT-L-100006');
    expect(warn.verdict).toMatchObject({ verdict: 'WARN', reasons: [{ code: 'msl_floor_life_low' }] });
    await api.call('material.msl', { kind: 'bake', lotId: 'L-100006', at: new Date().toISOString(), temperatureC: 125, durationH: 24 });
    const quiet = rt.log.lastSeq;
    const refused = api.call('verdict.acknowledge', { verdictSeq: warn.verdict.verdictSeq });
    await expect(refused).rejects.toMatchObject({ code: 'conflict', details: { problem: 'verdict_not_needed', lotId: 'L-100006', verdictSeq: warn.verdict.verdictSeq } });
    await expect(refused).rejects.toMatchObject({ message: expect.stringContaining('Reel L-100006 is accepted now') });
    expect(rt.log.lastSeq).toBe(quiet);
    expect(rt.store.sqlite.prepare('SELECT resolution FROM scan_verdicts WHERE verdict_seq = ?').pluck().get(warn.verdict.verdictSeq)).toBe('none');
    expect((await slotThenReel('F04', 'LL-LOT-L-100006')).verdict.verdict).toBe('ACCEPT');
  });

  it('a reel removed from its slot (slot label scanned) leaves the slot unverified: the running line stops, start is refused until a reel is verified there again', async () => {
    expect((await api.call('smt.state', { workOrderId: WO })).running).toBe(true);
    const r = await api.call('smt.remove_reel', { workOrderId: WO, slotScanSeq: await scan('LL-SLOT-SMT1-F03'), reason: 'empty' });
    expect(r).toMatchObject({ stoppedLine: true, running: false, canStart: false, missing: ['F03'], removed: { slot: 'F03', itemId: 'MCU-RP2040' } });
    expect(r.slots.find((x) => x.slot === 'F03')?.loaded).toBeNull();
    expect(r.history.at(-1)).toMatchObject({ slot: 'F03', lotId: r.removed.lotId, why: 'removed' });
    expect(lastEvent('smt.reel_removed')!.payload).toMatchObject({ workOrderId: WO, lineId: 'SMT1', slot: 'F03', lotId: r.removed.lotId, reason: 'empty', stoppedLine: true });
    expect(rt.store.sqlite.prepare('SELECT state FROM smt_runs WHERE work_order_id = ?').get(WO)).toEqual({ state: 'setup' });

    // The interlock and the bad inputs change nothing.
    const before = rt.log.lastSeq;
    await expect(api.call('smt.start', { workOrderId: WO })).rejects.toMatchObject({ code: 'conflict', message: 'The line cannot start: slot F03 is not verified.' });
    await expect(api.call('smt.record_boards', { workOrderId: WO, count: 1 })).rejects.toMatchObject({ code: 'conflict' });
    await expect(api.call('smt.remove_reel', { workOrderId: WO, slot: 'F03', reason: 'wrong' })).rejects.toMatchObject({ code: 'conflict', message: 'Slot F03 has no verified reel to remove.' });
    await expect(api.call('smt.remove_reel', { workOrderId: WO, slot: 'F99', reason: 'wrong' })).rejects.toMatchObject({ code: 'conflict' });
    await expect(api.call('smt.remove_reel', { workOrderId: WO, reason: 'wrong' } as never)).rejects.toMatchObject({ code: 'invalid_input' });
    expect(rt.log.lastSeq).toBe(before);
    await expect(api.call('smt.remove_reel', { workOrderId: WO, slotScanSeq: await scan('LL-SLOT-SMT2-F01'), reason: 'wrong' })).rejects.toMatchObject({ code: 'invalid_input', message: 'Slot F01 is on line SMT2, but this setup is for line SMT1. Scan a slot label of line SMT1.' });
    expect(rt.log.lastSeq).toBe(before + 1); // the scan itself, nothing else

    // Rescan: the reel verified again on F03, then the line runs.
    const v = await slotThenReel('F03', `LL-LOT-${r.removed.lotId}`);
    if (v.verdict.verdict === 'WARN') await api.call('verdict.acknowledge', { verdictSeq: v.verdict.verdictSeq });
    else expect(v.verdict.verdict).toBe('ACCEPT');
    expect((await api.call('smt.state', { workOrderId: WO })).canStart).toBe(true);
    expect((await api.call('smt.start', { workOrderId: WO })).running).toBe(true);
  });

  it('the run\'s reels are listed whole for the unload count: a reel that ended before the setup view\'s last 50 history entries is still there', async () => {
    const before = await api.call('smt.run_reels', { workOrderId: WO });
    const ended = before.filter((r) => !r.onSlot);
    expect(ended.length).toBeGreaterThan(0);
    const f01 = (await api.call('smt.state', { workOrderId: WO })).slots.find((x) => x.slot === 'F01')!.loaded!.lotId;
    for (let i = 0; i < 52; i++) {
      const v = await slotThenReel('F01', `LL-LOT-${f01}`);
      if (v.verdict.verdict === 'WARN') await api.call('verdict.acknowledge', { verdictSeq: v.verdict.verdictSeq });
      else expect(v.verdict.verdict).toBe('ACCEPT');
    }
    const view = await api.call('smt.state', { workOrderId: WO });
    expect(view.history).toHaveLength(50);
    // The view's history is now F01's re-verifications alone; the reels that ended before are out of it…
    expect(new Set(view.history.map((h) => `${h.slot}:${h.lotId}`))).toEqual(new Set([`F01:${f01}`]));
    // …and still in the run's reels, each once.
    const after = await api.call('smt.run_reels', { workOrderId: WO });
    expect(new Set(after.map((r) => r.lotId))).toEqual(new Set(before.map((r) => r.lotId)));
    expect(after.filter((r) => r.lotId === f01)).toEqual([{ slot: 'F01', lotId: f01, itemId: expect.any(String), onSlot: true }]);
    expect(after.filter((r) => r.onSlot).map((r) => r.slot)).toEqual(view.slots.filter((x) => x.loaded).map((x) => x.slot));
    await expect(api.call('smt.run_reels', { workOrderId: 'WO-NOPE' })).rejects.toMatchObject({ code: 'conflict' });
  });

  it('unloading the work order clears every slot, records remaining quantities on the lots and closes the setup; the history stays', async () => {
    const st = await api.call('smt.state', { workOrderId: WO });
    const f03 = st.slots.find((x) => x.slot === 'F03')!.loaded!.lotId;
    const boardsBefore = await api.call('smt.boards_of_lot', { lotId: 'L-100002' });
    expect(boardsBefore.length).toBeGreaterThan(0);
    const before = rt.log.lastSeq;
    await expect(api.call('smt.unload', { workOrderId: WO, remaining: [{ lotId: f03, quantity: 1_000_000 }] })).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringContaining('cannot remain') });
    await expect(api.call('smt.unload', { workOrderId: WO, remaining: [{ lotId: 'L-100005', quantity: 1 }] })).rejects.toMatchObject({ code: 'invalid_input', message: `Lot L-100005 was not loaded in work order ${WO}. Record remaining quantities only for its reels.` });
    expect(rt.log.lastSeq).toBe(before);

    const u = await api.call('smt.unload', { workOrderId: WO, remaining: [{ lotId: f03, quantity: 420 }] });
    expect(u.cleared.map((c) => c.slot)).toEqual(['F01', 'F02', 'F03', 'F04', 'F05', 'LOADER', 'PRINTER']);
    expect(u.remaining).toEqual([{ lotId: f03, quantity: 420, previous: 500 }]);
    expect(lastEvent('smt.work_order_unloaded')!.payload).toMatchObject({ workOrderId: WO, lineId: 'SMT1', cleared: u.cleared, remaining: u.remaining });
    expect(rt.store.sqlite.prepare('SELECT quantity FROM lots WHERE lot_id = ?').get(f03)).toEqual({ quantity: 420 });
    expect(rt.workflows.snapshot.lots.get(f03 as never)?.quantity).toBe(420);
    expect(rt.store.sqlite.prepare('SELECT state FROM smt_runs WHERE work_order_id = ?').get(WO)).toEqual({ state: 'unloaded' });
    expect((await api.call('smt.work_orders', {})).find((w) => w.workOrderId === WO)).toMatchObject({ loaded: false, running: false });
    await expect(api.call('smt.state', { workOrderId: WO })).rejects.toMatchObject({ code: 'conflict' });
    await expect(api.call('smt.unload', { workOrderId: WO })).rejects.toMatchObject({ code: 'conflict' });
    expect(await api.call('smt.boards_of_lot', { lotId: 'L-100002' })).toEqual(boardsBefore);

    // Loading it again starts a fresh setup: nothing verified.
    const again = await api.call('smt.load', { workOrderId: WO, lineId: 'SMT1' });
    expect(again).toMatchObject({ running: false, canStart: false, history: [] });
    expect(again.slots.every((x) => x.loaded === null)).toBe(true);
  });

  it('a work order loaded again numbers its boards on from its earlier run, and a board already recorded is refused', async () => {
    // The first run recorded WO-24001-0001 … 0006.
    const earlier = (await api.call('smt.lots_of_board', { serial: 'WO-24001-0006' })).length;
    expect(earlier).toBeGreaterThan(0);
    // Central QA releases the LDO reel held above.
    await system('sync.record_holds', {
      cursor: '900002',
      resnapshot: false,
      items: [{ cursor: '900002', lotId: 'L-100007', kind: 'release', status: 'released', reason: 'supplier notice 17 closed', byUserId: 'qa1', byName: 'Central QA', stationId: null, at: new Date().toISOString() }],
    });
    for (const [slot, reel] of [['F01', 'L-100001'], ['F02', 'L-100002'], ['F03', 'L-100004'], ['F04', 'L-100006'], ['F05', 'L-100007'], ['LOADER', 'L-100009'], ['PRINTER', 'L-100008']] as const) {
      const v = await slotThenReel(slot, `LL-LOT-${reel}`);
      if (v.verdict.verdict === 'WARN') await api.call('verdict.acknowledge', { verdictSeq: v.verdict.verdictSeq });
      else expect(v.verdict.verdict, v.verdict.message).toBe('ACCEPT');
    }
    // A reel changed during setup fed no board: the first boards are not ambiguous for it.
    expect((await slotThenReel('F02', 'LL-LOT-L-100011')).verdict.verdict).toBe('ACCEPT');
    expect((await api.call('smt.start', { workOrderId: WO })).running).toBe(true);
    const b = await api.call('smt.record_boards', { workOrderId: WO, count: 2 });
    expect(b.serials).toEqual(['WO-24001-0007', 'WO-24001-0008']);
    expect(b.ambiguous).toEqual([]);
    // The first run's boards keep their own reels: nothing of this run is linked to them.
    expect((await api.call('smt.lots_of_board', { serial: 'WO-24001-0006' })).length).toBe(earlier);

    // A panel label read twice is one board.
    const panel = await api.call('smt.record_boards', { workOrderId: WO, panelScanSeq: await scan('PNL-2611-0042') });
    expect(panel.serials).toEqual(['PNL-2611-0042']);
    const before = rt.log.lastSeq;
    const rescan = await scan('PNL-2611-0042');
    await expect(api.call('smt.record_boards', { workOrderId: WO, panelScanSeq: rescan })).rejects.toMatchObject({ code: 'conflict', details: { problem: 'board_already_recorded', serial: 'PNL-2611-0042' } });
    expect(rt.log.lastSeq).toBe(before + 1); // the scan itself, nothing else
    expect((await api.call('smt.state', { workOrderId: WO })).boards).toBe(3);
  });

  it('the in-memory snapshot and SMT runs equal those rebuilt from the projections and the log; projections rebuild identically', () => {
    const rebuilt = new WorkflowEngine(rt.store.db, rt.store.sqlite);
    expect(rebuilt.snapshot).toEqual(rt.workflows.snapshot);
    expect(rebuilt.runs).toEqual(rt.workflows.runs);
    expect(rebuilt.boardsOfWorkOrder).toEqual(rt.workflows.boardsOfWorkOrder);
    const report = rebuildProjections(rt.store.sqlite, rt.store.db, { dryRun: true });
    expect(report.differences).toEqual({});
    expect(report).toMatchObject({ identical: true });
  });

  it('prints the traveler on the simulated ESC/POS printer', async () => {
    const got = new Promise<Buffer>((resolve) => rt.devices!.escposSim!.once('ticket', resolve));
    const r = await api.call('smt.print_traveler', { workOrderId: WO, kind: 'traveler' });
    expect(r.lines).toBeGreaterThan(5);
    const text = (await got).toString('latin1');
    expect(text).toContain('WO-24001');
    // When it was printed names its zone: "… UTC" or local time with its offset, never a bare "10:11".
    expect(text).toMatch(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d (UTC|([A-Z]{2,5} )?\(UTC[+-]\d\d:\d\d\))/);
    expect((lastEvent('smt.traveler_printed')!.payload as EventPayload<'smt.traveler_printed'>).kind).toBe('traveler');
  });

  it('prints the traveler and the kitting list in Spanish for an operator working in Spanish', async () => {
    const printed = async (kind: 'traveler' | 'kitting') => {
      const got = new Promise<Buffer>((resolve) => rt.devices!.escposSim!.once('ticket', resolve));
      await api.call('smt.print_traveler', { workOrderId: WO, kind, lang: 'es' });
      return ticketText(decodeEscPos(await got)).join('\n');
    };
    const traveler = await printed('traveler');
    expect(traveler).toContain('HOJA DE RUTA');
    expect(traveler).toMatch(/Línea \/ estación +\S/);
    expect(traveler).toContain('3. Reflujo');
    expect(traveler).not.toMatch(/Reflow|Operations|Printed by/);
    const kitting = await printed('kitting');
    expect(kitting).toContain('LISTA DE KIT');
    expect(kitting).toMatch(/lote \S+ @ /);
    expect(kitting).not.toMatch(/scan at the line|Picked by/);
    await expect(api.call('smt.print_traveler', { workOrderId: WO, kind: 'traveler', lang: 'xx' as 'es' })).rejects.toMatchObject({ code: 'invalid_input' });
  });
});
