// Model and playback controls. Every control's `name` is its permalink key.
import { useState } from 'react';
import { useApp, getAppStore } from '../state/store.ts';
import { useSoftwareRenderer } from '../state/renderer.ts';
import { FIELDS, type ParamKey } from '../url/schema.ts';
import { RangeControl } from './RangeControl.tsx';
import { ActivationField, DropLowField, KernelSummary } from './ActivationField.tsx';
import { GramField } from './GramField.tsx';
import { ExactValues } from './ExactValues.tsx';
import { formatNumber, formatPower10 } from '../view/format.ts';

const range = (key: ParamKey) => {
  const f = FIELDS.get(key)!;
  return { min: f.min!, max: f.max! };
};

type SliderKey = 'k' | 'n' | 'p' | 'd' | 'speed';
const SLIDER_KEYS = ['k', 'n', 'p', 'd'] as const;

/** The slider of a parameter, as Model, Playback and an embed's `controls` list show it. */
export function ParamSlider({ name }: { name: SliderKey }) {
  const value = useApp((s) => s.params[name]);
  const k = useApp((s) => s.params.k);
  const set = (v: number) => getAppStore().getState().setParam(name, v);
  switch (name) {
    case 'k':
      return <RangeControl name="k" label="k (index vectors)" value={value} {...range('k')} step={1} onChange={set} />;
    case 'n':
      return <RangeControl name="n" label="n (neurons)" value={value} min={1} max={range('n').max} step={0.01}
        toSlider={Math.log10} fromSlider={(s) => Math.round(10 ** s)} format={(v) => String(v)} onChange={set} />;
    case 'p':
      return <RangeControl name="p" label="p (Hermite degree)" value={value} {...range('p')} step={1} onChange={set} />;
    case 'd':
      return <RangeControl name="d" label="d (dimension, log scale)" value={value} min={Math.max(1, k)} max={range('d').max} step={0.01}
        toSlider={Math.log10} fromSlider={(s) => Math.round(10 ** s)} format={formatPower10} onChange={set} />;
    case 'speed':
      return <RangeControl name="speed" label="speed (decades of t per second)" value={value} {...range('speed')} step={0.01}
        format={(v) => v.toFixed(2)} onChange={set} />;
  }
}

export const SLIDER_NAMES: readonly string[] = [...SLIDER_KEYS, 'speed'];

export function ModelControls() {
  const p = useApp((s) => s.params);
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
      {SLIDER_KEYS.map((key) => (
        <ParamSlider key={key} name={key} />
      ))}
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

/**
 * Play, step, reset, new seed; with `speed` also the speed slider. The page puts the buttons
 * in the bar right under the view (so Play is next to what it plays, on a phone too) and the
 * speed in the presenter strip.
 */
export function PlaybackControls({ speed = true }: { speed?: boolean }) {
  const playing = useApp((s) => s.playing);
  const st = getAppStore().getState();
  return (
    <fieldset className={speed ? 'controls playback' : 'controls playback playback-buttons'}>
      <legend>Playback</legend>
      <div className="buttons">
        <button type="button" name="play" onClick={st.togglePlay} aria-pressed={playing}>
          {playing ? 'Pause' : 'Play'}
        </button>
        <button type="button" name="step" onClick={st.step}>Step</button>
        <button type="button" name="reset" onClick={st.reset}>Reset</button>
        <button type="button" name="newseed" onClick={st.newSeed}>New seed</button>
        {/* last, so the keyboard order of the older buttons stays as it was */}
        <button type="button" name="end" onClick={st.toEnd} title="Jump to end: the state at T, computed without drawing the way there (E)">
          Jump to end
        </button>
      </div>
      {speed && <ParamSlider name="speed" />}
      {speed && <SpeedLimitNote />}
    </fieldset>
  );
}

/** The speed slider alone (the presenter strip's, when the buttons sit under the view). */
export function SpeedControl() {
  return (
    <fieldset className="controls speed-control">
      <legend>Playback speed</legend>
      <ParamSlider name="speed" />
      <SpeedLimitNote />
    </fieldset>
  );
}

/** While playing behind the asked speed: the computation, not the setting, is the limit (app/playRate.ts). */
function SpeedLimitNote() {
  const limit = useApp((s) => (s.playing ? s.readout.limit : undefined));
  const sampled = useApp((s) => s.info?.sampling !== undefined);
  const software = useSoftwareRenderer();
  if (!limit) return null;
  const pace = `${formatNumber(limit.decadesPerSecond, 2)} decades of t per second, below the speed asked for`;
  // the runners' larger frames (app/runnerDeps.ts): said, so the coarser motion is not a surprise
  const fewerFrames = sampled && software ? '; drawn without a GPU, so fewer, larger steps are shown and the computation keeps its core' : '';
  return (
    <p className="muted speed-limit" data-testid="speed-limit-note" data-fewer-frames={fewerFrames ? 'on' : 'off'} title={pace + fewerFrames}>
      computing at {formatNumber(limit.tPerSecond, 2)} t/s — the worker is the limit
    </p>
  );
}
