// Runs `lotline devices sim …` as a separate process for integration tests: reads its
// "where I listen" line, sends control lines, collects events, and always cleans up (the
// simulator and its socat live in their own process group, killed together).
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export const ROOT = join(__dirname, '..', '..', '..');
const live = new Set<SimProcess>();

type Json = Record<string, unknown>;

export class SimProcess {
  readonly events: Json[] = [];
  private readonly replies: Array<(j: Json) => void> = [];
  private readonly watchers = new Set<() => void>();
  /** How the process ended: [exit code, signal]. */
  readonly exited: Promise<[number | null, NodeJS.Signals | null]>;

  private constructor(
    readonly proc: ChildProcess,
    readonly info: Json,
    lines: AsyncIterable<string>,
  ) {
    this.exited = new Promise((r) => proc.once('exit', (code, signal) => r([code, signal])));
    void (async () => {
      for await (const line of lines) {
        let j: Json;
        try {
          j = JSON.parse(line) as Json;
        } catch {
          continue;
        }
        if ('ok' in j) this.replies.shift()?.(j);
        else {
          this.events.push(j);
          for (const w of this.watchers) w();
        }
      }
    })();
  }

  static async spawn(args: readonly string[]): Promise<SimProcess> {
    const proc = spawn(process.execPath, [join(ROOT, 'bin', 'lotline.mjs'), 'devices', 'sim', ...args], {
      cwd: ROOT,
      stdio: ['pipe', 'pipe', 'inherit'],
      detached: true, // own process group: socat dies with it
    });
    const rl = createInterface({ input: proc.stdout! });
    const it = rl[Symbol.asyncIterator]();
    const first = await Promise.race([
      it.next(),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`simulator ${args.join(' ')} did not start`)), 30_000)),
    ]);
    if (first.done) throw new Error('simulator exited before saying where it listens');
    const sim = new SimProcess(proc, JSON.parse(first.value) as Json, { [Symbol.asyncIterator]: () => it });
    live.add(sim);
    return sim;
  }

  get uri(): string {
    return String(this.info.uri);
  }

  control(line: string): Promise<Json> {
    return new Promise((resolve, reject) => {
      this.replies.push((j) => (j.ok ? resolve(j) : reject(new Error(String(j.error)))));
      this.proc.stdin!.write(`${line}\n`);
    });
  }

  async waitForEvents(pred: (events: Json[]) => boolean, timeoutMs = 20_000): Promise<Json[]> {
    if (pred(this.events)) return this.events;
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!pred(this.events)) return;
        this.watchers.delete(check);
        clearTimeout(t);
        resolve(this.events);
      };
      const t = setTimeout(() => {
        this.watchers.delete(check);
        reject(new Error(`events not seen: ${JSON.stringify(this.events)}`));
      }, timeoutMs);
      this.watchers.add(check);
    });
  }

  async stop(): Promise<void> {
    live.delete(this);
    if (this.proc.exitCode !== null || this.proc.signalCode !== null) return;
    try {
      process.kill(-this.proc.pid!, 'SIGTERM');
    } catch {
      return;
    }
    const killer = setTimeout(() => {
      try {
        process.kill(-this.proc.pid!, 'SIGKILL');
      } catch {
        /* gone */
      }
    }, 5000);
    await this.exited;
    clearTimeout(killer);
  }
}

export async function stopAllSims(): Promise<void> {
  await Promise.all([...live].map((s) => s.stop()));
}

/** Waits until `pred()` holds, polling; for states reached through real I/O. */
export async function eventually(pred: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pred()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
