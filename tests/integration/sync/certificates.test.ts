// Certificates replicated from a real station runtime to a real central server (PGlite and
// PostgreSQL): the clerk's CoC reaches central byte for byte after its receiving record, the
// board serves it to QA and not to an operator, nothing is uploaded twice across a restart,
// a certificate missing or damaged on the station's disk is parked and reported without
// holding up events or the certificates after it, and central refuses tampered or unnamed
// bytes sent with the station's own credential.
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import * as ct from '../../../server/db/schema';
import { loadDemo } from '../../../electron/station/demo/load';
import type { StationRuntime } from '../../../electron/station/runtime/runtime';
import type { SyncTrace } from '../../../electron/station/sync/client';
import { FileCredentialStore } from '../../../electron/station/sync/credential';
import { client, inProcessTransport, tempDir, TEST_KDF } from '../helpers/station';
import { adminSession, SyncClient } from '../server/helpers';
import { DB_KINDS, FAST, issueCode, openSyncedStation, pdf, receiveWithCertificate, shaOf, startCentral, until, waitDrained, type Central } from './helpers';

const png = (size: number) => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(size - 8)]);
/** Bytes per upload chunk whose base64 fits the contract's bound. */

describe.each(DB_KINDS)('certificates from a station to central on %s', (kind) => {
  const dir = tempDir();
  let central: Central | undefined;
  let rt: StationRuntime | undefined;
  afterAll(async () => {
    await rt?.close();
    await central?.close();
    dir.remove();
  });

  const receiveWith = receiveWithCertificate;
  /** The certificates made unreadable on the station's disk, with their bytes, to put back later. */
  const unreadable: Array<{ path: string; sha: string; bytes: Buffer }> = [];
  const heldDocs = async (shas: string[], on = central!) => on.tdb.central.db.select().from(ct.documents).where(inArray(ct.documents.sha256, shas));
  const uploads = (traces: readonly SyncTrace[]) => traces.filter((t): t is Extract<SyncTrace, { op: 'document_uploaded' }> => t.op === 'document_uploaded');
  const parked = (traces: readonly SyncTrace[]) => traces.filter((t): t is Extract<SyncTrace, { op: 'document_parked' }> => t.op === 'document_parked');
  const certificate = (token: string | null, lotId: string) => fetch(`${central!.url}/board/api/lots/${encodeURIComponent(lotId)}/certificate`, { headers: { authorization: `Bearer ${token}` } });

  it('reaches central exactly, is served to QA only, and is never uploaded twice across a restart', async () => {
    central = await startCentral(kind);
    const code = await issueCode(central, 'SMT-01');
    let station = await openSyncedStation(dir.path, central.url, { stationId: 'SMT-01', code });
    rt = station.rt;
    await loadDemo(rt, { kdf: TEST_KDF, stationType: 'smt' });
    let api = client(inProcessTransport(rt));
    await api.call('auth.login', { badge: 'OP-100', pin: '1111' });

    // A 1 MB PDF in several chunks: central ends with the very bytes the station keeps.
    const a = await receiveWith(api, 'MX-COC-A', pdf(1_000_000), 'CoC MX-COC-A.pdf');
    await waitDrained(rt);
    // The station's record of the upload, not central's row: the row commits before the answer reaches the station.
    await until(() => uploads(station.traces).length > 0, 'certificate A uploaded');
    const [heldA] = await heldDocs([a.sha]);
    expect(shaOf(heldA!.bytes)).toBe(a.sha);
    expect(heldA).toMatchObject({ mediaType: 'application/pdf', byteSize: 1_000_000, firstStationId: 'SMT-01' });
    expect(uploads(station.traces)).toEqual([{ op: 'document_uploaded', sha256: a.sha, bytes: 1_000_000, stored: true }]);

    const qa = await adminSession(central.url, central.tdb.central, ['qa']);
    const res = await certificate(qa.token, a.lotId);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="CoC MX-COC-A.pdf"');
    expect(shaOf(Buffer.from(await res.arrayBuffer()))).toBe(a.sha);
    const operator = await adminSession(central.url, central.tdb.central, ['operator']);
    expect((await certificate(operator.token, a.lotId)).status).toBe(403);
    const lots = await qa.request<{ lots: Array<{ lotId: string; certificate?: boolean }> }>('GET', '/board/api/lots');
    expect(lots.body.lots.find((l) => l.lotId === a.lotId)?.certificate).toBe(true);

    // Restart the station: A is remembered as uploaded; only the new certificate goes.
    await rt.close();
    rt = undefined;
    station = await openSyncedStation(dir.path, central.url, { stationId: 'SMT-01' });
    rt = station.rt;
    api = client(inProcessTransport(rt));
    await api.call('auth.login', { badge: 'OP-100', pin: '1111' });
    const b = await receiveWith(api, 'MX-COC-B', png(200_000), 'photo B.png');
    await waitDrained(rt);
    await until(() => uploads(station.traces).length > 0, 'certificate B uploaded');
    // Documents go oldest record first, so a re-sent A would have come before B.
    expect(uploads(station.traces)).toEqual([{ op: 'document_uploaded', sha256: b.sha, bytes: 200_000, stored: true }]);
    expect(await heldDocs([a.sha, b.sha])).toHaveLength(2);
    expect(rt.store.sqlite.prepare("SELECT sha256 FROM document_uploads WHERE state = 'uploaded' ORDER BY event_seq").pluck().all()).toEqual([a.sha, b.sha]);
    expect(rt.status().sync.documents).toEqual({ pending: 0, failed: 0, refused: 0, problem: null, latest: null });
  });

  it('a certificate missing or damaged on the station is parked and reported; events and later certificates still go', async () => {
    const r = rt!;
    const api = client(inProcessTransport(r));
    await api.call('auth.login', { badge: 'OP-100', pin: '1111' });
    // Recorded while offline; then one file is deleted and one altered on the station's disk.
    await r.sync!.stop();
    const cBytes = pdf(40_000);
    const dBytes = pdf(30_000);
    const c = await receiveWith(api, 'MX-COC-C', cBytes, 'coc C.pdf');
    const d = await receiveWith(api, 'MX-COC-D', dBytes, 'coc D.pdf');
    unreadable.push({ ...c, bytes: cBytes }, { ...d, bytes: dBytes });
    const e = await receiveWith(api, 'MX-COC-E', pdf(20_000), 'coc E.pdf');
    rmSync(join(r.dataDir, 'documents', c.sha), { recursive: true });
    const damaged = pdf(30_000);
    writeFileSync(join(r.dataDir, d.path), damaged);
    const traces: SyncTrace[] = [];
    await r.startSync({ serverUrl: central!.url, credentials: new FileCredentialStore(dir.path), ...FAST, onTrace: (t) => traces.push(t) });
    await waitDrained(r);
    await until(() => uploads(traces).length > 0, 'certificate E uploaded, after the two that cannot be read');
    expect(await heldDocs([e.sha])).toHaveLength(1);
    expect(await heldDocs([c.sha, d.sha])).toHaveLength(0);
    expect(uploads(traces).map((t) => t.sha256)).toEqual([e.sha]);
    // Parked once each, not retried in a loop, and said in the sync status.
    await new Promise((res) => setTimeout(res, 1_000));
    expect(parked(traces).map((t) => [t.sha256, t.state])).toEqual([
      [c.sha, 'unreadable'],
      [d.sha, 'unreadable'],
    ]);
    const status = r.status().sync;
    expect(status.documents).toMatchObject({ pending: 0, failed: 2, problem: expect.stringContaining('missing or damaged') as string, latest: { reason: 'unreadable' } });
    expect(status.detail).toContain('2 certificates not uploaded');
    // Events keep flowing.
    await r.submitScan('LL-SLOT-SMT1-F05', 'test');
    await waitDrained(r);
    expect(r.status().sync.state).toBe('online');
    // QA at central is told the certificate has not arrived, not that there is none.
    const qa = await adminSession(central!.url, central!.tdb.central, ['qa']);
    const missing = await certificate(qa.token, c.lotId);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { message: string }).message).toContain('has not reached central yet');
  });

  it('a certificate central refuses for good is parked with its reason and not retried; a 5xx keeps the backoff; an updated central takes it', async () => {
    // A central of its own: lot numbers are per station, and SMT-01's lots are on the shared one.
    const c = await startCentral(kind);
    const own = tempDir();
    // Retries due at once: a refusal still retried on a timer would be tried again before anything newer.
    const st = await openSyncedStation(own.path, c.url, { stationId: 'SMT-02', code: await issueCode(c, 'SMT-02'), sync: { documentRetryMs: 1, documentPollMs: 50 } });
    const exec = (q: string) => c.tdb.central.db.execute(sql.raw(q));
    try {
      await loadDemo(st.rt, { kdf: TEST_KDF, stationType: 'smt' });
      const api = client(inProcessTransport(st.rt));
      await api.call('auth.login', { badge: 'OP-100', pin: '1111' });

      // Central's store fails (a 500, as when busy or broken): the upload waits in the backoff, it is not parked.
      await exec("CREATE FUNCTION test_documents_fail() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'storage unavailable'; END $$ LANGUAGE plpgsql");
      await exec('CREATE TRIGGER test_documents_fail BEFORE INSERT ON documents FOR EACH ROW EXECUTE FUNCTION test_documents_fail()');
      const g = await receiveWith(api, 'MX-COC-G', pdf(30_000), 'coc G.pdf');
      await waitDrained(st.rt);
      await until(() => st.traces.filter((t) => t.op === 'failure' && t.loop === 'documents').length >= 2, 'the upload of G failed twice');
      expect(st.traces.filter((t) => t.op === 'failure' && t.loop === 'documents').every((t) => t.op === 'failure' && t.kind === 'offline')).toBe(true);
      expect(parked(st.traces)).toEqual([]);
      expect(st.rt.status().sync.documents).toMatchObject({ pending: 1, failed: 0 });

      // Central no longer holds the record naming G: its refusal is for good, and says why.
      await c.tdb.central.db.delete(ct.lotCertificates).where(and(eq(ct.lotCertificates.stationId, 'SMT-02'), eq(ct.lotCertificates.sha256, g.sha)));
      await exec('DROP TRIGGER test_documents_fail ON documents');
      await until(() => parked(st.traces).length > 0, 'G parked');
      expect(parked(st.traces)).toEqual([{ op: 'document_parked', sha256: g.sha, state: 'refused', retry: false, message: expect.stringContaining('(forbidden): no receiving record pushed by station SMT-02 names document') as string }]);

      // Later certificates still go, and G is not tried again before them, however often the loop runs.
      const h = await receiveWith(api, 'MX-COC-H', pdf(20_000), 'coc H.pdf');
      await waitDrained(st.rt);
      await until(() => uploads(st.traces).length > 0, 'certificate H uploaded');
      const i = await receiveWith(api, 'MX-COC-I', pdf(10_000), 'coc I.pdf');
      await waitDrained(st.rt);
      await until(() => uploads(st.traces).length > 1, 'certificate I uploaded');
      expect(uploads(st.traces).map((t) => t.sha256)).toEqual([h.sha, i.sha]);
      expect(parked(st.traces)).toHaveLength(1);
      const status = st.rt.status().sync;
      expect(status.documents).toMatchObject({ pending: 0, failed: 1, refused: 1, problem: expect.stringContaining('forbidden') as string, latest: { lotId: g.lotId, path: g.path, reason: 'refused_for_good' } });
      expect(status.detail).toContain('1 certificate not uploaded (1 refused by central, not retried)');
      expect(await heldDocs([g.sha], c)).toHaveLength(0);

      // Central's record restored, and central updated since it refused: on the next connect G is tried again, and goes.
      await c.tdb.central.db.insert(ct.lotCertificates).values({ stationId: 'SMT-02', seq: Number(st.rt.store.sqlite.prepare('SELECT event_seq FROM document_uploads WHERE sha256 = ?').pluck().get(g.sha)), lotId: g.lotId, sha256: g.sha, name: 'coc G.pdf' });
      st.rt.store.sqlite.prepare('UPDATE document_uploads SET refused_by = ? WHERE sha256 = ?').run(`central ${c.url} (sync protocol 1.0), station 0.0.1`, g.sha);
      await st.rt.sync!.stop();
      const traces: SyncTrace[] = [];
      await st.rt.startSync({ serverUrl: c.url, credentials: st.credentials, ...FAST, documentRetryMs: 1, documentPollMs: 50, onTrace: (t) => traces.push(t) });
      await until(() => uploads(traces).length > 0, 'certificate G uploaded after central changed');
      expect(traces.find((t) => t.op === 'documents_reconsidered')).toMatchObject({ count: 1 });
      expect(uploads(traces).map((t) => t.sha256)).toEqual([g.sha]);
      expect(await heldDocs([g.sha], c)).toHaveLength(1);
      expect(st.rt.status().sync.documents).toEqual({ pending: 0, failed: 0, refused: 0, problem: null, latest: null });
    } finally {
      await exec('DROP TRIGGER IF EXISTS test_documents_fail ON documents');
      await st.rt.close();
      await c.close();
      own.remove();
    }
  });

  it("central refuses tampered or unnamed bytes sent with the station's own credential, and stores nothing", async () => {
    const cred = await new FileCredentialStore(dir.path).load();
    const asStation = new SyncClient(central!.url, cred!.token);
    const put = (sha: string, bytes: Buffer) => asStation.request('PUT', `/sync/documents/${sha}`, undefined, { raw: bytes, headers: { 'content-type': 'application/octet-stream' } });
    // C is named by an acknowledged record of this station but not held: bytes that are not C's are refused.
    const [c] = rt!.store.sqlite.prepare("SELECT sha256 FROM document_uploads WHERE state = 'unreadable' ORDER BY event_seq LIMIT 1").pluck().all() as string[];
    expect(await put(c!, pdf(40_000))).toMatchObject({ status: 400, body: { error: 'hash_mismatch' } });
    const stray = pdf(5_000);
    expect(await put(shaOf(stray), stray)).toMatchObject({ status: 403, body: { error: 'forbidden' } });
    expect(await central!.tdb.central.db.select().from(ct.documents).where(inArray(ct.documents.sha256, [c!, shaOf(stray)]))).toHaveLength(0);
    const all = await central!.tdb.central.db.select({ sha: ct.documents.sha256 }).from(ct.documents).where(eq(ct.documents.firstStationId, 'SMT-01'));
    expect(all).toHaveLength(3);
  });

  it('an administrator has the parked certificates tried again once IT put the files back; an operator may not', async () => {
    const r = rt!;
    const api = client(inProcessTransport(r));
    await api.call('auth.login', { badge: 'OP-100', pin: '1111' });
    await expect(api.call('sync.retry_certificates', {})).rejects.toMatchObject({ code: 'forbidden' });
    for (const u of unreadable) {
      mkdirSync(dirname(join(r.dataDir, u.path)), { recursive: true });
      writeFileSync(join(r.dataDir, u.path), u.bytes);
    }
    expect(r.status().sync.documents).toMatchObject({ pending: 0, failed: 2 });
    const traces: SyncTrace[] = [];
    await r.sync!.stop();
    await r.startSync({ serverUrl: central!.url, credentials: new FileCredentialStore(dir.path), ...FAST, onTrace: (t) => traces.push(t) });
    await waitDrained(r);
    // Parked an hour: a restart alone does not send them.
    await new Promise((res) => setTimeout(res, 500));
    expect(uploads(traces)).toEqual([]);

    await api.call('auth.login', { badge: 'AD-500', pin: '5555' });
    const before = r.log.lastSeq;
    expect(await api.call('sync.retry_certificates', {})).toEqual({ count: 2 });
    // The administrator's act is in the log, attributed to them.
    expect(r.store.sqlite.prepare("SELECT actor, payload FROM events WHERE seq > ? AND type = 'sync.certificates_retried'").all(before)).toEqual([{ actor: 'u-ada', payload: '{"count":2}' }]);
    await until(() => uploads(traces).length === 2, 'the two certificates uploaded');
    expect(uploads(traces).map((t) => t.sha256)).toEqual(unreadable.map((u) => u.sha));
    expect((await heldDocs(unreadable.map((u) => u.sha))).map((d) => shaOf(d.bytes)).sort()).toEqual(unreadable.map((u) => u.sha).sort());
    expect(r.status().sync.documents).toEqual({ pending: 0, failed: 0, refused: 0, problem: null, latest: null });
    const idle = r.log.lastSeq;
    expect(await api.call('sync.retry_certificates', {})).toEqual({ count: 0 });
    expect(r.store.sqlite.prepare("SELECT count(*) FROM events WHERE seq > ? AND type = 'sync.certificates_retried'").pluck().get(idle)).toBe(0);
  });
});
