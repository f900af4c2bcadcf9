// Cleanroom packing in Chromium on the demo packing station (line CR1 from its configuration):
// line clearance signed by the packer and verified by a second person (the same person is
// refused), packaging lots and the molded batch scanned, count by weight on the simulated
// scale, box check-weight (one box out of tolerance is refused, reworked, weighed again),
// lot labels printed on the simulated Zebra and verified by scanning them back, and the lot
// closed with label and material reconciliation under a signature.
import type { Page } from '@playwright/test';
import { startStationProcess, tempDir, type StationProcess } from '../integration/helpers/station';
import { closeVirtualPanel, dismissFlash, expect, flash, login, moldBatches, newerLotUnderFifoRefusal, openAtLogin, putOnScale, scanLabel, scanText, sign, test, weighSampleThenBulk } from './fixtures';

// A whole shift's flow in one test: dozens of signed steps, slow on a busy 2-core machine.
test.describe.configure({ mode: 'serial', timeout: 180_000 });

let st: StationProcess;
let batch = '';
const dir = tempDir('lotline-e2e-pck-');
test.beforeAll(async () => {
  st = await startStationProcess(dir.path, ['--station-type', 'packing']);
  [batch] = (await moldBatches(st, ['L-200001'])) as [string];
});
test.afterAll(async () => {
  await st.stop();
  dir.remove();
});

const lot = (id: string) => new RegExp(`^Lot ${id} `);

/** A material scan: ACCEPT flashes and clears; a WARN is read, then confirmed on screen. */
async function scanMaterial(page: Page, scan: () => Promise<void>, itemId: string): Promise<void> {
  await scan();
  await expect(flash(page)).toBeVisible();
  if ((await flash(page).getAttribute('data-tone')) === 'warn') {
    await dismissFlash(page);
    await page.getByTestId('packing-ack').click();
  }
  await expect(flash(page)).toBeHidden();
  await expect(page.getByTestId(`material-${itemId}`)).toBeVisible();
}

async function printAndVerifyLabel(page: Page, finished: string): Promise<void> {
  const rows = page.getByTestId('labels-table').getByTestId('label-row');
  const before = await rows.count();
  await page.getByRole('button', { name: 'Print', exact: true }).click();
  await expect(rows).toHaveCount(before + 1);
  await expect(rows.first()).toHaveAttribute('data-state', 'printed');
  await expect(rows.first()).toContainText(finished);
  await page.getByRole('button', { name: 'Virtual scanner' }).click();
  await page.getByRole('button', { name: 'Scan the last printed label' }).click();
  await expect(flash(page)).toContainText('Label verified');
  await expect(rows.first()).toHaveAttribute('data-state', 'verified');
  await closeVirtualPanel(page);
  await rows.first().getByRole('button', { name: 'Applied' }).click();
  await expect(rows.first().getByRole('button', { name: 'Applied' })).toHaveCount(0);
}

