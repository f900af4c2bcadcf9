// Settings › Verification rules: FIFO (off, warn, reject; by receipt or by expiry; who signs
// an override), the expiry warning window and the plant's time (an expiry date is the last
// day of use there: in the station's time zone, or on a fixed offset as signed before zones). Anyone logged in sees the rules in force; an administrator changes them
// with a signature, recorded as an event.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { RuleSettingsSchema, type RuleSettings } from '../../../shared/contract/workflows';
import { useStation } from '../api/station-context';
import { LoadProblem } from '../components/LoadProblem';
import { SignatureDialog } from '../components/SignatureDialog';
import { useSignedDraft } from '../components/useSignedDraft';

/** The choices the contract allows, in its order. */
const FIFO = RuleSettingsSchema.shape.fifo.shape;

/** UTC−12:00 … UTC+14:00 in quarter hours, as a plant's clock can be set. */
const OFFSETS = Array.from({ length: (840 + 720) / 15 + 1 }, (_, i) => -720 + i * 15);

function utcOffsetLabel(minutes: number): string {
  const a = Math.abs(minutes);
  return `UTC${minutes < 0 ? '−' : '+'}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}

export function RulesPanel() {
  const { t } = useTranslation();
  const { client, status } = useStation();
  const isAdmin = status?.session?.roles.includes('admin') ?? false;
  const read = useCallback(() => client.call('rules.state', {}), [client]);
  const { draft, problem, signing, error, saved, edit: change, startSigning, cancelSigning, sign } = useSignedDraft<RuleSettings & { readonly stationZone: string }>(read, async (d, signature) => {
    // The station's zone is its own signed setting (Settings › Station): shown here, never sent.
    const { stationZone: _zone, ...settings } = d;
    await client.call('rules.configure', { ...settings, signature });
  });
  const edit = (patch: Partial<RuleSettings>) => change((d) => ({ ...d, ...patch }));
  const editFifo = (patch: Partial<RuleSettings['fifo']>) => change((d) => ({ ...d, fifo: { ...d.fifo, ...patch } }));

  return (
    <section className="card settings" aria-labelledby="rules-title" style={{ marginTop: '1.2rem' }} data-testid="rules-panel">
      <h2 id="rules-title">{t('rules.title')}</h2>
      <LoadProblem problem={problem} />
      {!isAdmin && <p className="muted">{t('rules.adminOnly')}</p>}
      {draft && (
        <fieldset disabled={!isAdmin}>
          <label className="field">
            <span>{t('rules.fifoMode')}</span>
            <select name="fifo-mode" value={draft.fifo.mode} onChange={(e) => editFifo({ mode: e.target.value as RuleSettings['fifo']['mode'] })}>
              {FIFO.mode.options.map((m) => <option key={m} value={m}>{t(`rules.mode.${m}`)}</option>)}
            </select>
          </label>
          <label className="field">
            <span>{t('rules.fifoOrder')}</span>
            <select name="fifo-order" value={draft.fifo.order} onChange={(e) => editFifo({ order: e.target.value as RuleSettings['fifo']['order'] })}>
              {FIFO.order.options.map((o) => <option key={o} value={o}>{t(`rules.order.${o}`)}</option>)}
            </select>
          </label>
          <label className="field">
            <span>{t('rules.overrideRole')}</span>
            <select name="fifo-override-role" value={draft.fifo.overrideRole} onChange={(e) => editFifo({ overrideRole: e.target.value as RuleSettings['fifo']['overrideRole'] })}>
              {FIFO.overrideRole.options.map((r) => <option key={r} value={r}>{t(`role.${r}`)}</option>)}
            </select>
          </label>
          <label className="field">
            <span>{t('rules.expiryWarnDays')}</span>
            <input name="expiry-warn-days" type="number" min={0} max={365} value={draft.expiryWarnDays} onChange={(e) => edit({ expiryWarnDays: Math.max(0, Math.min(365, Math.trunc(Number(e.target.value) || 0))) })} />
          </label>
          <label className="field">
            <span>{t('rules.expiryClock')}</span>
            <select name="expiry-clock" value={draft.expiryClock} onChange={(e) => edit({ expiryClock: e.target.value as RuleSettings['expiryClock'] })}>
              <option value="station">{t('rules.clock.station', { zone: draft.stationZone })}</option>
              <option value="offset">{t('rules.clock.offset')}</option>
            </select>
          </label>
          {draft.expiryClock === 'offset' && (
            <label className="field">
              <span>{t('rules.utcOffset')}</span>
              <select name="utc-offset" value={draft.utcOffsetMinutes} onChange={(e) => edit({ utcOffsetMinutes: Number(e.target.value) })}>
                {OFFSETS.map((m) => <option key={m} value={m}>{utcOffsetLabel(m)}</option>)}
              </select>
            </label>
          )}
          {draft.expiryClock === 'offset' && <p className="muted small" data-testid="expiry-clock-offset-note">{t('rules.clock.offsetNote', { zone: draft.stationZone })}</p>}
          <button className="btn btn-primary" onClick={startSigning}>{t('rules.save')}</button>
        </fieldset>
      )}
      {saved && <p className="ok" role="status" data-testid="rules-saved">{t('rules.saved')}</p>}
      {signing && <SignatureDialog meaning="approved" onSign={sign} onCancel={cancelSigning} error={error} />}
    </section>
  );
}
