// "Settled" for classification (docs/model.md §8): a neuron in span(V) whose overlaps have
// (nearly) stopped moving sits at a fixed point of the flow, named or not. The integrator holds
// neurons only at strict minima; this test also sees neurons resting at saddles or degenerate
// points, and it works on overlaps alone, so every dynamics' output can be classified alike.
import { spanCoordinates, type Geometry } from '../model/geometry.ts';
import type { Kernel } from '../model/kernel.ts';
import { overlapRHS } from '../dynamics/overlapOde.ts';

/** A neuron this close to span(V) (q = uᵀG⁺u ≥ 1 − SPAN_GAP) can be at a fixed point in it. */
const SPAN_GAP = 1e-4;
/** Largest |du/dt| (kernel scale 1) of a neuron that counts as settled. */
const SETTLED_SPEED = 1e-5;

/** Allocation-free test `(u, uo) => settled` for one geometry and kernel. */
export function settledTest(geometry: Geometry, kernel: Kernel, speedScale: number): (u: ArrayLike<number>, uo: number) => boolean {
  const { k } = geometry;
  const rhs = overlapRHS(geometry, kernel);
  const row = new Float64Array(k);
  const du = new Float64Array(k);
  const c = new Float64Array(k);
  const limit = SETTLED_SPEED * speedScale;
  return (u, uo) => {
    for (let j = 0; j < k; j++) row[j] = u[uo + j];
    spanCoordinates(geometry.chol, k, row, 0, c);
    let q = 0;
    for (let j = 0; j < k; j++) q += c[j] * c[j];
    if (!(q >= 1 - SPAN_GAP)) return false;
    rhs(row, 0, du, 0);
    let s = 0;
    for (let j = 0; j < k; j++) s += du[j] * du[j];
    return Math.sqrt(s) < limit;
  };
}
