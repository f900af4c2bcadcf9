// The station runtime on a real SQLite file: logins, lockout, idle lock, signatures,
// append-only enforcement, tamper detection and projection rebuilds.
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StationError } from '../../shared/contract/errors';
import { eventHashInput } from '../../shared/events/event';
import { canonicalJson } from '../../shared/events/canonical';
import { EventLog, readEvents, sha256, verifyChain } from '../../electron/station/store/event-log';
import { openStore } from '../../electron/station/store/db';
import { rebuildProjections } from '../../electron/station/store/rebuild';
import type { StationRuntime } from '../../electron/station/runtime/runtime';
import { client, inProcessTransport, openDemoRuntime, tempDir } from './helpers/station';

let dir: ReturnType<typeof tempDir>;
let now: number;
let rt: StationRuntime;
const clock = () => now;
const count = (type?: string) =>
  (rt.store.sqlite.prepare(`SELECT count(*) AS n FROM events ${type ? 'WHERE type = ?' : ''}`).get(...(type ? [type] : [])) as { n: number }).n;

beforeEach(async () => {
  dir = tempDir();
  now = Date.parse('2026-11-21T08:00:00Z');
  rt = await openDemoRuntime(dir.path, { clock });
});
afterEach(async () => {
  await rt.close();
  dir.remove();
});

const api = () => client(inProcessTransport(rt));
const login = (badge: string, pin: string) => api().call('auth.login', { badge, pin });
const errorOf = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    return e as StationError;
  }
  throw new Error('expected the call to fail');
};

describe('login by badge and PIN', () => {
  it('opens a session and records auth.login attributed to the user', async () => {
    const s = await login('OP-100', '1111');
    expect(s).toMatchObject({ userId: 'u-olivia', name: 'Olivia Ortiz', roles: ['operator'] });
    expect(rt.status().session?.userId).toBe('u-olivia');
    const last = rt.store.sqlite.prepare("SELECT actor FROM events WHERE type = 'auth.login' ORDER BY seq DESC").get() as { actor: string };
    expect(last.actor).toBe('u-olivia');
  });

  it('refuses a wrong PIN, says how many attempts are left, and still records the attempt', async () => {
    const before = count('auth.login_failed');
    const err = await errorOf(login('OP-100', '9999'));
    expect(err.code).toBe('wrong_pin');
    expect(err.details?.remaining).toBe(4);
    expect(count('auth.login_failed')).toBe(before + 1);
    expect(rt.status().session).toBeNull();
  });

  it('locks the user out after five wrong PINs, refuses the right PIN while locked, and lets them in after the lock', async () => {
    for (let i = 0; i < 4; i++) expect((await errorOf(login('OP-101', '0000'))).code).toBe('wrong_pin');
    const locked = await errorOf(login('OP-101', '0000'));
    expect(locked.code).toBe('locked_out');
    expect(count('auth.locked_out')).toBe(1);
    expect((await errorOf(login('OP-101', '1112'))).code).toBe('locked_out');
    now += 16 * 60_000;
    await expect(login('OP-101', '1112')).resolves.toMatchObject({ userId: 'u-sam' });
  });

  it('refuses an unknown badge and records it without an actor', async () => {
    const err = await errorOf(login('NOBODY-1', '1234'));
    expect(err.code).toBe('unknown_badge');
    const e = rt.store.sqlite.prepare("SELECT actor, payload FROM events WHERE type = 'auth.login_failed' ORDER BY seq DESC").get() as { actor: string | null; payload: string };
    expect(e.actor).toBeNull();
    expect(JSON.parse(e.payload)).toMatchObject({ badge: 'NOBODY-1', cause: 'unknown_badge' });
  });

  it('a second login replaces the first session with an audited logout', async () => {
    await login('OP-100', '1111');
    await login('SV-300', '3333');
    const logout = rt.store.sqlite.prepare("SELECT actor, payload FROM events WHERE type = 'auth.logout' ORDER BY seq DESC").get() as { actor: string; payload: string };
    expect(JSON.parse(logout.payload)).toEqual({ userId: 'u-olivia', cause: 'replaced' });
    expect(rt.status().session?.userId).toBe('u-sofia');
  });

  it('locks an idle session and records why', async () => {
    await login('OP-100', '1111');
    now += 14 * 60_000;
    await rt.checkIdle();
    expect(rt.status().session).not.toBeNull();
    now += 2 * 60_000;
    await rt.checkIdle();
    expect(rt.status().session).toBeNull();
    const e = rt.store.sqlite.prepare("SELECT payload FROM events WHERE type = 'auth.logout' ORDER BY seq DESC").get() as { payload: string };
    expect(JSON.parse(e.payload)).toEqual({ userId: 'u-olivia', cause: 'idle' });
  });

  it('a session left open by a crash is closed at the next start', async () => {
    await login('OP-100', '1111');
    // Simulate a crash: drop the runtime without close() (no logout event).
    rt.store.close();
    (rt as unknown as { lock?: { release(): void } }).lock?.release();
    rt = await openDemoRuntime(dir.path, { clock });
    expect(rt.status().session).toBeNull();
    const e = rt.store.sqlite.prepare("SELECT payload FROM events WHERE type = 'auth.logout' ORDER BY seq DESC").get() as { payload: string };
    expect(JSON.parse(e.payload)).toEqual({ userId: 'u-olivia', cause: 'shutdown' });
  });
});

