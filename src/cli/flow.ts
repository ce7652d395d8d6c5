// flow '<query>' [--init FILE]: one run of the model to its end time, as one JSON object.
import type { Model } from '../core/model.ts';
import { runToEnd, type RunSummary } from '../core/run.ts';
import type { Params } from '../url/schema.ts';
import { parseFlags, queryArgument } from './args.ts';
import { runCommand } from './errors.ts';
import { readInitialOverlaps } from './initFile.ts';
import { readableJson, rowsOf } from './json.ts';
import { modelOfQuery } from './query.ts';

const USAGE = `usage: npm run -s flow -- '<query>' [--init FILE]

Runs the flow of the model the query describes (the app's permalink keys, see src/url/schema.ts)
to its end time and prints one JSON object: the parameters, β_c, the average point, the end
time, where the neurons ended (counts, with tol), and their final overlaps u (n rows of k).
With dyn=sgd (online SGD on samples) it adds \`samples\` (drawn, = batch · round(T/η)) and
\`sampling\` (η, batch, the work n·d·samples and the d^(p*−1) reference).

  --init FILE   initial overlaps: a JSON array of n rows of k numbers (n and k from the query),
                each with uᵀG⁻¹u ≤ 1; replaces the seeded random start
`;

export function flowReport(params: Params, model: Model, run: RunSummary, init: 'sampled' | 'file') {
  const { n, k, tol } = model.spec;
  return {
    params,
    betaC: model.betaC,
    average: model.average,
    t: run.t,
    init,
    counts: run.counts,
    allRecovered: run.allRecovered,
    tol,
    loss: run.loss,
    warnings: model.warnings,
    failed: run.failed,
    u: rowsOf(run.u, n, k),
  };
}

function main(argv: string[]): void {
  const { positionals, values } = parseFlags(argv, { init: { type: 'string' } });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const { params, model } = modelOfQuery(queryArgument(positionals));
  const initPath = values.init as string | undefined;
  const u0 = initPath === undefined ? undefined : readInitialOverlaps(initPath, model);
  const run = runToEnd(model, u0);
  const report = flowReport(params, model, run, u0 ? 'file' : 'sampled');
  // online SGD (dyn=sgd) also says how many samples it drew, at which η, against d^{p*−1}
  const sampled = run.flow.sampling ? { samples: run.flow.samples, sampling: run.flow.sampling } : {};
  process.stdout.write(`${readableJson({ ...report, ...sampled })}\n`);
}

runCommand('flow', () => main(process.argv.slice(2)));
