import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    environment: 'node',
    testTimeout: 30000,
    // one worker per core: the default leaves one core to the main process, which on this
    // 2-core machine ran the files one at a time (161 s; with two, about 85 s)
    maxWorkers: 2,
  },
});
