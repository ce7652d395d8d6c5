// The table a run prints, from its jobs' results: the configuration header first, then the
// rows of core/experiments/experiment.ts's aggregation (the app's own), as CSV (the app's sweep columns)
// or JSON. The same results give the same bytes, whatever ran them and in what order.
import { gridPoint } from '../core/experiments/basin.ts';
import { basinCodesOf, basinMapCounts, sweepRowsOf, type ExperimentResult } from '../core/experiments/experiment.ts';
import { sweepCsv, type SweepRowOut, type TrialResult } from '../core/experiments/sweeps.ts';
import { configHeader } from '../url/configHeader.ts';
import type { ExperimentPlan } from './experimentPlan.ts';
import { readableJson } from './json.ts';

export type TableFormat = 'csv' | 'json';

/** The sweep's rows (core/experiments/experiment.ts), from results by job index. */
export function sweepRowsOfResults(plan: ExperimentPlan, results: Map<number, ExperimentResult>): SweepRowOut[] {
  const sweep = plan.sweep!;
  const trials: TrialResult[] = [];
  for (const r of results.values()) if (r.kind === 'sweep') trials.push(r.result);
  return sweepRowsOf(sweep.config, sweep.points, trials);
}

function fateName(code: number, k: number): string {
  return code < k ? `v${code + 1}` : code === k ? 'average' : 'other';
}

function basinTable(plan: ExperimentPlan, results: Map<number, ExperimentResult>, format: TableFormat): string {
  const { spec, grid } = plan.basin!;
  const slices = [...results.values()].filter((r) => r.kind === 'basin');
  const codes = basinCodesOf(grid, slices);
  const failed = slices.reduce((a, s) => a + s.failed, 0);
  const k = spec.k;
  if (format === 'json') {
    const config = Object.fromEntries(plan.header);
    return `${readableJson({ config, grid: { rows: grid.rows, cols: grid.cols }, counts: basinMapCounts(codes, k), failed, codes: Array.from(codes) })}\n`;
  }
  const x = new Float64Array(3);
  const lines = ['cell,x,y,z,fate'];
  for (let i = 0; i < codes.length; i++) {
    gridPoint(grid, i, x);
    lines.push(`${i},${x[0]},${x[1]},${x[2]},${fateName(codes[i], k)}`);
  }
  return configHeader(plan.header) + lines.join('\n') + '\n';
}

export function tableOf(plan: ExperimentPlan, results: Map<number, ExperimentResult>, format: TableFormat): string {
  if (plan.experiment === 'basin') return basinTable(plan, results, format);
  const rows = sweepRowsOfResults(plan, results);
  if (format === 'json') return `${readableJson({ config: Object.fromEntries(plan.header), rows })}\n`;
  return configHeader(plan.header) + sweepCsv(plan.experiment, rows);
}

