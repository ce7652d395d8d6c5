// Loading a tour step or preset: a discrete jump with its own history entry (navigateTo), then
// playing unless the reader asked for reduced motion.
import { getAppStore } from '../../state/store.ts';
import { navigateTo } from '../../app/location.ts';
import { prefersReducedMotion } from '../../state/motion.ts';
import { stepQuery, TOUR_STEPS } from './tourSteps.ts';

export function openConfiguration(query: string, { play = true } = {}): void {
  navigateTo(query, 'link');
  if (play && !prefersReducedMotion()) getAppStore().getState().play();
}

/** Opens tour step `index` (1-based) with its configuration. */
export function openTourStep(index: number): void {
  openConfiguration(stepQuery(index));
}

/**
 * The tour's Next (+1) or Back (−1), as a clicker's PageDown / PageUp does it: nothing when no
 * tour is open or at either end. Returns whether a step opened.
 */
export function moveTour(delta: 1 | -1): boolean {
  const current = Math.min(getAppStore().getState().params.tour, TOUR_STEPS.length);
  const next = current + delta;
  if (current === 0 || next < 1 || next > TOUR_STEPS.length) return false;
  openTourStep(next);
  return true;
}
