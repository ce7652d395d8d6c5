// Online SGD's overlap plot reads in samples as well as in flow time: samples = (batch/η)·t.
import type { SamplingPlan } from '../core/sgdPlan.ts';

export function samplesTitle(plan: SamplingPlan | undefined): string | undefined {
  if (!plan) return undefined;
  const per = plan.batch / plan.eta;
  return `samples = ${per >= 1e5 ? per.toExponential(1) : Math.round(per)}·t`;
}
