import { describe, expect, it } from 'vitest';
import { OUTBOX_OLDEST_HEADER, OUTBOX_PENDING_HEADER, outboxHeaders, parseOutboxHeaders } from './outbox';

const NOW = Date.parse('2026-03-02T10:00:00.000Z');

describe('outbox headers', () => {
  it.each([
    ['nothing waiting', 0, null, null, { [OUTBOX_PENDING_HEADER]: '0' }],
    ['nothing waiting ignores a stray time', 0, '2026-03-02T09:00:00.000Z', 0, { [OUTBOX_PENDING_HEADER]: '0' }],
    ['3 waiting, clock offset unknown', 3, '2026-03-02T09:00:00.000Z', null, { [OUTBOX_PENDING_HEADER]: '3', [OUTBOX_OLDEST_HEADER]: '2026-03-02T09:00:00.000Z' }],
    ['station clock 90 s behind the server', 3, '2026-03-02T09:00:00.000Z', 90_000, { [OUTBOX_PENDING_HEADER]: '3', [OUTBOX_OLDEST_HEADER]: '2026-03-02T09:01:30.000Z' }],
    ['an unreadable stored time sends the count only', 2, 'garbage', 0, { [OUTBOX_PENDING_HEADER]: '2' }],
  ])('station sends: %s', (_, pending, oldest, offset, headers) => {
    expect(outboxHeaders(pending, oldest, offset)).toEqual(headers);
  });

  it.each([
    ['no headers', undefined, undefined, undefined],
    ['time without a count', undefined, '2026-03-02T09:00:00Z', undefined],
    ['count and time', '12', '2026-03-02T09:00:00Z', { pending: 12, oldestAt: '2026-03-02T09:00:00.000Z' }],
    ['count with offset time', '1', '2026-03-02T11:00:00+02:00', { pending: 1, oldestAt: '2026-03-02T09:00:00.000Z' }],
    ['zero drops the time', '0', '2026-03-02T09:00:00Z', { pending: 0, oldestAt: null }],
    ['count without time', '4', undefined, { pending: 4, oldestAt: null }],
    ['padded count', ' 7 ', undefined, { pending: 7, oldestAt: null }],
    ['negative count', '-1', '2026-03-02T09:00:00Z', undefined],
    ['fraction', '1.5', undefined, undefined],
    ['exponent', '1e3', undefined, undefined],
    ['empty count', '', undefined, undefined],
    ['words', 'lots', undefined, undefined],
    ['absurd count', '99999999999', undefined, undefined],
    ['a date-ish word is not a time', '2', '2', { pending: 2, oldestAt: null }],
    ['free text time', '2', 'yesterday', { pending: 2, oldestAt: null }],
    ['impossible date', '2', '2026-13-45T99:00:00Z', { pending: 2, oldestAt: null }],
    ['future time is taken as now', '2', '2026-03-02T12:00:00Z', { pending: 2, oldestAt: '2026-03-02T10:00:00.000Z' }],
  ])('server reads: %s', (_, pending, oldest, report) => {
    expect(parseOutboxHeaders(pending, oldest, NOW)).toEqual(report);
  });
});
