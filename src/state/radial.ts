// The large-d radial scale of the 3-D view. On the search plateau every overlap is about
// d^(-1/2), so at d = 10⁶ every neuron sits within 0.001 of the centre: invisible. The log
// scale draws a neuron at radius log(r/r0)/log(1/r0) (0 at r ≤ r0, 1 on the sphere), with
// r0 = d^(-1/2)/10, so a start at the typical overlap lands a little out from the centre and
// the escape reads as motion from the start. Directions are never changed, only radii.
import type { Params } from '../url/schema.ts';

/** From this dimension on, `radial=auto` uses the log scale. */
export const LOG_RADIUS_FROM_D = 1e4;

/** r0 of the log scale for these parameters, or 0 for the linear (exact) radius. */
export function radialR0(mode: Params['radial'], d: number): number {
  const log = mode === 'log' || (mode === 'auto' && d >= LOG_RADIUS_FROM_D);
  return log ? 0.1 / Math.sqrt(Math.max(d, 1)) : 0;
}

/** Drawn radius of a point at radius r (r0 = 0: unchanged). */
export function mapRadius(r: number, r0: number): number {
  if (!(r0 > 0)) return r;
  if (!(r > r0)) return 0;
  return Math.min(1, Math.log(r / r0) / Math.log(1 / r0));
}
