// The shift report asked for without a zone uses the plant's: the zone the line's stations
// report in their station.configured events, else the server's --tz setting, else the
// server's own zone — and says which in the JSON, the CSV and the PDF. Real central server
// (PGlite and PostgreSQL), stations pushing through the real sync path.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ShiftReport } from '../../../shared/board/api';
import { processTimeZone } from '../../../shared/clock/zone';
import { shiftReport } from '../../../server/board/queries';
import { startServer, type RunningServer } from '../../../server/main';
import { tempDir } from '../helpers/station';
import { pdfToText } from '../helpers/pdf';
import { DB_KINDS, openTestDb, quietLog, type TestDb } from '../server/helpers';
import { BoardClient, SimStation, addUser, adminSession } from './kit';

const configured = (s: SimStation, area: string, zone?: string | null) =>
  s.record('station.configured', { name: `Station ${s.stationId}`, type: 'smt', area, idleLockMinutes: 15, ...(zone === undefined ? {} : { timeZone: zone }) });

/** A reject recorded at a given wall time, as the SMT workflow records it. */
const rejectAt = (s: SimStation, wallTime: string, lotId: string) => {
  const scan = s.record('scan.received', { text: `]C1${lotId}`, source: 'wedge', receivedAt: wallTime }, { wallTime });
  s.record('scan.verdict', { scanSeq: scan.seq, workflow: 'smt.reel', verdict: 'REJECT', reasons: [{ code: 'wrong_item', severity: 'REJECT', message: 'Wrong part' }], message: 'Wrong part', overridable: false, lotId }, { wallTime });
};

