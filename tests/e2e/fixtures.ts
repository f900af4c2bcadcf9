// A fresh demo station process per test file, reached through its printed URL and token.
import { test as base, expect, type Page } from '@playwright/test';
import { client, startStationProcess, tempDir, wsTransport, type StationProcess } from '../integration/helpers/station';
import { CLEARANCE_CHECKLIST } from '../integration/helpers/packing';

export const test = base.extend<{ station: StationProcess }, { workerStation: StationProcess }>({
  workerStation: [
    async ({}, use) => {
      const dir = tempDir('lotline-e2e-');
      const station = await startStationProcess(dir.path);
      await use(station);
      await station.stop();
      dir.remove();
    },
    { scope: 'worker' },
  ],
  station: async ({ workerStation }, use) => use(workerStation),
});

export { expect };

export async function login(page: Page, badge: string, pin: string): Promise<void> {
  await page.getByLabel('Badge').fill(badge);
  await page.locator('input[name=pin]').fill(pin);
  await page.getByRole('button', { name: 'Log in' }).click();
}

/** Opens the station UI at the login screen (the session is the station's, not the page's). */
export async function openAtLogin(page: Page, url: string): Promise<void> {
  await page.goto(url);
  const logout = page.getByRole('button', { name: /^(Log out|Cerrar sesión)$/ });
  await expect(page.getByTestId('operator')).toBeVisible();
  if (await logout.isVisible()) await logout.click();
  await expect(page.getByRole('heading', { name: /^(Log in|Iniciar sesión)$/ })).toBeVisible();
}

/** The verdict flash that fills the screen after a scan or a weighing. */
export const flash = (page: Page) => page.getByTestId('verdict-flash');

/**
 * Opens the setup of `workOrderId` on the SMT screen, loading it only if it is not loaded yet
 * (tests of one file share a station): waits until the screen shows one or the other, since a
 * Load button looked for before the screen has read the line would decide on nothing.
 */
export async function openSmtSetup(page: Page, workOrderId: string): Promise<void> {
  const load = page.getByTestId(`load-${workOrderId}`);
  await expect(load.or(page.getByTestId('mode-setup'))).toBeVisible();
  if (await load.isVisible()) await load.click();
  await expect(page.getByTestId('mode-setup')).toBeVisible();
}

async function virtualPanel(page: Page) {
  const panel = page.getByRole('dialog', { name: 'Virtual scanner' });
  if (!(await panel.isVisible())) await page.getByRole('button', { name: 'Virtual scanner' }).click();
  await expect(panel).toBeVisible();
  return panel;
}

/** Scans one of the demo labels the virtual scanner panel offers (by its title). */
export async function scanLabel(page: Page, title: RegExp): Promise<void> {
  await (await virtualPanel(page)).getByRole('button', { name: title }).click();
}

/** Scans a label typed into the virtual scanner (what a scanner would send). */
export async function scanText(page: Page, text: string): Promise<void> {
  const panel = await virtualPanel(page);
  await panel.locator('input[name=virtual-scan]').fill(text);
  await panel.getByRole('button', { name: 'Scan', exact: true }).click();
}

/** Puts a load on the simulated scale's pan and waits until the station confirms it. */
export async function putOnScale(page: Page, grams: number): Promise<void> {
  const panel = await virtualPanel(page);
  await panel.locator('input[name=sim-scale-grams]').fill(String(grams));
  await panel.getByRole('button', { name: 'Put on the scale' }).click();
  await expect(panel.getByTestId('sim-scale-load')).toHaveText(`${grams} g on the simulated scale`);
}

export async function closeVirtualPanel(page: Page): Promise<void> {
  const panel = page.getByRole('dialog', { name: 'Virtual scanner' });
  if (await panel.isVisible()) await page.getByRole('button', { name: 'Virtual scanner' }).click();
  await expect(panel).toBeHidden();
}

/** Dismisses a verdict that waits for the operator (WARN, REJECT). */
export async function dismissFlash(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'OK — understood' }).click();
  await expect(flash(page)).toBeHidden();
}

/** Signs the open signature dialog. */
export async function sign(page: Page, s: { badge?: string; pin: string; reason: string }): Promise<void> {
  if (s.badge) await page.locator('input[name=sig-badge]').fill(s.badge);
  await page.locator('input[name=sig-pin]').fill(s.pin);
  await page.locator('input[name=sig-reason]').fill(s.reason);
  await page.getByRole('button', { name: 'Sign', exact: true }).click();
}

/**
 * FIFO set to refuse (supervisor overrides), and a newer lot of an item received and released,
 * through the station's API before a page opens (the station has one session). Logs out after.
 */
export async function newerLotUnderFifoRefusal(station: StationProcess, lot: ReceivedLot): Promise<string> {
  return receivedLot(station, lot, async (api) => {
    await api.call('rules.configure', { fifo: { mode: 'reject', order: 'received', overrideRole: 'supervisor' }, expiryWarnDays: 30, utcOffsetMinutes: 0, signature: { badge: 'AD-500', pin: '5555', meaning: 'approved', reason: 'e2e: FIFO refuses' } });
  });
}

type ReceivedLot = { itemId: string; supplierId: string; supplierLot: string; quantity: number };

