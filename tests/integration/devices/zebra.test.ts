// Zebra driver and print queue against the simulator running as its own process on TCP.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseDeviceUri, type TcpDeviceUri } from '../../../shared/devices/uri';
import { SqlitePrintJobStore } from '../../../electron/station/devices/printer/job-store-sqlite';
import { PrintQueue } from '../../../electron/station/devices/printer/print-queue';
import { printerState, ZebraPrinter } from '../../../electron/station/devices/printer/zebra';
import { ROOT, SimProcess, stopAllSims } from './sim-process';

const LABEL = '^XA^FO50,50^A0N,40,40^FDLOT L-0042^FS^XZ';
let sim: SimProcess;
let printer: ZebraPrinter;
const dirs: string[] = [];

beforeAll(async () => {
  sim = await SimProcess.spawn(['zebra']);
  printer = new ZebraPrinter(parseDeviceUri(sim.uri) as TcpDeviceUri, { role: 'labelPrinter', uri: sim.uri }, { statusTimeoutMs: 500, closeTimeoutMs: 3000 });
});

afterEach(async () => {
  for (const f of ['paperOut', 'headOpen', 'paused', 'silent', 'hang']) await sim.control(`set ${f} off`);
});

afterAll(async () => {
  await stopAllSims();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const jobEvents = () => sim.events.filter((e) => e.event === 'job');

describe('Zebra over TCP', () => {
  it('sends a job the printer stores and prints; status is idle', async () => {
    const before = jobEvents().length;
    await printer.send({ id: 'a', zpl: LABEL });
    await sim.waitForEvents(() => jobEvents().length === before + 1);
    const jobs = (await sim.control('jobs')).jobs as Array<{ zpl: string; printed: boolean }>;
    expect(jobs.at(-1)).toEqual(expect.objectContaining({ zpl: LABEL, printed: true }));
    expect(printerState(await printer.status())).toEqual({ state: 'ok' });
  });

  it('paper out: status says so, and the job waits in the printer buffer', async () => {
    await sim.control('set paperOut on');
    const s = await printer.status();
    expect(s).toMatchObject({ reachable: true, paperOut: true, headOpen: false });
    expect(printerState(s)).toMatchObject({ state: 'error', code: 'paper_out' });
    await printer.send({ id: 'b', zpl: LABEL });
    expect(await printer.status()).toMatchObject({ formatsInBuffer: 1 });
    await sim.control('set paperOut off');
    expect(await printer.status()).toMatchObject({ formatsInBuffer: 0, paperOut: false });
  });

  it('head open', async () => {
    await sim.control('set headOpen on');
    expect(printerState(await printer.status())).toMatchObject({ state: 'error', code: 'head_open' });
  });

  it('a printer silent to ~HS is reported silent, not ok', async () => {
    await sim.control('set silent on');
    const s = await printer.status();
    expect(s).toEqual({ reachable: false, silent: true });
    expect(printerState(s)).toMatchObject({ state: 'error', code: 'silent' });
  });

  it('a refused connection is disconnected and cannot have printed', async () => {
    const dead = new ZebraPrinter({ kind: 'tcp', host: '127.0.0.1', port: 1 }, { role: 'labelPrinter', uri: 'tcp://127.0.0.1:1' });
    await expect(dead.send({ id: 'c', zpl: LABEL })).rejects.toMatchObject({ code: 'disconnected', mayHavePrinted: false });
  });

  it('the CLI prints a file and reads status', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lotline-zpl-'));
    dirs.push(dir);
    const file = join(dir, 'label.zpl');
    writeFileSync(file, LABEL);
    const before = jobEvents().length;
    const out = await runCli(['devices', 'print', '--printer', sim.uri, file]);
    expect(JSON.parse(out)).toMatchObject({ sent: true });
    await sim.waitForEvents(() => jobEvents().length === before + 1);
    await sim.control('set paused on');
    const status = JSON.parse(await runCli(['devices', 'status', '--printer', sim.uri]));
    expect(status).toMatchObject({ status: { paused: true }, state: { state: 'error', code: 'paused' } });
  });
});

describe('bad status bytes', () => {
  let server: Server;
  let reply: Buffer = Buffer.alloc(0);
  beforeAll(async () => {
    server = createServer((s) => {
      s.on('error', () => undefined);
      s.once('data', () => s.write(reply));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));
  const fake = () => {
    const a = server.address();
    if (!a || typeof a === 'string') throw new Error('not listening');
    return new ZebraPrinter({ kind: 'tcp', host: '127.0.0.1', port: a.port }, { role: 'labelPrinter', uri: 'test' }, { statusTimeoutMs: 300 });
  };

  it.each([
    ['garbage', Buffer.from('\x02hello\x03\r\n\x02world\x03\r\n\x02!\x03\r\n'), 'garbage'],
    ['truncated', Buffer.from('\x02030,0,0,1218,000,0,0,0,000,0,0,0\x03\r\n\x02001,0,0'), 'truncated'],
    ['over-long', Buffer.alloc(5000, 0x41), 'overlong'],
  ])('%s ~HS answer is a device error', async (_, bytes, code) => {
    reply = bytes;
    await expect(fake().status()).rejects.toMatchObject({ code });
  });
});

describe('never print twice', () => {
  it('a station killed between send and confirm leaves the job uncertain; nothing is re-sent', async () => {
    await sim.control('set hang on'); // the printer takes the bytes but never closes: no confirmation
    const dir = mkdtempSync(join(tmpdir(), 'lotline-pq-'));
    dirs.push(dir);
    const file = join(dir, 'station.db');
    const before = jobEvents().length;
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'fixtures', 'print-child.ts'), file, sim.uri], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    try {
      const states: string[] = [];
      const rl = createInterface({ input: child.stdout! });
      rl.on('line', (l) => states.push((JSON.parse(l) as { state: string }).state));
      await sim.waitForEvents(() => jobEvents().length === before + 1);
      expect(states).toContain('sending');
      expect(states).not.toContain('sent');
      child.kill('SIGKILL');
      await exited;
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    await sim.control('set hang off');

    const store = new SqlitePrintJobStore(file);
    try {
      const queue = new PrintQueue(store, new Map([['zebra', printer]]));
      const uncertain = queue.recover();
      expect(uncertain.map((j) => j.state)).toEqual(['uncertain']);
      await queue.drain();
      await new Promise((r) => setTimeout(r, 300));
      expect(jobEvents().length).toBe(before + 1); // the simulator holds exactly one copy
      expect(store.all().map((j) => j.state)).toEqual(['uncertain']);

      // The operator says it did not come out: a reprint with a reason prints exactly once more.
      const again = queue.reprint(uncertain[0]!.id, 'no label on the roll', 'operator-7');
      await queue.drain();
      await sim.waitForEvents(() => jobEvents().length === before + 2);
      expect(store.get(again.id)?.state).toBe('sent');
      expect(store.get(uncertain[0]!.id)).toMatchObject({ state: 'reprinted', note: 'no label on the roll' });
    } finally {
      store.close();
    }
  });

  it('a printer that takes the bytes and never closes makes the job uncertain, not resent', async () => {
    await sim.control('set hang on');
    const dir = mkdtempSync(join(tmpdir(), 'lotline-pq-'));
    dirs.push(dir);
    const store = new SqlitePrintJobStore(join(dir, 'station.db'));
    const short = new ZebraPrinter(parseDeviceUri(sim.uri) as TcpDeviceUri, { role: 'labelPrinter', uri: sim.uri }, { closeTimeoutMs: 300 });
    const queue = new PrintQueue(store, new Map([['zebra', short]]));
    const before = jobEvents().length;
    const job = queue.enqueue('zebra', LABEL);
    await queue.drain();
    expect(store.get(job.id)?.state).toBe('uncertain');
    await queue.drain();
    expect(jobEvents().length).toBe(before + 1);
    store.close();
  });
});

function runCli(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [join(ROOT, 'bin', 'lotline.mjs'), ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    p.once('exit', (code) => (code === 0 ? resolve(out.trim()) : reject(new Error(`lotline ${args.join(' ')} → ${code}: ${err}`))));
  });
}
