// Settings › Devices: which device serves each role, its live state, and a test button per
// role (read a weight, print a test label or ticket, scan now). Assigning is an admin's
// act, recorded as an event; anyone logged in may test.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceStateView } from '../../../shared/contract/station';
import { useStation } from '../api/station-context';
import { errorText } from '../components/errors';

export function DevicesPanel() {
  const { t } = useTranslation();
  const { client, status } = useStation();
  const isAdmin = status?.session?.roles.includes('admin') ?? false;
  const [found, setFound] = useState<{ serial: Array<{ path: string; manufacturer: string | null }>; usb: Array<{ uri: string; name: string | null }>; simulators: Array<{ uri: string; role: string }> } | null>(null);
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [results, setResults] = useState<Record<string, { ok: boolean; text: string }>>({});

  useEffect(() => {
    if (isAdmin) void client.call('devices.discover', {}).then(setFound, () => undefined);
  }, [client, isAdmin]);

  const devices: DeviceStateView[] = status?.devices ?? [];
  const act = async (role: DeviceStateView['role'], fn: () => Promise<unknown>, okText?: (r: unknown) => string) => {
    try {
      const r = await fn();
      setResults((x) => ({ ...x, [role]: { ok: true, text: okText ? okText(r) : '' } }));
    } catch (err) {
      setResults((x) => ({ ...x, [role]: { ok: false, text: errorText(t, err) } }));
    }
  };

  return (
    <section className="card" aria-labelledby="devices-title" style={{ marginTop: '1.2rem' }}>
      <h2 id="devices-title">{t('devices.title')}</h2>
      {!isAdmin && <p className="muted">{t('devices.adminOnly')}</p>}
      <table className="devices-table">
        <tbody>
          {devices.map((d) => (
            <tr key={d.role} data-testid={`device-${d.role}`}>
              <th>{t(`devices.role.${d.role}`)}</th>
              <td style={{ width: '40%' }}>
                <input
                  aria-label={`${t(`devices.role.${d.role}`)} — ${t('devices.uri')}`}
                  placeholder={t('devices.uriHelp')}
                  disabled={!isAdmin}
                  value={drafts[d.role] ?? d.uri ?? ''}
                  onChange={(e) => setDrafts({ ...drafts, [d.role]: e.target.value })}
                  list={`found-${d.role}`}
                />
                <datalist id={`found-${d.role}`}>
                  {found?.simulators.filter((s) => s.role === d.role).map((s) => <option key={s.uri} value={s.uri}>{t('devices.simulator')}</option>)}
                  {found?.serial.map((p) => <option key={p.path} value={`serial://${p.path}`}>{p.manufacturer ?? ''}</option>)}
                  {found?.usb.map((u) => <option key={u.uri} value={u.uri}>{u.name ?? ''}</option>)}
                  {d.role === 'scanner' && <option value="wedge:">keyboard wedge</option>}
                </datalist>
              </td>
              <td className={`state-${d.state}`} data-testid={`device-state-${d.role}`}>
                {t(`header.deviceState.${d.state}`)}
                {d.detail ? ` — ${d.detail}` : ''}
              </td>
              <td className="row">
                {isAdmin && (
                  <button className="btn btn-secondary" disabled={!drafts[d.role] || drafts[d.role] === d.uri} onClick={() => void act(d.role, () => client.call('devices.configure', { role: d.role, uri: drafts[d.role]! }))}>
                    {t('devices.save')}
                  </button>
                )}
                {isAdmin && d.uri && (
                  <button className="btn btn-secondary" onClick={() => void act(d.role, () => client.call('devices.remove', { role: d.role }))}>{t('devices.remove')}</button>
                )}
                {d.uri && (
                  <button
                    className="btn btn-primary"
                    onClick={() =>
                      void act(
                        d.role,
                        () => client.call('devices.test', { role: d.role }),
                        (r) => {
                          const res = r as { ok: boolean; detail: string };
                          return res.ok ? t('devices.testOk', { detail: res.detail }) : t('devices.testFailed', { detail: res.detail });
                        },
                      )
                    }
                  >
                    {t(`devices.testAction.${d.role}`)}
                  </button>
                )}
              </td>
              {results[d.role] && (
                <td className={results[d.role]!.ok ? 'ok' : 'error'} data-testid={`device-result-${d.role}`}>{results[d.role]!.text}</td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {found && found.serial.length === 0 && found.usb.length === 0 && <p className="muted small">{t('devices.noneFound')}</p>}
    </section>
  );
}
