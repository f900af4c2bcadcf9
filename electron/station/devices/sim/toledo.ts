// A simulated Mettler Toledo indicator in continuous-output mode on a pty: it streams one
// frame (STX, status words A/B/C, 6-digit weight, 6-digit tare, CR) every interval without
// being asked, and takes the single-character commands many Toledo indicators accept on the
// same port: Z zero, T tare, C clear tare.
import { GRAMS_PER } from '../../../../shared/devices/status';
import { formatToledo } from '../scale/continuous';
import { SimSerialEndpoint } from './serial-endpoint';

export interface ToledoSimState {
  /** Load on the platform in grams. */
  grossG: number;
  zeroG: number;
  tareG: number;
  motion: boolean;
  overload: boolean;
  underload: boolean;
  /** Stops streaming (a cable with the indicator switched off). */
  silent: boolean;
  unit: 'kg' | 'lb' | 'g';
  decimals: 0 | 1 | 2 | 3;
}

export class ToledoSimulator {
  readonly endpoint: SimSerialEndpoint;
  readonly state: ToledoSimState = { grossG: 0, zeroG: 0, tareG: 0, motion: false, overload: false, underload: false, silent: false, unit: 'kg', decimals: 3 };
  readonly received: string[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly opts: { dir?: string; intervalMs?: number } = {}) {
    this.endpoint = new SimSerialEndpoint('toledo', opts.dir);
    this.endpoint.on('data', (d) => {
      for (const c of d.toString('latin1')) this.command(c);
    });
  }

  get path(): string {
    return this.endpoint.path;
  }

  async start(): Promise<void> {
    await this.endpoint.plug();
    this.timer = setInterval(() => void this.tick(), this.opts.intervalMs ?? 50);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.endpoint.close();
  }

  set(patch: Partial<ToledoSimState>): void {
    Object.assign(this.state, patch);
  }

  inject(bytes: Buffer | string): Promise<void> {
    return this.endpoint.write(bytes);
  }

  /** The current frame, as the indicator would send it now. */
  frame(): Buffer {
    const s = this.state;
    const per = GRAMS_PER[s.unit];
    if (s.overload || s.underload) return formatToledo({ value: s.underload ? -1 : 0, decimals: s.decimals, unit: s.unit, outOfRange: true });
    return formatToledo({ value: (s.grossG - s.zeroG - s.tareG) / per, tare: s.tareG / per, decimals: s.decimals, unit: s.unit, motion: s.motion });
  }

  private async tick(): Promise<void> {
    if (this.state.silent || !this.endpoint.plugged) return;
    await this.endpoint.write(this.frame());
  }

  private command(c: string): void {
    const s = this.state;
    if (c === '\r' || c === '\n') return;
    this.received.push(c);
    // Indicators ignore zero and tare while the platform moves or is out of range.
    const blocked = s.motion || s.overload || s.underload;
    if (c === 'Z' && !blocked) Object.assign(s, { zeroG: s.grossG, tareG: 0 });
    else if (c === 'T' && !blocked && s.grossG - s.zeroG > 0) s.tareG = s.grossG - s.zeroG;
    else if (c === 'C') s.tareG = 0;
  }
}
