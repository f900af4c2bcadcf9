// The molding station in Chromium on a demo molding station: the batch record is entered, the
// resin lot is scanned through the virtual scanner (a pouch lot is refused), parts are recorded
// per cavity, and a resin change mid-shift closes the batch and opens a second one — two
// batches on screen, in the audit trail and in the forward trace of each resin lot.
import { startStationProcess, tempDir, type StationProcess } from '../integration/helpers/station';
import { closeVirtualPanel, dismissFlash, expect, flash, login, newerLotUnderFifoRefusal, openAtLogin, scanLabel, scanText, sign, test } from './fixtures';

// A whole shift's flow in one test: dozens of signed steps, slow on a busy 2-core machine.
test.describe.configure({ mode: 'serial', timeout: 180_000 });

let st: StationProcess;
const dir = tempDir('lotline-e2e-mld-');
test.beforeAll(async () => {
  st = await startStationProcess(dir.path, ['--station-type', 'molding']);
});
test.afterAll(async () => {
  await st.stop();
  dir.remove();
});

const lot = (id: string) => new RegExp(`^Lot ${id} `);

test('a resin change mid-shift closes the running batch and starts a second one', async ({ page }) => {
  await openAtLogin(page, st.url);
  await expect(page.getByTestId('station-name')).toHaveText('Molding cell 1');
  await login(page, 'OP-100', '1111');
  await page.getByTestId('capability-record_batch').click();
  const step = page.getByTestId('molding-step');
  await expect(step).toHaveText('Enter the batch record, then scan the resin lot');
  await expect(page.getByTestId('molding-machine')).toHaveValue('IMM-3');
  await page.getByTestId('molding-shift').fill('B');
  await page.screenshot({ path: 'test-results/e2e/molding-record.png', fullPage: true });

  // Not a resin: refused, no batch.
  await scanLabel(page, lot('L-300001'));
  await expect(flash(page)).toHaveAttribute('data-tone', 'bad');
  await expect(flash(page)).toContainText('REJECT');
  await dismissFlash(page);
  await expect(step).toHaveText('Enter the batch record, then scan the resin lot');

  // The first resin lot starts batch 1.
  await scanLabel(page, lot('L-200001'));
  await expect(flash(page)).toContainText(/Batch MB-[A-Z0-9-]+-00001 running/);
  if ((await flash(page).getAttribute('data-tone')) !== 'good') await dismissFlash(page);
  await expect(flash(page)).toBeHidden();
  await expect(step).toHaveText(/^Batch MB-[A-Z0-9-]+-00001 running$/);
  const batch1 = /Batch (\S+) running/.exec((await step.textContent())!)![1]!;
  await closeVirtualPanel(page);

  // Good parts per cavity.
  const output = page.getByTestId('molding-output');
  for (const [cavity, q] of [[1, 50], [2, 50], [3, 48], [4, 52]] as const) await output.locator(`input[name=cavity-${cavity}]`).fill(String(q));
  await page.getByTestId('molding-record').click();
  await expect(page.getByTestId(`batch-${batch1}`)).toContainText('200');
  await expect(output).toContainText('Cavity 3 (48 so far)');
  await page.screenshot({ path: 'test-results/e2e/molding-batch1.png', fullPage: true });

  // Resin change: the second lot closes batch 1 and opens batch 2.
  // L-200002 is newer than L-200001 (first in, first out): a WARN the operator reads and
  // confirms on screen; nothing changes until then.
  await scanLabel(page, lot('L-200002'));
  await expect(flash(page)).toHaveAttribute('data-tone', 'warn');
  await expect(flash(page)).toContainText('L-200002 is newer than L-200001');
  await page.screenshot({ path: 'test-results/e2e/molding-resin-warn.png' });
  await dismissFlash(page);
  await closeVirtualPanel(page);
  await expect(step).toHaveText(`Batch ${batch1} running`);
  await page.getByTestId('molding-confirm').click();
  await expect(flash(page)).toContainText(new RegExp(`Resin changed: batch ${batch1} closed, batch MB-[A-Z0-9-]+-00002 started`));
  await expect(flash(page)).toBeHidden();
  await expect(page.getByTestId('molding-warn')).toHaveCount(0);
  await expect(step).toHaveText(/^Batch MB-[A-Z0-9-]+-00002 running$/);
  const batch2 = /Batch (\S+) running/.exec((await step.textContent())!)![1]!;
  await output.locator('input[name=cavity-1]').fill('100');
  await page.getByTestId('molding-record').click();
  await expect(page.getByTestId(`batch-${batch2}`)).toContainText('100');

  const rows = page.getByTestId('molding-batches').locator('tbody tr');
  await expect(rows).toHaveCount(2);
  await expect(page.getByTestId(`batch-${batch1}`)).toHaveText([batch1, 'L-200001', '200', 'Closed'].join(''));
  await expect(page.getByTestId(`batch-${batch2}`)).toHaveText([batch2, 'L-200002', '100', 'Running'].join(''));
  await page.screenshot({ path: 'test-results/e2e/molding-two-batches.png', fullPage: true });
  await page.getByLabel('Language').selectOption('es');
  await expect(page.getByRole('heading', { name: 'Moldeo', exact: true })).toBeVisible();
  await page.screenshot({ path: 'test-results/e2e/molding-two-batches-es.png', fullPage: true });
  await page.getByLabel('Idioma').selectOption('en');

  // The supervisor sees both batches in the audit trail and in the forward trace of each resin lot.
  await page.getByRole('button', { name: 'Log out' }).click();
  await login(page, 'SV-300', '3333');
  await page.getByRole('button', { name: 'Audit trail' }).first().click();
  const audit = page.getByTestId('audit-table');
  await page.getByLabel('Event type').selectOption('molding.batch_started');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(audit.locator('tr[data-type="molding.batch_started"]')).toHaveCount(2);
  await expect(audit.locator('tr[data-type="molding.batch_started"]').filter({ hasText: batch1 })).toContainText('L-200001');
  await expect(audit.locator('tr[data-type="molding.batch_started"]').filter({ hasText: batch2 })).toContainText('L-200002');
  await page.getByLabel('Event type').selectOption('molding.batch_closed');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(audit.locator('tr[data-type="molding.batch_closed"]')).toHaveCount(1);
  await expect(audit.locator('tr[data-type="molding.batch_closed"]')).toContainText('resin_change');

  await page.getByRole('button', { name: 'Trace', exact: true }).click();
  await scanLabel(page, lot('L-200001'));
  await expect(page.getByTestId('trace-id')).toHaveValue('L-200001');
  await closeVirtualPanel(page);
  await page.getByTestId('trace-forward').click();
  await expect(page.getByTestId(`trace-node-${batch1}`)).toBeVisible();
  await expect(page.getByTestId(`trace-node-${batch2}`)).toHaveCount(0);
  await page.getByTestId('trace-id').fill('L-200002');
  await page.getByTestId('trace-forward').click();
  await expect(page.getByTestId(`trace-node-${batch2}`)).toBeVisible();
  await expect(page.getByTestId(`trace-node-${batch1}`)).toHaveCount(0);
  await page.screenshot({ path: 'test-results/e2e/molding-trace.png', fullPage: true });
});

