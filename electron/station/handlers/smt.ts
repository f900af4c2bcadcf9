// The SMT line station: load a work order (setup list from its BOM revision), scan slot then
// reel, acknowledge WARNs / override REJECTs with a signature, the start interlock, splices,
// a BOM revision change mid-run, boards linked to the reels they were built with, and the
// traveler on the ticket printer. Every scan answers one recorded verdict.
import { changedSince, type Change } from '../../../shared/rules/answer';
import type Database from 'better-sqlite3';
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { StationError } from '../../../shared/contract/errors';
import { refusal, refusalOf } from '../../../shared/contract/problems';
import type { StationContract } from '../../../shared/contract/station';
import type { SetupView } from '../../../shared/contract/workflows';
import type { StoredEvent } from '../../../shared/events/event';
import type { EventPayload } from '../../../shared/events/types';
import type { WorkOrderId } from '../../../shared/ids';
import { reelScan, smtScan } from '../../../shared/rules/smt-scan';
import { smtLineOf } from '../../../shared/rules/smt-line';
import { canStartLine, changeRevision, setupFromBom } from '../../../shared/rules/smt-setup';
import { verifySplice } from '../../../shared/rules/splice';
import { checkReelRemoval, planUnload, reelsOfRun } from '../../../shared/rules/smt-teardown';
import type { CommandContext, CommandHandler, QueryHandler } from '../runtime/bus';
import type { StationRuntime } from '../runtime/runtime';
import type { SmtRun, WorkflowEngine } from '../workflows/engine';
import * as t from '../store/schema';
import { recordVerdict, setupView, verdictView } from '../workflows/views';
import type { Verdict } from '../../../shared/rules/verdict';
import { renderTicket, type TicketLanguage } from '../../../shared/ticket/template';
import { printedTime, reportZone } from '../../../shared/reports/time';
import { loadTicketTemplate } from '../tickets/templates';

/** The run's own words on the traveler and the kitting list, in each ticket language. */
const TICKET_WORDS: Record<TicketLanguage, { operations: readonly string[]; scanAtLine: string; pick: string; store: string }> = {
  en: { operations: ['Solder paste print', 'Pick and place (setup verified)', 'Reflow', 'AOI', 'Depanel'], scanAtLine: '(scan at the line)', pick: '(pick)', store: 'store' },
  es: { operations: ['Impresión de pasta de soldar', 'Colocación (setup verificado)', 'Reflujo', 'AOI', 'Despanelizado'], scanAtLine: '(escanear en la línea)', pick: '(surtir)', store: 'almacén' },
};

type In<M extends keyof StationContract> = z.output<StationContract[M]['input']>;
type Out<M extends keyof StationContract> = z.input<StationContract[M]['output']>;

export function mustRun(eng: WorkflowEngine, workOrderId: string): SmtRun {
  const run = eng.runs.get(workOrderId);
  if (!run) throw refusal('conflict', 'work_order_not_loaded', { workOrderId }, `Work order ${workOrderId} is not loaded on this line. Load it first.`);
  return run;
}

/** Refuses an answer to verdict `verdictSeq` when, judged again, its lot no longer gets it (shared/rules/answer.ts). */
export function mustStillApply(verdictSeq: number, lotId: string, change: Change | null, what: 'reel' | 'lot'): void {
  if (change?.kind === 'accepted')
    throw refusal('conflict', 'verdict_not_needed', { verdictSeq, lotId }, `${what === 'reel' ? 'Reel' : 'Lot'} ${lotId} is accepted now: verdict #${verdictSeq} no longer applies, so there is nothing to answer. Scan it again to use it.`);
  if (change)
    throw refusal('conflict', 'verdict_stale', { verdictSeq, lotId }, `Since verdict #${verdictSeq}, ${what} ${lotId} has changed (${change.reasons.map((r) => r.message).join(' ')}). Scan it again.`);
}

