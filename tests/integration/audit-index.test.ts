// Lookups by type, user and time (the audit viewer's, and the commands' and the engine's by
// type through `ofTypes`) read audit_index up to its last catch-up and the log after it: every
// answer must equal a plain filter over the whole log, wherever that boundary falls, and
// paging must cross it without losing or repeating an event.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AuditEntry } from '../../shared/contract/station';
import { auditIndexedUpTo, catchUpAuditIndex, ofTypes } from '../../electron/station/store/audit-index';
import { eventTypesRecorded } from '../../electron/station/handlers/audit';
import { readEvents } from '../../electron/station/store/event-log';
import type { StationRuntime } from '../../electron/station/runtime/runtime';
import { client, inProcessTransport, openDemoRuntime, tempDir } from './helpers/station';

let dir: ReturnType<typeof tempDir>;
let now: number;
let rt: StationRuntime;
const api = () => client(inProcessTransport(rt));
const minutes = (n: number) => (now += n * 60_000);

beforeEach(async () => {
  dir = tempDir();
  now = Date.parse('2026-11-21T08:00:00Z');
  rt = await openDemoRuntime(dir.path, { clock: () => now });
});
afterEach(async () => {
  await rt.close();
  dir.remove();
});

/** A shift's worth of logins and logouts by three users, a minute apart. */
async function shift(rounds: number): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    for (const [badge, pin] of [['OP-100', '1111'], ['QA-400', '4444'], ['SV-300', '3333']] as const) {
      minutes(1);
      await api().call('auth.login', { badge, pin });
      await api().call('auth.logout', {});
    }
  }
}

interface Query {
  userId?: string;
  types?: string[];
  from?: string;
  to?: string;
}

/** The answer by definition: the whole log, filtered, newest first. */
function expected(q: Query): number[] {
  const from = q.from ? Date.parse(q.from) : -Infinity;
  const to = q.to ? Date.parse(q.to) : Infinity;
  return [...readEvents(rt.store.sqlite)]
    .filter((e) => (q.userId === undefined || e.actor === q.userId) && (!q.types || q.types.includes(e.type)) && Date.parse(e.wallTime) >= from && Date.parse(e.wallTime) <= to)
    .map((e) => e.seq)
    .reverse();
}

/** Every page of the viewer's answer, `limit` entries at a time. */
async function allPages(q: Query, limit: number): Promise<number[]> {
  const seqs: number[] = [];
  let beforeSeq: number | undefined;
  for (;;) {
    const page: { entries: AuditEntry[]; nextBeforeSeq: number | null } = await api().call('audit.list', { ...q, limit, ...(beforeSeq ? { beforeSeq } : {}) });
    seqs.push(...page.entries.map((e) => e.seq));
    if (page.nextBeforeSeq === null) return seqs;
    beforeSeq = page.nextBeforeSeq;
  }
}

const iso = (ms: number) => new Date(ms).toISOString();
const start = Date.parse('2026-11-21T08:00:00Z');

