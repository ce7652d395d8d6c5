// One sweep: its own controls (defaults from the main parameters, or from the link), Run /
// Cancel / CSV, a progress bar and a live chart. Running a sweep writes its settings into the
// link (sw… keys); a link that names a sweep runs it when the page opens (instantly if cached).
// Hovering a point shows its numbers; clicking it opens that configuration in the main view.
import { useEffect, useMemo, useRef, useState } from 'react';
import { buildModel, type ModelSpec } from '../../core/model/model.ts';
import type { SweepKind, SweepRowOut } from '../../core/experiments/sweeps.ts';
import { useChartTheme } from '../../plots/chartTheme.ts';
import { getAppStore, useApp } from '../../state/store.ts';
import { encode } from '../../url/codec.ts';
import { navigateTo } from '../../app/location.ts';
import { downloadText } from '../share/download.ts';
import { getExplorePool } from './explorePool.ts';
import { buildSweepChart, escapeFit, type PhaseCurves } from './sweepCharts.ts';
import { formFromLink, linkOfForm, pointParams, readField, sweepConfigOf, sweepDynamicsNote, sweepFields, SWEEP_NOTES, SWEEP_TITLES, type SweepValues } from './sweepForms.ts';
import { defaultGridNote } from './defaultGridNote.ts';
import { windowsOfModel } from '../../core/experiments/windowGrid.ts';
import { defaultGridKs } from '../../core/experiments/sweepSettings.ts';
import { inIdleSlices } from './idleSlices.ts';
import { emptySweepView, SweepRunner, type SweepView } from './sweepRunner.ts';
import { sweepTable } from './sweepTable.ts';

/** Re-render the chart at most this often while results stream in (a finished sweep draws at once). */
const RUNNING_REDRAW_MS = 500;
const CHART_HEIGHT = 260;

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

/** Draws the view's chart into `host`, throttled while running; clicks on a point call onPick. */
function useSweepChart(view: SweepView, kernel: { pStar: number; even: boolean }, onPick: (row: SweepRowOut) => void, phaseCurves?: PhaseCurves) {
  const host = useRef<HTMLDivElement>(null);
  const theme = useChartTheme();
  const [width, setWidth] = useState(0);
  const chartEl = useRef<{ value?: unknown } | null>(null);
  const pick = useRef(onPick);
  pick.current = onPick;

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setWidth(Math.round(el.clientWidth)));
    observer.observe(el);
    // Plot's pointer keeps the row under it as the chart's value
    const onClick = () => {
      const row = chartEl.current?.value as SweepRowOut | null | undefined;
      if (row && typeof row === 'object' && 'x' in row) pick.current(row);
    };
    el.addEventListener('click', onClick);
    return () => {
      observer.disconnect();
      el.removeEventListener('click', onClick);
    };
  }, []);

  const drawnAt = useRef(0);
  useEffect(() => {
    const el = host.current;
    if (!el || width === 0) return;
    const draw = () => {
      drawnAt.current = performance.now();
      const chart = buildSweepChart({ view, pStar: kernel.pStar, even: kernel.even, theme, width, height: CHART_HEIGHT, phaseCurves });
      chartEl.current = chart?.element ?? null;
      if (!chart) {
        el.replaceChildren();
        el.setAttribute('aria-label', 'empty plot: the sweep has not run yet');
        el.dataset.empty = 'true';
        return;
      }
      // the host is the image (role img, its label the description); Plot labels every mark
      // group with aria-label, which assistive tech would read as noise (and axe flags on <g>)
      chart.element.setAttribute('aria-hidden', 'true');
      el.replaceChildren(chart.element);
      el.setAttribute('aria-label', chart.label);
      delete el.dataset.empty;
    };
    const wait = view.status === 'running' ? RUNNING_REDRAW_MS - (performance.now() - drawnAt.current) : 0;
    if (wait <= 0) {
      draw();
      return;
    }
    const id = setTimeout(draw, wait);
    return () => clearTimeout(id);
  }, [view, kernel, theme, width, phaseCurves]);

  return host;
}

/**
 * The card's note on its default grid. Finding the windows follows the minima near the v_j in β
 * for each k (a few hundred ms the first time per kernel and k), so it runs when the page is
 * idle, once per kernel, k and n, and leaves the fold roots cached for the run and the chart.
 */
