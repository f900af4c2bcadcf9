// The supervisor views over HTTP: /board/api/* (JSON and CSV, user session as Bearer
// token, supervisor/QA/admin only), the live channel at /board/live (see live.ts), and the
// React app itself (the same build as the station UI, which starts in supervisor mode under
// /board/). Also a small hook on /sync/push and /sync/status: a station may report its
// unsent events in two optional headers, and every committed push is projected.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, normalize, sep } from 'node:path';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import type { Logger } from 'pino';
import { z } from 'zod';
import {
  AndonCloseSchema,
  AssignSchema,
  AuditQuerySchema,
  BoardLoginSchema,
  RangeQuerySchema,
  ResolveSchema,
  ShiftPdfQuerySchema,
  ShiftQuerySchema,
  SignedHoldSchema,
  canView,
} from '../../shared/board/api';
import { toCsv } from '../../shared/board/csv';
import { reportFilename } from '../../shared/reports/document';
import { reportLabels, word } from '../../shared/reports/labels';
import { shiftDocument } from '../../shared/reports/shift';
import { reasonName } from '../../shared/rules/reason-names';
import { UTC_ZONE } from '../../shared/clock/zone';
import { renderPdf } from '../../electron/node/pdf/render';
import { contentSecurityPolicy } from '../../shared/security/csp';
import { OUTBOX_OLDEST_HEADER, OUTBOX_PENDING_HEADER, parseOutboxHeaders } from '../../shared/sync/outbox';
import { authenticateUser, login, type UserPrincipal } from '../auth';
import { sha256 } from '../crypto';
import * as t from '../db/schema';
import { SyncError, errorResponse, issuesOf } from '../errors';
import { clientAddress, createAttempts, guarded, type Attempts } from '../attempts';
import { appRoot } from '../paths';
import { lotCertificate } from '../documents';
import { andonCalls, boardAuditPage, charts, exceptionQueue, labelCounts, lotWatch, shiftReport } from './queries';
import type { Board } from './service';
import { eq } from 'drizzle-orm';
import { contentTypeOf } from '../../electron/node/mime';

type BoardEnv = { Variables: { boardUser: UserPrincipal } };


function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const r = schema.safeParse(value);
  if (!r.success) throw new SyncError('invalid_body', 'the request is not valid', { issues: issuesOf(r.error) });
  return r.data;
}

async function body<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  const text = await c.req.text();
  if (text.length > 64 * 1024) throw new SyncError('too_large', 'the body is over 64 KiB');
  let v: unknown = {};
  if (text) {
    try {
      v = JSON.parse(text);
    } catch (err) {
      throw new SyncError('invalid_body', `not JSON: ${(err as Error).message}`);
    }
  }
  return parse(schema, v);
}

function rangeOf(q: z.output<typeof RangeQuerySchema>): { from: Date; to: Date } {
  const to = q.to ? new Date(q.to) : new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000);
  const from = q.from ? new Date(q.from) : new Date(to.getTime() - (q.hours ?? 8) * 3_600_000);
  if (!(from < to)) throw new SyncError('invalid_body', '`from` must be before `to`');
  if (to.getTime() - from.getTime() > 31 * 86_400_000) throw new SyncError('invalid_body', 'a range may span 31 days at most');
  return { from, to };
}

