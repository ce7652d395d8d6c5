import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    environment: 'node',
    testTimeout: 30000,
    // one worker per core: the default leaves one core to the main process, which on a 2-core
    // machine runs the files one at a time (161 s here; with two workers about 85 s)
    maxWorkers: availableParallelism(),
  },
});