function useGridNote(kind: SweepKind, base: ModelSpec): string | null {
  const key = `${kind}|${base.k}|${base.p}|${base.sigma}|${base.target}|${base.drop012}|${base.n}`;
  const [note, setNote] = useState<{ key: string; text: string | null } | null>(null);
  const latestBase = useRef(base);
  latestBase.current = base;
  useEffect(() => {
    if (kind !== 'beta' && kind !== 'phase') return;
    // one k per idle slice (the windows are cached by kernel and k), then the note: all k at
    // once would be one task of about 100 ms, long enough to stall a β drag that meets it
    const ks = defaultGridKs(kind, latestBase.current);
    return inIdleSlices([
      ...ks.map((k) => () => void windowsOfModel(latestBase.current, [k])),
      () => setNote({ key, text: defaultGridNote(kind, latestBase.current) }),
    ]);
  }, [kind, key]);
  return note?.key === key ? note.text : null;
}

export function SweepCard({ kind, base, phaseCurves }: { kind: SweepKind; base: ModelSpec; phaseCurves?: PhaseCurves }) {
  const fields = useMemo(() => sweepFields(kind, base), [kind, base]);
  const [texts, setTexts] = useState<Record<string, string>>({});
  const [notes, setNotes] = useState<string[]>([]);
  const [view, setView] = useState<SweepView>(emptySweepView);
  const runner = useRef<SweepRunner | null>(null);
  const latest = useRef(view);

  const kernel = useMemo(() => {
    const k = buildModel({ ...base, n: 1 }).kernel;
    return { pStar: k.pStar, even: k.even };
  }, [base]);

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

  /** Runs with these form values: the fields show what is used, the link records it. */
  const start = (values: SweepValues, found: string[], writeLink: boolean) => {
    const { config, notes: more, used } = sweepConfigOf(kind, base, values);
    setNotes([...found, ...more]);
    setTexts(Object.fromEntries(fields.map((f) => [f.name, String(used[f.name])])));
    if (writeLink) getAppStore().getState().setParams(linkOfForm(kind, fields, used));
    runner.current?.start(config);
  };

  // a link naming this sweep runs it once the page is open (from the cache if it was run here before)
  const opened = useRef(false);
  useEffect(() => {
    if (opened.current) return;
    opened.current = true;
    const params = getAppStore().getState().params;
    if (params.sw !== kind) return;
    const { values, notes: found } = formFromLink(fields, params);
    start(values, found, false);
  }, []);

  const run = () => {
    const values: SweepValues = {};
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
    start(values, found, true);
  };

  const openPoint = (row: SweepRowOut) => {
    const config = view.config;
    if (!config) return;
    navigateTo(encode({ ...getAppStore().getState().params, ...pointParams(config, row) }));
  };
  const chart = useSweepChart(view, kernel, openPoint, phaseCurves);

  const downloadCsv = () => {
    if (!view.config) return;
    const query = encode(getAppStore().getState().params);
    downloadText(sweepTable(view.config, view.rows, query), `flowsphere-${kind}-sweep.csv`, 'text/csv');
  };

  const inLink = useApp((s) => s.params.sw === kind);
  const dynamicsNote = sweepDynamicsNote(base);
  const gridNote = useGridNote(kind, base);
  const running = view.status === 'running';
  const fit = kind === 'escape' ? escapeFit(view.rows, kernel.pStar) : null;
  return (
    <section className="explore-card" data-testid={`sweep-${kind}`} data-in-link={inLink} aria-labelledby={`sweep-${kind}-title`}>
      <h3 id={`sweep-${kind}-title`}>{SWEEP_TITLES[kind]}</h3>
      <p className="explore-note">{SWEEP_NOTES[kind]}</p>
      {dynamicsNote && <p className="explore-note explore-dynamics" data-testid="sweep-dynamics">{dynamicsNote}</p>}
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
          <button type="button" name="csv" disabled={view.rows.every((r) => r.trials === 0)} onClick={downloadCsv}>
            CSV
          </button>
        </div>
      </form>
      <progress data-testid="sweep-progress" value={view.done} max={Math.max(1, view.total)} aria-label={`${SWEEP_TITLES[kind]}: progress`} />
      <div ref={chart} className="sweep-plot" data-testid={`sweep-${kind}-chart`} role="img" aria-label="empty plot: the sweep has not run yet" data-empty="true" />
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
      {/* last: it is found when the page is idle, and arriving above the form it moved the form and the chart */}
      {gridNote && <p className="explore-note" data-testid={`sweep-${kind}-grid-note`}>{gridNote}</p>}
    </section>
  );
}
