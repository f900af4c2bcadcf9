// A Zebra on a character device — the usblp node (what /dev/usb/lp0 is for a USB Zebra) and a
// serial port (serial:///dev/ttyUSB0?baud=9600) — against the Zebra simulator in its own
// process on a real socat pty: the same driver and print queue as TCP, jobs out, `~HS`
// answers back through the device's read side, unplug and replug. One suite, run per link.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { formatDeviceUri, parseDeviceUri, type DeviceUri } from '../../../shared/devices/uri';
import { SqlitePrintJobStore } from '../../../electron/station/devices/printer/job-store-sqlite';
import { labelPrinterLink } from '../../../electron/station/devices/printer/label-printer-link';
import { PrintQueue } from '../../../electron/station/devices/printer/print-queue';
import { printerState, ZebraPrinter } from '../../../electron/station/devices/printer/zebra';
import { LpPrinterLink } from '../../../electron/station/devices/transport/lp';
import { SerialPrinterLink } from '../../../electron/station/devices/transport/serial-printer';
import { SimProcess, stopAllSims } from './sim-process';

interface LinkCase {
  readonly name: string;
  /** The address a station would be configured with, from what the simulator printed. */
  address(sim: SimProcess): DeviceUri;
  readonly linkClass: new (...args: never[]) => unknown;
}

const LINKS: readonly LinkCase[] = [
  {
    name: 'the usblp character device',
    address: (sim) => {
      expect(sim.uri).toMatch(/^usblp:\/\//);
      return parseDeviceUri(sim.uri);
    },
    linkClass: LpPrinterLink,
  },
  {
    name: 'a serial port',
    address: (sim) => {
      // The simulator prints the canonical serial address (all defaults, so no options); the
      // line settings are spelled out here as a station's configuration would.
      expect(String(sim.info.serialUri)).toMatch(/^serial:\/\/[^?]+$/);
      const uri = parseDeviceUri(`${String(sim.info.serialUri)}?baud=9600&parity=none&stopBits=1`);
      expect(uri).toMatchObject({ kind: 'serial', path: sim.info.path, baudRate: 9600 });
      return uri;
    },
    linkClass: SerialPrinterLink,
  },
];

const dirs: string[] = [];
afterAll(async () => {
  await stopAllSims();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe.each(LINKS)('Zebra over $name', (c) => {
  const LABEL = `^XA^FO50,50^A0N,40,40^FDLOT ${c.name}^FS^XZ`;
  let sim: SimProcess;
  let printer: ZebraPrinter;
  const jobEvents = () => sim.events.filter((e) => e.event === 'job');
  const queueStore = () => {
    const dir = mkdtempSync(join(tmpdir(), 'lotline-pq-char-'));
    dirs.push(dir);
    return new SqlitePrintJobStore(join(dir, 'station.db'));
  };

  beforeAll(async () => {
    sim = await SimProcess.spawn(['zebra', '--pty']);
    const uri = c.address(sim);
    const link = labelPrinterLink(uri);
    expect(link).toBeInstanceOf(c.linkClass);
    printer = new ZebraPrinter(link, { role: 'labelPrinter', uri: formatDeviceUri(uri) }, { statusTimeoutMs: 1000 });
  });

  afterEach(async () => {
    for (const f of ['paperOut', 'headOpen', 'silent']) await sim.control(`set ${f} off`);
  });

  it('prints a job and reads an idle ~HS', async () => {
    const before = jobEvents().length;
    await printer.send({ id: 'a', zpl: LABEL });
    await sim.waitForEvents(() => jobEvents().length === before + 1);
    const jobs = (await sim.control('jobs')).jobs as Array<{ zpl: string; printed: boolean }>;
    expect(jobs.at(-1)).toEqual({ index: before, zpl: LABEL, printed: true });
    expect(printerState(await printer.status())).toEqual({ state: 'ok' });
  });

  it('paper out: ~HS says so, and the job waits in the printer until paper is back', async () => {
    await sim.control('set paperOut on');
    const s = await printer.status();
    expect(s).toMatchObject({ reachable: true, paperOut: true, formatsInBuffer: 0 });
    expect(printerState(s)).toMatchObject({ state: 'error', code: 'paper_out' });
    await printer.send({ id: 'b', zpl: LABEL });
    await sim.waitForEvents(() => jobEvents().some((e) => e.printed === false));
    expect(await printer.status()).toMatchObject({ paperOut: true, formatsInBuffer: 1, labelsRemaining: 1 });
    await sim.control('set paperOut off');
    expect(await printer.status()).toMatchObject({ paperOut: false, formatsInBuffer: 0 });
  });

  it('head open', async () => {
    await sim.control('set headOpen on');
    expect(printerState(await printer.status())).toMatchObject({ state: 'error', code: 'head_open' });
  });

  it('a printer silent to ~HS is reported silent, then read again once it answers', async () => {
    await sim.control('set silent on');
    expect(await printer.status()).toEqual({ reachable: false, silent: true });
    await sim.control('set silent off');
    await sim.control('set paperOut on');
    expect(await printer.status()).toMatchObject({ paperOut: true });
  });

  it('the print queue sends and confirms through the same link', async () => {
    const store = queueStore();
    try {
      const queue = new PrintQueue(store, new Map([['zebra', printer]]), { confirmByStatus: true });
      const before = jobEvents().length;
      const job = queue.enqueue('zebra', LABEL);
      await queue.drain();
      expect(store.get(job.id)?.state).toBe('confirmed');
      await sim.waitForEvents(() => jobEvents().length === before + 1);
    } finally {
      store.close();
    }
  });

  it('unplugged: the job is refused before any byte left (re-queued, not uncertain); replugged: it prints', async () => {
    const store = queueStore();
    try {
      const queue = new PrintQueue(store, new Map([['zebra', printer]]));
      await sim.control('unplug');
      await expect(printer.status()).rejects.toMatchObject({ code: 'disconnected' });
      const job = queue.enqueue('zebra', LABEL);
      await queue.drain();
      expect(store.get(job.id)).toMatchObject({ state: 'queued', note: expect.stringContaining('cannot open') });
      const before = jobEvents().length;
      await sim.control('replug');
      await queue.drain();
      expect(store.get(job.id)?.state).toBe('sent');
      await sim.waitForEvents(() => jobEvents().length === before + 1);
      expect(printerState(await printer.status())).toEqual({ state: 'ok' });
    } finally {
      store.close();
    }
  });
});
