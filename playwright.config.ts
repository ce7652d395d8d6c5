import { defineConfig } from '@playwright/test';

// Parallel local runs can pick their own port (and build folder) with E2E_PORT.
const PORT = Number(process.env.E2E_PORT ?? 4317);
/** The build folder the web server serves (the offline tests host it themselves too). */
export const OUT_DIR = process.env.E2E_PORT ? `dist-e2e-${PORT}` : 'dist';

export default defineConfig({
  testDir: 'e2e',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  // two files at a time: most of a test's time is the app playing in real time or the browser
  // drawing, so a second worker on this 2-core machine takes the suite from 15 to about 9
  // minutes (measured); E2E_WORKERS overrides it
  workers: Number(process.env.E2E_WORKERS ?? 2),
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    viewport: { width: 1280, height: 800 },
    // Each test's fresh context would install the service worker and precache the whole build
    // (measured: about a second per test on 2 cores). The specs about it (offline, CSP, the
    // axe checks of the page with its offline badge) allow it again with test.use.
    serviceWorkers: 'block',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--use-angle=swiftshader',
        '--enable-unsafe-swiftshader',
        // the page is composited in software rather than through software GL: a page that only
        // changes a line of text each frame cost 1.7 CPU seconds per second that way, 0 this way
        // (measured); WebGL still draws the view, so its pixels are still checked
        '--disable-gpu-compositing',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  webServer: {
    // npm test builds beside the type check (scripts/typecheckAndBuild.mjs) and says so with E2E_BUILT
    command: `${process.env.E2E_BUILT ? '' : `npx vite build --logLevel warn --outDir ${OUT_DIR} && `}npx vite preview --outDir ${OUT_DIR} --host 127.0.0.1 --port ${PORT} --strictPort`,
    url: `http://127.0.0.1:${PORT}/`,
    timeout: 180_000,
    reuseExistingServer: false,
  },
});
