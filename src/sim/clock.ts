// Playback in decades of flow time per second: the plateau at d = 10⁶ plays as fast as the
// one at d = 10.

/** Flow time where playback starts counting decades (t = 0 has no logarithm). */
export const T_FLOOR = 1e-2;
/** One press of "step" advances a tenth of a decade. */
export const STEP_DECADES = 0.1;

export function nextTarget(t: number, decadesPerSecond: number, dtSeconds: number, tEnd: number): number {
  const dt = Math.min(Math.max(dtSeconds, 0), 0.25);
  const next = Math.max(t, T_FLOOR) * Math.pow(10, decadesPerSecond * dt);
  return Math.min(next, tEnd);
}

/** One step: t × 10^STEP_DECADES (from T_FLOOR at the start), never past the end. */
export function stepTarget(t: number, tEnd: number): number {
  return Math.min(Math.max(t, T_FLOOR) * Math.pow(10, STEP_DECADES), tEnd);
}

/** Frames per decade when a paused link replays its history (at most REPLAY_MAX_FRAMES in all). */
const REPLAY_PER_DECADE = 20;
const REPLAY_MAX_FRAMES = 120;

/**
 * The times at which a paused link's plots are sampled on the way to its time `t`, log-spaced
 * from T_FLOOR, ending exactly at t. The state at t does not depend on them: the integrator's
 * dense output (and SGD's step count round(t/η)) is the same however the way there is cut.
 */
export function replayTargets(t: number): number[] {
  if (!(t > T_FLOOR)) return [t];
  const decades = Math.log10(t / T_FLOOR);
  const frames = Math.max(1, Math.min(REPLAY_MAX_FRAMES, Math.ceil(decades * REPLAY_PER_DECADE)));
  const out: number[] = [];
  for (let i = 0; i < frames; i++) out.push(T_FLOOR * Math.pow(t / T_FLOOR, i / frames));
  out.push(t);
  return out;
}

/**
 * The plots' samples a playing frame from `from` to `to` brings along, on a fixed grid of
 * REPLAY_PER_DECADE per decade from T_FLOOR (strictly between the two): a frame that goes far (the
 * larger frames of a software-drawn page) keeps the plots as fine as many small frames would.
 */
export function playedTimes(from: number, to: number): number[] {
  const out: number[] = [];
  if (!(to > T_FLOOR) || !(to > from)) return out;
  for (let i = firstGridIndexAfter(from); ; i++) {
    const h = gridTime(i);
    if (h >= to) return out;
    out.push(h);
  }
}

/** The i-th time of the fixed grid of REPLAY_PER_DECADE per decade from T_FLOOR (i = 0). */
export function gridTime(i: number): number {
  return T_FLOOR * Math.pow(10, i / REPLAY_PER_DECADE);
}

/** The index of the first grid time after t (0 for any t below T_FLOOR). */
export function firstGridIndexAfter(t: number): number {
  let i = t > T_FLOOR ? Math.max(0, Math.floor(Math.log10(t / T_FLOOR) * REPLAY_PER_DECADE)) : 0;
  // the logarithm may round either way at a grid time: settle the index on the grid itself
  while (i > 0 && gridTime(i - 1) > t) i--;
  while (gridTime(i) <= t) i++;
  return i;
}

/**
 * The first grid time after t: where the stepping ahead of a sample-based run ends a piece
 * besides its own ends, so the run's rest checks (flowSession.ts) find a saved state there.
 */
export function nextGridTime(t: number): number {
  return gridTime(firstGridIndexAfter(t));
}

/** The history times a jump to `t` brings along: those of replayTargets (and 0) past what `shown` already has. */
export function replayedTimes(t: number, shown: { t: number; length: number }): number[] {
  return [0, ...replayTargets(t)].filter((h) => h < t && (h > shown.t || shown.length === 0));
}
