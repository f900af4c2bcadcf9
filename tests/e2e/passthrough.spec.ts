// Pass-through operation on the molding station in Chromium: the operator scans a molded
// batch's label with the virtual scanner; lot, work order, operation and quantity appear
// prefilled; one touch confirms and the operation is listed as passed. The next scan of the
// same label offers the next operation of the routing.
import { startStationProcess, tempDir, type StationProcess } from '../integration/helpers/station';
import { closeVirtualPanel, expect, flash, login, moldBatches, openAtLogin, scanText, test } from './fixtures';

test.describe.configure({ mode: 'serial', timeout: 120_000 });

let st: StationProcess;
const dir = tempDir('lotline-e2e-pass-');
test.beforeAll(async () => {
  st = await startStationProcess(dir.path, ['--station-type', 'molding']);
});
test.afterAll(async () => {
  await st.stop();
  dir.remove();
});

test('scanning a batch label derives the operation; one touch confirms it', async ({ page }) => {
  const [batch] = await moldBatches(st, ['L-200001'], 200);
  await openAtLogin(page, st.url);
  await login(page, 'OP-100', '1111');
  await page.getByTestId('capability-record_batch').click();
  await page.getByTestId('molding-mode-pass').click();
  await expect(page.getByTestId('pass-step')).toHaveText('Scan the batch label');

  await scanText(page, `LL-LOT-${batch}`);
  await closeVirtualPanel(page);
  await expect(page.getByTestId('pass-lot')).toHaveText(`Lot ${batch} · MP-LUER-CAP`);
  await expect(page.getByTestId('pass-wo')).toHaveText('Work order WO-24002');
  await expect(page.getByTestId('pass-operation')).toHaveText('Operation: Degating (DEGATE)');
  await expect(page.getByTestId('pass-quantity')).toHaveValue('200');
  await page.screenshot({ path: 'test-results/e2e/passthrough-derived.png', fullPage: true });

  await page.getByTestId('pass-confirm').click();
  await expect(flash(page)).toHaveAttribute('data-tone', 'good');
  await expect(flash(page)).toContainText(`Lot ${batch} passed Degating: 200 parts`);
  await expect(page.getByTestId('pass-op-DEGATE')).toContainText('200');
  await expect(page.getByTestId('pass-op-DEGATE')).toContainText('Degating');

  await expect(flash(page)).toBeHidden();
  // The same label again: the next operation of the routing.
  await scanText(page, `LL-LOT-${batch}`);
  await closeVirtualPanel(page);
  await expect(page.getByTestId('pass-operation')).toHaveText('Operation: Visual inspection (INSPECT)');
  await expect(page.getByTestId('pass-op-DEGATE')).toBeVisible();
});
