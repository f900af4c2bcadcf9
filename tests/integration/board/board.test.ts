// The supervisor board against a real central server (PGlite and PostgreSQL), fed by
// simulated stations through the real push path: tiles and live messages, the exception
// queue, andon, lot watch holds reaching /sync/holds, shift report, and role checks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AndonCallView, BoardAuditPage, BoardLiveMessage, ChartsView, ExceptionView, LotWatchRow, ShiftReport, StationTileView } from '../../../shared/board/api';
import { startServer, type RunningServer } from '../../../server/main';
import { DB_KINDS, openTestDb, quietLog, type TestDb } from '../server/helpers';
import { BoardClient, PASSWORD, SimStation, addUser, adminSession, waitForTile } from './kit';

const until = async (fn: () => Promise<boolean>, ms = 5000) => {
  const t0 = Date.now();
  while (!(await fn())) {
    if (Date.now() - t0 > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe.each(DB_KINDS)('supervisor board on %s', (kind) => {
  let tdb: TestDb;
  let server: RunningServer;
  let smt1: SimStation, smt2: SimStation, recv: SimStation;
  const sup = () => new BoardClient(server.url);

  beforeAll(async () => {
    tdb = await openTestDb(kind);
    server = await startServer({ db: tdb.central, port: 0, logger: quietLog });
    const admin = await adminSession(server.url, tdb.central);
    await addUser(tdb.central, 'sofia', ['supervisor'], 'Sofia Rossi');
    await addUser(tdb.central, 'quinn', ['qa'], 'Quinn QA');
    await addUser(tdb.central, 'olga', ['operator'], 'Olga Operator');
    smt1 = await SimStation.enroll(server.url, admin, 'SMT-1', 'smt', 'L1');
    smt2 = await SimStation.enroll(server.url, admin, 'SMT-2', 'smt', 'L1');
    recv = await SimStation.enroll(server.url, admin, 'RCV-1', 'receiving', 'RCV');
  });
  afterAll(async () => {
    await server?.close();
    await tdb?.drop();
  });

  it('an operator cannot open the supervisor views; a supervisor can', async () => {
    const op = sup();
    expect((await op.login('olga')).status).toBe(403);
    expect((await op.call('GET', '/stations')).status).toBe(401);
    const s = sup();
    expect((await s.login('sofia', 'wrong password')).status).toBe(401);
    expect((await s.login('sofia')).status).toBe(200);
    const r = await s.call<{ tiles: StationTileView[] }>('GET', '/stations');
    expect(r.status).toBe(200);
    expect(r.body.tiles.map((t) => t.stationId)).toEqual(expect.arrayContaining(['SMT-1', 'SMT-2', 'RCV-1']));
  });

  it('a reject at a station appears on the board (live) and in the exception queue', async () => {
    const s = sup();
    await s.login('sofia');
    const messages: BoardLiveMessage[] = [];
    const ws = await s.live((m) => messages.push(m));
    try {
      smt1.login('olga');
      smt1.record('smt.work_order_loaded', { workOrderId: 'WO-1', lineId: 'L1', bomId: 'B', revision: 'A' });
      smt1.verdict('ACCEPT', { workOrderId: 'WO-1', slot: 'S1', lotId: 'LOT-A' });
      smt1.verdict('REJECT', { workOrderId: 'WO-1', slot: 'S2', lotId: 'LOT-B', code: 'wrong_item' });
      await smt1.sync({ 'Lotline-Outbox-Pending': '3', 'Lotline-Outbox-Oldest': new Date(Date.now() - 1000).toISOString() });
      const tile = await waitForTile(messages, (t) => t.stationId === 'SMT-1' && t.lastVerdict?.verdict === 'REJECT');
      expect(tile).toMatchObject({ operator: { userId: 'olga', name: 'Olga Operator' }, workOrderId: 'WO-1', rejectsLastHour: 1, online: true, stale: false, outbox: { pending: 3 } });
      expect(tile.lastVerdict).toMatchObject({ code: 'wrong_item' });
      const q = await s.call<{ exceptions: ExceptionView[] }>('GET', '/exceptions');
      const x = q.body.exceptions.find((e) => e.stationId === 'SMT-1' && e.kind === 'reject');
      expect(x).toMatchObject({ title: 'wrong_item', status: 'open' });
      expect(x!.evidence[0]).toMatchObject({ type: 'scan.verdict', stationId: 'SMT-1' });
    } finally {
      ws.close();
    }
  });

  it('an exception is resolved only with the signer\'s password and a reason; overrides need QA', async () => {
    const s = sup();
    await s.login('sofia');
    const q = await s.call<{ exceptions: ExceptionView[] }>('GET', '/exceptions');
    const x = q.body.exceptions.find((e) => e.kind === 'reject')!;
    expect((await s.call('POST', `/exceptions/${x.id}/assign`, { userId: 'quinn' })).body).toMatchObject({ assignedName: 'Quinn QA' });
    expect((await s.call('POST', `/exceptions/${x.id}/resolve`, { reason: 'reel returned to store', password: 'nope' })).status).toBe(401);
    expect((await s.call('POST', `/exceptions/${x.id}/resolve`, { reason: '', password: PASSWORD })).status).toBe(400);
    const ok = await s.call<ExceptionView>('POST', `/exceptions/${x.id}/resolve`, { reason: 'reel returned to store', password: PASSWORD });
    expect(ok.status).toBe(200);
    expect(ok.body.resolution).toMatchObject({ reason: 'reel returned to store', signature: { userId: 'sofia', name: 'Sofia Rossi', meaning: 'resolved' } });
    // An override is QA's to close.
    smt2.record('scan.verdict_overridden', { verdictSeq: 1, scanSeq: 1, codes: ['fifo_older_lot'] }, { reason: 'older lot damaged' });
    await smt2.sync();
    await until(async () => (await s.call<{ exceptions: ExceptionView[] }>('GET', '/exceptions')).body.exceptions.some((e) => e.kind === 'override'));
    const ov = (await s.call<{ exceptions: ExceptionView[] }>('GET', '/exceptions')).body.exceptions.find((e) => e.kind === 'override')!;
    expect((await s.call('POST', `/exceptions/${ov.id}/resolve`, { reason: 'reviewed', password: PASSWORD })).status).toBe(403);
    const qa = sup();
    await qa.login('quinn');
    expect((await qa.call('POST', `/exceptions/${ov.id}/resolve`, { reason: 'reviewed', password: PASSWORD })).status).toBe(200);
  });

  it('andon: raised at a station, acknowledged and closed by a supervisor, with who and when', async () => {
    const s = sup();
    await s.login('sofia');
    const callId = smt2.andon('material', 'feeder 12 empty');
    await smt2.sync();
    await until(async () => (await s.call<{ calls: AndonCallView[] }>('GET', '/andon?open=1')).body.calls.some((c) => c.callId === callId));
    expect((await s.call<{ tiles: StationTileView[] }>('GET', '/stations')).body.tiles.find((t) => t.stationId === 'SMT-2')!.openAndon).toBe(1);
    expect((await s.call('POST', `/andon/${callId}/ack`)).status).toBe(200);
    expect((await s.call('POST', `/andon/${callId}/ack`)).status).toBe(404);
    expect((await s.call('POST', `/andon/${callId}/close`, { note: 'reel brought' })).status).toBe(200);
    const c = (await s.call<{ calls: AndonCallView[] }>('GET', '/andon')).body.calls.find((x) => x.callId === callId)!;
    expect(c).toMatchObject({ kind: 'material', note: 'feeder 12 empty', ackedBy: 'Sofia Rossi', closedBy: 'Sofia Rossi', closeNote: 'reel brought' });
    expect(Date.parse(c.ackedAt!)).toBeLessThanOrEqual(Date.parse(c.closedAt!));
  });

  it('lot watch: QA places a signed hold that stations see in /sync/holds; a supervisor cannot release it', async () => {
    recv.record('lot.received', { lotId: 'LOT-R1', itemId: 'IT-1', quantity: 100, uom: 'ea', expiry: new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10), msl: '3' });
    await recv.sync();
    const qa = sup();
    await qa.login('quinn');
    await until(async () => (await qa.call<{ lots: LotWatchRow[] }>('GET', '/lots')).body.lots.some((l) => l.lotId === 'LOT-R1'));
    const row = (await qa.call<{ lots: LotWatchRow[] }>('GET', '/lots')).body.lots.find((l) => l.lotId === 'LOT-R1')!;
    expect(row.watch).toEqual(expect.arrayContaining(['quarantine', 'expiring']));
    expect((await qa.call('POST', '/lots/LOT-R1/hold', { reason: 'supplier notice', password: 'nope' })).status).toBe(401);
    const held = await qa.call<{ change: { status: string } }>('POST', '/lots/LOT-R1/hold', { reason: 'supplier notice', password: PASSWORD });
    expect(held.status).toBe(200);
    const feed = await smt1.client.pullAll('holds');
    expect(feed.items).toEqual(expect.arrayContaining([expect.objectContaining({ lotId: 'LOT-R1', kind: 'hold', status: 'on_hold', byName: 'Quinn QA' })]));
    const s = sup();
    await s.login('sofia');
    expect((await s.call('POST', '/lots/LOT-R1/release', { reason: 'ok now', password: PASSWORD })).status).toBe(403);
    expect((await s.call('POST', '/lots/LOT-R1/hold', { reason: 'again', password: PASSWORD })).status).toBe(403);
  });

  it('the audit lists the central acts above, newest first, with who, the reason and the signature, a page at a time; an operator may not read it', async () => {
    const s = sup();
    await s.login('sofia');
    const all = await s.call<BoardAuditPage>('GET', '/audit?limit=200');
    expect(all.status).toBe(200);
    const types = all.body.entries.map((e) => e.type);
    // Newest first: the hold (the last act above) before the andon, the andon before the exceptions.
    expect(types.indexOf('lot.hold_placed')).toBeLessThan(types.indexOf('andon.closed'));
    expect(types.indexOf('andon.closed')).toBeLessThan(types.indexOf('andon.acknowledged'));
    expect(types.indexOf('andon.acknowledged')).toBeLessThan(types.indexOf('exception.resolved'));
    expect(types).toEqual(expect.arrayContaining(['exception.assigned', 'signature.failed']));
    const ids = all.body.entries.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const hold = all.body.entries.find((e) => e.type === 'lot.hold_placed')!;
    expect(hold).toMatchObject({ subject: 'lot:LOT-R1', userId: 'quinn', userName: 'Quinn QA', reason: 'supplier notice', signature: { userId: 'quinn', meaning: expect.any(String) as string } });
    expect(all.body.entries.find((e) => e.type === 'andon.acknowledged')).toMatchObject({ userName: 'Sofia Rossi', signature: null });

    // One type; then pages of two that end where the list does.
    const resolved = await s.call<BoardAuditPage>('GET', '/audit?type=exception.resolved');
    expect(resolved.body.entries.map((e) => e.type)).toEqual(['exception.resolved', 'exception.resolved']);
    const seen: number[] = [];
    let before: number | null = null;
    do {
      const page: { body: BoardAuditPage } = await s.call<BoardAuditPage>('GET', `/audit?limit=2${before ? `&before=${before}` : ''}`);
      expect(page.body.entries.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.entries.map((e) => e.id));
      before = page.body.nextBefore;
    } while (before !== null);
    expect(seen).toEqual(ids);

    expect((await s.call('GET', '/audit?type=lot.deleted')).status).toBe(400);
    expect((await s.call('GET', '/audit?limit=0')).status).toBe(400);
    const op = sup();
    expect((await op.login('olga')).status).toBe(403);
    expect((await op.call('GET', '/audit')).status).toBe(401);
  });

  it('charts and the shift report count what the stations recorded', async () => {
    const s = sup();
    await s.login('sofia');
    smt1.record('station.state_changed', { state: 'running' }, { wallTime: new Date(Date.now() - 30 * 60_000).toISOString() });
    smt1.record('smt.boards_recorded', { workOrderId: 'WO-1', lineId: 'L1', serials: ['S1', 'S2', 'S3'], source: 'generated', panelScanSeq: null, lots: [], ambiguous: [] });
    await smt1.sync();
    await until(async () => (await s.call<ChartsView>('GET', '/charts?hours=2')).body.output.series.length > 0);
    const c = (await s.call<ChartsView>('GET', '/charts?hours=2')).body;
    expect(c.output.series[0]!.values.reduce((a, b) => a + b, 0)).toBe(3);
    expect(c.pareto[0]).toMatchObject({ key: 'wrong_item', count: 1 });
    expect(c.fpy.find((f) => f.stationId === 'SMT-1')).toMatchObject({ units: 2, passed: 1, fpy: 0.5 });
    expect(c.availability.find((a) => a.stationId === 'SMT-1')!.durations.running).toBeGreaterThan(0);
    const csv = await s.call('GET', '/charts?hours=2&format=csv');
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    expect(csv.text).toContain('SMT-1 · WO-1');
    const now = new Date();
    const date = now.toISOString().slice(0, 10);
    const h = now.getUTCHours();
    const shift = h >= 6 && h < 14 ? 'early' : h >= 14 && h < 22 ? 'late' : 'night';
    const sd = shift === 'night' && h < 6 ? new Date(now.getTime() - 86_400_000).toISOString().slice(0, 10) : date;
    // The shift above is UTC's; without a zone the server would use the plant's (here the test machine's).
    const rep = await s.call<ShiftReport>('GET', `/shift-report?line=L1&date=${sd}&shift=${shift}&tz=UTC`);
    expect(rep.body.stations.find((x) => x.stationId === 'SMT-1')).toMatchObject({ produced: 3, accepted: 1, rejected: 1 });
    const repCsv = await s.call('GET', `/shift-report?line=L1&date=${sd}&shift=${shift}&tz=UTC&format=csv`);
    expect(repCsv.text.split('\r\n')[0]).toContain('line,date,shift,station');
    const ticket = await s.call<{ templateId: string; data: Record<string, unknown> }>('GET', `/shift-report?line=L1&date=${sd}&shift=${shift}&tz=UTC&format=ticket`);
    expect(ticket.body).toMatchObject({ templateId: 'shift-summary', lang: 'en', data: { station: 'L1', shift, produced: 3, rejected: 1, supervisor: 'Sofia Rossi' } });
    // The ticket names each reject reason in its language; the report and its CSV keep the recorded code.
    expect(ticket.body.data.rejects).toEqual([{ reason: 'Wrong item', count: 1 }]);
    expect(ticket.body.data.zone).toBe('UTC');
    expect(rep.body.rejects).toEqual([{ reason: 'wrong_item', count: 1 }]);
    // In Spanish: the shift in words and the template to print it with; the figures are the same.
    const es = await s.call<{ templateId: string; lang: string; data: Record<string, unknown> }>('GET', `/shift-report?line=&date=${sd}&shift=${shift}&tz=UTC&format=ticket&lang=es`);
    expect(es.body).toMatchObject({ templateId: 'shift-summary', lang: 'es', data: { station: 'todas las líneas', shift: { early: 'mañana', late: 'tarde', night: 'noche' }[shift] } });
    expect(es.body.data.rejects).toEqual([{ reason: 'Artículo equivocado', count: 1 }]);
    expect((await s.call('GET', `/shift-report?line=L1&date=${sd}&shift=${shift}&format=ticket&lang=de`)).status).toBe(400);
  });

  it('the live channel refuses an operator and a missing token', async () => {
    const op = sup();
    await expect(op.live(() => undefined, 'llus_nothing')).rejects.toThrow();
  });
});
