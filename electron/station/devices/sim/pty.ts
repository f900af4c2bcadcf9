// A pseudo-terminal pair from socat: the simulator opens `device`, the driver opens `host`.
// Closing it removes both links, which is what an unplugged USB-serial adapter looks like.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * socat between a shell that waits on a pipe from this process: when the pipe closes — close(),
 * or this process ended without a chance to call it (a crash, SIGKILL) — socat gets SIGTERM,
 * not SIGKILL, because it removes its links only on a clean exit. The shell exits with socat's
 * status, so a socat that fails at once is seen as exited. (An asynchronous list's stdin is
 * /dev/null, so the watcher reads the pipe from fd 3.)
 */
const WATCHED_SOCAT = 'exec 3<&0; socat "$1" "$2" </dev/null 3<&- & s=$!; (read -r _ <&3; kill "$s" 2>/dev/null) & wait "$s"';

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
    const proc = spawn('sh', ['-c', WATCHED_SOCAT, 'pty', `PTY,raw,echo=0,link=${this.device}`, `PTY,raw,echo=0,link=${this.host}`], { stdio: ['pipe', 'ignore', 'ignore'] });
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
    proc.stdin?.end();
    await exited;
  }
}
