// Pass-through operations (issue 7): a molded batch lot scanned at the molding station derives
// its work order (the batch's producing work order), the next operation of its item's routing
// (shared/rules/operations.ts, the site's resources/routings/routings.json) and its current quantity; the operator only confirms. The lot
// is checked with the verification engine's own lot status check and the answer is recorded
// as a scan.verdict like any other material scan.
import type { z } from 'zod';
import type { OperationPassedView } from '../../../shared/contract/packing';
import { refusal, refusalOf } from '../../../shared/contract/problems';
import type { StationContract } from '../../../shared/contract/station';
import type { EventPayload } from '../../../shared/events/types';
import { ofTypes } from '../store/audit-index';
import type { WorkOrderId } from '../../../shared/ids';
import { checkStatus } from '../../../shared/rules/checks/status';
import { nextOperation, passProblem } from '../../../shared/rules/operations';
import { composeVerdict } from '../../../shared/rules/reason';
import { resolveScan } from '../../../shared/rules/resolve-scan';
import { checkEnv, lotSummary } from '../../../shared/rules/verify';
import type { CommandHandler, QueryHandler } from '../runtime/bus';
import type { StationRuntime } from '../runtime/runtime';
import type { RecordedScan } from '../workflows/engine';
import { loadRoutings } from '../workflows/routings';
import { recordVerdict } from '../workflows/views';
import { mustScan } from './smt';

type In<M extends keyof StationContract> = z.output<StationContract[M]['input']>;
type Out<M extends keyof StationContract> = z.input<StationContract[M]['output']>;

