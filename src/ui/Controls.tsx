// Model and playback controls. Every control's `name` is its permalink key.
import { useState } from 'react';
import { useApp, getAppStore } from '../state/store.ts';
import { FIELDS, type ParamKey } from '../url/schema.ts';
import { RangeControl } from './RangeControl.tsx';
import { ActivationField, DropLowField, KernelSummary } from './ActivationField.tsx';
import { GramField } from './GramField.tsx';
import { ExactValues } from './ExactValues.tsx';
import { formatPower10 } from './format.ts';

const NO_ROOTS: number[] = [];

const range = (key: ParamKey) => {
  const f = FIELDS.get(key)!;
  return { min: f.min!, max: f.max! };
};

export function ModelControls() {
  const p = useApp((s) => s.params);
  const betaC = useApp((s) => s.info?.betaC ?? NO_ROOTS);
  const resetNonce = useApp((s) => s.resetNonce);
  const set = getAppStore().getState().setParam;
  // "custom Gram matrix" opens the editor; the geometry changes only when a matrix is applied.
  // A loaded link or a reset (both bump resetNonce) closes an editor left unapplied.
  const [editingGram, setEditingGram] = useState<number | null>(null);
  const geomShown = p.geom === 'gram' || editingGram === resetNonce ? 'gram' : p.geom;
  const chooseGeometry = (g: typeof p.geom) => {
    if (g === 'gram') {
      setEditingGram(resetNonce);
      return;
    }
    setEditingGram(null);
    set('geom', g);
  };
  return (
    <fieldset className="controls">
      <legend>Model</legend>
      <RangeControl
        name="beta"
        label="β (overlap of index vectors)"
        value={p.beta}
        {...range('beta')}
        step={0.005}
        disabled={p.geom !== 'equi'}
        format={(v) => v.toFixed(3)}
        marks={betaC.map((b, i) => ({ value: b, label: betaC.length > 1 ? `β_c${i + 1}` : 'β_c' }))}
        onChange={(v) => set('beta', v)}
      />
      <RangeControl name="k" label="k (index vectors)" value={p.k} {...range('k')} step={1} onChange={(v) => set('k', v)} />
      <RangeControl name="n" label="n (neurons)" value={p.n} min={1} max={range('n').max} step={0.01}
        toSlider={Math.log10} fromSlider={(s) => Math.round(10 ** s)} format={(v) => String(v)} onChange={(v) => set('n', v)} />
      <RangeControl name="p" label="p (Hermite degree)" value={p.p} {...range('p')} step={1} onChange={(v) => set('p', v)} />
      <RangeControl name="d" label="d (dimension, log scale)" value={p.d} min={Math.max(1, p.k)} max={range('d').max} step={0.01}
        toSlider={Math.log10} fromSlider={(s) => Math.round(10 ** s)} format={formatPower10} onChange={(v) => set('d', v)} />
      <div className="model-fields">
        <label className="geometry-field">
          <span className="field-label">Geometry</span>
          <select name="geom" value={geomShown} onChange={(e) => chooseGeometry(e.currentTarget.value as typeof p.geom)}>
            <option value="equi">equiangular (β)</option>
            <option value="orth">orthogonal</option>
            <option value="gram">custom Gram matrix</option>
          </select>
        </label>
        {geomShown === 'gram' && <GramField />}
        <ActivationField name="sigma" label="σ (student)" />
        <ActivationField name="target" label="σ* (target)" />
        <DropLowField />
        <KernelSummary />
      </div>
      <ExactValues />
    </fieldset>
  );
}

export function PlaybackControls() {
  const playing = useApp((s) => s.playing);
  const speed = useApp((s) => s.params.speed);
  const st = getAppStore().getState();
  return (
    <fieldset className="controls playback">
      <legend>Playback</legend>
      <div className="buttons">
        <button type="button" name="play" onClick={st.togglePlay} aria-pressed={playing}>
          {playing ? 'Pause' : 'Play'}
        </button>
        <button type="button" name="step" onClick={st.step}>Step</button>
        <button type="button" name="reset" onClick={st.reset}>Reset</button>
        <button type="button" name="newseed" onClick={st.newSeed}>New seed</button>
      </div>
      <RangeControl name="speed" label="speed (decades of time per second)" value={speed} {...range('speed')} step={0.01}
        format={(v) => v.toFixed(2)} onChange={(v) => st.setParam('speed', v)} />
    </fieldset>
  );
}
