// What `sweep <experiment> '<query>' [grid flags]` means: the query and the grid flags read as
// one permalink (the grid flags are its sw* keys), the grid resolved with the app's own form
// defaults (core/experiments/sweepSettings.ts, their link keys url/sweepKeys.ts), the job list of core/experiments/experiment.ts, and the configuration
// header every output of the run begins with. Nothing here is repaired: every problem is a
// UsageError, because a batch run must be the run that was asked for.
import { readFileSync } from 'node:fs';
import { basinGrid, basinSpec, MAX_BASIN_POINTS, DEFAULT_BASIN_POINTS, type BasinGrid } from '../core/experiments/basin.ts';
import { basinJobs, planSweep, type ExperimentJob, type SweepPlan } from '../core/experiments/experiment.ts';
import type { ModelSpec } from '../core/model/model.ts';
import { sweepConfigOf } from '../core/experiments/sweepSettings.ts';
import { sweepValuesOfKeys, keysOfSweepValues, strictFieldProblems, sweepKeyOf, sweepKeysOf, SWEEP_KEYS, type SweepKeys } from '../url/sweepKeys.ts';
import type { SweepKind } from '../core/experiments/sweeps.ts';
import { decode, encode, modelSpecOf } from '../url/codec.ts';
import type { ConfigEntries } from '../url/configHeader.ts';
import { SCHEMA_VERSION, type Params } from '../url/schema.ts';
import { UsageError } from './errors.ts';
import { problemLine } from './query.ts';

export const EXPERIMENTS = ['beta', 'coupon', 'escape', 'phase', 'basin'] as const;
export type Experiment = (typeof EXPERIMENTS)[number];

export function isExperiment(word: string | undefined): word is Experiment {
  return (EXPERIMENTS as readonly string[]).includes(word ?? '');
}

/** Grid flags: each sw* key under its own name and under its form field's name (--to for swTo). */
export const GRID_FLAGS: Record<string, keyof SweepKeys> = Object.fromEntries(
  SWEEP_KEYS.flatMap((key) => {
    const field = key[2].toLowerCase() + key.slice(3);
    return [[key, key], [field, key]];
  }),
);

/** A whole batch is bounded too: a typo in a grid should not mean a month's run. */
export const MAX_JOBS = 10_000_000;

export interface ExperimentPlan {
  experiment: Experiment;
  /** the decoded query with sw = the experiment and every grid key explicit */
  params: Params;
  /** encode(params): the permalink's query, which reproduces this plan */
  query: string;
  /** the configuration header's entries (never jobs, shard or out) */
  header: ConfigEntries;
  jobs: ExperimentJob[];
  sweep: SweepPlan | null;
  basin: { spec: ModelSpec; grid: BasinGrid } | null;
  /** what the run does differently from the query's own model (said on stderr) */
  notes: string[];
}

export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/** The query with the grid flags appended as its sw* keys, decoded strictly. */
function paramsOf(experiment: Experiment, query: string, grid: Record<string, string>): Params {
  const extra = Object.entries(grid).map(([key, text]) => `${key}=${encodeURIComponent(text)}`);
  const flagged = new Set(Object.keys(grid));
  const full = [query.replace(/^.*\?/, ''), ...extra].filter((s) => s !== '').join('&');
  const { params, problems } = decode(full);
  if (problems.length > 0) {
    throw new UsageError(problems.map((p) =>
      p.message === 'given more than once' && flagged.has(p.key) ? `${p.key} is set both in the query and by a grid flag: give it once` : problemLine(p),
    ));
  }
  if (params.sw !== '' && params.sw !== experiment) {
    throw new UsageError(`the query has sw=${params.sw}, another experiment than ${experiment}: drop sw from the query or run \`sweep ${params.sw}\``);
  }
  return params;
}

function ordered(values: Record<string, number>, lo: string, hi: string): void {
  if (values[lo] !== undefined && values[hi] !== undefined && values[hi] < values[lo]) {
    throw new UsageError(`${sweepKeyOf(hi)} = ${values[hi]} is below ${sweepKeyOf(lo)} = ${values[lo]}: the range must go upwards`);
  }
}

function unusedKeys(params: Params, used: readonly string[]): string[] {
  return SWEEP_KEYS.filter((key) => params[key] !== 0 && !used.includes(key)).map((key) => `${key}=${params[key]} means nothing to this experiment (ignored)`);
}

