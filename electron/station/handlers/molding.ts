// Molding batches (issue 7): a batch record per machine — mold, cavities in use, the resin
// lot (scanned and verified by the engine) with its drying, process parameters, shift and
// operator; good parts per cavity. A resin lot change ends the open batch and begins a new
// one: each batch is a lot of the molded part linked to exactly one resin lot.
import type Database from 'better-sqlite3';
import type { z } from 'zod';
import { StationError } from '../../../shared/contract/errors';
import { refusal } from '../../../shared/contract/problems';
import type { BatchView } from '../../../shared/contract/packing';
import type { StationContract } from '../../../shared/contract/station';
import type { EventPayload } from '../../../shared/events/types';
import { ofTypes } from '../store/audit-index';
import type { WorkOrderId } from '../../../shared/ids';
import { changedSince } from '../../../shared/rules/answer';
import { verifyScan } from '../../../shared/rules/verify';
import type { CommandContext, CommandHandler, QueryHandler } from '../runtime/bus';
import type { StationRuntime } from '../runtime/runtime';
import { recordVerdict, verdictView } from '../workflows/views';
import { mustScan, mustStillApply } from './smt';
import { stationLotId } from '../../../shared/rules/produced-lot-id';

type In<M extends keyof StationContract> = z.output<StationContract[M]['input']>;
type Out<M extends keyof StationContract> = z.input<StationContract[M]['output']>;

interface Row {
  lot_id: string;
  work_order_id: string;
  item_id: string;
  line_id: string;
  state: string;
  quantity: number;
  details: string;
}

export function batchView(sqlite: Database.Database, r: Row): BatchView {
  const d = JSON.parse(r.details) as EventPayload<'molding.batch_started'>;
  const per = new Map<number, number>(d.cavities.map((c) => [c, 0]));
  for (const o of sqlite.prepare(`SELECT payload FROM events WHERE ${ofTypes(['molding.output_recorded'])} AND json_extract(payload, '$.batchLotId') = ? ORDER BY seq`).all(r.lot_id) as Array<{ payload: string }>) {
    for (const c of (JSON.parse(o.payload) as EventPayload<'molding.output_recorded'>).perCavity) per.set(c.cavity, (per.get(c.cavity) ?? 0) + c.quantity);
  }
  return {
    batchLotId: r.lot_id,
    workOrderId: r.work_order_id,
    itemId: r.item_id,
    machine: r.line_id,
    mold: d.mold,
    cavities: d.cavities,
    resinLotId: d.resinLotId,
    state: r.state === 'closed' ? 'closed' : 'open',
    quantity: r.quantity,
    perCavity: [...per].map(([cavity, quantity]) => ({ cavity, quantity })),
  };
}

