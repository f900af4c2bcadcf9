// Solder paste: not discarded, thawed, not opened early, within open time, returns and total time out of the fridge.
import { makeReason } from '../reason';
import type { Reason } from '../verdict';
import { lotRef, type CheckEnv } from './env';

export function checkPaste(env: CheckEnv): readonly Reason[] {
  const p = env.paste;
  if (!p) return [];
  const ref = lotRef(env);
  const params = env.pasteParams;
  // A discarded jar is refused for that alone (pasteStatus reports nothing else for it).
  if (p.phase === 'discarded') return [makeReason('paste_discarded', ref)];
  const out: Reason[] = p.problems.map((problem) => {
    switch (problem) {
      case 'discarded':
        return makeReason('paste_discarded', ref);
      case 'not_thawed':
        return makeReason('paste_not_thawed', { ...ref, inFridge: p.phase === 'in_fridge', thawedMs: p.thawedMs, thawRemainingMs: p.thawRemainingMs });
      case 'opened_before_thaw':
        return makeReason('paste_opened_before_thaw', { ...ref, thawedMs: p.thawAtEarlyOpenMs ?? 0, minThawMs: params.minThawMs });
      case 'open_time_exceeded':
        return makeReason('paste_open_time_exceeded', { ...ref, openMs: p.openMs ?? 0, maxOpenMs: params.maxOpenMs });
      case 'returns_exceeded':
        return makeReason('paste_fridge_returns_exceeded', { ...ref, returns: p.returns, maxReturns: params.maxFridgeReturns });
      case 'out_of_fridge_exceeded':
        return makeReason('paste_out_of_fridge_exceeded', { ...ref, outMs: p.outOfFridgeMs, maxOutMs: params.maxOutOfFridgeMs });
      default: {
        const never: never = problem;
        return never;
      }
    }
  });
  if (out.length === 0 && p.phase !== 'in_fridge') {
    // The nearest limit decides: open time once opened, time out of the fridge always.
    const open = p.openRemainingMs ?? Number.POSITIVE_INFINITY;
    const limit = open <= p.outRemainingMs ? 'open' : 'out_of_fridge';
    const remainingMs = Math.min(open, p.outRemainingMs);
    if (remainingMs < env.snapshot.config.pasteWarnMs) out.push(makeReason('paste_time_low', { ...ref, limit, remainingMs }));
  }
  if (p.irregular > 0) out.push(makeReason('clock_record_irregular', { ...ref, clock: 'paste', anomaly: p.lastAnomaly?.kind ?? 'out_of_order', count: p.irregular }));
  return out;
}
