// A BOM revision that leaves solder paste and an MSL part without a line position: the SMT
// screen says, above the setup, what is not verified at this line and which clock goes
// unchecked. The station's store is prepared with that master data before it starts.
import { StationRuntime } from '../../electron/station/runtime/runtime';
import { openDemoRuntime, startStationProcess, tempDir, type StationProcess } from '../integration/helpers/station';
import { expect, login, openAtLogin, test } from './fixtures';

let st: StationProcess;
const dir = tempDir('lotline-e2e-unslotted-');
test.beforeAll(async () => {
  const rt: StationRuntime = await openDemoRuntime(dir.path);
  await rt.system('master.apply', {
    records: [
      { type: 'master.bom.upserted', payload: { bomId: 'BOM-CTRL-A-X', productItemId: 'ASSY-CTRL-A', revision: 'X', lines: [{ itemId: 'PCB-CTRL-A', qtyPer: 1, slot: 'LOADER' }, { itemId: 'PASTE-SAC305', qtyPer: 0.8 }, { itemId: 'MCU-RP2040', qtyPer: 1 }, { itemId: 'CAP-100N-0402', qtyPer: 2 }] } },
      { type: 'master.work_order.upserted', payload: { workOrderId: 'WO-24090', productItemId: 'ASSY-CTRL-A', bomId: 'BOM-CTRL-A-X', quantity: 10, stationType: 'smt', status: 'released' } },
    ],
  });
  await rt.close();
  st = await startStationProcess(dir.path);
});
test.afterAll(async () => {
  await st.stop();
  dir.remove();
});

test('lines without a slot are named above the setup, with the paste and floor-life clocks they leave unchecked', async ({ page }) => {
  await openAtLogin(page, st.url);
  await login(page, 'OP-100', '1111');
  await page.getByTestId('capability-verify_setup').click();
  await page.getByTestId('load-WO-24090').click();
  const note = page.getByTestId('unslotted');
  await expect(note).toHaveAttribute('role', 'alert');
  await expect(note).toContainText('Not verified at this line (no line position in BOM revision X)');
  await expect(note.locator('li')).toHaveText([
    'PASTE-SAC305 — solder paste: its thaw and open time are not checked here. Ask engineering to give it the printer position.',
    'MCU-RP2040 — moisture-sensitive: its floor life is not checked here. Ask engineering to give it a line position.',
    'CAP-100N-0402 — 20 needed',
  ]);
  await page.screenshot({ path: 'test-results/e2e/smt-unslotted.png', fullPage: true });
});
