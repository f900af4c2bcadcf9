// Builds reasons (code + params + sentence) and folds them into one verdict; the only place
// that decides ordering and the overall ACCEPT / WARN / REJECT.
import type { Role } from '../domain/roles';
import { acceptMessageFor, messageFor } from './messages';
import { REASON_SEVERITY, type AcceptNote, type Reason, type ReasonCode, type ReasonParams, type Severity, type Verdict, type VerdictData } from './verdict';

export interface ReasonOptions {
  /** Required for codes whose severity is `configured`. */
  readonly severity?: Severity;
  readonly overrideRole?: Role;
}

export function makeReason<C extends ReasonCode>(code: C, params: ReasonParams[C], opts: ReasonOptions = {}): Reason {
  const fixed = REASON_SEVERITY[code];
  const severity: Severity = fixed === 'configured' ? (opts.severity ?? 'REJECT') : fixed;
  const base = { code, severity, params, message: messageFor(code, params) };
  return (opts.overrideRole ? { ...base, override: { role: opts.overrideRole, reasonRequired: true as const } } : base) as Reason;
}

/**
 * `reasons` arrive in check order. REJECTs go first (stable), so the first sentence is the
 * most actionable thing that stops the scan; WARNs follow in check order.
 */
export function composeVerdict(reasons: readonly Reason[], data: VerdictData, accept: AcceptNote | null): Verdict {
  if (reasons.length === 0) return { verdict: 'ACCEPT', reasons, message: accept ? acceptMessageFor(accept) : '', ...(accept ? { accept } : {}), overridable: false, data };
  const rejects = reasons.filter((r) => r.severity === 'REJECT');
  const ordered = rejects.length === 0 || rejects.length === reasons.length ? reasons : [...rejects, ...reasons.filter((r) => r.severity === 'WARN')];
  const verdict = rejects.length > 0 ? 'REJECT' : 'WARN';
  const role = rejects[0]?.override?.role;
  const overridable = rejects.length > 0 && role !== undefined && rejects.every((r) => r.override?.role === role);
  return { verdict, reasons: ordered, message: ordered[0]!.message, overridable, ...(overridable ? { overrideRole: role } : {}), data };
}
