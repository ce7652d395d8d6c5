// benchExplore: wall time of the explore panel's two heavy computations, single-threaded in
// Node (the app spreads the same jobs over a pool of workers): a 10⁴-start basin map at d = 3
// (k = 3, p = 3, β = 0.2 and 0.3) and a β sweep (11 points × 4 trials × n = 100, d = 1000).
// Prints JSON. Each figure is the best of a few repeats after a warm-up run.
import { basinCounts, basinGrid, basinSlice, basinSpec, gridSize } from '../core/basin.ts';
import type { ModelSpec } from '../core/model.ts';
import { linearGrid, runSweepSync, type SweepConfig } from '../core/sweeps.ts';
import { runCommand, UsageError } from './errors.ts';
import { readableJson } from './json.ts';

const USAGE = `usage: npx tsx src/cli/benchExplore.ts

Times, single-threaded: the basin map of 10⁴ starting points on S² (d = 3, k = 3, p = 3,
β = 0.2 and 0.3), and a β sweep of 11 points × 4 trials at n = 100, d = 1000.
Prints JSON with seconds (best of 3), right-hand-side evaluations per second and the outcomes.
`;

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

function basinFigure(beta: number) {
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

function sweepFigure() {
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

function main(argv: string[]): void {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(USAGE);
    return;
  }
  if (argv.length > 0) throw new UsageError(`benchExplore takes no arguments (got ${JSON.stringify(argv[0])})`);
  const basin = [basinFigure(0.2), basinFigure(0.3)];
  const sweep = sweepFigure();
  process.stdout.write(`${readableJson({ basinMap: basin, betaSweep: sweep, threads: 1 })}\n`);
}

runCommand('benchExplore', () => main(process.argv.slice(2)));
