// Answering a verdict (a WARN confirmed, a REJECT overridden) is allowed only while it holds:
// judged again now, the lot must come to the same verdict with no reason the verdict did not
// give. A hold or an expiry since, or a WARN turned REJECT by a FIFO setting since, is not
// answered with it. Reasons whose details changed (another older lot, fewer days left) still hold.
import type { Reason, Verdict, VerdictKind } from './verdict';

/** What changed since `given`: null while it holds, else the reasons to show (the new ones, or all of the new verdict's). */
export function changedSince(given: { readonly verdict: VerdictKind; readonly reasons: readonly { readonly code: string }[] }, again: Verdict): readonly Reason[] | null {
  const seen = new Set<string>(given.reasons.map((r) => r.code));
  const fresh = again.reasons.filter((r) => !seen.has(r.code));
  if (fresh.length) return fresh;
  return again.verdict === given.verdict ? null : again.reasons;
}
