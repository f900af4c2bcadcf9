// The SMT line station in Chromium against a real station with simulated devices: every scan
// goes through the virtual scanner (the simulated scanner's pty), the verdict fills the screen.
// A wrong reel, a quarantined reel and an expired reel are refused with their reason; the
// right reels are accepted and only then does the line start; then a splice. The line is the
// station's own (its area, SMT1 on the demo floor); in Spanish, refusals and the answer to an
// acknowledged warning are said in Spanish; a station whose area names no line says so.
import type { Page } from '@playwright/test';
import { expect, login, openAtLogin, openSmtSetup, receivedLot, scanText, test } from './fixtures';

test.describe.configure({ mode: 'serial' });

const flash = (page: Page) => page.getByTestId('verdict-flash');

/** In either language (the Spanish test switches the UI). */
const VIRTUAL_SCANNER = /^(Virtual scanner|Escáner virtual)$/;

async function scanLabel(page: Page, name: RegExp): Promise<void> {
  const panel = page.getByRole('dialog', { name: VIRTUAL_SCANNER });
  if (!(await panel.isVisible())) await page.getByRole('button', { name: VIRTUAL_SCANNER }).click();
  await panel.getByRole('button', { name }).click();
}

async function expectAccept(page: Page): Promise<void> {
  await expect(flash(page)).toHaveAttribute('data-tone', 'good');
  await expect(flash(page)).toBeHidden();
}

async function expectReject(page: Page, text: string | RegExp): Promise<void> {
  await expect(flash(page)).toHaveAttribute('data-tone', 'bad');
  await expect(flash(page)).toContainText('REJECT');
  await expect(flash(page)).toContainText(text);
}

async function dismiss(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'OK — understood' }).click();
  await expect(flash(page)).toBeHidden();
}

const slot = (s: string) => new RegExp(`^SMT line 1 slot ${s}`);
const lot = (id: string) => new RegExp(`^Lot ${id} `);

test('SMT setup: wrong, quarantined and expired reels are refused; the right reels are accepted and only then the line starts', async ({ page, station }) => {
  await openAtLogin(page, station.url);
  await login(page, 'OP-100', '1111');
  await page.getByTestId('capability-verify_setup').click();
  // The line comes from the station's configuration (its area), not from the screen.
  await expect(page.getByTestId('smt-title')).toHaveText('SMT line SMT1');
  await page.getByTestId('load-WO-24001').click();
  await expect(page.locator('#smt-title')).toContainText('line SMT1');
  await expect(page.getByTestId('smt-step')).toHaveText('Scan a slot label: F01, F02, F03, F04, F05, LOADER, PRINTER still to verify.');
  const start = page.getByTestId('start-line');
  await expect(start).toBeDisabled();
  await expect(start).toHaveText('Cannot start — not verified: F01, F02, F03, F04, F05, LOADER, PRINTER');
  await page.screenshot({ path: 'test-results/e2e/smt-setup.png', fullPage: true });

  // Wrong part on the MCU slot.
  await scanLabel(page, slot('F03'));
  await expectAccept(page);
  await expect(page.getByTestId('smt-step')).toHaveText('Slot F03: scan the reel (MCU-RP2040).');
  await scanLabel(page, lot('L-100001'));
  await expectReject(page, 'Reel L-100001 is RES-10K-0603, but slot F03 takes MCU-RP2040. Put it back and take a reel of MCU-RP2040. It belongs in slot F01.');
  await page.screenshot({ path: 'test-results/e2e/smt-wrong-reel.png' });
  await dismiss(page);

  // The right part, but quarantined.
  await scanLabel(page, lot('L-100005'));
  await expectReject(page, 'Reel L-100005 is in quarantine. Put it back and take a released reel of MCU-RP2040.');
  await dismiss(page);

  // Expired on F02.
  await scanLabel(page, slot('F02'));
  await expectAccept(page);
  await scanLabel(page, lot('L-100003'));
  await expectReject(page, /Reel L-100003 expired on \d{4}-\d{2}-\d{2}\./);
  await page.screenshot({ path: 'test-results/e2e/smt-expired.png' });
  await dismiss(page);
  await expect(page.getByTestId('slot-F02-reel')).toHaveText('scan the reel now');

  // The right reels.
  for (const [s, l] of [['F01', 'L-100001'], ['F02', 'L-100002'], ['F03', 'L-100004'], ['F04', 'L-100006']] as const) {
    await scanLabel(page, slot(s));
    await expectAccept(page);
    await scanLabel(page, lot(l));
    await expectAccept(page);
    await expect(page.getByTestId(`slot-${s}-reel`)).toContainText(l);
  }
  await expect(start).toBeDisabled();
  await expect(start).toHaveText('Cannot start — not verified: F05, LOADER, PRINTER');
  // The last feeder, the bare boards at the loader, and the paste at the printer (thawed before the shift).
  for (const [s, l] of [['F05', 'L-100007'], ['LOADER', 'L-100009']] as const) {
    await scanLabel(page, slot(s));
    await expectAccept(page);
    await scanLabel(page, lot(l));
    await expectAccept(page);
  }
  await expect(start).toHaveText('Cannot start — not verified: PRINTER');
  await scanLabel(page, slot('PRINTER'));
  await expectAccept(page);
  await scanLabel(page, lot('L-100008'));
  await expect(flash(page)).toContainText('Jar L-100008 (PASTE-SAC305) verified for slot PRINTER.');
  await expect(flash(page)).toContainText('Every slot is verified. Start the line.');
  await expect(flash(page)).toBeHidden();
  await expect(start).toBeEnabled();
  await page.getByRole('button', { name: 'Virtual scanner' }).click();
  await page.screenshot({ path: 'test-results/e2e/smt-ready.png', fullPage: true });
  await start.click();
  await expect(page.getByTestId('smt-line-state')).toHaveText('Line running');
  await expect(start).toHaveText('Line running');
  await expect(flash(page)).toBeHidden();
});

