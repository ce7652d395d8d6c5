// sweep beta|coupon|escape|phase|basin '<query>' [grid flags] and sweep merge FILES…: every
// experiment of the explore panel on every core (worker threads), in shards for a cluster's
// job array, resumable from an --out file, with one table whatever ran it.
import { readFileSync } from 'node:fs';
import { configHeader, parseConfigHeader } from '../url/configHeader.ts';
import type { ExperimentResult } from '../core/experiments/experiment.ts';
import { parseFlags, positiveInteger, queryArgument, type FlagSpec } from './args.ts';
import { UsageError } from './errors.ts';
import { appLink, checkCells, GRID_FLAGS, isExperiment, planExperiment, type Experiment, type ExperimentPlan } from './experimentPlan.ts';
import { progress } from './progress.ts';
import { readRecords, recordLine, RecordsWriter } from './records.ts';
import { runJobs, shardJobs } from './runJobs.ts';
import { tableOf, type TableFormat } from './tables.ts';
import { allCores, threadPool } from './threadPool.ts';

export const MAX_WORKERS = 1024;
const MAX_SHARDS = 1_000_000;

export const EXPERIMENT_USAGE = `usage: npm run -s sweep -- <experiment> '<query>' [grid flags] [--trials N] [--csv|--json]
                           [--jobs N] [--shard I/N] [--out FILE] [--cells N]
       npm run -s sweep -- merge FILES… [--csv|--json]

Experiments (the explore panel's, on the same core code and the same job list):
  beta     outcome fractions against equiangular β        grid: --from --to --points --trials --n
  coupon   P(all k recovered) against n/k, orthogonal v_j   grid: --k --upTo --trials
  escape   half-escape time against d                       grid: --dFrom --dTo --points --trials --n
  phase    share of neurons at the average over (β, k)      grid: --to --points --kFrom --kTo --trials --n
  basin    the d = 3 basin map (k ≤ 3), in slices of starts  --cells N (default 10000; no trials)

The query is the app's permalink query (its model); each grid flag is a sw* key of the link
and may be given either way: --to 0.6 is swTo=0.6 (--swTo 0.6 works too). A grid value left
out (or 0) is the app form's default for that model. Every (grid point, seed) is one job, with
seeds seed, seed+1, …, seed+trials−1 at each point. The default grids of beta (from, to and
points all left at their defaults) and phase (to and points) add points strictly inside every
window (β_c, β_fold) of the model; a grid given explicitly runs exactly as given.

  --csv | --json  the table as CSV (the app's sweep columns) or JSON (every column); JSON by
                  default. Either begins with the configuration: # key=value lines (CSV) or
                  "config" (JSON): experiment, query (a permalink that reproduces the run),
                  the grid, trials, schema and package version.
  --jobs N        worker threads (default: every core, here ${allCores()})
  --shard I/N     run only jobs I−1, I−1+N, I−1+2N, … and print their records (JSON lines
                  after the configuration header) instead of the table; merge combines them
  --out FILE      append each finished job's record to FILE; rerunning with the same FILE
                  skips the jobs already there (a torn last line is dropped and rerun). With
                  --shard the records go only to FILE; without it the table is printed at the end
  merge FILES…    the table of the records in FILES (shards or --out files of one
                  configuration), byte for byte the table of a single run

Progress and an estimate of the time left go to stderr, with the link that opens the sweep
in the app (FLOWSPHERE_URL, default http://127.0.0.1:5173/, names where the app is served).
`;

function formatOf(values: Record<string, string | boolean | undefined>): TableFormat {
  if (values.csv && values.json) throw new UsageError('--csv and --json exclude each other');
  return values.csv ? 'csv' : 'json';
}

export function parseShard(text: string): { index: number; count: number } {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!m) throw new UsageError(`--shard "${text}" is not I/N with whole numbers (e.g. 2/8: the second of 8 shards)`);
  const index = Number(m[1]), count = Number(m[2]);
  if (count < 1 || count > MAX_SHARDS) throw new UsageError(`--shard ${text}: N = ${count} must be between 1 and ${MAX_SHARDS}`);
  if (index < 1 || index > count) throw new UsageError(`--shard ${text}: I = ${index} must be between 1 and N = ${count} (shards count from 1)`);
  return { index, count };
}

function experimentFlags(): FlagSpec {
  const flags: FlagSpec = {
    csv: { type: 'boolean' }, json: { type: 'boolean' },
    jobs: { type: 'string' }, shard: { type: 'string' }, out: { type: 'string' }, cells: { type: 'string' },
  };
  for (const name of Object.keys(GRID_FLAGS)) flags[name] = { type: 'string' };
  return flags;
}

/** The grid flags as sw* keys (a key given under both its names is given twice). */
function gridOf(values: Record<string, string | boolean | undefined>): Record<string, string> {
  const grid: Record<string, string> = {};
  for (const [flag, key] of Object.entries(GRID_FLAGS)) {
    const v = values[flag];
    if (typeof v !== 'string') continue;
    if (grid[key] !== undefined) throw new UsageError(`${key} is given twice (--${key} and its short name)`);
    grid[key] = v;
  }
  return grid;
}

