import { defineConfig } from 'vitest/config';

// Two tiers, mirroring the processes: unit tests sit beside the code they test;
// integration tests under tests/integration talk to real peers (SQLite files, ptys, TCP,
// PostgreSQL, spawned runtime processes) and may run longer.
export default defineConfig({
  test: {
    // Every runtime under test checks its own answers against the contract, and refuses keys
    // the contract does not name (a station leaves that check to the client that receives them).
    env: { LOTLINE_CHECK_OUTPUTS: 'strict' },
    projects: [
      {
        test: {
          name: 'unit',
          include: ['shared/**/*.test.ts', 'electron/**/*.test.ts', 'server/**/*.test.ts', 'renderer/**/*.test.{ts,tsx}'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          globalSetup: ['tests/integration/global-setup.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // Vitest's default is one worker fewer than the cores: one on a 2-core CI machine.
          // These tests mostly wait on child processes, disks and sockets, so two files side by
          // side use the machine that one leaves idle.
          maxWorkers: 2,
        },
      },
    ],
  },
});
