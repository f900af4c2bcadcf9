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

test('in Spanish, the last-scan panel says what the parser found wrong, and what it repaired, in Spanish (by code), and names the fields read', async ({ page, station }) => {
  await openAtLogin(page, station.url);
  await login(page, 'OP-100', '1111');
  await page.getByLabel('Language').selectOption('es');
  await expect(page.getByText('Escáner: listo')).toBeVisible();
  await page.getByRole('button', { name: 'Escáner virtual' }).click();
  const panel = page.getByRole('dialog', { name: 'Escáner virtual' });
  const flash = page.getByTestId('verdict-flash');

  // A damaged label: one digit misread, so the GTIN's check digit no longer fits.
  await panel.locator('input[name=virtual-scan]').fill(']C10109501101530004');
  await panel.getByRole('button', { name: 'Escanear', exact: true }).click();
  const checkDigit = '(01): el dígito de control de 09501101530004 es incorrecto; la etiqueta puede estar mal impresa o mal leída';
  await expect(flash).toHaveAttribute('data-tone', 'bad');
  await expect(flash).toContainText(checkDigit);
  await page.getByRole('button', { name: 'OK — entendido' }).click();
  await expect(page.getByTestId('last-scan-error')).toHaveText(checkDigit);
  await expect(page.getByTestId('last-scan-error')).toHaveAttribute('data-problem', 'check_digit');
  await expect(page.getByTestId('last-scan')).not.toContainText('is wrong');

  // A garbled reel label: a GS dropped where two readings are valid — both said, in Spanish.
  await panel.getByRole('button', { name: /dropped the group separator/ }).click();
  await expect(flash).toHaveAttribute('data-tone', 'bad');
  await page.getByRole('button', { name: 'OK — entendido' }).click();
  await expect(page.getByTestId('last-scan-error')).toHaveText(
    'parece faltar un separador de grupo después de (10): los datos se leen como (10)L2611-A7-STERILE1(17)291031 o como (10)L2611-A7-STERILE1172(91)031. Revise el ajuste de GS del escáner y vuelva a escanear.',
  );

  // A wedge that types GS as a visible ␝: read, and the repair is said in Spanish; the fields by their Spanish names.
  await panel.getByRole('button', { name: /shows the group separator as/ }).click();
  await expect(flash).toHaveAttribute('data-tone', 'warn');
  await expect(flash).toContainText('se leyó 1 símbolo GS visible como el carácter de control GS');
  await page.getByRole('button', { name: 'OK — entendido' }).click();
  await expect(page.getByTestId('last-scan-repairs')).toHaveText('se leyó 1 símbolo GS visible como el carácter de control GS');
  await expect(page.getByTestId('field-lot')).toHaveText('L2611-A7-STERILE1');
  await expect(page.getByTestId('last-scan').getByText('Caducidad', { exact: true })).toBeVisible();
  await page.screenshot({ path: 'test-results/e2e/last-scan-es.png', fullPage: true });
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
