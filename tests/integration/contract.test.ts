// One contract suite, run against the in-process API and against the WebSocket transport:
// the same answers either way, and a message that fails validation changes nothing.
import { connect as tcpConnect, type Socket } from 'node:net';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Transport } from '../../shared/contract/client';
import type { Push } from '../../shared/contract/station';
import { startBrowserHost, type BrowserHost } from '../../electron/host/browser-host';
import type { StationRuntime } from '../../electron/station/runtime/runtime';
import { client, inProcessTransport, openDemoRuntime, tempDir, wsTransport } from './helpers/station';

interface Fixture {
  transport: Transport;
  close(): Promise<void>;
}

const eventCount = (rt: StationRuntime) => rt.log.lastSeq;

describe.each([
  ['in-process', async (rt: StationRuntime): Promise<Fixture> => ({ transport: inProcessTransport(rt), close: async () => undefined })],
  [
    'WebSocket',
    async (rt: StationRuntime): Promise<Fixture> => {
      const host = await startBrowserHost({ runtime: rt, rendererDir: '/nonexistent', port: 0 });
      const t = wsTransport(host.url, host.token);
      await t.ready();
      return { transport: t, close: async () => { t.close(); await host.close(); } };
    },
  ],
])('StationApi over %s', (_, make) => {
  let dir: ReturnType<typeof tempDir>;
  let rt: StationRuntime;
  let fx: Fixture;
  beforeAll(async () => {
    dir = tempDir();
    rt = await openDemoRuntime(dir.path);
    fx = await make(rt);
  });
  afterAll(async () => {
    await fx.close();
    await rt.close();
    dir.remove();
  });

  it('answers station.status without a session, with the demo badges', async () => {
    const s = await client(fx.transport).call('station.status', {});
    expect(s.station).toMatchObject({ stationId: 'SMT-01', type: 'smt' });
    expect(s.session).toBeNull();
    expect(s.demo?.hints.map((h) => h.badge)).toContain('OP-100');
    // The demo binds simulated devices; this runtime has not started them, and says so.
    expect(s.devices.map((d) => [d.role, d.uri, d.code])).toEqual([
      ['scanner', 'sim:scanner', 'not_started'],
      ['scale', 'sim:scale', 'not_started'],
      ['labelPrinter', 'sim:zebra', 'not_started'],
      ['ticketPrinter', 'sim:escpos', 'not_started'],
    ]);
  });

  it.each([
    ['a badge that is a number', 'auth.login', { badge: 42, pin: '1234' }, 'invalid_input', 'badge'],
    ['a PIN with letters', 'auth.login', { badge: 'OP-100', pin: '12ab' }, 'invalid_input', 'pin'],
    ['extra fields on a strict input', 'station.status', { sneaky: true }, 'invalid_input', undefined],
    ['no input at all', 'auth.login', undefined, 'invalid_input', undefined],
    ['an unknown method', 'lots.delete', {}, 'unknown_method', undefined],
    ['a runtime-only method', 'master.apply', { records: [] }, 'unknown_method', undefined],
    ['a runtime-only method with valid input', 'auth.end_session', { cause: 'idle' }, 'unknown_method', undefined],
    ['a scan without a session', 'scan.submit', { text: 'X', source: 'test', receivedAt: new Date().toISOString() }, 'unauthenticated', undefined],
  ])('refuses %s with a clear error and writes nothing', async (_, method, input, code, path) => {
    const before = eventCount(rt);
    const res = await fx.transport.request(method, input);
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.error.code).toBe(code);
    expect(res.error.message.length).toBeGreaterThan(10);
    if (path) expect(res.error.issues?.map((i) => i.path)).toContain(path);
    expect(eventCount(rt)).toBe(before);
  });

  it('authorizes by role: an operator may scan but not read the audit trail', async () => {
    const api = client(fx.transport);
    await api.call('auth.login', { badge: 'OP-100', pin: '1111' });
    const receipt = await api.call('scan.submit', { text: ']C10109506000134352', source: 'test', receivedAt: new Date().toISOString() });
    expect(receipt.seq).toBe(eventCount(rt));
    const before = eventCount(rt);
    await expect(api.call('audit.list', {})).rejects.toMatchObject({ code: 'forbidden' });
    expect(eventCount(rt)).toBe(before);
    await api.call('auth.logout', {});
  });

  it('pushes the new status to the UI after a login', async () => {
    const pushes: Push[] = [];
    const off = fx.transport.onPush((p) => pushes.push(p));
    await client(fx.transport).call('auth.login', { badge: 'SV-300', pin: '3333' });
    await expect.poll(() => pushes.find((p) => p.topic === 'status' && p.data.session?.userId === 'u-sofia')).toBeTruthy();
    expect(pushes.some((p) => p.topic === 'event' && p.data.type === 'auth.login')).toBe(true);
    off();
    await client(fx.transport).call('auth.logout', {});
  });

  it('returns the audit trail newest first, filtered by type and user, with paging', async () => {
    const api = client(fx.transport);
    await api.call('auth.login', { badge: 'QA-400', pin: '4444' });
    const page = await api.call('audit.list', { types: ['lot.released'], limit: 5 });
    expect(page.entries).toHaveLength(5);
    expect(page.entries.every((e) => e.type === 'lot.released' && e.signature?.signerName === 'Quinn Okafor')).toBe(true);
    expect(page.entries[0]!.seq).toBeGreaterThan(page.entries[4]!.seq);
    const older = await api.call('audit.list', { types: ['lot.released'], limit: 5, beforeSeq: page.nextBeforeSeq! });
    expect(older.entries[0]!.seq).toBeLessThan(page.entries[4]!.seq);
    const mine = await api.call('audit.list', { userId: 'u-quinn', types: ['auth.login'] });
    expect(mine.entries.length).toBeGreaterThan(0);
    expect(mine.entries.every((e) => e.actor === 'u-quinn')).toBe(true);
    await expect(api.call('audit.verify', {})).resolves.toMatchObject({ ok: true, firstBroken: null });
    await api.call('auth.logout', {});
  });
});

