// Parameter sweeps for the explore panel, cut into jobs of one (grid point, seed) each so a
// pool of workers can share them and the page merges results cheaply. Four kinds:
//   beta    outcome fractions against equiangular β (β_c marked)
//   coupon  P(all k recovered) against n/k for orthogonal index vectors
//   escape  escape time against d (log-log), against the slope p* / 2 − 1
//   phase   share of neurons at the average over (β, k), with β_c(k)
// Every run is a trial model (trials.ts) on the dynamics the model asks for, built by the one
// factory; dynamicsPolicy.ts says what each sweep does with each kind, so a sweep means what
// the main view's run means.
import { betaCriticalRoots } from '../analysis/averagePoint.ts';
import { hasEscaped, typicalEscapeTime } from '../analysis/escape.ts';
import { betaFoldRoots } from '../analysis/fold.ts';
import type { Dynamics } from '../dynamics/dynamics.ts';
import { createDynamics } from '../dynamics/factory.ts';
import { dynamicsKind, traitsOf } from '../dynamics/kind.ts';
import { MAX_SGD_WORK, sci } from '../dynamics/sgdPlan.ts';
import { buildModel, normalizeSpec, samplingPlanOf, specKey, type Model, type ModelSpec, type Problem } from '../model/model.ts';
import { allRecovered, countOutcomes, coveredCount } from '../outcomes/classify.ts';
import { classifyOptionsOf } from '../outcomes/run.ts';
import { allFoundProbability, pickProbability } from './coupon.ts';
import { experimentSpec } from './dynamicsPolicy.ts';
import { trialModel } from './trials.ts';

export type SweepKind = 'beta' | 'coupon' | 'escape' | 'phase';

/** What a sweep varies, on top of the base model (the main view's parameters). */
export interface SweepConfig {
  kind: SweepKind;
  base: ModelSpec;
  /** grid of the swept axis: β (beta, phase), n/k (coupon), d (escape) */
  xs: number[];
  /** second axis of the phase diagram: k values (empty otherwise) */
  ks: number[];
  trials: number;
}

/** One grid point: the spec every trial of it runs (seed = base seed, shifted per trial). */
export interface SweepPoint {
  x: number;
  /** k of the phase diagram's row (the base k otherwise) */
  k: number;
  spec: ModelSpec;
}

export interface SweepJob {
  kind: SweepKind;
  point: number;
  trial: number;
  spec: ModelSpec;
}

/** What one run reports; the page only adds these up. */
export interface TrialResult {
  point: number;
  trial: number;
  n: number;
  recovered: number;
  attracted: number;
  atAverage: number;
  other: number;
  allRecovered: boolean;
  /** escape sweep: the time by which half the neurons had max_j |u_j| ≥ 1/2 (NaN otherwise) */
  escapeTime: number;
  failed: number;
  rhsEvals: number;
  /** distinct index vectors recovered (not kept in record files: nothing there reads it) */
  covered?: number;
  /** E[(f − f*)²] at the end, for dynamics that know it (the squared loss) */
  generalizationError?: number;
}

export const MAX_SWEEP_JOBS = 20000;

/** Fixed key order so equal configurations give equal cache keys. */
export function sweepKey(config: SweepConfig): string {
  return JSON.stringify([config.kind, specKey(config.base), config.xs, config.ks, config.trials]);
}

function pointSpec(config: SweepConfig, x: number, k: number): ModelSpec {
  const b = config.base;
  switch (config.kind) {
    case 'beta':
      return { ...b, geom: 'equi', gram: [], beta: x };
    case 'phase':
      return { ...b, geom: 'equi', gram: [], beta: x, k };
    case 'coupon':
      return { ...b, geom: 'orth', gram: [], beta: 0, n: Math.max(1, Math.round(x * b.k)) };
    case 'escape':
      return { ...b, d: x };
  }
}

/**
 * The grid points of a sweep. A point the model rejects (β outside the equiangular range,
 * d < k) is dropped and reported, never run with something else silently.
 */
