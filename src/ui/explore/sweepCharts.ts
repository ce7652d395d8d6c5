// One chart per sweep kind on Observable Plot, built from the rows merged so far. Plot draws
// the axes, legends (the phase diagram's colour bar included) and the hover tips; this file
// only shapes the data. Axis text uses currentColor, series the theme's colours, so a theme
// switch only needs a re-render. Each build also returns the chart's description for its
// aria-label, so the figure's claim is readable without the picture.
import * as Plot from '@observablehq/plot';
import { allFoundProbability, pickProbability } from '../../core/experiments/coupon.ts';
import { logLogSlope } from '../../core/analysis/escape.ts';
import { betaCriticalCurve, betaFoldCurve, predictedEscapeSlope, type SweepRowOut } from '../../core/experiments/sweeps.ts';
import type { ModelSpec } from '../../core/model/model.ts';
import type { ChartTheme } from '../../plots/chartTheme.ts';
import type { SweepView } from './sweepRunner.ts';

/** A further curve over the phase diagram, (β, k) points, e.g. a fold of the average point. */
export interface PhaseCurve {
  label: string;
  points: [number, number][];
}

/** Curves to draw over a phase diagram of this base model and these k rows (beside β_c(k), which is always drawn). */
export type PhaseCurves = (base: ModelSpec, ks: number[]) => PhaseCurve[];

export interface SweepChartInput {
  view: SweepView;
  pStar: number;
  even: boolean;
  theme: ChartTheme;
  width: number;
  height: number;
  /** further curves over the phase diagram beside β_c(k) */
  phaseCurves?: PhaseCurves;
}

export interface SweepChart {
  /** the chart (a figure when it has a legend); its `value` is the row under the pointer */
  element: (SVGSVGElement | HTMLElement) & { value?: unknown };
  label: string;
}

const ran = (r: SweepRowOut) => r.trials > 0;

/** Numbers in tips: four significant digits, as read against the CSV's full values. */
const tipNumber = (v: number) => (Number.isFinite(v) ? String(Number(v.toPrecision(4))) : '—');

/** The four outcome bins of the β sweep, bottom to top; they sum to 1 at every β. */
export const BETA_BINS = [
  { key: 'recoveredFraction', label: 'recovered' },
  { key: 'attractedOnlyFraction', label: 'attracted, not recovered' },
  { key: 'atAverageFraction', label: 'at average w̄' },
  { key: 'otherFraction', label: 'other (−v_j, anti-average, equator)' },
] as const;

/** Long rows of the stack: one per (β, bin). */
export function betaStack(rows: SweepRowOut[]): { beta: number; bin: string; fraction: number }[] {
  return rows.filter(ran).flatMap((r) => BETA_BINS.map((b) => ({ beta: r.x, bin: b.label, fraction: r[b.key] })));
}

function common(c: SweepChartInput, marginLeft = 52): Plot.PlotOptions {
  return {
    width: c.width,
    height: c.height,
    marginLeft,
    marginBottom: 40,
    style: { color: c.theme.fg, background: 'transparent', fontSize: `${c.theme.fontPx}px`, overflow: 'visible' },
    className: 'sweep-chart',
  };
}

