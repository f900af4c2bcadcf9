// The station header tells the truth about replication: online and up to date with a real
// central server, then offline with its queue growing when the server goes away.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { test as base, expect } from '@playwright/test';
import { BIN, startStationProcess, tempDir, type StationProcess } from '../integration/helpers/station';
import { login } from './fixtures';

async function startServer(dataDir: string): Promise<{ proc: ChildProcess; url: string }> {
  const proc = spawn(process.execPath, [BIN, 'server', '--data', dataDir, '--port', '0', '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: proc.stdout! }).once('line', resolve);
    proc.once('exit', (c) => reject(new Error(`server exited ${c}`)));
  });
  return { proc, url: (JSON.parse(line) as { url: string }).url };
}

const test = base.extend<{ setup: { station: StationProcess; server: { proc: ChildProcess; url: string } } }>({
  setup: async ({}, use) => {
    const serverDir = tempDir('lotline-e2e-server-');
    const stationDir = tempDir('lotline-e2e-synced-');
    const add = spawnSync(process.execPath, [BIN, 'server', 'station', 'add', 'SMT-01', '--type', 'smt', '--data', serverDir.path], { encoding: 'utf8' });
    const code = /enrollment code (\S+)/.exec(add.stdout)![1]!;
    const server = await startServer(serverDir.path);
    const station = await startStationProcess(stationDir.path, ['--demo', '--server', server.url, '--enroll', code]);
    await use({ station, server });
    await station.stop();
    server.proc.kill('SIGKILL');
    serverDir.remove();
    stationDir.remove();
  },
});

test('the header shows sync online and up to date, then offline with unsent records', async ({ page, setup }) => {
  await page.goto(setup.station.url);
  await expect(page.getByTestId('sync-status')).toContainText('Central server: online', { timeout: 30_000 });
  await expect(page.getByTestId('sync-detail')).toContainText('up to date', { timeout: 30_000 });

  setup.server.proc.kill('SIGTERM');
  await login(page, 'OP-100', '1111');
  await expect(page.getByTestId('sync-status')).toContainText(/offline|error/, { timeout: 60_000 });
  await expect(page.getByTestId('sync-detail')).toContainText(/\d+ unsent, oldest/);
  await page.screenshot({ path: 'test-results/e2e/sync-offline.png' });
});
