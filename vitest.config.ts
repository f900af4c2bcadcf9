import { defineConfig } from 'vitest/config';

// Two tiers, mirroring the processes: unit tests sit beside the code they test;
// integration tests under tests/integration talk to real peers (SQLite files, ptys, TCP,
// PostgreSQL, spawned runtime processes) and may run longer.
export default defineConfig({
  test: {
    // Every runtime under test checks its own answers against the contract, and refuses keys
    // the contract does not name (a station leaves that check to the client that receives them).
    env: { LOTLINE_CHECK_OUTPUTS: 'strict' },
    // Vitest's default is one worker fewer than the cores: one on a 2-core CI machine. The
    // integration files mostly wait on child processes, disks and sockets, so two side by side
    // use the core one leaves idle (each keeps to its own temp folder, ports, databases).
    // One setting for both tiers: vitest refuses projects of one run with different counts.
    maxWorkers: 2,
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
        },
      },
    ],
  },
});