function betaChart(c: SweepChartInput): SweepChart {
  const { rows, config } = c.view;
  const t = c.theme;
  const done = rows.filter(ran);
  const bc = config ? betaCriticalCurve(config.base, [config.base.k])[0] : NaN;
  const bf = config ? betaFoldCurve(config.base, [config.base.k])[0] : NaN;
  // between β_c and β_fold both kinds of minima exist: where a neuron ends depends on its start
  const window = Number.isFinite(bc) && Number.isFinite(bf) && bf > bc ? [{ from: bc, to: bf }] : [];
  const xs = rows.map((r) => r.x);
  const element = Plot.plot({
    ...common(c),
    x: { label: 'β = v_i·v_j (cosine) →', domain: [Math.min(...xs), Math.max(...xs)], nice: false },
    y: { label: '↑ fraction of neurons', domain: [0, 1] },
    color: { domain: BETA_BINS.map((b) => b.label), range: [t.minimum, t.code(0, 1), t.fg, t.other], legend: true },
    marks: [
      // steps, each β's stack held to halfway to its neighbours: a ramp would invent fractions
      // between grid points (across the window the outcome can jump)
      // z said outright: one series per bin even when a sweep has one β so far (Plot warns on the implicit one)
      Plot.areaY(betaStack(rows), { x: 'beta', y: 'fraction', fill: 'bin', z: 'bin', order: BETA_BINS.map((b) => b.label), curve: 'step' }),
      Plot.rectX(window, { x1: 'from', x2: 'to', y1: 0, y2: 1, fill: t.accent, fillOpacity: 0.18 }),
      Plot.ruleX(Number.isFinite(bc) ? [bc] : [], { stroke: t.accent, strokeWidth: 2, strokeDasharray: '5,4' }),
      Plot.ruleX(window.map((w) => w.to), { stroke: t.fg, strokeWidth: 1.5, strokeDasharray: '2,3' }),
      Plot.text(window.map((w) => w.to), { x: (d: number) => d, frameAnchor: 'bottom', dy: -14, text: (d: number) => `β_fold = ${d.toFixed(3)}`, fill: t.fg, stroke: t.panel, strokeWidth: 3, paintOrder: 'stroke' }),
      // inside the frame's top, haloed: above it, near β = 0, it ran into the y axis's title
      Plot.text(Number.isFinite(bc) ? [bc] : [], { x: (d: number) => d, frameAnchor: 'top', dy: 12, text: (d: number) => `β_c = ${d.toFixed(3)}`, fill: t.accent, stroke: t.panel, strokeWidth: 3, paintOrder: 'stroke' }),
      Plot.ruleX(done, Plot.pointerX({ x: 'x', stroke: t.fg, strokeWidth: 1.5 })),
      Plot.tip(done, Plot.pointerX({
        x: 'x',
        frameAnchor: 'middle',
        title: (r: SweepRowOut) => [`β = ${tipNumber(r.x)} (${r.trials} trials × n = ${r.n})`, ...BETA_BINS.map((b) => `${b.label}: ${tipNumber(r[b.key])}`), 'click: open this β in the main view'].join('\n'),
      })),
    ],
  });
  const last = done[done.length - 1];
  const label = `Outcome fractions against β, stacked to 1 (recovered, attracted not recovered, at average, other)${Number.isFinite(bc) ? `, β_c = ${bc.toFixed(3)} marked` : ''}${window.length > 0 ? `, β_fold = ${bf.toFixed(3)} marked (between them both kinds of minima exist, shaded)` : ''}: ${done.length} of ${rows.length} points` +
    (last ? `; at β = ${last.x}: ${(100 * last.atAverageFraction).toFixed(0)}% at the average, ${(100 * last.recoveredFraction).toFixed(0)}% recovered` : '');
  return { element, label };
}

