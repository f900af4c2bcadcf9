import { describe, expect, it } from 'vitest';
import { HOUR, REASON_SAMPLES } from './fixtures';
import { formatDuration, MESSAGES, messageFor } from './messages';
import { REASON_CODES } from './verdict';

/** Params that are rendered as words (or are context the sentence need not repeat). */
const NOT_LITERAL = new Set(['itemKind', 'status', 'clock', 'limit', 'scanned', 'anomaly', 'kind', 'olderReceivedAt', 'workOrderId', 'revision', 'inFridge', 'itemId']);

describe('operator sentences', () => {
  it('the example from the issue reads exactly', () => {
    expect(messageFor('lot_not_released', REASON_SAMPLES.lot_not_released)).toBe('Reel L-100005 is in quarantine. Put it back and take a released reel of MCU-RP2040.');
  });

  it.each(REASON_CODES.map((c) => [c] as const))('%s: says what is wrong and what to do, with its values', (code) => {
    const params = REASON_SAMPLES[code];
    const text = messageFor(code, params);
    expect(text).not.toMatch(/undefined|NaN|null|\[object|Infinity/);
    // At least two sentences: the problem, then the action.
    expect(text).toMatch(/^[A-Z].*[.!?] [A-Z].*[.!?]$/);
    for (const [k, v] of Object.entries(params)) {
      if (NOT_LITERAL.has(k) || k.endsWith('Ms')) continue;
      for (const x of Array.isArray(v) ? v : v === null ? [] : [v]) expect(text, `${code}.${k}`).toContain(String(x));
    }
  });

  // The recorded English stays what it was when these parameters were English phrases.
  it.each([
    ['lot_unknown', { ref: 'NEVER', itemId: 'CAP-100N' }, 'No lot NEVER of CAP-100N is known at this station. Scan the Lotline lot label, or have the material received first.'],
    ['lot_unknown', { ref: null, itemId: 'MCU' }, 'No lot of MCU (the label carries no lot number) is known at this station. Scan the Lotline lot label, or have the material received first.'],
    ['item_unknown', { ref: null }, 'No item is set up for this label. Put the material aside and call your supervisor to add the part.'],
    ['lot_expired', { lotId: null, itemId: 'CAP-100N', itemKind: 'component', expiry: '2026-02-18' }, 'Reel on this label expired on 2026-02-18. Put it aside for QA and take a reel of CAP-100N that is in date.'],
    ['scan_unreadable', { kind: 'check_digit', problem: 'the GS1 check digit is wrong' }, 'The scan could not be read: the GS1 check digit is wrong. Scan the label again, or the Lotline label on the container.'],
  ] as const)('%s %j reads as before', (code, params, text) => expect(messageFor(code, params as never)).toBe(text));

  it('has a sentence for exactly the reason codes', () => {
    expect(Object.keys(MESSAGES).sort()).toEqual([...REASON_CODES].sort());
  });

  it.each([
    [0, 'less than a minute'],
    [40 * 60_000, '40 min'],
    [2 * HOUR + 15 * 60_000, '2 h 15 min'],
    [24 * HOUR, '24 h'],
    [170 * HOUR, '7 d 2 h'],
    [-5, 'less than a minute'],
  ])('formatDuration(%d) = %s', (ms, text) => expect(formatDuration(ms)).toBe(text));
});
