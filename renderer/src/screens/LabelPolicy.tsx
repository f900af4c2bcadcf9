// Settings › Label verification: whether every printed label is verified by a scan, only the
// first and last of a run, or none, and whether a reprint needs a signature. Anyone logged in
// sees the policy in force; QA or an administrator changes it with a signature, recorded as an event.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LabelPolicySchema } from '../../../shared/contract/station';
import type { SignatureInput } from '../../../shared/domain/signature';
import type { z } from 'zod';
import { useStation } from '../api/station-context';
import { errorText } from '../components/errors';
import { LoadProblem, useLoadProblem } from '../components/LoadProblem';
import { SignatureDialog } from '../components/SignatureDialog';

type LabelPolicy = z.infer<typeof LabelPolicySchema>;
const MODES = LabelPolicySchema.shape.verifyMode.options;
const CHANGERS = ['qa', 'admin'];

export function LabelPolicyPanel() {
  const { t } = useTranslation();
  const { client, status } = useStation();
  const mayChange = status?.session?.roles.some((r) => CHANGERS.includes(r)) ?? false;
  const [draft, setDraft] = useState<LabelPolicy | null>(null);
  const { problem, track } = useLoadProblem();
  const [signing, setSigning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    track(client.call('labels.policy', {}), setDraft);
  }, [client, track]);

  const edit = (patch: Partial<LabelPolicy>) => {
    setDraft((d) => (d ? { ...d, ...patch } : d));
    setSaved(false);
  };

  const sign = async (signature: SignatureInput) => {
    if (!draft) return;
    setError(null);
    try {
      setDraft(await client.call('labels.set_policy', { ...draft, signature }));
      setSigning(false);
      setSaved(true);
    } catch (err) {
      setError(errorText(t, err));
    }
  };

  return (
    <section className="card settings" aria-labelledby="label-policy-title" style={{ marginTop: '1.2rem' }} data-testid="label-policy-panel">
      <h2 id="label-policy-title">{t('labelPolicy.title')}</h2>
      <LoadProblem problem={problem} />
      {!mayChange && <p className="muted">{t('labelPolicy.whoChanges')}</p>}
      {draft && (
        <fieldset disabled={!mayChange}>
          <label className="field">
            <span>{t('labelPolicy.verifyMode')}</span>
            <select name="label-verify-mode" value={draft.verifyMode} onChange={(e) => edit({ verifyMode: e.target.value as LabelPolicy['verifyMode'] })}>
              {MODES.map((m) => <option key={m} value={m}>{t(`labelPolicy.mode.${m}`)}</option>)}
            </select>
          </label>
          <label className="field field-check">
            <input name="label-reprint-signature" type="checkbox" checked={draft.reprintNeedsSignature} onChange={(e) => edit({ reprintNeedsSignature: e.target.checked })} />
            <span>{t('labelPolicy.reprintNeedsSignature')}</span>
          </label>
          <button className="btn btn-primary" onClick={() => { setError(null); setSigning(true); }}>{t('labelPolicy.save')}</button>
        </fieldset>
      )}
      {saved && <p className="ok" role="status" data-testid="label-policy-saved">{t('labelPolicy.saved')}</p>}
      {signing && <SignatureDialog meaning="approved" onSign={sign} onCancel={() => setSigning(false)} error={error} />}
    </section>
  );
}
