// Main-thread responsiveness of the app at n = 10⁴: long tasks, animation-frame times, and
// how many flow frames the worker delivers per second. Prints JSON.
//   node scripts/perf.mjs                 builds and previews the app, then measures
//   node scripts/perf.mjs http://host/    measures an app that is already served
// Env: CHROMIUM_PATH, PERF_PORT (default 4395), PERF_SECONDS (default 10), PERF_QUERY.
import { spawn, execFileSync } from 'node:child_process';
import { chromium } from '@playwright/test';

const seconds = Number(process.env.PERF_SECONDS ?? 10);
const query = process.env.PERF_QUERY ?? 'n=10000&d=1000000';
const port = Number(process.env.PERF_PORT ?? 4395);

async function waitForServer(url, timeoutMs) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`no server at ${url} after ${timeoutMs} ms`);
}

let server = null;
let base = process.argv[2];
if (!base) {
  const outDir = `dist-perf-${port}`;
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn', '--outDir', outDir], { stdio: 'inherit' });
  server = spawn('npx', ['vite', 'preview', '--outDir', outDir, '--host', '127.0.0.1', '--port', String(port), '--strictPort'], { stdio: 'ignore', detached: true });
  base = `http://127.0.0.1:${port}/`;
  await waitForServer(base, 60_000);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.addInitScript(() => {
    const perf = { longTasks: [], frames: [], workerFrames: [], computeMs: [] };
    window.__perf = perf;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) perf.longTasks.push(e.duration);
    }).observe({ type: 'longtask', buffered: true });
    let last = 0;
    const tick = (now) => {
      if (last) perf.frames.push(now - last);
      last = now;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    // count the flow frames arriving from the worker
    const Native = window.Worker;
    window.Worker = class extends Native {
      set onmessage(fn) {
        super.onmessage = fn && ((ev) => {
          if (ev.data?.type === 'frame') {
            perf.workerFrames.push(performance.now());
            perf.computeMs.push(ev.data.stats.computeMs);
          }
          fn(ev);
        });
      }
      get onmessage() {
        return super.onmessage;
      }
    };
  });
  const url = new URL(`?${query}`, base).toString();
  await page.goto(url);
  await page.waitForTimeout(seconds * 1000);
  const raw = await page.evaluate(() => ({ ...window.__perf, t: document.querySelector('[data-testid=sim-time]')?.getAttribute('data-value') }));
  const sorted = [...raw.frames].sort((a, b) => a - b);
  const pct = (q) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : NaN);
  const wf = raw.workerFrames;
  const span = wf.length > 1 ? (wf[wf.length - 1] - wf[0]) / 1000 : NaN;
  const round = (x) => Math.round(x * 10) / 10;
  console.log(JSON.stringify({
    url,
    seconds,
    maxLongTaskMs: round(Math.max(0, ...raw.longTasks)),
    longTasksOver50ms: raw.longTasks.filter((d) => d > 50).length,
    longTasks: raw.longTasks.map(round),
    frameTimeP50Ms: round(pct(0.5)),
    frameTimeP95Ms: round(pct(0.95)),
    animationFrames: raw.frames.length,
    flowFramesPerSecond: round((wf.length - 1) / span),
    flowFrames: wf.length,
    workerComputeMsMedian: round([...raw.computeMs].sort((a, b) => a - b)[Math.floor(raw.computeMs.length / 2)] ?? NaN),
    simTime: Number(raw.t),
    errors,
  }, null, 2));
} finally {
  await browser.close();
  if (server) process.kill(-server.pid);
}
