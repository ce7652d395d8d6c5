// prefers-reduced-motion: the flow does not start by itself, tour steps do not autoplay, and a
// model change shows its end state at once instead of playing there (store.ts, runner.ts).

export function prefersReducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}
