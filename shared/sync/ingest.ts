// Deciding what an incoming push batch means given what the server holds for that station:
// a gap, duplicates, new events that extend the chain, or a disagreement (integrity alarm).
// Pure: the server supplies the held head and hashes, so the rules are table-tested here.
import type { IntegrityAlarm } from './protocol';

export interface ChainEvent {
  readonly seq: number;
  readonly prevHash: string;
  readonly hash: string;
}

export interface HeldHead {
  /** The server holds 1..seq of this station (0: nothing yet). */
  readonly seq: number;
  /** Hash of event `seq` (GENESIS_HASH when 0). */
  readonly hash: string;
}

export type BatchShape<E extends ChainEvent> =
  | { readonly ok: true; readonly events: readonly E[] }
  | { readonly ok: false; readonly message: string; readonly seq: number };

/**
 * Sorts a batch by sequence and requires consecutive numbers: a station sends a run of its
 * log, never a sparse set, so a hole inside a batch is a client bug, not a gap to report.
 */
export function normalizeBatch<E extends ChainEvent>(events: readonly E[]): BatchShape<E> {
  const sorted = [...events].sort((a, b) => a.seq - b.seq);
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1]!.seq;
    const cur = sorted[i]!.seq;
    if (cur === prev) return { ok: false, seq: cur, message: `sequence ${cur} appears twice in the batch` };
    if (cur !== prev + 1) return { ok: false, seq: cur, message: `the batch jumps from sequence ${prev} to ${cur}; send consecutive events` };
  }
  return { ok: true, events: sorted };
}

export type BatchPlan<E extends ChainEvent> =
  | { readonly kind: 'gap'; readonly expectedSeq: number }
  | {
      readonly kind: 'apply';
      /** Events to insert, in order; each links to the one before (or to the held head). */
      readonly store: readonly E[];
      readonly duplicates: number;
      /** At most one: processing stops at the first disagreement, since what follows hangs off it. */
      readonly alarms: readonly IntegrityAlarm[];
      readonly head: HeldHead;
    };

/**
 * Plans a normalized (sorted, consecutive) batch against the held chain. `heldHash(seq)`
 * must answer for every seq ≤ head.seq that occurs in the batch.
 *
 * - starts after head.seq + 1 → gap (nothing stored; resume at head.seq + 1)
 * - seq ≤ head.seq, same hash → duplicate (a retry or a replay), changes nothing
 * - seq ≤ head.seq, other hash → hash_conflict alarm; nothing overwritten, rest ignored
 * - seq = head.seq + 1, prevHash ≠ head hash → prev_hash_mismatch alarm, rest ignored
 * - seq = head.seq + 1, linked → stored, and the head moves
 */
export function planBatch<E extends ChainEvent>(events: readonly E[], held: HeldHead, heldHash: (seq: number) => string | undefined): BatchPlan<E> {
  const first = events[0];
  if (first && first.seq > held.seq + 1) return { kind: 'gap', expectedSeq: held.seq + 1 };
  const store: E[] = [];
  let duplicates = 0;
  let head = held;
  for (const e of events) {
    if (e.seq <= held.seq) {
      const h = heldHash(e.seq);
      if (h === e.hash) {
        duplicates++;
        continue;
      }
      return { kind: 'apply', store, duplicates, head, alarms: [{ seq: e.seq, problem: 'hash_conflict', heldHash: h ?? null, receivedHash: e.hash }] };
    }
    if (e.prevHash !== head.hash) {
      return { kind: 'apply', store, duplicates, head, alarms: [{ seq: e.seq, problem: 'prev_hash_mismatch', heldHash: head.hash, receivedHash: e.hash }] };
    }
    store.push(e);
    head = { seq: e.seq, hash: e.hash };
  }
  return { kind: 'apply', store, duplicates, head, alarms: [] };
}

/**
 * Highest n such that every sequence 1..n is in `seqs` (which may be unsorted, with
 * repeats). What the server acknowledges; a station can use it to reconcile its outbox.
 */
export function highestContiguous(seqs: Iterable<number>, from = 0): number {
  const have = new Set(seqs);
  let n = from;
  while (have.has(n + 1)) n++;
  return n;
}
