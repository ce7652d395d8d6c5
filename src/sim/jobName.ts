// A job of the explore pool as a message names it: which run of which sweep, or which cells.
import { trialSeed } from '../core/experiments/trials.ts';
import type { ExploreJob } from './protocol.ts';

export function jobName(job: ExploreJob): string {
  if (job.kind === 'basin') return `the basin-map slice of cells ${job.from + 1}–${job.from + job.count}`;
  const { kind, spec, trial } = job.job;
  const at = kind === 'coupon' ? `n = ${spec.n}` : kind === 'escape' ? `d = ${spec.d}` : kind === 'phase' ? `β = ${spec.beta}, k = ${spec.k}` : `β = ${spec.beta}`;
  return `the run at ${at} with seed ${trialSeed(spec.seed, trial)}`;
}
