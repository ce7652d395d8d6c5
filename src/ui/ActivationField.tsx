// σ and σ* inputs: a preset select plus a "custom…" text field for any activation the core
// parses, checked before it is applied so a bad entry never reaches the run. Also the kernel
// summary (p*, the first c_p, the negative-c_p flag) and the drop-h₀h₁h₂ checkbox, which can
// make the kernel constant just as an activation can.
import { useEffect, useId, useRef, useState } from 'react';
import { parseActivation } from '../core/model/activation.ts';
import { getAppStore, useApp } from '../state/store.ts';
import { getPendingActivation, setPendingActivation, usePendingActivation } from '../state/pendingActivation.ts';
import { decode, encode, type Problem } from '../url/codec.ts';
import type { Params } from '../url/schema.ts';
import { formatNumber } from '../view/format.ts';
import './fields.css';

const ACTIVATION_PRESETS = ['', 'he2', 'he3', 'he4', 'relu', 'tanh', 'gelu', 'erf', 'sigmoid'];

const CUSTOM = 'custom';

type ActivationKey = 'sigma' | 'target';

/** The activation in force, as the user would type it ('' stands for h_p). */
const activationText = (params: Params, key: ActivationKey) => (params[key] === '' ? `he${params.p}` : params[key]);

/**
 * The problems the store's round trip would report for sigma/target if `patch` were applied.
 * Applying such a patch would reset both activations, so callers refuse it and say why.
 */
function activationProblems(params: Params, patch: Partial<Params>): Problem[] {
  return decode(encode({ ...params, ...patch })).problems.filter((p) => p.key === 'sigma' || p.key === 'target');
}

/** Checks an activation entry the way the store will; the spec to apply, or what is wrong. */
function checkActivation(params: Params, key: ActivationKey, text: string): { ok: true; spec: string } | { ok: false; error: string } {
  const parsed = parseActivation(text);
  if (!parsed.ok) return { ok: false, error: parsed.error };
  const problems = activationProblems(params, { [key]: parsed.value.spec });
  if (problems.length > 0) return { ok: false, error: problems.map((p) => p.message).join('; ') };
  return { ok: true, spec: parsed.value.spec };
}

export interface ActivationFieldProps {
  name: ActivationKey;
  label: string;
}

