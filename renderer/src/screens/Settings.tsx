// Station identity and type, its central server, its verification rules and its devices:
// only an administrator may change them, with a signature.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { STATION_TYPES, type StationType } from '../../../shared/domain/roles';
import type { SignatureInput } from '../../../shared/domain/signature';
import { isTimeZone, processTimeZone } from '../../../shared/clock/zone';
import { useStation } from '../api/station-context';
import { errorText } from '../components/errors';
import { SignatureDialog } from '../components/SignatureDialog';
import { CentralServerPanel } from './CentralServer';
import { DevicesPanel } from './Devices';
import { RulesPanel } from './Rules';
import { LabelPolicyPanel } from './LabelPolicy';

export function SettingsScreen() {
  const { t } = useTranslation();
  const { client, status } = useStation();
  const station = status?.station;
  const isAdmin = status?.session?.roles.includes('admin') ?? false;
  const [name, setName] = useState(station?.name ?? '');
  const [type, setType] = useState<StationType>(station?.type ?? 'smt');
  const [area, setArea] = useState(station?.area ?? '');
  const [idle, setIdle] = useState(station?.idleLockMinutes ?? 15);
  const [timeZone, setTimeZone] = useState(station?.timeZone ?? '');
  const zoneBad = timeZone.trim() !== '' && !isTimeZone(timeZone);
  const [signing, setSigning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    if (!station) return;
    setName(station.name);
    setType(station.type);
    setArea(station.area);
    setIdle(station.idleLockMinutes);
    setTimeZone(station.timeZone ?? '');
    // On the values, not the object: every status push (a printer poll) is a new object and
    // would wipe what the administrator is typing.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [station?.name, station?.type, station?.area, station?.idleLockMinutes, station?.timeZone]);

  const sign = async (signature: SignatureInput) => {
    setError(null);
    try {
      await client.call('station.configure', { name, type, area, idleLockMinutes: idle, timeZone: timeZone.trim() || null, signature });
      setSigning(false);
      setSaved(true);
    } catch (err) {
      setError(errorText(t, err));
    }
  };

  return (
    <>
    <section className="card settings" aria-labelledby="settings-title">
      <h1 id="settings-title">{t('settings.title')}</h1>
      {!isAdmin && <p className="banner" role="note">{t('settings.adminOnly')}</p>}
      <dl className="kv">
        <dt>{t('settings.stationId')}</dt>
        <dd className="mono">{station?.stationId}</dd>
      </dl>
      <fieldset disabled={!isAdmin}>
        <label className="field">
          <span>{t('settings.name')}</span>
          <input name="station-name" value={name} onChange={(e) => { setName(e.target.value); setSaved(false); }} />
        </label>
        <label className="field">
          <span>{t('settings.type')}</span>
          <select name="station-type" value={type} onChange={(e) => { setType(e.target.value as StationType); setSaved(false); }}>
            {STATION_TYPES.map((s) => (
              <option key={s} value={s}>{t(`stationType.${s}`)}</option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('settings.area')}</span>
          <input name="station-area" value={area} onChange={(e) => { setArea(e.target.value); setSaved(false); }} />
        </label>
        <label className="field">
          <span>{t('settings.idle')}</span>
          <input name="idle-minutes" type="number" min={1} max={720} value={idle} onChange={(e) => { setIdle(Number(e.target.value)); setSaved(false); }} />
        </label>
        <label className="field">
          <span>{t('settings.timeZone')}</span>
          <input name="time-zone" value={timeZone} placeholder={processTimeZone()} aria-invalid={zoneBad} aria-describedby="time-zone-help" onChange={(e) => { setTimeZone(e.target.value); setSaved(false); }} />
          <small id="time-zone-help" className={zoneBad ? 'error' : undefined} role={zoneBad ? 'alert' : undefined}>
            {zoneBad ? t('settings.timeZoneBad', { zone: timeZone.trim() }) : t('settings.timeZoneDefault', { zone: processTimeZone() })}
          </small>
        </label>
        <button className="btn btn-primary" onClick={() => { setError(null); setSigning(true); }} disabled={!name.trim() || zoneBad}>{t('settings.save')}</button>
      </fieldset>
      {saved && <p className="ok" role="status">{t('settings.saved')}</p>}
      {signing && <SignatureDialog meaning="approved" onSign={sign} onCancel={() => setSigning(false)} error={error} />}
    </section>
    {isAdmin && <CentralServerPanel />}
    <RulesPanel />
    <LabelPolicyPanel />
    <DevicesPanel />
    </>
  );
}
