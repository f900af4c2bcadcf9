// The trace bench of a supervisor station in Chromium: the recall report on screen, then its
// PDF saved through the browser's download (base64 from the runtime, a Blob in the page).
import { readFileSync } from 'node:fs';
import { pdfToText } from '../integration/helpers/pdf';
import { startStationProcess, tempDir, type StationProcess } from '../integration/helpers/station';
import { expect, login, openAtLogin, test } from './fixtures';

let sv: StationProcess;
const dir = tempDir('lotline-e2e-trace-');
test.beforeAll(async () => {
  sv = await startStationProcess(dir.path, ['--station-type', 'supervisor']);
});
test.afterAll(async () => {
  await sv.stop();
  dir.remove();
});

test('recall report of a lot, downloaded as PDF', async ({ page }) => {
  await openAtLogin(page, sv.url);
  await login(page, 'QA-400', '4444');
  await page.getByTestId('capability-trace').click();
  await page.getByTestId('trace-id').fill('L-200001');
  await page.getByRole('button', { name: 'Recall report' }).click();
  await expect(page.getByTestId('recall')).toContainText('Recall report for L-200001');
  const download = page.waitForEvent('download');
  await page.getByTestId('recall-pdf').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('recall-L-200001.pdf');
  const path = (await file.path())!;
  expect(readFileSync(path).subarray(0, 5).toString()).toBe('%PDF-');
  const text = pdfToText(path);
  expect(text).toContain('Recall report');
  expect(text).toContain('Every output made from lot L-200001');

  // What is on screen belongs to its id: another id clears the trace table and the report.
  await page.getByTestId('trace-forward').click();
  await expect(page.getByTestId('trace-result')).toBeVisible();
  await page.getByTestId('trace-id').fill('L-200002');
  await expect(page.getByTestId('trace-result')).toHaveCount(0);
  await expect(page.getByTestId('recall')).toHaveCount(0);
  await expect(page.getByTestId('trace-step')).toContainText('L-200002');
});
