// Which byte pipe a label printer address means: tcp:// is raw port 9100, usblp:// the
// kernel's character device, usb:// the printer's bulk endpoints — or, when the kernel
// already made a /dev/usb/lpN for that printer, that node (no driver detach needed);
// serial:// a serial port with the address's line settings.
import type { DeviceUri, UsbDeviceUri } from '../../../../shared/devices/uri';
import { roleHint } from '../../../../shared/devices/role-kinds';
import { LpPrinterLink } from '../transport/lp';
import { SerialPrinterLink } from '../transport/serial-printer';
import { findLpNode, UsbPrinterLink, type UsbPrinterLinkOptions } from '../transport/usb-printer';
import { tcpPrinterLink, type PrinterLink } from './link';

export interface LabelLinkOptions {
  readonly connectTimeoutMs?: number;
  readonly closeTimeoutMs?: number;
  readonly usb?: UsbPrinterLinkOptions;
  /** Finds the usblp node for a usb:// printer; the sysfs lookup by default. */
  readonly findLp?: typeof findLpNode;
}

export function labelPrinterLink(uri: DeviceUri, opts: LabelLinkOptions = {}): PrinterLink {
  switch (uri.kind) {
    case 'tcp':
      return tcpPrinterLink(uri, opts);
    case 'usblp':
      return new LpPrinterLink(uri.path, { writeTimeoutMs: opts.closeTimeoutMs });
    case 'usb':
      return usbAutoLink(uri, opts);
    case 'serial':
      return new SerialPrinterLink(uri, { writeTimeoutMs: opts.closeTimeoutMs });
    default:
      throw new Error(`${roleHint('labelPrinter')}, not ${uri.kind}:`);
  }
}

/**
 * Decided per operation, not once at bind: a printer bound while unplugged, or re-plugged
 * after the kernel's usblp took it back, is reached through whatever exists now.
 */
function usbAutoLink(uri: UsbDeviceUri, opts: LabelLinkOptions): PrinterLink {
  const usb = new UsbPrinterLink(uri, opts.usb);
  let lp: LpPrinterLink | undefined;
  const pick = async (): Promise<PrinterLink> => {
    const path = (opts.findLp ?? findLpNode)(uri);
    if (!path) return usb;
    await usb.close(); // never hold the interface the kernel node needs
    if (lp?.path !== path) lp = new LpPrinterLink(path, { writeTimeoutMs: opts.closeTimeoutMs });
    return lp;
  };
  return {
    send: async (payload, o) => (await pick()).send(payload, o),
    query: async (q, complete, o) => (await pick()).query(q, complete, o),
    close: () => usb.close(),
  };
}
