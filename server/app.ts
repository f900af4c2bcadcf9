// The HTTP surface: Hono routes over the sync, admin and QA modules. Cross-cutting rules
// live here once: protocol version, server time, authentication, body limits and gzip,
// validation with the protocol's schemas, and errors as the protocol's error bodies.
import { gunzipSync } from 'node:zlib';
import { Hono, type Context } from 'hono';
import type { Logger } from 'pino';
import { z } from 'zod';
import {
  CreateStationRequestSchema,
  DocumentShaSchema,
  EnrollRequestSchema,
  HoldActionRequestSchema,
  FINGERPRINTED_CURSORS_MINOR,
  IMPORT_KINDS,
  LoginRequestSchema,
  PROTOCOL_HEADER,
  PROTOCOL_MAJOR,
  PROTOCOL_VERSION,
  PullQuerySchema,
  PUSH_LIMITS,
  PushRequestSchema,
  SERVER_TIME_HEADER,
  SerialBlockRequestSchema,
  parseProtocolVersion,
  type ImportKind,
  type SyncStatus,
} from '../shared/sync/protocol';
import { addStation, authenticateStation, authenticateUser, enroll, login, revokeStation, type StationPrincipal, type UserPrincipal } from './auth';
import type { Db } from './db/open';
import * as t from './db/schema';
import { SyncError, errorResponse, issuesOf } from './errors';
import { clientAddress, createAttempts, guarded, type Attempts } from './attempts';
import { changeHold, lotHistory, type HoldAction } from './holds';
import { importMasterData, rowsFromFile } from './admin/import';
import { allocateSerialBlock } from './serials';
import { parseFeedCursor, pullHolds, pullMaster } from './sync/feeds';
import { assertNamedBy, documentHeld, storeDocument } from './documents';
import { COC_MAX_BYTES } from '../shared/documents/coc-file';
import { pushBatch, syncStatus, type PushHooks } from './sync/push';
import { desc, eq } from 'drizzle-orm';
import { mountBoard } from './board/routes';
import type { Board } from './board/service';

export interface AppDeps {
  readonly db: Db;
  readonly log: Logger;
  readonly notify: (what: 'holds' | 'master') => void;
  /** After a station's credentials changed (enrolled again, revoked): open channels are checked again. */
  readonly credentialsChanged?: () => void;
  readonly pushHooks?: PushHooks;
  /** Largest admin import body (bytes). */
  readonly maxImportBytes?: number;
  /** The supervisor views (issue 9): routes under /board, projection after each push. */
  readonly board?: Board;
  /** The built UI served at /board/ (default dist/renderer). */
  readonly rendererDir?: string;
  /** Failed-login and enrollment limiters (one per server process; tests inject a clock). */
  readonly attempts?: Attempts;
}

type Env = { Variables: { station: StationPrincipal; user: UserPrincipal } };

const ADMIN_ROLES = ['admin'];
const QA_ROLES = ['qa', 'admin'];

function bearer(c: Context): string | null {
  return /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1] ?? null;
}

/**
 * Reads a body within `limit` bytes, gunzipping when the station says it is gzip. A declared
 * length over the limit is refused before a byte is read, and a body without one (chunked) is
 * read only until it passes the limit: a client cannot make central buffer more than `limit`.
 * What is left unread is the HTTP server's to drain or cut off after the refusal is answered.
 */
async function readBody(c: Context, limit: number): Promise<Buffer> {
  const declared = Number(c.req.header('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limit) throw new SyncError('too_large', `the body is ${declared} bytes; the limit is ${limit}`);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const body = c.req.raw.body;
  if (body) {
    const reader = body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel().catch(() => undefined);
        throw new SyncError('too_large', `the body is over ${limit} bytes`);
      }
      chunks.push(value);
    }
  }
  const raw = Buffer.concat(chunks, size);
  const enc = (c.req.header('content-encoding') ?? 'identity').toLowerCase();
  if (enc === 'identity') return raw;
  if (enc !== 'gzip') throw new SyncError('invalid_body', `Content-Encoding ${enc} is not supported (use gzip)`);
  try {
    return gunzipSync(raw, { maxOutputLength: limit });
  } catch (err) {
    if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) throw new SyncError('too_large', `the unzipped body is over ${limit} bytes`);
    throw new SyncError('invalid_body', `the gzip body cannot be read: ${(err as Error).message}`);
  }
}

function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const r = schema.safeParse(value);
  if (!r.success) throw new SyncError('invalid_body', 'the request does not match the protocol', { issues: issuesOf(r.error) });
  return r.data;
}