test('a cleanroom lot from a two-person line clearance to a signed close with reconciliation', async ({ page }) => {
  await openAtLogin(page, st.url);
  await expect(page.getByTestId('station-name')).toHaveText('Cleanroom packing 1');
  await login(page, 'PK-200', '2222');
  await page.getByTestId('capability-line_clearance').click();
  await expect(page.getByTestId('packing-title')).toHaveText('Cleanroom packing — line CR1');
  await expect(page.getByTestId('packing-step')).toHaveText('Clear the line: check every item, then sign');
  await page.screenshot({ path: 'test-results/e2e/packing-clearance.png', fullPage: true });

  // An item not checked: the signed clearance is refused and nothing changes.
  const items = ['previous_product_removed', 'previous_labels_removed', 'previous_documents_removed', 'line_cleaned', 'scale_checked', 'printer_emptied'];
  for (const item of items.slice(1)) await page.getByTestId(`check-${item}`).check();
  await page.getByTestId('clearance-perform').click();
  await sign(page, { badge: 'PK-200', pin: '2222', reason: 'line cleared' });
  await expect(page.getByRole('alert')).toContainText(/previous.product/i);
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('packing-lot')).toHaveCount(0);

  await page.getByTestId(`check-${items[0]}`).check();
  await page.getByTestId('clearance-perform').click();
  await sign(page, { badge: 'PK-200', pin: '2222', reason: 'line cleared' });
  await expect(page.getByTestId('packing-step')).toHaveText('A second person verifies the clearance');
  await expect(page.getByTestId('clearance-pending')).toContainText('Priya Shah signed the clearance');
  const lotLine = page.getByTestId('packing-lot');
  await expect(lotLine).toContainText('WO-24003 · precise lots · waiting for clearance verification');
  const finished = /Finished lot (\S+) /.exec((await lotLine.textContent())!)![1]!;

  // The same person cannot verify her own clearance.
  await page.getByTestId('clearance-verify').click();
  await sign(page, { pin: '2222', reason: 'checked' });
  await expect(page.getByRole('alert')).toContainText(/different|second|same/i);
  await page.screenshot({ path: 'test-results/e2e/packing-same-person.png', fullPage: true });
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('packing-step')).toHaveText('A second person verifies the clearance');

  // A second packer verifies with her own badge and PIN.
  await page.getByTestId('clearance-verify').click();
  await sign(page, { badge: 'PK-201', pin: '2223', reason: 'second person check' });
  await expect(lotLine).toContainText(`Finished lot ${finished} · WO-24003 · precise lots · open`);
  await expect(page.getByTestId('packing-step')).toHaveText('Scan: MP-LUER-CAP, PKG-POUCH, PKG-LID, PKG-CARTON-10, PKG-IFU-EN');

  // Packaging lots and the molded batch, each verified by the engine.
  await scanMaterial(page, () => scanLabel(page, lot('L-300001')), 'PKG-POUCH');
  await scanMaterial(page, () => scanLabel(page, lot('L-300002')), 'PKG-LID');
  await scanMaterial(page, () => scanLabel(page, lot('L-300003')), 'PKG-CARTON-10');
  await scanMaterial(page, () => scanLabel(page, lot('L-300004')), 'PKG-IFU-EN');
  await scanMaterial(page, () => scanText(page, `LL-LOT-${batch}`), 'MP-LUER-CAP');
  await expect(page.getByTestId('material-MP-LUER-CAP')).toContainText(batch);
  await expect(page.getByTestId('packing-step')).toHaveText('Count, check-weigh, label, then close the lot');

  // Count by weight: a sample of 20 caps (42 g), then the bulk (63 g).
  await weighSampleThenBulk(page, { sampleGrams: 42, pieces: 20, pieceWeight: 'Piece weight 2.100 g', bulkGrams: 63 });
  await expect(flash(page)).toContainText('3 units counted');
  await expect(flash(page)).toBeHidden();
  await expect(page.getByTestId('packing-quantity')).toHaveText('3 units packed · piece weight 2.100 g');

  // Check-weight: 10 caps + 30 g packaging = 51 g ± 1 g.
  await putOnScale(page, 51.5);
  await closeVirtualPanel(page);
  await page.getByTestId('check-weight').click();
  await expect(flash(page)).toContainText('Box within tolerance');
  await expect(flash(page)).toBeHidden();
  await putOnScale(page, 49);
  await closeVirtualPanel(page);
  await page.getByTestId('check-weight').click();
  await expect(flash(page)).toHaveAttribute('data-tone', 'bad');
  await expect(flash(page)).toContainText('Box out of tolerance');
  await expect(flash(page)).toContainText('49 g, target 51 g ± 1 g');
  await page.screenshot({ path: 'test-results/e2e/packing-box-refused.png' });
  await dismissFlash(page);
  const boxes = page.getByTestId('packing-boxes').locator('li');
  await expect(boxes).toHaveText(['#1: 51.5 g (51 g) ✓', '#2: 49 g (51 g) ✗']);

  // The close is refused while a box is out of tolerance.
  await page.locator('input[name=close-boxes]').fill('2');
  await page.getByTestId('close-lot').click();
  await sign(page, { pin: '2222', reason: 'lot complete' });
  await expect(page.getByRole('alert')).toContainText('failed its check-weight');
  await page.getByRole('button', { name: 'Cancel' }).click();

  // Reworked (the missing cap added) and weighed again: box 2 passes.
  await putOnScale(page, 51.2);
  await closeVirtualPanel(page);
  await page.getByTestId('check-weight').click();
  await expect(flash(page)).toContainText('Box within tolerance');
  await expect(flash(page)).toBeHidden();
  await expect(boxes).toHaveText(['#1: 51.5 g (51 g) ✓', '#2: 51.2 g (51 g) ✓']);
  await page.screenshot({ path: 'test-results/e2e/packing-open.png', fullPage: true });
  await page.getByLabel('Language').selectOption('es');
  await expect(page.getByTestId('packing-title')).toHaveText('Empaque en sala limpia — línea CR1');
  await page.screenshot({ path: 'test-results/e2e/packing-open-es.png', fullPage: true });
  await page.getByLabel('Idioma').selectOption('en');

  // Labels not printed yet: the close is refused.
  await page.getByTestId('close-lot').click();
  await sign(page, { pin: '2222', reason: 'lot complete' });
  await expect(page.getByRole('alert')).toContainText('do not reconcile');
  await page.getByRole('button', { name: 'Cancel' }).click();

  // Two lot labels, each printed on the simulated Zebra, scanned back and applied.
  await page.getByRole('button', { name: 'Labels' }).click();
  await expect(page.getByTestId('label-preview')).toBeVisible();
  await page.locator('input[name=label-lot]').fill(finished);
  await page.locator('input[name=field-lot]').fill(finished);
  await expect(page.getByTestId('label-problems')).toHaveCount(0);
  await printAndVerifyLabel(page, finished);
  await printAndVerifyLabel(page, finished);
  await expect(page.getByTestId('reconciliation')).toContainText('Issued 2 · printed 2 · verified 2 · applied 2 · voided 0');

  // Back on the line: materials that do not reconcile are refused, then the signed close.
  await page.getByRole('button', { name: 'Home' }).click();
  await page.getByTestId('capability-close_lot').click();
  await expect(lotLine).toContainText(`Finished lot ${finished} · WO-24003 · precise lots · open`);
  await page.locator('input[name=close-boxes]').fill('2');
  await page.locator('input[name=used-PKG-POUCH]').fill('35');
  await page.getByTestId('close-lot').click();
  await sign(page, { pin: '2222', reason: 'lot complete' });
  await expect(page.getByRole('alert')).toContainText('Materials do not reconcile: PKG-POUCH planned 30, used 35');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.locator('input[name=used-PKG-POUCH]').fill('30');
  await page.getByTestId('close-lot').click();
  await sign(page, { pin: '2222', reason: 'lot complete' });
  await expect(flash(page)).toContainText(`Lot ${finished} closed`);
  await expect(flash(page)).toContainText('Labels: 2 issued, 2 verified, 2 applied. Materials reconciled.');
  await expect(flash(page)).toBeHidden();
  await expect(lotLine).toContainText(`Finished lot ${finished} · WO-24003 · precise lots · closed`);
  // The next lot on this line starts with its own clearance.
  await expect(page.getByTestId('packing-step')).toHaveText('Clear the line: check every item, then sign');
  await page.screenshot({ path: 'test-results/e2e/packing-closed.png', fullPage: true });

  // The signatures in the audit trail: performed, verified by the second person, approved close.
  await page.getByRole('button', { name: 'Log out' }).click();
  await login(page, 'SV-300', '3333');
  await page.getByRole('button', { name: 'Audit trail' }).first().click();
  const audit = page.getByTestId('audit-table');
  for (const [type, who] of [['packing.clearance_performed', 'Signed by Priya Shah — Performed'], ['packing.clearance_signed', 'Signed by Lee Martin — Verified'], ['packing.lot_closed', 'Signed by Priya Shah — Approved']] as const) {
    await page.getByLabel('Event type').selectOption(type);
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(audit.locator(`tr[data-type="${type}"]`)).toHaveCount(1);
    await expect(audit.locator(`tr[data-type="${type}"]`)).toContainText(who);
  }
});

