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
