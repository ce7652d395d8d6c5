// One 2-D canvas plot per sweep kind, drawn from the rows merged so far. Each draw returns the
// text of the plot's aria-label, so the figure's claim is readable without the picture.
import { allFoundProbability, pickProbability } from '../../core/coupon.ts';
import { logLogSlope } from '../../core/escape.ts';
import { axisName, betaCriticalCurve, betaFoldCurve, predictedEscapeSlope, type SweepRowOut } from '../../core/sweeps.ts';
import { drawBistable, FOLD_COLOUR } from '../../plots/bistable.ts';
import { AVERAGE_COLOUR, OTHER_COLOUR } from '../../scene/palette.ts';
import { decadeTicks, niceTicks } from '../../plots/axes.ts';
import { clipToPlot, drawAxes, frameOf, prepare, px, py, referenceLine, PLOT_COLOURS, type Frame, type Surface } from '../../plots/canvas.ts';
import type { SweepView } from './sweepRunner.ts';

export interface PlotContext {
  view: SweepView;
  pStar: number;
  even: boolean;
}

/**
 * Series colours, read at draw time because the plot colours follow the page's theme. The
 * average point is the theme's foreground here (white on the dark theme, as in the 3-D view).
 */
export const SERIES = {
  get recovered() { return PLOT_COLOURS.minimum; },
  get average() { return PLOT_COLOURS.text; },
  other: OTHER_COLOUR,
  get theory() { return PLOT_COLOURS.accent; },
  get fit() { return PLOT_COLOURS.saddle; },
};

/** The same colours as CSS, for the legends under the plots. */
export const SERIES_CSS = {
  recovered: 'var(--minimum)',
  average: 'var(--fg)',
  other: OTHER_COLOUR,
  theory: 'var(--accent)',
  fit: 'var(--saddle)',
  phaseHigh: AVERAGE_COLOUR,
};

const ran = (r: SweepRowOut) => r.trials > 0;

function line(f: Frame, pts: [number, number][], colour: string, dashed = false): void {
  const { ctx } = f;
  if (pts.length === 0) return;
  ctx.save();
  ctx.strokeStyle = colour;
  ctx.lineWidth = 2;
  if (dashed) ctx.setLineDash([5, 4]);
  ctx.beginPath();
  pts.forEach(([x, y], i) => (i === 0 ? ctx.moveTo(px(f, x), py(f, y)) : ctx.lineTo(px(f, x), py(f, y))));
  ctx.stroke();
  ctx.restore();
}

function dots(f: Frame, pts: [number, number][], colour: string, r = 3): void {
  const { ctx } = f;
  ctx.save();
  ctx.fillStyle = colour;
  for (const [x, y] of pts) {
    ctx.beginPath();
    ctx.arc(px(f, x), py(f, y), r, 0, 2 * Math.PI);
    ctx.fill();
  }
  ctx.restore();
}

function domain(xs: number[], pad = 0): [number, number] {
  const lo = Math.min(...xs), hi = Math.max(...xs);
  return hi > lo ? [lo - pad * (hi - lo), hi + pad * (hi - lo)] : [lo - 0.5, hi + 0.5];
}

function drawBeta(f: Frame, c: PlotContext): string {
  const { rows, config } = c.view;
  drawAxes(f, niceTicks(f.x[0], f.x[1], 5), niceTicks(0, 1, 4), 'β (equiangular overlap)', 'fraction of neurons');
  const bc = config ? betaCriticalCurve(config.base, [config.base.k])[0] : NaN;
  const bf = config ? betaFoldCurve(config.base, [config.base.k])[0] : NaN;
  if (Number.isFinite(bc)) referenceLine(f, 'x', bc, PLOT_COLOURS.accent, `β_c = ${bc.toFixed(3)}`);
  if (Number.isFinite(bc) && Number.isFinite(bf)) drawBistable(f, [bc], [bf]);
  clipToPlot(f);
  const done = rows.filter(ran);
  const series: [keyof SweepRowOut, string][] = [['recoveredFraction', SERIES.recovered], ['atAverageFraction', SERIES.average], ['otherFraction', SERIES.other]];
  for (const [key, colour] of series) {
    const pts = done.map((r) => [r.x, r[key] as number] as [number, number]);
    line(f, pts, colour);
    dots(f, pts, colour);
  }
  f.ctx.restore();
  const last = done[done.length - 1];
  return `Outcome fractions against β${Number.isFinite(bc) ? `, β_c = ${bc.toFixed(3)} marked` : ''}${Number.isFinite(bf) ? `, β_fold = ${bf.toFixed(3)} marked (between them both minima exist, shaded)` : ''}: ${done.length} of ${rows.length} points` +
    (last ? `; at β = ${last.x}: ${(100 * last.atAverageFraction).toFixed(0)}% at the average, ${(100 * last.recoveredFraction).toFixed(0)}% recovered` : '');
}

