// UsbPrinterLink against thin fakes of `usb`'s Device / Interface / InEndpoint / OutEndpoint:
// there is no USB hardware on build machines. The fake printer speaks the simulator's ZPL
// and ~HS protocol (ZebraCore), so the bytes on the bulk endpoints are the real ones.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SendError } from '../errors';
import { PrintQueue } from '../printer/print-queue';
import { MemoryPrintJobStore } from '../printer/job-store-memory';
import { printerState, ZebraPrinter } from '../printer/zebra';
import { ZebraCore } from '../sim/zebra';
import { findLpNode, LIBUSB_TRANSFER_TIMED_OUT, UsbPrinterLink, type UsbDeviceLike, type UsbInterfaceLike } from './usb-printer';

const LABEL = '^XA^FO50,50^FDLOT L-0001^FS^XZ';
const ZEBRA = { vendorId: 0x0a5f, productId: 0x0181 };

class FakePrinter {
  readonly core = new ZebraCore();
  readonly log: string[] = [];
  kernelDriver = true;
  plugged = true;
  hasIn = true;
  /** The next OUT transfer fails half-way (cable pulled during the job). */
  failNextOut = false;
  private replies: Buffer[] = [];
  private readonly stream = this.core.stream((t) => this.replies.push(Buffer.from(t, 'latin1')));

  constructor(readonly serial = 'ZQ123') {}

  device(): UsbDeviceLike {
    const self = this;
    const gone = () => Object.assign(new Error('LIBUSB_ERROR_NO_DEVICE'), { errno: -4 });
    const out = {
      direction: 'out' as const,
      transferType: 2,
      descriptor: { wMaxPacketSize: 512 },
      timeout: 0,
      transfer(buf: Buffer, cb: (e: (Error & { errno?: number }) | undefined, actual: number) => void) {
        setImmediate(() => {
          if (!self.plugged || self.failNextOut) {
            self.failNextOut = false;
            return cb(gone(), 0);
          }
          self.log.push(`out ${buf.length}`);
          self.stream.push(buf);
          cb(undefined, buf.length);
        });
      },
    };
    const inEp = {
      direction: 'in' as const,
      transferType: 2,
      descriptor: { wMaxPacketSize: 64 },
      timeout: 0,
      transfer(len: number, cb: (e: (Error & { errno?: number }) | undefined, d?: Buffer) => void) {
        setTimeout(() => {
          if (!self.plugged) return cb(gone());
          const next = self.replies.shift();
          if (!next) return cb(Object.assign(new Error('LIBUSB_TRANSFER_TIMED_OUT'), { errno: LIBUSB_TRANSFER_TIMED_OUT }));
          // A bulk IN transfer returns at most `len` bytes; the rest waits for the next one.
          if (next.length > len) self.replies.unshift(next.subarray(len));
          cb(undefined, next.subarray(0, len));
        }, 1);
      },
    };
    const hidIface: UsbInterfaceLike = {
      descriptor: { bInterfaceClass: 3 },
      endpoints: [],
      isKernelDriverActive: () => true,
      detachKernelDriver: () => self.log.push('detach hid'),
      attachKernelDriver: () => undefined,
      claim: () => self.log.push('claim hid'),
      release: (cb) => cb?.(),
    };
    const printerIface: UsbInterfaceLike = {
      descriptor: { bInterfaceClass: 7 },
      endpoints: self.hasIn ? [inEp, out] : [out],
      isKernelDriverActive: () => self.kernelDriver,
      detachKernelDriver: () => {
        self.kernelDriver = false;
        self.log.push('detach');
      },
      attachKernelDriver: () => {
        self.kernelDriver = true;
        self.log.push('attach');
      },
      claim: () => self.log.push('claim'),
      release: (cb) => {
        self.log.push('release');
        cb?.();
      },
    };
    return {
      deviceDescriptor: { idVendor: 0x0a5f, idProduct: 0x0181, iSerialNumber: 3 },
      interfaces: [hidIface, printerIface],
      open: () => self.log.push('open'),
      close: () => self.log.push('close'),
      getStringDescriptor: (i, cb) => setImmediate(() => cb(undefined, i === 3 ? self.serial : 'Zebra')),
    };
  }
}

const ref = { role: 'labelPrinter' as const, uri: 'usb://0a5f:0181' };

function setup(opts: { serial?: string; printers?: FakePrinter[] } = {}) {
  const printers = opts.printers ?? [new FakePrinter()];
  const link = new UsbPrinterLink({ kind: 'usb', ...ZEBRA, ...(opts.serial ? { serial: opts.serial } : {}) }, { list: () => printers.filter((p) => p.plugged).map((p) => p.device()) });
  return { printers, fake: printers[0]!, link, zebra: new ZebraPrinter(link, ref, { statusTimeoutMs: 200 }) };
}