export function ActivationField({ name, label }: ActivationFieldProps) {
  const id = useId();
  const params = useApp((s) => s.params);
  const value = params[name];
  const applied = activationText(params, name);
  const isPreset = ACTIVATION_PRESETS.includes(value);
  const [customChosen, setCustomChosen] = useState(!isPreset);
  const [draft, setDraft] = useState(applied);
  const [error, setError] = useState<string | null>(null);
  // a new value from anywhere (this field, a link, the p slider) replaces the draft
  const [seen, setSeen] = useState(applied);
  if (seen !== applied) {
    setSeen(applied);
    setDraft(applied);
    setError(null);
    if (!isPreset) setCustomChosen(true);
  }
  const showText = customChosen || !isPreset;
  const textRef = useRef<HTMLInputElement>(null);
  const [focusText, setFocusText] = useState(false);
  useEffect(() => {
    if (focusText) {
      textRef.current?.focus();
      textRef.current?.select();
      setFocusText(false);
    }
  }, [focusText]);

  const pending = usePendingActivation();
  const mine = pending?.key === name ? pending : null;
  // a loaded link or a reset drops a choice left waiting
  const resetNonce = useApp((s) => s.resetNonce);
  const [seenReset, setSeenReset] = useState(resetNonce);
  if (seenReset !== resetNonce) {
    setSeenReset(resetNonce);
    if (mine) setPendingActivation(null);
  }

  const apply = (text: string): boolean => {
    const state = getAppStore().getState();
    const parsed = parseActivation(text);
    const waiting = getPendingActivation();
    // the other field's waiting choice and this one may make a valid pair: apply both at once
    if (parsed.ok && waiting && waiting.key !== name) {
      const pair = { [name]: parsed.value.spec, [waiting.key]: waiting.spec };
      if (activationProblems(state.params, pair).length === 0) {
        setPendingActivation(null);
        setError(null);
        state.setParams(pair);
        return true;
      }
    }
    const check = checkActivation(state.params, name, text);
    if (!check.ok) {
      setError(`${check.error} — still using ${activationText(state.params, name)}`);
      // a valid activation refused only because of the other one waits for the other field
      if (parsed.ok) setPendingActivation({ key: name, spec: parsed.value.spec });
      else if (waiting?.key === name) setPendingActivation(null);
      return false;
    }
    if (waiting?.key === name) setPendingActivation(null);
    setError(null);
    state.setParams({ [name]: check.spec });
    return true;
  };

  const onSelect = (choice: string) => {
    if (choice === CUSTOM) {
      setCustomChosen(true);
      setDraft(applied);
      setError(null);
      setFocusText(true);
      return;
    }
    // he<p> for the current p is stored as '', the preset that follows the p slider
    if (apply(choice === '' ? `he${params.p}` : choice)) setCustomChosen(false);
  };

  const commit = () => {
    const text = draft.trim();
    if (text.toLowerCase() === applied.toLowerCase()) {
      setError(null);
      return;
    }
    apply(text);
  };

  const selectId = `${id}-select`;
  const textId = `${id}-text`;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <div className={error ? 'activation-field has-error' : 'activation-field'}>
      <div className="activation-inputs">
        <label htmlFor={selectId} className="field-label">{label}</label>
        <select
          id={selectId}
          name={name}
          value={showText ? CUSTOM : value}
          aria-describedby={!showText && error ? errorId : undefined}
          onChange={(e) => onSelect(e.currentTarget.value)}
        >
          {ACTIVATION_PRESETS.map((a) => (
            <option key={a} value={a}>{a === '' ? `h_p (p = ${params.p})` : a}</option>
          ))}
          <option value={CUSTOM}>custom…</option>
        </select>
        {showText && (
          <>
            <label htmlFor={textId} className="sr-only">{label}, custom: Hermite coefficients or a name</label>
            <input
              ref={textRef}
              id={textId}
              type="text"
              name={`${name}-text`}
              className="activation-text"
              value={draft}
              spellCheck={false}
              autoComplete="off"
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${errorId} ${hintId}` : hintId}
              onChange={(e) => setDraft(e.currentTarget.value)}
              onBlur={commit}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  commit();
                } else if (e.key === 'Escape') {
                  setDraft(applied);
                  setError(null);
                  if (mine) setPendingActivation(null);
                }
              }}
            />
          </>
        )}
      </div>
      {showText && (
        <p id={hintId} className="field-hint">
          p:a_p list (e.g. 3:1,4:0.5, degrees ≤ 16), he&lt;p&gt;, relu, tanh, sigmoid, erf, gelu, softplus or abs; Enter applies, Esc reverts
        </p>
      )}
      <p id={errorId} className="field-error" role="alert" data-testid={`${name}-error`}>
        {error}
      </p>
      <p className="field-pending" role="status" data-testid={`${name}-pending`}>
        {mine && `${name === 'sigma' ? 'σ' : 'σ*'} = ${mine.spec} waits: choose a ${name === 'sigma' ? 'σ*' : 'σ'} that shares a Hermite degree with it (e.g. ${mine.spec}) and both apply together.`}
      </p>
    </div>
  );
}

const NO_WARNINGS: string[] = [];

const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';
const power = (p: number) => (p === 1 ? '' : [...String(p)].map((ch) => SUPERSCRIPT[Number(ch)]).join(''));

/** Terms shown before "+ …": enough to read a mixture, short enough for the side panel. */
const SHOWN_TERMS = 4;

/** φ(t) without its constant term (the constant does not move anything). */
function kernelText(c: readonly number[]): string {
  const terms: string[] = [];
  let hidden = 0;
  for (let p = 1; p < c.length; p++) {
    if (c[p] === 0) continue;
    if (terms.length === SHOWN_TERMS) {
      hidden++;
      continue;
    }
    const mag = Math.abs(c[p]);
    const coef = Math.abs(mag - 1) < 1e-12 ? '' : `${formatNumber(mag, 3)} `;
    const sign = c[p] < 0 ? '−' : '+';
    terms.push(terms.length === 0 ? `${c[p] < 0 ? '−' : ''}${coef}t${power(p)}` : `${sign} ${coef}t${power(p)}`);
  }
  if (terms.length === 0) return '0';
  return hidden > 0 ? `${terms.join(' ')} + … (${hidden} more)` : terms.join(' ');
}

/** p*, φ and the kernel's warnings (negative c_p), next to the activation fields. */
export function KernelSummary() {
  const info = useApp((s) => s.info);
  const warnings = useApp((s) => s.info?.warnings ?? NO_WARNINGS);
  const params = useApp((s) => s.params);
  // until the worker answers for the current activations, the last kernel would mislead
  const current =
    info !== null &&
    info.spec.sigma === params.sigma &&
    info.spec.target === params.target &&
    info.spec.drop012 === params.drop012 &&
    info.spec.p === params.p;
  return (
    <div className="kernel-summary" data-testid="kernel-summary" aria-live="polite">
      {current ? (
        <>
          <p>
            φ(t) = <span data-testid="kernel-phi">{info.kernelFormula ?? kernelText(info.kernel)}</span>
            {info.kernelFormula && <span className="muted"> (exact; series {kernelText(info.kernel)})</span>}
            <span className="muted"> · p* = </span>
            <span data-testid="kernel-pstar">{info.pStar}</span>
          </p>
          {warnings.map((w) => (
            <p key={w} className="field-flag" data-testid="kernel-warning">
              <span aria-hidden="true">⚠ </span>
              {w}
            </p>
          ))}
        </>
      ) : (
        <p className="muted">kernel: computing…</p>
      )}
    </div>
  );
}

/** The drop-h₀h₁h₂ checkbox, refused (and said so) when it would leave a constant kernel. */
export function DropLowField() {
  const id = useId();
  const drop012 = useApp((s) => s.params.drop012);
  const [error, setError] = useState<string | null>(null);
  const onChange = (checked: boolean) => {
    const state = getAppStore().getState();
    const problems = activationProblems(state.params, { drop012: checked });
    if (problems.length > 0) {
      const now = `σ = ${activationText(state.params, 'sigma')}, σ* = ${activationText(state.params, 'target')}`;
      setError(`${problems.map((p) => p.message).join('; ')} — still using ${now} with h₀, h₁, h₂ ${drop012 ? 'removed' : 'kept'}`);
      return;
    }
    setError(null);
    state.setParam('drop012', checked);
  };
  return (
    <div className="activation-field">
      <label className="check">
        <input
          type="checkbox"
          name="drop012"
          checked={drop012}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => onChange(e.currentTarget.checked)}
        />
        drop h₀, h₁, h₂
      </label>
      <p id={`${id}-error`} className="field-error" role="alert">
        {error}
      </p>
    </div>
  );
}
