// Teaching: the guided tour, the presets menu (the tour's configurations), the typeset
// formulas, the theme toggle and the button that opens the keyboard-shortcuts help (the
// dialog itself is App's, so that ? works in embed mode too).
import { Suspense, lazy, useEffect } from 'react';
import { getAppStore, useApp } from '../../state/store.ts';
import { decode, modelSpecOf } from '../../url/codec.ts';
import { openingQuery } from '../../app/location.ts';
import { FIELDS, type Params } from '../../url/schema.ts';
import { helpStore } from './helpDialog.ts';
import { openConfiguration, openTourStep } from './navigation.ts';
import { themeStore, useTheme } from '../../view/theme.ts';
import { stepQuery, TOUR_STEPS } from './tourSteps.ts';
import './teach.css';
import { specKey } from '../../core/model/model.ts';
import { useAfterFirstFrame } from '../../state/firstFrame.ts';

const Formulas = lazy(() => import('./Formulas.tsx'));

const STEP_COUNT = TOUR_STEPS.length;

/** Model part of each step, to tell which preset (if any) is on screen. */
const STEP_SPECS = TOUR_STEPS.map((s) => specKey(modelSpecOf(decode(s.query).params)));

const modelKeyOf = (p: Params) => specKey(modelSpecOf(p));

const openStep = openTourStep;

/** Handled once per page load, not once per mount (StrictMode mounts twice). */
let deepLinkHandled = false;

/**
 * `?tour=i` alone opens step i with its configuration; `?tour=i&…` with model keys keeps the
 * link's own values (a teacher may have adjusted the step). A step past the end opens the last.
 */
function useDeepLinkedStep(): void {
  useEffect(() => {
    if (deepLinkHandled) return;
    deepLinkHandled = true;
    const st = getAppStore().getState();
    const asked = st.params.tour;
    if (asked === 0) return;
    const index = Math.min(asked, STEP_COUNT);
    if (asked > STEP_COUNT) {
      st.addNotice('link', [{ key: 'tour', message: `there is no step ${asked}: the tour has ${STEP_COUNT} steps`, used: `step ${STEP_COUNT}` }]);
    }
    // the link as given: the address bar soon shows the full canonical query instead
    const keys = [...new URLSearchParams(openingQuery().replace(/^[?#]/, '')).keys()];
    if (!keys.some((k) => FIELDS.get(k)?.model)) st.loadQuery(stepQuery(index), 'link');
    else if (index !== asked) st.setParam('tour', index);
  }, []);
}

function TourCard({ index }: { index: number }) {
  const step = TOUR_STEPS[index - 1];
  const changed = useApp((s) => modelKeyOf(s.params) !== STEP_SPECS[index - 1]);
  const T = decode(step.query).params.T;
  const close = () => getAppStore().getState().setParam('tour', 0);
  return (
    <section className="tour" data-testid="tour-step" data-step={index} aria-labelledby="tour-title">
      <div aria-live="polite">
        <p className="tour-counter" data-testid="tour-counter">
          Guided tour · step {index} of {STEP_COUNT}
        </p>
        <h3 id="tour-title">{step.title}</h3>
      </div>
      <p className="tour-watch">{step.watch}</p>
      {changed ? (
        <p className="hint">
          The configuration was changed since this step opened.{' '}
          <button type="button" name="tour-restore" onClick={() => openStep(index)}>
            Restore this step
          </button>
        </p>
      ) : (
        <p className="hint">The run pauses at T = {T}; Play runs it again from the start.</p>
      )}
      <p className="tour-keys muted">PageDown / → next · PageUp / ← back</p>
      <div className="buttons tour-buttons">
        <button type="button" name="tour-back" disabled={index <= 1} onClick={() => openStep(index - 1)}>
          Back
        </button>
        <button type="button" name="tour-next" disabled={index >= STEP_COUNT} onClick={() => openStep(index + 1)}>
          Next
        </button>
        <button type="button" name="tour-close" onClick={close}>
          Close tour
        </button>
      </div>
    </section>
  );
}

function PresetSelect() {
  const current = useApp((s) => STEP_SPECS.indexOf(modelKeyOf(s.params)) + 1);
  return (
    <label className="preset">
      <span>Preset</span>
      <select
        name="preset"
        value={current > 0 ? String(current) : ''}
        onChange={(e) => {
          const i = Number(e.currentTarget.value);
          if (i >= 1 && i <= STEP_COUNT) openConfiguration(TOUR_STEPS[i - 1].query);
        }}
      >
        <option value="" disabled={current > 0}>
          {current > 0 ? 'choose a configuration…' : 'custom configuration'}
        </option>
        {TOUR_STEPS.map((s, i) => (
          <option key={s.id} value={String(i + 1)}>
            {i + 1}. {s.title}
          </option>
        ))}
      </select>
    </label>
  );
}

function ThemeToggle() {
  const theme = useTheme();
  const next = theme === 'dark' ? 'light' : 'dark';
  return (
    <button type="button" name="theme" onClick={() => themeStore.getState().toggle()} aria-label={`Switch to the ${next} theme`}>
      {next === 'light' ? 'Light theme' : 'Dark theme'}
    </button>
  );
}

/**
 * The open tour step, placed by App at the top of the side column: on a projector a drawer over
 * that column whose title and Back/Next stay on screen while its text scrolls inside it.
 */
export function TourDrawer() {
  const tour = useApp((s) => s.params.tour);
  const index = Math.min(tour, STEP_COUNT);
  return index > 0 ? <TourCard index={index} /> : null;
}

export function TeachPanel() {
  const tour = useApp((s) => s.params.tour);
  // KaTeX's code and typesetting wait for the first frame (state/firstFrame.ts)
  const afterFirstFrame = useAfterFirstFrame();
  useDeepLinkedStep();
  const index = Math.min(tour, STEP_COUNT);
  return (
    <section className="controls teach" aria-labelledby="teach-heading">
      <h2 id="teach-heading" className="panel-title">
        Teaching
      </h2>
      <div className="buttons">
        {index === 0 && (
          <button type="button" name="tour-start" onClick={() => openStep(1)}>
            Start the guided tour
          </button>
        )}
        <ThemeToggle />
        <button type="button" name="shortcuts" aria-haspopup="dialog" onClick={() => helpStore.getState().setOpen(true)}>
          Shortcuts <kbd>?</kbd>
        </button>
      </div>
      <PresetSelect />
      <details className="formulas" data-testid="formulas">
        <summary>The model and its formulas</summary>
        <Suspense fallback={<p className="muted">typesetting…</p>}>
          {afterFirstFrame ? <Formulas /> : <p className="muted">typesetting…</p>}
        </Suspense>
      </details>
    </section>
  );
}
