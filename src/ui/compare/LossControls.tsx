// Which loss the network follows, the squared loss's second layer, and the split view.
// Every control's `name` is its permalink key. The comparison is a preset (the other loss, or
// β on the other side of β_c) or any KEY:VALUE typed in; a bad one is reported by the codec.
import { useEffect, useState } from 'react';
import { MAX_MSE_NEURONS } from '../../core/model/model.ts';
import { getAppStore, useApp } from '../../state/store.ts';
import { formatNumber } from '../../view/format.ts';

export function LossControls() {
  const loss = useApp((s) => s.params.loss);
  const a = useApp((s) => s.params.a);
  const compare = useApp((s) => s.params.compare);
  const betaC = useApp((s) => s.info?.betaC[0]);
  const set = getAppStore().getState().setParam;
  const [compareText, setCompareText] = useState(compare);
  const [aText, setAText] = useState(String(a));
  useEffect(() => setCompareText(compare), [compare]);
  useEffect(() => setAText(String(a)), [a]);
  // β just across the threshold from the current run, as a teacher would pick it
  const across = betaC === undefined ? null : `beta:${formatNumber(Math.min(0.99, betaC + 0.1), 3)}`;
  const applyA = () => {
    const x = Number(aText);
    if (aText.trim() !== '' && Number.isFinite(x)) set('a', x);
    else setAText(String(a));
  };
  return (
    <fieldset className="controls loss-controls">
      <legend>Loss and comparison</legend>
      <div className="model-fields">
        <label className="geometry-field">
          <span className="field-label">Loss</span>
          <select name="loss" value={loss} onChange={(e) => set('loss', e.currentTarget.value as typeof loss)}>
            <option value="corr">correlation (paper)</option>
            <option value="mse">squared (n ≤ {MAX_MSE_NEURONS})</option>
          </select>
        </label>
        {loss === 'mse' && (
          <label className="geometry-field">
            <span className="field-label">a (2nd layer, 0 = k/n)</span>
            <input name="a" type="number" min={0} step="any" value={aText} onChange={(e) => setAText(e.currentTarget.value)} onBlur={applyA}
              onKeyDown={(e) => e.key === 'Enter' && applyA()} />
          </label>
        )}
        <label className="geometry-field">
          <span className="field-label">Side by side</span>
          <select name="compare-preset" value={compare === '' || compare === 'loss' || compare === across ? compare : 'custom'}
            onChange={(e) => e.currentTarget.value !== 'custom' && set('compare', e.currentTarget.value)}>
            <option value="">no split view</option>
            <option value="loss">the other loss</option>
            {across && <option value={across}>β = {across.slice(5)} (across β_c)</option>}
            <option value="custom">one parameter changed (typed below)…</option>
          </select>
        </label>
        <label className="geometry-field">
          <span className="field-label">compare</span>
          <input name="compare" type="text" value={compareText} placeholder="loss or KEY:VALUE" spellCheck={false}
            onChange={(e) => setCompareText(e.currentTarget.value)} onBlur={() => set('compare', compareText.trim())}
            onKeyDown={(e) => e.key === 'Enter' && set('compare', compareText.trim())} />
        </label>
      </div>
    </fieldset>
  );
}
