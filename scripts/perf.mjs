// How the built app feels, measured in headless Chromium (software GL) and printed as JSON
// with a short summary first:
//   firstMovingNeurons  navigation → the first frame past t = 0 drawn, at 1280×720 (best of
//                       PERF_LOADS loads, with when the code ran, the worker answered and the
//                       first frame arrived, to see where the time goes)
//   sgdToEnd            the SGD example (?dyn=sgd&d=100&n=50&k=3&beta=0.1) from navigation to
//                       its end, or ">cap" when it has not ended after PERF_SGD_CAP_S seconds
//   steady              for each of PERF_STEADY (n = 10⁴, n = 10⁵ at d = 10⁶, the squared loss
//                       at n = 300): long tasks (PerformanceObserver 'longtask') in
//                       PERF_SECONDS of play after start-up, animation frames per second, flow
//                       frames per second, the n the page actually used (a cap may lower it);
//                       start-up lasts until PERF_STARTUP_MS after the first moving frame drawn
//                       and the parts loaded after it (explore panel, formulas) are in
//   betaDrag            while playing, 100 β inputs 20 ms apart: inputs handled per second
//                       (100 over the time from the first input to the first frame of the last
//                       β), runs drawn on the way, long tasks and frames per second meanwhile
//   chartLibraries      uPlot against Observable Plot on the overlaps plot's workload
//   node scripts/perf.mjs                 builds and previews the app, then measures
//   node scripts/perf.mjs http://host/    measures an app that is already served
// Env: CHROMIUM_PATH, PERF_PORT (default 4395), PERF_SECONDS (default 8), PERF_STARTUP_MS
//   (default 2000), PERF_LOADS (default 3), PERF_SGD_CAP_S (default 120), PERF_STEADY
//   (queries separated by spaces), PERF_DRAG_QUERY (default: the default link),
//   PERF_ONLY=first,sgd,steady,drag,libs (a subset), PERF_PROFILE=<prefix> (a CPU profile of
//   the main thread over each steady window, <prefix>-<i>.cpuprofile, and over the drag,
//   <prefix>-drag.cpuprofile), PERF_TRACE=<file.json>
//   (a Chrome trace of the first load, to open in the browser's performance tools),
//   PERF_BROWSER_ARGS (more Chromium switches, e.g. --disable-gpu-compositing: the page
//   composited in software, as the e2e tests run it, instead of through software GL).
// The machine's load average is printed with the figures: on a shared machine long tasks and
// start-up grow with it.
import { spawn, execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';

/** A file of an installed package (some packages do not export their browser bundles). */
const packageFile = (path) => fileURLToPath(new URL(`../node_modules/${path}`, import.meta.url));

const port = Number(process.env.PERF_PORT ?? 4395);
const seconds = Number(process.env.PERF_SECONDS ?? 8);
const startupMs = Number(process.env.PERF_STARTUP_MS ?? 2000);
const loads = Number(process.env.PERF_LOADS ?? 3);
const sgdCapS = Number(process.env.PERF_SGD_CAP_S ?? 120);
const steadyQueries = (process.env.PERF_STEADY ?? 'n=10000 n=100000&d=1000000 loss=mse&n=300').split(/\s+/).filter(Boolean);
const dragQuery = process.env.PERF_DRAG_QUERY ?? '';
const only = new Set((process.env.PERF_ONLY ?? 'first,sgd,steady,drag,libs').split(','));
const profilePrefix = process.env.PERF_PROFILE ?? '';
const traceFile = process.env.PERF_TRACE ?? '';
const browserArgs = (process.env.PERF_BROWSER_ARGS ?? '').split(/\s+/).filter(Boolean);
const SGD_EXAMPLE = 'dyn=sgd&d=100&n=50&k=3&beta=0.1';

const round = (x) => Math.round(x * 10) / 10;
const round2 = (x) => Math.round(x * 100) / 100;
const percentile = (xs, q) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : NaN;
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

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

/**
 * Runs in the page before its code: long tasks, animation frames, and every message to and
 * from the flow worker that matters here (configures with their β, configured runs with the
 * n used and T, frames with their run and time), all stamped with performance.now(), whose
 * zero is the navigation's start.
 */
function instrument() {
  const perf = { longTasks: [], frames: [], configures: [], configured: [], workerFrames: [], computeMs: [], plotDraws: {}, firstDrawnAfterMove: null };
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
  const Native = window.Worker;
  window.Worker = class extends Native {
    constructor(url, options) {
      super(url, options);
      this.flow = String(url).includes('flow');
    }
    postMessage(msg, transfer) {
      if (this.flow && msg?.type === 'configure') perf.configures.push({ at: performance.now(), runId: msg.runId, beta: msg.spec.beta });
      return super.postMessage(msg, transfer);
    }
    set onmessage(fn) {
      super.onmessage = fn && ((ev) => {
        const d = ev.data;
        if (this.flow && d?.type === 'configured') perf.configured.push({ at: performance.now(), runId: d.info.runId, n: d.info.spec.n, tEnd: d.info.tEnd });
        if (this.flow && d?.type === 'frame') {
          const at = performance.now();
          perf.workerFrames.push({ at, runId: d.runId, t: d.t });
          perf.computeMs.push(d.stats.computeMs);
          // the first frame past t = 0 is on screen at the next animation frame after it
          if (d.t > 0 && perf.firstDrawnAfterMove === null) {
            perf.firstDrawnAfterMove = -1;
            requestAnimationFrame(() => requestAnimationFrame((now) => (perf.firstDrawnAfterMove = now)));
          }
        }
        fn(ev);
      });
    }
    get onmessage() {
      return super.onmessage;
    }
  };
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
const urlOf = (query) => new URL(query ? `?${query}` : '.', base).toString();

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', ...browserArgs],
});
const errors = [];

