// One run to its end and the summary the CLI and the app report: the outcome counts under the
// classification rules (docs/model.md §8), the loss, and what the counts do not say alone.
import { meanLoss } from '../dynamics/overlapOde.ts';
import type { Dynamics } from '../dynamics/dynamics.ts';
import { createDynamics } from '../dynamics/factory.ts';
import { kernelScale } from '../model/kernel.ts';
import { selectsNoDirection, type Model } from '../model/model.ts';
import { allRecovered, countOutcomes, type ClassifyOptions, type OutcomeCounts } from './classify.ts';
import { settledTest } from './settle.ts';

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
    indexMinimum: model.indexMinimum,
  };
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
