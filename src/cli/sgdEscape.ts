// sgd-escape '<query>' [--d LIST] [--trials N]: samples for online SGD to escape the search
// phase against d, at the default η and with η held at its value for the first d. Prints the
// fitted slopes beside p* − 1 (online SGD's theory) and p*/2 − 1 (the flow's time).
import { buildModel } from '../core/model/model.ts';
import { sgdEscapeSweep, HORIZON, ESCAPE_LEVEL, type EscapeSweep } from '../core/experiments/sgdEscape.ts';
import { modelSpecOf } from '../url/codec.ts';
import { parseFlags, positiveInteger, queryArgument } from './args.ts';
import { runCommand, UsageError } from './errors.ts';
import { readableJson } from './json.ts';
import { paramsOfQuery } from './query.ts';

const USAGE = `usage: npm run -s sgd-escape -- '<query>' [--d 50,100,200,400] [--trials 4] [--fixed-only | --default-only]

For each d of the list, runs online SGD (the query's model with dyn=sgd: its p or activations,
k, geometry, n, batch; seeds seed … seed+N−1) with every neuron starting at its largest overlap
+d^(−1/2), until all neurons escaped (largest overlap ≥ ${ESCAPE_LEVEL}) or ${HORIZON}× the flow's escape time.
Prints JSON: per d the samples by which half the neurons escaped (geometric mean over trials),
the fraction escaped, the flow's escape time and the d^(p*−1) reference; the fitted slope of
samples against d (over the means, and per trial: mean and spread) beside p*−1 and p*/2−1.
Two sweeps: η at each d's default (eta=0 in the query), and η fixed at the first d's default.
A query eta > 0 is used at every d in both. Progress goes to stderr.

  --d LIST         dimensions, comma-separated, increasing (default 50,100,200,400)
  --trials N       seeds per d (default 4)
  --default-only   only the default-η sweep
  --fixed-only     only the fixed-η sweep
`;

function parseDs(text: string): number[] {
  const parts = text.split(',').map((s) => s.trim());
  const ds = parts.map((s) => (/^\d+$/.test(s) ? Number(s) : NaN));
  const bad = parts.find((_, i) => !(ds[i] >= 2 && ds[i] <= 1e5));
  if (bad !== undefined) throw new UsageError(`--d: "${bad}" is not a whole number in [2, 100000]`);
  if (ds.length < 2) throw new UsageError('--d needs at least two dimensions to fit a slope');
  if (ds.some((d, i) => i > 0 && d <= ds[i - 1])) throw new UsageError(`--d ${text}: dimensions must increase`);
  return ds;
}

function main(argv: string[]): void {
  const { positionals, values } = parseFlags(argv, {
    d: { type: 'string' },
    trials: { type: 'string' },
    'fixed-only': { type: 'boolean' },
    'default-only': { type: 'boolean' },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  if (values['fixed-only'] && values['default-only']) throw new UsageError('--fixed-only and --default-only exclude each other');
  const params = paramsOfQuery(queryArgument(positionals));
  const ds = parseDs((values.d as string | undefined) ?? '50,100,200,400');
  const trials = positiveInteger('trials', (values.trials as string | undefined) ?? '4', 1000);
  const base = modelSpecOf(params);
  if (base.k > ds[0]) throw new UsageError(`the smallest d (${ds[0]}) is below k = ${base.k}`);
  const pStar = buildModel({ ...base, d: ds[0] }).kernel.pStar;
  const progress = (label: string) => (t: { d: number; trial: number; halfSamples: number; escaped: number }) =>
    process.stderr.write(`${label} d=${t.d} trial ${t.trial + 1}/${trials}: half escaped after ${t.halfSamples.toPrecision(3)} samples, ${(100 * t.escaped).toFixed(0)}% escaped\n`);
  const sweeps: Record<string, EscapeSweep> = {};
  if (!values['fixed-only']) sweeps.defaultEta = sgdEscapeSweep(base, ds, trials, 'default', progress('default η'));
  if (!values['default-only']) sweeps.fixedEta = sgdEscapeSweep(base, ds, trials, 'fixed', progress(`η fixed at d=${ds[0]}`));
  process.stdout.write(
    `${readableJson({
      params: { ...params, dyn: 'sgd' },
      pStar,
      theory: { samplesSlope: pStar - 1, flowTimeSlope: pStar / 2 - 1 },
      escapeLevel: ESCAPE_LEVEL,
      horizon: HORIZON,
      trials,
      ...sweeps,
    })}\n`,
  );
}

runCommand('sgd-escape', () => main(process.argv.slice(2)));
