// verifyScan: one parsed scan + the station's snapshot + time → one verdict. Pure, no I/O;
// every lookup is a Map get, so a verdict costs microseconds.
//
// Check order (reasons are listed REJECTs first, then WARNs, each group in this order, so the
// first sentence is the most actionable):
//   0. resolve the scan to a lot (stops here when it cannot: nothing else can be checked)
//   1. line clearance   — packing: nothing may be scanned before it is signed
//   2. segregation      — packing: another finished lot still open on the line
//   3. work order       — known, runnable, its BOM revision present
//   4. BOM / slot       — wrong part: put it back, nothing else about it matters
//   5. lot status       — quarantine, hold, rejected, recalled, consumed
//   6. expiry
//   7. MSL floor life
//   8. solder paste
//   9. FIFO             — an older lot should go first (WARN or REJECT with override)
//  10. quantity
import { checkBom } from './checks/bom';
import { checkEnv, type CheckEnv, type UseContext } from './checks/env';
import { checkExpiry, expiryFinding } from './checks/expiry';
import { checkFifo } from './checks/fifo';
import { checkLineClearance } from './checks/line-clearance';
import { checkMsl } from './checks/msl';
import { checkPaste } from './checks/paste';
import { checkQuantity } from './checks/quantity';
import { checkSegregation } from './checks/segregation';
import { checkStatus } from './checks/status';
import { checkWorkOrder } from './checks/work-order';
import { plantClock } from './config';
import { composeVerdict, makeReason } from './reason';
import { resolveScan, type Resolution, type ScanInput } from './resolve-scan';
import type { ItemInfo, LotInfo, Snapshot } from './snapshot';
import type { Reason, Verdict, VerdictData } from './verdict';

export { checkEnv, pasteParamsFor, type UseContext } from './checks/env';

export interface ReceivingContext {
  readonly kind: 'receiving';
  readonly supplier?: string;
}

export type VerifyContext = UseContext | ReceivingContext;

export interface VerifyRequest extends ScanInput {
  readonly nowMs: number;
  readonly context: VerifyContext;
}

type Check = (env: CheckEnv) => Reason | readonly Reason[] | null;

/** The documented order above, as data: tests read it, and so can a reviewer. */
export const CHECKS: ReadonlyArray<readonly [name: string, check: Check]> = [
  ['line_clearance', checkLineClearance],
  ['segregation', checkSegregation],
  ['work_order', checkWorkOrder],
  ['bom', checkBom],
  ['status', checkStatus],
  ['expiry', checkExpiry],
  ['msl', checkMsl],
  ['paste', checkPaste],
  ['fifo', checkFifo],
  ['quantity', checkQuantity],
];

/** What a verdict says of the lot it decided on. */
export function lotSummary(lot: LotInfo, item: ItemInfo): NonNullable<VerdictData['lot']> {
  return { lotId: lot.lotId, itemId: item.itemId, itemName: item.name, itemKind: item.kind, status: lot.status, expiry: lot.expiry ?? null, quantity: lot.quantity, uom: lot.uom };
}

/** Checks 1–10 for a resolved lot; exported for splice and SMT helpers that resolve first. */
export function verifyLot(snapshot: Snapshot, lot: LotInfo, item: ItemInfo, ctx: UseContext, nowMs: number, via?: VerdictData['resolvedVia']): Verdict {
  const env = checkEnv(snapshot, lot, item, ctx, nowMs);
  const { bom, msl, paste } = env;

  const reasons: Reason[] = [];
  for (const [, check] of CHECKS) {
    const r = check(env);
    if (r === null) continue;
    if ('code' in r) reasons.push(r);
    else reasons.push(...r);
  }
  const fifo = reasons.find((r) => r.code === 'fifo_older_lot');
  const data: VerdictData = {
    lot: lotSummary(lot, item),
    ...(via ? { resolvedVia: via } : {}),
    ...(ctx.slot ? { slot: ctx.slot.slot } : {}),
    workOrderId: ctx.workOrderId,
    ...(bom ? { revision: bom.revision } : {}),
    ...(msl ? { msl } : {}),
    ...(paste ? { paste } : {}),
    ...(fifo?.code === 'fifo_older_lot' ? { olderLotId: fifo.params.olderLotId } : {}),
  };
  return composeVerdict(reasons, data, { code: 'use', params: { lotId: lot.lotId, itemId: item.itemId, itemKind: item.kind, slot: ctx.slot?.slot ?? null } });
}

