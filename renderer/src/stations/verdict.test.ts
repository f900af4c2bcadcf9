// The verdict sentence in the operator's language: from code + params (also on a view rebuilt
// from the log), and the recorded English when there is nothing to translate from.
import { describe, expect, it } from 'vitest';
import type { VerdictView } from '../../../shared/contract/workflows';
import { REASON_SAMPLES } from '../../../shared/rules/fixtures';
import { verdictSentence } from './verdict';

const QUARANTINED: Record<string, unknown> = { ...REASON_SAMPLES.lot_not_released };
const EN = 'Reel L-100005 is in quarantine. Put it back and take a released reel of MCU-RP2040.';
const view = (reason: Partial<VerdictView['reasons'][number]>): VerdictView => ({
  verdictSeq: 9,
  scanSeq: 8,
  workflow: 'smt.reel',
  verdict: 'REJECT',
  message: EN,
  reasons: [{ code: 'lot_not_released', severity: 'REJECT', message: EN, ...reason }],
  overridable: false,
});

describe('verdictSentence', () => {
  it.each([
    ['with params, in Spanish', view({ params: QUARANTINED }), 'es', 'La bobina L-100005 está en cuarentena. Devuélvala y tome una bobina liberada de MCU-RP2040.'],
    ['with params, in English: the recorded sentence', view({ params: QUARANTINED }), 'en', EN],
    ['an old verdict without params: the recorded English', view({}), 'es', EN],
    ['a code this renderer does not know: the recorded English', view({ code: 'from_a_newer_runtime', params: {} }), 'es', EN],
    ['params that do not fit the sentence: the recorded English', view({ params: { nothing: 1 } }), 'es', EN],
  ] as const)('%s', (_, v, lng, text) => expect(verdictSentence(v, lng)).toBe(text));

  it('an acknowledged ACCEPT note rebuilt from the log is said in Spanish', () => {
    const v: VerdictView = { ...view({}), verdict: 'ACCEPT', reasons: [], message: 'Reel L-100004 (MCU-RP2040) verified for slot F03.', accept: { code: 'use', params: { lotId: 'L-100004', itemId: 'MCU-RP2040', itemKind: 'component', slot: 'F03' } } };
    expect(verdictSentence(v, 'es')).toBe('La bobina L-100004 (MCU-RP2040) verificada para la posición F03.');
  });
});