test('a splice: the old reel, then a new reel of the same part; a wrong part is refused', async ({ page, station }) => {
  await openAtLogin(page, station.url);
  await login(page, 'OP-100', '1111');
  await page.getByTestId('capability-verify_splice').click();
  await expect(page.getByTestId('smt-line-state')).toHaveText('Line running');
  await page.getByTestId('mode-splice').click();
  await expect(page.getByTestId('smt-step')).toHaveText('Splice: scan the reel that is running out.');

  await scanLabel(page, lot('L-100002'));
  await expect(flash(page)).toContainText('Old reel read');
  await expect(flash(page)).toBeHidden();
  await expect(page.getByTestId('smt-step')).toHaveText('Splice: now scan the NEW reel.');
  await scanLabel(page, lot('L-100001'));
  await expectReject(page, 'Reel L-100001 is RES-10K-0603, but slot F02 runs CAP-100N-0402 (reel L-100002). Do not splice; take a reel of CAP-100N-0402.');
  await dismiss(page);

  await scanLabel(page, lot('L-100002'));
  await expect(flash(page)).toBeHidden();
  await scanLabel(page, lot('L-100011'));
  await expect(flash(page)).toHaveAttribute('data-tone', 'good');
  await expect(flash(page)).toContainText('Splice verified on slot F02: reel L-100002 → L-100011.');
  await expect(flash(page)).toBeHidden();
  await expect(page.getByTestId('slot-F02-reel')).toContainText('L-100011');
  await expect(page.getByTestId('slot-F02-reel')).toContainText('spliced');

  // Boards built across the splice link both reels.
  await page.getByTestId('mode-boards').click();
  await page.getByTestId('boards-5').click();
  await expect(flash(page)).toHaveAttribute('data-tone', 'warn');
  await expect(flash(page)).toContainText('Reel change during these boards — both reels linked on F02 (L-100002 + L-100011).');
  await dismiss(page);
  await expect(page.getByTestId('boards-msg')).toContainText('5 board(s) recorded: WO-24001-0001 … WO-24001-0005');
  await page.screenshot({ path: 'test-results/e2e/smt-splice-boards.png', fullPage: true });
});