describe('electronic signatures', () => {
  const configure = (signature: object) => api().call('station.configure', { name: 'SMT line 1b', type: 'smt', area: 'Electronics', idleLockMinutes: 20, signature: signature as never });

  it('needs badge and PIN the first time in a session, then the PIN alone', async () => {
    await login('AD-500', '5555');
    const first = await errorOf(configure({ pin: '5555', meaning: 'approved', reason: 'rename line' }));
    expect(first.code).toBe('signature_invalid');
    expect(count('station.configured')).toBe(1);
    await expect(configure({ badge: 'AD-500', pin: '5555', meaning: 'approved', reason: 'rename line' })).resolves.toMatchObject({ name: 'SMT line 1b', idleLockMinutes: 20 });
    await expect(configure({ pin: '5555', meaning: 'approved', reason: 'again' })).resolves.toBeTruthy();
    const rows = rt.store.sqlite.prepare("SELECT signature FROM events WHERE type = 'station.configured' AND signature IS NOT NULL ORDER BY seq").all() as Array<{ signature: string }>;
    expect(rows.map((r) => JSON.parse(r.signature))).toEqual([
      expect.objectContaining({ signerName: 'Ada Keller', meaning: 'approved', reason: 'rename line', components: 'badge+pin' }),
      expect.objectContaining({ signerName: 'Ada Keller', components: 'pin' }),
    ]);
  });

  it('refuses a signer without the needed role and a wrong PIN, recording both', async () => {
    await login('AD-500', '5555');
    expect((await errorOf(configure({ badge: 'SV-300', pin: '3333', meaning: 'approved', reason: 'x' }))).code).toBe('signature_invalid');
    expect((await errorOf(configure({ badge: 'AD-500', pin: '0000', meaning: 'approved', reason: 'x' }))).code).toBe('signature_invalid');
    const causes = (rt.store.sqlite.prepare("SELECT payload FROM events WHERE type = 'auth.signature_failed' ORDER BY seq").all() as Array<{ payload: string }>).map((r) => JSON.parse(r.payload).cause);
    expect(causes).toEqual(['role', 'wrong_pin']);
  });

  it('an operator cannot change station settings at all', async () => {
    await login('OP-100', '1111');
    expect((await errorOf(configure({ badge: 'OP-100', pin: '1111', meaning: 'approved', reason: 'x' }))).code).toBe('forbidden');
  });

  it('a signature copied onto another record is detected even if the chain is rebuilt around it', async () => {
    await login('AD-500', '5555');
    await configure({ badge: 'AD-500', pin: '5555', meaning: 'approved', reason: 'rename line' });
    await rt.close();
    const db = new Database(`${dir.path}/station.db`);
    db.exec('DROP TRIGGER events_no_update');
    const signed = db.prepare("SELECT seq, signature FROM events WHERE type = 'station.configured' AND signature IS NOT NULL").get() as { seq: number; signature: string };
    const victim = db.prepare("SELECT seq FROM events WHERE type = 'lot.received' LIMIT 1").get() as { seq: number };
    db.prepare('UPDATE events SET signature = ? WHERE seq = ?').run(signed.signature, victim.seq);
    rechain(db);
    const result = verifyChain(db, 'SMT-01');
    db.close();
    expect(result.firstBroken).toMatchObject({ seq: victim.seq, problem: 'signature_mismatch' });
    rt = await openDemoRuntime(dir.path, { clock });
  });
});

/** Recomputes every hash from the first event on: what a careful forger would do. */
function rechain(db: Database.Database): void {
  let prev = '0'.repeat(64);
  const update = db.prepare('UPDATE events SET prev_hash = ?, hash = ? WHERE seq = ?');
  for (const e of [...readEvents(db)]) {
    const { hash: _old, ...content } = { ...e, prevHash: prev };
    const hash = sha256(eventHashInput(content));
    update.run(prev, hash, e.seq);
    prev = hash;
  }
}

