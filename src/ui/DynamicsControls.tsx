// What moves the neurons: the population flow, or online SGD on fresh samples in dimension d
// (docs/model.md §10), with its step size and batch, and the samples readout beside d^{p*−1}.
import { useId } from 'react';
import { LIVE_SGD } from '../core/dynamics/sgdPlan.ts';
import { getAppStore, useApp } from '../state/store.ts';
import { FIELDS } from '../url/schema.ts';
import { formatNumber } from '../view/format.ts';
import './fields.css';

/** A number field that applies its value on Enter or when it loses focus (one restart per edit). */
function CommitNumber(props: { name: 'eta' | 'batch'; label: string; value: number; step: string; hint: string }) {
  const id = useId();
  const f = FIELDS.get(props.name)!;
  const commit = (el: HTMLInputElement) => {
    const v = Number(el.value);
    if (el.value.trim() === '' || !Number.isFinite(v)) {
      el.value = String(props.value);
      return;
    }
    if (v !== props.value) getAppStore().getState().setParam(props.name, v);
  };
  return (
    <label className="geometry-field" htmlFor={id}>
      <span className="field-label">{props.label}</span>
      <input
        id={id}
        key={props.value}
        name={props.name}
        type="number"
        min={f.min}
        max={f.max}
        step={props.step}
        defaultValue={props.value}
        aria-describedby={`${id}-hint`}
        onBlur={(e) => commit(e.currentTarget)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit(e.currentTarget);
        }}
      />
      <span id={`${id}-hint`} className="field-hint">{props.hint}</span>
    </label>
  );
}

function SamplesReadout() {
  const plan = useApp((s) => s.info?.sampling);
  const samples = useApp((s) => s.readout.samples ?? 0);
  const tEnd = useApp((s) => s.info?.tEnd ?? NaN);
  const n = useApp((s) => s.info?.spec.n ?? 0);
  const d = useApp((s) => s.info?.spec.d ?? 0);
  if (!plan) return null;
  return (
    <div className="kernel-summary" data-testid="sgd-readout">
      <p>
        η = {formatNumber(plan.eta)} {plan.etaDefault ? '(default 0.05·d^(−p*/2): small enough that noise and the renormalization do not swamp the search drift)' : '(set in the link)'} · batch {plan.batch}
      </p>
      <p>t = η · steps: one unit of t is {formatNumber(plan.batch / plan.eta)} samples</p>
      <p>
        samples used: <span data-testid="sgd-samples" data-value={samples}>{formatNumber(samples, 4)}</span> = {formatNumber(samples / plan.reference)} × {plan.referenceText} (
        {plan.referenceText} = {formatNumber(plan.reference)}, the samples online SGD needs to escape, up to a constant)
      </p>
      <p className="muted">
        to T = {formatNumber(tEnd)}: {formatNumber(plan.samplesEnd)} samples, n·d·samples = {formatNumber(n * d * plan.samplesEnd)}
      </p>
    </div>
  );
}

export function DynamicsControls() {
  const dyn = useApp((s) => s.params.dyn);
  const eta = useApp((s) => s.params.eta);
  const batch = useApp((s) => s.params.batch);
  const choose = (next: 'flow' | 'sgd') => {
    const st = getAppStore().getState();
    // samples mean nothing to the flow: its charts go back to t
    if (next === 'flow') return st.setParams({ dyn: 'flow', taxis: 't' });
    // real vectors in R^d: start from sizes that run live, and put them in the link
    const { n, d } = st.params;
    st.setParams({ dyn: 'sgd', n: Math.min(n, LIVE_SGD.n), d: Math.min(d, LIVE_SGD.d) });
  };
  return (
    <fieldset className="controls">
      <legend>Dynamics</legend>
      <div className="model-fields">
        <label className="geometry-field">
          <span className="field-label">Neurons move by</span>
          <select name="dyn" value={dyn} onChange={(e) => choose(e.currentTarget.value as 'flow' | 'sgd')}>
            <option value="flow">population gradient flow</option>
            <option value="sgd">online SGD on samples</option>
          </select>
        </label>
        {dyn === 'sgd' && (
          <>
            <CommitNumber name="eta" label="η (step size)" value={eta} step="any" hint="0 picks the default for this d and p*" />
            <CommitNumber name="batch" label="batch" value={batch} step="1" hint="samples averaged per step" />
            <SamplesReadout />
          </>
        )}
      </div>
    </fieldset>
  );
}
