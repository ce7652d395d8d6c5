// One job list and one aggregation for every experiment, whoever runs it: the app's explore
// pool (src/ui/explore/sweepRunner.ts, basinRunner.ts) and the command line's worker threads
// (src/cli/experimentCommand.ts) both cut an experiment into these jobs and fold the answers with
// these functions, so the same settings give the same rows on a page, a laptop or a cluster.
import { basinCounts, basinSlices, gridSize, type BasinCounts, type BasinGrid } from './basin.ts';
import type { ModelSpec, Problem } from '../model/model.ts';
import {
  addTrial, emptyPointStats, sweepJobs, sweepPoints, sweepRow,
  type PointStats, type SweepConfig, type SweepJob, type SweepPoint, type SweepRowOut, type TrialResult,
} from './sweeps.ts';

/** A slice of a basin map: grid cells [from, from + count). */
export interface BasinJob {
  kind: 'basin';
  spec: ModelSpec;
  grid: BasinGrid;
  from: number;
  count: number;
}

/** One unit of work: a slice of a basin map or one (grid point, seed) of a sweep. */
export type ExperimentJob = BasinJob | { kind: 'sweep'; job: SweepJob };

export interface BasinSliceResult {
  kind: 'basin';
  from: number;
  /** fate code of each cell of the slice (core/basin.ts) */
  codes: Uint8Array;
  rhsEvals: number;
  failed: number;
}

export type ExperimentResult = BasinSliceResult | { kind: 'sweep'; result: TrialResult };

export interface SweepPlan {
  config: SweepConfig;
  points: SweepPoint[];
  /** grid points the model rejected (skipped, never replaced) */
  problems: Problem[];
  /** trial-major: job i is (point i mod P, trial ⌊i / P⌋), seed = base seed + trial */
  jobs: ExperimentJob[];
}

export function planSweep(config: SweepConfig): SweepPlan {
  const { points, problems } = sweepPoints(config);
  const jobs = sweepJobs(config, points).map((job): ExperimentJob => ({ kind: 'sweep', job }));
  return { config, points, problems, jobs };
}

/**
 * The rows of a sweep from its trials' results, in any order and any subset: each point's
 * trials are folded in (point, trial) order, so the floating-point sums (the escape sweep's
 * Σ log t) come out the same whatever order the workers answered in.
 */
export function sweepRowsOf(config: SweepConfig, points: SweepPoint[], results: Iterable<TrialResult>): SweepRowOut[] {
  const stats = pointStatsOf(points, results);
  return points.map((p, i) => sweepRow(config, p, stats[i]));
}

/** Each point's running sums, its trials folded in (point, trial) order. */
export function pointStatsOf(points: SweepPoint[], results: Iterable<TrialResult>): PointStats[] {
  const sorted = [...results].sort((a, b) => a.point - b.point || a.trial - b.trial);
  const stats = points.map(() => emptyPointStats());
  for (const r of sorted) addTrial(stats[r.point], r);
  return stats;
}

/**
 * Cells per basin-map job. Fixed, not derived from the number of workers, so the job list
 * (and a shard of it) is the same on any machine; ten slices for the app's 10⁴-cell map, so
 * a slow slice near a saddle does not idle the other workers, while the page redraws the map
 * only ten times.
 */
const BASIN_SLICE_CELLS = 1000;

export function basinJobs(spec: ModelSpec, grid: BasinGrid): BasinJob[] {
  return basinSlices(grid, BASIN_SLICE_CELLS).map((s) => ({ kind: 'basin', spec, grid, from: s.from, count: s.count }));
}

/** Code of a cell whose slice has not come back yet. */
export const PENDING_CELL = 255;

/** The map's fate codes from its slices (cells of missing slices stay PENDING_CELL). */
export function basinCodesOf(grid: BasinGrid, slices: Iterable<{ from: number; codes: ArrayLike<number> }>): Uint8Array {
  const codes = new Uint8Array(gridSize(grid)).fill(PENDING_CELL);
  for (const s of slices) codes.set(s.codes, s.from);
  return codes;
}

export function basinMapCounts(codes: Uint8Array, k: number): BasinCounts {
  return basinCounts(codes, k);
}
