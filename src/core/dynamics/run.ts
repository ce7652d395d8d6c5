// One run of the flow for a model: seeded initial overlaps, the per-neuron integrator, and
// the summary the CLI and the app report.
import { allRecovered, countOutcomes, type ClassifyOptions, type OutcomeCounts } from '../outcomes/classify.ts';
import { sampleInitialOverlaps } from '../model/initialOverlaps.ts';
import type { Dynamics } from './dynamics.ts';
import { OverlapFlow } from './overlapFlow.ts';
import { createCoupledFlow } from './coupledRun.ts';
import { spanCoordinates } from '../model/geometry.ts';
import type { Kernel } from '../model/kernel.ts';
import { criticalPointHessian } from '../analysis/hessian.ts';
import { activationPolynomials } from '../model/activationPolynomial.ts';
import { samplingPlanOf, selectsNoDirection, type Model } from '../model/model.ts';
import { SgdDynamics } from './sgd.ts';
import { meanLoss, overlapRHS, overlapRHSBatch } from './overlapOde.ts';
import { settledTest } from '../outcomes/settle.ts';

export const RTOL = 1e-8;

/** Overlaps all below EQUATOR_RADIUS/√d (a hundredth of a typical start) put an odd-φ neuron at the equator. */
const EQUATOR_RADIUS = 0.01;

export function classifyOptionsOf(model: Model): ClassifyOptions {
  return {
    k: model.spec.k,
    averageOverlap: model.average ? model.average.overlap : NaN,
    even: model.kernel.even,
    tol: model.spec.tol,
    isSettled: settledTest(model.geometry, model.kernel, kernelScale(model.kernel)),
    gram: model.geometry.gram,
    noSelection: selectsNoDirection(model.kernel, model.geometry),
    equatorRadius: model.spec.d > model.geometry.rank ? EQUATOR_RADIUS / Math.sqrt(model.spec.d) : 0,
  };
}

export function initialOverlaps(model: Model): Float64Array {
  const { n, k, d, seed } = model.spec;
  return sampleInitialOverlaps(model.geometry, n, d, seed, new Float64Array(n * k));
}

/** Smallest Hessian eigenvalue for a fixed point to count as safely stable (kernel scale 1). */
const STABLE_CURVATURE = 1e-3;
/** Speed below which a neuron is tested for having settled (kernel scale 1). */
const SETTLE_SPEED = 1e-7;

/**
 * Velocities and curvatures scale with the size of φ: S = Σ|p c_p| bounds |φ'| on [−1, 1].
 * The thresholds above were set for ordinary kernels (S = 3 for h_3); a kernel with huge
 * coefficients scales them as S/3, or no neuron would ever count as settled and each would
 * run into the step cap. Ordinary kernels (S ≤ 100) keep them exactly as they are.
 */
export function kernelScale(kernel: Kernel): number {
  let s = 0;
  for (let p = 0; p < kernel.dc.length; p++) s += Math.abs(kernel.dc[p]);
  return s > 100 ? s / 3 : 1;
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

export function createFlow(model: Model, u0: Float64Array = initialOverlaps(model)): OverlapFlow {
  const { k, n, d } = model.spec;
  const inSpan = d <= model.geometry.rank;
  return new OverlapFlow(overlapRHS(model.geometry, model.kernel, inSpan), k, u0, n, {
    rhsBatch: overlapRHSBatch(model.geometry, model.kernel, inSpan),
    rtol: RTOL,
    atol: (RTOL * 1e-2) / Math.sqrt(d),
    isSettled: stableFixedPointTest(model),
    settleSpeed: SETTLE_SPEED * kernelScale(model.kernel),
  });
}

/**
 * The dynamics a model asks for, chosen here once. Today that is the correlation loss's
 * per-neuron flow or online SGD on samples; further dynamics add their own case to this one choice.
 */
export function createDynamics(model: Model, u0: Float64Array = initialOverlaps(model)): Dynamics {
  if (model.spec.dyn === 'sgd') return createSgd(model, u0);
  if (model.squared) return createCoupledFlow(model, model.squared, u0);
  return createFlow(model, u0);
}

/** Online SGD from the flow's start u0, with the flow of the same neurons as its prediction. */
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
    flowOf: (rows) => createFlow({ ...model, spec: { ...model.spec, n: rows } }, u0.slice(0, rows * k)),
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
  /** what the counts at this time do not say by themselves (e.g. neurons that had not settled) */
  warnings: string[];
  /** E[(f − f*)²] at t, for dynamics that know it (the squared-loss flow) */
  generalizationError?: number;
}

/** For even φ the counts merge ±v_j and ±w̄: said next to them (null for odd φ). */
export function countsNote(model: Model): string | null {
  if (!model.kernel.even) return null;
  return 'φ is even, so +v_j and −v_j are the same outcome and so are +w̄ and −w̄: attracted/recovered count both signs (attractedNegative/recoveredNegative give the −v_j part), atAverage counts both (atAverageNegative gives the −w̄ part)';
}

function unsettledWarning(counts: OutcomeCounts, t: number): string[] {
  const m = counts.otherKinds.unsettled;
  if (m === 0) return [];
  return [`${m} neuron${m === 1 ? ' has' : 's have'} not settled by t = ${t.toPrecision(4)} (neither at a fixed point nor clearly heading for one index vector): a longer T= may settle ${m === 1 ? 'it' : 'them'}`];
}

export function summarize(model: Model, flow: Dynamics, t: number, u: Float64Array): RunSummary {
  const { n, k } = model.spec;
  const counts = countOutcomes(u, n, classifyOptionsOf(model), flow.failed);
  let failed = 0;
  for (let i = 0; i < n; i++) failed += flow.failed[i];
  const summary: RunSummary = { t, u, counts, allRecovered: allRecovered(counts), loss: meanLoss(model.kernel, u, n, k), failed, warnings: unsettledWarning(counts, t) };
  if (flow.generalizationError) summary.generalizationError = flow.generalizationError();
  return summary;
}

/** Runs the model to its end time and summarizes where the neurons are. */
export function runToEnd(model: Model, u0?: Float64Array): RunSummary & { flow: Dynamics } {
  const flow = createDynamics(model, u0);
  const u = new Float64Array(model.spec.n * model.spec.k);
  flow.advanceTo(model.tEnd, u);
  return { ...summarize(model, flow, model.tEnd, u), flow };
}
