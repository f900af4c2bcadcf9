// USB hot-plug in a real runtime, with libusb's attach/detach replaced by a thin fake event
// source (no USB hardware here): a bound device that detaches shows "unplugged" with its
// reason in the states the header shows, and is reopened when it attaches again; a
// catalogued device nobody is bound to shows up in Settings › Devices discovery.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StationRuntime } from '../../electron/station/runtime/runtime';
import { client, inProcessTransport, openDemoRuntime, tempDir } from './helpers/station';
import { FakeHidBus, FakeUsbWatcher, posReport, usbInfo } from './devices/usb-fakes';

describe('USB hot-plug', () => {
  const dir = tempDir();
  const hid = new FakeHidBus();
  const watcher = new FakeUsbWatcher();
  let rt: StationRuntime;
  const api = () => client(inProcessTransport(rt));
  const poll = { timeout: 10_000 };
  const role = (r: string) => rt.status().devices.find((d) => d.role === r);

  beforeAll(async () => {
    hid.plugged.add('0c2e:0b61');
    rt = await openDemoRuntime(dir.path, {
      devices: { hid: { open: hid.open, reconnectPollMs: 60_000 }, usbWatcher: watcher, usbPrinter: { findLp: () => undefined, usb: { list: () => [] } }, printerPollMs: 60_000 },
    });
    await rt.startDevices();
    await api().call('auth.login', { badge: 'AD-500', pin: '5555' });
    await api().call('devices.configure', { role: 'scanner', uri: 'hid://0c2e:0b61' });
    await api().call('devices.configure', { role: 'labelPrinter', uri: 'usb://0a5f:0181' });
  });
  afterAll(async () => {
    await rt.close();
    expect(watcher.started).toBe(0);
    dir.remove();
  });

  it('watches while devices run, and stops watching on close', async () => {
    await expect.poll(() => role('scanner')?.state, poll).toBe('ok');
    // nothing on the (fake) libusb bus answers for the printer yet
    await expect.poll(() => role('labelPrinter'), poll).toMatchObject({ uri: 'usb://0a5f:0181', state: 'error', code: 'disconnected', detail: expect.stringContaining('not plugged in') });
    expect(watcher.started).toBe(1);
  });

  it('a bound HID scanner that detaches is unplugged with the reason, and reopened on attach', async () => {
    const opensBefore = hid.opens;
    hid.unplug('0c2e:0b61');
    watcher.emit('detach', usbInfo(0x0c2e, 0x0b61));
    await expect.poll(() => role('scanner'), poll).toMatchObject({ state: 'error', code: 'unplugged', detail: expect.stringContaining('Honeywell (Metrologic) scanner was unplugged') });
    // the reconnect poll is slow (60 s) here: only the attach event can bring it back
    hid.plugged.add('0c2e:0b61');
    watcher.emit('attach', usbInfo(0x0c2e, 0x0b61));
    await expect.poll(() => role('scanner')?.state, poll).toBe('ok');
    expect(hid.opens).toBe(opensBefore + 1);
    // and scans flow again through the new handle
    const pushed: string[] = [];
    const off = rt.onPush((p) => p.topic === 'scan' && pushed.push(p.data.text));
    hid.handles.get('0c2e:0b61')!.report(posReport('LL-LOT-L-100006', false, ']C0'));
    await expect.poll(() => pushed, poll).toEqual([']C0LL-LOT-L-100006']);
    off?.();
  });

  it('a bound USB label printer that detaches is unplugged (not a generic error) until it attaches again', async () => {
    watcher.emit('detach', usbInfo(0x0a5f, 0x0181));
    await expect.poll(() => role('labelPrinter'), poll).toMatchObject({ state: 'error', code: 'unplugged', detail: expect.stringContaining('Zebra ZD421 was unplugged') });
    watcher.emit('attach', usbInfo(0x0a5f, 0x0181));
    // re-polled at once: with no device on the (fake) bus it reads as disconnected, not unplugged
    await expect.poll(() => role('labelPrinter'), poll).toMatchObject({ state: 'error', code: 'disconnected' });
  });

  it('an unbound catalogued device that attaches is offered by discovery, and gone after detach', async () => {
    watcher.emit('attach', usbInfo(0x0922, 0x8003)); // DYMO M10 scale (HID)
    watcher.emit('attach', usbInfo(0x1234, 0x5678)); // not in the catalog: not offered
    const found = await api().call('devices.discover', {});
    expect(found.usb).toContainEqual({ uri: 'hid://0922:8003', name: 'DYMO M10 postal scale', role: 'scale' });
    expect(found.usb.some((u) => u.uri.includes('1234:5678'))).toBe(false);
    watcher.emit('detach', usbInfo(0x0922, 0x8003));
    expect((await api().call('devices.discover', {})).usb.some((u) => u.uri === 'hid://0922:8003')).toBe(false);
  });
});
