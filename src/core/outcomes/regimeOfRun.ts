// The regime sentence (core/analysis/regime.ts) of a model at a run's end: the sentence the app
// shows under the view, for the command line's report.
import { hasEscaped } from '../analysis/escape.ts';
import { describeRegime, type Regime } from '../analysis/regime.ts';
import { traitsOf } from '../dynamics/kind.ts';
import { selectsNoDirection, type Model } from '../model/model.ts';

/** `u`: the n × k overlaps at time t (row-major), as the run ended. */
export function regimeOfRun(model: Model, t: number, u: ArrayLike<number>): Regime {
  const { n, k, d, geom, beta } = model.spec;
  let escaped = 0;
  for (let i = 0; i < n; i++) if (hasEscaped(u, i * k, k)) escaped++;
  return describeRegime({
    k,
    pStar: model.kernel.pStar,
    even: model.kernel.even,
    geom,
    beta: geom === 'equi' ? beta : 0,
    betaC: model.betaC,
    betaFold: model.betaFold,
    averageKind: model.average ? model.average.kind : null,
    minimumOverlap: model.indexMinimum ? model.indexMinimum.overlap : null,
    noSelection: selectsNoDirection(model.kernel, model.geometry),
    squaredLoss: traitsOf(model.spec).interacting,
    search: { t, d, escaped, n },
  });
}