async function jsonBody<S extends z.ZodType>(c: Context, schema: S, limit = 1024 * 1024): Promise<z.output<S>> {
  const buf = await readBody(c, limit);
  let value: unknown;
  try {
    value = JSON.parse(buf.toString('utf8'));
  } catch (err) {
    throw new SyncError('invalid_body', `not JSON: ${(err as Error).message}`);
  }
  return parse(schema, value);
}

/** Fingerprinted cursors go only to stations that speak 1.1 or later: a 1.0 station refuses them. */
const cursorStyle = (c: Context) => {
  const v = parseProtocolVersion(c.req.header(PROTOCOL_HEADER));
  return { fingerprinted: v !== null && (v.major > 1 || v.minor >= FINGERPRINTED_CURSORS_MINOR) };
};

export function createApp(deps: AppDeps): Hono<Env> {
  const { db, log, notify } = deps;
  const attempts = deps.attempts ?? createAttempts();
  const app = new Hono<Env>();

  app.onError((err, c) => {
    if (err instanceof SyncError) return errorResponse(c, err);
    log.error({ err, path: c.req.path }, 'request failed');
    return c.json({ error: 'internal', message: 'the server failed; the request may be retried' }, 500);
  });
  app.notFound((c) => c.json({ error: 'not_found', message: `no ${c.req.method} ${c.req.path}` }, 404));

  // Every response names the protocol and the server's time; every /sync request must name its protocol.
  app.use('*', async (c, next) => {
    c.header(PROTOCOL_HEADER, PROTOCOL_VERSION);
    c.header(SERVER_TIME_HEADER, new Date().toISOString());
    const sent = c.req.header(PROTOCOL_HEADER);
    const v = parseProtocolVersion(sent);
    if (sent !== undefined && !v) throw new SyncError('invalid_body', `${PROTOCOL_HEADER}: ${JSON.stringify(sent)} is not a version (send e.g. "1")`);
    if (!v && c.req.path.startsWith('/sync/')) throw new SyncError('invalid_body', `send a ${PROTOCOL_HEADER} header (this server speaks ${PROTOCOL_VERSION})`);
    if (v && v.major > PROTOCOL_MAJOR)
      throw new SyncError('unsupported_protocol', `this station speaks sync protocol ${sent}, newer than this server (${PROTOCOL_VERSION}); upgrade the central server first`, {
        serverProtocol: PROTOCOL_VERSION,
      });
    await next();
  });

  if (deps.board) mountBoard(app as never, deps.board, log, { attempts, ...(deps.rendererDir ? { rendererDir: deps.rendererDir } : {}) });

  const station = async (c: Context<Env>, next: () => Promise<void>) => {
    const token = bearer(c);
    const who = token ? await authenticateStation(db, token) : null;
    if (!who) throw new SyncError('unauthenticated', 'missing or unknown station credential (enroll the station again if it was replaced)');
    c.set('station', who);
    await next();
  };
  const user = (roles: readonly string[]) => async (c: Context<Env>, next: () => Promise<void>) => {
    const token = bearer(c);
    const who = token ? await authenticateUser(db, token) : null;
    if (!who) throw new SyncError('unauthenticated', 'log in first (POST /admin/login)');
    if (!who.roles.some((r) => roles.includes(r))) throw new SyncError('forbidden', `${who.name} needs one of the roles ${roles.join(', ')}`);
    c.set('user', who);
    await next();
  };

  app.get('/health', (c) => c.json({ ok: true, protocol: PROTOCOL_VERSION, serverTime: new Date().toISOString() }));

  // ---------------------------------------------------------------- station sync
  app.post('/sync/enroll', async (c) => {
    const req = await jsonBody(c, EnrollRequestSchema);
    const enrolled = await guarded(attempts, { address: clientAddress(c) }, 'enrollment attempts from this address', () => enroll(db, req));
    deps.credentialsChanged?.();
    return c.json(enrolled);
  });

  app.get('/sync/status', station, async (c) => {
    const s = await syncStatus(db, c.get('station').stationId);
    return c.json({ stationId: c.get('station').stationId, ...s, serverTime: new Date().toISOString(), protocol: PROTOCOL_VERSION } satisfies SyncStatus);
  });

  app.post('/sync/push', station, async (c) => {
    const req = await jsonBody(c, PushRequestSchema, PUSH_LIMITS.maxBytes);
    const { ack, holdsChanged } = await pushBatch(db, c.get('station').stationId, req, deps.pushHooks);
    if (holdsChanged) notify('holds');
    if (ack.integrityAlarms.length) log.warn({ stationId: c.get('station').stationId, alarms: ack.integrityAlarms }, 'integrity alarm');
    return c.json(ack);
  });

  app.get('/sync/master', station, async (c) => {
    const q = parse(PullQuerySchema, c.req.query());
    return c.json(await pullMaster(db, parseFeedCursor(q.after), q.limit, cursorStyle(c)));
  });
  app.get('/sync/holds', station, async (c) => {
    const q = parse(PullQuerySchema, c.req.query());
    return c.json(await pullHolds(db, parseFeedCursor(q.after), q.limit, cursorStyle(c)));
  });

  // A stored certificate, after the event naming it was acknowledged; raw bytes, its own body limit.
  // Everything that can be refused without the bytes is refused before they are read (the
  // credential, the hash's form, that this station's records name it, a declared length over
  // the limit), so a refused upload costs central a header, not 10 MB.
  app.put('/sync/documents/:sha256', station, async (c) => {
    const sha = parse(DocumentShaSchema, c.req.param('sha256'));
    await assertNamedBy(db, c.get('station').stationId, sha);
    const bytes = await readBody(c, COC_MAX_BYTES);
    const receipt = await storeDocument(db, c.get('station').stationId, sha, bytes);
    if (receipt.stored) log.info({ stationId: c.get('station').stationId, sha256: sha, bytes: receipt.bytes }, 'document stored');
    return c.json(receipt);
  });

  // Asked before bytes central took once are sent again (central restored from a backup).
  app.get('/sync/documents/:sha256', station, async (c) => c.json(await documentHeld(db, c.get('station').stationId, parse(DocumentShaSchema, c.req.param('sha256')))));

  app.post('/sync/serial-blocks', station, async (c) => c.json(await allocateSerialBlock(db, c.get('station').stationId, await jsonBody(c, SerialBlockRequestSchema))));

  // ---------------------------------------------------------------- central users
  app.post('/admin/login', async (c) => {
    const b = await jsonBody(c, LoginRequestSchema);
    return c.json(await guarded(attempts, { user: b.username, address: clientAddress(c) }, 'logins', () => login(db, b.username, b.password)));
  });

  app.post('/admin/stations', user(ADMIN_ROLES), async (c) => {
    const b = await jsonBody(c, CreateStationRequestSchema);
    return c.json(await addStation(db, b, c.get('user').userId, () => notify('master')));
  });

  app.post('/admin/stations/:stationId/revoke', user(ADMIN_ROLES), async (c) => {
    const r = await revokeStation(db, c.req.param('stationId') ?? '');
    log.warn({ stationId: r.stationId, revoked: r.revoked, by: c.get('user').userId }, 'station credential revoked');
    deps.credentialsChanged?.();
    return c.json(r);
  });

  app.post('/admin/import', user(ADMIN_ROLES), async (c) => {
    const kindParam = c.req.query('kind');
    if (kindParam !== undefined && !(IMPORT_KINDS as readonly string[]).includes(kindParam)) throw new SyncError('invalid_body', `kind must be one of ${IMPORT_KINDS.join(', ')}`);
    const isCsv = /text\/csv/i.test(c.req.header('content-type') ?? '');
    const body = (await readBody(c, deps.maxImportBytes ?? 32 * 1024 * 1024)).toString('utf8');
    const rows = rowsFromFile(body, isCsv ? 'csv' : 'json', kindParam as ImportKind | undefined);
    return c.json(await importMasterData(db, rows, () => notify('master')));
  });

  app.get('/admin/alarms', user(QA_ROLES), async (c) => c.json({ alarms: await db.select().from(t.integrityAlarms).orderBy(desc(t.integrityAlarms.id)).limit(500) }));

  // ---------------------------------------------------------------- QA
  for (const action of ['hold', 'release', 'recall'] as const satisfies readonly HoldAction[]) {
    app.post(`/qa/lots/:lotId/${action}`, user(QA_ROLES), async (c) => {
      const b = await jsonBody(c, HoldActionRequestSchema);
      const change = await changeHold(db, c.req.param('lotId') ?? '', action, b.reason, c.get('user'));
      notify('holds');
      return c.json(change);
    });
  }
  app.get('/qa/lots/:lotId', user(QA_ROLES), async (c) => c.json(await lotHistory(db, c.req.param('lotId') ?? '')));
  app.get('/qa/deviations', user(QA_ROLES), async (c) => {
    const status = c.req.query('status') ?? 'open';
    return c.json({ deviations: await db.select().from(t.deviations).where(eq(t.deviations.status, status)).orderBy(desc(t.deviations.id)).limit(1000) });
  });

  return app;
}
