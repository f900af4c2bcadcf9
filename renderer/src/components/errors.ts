// One place that turns a StationApi error into the sentence an operator reads.
import type { TFunction } from 'i18next';
import { StationError } from '../../../shared/contract/errors';

export function errorText(t: TFunction, err: unknown): string {
  if (!(err instanceof StationError)) return t('error.generic', { message: (err as Error)?.message ?? String(err) });
  // A refusal the runtime names by a problem code is said in the operator's language; the
  // English message stays for logs and for problems this renderer has no sentence for.
  const problem = err.details?.problem;
  if (typeof problem === 'string') {
    const text = t(`error.problem.${problem}`, { ...err.details, defaultValue: '' });
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
