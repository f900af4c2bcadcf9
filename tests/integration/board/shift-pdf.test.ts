// The shift report as PDF from the central server (PGlite), fed by a simulated station
// through the real sync path: same figures as the JSON report, the supervisor's printed
// name, Spanish words intact (read back with poppler's pdftotext), and the same role checks
// as the other board views.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ShiftReport } from '../../../shared/board/api';
import { shiftAt } from '../../../shared/board/shift';
import { startServer, type RunningServer } from '../../../server/main';
import { tempDir } from '../helpers/station';
import { pdfPages, pdfToText } from '../helpers/pdf';
import { openTestDb, quietLog, type TestDb } from '../server/helpers';
import { BoardClient, SimStation, addUser, adminSession } from './kit';

describe('shift report PDF on the central server', () => {
  const dir = tempDir();
  let tdb: TestDb;
  let server: RunningServer;
  let smt: SimStation;
  const { date, shift } = shiftAt(Date.now());
  // shiftAt(now) is UTC's shift: ask for it in UTC, or the server would draw it in the plant's (the machine's) zone.
  const q = `line=L1&date=${date}&shift=${shift}&tz=UTC`;

  beforeAll(async () => {
    tdb = await openTestDb('pglite');
    server = await startServer({ db: tdb.central, port: 0, logger: quietLog });
    const admin = await adminSession(server.url, tdb.central);
    await addUser(tdb.central, 'sofia', ['supervisor'], 'Sofía Núñez');
    await addUser(tdb.central, 'olga', ['operator'], 'Olga Operator');
    smt = await SimStation.enroll(server.url, admin, 'SMT-1', 'smt', 'L1');
    smt.login('olga');
    smt.verdict('ACCEPT', { workOrderId: 'WO-1', slot: 'S1', lotId: 'LOT-A' });
    smt.verdict('REJECT', { workOrderId: 'WO-1', slot: 'S2', lotId: 'LOT-B', code: 'wrong_item' });
    smt.record('smt.boards_recorded', { workOrderId: 'WO-1', lineId: 'L1', serials: ['S1', 'S2', 'S3'], source: 'generated', panelScanSeq: null, lots: [], ambiguous: [] });
    await smt.sync();
  });
  afterAll(async () => {
    await server?.close();
    await tdb?.drop();
    dir.remove();
  });

  it('a supervisor downloads it: a PDF with the JSON report’s figures, in Spanish, with who prepared it', async () => {
    const s = new BoardClient(server.url);
    await s.login('sofia');
    // The projection runs after the push is acknowledged: wait until the report counts it.
    for (let i = 0; i < 200; i++) {
      const r = await s.call<ShiftReport>('GET', `/shift-report?${q}`);
      if (r.body.stations.find((x) => x.stationId === 'SMT-1')?.produced === 3) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    const res = await fetch(`${server.url}/board/api/shift-report.pdf?${q}&lang=es`, { headers: { authorization: `Bearer ${s.token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="shift-L1-${date}-${shift}.pdf"`);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const file = join(dir.path, 'shift.pdf');
    writeFileSync(file, bytes);
    const text = pdfToText(file);
    const shiftWord = { early: 'mañana', late: 'tarde', night: 'noche' }[shift];
    for (const s of ['Informe de turno', `L1 · ${date} · turno de ${shiftWord}`, 'Preparado por', 'Sofía Núñez', 'Servidor central', 'Station SMT-1 (SMT-1)', 'Motivos de rechazo', 'Artículo equivocado', 'producidas 3 · aceptadas 1 · rechazadas 1', 'Página 1 de 1'])
      expect(text, s).toContain(s);
    expect(text).not.toContain('wrong_item');
    expect(pdfPages(file)).toBe(1);
  });

  it('tz as an IANA zone: the window is that zone\'s wall-clock shift and the PDF prints it there, with offsets; a bare offset prints UTC as before', async () => {
    const s = new BoardClient(server.url);
    await s.login('sofia');
    const get = async (query: string) => {
      const res = await fetch(`${server.url}/board/api/shift-report.pdf?${query}`, { headers: { authorization: `Bearer ${s.token}` } });
      expect(res.status).toBe(200);
      const file = join(dir.path, `shift-${Math.random().toString(36).slice(2)}.pdf`);
      writeFileSync(file, Buffer.from(await res.arrayBuffer()));
      // A long value wraps onto the next line: compare with whitespace folded.
      return pdfToText(file).replace(/\s+/g, ' ');
    };
    // 2026-11-20 early in Monterrey: 06:00–14:00 CST, which is 12:00–20:00 UTC.
    const json = await s.call<ShiftReport>('GET', '/shift-report?line=L1&date=2026-11-20&shift=early&tz=America/Monterrey');
    expect([json.body.from, json.body.to]).toEqual(['2026-11-20T12:00:00.000Z', '2026-11-20T20:00:00.000Z']);
    const mty = await get('line=L1&date=2026-11-20&shift=early&tz=America%2FMonterrey');
    expect(mty).toContain('2026-11-20 06:00:00 CST (UTC-06:00) – 2026-11-20 14:00:00 CST (UTC-06:00)');
    expect(mty).toContain('America/Monterrey');
    expect(mty).not.toMatch(/\d\d:\d\d:\d\d UTC/);
    // The EU fall-back night: 22:00 CEST to 06:00 CET, nine hours, each end with its own offset.
    const ber = await get('line=L1&date=2026-10-24&shift=night&tz=Europe%2FBerlin');
    expect(ber).toContain('2026-10-24 22:00:00 CEST (UTC+02:00) – 2026-10-25 06:00:00 CET (UTC+01:00)');
    // Older clients send minutes: same window as before, times in UTC as before.
    const legacy = await get('line=L1&date=2026-11-20&shift=early&tz=-360');
    expect(legacy).toContain('2026-11-20 12:00:00 UTC – 2026-11-20 20:00:00 UTC');
    expect(legacy).not.toContain('America/Monterrey');
    const bad = await fetch(`${server.url}/board/api/shift-report.pdf?line=L1&date=2026-11-20&shift=early&tz=Mars%2FOlympus`, { headers: { authorization: `Bearer ${s.token}` } });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('\\"Mars/Olympus\\" is not a known IANA time zone');
  });

  it('same role checks as the other views: no session 401, an operator 403; a bad query 400', async () => {
    expect((await fetch(`${server.url}/board/api/shift-report.pdf?${q}`)).status).toBe(401);
    const s = new BoardClient(server.url);
    await s.login('sofia');
    const bad = await fetch(`${server.url}/board/api/shift-report.pdf?line=L1&date=yesterday&shift=${shift}`, { headers: { authorization: `Bearer ${s.token}` } });
    expect(bad.status).toBe(400);
    const lang = await fetch(`${server.url}/board/api/shift-report.pdf?${q}&lang=fr`, { headers: { authorization: `Bearer ${s.token}` } });
    expect(lang.status).toBe(400);
    const op = new BoardClient(server.url);
    expect((await op.login('olga')).status).toBe(403);
  });
});
