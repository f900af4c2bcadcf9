// One way to show a verdict on every station: the full-screen colour and sound, the verdict
// word, the reason in plain words (the engine's sentence names the problem and the action)
// in the operator's language, and what to do next.
import i18next, { type TFunction } from 'i18next';
import type { VerdictView } from '../../../shared/contract/workflows';
import { acceptMessageFor, isAcceptCode, isReasonCode, messageFor } from '../../../shared/rules/messages';
import type { AcceptNote, ReasonCode, ReasonParams } from '../../../shared/rules/verdict';
import type { Feedback } from '../feedback/feedback';
import { messageLang } from '../i18n/message-lang';

/**
 * The verdict's sentence in `lng`, translated by code from its parameters (also when the view
 * was rebuilt from the log: an acknowledgement, an override). The recorded English sentence
 * is the fallback: a verdict recorded by an older runtime has no parameters, and a newer
 * runtime may send a code (or parameters) this renderer does not know.
 */
export function verdictSentence(v: VerdictView, lng: string | undefined = i18next.language): string {
  const lang = messageLang(lng);
  if (lang === 'en') return v.message;
  try {
    if (v.verdict === 'ACCEPT') return v.accept && isAcceptCode(v.accept.code) ? acceptMessageFor(v.accept as AcceptNote, lang) : v.message;
    const first = v.reasons[0];
    if (first?.params && isReasonCode(first.code)) return messageFor(first.code, first.params as ReasonParams[ReasonCode], lang);
  } catch {
    // Parameters that do not fit this renderer's sentence: the recorded English is still true.
  }
  return v.message;
}

export function verdictFeedback(t: TFunction, v: VerdictView, next?: string): Feedback {
  const tone = v.verdict === 'ACCEPT' ? 'good' : v.verdict === 'WARN' ? 'warn' : 'bad';
  const title = t(`verdict.${v.verdict}`);
  let after = next;
  if (v.verdict === 'WARN') after = t('verdict.confirmNext');
  else if (v.verdict === 'REJECT') after = v.overridable ? t('verdict.overrideNext', { role: t(`role.${v.overrideRole ?? 'supervisor'}`) }) : t('verdict.rejectNext');
  return { tone, title, detail: verdictSentence(v), ...(after ? { next: after } : {}) };
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
