// The explore panel's two heavy computations, timed single-threaded in Node (the app spreads
// the same jobs over a pool of workers): a 10⁴-start basin map at d = 3 (k = 3, p = 3,
// β = 0.2 and 0.3) and a β sweep (11 points × 4 trials × n = 100, d = 1000). Each figure is
// the best of a few repeats after a warm-up run.
import { basinCounts, basinGrid, basinSlice, basinSpec, gridSize } from '../core/experiments/basin.ts';
import type { ModelSpec } from '../core/model/model.ts';
import { linearGrid, runSweepSync, type SweepConfig } from '../core/experiments/sweeps.ts';

const BASE: ModelSpec = {
  k: 3, n: 100, d: 1000, beta: 0.2, p: 3, sigma: '', target: '', drop012: false, geom: 'equi', gram: [], seed: 1, T: 0, tol: 0.05,
};

const REPEATS = 3;

function best<T>(body: () => T): { seconds: number; value: T } {
  let seconds = Infinity;
  let value = body();
  for (let r = 0; r < REPEATS; r++) {
    const t0 = performance.now();
    value = body();
    seconds = Math.min(seconds, (performance.now() - t0) / 1000);
  }
  return { seconds, value };
}

const round = (x: number) => Number(x.toPrecision(4));

export function basinFigure(beta: number) {
  const { spec, problems } = basinSpec({ ...BASE, beta });
  if (problems.length > 0) throw new Error(problems.map((p) => p.message).join('; '));
  const grid = basinGrid(10000);
  const { seconds, value } = best(() => basinSlice(spec, grid, 0, gridSize(grid)));
  return {
    beta,
    starts: gridSize(grid),
    seconds: round(seconds),
    rhsEvalsPerSecond: round(value.rhsEvals / seconds),
    counts: basinCounts(value.codes, spec.k),
    failed: value.failed,
  };
}

export function sweepFigure() {
  const config: SweepConfig = { kind: 'beta', base: BASE, xs: linearGrid(0, 0.5, 11), ks: [], trials: 4 };
  const { seconds, value } = best(() => runSweepSync(config));
  return {
    kind: 'beta',
    points: config.xs.length,
    trials: config.trials,
    n: BASE.n,
    d: BASE.d,
    jobs: config.xs.length * config.trials,
    seconds: round(seconds),
    msPerJob: round((seconds * 1000) / (config.xs.length * config.trials)),
    atAverageFraction: value.rows.map((r) => round(r.atAverageFraction)),
  };
}


/** Everything `npm run bench` reports about the explore panel. */
export function exploreFigures() {
  return { basinMap: [basinFigure(0.2), basinFigure(0.3)], betaSweep: sweepFigure(), threads: 1 };
}