/**
 * A lot of an item received and released through the station's API before a page opens (the
 * station has one session), after `before` (run as the administrator); logs out after.
 */
export async function receivedLot(station: StationProcess, lot: ReceivedLot, before?: (api: ReturnType<typeof client>) => Promise<void>): Promise<string> {
  const t = wsTransport(station.url, station.token);
  const api = client(t);
  try {
    await t.ready();
    await api.call('auth.login', { badge: 'AD-500', pin: '5555' });
    if (before) await before(api);
    const expiry = new Date(Date.now() + 400 * 86_400_000).toISOString().slice(0, 10);
    const received = await api.call('receiving.receive', { scanSeq: null, verdictSeq: null, itemId: lot.itemId, supplierId: lot.supplierId, supplierLot: lot.supplierLot, quantityPerContainer: lot.quantity, containers: 1, expiry, coc: null, confirmDuplicate: false });
    await api.call('auth.login', { badge: 'QA-400', pin: '4444' });
    await api.call('qa.release', { lotId: received.lotId, signature: { badge: 'QA-400', pin: '4444', meaning: 'approved', reason: 'e2e incoming inspection' } });
    await api.call('auth.logout', {});
    return received.lotId;
  } finally {
    t.close();
  }
}

/**
 * Makes molded batches through the station's API (the molding station's work, a precondition
 * here): one closed batch per resin lot, `parts` good parts each. Logs out afterwards.
 */
export async function moldBatches(station: StationProcess, resinLots: string[], parts = 200): Promise<string[]> {
  const t = wsTransport(station.url, station.token);
  const api = client(t);
  try {
    await t.ready();
    await api.call('auth.login', { badge: 'OP-100', pin: '1111' });
    const out: string[] = [];
    for (const resin of resinLots) {
      const scan = await api.call('scan.submit', { text: `LL-LOT-${resin}`, source: 'e2e', receivedAt: new Date().toISOString() });
      const r = await api.call('molding.start_batch', { workOrderId: 'WO-24002', machine: 'IMM-3', mold: 'M-LC-8', cavities: [1], resinScanSeq: scan.seq, dryingHours: 4, dryingTempC: 120, meltTempC: 300, injectionPressureBar: 1100, cycleTimeS: 14.5, shift: 'A', acknowledgeWarn: true });
      const id = r.batch!.batchLotId;
      await api.call('molding.record_output', { batchLotId: id, perCavity: [{ cavity: 1, quantity: parts }] });
      await api.call('molding.close_batch', { batchLotId: id });
      out.push(id);
    }
    await api.call('auth.logout', {});
    return out;
  } finally {
    t.close();
  }
}

/**
 * The packers' work through the API: on each line, a two-person line clearance for the work
 * order, its materials scanned (a WARN acknowledged), then `onLine` for anything more (a
 * count). Returns the finished lot of each line.
 */
export async function openPackingLots<L extends string>(
  station: StationProcess,
  o: { workOrderId: string; lines: readonly L[]; materials: readonly string[]; onLine?: (api: ReturnType<typeof client>, line: L) => Promise<unknown> },
): Promise<Record<L, string>> {
  const t = wsTransport(station.url, station.token);
  const api = client(t);
  const lots = {} as Record<L, string>;
  try {
    await t.ready();
    await api.call('auth.login', { badge: 'PK-200', pin: '2222' });
    for (const line of o.lines) {
      const perf = await api.call('packing.clearance_perform', { lineId: line, workOrderId: o.workOrderId, checklist: CLEARANCE_CHECKLIST, signature: { badge: 'PK-200', pin: '2222', meaning: 'performed', reason: 'line cleared' } });
      await api.call('packing.clearance_verify', { lineId: line, finishedLotId: perf.finishedLotId, signature: { badge: 'PK-201', pin: '2223', meaning: 'verified', reason: 'second person check' } });
      for (const lot of o.materials) {
        const scan = await api.call('scan.submit', { text: `LL-LOT-${lot}`, source: 'e2e', receivedAt: new Date().toISOString() });
        const r = await api.call('packing.scan', { lineId: line, scanSeq: scan.seq });
        if (r.outcome === 'warn') await api.call('packing.acknowledge', { lineId: line, verdictSeq: r.verdict.verdictSeq });
      }
      await o.onLine?.(api, line);
      lots[line] = perf.finishedLotId;
    }
    await api.call('auth.logout', {});
    return lots;
  } finally {
    t.close();
  }
}

/** Count by weight on the packing screen: weigh a sample of `pieces`, then the bulk on the pan (the caller checks what was counted). */
export async function weighSampleThenBulk(page: Page, o: { sampleGrams: number; pieces: number; pieceWeight: string; bulkGrams: number }): Promise<void> {
  await putOnScale(page, o.sampleGrams);
  await closeVirtualPanel(page);
  await page.locator('input[name=sample-pieces]').fill(String(o.pieces));
  await page.getByTestId('weigh-sample').click();
  await expect(flash(page)).toContainText(o.pieceWeight);
  await expect(flash(page)).toBeHidden();
  await putOnScale(page, o.bulkGrams);
  await closeVirtualPanel(page);
  await page.getByTestId('weigh-bulk').click();
}