export function mountBoard(app: Hono<{ Variables: { station: { stationId: string } } & Record<string, unknown> }>, board: Board, log: Logger, opts: { rendererDir?: string; attempts?: Attempts } = {}): void {
  const attempts = opts.attempts ?? createAttempts();
  // Registered before the sync routes, so it wraps them.
  const afterSync: MiddlewareHandler = async (c, next) => {
    await next();
    const station = (c.get as (k: string) => { stationId: string } | undefined)('station');
    if (c.res.status !== 200 || !station) return;
    // A malformed report is dropped here (undefined): the request itself already succeeded.
    const outbox = parseOutboxHeaders(c.req.header(OUTBOX_PENDING_HEADER), c.req.header(OUTBOX_OLDEST_HEADER), Date.now());
    if (c.req.path === '/sync/push') void board.afterPush(station.stationId, outbox).catch(() => undefined);
    else if (outbox) void board.reportOutbox(station.stationId, outbox).catch(() => undefined);
  };
  // Every sync request carries the station's outbox report; the polls keep an idle station's tile current.
  for (const path of ['/sync/push', '/sync/status', '/sync/holds', '/sync/master']) app.use(path, afterSync);

  const api = new Hono<BoardEnv>();
  api.onError((err, c) => {
    if (err instanceof SyncError) return errorResponse(c, err);
    log.error({ err, path: c.req.path }, 'board request failed');
    return c.json({ error: 'internal', message: 'the server failed; try again' }, 500);
  });
  const user: MiddlewareHandler<BoardEnv> = async (c, next) => {
    const token = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
    const who = token ? await authenticateUser(board.db, token) : null;
    if (!who) throw new SyncError('unauthenticated', 'log in first');
    if (!canView(who.roles)) throw new SyncError('forbidden', `${who.name} may not open the supervisor views (supervisor, qa or admin only)`);
    c.set('boardUser', who);
    await next();
  };

  api.post('/login', async (c) => {
    const b = await body(c, BoardLoginSchema);
    const s = await guarded(attempts, { user: b.username, address: clientAddress(c) }, 'logins', () => login(board.db, b.username, b.password));
    if (!canView(s.roles)) {
      await board.db.delete(t.sessions).where(eq(t.sessions.tokenHash, sha256(s.token)));
      throw new SyncError('forbidden', `${s.name} may not open the supervisor views (supervisor, qa or admin only)`);
    }
    return c.json(s);
  });
  api.post('/logout', user, async (c) => {
    const token = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1] ?? '';
    await board.db.delete(t.sessions).where(eq(t.sessions.tokenHash, sha256(token)));
    return c.json({ ok: true });
  });
  api.get('/me', user, (c) => c.json(c.get('boardUser')));

  api.get('/stations', user, async (c) => c.json({ serverTime: new Date().toISOString(), tiles: await board.tiles() }));

  api.get('/andon', user, async (c) => c.json({ calls: await andonCalls(board.db, { open: c.req.query('open') === '1' }) }));
  api.post('/andon/:callId/ack', user, async (c) => {
    await board.acknowledgeAndon(c.req.param('callId'), c.get('boardUser'));
    return c.json({ ok: true });
  });
  api.post('/andon/:callId/close', user, async (c) => {
    const b = await body(c, AndonCloseSchema);
    await board.closeAndon(c.req.param('callId'), c.get('boardUser'), b.note);
    return c.json({ ok: true });
  });

  api.get('/exceptions', user, async (c) => c.json({ exceptions: await exceptionQueue(board.db, c.req.query('status') === 'resolved' ? 'resolved' : 'open') }));
  const idOf = (c: Context) => {
    const id = Number(c.req.param('id'));
    if (!Number.isSafeInteger(id) || id <= 0) throw new SyncError('invalid_body', 'not an exception id');
    return id;
  };
  api.post('/exceptions/:id/assign', user, async (c) => c.json(await board.assignException(idOf(c), (await body(c, AssignSchema)).userId, c.get('boardUser'))));
  api.post('/exceptions/:id/resolve', user, async (c) => {
    const b = await body(c, ResolveSchema);
    return c.json(await board.resolveException(idOf(c), b.reason, b.password, c.get('boardUser')));
  });

  api.get('/lots', user, async (c) => c.json({ lots: await lotWatch(board.db, Date.now()) }));
  for (const action of ['hold', 'release'] as const)
    api.post(`/lots/:lotId/${action}`, user, async (c) => {
      const lotId = c.req.param('lotId') ?? '';
      if (!lotId || lotId.length > 64) throw new SyncError('invalid_body', 'not a lot id');
      const b = await body(c, SignedHoldSchema);
      return c.json(await board.signedHold(lotId, action, b.reason, b.password, c.get('boardUser')));
    });

  // The certificate of conformance the lot was received on, as its station uploaded it.
  api.get('/lots/:lotId/certificate', user, async (c) => {
    const lotId = c.req.param('lotId') ?? '';
    if (!lotId || lotId.length > 64) throw new SyncError('invalid_body', 'not a lot id');
    const cert = await lotCertificate(board.db, lotId);
    await board.certificateDownloaded(lotId, { sha256: cert.sha256, filename: cert.filename, mediaType: cert.mediaType, stationId: cert.stationId, seq: cert.seq, bytes: cert.bytes.length }, c.get('boardUser'), clientAddress(c));
    return c.body(new Uint8Array(cert.bytes), 200, {
      'Content-Type': cert.mediaType,
      'Content-Length': String(cert.bytes.length),
      'Content-Disposition': `attachment; filename="${cert.filename}"`,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, no-store',
    });
  });

  // The central acts recorded here (acknowledged, resolved, held, downloaded, a failed signature), newest first.
  api.get('/audit', user, async (c) => c.json(await boardAuditPage(board.db, parse(AuditQuerySchema, c.req.query()))));

  api.get('/charts', user, async (c) => {
    const { from, to } = rangeOf(parse(RangeQuerySchema, c.req.query()));
    const v = await charts(board.db, from, to);
    if (c.req.query('format') !== 'csv') return c.json(v);
    const rows = v.output.series.flatMap((s) => s.values.map((n, i) => [new Date(v.output.buckets[i]!).toISOString(), s.key, n]));
    return csvResponse(c, `output-${from.toISOString().slice(0, 13)}.csv`, toCsv(['hour', 'station · work order', 'output'], rows));
  });

  api.get('/shift-report', user, async (c) => {
    const q = parse(ShiftQuerySchema, c.req.query());
    const r = await shiftReport(board.db, q, board.plant);
    if (q.format === 'csv') {
      // The zone is a column of its own, last, so a sheet built on the earlier columns still reads them.
      const header = ['line', 'date', 'shift', 'station', 'name', 'produced', 'accepted', 'rejected', 'overrides', 'fpy', 'availability', 'andon calls', 'time zone'];
      const pct = (x: number | null) => (x === null ? '' : (x * 100).toFixed(1));
      const rows = r.stations.map((s) => [r.line, r.date, r.shift, s.stationId, s.name, s.produced, s.accepted, s.rejected, s.overrides, pct(s.fpy), pct(s.availability), s.andonCalls, r.zone.name]);
      const reasons = r.rejects.map((x) => [r.line, r.date, r.shift, 'reject reason', x.reason, '', '', x.count, '', '', '', '', r.zone.name]);
      return csvResponse(c, `shift-${r.line || 'all'}-${r.date}-${r.shift}.csv`, toCsv(header, [...rows, ...reasons]));
    }
    if (q.format === 'ticket') {
      // Exactly the data of resources/tickets/shift-summary.json, for a station's `tickets.print`.
      const sum = (k: 'produced' | 'accepted' | 'rejected' | 'overrides') => r.stations.reduce((n, s) => n + s[k], 0);
      const units = r.stations.reduce((n, s) => n + s.accepted + s.rejected, 0);
      const firstPass = r.stations.filter((s) => s.fpy !== null);
      const fpy = firstPass.length ? firstPass.reduce((n, s) => n + (s.fpy ?? 0) * (s.accepted + s.rejected), 0) / Math.max(1, units) : null;
      const labels = await labelCounts(board.db, r.stations.map((s) => s.stationId), new Date(r.from), new Date(r.to));
      const words = reportLabels(q.lang).shift;
      return c.json({
        templateId: 'shift-summary',
        // For the station's tickets.print: the template in the same language as these words.
        lang: q.lang,
        data: {
          station: r.line || words.allLines,
          shift: word(words.shifts, r.shift),
          date: r.date,
          // The zone that drew the shift's window; a station's older template has no line for it and ignores it.
          zone: r.zone.name,
          produced: sum('produced'),
          fpy: fpy === null ? '—' : `${(fpy * 100).toFixed(1)} %`,
          accepted: sum('accepted'),
          rejected: sum('rejected'),
          overrides: sum('overrides'),
          labelsPrinted: labels.printed,
          labelsVoided: labels.voided,
          rejects: r.rejects.slice(0, 5).map((x) => ({ reason: reasonName(x.reason, q.lang), count: x.count })),
          supervisor: c.get('boardUser').name,
        },
      });
    }
    return c.json(r);
  });

  api.get('/shift-report.pdf', user, async (c) => {
    const q = parse(ShiftPdfQuerySchema, c.req.query());
    const r = await shiftReport(board.db, q, board.plant);
    // The zone that drew the window prints the times; a bare offset (older clients) prints UTC as before.
    const timeZone = r.zone.source === 'offset' ? UTC_ZONE : r.zone.name;
    const doc = shiftDocument(r, { lang: q.lang, source: `${reportLabels(q.lang).centralServer} ${hostname()}`, generatedAt: new Date().toISOString(), preparedBy: c.get('boardUser').name, timeZone });
    const pdf = await renderPdf(doc, { size: q.paper });
    const name = reportFilename('shift', r.line || 'all', r.date, r.shift);
    return c.body(new Uint8Array(pdf), 200, { 'Content-Type': 'application/pdf', 'Content-Length': String(pdf.length), 'Content-Disposition': `attachment; filename="${name}"` });
  });

  app.route('/board/api', api as unknown as Hono<never>);

  // ---------------------------------------------------------------- the supervisor UI
  const root = opts.rendererDir ?? join(appRoot(), 'dist', 'renderer');
  app.get('/', (c) => c.redirect('/board/', 302));
  app.get('/board', (c) => c.redirect('/board/', 301));
  app.get('/board/*', (c) => {
    const host = c.req.header('host') ?? '';
    const headers: Record<string, string> = {
      'Content-Security-Policy': contentSecurityPolicy(["'self'", `ws://${host}`, `wss://${host}`]),
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'X-Frame-Options': 'DENY',
    };
    const rel = decodeURIComponent(c.req.path.slice('/board/'.length));
    let file = normalize(join(root, rel));
    if (!file.startsWith(normalize(root + sep)) && file !== normalize(root)) return c.text('Forbidden', 403, headers);
    if (!existsSync(file) || statSync(file).isDirectory()) file = join(root, 'index.html');
    if (!existsSync(file)) return c.text('The supervisor UI is not built. Run `npm run build`.', 503, headers);
    const isIndex = file.endsWith('index.html');
    return c.body(readFileSync(file), 200, {
      ...headers,
      'Content-Type': contentTypeOf(file),
      'Cache-Control': isIndex ? 'no-store' : 'public, max-age=31536000, immutable',
    });
  });
}

function csvResponse(c: Context, filename: string, text: string): Response {
  return c.body(`\uFEFF${text}`, 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, '_')}"` });
}
