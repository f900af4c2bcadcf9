// A verdict view rebuilt from the log carries the recorded parameters, so an acknowledgement
// or override answer is said in the operator's language; a verdict recorded before parameters
// were kept (an older runtime's event, still valid) comes with its English sentence only.
import { describe, expect, it } from 'vitest';
import { EVENT_PAYLOADS, type EventPayload } from '../../../shared/events/types';
import { REASON_SAMPLES } from '../../../shared/rules/fixtures';
import { makeReason } from '../../../shared/rules/reason';
import type { Verdict } from '../../../shared/rules/verdict';
import type { CommandContext } from '../runtime/bus';
import { recordVerdict, verdictView } from './views';

const EN = 'Reel L-100005 is in quarantine. Put it back and take a released reel of MCU-RP2040.';
const base = { scanSeq: 4, workflow: 'smt.reel', verdict: 'REJECT', message: EN, overridable: false, lotId: 'L-100005' } as const;

describe('verdictView from a recorded scan.verdict', () => {
  it('an older event without params still validates, and its view has the English only', () => {
    const old = EVENT_PAYLOADS['scan.verdict'].parse({ ...base, reasons: [{ code: 'lot_not_released', severity: 'REJECT', message: EN }] }) as EventPayload<'scan.verdict'>;
    const v = verdictView(7, old);
    expect(v.reasons).toEqual([{ code: 'lot_not_released', severity: 'REJECT', message: EN }]);
    expect(v.accept).toBeUndefined();
    expect(v.message).toBe(EN);
  });

  it('an event with params gives them back, and the ACCEPT note too', () => {
    const rec = EVENT_PAYLOADS['scan.verdict'].parse({ ...base, reasons: [{ code: 'lot_not_released', severity: 'REJECT', message: EN, params: REASON_SAMPLES.lot_not_released }] }) as EventPayload<'scan.verdict'>;
    expect(verdictView(7, rec).reasons[0]!.params).toEqual(REASON_SAMPLES.lot_not_released);
    const note = { code: 'use', params: { lotId: 'L-100004', itemId: 'MCU-RP2040', itemKind: 'component', slot: 'F03' } };
    const ok = EVENT_PAYLOADS['scan.verdict'].parse({ ...base, verdict: 'ACCEPT', message: 'Reel L-100004 (MCU-RP2040) verified for slot F03.', reasons: [], accept: note }) as EventPayload<'scan.verdict'>;
    expect(verdictView(8, ok).accept).toEqual(note);
  });

  it('the recorded params are ids, numbers, dates and codes: an object inside is refused by the schema', () => {
    expect(EVENT_PAYLOADS['scan.verdict'].safeParse({ ...base, reasons: [{ code: 'x', severity: 'REJECT', message: EN, params: { nested: { a: 1 } } }] }).success).toBe(false);
  });
});

describe('recordVerdict', () => {
  /** A context whose emit validates the payload as the event log does. */
  const ctx = () => {
    const emitted: unknown[] = [];
    const c = { emit: (type: 'scan.verdict', payload: unknown) => { const p = EVENT_PAYLOADS[type].parse(payload); emitted.push(p); return { seq: 11, payload: p }; } } as unknown as CommandContext;
    return { c, emitted };
  };
  const verdictOf = (reason: ReturnType<typeof makeReason>): Verdict => ({ verdict: 'REJECT', reasons: [reason], message: reason.message, overridable: false, data: {} });

  it('records each reason with its params', () => {
    const { c, emitted } = ctx();
    const r = makeReason('lot_not_released', REASON_SAMPLES.lot_not_released);
    recordVerdict(c, verdictOf(r), { scanSeq: 3, workflow: 'smt.reel' });
    expect(emitted[0]).toMatchObject({ reasons: [{ code: 'lot_not_released', message: r.message, params: REASON_SAMPLES.lot_not_released }] });
  });

  it('params too large for the event are left out: the verdict is still recorded, with its English', () => {
    const { c, emitted } = ctx();
    const lotIds = Array.from({ length: 101 }, (_, i) => `L${i}`);
    const r = makeReason('lot_ambiguous', { itemId: 'CAP-100N', supplierLot: 'MU1', lotIds });
    const v = recordVerdict(c, verdictOf(r), { scanSeq: 3, workflow: 'smt.reel' });
    expect(emitted[0]).toMatchObject({ reasons: [{ code: 'lot_ambiguous', message: r.message }] });
    expect((emitted[0] as EventPayload<'scan.verdict'>).reasons[0]!.params).toBeUndefined();
    // The answer of the scan itself still has them (from the engine's verdict).
    expect(v.reasons[0]!.params).toMatchObject({ lotIds });
  });

  it('a sentence longer than the event holds is cut, and the verdict is recorded', () => {
    const { c, emitted } = ctx();
    const lotIds = Array.from({ length: 100 }, (_, i) => `LOT-${'9'.repeat(40)}-${i}`);
    const r = makeReason('lot_ambiguous', { itemId: 'CAP-100N', supplierLot: 'MU1', lotIds });
    expect(r.message.length).toBeGreaterThan(1000);
    const v = recordVerdict(c, verdictOf(r), { scanSeq: 3, workflow: 'smt.reel' });
    const p = emitted[0] as EventPayload<'scan.verdict'>;
    expect(p.message.length).toBe(1000);
    expect(p.message.endsWith('…')).toBe(true);
    expect(p.reasons[0]!.message).toBe(p.message);
    expect(r.message.startsWith(p.message.slice(0, -1))).toBe(true);
    expect(v.verdict).toBe('REJECT');
  });
});
