// sweep '<query>' --beta A:B:STEP --trials N [--csv]: Monte Carlo over seeds at each β of a
// grid, one row per β (JSON {rows: [...]} or CSV). Progress goes to stderr. The same command
// runs every experiment of the explore panel: sweep beta|coupon|escape|phase|basin … and
// sweep merge … (experimentCommand.ts); both spread their jobs over worker threads.
import { betaTableRows, type SweepRow } from '../core/experiments/betaTable.ts';
import { planSweep } from '../core/experiments/experiment.ts';
import type { SweepConfig, TrialResult } from '../core/experiments/sweeps.ts';
import { betaGrid, specAtBeta } from '../core/experiments/trials.ts';
import { DYNAMICS, traitsOf } from '../core/dynamics/kind.ts';
import type { ModelSpec } from '../core/model/model.ts';
import { encode, modelSpecOf } from '../url/codec.ts';
import { configHeader } from '../url/configHeader.ts';
import { FIELDS, SCHEMA_VERSION, type Params } from '../url/schema.ts';
import { parseFlags, positiveInteger, queryArgument } from './args.ts';
import { runCommand, UsageError } from './errors.ts';
import { EXPERIMENT_USAGE, experimentMain, MAX_WORKERS, mergeMain } from './experimentCommand.ts';
import { isExperiment, packageVersion } from './experimentPlan.ts';
import { readableJson } from './json.ts';
import { paramsOfQuery, problemLine } from './query.ts';
import { runJobs } from './runJobs.ts';
import { allCores, threadPool } from './threadPool.ts';

const USAGE = `usage: npm run -s sweep -- '<query>' --beta A:B:STEP --trials N [--csv] [--jobs N]

For each equiangular β = A, A+STEP, …, B (B included), runs the query's model N times with
seeds seed, seed+1, …, seed+N−1 and prints one row per β:
  recoveredFraction   mean over trials of (Σ_j recovered_j)/n
  attractedFraction   the same for attracted_j (recovered ones included)
  atAverageFraction   mean over trials of atAverage/n
  otherFraction       mean over trials of other/n
  allRecoveredRate    fraction of trials in which every index vector was recovered
  betaC, averageKind  the threshold(s) and the average point's type at that β
  betaFold            where the minima near the v_j fold away (between betaC and betaFold
                      both they and the average are minima: the outcome depends on the start)
  minimumOverlap      the overlap with v_j of the (distorted) minimum near v_j at that β, empty
                      once it has folded away; recovered needs an overlap above 1 − tol
The query's own beta is replaced. Output is JSON {rows: [...]}, or CSV with --csv.

With loss=mse, or compare=loss (both losses from the same seeds, one row per β and loss, in
one table), each row also has:
  loss                 corr or mse
  coveredMean          mean over trials of the number of distinct index vectors recovered
  generalizationError  mean over trials of E[(f − f*)²] at the end (mse only)

  --beta A:B:STEP   the β grid (0 ≤ A ≤ B ≤ 0.99, STEP > 0)
  --trials N        seeds per β (1 to ${100000})
  --csv             CSV with a header line instead of JSON (after the configuration, as
                    # key=value lines: query, beta, trials, schema and package version)
  --jobs N          worker threads (default: every core)

The explore panel's experiments, with shards, merge and resumable runs:
${EXPERIMENT_USAGE}`;

const MAX_TRIALS = 100000;

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

export function parseBetaRange(text: string): number[] {
  const parts = text.split(':');
  if (parts.length !== 3 || !parts.every((s) => NUMBER.test(s.trim()))) {
    throw new UsageError(`--beta "${text}" is not A:B:STEP with three numbers (e.g. 0:0.5:0.05)`);
  }
  const [from, to, step] = parts.map(Number);
  const grid = betaGrid(from, to, step);
  if (!grid.ok) throw new UsageError(`--beta ${text}: ${grid.error}`);
  const f = FIELDS.get('beta')!;
  const outside = grid.value.find((b) => b < f.min! || b > f.max!);
  if (outside !== undefined) throw new UsageError(`--beta ${text}: β = ${outside} is outside [${f.min}, ${f.max}]`);
  return grid.value;
}

const CSV_COLUMNS = [
  'beta', 'trials', 'n', 'recoveredFraction', 'attractedFraction', 'atAverageFraction', 'otherFraction', 'allRecoveredRate', 'failed', 'averageKind', 'betaC', 'betaFold', 'minimumOverlap',
] as const satisfies readonly (keyof SweepRow)[];

const LOSS_COLUMNS = ['loss', 'coveredMean', 'generalizationError'] as const satisfies readonly (keyof SweepRow)[];

export function csvOf(rows: SweepRow[]): string {
  const columns: readonly (keyof SweepRow)[] = rows.some((r) => r.loss !== undefined) ? [...CSV_COLUMNS, ...LOSS_COLUMNS] : CSV_COLUMNS;
  const cell = (row: SweepRow, key: keyof SweepRow): string => {
    const v = row[key];
    if (Array.isArray(v)) return v.join(';');
    return v === null || v === undefined ? '' : String(v);
  };
  return [columns.join(','), ...rows.map((r) => columns.map((key) => cell(r, key)).join(','))].join('\n') + '\n';
}

