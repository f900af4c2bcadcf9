// A USB printer driven directly through libusb (`usb` package): find it by vendor/product
// (and serial), claim its printer-class interface (class 7), detaching the kernel's usblp
// driver if it holds it, write jobs to the bulk OUT endpoint and read `~HS` answers from the
// bulk IN endpoint. When the kernel already offers the printer as /dev/usb/lpN, that node is
// preferred (no detach, and other tools keep working): see findLpNode.
import { readdirSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { getDeviceList } from 'usb';
import type { UsbDeviceUri } from '../../../../shared/devices/uri';
import { DeviceError, SendError } from '../errors';
import { Exclusive, type PrinterLink, type PrinterQueryResult } from '../printer/link';

// The slice of `usb`'s Device / Interface / InEndpoint / OutEndpoint this link uses; the real
// objects fit it, and tests hand in thin fakes (there is no USB hardware on build machines).
type UsbCallbackError = (Error & { errno?: number }) | undefined;
export interface UsbEndpointLike {
  readonly direction: 'in' | 'out';
  readonly transferType: number;
  readonly descriptor: { readonly wMaxPacketSize: number };
  timeout: number;
}
export interface UsbOutEndpointLike extends UsbEndpointLike {
  transfer(buffer: Buffer, callback: (error: UsbCallbackError, actual: number) => void): unknown;
}
export interface UsbInEndpointLike extends UsbEndpointLike {
  transfer(length: number, callback: (error: UsbCallbackError, data?: Buffer) => void): unknown;
}
export interface UsbInterfaceLike {
  readonly descriptor: { readonly bInterfaceClass: number };
  readonly endpoints: readonly UsbEndpointLike[];
  isKernelDriverActive(): boolean;
  detachKernelDriver(): void;
  attachKernelDriver(): void;
  claim(): void;
  release(callback?: (error?: Error) => void): void;
}
export interface UsbDeviceLike {
  readonly deviceDescriptor: { readonly idVendor: number; readonly idProduct: number; readonly iSerialNumber: number };
  readonly interfaces?: readonly UsbInterfaceLike[] | undefined;
  open(): void;
  close(): void;
  getStringDescriptor(index: number, callback: (error?: Error, value?: string) => void): void;
}

/** libusb constants (stable ABI values), so the fakes need not load the native module. */
export const USB_CLASS_PRINTER = 7;
export const LIBUSB_TRANSFER_TYPE_BULK = 2;
export const LIBUSB_TRANSFER_TIMED_OUT = 2;

export interface UsbPrinterLinkOptions {
  /** Lists the devices present; `usb`'s getDeviceList by default. */
  readonly list?: () => readonly UsbDeviceLike[];
  /** A job's bulk OUT transfer must finish within this time. */
  readonly writeTimeoutMs?: number;
}

interface Session {
  readonly device: UsbDeviceLike;
  readonly iface: UsbInterfaceLike;
  readonly out: UsbOutEndpointLike;
  /** Missing on write-only printers: they cannot answer `~HS` (reported as silent). */
  readonly in: UsbInEndpointLike | undefined;
  readonly reattach: boolean;
}

const hex4 = (n: number) => n.toString(16).padStart(4, '0');

function defaultList(): readonly UsbDeviceLike[] {
  return getDeviceList();
}

function stringDescriptor(d: UsbDeviceLike, index: number): Promise<string | undefined> {
  if (!index) return Promise.resolve(undefined);
  return new Promise((resolve) => d.getStringDescriptor(index, (err, value) => resolve(err ? undefined : value)));
}

export class UsbPrinterLink implements PrinterLink {
  private readonly one = new Exclusive();
  private session: Session | undefined;
  private readonly list: () => readonly UsbDeviceLike[];
  private readonly writeTimeoutMs: number;
  readonly name: string;

  constructor(
    readonly uri: UsbDeviceUri,
    opts: UsbPrinterLinkOptions = {},
  ) {
    this.list = opts.list ?? defaultList;
    this.writeTimeoutMs = opts.writeTimeoutMs ?? 10_000;
    this.name = `usb://${hex4(uri.vendorId)}:${hex4(uri.productId)}${uri.serial ? ` (serial ${uri.serial})` : ''}`;
  }

  send(payload: Buffer, opts: { onWriting?: () => void } = {}): Promise<void> {
    return this.one.run(async () => {
      let s: Session;
      try {
        s = await this.open();
      } catch (err) {
        throw new SendError('disconnected', (err as Error).message, false);
      }
      opts.onWriting?.();
      s.out.timeout = this.writeTimeoutMs;
      try {
        await this.write(s, payload);
      } catch (err) {
        this.drop();
        const e = err as UsbCallbackError;
        const timedOut = e?.errno === LIBUSB_TRANSFER_TIMED_OUT;
        throw new SendError(timedOut ? 'timeout' : 'io', `${this.name}: ${timedOut ? 'the printer stopped taking the job' : e?.message ?? 'transfer failed'}`, true);
      }
    });
  }

  query(query: Buffer, complete: (bytes: Buffer) => boolean, opts: { replyTimeoutMs: number; maxBytes: number }): Promise<PrinterQueryResult> {
    return this.one.run(async () => {
      let s: Session;
      try {
        s = await this.open();
      } catch (err) {
        throw new DeviceError('disconnected', (err as Error).message);
      }
      try {
        s.out.timeout = opts.replyTimeoutMs;
        await this.write(s, query);
        if (!s.in) return { bytes: Buffer.alloc(0), timedOut: true, overflowed: false };
        return await this.readReply(s.in, complete, opts);
      } catch (err) {
        this.drop();
        throw new DeviceError('disconnected', `${this.name}: ${(err as Error).message}`);
      }
    });
  }

  /** Releases the interface, gives the kernel driver back, closes the handle. */
  close(): Promise<void> {
    return this.one.run(async () => this.drop());
  }

  private async open(): Promise<Session> {
    if (this.session) return this.session;
    const { vendorId, productId, serial } = this.uri;
    const candidates = this.list().filter((d) => d.deviceDescriptor.idVendor === vendorId && d.deviceDescriptor.idProduct === productId);
    if (candidates.length === 0) throw new Error(`${this.name} is not plugged in`);
    for (const device of candidates) {
      device.open();
      if (serial !== undefined && (await stringDescriptor(device, device.deviceDescriptor.iSerialNumber)) !== serial) {
        device.close();
        continue;
      }
      try {
        this.session = this.claim(device);
        return this.session;
      } catch (err) {
        device.close();
        throw err;
      }
    }
    throw new Error(`${this.name}: no device with that serial number is plugged in`);
  }

  private claim(device: UsbDeviceLike): Session {
    const iface = device.interfaces?.find((i) => i.descriptor.bInterfaceClass === USB_CLASS_PRINTER);
    if (!iface) throw new Error(`${this.name} has no printer-class interface`);
    const bulk = (dir: 'in' | 'out') => iface.endpoints.find((e) => e.direction === dir && e.transferType === LIBUSB_TRANSFER_TYPE_BULK);
    const out = bulk('out') as UsbOutEndpointLike | undefined;
    if (!out) throw new Error(`${this.name} has no bulk OUT endpoint on its printer interface`);
    let reattach = false;
    if (iface.isKernelDriverActive()) {
      // usblp holds the interface; detaching is the price of talking to it ourselves.
      iface.detachKernelDriver();
      reattach = true;
    }
    try {
      iface.claim();
    } catch (err) {
      if (reattach) iface.attachKernelDriver();
      throw new Error(`${this.name}: cannot claim the printer interface: ${(err as Error).message}`);
    }
    return { device, iface, out, in: bulk('in') as UsbInEndpointLike | undefined, reattach };
  }

  private write(s: Session, bytes: Buffer): Promise<void> {
    return new Promise((resolve, reject) =>
      s.out.transfer(bytes, (err, actual) => {
        if (err) reject(err);
        else if (actual !== undefined && actual < bytes.length) reject(new Error(`only ${actual} of ${bytes.length} bytes were taken`));
        else resolve();
      }),
    );
  }

  private async readReply(ep: UsbInEndpointLike, complete: (b: Buffer) => boolean, opts: { replyTimeoutMs: number; maxBytes: number }): Promise<PrinterQueryResult> {
    const deadline = Date.now() + opts.replyTimeoutMs;
    const parts: Buffer[] = [];
    let size = 0;
    const len = Math.max(64, ep.descriptor.wMaxPacketSize);
    for (;;) {
      const left = deadline - Date.now();
      if (left <= 0) return { bytes: Buffer.concat(parts), timedOut: true, overflowed: false };
      ep.timeout = left;
      const data = await new Promise<Buffer | 'timeout'>((resolve, reject) =>
        ep.transfer(len, (err, d) => {
          if (err?.errno === LIBUSB_TRANSFER_TIMED_OUT) resolve('timeout');
          else if (err) reject(err);
          else resolve(d ?? Buffer.alloc(0));
        }),
      );
      if (data === 'timeout') return { bytes: Buffer.concat(parts), timedOut: true, overflowed: false };
      const room = opts.maxBytes - size;
      parts.push(data.subarray(0, room));
      size += Math.min(data.length, room);
      const bytes = Buffer.concat(parts);
      if (data.length > room) return { bytes, timedOut: false, overflowed: true };
      if (complete(bytes)) return { bytes, timedOut: false, overflowed: false };
    }
  }

  private drop(): void {
    const s = this.session;
    this.session = undefined;
    if (!s) return;
    // Best effort each: after an unplug every one of these fails, and that is fine.
    try {
      s.iface.release(() => undefined);
    } catch {
      /* gone */
    }
    if (s.reattach) {
      try {
        s.iface.attachKernelDriver();
      } catch {
        /* gone */
      }
    }
    try {
      s.device.close();
    } catch {
      /* gone */
    }
  }
}

/**
 * The usblp node (`/dev/usb/lpN`) the kernel made for this printer, if any: each
 * /sys/class/usbmisc/lpN/device links to the printer interface, whose parent holds the
 * device's idVendor, idProduct and serial.
 */
export function findLpNode(uri: Pick<UsbDeviceUri, 'vendorId' | 'productId' | 'serial'>, sysRoot = '/sys/class/usbmisc', devRoot = '/dev/usb'): string | undefined {
  let names: string[];
  try {
    names = readdirSync(sysRoot).filter((n) => /^lp\d+$/.test(n)).sort();
  } catch {
    return undefined;
  }
  const read = (dir: string, f: string) => {
    try {
      return readFileSync(join(dir, f), 'utf8').trim();
    } catch {
      return undefined;
    }
  };
  for (const n of names) {
    let usbDevice: string;
    try {
      usbDevice = dirname(realpathSync(join(sysRoot, n, 'device')));
    } catch {
      continue;
    }
    if (read(usbDevice, 'idVendor') !== hex4(uri.vendorId) || read(usbDevice, 'idProduct') !== hex4(uri.productId)) continue;
    if (uri.serial !== undefined && read(usbDevice, 'serial') !== uri.serial) continue;
    return join(devRoot, n);
  }
  return undefined;
}
