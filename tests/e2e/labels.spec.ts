// The closed label loop in the UI with the simulated Zebra: preview, print, scan back
// (verified), a damaged label (mismatch → voided → reprint with reason and signature),
// apply, and a signed reconciliation; bad data never prints.
import { expect, login, openAtLogin, sign, test } from './fixtures';

test('print → verify → damaged → void → reprint → apply → reconcile', async ({ page, station }) => {
  await openAtLogin(page, station.url);
  await login(page, 'PK-200', '2222');
  await page.getByRole('button', { name: 'Labels' }).click();
  await expect(page.getByTestId('label-preview')).toBeVisible();
  const lot = `L-E2E-${Date.now() % 100000}`;
  await page.locator('input[name=label-lot]').fill(lot);
  await page.locator('input[name=field-lot]').fill(lot);

  // Bad data: a GTIN with a wrong check digit is named and nothing can print.
  await page.locator('input[name=field-gtin]').fill('09506000134353');
  await expect(page.getByTestId('label-problems')).toContainText('gtin');
  await expect(page.getByRole('button', { name: 'Print', exact: true })).toBeDisabled();
  await page.locator('input[name=field-gtin]').fill('09506000134352');
  await expect(page.getByTestId('label-problems')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/e2e/labels-form.png', fullPage: true });

  const rows = page.getByTestId('labels-table').getByTestId('label-row');
  await page.getByRole('button', { name: 'Print', exact: true }).click();
  await expect(rows.first()).toHaveAttribute('data-state', 'printed');
  await page.getByRole('button', { name: 'Virtual scanner' }).click();
  await page.getByRole('button', { name: 'Scan the last printed label' }).click();
  await expect(page.getByTestId('verdict-flash')).toContainText('Label verified');
  await expect(rows.first()).toHaveAttribute('data-state', 'verified');

  await page.getByRole('button', { name: 'Print', exact: true }).click();
  await expect(rows.first()).toHaveAttribute('data-state', 'printed');
  await page.getByRole('button', { name: 'Scan it damaged (smudged)' }).click();
  await expect(page.getByTestId('verdict-flash')).toHaveAttribute('data-tone', 'bad');
  await expect(page.getByTestId('verdict-flash')).toContainText('Label does NOT match');
  await page.getByRole('button', { name: 'OK — understood' }).click();
  await expect(rows.first()).toHaveAttribute('data-state', 'voided');
  await page.getByRole('button', { name: 'Virtual scanner' }).click();

  await rows.first().getByRole('button', { name: 'Reprint' }).click();
  await page.locator('input[name=reprint-reason]').fill('smudged print head');
  await sign(page, { badge: 'PK-200', pin: '2222', reason: 'reprint of a smudged label' });
  await expect(rows.first()).toHaveAttribute('data-state', 'printed');
  await page.getByRole('button', { name: 'Virtual scanner' }).click();
  await page.getByRole('button', { name: 'Scan the last printed label' }).click();
  await expect(page.getByTestId('verdict-flash')).toContainText('Label verified');
  await page.getByRole('button', { name: 'Virtual scanner' }).click();

  const applyButtons = page.getByTestId('labels-table').getByRole('button', { name: 'Applied' });
  await expect(applyButtons).toHaveCount(2);
  await applyButtons.first().click();
  await expect(applyButtons).toHaveCount(1);
  await applyButtons.first().click();
  await expect(applyButtons).toHaveCount(0);
  await expect(page.getByTestId('reconciliation')).toContainText('Issued 3 · printed 3 · verified 2 · applied 2 · voided 1');
  await expect(page.getByTestId('reconciliation')).toContainText('Balanced');
  await page.getByRole('button', { name: 'Sign the reconciliation' }).click();
  await page.locator('input[name=sig-pin]').fill('2222');
  await page.locator('input[name=sig-reason]').fill(`lot ${lot} labels reconciled`);
  await page.getByRole('button', { name: 'Sign', exact: true }).click();
  await page.screenshot({ path: 'test-results/e2e/labels.png', fullPage: true });

  await page.getByRole('button', { name: 'Log out' }).click();
  await login(page, 'SV-300', '3333');
  await page.getByRole('button', { name: 'Audit trail' }).first().click();
  await page.getByLabel('Event type').selectOption('label.reconciled');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByTestId('audit-table').locator('tbody tr').first()).toContainText('Signed by Priya Shah — Verified');
});
