// How big a piece of work is, in units that cost about the same time each within one kind of
// work: the page's deadlines scale what a worker has measured by the ratio of these, so a
// larger model or a longer run gets a longer bound before it has been timed itself.
import { dynamicsKind, traitsOf } from '../core/dynamics/kind.ts';
import { samplingPlanOf, type ModelSpec } from '../core/model/model.ts';
import type { ExploreJob } from './protocol.ts';

/** One evaluation of the dynamics: what building a run and each of its steps scale with. */
export function specUnits(spec: ModelSpec): number {
  const { n, k, d } = spec;
  const traits = traitsOf(spec);
  if (traits.fromSamples) return n * (d + k) * (spec.batch ?? 1);
  return traits.interacting ? n * n * (n + k) : n * k;
}

/** A whole job of the explore pool: a basin slice by its starts, SGD by n·d·samples to its end. */
export function jobUnits(job: ExploreJob): number {
  if (job.kind === 'basin') return job.count;
  const spec = job.job.spec;
  return traitsOf(spec).fromSamples ? samplingPlanOf(spec).work : specUnits(spec);
}

/** Jobs whose time per unit is alike: a batch's, and those of later batches of the same class. */
export function workClass(job: ExploreJob): string {
  return job.kind === 'basin' ? 'basin' : `${job.job.kind}:${dynamicsKind(job.job.spec)}`;
}
