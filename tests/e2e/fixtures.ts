// A fresh demo station process per test file, reached through its printed URL and token.
import { test as base, expect, type Page } from '@playwright/test';
import { startStationProcess, tempDir, type StationProcess } from '../integration/helpers/station';

export const test = base.extend<{ station: StationProcess }, { workerStation: StationProcess }>({
  workerStation: [
    async ({}, use) => {
      const dir = tempDir('lotline-e2e-');
      const station = await startStationProcess(dir.path);
      await use(station);
      await station.stop();
      dir.remove();
    },
    { scope: 'worker' },
  ],
  station: async ({ workerStation }, use) => use(workerStation),
});

export { expect };

export async function login(page: Page, badge: string, pin: string): Promise<void> {
  await page.getByLabel('Badge').fill(badge);
  await page.locator('input[name=pin]').fill(pin);
  await page.getByRole('button', { name: 'Log in' }).click();
}

/** Opens the station UI at the login screen (the session is the station's, not the page's). */
export async function openAtLogin(page: Page, url: string): Promise<void> {
  await page.goto(url);
  const logout = page.getByRole('button', { name: /^(Log out|Cerrar sesión)$/ });
  await expect(page.getByTestId('operator')).toBeVisible();
  if (await logout.isVisible()) await logout.click();
  await expect(page.getByRole('heading', { name: /^(Log in|Iniciar sesión)$/ })).toBeVisible();
}
