// The `proj` key: which 3-D projection of span(V) the view shows for k > 3. `even` (the
// default) spreads every index vector evenly; three index-vector numbers `a,b,c` (1-based,
// distinct, e.g. 1,4,7) show the orthonormalized span of v_a, v_b, v_c; `tour` turns the
// projection slowly (a grand tour), and `tour:P` is the tour held still at phase P (legs from
// the even spread), so a link reopens the very view it was copied from. A view choice only:
// the run never depends on it.
import type { ProjectionChoice } from '../core/projection/projection.ts';

export type ProjectionKey =
  | { choice: 'even' }
  /** phase null: turning, wherever the page's tour clock is */
  | { choice: 'tour'; phase: number | null }
  | { choice: 'vectors'; indices: [number, number, number] };

/** Furthest phase a link may hold (legs of 10 s: about four months of turning). */
export const MAX_TOUR_PHASE = 1e6;

/** The text of the tour held still at this phase (4 decimals: a view indistinguishable on screen). */
export const heldTourText = (phase: number) => `tour:${Number(Math.min(MAX_TOUR_PHASE, Math.max(0, phase)).toFixed(4))}`;

export type ProjectionParse = { ok: true; value: ProjectionKey; text: string } | { ok: false; error: string };

const show = (s: string) => (s.length > 24 ? `${s.slice(0, 24)}…` : s);

/** Reads `proj` for k index vectors; `text` is its canonical form (e.g. "v4, 1 ,7" → "4,1,7"). */
export function parseProjectionKey(raw: string, k: number): ProjectionParse {
  const text = raw.trim().toLowerCase();
  if (text === 'even' || text === '') return { ok: true, value: { choice: 'even' }, text: 'even' };
  if (text === 'tour') return { ok: true, value: { choice: 'tour', phase: null }, text: 'tour' };
  if (text.startsWith('tour:')) {
    const raw = text.slice(5);
    const phase = /^\d+(\.\d*)?$|^\.\d+$/.test(raw) ? Number(raw) : NaN;
    if (!(phase <= MAX_TOUR_PHASE)) return { ok: false, error: `"${show(text)}": the tour's position after "tour:" must be a number from 0 to ${MAX_TOUR_PHASE}` };
    return { ok: true, value: { choice: 'tour', phase }, text: `tour:${phase}` };
  }
  const parts = text.split(',').map((s) => s.trim().replace(/^v/, ''));
  if (parts.length !== 3 || !parts.every((s) => /^\d+$/.test(s))) {
    return { ok: false, error: `"${show(raw)}" is not even, tour, or three index-vector numbers such as 1,4,7` };
  }
  const numbers = parts.map(Number);
  const missing = numbers.find((j) => j < 1 || j > k);
  if (missing !== undefined) return { ok: false, error: `there is no v${missing} with k = ${k} (the numbers go from 1 to ${k})` };
  const twice = numbers.find((j, i) => numbers.indexOf(j) !== i);
  if (twice !== undefined) return { ok: false, error: `v${twice} is chosen twice; the three index vectors must differ` };
  return { ok: true, value: { choice: 'vectors', indices: [numbers[0] - 1, numbers[1] - 1, numbers[2] - 1] }, text: numbers.join(',') };
}

/** The worker's projection for a key (0-based indices); a turning tour at `clock` along its path. */
export function projectionChoiceOf(key: ProjectionKey, clock = 0): ProjectionChoice {
  if (key.choice === 'vectors') return { kind: 'vectors', indices: key.indices };
  if (key.choice === 'tour') return { kind: 'tour', phase: key.phase ?? clock };
  return { kind: 'even' };
}
