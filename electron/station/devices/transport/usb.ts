// USB enumeration and hot-plug through `usb` 2.x's legacy API (getDeviceList, attach/detach),
// reduced to plain records so the rest of the runtime never holds libusb handles.
import { EventEmitter } from 'node:events';
import { usb, getDeviceList, type Device } from 'usb';
import { lookupUsb, type CatalogEntry } from '../usb-catalog';

export interface UsbDeviceInfo {
  readonly vendorId: number;
  readonly productId: number;
  readonly busNumber: number;
  readonly deviceAddress: number;
  readonly portPath: string;
  readonly deviceClass: number;
  readonly catalog?: CatalogEntry;
}

export function describeUsb(d: Device): UsbDeviceInfo {
  const desc = d.deviceDescriptor;
  const catalog = lookupUsb(desc.idVendor, desc.idProduct);
  return {
    vendorId: desc.idVendor,
    productId: desc.idProduct,
    busNumber: d.busNumber,
    deviceAddress: d.deviceAddress,
    portPath: (d.portNumbers ?? []).join('.'),
    deviceClass: desc.bDeviceClass,
    ...(catalog ? { catalog } : {}),
  };
}

/** Devices present now; an empty list where libusb cannot enumerate (containers, no permission). */
export function listUsb(): UsbDeviceInfo[] {
  try {
    return getDeviceList().map(describeUsb);
  } catch {
    return [];
  }
}

/** What the device manager needs from hot-plug: UsbWatcher, or a thin fake in tests. */
export interface UsbEventSource {
  on(event: 'attach' | 'detach', fn: (d: UsbDeviceInfo) => void): unknown;
  off(event: 'attach' | 'detach', fn: (d: UsbDeviceInfo) => void): unknown;
  start(): void;
  stop(): void;
}

/** The `usb://` or `hid://` address a device would be bound by, from how the catalog says it talks. */
export function usbUri(d: Pick<UsbDeviceInfo, 'vendorId' | 'productId' | 'catalog'>): string {
  const hex = (n: number) => n.toString(16).padStart(4, '0');
  return `${d.catalog?.via === 'hid' ? 'hid' : 'usb'}://${hex(d.vendorId)}:${hex(d.productId)}`;
}

/** attach/detach as plain records; stop() removes the listeners so libusb's thread can end. */
export class UsbWatcher extends EventEmitter<{ attach: [UsbDeviceInfo]; detach: [UsbDeviceInfo] }> implements UsbEventSource {
  private readonly onAttach = (d: Device) => this.emit('attach', describeUsb(d));
  private readonly onDetach = (d: Device) => this.emit('detach', describeUsb(d));

  /** Where libusb cannot watch (no hot-plug support, no permission) this stays quiet. */
  start(): void {
    try {
      usb.on('attach', this.onAttach);
      usb.on('detach', this.onDetach);
      // Watching must not keep a station process (or a test) alive on its own.
      usb.unrefHotplugEvents();
    } catch {
      this.stop();
    }
  }

  stop(): void {
    try {
      usb.off('attach', this.onAttach);
      usb.off('detach', this.onDetach);
    } catch {
      /* never started */
    }
  }
}
