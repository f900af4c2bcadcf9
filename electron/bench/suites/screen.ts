// The design's on-screen budget for scan-before-use: from the last byte of a scan to the
// verdict painted on the operator's screen, under 100 ms. A real station process (demo data,
// the simulated scanner on a real socat pty) serves the real UI to Debian's Chromium; an
// operator logs in and loads a work order on the SMT screen; then each sample asks the
// runtime to write a label's bytes into the scanner's pty (devices.sim_scan over the
// station's WebSocket) and waits until the page has painted the verdict flash for it: pty →
// serial reader → scan event → renderer → smt.scan → flash → frame painted. Both ends are
// read on the same wall clock (performance.timeOrigin + now() in Node and in the page). The
// baseline, in the same run and through the same apparatus, is Node → page → the same
// observer → frame painted → Node with no scan at all: what the measuring itself costs.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import WebSocket from 'ws';
import { createStationClient } from '../../../shared/contract/client';
import { createSocketTransport, type MinimalSocket } from '../../../shared/contract/socket-transport';
import { appRoot } from '../../node/app-root';
import { CHROMIUM, CHROMIUM_ARGS } from '../board-render';
import { figure, percentile, type BenchFigure, type BenchSuite } from '../figure';

/** The little of the page's DOM the probe touches (this file is compiled without the DOM library). */
interface PageGlobals {
  document: { documentElement: { setAttribute(name: string, value: string): void } };
}

/** Slot then the right reel for it: both accepted, so the flash clears itself and nothing waits for a touch. */
const CYCLE = ['LL-SLOT-SMT1-F03', 'LL-LOT-L-100004'] as const;

async function startStation(dataDir: string): Promise<{ proc: ChildProcess; url: string; token: string }> {
  const proc = spawn(process.execPath, [join(appRoot(), 'bin', 'lotline.mjs'), 'station', '--data', dataDir, '--port', '0', '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: proc.stdout! }).once('line', resolve);
    proc.once('exit', (code) => reject(new Error(`station exited with ${code} before it was ready:\n${err}`)));
  });
  const ready = JSON.parse(line) as { url: string };
  return { proc, url: ready.url, token: /token=([^&]+)/.exec(ready.url)![1]! };
}

/** In the page before its scripts: reports (to Node) each new verdict flash once its frame has painted. */
const WATCH = `(() => {
  let last = null;
  const painted = (id) => requestAnimationFrame(() => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => window.__painted(id, performance.timeOrigin + performance.now());
    ch.port2.postMessage(null);
  });
  new MutationObserver(() => {
    const el = document.querySelector('[data-testid="verdict-flash"]');
    const id = el && el.getAttribute('data-flash');
    if (id && id !== last) { last = id; painted('flash:' + id); }
    const probe = document.documentElement.getAttribute('data-probe');
    if (probe && probe !== window.__lastProbe) { window.__lastProbe = probe; painted('probe:' + probe); }
  }).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-flash', 'data-probe'] });
})();`;

export const screenSuite: BenchSuite = {
  name: 'screen',
  summary: 'last byte of a scan on the scanner pty → verdict painted in Chromium (real station process, real UI), beside the measuring apparatus alone',
  async run({ quick, log }) {
    let chromium: typeof import('@playwright/test').chromium;
    try {
      ({ chromium } = await import('@playwright/test'));
    } catch (err) {
      log(`Playwright is not installed (${(err as Error).message}); the on-screen figures are skipped`);
      return [];
    }
    const n = quick ? 60 : 400;
    const dir = mkdtempSync(join(tmpdir(), 'lotline-bench-screen-'));
    const station = await startStation(join(dir, 'station'));
    const ws = createSocketTransport(() => new WebSocket(`${station.url.replace(/^http/, 'ws').replace(/\/#.*$/, '').replace(/\/?\?.*$/, '')}/api?token=${encodeURIComponent(station.token)}`) as unknown as MinimalSocket, { setTimer: (fn, ms) => setTimeout(fn, ms).unref() });
    const api = createStationClient(ws);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    try {
      const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
      const waiters = new Map<string, (at: number) => void>();
      await page.exposeFunction('__painted', (id: string, at: number) => waiters.get(id)?.(at));
      await page.addInitScript(WATCH);
      await page.goto(station.url);
      await page.getByLabel('Badge').fill('OP-100');
      await page.locator('input[name=pin]').fill('1111');
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.getByTestId('capability-verify_setup').click();
      await page.getByTestId('load-WO-24001').click();
      await page.getByTestId('smt-step').waitFor();
      log(`SMT screen open; ${n} scans through the pty, then ${n} bare probes`);

      const paintedAfter = async (key: string, act: () => Promise<unknown>): Promise<number> => {
        const seen = new Promise<number>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`${key}: nothing painted within 30 s`)), 30_000);
          waiters.set(key, (at) => (clearTimeout(timer), resolve(at)));
        });
        const t0 = performance.timeOrigin + performance.now();
        await act();
        const at = await seen;
        waiters.delete(key);
        return at - t0;
      };
      const flashId = async () => Number(await page.getAttribute('[data-testid="verdict-flash"]', 'data-flash').catch(() => null)) || 0;

      const scans: number[] = [];
      let next = (await flashId()) + 1;
      for (let i = 0; i < n + 4; i++) {
        const ms = await paintedAfter(`flash:${next}`, () => api.call('devices.sim_scan', { text: CYCLE[i % CYCLE.length]! }));
        next++;
        if (i >= 4) scans.push(ms); // the first few warm the page's code paths
      }
      const probes: number[] = [];
      for (let i = 0; i < n; i++) probes.push(await paintedAfter(`probe:${i}`, () => page.evaluate((v) => (globalThis as unknown as PageGlobals).document.documentElement.setAttribute('data-probe', String(v)), i)));
      return [
        figure({ metric: 'scan on the scanner pty → verdict painted in Chromium, p50', value: percentile(scans, 50), unit: 'ms', baseline: 'the measuring alone (Node → page → painted → Node), p50', baselineValue: percentile(probes, 50) }),
        figure({ metric: 'scan on the scanner pty → verdict painted in Chromium, p95', value: percentile(scans, 95), unit: 'ms', baseline: 'the measuring alone, p95', baselineValue: percentile(probes, 95), budget: '< 100 ms (DESIGN)' }),
      ] satisfies BenchFigure[];
    } finally {
      await browser.close().catch(() => undefined);
      ws.close();
      station.proc.kill('SIGTERM');
      await new Promise((r) => (station.proc.exitCode !== null ? r(null) : station.proc.once('exit', r)));
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
