// The command line's `sweep '<query>' --beta A:B:STEP` table, as a view of the beta experiment:
// the same jobs and aggregation as every sweep (experiment.ts), with the columns that table has
// always printed (the thresholds and the minimum near v_j at each β, and with the loss columns
// the covered count and, for the squared loss, E[(f − f*)²]).
import type { CriticalKind } from '../analysis/averagePoint.ts';
import { traitsOf } from '../dynamics/kind.ts';
import { buildModel, type ModelSpec } from '../model/model.ts';
import { pointStatsOf } from './experiment.ts';
import { runSweepJob, sweepJobs, sweepPoints, sweepRow, type PointStats, type SweepConfig, type SweepPoint, type TrialResult } from './sweeps.ts';

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
  /** where the minima near the v_j fold away (docs/model.md §7) */
  betaFold: number[];
  /** overlap with v_j of the minimum near v_j at this β; null once it has folded away */
  minimumOverlap: number | null;
  /** with lossColumns: the loss of this row, the mean number of distinct index vectors recovered, and (squared loss) the mean E[(f − f*)²] */
  loss?: 'corr' | 'mse';
  coveredMean?: number;
  generalizationError?: number | null;
}

/** The table's rows from the beta experiment's trial results; `specs[i]` is what point i ran. */
export function betaTableRows(config: SweepConfig, points: SweepPoint[], results: Iterable<TrialResult>, lossColumns: boolean): SweepRow[] {
  const stats = pointStatsOf(points, results);
  return points.map((p, i) => betaTableRow(config, p, stats[i], lossColumns));
}

function betaTableRow(config: SweepConfig, point: SweepPoint, stats: PointStats, lossColumns: boolean): SweepRow {
  const { spec } = point;
  const row = sweepRow(config, point, stats);
  const model = buildModel(spec);
  const counts = {
    beta: row.x,
    trials: row.trials,
    n: row.n,
    recoveredFraction: row.recoveredFraction,
    attractedFraction: row.attractedFraction,
    atAverageFraction: row.atAverageFraction,
    otherFraction: row.otherFraction,
    allRecoveredRate: row.allRecoveredRate,
    failed: row.failed,
  };
  const betaC = model.betaC;
  const averageKind = model.average ? model.average.kind : null;
  const betaFold = model.betaFold;
  const minimumOverlap = model.indexMinimum ? model.indexMinimum.overlap : null;
  // the two shapes keep the key order each has always printed in
  if (!lossColumns) return { ...counts, betaC, averageKind, betaFold, minimumOverlap };
  const error = stats.generalizationError / stats.trials;
  const generalizationError = Number.isNaN(error) ? null : error;
  return { loss: traitsOf(spec).keys.loss, coveredMean: stats.covered / stats.trials, generalizationError, ...counts, betaC, betaFold, minimumOverlap, averageKind };
}

/** One β of the table, run in this thread (tests; the command line spreads the jobs over threads). */
export function sweepPoint(spec: ModelSpec, trials: number, lossColumns = false): SweepRow {
  const config: SweepConfig = { kind: 'beta', base: spec, xs: [spec.beta], ks: [], trials };
  const { points } = sweepPoints(config);
  const results = sweepJobs(config, points).map((job) => runSweepJob(job));
  return betaTableRows(config, points, results, lossColumns)[0];
}
