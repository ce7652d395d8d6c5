// flow '<query>' [--init FILE]: one run of the model to its end time, as one JSON object.
import { buildModel, type Model } from '../core/model/model.ts';
import { modelSpecOf } from '../url/codec.ts';
import { comparedRun } from '../url/compare.ts';
import { countsNote, runToEnd, type RunSummary } from '../core/outcomes/run.ts';
import type { Params } from '../url/schema.ts';
import { parseFlags, queryArgument } from './args.ts';
import { runCommand } from './errors.ts';
import { readInitialOverlaps } from './initFile.ts';
import { readableJson, rowsOf } from './json.ts';
import { modelOfQuery } from './query.ts';
import { criticalPoints, MAX_LANDSCAPE_K } from '../core/analysis/criticalPoints.ts';
import { coveredCount } from '../core/outcomes/classify.ts';
import { regimeOfRun } from '../core/outcomes/regimeOfRun.ts';

const USAGE = `usage: npm run -s flow -- '<query>' [--init FILE]

Runs the flow of the model the query describes (the app's permalink keys, see src/url/schema.ts)
to its end time and prints one JSON object: the parameters, β_c and β_fold (between them both
the average and the minima near the v_j are minima), the average point, the minimum near v_j,
every critical point of the loss on the sphere of span(V) for k ≤ 3 (criticalPoints: overlaps u,
spanIndex, perpCurvature, spanKind, kind on S^{d−1}, loss), the end time, where the neurons ended (counts, with tol and, for even φ, a note on the merged
±v_j), warnings (among them neurons that had not settled by the end), their final overlaps
u (n rows of k), and regime: the sentence the app shows under the view (where β sits against
β_c and β_fold, and while most neurons still search, how far along the plateau).
With loss=mse it adds generalizationError (E[(f − f*)²] at the end) and covered (distinct index
vectors recovered). With compare=… (as in the app's split view) it adds \`compared\`: the same
report for the second run, from the same start.
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
    betaFold: model.betaFold,
    average: model.average,
    indexMinimum: model.indexMinimum,
    criticalPoints: model.spec.k <= MAX_LANDSCAPE_K ? criticalPoints(model.geometry, model.kernel, model.spec.d) : null,
    t: run.t,
    init,
    counts: run.counts,
    allRecovered: run.allRecovered,
    tol,
    countsNote: countsNote(model),
    loss: run.loss,
    warnings: [...model.warnings, ...run.warnings],
    failed: run.failed,
    ...(run.generalizationError === undefined ? {} : { generalizationError: run.generalizationError, covered: coveredCount(run.counts) }),
    u: rowsOf(run.u, n, k),
    // last, so every field before it is where it was: the sentence the app shows under the view
    regime: regimeOfRun(model, run.t, run.u),
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
  const report: Record<string, unknown> = flowReport(params, model, run, u0 ? 'file' : 'sampled');
  // compare=…: the second run of the app's split view, from the same start
  const compared = comparedRun(params);
  if (compared.ok && compared.value) {
    const second = buildModel(modelSpecOf(compared.value.params));
    const { params: _same, ...rest } = flowReport(compared.value.params, second, runToEnd(second, u0), u0 ? 'file' : 'sampled');
    report.compared = { label: compared.value.rightLabel, params: compared.value.params, ...rest };
  }
  // online SGD (dyn=sgd) also says how many samples it drew, at which η, against d^{p*−1}
  if (run.flow.sampling) Object.assign(report, { samples: run.flow.samples, sampling: run.flow.sampling });
  process.stdout.write(`${readableJson(report)}\n`);
}

runCommand('flow', () => main(process.argv.slice(2)));
