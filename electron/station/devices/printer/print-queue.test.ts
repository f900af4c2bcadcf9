import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TcpSendError } from '../transport/tcp';
import type { LabelJob, LabelPrinter } from '../types';
import { MemoryPrintJobStore } from './job-store-memory';
import { SqlitePrintJobStore } from './job-store-sqlite';
import { PrintQueue, type PrintJobStore } from './print-queue';
import { formatHostStatus, parseHostStatus, type LabelPrinterStatus } from './zpl-status';

const ZPL = '^XA^FO50,50^FDLOT-1^FS^XZ';

class FakePrinter implements LabelPrinter {
  readonly ref = { role: 'labelPrinter' as const, uri: 'sim:zebra' };
  sent: LabelJob[] = [];
  fail: TcpSendError | undefined;
  status_: LabelPrinterStatus = idle();
  async send(job: LabelJob): Promise<void> {
    if (this.fail) throw this.fail;
    this.sent.push(job);
  }
  async status(): Promise<LabelPrinterStatus> {
    return this.status_;
  }
}

function idle(): LabelPrinterStatus {
  const r = parseHostStatus(formatHostStatus({}));
  if (!r.ok) throw new Error(r.why);
  return r.status;
}

let n = 0;
const setup = (store: PrintJobStore = new MemoryPrintJobStore(), confirmByStatus = false) => {
  const printer = new FakePrinter();
  const queue = new PrintQueue(store, new Map([['zebra', printer]]), { newId: () => `job-${++n}`, confirmByStatus });
  return { printer, queue, store };
};

describe('PrintQueue', () => {
  it('sends a queued job once and marks it sent', async () => {
    const { printer, queue } = setup();
    const job = queue.enqueue('zebra', ZPL);
    await queue.drain();
    await queue.drain();
    expect(printer.sent.map((j) => j.id)).toEqual([job.id]);
    expect(queue.get(job.id)?.state).toBe('sent');
  });

  it('a job queued while a drain is sending is sent by that drain, not left queued until the next print', async () => {
    const { printer, queue } = setup();
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const send = printer.send.bind(printer);
    printer.send = async (job) => {
      if (printer.sent.length === 0) await held;
      return send(job);
    };
    const first = queue.enqueue('zebra', ZPL);
    const draining = queue.drain();
    const second = queue.enqueue('zebra', ZPL);
    const again = queue.drain(); // joins the drain in progress
    release();
    await Promise.all([draining, again]);
    expect(printer.sent.map((j) => j.id)).toEqual([first.id, second.id]);
    expect(queue.pending()).toEqual([]);
  });

  it('confirms from an idle printer status when asked to', async () => {
    const { queue } = setup(undefined, true);
    const job = queue.enqueue('zebra', ZPL);
    await queue.drain();
    expect(queue.get(job.id)).toMatchObject({ state: 'confirmed', decidedBy: 'printer-status' });
  });

  it('leaves a job sent when the printer is silent after the send', async () => {
    const { printer, queue } = setup(undefined, true);
    printer.status_ = { reachable: false, silent: true };
    const job = queue.enqueue('zebra', ZPL);
    await queue.drain();
    expect(queue.get(job.id)?.state).toBe('sent');
  });

  it('requeues a job when no byte can have left (connection refused)', async () => {
    const { printer, queue } = setup();
    printer.fail = new TcpSendError('disconnected', 'ECONNREFUSED', false);
    const job = queue.enqueue('zebra', ZPL);
    await queue.drain();
    expect(queue.get(job.id)).toMatchObject({ state: 'queued', attempts: 1, note: 'ECONNREFUSED' });
    printer.fail = undefined;
    await queue.drain();
    expect(queue.get(job.id)?.state).toBe('sent');
    expect(printer.sent).toHaveLength(1);
  });

  it('makes a job uncertain when the connection dropped mid-job, and never re-sends it', async () => {
    const { printer, queue } = setup();
    printer.fail = new TcpSendError('io', 'ECONNRESET', true);
    const job = queue.enqueue('zebra', ZPL);
    await queue.drain();
    expect(queue.get(job.id)?.state).toBe('uncertain');
    printer.fail = undefined;
    await queue.drain();
    expect(printer.sent).toHaveLength(0);
    expect(queue.pending().map((j) => j.state)).toEqual(['uncertain']);
  });

  it('holds later jobs behind a failed one, in order', async () => {
    const { printer, queue } = setup();
    printer.fail = new TcpSendError('disconnected', 'ECONNREFUSED', false);
    const a = queue.enqueue('zebra', ZPL);
    const b = queue.enqueue('zebra', ZPL.replace('LOT-1', 'LOT-2'));
    await queue.drain();
    printer.fail = undefined;
    await queue.drain();
    expect(printer.sent.map((j) => j.id)).toEqual([a.id, b.id]);
  });

  it('an operator resolves an uncertain job: reprint needs a reason and makes a new job', async () => {
    const { printer, queue } = setup();
    printer.fail = new TcpSendError('io', 'ECONNRESET', true);
    const job = queue.enqueue('zebra', ZPL);
    await queue.drain();
    printer.fail = undefined;
    expect(() => queue.reprint(job.id, '  ', 'alice')).toThrow(/reason/);
    const again = queue.reprint(job.id, 'label not on the roll', 'alice');
    expect(queue.get(job.id)).toMatchObject({ state: 'reprinted', note: 'label not on the roll', decidedBy: 'alice' });
    expect(again).toMatchObject({ state: 'queued', reprintOf: job.id });
    await queue.drain();
    expect(printer.sent.map((j) => j.id)).toEqual([again.id]);
    expect(() => queue.reprint(job.id, 'twice', 'bob')).toThrow(/reprinted/);
  });

  it('confirming an uncertain job prints nothing', async () => {
    const { printer, queue } = setup();
    printer.fail = new TcpSendError('timeout', 'no close', true);
    const job = queue.enqueue('zebra', ZPL);
    await queue.drain();
    printer.fail = undefined;
    expect(queue.confirm(job.id, 'bob').state).toBe('confirmed');
    await queue.drain();
    expect(printer.sent).toHaveLength(0);
    expect(() => queue.confirm(job.id, 'bob')).toThrow(/confirmed/);
  });
});

describe('SqlitePrintJobStore', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('a job left sending when the station stopped is uncertain after reopening', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lotline-pq-'));
    dirs.push(dir);
    const file = join(dir, 'station.db');
    const first = new SqlitePrintJobStore(file);
    const { queue } = setup(first);
    const done = queue.enqueue('zebra', ZPL);
    await queue.drain();
    const stuck = queue.enqueue('zebra', ZPL);
    expect(first.transition(stuck.id, ['queued'], 'sending')).toBe(true);
    first.close();

    const second = new SqlitePrintJobStore(file);
    const { queue: q2, printer } = setup(second);
    expect(q2.recover().map((j) => j.id)).toEqual([stuck.id]);
    await q2.drain();
    expect(printer.sent).toHaveLength(0);
    expect(second.get(stuck.id)?.state).toBe('uncertain');
    expect(second.get(done.id)?.state).toBe('sent');
    expect(second.transition(stuck.id, ['queued'], 'sending')).toBe(false);
    second.close();
  });
});