/** The losses a sweep runs: the query's, or both with compare=loss (other comparisons do not apply to a β sweep). */
function sweptLosses(params: Params): ('corr' | 'mse')[] {
  if (params.compare === '') return [params.loss];
  if (params.compare === 'loss') return [DYNAMICS['corr-flow'].keys.loss, DYNAMICS['mse-flow'].keys.loss];
  throw new UsageError(`sweep compares the two losses only (compare=loss); compare=${params.compare} does not apply to a β sweep`);
}

/**
 * The table's rows: the beta experiment of each loss on the worker-thread pool (its job list and
 * aggregation), one row per β and loss in that order. `specs` are the rows' specs, already checked.
 */
async function betaRows(params: Params, betas: number[], losses: ('corr' | 'mse')[], trials: number, workers: number, specs: ModelSpec[], lossColumns: boolean): Promise<SweepRow[]> {
  const configs: SweepConfig[] = losses.map((loss) => ({ kind: 'beta', base: { ...modelSpecOf(params), loss }, xs: betas, ks: [], trials }));
  const plans = configs.map((config) => planSweep(config));
  const jobs = plans.flatMap((plan) => plan.jobs);
  const planOf = plans.flatMap((plan, l) => plan.jobs.map(() => l));
  const results = plans.map((): TrialResult[] => []);
  const left = specs.map(() => trials);
  let reported = 0;
  let last = performance.now();
  const pool = threadPool(Math.min(workers, jobs.length));
  try {
    await runJobs(pool, jobs, jobs.map((_, i) => i), (index, result) => {
      if (result.kind !== 'sweep') return;
      const l = planOf[index];
      results[l].push(result.result);
      left[result.result.point * losses.length + l]--;
      // one line per β (and loss), in table order, as its last trial comes in
      while (reported < specs.length && left[reported] === 0) {
        const now = performance.now();
        const loss = lossColumns ? ` loss=${specs[reported].loss}` : '';
        process.stderr.write(`beta ${specs[reported].beta}${loss} (${reported + 1}/${specs.length}) ${((now - last) / 1000).toFixed(1)}s\n`);
        last = now;
        reported++;
      }
    });
  } finally {
    pool.dispose();
  }
  const tables = plans.map((plan, l) => betaTableRows(configs[l], plan.points, results[l], lossColumns));
  return specs.map((_, i) => tables[i % losses.length][Math.floor(i / losses.length)]);
}

async function main(argv: string[]): Promise<void> {
  if (isExperiment(argv[0])) return experimentMain(argv[0], argv.slice(1));
  if (argv[0] === 'merge') return mergeMain(argv.slice(1));
  const { positionals, values } = parseFlags(argv, {
    beta: { type: 'string' },
    trials: { type: 'string' },
    csv: { type: 'boolean' },
    jobs: { type: 'string' },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const params = paramsOfQuery(queryArgument(positionals));
  if (values.beta === undefined) throw new UsageError('missing --beta A:B:STEP (or name an experiment: sweep beta|coupon|escape|phase|basin)');
  if (values.trials === undefined) throw new UsageError('missing --trials N');
  const betas = parseBetaRange(values.beta as string);
  const trials = positiveInteger('trials', values.trials as string, MAX_TRIALS);
  const workers = values.jobs === undefined ? allCores() : positiveInteger('jobs', values.jobs as string, MAX_WORKERS);
  if (params.geom !== 'equi') {
    throw new UsageError(`the query has geom=${params.geom}, but --beta sweeps the equiangular β (use geom=equi)`);
  }
  const losses = sweptLosses(params);
  // every β is checked before the first one runs, so a bad grid fails at once
  const specs = betas.flatMap((beta) =>
    losses.map((loss) => {
      const { spec, problems } = specAtBeta({ ...modelSpecOf(params), loss }, beta);
      if (problems.length > 0) throw new UsageError(problems.map((p) => `at β = ${beta}: ${problemLine(p)}`));
      return spec;
    }),
  );
  const lossColumns = losses.length > 1 || traitsOf({ loss: losses[0] }).interacting;
  const started = performance.now();
  const rows = await betaRows(params, betas, losses, trials, workers, specs, lossColumns);
  process.stderr.write(`done: ${specs.length} β × ${trials} trials in ${((performance.now() - started) / 1000).toFixed(1)}s\n`);
  if (values.csv) {
    const header = configHeader([['query', encode(params)], ['beta', values.beta as string], ['trials', trials], ['schema', SCHEMA_VERSION], ['version', packageVersion()]]);
    process.stdout.write(header + csvOf(rows));
    return;
  }
  const { beta: _replaced, ...fixedParams } = params;
  if (losses.length > 1) (fixedParams as { loss?: string }).loss = undefined;
  process.stdout.write(`${readableJson({ params: fixedParams, trials, tol: params.tol, rows })}\n`);
}

runCommand('sweep', () => main(process.argv.slice(2)));
