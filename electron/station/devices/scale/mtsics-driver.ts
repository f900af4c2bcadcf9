// An MT-SICS balance on a serial port: one command in flight at a time, replies matched by
// identifier, bounded framing, and errors reported as DeviceError events rather than thrown
// from stream callbacks.
import { EventEmitter } from 'node:events';
import { GRAMS_PER, type DeviceRef, type DeviceState, type ScaleReading } from '../../../../shared/devices/status';
import type { SerialDeviceUri } from '../../../../shared/devices/uri';
import { DeviceError, showBytes } from '../errors';
import { TimedFramer, type FrameEvent } from '../framer';
import { SerialLink } from '../transport/serial';
import type { Scale, ScaleEvents } from '../types';
import { encodeCommand, parseResponse, RESPONSE_ID, type MtSicsCommand, type MtSicsResponse } from './mtsics';

export interface MtSicsOptions {
  /** Per-command reply deadline. */
  readonly commandTimeoutMs?: number;
  /** How often readStable polls SI. */
  readonly stablePollMs?: number;
  /** After a timed-out command, how long a late reply may still arrive before the next command. */
  readonly staleGraceMs?: number;
  readonly reconnectPollMs?: number;
  readonly now?: () => number;
}

interface Inflight {
  readonly id: string;
  readonly resolve: (r: MtSicsResponse) => void;
  readonly reject: (e: DeviceError) => void;
}

/** MT-SICS lines are short; anything longer than this is a device fault. */
const MAX_LINE = 128;

export class MtSicsScale extends EventEmitter<ScaleEvents> implements Scale {
  readonly ref: DeviceRef;
  private readonly link: SerialLink;
  private readonly framer: TimedFramer;
  private chain: Promise<unknown> = Promise.resolve();
  private inflight: Inflight | undefined;
  /** Resolved when a timed-out command's late reply arrived or the grace ran out. */
  private stale: { id: string; done: () => void; wait: Promise<void> } | undefined;
  private liveTimer: NodeJS.Timeout | undefined;
  private liveBusy = false;
  private readonly o: Required<Omit<MtSicsOptions, 'now'>> & { now: () => number };

  constructor(uri: SerialDeviceUri, ref: DeviceRef, opts: MtSicsOptions = {}) {
    super();
    this.ref = ref;
    this.o = {
      commandTimeoutMs: opts.commandTimeoutMs ?? 1000,
      stablePollMs: opts.stablePollMs ?? 100,
      staleGraceMs: opts.staleGraceMs ?? 500,
      reconnectPollMs: opts.reconnectPollMs ?? 250,
      now: opts.now ?? Date.now,
    };
    this.link = new SerialLink({ ...uri, terminator: 'CRLF' }, { reconnectPollMs: this.o.reconnectPollMs });
    this.framer = new TimedFramer({ terminator: 'CRLF', maxFrame: MAX_LINE, idleMs: Math.max(uri.idleMs, 100) }, (e) => this.onFrame(e));
    this.link.on('data', (d) => this.framer.push(d));
    this.link.on('state', (s) => {
      if (s.state === 'error') {
        this.framer.reset();
        this.inflight?.reject(new DeviceError(s.code, s.message));
        this.inflight = undefined;
      }
      this.emit('state', s);
    });
  }

  get state(): DeviceState {
    return this.link.state;
  }

  start(): Promise<void> {
    return this.link.start();
  }

  async stop(): Promise<void> {
    this.stopLive();
    this.framer.reset();
    await this.link.stop();
  }

  async readImmediate(): Promise<ScaleReading> {
    return this.toReading(await this.exec('SI'));
  }

  /**
   * Polls SI rather than sending S: S holds its reply until the balance settles, so a timeout
   * could not be told from a silent balance, and a late S reply would answer the next command.
   */
  async readStable(timeoutMs: number): Promise<ScaleReading> {
    const deadline = this.o.now() + timeoutMs;
    let last: ScaleReading | undefined;
    for (;;) {
      const r = await this.readImmediate();
      if (r.range === 'overload') throw new DeviceError('overload', 'the scale is overloaded');
      if (r.range === 'underload') throw new DeviceError('underload', 'the scale is under its zero range');
      if (r.stable) return r;
      last = r;
      if (this.o.now() + this.o.stablePollMs > deadline) break;
      await sleep(this.o.stablePollMs);
    }
    throw new DeviceError('unstable', `no stable weight within ${timeoutMs} ms (last ${last?.value ?? '?'} ${last?.unit ?? ''}, in motion)`);
  }

  async zero(): Promise<void> {
    this.expectAck(await this.exec('Z'), 'zero');
  }

  async tare(): Promise<ScaleReading> {
    const r = await this.exec('T');
    if (r.kind !== 'weight') this.expectAck(r, 'tare');
    return this.toReading(r);
  }

  async clearTare(): Promise<void> {
    this.expectAck(await this.exec('TAC'), 'clear tare');
  }

  /** The balance's serial number (I4); also a cheap "are you there". */
  async serialNumber(): Promise<string> {
    const r = await this.exec('I4');
    if (r.kind !== 'text') throw new DeviceError('garbage', 'I4 did not answer with text');
    return r.text;
  }