export async function experimentMain(experiment: Experiment, argv: string[]): Promise<void> {
  const { positionals, values } = parseFlags(argv, experimentFlags());
  if (values.help) {
    process.stdout.write(EXPERIMENT_USAGE);
    return;
  }
  const format = formatOf(values);
  if (experiment !== 'basin' && values.cells !== undefined) throw new UsageError(`--cells sizes the basin map; the ${experiment} sweep has --points`);
  const grid = gridOf(values);
  if (experiment === 'basin' && Object.keys(grid).length > 0) {
    throw new UsageError(`the basin map has no grid flags (${Object.keys(grid).join(', ')}): it is sized by --cells, and --trials does not apply`);
  }
  const cells = checkCells(values.cells as string | undefined);
  const plan = planExperiment(experiment, queryArgument(positionals), grid, cells);
  const workers = values.jobs === undefined ? allCores() : positiveInteger('jobs', values.jobs as string, MAX_WORKERS);
  const shard = values.shard === undefined ? null : parseShard(values.shard as string);
  const out = values.out as string | undefined;
  if (out === '') throw new UsageError('--out needs a file name');

  for (const note of plan.notes) process.stderr.write(`note: ${note}\n`);
  process.stderr.write(`open in the app: ${appLink(plan.query)}\n`);

  let done = new Map<number, ExperimentResult>();
  let writer: RecordsWriter | null = null;
  if (out !== undefined) {
    const resumed = RecordsWriter.resume(out, plan);
    ({ writer, done } = resumed);
    if (resumed.torn) process.stderr.write(`${out}: its last line was cut short (a killed run); that job runs again\n`);
    if (done.size > 0) process.stderr.write(`${out}: ${done.size} of ${plan.jobs.length} jobs already done\n`);
  } else if (shard) {
    process.stdout.write(configHeader(plan.header));
  }
  const todo = shardJobs(plan.jobs.length, shard).filter((i) => !done.has(i));
  const label = shard ? `${experiment} ${shard.index}/${shard.count}` : experiment;
  if (todo.length > 0) {
    const pool = threadPool(Math.min(workers, todo.length));
    const bar = progress(label, todo.length);
    try {
      await runJobs(pool, plan.jobs, todo, (job, result) => {
        done.set(job, result);
        const line = recordLine(job, result);
        if (writer) writer.write(line);
        else if (shard) process.stdout.write(line);
        bar.tick();
      });
    } finally {
      bar.stop();
      pool.dispose();
      writer?.close();
    }
  } else {
    writer?.close();
  }
  if (!shard) process.stdout.write(tableOf(plan, done, format));
}

/** The plan a records file was written for, from its configuration header. */
function planOfRecords(path: string, text: string): ExperimentPlan {
  const { config } = parseConfigHeader(text);
  const experiment = config.get('experiment');
  const query = config.get('query');
  if (experiment === undefined || query === undefined) throw new UsageError(`${path} has no configuration header (# experiment=…, # query=…): is it the output of --shard or --out?`);
  if (!isExperiment(experiment)) throw new UsageError(`${path}: experiment "${experiment}" is not one of beta, coupon, escape, phase, basin`);
  try {
    return planExperiment(experiment, query, {}, experiment === 'basin' ? checkCells(config.get('cells')) : undefined);
  } catch (err) {
    if (err instanceof UsageError) throw new UsageError(err.lines.map((l) => `${path}: ${l}`));
    throw err;
  }
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new UsageError(`${path}: cannot read the file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
}

export function mergeMain(argv: string[]): void {
  const { positionals: files, values } = parseFlags(argv, { csv: { type: 'boolean' }, json: { type: 'boolean' } });
  if (values.help) {
    process.stdout.write(EXPERIMENT_USAGE);
    return;
  }
  const format = formatOf(values);
  if (files.length === 0) throw new UsageError('merge needs the record files to combine (the outputs of --shard or --out)');
  const texts = files.map(readText);
  const plan = planOfRecords(files[0], texts[0]);
  const results = new Map<number, ExperimentResult>();
  files.forEach((path, f) => {
    const file = readRecords(path, texts[f], plan);
    if (file.torn) process.stderr.write(`${path}: its last line was cut short (ignored)\n`);
    for (const [job, result] of file.results) {
      const seen = results.get(job);
      if (seen && recordLine(job, seen) !== recordLine(job, result)) throw new UsageError(`job ${job} has different results in two of the files`);
      results.set(job, result);
    }
  });
  const missing = plan.jobs.map((_, i) => i).filter((i) => !results.has(i));
  if (missing.length > 0) {
    const shown = missing.slice(0, 8).join(', ');
    throw new UsageError(`the files hold ${results.size} of the ${plan.jobs.length} jobs; missing ${missing.length}: ${shown}${missing.length > 8 ? ', …' : ''} (run the shards that hold them, or resume with --out)`);
  }
  process.stdout.write(tableOf(plan, results, format));
}
