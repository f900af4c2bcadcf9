// kill -9 of the station runtime in the middle of a stream of 10k commands: every
// acknowledged event survives, none is recorded twice, the sequence has no gap, and the
// audit chain verifies. The station is the real `lotline station` process.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, client, startStationProcess, tempDir, wsTransport, type StationProcess } from './helpers/station';

const TOTAL = 10_000;
const WINDOW = 64;
const KILL_AFTER_ACKS = 4_000;

describe('crash safety', () => {
  const dir = tempDir();
  let station: StationProcess | undefined;
  afterAll(async () => {
    await station?.stop('SIGKILL');
    dir.remove();
  });

  async function stream(texts: string[], stopAfter: number | null, onAck: (text: string, seq: number, id: string) => void) {
    const transport = wsTransport(station!.url, station!.token);
    const api = client(transport);
    await transport.ready();
    await api.call('auth.login', { badge: 'OP-100', pin: '1111' });
    let next = 0;
    let acked = 0;
    let killed = false;
    const worker = async () => {
      while (next < texts.length && !killed) {
        const text = texts[next++]!;
        try {
          const r = await api.call('scan.submit', { text, source: 'crash-test', receivedAt: new Date().toISOString() });
          onAck(text, r.seq, r.eventId);
          acked++;
          if (stopAfter !== null && acked === stopAfter && !killed) {
            killed = true;
            station!.proc.kill('SIGKILL');
          }
        } catch {
          // Unanswered: it may or may not be recorded. Looked up after the restart.
          if (!killed) throw new Error('a command failed while the station was up');
        }
      }
    };
    await Promise.all(Array.from({ length: WINDOW }, worker));
    transport.close();
  }

  function readScans() {
    const db = new Database(join(dir.path, 'station.db'), { readonly: true });
    const rows = db.prepare("SELECT seq, id, json_extract(payload, '$.text') AS text FROM events WHERE type = 'scan.received'").all() as Array<{ seq: number; id: string; text: string }>;
    const { n, max } = db.prepare('SELECT count(*) AS n, max(seq) AS max FROM events').get() as { n: number; max: number };
    db.close();
    return { rows, n, max };
  }

  it('loses no acknowledged event and duplicates none', async () => {
    station = await startStationProcess(dir.path);
    const texts = Array.from({ length: TOTAL }, (_, i) => `SCAN-${String(i).padStart(5, '0')}`);
    const acks = new Map<string, { seq: number; id: string }>();
    await stream(texts, KILL_AFTER_ACKS, (text, seq, id) => acks.set(text, { seq, id }));
    await new Promise<void>((resolve) => (station!.proc.exitCode !== null || station!.proc.signalCode !== null ? resolve() : station!.proc.once('exit', () => resolve())));
    expect(station.proc.signalCode).toBe('SIGKILL');
    expect(acks.size).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);

    // After the crash: every acknowledged scan is there with the sequence it was acknowledged with.
    const afterCrash = readScans();
    const byText = new Map(afterCrash.rows.map((r) => [r.text, r]));
    for (const [text, ack] of acks) expect(byText.get(text), text).toMatchObject({ seq: ack.seq, id: ack.id });
    expect(afterCrash.n).toBe(afterCrash.max);
    expect(spawnSync(process.execPath, [BIN, 'audit', 'verify', '--data', dir.path]).status).toBe(0);

    // Restart; the operator's client sends only what is not recorded.
    station = await startStationProcess(dir.path);
    const missing = texts.filter((t) => !byText.has(t));
    await stream(missing, null, () => undefined);
    await station.stop();

    const final = readScans();
    expect(final.rows).toHaveLength(TOTAL);
    expect(new Set(final.rows.map((r) => r.text)).size).toBe(TOTAL);
    expect(final.n).toBe(final.max);
    const verify = spawnSync(process.execPath, [BIN, 'audit', 'verify', '--data', dir.path, '--json'], { encoding: 'utf8' });
    expect(verify.status).toBe(0);
    expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true, lastSeq: final.max });
  });
});
