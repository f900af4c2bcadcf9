// One way to show a verdict on every station: the full-screen colour and sound, the verdict
// word, the reason in plain words (the engine's sentence names the problem and the action)
// and what to do next.
import type { TFunction } from 'i18next';
import type { VerdictView } from '../../../shared/contract/workflows';
import type { Feedback } from '../feedback/feedback';

export function verdictFeedback(t: TFunction, v: VerdictView, next?: string): Feedback {
  const tone = v.verdict === 'ACCEPT' ? 'good' : v.verdict === 'WARN' ? 'warn' : 'bad';
  const title = t(`verdict.${v.verdict}`);
  let after = next;
  if (v.verdict === 'WARN') after = t('verdict.confirmNext');
  else if (v.verdict === 'REJECT') after = v.overridable ? t('verdict.overrideNext', { role: t(`role.${v.overrideRole ?? 'supervisor'}`) }) : t('verdict.rejectNext');
  return { tone, title, detail: v.message, ...(after ? { next: after } : {}) };
}

/** "2 h 05 min" / "3 d 4 h" for countdowns. */
export function formatRemaining(ms: number | null, unlimited: string): string {
  if (ms === null) return unlimited;
  const m = Math.max(0, Math.floor(ms / 60_000));
  const h = Math.floor(m / 60);
  if (h >= 48) return `${Math.floor(h / 24)} d ${h % 24} h`;
  if (h >= 1) return `${h} h ${String(m % 60).padStart(2, '0')} min`;
  const s = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
}
