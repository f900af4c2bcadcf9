// The supervisor views end to end: a real `lotline server` process (PGlite in a temp
// folder), stations simulated through the real sync path, Debian's Chromium. Sign-in,
// the floor board with a reject, andon raised → acknowledged → closed, the exception
// queue, a QA hold from lot watch reaching the stations' holds feed, charts, shift report.
// Each view is saved as a screenshot in test-results/e2e/.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { expect, test, type Page } from '@playwright/test';
import { shiftAt, SHIFT_IDS } from '../../shared/board/shift';
import { utcOffsetMinutes } from '../../shared/clock/zone';
import { SyncClient } from '../integration/server/helpers';
import { BIN, startStationProcess, tempDir } from '../integration/helpers/station';
import { PASSWORD, SimStation } from '../integration/board/kit';

const SHOTS = 'test-results/e2e';

interface Central {
  proc: ChildProcess;
  url: string;
  stop(): Promise<void>;
}

function addUser(dataDir: string, id: string, name: string, role: string): void {
  const r = spawnSync(process.execPath, [BIN, 'server', 'user', 'add', id, '--name', name, '--role', role, '--password-stdin', '--data', dataDir], { input: PASSWORD, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`user add ${id}: ${r.stderr}`);
}

async function startCentral(dataDir: string): Promise<Central> {
  // --tz: the plant zone of a report whose line's stations do not agree on one (the shift report test).
  const proc = spawn(process.execPath, [BIN, 'server', '--data', dataDir, '--port', '0', '--tz', 'Europe/Berlin', '--json'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LOTLINE_LOG_LEVEL: 'warn' } });
  let err = '';
  proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: proc.stdout! }).once('line', resolve);
    proc.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${err}`)));
  });
  const { url } = JSON.parse(line) as { url: string };
  return {
    proc,
    url,
    stop: () =>
      new Promise((resolve) => {
        if (proc.exitCode !== null) return resolve();
        proc.once('exit', () => resolve());
        proc.kill('SIGTERM');
      }),
  };
}

async function signIn(page: Page, url: string, user: string): Promise<void> {
  await page.goto(`${url}/board/`);
  await page.getByLabel('User').fill(user);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test.describe.configure({ mode: 'serial' });

let central: Central;
let dir: { path: string; remove(): void };
let smt1: SimStation, smt2: SimStation, recv: SimStation;

test.beforeAll(async () => {
  // Four CLI runs and a server start, each opening PGlite: minutes on a busy 2-core machine.
  test.setTimeout(600_000);
  dir = tempDir('lotline-e2e-board-');
  addUser(dir.path, 'admin', 'Ada Admin', 'admin');
  addUser(dir.path, 'sofia', 'Sofia Rossi', 'supervisor');
  addUser(dir.path, 'quinn', 'Quinn Baker', 'qa');
  addUser(dir.path, 'olga', 'Olga Operator', 'operator');
  central = await startCentral(dir.path);
  const admin = new SyncClient(central.url, null);
  const r = await admin.request<{ token: string }>('POST', '/admin/login', { username: 'admin', password: PASSWORD });
  admin.token = r.body.token;
  smt1 = await SimStation.enroll(central.url, admin, 'SMT-1', 'smt', 'Line 1');
  smt2 = await SimStation.enroll(central.url, admin, 'SMT-2', 'smt', 'Line 1');
  recv = await SimStation.enroll(central.url, admin, 'RCV-1', 'receiving', 'Receiving');

  const hourAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
  // Line 1's stations work on Monterrey time; receiving was set up in another zone by mistake.
  const configured = (st: SimStation, area: string, timeZone: string) => st.record('station.configured', { name: `Station ${st.stationId}`, type: st === recv ? 'receiving' : 'smt', area, idleLockMinutes: 15, timeZone }, { wallTime: hourAgo(120) });
  configured(smt1, 'Line 1', 'America/Monterrey');
  configured(smt2, 'Line 1', 'America/Monterrey');
  configured(recv, 'Receiving', 'America/Mexico_City');
  smt1.login('olga');
  smt1.record('smt.work_order_loaded', { workOrderId: 'WO-24001', lineId: 'L1', bomId: 'BOM-CTRL-A', revision: 'C' }, { wallTime: hourAgo(90) });
  smt1.record('station.state_changed', { state: 'running' }, { wallTime: hourAgo(80) });
  for (let i = 0; i < 4; i++) smt1.verdict('ACCEPT', { workOrderId: 'WO-24001', slot: `S${i}`, lotId: `R-${i}` });
  smt1.record('smt.boards_recorded', { workOrderId: 'WO-24001', lineId: 'L1', serials: ['B1', 'B2', 'B3', 'B4', 'B5'], source: 'generated', panelScanSeq: null, lots: [], ambiguous: [] }, { wallTime: hourAgo(50) });
  smt1.record('smt.boards_recorded', { workOrderId: 'WO-24001', lineId: 'L1', serials: ['B6', 'B7', 'B8'], source: 'generated', panelScanSeq: null, lots: [], ambiguous: [] });
  smt1.verdict('REJECT', { workOrderId: 'WO-24001', slot: 'S7', lotId: 'R-99', code: 'wrong_item', message: 'Wrong part: slot S7 needs C-100N' });
  await smt1.sync({ 'Lotline-Outbox-Pending': '0' });
  smt2.login('olga');
  smt2.record('station.state_changed', { state: 'down' }, { wallTime: hourAgo(30) });
  smt2.verdict('REJECT', { workOrderId: 'WO-24002', slot: 'S1', lotId: 'R-5', code: 'lot_expired' });
  smt2.verdict('ACCEPT', { workOrderId: 'WO-24002', slot: 'S1', lotId: 'R-6' });
  smt2.record('device.fault', { role: 'labelPrinter', fault: 'paper_out', detail: 'ZD421: paper out' });
  await smt2.sync({ 'Lotline-Outbox-Pending': '12', 'Lotline-Outbox-Oldest': hourAgo(2) });
  recv.record('lot.received', { lotId: 'LOT-R1', itemId: 'C-100N', quantity: 5000, uom: 'ea', expiry: new Date(Date.now() + 6 * 86_400_000).toISOString().slice(0, 10), msl: '3' });
  await recv.sync();
});

test.afterAll(async () => {
  await central?.stop();
  dir?.remove();
});

test('an operator cannot open the supervisor views', async ({ page }) => {
  await signIn(page, central.url, 'olga');
  await expect(page.getByRole('alert')).toContainText('may not open the supervisor views');
});

test('floor board shows every station, the reject, the fault and the sync queue, live', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await signIn(page, central.url, 'sofia');
  await expect(page.getByTestId('board-user')).toHaveText('Sofia Rossi');
  await expect(page.getByTestId('live-state')).toHaveText('Live');
  const t1 = page.getByTestId('tile-SMT-1');
  await expect(t1).toContainText('Reject · Wrong item');
  await expect(t1).toContainText('WO-24001');
  await expect(t1).toContainText('Olga Operator');
  await expect(page.getByTestId('tile-SMT-2')).toContainText('Label printer: paper out');
  await expect(page.getByTestId('tile-SMT-2')).toContainText('12 unsent');
  await expect(page.getByTestId('tile-RCV-1')).toBeVisible();
  // A new reject at a station arrives without reloading.
  smt1.verdict('REJECT', { workOrderId: 'WO-24001', slot: 'S8', lotId: 'R-100', code: 'msl_floor_life_exceeded' });
  await smt1.sync();
  await expect(t1).toContainText('MSL floor life exceeded');
  await expect(t1.locator('dd.sv-num-bad')).toHaveText('2');
  await page.getByLabel('Area').selectOption('Line 1');
  await expect(page.getByTestId('tile-RCV-1')).toHaveCount(0);
  await page.getByLabel('Area').selectOption('');
  await page.screenshot({ path: `${SHOTS}/board-floor.png`, fullPage: true });
});

test('andon: raised at a station, acknowledged, closed', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await signIn(page, central.url, 'sofia');
  await page.getByRole('button', { name: 'Andon' }).click();
  await expect(page.getByText('No open andon calls.')).toBeVisible();
  smt2.andon('material', 'Feeder 12: reel empty');
  await smt2.sync();
  const call = page.getByTestId('andon-Station SMT-2');
  await expect(call).toContainText('Material');
  await expect(call).toContainText('Feeder 12: reel empty');
  await page.screenshot({ path: `${SHOTS}/board-andon-raised.png`, fullPage: true });
  await call.getByRole('button', { name: 'Acknowledge' }).click();
  await expect(call).toContainText('Acknowledged by Sofia Rossi');
  await page.getByRole('button', { name: 'Floor board' }).click();
  await expect(page.getByTestId('tile-SMT-2')).toContainText('Andon: 1 open');
  await page.getByRole('button', { name: 'Andon' }).click();
  await page.getByTestId('andon-Station SMT-2').getByRole('button', { name: 'Close' }).click();
  await expect(page.getByText('No open andon calls.')).toBeVisible();
  await expect(page.getByRole('table')).toContainText('Sofia Rossi');
  await page.screenshot({ path: `${SHOTS}/board-andon-closed.png`, fullPage: true });
});

test('exception queue: the reject with its evidence, resolved with a signature', async ({ page }) => {
  await signIn(page, central.url, 'sofia');
  await page.getByRole('button', { name: 'Exceptions' }).click();
  await page.getByTestId('exception-reject').filter({ hasText: 'Wrong item' }).click();
  await expect(page.locator('.sv-detail')).toContainText('scan.verdict');
  await expect(page.locator('.sv-detail')).toContainText('Wrong part: slot S7 needs C-100N');
  await page.screenshot({ path: `${SHOTS}/board-exceptions.png`, fullPage: true });
  await page.getByRole('button', { name: 'Resolve (signed)' }).click();
  await page.getByLabel('Reason').fill('Reel returned to stores; right reel loaded');
  await page.getByLabel('Your password (re-authentication)').fill('wrong');
  await page.getByRole('button', { name: 'Sign', exact: true }).click();
  await expect(page.getByRole('dialog').getByRole('alert')).toContainText('password');
  await page.getByLabel('Your password (re-authentication)').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign', exact: true }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await page.getByRole('button', { name: 'Resolved' }).click();
  await page.getByTestId('exception-reject').filter({ hasText: 'Wrong item' }).click();
  await expect(page.locator('.sv-detail')).toContainText('Resolved by Sofia Rossi');
});

test('lot watch: a supervisor may not hold; QA places a signed hold that reaches the stations', async ({ page }) => {
  await signIn(page, central.url, 'sofia');
  await page.getByRole('button', { name: 'Lot watch' }).click();
  await expect(page.getByText('Holds are placed and released by QA.')).toBeVisible();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn(page, central.url, 'quinn');
  await page.getByRole('button', { name: 'Lot watch' }).click();
  const row = page.getByTestId('lot-LOT-R1');
  await expect(row).toContainText('Awaiting QA');
  await expect(row).toContainText('Expiring soon');
  await row.getByRole('button', { name: 'Place hold' }).click();
  await page.getByLabel('Reason').fill('Supplier notice SN-2291: suspect capacitance');
  await page.getByLabel('Your password (re-authentication)').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign', exact: true }).click();
  await expect(row).toContainText('On hold');
  await expect(row).toContainText('Quinn Baker');
  await page.screenshot({ path: `${SHOTS}/board-lots.png`, fullPage: true });
  const feed = await smt1.client.pullAll('holds');
  expect(feed.items).toEqual(expect.arrayContaining([expect.objectContaining({ lotId: 'LOT-R1', kind: 'hold', byName: 'Quinn Baker' })]));
});

test('the audit lists the central acts above with who, when, the reason and the signature, in Spanish too', async ({ page }) => {
  await signIn(page, central.url, 'sofia');
  await page.getByRole('button', { name: 'Audit' }).click();
  const table = page.getByTestId('audit-table');
  // Newest first: the hold QA placed last above, then the exception, the refused password and the andon before it.
  await expect(table.getByRole('row').nth(1)).toContainText('Hold placed');
  await expect(table.getByRole('row').nth(1)).toContainText('Quinn Baker');
  await expect(table.getByRole('row').nth(1)).toContainText('Supplier notice SN-2291: suspect capacitance');
  await expect(table.getByRole('row').nth(1)).toContainText('Quinn Baker (hold placed)');
  await expect(table).toContainText('Exception resolved');
  await expect(table).toContainText('Reel returned to stores; right reel loaded');
  await expect(table).toContainText('Signature refused (wrong password)');
  await expect(table).toContainText('Andon acknowledged');
  await expect(table).toContainText('Andon closed');
  // One kind.
  await page.getByLabel('Kind').selectOption('andon.closed');
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(table.getByRole('row').nth(1)).toContainText('Sofia Rossi');
  await page.getByLabel('Language').selectOption('es');
  await expect(table.getByRole('row').nth(1)).toContainText('Andon cerrado');
  await page.getByLabel('Tipo').selectOption('lot.hold_placed');
  await expect(table.getByRole('row').nth(1)).toContainText('Quinn Baker (retención aplicada)');
  await page.screenshot({ path: `${SHOTS}/board-audit.png`, fullPage: true });
  await page.getByLabel('Idioma').selectOption('en');
});

test('the audit drops a slow answer for a filter no longer chosen', async ({ page }) => {
  // The unfiltered first page is held back until the supervisor has already picked a kind;
  // when it finally arrives it must not replace (or join) the filtered list on screen.
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  await page.route(
    (u) => u.pathname.endsWith('/board/api/audit') && !u.searchParams.has('type'),
    async (route) => {
      await held;
      await route.continue();
    },
  );
  await signIn(page, central.url, 'sofia');
  await page.getByRole('button', { name: 'Audit' }).click();
  await page.getByLabel('Kind').selectOption('andon.closed');
  const table = page.getByTestId('audit-table');
  await expect(table.getByRole('row')).toHaveCount(2);
  const late = page.waitForResponse((r) => r.url().includes('/board/api/audit') && !new URL(r.url()).searchParams.has('type'));
  release();
  await late;
  // Give React the turn in which a stale answer would have landed, then look again.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(table).not.toContainText('Hold placed');
});

test('charts and the shift report', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await signIn(page, central.url, 'sofia');
  await page.getByRole('button', { name: 'Charts' }).click();
  // The drawings are ECharts SVG: their text is the data they were given.
  const output = page.getByRole('img', { name: 'Output per hour (station · work order)' });
  await expect(output.locator('svg')).toBeVisible();
  await expect(output).toContainText('SMT-1 · WO-24001');
  const pareto = page.getByRole('img', { name: 'Reject reasons (Pareto)' });
  await expect(pareto).toContainText('Wrong item');
  await expect(pareto).toContainText('100 %');
  await expect(page.getByRole('img', { name: 'First-pass yield' })).toContainText('SMT-1');
  // The produced counts: 5 + 3 boards recorded at SMT-1 for WO-24001, as the chart's data table says.
  const outputFigure = page.getByTestId('chart-output');
  await outputFigure.getByText('Data table').click();
  await expect(outputFigure.getByRole('table', { name: 'Output per hour (station · work order)' }).getByRole('row', { name: 'SMT-1 · WO-24001' })).toHaveText(/SMT-1 · WO-24001\s*8$/);
  const paretoFigure = page.getByTestId('chart-pareto');
  await paretoFigure.getByText('Data table').click();
  await expect(paretoFigure.getByRole('row', { name: 'Wrong item' })).toContainText('1');
  const download = page.waitForEvent('download');
  await outputFigure.getByRole('button', { name: 'Save as PNG' }).click();
  const png = await download;
  expect(png.suggestedFilename()).toMatch(/^lotline-output-.*\.png$/);
  const bytes = readFileSync((await png.path())!);
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const box = (await output.boundingBox())!;
  // PNG width at bytes 16..20: the chart drawn at twice its on-screen size.
  expect(bytes.readUInt32BE(16)).toBe(Math.round(box.width) * 2);
  await page.screenshot({ path: `${SHOTS}/board-charts.png`, fullPage: true });
  await page.getByRole('button', { name: 'Shift report' }).click();
  await expect(page.getByRole('table')).toContainText('Station SMT-1');
  // All lines: the stations disagree, so the server's --tz decides, and the board says both.
  await expect(page.getByTestId('shift-zone')).toContainText("Times in Europe/Berlin (the central server's time zone setting)");
  await expect(page.getByTestId('shift-zone-disagree')).toContainText('different time zones (America/Mexico_City, America/Monterrey); the report uses Europe/Berlin');
  // One line: its stations' zone, no warning.
  await page.getByLabel('Line').selectOption('Line 1');
  await expect(page.getByTestId('shift-zone')).toContainText("Times in America/Monterrey (the time zone this line's stations report)");
  await expect(page.getByTestId('shift-zone')).toContainText('(UTC-06:00)');
  await expect(page.getByTestId('shift-zone-disagree')).toHaveCount(0);
  const pdf = page.waitForEvent('download');
  await page.getByTestId('shift-pdf').click();
  expect((await pdf).suggestedFilename()).toMatch(/^lotline-shift-.*\.pdf$/);
  expect(readFileSync((await (await pdf).path())!).subarray(0, 5).toString()).toBe('%PDF-');
  await page.screenshot({ path: `${SHOTS}/board-shift.png`, fullPage: true });
  await page.getByRole('button', { name: 'Floor board' }).click();
  await page.getByRole('button', { name: 'Wall display' }).click();
  await expect(page.locator('.sv-wall-title')).toHaveText('Floor board');
  await page.screenshot({ path: `${SHOTS}/board-wall.png` });
});

test("the shift report opens on the plant's shift running now, wherever the supervisor's browser is", async ({ browser }) => {
  // UTC+14: thirteen hours from Berlin, more than a shift, so the browser's own shift is never the plant's.
  const context = await browser.newContext({ timezoneId: 'Pacific/Kiritimati' });
  const page = await context.newPage();
  try {
    await signIn(page, central.url, 'sofia');
    await page.getByRole('button', { name: 'Shift report' }).click();
    const expectShiftNowIn = async (zone: string) => {
      const now = Date.now();
      const plant = shiftAt(now, utcOffsetMinutes(now, zone));
      await expect(page.getByRole('textbox', { name: 'Date', exact: true })).toHaveValue(plant.date);
      await expect(page.getByRole('combobox', { name: 'Shift', exact: true })).toHaveValue(plant.shift);
      return plant;
    };
    // All lines: the server's --tz; one line: its stations' zone, and the date and shift follow it.
    await expect(page.getByTestId('shift-zone')).toContainText('Times in Europe/Berlin');
    await expectShiftNowIn('Europe/Berlin');
    await page.getByLabel('Line').selectOption('Line 1');
    await expect(page.getByTestId('shift-zone')).toContainText('Times in America/Monterrey');
    const monterrey = await expectShiftNowIn('America/Monterrey');
    await expect(page.getByRole('table')).toContainText('Station SMT-1');
    // A shift the supervisor picks stays picked when the line changes.
    const other = SHIFT_IDS.find((x) => x !== monterrey.shift)!;
    await page.getByRole('combobox', { name: 'Shift', exact: true }).selectOption(other);
    await page.getByLabel('Line').selectOption('');
    await expect(page.getByTestId('shift-zone')).toContainText('Times in Europe/Berlin');
    await expect(page.getByRole('combobox', { name: 'Shift', exact: true })).toHaveValue(other);
    await expect(page.getByRole('textbox', { name: 'Date', exact: true })).toHaveValue(monterrey.date);
  } finally {
    await context.close();
  }
});

test('wall display charts: large type, no controls', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await signIn(page, central.url, 'sofia');
  await page.getByRole('button', { name: 'Charts' }).click();
  await expect(page.getByRole('img', { name: 'Reject reasons (Pareto)' })).toContainText('Wrong item');
  await page.getByRole('button', { name: 'Wall display' }).click();
  await expect(page.locator('.sv-wall-title')).toHaveText('Charts');
  await expect(page.getByRole('button', { name: 'Save as PNG' })).toHaveCount(0);
  // Axis labels at wall size (24 px on a 1080p screen, readable from about 3 m).
  const label = page.getByRole('img', { name: 'Reject reasons (Pareto)' }).locator('svg text', { hasText: 'Wrong item' });
  expect(await label.evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(24);
  await page.screenshot({ path: `${SHOTS}/board-wall-charts.png` });
});

test('a supervisor station in browser mode says it needs a central server for the board', async ({ page }) => {
  // The demo supervisor desk (configured type supervisor, not enrolled). The link itself
  // (<server>/board/) is table-tested in shared/board/board-url.test.ts: an enrolled
  // station only knows its type once an admin configures it (station.configure).
  test.setTimeout(300_000); // a demo station start (scrypt PIN hashes) is slow on a busy machine
  const sdir = tempDir('lotline-e2e-sup-');
  const st = await startStationProcess(sdir.path, ['--station-type', 'supervisor']);
  try {
    await page.goto(st.url);
    await expect(page.getByTestId('board-link')).toContainText('not connected to a central server');
    await expect(page.getByRole('link', { name: 'Open the supervisor board' })).toHaveCount(0);
    await page.screenshot({ path: `${SHOTS}/board-supervisor-station.png` });
  } finally {
    await st.stop();
    sdir.remove();
  }
});