test('with FIFO set to refuse, a newer resin lot starts its batch only with a supervisor override signed on screen', async ({ page }) => {
  const newer = await newerLotUnderFifoRefusal(st, { itemId: 'RESIN-PC-MED', supplierId: 'SUP-POLYMED', supplierLot: 'PM-E2E-NEW', quantity: 500 });

  await openAtLogin(page, st.url);
  await login(page, 'OP-100', '1111');
  await page.getByTestId('capability-record_batch').click();
  await scanText(page, `LL-LOT-${newer}`);
  await expect(flash(page)).toHaveAttribute('data-tone', 'bad');
  // Resin is counted in sacks: the sentence names the lot as one.
  await expect(flash(page)).toContainText(`Sack ${newer} is newer than L-200001 of RESIN-PC-MED`);
  await dismissFlash(page);
  await closeVirtualPanel(page);
  const override = page.getByTestId('molding-override');
  await expect(override).toHaveText('Supervisor override (signature)');
  await override.click();
  await sign(page, { badge: 'SV-300', pin: '3333', reason: 'older resin lot is still drying' });
  await expect(flash(page)).toContainText('Override signed — recorded');
  await expect(flash(page)).toContainText(/Batch MB-[A-Z0-9-]+ running/);
  await expect(override).toHaveCount(0);
  await expect(page.getByTestId('molding-batches')).toContainText(newer);
  await page.screenshot({ path: 'test-results/e2e/molding-fifo-override.png', fullPage: true });
});
