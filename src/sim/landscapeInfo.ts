// What the landscape view needs from the worker (docs/model.md §11): every critical point of
// L(w) = −Σ_j φ(w·v_j) on the sphere of span(V) with its drawing position, and φ tabulated on
// [−1, 1] so the page can shade the sphere without the kernel (whose exact forms are closures).
// The enumeration takes tens of milliseconds at k = 3, so it runs here, once per model.
import { criticalPoints, MAX_LANDSCAPE_K } from '../core/analysis/criticalPoints.ts';
import { DYNAMICS } from '../core/dynamics/kind.ts';
import { phi } from '../core/model/kernel.ts';
import type { Model } from '../core/model/model.ts';
import type { NeuronProjector } from '../core/projection/projection.ts';
import type { LandscapeInfo } from './protocol.ts';

/** Samples of φ on [−1, 1]: linear interpolation between them is far finer than a colour step. */
export const PHI_SAMPLES = 1025;

/** Null when there is no one-neuron landscape to draw: k > 3, or neurons that interact. */
export function landscapeInfo(model: Model, projector: NeuronProjector): LandscapeInfo | null {
  const { k, d } = model.spec;
  if (k > MAX_LANDSCAPE_K || DYNAMICS[model.kind].interacting) return null;
  const points = criticalPoints(model.geometry, model.kernel, d).map((p) => {
    const at = new Float32Array(3);
    projector.project(Float64Array.from(p.u), 1, at);
    return { kind: p.spanKind, u: p.u, loss: p.loss, position: [at[0], at[1], at[2]] as [number, number, number] };
  });
  const table = new Float64Array(PHI_SAMPLES);
  for (let i = 0; i < PHI_SAMPLES; i++) table[i] = phi(model.kernel, -1 + (2 * i) / (PHI_SAMPLES - 1));
  return { points, phi: table };
}
