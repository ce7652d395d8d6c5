// Online SGD's overlap plot reads in samples as well as in flow time: samples = (batch/η)·t.
import type { SamplingPlan } from '../core/sgdPlan.ts';
import { samplesPerTText } from './timeUnit.ts';

export function samplesTitle(plan: SamplingPlan | undefined): string | undefined {
  return plan ? `samples = ${samplesPerTText(plan)}·t` : undefined;
}