/** A fresh context (no cache, no service worker: a first visit) with the page instrumented. */
async function openPage(viewport = { width: 1280, height: 720 }) {
  const context = await browser.newContext({ viewport, serviceWorkers: 'block' });
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.addInitScript(instrument);
  return { page, close: () => context.close() };
}

const raw = (page) => page.evaluate(() => window.__perf);
/**
 * Start-up ends PERF_STARTUP_MS after the view drew its first moving frame (the worker's first
 * frame can come before the view is up) and the parts loaded after it are in: the explore panel
 * and the typeset formulas (state/firstFrame.ts). Their one-time cost counts in `startup`.
 */
const waitForMovingView = async (page) => {
  await page.waitForFunction(() => window.__perf.firstDrawnAfterMove > 0, null, { timeout: 90_000 });
  await page.waitForFunction(() => document.querySelector('.explore-panel') && document.querySelector('[data-testid=formulas] .katex'), null, { timeout: 90_000 });
};

/** Long tasks starting in [from, to): the longest, how many over 50 ms, and all of them. */
function tasksIn(r, from, to = Infinity) {
  const ds = r.longTasks.filter((e) => e.start >= from && e.start < to).map((e) => e.duration);
  return { maxLongTaskMs: round(Math.max(0, ...ds)), longTasksOver50ms: ds.filter((d) => d > 50).length, longTasks: ds.map(round) };
}

/** Animation frames per second and frame-time percentiles over [from, to). */
function framesIn(r, from, to) {
  const dts = r.frames.filter((f) => f.at - f.dt >= from && f.at <= to).map((f) => f.dt);
  return { framesPerSecond: round(dts.length / ((to - from) / 1000)), frameTimeP50Ms: round(percentile(dts, 0.5)), frameTimeP95Ms: round(percentile(dts, 0.95)) };
}

