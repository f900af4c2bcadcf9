// A serialized product in Chromium on the demo packing station: the single luer cap's lot is
// cleared and its materials scanned (the packers' work, through the API); on screen the packer
// counts units and sees the serials they got; on the trace screen QA traces a serial backward
// to its lot and materials and opens the serial's device history record on screen.
import { startStationProcess, tempDir, type StationProcess } from '../integration/helpers/station';
import { closeVirtualPanel, expect, flash, login, moldBatches, openAtLogin, openPackingLots, putOnScale, test, weighSampleThenBulk } from './fixtures';

test.describe.configure({ mode: 'serial', timeout: 180_000 });

let st: StationProcess;
let batch = '';
let finished = '';
const dir = tempDir('lotline-e2e-ser-');

test.beforeAll(async () => {
  st = await startStationProcess(dir.path, ['--station-type', 'packing']);
  [batch] = (await moldBatches(st, ['L-200001'])) as [string];
  // Clearance by two packers and the three materials of the single cap, on line CR1.
  ({ CR1: finished } = await openPackingLots(st, { workOrderId: 'WO-24004', lines: ['CR1'], materials: ['L-300001', 'L-300002', batch] }));
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

  // Counted by weight: a sample of 20 caps (42 g), then 10 caps (21 g) on the pan = 10 units, 10 serials.
  await weighSampleThenBulk(page, { sampleGrams: 42, pieces: 20, pieceWeight: 'Piece weight 2.100 g', bulkGrams: 21 });
  await expect(flash(page)).toContainText('Serials LCS0000004 – LCS0000013 (10)');
  await expect(flash(page)).toBeHidden();
  await expect(range).toHaveText('13 serials assigned · LCS0000001 – LCS0000013');

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
  await expect(dhr.getByTestId('dhr-serials')).toHaveText('Serials: 13 assigned · LCS0000001 – LCS0000013');
  await expect(dhr.getByTestId('dhr-signatures')).toContainText('Signed by Priya Shah — Performed');
  await expect(dhr.getByTestId('dhr-signatures')).toContainText('Signed by Lee Martin — Verified');
  await page.screenshot({ path: 'test-results/e2e/serials-dhr.png', fullPage: true });

  // A serial counted by weight and not boxed yet says so.
  await page.getByTestId('trace-id').fill('LCS0000012');
  await page.getByTestId('trace-dhr').click();
  await expect(dhr.getByTestId('dhr-serial-assigned')).toContainText('counted by weight on the scale');
  await expect(dhr.getByTestId('dhr-serial-box')).toHaveText('Not yet in a weighed box');
});
