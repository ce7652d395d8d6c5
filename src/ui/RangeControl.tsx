// A labelled native range input. `toSlider`/`fromSlider` map a parameter to the slider's own
// scale (e.g. log10 for d) so keyboard arrows move in even steps.
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { paced } from '../state/paced.ts';

export interface RangeControlProps {
  name: string;
  label: string;
  value: number;
  min: number;
  max: number;
  step: number;
  onChange(value: number): void;
  toSlider?: (v: number) => number;
  fromSlider?: (s: number) => number;
  format?: (v: number) => string;
  /** marks drawn under the track, in parameter units (e.g. β_c) */
  marks?: { value: number; label: string; side?: 'before' | 'after' }[];
  disabled?: boolean;
  /** a finer step for Shift+arrow keys (the input then accepts values on this finer grid; plain arrows keep `step`) */
  fineStep?: number;
}

export function RangeControl(props: RangeControlProps) {
  const id = useId();
  const { name, label, value, min, max, step, onChange, marks = [], disabled, fineStep } = props;
  const to = props.toSlider ?? ((v: number) => v);
  const from = props.fromSlider ?? ((s: number) => s);
  const format = props.format ?? ((v: number) => String(v));
  // while the thumb moves it shows the hand's value at once; the value reaches onChange paced
  // (state/paced.ts), each time restarting a run and re-rendering the panels that read it
  const [moving, setMoving] = useState<number | null>(null);
  const latestOnChange = useRef(onChange);
  latestOnChange.current = onChange;
  const commit = useMemo(() => paced<number>((v) => {
    latestOnChange.current(v);
    setMoving(null);
  }), []);
  useEffect(() => () => commit.flush(), [commit]);
  const shown = moving === null ? value : from(moving);
  const sMin = to(min), sMax = to(max);
  const listId = marks.length > 0 ? `${id}-marks` : undefined;
  return (
    <div className="range-control">
      <label htmlFor={id}>
        <span className="range-label">{label}</span>
        <output htmlFor={id} className="range-value">{format(shown)}</output>
      </label>
      <input
        id={id}
        type="range"
        name={name}
        min={sMin}
        max={sMax}
        step={fineStep ?? step}
        value={moving ?? to(value)}
        list={listId}
        disabled={disabled}
        aria-valuetext={format(shown)}
        onChange={(e) => {
          const s = Number(e.currentTarget.value);
          setMoving(s);
          commit.push(from(s));
        }}
        onKeyDown={fineStep === undefined ? undefined : (e) => {
          const dir = { ArrowRight: 1, ArrowUp: 1, ArrowLeft: -1, ArrowDown: -1 }[e.key];
          if (dir === undefined) return;
          e.preventDefault();
          const by = e.shiftKey ? fineStep : step;
          // onto the step's own grid, as the browser's arrow keys would land
          const next = Math.round(((moving ?? to(value)) + dir * by) / by) * by;
          const s = Math.min(sMax, Math.max(sMin, Number(next.toFixed(12))));
          setMoving(s);
          commit.push(from(s));
        }}
        onPointerUp={() => commit.flush()}
        onKeyUp={() => commit.flush()}
        onBlur={() => commit.flush()}
      />
      {marks.length > 0 && (
        <>
          <datalist id={listId}>
            {marks.map((m) => (
              <option key={m.label} value={to(m.value)} label={m.label} />
            ))}
          </datalist>
          <div className="range-marks" aria-hidden="true">
            {marks
              .filter((m) => to(m.value) >= sMin && to(m.value) <= sMax)
              .map((m) => (
                <span key={m.label} className={m.side ? `range-mark range-mark-${m.side}` : 'range-mark'} style={{ left: `${((to(m.value) - sMin) / (sMax - sMin)) * 100}%` }}>
                  {m.label}
                </span>
              ))}
          </div>
        </>
      )}
    </div>
  );
}