export function operationHandlers(rt: StationRuntime) {
  const sqlite = () => rt.store.sqlite;
  const eng = () => rt.workflows;
  let routingsRead: ReturnType<typeof loadRoutings> | undefined;
  const routings = () => (routingsRead ??= loadRoutings());

  const passedOf = (lotId: string): OperationPassedView[] =>
    (sqlite().prepare(`SELECT e.seq, e.wall_time, e.actor, e.payload, u.name FROM events e LEFT JOIN users u ON u.user_id = e.actor WHERE ${ofTypes(['operation.passed'], 'e')} AND json_extract(e.payload, '$.lotId') = ? ORDER BY e.seq`).all(lotId) as Array<{ seq: number; wall_time: string; actor: string | null; payload: string; name: string | null }>).map((r) => {
      const p = JSON.parse(r.payload) as EventPayload<'operation.passed'>;
      return { seq: r.seq, operation: p.operation, quantity: p.quantity, scrap: p.scrap ?? 0, reason: p.reason ?? null, by: r.name ?? r.actor, at: r.wall_time };
    });

  /** The scanned lot and what it derives; refuses what cannot pass (unknown, not produced here, routing done). */
  const derive = (sc: RecordedScan, nowMs: number) => {
    const s = eng().snapshot;
    const r = resolveScan(s, { scan: sc.scan, text: sc.text });
    if (r.kind !== 'lot') throw refusal('not_found', 'lot_unknown', { lotId: sc.text }, `${sc.text} names no lot known at this station.`);
    // The lot's work order is the one that produced it (a molding batch of this station).
    const made = sqlite().prepare("SELECT work_order_id FROM produced_lots WHERE lot_id = ? AND kind = 'molding_batch'").get(r.lot.lotId) as { work_order_id: string } | undefined;
    if (!made) throw refusal('conflict', 'operation_not_molded_here', { lotId: r.lot.lotId }, `Lot ${r.lot.lotId} was not molded at this station: no pass-through operation for it.`);
    const passed = passedOf(r.lot.lotId);
    const next = nextOperation(routings(), r.item.itemId, passed.map((p) => p.operation));
    if (next.kind === 'no_routing') throw refusal('conflict', 'operation_no_routing', { lotId: r.lot.lotId, itemId: r.item.itemId }, `Lot ${r.lot.lotId} is ${r.item.itemId}: no pass-through operation is defined for it.`);
    if (next.kind === 'complete') throw refusal('conflict', 'operation_routing_complete', { lotId: r.lot.lotId }, `Lot ${r.lot.lotId} has passed every operation of its routing.`);
    // The verification engine's lot status check: only a released lot passes.
    const env = checkEnv(s, r.lot, r.item, { kind: 'use', workOrderId: made.work_order_id as WorkOrderId }, nowMs);
    const status = checkStatus(env);
    const quantity = passed.length ? passed.at(-1)!.quantity : r.lot.quantity;
    return { sc, lot: r.lot, item: r.item, workOrderId: made.work_order_id, next: next.operation, passed, quantity, status };
  };

  const deriveQuery: QueryHandler<In<'operation.derive'>, Out<'operation.derive'>> = {
    kind: 'query',
    run(ctx, input) {
      const sc = eng().scan(input.scanSeq, ctx.now.getUTCFullYear());
      if (!sc) throw refusal('not_found', 'lot_unknown', { lotId: `#${input.scanSeq}` }, `No scan #${input.scanSeq} is recorded at this station.`);
      const d = derive(sc, ctx.now.getTime());
      if (d.status) throw refusal('conflict', 'operation_not_released', { lotId: d.lot.lotId, lotStatus: d.lot.status }, `Lot ${d.lot.lotId} is ${d.lot.status}: it may not pass an operation.`);
      return { lotId: d.lot.lotId, itemId: d.item.itemId, workOrderId: d.workOrderId, operation: { code: d.next.code, name: d.next.name }, quantity: d.quantity, passed: d.passed };
    },
  };

  const pass: CommandHandler<In<'operation.pass'>, Out<'operation.pass'>> = {
    kind: 'command',
    run(ctx, input) {
      const d = derive(mustScan(eng(), input.scanSeq, ctx.now), ctx.now.getTime());
      if (d.lot.lotId !== input.lotId) throw refusal('conflict', 'lot_changed', { lotId: input.lotId }, `Scan #${input.scanSeq} names lot ${d.lot.lotId}, not ${input.lotId}: scan it again.`);
      const p = passProblem(routings(), d.lot.lotId, d.item.itemId, d.passed.map((x) => x.operation), input.operation);
      if (p) throw refusalOf('conflict', p.problem, p.message);
      if (input.quantity > d.quantity) throw refusal('invalid_input', 'operation_quantity_more', { lotId: d.lot.lotId, quantity: input.quantity, current: d.quantity }, `Lot ${d.lot.lotId} has ${d.quantity} parts: ${input.quantity} cannot pass.`);
      if (input.quantity < d.quantity && !input.reason) throw refusal('invalid_input', 'operation_scrap_reason', { lotId: d.lot.lotId, quantity: input.quantity, current: d.quantity }, `Lot ${d.lot.lotId} has ${d.quantity} parts: confirming ${input.quantity} needs a scrap reason.`);
      const v = composeVerdict(d.status ? [d.status] : [], { lot: { ...lotSummary(d.lot, d.item), quantity: d.quantity }, workOrderId: d.workOrderId as WorkOrderId }, { code: 'use', params: { lotId: d.lot.lotId, itemId: d.item.itemId, itemKind: d.item.kind, slot: null } });
      const verdict = recordVerdict(ctx, v, { scanSeq: d.sc.seq, workflow: 'material', workOrderId: d.workOrderId, lotId: d.lot.lotId, itemId: d.item.itemId });
      if (v.verdict !== 'ACCEPT') return { verdict, passed: null };
      const scrap = d.quantity - input.quantity;
      const e = ctx.emit('operation.passed', { lotId: d.lot.lotId, workOrderId: d.workOrderId, operation: input.operation, quantity: input.quantity, ...(scrap > 0 ? { scrap, reason: input.reason! } : {}), verdictSeq: verdict.verdictSeq });
      return { verdict, passed: { seq: e.seq, operation: input.operation, quantity: input.quantity, scrap, reason: scrap > 0 ? input.reason! : null, by: ctx.actor?.name ?? null, at: e.wallTime } };
    },
  };

  return { derive: deriveQuery, pass };
}
