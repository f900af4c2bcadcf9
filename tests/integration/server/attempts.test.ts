// Guessing defence over real HTTP: wrong passwords lock a user name (admin and board logins
// share the count) and wrong enrollment codes lock the address, with 429 and Retry-After.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setCentralUser } from '../../../server/auth';
import { startServer, type RunningServer } from '../../../server/main';
import { adminSession, openTestDb, quietLog, type TestDb } from './helpers';

let tdb: TestDb;
let server: RunningServer;

beforeAll(async () => {
  tdb = await openTestDb('pglite');
  server = await startServer({ db: tdb.central, port: 0, logger: quietLog });
  for (const userId of ['sv-a', 'sv-b']) await setCentralUser(tdb.central.db, { userId, name: userId, password: 'right password', roles: ['supervisor'] });
});
afterAll(async () => {
  await server.close();
  await tdb.drop();
});

const post = (path: string, body: unknown) =>
  fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'lotline-protocol': '1' }, body: JSON.stringify(body) });

describe('failed attempts', () => {
  it('five wrong passwords lock the user name on both login doors, not other users', async () => {
    for (let i = 0; i < 5; i++) expect((await post(i % 2 ? '/admin/login' : '/board/api/login', { username: 'sv-a', password: `guess ${i}` })).status).toBe(401);
    for (const path of ['/admin/login', '/board/api/login']) {
      const r = await post(path, { username: 'SV-A', password: 'right password' });
      expect(r.status).toBe(429);
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(800);
      expect(await r.json()).toMatchObject({ error: 'too_many_attempts', retryAfterSeconds: expect.any(Number) });
    }
    expect((await post('/board/api/login', { username: 'sv-b', password: 'right password' })).status).toBe(200);
  });

  it('twenty wrong enrollment codes lock the address, even for a valid code', async () => {
    const admin = await adminSession(server.url, tdb.central);
    const { body } = await admin.request<{ enrollmentCode: string }>('POST', '/admin/stations', { stationId: 'ST-A', name: 'ST-A', type: 'smt', area: 'L1' });
    // The address already holds the 5 login failures above: 15 more reach the limit.
    for (let i = 0; i < 15; i++) expect((await post('/sync/enroll', { code: `WRNG-CODE-${String(i).padStart(4, '0')}` })).status).toBe(400);
    const r = await post('/sync/enroll', { code: body.enrollmentCode, stationId: 'ST-A' });
    expect(r.status).toBe(429);
    expect(r.headers.get('retry-after')).toMatch(/^\d+$/);
  });
});
