import { describe, expect, it } from 'vitest';
import { GENESIS_HASH } from '../events/event';
import { highestContiguous, normalizeBatch, planBatch, type ChainEvent } from './ingest';

/** A chain where event n has hash `h<n>` and links to `h<n-1>`; `x` marks a diverged copy. */
const ev = (seq: number, tag = ''): ChainEvent => ({ seq, prevHash: seq === 1 ? GENESIS_HASH : `h${seq - 1}${tag && seq > 1 ? tag : ''}`, hash: `h${seq}${tag}` });
const run = (from: number, to: number, tag = '') => Array.from({ length: to - from + 1 }, (_, i) => ev(from + i, tag));
const heldUpTo = (n: number) => ({ head: { seq: n, hash: n === 0 ? GENESIS_HASH : `h${n}` }, hash: (s: number) => (s <= n ? `h${s}` : undefined) });

describe('planBatch', () => {
  it.each([
    ['first push', 0, run(1, 3), { store: [1, 2, 3], dup: 0, head: 3, alarm: null }],
    ['next batch', 3, run(4, 6), { store: [4, 5, 6], dup: 0, head: 6, alarm: null }],
    ['exact retry', 6, run(4, 6), { store: [], dup: 3, head: 6, alarm: null }],
    ['overlapping retry', 5, run(4, 8), { store: [6, 7, 8], dup: 2, head: 8, alarm: null }],
    ['replayed old prefix', 10, run(1, 4), { store: [], dup: 4, head: 10, alarm: null }],
    ['same seq, other hash', 5, run(3, 7, 'x'), { store: [], dup: 0, head: 5, alarm: 'hash_conflict@3' }],
    ['diverges inside the batch', 5, [...run(4, 5), ev(6, 'x')], { store: [], dup: 2, head: 5, alarm: 'prev_hash_mismatch@6' }],
    ['new events then a broken link', 2, [ev(3), ev(4), { seq: 5, prevHash: 'bogus', hash: 'h5' }], { store: [3, 4], dup: 0, head: 4, alarm: 'prev_hash_mismatch@5' }],
  ] as const)('%s', (_, heldN, batch, want) => {
    const held = heldUpTo(heldN);
    const plan = planBatch(batch, held.head, held.hash);
    expect(plan.kind).toBe('apply');
    if (plan.kind !== 'apply') return;
    expect(plan.store.map((e) => e.seq)).toEqual(want.store);
    expect(plan.duplicates).toBe(want.dup);
    expect(plan.head.seq).toBe(want.head);
    expect(plan.alarms.map((a) => `${a.problem}@${a.seq}`)[0] ?? null).toBe(want.alarm);
  });

  it.each([
    ['empty server, batch from 2', 0, run(2, 4), 1],
    ['batch skips one', 5, run(7, 9), 6],
  ] as const)('gap: %s', (_, heldN, batch, expectedSeq) => {
    const held = heldUpTo(heldN);
    expect(planBatch(batch, held.head, held.hash)).toEqual({ kind: 'gap', expectedSeq });
  });
});

describe('normalizeBatch', () => {
  it.each([
    ['in order', [1, 2, 3], 'ok'],
    ['reordered', [3, 1, 2], 'ok'],
    ['repeated seq', [1, 2, 2], 'sequence 2 appears twice'],
    ['hole', [1, 2, 4], 'jumps from sequence 2 to 4'],
  ] as const)('%s', (_, seqs, want) => {
    const r = normalizeBatch(seqs.map((s) => ev(s)));
    if (want === 'ok') expect(r.ok && r.events.map((e) => e.seq)).toEqual([...seqs].sort());
    else expect(!r.ok && r.message).toContain(want);
  });
});

describe('highestContiguous', () => {
  it.each([
    [[], 0, 0],
    [[1, 2, 3], 0, 3],
    [[3, 1, 2, 2, 5], 0, 3],
    [[2, 3], 0, 0],
    [[6, 7, 9], 5, 7],
  ] as const)('%j from %i → %i', (seqs, from, want) => expect(highestContiguous(seqs, from)).toBe(want));
});
