// The runtime's own-process entry (an Electron utility process in production) driven over a
// Node IPC channel: the same messages Electron's main process exchanges with it.
import { fork } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, tempDir } from './helpers/station';

describe('station runtime process', () => {
  const dir = tempDir();
  afterAll(() => dir.remove());

  it('starts, answers requests, forwards pushes and shuts down cleanly with an audited logout', async () => {
    const child = fork(join(ROOT, 'dist', 'node', 'station-process.mjs'), [], { env: { ...process.env, LOTLINE_DATA: dir.path }, stdio: 'pipe' });
    const messages: Array<Record<string, unknown>> = [];
    const waitFor = (pred: (m: Record<string, unknown>) => boolean) =>
      new Promise<Record<string, unknown>>((resolve) => {
        const hit = messages.find(pred);
        if (hit) return resolve(hit);
        const on = (m: Record<string, unknown>) => {
          if (pred(m)) {
            child.off('message', on);
            resolve(m);
          }
        };
        child.on('message', on);
      });
    child.on('message', (m) => messages.push(m as Record<string, unknown>));

    const ready = await waitFor((m) => m.kind === 'ready');
    expect(typeof ready.startMs).toBe('number');
    // What the Electron shell needs to choose its window (a supervisor station shows the central board).
    expect(ready).toHaveProperty('stationType');
    expect(ready.serverUrl).toBeNull();
    child.send({ kind: 'request', id: 7, method: 'auth.login', input: { badge: 'PK-200', pin: '2222' } });
    expect(await waitFor((m) => m.kind === 'response' && m.id === 7)).toMatchObject({ ok: true, result: { userId: 'u-priya' } });
    expect(await waitFor((m) => m.kind === 'push')).toBeTruthy();
    child.send({ kind: 'request', id: 8, method: 'auth.login', input: { badge: 5 } });
    expect(await waitFor((m) => m.kind === 'response' && m.id === 8)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });

    child.send({ kind: 'shutdown' });
    await waitFor((m) => m.kind === 'stopped');
    const code = await new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', resolve)));
    expect(code).toBe(0);
    const db = new Database(join(dir.path, 'station.db'), { readonly: true });
    const last = db.prepare("SELECT payload FROM events WHERE type = 'auth.logout' ORDER BY seq DESC").get() as { payload: string };
    db.close();
    expect(JSON.parse(last.payload)).toEqual({ userId: 'u-priya', cause: 'shutdown' });
  });
});