export function sweepPoints(config: SweepConfig): { points: SweepPoint[]; problems: Problem[] } {
  const points: SweepPoint[] = [];
  const problems: Problem[] = [];
  const ks = config.kind === 'phase' ? config.ks : [config.base.k];
  for (const k of ks) {
    for (const x of config.xs) {
      const wanted = pointSpec(config, x, k);
      if (traitsOf(wanted).fromSamples && !Number.isInteger(wanted.d)) {
        problems.push({ key: 'd', message: `at ${axisName(config.kind)} = ${x}: online SGD needs a whole dimension d, not ${wanted.d}`, used: 'point skipped' });
        continue;
      }
      const { spec, problems: ps } = normalizeSpec(wanted);
      // dyn: an online-SGD point too large to run is refused as a live run is, never run as the flow
      // n: the squared loss's cap on live neurons (a point is never run with fewer, silently)
      const changed = ps.filter((p) => p.key === 'beta' || p.key === 'd' || p.key === 'k' || p.key === 'dyn' || p.key === 'n');
      if (changed.length > 0) {
        for (const p of changed) problems.push({ ...p, message: `at ${axisName(config.kind)} = ${x}${config.kind === 'phase' ? `, k = ${k}` : ''}: ${p.message}`, used: 'point skipped' });
        continue;
      }
      points.push({ x, k, spec: experimentSpec(config.kind, spec, dynamicsKind(spec)).spec });
    }
  }
  return { points, problems };
}

export function sweepJobs(config: SweepConfig, points: SweepPoint[]): SweepJob[] {
  const jobs: SweepJob[] = [];
  for (let t = 0; t < config.trials; t++) {
    // trial-major order: every point gets its first trials early, so the plot fills in evenly
    points.forEach((p, i) => jobs.push({ kind: config.kind, point: i, trial: t, spec: p.spec }));
  }
  return jobs;
}

/**
 * Online SGD's cost of a whole sweep: Σ over its runs of n·d·samples to each point's end time
 * (an escape run stops earlier, so this bounds it), 0 when the sweep runs the flow.
 */
export function sweepSgdWork(config: SweepConfig, points: SweepPoint[]): { runs: number; work: number } {
  let work = 0;
  const sgd = points.filter((p) => traitsOf(p.spec).fromSamples);
  for (const p of sgd) work += samplingPlanOf(p.spec).work * config.trials;
  return { runs: sgd.length * config.trials, work };
}

/**
 * Why an online-SGD sweep is too large for the page, or null: the whole sweep gets the budget
 * of one live run (MAX_SGD_WORK, a few minutes), with the number, as a live run is refused.
 */
export function sgdSweepRefusal(config: SweepConfig, points: SweepPoint[]): string | null {
  const { runs, work } = sweepSgdWork(config, points);
  if (work <= MAX_SGD_WORK) return null;
  return `online SGD: this sweep's ${runs} runs need n·d·samples ≈ ${sci(work)} in all, more than the limit ${sci(MAX_SGD_WORK)} of a live run (a few minutes); lower n, points or trials, or raise eta`;
}

function axisName(kind: SweepKind): string {
  return kind === 'coupon' ? 'n/k' : kind === 'escape' ? 'd' : 'β';
}

/** Dynamics with no escape record of their own are read this many times per flow escape time. */
const ESCAPE_READS = 1000;

/**
 * When each neuron first had max_j |u_j| ≥ 1/2, for dynamics that do not record it (online
 * SGD): the overlaps read on a grid of a thousandth of the flow's escape time, until ⌈n/2⌉
 * escaped or tMax. With an SGD step η the grid is whole steps, so the times are η · steps.
 */