async function firstMovingNeurons() {
  const runs = [];
  for (let i = 0; i < loads; i++) {
    const { page, close } = await openPage();
    const cdp = traceFile && i === 0 ? await page.context().newCDPSession(page) : null;
    const traceEvents = [];
    if (cdp) {
      cdp.on('Tracing.dataCollected', (e) => traceEvents.push(...e.value));
      await cdp.send('Tracing.start', { categories: 'devtools.timeline,v8.execute,disabled-by-default-devtools.timeline,blink.user_timing,loading', transferMode: 'ReportEvents' });
    }
    await page.goto(urlOf(''));
    await page.waitForFunction(() => window.__perf.firstDrawnAfterMove > 0, null, { timeout: 90_000 });
    if (cdp) {
      const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
      await cdp.send('Tracing.end');
      await done;
      writeFileSync(traceFile, JSON.stringify({ traceEvents }));
    }
    const r = await raw(page);
    const nav = await page.evaluate(() => {
      const e = performance.getEntriesByType('navigation')[0];
      const scripts = performance.getEntriesByType('resource').filter((x) => x.initiatorType === 'script' || x.name.endsWith('.js'));
      return { domContentLoaded: e.domContentLoadedEventEnd, scriptsLoaded: Math.max(0, ...scripts.map((x) => x.responseEnd)), scriptBytes: scripts.reduce((a, x) => a + x.encodedBodySize, 0), scripts: scripts.length };
    });
    const moving = r.workerFrames.find((f) => f.t > 0);
    runs.push({
      ms: round(r.firstDrawnAfterMove),
      domContentLoadedMs: round(nav.domContentLoaded),
      scriptsLoadedMs: round(nav.scriptsLoaded),
      scriptFiles: nav.scripts,
      scriptKiB: Math.round(nav.scriptBytes / 1024),
      configureSentMs: round(r.configures[0]?.at),
      configuredMs: round(r.configured[0]?.at),
      firstFrameMs: round(r.workerFrames[0]?.at),
      firstMovingFrameMs: round(moving?.at),
      ...tasksIn(r, 0, r.firstDrawnAfterMove),
    });
    await close();
  }
  const best = runs.reduce((a, b) => (b.ms < a.ms ? b : a));
  return { bestMs: best.ms, loads: runs, ...(traceFile ? { trace: traceFile } : {}) };
}

async function sgdToEnd() {
  const { page, close } = await openPage();
  try {
    await page.goto(urlOf(SGD_EXAMPLE));
    const ended = await page
      .waitForFunction(() => {
        const p = window.__perf, run = p.configured[p.configured.length - 1];
        const last = p.workerFrames[p.workerFrames.length - 1];
        return !!run && !!last && last.runId === run.runId && last.t >= run.tEnd;
      }, null, { timeout: sgdCapS * 1000, polling: 250 })
      .then(() => true, () => false);
    const r = await raw(page);
    const run = r.configured[r.configured.length - 1];
    const last = r.workerFrames[r.workerFrames.length - 1];
    const endedAt = ended ? r.workerFrames.find((f) => f.runId === run.runId && f.t >= run.tEnd).at : NaN;
    return { query: SGD_EXAMPLE, toEnd: ended ? `${round(endedAt / 1000)} s` : `>${sgdCapS} s`, seconds: ended ? round(endedAt / 1000) : null, T: run?.tEnd, lastT: last?.t };
  } finally {
    await close();
  }
}

async function steady(query, index) {
  const { page, close } = await openPage({ width: 1280, height: 800 });
  try {
    await page.goto(urlOf(query));
    await waitForMovingView(page);
    await sleep(startupMs);
    const from = await page.evaluate(() => performance.now());
    const cdp = profilePrefix ? await page.context().newCDPSession(page) : null;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    await sleep(seconds * 1000);
    const to = await page.evaluate(() => performance.now());
    const profile = cdp ? `${profilePrefix}-${index}.cpuprofile` : undefined;
    if (cdp) writeFileSync(profile, JSON.stringify((await cdp.send('Profiler.stop')).profile));
    const r = await raw(page);
    const run = r.configured[r.configured.length - 1];
    const wf = r.workerFrames.filter((f) => f.at >= from && f.at < to);
    const plotRedrawsPerSecond = Object.fromEntries(Object.entries(r.plotDraws).map(([id, ats]) => [id, round(ats.filter((a) => a >= from && a < to).length / ((to - from) / 1000))]));
    return {
      query,
      nUsed: run?.n,
      seconds,
      ...tasksIn(r, from, to),
      ...framesIn(r, from, to),
      flowFramesPerSecond: round(wf.length / ((to - from) / 1000)),
      workerComputeMsMedian: round(percentile(r.computeMs, 0.5)),
      plotRedrawsPerSecond,
      simTime: wf.length ? round2(wf[wf.length - 1].t) : null,
      startup: { firstFlowFrameMs: round(r.workerFrames[0].at), ...tasksIn(r, 0, from) },
      ...(profile ? { profile } : {}),
    };
  } finally {
    await close();
  }
}

