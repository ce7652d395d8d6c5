// The sweeps' settings: each sweep's parameters with their ranges and model-dependent defaults,
// and what a set of values means as a configuration. One place, so every caller that runs a
// sweep names the same grid.
import { traitsOf } from '../dynamics/kind.ts';
import { betaCriticalCurve, linearGrid, logGrid, type SweepConfig, type SweepKind } from './sweeps.ts';
import { windowsOfModel, withWindowPoints } from './windowGrid.ts';
import type { ModelSpec } from '../model/model.ts';

/** One parameter of a sweep, by name, with its range, whether it is whole, and its default. */
export interface SweepField {
  name: string;
  min: number;
  max: number;
  /** whole numbers only */
  integer: boolean;
  value: number;
}

export type SweepValues = Record<string, number>;

const f = (name: string, min: number, max: number, integer: boolean, value: number): SweepField => ({
  name, min, max, integer, value: Math.min(max, Math.max(min, integer ? Math.round(value) : value)),
});

/** Defaults sized to finish in a few seconds on 2 cores. */
export function sweepFields(kind: SweepKind, base: ModelSpec): SweepField[] {
  const nSmall = (cap: number) => Math.min(base.n, cap);
  switch (kind) {
    case 'beta': {
      const k = Math.max(2, base.k);
      const bc = betaCriticalCurve(base, [k])[0];
      // about twice β_c: past β_fold too for the kernels here (β_fold(3) = 0.261 for t³, 0.416 for t⁴)
      const top = Number.isFinite(bc) ? Math.min(0.9, Math.max(0.3, Math.ceil(bc * 20) / 10)) : 0.5;
      return [f('from', 0, 0.99, false, 0), f('to', 0, 0.99, false, top), f('points', 2, 41, true, 11), f('trials', 1, 200, true, 4), f('n', 1, 2000, true, nSmall(100))];
    }
    case 'coupon':
      // 400 trials: a standard error of at most 0.5/√400 = 0.025, so the Monte-Carlo scatter is
      // well inside the distance at which a disagreement with the exact curve would show
      return [f('k', 2, 16, true, Math.max(2, base.k)), f('upTo', 0.5, 10, false, 4), f('trials', 1, 1000, true, COUPON_TRIALS)];
    case 'escape':
      return [f('dFrom', 10, 1e9, false, 100), f('dTo', 10, 1e9, false, 1e6), f('points', 2, 13, true, 5), f('trials', 1, 50, true, 2), f('n', 1, 1000, true, nSmall(30))];
    case 'phase':
      // step 0.025 (below the 1/30 between β_c(4) and β_c(5) of φ = t³), plus PHASE_WINDOW_POINTS inside each k's bistable interval
      return [f('to', 0.05, 0.99, false, 0.6), f('points', 2, 30, true, 25), f('kFrom', 2, 16, true, 2), f('kTo', 2, 16, true, 5), f('trials', 1, 20, true, 2), f('n', 1, 500, true, nSmall(40))];
  }
}

/** Default trials of the coupon sweep (see sweepFields). */
export const COUPON_TRIALS = 400;

/** Points the β sweep's default grid adds strictly inside each bistable interval [β_c, β_fold]. */
export const BETA_WINDOW_POINTS = 3;
/** Points the phase diagram's default grid adds inside each k's bistable interval (one column each). */
export const PHASE_WINDOW_POINTS = 1;

/** Whether these values are the defaults for the named fields: only a default grid gets the bistable intervals' points. */
function isDefaultGrid(kind: SweepKind, base: ModelSpec, v: SweepValues, names: string[]): boolean {
  const fields = sweepFields(kind, base);
  return names.every((name) => fields.find((field) => field.name === name)?.value === v[name]);
}

/**
 * The k whose bistable intervals the default grid of a β or phase sweep adds points in (the
 * model's k, or the phase diagram's default range of k); none for the other kinds.
 */
export function defaultGridKs(kind: SweepKind, base: ModelSpec): number[] {
  if (kind === 'beta') return [base.k];
  if (kind !== 'phase') return [];
  const values: SweepValues = Object.fromEntries(sweepFields(kind, base).map((field) => [field.name, field.value]));
  const ks: number[] = [];
  for (let k = Math.min(values.kFrom, values.kTo); k <= Math.max(values.kFrom, values.kTo); k++) ks.push(k);
  return ks;
}

/** The configuration of a sweep from its values and the main model; `used` are the values as repaired (ranges put in order). */
export function sweepConfigOf(kind: SweepKind, base: ModelSpec, v: SweepValues): { config: SweepConfig; notes: string[]; used: SweepValues } {
  const notes: string[] = [];
  const used: SweepValues = { ...v };
  // sweeps need runs that settle: the automatic end time, whatever T the main view uses
  const b: ModelSpec = { ...base, T: 0, n: v.n ?? base.n };
  if (base.T !== 0) notes.push(`runs use the automatic end time, not T = ${base.T}`);
  const ordered = (loName: string, hiName: string, what: string): [number, number] => {
    const lo = v[loName], hi = v[hiName];
    if (hi >= lo) return [lo, hi];
    notes.push(`${what}: the range was reversed; using ${hi}…${lo}`);
    used[loName] = hi;
    used[hiName] = lo;
    return [hi, lo];
  };
  switch (kind) {
    case 'beta': {
      const [lo, hi] = ordered('from', 'to', 'β');
      let xs = linearGrid(lo, hi, v.points);
      // the default grid resolves every bistable interval (β_c, β_fold) (docs/model.md §7); a grid given
      // explicitly is run exactly as given
      if (isDefaultGrid(kind, base, v, ['from', 'to', 'points'])) xs = withWindowPoints(xs, windowsOfModel(b, [b.k])[0], BETA_WINDOW_POINTS);
      return { config: { kind, base: b, xs, ks: [], trials: v.trials }, notes, used };
    }
    case 'coupon': {
      const k = v.k;
      // n/k at every whole n from 1 to the top: the coupon curve is only defined at integers
      const nMax = Math.max(1, Math.round(v.upTo * k));
      const step = Math.max(1, Math.ceil(nMax / 16));
      const xs: number[] = [];
      for (let n = step; n <= nMax; n += step) xs.push(n / k);
      return { config: { kind, base: { ...b, k, n: 1 }, xs, ks: [], trials: v.trials }, notes, used };
    }
    case 'escape': {
      const [lo, hi] = ordered('dFrom', 'dTo', 'd');
      let xs = logGrid(lo, hi, v.points);
      // online SGD holds real vectors in R^d: its grid is whole dimensions (the flow takes any d)
      if (traitsOf(b).fromSamples && xs.some((x) => !Number.isInteger(x))) {
        xs = [...new Set(xs.map((x) => Math.max(1, Math.round(x))))];
        notes.push(`online SGD needs whole dimensions: d = ${xs.join(', ')}`);
      }
      return { config: { kind, base: b, xs, ks: [], trials: v.trials }, notes, used };
    }
    case 'phase': {
      const [klo, khi] = ordered('kFrom', 'kTo', 'k');
      const ks: number[] = [];
      for (let k = klo; k <= khi; k++) ks.push(k);
      let xs = linearGrid(0, v.to, v.points);
      if (isDefaultGrid(kind, base, v, ['to', 'points'])) xs = withWindowPoints(xs, windowsOfModel(b, ks).flat(), PHASE_WINDOW_POINTS);
      return { config: { kind, base: b, xs, ks, trials: v.trials }, notes, used };
    }
  }
}
