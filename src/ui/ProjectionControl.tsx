// Under the view, for k > 3: which 3-D projection of the k-dimensional span the view shows, in
// one row of native selects: the even spread (default), three index vectors of the reader's
// choice (never the same vector twice), or a slowly turning grand tour. A view choice only: the run,
// its t and its counts never change; the worker redraws the current frame (runner.ts).
import { useState } from 'react';
import { getAppStore, useApp } from '../state/store.ts';
import { nudgeTour, startTour, toggleTurning, TOUR_STEP, useProjection } from '../state/projectionView.ts';
import { usePrefersReducedMotion } from '../scene/reducedMotion.ts';
import { parseProjectionKey } from '../url/projectionKey.ts';

type Mode = 'even' | 'vectors' | 'tour';

const AXES = ['x', 'y', 'z'] as const;

/** The triple with slot `slot` set to j; a vector already in another slot swaps places with it. */
export function withVector(triple: readonly number[], slot: number, j: number): [number, number, number] {
  const next = [...triple] as [number, number, number];
  const other = next.indexOf(j);
  if (other >= 0 && other !== slot) next[other] = next[slot];
  next[slot] = j;
  return next;
}

export function ProjectionControl() {
  const k = useApp((s) => s.info?.spec.k ?? 0);
  const proj = useApp((s) => s.params.proj);
  const turning = useProjection((s) => s.turning);
  const reducedMotion = usePrefersReducedMotion();
  const [lastTriple, setLastTriple] = useState<[number, number, number]>([1, 2, 3]);
  if (k <= 3) return null;
  const parsed = parseProjectionKey(proj, k);
  const key = parsed.ok ? parsed.value : ({ choice: 'even' } as const);
  const mode: Mode = key.choice;
  // a tour held at a phase (tour:P, after Stop or a nudge) is still until Turn
  const turningNow = turning && key.choice === 'tour' && key.phase === null;
  const triple: [number, number, number] = key.choice === 'vectors' ? [key.indices[0] + 1, key.indices[1] + 1, key.indices[2] + 1] : lastTriple;
  const set = (text: string) => getAppStore().getState().setParam('proj', text);
  const chooseTriple = (t: [number, number, number]) => {
    setLastTriple(t);
    set(t.join(','));
  };
  const choose = (m: Mode) => {
    if (m === 'vectors') chooseTriple(triple);
    // from the even spread; under reduced motion it turns only when asked (Turn, g)
    else if (m === 'tour') startTour(!reducedMotion);
    else set('even');
  };
  const modes: [Mode, string][] = [['even', 'even spread'], ['vectors', 'three index vectors'], ['tour', 'grand tour (rotate)']];
  return (
    <fieldset className="projection-control" data-testid="projection-control" data-mode={mode}>
      <legend>{k}-D projection</legend>
      <select name="proj-mode" aria-label={`${k}-D projection`} value={mode} onChange={(e) => choose(e.currentTarget.value as Mode)}>
        {modes.map(([m, label]) => (
          <option key={m} value={m}>
            {label}
          </option>
        ))}
      </select>
      {mode === 'vectors' && (
        <div className="projection-vectors">
          {AXES.map((axis, slot) => (
            <label key={axis}>
              <span>{axis}</span>
              <select name={`proj-${axis}`} aria-label={`index vector on the ${axis} axis`} value={triple[slot]} onChange={(e) => chooseTriple(withVector(triple, slot, Number(e.currentTarget.value)))}>
                {Array.from({ length: k }, (_, j) => (
                  <option key={j} value={j + 1}>
                    v{j + 1}
                  </option>
                ))}
              </select>
            </label>
          ))}
        </div>
      )}
      {mode === 'tour' && (
        <div className="projection-tour buttons">
          <button type="button" name="tourturn" aria-pressed={turningNow} onClick={toggleTurning}>
            {turningNow ? 'Stop turning' : 'Turn'} <kbd>g</kbd>
          </button>
          <button type="button" name="tourback" aria-label="turn back a little ([)" onClick={() => nudgeTour(-TOUR_STEP)}>
            ◀
          </button>
          <button type="button" name="tourforward" aria-label="turn on a little (])" onClick={() => nudgeTour(TOUR_STEP)}>
            ▶
          </button>
          {reducedMotion && !turningNow && <span className="hint">reduced motion: press Turn to rotate</span>}
        </div>
      )}
    </fieldset>
  );
}