function couponChart(c: SweepChartInput): SweepChart {
  const { rows, config } = c.view;
  const t = c.theme;
  const done = rows.filter(ran);
  const k = config?.base.k ?? 1;
  const q = pickProbability(k, c.even);
  const xMax = Math.max(...rows.map((r) => r.x)) * 1.05;
  const theory: { x: number; p: number }[] = [];
  for (let n = 1; n <= Math.ceil(xMax * k); n++) theory.push({ x: n / k, p: allFoundProbability(k, n, q) });
  const MC = 'Monte Carlo ± 1 s.e.', PRED = 'coupon-collector prediction';
  const element = Plot.plot({
    ...common(c),
    x: { label: 'n / k (neurons per index vector) →', domain: [0, xMax] },
    y: { label: '↑ P(all k recovered)', domain: [0, 1.05] },
    color: { domain: [MC, PRED], range: [t.code(0, 1), t.accent], legend: true },
    marks: [
      Plot.ruleX(k > 1 ? [Math.log(k)] : [], { stroke: t.muted, strokeDasharray: '5,4' }),
      Plot.text(k > 1 ? [Math.log(k)] : [], { x: (d: number) => d, frameAnchor: 'top', dx: 4, textAnchor: 'start', text: () => 'n = k log k', fill: t.muted }),
      Plot.line(theory, { x: 'x', y: 'p', stroke: () => PRED, strokeWidth: 2 }),
      Plot.ruleX(done, { x: 'x', y1: (r: SweepRowOut) => Math.max(0, r.allRecoveredRate - r.allRecoveredSE), y2: (r: SweepRowOut) => Math.min(1, r.allRecoveredRate + r.allRecoveredSE), stroke: () => MC, strokeWidth: 1.5 }),
      Plot.dot(done, { x: 'x', y: 'allRecoveredRate', fill: () => MC, r: 3.5 }),
      Plot.tip(done, Plot.pointer({
        x: 'x',
        y: 'allRecoveredRate',
        title: (r: SweepRowOut) => [`n/k = ${tipNumber(r.x)} (n = ${r.n}, k = ${r.k}, ${r.trials} trials)`, `P(all recovered) = ${tipNumber(r.allRecoveredRate)} ± ${tipNumber(r.allRecoveredSE)}`, `prediction ${tipNumber(r.couponPrediction)}`, 'click: open in the main view'].join('\n'),
      })),
    ],
  });
  const worst = done.reduce((m, r) => Math.max(m, Math.abs(r.allRecoveredRate - r.couponPrediction)), 0);
  return { element, label: `P(all ${k} index vectors recovered) against n/k, Monte Carlo (${done.length} points, ±1 standard error) over the coupon-collector prediction; n = k log k marked; largest gap ${worst.toFixed(3)}` };
}

export interface EscapeFit {
  fitted: number;
  predicted: number | null;
}

export function escapeFit(rows: SweepRowOut[], pStar: number): EscapeFit {
  const done = rows.filter((r) => ran(r) && r.escapeTime > 0);
  return { fitted: done.length >= 2 ? logLogSlope(done.map((r) => r.x), done.map((r) => r.escapeTime)) : NaN, predicted: predictedEscapeSlope(pStar) };
}

function escapeChart(c: SweepChartInput): SweepChart {
  const { rows } = c.view;
  const t = c.theme;
  const done = rows.filter((r) => ran(r) && r.escapeTime > 0);
  const fit = escapeFit(rows, c.pStar);
  const xs = rows.map((r) => r.x);
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const lx = done.map((r) => Math.log10(r.x)), ly = done.map((r) => Math.log10(r.escapeTime));
  const mx = lx.reduce((a, b) => a + b, 0) / (lx.length || 1), my = ly.reduce((a, b) => a + b, 0) / (ly.length || 1);
  const through = (slope: number) => [x0, x1].map((x) => ({ x, y: 10 ** (my + slope * (Math.log10(x) - mx)) }));
  const T = 't_esc (geometric mean)', FIT = 'least-squares fit', PRED = 'predicted slope';
  let predicted: { x: number; y: number }[] = [];
  if (done.length >= 2 && fit.predicted !== null) predicted = through(fit.predicted);
  else if (done.length >= 2 && c.pStar === 2) {
    // t ∝ log d through the points' centre (in log space)
    const off = my - lx.map((x) => Math.log10(Math.log(10 ** x))).reduce((a, b) => a + b, 0) / lx.length;
    predicted = Array.from({ length: 41 }, (_, i) => x0 * (x1 / x0) ** (i / 40)).filter((x) => x > 1.2).map((x) => ({ x, y: 10 ** (off + Math.log10(Math.log(x))) }));
  }
  const element = Plot.plot({
    ...common(c),
    x: { type: 'log', label: 'input dimension d (log scale) →', domain: [x0 / 1.3, x1 * 1.3] },
    y: { type: 'log', label: '↑ t_esc (flow time, log scale)', nice: true },
    color: { domain: [T, FIT, PRED], range: [t.code(0, 1), t.saddle, t.accent], legend: true },
    marks: [
      Plot.line(done.length >= 2 ? through(fit.fitted) : [], { x: 'x', y: 'y', stroke: () => FIT, strokeWidth: 2 }),
      Plot.line(predicted, { x: 'x', y: 'y', stroke: () => PRED, strokeWidth: 2, strokeDasharray: '6,4' }),
      Plot.dot(done, { x: 'x', y: 'escapeTime', fill: () => T, r: 4 }),
      Plot.tip(done, Plot.pointer({ x: 'x', y: 'escapeTime', title: (r: SweepRowOut) => [`d = ${tipNumber(r.x)} (n = ${r.n}, ${r.trials} trials)`, `t_esc = ${tipNumber(r.escapeTime)}`, 'click: open in the main view'].join('\n') })),
    ],
  });
  const pred = fit.predicted !== null ? `predicted slope p*/2 − 1 = ${fit.predicted}` : c.pStar === 2 ? 'predicted t ∝ log d (p* = 2)' : 'no power law predicted';
  return { element, label: `Escape time against d on log-log axes, ${done.length} points; fitted slope ${Number.isFinite(fit.fitted) ? fit.fitted.toFixed(3) : 'not yet'}; ${pred}` };
}

