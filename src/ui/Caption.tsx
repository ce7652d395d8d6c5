// What is on screen, in one short paragraph that follows the current view.
import { useApp } from '../state/store.ts';

export function Caption() {
  const projection = useApp((s) => s.info?.projection ?? 'exact');
  const k = useApp((s) => s.params.k);
  const d = useApp((s) => s.params.d);
  return (
    <p className="caption">
      Each dot is a neuron <i>w</i> on the sphere, coloured by the index vector it is heading for; arrows are the index
      vectors <i>v</i>₁…<i>v</i><sub>{k}</sub>; the ringed marker is their average point, labelled saddle or minimum.
      {d > 3 && k === 3 && ' A dot near the centre is still searching: its distance from the centre is its overlap with the span of the index vectors.'}
      {k > 3 && ' Inside the ball a dot may be searching or may have found an index vector outside the three drawn directions.'}
      {k < 3 && ' The last axis is the part of w outside the span of the index vectors, so a searching neuron sits at that pole.'}
      {projection !== 'exact' && ` The picture is a ${projection}.`}
    </p>
  );
}
