// Main-thread responsiveness of the app at n = 10⁴: long tasks, animation-frame times, how
// many flow frames the worker delivers per second, and how often the live time plots (overlaps
// and loss, on uPlot) redraw: the target is ≥ 10 Hz with no main-thread task over 50 ms.
// Prints JSON.
//   node scripts/perf.mjs                 builds and previews the app, then measures
//   node scripts/perf.mjs http://host/    measures an app that is already served
// Env: CHROMIUM_PATH, PERF_PORT (default 4395), PERF_SECONDS (default 10), PERF_QUERY,
//   PERF_STARTUP_MS (default 2000), PERF_PROFILE=<file.cpuprofile> (a CPU profile of the
//   main thread over the steady state, to open in the browser's performance tools),
//   PERF_LIBS=0 (skip the chart-library comparison).
// Startup (loading the code, creating the WebGL context, compiling shaders: seconds under
// SwiftShader) is reported apart from the steady state: it lasts until PERF_STARTUP_MS after
// the first flow frame reached the page. The machine's load average is printed with the
// figures, because on a shared machine long tasks grow with it.
import { spawn, execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';

/** A file of an installed package (some packages do not export their browser bundles). */
const packageFile = (path) => fileURLToPath(new URL(`../node_modules/${path}`, import.meta.url));

const startupMs = Number(process.env.PERF_STARTUP_MS ?? 2000);
const profileFile = process.env.PERF_PROFILE ?? '';

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

/**
 * One update of the overlaps plot (6 series × 2048 samples on a log-time axis, data and draw)
 * in uPlot and in Observable Plot, timed in a blank page: why the live plots use uPlot.
 */
async function compareChartLibraries(browser) {
  const page = await browser.newPage({ viewport: { width: 800, height: 600 } });
  try {
    await page.setContent('<div id="u" style="width:360px"></div><div id="p" style="width:360px"></div>');
    await page.addStyleTag({ path: packageFile('uplot/dist/uPlot.min.css') });
    for (const file of ['uplot/dist/uPlot.iife.min.js', 'd3/dist/d3.min.js', '@observablehq/plot/dist/plot.umd.min.js']) await page.addScriptTag({ path: packageFile(file) });
    return await page.evaluate(async () => {
      const N = 2048, L = 6;
      const t = Float64Array.from({ length: N }, (_, i) => 10 ** (-2 + (6 * i) / N));
      const ys = Array.from({ length: L }, (_, j) => Float64Array.from(t, (x) => Math.tanh(x / 10 ** j)));
      const frame = () => new Promise((r) => requestAnimationFrame(r));
      const time = async (update, reps) => {
        const ds = [];
        for (let i = 0; i < reps; i++) {
          const a = performance.now();
          update(i);
          // uPlot commits a setData in a microtask: wait for it so the draw is inside the time
          await Promise.resolve();
          await Promise.resolve();
          ds.push(performance.now() - a);
          await frame();
        }
        const first = ds[0], rest = ds.slice(1).sort((x, y) => x - y);
        const r1 = (x) => Math.round(x * 10) / 10;
        return { updates: reps, firstMs: r1(first), medianMs: r1(rest[rest.length >> 1]), p95Ms: r1(rest[Math.floor(rest.length * 0.95)]), maxMs: r1(rest[rest.length - 1]), over50ms: rest.filter((d) => d > 50).length };
      };
      const u = new uPlot({ width: 360, height: 190, scales: { x: { time: false, distr: 3 } }, series: [{}, ...ys.map((_, j) => ({ stroke: 'red', label: `n${j}` }))] }, [t, ...ys], document.getElementById('u'));
      const uplot = await time((i) => {
        const n = 1024 + i * 8;
        u.setData([t.subarray(0, n), ...ys.map((y) => y.subarray(0, n))]);
      }, 120);
      const host = document.getElementById('p');
      const rows = [];
      for (let j = 0; j < L; j++) for (let i = 0; i < N; i++) rows.push({ t: t[i], y: ys[j][i], j });
      const plot = await time((i) => {
        const n = 1024 + i * 8;
        host.replaceChildren(Plot.plot({ width: 360, height: 190, x: { type: 'log' }, marks: [Plot.lineY(rows.filter((_, k) => k % N < n), { x: 't', y: 'y', z: 'j', stroke: 'j' })] }));
      }, 40);
      return { workload: '6 series × 2048 samples, log x, one update = new data + draw', uplot, observablePlot: plot };
    });
  } finally {
    await page.close();
  }
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
    const perf = { longTasks: [], frames: [], workerFrames: [], computeMs: [], plotDraws: {} };
    window.__perf = perf;
    // a uPlot chart clears its canvas once per redraw: count those of the live plots
    const clear = CanvasRenderingContext2D.prototype.clearRect;
    CanvasRenderingContext2D.prototype.clearRect = function (...args) {
      const id = this.canvas.closest?.('[data-testid]')?.getAttribute('data-testid');
      if (id === 'overlap-plot' || id === 'loss-plot') (perf.plotDraws[id] ??= []).push(performance.now());
      return clear.apply(this, args);
    };
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) perf.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
    let last = 0;
    const tick = (now) => {
      if (last) perf.frames.push({ at: now, dt: now - last });
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
  const loadBefore = loadavg();
  await page.goto(url);
  await page.waitForFunction(() => window.__perf.workerFrames.length > 0, null, { timeout: 60_000 });
  await page.waitForTimeout(startupMs);
  const steadyFrom = await page.evaluate(() => performance.now());
  const cdp = profileFile ? await page.context().newCDPSession(page) : null;
  if (cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  await page.waitForTimeout(seconds * 1000);
  if (cdp) writeFileSync(profileFile, JSON.stringify((await cdp.send('Profiler.stop')).profile));
  const raw = await page.evaluate(() => ({ ...window.__perf, t: document.querySelector('[data-testid=sim-time]')?.getAttribute('data-value') }));
  const loadAfter = loadavg();
  const chartLibraries = process.env.PERF_LIBS === '0' ? undefined : await compareChartLibraries(browser);
  const round = (x) => Math.round(x * 10) / 10;
  const round2 = (x) => Math.round(x * 100) / 100;
  const percentile = (xs, q) => {
    const sorted = [...xs].sort((a, b) => a - b);
    return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : NaN;
  };
  const tasks = (inSteady) => {
    const ds = raw.longTasks.filter((e) => (e.start >= steadyFrom) === inSteady).map((e) => e.duration);
    return { maxLongTaskMs: round(Math.max(0, ...ds)), longTasksOver50ms: ds.filter((d) => d > 50).length, longTasks: ds.map(round) };
  };
  // frame intervals are stamped by their end; only those wholly inside the steady window count
  const steadyFrames = raw.frames.filter((f) => f.at - f.dt >= steadyFrom).map((f) => f.dt);
  const wf = raw.workerFrames.filter((at) => at >= steadyFrom);
  // redraws per second of each live plot over the steady window, and its longest gap between redraws
  const plotRedraws = Object.fromEntries(Object.entries(raw.plotDraws).map(([id, ats]) => {
    const at = ats.filter((a) => a >= steadyFrom);
    const gaps = at.slice(1).map((a, i) => a - at[i]);
    return [id, { perSecond: round(at.length / seconds), longestGapMs: round(Math.max(0, ...gaps)) }];
  }));
  const span = wf.length > 1 ? (wf[wf.length - 1] - wf[0]) / 1000 : NaN;
  console.log(JSON.stringify({
    url,
    loadAverage1m: { before: round2(loadBefore[0]), after: round2(loadAfter[0]), cores: cpus().length },
    startup: { untilMs: round(steadyFrom), firstFlowFrameMs: round(raw.workerFrames[0]), ...tasks(false) },
    steady: { seconds, ...tasks(true) },
    frameTimeP50Ms: round(percentile(steadyFrames, 0.5)),
    frameTimeP95Ms: round(percentile(steadyFrames, 0.95)),
    animationFrames: steadyFrames.length,
    flowFramesPerSecond: round((wf.length - 1) / span),
    timePlotRedrawsPerSecond: plotRedraws,
    flowFrames: wf.length,
    workerComputeMsMedian: round(percentile(raw.computeMs, 0.5)),
    ...(profileFile ? { profile: profileFile } : {}),
    simTime: Number(raw.t),
    chartLibraries,
    errors,
  }, null, 2));
} finally {
  await browser.close();
  if (server) process.kill(-server.pid);
}
