// Devices from the operator's side: the virtual scanner through the simulated scanner's pty,
// device tests in Settings, and keyboard-wedge capture that never steals a person's typing.
import { expect, login, openAtLogin, test } from './fixtures';

test.describe.configure({ mode: 'serial' });

test('a label scanned on the virtual scanner is read, flashed and shown field by field', async ({ page, station }) => {
  await openAtLogin(page, station.url);
  await login(page, 'OP-100', '1111');
  await expect(page.getByText('Scanner: ready')).toBeVisible();
  await page.getByRole('button', { name: 'Virtual scanner' }).click();
  await page.getByRole('button', { name: /Digi-Key reel/ }).click();
  await expect(page.getByTestId('verdict-flash')).toHaveAttribute('data-tone', 'good');
  await expect(page.getByTestId('verdict-flash')).toContainText('Read: iso15434');
  await expect(page.getByTestId('field-lot')).toHaveText('DK2419A');
  await expect(page.getByTestId('field-manufacturerPart')).toHaveText('RC0603FR-0710KL');

  // A wedge that types GS as a visible ␝: read, with the repair said out loud.
  await page.getByRole('button', { name: /shows the group separator as/ }).click();
  await expect(page.getByTestId('verdict-flash')).toHaveAttribute('data-tone', 'warn');
  await page.getByRole('button', { name: 'OK — understood' }).click();
  await expect(page.getByTestId('field-lot')).toHaveText('L2611-A7-STERILE1');
  await expect(page.getByTestId('field-expiry')).toHaveText('2029-10-31');
  await expect(page.getByTestId('last-scan-repairs')).toBeVisible();

  // A wedge that dropped it where two readings are valid: refused, saying both, never guessed.
  await page.getByRole('button', { name: /dropped the group separator/ }).click();
  await expect(page.getByTestId('verdict-flash')).toHaveAttribute('data-tone', 'bad');
  await expect(page.getByTestId('verdict-flash')).toContainText('group separator seems to be missing');
  await page.getByRole('button', { name: 'OK — understood' }).click();
  await page.screenshot({ path: 'test-results/e2e/last-scan.png', fullPage: true });
});

test('an administrator tests the scale and both printers from Settings', async ({ page, station }) => {
  await openAtLogin(page, station.url);
  await login(page, 'AD-500', '5555');
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Read weight' }).click();
  await expect(page.getByTestId('device-result-scale')).toHaveText(/Test passed: stable [\d.]+ g/);
  await page.getByRole('button', { name: 'Print test label' }).click();
  await expect(page.getByTestId('device-result-labelPrinter')).toHaveText(/Test passed: test label (sent|confirmed)/);
  await page.getByRole('button', { name: 'Print test ticket' }).click();
  await expect(page.getByTestId('device-result-ticketPrinter')).toHaveText('Test passed: test ticket sent');
  await page.screenshot({ path: 'test-results/e2e/devices.png', fullPage: true });
});

test('a wedge scan at scanner speed is captured, while a slowly typed word stays in its field', async ({ page, station }) => {
  await openAtLogin(page, station.url);
  await login(page, 'AD-500', '5555');
  await page.getByRole('button', { name: 'Settings' }).click();
  const scannerUri = page.getByLabel('Scanner — Device address');
  await scannerUri.fill('wedge:?gap=80');
  await page.getByTestId('device-scanner').getByRole('button', { name: 'Assign' }).click();
  await expect(page.getByTestId('device-state-scanner')).toHaveText('ready');
  try {
    const area = page.getByLabel('Area');
    await area.fill('');
    await area.click();
    await page.keyboard.type('North', { delay: 250 });
    await expect(area).toHaveValue('North');

    // The scanner types into the same focused field: the scan must not land there.
    await page.keyboard.type('LL-LOT-L-100001', { delay: 2 });
    await page.keyboard.press('Enter');
    await page.waitForTimeout(300);
    await expect(area).toHaveValue('North');

    await page.getByRole('button', { name: 'Audit trail' }).first().click();
    await page.getByLabel('Event type').selectOption('scan.received');
    await page.getByRole('button', { name: 'Apply' }).click();
    const first = page.getByTestId('audit-table').locator('tbody tr').first();
    await expect(first).toContainText('LL-LOT-L-100001');
    await expect(first).toContainText('"source":"wedge"');
  } finally {
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByLabel('Scanner — Device address').fill('sim:scanner');
    await page.getByTestId('device-scanner').getByRole('button', { name: 'Assign' }).click();
    await expect(page.getByTestId('device-state-scanner')).toHaveText('ready');
  }
});
