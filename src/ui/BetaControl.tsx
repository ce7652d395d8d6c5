// The β slider with its threshold marks: the one interaction every demo turns on, so it sits
// in the presenter strip beside the view, over the view in fullscreen, and in embed mode.
// Marks come from one function (a list, so further thresholds such as β_fold join as entries).
import { getAppStore, useApp } from '../state/store.ts';
import { FIELDS } from '../url/schema.ts';
import { RangeControl } from './RangeControl.tsx';

interface BetaMark {
  value: number;
  label: string;
  /** which side of the mark its label sits on, so β_c and β_fold close together never collide */
  side?: 'before' | 'after';
}

const NO_ROOTS: number[] = [];

/**
 * The marks under the β slider: β_c, where w̄ becomes a minimum, and β_fold, where the minima
 * near the v_j vanish (each numbered when a mixture kernel has several).
 */
function betaMarks(betaC: readonly number[], betaFold: readonly number[] = NO_ROOTS): BetaMark[] {
  return [
    ...betaC.map((b, i) => ({ value: b, label: betaC.length > 1 ? `β_c${i + 1}` : 'β_c', side: betaFold.length > 0 ? ('before' as const) : undefined })),
    ...betaFold.map((b, i) => ({ value: b, label: betaFold.length > 1 ? `β_fold${i + 1}` : 'β_fold', side: 'after' as const })),
  ];
}

export function BetaSlider({ label = 'β (overlap of index vectors)' }: { label?: string }) {
  const beta = useApp((s) => s.params.beta);
  const geom = useApp((s) => s.params.geom);
  const betaC = useApp((s) => s.info?.betaC ?? NO_ROOTS);
  const betaFold = useApp((s) => s.info?.betaFold ?? NO_ROOTS);
  const f = FIELDS.get('beta')!;
  return (
    <RangeControl
      name="beta"
      label={label}
      value={beta}
      min={f.min!}
      max={f.max!}
      step={0.005}
      disabled={geom !== 'equi'}
      format={(v) => v.toFixed(3)}
      marks={betaMarks(betaC, betaFold)}
      onChange={(v) => getAppStore().getState().setParam('beta', v)}
    />
  );
}

/** The presenter strip's β control (Model holds the other parameters). */
export function BetaControl() {
  const geom = useApp((s) => s.params.geom);
  // orthogonal index vectors have no β: a greyed slider with β_c and β_fold marks would claim
  // thresholds that do not apply, so the strip says why instead
  if (geom === 'orth') {
    return (
      <fieldset className="controls beta-control" data-testid="beta-not-applicable">
        <legend>Index-vector overlap</legend>
        <p className="hint beta-orth">
          No β here: the index vectors are orthogonal (β = 0), so β_c and β_fold do not apply. They belong to equiangular vectors.
        </p>
      </fieldset>
    );
  }
  return (
    <fieldset className="controls beta-control">
      <legend>Index-vector overlap</legend>
      <BetaSlider />
      {geom !== 'equi' && <p className="hint">β applies to equiangular index vectors (Geometry in Model).</p>}
    </fieldset>
  );
}
