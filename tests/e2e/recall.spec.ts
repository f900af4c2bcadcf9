// A defect found on one finished lot at the packing station: QA records it on the trace screen,
// sees the other finished lot that shares the suspect molded batch, holds the batch in one
// signed step; the packer's next scan of that batch is rejected; the recall report for the
// batch is on screen and its CSV download lists both affected finished lots.
import { readFileSync } from 'node:fs';
import { startStationProcess, tempDir, type StationProcess } from '../integration/helpers/station';
import { closeVirtualPanel, dismissFlash, expect, flash, login, moldBatches, openAtLogin, openPackingLots, scanText, sign, test } from './fixtures';

// A whole shift's flow in one test: dozens of signed steps, slow on a busy 2-core machine.
test.describe.configure({ mode: 'serial', timeout: 180_000 });

let st: StationProcess;
let batch = '';
const lots: Record<'CR1' | 'CR2', string> = { CR1: '', CR2: '' };
const dir = tempDir('lotline-e2e-rcl-');
test.beforeAll(async () => {
  st = await startStationProcess(dir.path, ['--station-type', 'packing']);
  [batch] = (await moldBatches(st, ['L-200001'])) as [string];
  // Two finished lots, on lines CR1 and CR2, both packed from the same molded batch.
  Object.assign(lots, await openPackingLots(st, { workOrderId: 'WO-24003', lines: ['CR1', 'CR2'], materials: ['L-300001', 'L-300002', 'L-300003', 'L-300004', batch], onLine: (api, line) => api.call('packing.count', { method: 'unit', lineId: line, quantity: 2 }) }));
});
test.afterAll(async () => {
  await st.stop();
  dir.remove();
});

test('a defect on one lot → the lots sharing the suspect batch → one-step signed hold → scan rejected → recall report and CSV', async ({ page }) => {
  await openAtLogin(page, st.url);
  await login(page, 'QA-400', '4444');
  await page.getByRole('button', { name: 'Trace', exact: true }).click();
  await expect(page.getByTestId('trace-step')).toHaveText('Scan a lot or serial label');

  // The defective lot is scanned (its label), not typed.
  await scanText(page, `LL-LOT-${lots.CR2}`);
  await expect(page.getByTestId('trace-id')).toHaveValue(lots.CR2);
  await closeVirtualPanel(page);
  await page.getByTestId('trace-backward').click();
  await expect(page.getByTestId(`trace-node-${batch}`)).toBeVisible();
  await expect(page.getByTestId('trace-node-L-200001')).toBeVisible();

  await page.locator('input[name=defect-description]').fill('short shot on caps');
  await page.getByTestId('defect-record').click();
  await expect(flash(page)).toContainText(`Defect recorded on ${lots.CR2}`);
  await dismissFlash(page);
  const suspect = page.getByTestId(`suspect-${batch}`);
  await expect(suspect).toContainText('also went into 1 other output:');
  await expect(suspect).toContainText(lots.CR1);
  await page.screenshot({ path: 'test-results/e2e/recall-defect.png', fullPage: true });

  // One step: hold the suspect batch, signed by QA.
  await page.getByTestId(`hold-${batch}`).click();
  await expect(page.getByTestId('signature-meaning')).toHaveText('Approved');
  await expect(page.getByRole('dialog')).toContainText(`Put lot ${batch} on hold`);
  await sign(page, { badge: 'QA-400', pin: '4444', reason: 'suspect of short shots' });
  await expect(flash(page)).toContainText(`Lot ${batch} is on hold`);
  await expect(flash(page)).toBeHidden();
  await expect(suspect).toContainText('on hold');
  await expect(page.getByTestId(`hold-${batch}`)).toHaveCount(0);

  // The packer's next scan of the held batch on line CR1 is rejected.
  await page.getByRole('button', { name: 'Log out' }).click();
  await login(page, 'PK-200', '2222');
  await page.getByTestId('capability-scan_packaging').click();
  await expect(page.getByTestId('packing-lot')).toContainText(`Finished lot ${lots.CR1}`);
  await scanText(page, `LL-LOT-${batch}`);
  await expect(flash(page)).toHaveAttribute('data-tone', 'bad');
  await expect(flash(page)).toContainText('REJECT');
  await expect(flash(page)).toContainText(batch);
  await expect(flash(page)).toContainText(/hold/i);
  await page.screenshot({ path: 'test-results/e2e/recall-scan-rejected.png' });
  await dismissFlash(page);
  await closeVirtualPanel(page);

  // The recall report for the batch: on screen, and as CSV.
  await page.getByRole('button', { name: 'Log out' }).click();
  await login(page, 'QA-400', '4444');
  await page.getByRole('button', { name: 'Trace', exact: true }).click();
  await page.getByTestId('trace-id').fill(batch);
  await page.getByTestId('trace-recall').click();
  const recall = page.getByTestId('recall');
  await expect(recall).toContainText(`Recall report for ${batch}`);
  await expect(page.getByTestId('recall-totals')).toHaveText('2 finished lots, 0 serials, 4 units');
  await expect(page.getByTestId(`recall-row-${lots.CR1}`)).toContainText('FG-LUER-CAP-STERILE');
  await expect(page.getByTestId(`recall-row-${lots.CR2}`)).toContainText('FG-LUER-CAP-STERILE');
  await page.screenshot({ path: 'test-results/e2e/recall-report.png', fullPage: true });
  await page.getByLabel('Language').selectOption('es');
  await expect(page.getByRole('heading', { name: `Informe de retiro de ${batch}` })).toBeVisible();
  await page.screenshot({ path: 'test-results/e2e/recall-report-es.png', fullPage: true });
  await page.getByLabel('Idioma').selectOption('en');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('recall-csv').click()]);
  expect(download.suggestedFilename()).toBe(`recall-${batch}.csv`);
  const csv = readFileSync((await download.path())!, 'utf8').split('\r\n');
  expect(csv[0]).toBe('output,kind,item,quantity,status,work_order,station,made_at,ambiguous');
  for (const id of [lots.CR1, lots.CR2]) expect(csv.find((l) => l.startsWith(`${id},finished_lot,FG-LUER-CAP-STERILE,2,`)), id).toBeTruthy();
});