function phaseChart(c: SweepChartInput): SweepChart {
  const { rows, config } = c.view;
  const t = c.theme;
  const betas = [...new Set(rows.map((r) => r.x))].sort((a, b) => a - b);
  const ks = [...new Set(rows.map((r) => r.k))].sort((a, b) => a - b);
  // each cell reaches halfway to its neighbours: the default grid is finer inside the windows
  const half = (i: number) => ({
    lo: i > 0 ? (betas[i] - betas[i - 1]) / 2 : i + 1 < betas.length ? (betas[i + 1] - betas[i]) / 2 : 0.05,
    hi: i + 1 < betas.length ? (betas[i + 1] - betas[i]) / 2 : i > 0 ? (betas[i] - betas[i - 1]) / 2 : 0.05,
  });
  const halves = new Map(betas.map((b, i) => [b, half(i)]));
  const done = rows.filter(ran), waiting = rows.filter((r) => !ran(r));
  const curve = config ? betaCriticalCurve(config.base, ks) : [];
  const critical = ks.map((k, i) => ({ beta: curve[i], k })).filter((p) => Number.isFinite(p.beta));
  const extra = (config && c.phaseCurves ? c.phaseCurves(config.base, ks) : []).map((pc) => ({ label: pc.label, points: pc.points.filter(([b]) => Number.isFinite(b)).map(([beta, k]) => ({ beta, k })) }));
  const cell = { x1: (r: SweepRowOut) => r.x - halves.get(r.x)!.lo, x2: (r: SweepRowOut) => r.x + halves.get(r.x)!.hi, y1: (r: SweepRowOut) => r.k - 0.5, y2: (r: SweepRowOut) => r.k + 0.5, inset: 0.25 };
  const lastOf = <T,>(xs: T[]) => (xs.length > 0 ? [xs[xs.length - 1]] : []);
  const element = Plot.plot({
    ...common(c, 40),
    x: { label: 'β = v_i·v_j (cosine) →', domain: [betas[0] - halves.get(betas[0])!.lo, betas[betas.length - 1] + halves.get(betas[betas.length - 1])!.hi] },
    y: { label: '↑ k (index vectors)', domain: [ks[0] - 0.5, ks[ks.length - 1] + 0.5], ticks: ks, tickFormat: 'd' },
    // viridis: ordered in lightness and readable with every common colour-vision deficiency
    color: { type: 'linear', domain: [0, 1], scheme: 'viridis', legend: true, label: 'share of neurons at the average w̄', ticks: 5 },
    marks: [
      Plot.rect(waiting, { ...cell, fill: t.grid, fillOpacity: 0.4 }),
      Plot.rect(done, { ...cell, fill: 'atAverageFraction' }),
      Plot.line(critical, { x: 'beta', y: 'k', stroke: t.fg, strokeWidth: 2.5 }),
      Plot.dot(critical, { x: 'beta', y: 'k', fill: t.fg, r: 3 }),
      // the curves run close together (β_fold(k) just right of β_c(k)): β_c's label goes to the
      // left of its top point and every further curve's to the right of its own, so they never meet
      Plot.text(lastOf(critical), { x: 'beta', y: 'k', text: () => 'β_c(k)', dx: -8, dy: -10, textAnchor: 'end', fill: t.fg, stroke: t.panel, strokeWidth: 3, paintOrder: 'stroke', className: 'phase-label' }),
      ...extra.flatMap((e) => [
        Plot.line(e.points, { x: 'beta', y: 'k', stroke: t.fg, strokeWidth: 2, strokeDasharray: '6,4' }),
        Plot.text(lastOf(e.points), { x: 'beta', y: 'k', text: () => e.label, dx: 8, dy: -10, textAnchor: 'start', fill: t.fg, stroke: t.panel, strokeWidth: 3, paintOrder: 'stroke', className: 'phase-label' }),
      ]),
      Plot.tip(done, Plot.pointer({
        x: 'x',
        y: 'k',
        title: (r: SweepRowOut) => [`β = ${tipNumber(r.x)}, k = ${r.k} (${r.trials} trials × n = ${r.n})`, `at average: ${tipNumber(r.atAverageFraction)}`, `recovered: ${tipNumber(r.recoveredFraction)}`, 'click: open this cell in the main view'].join('\n'),
      })),
    ],
  });
  return { element, label: `Phase diagram over β and k coloured by the share of neurons at the average (colour bar from 0 to 1), ${done.length} of ${rows.length} cells, with the β_c(k) curve drawn${extra.length > 0 ? ` and ${extra.map((e) => e.label).join(', ')}` : ''}` };
}

