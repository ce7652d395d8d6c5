// The squared loss's readouts beside the outcome counts: the second layer a in use, the
// generalization error E[(f − f*)²] (0 exactly when the target is reproduced), and how many
// distinct index vectors at least one neuron recovered. Shown only for loss=mse.
import { useApp } from '../../state/store.ts';
import { formatNumber } from '../../view/format.ts';

export function SquaredLossReadout() {
  const loss = useApp((s) => s.params.loss);
  const a = useApp((s) => s.params.a);
  const k = useApp((s) => s.params.k);
  const n = useApp((s) => s.params.n);
  const e = useApp((s) => s.readout.generalizationError);
  const counts = useApp((s) => s.readout.counts);
  if (loss !== 'mse') return null;
  const covered = counts ? counts.recovered.filter((c) => c > 0).length : 0;
  return (
    <p className="readout squared-loss" data-testid="squared-loss-readout">
      Squared loss, second layer a = {a > 0 ? formatNumber(a, 4) : `k/n = ${formatNumber(k / n, 4)}`}: E[(f − f*)²] ={' '}
      <span data-testid="gen-error">{e === undefined ? '…' : formatNumber(e, 4)}</span>; {covered} of {k} index vectors covered.
    </p>
  );
}