describe('USB bulk printer link', () => {
  it('detaches the kernel driver, claims the printer-class interface, writes ZPL to bulk OUT', async () => {
    const { fake, zebra } = setup();
    await zebra.send({ id: 'a', zpl: LABEL });
    expect(fake.core.jobs.map((j) => j.zpl)).toEqual([LABEL]);
    expect(fake.log).toEqual(['open', 'detach', 'claim', `out ${LABEL.length}`]);
  });

  it('reads ~HS from bulk IN, across several packets, including paper out', async () => {
    const { fake, zebra } = setup();
    expect(printerState(await zebra.status())).toEqual({ state: 'ok' });
    fake.core.set({ paperOut: true });
    await zebra.send({ id: 'b', zpl: LABEL });
    const s = await zebra.status();
    expect(s).toMatchObject({ reachable: true, paperOut: true, formatsInBuffer: 1 });
    expect(printerState(s)).toMatchObject({ state: 'error', code: 'paper_out' });
    // one open and claim for the whole session
    expect(fake.log.filter((l) => l === 'claim')).toHaveLength(1);
  });

  it('a silent printer or one without a bulk IN endpoint is reported silent', async () => {
    const a = setup();
    a.fake.core.set({ silent: true });
    expect(await a.zebra.status()).toEqual({ reachable: false, silent: true });
    const b = new FakePrinter();
    b.hasIn = false;
    expect(await setup({ printers: [b] }).zebra.status()).toEqual({ reachable: false, silent: true });
  });

  it('picks the printer with the configured serial number and leaves the other closed', async () => {
    const one = new FakePrinter('AAA');
    const two = new FakePrinter('BBB');
    const { zebra } = setup({ serial: 'BBB', printers: [one, two] });
    await zebra.send({ id: 'c', zpl: LABEL });
    expect(two.core.jobs).toHaveLength(1);
    expect(one.core.jobs).toHaveLength(0);
    expect(one.log).toEqual(['open', 'close']);
    await expect(setup({ serial: 'CCC', printers: [new FakePrinter('AAA')] }).zebra.send({ id: 'd', zpl: LABEL })).rejects.toMatchObject({ code: 'disconnected', mayHavePrinted: false });
  });

  it('not plugged in: refused before any byte left; a failure mid-transfer may have printed', async () => {
    const { fake, link, zebra } = setup();
    fake.plugged = false;
    const e1 = await zebra.send({ id: 'e', zpl: LABEL }).catch((e: unknown) => e);
    expect(e1).toBeInstanceOf(SendError);
    expect(e1).toMatchObject({ code: 'disconnected', mayHavePrinted: false, message: expect.stringContaining('not plugged in') });
    await expect(zebra.status()).rejects.toMatchObject({ code: 'disconnected' });
    fake.plugged = true;
    fake.failNextOut = true;
    await expect(zebra.send({ id: 'f', zpl: LABEL })).rejects.toMatchObject({ code: 'io', mayHavePrinted: true });
    // the broken session was dropped; the next job opens a fresh one
    await zebra.send({ id: 'g', zpl: LABEL });
    expect(fake.core.jobs).toHaveLength(1);
    await link.close();
    expect(fake.log.slice(-3)).toEqual(['release', 'attach', 'close']);
  });

  it('drives the persistent print queue: a job cut mid-transfer is uncertain and not re-sent', async () => {
    const { fake, zebra } = setup();
    const store = new MemoryPrintJobStore();
    const q = new PrintQueue(store, new Map([['usb', zebra]]), { confirmByStatus: true });
    const ok = q.enqueue('usb', LABEL);
    await q.drain();
    expect(store.get(ok.id)?.state).toBe('confirmed');
    fake.failNextOut = true;
    const cut = q.enqueue('usb', LABEL);
    await q.drain();
    await q.drain();
    expect(store.get(cut.id)?.state).toBe('uncertain');
    expect(fake.core.jobs).toHaveLength(1);
  });
});

describe('findLpNode (sysfs)', () => {
  const root = mkdtempSync(join(tmpdir(), 'lotline-sysfs-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  // /sys/class/usbmisc/lpN/device -> …/1-2/1-2:1.0 (the interface); 1-2 holds the ids.
  const dev = (name: string, vid: string, pid: string, serial: string) => {
    const usbDev = join(root, 'devices', name);
    mkdirSync(join(usbDev, `${name}:1.0`), { recursive: true });
    writeFileSync(join(usbDev, 'idVendor'), `${vid}\n`);
    writeFileSync(join(usbDev, 'idProduct'), `${pid}\n`);
    writeFileSync(join(usbDev, 'serial'), `${serial}\n`);
    return join(usbDev, `${name}:1.0`);
  };
  const cls = join(root, 'usbmisc');
  mkdirSync(join(cls, 'lp0'), { recursive: true });
  mkdirSync(join(cls, 'lp1'), { recursive: true });
  mkdirSync(join(cls, 'hiddev0'), { recursive: true });
  symlinkSync(dev('1-1', '04b8', '0202', 'EPS1'), join(cls, 'lp0', 'device'));
  symlinkSync(dev('1-2', '0a5f', '0181', 'ZQ123'), join(cls, 'lp1', 'device'));

  it.each([
    ['by vendor and product', { ...ZEBRA }, '/dev/usb/lp1'],
    ['with the matching serial', { ...ZEBRA, serial: 'ZQ123' }, '/dev/usb/lp1'],
    ['with another serial', { ...ZEBRA, serial: 'OTHER' }, undefined],
    ['a printer with no node', { vendorId: 0x0a5f, productId: 0x0120 }, undefined],
  ])('%s', (_, uri, expected) => {
    expect(findLpNode(uri, cls)).toBe(expected);
  });

  it('no usbmisc class (not Linux, or usblp not loaded)', () => {
    expect(findLpNode(ZEBRA, join(root, 'missing'))).toBeUndefined();
  });
});
