// A serialized product in Chromium on the demo packing station: the single luer cap's lot is
// cleared, its materials scanned and its lot label printed and verified (the packers' work,
// through the API); on screen the packer counts units and sees the serials they got, prints
// their unit labels with one touch, scans them back (a wrong one is refused and reprinted under
// signature), and sees how many wait for a label; on the trace screen QA traces a serial
// backward to its lot and materials and opens the serial's device history record on screen,
// with its unit labels.
import type { Push } from '../../shared/contract/station';
import { startStationProcess, tempDir, type StationProcess } from '../integration/helpers/station';
import { closeVirtualPanel, dismissFlash, expect, flash, login, moldBatches, openAtLogin, openPackingLots, putOnScale, sign, test, weighSampleThenBulk } from './fixtures';

test.describe.configure({ mode: 'serial', timeout: 180_000 });

let st: StationProcess;
let batch = '';
let finished = '';
const dir = tempDir('lotline-e2e-ser-');

test.beforeAll(async () => {
  st = await startStationProcess(dir.path, ['--station-type', 'packing']);
  [batch] = (await moldBatches(st, ['L-200001'])) as [string];
  // Clearance by two packers and the three materials of the single cap, on line CR1; the lot
  // label (whose UDI data the unit labels repeat) printed, scanned back and applied.
  ({ CR1: finished } = await openPackingLots(st, {
    workOrderId: 'WO-24004',
    lines: ['CR1'],
    materials: ['L-300001', 'L-300002', batch],
    onLine: async (api, line) => {
      const lot = (await api.call('packing.state', { lineId: line }))!.finishedLotId;
      const udi = { gtin: '09506000134369', productName: 'Sterile luer cap, single', ref: 'LC-1', lot, productionDate: '2026-11-20', expiry: '2029-10-31', quantity: 10, manufacturer: 'Lotline Medical Devices GmbH' };
      const [label] = await api.call('labels.print', { templateId: 'fg-udi-lot', data: udi, lotId: lot, copies: 1 });
      await expect.poll(async () => (await api.call('labels.list', { lotId: lot })).find((l) => l.labelId === label!.labelId)?.printed, { timeout: 60_000 }).toBe(true);
      const scans: Push[] = [];
      const off = api.onPush((p) => scans.push(p));
      const { text } = await api.call('devices.sim_scan_printed', { labelId: label!.labelId, barcode: 0, damage: false });
      await expect.poll(() => scans.some((p) => p.topic === 'scan' && p.data.text === text), { timeout: 60_000 }).toBe(true);
      off();
      const seq = scans.flatMap((p) => (p.topic === 'scan' && p.data.text === text ? [p.data.seq] : []))[0]!;
      expect((await api.call('labels.verify', { labelId: label!.labelId, scanSeq: seq })).match).toBe(true);
      await api.call('labels.apply', { labelId: label!.labelId });
    },
  }));
});
test.afterAll(async () => {
  await st.stop();
  dir.remove();
});