test('in Spanish, a refused reel says why in Spanish (translated by reason code), and so does the answer to an acknowledged FIFO warning', async ({ page, station }) => {
  await openAtLogin(page, station.url);
  await login(page, 'OP-100', '1111');
  await page.getByLabel('Language').selectOption('es');
  await page.getByTestId('capability-verify_setup').click();
  await expect(page.getByTestId('smt-step')).toBeVisible();
  await openSmtSetup(page, 'WO-24001');
  await page.getByTestId('mode-setup').click();
  await scanLabel(page, slot('F03'));
  await expect(flash(page)).toContainText('Posición F03: escanee una bobina de MCU-RP2040.');
  await expect(flash(page)).toBeHidden();
  await scanLabel(page, lot('L-100005'));
  await expect(flash(page)).toHaveAttribute('data-tone', 'bad');
  await expect(flash(page)).toContainText('RECHAZADO');
  await expect(flash(page)).toContainText('La bobina L-100005 está en cuarentena. Devuélvala y tome una bobina liberada de MCU-RP2040.');
  await page.screenshot({ path: 'test-results/e2e/smt-reject-es.png' });
  await page.getByRole('button', { name: 'OK — entendido' }).click();
  await expect(flash(page)).toBeHidden();

  // F02 again with L-100011 (spliced on above): L-100002, older, is off the line, so FIFO warns.
  // The acknowledgement's answer is rebuilt from the recorded verdict, and still said in Spanish.
  const fifo = /La bobina L-100011 es más reciente que L-100002 de CAP-100N-0402 \(recibido el \d{4}-\d{2}-\d{2}, caduca el \d{4}-\d{2}-\d{2}\), que debe usarse primero\. Tome L-100002, o confirme por qué usa este\./;
  await scanLabel(page, slot('F02'));
  await expect(flash(page)).toContainText('Posición F02: escanee una bobina de CAP-100N-0402.');
  await expect(flash(page)).toBeHidden();
  await scanLabel(page, lot('L-100011'));
  await expect(flash(page)).toHaveAttribute('data-tone', 'warn');
  await expect(flash(page)).toContainText(fifo);
  await page.getByRole('button', { name: 'OK — entendido' }).click();
  await expect(flash(page)).toBeHidden();
  await page.getByRole('button', { name: VIRTUAL_SCANNER }).click();
  const pending = page.getByTestId('pending-verdict');
  await expect(pending).toContainText(fifo);
  await pending.getByRole('button', { name: 'Confirmar y usar' }).click();
  await expect(flash(page)).toHaveAttribute('data-tone', 'good');
  await expect(flash(page)).toContainText('Confirmado — registrado');
  await expect(flash(page)).toContainText(fifo);
  await expect(flash(page)).not.toContainText('newer than');
  await page.screenshot({ path: 'test-results/e2e/smt-fifo-ack-es.png' });
  await expect(flash(page)).toBeHidden();
  await expect(pending).toBeHidden();
  await expect(page.getByTestId('slot-F02-reel')).toContainText('L-100011');
});

test('MSL bake: scan the reel, touch thickness and temperature (J-STD-033 table), record; the floor life starts again', async ({ page, station }) => {
  await openAtLogin(page, station.url);
  await login(page, 'OP-100', '1111');
  await page.getByTestId('capability-verify_setup').click();
  await expect(page.getByTestId('smt-step')).toBeVisible();
  await openSmtSetup(page, 'WO-24001');
  await page.getByTestId('mode-bake').click();
  await expect(page.getByTestId('bake-panel')).toBeVisible();
  await scanLabel(page, lot('L-100004'));
  await page.getByRole('button', { name: VIRTUAL_SCANNER }).click();
  await expect(page.getByTestId('bake-lot')).toContainText('L-100004 (MCU-RP2040, MSL 3)');
  const record = page.getByTestId('bake-record');
  await expect(record).toBeDisabled();
  await page.getByTestId('bake-thickness-1.4').click();
  await expect(page.getByTestId('bake-temp-125')).toHaveText('125 °C · 9 h 00 min');
  await expect(page.getByTestId('bake-temp-40')).toHaveText('40 °C · 13 d 0 h');
  await page.getByTestId('bake-temp-125').click();
  await expect(record).toHaveText('Record bake ended now: 125 °C, 9 h 00 min');
  await record.click();
  await expect(page.getByTestId('bake-result')).toHaveText(/^Bake of L-100004 recorded\. Floor life left: (6 d 23 h|7 d 0 h)\.$/);
  await page.screenshot({ path: 'test-results/e2e/smt-bake.png', fullPage: true });
});

