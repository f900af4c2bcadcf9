// A setting shown to everyone and changed with a signature (verification rules, the label
// policy): read once, edited as a draft, saved only through the signature dialog, and said
// saved until the next edit.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SignatureInput } from '../../../shared/domain/signature';
import { errorText } from './errors';
import { useLoadProblem } from './LoadProblem';

/**
 * `read` gives the setting in force (made once per component, e.g. with useCallback); `save`
 * sends the draft with its signature and answers the setting as saved, or nothing to keep the draft.
 */
export function useSignedDraft<T>(read: () => Promise<T>, save: (draft: T, signature: SignatureInput) => Promise<T | void>) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<T | null>(null);
  const { problem, track } = useLoadProblem();
  const [signing, setSigning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    track(read(), setDraft);
  }, [read, track]);

  return {
    draft,
    problem,
    signing,
    error,
    saved,
    edit: (change: (d: T) => T) => {
      setDraft((d) => (d ? change(d) : d));
      setSaved(false);
    },
    startSigning: () => {
      setError(null);
      setSigning(true);
    },
    cancelSigning: () => setSigning(false),
    sign: async (signature: SignatureInput) => {
      if (!draft) return;
      setError(null);
      try {
        const answer = await save(draft, signature);
        if (answer) setDraft(answer);
        setSigning(false);
        setSaved(true);
      } catch (err) {
        setError(errorText(t, err));
      }
    },
  };
}