/** A raw TCP connection: `ready` once connected, `ended` once the other side closes it. */
function rawSocket(port: number): { socket: Socket; ready: Promise<void>; ended: Promise<void> } {
  const socket = tcpConnect(port, '127.0.0.1');
  socket.on('error', () => undefined);
  return { socket, ready: new Promise((resolve) => socket.once('connect', () => resolve())), ended: new Promise((resolve) => socket.once('close', () => resolve())) };
}

describe('the browser-mode WebSocket itself', () => {
  let dir: ReturnType<typeof tempDir>;
  let rt: StationRuntime;
  let host: BrowserHost;
  beforeAll(async () => {
    dir = tempDir();
    rt = await openDemoRuntime(dir.path);
    host = await startBrowserHost({ runtime: rt, rendererDir: '/nonexistent', port: 0 });
  });
  afterAll(async () => {
    await host.close();
    await rt.close();
    dir.remove();
  });

  const connect = (query: string, origin?: string) =>
    new Promise<{ ws: WebSocket; status: 'open' } | { status: number }>((resolve) => {
      const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api${query}`, origin ? { origin } : {});
      ws.once('open', () => resolve({ ws, status: 'open' }));
      ws.once('unexpected-response', (_req, res) => resolve({ status: res.statusCode ?? 0 }));
      ws.once('error', () => undefined);
    });

  it.each([
    ['without a token', '', undefined],
    ['with a wrong token', '?token=not-the-token', undefined],
    ['from another web page (Origin)', `?token=TOKEN`, 'http://evil.example'],
  ])('refuses a connection %s', async (_, query, origin) => {
    const r = await connect(query.replace('TOKEN', host.token), origin);
    expect(r.status).toBe(401);
  });

  it('accepts the station page’s own origin', async () => {
    const r = await connect(`?token=${host.token}`, `http://127.0.0.1:${host.port}`);
    expect(r.status).toBe('open');
    if ('ws' in r) r.ws.close();
  });

  it.each([
    ['a frame that is not JSON', 'hello', 'not valid JSON'],
    ['JSON that is not a request', JSON.stringify({ hello: 1 }), 'not a request'],
    ['a frame over the size limit', JSON.stringify({ id: 1, method: 'scan.submit', input: { text: 'x'.repeat(300_000) } }), null],
  ])('answers %s with an error and records nothing', async (_, frame, message) => {
    const r = await connect(`?token=${host.token}`);
    if (!('ws' in r)) throw new Error('not connected');
    const before = rt.log.lastSeq;
    const reply = await new Promise<string>((resolve) => {
      r.ws.once('message', (d) => resolve(d.toString()));
      r.ws.once('close', (code) => resolve(`closed:${code}`));
      r.ws.send(frame);
    });
    if (message) expect(JSON.parse(reply)).toMatchObject({ id: -1, ok: false, error: { code: 'invalid_input', message: expect.stringContaining(message) } });
    else expect(reply).toBe('closed:1009');
    expect(rt.log.lastSeq).toBe(before);
    r.ws.close();
  });

  it('serves the UI with a strict Content-Security-Policy', async () => {
    const res = await fetch(`http://127.0.0.1:${host.port}/`);
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'.*script-src 'self'.*object-src 'none'/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('closes at once with a page still connected: its WebSocket, a keep-alive and a preconnected socket that never sent a request', async () => {
    const own = await startBrowserHost({ runtime: rt, rendererDir: '/nonexistent', port: 0 });
    const ws = new WebSocket(`ws://127.0.0.1:${own.port}/api?token=${own.token}`);
    await new Promise((resolve) => ws.once('open', resolve));
    // Chromium opens sockets ahead of need; one that has sent nothing is not idle to node:http.
    const idle = rawSocket(own.port);
    const half = rawSocket(own.port);
    await Promise.all([idle.ready, half.ready]);
    half.socket.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    const ends = Promise.all([idle.ended, half.ended, new Promise((resolve) => ws.once('close', resolve))]);
    let closed = false;
    const closing = own.close().then(() => (closed = true));
    // Without closing them, close() waits for node:http's own timeouts (headersTimeout is
    // 60 s, checked every 30 s), so 5 s tells a close that waits from one that does not.
    await Promise.race([closing, new Promise((resolve) => setTimeout(resolve, 5000))]);
    expect(closed).toBe(true);
    await closing;
    await ends;
  });

  it('refuses paths outside the UI folder', async () => {
    const res = await fetch(`http://127.0.0.1:${host.port}/..%2f..%2fetc%2fpasswd`);
    expect([403, 503]).toContain(res.status);
    expect(await res.text()).not.toMatch(/root:/);
  });
});
