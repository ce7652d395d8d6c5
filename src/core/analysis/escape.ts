// Search-phase length. For k = 1 the overlap obeys du/dt = φ'(u)(1 − u²), so the time to go
// from u0 to u1 is ∫ du / (φ'(u)(1 − u²)), computed here by quadrature in log u.
import { dphi, type Kernel } from '../model/kernel.ts';

/** Exact k = 1 travel time from u0 to u1 (0 < u0 < u1 < 1); Infinity if φ' vanishes on the way. */
export function scalarTravelTime(kernel: Kernel, u0: number, u1: number, panels = 400): number {
  if (!(u0 > 0 && u1 > u0 && u1 < 1)) return NaN;
  // substitute u = e^s: dt = u ds / (φ'(u)(1 − u²)); composite 5-point Gauss–Legendre
  const a = Math.log(u0), b = Math.log(u1);
  const xs = [0, -0.5384693101056831, 0.5384693101056831, -0.906179845938664, 0.906179845938664];
  const ws = [0.5688888888888889, 0.4786286704993665, 0.4786286704993665, 0.2369268850561891, 0.2369268850561891];
  const hp = (b - a) / panels;
  let total = 0;
  for (let i = 0; i < panels; i++) {
    const mid = a + (i + 0.5) * hp;
    for (let q = 0; q < 5; q++) {
      const s = mid + 0.5 * hp * xs[q];
      const u = Math.exp(s);
      const g = dphi(kernel, u) * (1 - u * u);
      if (!(g > 0)) return Infinity;
      total += 0.5 * hp * ws[q] * (u / g);
    }
  }
  return total;
}

/** Typical escape time from a start overlap 1/sqrt(d) to 1/2, used to scale run length. */
export function typicalEscapeTime(kernel: Kernel, d: number): number {
  const u0 = Math.min(0.25, 1 / Math.sqrt(d));
  return scalarTravelTime(kernel, u0, 0.5);
}

/** Least-squares slope of log y against log x. */
export function logLogSlope(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (let i = 0; i < x.length; i++) {
    if (!(x[i] > 0 && y[i] > 0)) continue;
    const lx = Math.log(x[i]), ly = Math.log(y[i]);
    n++; sx += lx; sy += ly; sxx += lx * lx; sxy += lx * ly;
  }
  return (n * sxy - sx * sy) / (n * sxx - sx * sx);
}

/** A neuron has left the search phase once its largest |overlap| reaches this (docs/model.md §5). */
export const ESCAPE_LEVEL = 0.5;

/** Whether the neuron at u[o..o+k) has left the search phase. */
export function hasEscaped(u: ArrayLike<number>, o: number, k: number): boolean {
  for (let j = 0; j < k; j++) if (Math.abs(u[o + j]) >= ESCAPE_LEVEL) return true;
  return false;
}

/** How many of the n neurons in u (n rows of k overlaps) have left the search phase. */
export function escapedCount(u: ArrayLike<number>, n: number, k: number): number {
  let escaped = 0;
  for (let i = 0; i < n; i++) if (hasEscaped(u, i * k, k)) escaped++;
  return escaped;
}
