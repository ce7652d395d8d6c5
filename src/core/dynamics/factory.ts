// The one factory of dynamics: a model's kind (kind.ts) picks its builder from one table, so
// no caller (worker, CLI, sweeps, basin map, SGD escape experiment) ever branches on which
// dynamics it holds. Every builder starts from the same seeded overlaps (docs/model.md §3).
import { activationPolynomials } from '../model/activationPolynomial.ts';
import { spanCoordinates } from '../model/geometry.ts';
import { sampleInitialOverlaps } from '../model/initialOverlaps.ts';
import { initialCoordinates } from '../model/jointStart.ts';
import { kernelScale } from '../model/kernel.ts';
import { samplingPlanOf, type Model } from '../model/model.ts';
import { criticalPointHessian } from '../analysis/hessian.ts';
import { CoupledFlow } from './coupledFlow.ts';
import { absoluteTolerance, RTOL } from './dormandPrince.ts';
import type { Dynamics } from './dynamics.ts';
import type { DynamicsKind } from './kind.ts';
import { overlapRHS, overlapRHSBatch } from './overlapOde.ts';
import { OverlapFlow } from './overlapFlow.ts';
import { SgdDynamics } from './sgd.ts';

/** Smallest Hessian eigenvalue for a fixed point to count as safely stable (kernel scale 1). */
const STABLE_CURVATURE = 1e-3;
/** Speed below which a neuron is tested for having settled (kernel scale 1). */
const SETTLE_SPEED = 1e-7;
/** Speed (per coordinate) below which the whole coupled system counts as at rest. */
const REST_SPEED = 1e-10;

const BUILDERS: Readonly<Record<DynamicsKind, (model: Model, u0: Float64Array) => Dynamics>> = {
  'corr-flow': (model, u0) => createFlow(model, u0),
  'mse-flow': (model, u0) => createCoupledFlow(model, u0),
  sgd: (model, u0) => createSgd(model, u0),
};

/** The dynamics the model's kind asks for, from the seeded start or from u0. */
export function createDynamics(model: Model, u0: Float64Array = initialOverlaps(model)): Dynamics {
  return BUILDERS[model.kind](model, u0);
}

export function initialOverlaps(model: Model): Float64Array {
  const { n, k, d, seed } = model.spec;
  return sampleInitialOverlaps(model.geometry, n, d, seed, new Float64Array(n * k));
}

/**
 * A neuron that has stopped moving is held only at a strict local minimum of the loss
 * (w ∈ span(V) and a positive-definite Hessian): near a saddle it must keep integrating,
 * since a tiny unstable component can still grow and carry it away.
 */
export function stableFixedPointTest(model: Model): (u: Float64Array, uo: number) => boolean {
  const { k, d } = model.spec;
  const { geometry, kernel } = model;
  const row = new Float64Array(k);
  const c = new Float64Array(k);
  const curvature = STABLE_CURVATURE * kernelScale(kernel);
  return (u, uo) => {
    spanCoordinates(geometry.chol, k, u, uo, c);
    let q = 0;
    for (let j = 0; j < k; j++) q += c[j] * c[j];
    if (q < 1 - 1e-6) return false;
    for (let j = 0; j < k; j++) row[j] = u[uo + j];
    const H = criticalPointHessian(geometry, kernel, row);
    if (d > geometry.rank && !(H.perp > curvature)) return false;
    return H.span.every((x) => x > curvature);
  };
}

/** The correlation loss's per-neuron flow (docs/model.md §2). */
export function createFlow(model: Model, u0: Float64Array = initialOverlaps(model)): OverlapFlow {
  const { k, n, d } = model.spec;
  const inSpan = d <= model.geometry.rank;
  return new OverlapFlow(overlapRHS(model.geometry, model.kernel, inSpan), k, u0, n, {
    rhsBatch: overlapRHSBatch(model.geometry, model.kernel, inSpan),
    rtol: RTOL,
    atol: absoluteTolerance(d),
    isSettled: stableFixedPointTest(model),
    settleSpeed: SETTLE_SPEED * kernelScale(model.kernel),
  });
}

/**
 * The squared loss's coupled flow (docs/model.md §9): the exact joint start in span(V, W(0))
 * coordinates and the correlation flow's tolerances, so n = 1 agrees with it.
 */
function createCoupledFlow(model: Model, u0: Float64Array): CoupledFlow {
  const { n, d, seed } = model.spec;
  if (!model.squared) throw new Error('the squared-loss flow needs a model built with loss=mse');
  const start = initialCoordinates(model.geometry, n, d, seed, u0);
  return new CoupledFlow(model.geometry, model.squared, start, n, { rtol: RTOL, atol: absoluteTolerance(d), restSpeed: REST_SPEED });
}

/** Online SGD from the flow's start u0, with the flow of the same neurons as its prediction (docs/model.md §10). */
export function createSgd(model: Model, u0: Float64Array = initialOverlaps(model)): SgdDynamics {
  const { n, d, k, seed, drop012 } = model.spec;
  const sigma = activationPolynomials(model.sigma, drop012);
  const target = activationPolynomials(model.target, drop012);
  return new SgdDynamics({
    geometry: model.geometry,
    n,
    d,
    seed,
    sigma: sigma.value,
    sigmaSlope: sigma.slope,
    target: target.value,
    plan: samplingPlanOf(model.spec, model.kernel),
    u0,
    flowOf: (rows) => createFlow({ ...model, kind: 'corr-flow', spec: { ...model.spec, n: rows } }, u0.slice(0, rows * k)),
  });
}
