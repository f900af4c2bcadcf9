// Pass-through operations (issue 7): a molded batch passes simple operations — degating,
// visual inspection — at the molding station, each recorded by one confirm. Which operations
// an item passes, in which order, is its routing: a site file (resources/routings/routings.json,
// validated by RoutingsSchema when the station loads it) keyed by the produced item, since the
// molding station already knows the item it makes (its work order's product). The operation to
// offer is the next one of that item's routing the lot has not passed yet. Pure.
import { z } from 'zod';
import type { Problem } from '../contract/problems';

export const OperationSchema = z.object({
  code: z.string().regex(/^[A-Z0-9_-]{1,32}$/, 'an operation code is 1–32 of A–Z, 0–9, _ and -'),
  /** English name for logs; the UI says it from its locale (`molding.pass.op.<code>`) when it has one. */
  name: z.string().min(1).max(80),
});
export type Operation = z.infer<typeof OperationSchema>;

/** Item id → its operations in order; an operation code appears once per routing. */
export const RoutingsSchema = z.record(
  z.string().min(1).max(64),
  z.array(OperationSchema).min(1).max(50).refine((ops) => new Set(ops.map((o) => o.code)).size === ops.length, 'an operation appears twice in one routing'),
);
export type Routings = Readonly<Record<string, readonly Operation[]>>;

export type NextOperation = { readonly kind: 'next'; readonly operation: Operation } | { readonly kind: 'complete' } | { readonly kind: 'no_routing' };

/** The next operation of `itemId`'s routing not yet in `passed` (routing order). */
export function nextOperation(routings: Routings, itemId: string, passed: readonly string[]): NextOperation {
  const routing = routings[itemId];
  if (!routing || routing.length === 0) return { kind: 'no_routing' };
  const op = routing.find((o) => !passed.includes(o.code));
  return op ? { kind: 'next', operation: op } : { kind: 'complete' };
}

/** Why `operation` may not be passed now by a lot of `itemId` that has passed `passed`, or null when it may. */
export function passProblem(routings: Routings, lotId: string, itemId: string, passed: readonly string[], operation: string): { problem: Problem; message: string } | null {
  const routing = routings[itemId] ?? [];
  if (!routing.some((o) => o.code === operation)) return { problem: { problem: 'operation_not_in_routing', details: { lotId, itemId, operation } }, message: `Operation ${operation} is not in the routing of ${itemId} (lot ${lotId}).` };
  if (passed.includes(operation)) return { problem: { problem: 'operation_already_passed', details: { lotId, operation } }, message: `Lot ${lotId} has already passed ${operation}.` };
  const next = nextOperation(routings, itemId, passed);
  if (next.kind === 'next' && next.operation.code !== operation) return { problem: { problem: 'operation_out_of_order', details: { lotId, operation, next: next.operation.code } }, message: `Lot ${lotId} must pass ${next.operation.code} before ${operation}.` };
  return null;
}
