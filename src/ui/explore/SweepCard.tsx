// One sweep: its own controls (defaults from the main parameters), Run / Cancel / CSV, a
// progress bar and a live plot redrawn at most once per animation frame.
import { useEffect, useMemo, useRef, useState } from 'react';
import { buildModel, type ModelSpec } from '../../core/model.ts';
import { sweepCsv, type SweepKind } from '../../core/sweeps.ts';
import { downloadText } from '../share/download.ts';
import { getExplorePool } from './explorePool.ts';
import { readField, sweepConfigOf, sweepFields, SWEEP_NOTES, SWEEP_TITLES, type FormValues } from './sweepForms.ts';
import { drawSweep, escapeFit, SERIES_CSS as SERIES } from './sweepPlots.ts';
import { emptySweepView, SweepRunner, type SweepView } from './sweepRunner.ts';

const LEGENDS: Record<SweepKind, { colour: string; label: string }[]> = {
  beta: [
    { colour: SERIES.recovered, label: 'recovered' },
    { colour: SERIES.average, label: 'at average' },
    { colour: SERIES.other, label: 'other' },
  ],
  coupon: [
    { colour: SERIES.recovered, label: 'Monte Carlo ± 1 s.e.' },
    { colour: SERIES.theory, label: 'coupon-collector prediction' },
  ],
  escape: [
    { colour: SERIES.recovered, label: 't_esc' },
    { colour: SERIES.fit, label: 'fitted slope' },
    { colour: SERIES.theory, label: 'predicted slope' },
  ],
  phase: [
    { colour: SERIES.phaseHigh, label: 'all at average (dark: none)' },
    { colour: SERIES.theory, label: 'β_c(k)' },
  ],
};

function statusText(v: SweepView): string {
  switch (v.status) {
    case 'idle':
      return 'not run yet';
    case 'running':
      return `running: ${v.done} of ${v.total} runs`;
    case 'done':
      return v.cached ? `done (from the cache; first run took ${(v.elapsedMs / 1000).toFixed(2)} s)` : `done: ${v.total} runs in ${(v.elapsedMs / 1000).toFixed(2)} s`;
    case 'cancelled':
      return `cancelled after ${v.done} of ${v.total} runs`;
    case 'error':
      return `failed: ${v.message}`;
  }
}

export function SweepCard({ kind, base }: { kind: SweepKind; base: ModelSpec }) {
  const fields = useMemo(() => sweepFields(kind, base), [kind, base]);
  const [texts, setTexts] = useState<Record<string, string>>({});
  const [notes, setNotes] = useState<string[]>([]);
  const [view, setView] = useState<SweepView>(emptySweepView);
  const runner = useRef<SweepRunner | null>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const latest = useRef(view);

  const kernel = useMemo(() => buildModel({ ...base, n: 1 }).kernel, [base]);

  useEffect(() => {
    let raf = 0;
    // results can arrive faster than frames: React state follows once per frame
    const r = new SweepRunner(getExplorePool, (v) => {
      latest.current = v;
      if (!raf) raf = requestAnimationFrame(() => {
        raf = 0;
        setView({ ...latest.current });
      });
    });
    runner.current = r;
    return () => {
      cancelAnimationFrame(raf);
      r.dispose();
    };
  }, []);

  useEffect(() => {
    const el = canvas.current;
    if (!el) return;
    // the label is set on the element directly: one React render per frame is enough
    const draw = () => el.setAttribute('aria-label', drawSweep(el, { view, pStar: kernel.pStar, even: kernel.even }));
    draw();
    const observer = new ResizeObserver(draw);
    observer.observe(el);
    return () => observer.disconnect();
  }, [view, kernel]);

  const run = () => {
    const values: FormValues = {};
    const found: string[] = [];
    for (const field of fields) {
      const text = texts[field.name];
      if (text === undefined) {
        values[field.name] = field.value;
        continue;
      }
      const { value, note } = readField(field, text);
      values[field.name] = value;
      if (note) found.push(note);
    }
    const { config, notes: more } = sweepConfigOf(kind, base, values);
    setNotes([...found, ...more]);
    runner.current?.start(config);
  };

  const running = view.status === 'running';
  const fit = kind === 'escape' ? escapeFit(view.rows, kernel.pStar) : null;
  return (
    <section className="explore-card" data-testid={`sweep-${kind}`} aria-labelledby={`sweep-${kind}-title`}>
      <h3 id={`sweep-${kind}-title`}>{SWEEP_TITLES[kind]}</h3>
      <p className="explore-note">{SWEEP_NOTES[kind]}</p>
      <form
        className="sweep-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          run();
        }}
      >
        {fields.map((field) => (
          <label key={field.name}>
            {field.label}
            <input
              type="number"
              name={field.name}
              min={field.min}
              max={field.max}
              step={field.integer ? 1 : 'any'}
              value={texts[field.name] ?? String(field.value)}
              onChange={(e) => setTexts({ ...texts, [field.name]: e.target.value })}
            />
          </label>
        ))}
        <div className="buttons">
          <button type="submit" name="run" disabled={running}>Run</button>
          <button type="button" name="cancel" disabled={!running} onClick={() => runner.current?.cancel()}>Cancel</button>
          <button type="button" name="csv" disabled={view.rows.every((r) => r.trials === 0)} onClick={() => downloadText(sweepCsv(kind, view.rows), `flowsphere-${kind}-sweep.csv`, 'text/csv')}>
            CSV
          </button>
        </div>
      </form>
      <progress data-testid="sweep-progress" value={view.done} max={Math.max(1, view.total)} aria-label={`${SWEEP_TITLES[kind]}: progress`} />
      <canvas ref={canvas} className="sweep-plot" role="img" aria-label="empty plot: the sweep has not run yet" />
      <ul className="explore-legend">
        {LEGENDS[kind].map((l) => (
          <li key={l.label}>
            <span className="swatch" style={{ background: l.colour }} aria-hidden="true" />
            {l.label}
          </li>
        ))}
      </ul>
      {fit && (
        <p className="explore-note" data-testid="escape-slopes">
          fitted slope {Number.isFinite(fit.fitted) ? fit.fitted.toFixed(3) : '—'}; predicted{' '}
          {fit.predicted !== null ? `p*/2 − 1 = ${fit.predicted}` : kernel.pStar === 2 ? 't ∝ log d (p* = 2)' : 'none (p* = 1)'}
        </p>
      )}
      <p className="explore-status" aria-live="polite">{statusText(view)}</p>
      {[...notes, ...view.problems.map((p) => p.message)].length > 0 && (
        <ul className="explore-notes">
          {[...notes, ...view.problems.map((p) => `${p.message} (${p.used})`)].map((n, i) => (
            <li key={i}>{n}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
