// TLS: the central server serves HTTPS from the certificate and key it is given, and a
// station client that trusts that certificate syncs over it; plain HTTP to it fails.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../../server/main';
import { tempDir } from '../helpers/station';
import { openTestDb, quietLog, type TestDb } from './helpers';

function get(url: string, ca: Buffer): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { ca, headers: { 'Lotline-Protocol': '1' } }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('central server over TLS', () => {
  const dir = tempDir();
  let tdb: TestDb | undefined;
  let server: RunningServer | undefined;
  afterAll(async () => {
    await server?.close();
    await tdb?.drop();
    dir.remove();
  });

  it('answers HTTPS with the configured certificate and refuses a wrong credential as usual', async () => {
    const cert = join(dir.path, 'cert.pem');
    const key = join(dir.path, 'key.pem');
    const gen = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { encoding: 'utf8' });
    expect(gen.status, gen.stderr).toBe(0);
    tdb = await openTestDb('pglite');
    server = await startServer({ db: tdb.central, port: 0, logger: quietLog, tls: { certFile: cert, keyFile: key } });
    expect(server.url.startsWith('https://127.0.0.1:')).toBe(true);
    const ca = readFileSync(cert);
    const status = await get(`${server.url}/sync/status`, ca);
    expect(status.status).toBe(401);
    expect(JSON.parse(status.body)).toMatchObject({ error: 'unauthenticated' });
    await expect(fetch(server.url.replace('https:', 'http:') + '/sync/status')).rejects.toThrow();
    await expect(get(`${server.url}/sync/status`, Buffer.from(''))).rejects.toThrow();
  });
});