describe('the event log is append-only and tamper-evident', () => {
  it('refuses UPDATE and DELETE in the database itself', () => {
    expect(() => rt.store.sqlite.prepare("UPDATE events SET reason = 'x' WHERE seq = 1").run()).toThrow(/append-only: UPDATE refused/);
    expect(() => rt.store.sqlite.prepare('DELETE FROM events WHERE seq = 1').run()).toThrow(/append-only: DELETE refused/);
  });

  it.each([
    ['a changed payload', 'UPDATE events SET payload = replace(payload, \'L-100004\', \'L-999999\') WHERE seq = (SELECT min(seq) FROM events WHERE payload LIKE \'%L-100004%\')', 'hash_mismatch'],
    ['a deleted event', 'DELETE FROM events WHERE seq = 20', 'sequence_gap'],
    ['a changed actor', "UPDATE events SET actor = 'u-ada' WHERE seq = 30", 'hash_mismatch'],
    ['a relinked chain', "UPDATE events SET prev_hash = '" + 'f'.repeat(64) + "' WHERE seq = 40", 'prev_hash_mismatch'],
  ])('detects %s behind the triggers’ back', async (_, sql, problem) => {
    await rt.close();
    const db = new Database(`${dir.path}/station.db`);
    db.exec('DROP TRIGGER events_no_update; DROP TRIGGER events_no_delete;');
    expect(verifyChain(db, 'SMT-01').ok).toBe(true);
    db.exec(sql);
    const result = verifyChain(db, 'SMT-01');
    db.close();
    expect(result.ok).toBe(false);
    expect(result.firstBroken?.problem).toBe(problem);
    rt = await openDemoRuntime(dir.path, { clock });
  });

  it('a failed transaction leaves no gap: the next event takes the next sequence', () => {
    const store = rt.store;
    const log = rt.log;
    const before = log.lastSeq;
    expect(() =>
      store.sqlite.transaction(() => {
        log.append({ type: 'scan.received', payload: { text: 'x', source: 't', receivedAt: new Date(now).toISOString() }, actor: null });
        throw new Error('boom');
      })(),
    ).toThrow('boom');
    log.rolledBack();
    expect(log.lastSeq).toBe(before);
    store.sqlite.transaction(() => log.append({ type: 'scan.received', payload: { text: 'y', source: 't', receivedAt: new Date(now).toISOString() }, actor: null }))();
    log.committed();
    expect(verifyChain(store.sqlite, 'SMT-01')).toMatchObject({ ok: true, lastSeq: before + 1 });
  });

  it('refuses an event whose payload does not match its type, and writes nothing', () => {
    const before = rt.log.lastSeq;
    expect(() =>
      rt.store.sqlite.transaction(() => rt.log.append({ type: 'lot.released', payload: { lot: 'L-1' } as never, actor: null }))(),
    ).toThrow();
    rt.log.rolledBack();
    expect(count()).toBe(before);
  });
});

describe('projections are derived from the log', () => {
  it('a rebuild from the log reproduces every projection exactly', async () => {
    await login('OP-100', '1111');
    await login('OP-101', '0000').catch(() => undefined);
    const report = rebuildProjections(rt.store.sqlite, rt.store.db);
    expect(report.events).toBe(rt.log.lastSeq);
    expect(report).toMatchObject({ identical: true, differences: {} });
  });

  it('a projection edited by hand is found by the check and repaired by the rebuild', () => {
    rt.store.sqlite.prepare("UPDATE lots SET status = 'released' WHERE lot_id = 'L-100005'").run();
    const check = rebuildProjections(rt.store.sqlite, rt.store.db, { dryRun: true });
    expect(check.identical).toBe(false);
    expect(Object.keys(check.differences)).toEqual(['lots']);
    expect(rt.store.sqlite.prepare("SELECT status FROM lots WHERE lot_id = 'L-100005'").get()).toEqual({ status: 'released' });
    rebuildProjections(rt.store.sqlite, rt.store.db);
    expect(rt.store.sqlite.prepare("SELECT status FROM lots WHERE lot_id = 'L-100005'").get()).toEqual({ status: 'quarantined' });
  });
});

describe('demo data', () => {
  it('is loaded through the command path: master data, lots and QA-signed releases are all events', () => {
    expect(count('master.user.upserted')).toBe(7);
    const released = rt.store.sqlite.prepare("SELECT signature FROM events WHERE type = 'lot.released'").all() as Array<{ signature: string }>;
    expect(released.length).toBeGreaterThan(10);
    expect(JSON.parse(released[0]!.signature)).toMatchObject({ signerName: 'Quinn Okafor', meaning: 'approved' });
    expect(rt.store.sqlite.prepare("SELECT status FROM lots WHERE lot_id = 'L-100005'").get()).toEqual({ status: 'quarantined' });
    expect(rt.isDemo()).toBe(true);
    expect(verifyChain(rt.store.sqlite, 'SMT-01').ok).toBe(true);
  });

  it('never exposes PIN hashes through the audit trail', async () => {
    await login('SV-300', '3333');
    const page = await api().call('audit.list', { types: ['master.user.upserted'], limit: 10 });
    expect(page.entries).toHaveLength(7);
    expect(JSON.stringify(page.entries)).not.toMatch(/scrypt\$/);
    expect(page.entries[0]!.payload.pinHash).toBe('[redacted]');
  });
});

describe('store files', () => {
  it('opens in WAL mode with synchronous=FULL', () => {
    expect(rt.store.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(rt.store.sqlite.pragma('synchronous', { simple: true })).toBe(2);
  });

  it('refuses a second runtime on the same data folder', async () => {
    await expect(openDemoRuntime(dir.path)).rejects.toThrow(/in use by process/);
  });

  it('keeps canonical payload text, so hashes are reproducible from the stored row', () => {
    const row = rt.store.sqlite.prepare('SELECT payload FROM events WHERE seq = 5').get() as { payload: string };
    expect(canonicalJson(JSON.parse(row.payload))).toBe(row.payload);
    void openStore;
    void EventLog;
  });
});