async function betaDrag() {
  const inputs = 100, gapMs = 20;
  const { page, close } = await openPage();
  try {
    await page.goto(urlOf(dragQuery));
    await waitForMovingView(page);
    await sleep(startupMs);
    const cdp = profilePrefix ? await page.context().newCDPSession(page) : null;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    // the inputs are scheduled up front at fixed times, as a hand sends them: a busy page
    // handles the late ones together, as it would real pointer moves
    const { from, sent, last } = await page.evaluate(({ inputs, gapMs }) => new Promise((resolve) => {
      const slider = document.querySelector('input[type=range][name=beta]');
      const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
      const values = Array.from({ length: inputs }, (_, i) => Math.round((0.05 + 0.005 * i) * 1000) / 1000);
      const from = performance.now();
      const sent = [];
      values.forEach((v, i) => setTimeout(() => {
        setValue.call(slider, String(v));
        slider.dispatchEvent(new Event('input', { bubbles: true }));
        sent.push(performance.now());
        if (i === inputs - 1) resolve({ from, sent, last: v });
      }, i * gapMs));
    }), { inputs, gapMs });
    // handled: a frame of the last β's run has arrived
    const handled = await page.waitForFunction((beta) => {
      const p = window.__perf;
      const run = [...p.configures].reverse().find((c) => Math.abs(c.beta - beta) < 1e-9);
      const f = run && p.workerFrames.find((x) => x.runId === run.runId);
      return f ? f.at : 0;
    }, last, { timeout: 60_000, polling: 'raf' }).then((h) => h.jsonValue(), () => NaN);
    const profile = cdp ? `${profilePrefix}-drag.cpuprofile` : undefined;
    if (cdp) writeFileSync(profile, JSON.stringify((await cdp.send('Profiler.stop')).profile));
    const r = await raw(page);
    const duringRuns = new Set(r.workerFrames.filter((f) => f.at >= from && f.at <= handled).map((f) => f.runId));
    return {
      query: dragQuery || '(default link)',
      inputs,
      gapMs,
      inputsHandledPerSecond: round(inputs / ((handled - from) / 1000)),
      lastInputSentAfterMs: round(sent[sent.length - 1] - from),
      lastBetaShownAfterMs: round(handled - from),
      configuresSent: r.configures.filter((c) => c.at >= from).length,
      runsDrawn: duringRuns.size,
      ...tasksIn(r, from, handled),
      ...framesIn(r, from, handled),
      ...(profile ? { profile } : {}),
    };
  } finally {
    await close();
  }
}

try {
  const load = [loadavg()[0]];
  const out = { base, loadAverage1m: null };
  if (only.has('first')) out.firstMovingNeurons = await firstMovingNeurons();
  if (only.has('sgd')) out.sgdToEnd = await sgdToEnd();
  if (only.has('steady')) {
    out.steady = [];
    for (const [i, q] of steadyQueries.entries()) out.steady.push(await steady(q, i));
  }
  if (only.has('drag')) out.betaDrag = await betaDrag();
  if (only.has('libs')) out.chartLibraries = await compareChartLibraries(browser);
  load.push(loadavg()[0]);
  out.loadAverage1m = { before: round2(load[0]), after: round2(load[1]), cores: cpus().length };
  out.errors = errors;
  const summary = [
    `load average ${out.loadAverage1m.before} → ${out.loadAverage1m.after} on ${out.loadAverage1m.cores} cores`,
    out.firstMovingNeurons && `first moving neurons (1280×720, best of ${loads}): ${out.firstMovingNeurons.bestMs} ms (${out.firstMovingNeurons.loads.map((l) => l.ms).join(', ')})`,
    out.sgdToEnd && `SGD example to its end: ${out.sgdToEnd.toEnd}`,
    ...(out.steady ?? []).map((s) => `longest main-thread task, ${s.seconds} s of play at ${s.query}${s.nUsed !== undefined ? ` (n used: ${s.nUsed})` : ''}: ${s.maxLongTaskMs} ms, ${s.longTasksOver50ms} over 50 ms, ${s.framesPerSecond} frames/s`),
    out.betaDrag && `β drag (${out.betaDrag.inputs} inputs ${out.betaDrag.gapMs} ms apart, playing): ${out.betaDrag.inputsHandledPerSecond} inputs/s, longest task ${out.betaDrag.maxLongTaskMs} ms, ${out.betaDrag.framesPerSecond} frames/s`,
  ].filter(Boolean);
  for (const line of summary) console.log(line);
  console.log(JSON.stringify(out, null, 2));
} finally {
  await browser.close();
  if (server) process.kill(-server.pid);
}
