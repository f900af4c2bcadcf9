// Login, wrong PIN, lockout, the audit viewer showing those events, language switch, and a
// signed settings change — in Chromium against a real station.
import { client, wsTransport } from '../integration/helpers/station';
import { expect, login, openAtLogin, sign, test } from './fixtures';

test.describe.configure({ mode: 'serial' });

test('the login screen shows the station and the demo users', async ({ page, station }) => {
  await openAtLogin(page, station.url);
  await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();
  await expect(page.getByTestId('station-name')).toHaveText('SMT line 1');
  await expect(page.getByText('DEMO DATA', { exact: true })).toBeVisible();
  await expect(page.getByText('Scanner: ready')).toBeVisible();
  await expect(page.getByTestId('sync-status')).toContainText('not configured');
  await expect(page).not.toHaveURL(/token=/);
  await page.screenshot({ path: 'test-results/e2e/login.png' });
});

test('a wrong PIN is refused with the attempts left', async ({ page, station }) => {
  await openAtLogin(page, station.url);
  await login(page, 'OP-100', '9999');
  await expect(page.getByTestId('login-error')).toHaveText('Wrong PIN. 4 attempt(s) left before lockout.');
  await expect(page.getByTestId('operator')).toHaveText('Nobody logged in');
});

test('five wrong PINs lock the user out, and the right PIN is then refused too', async ({ page, station }) => {
  await openAtLogin(page, station.url);
  for (let i = 0; i < 4; i++) {
    await login(page, 'OP-101', '0000');
    await expect(page.getByTestId('login-error')).toContainText('attempt(s) left');
  }
  await login(page, 'OP-101', '0000');
  await expect(page.getByTestId('login-error')).toContainText('Locked out after too many wrong PINs');
  await login(page, 'OP-101', '1112');
  await expect(page.getByTestId('login-error')).toContainText('Locked out');
  await page.screenshot({ path: 'test-results/e2e/lockout.png' });
});

test('the keypad enters the PIN, and a supervisor sees the login events in the audit trail', async ({ page, station }) => {
  await openAtLogin(page, station.url);
  await page.getByRole('button', { name: /Sofia Rossi/ }).click();
  for (const k of ['3', '3', '3', '3']) await page.getByRole('button', { name: k, exact: true }).click();
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByTestId('operator')).toContainText('Sofia Rossi');
  await expect(page.getByRole('heading', { name: 'Hello, Sofia Rossi' })).toBeVisible();

  await page.getByRole('button', { name: 'Audit trail' }).first().click();
  const table = page.getByTestId('audit-table');
  await expect(table.locator('tr[data-type="auth.login"]').first()).toContainText('Sofia Rossi');
  await expect(table.locator('tr[data-type="auth.locked_out"]')).toHaveCount(1);
  await expect(table.locator('tr[data-type="auth.login_failed"]').first()).toBeVisible();

  await page.getByLabel('Event type').selectOption('auth.login_failed');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(table.locator('tbody tr')).toHaveCount(7);
  await expect(table.locator('tbody tr').filter({ hasText: 'Sam Nguyen' })).toHaveCount(6);

  await page.getByLabel('Event type').selectOption('lot.released');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(table.getByTestId('signature').first()).toContainText(/Signed by Quinn Okafor — Approved — /);

  await page.getByRole('button', { name: 'Verify chain' }).click();
  await expect(page.getByTestId('verify-result')).toContainText('Chain verified');
  await page.screenshot({ path: 'test-results/e2e/audit.png', fullPage: true });
});

test('the UI switches to Spanish', async ({ page, station }) => {
  await openAtLogin(page, station.url);
  await page.getByLabel('Language').selectOption('es');
  await expect(page.getByRole('heading', { name: 'Iniciar sesión' })).toBeVisible();
  await expect(page.getByText('Escáner: listo')).toBeVisible();
  await expect(page.getByTestId('sync-status')).toContainText('Servidor central: sin configurar');
  await page.getByLabel('Credencial').fill('NOBODY');
  await page.locator('input[name=pin]').fill('1234');
  await page.getByRole('button', { name: 'Entrar' }).click();
  await expect(page.getByTestId('login-error')).toContainText('Esta credencial no se conoce');
  await page.getByLabel('Idioma').selectOption('en');
});

