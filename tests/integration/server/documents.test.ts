// Certificates at central over real HTTP, on PGlite and PostgreSQL: a station stores only a
// document its own pushed receiving record names, only bytes that hash to that name and are a
// PDF/JPEG/PNG within the size limit, once; refusals store nothing; the board serves a lot's
// certificate to the roles that review lots, and says which part is missing when it cannot.
import { createHash, randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COC_MAX_BYTES } from '../../../shared/documents/coc-file';
import { PROTOCOL_HEADER } from '../../../shared/sync/protocol';
import * as t from '../../../server/db/schema';
import { startServer, type RunningServer } from '../../../server/main';
import { adminSession, DB_KINDS, enrollStation, EventChain, openTestDb, quietLog, type SyncClient, type TestDb } from './helpers';

const shaOf = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const pdf = (size: number) => Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(size - 9)]);

/**
 * A PUT over a raw HTTP connection whose body the test writes itself — declared or chunked,
 * `bodyBytes` in 256 KiB pieces, or none at all — resolving with central's answer as soon as
 * it comes. The request is never ended before the answer: an answer means central refused
 * without waiting for the end of the body. `sentBeforeAnswer` counts what was written by then.
 */
/**
 * A PUT written by hand. `pauseAfter`: stop sending there and wait, the body never ended. A
 * client still writing when central closes after its refusal gets EPIPE, and Node's client
 * reports that instead of the answer already in its buffer; pausing just past the limit leaves
 * nothing in flight, so the 413 is what the test reads.
 */
function rawPut(url: string, path: string, token: string | null, opts: { contentLength?: number; bodyBytes: number; pauseAfter?: number }): Promise<{ status: number; body: { error?: string; message?: string }; sentBeforeAnswer: number }> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const headers: Record<string, string | number> = { [PROTOCOL_HEADER]: '1', 'content-type': 'application/octet-stream' };
    if (token) headers.authorization = `Bearer ${token}`;
    if (opts.contentLength !== undefined) headers['content-length'] = opts.contentLength;
    const req = httpRequest(`${url}${path}`, { method: 'PUT', headers, agent: false }, (res) => {
      answered = true;
      const at = sent;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, body: text ? (JSON.parse(text) as { error?: string }) : {}, sentBeforeAnswer: at });
        req.destroy();
      });
    });
    // Central cutting the connection after its answer is expected; before it, it is a failure.
    req.on('error', (err) => (answered ? undefined : reject(err)));
    req.flushHeaders();
    const piece = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(256 * 1024 - 9)]);
    const writeMore = () => {
      while (!answered && sent < Math.min(opts.bodyBytes, opts.pauseAfter ?? Infinity)) {
        sent += piece.length;
        if (!req.write(piece)) return void req.once('drain', writeMore);
      }
    };
    writeMore();
  });
}

const received = (lotId: string, path: string | null) => ({ lotId, entry: 'manual', scanSeq: null, verdictSeq: null, containers: 1, quantityPerContainer: 100, coc: path ? { kind: 'file', path } : null });