function drawCoupon(f: Frame, c: PlotContext): string {
  const { rows, config } = c.view;
  drawAxes(f, niceTicks(f.x[0], f.x[1], 5), niceTicks(0, 1, 4), 'n / k (neurons per index vector)', 'P(all k recovered)');
  const k = config?.base.k ?? 1;
  const q = pickProbability(k, c.even);
  if (k > 1) referenceLine(f, 'x', Math.log(k), PLOT_COLOURS.minimum, `n = k log k`);
  clipToPlot(f);
  const theory: [number, number][] = [];
  const nMax = Math.ceil(f.x[1] * k);
  for (let n = 1; n <= nMax; n++) theory.push([n / k, allFoundProbability(k, n, q)]);
  line(f, theory, SERIES.theory);
  const done = rows.filter(ran);
  f.ctx.save();
  f.ctx.strokeStyle = SERIES.recovered;
  f.ctx.lineWidth = 1.5;
  for (const r of done) {
    const x = px(f, r.x);
    f.ctx.beginPath();
    f.ctx.moveTo(x, py(f, Math.max(0, r.allRecoveredRate - r.allRecoveredSE)));
    f.ctx.lineTo(x, py(f, Math.min(1, r.allRecoveredRate + r.allRecoveredSE)));
    f.ctx.stroke();
  }
  f.ctx.restore();
  dots(f, done.map((r) => [r.x, r.allRecoveredRate]), SERIES.recovered, 3.5);
  f.ctx.restore();
  const worst = done.reduce((m, r) => Math.max(m, Math.abs(r.allRecoveredRate - r.couponPrediction)), 0);
  return `P(all ${k} index vectors recovered) against n/k, Monte Carlo (${done.length} points, ±1 standard error) over the coupon-collector prediction; n = k log k marked; largest gap ${worst.toFixed(3)}`;
}

export interface EscapeFit {
  fitted: number;
  predicted: number | null;
}

export function escapeFit(rows: SweepRowOut[], pStar: number): EscapeFit {
  const done = rows.filter((r) => ran(r) && r.escapeTime > 0);
  return { fitted: done.length >= 2 ? logLogSlope(done.map((r) => r.x), done.map((r) => r.escapeTime)) : NaN, predicted: predictedEscapeSlope(pStar) };
}

function drawEscape(f: Frame, c: PlotContext): string {
  const { rows } = c.view;
  const done = rows.filter((r) => ran(r) && r.escapeTime > 0);
  drawAxes(f, decadeTicks(f.x[0], f.x[1]), decadeTicks(f.y[0], f.y[1], 5), 'd (log scale)', 't_esc (log scale)');
  clipToPlot(f);
  const lx = done.map((r) => Math.log10(r.x)), ly = done.map((r) => Math.log10(r.escapeTime));
  const fit = escapeFit(rows, c.pStar);
  if (done.length >= 2) {
    const mx = lx.reduce((a, b) => a + b, 0) / lx.length, my = ly.reduce((a, b) => a + b, 0) / ly.length;
    line(f, [[f.x[0], my + fit.fitted * (f.x[0] - mx)], [f.x[1], my + fit.fitted * (f.x[1] - mx)]], SERIES.fit);
    if (fit.predicted !== null) {
      const s = fit.predicted;
      line(f, [[f.x[0], my + s * (f.x[0] - mx)], [f.x[1], my + s * (f.x[1] - mx)]], SERIES.theory, true);
    } else if (c.pStar === 2) {
      // t ∝ log d through the points' centre (in log space)
      const lnd = lx.map((x) => Math.log10(Math.log(10 ** x)));
      const off = my - lnd.reduce((a, b) => a + b, 0) / lnd.length;
      const pts: [number, number][] = [];
      for (let i = 0; i <= 40; i++) {
        const x = f.x[0] + ((f.x[1] - f.x[0]) * i) / 40;
        if (x > 0.05) pts.push([x, off + Math.log10(Math.log(10 ** x))]);
      }
      line(f, pts, SERIES.theory, true);
    }
  }
  dots(f, lx.map((x, i) => [x, ly[i]]), SERIES.recovered, 3.5);
  f.ctx.restore();
  const pred = fit.predicted !== null ? `predicted slope p*/2 − 1 = ${fit.predicted}` : c.pStar === 2 ? 'predicted t ∝ log d (p* = 2)' : 'no power law predicted';
  return `Escape time against d on log-log axes, ${done.length} points; fitted slope ${Number.isFinite(fit.fitted) ? fit.fitted.toFixed(3) : 'not yet'}; ${pred}`;
}

