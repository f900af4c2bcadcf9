// Thin stand-ins for what cannot exist on a build machine: a USB HID scanner behind node-hid
// and libusb's hot-plug events. They only carry bytes and events; decoding, state and the
// runtime's scan path are the production code.
import { EventEmitter } from 'node:events';
import type { HidDeviceUri } from '../../../shared/devices/uri';
import type { HidHandle, OpenedHid } from '../../../electron/station/devices/scanner/hid-scanner';
import type { UsbDeviceInfo, UsbEventSource } from '../../../electron/station/devices/transport/usb';
import { lookupUsb } from '../../../electron/station/devices/usb-catalog';

/** A HID POS input report in Honeywell's layout (report id 2, length, data, AIM at 58, more flag at 63). */
export function posReport(data: string, more = false, aim = ']C1'): Buffer {
  const r = Buffer.alloc(64);
  r[0] = 0x02;
  r[1] = data.length;
  r.write(data, 2, 'latin1');
  r.write(aim, 58, 'latin1');
  r[63] = more ? 1 : 0;
  return r;
}

export class FakeHidHandle extends EventEmitter implements HidHandle {
  closed = false;
  async close(): Promise<void> {
    this.closed = true;
  }
  report(bytes: Buffer): void {
    this.emit('data', bytes);
  }
}

/** The "USB bus" for HID: which vid:pid are plugged, and the handle last opened for each. */
export class FakeHidBus {
  readonly plugged = new Set<string>();
  readonly handles = new Map<string, FakeHidHandle>();
  opens = 0;

  key(vendorId: number, productId: number): string {
    return `${vendorId.toString(16).padStart(4, '0')}:${productId.toString(16).padStart(4, '0')}`;
  }

  readonly open = async (uri: HidDeviceUri): Promise<OpenedHid> => {
    const k = this.key(uri.vendorId, uri.productId);
    if (!this.plugged.has(k)) throw new Error('not plugged in');
    this.opens++;
    const handle = new FakeHidHandle();
    this.handles.set(k, handle);
    return { handle, usagePage: 0x8c };
  };

  /** Pulled: the open handle errors, as node-hid's read loop does when the device goes. */
  unplug(k: string): void {
    this.plugged.delete(k);
    const h = this.handles.get(k);
    if (h && !h.closed) h.emit('error', new Error('could not read from HID device'));
  }
}

/** libusb hot-plug as a plain event source: the test says when a device attaches or detaches. */
export class FakeUsbWatcher extends EventEmitter<{ attach: [UsbDeviceInfo]; detach: [UsbDeviceInfo] }> implements UsbEventSource {
  started = 0;
  start(): void {
    this.started++;
  }
  stop(): void {
    this.started--;
  }
}

export function usbInfo(vendorId: number, productId: number): UsbDeviceInfo {
  const catalog = lookupUsb(vendorId, productId);
  return { vendorId, productId, busNumber: 1, deviceAddress: 7, portPath: '1.2', deviceClass: 0, ...(catalog ? { catalog } : {}) };
}
