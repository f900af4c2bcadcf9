// A simulated MT-SICS balance on a pty: answers S, SI, Z, T, TA, TAC, @ and I4 like a lab
// balance, with weight, motion and range settable from tests or the control channel.
import type { WeightUnit } from '../../../../shared/devices/status';
import { GRAMS_PER } from '../../../../shared/devices/status';
import { Framer } from '../framer';
import { formatWeight } from '../scale/mtsics';
import { SimSerialEndpoint } from './serial-endpoint';

export interface ScaleSimState {
  /** Load on the pan in grams. */
  grossG: number;
  zeroG: number;
  tareG: number;
  motion: boolean;
  overload: boolean;
  underload: boolean;
  /** Reads commands but answers nothing. */
  silent: boolean;
  unit: WeightUnit;
  decimals: number;
  serial: string;
}

export interface ScaleSimOptions {
  readonly dir?: string;
  /** How long S waits for the pan to settle before answering S I (the balance's own timeout). */
  readonly stabilityTimeoutMs?: number;
}

export class ScaleSimulator {
  readonly endpoint: SimSerialEndpoint;
  readonly state: ScaleSimState = { grossG: 0, zeroG: 0, tareG: 0, motion: false, overload: false, underload: false, silent: false, unit: 'g', decimals: 2, serial: 'SIM0001' };
  private readonly framer = new Framer({ terminator: 'CRLF', maxFrame: 64 });
  private readonly stabilityTimeoutMs: number;
  private settleWaiters: Array<() => void> = [];
  /** One-shot faults for tests: the next reply is cut short or replaced. */
  private nextReply: 'normal' | 'truncate' = 'normal';
  readonly received: string[] = [];

  constructor(opts: ScaleSimOptions = {}) {
    this.endpoint = new SimSerialEndpoint('scale', opts.dir);
    this.stabilityTimeoutMs = opts.stabilityTimeoutMs ?? 1500;
    this.endpoint.on('data', (d) => {
      for (const e of this.framer.push(d)) {
        if (e.kind === 'frame') void this.handle(e.bytes.toString('latin1'));
        else void this.reply('ET');
      }
    });
  }

  get path(): string {
    return this.endpoint.path;
  }

  start(): Promise<void> {
    return this.endpoint.plug();
  }

  stop(): Promise<void> {
    return this.endpoint.close();
  }

  set(patch: Partial<ScaleSimState>): void {
    Object.assign(this.state, patch);
    if (!this.state.motion) for (const w of this.settleWaiters.splice(0)) w();
  }

  /** Raw bytes from the "balance", for garbage tests. */
  inject(bytes: Buffer | string): Promise<void> {
    return this.endpoint.write(bytes);
  }

  truncateNextReply(): void {
    this.nextReply = 'truncate';
  }

  private net(): number {
    return this.state.grossG - this.state.zeroG - this.state.tareG;
  }

  private weightLine(id: string, status: 'S' | 'D' | 'A', grams: number): string {
    return formatWeight(id, status, grams / GRAMS_PER[this.state.unit], this.state.decimals, this.state.unit);
  }

  private async reply(line: string): Promise<void> {
    if (this.state.silent) return;
    if (this.nextReply === 'truncate') {
      this.nextReply = 'normal';
      await this.endpoint.write(line.slice(0, Math.max(1, line.length - 4)));
      return;
    }
    await this.endpoint.write(`${line}\r\n`);
  }

  private async handle(line: string): Promise<void> {
    this.received.push(line);
    // eslint-disable-next-line no-control-regex
    if (/[^\x20-\x7e]/.test(line)) return this.reply('ET');
    const [cmd, ...args] = line.trim().split(/ +/);
    const s = this.state;
    const range = s.overload ? '+' : s.underload ? '-' : undefined;
    switch (cmd) {
      case 'SI':
        return this.reply(range ? `S ${range}` : this.weightLine('S', s.motion ? 'D' : 'S', this.net()));
      case 'S': {
        if (range) return this.reply(`S ${range}`);
        if (s.motion && !(await this.settle())) return this.reply('S I');
        return this.reply(this.weightLine('S', 'S', this.net()));
      }
      case 'Z':
        if (s.motion) return this.reply('Z I');
        if (range) return this.reply(`Z ${range}`);
        s.zeroG = s.grossG;
        s.tareG = 0;
        return this.reply('Z A');
      case 'T':
        if (s.motion) return this.reply('T I');
        if (range) return this.reply(`T ${range}`);
        if (s.grossG - s.zeroG <= 0) return this.reply('T -');
        s.tareG = s.grossG - s.zeroG;
        return this.reply(this.weightLine('T', 'S', s.tareG));
      case 'TA': {
        if (args.length === 0) return this.reply(this.weightLine('TA', 'A', s.tareG));
        const v = Number(args[0]);
        const unit = args[1] ?? s.unit;
        if (!Number.isFinite(v) || v < 0 || !(unit in GRAMS_PER)) return this.reply('TA L');
        s.tareG = v * GRAMS_PER[unit as WeightUnit];
        return this.reply(this.weightLine('TA', 'A', s.tareG));
      }
      case 'TAC':
        s.tareG = 0;
        return this.reply('TAC A');
      case '@':
        s.tareG = 0;
        return this.reply(`I4 A "${s.serial}"`);
      case 'I4':
        return this.reply(`I4 A "${s.serial}"`);
      default:
        return this.reply('ES');
    }
  }

  private settle(): Promise<boolean> {
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.settleWaiters = this.settleWaiters.filter((w) => w !== done);
        resolve(false);
      }, this.stabilityTimeoutMs);
      const done = () => {
        clearTimeout(t);
        resolve(true);
      };
      this.settleWaiters.push(done);
    });
  }
}
