// Typed entries for the parameters whose sliders are coarse or absent: n and d (log sliders),
// seed, tol and T. A value is taken on Enter or when the field loses focus and goes through
// the same validation as a link, so an out-of-range value is clamped with a notice saying
// what was used; text that is not a number is refused with a message and the value kept.
import { useEffect, useId, useState } from 'react';
import { getAppStore, useApp } from '../state/store.ts';
import type { ParamKey } from '../url/schema.ts';

type NumericKey = 'n' | 'd' | 'seed' | 'tol' | 'T';

const ENTRIES: { key: NumericKey; label: string; hint: string }[] = [
  { key: 'n', label: 'n', hint: 'neurons' },
  { key: 'd', label: 'd', hint: 'dimension, e.g. 1e6' },
  { key: 'seed', label: 'seed', hint: 'random seed' },
  { key: 'tol', label: 'tol', hint: 'classification tolerance' },
  { key: 'T', label: 'T', hint: 'end time (0: automatic)' },
];

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

/** The number a typed text means (spaces and thousands separators allowed), or NaN. */
function parseTyped(text: string): number {
  const t = text.trim().replace(/[\s_,](?=\d{3}\b)/g, '');
  return NUMBER.test(t) ? Number(t) : NaN;
}

function Entry({ keyName, label, hint }: { keyName: NumericKey; label: string; hint: string }) {
  const id = useId();
  const value = useApp((s) => s.params[keyName]);
  const [draft, setDraft] = useState(String(value));
  const [error, setError] = useState('');
  useEffect(() => {
    setDraft(String(value));
    setError('');
  }, [value]);
  const commit = () => {
    if (draft.trim() === String(value)) return;
    const x = parseTyped(draft);
    if (!Number.isFinite(x)) {
      setError(`"${draft.slice(0, 30)}" is not a number; kept ${value}`);
      return;
    }
    setError('');
    getAppStore().getState().setParam(keyName as ParamKey, x as never);
    // out of range or not whole: the store used the nearest valid value and said so in a notice
    setDraft(String(getAppStore().getState().params[keyName]));
  };
  return (
    <div className="exact-entry">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        inputMode="decimal"
        name={keyName}
        className="entry"
        value={draft}
        spellCheck={false}
        autoComplete="off"
        title={hint}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => setDraft(e.currentTarget.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') {
            setDraft(String(value));
            setError('');
          }
        }}
      />
      {error && <span id={`${id}-error`} className="field-error" role="alert">{error}</span>}
    </div>
  );
}

export function ExactValues() {
  return (
    <div className="exact-values" role="group" aria-label="Type exact values">
      {ENTRIES.map((e) => (
        <Entry key={e.key} keyName={e.key} label={e.label} hint={e.hint} />
      ))}
    </div>
  );
}
