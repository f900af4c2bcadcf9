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

/** attach/detach as plain records; stop() removes the listeners so libusb's thread can end. */
export class UsbWatcher extends EventEmitter<{ attach: [UsbDeviceInfo]; detach: [UsbDeviceInfo] }> {
  private readonly onAttach = (d: Device) => this.emit('attach', describeUsb(d));
  private readonly onDetach = (d: Device) => this.emit('detach', describeUsb(d));

  start(): void {
    usb.on('attach', this.onAttach);
    usb.on('detach', this.onDetach);
  }

  stop(): void {
    usb.off('attach', this.onAttach);
    usb.off('detach', this.onDetach);
  }
}
