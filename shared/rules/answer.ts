// Answering a verdict (a WARN confirmed, a REJECT overridden) is allowed only while it holds:
// judged again now, the lot must come to the same verdict with no reason the verdict did not
// give. A hold or an expiry since, or a WARN turned REJECT by a FIFO setting since, is not
// answered with it. Reasons whose details changed (another older lot, fewer days left) still hold.
// A lot accepted now needs no answer: a signature or a confirmation of a warning that no longer
// applies would record a decision nobody had to take, so it is scanned again instead.
import type { Reason, Verdict, VerdictKind } from './verdict';

export type Change =
  /** Judged again, the lot is accepted: nothing is left to answer. */
  | { readonly kind: 'accepted' }
  /** Judged again, the lot gets another verdict: the reasons to show (the new ones, or all of the new verdict's). */
  | { readonly kind: 'changed'; readonly reasons: readonly Reason[] };

/** What changed since `given`: null while it holds. */
export function changedSince(given: { readonly verdict: VerdictKind; readonly reasons: readonly { readonly code: string }[] }, again: Verdict): Change | null {
  if (again.verdict === 'ACCEPT') return given.verdict === 'ACCEPT' ? null : { kind: 'accepted' };
  const seen = new Set<string>(given.reasons.map((r) => r.code));
  const fresh = again.reasons.filter((r) => !seen.has(r.code));
  if (fresh.length) return { kind: 'changed', reasons: fresh };
  return again.verdict === given.verdict ? null : { kind: 'changed', reasons: again.reasons };
}
