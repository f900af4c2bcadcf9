// Push replies a real server gives only in rare states, from a scripted server on 127.0.0.1:
// a batch too large (413 → smaller batches) and a sequence gap after the server lost events
// (409 → resend from expectedSeq). Nothing is lost and nothing skipped.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { GENESIS_HASH, type StoredEvent } from '../../../shared/events/event';
import { StationRuntime } from '../../../electron/station/runtime/runtime';
import { MemoryCredentialStore } from '../../../electron/station/sync/credential';
import { tempDir } from '../helpers/station';
import { appendScans, localEvents, quietLog, until } from './helpers';

async function body(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const raw = Buffer.concat(chunks);
  return (req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8');
}

describe('rare push replies', () => {
  const d = tempDir('lotline-sync-faults-');
  let srv: Server;
  afterAll(async () => {
    srv?.closeAllConnections();
    await new Promise((r) => srv?.close(r));
    d.remove();
  });

  it('413 halves the batch; 409 resends from the sequence the server expects', async () => {
    const rt = await StationRuntime.open({ dataDir: d.path, stationId: 'FAULT-1', idleCheckMs: 3_600_000, logger: quietLog });
    appendScans(rt, 3000);
    const log = localEvents(rt);
    // The server says it holds 1..1000, then (restored from a backup) only 1..400.
    let held = 1000;
    let pushes = 0;
    const seen: Array<{ from: number; to: number; status: number }> = [];
    srv = createServer((req, res) => {
      void (async () => {
        const send = (status: number, b: unknown) => {
          res.writeHead(status, { 'content-type': 'application/json', 'lotline-protocol': '1.0', 'lotline-server-time': new Date().toISOString() });
          res.end(JSON.stringify(b));
        };
        const now = new Date().toISOString();
        const hashAt = (s: number) => (s === 0 ? GENESIS_HASH : log[s - 1]!.hash);
        if (req.url === '/sync/status') return send(200, { stationId: 'FAULT-1', ackSeq: held, ackHash: hashAt(held), openAlarms: 0, serverTime: now, protocol: '1.0' });
        if (req.url?.startsWith('/sync/holds') || req.url?.startsWith('/sync/master')) return send(200, { items: [], cursor: '0', more: false, resnapshot: false, serverTime: now });
        if (req.url === '/sync/push') {
          const events = (JSON.parse(await body(req)) as { events: StoredEvent[] }).events;
          const from = events[0]!.seq;
          const to = events.at(-1)!.seq;
          pushes++;
          if (pushes === 1) {
            held = 400;
            seen.push({ from, to, status: 409 });
            return send(409, { error: 'sequence_gap', message: 'gap', expectedSeq: 401 });
          }
          if (events.length > 500) {
            seen.push({ from, to, status: 413 });
            return send(413, { error: 'too_large', message: 'too large' });
          }
          if (from !== held + 1) throw new Error(`pushed from ${from}, server holds ${held}`);
          held = to;
          seen.push({ from, to, status: 200 });
          return send(200, { ackSeq: held, ackHash: hashAt(held), stored: events.length, duplicates: 0, integrityAlarms: [], deviations: [], serverTime: now, clockOffsetMs: 0 });
        }
        send(404, { error: 'not_found', message: req.url });
      })().catch(() => {
        res.writeHead(500);
        res.end();
      });
    });
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
    const url = `http://127.0.0.1:${(srv.address() as AddressInfo).port}`;
    try {
      await rt.startSync({ serverUrl: url, credentials: new MemoryCredentialStore({ serverUrl: url, stationId: 'FAULT-1', token: 't', enrolledAt: new Date().toISOString() }), live: false, backoff: { baseMs: 20, maxMs: 100, minMs: 10 } });
      await until(() => rt.status().sync.queued === 0, 'drained');
      expect(seen[0]).toEqual({ from: 1001, to: expect.any(Number), status: 409 });
      expect(seen[1]).toMatchObject({ from: 401, status: 413 });
      const accepted = seen.filter((s) => s.status === 200);
      expect(accepted[0]!.from).toBe(401);
      for (let i = 1; i < accepted.length; i++) expect(accepted[i]!.from).toBe(accepted[i - 1]!.to + 1);
      expect(accepted.at(-1)!.to).toBe(rt.log.lastSeq);
      expect(Math.max(...accepted.map((a) => a.to - a.from + 1))).toBeLessThanOrEqual(500);
    } finally {
      await rt.close();
    }
  });
});
