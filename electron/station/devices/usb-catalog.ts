// Names and likely roles for USB vendor/product ids seen on floors, so `devices list` and
// the settings screen can say "Zebra ZD420" instead of "0a5f:0120". A product id of `*`
// names the vendor only.
import type { DeviceRole } from '../../../shared/devices/status';

export interface CatalogEntry {
  readonly vendorId: number;
  readonly productId: number | '*';
  readonly name: string;
  /** The role the device most likely plays; USB-serial bridges have none of their own. */
  readonly role?: DeviceRole;
  /** How Lotline talks to it. */
  readonly via: 'serial' | 'usb' | 'hid' | 'wedge';
}

export const USB_CATALOG: readonly CatalogEntry[] = [
  { vendorId: 0x0a5f, productId: '*', name: 'Zebra printer', role: 'labelPrinter', via: 'usb' },
  { vendorId: 0x0a5f, productId: 0x0181, name: 'Zebra ZD421', role: 'labelPrinter', via: 'usb' },
  { vendorId: 0x0a5f, productId: 0x0120, name: 'Zebra ZD420', role: 'labelPrinter', via: 'usb' },
  { vendorId: 0x05e0, productId: '*', name: 'Zebra (Symbol) scanner', role: 'scanner', via: 'hid' },
  { vendorId: 0x0c2e, productId: '*', name: 'Honeywell (Metrologic) scanner', role: 'scanner', via: 'hid' },
  { vendorId: 0x05f9, productId: '*', name: 'Datalogic scanner', role: 'scanner', via: 'hid' },
  { vendorId: 0x0eb8, productId: '*', name: 'Mettler Toledo', role: 'scale', via: 'serial' },
  { vendorId: 0x0922, productId: 0x8003, name: 'DYMO M10 postal scale', role: 'scale', via: 'hid' },
  { vendorId: 0x0922, productId: 0x8009, name: 'DYMO M25 postal scale', role: 'scale', via: 'hid' },
  { vendorId: 0x04b8, productId: '*', name: 'Epson printer', role: 'ticketPrinter', via: 'usb' },
  { vendorId: 0x0519, productId: '*', name: 'Star Micronics printer', role: 'ticketPrinter', via: 'usb' },
  { vendorId: 0x0403, productId: 0x6001, name: 'FTDI FT232R USB-serial', via: 'serial' },
  { vendorId: 0x0403, productId: 0x6015, name: 'FTDI FT231X USB-serial', via: 'serial' },
  { vendorId: 0x067b, productId: 0x2303, name: 'Prolific PL2303 USB-serial', via: 'serial' },
  { vendorId: 0x10c4, productId: 0xea60, name: 'Silicon Labs CP210x USB-serial', via: 'serial' },
  { vendorId: 0x1a86, productId: 0x7523, name: 'WCH CH340 USB-serial', via: 'serial' },
];

/** The most specific entry: an exact product match beats the vendor's wildcard. */
export function lookupUsb(vendorId: number, productId: number): CatalogEntry | undefined {
  return (
    USB_CATALOG.find((e) => e.vendorId === vendorId && e.productId === productId) ??
    USB_CATALOG.find((e) => e.vendorId === vendorId && e.productId === '*')
  );
}
