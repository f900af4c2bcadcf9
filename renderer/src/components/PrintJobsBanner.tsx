// Label jobs that may or may not have printed (a crash or a pulled cable mid-send) are never
// re-sent blindly: the operator looks at the printer and decides, with a reason.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PrintJobView } from '../../../shared/contract/station';
import { useStation } from '../api/station-context';
import { errorText } from './errors';

export function PrintJobsBanner() {
  const { t } = useTranslation();
  const { client, eventTick } = useStation();
  const [jobs, setJobs] = useState<PrintJobView[]>([]);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const refresh = useCallback(() => void client.call('print.jobs', {}).then((j) => setJobs(j.filter((x) => x.state === 'uncertain')), () => undefined), [client]);
  useEffect(refresh, [refresh, eventTick]);
  const job = jobs[0];
  if (!job) return null;
  const decide = async (decision: 'printed' | 'reprint' | 'cancel') => {
    try {
      await client.call('print.resolve', { jobId: job.id, decision, reason });
      setReason('');
      setError(null);
      refresh();
    } catch (err) {
      setError(errorText(t, err));
    }
  };
  return (
    <div className="banner banner-warn print-uncertain" role="alert" data-testid="print-uncertain">
      <strong>{t('print.uncertainTitle')}</strong>
      <p>{t('print.uncertainText', { id: job.id.slice(0, 8), note: job.note ?? '' })}</p>
      <label className="field">
        <span>{t('print.reason')}</span>
        <input name="print-reason" value={reason} onChange={(e) => setReason(e.target.value)} />
      </label>
      <div className="row">
        <button className="btn btn-primary" disabled={reason.trim().length < 3} onClick={() => void decide('printed')}>{t('print.printed')}</button>
        <button className="btn btn-secondary" disabled={reason.trim().length < 3} onClick={() => void decide('reprint')}>{t('print.reprint')}</button>
        <button className="btn btn-secondary" disabled={reason.trim().length < 3} onClick={() => void decide('cancel')}>{t('print.cancel')}</button>
      </div>
      {error && <p className="error">{error}</p>}
      {jobs.length > 1 && <p className="small">{t('print.pending', { count: jobs.length })}</p>}
    </div>
  );
}