describe.each(DB_KINDS)('certificates at central on %s', (kind) => {
  let tdb: TestDb;
  let server: RunningServer;
  let admin: SyncClient;
  let n = 0;
  const newStation = async () => {
    const id = `DOC-${++n}`;
    return { id, client: await enrollStation(server.url, admin, id, 'receiving'), chain: new EventChain(id) };
  };
  const put = (client: SyncClient, sha: string, bytes: Buffer) => client.request<{ error?: string; message?: string; stored?: boolean }>('PUT', `/sync/documents/${sha}`, undefined, { raw: bytes, headers: { 'content-type': 'application/octet-stream' } });
  const held = async (sha: string) => tdb.central.db.select().from(t.documents).where(eq(t.documents.sha256, sha));
  const documentCount = async () => (await tdb.central.db.select({ n: sql<number>`count(*)::int` }).from(t.documents))[0]!.n;
  const certificate = (token: string | null, lotId: string) => fetch(`${server.url}/board/api/lots/${encodeURIComponent(lotId)}/certificate`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  beforeAll(async () => {
    tdb = await openTestDb(kind);
    server = await startServer({ db: tdb.central, port: 0, logger: quietLog });
    admin = await adminSession(server.url, tdb.central);
  });
  afterAll(async () => {
    await server?.close();
    await tdb?.drop();
  });

  it('keeps the exact bytes a pushed receiving record names, once; the board serves them to QA', async () => {
    const st = await newStation();
    const bytes = pdf(300_000);
    const sha = shaOf(bytes);
    expect((await st.client.push([st.chain.append('receiving.recorded', received('L-DOC-1', `documents/${sha}/CoC 4711.pdf`))])).status).toBe(200);

    const first = await put(st.client, sha, bytes);
    expect(first).toMatchObject({ status: 200, body: { sha256: sha, mediaType: 'application/pdf', bytes: 300_000, stored: true } });
    const again = await put(st.client, sha, bytes);
    expect(again).toMatchObject({ status: 200, body: { stored: false } });
    const rows = await held(sha);
    expect(rows).toHaveLength(1);
    expect(shaOf(rows[0]!.bytes)).toBe(sha);
    expect(rows[0]).toMatchObject({ mediaType: 'application/pdf', byteSize: 300_000, firstStationId: st.id });

    const qa = await adminSession(server.url, tdb.central, ['qa']);
    const res = await certificate(qa.token, 'L-DOC-1');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="CoC 4711.pdf"');
    expect(shaOf(Buffer.from(await res.arrayBuffer()))).toBe(sha);
    const supervisor = await adminSession(server.url, tdb.central, ['supervisor']);
    expect((await certificate(supervisor.token, 'L-DOC-1')).status).toBe(200);

    // Roles that do not review lots, and no session at all, get nothing.
    const operator = await adminSession(server.url, tdb.central, ['operator']);
    const refused = await certificate(operator.token, 'L-DOC-1');
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: 'forbidden' });
    expect((await certificate(null, 'L-DOC-1')).status).toBe(401);
    // A station credential is not a user session.
    expect((await certificate(st.client.token, 'L-DOC-1')).status).toBe(401);
  });

  it('records every certificate the board hands out — who, when, which lot and document — and nothing for a refused or missing one', async () => {
    const st = await newStation();
    const bytes = pdf(20_000);
    const sha = shaOf(bytes);
    await st.client.push([st.chain.append('receiving.recorded', received('L-DOC-11', `documents/${sha}/CoC 11.pdf`))]);
    const reads = async (lotId: string) => tdb.central.db.select().from(t.boardAudit).where(and(eq(t.boardAudit.type, 'certificate.downloaded'), eq(t.boardAudit.subject, `lot:${lotId}`))).orderBy(t.boardAudit.id);
    const qa = await adminSession(server.url, tdb.central, ['qa']);
    const supervisor = await adminSession(server.url, tdb.central, ['supervisor']);
    const operator = await adminSession(server.url, tdb.central, ['operator']);
    const who = async (c: SyncClient) => (await fetch(`${server.url}/board/api/me`, { headers: { authorization: `Bearer ${c.token}` } }).then((r) => r.json())) as { userId: string; name: string };

    // Named but not yet uploaded (404), no session, a role that may not: nothing handed out, nothing recorded.
    expect((await certificate(qa.token, 'L-DOC-11')).status).toBe(404);
    expect((await certificate(null, 'L-DOC-11')).status).toBe(401);
    expect((await certificate(operator.token, 'L-DOC-11')).status).toBe(403);
    expect(await reads('L-DOC-11')).toHaveLength(0);

    expect((await put(st.client, sha, bytes)).status).toBe(200);
    const before = new Date(Date.now() - 1000);
    for (const c of [qa, supervisor, qa]) expect((await certificate(c.token, 'L-DOC-11')).status).toBe(200);
    const rows = await reads('L-DOC-11');
    const [q, s] = [await who(qa), await who(supervisor)];
    expect(rows.map((r) => [r.userId, r.userName])).toEqual([
      [q.userId, q.name],
      [s.userId, s.name],
      [q.userId, q.name],
    ]);
    for (const r of rows) {
      expect(r.at.getTime()).toBeGreaterThanOrEqual(before.getTime());
      expect(r.payload).toMatchObject({ lotId: 'L-DOC-11', sha256: sha, filename: 'CoC 11.pdf', mediaType: 'application/pdf', stationId: st.id, seq: 1, bytes: 20_000, address: expect.any(String) as string });
    }
    // A read record is as permanent as the certificate.
    const refusal = (p: Promise<unknown>) => p.then(() => 'accepted', (err: Error & { cause?: Error }) => `${err.message} ${err.cause?.message ?? ''}`);
    expect(await refusal(tdb.central.db.delete(t.boardAudit).where(eq(t.boardAudit.id, rows[0]!.id)))).toMatch(/append-only: DELETE refused/);
  });

  it('refuses bytes that do not hash to the name, and stores nothing', async () => {
    const st = await newStation();
    const bytes = pdf(50_000);
    const sha = shaOf(bytes);
    await st.client.push([st.chain.append('receiving.recorded', received('L-DOC-2', `documents/${sha}/coc.pdf`))]);
    const tampered = Buffer.from(bytes);
    tampered[1000] = tampered[1000]! ^ 0xff;
    const before = await documentCount();
    const r = await put(st.client, sha, tampered);
    expect(r).toMatchObject({ status: 400, body: { error: 'hash_mismatch' } });
    expect(await held(sha)).toHaveLength(0);
    expect(await documentCount()).toBe(before);
    // The lot is named, the bytes are not there: the board says so.
    const qa = await adminSession(server.url, tdb.central, ['qa']);
    const missing = await certificate(qa.token, 'L-DOC-2');
    expect(missing.status).toBe(404);
    expect((await missing.json()) as { message: string }).toMatchObject({ error: 'not_found', message: expect.stringContaining('has not reached central yet') as string });
  });

  it("refuses a document no receiving record of this station names (even one another station's names)", async () => {
    const a = await newStation();
    const b = await newStation();
    const bytes = pdf(20_000);
    const sha = shaOf(bytes);
    const before = await documentCount();
    expect(await put(a.client, sha, bytes)).toMatchObject({ status: 403, body: { error: 'forbidden' } });
    // An event that names it but was never pushed counts for nothing either.
    a.chain.append('receiving.recorded', received('L-DOC-3', `documents/${sha}/coc.pdf`));
    expect(await put(a.client, sha, bytes)).toMatchObject({ status: 403 });
    await b.client.push([b.chain.append('receiving.recorded', received('L-DOC-4', `documents/${sha}/coc.pdf`))]);
    expect(await put(a.client, sha, bytes)).toMatchObject({ status: 403, body: { error: 'forbidden' } });
    expect(await documentCount()).toBe(before);
    expect(await put(b.client, sha, bytes)).toMatchObject({ status: 200, body: { stored: true } });
  });

  it('refuses a file that is not a PDF, JPEG or PNG, one over the limit, a malformed hash and a missing credential', async () => {
    const st = await newStation();
    const word = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), randomBytes(1000)]);
    const big = pdf(COC_MAX_BYTES + 1);
    await st.client.push([
      st.chain.append('receiving.recorded', received('L-DOC-5', `documents/${shaOf(word)}/coc.pdf`)),
      st.chain.append('receiving.recorded', received('L-DOC-6', `documents/${shaOf(big)}/coc.pdf`)),
      st.chain.append('receiving.recorded', received('L-DOC-7', '/scans/coc/typed.pdf')),
    ]);
    const before = await documentCount();
    expect(await put(st.client, shaOf(word), word)).toMatchObject({ status: 400, body: { error: 'invalid_body' } });
    expect(await put(st.client, shaOf(big), big)).toMatchObject({ status: 413, body: { error: 'too_large' } });
    expect(await put(st.client, 'not-a-hash', word)).toMatchObject({ status: 400, body: { error: 'invalid_body' } });
    const token = st.client.token;
    st.client.token = null;
    expect(await put(st.client, shaOf(word), word)).toMatchObject({ status: 401 });
    st.client.token = token;
    expect(await documentCount()).toBe(before);
    // A path the clerk typed names no stored document: central has nothing to serve for it.
    const qa = await adminSession(server.url, tdb.central, ['qa']);
    const none = await certificate(qa.token, 'L-DOC-7');
    expect(none.status).toBe(404);
    expect(((await none.json()) as { message: string }).message).toContain('no stored certificate is recorded for lot L-DOC-7');
  });

  it('refuses before reading the body: no credential, a document this station does not name, a declared length over the limit', async () => {
    const st = await newStation();
    const named = pdf(1_000);
    await st.client.push([st.chain.append('receiving.recorded', received('L-DOC-9', `documents/${shaOf(named)}/coc.pdf`))]);
    const before = await documentCount();
    // Headers only: central answers without one byte of the 5 MB it was told to expect.
    const unnamed = shaOf(randomBytes(32));
    expect(await rawPut(server.url, `/sync/documents/${unnamed}`, st.client.token, { contentLength: 5_000_000, bodyBytes: 0 })).toMatchObject({ status: 403, body: { error: 'forbidden' } });
    expect(await rawPut(server.url, `/sync/documents/${shaOf(named)}`, null, { contentLength: 5_000_000, bodyBytes: 0 })).toMatchObject({ status: 401 });
    expect(await rawPut(server.url, `/sync/documents/${shaOf(named)}`, st.client.token, { contentLength: COC_MAX_BYTES + 1, bodyBytes: 0 })).toMatchObject({ status: 413, body: { error: 'too_large' } });
    expect(await documentCount()).toBe(before);
    // The named document still goes through on its own, whole.
    expect(await put(st.client, shaOf(named), named)).toMatchObject({ status: 200, body: { stored: true } });
  });

  it('stops reading a chunked body as soon as it passes the limit, and stores nothing', async () => {
    const st = await newStation();
    // The record names a document whose name the oversized bytes could never hash to: only the size can refuse it.
    const sha = shaOf(randomBytes(32));
    await st.client.push([st.chain.append('receiving.recorded', received('L-DOC-10', `documents/${sha}/coc.pdf`))]);
    const before = await documentCount();
    // No Content-Length (chunked), up to three times the limit, never ended: only a refusal part-way can answer it.
    const r = await rawPut(server.url, `/sync/documents/${sha}`, st.client.token, { bodyBytes: 3 * COC_MAX_BYTES, pauseAfter: COC_MAX_BYTES + 1024 * 1024 });
    expect(r).toMatchObject({ status: 413, body: { error: 'too_large' } });
    expect(r.sentBeforeAnswer).toBeLessThan(3 * COC_MAX_BYTES);
    expect(await held(sha)).toHaveLength(0);
    expect(await documentCount()).toBe(before);
  });

  it('a held certificate cannot be changed or removed in the database', async () => {
    const st = await newStation();
    const bytes = pdf(1_000);
    const sha = shaOf(bytes);
    await st.client.push([st.chain.append('receiving.recorded', received('L-DOC-8', `documents/${sha}/coc.pdf`))]);
    expect((await put(st.client, sha, bytes)).status).toBe(200);
    const refusal = (p: Promise<unknown>) => p.then(() => 'accepted', (err: Error & { cause?: Error }) => `${err.message} ${err.cause?.message ?? ''}`);
    expect(await refusal(tdb.central.db.update(t.documents).set({ mediaType: 'image/png' }).where(eq(t.documents.sha256, sha)))).toMatch(/append-only: UPDATE refused/);
    expect(await refusal(tdb.central.db.delete(t.documents).where(eq(t.documents.sha256, sha)))).toMatch(/append-only: DELETE refused/);
    expect(shaOf((await held(sha))[0]!.bytes)).toBe(sha);
  });
});