test('a paste jar fresh from receiving: scanned in paste mode, taken out of the fridge on screen, it joins the line\'s clocks; discarded (asked twice), it leaves them', async ({ page, station }) => {
  const jar = await receivedLot(station, { itemId: 'PASTE-SAC305', supplierId: 'SUP-DIGIKEY', supplierLot: 'SP-E2E-PASTE', quantity: 500 });
  await openAtLogin(page, station.url);
  await login(page, 'OP-100', '1111');
  await page.getByTestId('capability-verify_setup').click();
  await expect(page.getByTestId('smt-step')).toBeVisible();
  await openSmtSetup(page, 'WO-24001');
  // Never handled on the line: no clock of its own among the line's yet.
  await expect(page.getByTestId('clocks')).toBeVisible();
  await expect(page.getByTestId('clocks').getByTestId(`clock-${jar}`)).toHaveCount(0);

  await page.getByTestId('mode-paste').click();
  await expect(page.getByTestId('smt-step')).toHaveText('Scan the lot label of a solder paste jar.');
  const panel = page.getByTestId('paste-panel');
  await scanLabel(page, lot('L-100004'));
  await expect(flash(page)).toContainText('Lot L-100004 is not a solder paste jar.');
  await dismiss(page);
  await scanText(page, `LL-LOT-${jar}`);
  await page.getByRole('button', { name: VIRTUAL_SCANNER }).click();
  await expect(panel.getByTestId(`clock-${jar}-state`)).toHaveText(/^in the fridge · thaw time left/);
  await panel.getByTestId(`clock-${jar}`).getByRole('button', { name: 'Out of fridge' }).click();
  await expect(panel.getByTestId(`clock-${jar}-state`)).toHaveText(/^thawing · thaw time left/);
  await expect(panel.getByTestId(`clock-${jar}`)).toContainText(/(4 h 00 min|3 h 59 min)/);
  await expect(page.getByTestId('clocks').getByTestId(`clock-${jar}-state`)).toHaveText(/^thawing/);
  await page.screenshot({ path: 'test-results/e2e/smt-paste-jar.png', fullPage: true });

  // Emptied: discarding is asked again, and "keep it" records nothing.
  const card = panel.getByTestId(`clock-${jar}`);
  await card.getByRole('button', { name: 'Discard jar' }).click();
  await expect(panel.getByTestId(`clock-${jar}-confirm`)).toContainText(`Is jar ${jar} empty or scrapped?`);
  await card.getByRole('button', { name: 'No, keep it' }).click();
  await expect(panel.getByTestId(`clock-${jar}-state`)).toHaveText(/^thawing/);
  await card.getByRole('button', { name: 'Discard jar' }).click();
  await card.getByRole('button', { name: 'Yes, discard it' }).click();
  await expect(panel.getByTestId(`clock-${jar}-state`)).toHaveText(/^discarded · no longer on the line · discarded/);
  await expect(card.getByRole('button')).toHaveCount(0);
  await expect(page.getByTestId('clocks').getByTestId(`clock-${jar}`)).toHaveCount(0);
  await page.getByTestId('mode-setup').click();
  await expect(panel).toBeHidden();
});

test('a reel removed from its slot stops the line and the start interlock holds until the slot is verified again; then the work order is unloaded', async ({ page, station }) => {
  await openAtLogin(page, station.url);
  await login(page, 'OP-100', '1111');
  await page.getByTestId('capability-verify_setup').click();
  await expect(page.getByTestId('smt-line-state')).toHaveText('Line running');
  const start = page.getByTestId('start-line');

  // Scan the slot, say why: the reel comes off, the slot is unverified, the line stops.
  await page.getByTestId('mode-remove').click();
  await expect(page.getByTestId('smt-step')).toHaveText('Scan the slot label of the reel to take off, or touch the slot.');
  await scanLabel(page, slot('F03'));
  await page.getByRole('button', { name: VIRTUAL_SCANNER }).click();
  await expect(page.getByTestId('remove-panel')).toContainText('Slot F03: why does the reel come off?');
  await page.getByTestId('remove-empty').click();
  await expect(flash(page)).toHaveAttribute('data-tone', 'warn');
  await expect(flash(page)).toContainText('Reel L-100004 removed from slot F03');
  await expect(flash(page)).toContainText('The line stopped. Slot F03 is not verified: scan the slot and a reel before the line runs.');
  await dismiss(page);
  // F03 may still be the selected slot from the Spanish test's refused reel.
  await expect(page.getByTestId('slot-F03-reel')).toHaveText(/^(not verified|scan the reel now)$/);
  await expect(page.getByTestId('smt-line-state')).toHaveText('Setup');
  await expect(start).toBeDisabled();
  await expect(start).toHaveText('Cannot start — not verified: F03');
  await page.screenshot({ path: 'test-results/e2e/smt-reel-removed.png', fullPage: true });

  // Rescan slot and reel: verified again, then the line runs.
  await page.getByTestId('mode-setup').click();
  await scanLabel(page, slot('F03'));
  await expectAccept(page);
  await scanLabel(page, lot('L-100004'));
  await expect(flash(page)).toContainText('Reel L-100004 (MCU-RP2040) verified for slot F03.');
  await expect(flash(page)).toBeHidden();
  await page.getByRole('button', { name: VIRTUAL_SCANNER }).click();
  await expect(start).toBeEnabled();
  await start.click();
  await expect(page.getByTestId('smt-line-state')).toHaveText('Line running');

  // End of run: key what is left on one reel with the on-screen keypad, unload.
  await page.getByTestId('unload-open').click();
  await expect(page.getByTestId('unload-panel')).toBeVisible();
  await page.getByTestId('unload-reel-L-100004').click();
  for (const k of ['4', '2', '0']) await page.getByTestId(`key-${k}`).click();
  await expect(page.getByTestId('unload-reel-L-100004')).toHaveText('F03 · L-100004 · 420 left');
  await page.screenshot({ path: 'test-results/e2e/smt-unload.png', fullPage: true });
  await page.getByTestId('unload-confirm').click();
  await expect(flash(page)).toHaveAttribute('data-tone', 'good');
  await expect(flash(page)).toContainText('Work order WO-24001 unloaded');
  await expect(flash(page)).toContainText('7 slot(s) cleared, 1 remaining quantity(ies) recorded.');
  await expect(page.getByTestId('load-WO-24001')).toBeVisible();
});

