// End-to-end tests drive the real UI in Debian's Chromium against a real station process
// (browser mode). Playwright's own browser downloads are not used (and cannot be here).
import { defineConfig } from '@playwright/test';

// The stations under test check their own answers against the contract, strictly (see
// BusDeps.checkOutputs); the processes the tests start inherit this.
process.env.LOTLINE_CHECK_OUTPUTS ??= 'strict';

export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 60_000,
  workers: 2,
  retries: 0,
  reporter: [['list']],
  outputDir: 'test-results/e2e',
  use: {
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath: process.env.LOTLINE_CHROMIUM ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
    },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    // A page that never loads, or an action (a screenshot waiting on the page) that never
    // ends, fails as itself after a minute, not as a silent test timeout.
    navigationTimeout: 60_000,
    actionTimeout: 60_000,
  },
});
