// Central restored from a backup, against a real station runtime and a real central server
// (PGlite and PostgreSQL): the station notices that central holds less of its log than it
// acknowledged — when a push meets the gap, or at connect — and sends again what central lost,
// the certificates included: those named by lost records as new uploads, and those central
// took once as a question first, so bytes central still holds are not sent twice.
import { and, eq, gt, inArray, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import * as ct from '../../../server/db/schema';
import { loadDemo } from '../../../electron/station/demo/load';
import type { StationRuntime } from '../../../electron/station/runtime/runtime';
import type { SyncTrace } from '../../../electron/station/sync/client';
import { FileCredentialStore } from '../../../electron/station/sync/credential';
import { client, inProcessTransport, tempDir, TEST_KDF } from '../helpers/station';
import { SyncClient } from '../server/helpers';
import { DB_KINDS, expectSameLog, FAST, issueCode, openSyncedStation, pdf, receiveWithCertificate, shaOf, startCentral, tracesOf as ops, until, waitDrained, type Central } from './helpers';


/**
 * What central is after a restore from a backup taken when it held `stationId`'s log up to
 * `seq` and, of the certificates, only `keep`: the later events, the records naming
 * certificates in them and the other documents are gone, and its head is back at `seq`. (The
 * event log is append-only by trigger; a restore is the one thing that goes round that.)
 */
async function restoreCentral(c: Central, stationId: string, seq: number, keep: readonly string[]): Promise<void> {
  const db = c.tdb.central.db;
  await db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL session_replication_role = replica`);
    const [head] = await tx.select({ hash: ct.events.hash }).from(ct.events).where(and(eq(ct.events.stationId, stationId), eq(ct.events.seq, seq)));
    await tx.delete(ct.events).where(and(eq(ct.events.stationId, stationId), gt(ct.events.seq, seq)));
    await tx.delete(ct.lotCertificates).where(and(eq(ct.lotCertificates.stationId, stationId), gt(ct.lotCertificates.seq, seq)));
    const held = await tx.select({ sha: ct.documents.sha256 }).from(ct.documents);
    const lost = held.map((d) => d.sha).filter((s) => !keep.includes(s));
    if (lost.length) await tx.delete(ct.documents).where(inArray(ct.documents.sha256, lost));
    await tx.update(ct.stationSync).set({ headSeq: seq, headHash: head!.hash }).where(eq(ct.stationSync.stationId, stationId));
  });
}

describe.each(DB_KINDS)('a station and a central restored from a backup, on %s', (kind) => {
  const dir = tempDir();
  let central: Central | undefined;
  let rt: StationRuntime | undefined;
  afterAll(async () => {
    await rt?.close();
    await central?.close();
    dir.remove();
  });

  const heldShas = async () => (await central!.tdb.central.db.select({ sha: ct.documents.sha256, bytes: ct.documents.bytes }).from(ct.documents)).map((d) => [d.sha, shaOf(d.bytes)]);

  it('a push meeting the gap sends again the lost events and certificates; a certificate central still holds is asked about, not sent', async () => {
    central = await startCentral(kind);
    const station = await openSyncedStation(dir.path, central.url, { stationId: 'RCV-01', code: await issueCode(central, 'RCV-01') });
    rt = station.rt;
    await loadDemo(rt, { kdf: TEST_KDF, stationType: 'smt' });
    const api = client(inProcessTransport(rt));
    await api.call('auth.login', { badge: 'OP-100', pin: '1111' });

    const a = await receiveWithCertificate(api, 'RS-COC-A', pdf(60_000));
    const b = await receiveWithCertificate(api, 'RS-COC-B', pdf(50_000));
    // The backup is taken here: it holds the records of A and B, but only A's bytes (B's were uploaded after it).
    const backupSeq = rt.log.lastSeq;
    const c = await receiveWithCertificate(api, 'RS-COC-C', pdf(40_000));
    await waitDrained(rt);
    await until(() => ops(station.traces, 'document_uploaded').length === 3, 'A, B and C uploaded');
    expect(rt.log.lastSeq).toBeGreaterThan(backupSeq);

    // Central asked by the station's own credential: it says what it holds, and refuses a name no record of this station gives.
    const asStation = new SyncClient(central.url, (await new FileCredentialStore(dir.path).load())!.token);
    expect((await asStation.request('GET', `/sync/documents/${a.sha}`)).body).toEqual({ sha256: a.sha, held: true });
    expect(await asStation.request('GET', `/sync/documents/${shaOf(pdf(1_000))}`)).toMatchObject({ status: 403, body: { error: 'forbidden' } });

    await restoreCentral(central, 'RCV-01', backupSeq, [a.sha]);
    expect((await asStation.request('GET', `/sync/documents/${b.sha}`)).body).toEqual({ sha256: b.sha, held: false });
    const before = station.traces.length;
    await rt.submitScan('LL-SLOT-SMT1-F05', 'test');
    await waitDrained(rt);
    await until(() => ops(station.traces.slice(before), 'document_uploaded').length === 2, 'B and C uploaded again');
    const after = station.traces.slice(before);

    expect(ops(after, 'push_gap')).toEqual([{ op: 'push_gap', expectedSeq: backupSeq + 1 }]);
    // C was named by a record central lost: collected again when it is acknowledged again. A and B are asked about.
    expect(ops(after, 'documents_central_went_back')).toEqual([{ op: 'documents_central_went_back', ackSeq: backupSeq, forgotten: 1, recheck: 2 }]);
    expect(ops(after, 'document_held')).toEqual([{ op: 'document_held', sha256: a.sha }]);
    expect(ops(after, 'document_uploaded').map((t) => [t.sha256, t.stored])).toEqual([
      [b.sha, true],
      [c.sha, true],
    ]);
    expect(await expectSameLog(central, rt)).toMatchObject({ problem: null, mismatched: 0 });
    expect((await heldShas()).sort()).toEqual([a.sha, b.sha, c.sha].sort().map((s) => [s, s]));
    expect(rt.status().sync.documents).toEqual({ pending: 0, failed: 0, refused: 0, problem: null, latest: null });
  });

  it('at connect, the station adopts the lower acknowledgement and sends its certificates again the same way', async () => {
    const r = rt!;
    const api = client(inProcessTransport(r));
    await api.call('auth.login', { badge: 'OP-100', pin: '1111' });
    await r.sync!.stop();
    const shas = (r.store.sqlite.prepare("SELECT sha256 FROM document_uploads WHERE state = 'uploaded' ORDER BY event_seq").pluck().all() as string[]);
    expect(shas).toHaveLength(3);
    // Restored while the station was off: a backup from before anything this station received.
    const firstCoc = Number(r.store.sqlite.prepare('SELECT min(event_seq) FROM document_uploads').pluck().get());
    await restoreCentral(central!, 'RCV-01', firstCoc - 1, []);

    const traces: SyncTrace[] = [];
    await r.startSync({ serverUrl: central!.url, credentials: new FileCredentialStore(dir.path), ...FAST, onTrace: (t) => traces.push(t) });
    await waitDrained(r);
    await until(() => ops(traces, 'document_uploaded').length === 3, 'the three certificates uploaded again');
    expect(ops(traces, 'connect')[0]).toMatchObject({ ackSeq: firstCoc - 1 });
    expect(ops(traces, 'documents_central_went_back')).toEqual([{ op: 'documents_central_went_back', ackSeq: firstCoc - 1, forgotten: 3, recheck: 0 }]);
    expect(ops(traces, 'push_gap')).toEqual([]);
    expect(ops(traces, 'document_held')).toEqual([]);
    expect(ops(traces, 'document_uploaded').map((t) => t.sha256)).toEqual(shas);
    expect(await expectSameLog(central!, r)).toMatchObject({ problem: null, mismatched: 0 });
    expect((await heldShas()).sort()).toEqual([...shas].sort().map((s) => [s, s]));
  });
});
