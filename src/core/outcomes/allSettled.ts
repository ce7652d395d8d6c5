// Whether a whole run has come to rest, by the very test the classification uses for one neuron
// (settle.ts, docs/model.md §8): every neuron sits in span(V) with (nearly) no speed left. Such a
// run changes no count and no pixel on its way to T, so the page may finish it at once (the state
// at T is still computed, never assumed). Neurons whose integration failed stay where they are.
import type { ClassifyOptions } from './classify.ts';

/** True when each of the n neurons (rows of k overlaps in u) passes opt.isSettled or has failed. */
export function allSettled(u: ArrayLike<number>, n: number, opt: ClassifyOptions, failed?: Uint8Array): boolean {
  const test = opt.isSettled;
  if (!test) return false;
  const k = opt.k;
  for (let i = 0; i < n; i++) {
    if (failed && failed[i] === 1) continue;
    // the first neuron still moving ends the scan: cheap while a run is under way
    if (!test(u, i * k)) return false;
  }
  return true;
}
