// The β slider with its threshold marks: the one interaction every demo turns on, so it sits
// in the presenter strip beside the view, over the view in fullscreen, and in embed mode.
// Marks come from one function (a list, so further thresholds such as β_fold join as entries).
import { getAppStore, useApp } from '../state/store.ts';
import { FIELDS } from '../url/schema.ts';
import { RangeControl } from './RangeControl.tsx';
import { regimeAt, regimeTargets, type Regime } from './regimeTargets.ts';
import { useRoomForBoth } from '../plots/PlotsPanel.tsx';
import { thresholdViewStore, useThresholdViewOpen } from '../state/thresholdView.ts';
import './betaControl.css';

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
      fineStep={0.001}
      disabled={geom !== 'equi'}
      format={(v) => v.toFixed(3)}
      marks={betaMarks(betaC, betaFold)}
      onChange={(v) => getAppStore().getState().setParam('beta', v)}
    />
  );
}

const REGIME_LABELS: Record<Regime, string> = { below: 'below β_c', between: 'between', above: 'above β_fold' };

/**
 * One button per regime: the window [β_c, β_fold] is a few pixels of the slider, so "between"
 * is a click rather than a lucky drag. A regime that does not exist for this model is disabled
 * with its reason (docs/model.md §7).
 */
function RegimeButtons() {
  const beta = useApp((s) => s.params.beta);
  const betaC = useApp((s) => s.info?.betaC ?? NO_ROOTS);
  const betaFold = useApp((s) => s.info?.betaFold ?? NO_ROOTS);
  const targets = regimeTargets(betaC, betaFold);
  const regime = regimeAt(beta, betaC, betaFold);
  const missing = targets.filter((t) => t.beta === null);
  const thresholdOpen = useThresholdViewOpen();
  const both = useRoomForBoth();
  return (
    <div className="regime-buttons" role="group" aria-label="set β into a regime" data-testid="regime-buttons">
      {targets.map((t) => (
        <button
          key={t.regime}
          type="button"
          name={`regime-${t.regime}`}
          disabled={t.beta === null}
          aria-pressed={t.beta !== null && regime === t.regime}
          title={t.beta === null ? t.reason : `β = ${t.beta}: ${t.reason}`}
          aria-describedby={t.beta === null ? `regime-why-${t.regime}` : undefined}
          onClick={() => t.beta !== null && getAppStore().getState().setParam('beta', t.beta)}
        >
          {REGIME_LABELS[t.regime]}
        </button>
      ))}
      {!both && (
        <button
          type="button"
          name="plots-threshold"
          className="threshold-open"
          aria-pressed={thresholdOpen}
          title="the threshold view: μ_span(β) and a zoom on the window [β_c, β_fold], in place of the plots against time"
          aria-label="threshold view: μ_span(β) plot with a zoom on the window"
          onClick={() => thresholdViewStore.getState().setOpen(!thresholdOpen)}
        >
          μ<sub>span</sub>(β)
        </button>
      )}
      {missing.length > 0 && (
        <p className="hint regime-why">
          {missing.map((t) => (
            <span key={t.regime} id={`regime-why-${t.regime}`}>
              {REGIME_LABELS[t.regime]}: {t.reason}.{' '}
            </span>
          ))}
        </p>
      )}
    </div>
  );
}

/** The presenter strip's β control (Model holds the other parameters). */
export function BetaControl() {
  const geom = useApp((s) => s.params.geom);
  const k = useApp((s) => s.params.k);
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
      {geom === 'equi' && k >= 2 && <RegimeButtons />}
      {geom !== 'equi' && <p className="hint">β applies to equiangular index vectors (Geometry in Model).</p>}
    </fieldset>
  );
}
