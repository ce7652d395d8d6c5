// What an explore worker does with one job; kept apart from the worker file so Node tests
// (and a pool's in-thread fallback) run exactly the same code.
import { basinSlice } from '../core/experiments/basin.ts';
import { buildModel, specKey, type Model } from '../core/model/model.ts';
import { runSweepJob } from '../core/experiments/sweeps.ts';
import type { ExploreJob, ExploreResult, FromExploreWorker, ToExploreWorker } from './protocol.ts';

/** Models of recent sweep points: a worker gets many trials of the same point in a row. */
const models = new Map<string, Model>();
const MAX_MODELS = 64;

function modelOf(spec: ExploreJob & { kind: 'sweep' }): Model {
  const key = specKey(spec.job.spec);
  let m = models.get(key);
  if (!m) {
    m = buildModel(spec.job.spec);
    if (models.size >= MAX_MODELS) models.delete(models.keys().next().value as string);
    models.set(key, m);
  }
  return m;
}

export function runExploreJob(job: ExploreJob): ExploreResult {
  if (job.kind === 'basin') {
    const s = basinSlice(job.spec, job.grid, job.from, job.count);
    return { kind: 'basin', from: s.from, codes: s.codes, rhsEvals: s.rhsEvals, failed: s.failed };
  }
  return { kind: 'sweep', result: runSweepJob(job.job, modelOf(job)) };
}

/** A worker's reply to one job message: the result and its compute time, or what went wrong. */
export function answerJob({ jobId, job }: ToExploreWorker): FromExploreWorker {
  const t0 = performance.now();
  try {
    return { type: 'result', jobId, result: runExploreJob(job), computeMs: performance.now() - t0 };
  } catch (err) {
    return { type: 'error', jobId, message: err instanceof Error ? err.message : String(err) };
  }
}
