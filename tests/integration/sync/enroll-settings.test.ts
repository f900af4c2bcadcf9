// Enrollment from Settings (`sync.enroll`) on the real `lotline station` process, with a real
// central server: a signed administrator's enrollment starts sync at once (the station's events
// reach central), the credential file is mode 0600 and the token is in no event; a refused
// code, a code for another station, an unreachable, locked-out or failing server, a newer
// protocol and a non-administrator are refused with their problem codes and record nothing.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StationClient } from '../../../shared/contract/client';
import { StationError } from '../../../shared/contract/errors';
import type { SocketTransport } from '../../../shared/contract/socket-transport';
import { CREDENTIAL_FILE } from '../../../electron/station/sync/credential';
import { client, startStationProcess, tempDir, wsTransport, type StationProcess } from '../helpers/station';
import { centralEvents, DB_KINDS, issueCode, startCentral, until, type Central } from './helpers';

const ADMIN = { badge: 'AD-500', pin: '5555' };
const OPERATOR = { badge: 'OP-100', pin: '1111' };
const sig = (reason = 'connect the station to central') => ({ ...ADMIN, meaning: 'approved' as const, reason });

interface LocalEvent {
  seq: number;
  type: string;
  payload: string;
  signature: string | null;
  reason: string | null;
}

