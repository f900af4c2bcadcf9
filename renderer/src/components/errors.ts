// One place that turns a StationApi error into the sentence an operator reads.
import i18next, { type TFunction } from 'i18next';
import { type ApiError, StationError } from '../../../shared/contract/errors';
import { PROBLEM_VOCABULARY } from '../../../shared/contract/problems';
import { isReasonCode, messageFor } from '../../../shared/rules/messages';
import type { ReasonCode, ReasonParams } from '../../../shared/rules/verdict';
import { formatDateTime } from '../i18n/format';
import { messageLang } from '../i18n/message-lang';

type Details = NonNullable<ApiError['details']>;

/** A refused label's verdict sentence in `lng`, from the reason the refusal carries; null when it cannot be said. */
function refusedReason(details: Details, lng: string): string | null {
  const { reason, reasonParams } = details;
  if (typeof reason !== 'string' || !isReasonCode(reason) || typeof reasonParams !== 'string') return null;
  try {
    return messageFor(reason, JSON.parse(reasonParams) as ReasonParams[ReasonCode], messageLang(lng));
  } catch {
    return null;
  }
}

/**
 * The sentence of a refusal the runtime names by a problem code (shared/contract/problems.ts),
 * with its code-valued details said in words; '' when this renderer has no sentence for it.
 */
export function problemText(t: TFunction, problem: string, details: Details, lng: string = i18next.language): string {
  const values: Record<string, unknown> = { ...details };
  for (const [key, vocabulary] of Object.entries(PROBLEM_VOCABULARY)) {
    const v = details[key];
    if (typeof v === 'string' && v !== '') values[key] = v.split(',').map((code) => t(`${vocabulary}.${code.trim()}`, { defaultValue: code.trim() })).join(', ');
  }
  if (typeof details.until === 'string' && details.until) values.until = formatDateTime(details.until, lng, false);
  if (typeof details.at === 'string' && details.at) values.at = formatDateTime(details.at, lng, false);
  if (problem === 'label_refused') {
    const sentence = refusedReason(details, lng);
    if (sentence === null) return '';
    values.sentence = sentence;
  }
  return t(`error.problem.${problem}`, { ...values, defaultValue: '' });
}

export function errorText(t: TFunction, err: unknown): string {
  if (!(err instanceof StationError)) return t('error.generic', { message: (err as Error)?.message ?? String(err) });
  // A refusal the runtime names by a problem code is said in the operator's language; the
  // English message stays for logs and for problems this renderer has no sentence for.
  const problem = err.details?.problem;
  if (typeof problem === 'string') {
    const text = problemText(t, problem, err.details!);
    if (text) return text;
  }
  switch (err.code) {
    case 'forbidden':
      // A role check says only that; a rule that forbids (the same person signing twice, a
      // demo-only tool) names the reason, and the operator reads that reason.
      return err.details && 'needed' in err.details ? t('error.forbidden') : t('error.generic', { message: err.message });
    case 'unauthenticated':
    case 'storage_full':
    case 'storage_busy':
    case 'storage_read_only':
    case 'storage_corrupt':
      return t(`error.${err.code}`);
    case 'signature_invalid':
    case 'locked_out':
      return t(`error.${err.code}`, { message: err.message });
    case 'invalid_input':
      return t('error.generic', { message: err.issues?.map((i) => `${i.path}: ${i.message}`).join('; ') ?? err.message });
    default:
      return t('error.generic', { message: err.message });
  }
}
