// Loading a tour step or preset: a discrete jump with its own history entry (navigateTo), then
// playing unless the reader asked for reduced motion.
import { getAppStore } from '../../state/store.ts';
import { navigateTo } from '../../app/location.ts';
import { prefersReducedMotion } from '../../state/motion.ts';

export function openConfiguration(query: string, { play = true } = {}): void {
  navigateTo(query, 'link');
  if (play && !prefersReducedMotion()) getAppStore().getState().play();
}