describe('audit lookups by type, user and time', () => {
  it.each<[string, Query]>([
    ['one user', { userId: 'u-quinn' }],
    ['one user, logins only', { userId: 'u-olivia', types: ['auth.login'] }],
    ['one type', { types: ['auth.logout'] }],
    ['two types', { types: ['auth.login', 'auth.logout'] }],
    ['a type in a window', { types: ['auth.login'], from: iso(start + 3 * 60_000), to: iso(start + 8 * 60_000) }],
    ['from a time', { from: iso(start + 5 * 60_000) }],
    ['up to a time', { to: iso(start + 9 * 60_000) }],
    ['a window', { from: iso(start + 4 * 60_000), to: iso(start + 10 * 60_000) }],
    ['a user in a window', { userId: 'u-sofia', from: iso(start + 2 * 60_000), to: iso(start + 11 * 60_000) }],
    ['a user with no events', { userId: 'u-nobody' }],
  ])('%s: the same events as a filter over the whole log, on either side of the index, paged across it', async (_, q) => {
    await shift(2);
    catchUpAuditIndex(rt.store.sqlite);
    await shift(2);
    // The boundary lies inside the shift: both the index and the log's tail answer.
    const indexed = auditIndexedUpTo(rt.store.sqlite);
    expect(indexed).toBeLessThan(rt.log.lastSeq);
    const want = expected(q);
    await api().call('auth.login', { badge: 'SV-300', pin: '3333' });
    // The viewer's own login is newer than anything expected; it is left out of the comparison.
    const own = rt.log.lastSeq;
    const got = (await allPages(q, 3)).filter((s) => s < own);
    expect(got).toEqual(want);
    if (q.userId !== 'u-nobody') expect(want.some((s) => s <= indexed) && want.some((s) => s > indexed)).toBe(true);
  });

  it('events recorded while the station is busy reach the index in its next idle turn', async () => {
    await shift(1);
    await vi.waitFor(() => expect(auditIndexedUpTo(rt.store.sqlite)).toBe(rt.log.lastSeq), { timeout: 10_000, interval: 50 });
  });

  it('events a previous run recorded after its last idle turn are indexed when the station opens', async () => {
    await shift(1);
    const before = auditIndexedUpTo(rt.store.sqlite);
    // Appended the way a run cut off before its idle turn leaves them: in the log, not in the index.
    rt.store.sqlite.transaction(() => {
      for (let i = 0; i < 3; i++) rt.log.append({ type: 'scan.received', payload: { text: `LL-LOT-L-10000${i}`, source: 'test', receivedAt: iso(now) }, actor: 'u-olivia' });
    })();
    rt.log.committed();
    const last = rt.log.lastSeq;
    expect(auditIndexedUpTo(rt.store.sqlite)).toBeLessThanOrEqual(before);
    await rt.close();
    rt = await openDemoRuntime(dir.path, { clock: () => now });
    expect(auditIndexedUpTo(rt.store.sqlite)).toBeGreaterThanOrEqual(last);
    const rows = rt.store.sqlite.prepare('SELECT seq, type, actor, wall_time FROM audit_index WHERE seq > ? AND seq <= ? ORDER BY seq').all(last - 3, last);
    const log = rt.store.sqlite.prepare('SELECT seq, type, actor, wall_time FROM events WHERE seq > ? AND seq <= ? ORDER BY seq').all(last - 3, last);
    expect(rows).toEqual(log);
  });

  it('the filter list names every event type the log holds, once each, in order', async () => {
    await shift(1);
    await api().call('auth.login', { badge: 'SV-300', pin: '3333' });
    const page = await api().call('audit.list', { limit: 1 });
    const want = [...new Set([...readEvents(rt.store.sqlite)].map((e) => e.type))].sort();
    expect(page.eventTypes).toEqual(want);
    expect(eventTypesRecorded(rt.store.sqlite)).toEqual(want);
  });

  it('the filter list names a type recorded only since the last catch-up, and one only in the index', async () => {
    catchUpAuditIndex(rt.store.sqlite);
    const indexedTypes = eventTypesRecorded(rt.store.sqlite);
    expect(indexedTypes).not.toContain('scan.received');
    appendScans(1);
    expect(auditIndexedUpTo(rt.store.sqlite)).toBeLessThan(rt.log.lastSeq);
    expect(eventTypesRecorded(rt.store.sqlite)).toEqual([...indexedTypes, 'scan.received'].sort());
  });
});

/** Scans appended in one commit, as a run leaves them before its idle turn copies them. */
function appendScans(n: number): void {
  rt.store.sqlite.transaction(() => {
    for (let i = 0; i < n; i++) rt.log.append({ type: 'scan.received', payload: { text: `LL-LOT-L-10000${i}`, source: 'test', receivedAt: iso(now) }, actor: 'u-olivia' });
  })();
  rt.log.committed();
}

describe('lookups by type (ofTypes)', () => {
  const seqsOf = (types: Parameters<typeof ofTypes>[0]) => rt.store.sqlite.prepare(`SELECT seq FROM events WHERE ${ofTypes(types)} ORDER BY seq`).pluck().all() as number[];
  const byDefinition = (types: readonly string[]) => [...readEvents(rt.store.sqlite)].filter((e) => types.includes(e.type)).map((e) => e.seq);

  it('finds every event of the types, on both sides of the index, and no other', async () => {
    await shift(1);
    appendScans(2);
    catchUpAuditIndex(rt.store.sqlite);
    await shift(1);
    appendScans(2);
    const indexed = auditIndexedUpTo(rt.store.sqlite);
    for (const types of [['scan.received'], ['auth.login', 'auth.logout'], ['lot.held']] as const) {
      const want = byDefinition(types);
      expect(seqsOf(types)).toEqual(want);
      if (types[0] === 'scan.received') expect(want.some((s) => s <= indexed) && want.some((s) => s > indexed)).toBe(true);
    }
  });

  it('reads the log by seq, never the whole log: the type index, then each event by its key', () => {
    const plan = (rt.store.sqlite.prepare(`EXPLAIN QUERY PLAN SELECT e.payload FROM events e WHERE ${ofTypes(['packing.lot_closed'], 'e')} AND json_extract(e.payload, '$.finishedLotId') = ? ORDER BY e.seq DESC LIMIT 1`).all('FL-1') as Array<{ detail: string }>).map((r) => r.detail);
    expect(plan.some((d) => /SEARCH audit_index USING COVERING INDEX audit_index_type/.test(d))).toBe(true);
    expect(plan.some((d) => /SEARCH e USING INTEGER PRIMARY KEY/.test(d))).toBe(true);
    expect(plan.filter((d) => /^SCAN (e|events)\b/.test(d))).toEqual([]);
  });

  it('refuses a name that is not an event type rather than writing it into SQL', () => {
    expect(() => ofTypes(["lot.held') OR 1=1 --" as 'lot.held'])).toThrow(/not event types/);
    expect(() => ofTypes([])).toThrow(/not event types/);
  });
});