/** The chart of the view's kind, or null before the sweep has any grid points. */
export function buildSweepChart(c: SweepChartInput): SweepChart | null {
  const kind = c.view.config?.kind;
  if (!kind || c.view.rows.length === 0) return null;
  switch (kind) {
    case 'beta':
      return betaChart(c);
    case 'coupon':
      return couponChart(c);
    case 'escape':
      return escapeChart(c);
    case 'phase':
      return phaseChart(c);
  }
}

/**
 * Small throwaway charts with the marks the sweeps use, one mark each: the first Plot chart in a
 * page costs several times a later one (code compiled on first use), and that first time should
 * not fall inside a running sweep. One mark per call keeps each call short: all of them in one
 * chart was a single task of about 120 ms, enough to stall a β drag that it meets.
 */
const rows = [{ x: 0, y: 0, k: 2, bin: 'a' }, { x: 1, y: 1, k: 3, bin: 'b' }];
export const SWEEP_CHART_WARM_UPS: (() => void)[] = [
  () => Plot.plot({ width: 200, height: 120, marks: [Plot.line(rows, { x: 'x', y: 'y' })] }),
  () => Plot.plot({ width: 200, height: 120, marks: [Plot.dot(rows, { x: 'x', y: 'y' }), Plot.ruleX(rows, { x: 'x' })] }),
  () => Plot.plot({ width: 200, height: 120, marks: [Plot.areaY(rows, { x: 'x', y: 'y', fill: 'bin', z: 'bin' })] }),
  // no colour legend: its ramp is encoded with canvas.toDataURL, a readback that can hold the
  // main thread for 300 ms while the 3-D view renders (npm run perf); the phase chart pays it
  () => Plot.plot({ width: 200, height: 120, color: { type: 'linear', domain: [0, 1], scheme: 'viridis' }, marks: [Plot.rect(rows, { x1: 'x', x2: 'y', y1: 'k', y2: 'k', fill: 'y' })] }),
  () => Plot.plot({ width: 200, height: 120, marks: [Plot.text(rows, { x: 'x', y: 'y', text: 'bin' })] }),
  () => Plot.plot({ width: 200, height: 120, marks: [Plot.tip(rows, Plot.pointerX({ x: 'x', y: 'y' }))] }),
];