test('serials on the packing screen as units are counted, then a serial traced backward and its DHR on screen', async ({ page }) => {
  await openAtLogin(page, st.url);
  await login(page, 'PK-200', '2222');
  await page.getByTestId('capability-line_clearance').click();
  await expect(page.getByTestId('packing-lot')).toContainText(`Finished lot ${finished} · WO-24004 · close approximation · open`);
  const range = page.getByTestId('packing-serial-range');
  await expect(range).toHaveText('Serialized: each unit counted gets a serial number.');

  // Three units counted by hand: each gets the next serial of the station's block.
  await page.locator('input[name=count-units]').fill('3');
  await page.getByTestId('count-unit').click();
  await expect(flash(page)).toContainText('3 units counted');
  await expect(flash(page)).toContainText('Serials LCS0000001 – LCS0000003 (3)');
  await expect(flash(page)).toBeHidden();
  await expect(range).toHaveText('3 serials assigned · LCS0000001 – LCS0000003');
  await expect(page.getByTestId('packing-serials-unboxed')).toHaveText('3 not in a weighed box yet');

  // Their unit labels: one touch prints one per serial; each is scanned back in the order it came off the printer.
  const printUnits = page.getByTestId('print-unit-labels');
  const status = page.getByTestId('unit-labels-status');
  await expect(printUnits).toHaveText('Print unit labels (3)');
  await expect(status).toHaveText('0 of 3 serials have a verified unit label');
  await printUnits.click();
  await expect(flash(page)).toContainText('3 unit label(s) sent to the printer');
  await expect(flash(page)).toBeHidden();
  await expect(printUnits).toHaveText('Print unit labels (0)');
  await expect(printUnits).toBeDisabled();
  await expect(page.getByTestId('unit-labels-next')).toHaveText('3 waiting for scan-back · next LCS0000001');
  await expect(page.getByTestId('packing-step')).toHaveText('Scan unit label LCS0000001 back (3 waiting)');
  await page.getByRole('button', { name: 'Virtual scanner' }).click();
  await page.getByRole('button', { name: 'Scan the oldest label waiting for its scan-back' }).click();
  await expect(flash(page)).toContainText('Unit label LCS0000001 verified');
  await expect(flash(page)).toBeHidden();
  await expect(status).toHaveText('1 of 3 serials have a verified unit label');
  // LCS0000003's label picked up while LCS0000002's waits: it is its own label, verified out of order.
  await page.getByRole('button', { name: 'Scan the last printed label' }).click();
  await expect(flash(page)).toContainText('Unit label LCS0000003 verified');
  await expect(flash(page)).toBeHidden();
  await expect(status).toHaveText('2 of 3 serials have a verified unit label');
  // A smudged read whose serial names no label of the lot: LCS0000002's label, the one waiting, is voided and offered for reprint.
  await page.getByRole('button', { name: 'Scan it damaged (smudged)' }).click();
  await expect(flash(page)).toHaveAttribute('data-tone', 'bad');
  await expect(flash(page)).toContainText('Unit label LCS0000002: the scan-back does not match');
  await dismissFlash(page);
  await closeVirtualPanel(page);
  await expect(page.getByTestId('unit-labels-reprint')).toHaveText(/Label of LCS0000002 voided/);
  await page.screenshot({ path: 'test-results/e2e/serials-unit-labels.png', fullPage: true });
  await page.getByTestId('reprint-LCS0000002').click();
  await page.locator('input[name=reprint-reason]').fill('wrong label scanned back');
  await sign(page, { badge: 'PK-200', pin: '2222', reason: 'reprint of a unit label' });
  await expect(flash(page)).toContainText('Unit label of LCS0000002 reprinted');
  await expect(flash(page)).toBeHidden();
  await expect(page.getByTestId('unit-labels-reprint')).toHaveCount(0);
  // LCS0000002's reprint: verified.
  await page.getByRole('button', { name: 'Virtual scanner' }).click();
  await page.getByRole('button', { name: 'Scan the oldest label waiting for its scan-back' }).click();
  await expect(flash(page)).toContainText('Unit label LCS0000002 verified');
  await expect(flash(page)).toBeHidden();
  await closeVirtualPanel(page);
  await expect(status).toHaveText('3 of 3 serials have a verified unit label');
  await expect(page.getByTestId('unit-labels-next')).toHaveCount(0);

  // Counted by weight: a sample of 20 caps (42 g), then 10 caps (21 g) on the pan = 10 units, 10 serials.
  await weighSampleThenBulk(page, { sampleGrams: 42, pieces: 20, pieceWeight: 'Piece weight 2.100 g', bulkGrams: 21 });
  await expect(flash(page)).toContainText('Serials LCS0000004 – LCS0000013 (10)');
  await expect(flash(page)).toBeHidden();
  await expect(range).toHaveText('13 serials assigned · LCS0000001 – LCS0000013');
  // The ten new serials wait for their unit labels.
  await expect(printUnits).toHaveText('Print unit labels (10)');
  await expect(status).toHaveText('3 of 13 serials have a verified unit label');

  // A box of 10 caps passes its check-weight and takes the first ten serials.
  await putOnScale(page, 51.2);
  await closeVirtualPanel(page);
  await page.locator('input[name=box-units]').fill('10');
  await page.getByTestId('check-weight').click();
  await expect(flash(page)).toContainText('In this box: LCS0000001 – LCS0000010 (10)');
  await expect(flash(page)).toBeHidden();
  await expect(page.getByTestId('packing-serials-unboxed')).toHaveText('3 not in a weighed box yet');
  await page.screenshot({ path: 'test-results/e2e/serials-packing.png', fullPage: true });
  await page.getByLabel('Language').selectOption('es');
  await expect(range).toHaveText('13 números de serie asignados · LCS0000001 – LCS0000013');
  await expect(printUnits).toHaveText('Imprimir etiquetas unitarias (10)');
  await expect(status).toHaveText('3 de 13 números de serie tienen su etiqueta unitaria verificada');
  await page.getByLabel('Idioma').selectOption('en');

  // QA: trace a serial backward, then its device history record on screen.
  await page.getByRole('button', { name: 'Log out' }).click();
  await login(page, 'QA-400', '4444');
  await page.getByRole('button', { name: 'Trace', exact: true }).click();
  await page.getByTestId('trace-id').fill('LCS0000002');
  await page.getByTestId('trace-backward').click();
  for (const id of [finished, 'L-300001', 'L-300002', batch, 'L-200001']) await expect(page.getByTestId(`trace-node-${id}`)).toBeVisible();
  await expect(page.getByTestId(`trace-node-${finished}`)).toContainText('finished_lot');

  await page.getByTestId('trace-dhr').click();
  const dhr = page.getByTestId('dhr');
  await expect(dhr.getByRole('heading', { name: 'Device history record — LCS0000002' })).toBeVisible();
  const serial = dhr.getByTestId('dhr-serial');
  await expect(serial).toContainText(`FG-LUER-CAP-SINGLE · finished lot ${finished} · number 2`);
  await expect(serial.getByTestId('dhr-serial-assigned')).toContainText('by Priya Shah · counted by unit');
  await expect(serial.getByTestId('dhr-serial-box')).toHaveText('Box 1: 51.2 g (target 51 g)');
  for (const id of [batch, 'L-300001', 'L-300002']) await expect(serial.getByTestId('dhr-serial-materials')).toContainText(id);
  // Its unit labels: the one voided by the wrong scan-back, and its reprint, verified.
  const unitLabels = serial.getByTestId('dhr-serial-label');
  await expect(unitLabels).toHaveCount(2);
  await expect(unitLabels.nth(0)).toHaveAttribute('data-state', 'voided');
  await expect(unitLabels.nth(0)).toContainText('by Priya Shah');
  await expect(unitLabels.nth(0)).toContainText('scan-back did not match: serial');
  await expect(unitLabels.nth(1)).toHaveAttribute('data-state', 'verified');
  await expect(unitLabels.nth(1)).toContainText('reprint of …');
  await expect(unitLabels.nth(1)).toContainText('verified by scan-back');
  await expect(dhr.getByTestId('dhr-serials')).toHaveText('Serials: 13 assigned · LCS0000001 – LCS0000013');
  await expect(dhr.getByTestId('dhr-signatures')).toContainText('Signed by Priya Shah — Performed');
  await expect(dhr.getByTestId('dhr-signatures')).toContainText('Signed by Lee Martin — Verified');
  await page.screenshot({ path: 'test-results/e2e/serials-dhr.png', fullPage: true });

  // A serial counted by weight and not boxed yet says so.
  await page.getByTestId('trace-id').fill('LCS0000012');
  await page.getByTestId('trace-dhr').click();
  await expect(dhr.getByTestId('dhr-serial-assigned')).toContainText('counted by weight on the scale');
  await expect(dhr.getByTestId('dhr-serial-box')).toHaveText('Not yet in a weighed box');
  await expect(dhr.getByTestId('dhr-serial-no-label')).toHaveText('No unit label issued yet.');
});