test('an administrator renames the station with an electronic signature', async ({ page, station }) => {
  await openAtLogin(page, station.url);
  await login(page, 'AD-500', '5555');
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByLabel('Station name').fill('SMT line 1 (north)');
  await page.getByRole('button', { name: 'Save (signature required)' }).click();
  await expect(page.getByTestId('signature-meaning')).toHaveText('Approved');
  await page.locator('input[name=sig-pin]').fill('5555');
  await page.locator('input[name=sig-reason]').fill('Line moved to the north bay');
  await page.getByRole('button', { name: 'Sign', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('The first signature of a session needs your badge and your PIN.');
  await page.locator('input[name=sig-badge]').fill('AD-500');
  await page.locator('input[name=sig-pin]').fill('5555');
  await page.getByRole('button', { name: 'Sign', exact: true }).click();
  await expect(page.getByTestId('station-name')).toHaveText('SMT line 1 (north)');
  await page.getByRole('button', { name: 'Audit trail' }).first().click();
  await expect(page.getByTestId('audit-table').locator('tr[data-type="station.configured"]').first()).toContainText('Signed by Ada Keller — Approved');
});

test('an administrator sets the report time zone: an unknown zone is named and cannot be saved; a known one is stored in its canonical spelling', async ({ page, station }) => {
  await openAtLogin(page, station.url);
  await login(page, 'AD-500', '5555');
  await page.getByRole('button', { name: 'Settings' }).click();
  const zone = page.locator('input[name=time-zone]');
  await expect(zone).toHaveValue('');
  await zone.fill('Mars/Olympus');
  await expect(page.locator('#time-zone-help')).toHaveText('"Mars/Olympus" is not a known time zone (e.g. America/Monterrey, Europe/Berlin, UTC)');
  await expect(page.getByRole('button', { name: 'Save (signature required)' })).toBeDisabled();
  await zone.fill('europe/berlin');
  await page.getByRole('button', { name: 'Save (signature required)' }).click();
  await sign(page, { badge: 'AD-500', pin: '5555', reason: 'Reports in plant time' });
  await expect(page.getByText('Saved.', { exact: true })).toBeVisible();
  await expect(zone).toHaveValue('Europe/Berlin');
  const api = client(wsTransport(station.url, station.token));
  expect((await api.call('station.status', {})).station?.timeZone).toBe('Europe/Berlin');
});

test('an administrator sets the verification rules with a signature; they are in force and shown to everyone, changeable by no one else', async ({ page, station }) => {
  await openAtLogin(page, station.url);
  await login(page, 'AD-500', '5555');
  await page.getByRole('button', { name: 'Settings' }).click();
  const panel = page.getByTestId('rules-panel');
  await expect(panel.locator('select[name=fifo-mode]')).toHaveValue('warn');
  await panel.locator('select[name=fifo-mode]').selectOption('reject');
  await panel.locator('select[name=fifo-order]').selectOption('expiry');
  await panel.locator('select[name=fifo-override-role]').selectOption('qa');
  await panel.locator('input[name=expiry-warn-days]').fill('60');
  // No clock signed yet: the fixed offset, with a note that it does not follow summer time.
  await expect(panel.locator('select[name=expiry-clock]')).toHaveValue('offset');
  await expect(panel.getByTestId('expiry-clock-offset-note')).toContainText('does not follow summer time');
  await panel.locator('select[name=utc-offset]').selectOption({ label: 'UTC+01:00' });
  await panel.getByRole('button', { name: 'Save the rules (signature required)' }).click();
  await expect(page.getByTestId('signature-meaning')).toHaveText('Approved');
  await sign(page, { badge: 'AD-500', pin: '5555', reason: 'FEFO with QA overrides, plant in CET' });
  await expect(page.getByTestId('rules-saved')).toHaveText('Rules saved: in force for the next scan.');
  await page.screenshot({ path: 'test-results/e2e/settings-rules.png', fullPage: true });

  // In force: read back by another user, who cannot change them.
  await page.getByRole('button', { name: 'Log out' }).click();
  await login(page, 'SV-300', '3333');
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(panel.locator('select[name=fifo-mode]')).toHaveValue('reject');
  await expect(panel.locator('select[name=fifo-order]')).toHaveValue('expiry');
  await expect(panel.locator('select[name=fifo-override-role]')).toHaveValue('qa');
  await expect(panel.locator('input[name=expiry-warn-days]')).toHaveValue('60');
  await expect(panel.locator('select[name=utc-offset]')).toHaveValue('60');
  await expect(panel.locator('select[name=fifo-mode]')).toBeDisabled();
  await expect(panel).toContainText('Only an administrator can change the verification rules.');
  await page.getByRole('button', { name: 'Log out' }).click();

  // The administrator moves expiry days to the station's time zone: the offset is no longer asked for.
  await login(page, 'AD-500', '5555');
  await page.getByRole('button', { name: 'Settings' }).click();
  const clock = panel.locator('select[name=expiry-clock]');
  // The zone it names is the station's own setting (another test here sets one) or the computer's.
  await expect(clock.locator('option[value=station]')).toHaveText(/^The station's time zone: [A-Za-z_]+(\/[A-Za-z_+-]+)* \(follows summer time\)$/);
  await clock.selectOption('station');
  await expect(panel.locator('select[name=utc-offset]')).toHaveCount(0);
  await expect(panel.getByTestId('expiry-clock-offset-note')).toHaveCount(0);
  await panel.getByRole('button', { name: 'Save the rules (signature required)' }).click();
  await sign(page, { badge: 'AD-500', pin: '5555', reason: 'Expiry days in plant time, with DST' });
  await expect(page.getByTestId('rules-saved')).toBeVisible();
  await page.getByRole('button', { name: 'Log out' }).click();
  // The station serves the other spec files too: the defaults back, as an administrator sets them.
  const t = wsTransport(station.url, station.token);
  try {
    await t.ready();
    const api = client(t);
    await api.call('auth.login', { badge: 'AD-500', pin: '5555' });
    expect(await api.call('rules.state', {})).toMatchObject({ expiryClock: 'station', utcOffsetMinutes: 60, fifo: { mode: 'reject' } });
    await api.call('rules.configure', { fifo: { mode: 'warn', order: 'received', overrideRole: 'supervisor' }, expiryWarnDays: 30, utcOffsetMinutes: 0, expiryClock: 'offset', signature: { badge: 'AD-500', pin: '5555', meaning: 'approved', reason: 'e2e: back to the defaults' } });
    await api.call('auth.logout', {});
  } finally {
    t.close();
  }
});

test('QA sets the label verification policy with a signature; a supervisor sees it and cannot change it', async ({ page, station }) => {
  await openAtLogin(page, station.url);
  await login(page, 'QA-400', '4444');
  await page.getByRole('button', { name: 'Settings' }).click();
  const panel = page.getByTestId('label-policy-panel');
  await expect(panel.locator('select[name=label-verify-mode]')).toHaveValue('every');
  await expect(panel.locator('input[name=label-reprint-signature]')).toBeChecked();
  await panel.locator('select[name=label-verify-mode]').selectOption('first_last');
  await panel.locator('input[name=label-reprint-signature]').uncheck();
  await panel.getByRole('button', { name: 'Save the label policy (signature required)' }).click();
  await expect(page.getByTestId('signature-meaning')).toHaveText('Approved');
  await sign(page, { badge: 'QA-400', pin: '4444', reason: 'validated printer: first and last of each run' });
  await expect(page.getByTestId('label-policy-saved')).toHaveText('Label policy saved: in force for the next label printed.');

  await page.getByRole('button', { name: 'Log out' }).click();
  await login(page, 'SV-300', '3333');
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(panel.locator('select[name=label-verify-mode]')).toHaveValue('first_last');
  await expect(panel.locator('input[name=label-reprint-signature]')).not.toBeChecked();
  await expect(panel.locator('select[name=label-verify-mode]')).toBeDisabled();
  await expect(panel).toContainText('Only QA or an administrator can change how labels are verified.');
  await page.getByRole('button', { name: 'Log out' }).click();
  // The station serves the other spec files too: the default back, as QA sets it.
  const t = wsTransport(station.url, station.token);
  try {
    await t.ready();
    const api = client(t);
    await api.call('auth.login', { badge: 'QA-400', pin: '4444' });
    await api.call('labels.set_policy', { verifyMode: 'every', reprintNeedsSignature: true, signature: { badge: 'QA-400', pin: '4444', meaning: 'approved', reason: 'e2e: back to the default' } });
    await api.call('auth.logout', {});
  } finally {
    t.close();
  }
});
