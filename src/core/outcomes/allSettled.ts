// Whether a whole run has come to rest (docs/model.md §8): a run none of whose neurons will
// change its count or move on the screen before T may be finished at once by the page (the state
// at T is still computed, never assumed). A neuron is at rest when
//   - it passes the classification's own settled test (settle.ts: in span(V), |du/dt| < 10⁻⁵·s), or
//   - its integration failed (it stays where it is), or
//   - it is at the equator (odd φ, §8 rule 6), which it never leaves for another fate, and its
//     speed times the time left is below what the view can show (SCREEN_STEP).
// Equator neurons need the second rule: for odd φ they creep towards u = 0 forever (du/dt ~ u²,
// slowing down), so no run with one of them would ever count as settled. The bound speed × time
// left is not used for any other neuron: one on a plateau speeds up before it escapes (§5).
import { overlapRHS } from '../dynamics/overlapOde.ts';
import type { Geometry } from '../model/geometry.ts';
import type { Kernel } from '../model/kernel.ts';
import { classifyNeuron, type ClassifyOptions } from './classify.ts';

/**
 * Largest overlap change that cannot be seen: the view draws the unit sphere at most a few
 * hundred pixels across, so 10⁻³ is about a third of a pixel on a 1280×720 projector.
 */
export const SCREEN_STEP = 1e-3;

/** Allocation-free test `(u, n, t, tEnd, failed) => every neuron at rest` for one model. */
export function runAtRest(geometry: Geometry, kernel: Kernel, opt: ClassifyOptions) {
  const k = opt.k;
  const rhs = overlapRHS(geometry, kernel);
  const row = new Float64Array(k);
  const du = new Float64Array(k);
  const speed = (u: ArrayLike<number>, uo: number): number => {
    for (let j = 0; j < k; j++) row[j] = u[uo + j];
    rhs(row, 0, du, 0);
    let s = 0;
    for (let j = 0; j < k; j++) s += du[j] * du[j];
    return Math.sqrt(s);
  };
  return (u: ArrayLike<number>, n: number, t: number, tEnd: number, failed?: Uint8Array): boolean => {
    const settled = opt.isSettled;
    if (!settled) return false;
    const left = Math.max(0, tEnd - t);
    // the first neuron still moving ends the scan: cheap while a run is under way
    for (let i = 0; i < n; i++) {
      if (failed && failed[i] === 1) continue;
      const uo = i * k;
      if (settled(u, uo)) continue;
      if (classifyNeuron(u, uo, opt).kind !== 'equator') return false;
      if (!(speed(u, uo) * left < SCREEN_STEP)) return false;
    }
    return true;
  };
}