function receive(snapshot: Snapshot, r: Resolution, nowMs: number): Verdict {
  switch (r.kind) {
    case 'failed':
      return composeVerdict([r.reason], {}, null);
    case 'slot':
      return composeVerdict([makeReason('not_a_material', { scanned: 'slot' })], {}, null);
    case 'lot': {
      const reason = makeReason('lot_already_received', { itemId: r.item.itemId, supplierLot: r.lot.supplierLot ?? r.lot.lotId, lotIds: [r.lot.lotId] });
      return composeVerdict([reason], { lot: lotSummary(r.lot, r.item), resolvedVia: r.via }, null);
    }
    case 'new_lot': {
      const reasons: Reason[] = [];
      const ref = { lotId: r.supplierLot, itemId: r.item.itemId, itemKind: r.item.kind };
      const f = expiryFinding(r.expiry ?? undefined, nowMs, snapshot.config.expiryWarnDays, plantClock(snapshot.config));
      if (f.kind === 'expired') reasons.push(makeReason('lot_expired', { ...ref, expiry: r.expiry! }));
      if (r.conflicts.length > 0) reasons.push(makeReason('item_match_conflict', { itemId: r.item.itemId, key: r.matchKey, others: r.conflicts }));
      if (r.supplierLot === null) reasons.push(makeReason('supplier_lot_missing', { itemId: r.item.itemId }));
      if (r.existing.length > 0) reasons.push(makeReason('lot_already_received', { itemId: r.item.itemId, supplierLot: r.supplierLot!, lotIds: r.existing }));
      if (f.kind === 'soon') reasons.push(makeReason('lot_expiring_soon', { ...ref, expiry: r.expiry!, daysLeft: f.daysLeft }));
      const data: VerdictData = { newLot: { itemId: r.item.itemId, supplierLot: r.supplierLot, expiry: r.expiry, quantity: r.quantity } };
      return composeVerdict(reasons, data, { code: 'receive', params: { itemId: r.item.itemId, supplierLot: r.supplierLot } });
    }
    default: {
      const never: never = r;
      return never;
    }
  }
}

/** The verdict for one scan. Never throws for any scan or snapshot content. */
export function verifyScan(snapshot: Snapshot, req: VerifyRequest): Verdict {
  const ctx = req.context;
  if (ctx.kind === 'receiving') return receive(snapshot, resolveScan(snapshot, req, { receiving: true, ...(ctx.supplier !== undefined ? { supplier: ctx.supplier } : {}) }), req.nowMs);
  const r = resolveScan(snapshot, req);
  switch (r.kind) {
    case 'failed':
      return composeVerdict([r.reason], { workOrderId: ctx.workOrderId }, null);
    case 'slot':
      return composeVerdict([makeReason('not_a_material', { scanned: 'slot' })], { workOrderId: ctx.workOrderId }, null);
    case 'lot':
      return verifyLot(snapshot, r.lot, r.item, ctx, req.nowMs, r.via);
    case 'new_lot': // resolveScan makes these only at receiving; kept exhaustive for the type
      return composeVerdict([makeReason('lot_unknown', { ref: r.supplierLot, itemId: r.item.itemId })], { workOrderId: ctx.workOrderId }, null);
    default: {
      const never: never = r;
      return never;
    }
  }
}