describe.each(DB_KINDS)('enrollment from Settings, central server on %s', (kind) => {
  let c: Central;
  const dir = tempDir('lotline-enroll-ui-');
  const id = `ENR-${kind === 'pglite' ? 'L' : 'P'}`;
  let station: StationProcess | undefined;
  let transport: SocketTransport | undefined;
  let api: StationClient;
  let newer: Server | undefined;

  const localEvents = (): LocalEvent[] => {
    const db = new Database(join(dir.path, 'station.db'), { readonly: true, fileMustExist: true });
    try {
      return db.prepare('SELECT seq, type, payload, signature, reason FROM events ORDER BY seq').all() as LocalEvent[];
    } finally {
      db.close();
    }
  };
  const syncServer = () => {
    const db = new Database(join(dir.path, 'station.db'), { readonly: true, fileMustExist: true });
    try {
      const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sync_state'").get();
      return hasTable ? ((db.prepare('SELECT server_url AS s FROM sync_state WHERE one = 1').get() as { s: string | null } | undefined)?.s ?? null) : null;
    } finally {
      db.close();
    }
  };
  /** The call's refusal (it must be one). */
  const refused = async (p: Promise<unknown>): Promise<StationError> => {
    const err = await p.then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(StationError);
    return err as StationError;
  };
  /** Nothing of an enrollment is anywhere: no event, no credential, no server in sync_state, sync not configured. */
  const expectNotEnrolled = async () => {
    expect(localEvents().filter((e) => e.type === 'sync.enrolled')).toEqual([]);
    expect(existsSync(join(dir.path, CREDENTIAL_FILE))).toBe(false);
    expect(syncServer()).toBeNull();
    expect((await api.call('station.status', {})).sync.state).toBe('not_configured');
  };

  beforeAll(async () => {
    c = await startCentral(kind);
    // A station started on its own: no --server, no --enroll, the demo floor's users.
    station = await startStationProcess(dir.path, ['--station-id', id, '--demo']);
    transport = wsTransport(station.url, station.token);
    api = client(transport);
    await transport.ready();
    // Servers that refuse: under /newer one that speaks a newer sync protocol (426), under
    // /locked one that has locked this address after too many failures (429), under /broken
    // one that fails (500).
    newer = createServer((req, res) => {
      const head = { 'content-type': 'application/json', 'Lotline-Protocol': '9.0' };
      if (req.url?.startsWith('/locked/')) {
        res.writeHead(429, { ...head, 'Retry-After': '900' });
        res.end(JSON.stringify({ error: 'too_many_attempts', message: 'too many failed attempts from this address' }));
      } else if (req.url?.startsWith('/broken/')) {
        res.writeHead(500, head);
        res.end(JSON.stringify({ error: 'internal', message: 'database down' }));
      } else {
        res.writeHead(426, head);
        res.end(JSON.stringify({ error: 'unsupported_protocol', message: 'this server speaks 9.0', serverProtocol: '9.0' }));
      }
    });
    await new Promise<void>((r) => newer!.listen(0, '127.0.0.1', r));
  }, 180_000);
  afterAll(async () => {
    transport?.close();
    await station?.stop();
    await c?.close();
    await new Promise((r) => newer?.close(r));
    dir.remove();
  });

  it('a non-administrator is refused and nothing is recorded', async () => {
    await api.call('auth.login', OPERATOR);
    const code = await issueCode(c, id);
    const err = await refused(api.call('sync.enroll', { serverUrl: c.url, code, signature: { badge: OPERATOR.badge, pin: OPERATOR.pin, meaning: 'approved', reason: 'try' } }));
    expect(err.code).toBe('forbidden');
    await expectNotEnrolled();
    await api.call('auth.logout', {});
  });

  it('a wrong code, a code for another station, an unreachable server and a newer protocol are refused with their problem and record nothing', async () => {
    await api.call('auth.login', ADMIN);
    const before = Math.max(...localEvents().map((e) => e.seq));
    const wrong = await refused(api.call('sync.enroll', { serverUrl: c.url, code: 'WRONG-CODE-0000', signature: sig() }));
    expect(wrong.details).toMatchObject({ problem: 'sync_enroll_code_refused' });

    const other = await refused(api.call('sync.enroll', { serverUrl: c.url, code: await issueCode(c, `${id}-OTHER`), signature: sig() }));
    expect(other.details).toMatchObject({ problem: 'sync_enroll_other_station', stationId: id });

    const down = await refused(api.call('sync.enroll', { serverUrl: 'http://127.0.0.1:1', code: 'ABCD-EFGH', signature: sig() }));
    expect(down.details).toMatchObject({ problem: 'sync_enroll_unreachable', server: 'http://127.0.0.1:1' });

    const url = `http://127.0.0.1:${(newer!.address() as AddressInfo).port}/newer`;
    const proto = await refused(api.call('sync.enroll', { serverUrl: url, code: 'ABCD-EFGH', signature: sig() }));
    expect(proto.details).toMatchObject({ problem: 'sync_enroll_protocol', server: url, serverProtocol: '9.0' });

    const fake = `http://127.0.0.1:${(newer!.address() as AddressInfo).port}`;
    const locked = await refused(api.call('sync.enroll', { serverUrl: `${fake}/locked`, code: 'ABCD-EFGH', signature: sig() }));
    expect(locked.details).toMatchObject({ problem: 'sync_enroll_too_many_attempts', server: `${fake}/locked` });
    const broken = await refused(api.call('sync.enroll', { serverUrl: `${fake}/broken`, code: 'ABCD-EFGH', signature: sig() }));
    expect(broken.details).toMatchObject({ problem: 'sync_enroll_failed', server: `${fake}/broken` });

    const notUrl = await refused(api.call('sync.enroll', { serverUrl: 'central:4790', code: 'ABCD-EFGH', signature: sig() }));
    expect(notUrl.details).toMatchObject({ problem: 'sync_enroll_url_invalid' });

    await expectNotEnrolled();
    // No signed event either: a refused enrollment leaves no record of having been signed.
    expect(localEvents().filter((e) => e.seq > before && e.signature !== null)).toEqual([]);
  });

  it('a signed enrollment stores a 0600 credential, records who enrolled, and starts sync: the station\'s events reach central', async () => {
    const code = await issueCode(c, id);
    const view = await api.call('sync.enroll', { serverUrl: `${c.url}/`, code, signature: sig('enroll at installation') });
    expect(view).toEqual({ serverUrl: c.url, stationId: id, protocol: expect.any(String) });
    expect(JSON.stringify(view)).not.toMatch(/token/i);

    const file = join(dir.path, CREDENTIAL_FILE);
    expect((statSync(file).mode & 0o777).toString(8)).toBe('600');
    const { token } = JSON.parse(readFileSync(file, 'utf8')) as { token: string };
    expect(token.length).toBeGreaterThan(10);

    // The runtime started its sync client on its own: online, then everything sent.
    await until(async () => (await api.call('station.status', {})).sync.state === 'online', 'sync online after enrolling from Settings', 60_000);
    await api.call('scan.submit', { text: 'AFTER-ENROLL-1', source: 'enroll-test', receivedAt: new Date().toISOString() });
    await until(async () => (await api.call('station.status', {})).sync.queued === 0, 'the queue drained', 60_000);

    const local = localEvents();
    const central = await centralEvents(c, id);
    expect(central.length).toBe(local.length);
    expect(central.map((e) => e.type)).toContain('scan.received');
    const enrolled = central.filter((e) => e.type === 'sync.enrolled');
    expect(enrolled).toHaveLength(1);
    expect(enrolled[0]!.payload).toEqual({ serverUrl: c.url, stationId: id, protocol: view.protocol });
    expect(enrolled[0]!.signature).toMatchObject({ signerId: 'u-ada', meaning: 'approved', reason: 'enroll at installation' });
    expect((await api.call('station.status', {})).sync).toMatchObject({ state: 'online', server: c.url, queued: 0 });

    // The token is in no event, here or centrally.
    for (const e of local) expect(JSON.stringify(e)).not.toContain(token);
    for (const e of central) expect(JSON.stringify(e)).not.toContain(token);
    expect(station!.stderr()).not.toContain(token);
    // …nor in any log file of the station (only the credential file holds it).
    for (const f of readdirSync(dir.path, { recursive: true, encoding: 'utf8' })) {
      const path = join(dir.path, f);
      if (f === CREDENTIAL_FILE || !statSync(path).isFile() || f.startsWith('station.db')) continue;
      expect(readFileSync(path, 'utf8'), f).not.toContain(token);
    }
  });
});