function sampledEscapeTimes(dyn: Dynamics, model: Model, tEsc: number, need: number): Float64Array {
  const { n, k } = model.spec;
  const tMax = model.tEnd;
  const eta = dyn.sampling?.eta ?? 0;
  let dt = (Number.isFinite(tEsc) && tEsc > 0 ? tEsc : tMax) / ESCAPE_READS;
  if (eta > 0) dt = Math.max(1, Math.round(dt / eta)) * eta;
  const times = new Float64Array(n).fill(NaN);
  const u = new Float64Array(n * k);
  let escaped = 0;
  for (let m = 1; escaped < need; m++) {
    const t = Math.min(m * dt, tMax);
    dyn.advanceTo(t, u);
    for (let i = 0; i < n; i++) {
      if (!Number.isNaN(times[i]) || !hasEscaped(u, i * k, k)) continue;
      times[i] = t;
      escaped++;
    }
    if (t >= tMax) break;
  }
  return times;
}

/** Time by which ⌈n/2⌉ neurons have escaped: advanced in doubling chunks, stopping once it is known. */
function halfEscapeTime(model: Model): { time: number; rhsEvals: number; failed: number } {
  const { n, k } = model.spec;
  const dyn = createDynamics(model);
  const need = Math.ceil(n / 2);
  const times = new Float64Array(n);
  const tEsc = typicalEscapeTime(model.kernel, model.spec.d);
  const recorded = dyn.escapeTime;
  if (recorded) {
    // the flow records each crossing exactly (dense output): chunks only decide when to stop
    const u = new Float64Array(n * k);
    let T = Number.isFinite(tEsc) && tEsc > 0 ? tEsc / 4 : 1;
    const tMax = model.tEnd;
    for (;;) {
      dyn.advanceTo(Math.min(T, tMax), u);
      let escaped = 0;
      for (let i = 0; i < n; i++) if (!Number.isNaN(recorded[i])) escaped++;
      if (escaped >= need || T >= tMax) break;
      T *= 2;
    }
  }
  const when = recorded ?? sampledEscapeTimes(dyn, model, tEsc, need);
  let failed = 0;
  for (let i = 0; i < n; i++) {
    const e = when[i];
    times[i] = Number.isNaN(e) ? Infinity : e;
    failed += dyn.failed[i];
  }
  times.sort();
  const time = times[need - 1];
  return { time: Number.isFinite(time) ? time : NaN, rhsEvals: dyn.stats.rhsEvals, failed };
}

/** Runs one job: the point's model with seed base + trial, to the end (or, for escape, until half escaped). */
export function runSweepJob(job: SweepJob, model: Model = buildModel(job.spec)): TrialResult {
  const m = trialModel(model, job.trial);
  const { n, k } = m.spec;
  if (job.kind === 'escape') {
    const e = halfEscapeTime(m);
    return { point: job.point, trial: job.trial, n, recovered: 0, attracted: 0, atAverage: 0, other: 0, allRecovered: false, escapeTime: e.time, failed: e.failed, rhsEvals: e.rhsEvals };
  }
  const dyn = createDynamics(m);
  const u = new Float64Array(n * k);
  dyn.advanceTo(m.tEnd, u);
  const counts = countOutcomes(u, n, classifyOptionsOf(m), dyn.failed);
  let failed = 0;
  for (let i = 0; i < n; i++) failed += dyn.failed[i];
  const result: TrialResult = {
    point: job.point,
    trial: job.trial,
    n,
    recovered: counts.recovered.reduce((a, b) => a + b, 0),
    attracted: counts.attracted.reduce((a, b) => a + b, 0),
    atAverage: counts.atAverage,
    other: counts.other,
    allRecovered: allRecovered(counts),
    escapeTime: NaN,
    failed,
    rhsEvals: dyn.stats.rhsEvals,
    covered: coveredCount(counts),
  };
  if (dyn.generalizationError) result.generalizationError = dyn.generalizationError();
  return result;
}

/**
 * Running sums of one grid point's trials, as whole neuron counts: fractions are formed once,
 * from integers (total recovered / (trials · n)), so they print as what they are (0.125, not
 * 0.12499999999999999) whatever the order in which trials arrive.
 */
