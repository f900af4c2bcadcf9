// kill -9 of a syncing station: the real `lotline station --server URL` process records a
// stream of scans while its sync client pushes; it is killed mid-push, restarted without
// flags (the credential and server come from its data folder), killed again, and finally
// drains. Every event is held centrally exactly once and both chains verify.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, client, startStationProcess, tempDir, wsTransport, type StationProcess } from '../helpers/station';
import { centralEvents, DB_KINDS, issueCode, startCentral, until, verifyChain, type Central } from './helpers';

const WINDOW = 16;

describe.each(DB_KINDS)('kill -9 of a syncing station process, central server on %s', (kind) => {
  let c: Central;
  const dir = tempDir('lotline-sync-kill-');
  let station: StationProcess | undefined;
  beforeAll(async () => {
    c = await startCentral(kind);
  });
  afterAll(async () => {
    await station?.stop('SIGKILL');
    await c?.close();
    dir.remove();
  });

  /** Streams scans; SIGKILLs the station after `killAfter` acknowledgements (null: never). */
  async function stream(count: number, prefix: string, killAfter: number | null): Promise<number> {
    const transport = wsTransport(station!.url, station!.token);
    const api = client(transport);
    await transport.ready();
    await api.call('auth.login', { badge: 'OP-100', pin: '1111' });
    let next = 0;
    let acked = 0;
    let killed = false;
    const worker = async () => {
      while (next < count && !killed) {
        const i = next++;
        try {
          await api.call('scan.submit', { text: `${prefix}-${i}`, source: 'kill-test', receivedAt: new Date().toISOString() });
          if (++acked === killAfter && !killed) {
            killed = true;
            station!.proc.kill('SIGKILL');
          }
        } catch {
          if (!killed) throw new Error('a scan failed while the station was up');
        }
      }
    };
    await Promise.all(Array.from({ length: WINDOW }, worker));
    transport.close();
    if (killed) await new Promise<void>((r) => (station!.proc.exitCode !== null || station!.proc.signalCode !== null ? r() : station!.proc.once('exit', () => r())));
    return acked;
  }

  const syncStatus = () => JSON.parse(spawnSync(process.execPath, [BIN, 'sync', 'status', '--data', dir.path, '--json'], { encoding: 'utf8' }).stdout) as { queued: number; ackedSeq: number; lastSeq: number; server: string; stationId: string };

  it('every event arrives exactly once and the chains verify', async () => {
    const id = `KILL-${kind}`;
    station = await startStationProcess(dir.path, ['--server', c.url, '--enroll', await issueCode(c, id), '--demo']);
    expect(station.stderr()).toMatch(new RegExp(`Enrolled as station ${id}`));
    await stream(600, 'A', 400);
    expect(station.proc.signalCode).toBe('SIGKILL');
    let st = syncStatus();
    expect(st).toMatchObject({ stationId: id, server: c.url });

    // Restart without flags: the server and the credential come from the data folder.
    station = await startStationProcess(dir.path);
    await stream(600, 'B', 250);
    expect(station.proc.signalCode).toBe('SIGKILL');

    station = await startStationProcess(dir.path);
    await stream(300, 'C', null);
    await until(() => {
      st = syncStatus();
      return st.queued === 0;
    }, 'the restarted station drains');
    await station.stop();
    st = syncStatus();

    const db = new Database(join(dir.path, 'station.db'), { readonly: true });
    const local = db.prepare('SELECT seq, id, hash FROM events ORDER BY seq').all() as Array<{ seq: number; id: string; hash: string }>;
    db.close();
    const central = await centralEvents(c, id);
    // Stopping (SIGTERM) appended a logout after the drain; it waits for the next start.
    expect(central.length).toBeGreaterThanOrEqual(st.ackedSeq);
    expect(local.length).toBeGreaterThanOrEqual(central.length);
    expect(new Set(central.map((e) => e.id)).size).toBe(central.length);
    expect(central.map((e) => e.hash)).toEqual(local.slice(0, central.length).map((e) => e.hash));
    expect(verifyChain(central)).toBeNull();
    expect(spawnSync(process.execPath, [BIN, 'audit', 'verify', '--data', dir.path]).status).toBe(0);
    const scans = central.filter((e) => e.type === 'scan.received').length;
    expect(scans).toBeGreaterThanOrEqual(400 + 250 + 300);
  });
});