function planOfSweep(kind: SweepKind, params: Params): { plan: SweepPlan; params: Params; notes: string[]; entries: ConfigEntries } {
  const base = modelSpecOf(params);
  const values = sweepValuesOfKeys(kind, base, params);
  const wrong = strictFieldProblems(kind, base, values);
  if (wrong.length > 0) throw new UsageError(wrong);
  ordered(values, 'from', 'to');
  ordered(values, 'dFrom', 'dTo');
  ordered(values, 'kFrom', 'kTo');
  const notes = unusedKeys(params, sweepKeysOf(kind, base));
  const { config, notes: more } = sweepConfigOf(kind, base, values);
  notes.push(...more);
  const plan = planSweep(config);
  if (plan.problems.length > 0) throw new UsageError(plan.problems.map((p) => `${problemLine(p)}: choose a grid the model accepts`));
  if (plan.jobs.length === 0) throw new UsageError('the grid has no point to run');
  if (plan.jobs.length > MAX_JOBS) throw new UsageError(`${plan.jobs.length} jobs is more than ${MAX_JOBS}: use fewer points or trials`);
  const resolved: Params = { ...params, ...keysOfSweepValues(kind, base, values), sw: kind };
  const entries: [string, string | number][] = [['grid', config.xs.join(',')]];
  if (kind === 'phase') entries.push(['ks', config.ks.join(',')]);
  entries.push(['trials', config.trials]);
  return { plan, params: resolved, notes, entries };
}

function planOfBasin(params: Params, cells: number): { spec: ModelSpec; grid: BasinGrid; params: Params; notes: string[]; entries: ConfigEntries } {
  const { spec, problems } = basinSpec(modelSpecOf(params));
  if (problems.length > 0) throw new UsageError(problems.map(problemLine));
  const grid = basinGrid(cells);
  const notes = unusedKeys(params, []);
  notes.push('the basin map runs at d = 3 from an equal-area grid of starts (n, d, seed and T of the query are not used)');
  const resolved: Params = { ...params, sw: 'basin' };
  for (const key of SWEEP_KEYS) resolved[key] = 0;
  return { spec, grid, params: resolved, notes, entries: [['cells', cells], ['grid', `${grid.rows}x${grid.cols}`]] };
}

export function checkCells(text: string | undefined): number {
  if (text === undefined) return DEFAULT_BASIN_POINTS;
  if (!/^\d+$/.test(text.trim())) throw new UsageError(`--cells "${text}" is not a whole number`);
  const cells = Number(text);
  if (cells < 8 || cells > MAX_BASIN_POINTS) throw new UsageError(`--cells ${text} is outside [8, ${MAX_BASIN_POINTS}]`);
  return cells;
}

/** The plan of an experiment; `grid` holds the grid flags by sw* key. */
export function planExperiment(experiment: Experiment, query: string, grid: Record<string, string> = {}, cells = DEFAULT_BASIN_POINTS): ExperimentPlan {
  const decoded = paramsOf(experiment, query, grid);
  let params: Params, notes: string[], entries: ConfigEntries;
  let sweep: SweepPlan | null = null;
  let basin: ExperimentPlan['basin'] = null;
  let jobs: ExperimentJob[];
  if (experiment === 'basin') {
    const b = planOfBasin(decoded, cells);
    ({ params, notes, entries } = b);
    basin = { spec: b.spec, grid: b.grid };
    jobs = basinJobs(b.spec, b.grid);
  } else {
    const s = planOfSweep(experiment, decoded);
    ({ params, notes, entries } = s);
    sweep = s.plan;
    jobs = s.plan.jobs;
  }
  const encoded = encode(params);
  const header: ConfigEntries = [
    ['experiment', experiment],
    ['query', encoded],
    ...entries,
    ['schema', SCHEMA_VERSION],
    ['version', packageVersion()],
  ];
  return { experiment, params, query: encoded, header, jobs, sweep, basin, notes };
}

/** Where the app is served (`npm start`); FLOWSPHERE_URL names another. */
export function appLink(query: string): string {
  const base = process.env.FLOWSPHERE_URL || 'http://127.0.0.1:5173/';
  return `${base}?${query}`;
}