export function mustScan(eng: WorkflowEngine, seq: number, now: Date, allowUsed = false) {
  const sc = eng.scan(seq, now.getUTCFullYear());
  if (!sc) throw new StationError('not_found', `No scan #${seq} is recorded at this station.`);
  if (!allowUsed && eng.verdictOfScan(seq) !== null) throw refusal('conflict', 'scan_already_answered', { seq }, `Scan #${seq} already has its verdict. Scan the label again.`);
  return sc;
}

/** Collects what a handler emits, so its answer can show the state after the commit. */
function emitter(ctx: CommandContext) {
  const out: StoredEvent[] = [];
  return {
    events: out,
    emit: ((type, payload, opts) => {
      const e = ctx.emit(type, payload, opts);
      out.push(e);
      return e;
    }) as CommandContext['emit'],
  };
}

function viewAfter(eng: WorkflowEngine, workOrderId: string, events: readonly StoredEvent[], nowMs: number): SetupView {
  const run = eng.preview(workOrderId, events);
  if (!run) throw new StationError('internal', `work order ${workOrderId} has no setup`);
  return setupView(eng, run, nowMs);
}

export function smtHandlers(rt: StationRuntime) {
  const eng = () => rt.workflows;
  // A board's genealogy edges are its record (a running line has a reel on every slot).
  let boardStmt: Database.Statement | undefined;
  const boardRecorded = (serial: string) => (boardStmt ??= rt.store.sqlite.prepare("SELECT 1 FROM genealogy_edges WHERE output_id = ? AND output_kind = 'board' LIMIT 1")).get(serial) !== undefined;

  const workOrders: QueryHandler<In<'smt.work_orders'>, Out<'smt.work_orders'>> = {
    kind: 'query',
    run() {
      const s = eng().snapshot;
      return [...s.workOrders.values()]
        .filter((w) => w.stationType === 'smt')
        .map((w) => {
          const run = eng().runs.get(w.workOrderId);
          return { workOrderId: w.workOrderId, productItemId: w.productItemId, bomId: w.bomId, revision: s.boms.get(w.bomId)?.revision ?? '?', quantity: w.quantity, status: w.status, loaded: !!run, running: run?.running ?? false };
        });
    },
  };

  /** The line this station runs, from its configuration; `expected` is a caller's check, never a choice. */
  function stationLine(expected: string | undefined): string {
    const station = rt.status().station;
    const line = smtLineOf(station);
    if (line === null)
      throw refusal(
        'conflict',
        'no_smt_line',
        { area: station?.area.trim() ?? '' },
        `This station has no SMT line: its area is ${station?.area.trim() ? `"${station.area.trim()}", not a line name as on the slot labels (like SMT1)` : 'empty'}. An administrator sets the line as the station's area in Settings.`,
      );
    if (expected !== undefined && expected !== line) throw refusal('conflict', 'other_smt_line', { line, expected }, `This station runs line ${line}, not ${expected}.`);
    return line;
  }

  const load: CommandHandler<In<'smt.load'>, Out<'smt.load'>> = {
    kind: 'command',
    run(ctx, input) {
      const e = eng();
      const nowMs = ctx.now.getTime();
      const existing = e.runs.get(input.workOrderId);
      // Already loaded: it stays on the line it was loaded on, even if the area changed since.
      if (existing) {
        if (input.lineId !== undefined && input.lineId !== existing.lineId) throw refusal('conflict', 'other_smt_line', { line: existing.lineId, expected: input.lineId }, `Work order ${existing.workOrderId} is loaded on line ${existing.lineId}, not ${input.lineId}.`);
        return setupView(e, existing, nowMs);
      }
      const wo = e.snapshot.workOrders.get(input.workOrderId as WorkOrderId);
      if (!wo) throw refusal('not_found', 'work_order_unknown', { workOrderId: input.workOrderId }, `Work order ${input.workOrderId} is not known at this station.`);
      if (wo.stationType !== 'smt') throw refusal('conflict', 'work_order_wrong_station', { workOrderId: wo.workOrderId, stationType: wo.stationType, thisStation: 'smt' }, `Work order ${wo.workOrderId} is for a ${wo.stationType} station, not an SMT line.`);
      if (wo.status !== 'released' && wo.status !== 'running') throw refusal('conflict', 'work_order_not_released', { workOrderId: wo.workOrderId, status: wo.status }, `Work order ${wo.workOrderId} is ${wo.status}. Load a released work order.`);
      const bom = e.snapshot.boms.get(wo.bomId);
      if (!bom) throw refusal('not_found', 'bom_unknown', { workOrderId: wo.workOrderId }, `BOM ${wo.bomId} of work order ${wo.workOrderId} is not known at this station.`);
      const lineId = stationLine(input.lineId);
      // One setup per line: two would share its feeders and slot labels, and a reel verified for
      // one work order would sit on a feeder the other lists, linking boards to the wrong reels.
      const other = [...e.runs.values()].find((r) => r.lineId === lineId);
      if (other) throw refusal('conflict', 'line_has_work_order', { lineId, workOrderId: other.workOrderId }, `Line ${lineId} is set up for work order ${other.workOrderId}: unload it before loading ${wo.workOrderId}.`);
      const ev = ctx.emit('smt.work_order_loaded', { workOrderId: wo.workOrderId, lineId, bomId: bom.bomId, revision: bom.revision });
      return viewAfter(e, wo.workOrderId, [ev], nowMs);
    },
  };

  const state: QueryHandler<In<'smt.state'>, Out<'smt.state'>> = {
    kind: 'query',
    run: (ctx, input) => setupView(eng(), mustRun(eng(), input.workOrderId), ctx.now.getTime()),
  };

  const scan: CommandHandler<In<'smt.scan'>, Out<'smt.scan'>> = {
    kind: 'command',
    run(ctx, input) {
      const e = eng();
      const run = mustRun(e, input.workOrderId);
      const sc = mustScan(e, input.scanSeq, ctx.now);
      const nowMs = ctx.now.getTime();
      const out = emitter(ctx);
      const c = { ...ctx, emit: out.emit };
      const r = smtScan(e.snapshot, run.setup, { scan: sc.scan, text: sc.text, nowMs });
      const base = { scanSeq: sc.seq, workOrderId: run.workOrderId, revision: run.setup.list.revision };
      let verdict;
      if (r.step === 'slot') {
        verdict = recordVerdict(c, r.verdict, { ...base, workflow: 'smt.slot', slot: r.slot });
        if (r.verdict.verdict === 'ACCEPT' && r.slot) out.emit('smt.slot_selected', { workOrderId: run.workOrderId, slot: r.slot, scanSeq: sc.seq });
      } else {
        verdict = recordVerdict(c, r.verdict, { ...base, workflow: 'smt.reel', slot: r.slot, lotId: r.lotId, itemId: r.itemId });
        if (r.verdict.verdict === 'ACCEPT' && r.slot && r.lotId && r.itemId)
          out.emit('smt.reel_loaded', { workOrderId: run.workOrderId, slot: r.slot, lotId: r.lotId, itemId: r.itemId, scanSeq: sc.seq, verdictSeq: verdict.verdictSeq, via: 'accepted' });
      }
      return { verdict, setup: viewAfter(e, run.workOrderId, out.events, nowMs) };
    },
  };

  const splice: CommandHandler<In<'smt.splice'>, Out<'smt.splice'>> = {
    kind: 'command',
    run(ctx, input) {
      const e = eng();
      const run = mustRun(e, input.workOrderId);
      if (input.oldScanSeq === input.newScanSeq) throw refusal('invalid_input', 'splice_two_scans', {}, 'Scan the old reel, then the new reel: two scans.');
      const old = mustScan(e, input.oldScanSeq, ctx.now);
      const neu = mustScan(e, input.newScanSeq, ctx.now);
      const nowMs = ctx.now.getTime();
      const out = emitter(ctx);
      const r = verifySplice(e.snapshot, run.setup, { old: { scan: old.scan, text: old.text }, new: { scan: neu.scan, text: neu.text }, nowMs });
      const verdict = recordVerdict({ ...ctx, emit: out.emit }, r.verdict, {
        scanSeq: old.seq,
        secondScanSeq: neu.seq,
        workflow: 'smt.splice',
        workOrderId: run.workOrderId,
        revision: run.setup.list.revision,
        slot: r.slot,
        lotId: r.newLotId,
        itemId: r.newItemId,
        oldLotId: r.oldLotId,
      });
      if (r.verdict.verdict === 'ACCEPT' && r.slot && r.oldLotId && r.newLotId && r.newItemId)
        out.emit('smt.spliced', { workOrderId: run.workOrderId, slot: r.slot, oldLotId: r.oldLotId, newLotId: r.newLotId, itemId: r.newItemId, verdictSeq: verdict.verdictSeq, via: 'accepted' });
      return { verdict, setup: viewAfter(e, run.workOrderId, out.events, nowMs) };
    },
  };

  // A verdict is answered on what it saw; the answer loads the reel now. A later scan on the
  // slot (the operator took another reel) supersedes it, and checks run again must find
  // nothing new — a hold, an expiry or a floor life spent since — or the reel is scanned again.
  let laterStmt: Database.Statement | undefined;
  function mustStillHold(e: WorkflowEngine, run: SmtRun, verdictSeq: number, p: EventPayload<'scan.verdict'>, now: Date): Verdict {
    laterStmt ??= rt.store.sqlite.prepare("SELECT verdict_seq FROM scan_verdicts WHERE verdict_seq > ? AND work_order_id = ? AND slot = ? AND workflow IN ('smt.reel', 'smt.splice') LIMIT 1");
    if (laterStmt.get(verdictSeq, run.workOrderId, p.slot) !== undefined)
      throw refusal('conflict', 'verdict_superseded', { verdictSeq, slot: p.slot! }, `A later scan on slot ${p.slot} replaced verdict #${verdictSeq}: answer the latest one, or scan the reel again.`);
    const nowMs = now.getTime();
    const again =
      p.workflow === 'smt.reel'
        ? reelScan(e.snapshot, run.setup, { ...recorded(e, p.scanSeq, now), nowMs }).verdict
        : verifySplice(e.snapshot, run.setup, { old: recorded(e, p.scanSeq, now), new: recorded(e, p.secondScanSeq ?? p.scanSeq, now), nowMs }).verdict;
    mustStillApply(verdictSeq, p.lotId!, changedSince(p, again), 'reel');
    return again;
  }
  const recorded = (e: WorkflowEngine, seq: number, now: Date) => {
    const sc = mustScan(e, seq, now, true);
    return { scan: sc.scan, text: sc.text };
  };

  /** WARN acknowledged or REJECT overridden: the verdict's action happens now, recorded as such. */
  function resolve(ctx: CommandContext, verdictSeq: number, how: 'acknowledged' | 'overridden'): Out<'verdict.acknowledge'> {
    const e = eng();
    const ev = e.event(verdictSeq);
    if (!ev || ev.type !== 'scan.verdict') throw new StationError('not_found', `No verdict #${verdictSeq} is recorded at this station.`);
    const p = ev.payload as EventPayload<'scan.verdict'>;
    const resolution = e.verdictResolution(verdictSeq);
    if (resolution !== null && resolution !== 'none') throw refusal('conflict', 'verdict_already_answered', { verdictSeq }, `Verdict #${verdictSeq} was already ${resolution}.`);
    // Answered here, a packing or molding verdict would be marked answered without its lot being used.
    if (p.workflow === 'material' || p.finishedLotId !== undefined) throw new StationError('conflict', `Verdict #${verdictSeq} is a material verdict: answer it at the station that asked (packing line, molding batch).`);
    if (how === 'acknowledged' && p.verdict !== 'WARN') throw new StationError('conflict', `Verdict #${verdictSeq} is ${p.verdict}; only a WARN is acknowledged.`);
    if (how === 'overridden') {
      if (p.verdict !== 'REJECT' || !p.overridable || !p.overrideRole) throw new StationError('conflict', `Verdict #${verdictSeq} cannot be overridden: ${p.message}`);
      // The verdict names who may override it (the station's FIFO setting when it was given).
      if (!ctx.signer?.roles.includes(p.overrideRole)) throw refusal('forbidden', 'override_role', { role: p.overrideRole }, `This override needs a ${p.overrideRole} signature.`);
    }
    const out = emitter(ctx);
    const nowMs = ctx.now.getTime();
    let run: SmtRun | undefined;
    if (p.workflow === 'smt.reel' || p.workflow === 'smt.splice') {
      run = mustRun(e, p.workOrderId ?? '');
      if (!p.slot || !p.lotId || !p.itemId) throw new StationError('conflict', `Verdict #${verdictSeq} names no reel.`);
      if (p.revision !== run.setup.list.revision) throw refusal('conflict', 'setup_changed', { revision: run.setup.list.revision }, `The setup changed to revision ${run.setup.list.revision} since this verdict. Scan again.`);
      if (p.workflow === 'smt.reel' && run.setup.pendingSlot !== p.slot) throw refusal('conflict', 'slot_not_selected', { slot: p.slot }, `Slot ${p.slot} is no longer the selected slot. Scan the slot, then the reel again.`);
      if (p.workflow === 'smt.splice' && run.setup.loaded[p.slot]?.lotId !== p.oldLotId) throw refusal('conflict', 'reel_not_on_slot', { lotId: p.oldLotId ?? '', slot: p.slot }, `Reel ${p.oldLotId} is no longer on slot ${p.slot}. Scan both reels again.`);
      const again = mustStillHold(e, run, verdictSeq, p, ctx.now);
      // Who may sign it away is today's setting, not the one the refusal was given under.
      if (how === 'overridden' && (!again.overrideRole || !ctx.signer?.roles.includes(again.overrideRole))) throw refusal('forbidden', 'override_role', { role: again.overrideRole ?? p.overrideRole! }, `This override needs a ${again.overrideRole ?? p.overrideRole} signature.`);
    }
    if (how === 'acknowledged') out.emit('scan.verdict_acknowledged', { verdictSeq, scanSeq: p.scanSeq });
    else out.emit('scan.verdict_overridden', { verdictSeq, scanSeq: p.scanSeq, codes: p.reasons.filter((r) => r.severity === 'REJECT').map((r) => r.code) }, { signed: true, reason: (ctx as CommandContext & { signatureReason?: string }).signatureReason ?? null });
    if (run && p.workflow === 'smt.reel') out.emit('smt.reel_loaded', { workOrderId: run.workOrderId, slot: p.slot!, lotId: p.lotId!, itemId: p.itemId!, scanSeq: p.scanSeq, verdictSeq, via: how });
    if (run && p.workflow === 'smt.splice') out.emit('smt.spliced', { workOrderId: run.workOrderId, slot: p.slot!, oldLotId: p.oldLotId!, newLotId: p.lotId!, itemId: p.itemId!, verdictSeq, via: how });
    return { verdict: verdictView(verdictSeq, p), setup: run ? viewAfter(e, run.workOrderId, out.events, nowMs) : null };
  }

  const acknowledge: CommandHandler<In<'verdict.acknowledge'>, Out<'verdict.acknowledge'>> = {
    kind: 'command',
    run: (ctx, input) => resolve(ctx, input.verdictSeq, 'acknowledged'),
  };

  const override: CommandHandler<In<'verdict.override'>, Out<'verdict.override'>> = {
    kind: 'command',
    run: (ctx, input) => resolve({ ...ctx, signatureReason: input.signature.reason } as CommandContext, input.verdictSeq, 'overridden'),
  };

  const start: CommandHandler<In<'smt.start'>, Out<'smt.start'>> = {
    kind: 'command',
    run(ctx, input) {
      const e = eng();
      const run = mustRun(e, input.workOrderId);
      if (run.running) throw refusal('conflict', 'line_running', { lineId: run.lineId, workOrderId: run.workOrderId }, `Line ${run.lineId} is already running work order ${run.workOrderId}.`);
      const wo = e.snapshot.workOrders.get(run.workOrderId);
      if (wo && wo.bomId !== run.setup.list.bomId) throw refusal('conflict', 'revision_pending', { workOrderId: run.workOrderId, bomId: wo.bomId }, `Work order ${run.workOrderId} is now on BOM ${wo.bomId}. Apply the revision change and verify the slots first.`);
      const ok = canStartLine(run.setup);
      // The interlock: nothing is recorded, the line does not start.
      if (!ok.ok) throw refusal('conflict', 'slots_not_verified', { missing: ok.missingSlots.join(', '), count: ok.missingSlots.length }, `The line cannot start: slot${ok.missingSlots.length > 1 ? 's' : ''} ${ok.missingSlots.join(', ')} ${ok.missingSlots.length > 1 ? 'are' : 'is'} not verified.`);
      const lots = Object.values(run.setup.loaded).map((l) => ({ slot: l.slot, lotId: l.lotId, itemId: l.itemId }));
      const ev = ctx.emit('smt.line_started', { workOrderId: run.workOrderId, lineId: run.lineId, revision: run.setup.list.revision, lots });
      return viewAfter(e, run.workOrderId, [ev], ctx.now.getTime());
    },
  };

  const changeRev: CommandHandler<In<'smt.change_revision'>, Out<'smt.change_revision'>> = {
    kind: 'command',
    run(ctx, input) {
      const e = eng();
      const run = mustRun(e, input.workOrderId);
      const wo = e.snapshot.workOrders.get(run.workOrderId);
      if (!wo || wo.bomId === run.setup.list.bomId) throw refusal('conflict', 'revision_current', { workOrderId: run.workOrderId, revision: run.setup.list.revision }, `Work order ${run.workOrderId} is still on revision ${run.setup.list.revision}: nothing to change.`);
      const bom = e.snapshot.boms.get(wo.bomId);
      if (!bom) throw refusal('not_found', 'bom_unknown', { workOrderId: run.workOrderId }, `BOM ${wo.bomId} is not known at this station.`);
      const nowMs = ctx.now.getTime();
      const rc = changeRevision(run.setup, setupFromBom(bom, wo, run.lineId), nowMs);
      const ev = ctx.emit('smt.revision_changed', {
        workOrderId: run.workOrderId,
        fromBomId: run.setup.list.bomId,
        fromRevision: run.setup.list.revision,
        bomId: bom.bomId,
        revision: bom.revision,
        obsolete: [...rc.obsolete],
        kept: [...rc.kept],
        missing: [...rc.missing],
      });
      return { ...viewAfter(e, run.workOrderId, [ev], nowMs), obsolete: [...rc.obsolete], kept: [...rc.kept] };
    },
  };

  const recordBoards: CommandHandler<In<'smt.record_boards'>, Out<'smt.record_boards'>> = {
    kind: 'command',
    run(ctx, input) {
      const e = eng();
      const run = mustRun(e, input.workOrderId);
      if (!run.running) throw refusal('conflict', 'line_not_running', { lineId: run.lineId }, `Line ${run.lineId} is not running: verify every slot and start it first.`);
      let serials: string[];
      if (input.panelScanSeq !== undefined) {
        const sc = mustScan(e, input.panelScanSeq, ctx.now, true);
        const serial = sc.scan.ok ? sc.scan.fields.serial : /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/.test(sc.text.trim()) ? sc.text.trim() : undefined;
        if (!serial) throw refusal('invalid_input', 'no_board_serial', {}, 'This label carries no board serial. Scan the panel label, or record a count.');
        serials = [serial];
      } else {
        const before = e.boardsOfWorkOrder.get(run.workOrderId) ?? 0;
        serials = Array.from({ length: input.count! }, (_, i) => `${run.workOrderId}-${String(before + i + 1).padStart(4, '0')}`);
      }
      // A board is recorded once: a panel scanned twice, or a serial another run already
      // recorded, would merge two boards' genealogy into one.
      const again = serials.find(boardRecorded);
      if (again) throw refusal('conflict', 'board_already_recorded', { serial: again }, `Board ${again} is already recorded. Scan the next panel.`);
      const lots = Object.values(run.setup.loaded).map((l) => ({ slot: l.slot, lotId: l.lotId, itemId: l.itemId }));
      // A slot whose reel changed since the last boards: every reel it held may have fed them
      // (a reel taken off and put back is one reel).
      const ambiguous = [...run.endedOn]
        .map(([slot, olds]) => ({ slot, lotIds: [...new Set([...olds, ...(run.setup.loaded[slot] ? [run.setup.loaded[slot]!.lotId] : [])])] }))
        .filter((a) => a.lotIds.length > 1);
      const ev = ctx.emit('smt.boards_recorded', { workOrderId: run.workOrderId, lineId: run.lineId, serials, source: input.panelScanSeq !== undefined ? 'scanned' : 'generated', panelScanSeq: input.panelScanSeq ?? null, lots, ambiguous });
      return { serials, ambiguous, setup: viewAfter(e, run.workOrderId, [ev], ctx.now.getTime()) };
    },
  };

  const removeReel: CommandHandler<In<'smt.remove_reel'>, Out<'smt.remove_reel'>> = {
    kind: 'command',
    run(ctx, input) {
      const e = eng();
      const run = mustRun(e, input.workOrderId);
      let slot = input.slot;
      if (input.slotScanSeq !== undefined) {
        // The slot label as recorded in the log, never the UI's reading of it.
        const sc = mustScan(e, input.slotScanSeq, ctx.now, true);
        const at = sc.scan.ok ? sc.scan.fields.slot : undefined;
        if (!at) throw refusal('invalid_input', 'not_a_slot_label', {}, 'That is not a slot label. Scan the label of the slot whose reel comes off.');
        if (at.line !== run.lineId) throw refusal('invalid_input', 'slot_other_line', { slot: at.slot, line: at.line, setupLine: run.lineId }, `Slot ${at.slot} is on line ${at.line}, but this setup is for line ${run.lineId}. Scan a slot label of line ${run.lineId}.`);
        slot = at.slot;
      }
      const check = checkReelRemoval(run.setup, slot!, run.running);
      if (!check.ok) throw refusalOf('conflict', check.problem, check.message);
      const l = check.load;
      const ev = ctx.emit('smt.reel_removed', { workOrderId: run.workOrderId, lineId: run.lineId, slot: l.slot, lotId: l.lotId, itemId: l.itemId, reason: input.reason, scanSeq: input.slotScanSeq ?? null, stoppedLine: check.stopsLine });
      return { ...viewAfter(e, run.workOrderId, [ev], ctx.now.getTime()), removed: { slot: l.slot, lotId: l.lotId, itemId: l.itemId }, stoppedLine: check.stopsLine };
    },
  };

  const unload: CommandHandler<In<'smt.unload'>, Out<'smt.unload'>> = {
    kind: 'command',
    run(ctx, input) {
      const e = eng();
      const run = mustRun(e, input.workOrderId);
      const plan = planUnload(run.setup, (id) => e.snapshot.lots.get(id), input.remaining);
      if (!plan.ok) throw refusalOf('invalid_input', plan.problem, plan.message);
      const cleared = plan.cleared.map((l) => ({ slot: l.slot, lotId: l.lotId, itemId: l.itemId }));
      const remaining = plan.remaining.map((r) => ({ ...r }));
      ctx.emit('smt.work_order_unloaded', { workOrderId: run.workOrderId, lineId: run.lineId, revision: run.setup.list.revision, boards: run.boards, cleared, remaining });
      return { workOrderId: run.workOrderId, cleared, remaining };
    },
  };

  const runReels: QueryHandler<In<'smt.run_reels'>, Out<'smt.run_reels'>> = {
    kind: 'query',
    run: (_ctx, input) => reelsOfRun(mustRun(eng(), input.workOrderId).setup),
  };

  const boardsOfLot: QueryHandler<In<'smt.boards_of_lot'>, Out<'smt.boards_of_lot'>> = {
    kind: 'query',
    run(ctx, input) {
      const rows = ctx.sqlite.prepare('SELECT output_id AS serial, work_order_id AS workOrderId, slot, ambiguous FROM genealogy_edges WHERE input_lot_id = ? ORDER BY output_id').all(input.lotId) as Array<{ serial: string; workOrderId: string | null; slot: string | null; ambiguous: number }>;
      return rows.map((r) => ({ ...r, ambiguous: r.ambiguous === 1 }));
    },
  };

  const lotsOfBoard: QueryHandler<In<'smt.lots_of_board'>, Out<'smt.lots_of_board'>> = {
    kind: 'query',
    run(ctx, input) {
      const rows = ctx.sqlite.prepare('SELECT input_lot_id AS lotId, slot, ambiguous FROM genealogy_edges WHERE output_id = ? ORDER BY slot, input_lot_id').all(input.serial) as Array<{ lotId: string; slot: string | null; ambiguous: number }>;
      return rows.map((r) => ({ ...r, ambiguous: r.ambiguous === 1 }));
    },
  };

  // The traveler and the kitting list are the shared ticket templates (resources/tickets/),
  // filled from the run as it stands.
  const printTraveler: CommandHandler<In<'smt.print_traveler'>, Out<'smt.print_traveler'>, { lines: number }> = {
    kind: 'command',
    async prepare(input, ctx) {
      const e = eng();
      const run = mustRun(e, input.workOrderId);
      const p = rt.devices?.ticketPrinter();
      if (!p) throw refusal('conflict', 'no_ticket_printer', {}, 'No ticket printer is ready at this station.');
      const v = setupView(e, run, ctx.now.getTime());
      const wo = ctx.db.select().from(t.workOrders).where(eq(t.workOrders.workOrderId, v.workOrderId)).get();
      const product = ctx.db.select({ name: t.items.name }).from(t.items).where(eq(t.items.itemId, v.productItemId)).get();
      // In the station's report zone with its offset, as on the PDFs: a bare "10:11" named no zone.
      const printedAt = printedTime(ctx.now.toISOString(), reportZone(ctx.db.select({ tz: t.station.timeZone }).from(t.station).get()?.tz));
      const words = TICKET_WORDS[input.lang];
      const data =
        input.kind === 'traveler'
          ? {
              workOrderId: v.workOrderId,
              productItemId: v.productItemId,
              productName: product?.name ?? v.productItemId,
              bomRevision: v.revision,
              quantity: v.quantity,
              station: `${rt.status().station?.name ?? rt.stationId} (${v.lineId})`,
              dueDate: wo?.dueDate ?? '—',
              operations: words.operations.map((operation, i) => ({ step: i + 1, operation })),
              printedAt,
              printedBy: ctx.actor?.name ?? '—',
            }
          : {
              workOrderId: v.workOrderId,
              bomRevision: v.revision,
              quantity: v.quantity,
              lines: [
                ...v.slots.map((sl) => ({ slot: sl.slot, itemId: sl.itemId, qty: sl.qtyRequired, lotId: sl.loaded?.lotId ?? words.scanAtLine, location: v.lineId })),
                ...v.unslotted.map((u) => ({ slot: '--', itemId: u.itemId, qty: u.qtyRequired, lotId: words.pick, location: words.store })),
              ],
              printedAt,
            };
      const r = renderTicket(loadTicketTemplate(input.kind === 'traveler' ? 'job-traveler' : 'kitting-list', input.lang), data);
      if (!r.ok) throw new StationError('internal', `the ${input.kind} cannot be made: ${r.errors.map((x) => `${x.field}: ${x.message}`).join('; ')}`);
      await p.print(r.value);
      return { lines: r.value.lines.length };
    },
    run(ctx, input, r) {
      ctx.emit('smt.traveler_printed', { workOrderId: input.workOrderId, kind: input.kind, lines: r.lines });
      return { lines: r.lines };
    },
  };

  return { workOrders, load, state, scan, splice, acknowledge, override, start, changeRev, recordBoards, removeReel, unload, runReels, boardsOfLot, lotsOfBoard, printTraveler };
}
