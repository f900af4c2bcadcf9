// A read that failed is said on screen until the next one succeeds: an empty list, or one
// left as it was, must not pass for the station's answer ("no lot is waiting").
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from './errors';

export function useLoadProblem() {
  const [problem, setProblem] = useState<unknown>(null);
  const track = useCallback(<T,>(read: Promise<T>, use: (value: T) => void) => {
    void read.then((value) => {
      use(value);
      setProblem(null);
    }, setProblem);
  }, []);
  return { problem, track };
}

export function LoadProblem({ problem }: { problem: unknown }) {
  const { t } = useTranslation();
  if (problem === null) return null;
  return (
    <p className="banner banner-warn" role="alert" data-testid="load-problem">
      {t('load.failed', { detail: errorText(t, problem) })}
    </p>
  );
}
