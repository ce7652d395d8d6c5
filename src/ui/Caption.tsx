// What is on screen, in one short paragraph that follows the current view.
import { radialR0 } from '../state/radial.ts';
import { useApp } from '../state/store.ts';
import { useProjection } from '../state/projectionView.ts';
import { formatPower10 } from '../view/format.ts';

export function Caption() {
  const runId = useApp((s) => s.info?.runId ?? -1);
  const configured = useApp((s) => s.info?.projection ?? 'exact');
  const redrawn = useProjection((p) => (p.runId === runId ? p.view?.projection : undefined));
  const projection = redrawn ?? configured;
  const k = useApp((s) => s.params.k);
  const d = useApp((s) => s.params.d);
  const r0 = radialR0(useApp((s) => s.params.radial), d);
  return (
    <p className="caption">
      Each dot is a neuron <i>w</i> on the sphere, coloured by the index vector it is heading for; arrows are the index
      vectors <i>v</i>₁…<i>v</i><sub>{k}</sub>; the ringed marker is their average point, labelled saddle or minimum.
      {d > 3 && k === 3 && ' A dot near the centre is still searching: its distance from the centre is its overlap with the span of the index vectors.'}
      {k > 3 && ' Every index vector is drawn; a converged dot sits at its arrow\'s tip, a searching one near the centre.'}
      {r0 > 0 && ` The radius is log-scaled (large d): from ${formatPower10(r0)} at the centre to 1 on the sphere, so the search plateau is visible; directions are exact.`}
      {' A disc at a tip or at w̄ grows with the number of neurons converged there (area ∝ count).'}
      {' A diamond labelled with its overlap (e.g. 0.93) is the distorted minimum near an index vector, where it has moved off the arrow towards w̄; its disc counts the neurons there. The number at a tip counts the neurons that have arrived (at the tip or at that minimum); “+m on the way” are still heading there.'}
      {k < 3 && ' The last axis is the part of w outside the span of the index vectors, so a searching neuron sits at that pole.'}
      {projection !== 'exact' && ` The picture is a ${projection}.`}
    </p>
  );
}
