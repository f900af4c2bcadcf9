// Pass-through operations (issue 7): a molded batch passes simple operations — degating,
// visual inspection — at the molding station, each recorded by one confirm. Which operations
// an item passes, in which order, is a small table keyed by the produced item rather than new
// master data: the molding station already knows the item it makes (its work order's product),
// so the operation to offer is simply the next one of that item's routing the lot has not
// passed yet. When routings become master data, only ROUTINGS moves.
import type { Problem } from '../contract/problems';

export interface Operation {
  readonly code: string;
  /** English name for logs; the UI says it from its locale (`molding.pass.op.<code>`). */
  readonly name: string;
}

export const ROUTINGS: Readonly<Record<string, readonly Operation[]>> = {
  'MP-LUER-CAP': [
    { code: 'DEGATE', name: 'Degating' },
    { code: 'INSPECT', name: 'Visual inspection' },
  ],
};

export type NextOperation = { readonly kind: 'next'; readonly operation: Operation } | { readonly kind: 'complete' } | { readonly kind: 'no_routing' };

/** The next operation of `itemId`'s routing not yet in `passed` (routing order). */
export function nextOperation(itemId: string, passed: readonly string[]): NextOperation {
  const routing = ROUTINGS[itemId];
  if (!routing || routing.length === 0) return { kind: 'no_routing' };
  const op = routing.find((o) => !passed.includes(o.code));
  return op ? { kind: 'next', operation: op } : { kind: 'complete' };
}

/** Why `operation` may not be passed now by a lot of `itemId` that has passed `passed`, or null when it may. */
export function passProblem(lotId: string, itemId: string, passed: readonly string[], operation: string): { problem: Problem; message: string } | null {
  const routing = ROUTINGS[itemId] ?? [];
  if (!routing.some((o) => o.code === operation)) return { problem: { problem: 'operation_not_in_routing', details: { lotId, itemId, operation } }, message: `Operation ${operation} is not in the routing of ${itemId} (lot ${lotId}).` };
  if (passed.includes(operation)) return { problem: { problem: 'operation_already_passed', details: { lotId, operation } }, message: `Lot ${lotId} has already passed ${operation}.` };
  const next = nextOperation(itemId, passed);
  if (next.kind === 'next' && next.operation.code !== operation) return { problem: { problem: 'operation_out_of_order', details: { lotId, operation, next: next.operation.code } }, message: `Lot ${lotId} must pass ${next.operation.code} before ${operation}.` };
  return null;
}