describe.each(DB_KINDS)('shift report in the plant zone on %s', (kind) => {
  const dir = tempDir();
  let tdb: TestDb;
  let server: RunningServer;
  let mty1: SimStation, mty2: SimStation;
  let s: BoardClient;
  const report = async (query: string) => {
    const r = await s.call<ShiftReport>('GET', `/shift-report?${query}`);
    expect(r.status).toBe(200);
    return r.body;
  };

  beforeAll(async () => {
    tdb = await openTestDb(kind);
    server = await startServer({ db: tdb.central, port: 0, logger: quietLog, timeZone: 'america/chicago' });
    const admin = await adminSession(server.url, tdb.central);
    await addUser(tdb.central, 'sofia', ['supervisor'], 'Sofia Rossi');
    mty1 = await SimStation.enroll(server.url, admin, 'MTY-1', 'smt', 'MTY');
    mty2 = await SimStation.enroll(server.url, admin, 'MTY-2', 'smt', 'MTY');
    const ber = await SimStation.enroll(server.url, admin, 'BER-1', 'smt', 'BER');
    const none = await SimStation.enroll(server.url, admin, 'NOZ-1', 'smt', 'NOZ');
    const cleared = await SimStation.enroll(server.url, admin, 'CLR-1', 'smt', 'CLR');
    configured(mty1, 'MTY', 'America/Monterrey');
    // Enrollment and demo loads configure without a zone: the zone in force stays.
    configured(mty1, 'MTY');
    configured(mty2, 'MTY', 'America/Monterrey');
    configured(ber, 'BER', 'Europe/Berlin');
    configured(none, 'NOZ');
    configured(cleared, 'CLR', 'America/Monterrey');
    configured(cleared, 'CLR', null);
    // Night of 2026-11-20 in Monterrey (CST, UTC-6) runs 2026-11-21 04:00–12:00 UTC; the UTC night runs 2026-11-20 22:00 – 11-21 06:00 UTC.
    rejectAt(mty1, '2026-11-21T08:00:00.000Z', 'LOT-MTY-NIGHT'); // 02:00 in Monterrey: its night shift, after the UTC night
    rejectAt(mty1, '2026-11-20T23:00:00.000Z', 'LOT-MTY-LATE'); // 17:00 in Monterrey: its late shift, inside the UTC night
    for (const st of [mty1, mty2, ber, none, cleared]) await st.sync();
    s = new BoardClient(server.url);
    await s.login('sofia');
    // The projection runs after the push is acknowledged: wait until the report counts both rejects.
    for (let i = 0; i < 400; i++) {
      const [a, b] = await Promise.all([report('line=MTY&date=2026-11-20&shift=night'), report('line=MTY&date=2026-11-20&shift=late')]);
      if (a.stations.find((x) => x.stationId === 'MTY-1')?.rejected === 1 && b.stations.find((x) => x.stationId === 'MTY-1')?.rejected === 1) break;
      await new Promise((r) => setTimeout(r, 25));
    }
  });
  afterAll(async () => {
    await server?.close();
    await tdb?.drop();
    dir.remove();
  });

  it('no tz: the night of 2026-11-20 on a Monterrey line is Monterrey\'s night, and the report says so', async () => {
    const r = await report('line=MTY&date=2026-11-20&shift=night');
    expect([r.from, r.to]).toEqual(['2026-11-21T04:00:00.000Z', '2026-11-21T12:00:00.000Z']);
    expect(r.zone).toEqual({ name: 'America/Monterrey', source: 'stations', stations: ['America/Monterrey'] });
    expect(r.stations.find((x) => x.stationId === 'MTY-1')).toMatchObject({ rejected: 1 });
    expect(r.rejects).toEqual([{ reason: 'wrong_item', count: 1 }]);
    // The UTC night (what an older client gets with tz=0) counts the other reject: the 17:00 one.
    const utc = await report('line=MTY&date=2026-11-20&shift=night&tz=0');
    expect([utc.from, utc.to]).toEqual(['2026-11-20T22:00:00.000Z', '2026-11-21T06:00:00.000Z']);
    expect(utc.zone).toEqual({ name: 'UTC+00:00', source: 'offset', stations: [] });
  });

  it('a zone asked for wins over the plant\'s', async () => {
    const r = await report('line=MTY&date=2026-11-20&shift=night&tz=Europe%2FBerlin');
    expect(r.zone).toEqual({ name: 'Europe/Berlin', source: 'request', stations: [] });
    expect(r.from).toBe('2026-11-20T21:00:00.000Z');
  });

  it.each([
    ['stations in two zones (all lines)', '', { name: 'America/Chicago', source: 'setting', stations: ['America/Monterrey', 'Europe/Berlin'] }],
    ['a line whose station never said', 'NOZ', { name: 'America/Chicago', source: 'setting', stations: [] }],
    ['a line whose station cleared its zone', 'CLR', { name: 'America/Chicago', source: 'setting', stations: [] }],
    ['a line of one Berlin station', 'BER', { name: 'Europe/Berlin', source: 'stations', stations: ['Europe/Berlin'] }],
  ])('%s: %j', async (_, line, zone) => {
    expect((await report(`line=${line}&date=2026-11-20&shift=early`)).zone).toEqual(zone);
  });

  it('with no --tz setting either, the server\'s own zone', async () => {
    const r = await shiftReport(server.central.db, { line: 'NOZ', date: '2026-11-20', shift: 'early' });
    expect(r.zone).toEqual({ name: processTimeZone(), source: 'server', stations: [] });
  });

  it('the CSV carries the zone as its last column, the PDF names it and where it came from', async () => {
    const csv = await s.call('GET', '/shift-report?line=MTY&date=2026-11-20&shift=night&format=csv');
    const [header, first] = csv.text.split('\r\n');
    expect(header!.endsWith(',andon calls,time zone')).toBe(true);
    expect(first!.endsWith(',America/Monterrey')).toBe(true);
    const res = await fetch(`${server.url}/board/api/shift-report.pdf?line=MTY&date=2026-11-20&shift=night`, { headers: { authorization: `Bearer ${s.token}` } });
    expect(res.status).toBe(200);
    const file = join(dir.path, `shift-${kind}.pdf`);
    writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    const text = pdfToText(file).replace(/\s+/g, ' ');
    // The abbreviation (CST) depends on the ICU build: the wall time and the offset do not.
    expect(text).toMatch(/2026-11-20 22:00:00 (\w+ )?\(UTC-06:00\) – 2026-11-21 06:00:00 (\w+ )?\(UTC-06:00\)/);
    expect(text).toContain("America/Monterrey (the line's stations)");
  });

  it('a station that moves to another zone makes the line disagree: the setting decides, the disagreement is reported', async () => {
    configured(mty2, 'MTY', 'Europe/Berlin');
    await mty2.sync();
    const r = await report('line=MTY&date=2026-11-20&shift=night');
    expect(r.zone).toEqual({ name: 'America/Chicago', source: 'setting', stations: ['America/Monterrey', 'Europe/Berlin'] });
    expect(r.from).toBe('2026-11-21T04:00:00.000Z'); // Chicago is on CST too in November
  });

  it('an unknown --tz is refused before the server opens anything', async () => {
    await expect(startServer({ db: tdb.central, port: 0, logger: quietLog, timeZone: 'Mars/Olympus' })).rejects.toThrow(/"Mars\/Olympus" is not a known IANA time zone/);
  });
});
