// Small display helpers shared by the supervisor views.
import type { TFunction } from 'i18next';
import { compactAge } from '../../../shared/board/freshness';
import { reasonName } from '../../../shared/rules/reason-names';
import { messageLang } from '../i18n/message-lang';

export function age(t: TFunction, fromIso: string | null, now: number): string {
  if (!fromIso) return t('board.never');
  const a = compactAge(Math.max(0, now - Date.parse(fromIso)));
  return t(`board.age.${a.unit}`, { n: a.value });
}

export const pct = (x: number | null | undefined) => (x === null || x === undefined ? '—' : `${(x * 100).toFixed(1)} %`);

/**
 * A reason as the board shows it: a verdict's reason code by its short name in the UI's
 * language (the table the shift report prints from), the board's own keys (integrity, holds)
 * from its locale, anything else as recorded. An override's title lists its codes.
 */
export function reasonLabel(t: TFunction, lng: string | undefined, key: string): string {
  const lang = messageLang(lng);
  return key
    .split(', ')
    .map((k) => reasonName(k, lang, (own) => t(`board.reasons.${own}`, { defaultValue: own })))
    .join(', ');
}