function mix(a: [number, number, number], b: [number, number, number], t: number): string {
  const c = a.map((x, i) => Math.round(x + (b[i] - x) * Math.min(1, Math.max(0, t))));
  return `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
}

export const PHASE_LOW: [number, number, number] = [30, 40, 64];
export const PHASE_HIGH: [number, number, number] = [255, 255, 255];

function drawPhase(f: Frame, c: PlotContext): string {
  const { rows, config } = c.view;
  if (!config) return 'phase diagram';
  const betas = [...new Set(rows.map((r) => r.x))].sort((a, b) => a - b);
  const ks = [...new Set(rows.map((r) => r.k))].sort((a, b) => a - b);
  const kTicks = ks.length <= 8 ? ks.map((k) => ({ value: k, label: String(k) })) : niceTicks(ks[0], ks[ks.length - 1], 5);
  drawAxes(f, niceTicks(f.x[0], f.x[1], 5), kTicks, 'β (equiangular overlap)', 'k (index vectors)');
  const dx = betas.length > 1 ? betas[1] - betas[0] : 0.1;
  const dk = ks.length > 1 ? ks[1] - ks[0] : 1;
  clipToPlot(f);
  for (const r of rows) {
    f.ctx.fillStyle = ran(r) ? mix(PHASE_LOW, PHASE_HIGH, r.atAverageFraction) : '#141a28';
    const x0 = px(f, r.x - dx / 2), x1 = px(f, r.x + dx / 2);
    const y0 = py(f, r.k + dk / 2), y1 = py(f, r.k - dk / 2);
    f.ctx.fillRect(x0, y0, x1 - x0 + 0.5, y1 - y0 + 0.5);
    // cell edges: a white cell (all at the average) stays visible on a light page
    f.ctx.strokeStyle = PLOT_COLOURS.grid;
    f.ctx.lineWidth = 1;
    f.ctx.strokeRect(x0 + 0.5, y0 + 0.5, x1 - x0 - 1, y1 - y0 - 1);
  }
  const curve = betaCriticalCurve(config.base, ks);
  const pts = ks.map((k, i) => [curve[i], k] as [number, number]).filter(([b]) => Number.isFinite(b));
  line(f, pts, PLOT_COLOURS.accent);
  dots(f, pts, PLOT_COLOURS.accent, 3);
  const folds = betaFoldCurve(config.base, ks);
  const foldPts = ks.map((k, i) => [folds[i], k] as [number, number]).filter(([b]) => Number.isFinite(b));
  line(f, foldPts, FOLD_COLOUR);
  dots(f, foldPts, FOLD_COLOUR, 3);
  f.ctx.restore();
  const done = rows.filter(ran).length;
  return `Phase diagram over β and k coloured by the share of neurons at the average (dark 0, white 1), ${done} of ${rows.length} cells, with the β_c(k) curve drawn in yellow${foldPts.length > 0 ? ' and the β_fold(k) curve in violet (between them both kinds of minima exist)' : ''}`;
}

const surfaces = new WeakMap<HTMLCanvasElement, Surface>();

/** Draws the plot of the view's kind; returns its aria-label text. */
export function drawSweep(canvas: HTMLCanvasElement, c: PlotContext): string {
  let surface = surfaces.get(canvas);
  if (!surface) surfaces.set(canvas, (surface = { canvas, ctx: null, width: 0, height: 0 }));
  surface.width = canvas.clientWidth;
  surface.height = canvas.clientHeight;
  const ctx = prepare(surface);
  const { view } = c;
  const kind = view.config?.kind;
  if (!ctx || !kind || view.rows.length === 0) {
    if (ctx) {
      ctx.fillStyle = PLOT_COLOURS.muted;
      ctx.font = '12px system-ui, sans-serif';
      ctx.fillText('press Run to start the sweep', 16, 24);
    }
    return 'empty plot: the sweep has not run yet';
  }
  const xs = view.rows.map((r) => r.x);
  switch (kind) {
    case 'beta':
      return drawBeta(frameOf(ctx, surface, domain(xs, 0.03), [0, 1.12]), c);
    case 'coupon':
      return drawCoupon(frameOf(ctx, surface, [0, Math.max(...xs) * 1.05], [0, 1.12]), c);
    case 'escape': {
      const ys = view.rows.filter((r) => r.escapeTime > 0).map((r) => Math.log10(r.escapeTime));
      const yd: [number, number] = ys.length > 0 ? [Math.floor(Math.min(...ys) - 0.2), Math.ceil(Math.max(...ys) + 0.2)] : [0, 4];
      return drawEscape(frameOf(ctx, surface, domain(xs.map(Math.log10), 0.05), yd), c);
    }
    case 'phase': {
      const betas = [...new Set(xs)].sort((a, b) => a - b);
      const ks = view.rows.map((r) => r.k);
      const dx = betas.length > 1 ? (betas[1] - betas[0]) / 2 : 0.05;
      return drawPhase(frameOf(ctx, surface, [betas[0] - dx, betas[betas.length - 1] + dx], [Math.min(...ks) - 0.5, Math.max(...ks) + 0.5]), c);
    }
  }
  return axisName(kind);
}