export interface PointStats {
  trials: number;
  /** Σ n over the trials (the denominator of every neuron fraction) */
  neurons: number;
  recovered: number;
  attracted: number;
  atAverage: number;
  other: number;
  allRecovered: number;
  /** Σ log t_esc over trials that escaped, and how many did */
  logEscape: number;
  escaped: number;
  failed: number;
  /** Σ distinct index vectors recovered, and Σ E[(f − f*)²] (NaN unless every trial knew it) */
  covered: number;
  generalizationError: number;
}

export function emptyPointStats(): PointStats {
  return { trials: 0, neurons: 0, recovered: 0, attracted: 0, atAverage: 0, other: 0, allRecovered: 0, logEscape: 0, escaped: 0, failed: 0, covered: 0, generalizationError: 0 };
}

export function addTrial(s: PointStats, r: TrialResult): void {
  s.trials++;
  s.neurons += r.n;
  s.recovered += r.recovered;
  s.attracted += r.attracted;
  s.atAverage += r.atAverage;
  s.other += r.other;
  if (r.allRecovered) s.allRecovered++;
  if (r.escapeTime > 0) {
    s.logEscape += Math.log(r.escapeTime);
    s.escaped++;
  }
  s.failed += r.failed;
  s.covered += r.covered ?? NaN;
  s.generalizationError += r.generalizationError ?? NaN;
}

/** One row of a sweep's table: means over the trials done so far. */
export interface SweepRowOut {
  x: number;
  k: number;
  n: number;
  trials: number;
  recoveredFraction: number;
  /** heading for some v_j, recovered ones included */
  attractedFraction: number;
  /** heading for some v_j but not (yet) recovered: with the three others, sums to 1 */
  attractedOnlyFraction: number;
  atAverageFraction: number;
  otherFraction: number;
  /** fraction of trials with every index vector recovered, and its standard error */
  allRecoveredRate: number;
  allRecoveredSE: number;
  /** coupon sweep: Σ(−1)^i C(k,i)(1 − iq)^n; NaN otherwise */
  couponPrediction: number;
  /** escape sweep: geometric mean over trials of the half-escape time */
  escapeTime: number;
  failed: number;
}

export function sweepRow(config: SweepConfig, point: SweepPoint, s: PointStats): SweepRowOut {
  const t = s.trials || NaN;
  const neurons = s.neurons || NaN;
  const rate = s.allRecovered / t;
  const { n, k } = point.spec;
  let coupon = NaN;
  if (config.kind === 'coupon') coupon = allFoundProbability(k, n, pickProbability(k, buildModelKernelEven(point.spec)));
  return {
    x: point.x,
    k,
    n,
    trials: s.trials,
    recoveredFraction: s.recovered / neurons,
    attractedFraction: s.attracted / neurons,
    attractedOnlyFraction: (s.attracted - s.recovered) / neurons,
    atAverageFraction: s.atAverage / neurons,
    otherFraction: s.other / neurons,
    allRecoveredRate: rate,
    allRecoveredSE: Math.sqrt(Math.max(rate * (1 - rate), 0) / t),
    couponPrediction: coupon,
    escapeTime: s.escaped > 0 ? Math.exp(s.logEscape / s.escaped) : NaN,
    failed: s.failed,
  };
}

const evenCache = new Map<string, boolean>();

/** Whether the point's φ is even (decides the coupon pick probability). */
function buildModelKernelEven(spec: ModelSpec): boolean {
  const key = `${spec.p}|${spec.sigma}|${spec.target}|${spec.drop012}`;
  let even = evenCache.get(key);
  if (even === undefined) {
    even = buildModel({ ...spec, n: 1 }).kernel.even;
    evenCache.set(key, even);
  }
  return even;
}

/** β_c(k) of the base kernel for each k (its first root in [0, 1); NaN where none). */
export function betaCriticalCurve(base: ModelSpec, ks: number[]): number[] {
  const kernel = buildModel({ ...base, k: 1, geom: 'equi', gram: [], beta: 0, n: 1 }).kernel;
  return ks.map((k) => {
    const roots = betaCriticalRoots(kernel, k);
    return roots.length > 0 ? roots[0] : NaN;
  });
}