export function moldingHandlers(rt: StationRuntime) {
  const sqlite = () => rt.store.sqlite;
  const eng = () => rt.workflows;
  const row = (lotId: string) => sqlite().prepare("SELECT * FROM produced_lots WHERE lot_id = ? AND kind = 'molding_batch'").get(lotId) as Row | undefined;
  const openOn = (machine: string) => sqlite().prepare("SELECT * FROM produced_lots WHERE kind = 'molding_batch' AND line_id = ? AND state = 'open' ORDER BY opened_seq DESC LIMIT 1").get(machine) as Row | undefined;

  const close = (ctx: CommandContext, r: Row, why: 'operator' | 'resin_change') => {
    const d = JSON.parse(r.details) as EventPayload<'molding.batch_started'>;
    ctx.emit('molding.batch_closed', { batchLotId: r.lot_id, workOrderId: r.work_order_id, itemId: r.item_id, machine: r.line_id, resinLotId: d.resinLotId, quantity: r.quantity, why });
    return batchView(sqlite(), row(r.lot_id)!);
  };

  const workOrders: QueryHandler<In<'molding.work_orders'>, Out<'molding.work_orders'>> = {
    kind: 'query',
    run: () => [...eng().snapshot.workOrders.values()].filter((w) => w.stationType === 'molding').map((w) => ({ workOrderId: w.workOrderId, productItemId: w.productItemId, quantity: w.quantity })),
  };

  const startBatch: CommandHandler<In<'molding.start_batch'>, Out<'molding.start_batch'>> = {
    kind: 'command',
    run(ctx, input) {
      const s = eng().snapshot;
      const wo = s.workOrders.get(input.workOrderId as WorkOrderId);
      if (!wo) throw refusal('not_found', 'work_order_unknown', { workOrderId: input.workOrderId }, `Work order ${input.workOrderId} is not known at this station.`);
      if (wo.stationType !== 'molding') throw refusal('conflict', 'work_order_wrong_station', { workOrderId: wo.workOrderId, stationType: wo.stationType, thisStation: 'molding' }, `Work order ${wo.workOrderId} is for a ${wo.stationType} station, not molding.`);
      // The operator read a WARN on this very scan and now confirms it, or a supervisor signs its
      // FIFO REJECT away: the recorded verdict stands, answered now.
      const answering = input.signature ? 'REJECT' : input.acknowledgeWarn ? 'WARN' : null;
      const priorSeq = answering ? eng().verdictOfScan(input.resinScanSeq) : null;
      const prior = priorSeq !== null ? eng().event(priorSeq) : null;
      const priorPayload = prior?.type === 'scan.verdict' ? (prior.payload as EventPayload<'scan.verdict'>) : null;
      const answered = prior && priorPayload && priorPayload.verdict === answering ? { seq: prior.seq, payload: priorPayload } : null;
      if (input.signature && !answered) throw new StationError('conflict', `Scan #${input.resinScanSeq} has no refusal to override: scan the resin lot first.`);
      if (answered) {
        if (answered.payload.workflow !== 'material' || answered.payload.workOrderId !== wo.workOrderId) throw new StationError('conflict', `Verdict #${answered.seq} was not given for a resin of work order ${wo.workOrderId}: scan the resin lot again.`);
        if (eng().verdictResolution(answered.seq) !== 'none') throw refusal('conflict', 'verdict_already_answered', { verdictSeq: answered.seq }, 'This verdict was already answered.');
      }
      const sc = mustScan(eng(), input.resinScanSeq, ctx.now, answered !== null);
      const v = verifyScan(s, { scan: sc.scan, text: sc.text, nowMs: ctx.now.getTime(), context: { kind: 'use', workOrderId: wo.workOrderId } });
      const lot = v.data.lot;
      // Judged again, the lot must come to the same verdict with nothing new (shared/rules/answer.ts).
      if (answered) mustStillApply(answered.seq, lot?.lotId ?? '', changedSince(answered.payload, v), 'lot');
      if (answering === 'REJECT') {
        // Who may sign it away is today's setting, not the one the refusal was given under.
        if (!v.overridable || !v.overrideRole) throw new StationError('conflict', `Verdict #${answered!.seq} cannot be overridden: ${v.message}`);
        if (!ctx.signer?.roles.includes(v.overrideRole)) throw refusal('forbidden', 'override_role', { role: v.overrideRole }, `This override needs a ${v.overrideRole} signature.`);
      }
      const verdict = answered ? verdictView(answered.seq, answered.payload) : recordVerdict(ctx, v, { scanSeq: sc.seq, workflow: 'material', workOrderId: wo.workOrderId, lotId: lot?.lotId ?? null, itemId: lot?.itemId ?? null });
      const current = openOn(input.machine);
      if ((v.verdict === 'REJECT' && answering !== 'REJECT') || !lot || (v.verdict === 'WARN' && !input.acknowledgeWarn)) return { verdict, batch: current ? batchView(sqlite(), current) : null, closed: null };
      if (lot.itemKind !== 'resin') throw refusal('conflict', 'lot_not_resin', { lotId: lot.lotId, itemId: lot.itemId }, `Lot ${lot.lotId} is ${lot.itemId}, not a resin.`);
      if (v.verdict === 'WARN') ctx.emit('scan.verdict_acknowledged', { verdictSeq: verdict.verdictSeq, scanSeq: sc.seq });
      if (v.verdict === 'REJECT') ctx.emit('scan.verdict_overridden', { verdictSeq: verdict.verdictSeq, scanSeq: sc.seq, codes: v.reasons.filter((r) => r.severity === 'REJECT').map((r) => r.code) }, { signed: true, reason: input.signature!.reason });
      if (current) {
        const running = JSON.parse(current.details) as EventPayload<'molding.batch_started'>;
        if (running.resinLotId === lot.lotId) {
          // The same resin again is the running batch — but only for the same work order, mold and
          // cavities: another's parts recorded under this batch would carry its item and process.
          const same = running.workOrderId === wo.workOrderId && running.mold === input.mold && [...running.cavities].sort((a, b) => a - b).join(',') === [...input.cavities].sort((a, b) => a - b).join(',');
          if (!same) throw refusal('conflict', 'batch_running_other', { batchLotId: current.lot_id, workOrderId: running.workOrderId, machine: input.machine }, `Batch ${current.lot_id} of work order ${running.workOrderId} is running on ${input.machine}: close it before starting another work order, mold or cavities.`);
          return { verdict, batch: batchView(sqlite(), current), closed: null };
        }
      }
      // A resin change ends the running batch: one batch, one resin lot.
      const closed = current ? close(ctx, current, 'resin_change') : null;
      const n = (sqlite().prepare("SELECT count(*) AS n FROM produced_lots WHERE kind = 'molding_batch'").get() as { n: number }).n + 1;
      const batchLotId = stationLotId('MB', rt.stationId, n);
      ctx.emit('molding.batch_started', {
        batchLotId,
        workOrderId: wo.workOrderId,
        itemId: wo.productItemId,
        machine: input.machine,
        mold: input.mold,
        cavities: input.cavities,
        resinLotId: lot.lotId,
        resinVerdictSeq: verdict.verdictSeq,
        dryingHours: input.dryingHours,
        dryingTempC: input.dryingTempC,
        meltTempC: input.meltTempC,
        injectionPressureBar: input.injectionPressureBar,
        cycleTimeS: input.cycleTimeS,
        shift: input.shift,
      });
      return { verdict, batch: batchView(sqlite(), row(batchLotId)!), closed };
    },
  };

  const recordOutput: CommandHandler<In<'molding.record_output'>, Out<'molding.record_output'>> = {
    kind: 'command',
    run(ctx, input) {
      const r = row(input.batchLotId);
      if (!r) throw refusal('not_found', 'batch_unknown', { batchLotId: input.batchLotId }, `No molding batch ${input.batchLotId}.`);
      if (r.state !== 'open') throw refusal('conflict', 'batch_closed', { batchLotId: input.batchLotId }, `Batch ${input.batchLotId} is closed.`);
      const cavities = (JSON.parse(r.details) as EventPayload<'molding.batch_started'>).cavities;
      const bad = input.perCavity.filter((c) => !cavities.includes(c.cavity)).map((c) => c.cavity);
      if (bad.length) throw refusal('invalid_input', 'cavities_not_in_use', { batchLotId: input.batchLotId, cavities: bad.join(', '), inUse: cavities.join(', ') }, `Cavities ${bad.join(', ')} are not in use in batch ${input.batchLotId} (in use: ${cavities.join(', ')}).`);
      ctx.emit('molding.output_recorded', { batchLotId: input.batchLotId, perCavity: input.perCavity });
      return batchView(sqlite(), row(input.batchLotId)!);
    },
  };

  const closeBatch: CommandHandler<In<'molding.close_batch'>, Out<'molding.close_batch'>> = {
    kind: 'command',
    run(ctx, input) {
      const r = row(input.batchLotId);
      if (!r) throw refusal('not_found', 'batch_unknown', { batchLotId: input.batchLotId }, `No molding batch ${input.batchLotId}.`);
      if (r.state !== 'open') throw refusal('conflict', 'batch_closed', { batchLotId: input.batchLotId }, `Batch ${input.batchLotId} is already closed.`);
      return close(ctx, r, 'operator');
    },
  };

  const batches: QueryHandler<In<'molding.batches'>, Out<'molding.batches'>> = {
    kind: 'query',
    run: (_ctx, input) =>
      (
        (input.machine
          ? sqlite().prepare("SELECT * FROM produced_lots WHERE kind = 'molding_batch' AND line_id = ? ORDER BY opened_seq DESC").all(input.machine)
          : sqlite().prepare("SELECT * FROM produced_lots WHERE kind = 'molding_batch' ORDER BY opened_seq DESC LIMIT 200").all()) as Row[]
      ).map((r) => batchView(sqlite(), r)),
  };

  return { workOrders, startBatch, recordOutput, closeBatch, batches };
}