test('with FIFO set to refuse, a newer lot is used only with a supervisor override signed on the packing screen', async ({ page }) => {
  const newer = await newerLotUnderFifoRefusal(st, { itemId: 'PKG-LID', supplierId: 'SUP-CLEANPACK', supplierLot: 'CP-L-E2E-NEW', quantity: 5000 });

  await openAtLogin(page, st.url);
  await login(page, 'PK-200', '2222');
  await page.getByTestId('capability-line_clearance').click();
  for (const item of ['previous_product_removed', 'previous_labels_removed', 'previous_documents_removed', 'line_cleaned', 'scale_checked', 'printer_emptied']) await page.getByTestId(`check-${item}`).check();
  await page.getByTestId('clearance-perform').click();
  await sign(page, { badge: 'PK-200', pin: '2222', reason: 'line cleared' });
  await page.getByTestId('clearance-verify').click();
  await sign(page, { badge: 'PK-201', pin: '2223', reason: 'second person check' });
  await expect(page.getByTestId('packing-lot')).toContainText('· open');

  await scanText(page, `LL-LOT-${newer}`);
  await expect(flash(page)).toHaveAttribute('data-tone', 'bad');
  await expect(flash(page)).toContainText(`Lot ${newer} is newer than L-300002 of PKG-LID`);
  await dismissFlash(page);
  await closeVirtualPanel(page);
  await expect(page.getByTestId('material-PKG-LID')).toHaveCount(0);
  const override = page.getByTestId('packing-override');
  await expect(override).toHaveText('Supervisor override (signature)');
  await override.click();
  // A packer's signature is not a supervisor's: refused, the lot stays unused.
  await sign(page, { badge: 'PK-201', pin: '2223', reason: 'no time to fetch the older lot' });
  await expect(page.getByRole('alert')).toContainText('Signature refused: this needs one of these roles: Supervisor, QA; Lee Martin has: Packer.');
  await expect(page.getByTestId('material-PKG-LID')).toHaveCount(0);
  await sign(page, { badge: 'SV-300', pin: '3333', reason: 'older lid lot is in the other cleanroom' });
  await expect(flash(page)).toContainText('Override signed — recorded');
  await expect(page.getByTestId('material-PKG-LID')).toContainText(newer);
  await expect(override).toHaveCount(0);
  await page.screenshot({ path: 'test-results/e2e/packing-fifo-override.png', fullPage: true });
});
