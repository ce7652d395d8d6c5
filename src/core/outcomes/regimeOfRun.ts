// The regime sentence (core/analysis/regime.ts) of a model as a run sees it: the sentence the
// app shows under the view (from the worker's report of the model) and the command line prints
// (from the model itself), built in one place from the facts both have.
import type { AveragePoint } from '../analysis/averagePoint.ts';
import { escapedCount } from '../analysis/escape.ts';
import type { IndexMinimum } from '../analysis/fold.ts';
import { describeRegime, type Regime } from '../analysis/regime.ts';
import { traitsOf } from '../dynamics/kind.ts';
import { selectsNoDirection, type Model, type ModelSpec } from '../model/model.ts';

/** What the sentence needs of a model: the worker's report of it carries the same fields. */
export interface RegimeFacts {
  spec: ModelSpec;
  pStar: number;
  even: boolean;
  betaC: readonly number[];
  betaFold: readonly number[];
  average: Pick<AveragePoint, 'kind'> | null;
  indexMinimum: Pick<IndexMinimum, 'overlap'> | null;
  /** φ = t² with orthogonal index vectors: no direction is selected */
  noSelection: boolean;
}

/** The sentence at time t, with `escaped` of the n neurons off the plateau (null: not known). */
export function regimeOfFacts(f: RegimeFacts, t: number, escaped: number | null): Regime {
  const { k, d, n, geom, beta } = f.spec;
  return describeRegime({
    k,
    pStar: f.pStar,
    even: f.even,
    geom,
    beta: geom === 'equi' ? beta : 0,
    betaC: f.betaC,
    betaFold: f.betaFold,
    averageKind: f.average ? f.average.kind : null,
    minimumOverlap: f.indexMinimum ? f.indexMinimum.overlap : null,
    noSelection: f.noSelection,
    // the coupled (squared-loss) flow: the thresholds named are the correlation loss's
    squaredLoss: traitsOf(f.spec).interacting,
    search: escaped === null ? null : { t, d, escaped, n },
  });
}

/** `u`: the n × k overlaps at time t (row-major), as the run ended. */
export function regimeOfRun(model: Model, t: number, u: ArrayLike<number>): Regime {
  const facts: RegimeFacts = {
    spec: model.spec,
    pStar: model.kernel.pStar,
    even: model.kernel.even,
    betaC: model.betaC,
    betaFold: model.betaFold,
    average: model.average,
    indexMinimum: model.indexMinimum,
    noSelection: selectsNoDirection(model.kernel, model.geometry),
  };
  return regimeOfFacts(facts, t, escapedCount(u, model.spec.n, model.spec.k));
}
