// A HID POS scanner bound to the scanner role of a real runtime (real SQLite file): recorded
// input report bytes from a thin fake node-hid device are decoded by the production code and
// reach the runtime's scan path — recorded once, with the hid:// source and receive time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Push } from '../../shared/contract/station';
import type { StationRuntime } from '../../electron/station/runtime/runtime';
import { client, inProcessTransport, openDemoRuntime, tempDir } from './helpers/station';
import { FakeHidBus, posReport } from './devices/usb-fakes';

const URI = 'hid://0c2e:0b61';

describe('HID POS scanner in the runtime', () => {
  const dir = tempDir();
  const hid = new FakeHidBus();
  let rt: StationRuntime;
  const pushes: Push[] = [];
  const api = () => client(inProcessTransport(rt));
  const scans = (text: string) => pushes.filter((p) => p.topic === 'scan' && p.data.text === text);
  const receivedCount = (text: string) =>
    (rt.store.sqlite.prepare("SELECT count(*) AS n FROM events WHERE type = 'scan.received' AND json_extract(payload, '$.text') = ?").get(text) as { n: number }).n;

  beforeAll(async () => {
    hid.plugged.add('0c2e:0b61');
    rt = await openDemoRuntime(dir.path, { devices: { hid: { open: hid.open, reconnectPollMs: 50 } } });
    rt.onPush((p) => pushes.push(p));
    await rt.startDevices();
    await api().call('auth.login', { badge: 'AD-500', pin: '5555' });
    await api().call('devices.configure', { role: 'scanner', uri: URI });
  });
  afterAll(async () => {
    await rt.close();
    dir.remove();
  });

  it('a scan in one report is recorded once with its source and receive time', async () => {
    await expect.poll(() => rt.status().devices.find((d) => d.role === 'scanner')).toMatchObject({ uri: URI, state: 'ok' });
    const t0 = Date.now();
    hid.handles.get('0c2e:0b61')!.report(posReport('LL-LOT-L-100004', false, ']C0'));
    const t1 = Date.now();
    await expect.poll(() => scans(']C0LL-LOT-L-100004').length).toBe(1);
    const push = scans(']C0LL-LOT-L-100004')[0]!;
    expect(push.topic === 'scan' && push.data).toMatchObject({ source: URI, parsed: { ok: true, fields: { internalLotId: 'LL-LOT-L-100004' } } });
    // the time the report arrived from the device, not when the command ran
    const at = push.topic === 'scan' ? Date.parse(push.data.receivedAt) : NaN;
    expect(at).toBeGreaterThanOrEqual(t0);
    expect(at).toBeLessThanOrEqual(t1);
    expect(receivedCount(']C0LL-LOT-L-100004')).toBe(1);
  });

  it('a GS1 DataMatrix split over continuation reports is one scan, parsed as GS1 from its AIM identifier', async () => {
    const text = '01095060001343521725123110ABCDEFGHIJ0123456789\u001d21SN0123456789ABCDEFGH';
    const h = hid.handles.get('0c2e:0b61')!;
    h.report(posReport(text.slice(0, 56), true, ']d2'));
    h.report(posReport(text.slice(56), false, ']d2'));
    await expect.poll(() => scans(`]d2${text}`).length).toBe(1);
    const push = scans(`]d2${text}`)[0]!;
    expect(push.topic === 'scan' && push.data.parsed).toMatchObject({ ok: true, format: 'gs1' });
    expect(receivedCount(`]d2${text}`)).toBe(1);
  });

  it('a malformed report is a device error, not a scan, and the next scan still arrives', async () => {
    const before = rt.log.lastSeq;
    hid.handles.get('0c2e:0b61')!.report(Buffer.from([0x07, 0x01, 0x02]));
    hid.handles.get('0c2e:0b61')!.report(posReport('LL-LOT-L-100005', false, ']C0'));
    await expect.poll(() => scans(']C0LL-LOT-L-100005').length).toBe(1);
    const n = rt.store.sqlite.prepare("SELECT count(*) AS n FROM events WHERE type = 'scan.received' AND seq > ?").get(before) as { n: number };
    expect(n.n).toBe(1);
  });
});