test('a station whose area names no SMT line says so, in Spanish, and loads nothing; set back to SMT1 it loads on SMT1', async ({ page, station }) => {
  const setArea = async (area: string, badge: boolean) => {
    await page.getByRole('button', { name: /^(Settings|Configuración)$/ }).click();
    await page.locator('input[name=station-area]').fill(area);
    await page.getByRole('button', { name: /^(Save \(signature required\)|Guardar \(requiere firma\))$/ }).click();
    if (badge) await page.locator('input[name=sig-badge]').fill('AD-500');
    await page.locator('input[name=sig-pin]').fill('5555');
    await page.locator('input[name=sig-reason]').fill(`SMT line area ${area}`);
    await page.getByRole('button', { name: /^(Sign|Firmar)$/ }).click();
    await expect(page.getByText(/^(Saved\.|Guardado\.)$/)).toBeVisible();
  };
  await openAtLogin(page, station.url);
  await login(page, 'AD-500', '5555');
  await setArea('Electronics', true);
  await page.getByRole('button', { name: 'Log out' }).click();

  await login(page, 'OP-100', '1111');
  await page.getByLabel('Language').selectOption('es');
  await page.getByTestId('capability-verify_setup').click();
  await expect(page.getByTestId('smt-title')).toHaveText('Línea SMT');
  await expect(page.getByTestId('smt-no-line')).toHaveText(
    'Esta estación no tiene línea SMT. Un administrador asigna la línea como área de la estación en Configuración, escrita como en las etiquetas de posición (SMT1 para LL-SLOT-SMT1-F03).',
  );
  // The screen does not pick a line: the runtime refuses, and the refusal is said in Spanish.
  await page.getByTestId('load-WO-24001').click();
  await expect(flash(page)).toHaveAttribute('data-tone', 'bad');
  await expect(flash(page)).toContainText('Esta estación no tiene línea SMT. Un administrador asigna la línea como área de la estación en Configuración');
  await expect(flash(page)).not.toContainText('This station');
  await page.screenshot({ path: 'test-results/e2e/smt-no-line-es.png' });
  await page.getByRole('button', { name: 'OK — entendido' }).click();
  await expect(page.getByTestId('load-WO-24001')).toBeVisible();
  await page.getByLabel('Idioma').selectOption('en');
  await page.getByRole('button', { name: 'Log out' }).click();

  await login(page, 'AD-500', '5555');
  await setArea('SMT1', true);
  await page.getByRole('button', { name: 'Log out' }).click();
  await login(page, 'OP-100', '1111');
  await page.getByTestId('capability-verify_setup').click();
  await expect(page.getByTestId('smt-title')).toHaveText('SMT line SMT1');
  await page.getByTestId('load-WO-24001').click();
  await expect(page.locator('#smt-title')).toContainText('line SMT1');
});
