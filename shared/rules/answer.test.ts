import { describe, expect, it } from 'vitest';
import { changedSince } from './answer';
import { makeReason, composeVerdict } from './reason';
import type { Reason, VerdictKind } from './verdict';

const fifo = (severity: 'WARN' | 'REJECT', older = 'L-1') =>
  makeReason('fifo_older_lot', { lotId: 'L-2', itemId: 'CAP', itemKind: 'component', olderLotId: older, olderReceivedAt: '2026-01-10T09:12:00.000Z', olderExpiry: null, overrideRole: 'supervisor' }, { severity, overrideRole: 'supervisor' });
const held = makeReason('lot_not_released', { lotId: 'L-2', itemId: 'CAP', itemKind: 'component', status: 'on_hold' });
const verdictOf = (...reasons: Reason[]) => composeVerdict(reasons, {}, null);
const given = (verdict: VerdictKind, ...reasons: Reason[]) => ({ verdict, reasons });

describe('a verdict still holds when judged again', () => {
  it.each<[string, ReturnType<typeof given>, ReturnType<typeof verdictOf>, string[] | 'accepted' | null]>([
    ['the same refusal', given('REJECT', fifo('REJECT')), verdictOf(fifo('REJECT')), null],
    ['the same refusal, naming another older lot', given('REJECT', fifo('REJECT')), verdictOf(fifo('REJECT', 'L-0')), null],
    ['held since: the new reason', given('REJECT', fifo('REJECT')), verdictOf(held, fifo('REJECT')), ['lot_not_released']],
    ['a WARN turned REJECT by the setting: all of the new verdict', given('WARN', fifo('WARN')), verdictOf(fifo('REJECT')), ['fifo_older_lot']],
    ['a WARN now ACCEPT: nothing left to answer', given('WARN', fifo('WARN')), verdictOf(), 'accepted'],
    ['a REJECT now ACCEPT: nothing left to sign away', given('REJECT', fifo('REJECT')), verdictOf(), 'accepted'],
    ['a REJECT now a WARN: all of the new verdict', given('REJECT', fifo('REJECT')), verdictOf(fifo('WARN')), ['fifo_older_lot']],
    ['held since, the FIFO reason gone: the new reason', given('WARN', fifo('WARN')), verdictOf(held), ['lot_not_released']],
  ])('%s', (_, g, again, want) => {
    const r = changedSince(g, again);
    expect(r === null ? null : r.kind === 'accepted' ? 'accepted' : r.reasons.map((x) => x.code)).toEqual(want);
  });
});
