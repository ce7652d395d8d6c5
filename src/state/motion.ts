// prefers-reduced-motion: the flow does not start by itself, tour steps do not autoplay, and a
// model change shows its end state at once instead of playing there (store.ts, app/runner.ts).

export const REDUCED_MOTION_QUERY = '(prefers-reduced-motion: reduce)';

export function prefersReducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia(REDUCED_MOTION_QUERY).matches;
}
