// Monte Carlo over seeds at a grid of equiangular β: how often the flow recovers the index
// vectors and how often it gets caught at their average. Shared by the CLI and (later) the app.
import { buildModel, normalizeSpec, type Model, type ModelSpec, type Problem } from '../model/model.ts';
import type { CriticalKind } from '../analysis/averagePoint.ts';
import { runToEnd, type RunSummary } from '../dynamics/run.ts';

export interface SweepRow {
  beta: number;
  trials: number;
  n: number;
  /** mean over trials of (Σ_j recovered_j) / n */
  recoveredFraction: number;
  /** mean over trials of (Σ_j attracted_j) / n (recovered ones included) */
  attractedFraction: number;
  /** mean over trials of atAverage / n */
  atAverageFraction: number;
  /** mean over trials of other / n */
  otherFraction: number;
  /** fraction of trials in which every index vector was recovered */
  allRecoveredRate: number;
  /** neurons whose integration failed, summed over trials */
  failed: number;
  betaC: number[];
  averageKind: CriticalKind | null;
  /** where the minima near the v_j fold away (science.md §7) */
  betaFold: number[];
  /** overlap with v_j of the minimum near v_j at this β; null once it has folded away */
  minimumOverlap: number | null;
  /** with lossColumns: the loss of this row, the mean number of distinct index vectors recovered, and (squared loss) the mean E[(f − f*)²] */
  loss?: 'corr' | 'mse';
  coveredMean?: number;
  generalizationError?: number | null;
}

/** Largest number of grid points a sweep accepts (a typo in STEP should not mean a day's run). */
export const MAX_SWEEP_POINTS = 10001;

/**
 * A, A+STEP, … up to B inclusive: B counts as reached when it is within 1e-9 steps, so that
 * 0:0.3:0.1 gives four points even though 3·0.1 is 0.30000000000000004. Values are rounded to
 * 12 decimals so they print as the user typed them.
 */
export function betaGrid(from: number, to: number, step: number): { ok: true; value: number[] } | { ok: false; error: string } {
  if (![from, to, step].every(Number.isFinite)) return { ok: false, error: 'A, B and STEP must be finite numbers' };
  if (!(step > 0)) return { ok: false, error: `STEP = ${step} must be positive` };
  if (to < from) return { ok: false, error: `B = ${to} is below A = ${from}` };
  const count = Math.floor((to - from) / step + 1e-9) + 1;
  if (count > MAX_SWEEP_POINTS) return { ok: false, error: `the range has ${count} points, more than ${MAX_SWEEP_POINTS}` };
  const out: number[] = [];
  for (let i = 0; i < count; i++) out.push(Math.round((from + i * step) * 1e12) / 1e12);
  return { ok: true, value: out };
}

/** The spec with β replaced, or what makes that β unusable (e.g. outside (−1/(k−1), 1)). */
export function specAtBeta(spec: ModelSpec, beta: number): { spec: ModelSpec; problems: Problem[] } {
  return normalizeSpec({ ...spec, beta });
}

/** Trial t runs seed (spec.seed + t) mod 2³², the RNG's seed space. */
export function trialSeed(seed: number, t: number): number {
  return (seed + t) % 4294967296;
}

/** The model of trial t: only the seed differs, so the kernel and geometry are shared. */
export function trialModel(model: Model, t: number): Model {
  return { ...model, spec: { ...model.spec, seed: trialSeed(model.spec.seed, t) } };
}

/** Runs `trials` seeds of one spec (β already set) and averages their outcomes. */
export function sweepPoint(spec: ModelSpec, trials: number, onTrial?: (t: number, run: RunSummary) => void, lossColumns = false): SweepRow {
  const model = buildModel(spec);
  const { n } = spec;
  // integer totals divided once: the same means as averaging per trial, without rounding noise
  let recovered = 0, attracted = 0, atAverage = 0, other = 0, allRecovered = 0, failed = 0;
  let covered = 0, genError = 0;
  for (let t = 0; t < trials; t++) {
    const run = runToEnd(trialModel(model, t));
    for (const c of run.counts.recovered) recovered += c;
    for (const c of run.counts.attracted) attracted += c;
    atAverage += run.counts.atAverage;
    other += run.counts.other;
    if (run.allRecovered) allRecovered++;
    failed += run.failed;
    for (const c of run.counts.recovered) if (c > 0) covered++;
    genError += run.generalizationError ?? NaN;
    onTrial?.(t, run);
  }
  const neurons = n * trials;
  const lossFields = lossColumns
    ? { loss: spec.loss ?? 'corr', coveredMean: covered / trials, generalizationError: Number.isNaN(genError) ? null : genError / trials }
    : {};
  return {
    ...lossFields,
    beta: spec.beta,
    trials,
    n,
    recoveredFraction: recovered / neurons,
    attractedFraction: attracted / neurons,
    atAverageFraction: atAverage / neurons,
    otherFraction: other / neurons,
    allRecoveredRate: allRecovered / trials,
    failed,
    betaC: model.betaC,
    betaFold: model.betaFold,
    minimumOverlap: model.indexMinimum ? model.indexMinimum.overlap : null,
    averageKind: model.average ? model.average.kind : null,
  };
}
