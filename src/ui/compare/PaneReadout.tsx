// The counts under each pane of the split view, at the time both panes show: where the
// neurons are, how many distinct index vectors are recovered, and, for the squared loss, the
// honest measure of learning E[(f − f*)²]. data-counts carries the same JSON as the main readout.
import { arrivedCount } from '../../core/outcomes/classify.ts';
import type { Readout } from '../../state/store.ts';
import { formatNumber } from '../../view/format.ts';

export function PaneReadout({ readout, label, tol, testId }: { readout: Readout | null; label: string; tol: number; testId: string }) {
  const counts = readout?.counts ?? null;
  if (!readout || !counts) {
    return <p className="pane-readout muted" data-testid={testId} data-counts="">{label}: no frame yet</p>;
  }
  const k = counts.recovered.length;
  const covered = counts.recovered.filter((c) => c > 0).length;
  // neurons at the distorted minimum near v_j have arrived, as the sphere's tip labels count
  // them, but are not recovered (overlap below 1 − tol): then both numbers, or the caption would
  // say 0 under a tip labelled 96
  const distorted = (counts.atMinimum ?? []).some((c) => c > 0);
  const arrived = counts.recovered.map((_, j) => arrivedCount(counts, j));
  const reached = arrived.filter((c) => c > 0).length;
  const perVector = distorted
    ? arrived.map((c, j) => `v${j + 1} ${c} (${counts.recovered[j]})`).join(', ')
    : counts.recovered.map((c, j) => `v${j + 1} ${c}`).join(', ');
  const e = readout.generalizationError;
  return (
    <p className="pane-readout" data-testid={testId} data-counts={JSON.stringify(counts)} data-t={readout.t} data-covered={covered}>
      <strong>{label}</strong> at t = {formatNumber(readout.t, 4)}: {distorted ? 'arrived (recovered)' : 'recovered'} {perVector} (tol {tol}); {counts.atAverage} at average,{' '}
      {counts.other} other; {distorted ? `${reached} of ${k} index vectors reached, ${covered} recovered` : `${covered} of ${k} index vectors covered`}
      {e !== undefined && <>; E[(f − f*)²] = <span data-testid={`${testId}-gen-error`}>{formatNumber(e, 4)}</span></>}
    </p>
  );
}
