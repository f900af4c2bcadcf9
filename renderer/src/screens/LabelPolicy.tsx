// Settings › Label verification: whether every printed label is verified by a scan, only the
// first and last of a run, or none, and whether a reprint needs a signature. Anyone logged in
// sees the policy in force; QA or an administrator changes it with a signature, recorded as an event.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { LabelPolicySchema } from '../../../shared/contract/station';
import { useStation } from '../api/station-context';
import { LoadProblem } from '../components/LoadProblem';
import { SignatureDialog } from '../components/SignatureDialog';
import { useSignedDraft } from '../components/useSignedDraft';

type LabelPolicy = z.infer<typeof LabelPolicySchema>;
const MODES = LabelPolicySchema.shape.verifyMode.options;
const CHANGERS = ['qa', 'admin'];

export function LabelPolicyPanel() {
  const { t } = useTranslation();
  const { client, status } = useStation();
  const mayChange = status?.session?.roles.some((r) => CHANGERS.includes(r)) ?? false;
  const read = useCallback(() => client.call('labels.policy', {}), [client]);
  const { draft, problem, signing, error, saved, edit: change, startSigning, cancelSigning, sign } = useSignedDraft<LabelPolicy>(read, (d, signature) => client.call('labels.set_policy', { ...d, signature }));
  const edit = (patch: Partial<LabelPolicy>) => change((d) => ({ ...d, ...patch }));

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
          <button className="btn btn-primary" onClick={startSigning}>{t('labelPolicy.save')}</button>
        </fieldset>
      )}
      {saved && <p className="ok" role="status" data-testid="label-policy-saved">{t('labelPolicy.saved')}</p>}
      {signing && <SignatureDialog meaning="approved" onSign={sign} onCancel={cancelSigning} error={error} />}
    </section>
  );
}
