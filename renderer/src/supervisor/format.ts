// Small display helpers shared by the supervisor views.
import type { TFunction } from 'i18next';
import { compactAge } from '../../../shared/board/freshness';

export function age(t: TFunction, fromIso: string | null, now: number): string {
  if (!fromIso) return t('board.never');
  const a = compactAge(Math.max(0, now - Date.parse(fromIso)));
  return t(`board.age.${a.unit}`, { n: a.value });
}

export const pct = (x: number | null | undefined) => (x === null || x === undefined ? '—' : `${(x * 100).toFixed(1)} %`);
