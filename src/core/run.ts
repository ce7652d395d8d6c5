// One run of the flow for a model: seeded initial overlaps, the per-neuron integrator, and
// the summary the CLI and the app report.
import { allRecovered, countOutcomes, type ClassifyOptions, type OutcomeCounts } from './classify.ts';
import { sampleInitialOverlaps } from './init.ts';
import { OverlapFlow } from './integrator.ts';
import { spanNormSquared } from './geometry.ts';
import { criticalPointHessian } from './hessian.ts';
import type { Model } from './model.ts';
import { meanLoss, overlapRHS, overlapRHSBatch } from './ode.ts';

export const RTOL = 1e-8;

export function classifyOptionsOf(model: Model): ClassifyOptions {
  return {
    k: model.spec.k,
    averageOverlap: model.average ? model.average.overlap : NaN,
    even: model.kernel.even,
    tol: model.spec.tol,
  };
}

export function initialOverlaps(model: Model): Float64Array {
  const { n, k, d, seed } = model.spec;
  return sampleInitialOverlaps(model.geometry, n, d, seed, new Float64Array(n * k));
}

/** Smallest Hessian eigenvalue for a fixed point to count as safely stable. */
const STABLE_CURVATURE = 1e-3;

/**
 * A neuron that has stopped moving is held only at a strict local minimum of the loss
 * (w ∈ span(V) and a positive-definite Hessian): near a saddle it must keep integrating,
 * since a tiny unstable component can still grow and carry it away.
 */
export function stableFixedPointTest(model: Model): (u: Float64Array, uo: number) => boolean {
  const { k, d } = model.spec;
  const { geometry, kernel } = model;
  const row = new Float64Array(k);
  return (u, uo) => {
    for (let j = 0; j < k; j++) row[j] = u[uo + j];
    if (spanNormSquared(geometry.chol, k, row) < 1 - 1e-6) return false;
    const H = criticalPointHessian(geometry, kernel, row);
    if (d > geometry.rank && !(H.perp > STABLE_CURVATURE)) return false;
    return H.span.every((x) => x > STABLE_CURVATURE);
  };
}

export function createFlow(model: Model, u0: Float64Array = initialOverlaps(model)): OverlapFlow {
  const { k, n, d } = model.spec;
  const inSpan = d <= model.geometry.rank;
  return new OverlapFlow(overlapRHS(model.geometry, model.kernel, inSpan), k, u0, n, {
    rhsBatch: overlapRHSBatch(model.geometry, model.kernel, inSpan),
    rtol: RTOL,
    atol: (RTOL * 1e-2) / Math.sqrt(d),
    isSettled: stableFixedPointTest(model),
  });
}

export interface RunSummary {
  t: number;
  u: Float64Array;
  counts: OutcomeCounts;
  allRecovered: boolean;
  loss: number;
  /** neurons whose integration failed (non-finite values): reported, never hidden */
  failed: number;
}

export function summarize(model: Model, flow: OverlapFlow, t: number, u: Float64Array): RunSummary {
  const { n, k } = model.spec;
  const counts = countOutcomes(u, n, classifyOptionsOf(model));
  let failed = 0;
  for (let i = 0; i < n; i++) failed += flow.failed[i];
  return { t, u, counts, allRecovered: allRecovered(counts), loss: meanLoss(model.kernel, u, n, k), failed };
}

/** Runs the model to its end time and summarizes where the neurons are. */
export function runToEnd(model: Model, u0?: Float64Array): RunSummary & { flow: OverlapFlow } {
  const flow = createFlow(model, u0);
  const u = new Float64Array(model.spec.n * model.spec.k);
  flow.advanceTo(model.tEnd, u);
  return { ...summarize(model, flow, model.tEnd, u), flow };
}
