// A simulator's pseudo-terminal pair (socat) lives exactly as long as its owner: close() removes
// both links; a process killed without closing it (a crash, SIGKILL) takes socat and its links
// with it instead of leaving them behind; a socat that cannot start is said at once.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { PtyPair } from '../../../electron/station/devices/sim/pty';

const dirs: string[] = [];
const dir = () => {
  const d = mkdtempSync(join(tmpdir(), 'lotline-pty-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const until = async (pred: () => boolean, what: string) => {
  for (let i = 0; i < 500 && !pred(); i++) await new Promise((r) => setTimeout(r, 20));
  if (!pred()) throw new Error(`never: ${what}`);
};

describe('PtyPair', () => {
  it('close() removes both links', async () => {
    const d = dir();
    const pair = new PtyPair(join(d, 'device'), join(d, 'host'));
    await pair.open();
    expect([existsSync(join(d, 'device')), existsSync(join(d, 'host')), pair.running]).toEqual([true, true, true]);
    await pair.close();
    expect([existsSync(join(d, 'device')), existsSync(join(d, 'host')), pair.running]).toEqual([false, false, false]);
  });

  it('a process killed without closing its pair takes socat and the links with it', async () => {
    const d = dir();
    const source = join(process.cwd(), 'electron/station/devices/sim/pty.ts');
    const child = spawn(process.execPath, ['--import', 'tsx', '-e', `const { PtyPair } = await import(${JSON.stringify(source)}); await new PtyPair(${JSON.stringify(join(d, 'device'))}, ${JSON.stringify(join(d, 'host'))}).open(); console.log('open'); setInterval(() => {}, 60_000);`], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      createInterface({ input: child.stdout! }).once('line', () => resolve());
      child.once('exit', (code) => reject(new Error(`the owner exited with ${code} before opening`)));
    });
    expect(existsSync(join(d, 'host'))).toBe(true);
    child.kill('SIGKILL');
    await until(() => !existsSync(join(d, 'device')) && !existsSync(join(d, 'host')), 'the links are gone with their owner');
  });

  it('a socat that cannot create its links is said at once', async () => {
    const d = dir();
    const pair = new PtyPair(join(d, 'no-such-dir', 'device'), join(d, 'no-such-dir', 'host'));
    await expect(pair.open()).rejects.toThrow(/socat exited with [1-9]/);
  });
});
