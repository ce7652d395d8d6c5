// prefers-reduced-motion: the flow does not start by itself and tour steps do not autoplay.

export function prefersReducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}