  startLive(intervalMs = 200): void {
    this.stopLive();
    this.liveTimer = setInterval(() => {
      // Skip a tick rather than queue behind a slow scale: readings must not pile up.
      if (this.liveBusy || !this.link.isOpen) return;
      this.liveBusy = true;
      this.readImmediate()
        .then((r) => this.emit('reading', r))
        .catch(() => undefined) // already reported as deviceError/state
        .finally(() => {
          this.liveBusy = false;
        });
    }, intervalMs);
  }

  stopLive(): void {
    if (this.liveTimer) clearInterval(this.liveTimer);
    this.liveTimer = undefined;
  }

  private exec(cmd: MtSicsCommand): Promise<MtSicsResponse> {
    const run = async (): Promise<MtSicsResponse> => {
      if (this.stale) await this.stale.wait;
      const id = RESPONSE_ID[cmd];
      const reply = new Promise<MtSicsResponse>((resolve, reject) => {
        this.inflight = { id, resolve, reject };
      });
      const timer = setTimeout(() => {
        if (this.inflight?.id !== id) return;
        this.inflight.reject(new DeviceError('timeout', `no reply to ${cmd} within ${this.o.commandTimeoutMs} ms`));
        this.inflight = undefined;
        this.markStale(id);
      }, this.o.commandTimeoutMs);
      try {
        await this.link.write(encodeCommand(cmd));
        return await reply;
      } catch (err) {
        this.inflight = undefined;
        throw err;
      } finally {
        clearTimeout(timer);
      }
    };
    const p = this.chain.then(run, run);
    this.chain = p.catch(() => undefined);
    return p.then((r) => {
      if (r.kind === 'error') throw new DeviceError('command_rejected', `${cmd}: the scale answered ${r.code} (${ERROR_TEXT[r.code]})`);
      return r;
    });
  }

  private markStale(id: string): void {
    let done!: () => void;
    const wait = new Promise<void>((r) => (done = r));
    const t = setTimeout(() => finish(), this.o.staleGraceMs);
    const finish = () => {
      clearTimeout(t);
      if (this.stale?.wait === wait) this.stale = undefined;
      done();
    };
    this.stale = { id, done: finish, wait };
  }

  private onFrame(e: FrameEvent): void {
    if (e.kind !== 'frame') {
      const err = new DeviceError(e.kind, `${e.kind} line from the scale`, showBytes(e.bytes));
      this.emit('deviceError', err);
      this.inflight?.reject(err);
      this.inflight = undefined;
      return;
    }
    const r = parseResponse(e.bytes.toString('latin1'));
    if (r.kind === 'garbage') {
      const err = new DeviceError('garbage', `unreadable reply from the scale: ${r.why}`, showBytes(e.bytes));
      this.emit('deviceError', err);
      this.inflight?.reject(err);
      this.inflight = undefined;
      return;
    }
    const id = r.kind === 'error' ? undefined : r.id;
    if (this.inflight && (id === undefined || id === this.inflight.id)) {
      const f = this.inflight;
      this.inflight = undefined;
      f.resolve(r);
    } else if (this.stale && (id === undefined || id === this.stale.id)) {
      this.stale.done();
    }
    // Anything else is an unsolicited line (e.g. a key press print on the balance): ignored.
  }

  private expectAck(r: MtSicsResponse, what: string): void {
    if (r.kind === 'status' && r.status === 'A') return;
    throw statusError(r, what);
  }

  private toReading(r: MtSicsResponse): ScaleReading {
    const receivedAt = this.o.now();
    if (r.kind === 'weight') {
      return { grams: round(r.value * GRAMS_PER[r.unit]), value: r.value, unit: r.unit, stable: r.status !== 'D', range: 'ok', receivedAt };
    }
    if (r.kind === 'status' && (r.status === '+' || r.status === '-')) {
      return { grams: null, value: null, unit: 'g', stable: false, range: r.status === '+' ? 'overload' : 'underload', receivedAt };
    }
    throw statusError(r, 'weigh');
  }
}

const ERROR_TEXT = { ES: 'syntax error', ET: 'transmission error', EL: 'logical error' } as const;

function statusError(r: MtSicsResponse, what: string): DeviceError {
  if (r.kind === 'status') {
    switch (r.status) {
      case 'I':
        return new DeviceError('not_executable', `the scale cannot ${what} now (busy or not stable)`);
      case '+':
        return new DeviceError('overload', `cannot ${what}: above the scale's range`);
      case '-':
        return new DeviceError('underload', `cannot ${what}: below the scale's range`);
      case 'L':
        return new DeviceError('command_rejected', `cannot ${what}: the scale rejected the parameters`);
      case 'A':
        return new DeviceError('garbage', `${what}: unexpected acknowledgement`);
    }
  }
  return new DeviceError('garbage', `${what}: unexpected reply ${JSON.stringify(r)}`);
}

/** Unit conversion must not invent precision: 9 significant digits is beyond any balance. */
function round(x: number): number {
  return Number(x.toPrecision(9));
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
