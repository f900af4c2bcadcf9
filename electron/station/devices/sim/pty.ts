// A pseudo-terminal pair from socat: the simulator opens `device`, the driver opens `host`.
// Closing it removes both links, which is what an unplugged USB-serial adapter looks like.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';

export class PtyPair {
  private proc: ChildProcess | undefined;

  constructor(
    readonly device: string,
    readonly host: string,
  ) {}

  get running(): boolean {
    return this.proc !== undefined && this.proc.exitCode === null;
  }

  async open(timeoutMs = 5000): Promise<void> {
    if (this.running) return;
    const proc = spawn('socat', [`PTY,raw,echo=0,link=${this.device}`, `PTY,raw,echo=0,link=${this.host}`], { stdio: 'ignore' });
    this.proc = proc;
    const deadline = Date.now() + timeoutMs;
    while (!(existsSync(this.device) && existsSync(this.host))) {
      if (proc.exitCode !== null) throw new Error(`socat exited with ${proc.exitCode}`);
      if (Date.now() > deadline) throw new Error('socat did not create the pty links');
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  async close(): Promise<void> {
    const proc = this.proc;
    this.proc = undefined;
    if (!proc || proc.exitCode !== null) return;
    const exited = new Promise<void>((r) => proc.once('exit', () => r()));
    // SIGTERM, not SIGKILL: socat removes its links only on a clean exit.
    proc.kill('SIGTERM');
    await exited;
  }
}