/** β_fold(k) of the base kernel for each k: where the minima near the v_j fold away (first fold; NaN where none). */
export function betaFoldCurve(base: ModelSpec, ks: number[]): number[] {
  const kernel = buildModel({ ...base, k: 1, geom: 'equi', gram: [], beta: 0, n: 1 }).kernel;
  return ks.map((k) => {
    const roots = betaFoldRoots(kernel, k);
    return roots.length > 0 ? roots[0] : NaN;
  });
}

/** Predicted log-log slope of escape time against d: p* / 2 − 1 (p* ≥ 3); null for p* = 2 (log d), p* = 1. */
export function predictedEscapeSlope(pStar: number): number | null {
  return pStar >= 3 ? pStar / 2 - 1 : null;
}

const CSV_HEADERS: Record<SweepKind, string[]> = {
  beta: ['beta', 'trials', 'n', 'recoveredFraction', 'attractedFraction', 'atAverageFraction', 'otherFraction', 'allRecoveredRate', 'failed', 'attractedOnlyFraction'],
  coupon: ['nOverK', 'n', 'k', 'trials', 'allRecoveredRate', 'allRecoveredSE', 'couponPrediction', 'failed'],
  escape: ['d', 'trials', 'n', 'halfEscapeTime', 'failed'],
  phase: ['beta', 'k', 'trials', 'n', 'atAverageFraction', 'recoveredFraction', 'failed'],
};

export function sweepCsv(kind: SweepKind, rows: SweepRowOut[]): string {
  const line = (r: SweepRowOut): (string | number)[] => {
    switch (kind) {
      case 'beta':
        return [r.x, r.trials, r.n, r.recoveredFraction, r.attractedFraction, r.atAverageFraction, r.otherFraction, r.allRecoveredRate, r.failed, r.attractedOnlyFraction];
      case 'coupon':
        return [r.x, r.n, r.k, r.trials, r.allRecoveredRate, r.allRecoveredSE, r.couponPrediction, r.failed];
      case 'escape':
        return [r.x, r.trials, r.n, r.escapeTime, r.failed];
      case 'phase':
        return [r.x, r.k, r.trials, r.n, r.atAverageFraction, r.recoveredFraction, r.failed];
    }
  };
  const cell = (v: string | number) => (typeof v === 'number' && !Number.isFinite(v) ? '' : String(v));
  return [CSV_HEADERS[kind].join(','), ...rows.map((r) => line(r).map(cell).join(','))].join('\n') + '\n';
}

/** Evenly spaced grid from..to with `count` points (rounded to 12 decimals). */
export function linearGrid(from: number, to: number, count: number): number[] {
  const c = Math.max(1, Math.round(count));
  if (c === 1) return [from];
  return Array.from({ length: c }, (_, i) => Math.round((from + ((to - from) * i) / (c - 1)) * 1e12) / 1e12);
}

/** Log-spaced grid from..to (both > 0), rounded to 4 significant digits. */
export function logGrid(from: number, to: number, count: number): number[] {
  const c = Math.max(1, Math.round(count));
  if (c === 1) return [from];
  const a = Math.log10(from), b = Math.log10(to);
  return Array.from({ length: c }, (_, i) => Number((10 ** (a + ((b - a) * i) / (c - 1))).toPrecision(4)));
}

/** Runs a whole sweep in this thread (tests, CLI). */
export function runSweepSync(config: SweepConfig): { points: SweepPoint[]; rows: SweepRowOut[]; problems: Problem[] } {
  const { points, problems } = sweepPoints(config);
  const stats = points.map(() => emptyPointStats());
  const models = points.map((p) => buildModel(p.spec));
  for (const job of sweepJobs(config, points)) addTrial(stats[job.point], runSweepJob(job, models[job.point]));
  return { points, rows: points.map((p, i) => sweepRow(config, p, stats[i])), problems };
}
