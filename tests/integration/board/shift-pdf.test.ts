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
  const q = `line=L1&date=${date}&shift=${shift}`;

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
    for (const s of ['Informe de turno', `L1 · ${date} · turno de ${shiftWord}`, 'Preparado por', 'Sofía Núñez', 'Servidor central', 'Station SMT-1 (SMT-1)', 'Motivos de rechazo', 'wrong_item', 'producidas 3 · aceptadas 1 · rechazadas 1', 'Página 1 de 1'])
      expect(text, s).toContain(s);
    expect(pdfPages(file)).toBe(1);
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
