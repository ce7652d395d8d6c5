// The average point w̄ = Σv_j/|Σv_j| of equiangular index vectors and the sharp threshold
// β_c where its span-curvature changes sign (docs/model.md §7).
import { d2phi, dphi, type Kernel } from '../model/kernel.ts';

export type CriticalKind = 'saddle' | 'minimum' | 'degenerate';

export interface AveragePoint {
  /** common overlap u* = sqrt((1 + (k−1)β)/k) */
  overlap: number;
  /** Hessian eigenvalue inside span(V), orthogonal to w̄ (multiplicity k−1); null for k = 1 (no such direction) */
  muSpan: number | null;
  /** Hessian eigenvalue orthogonal to span(V) (multiplicity d−k) */
  muPerp: number;
  kind: CriticalKind;
}

export function averageOverlap(k: number, beta: number): number {
  return Math.sqrt((1 + (k - 1) * beta) / k);
}

export function averagePointSpanCurvature(kernel: Kernel, k: number, beta: number): number {
  const u = averageOverlap(k, beta);
  return k * u * dphi(kernel, u) - (1 - beta) * d2phi(kernel, u);
}

/**
 * Curvatures of the loss at w̄. With d = k there is nothing orthogonal to span(V), so only
 * μ_span decides; for k = 1 w̄ = v_1 and only μ_perp exists.
 */
export function averagePoint(kernel: Kernel, k: number, beta: number, d = Infinity): AveragePoint {
  const u = averageOverlap(k, beta);
  const muSpan = k > 1 ? averagePointSpanCurvature(kernel, k, beta) : null;
  const muPerp = k * u * dphi(kernel, u);
  const curv: number[] = [];
  if (muSpan !== null) curv.push(muSpan);
  if (d > k) curv.push(muPerp);
  const scale = Math.max(1e-300, Math.abs(muPerp), Math.abs(muSpan ?? 0));
  let kind: CriticalKind = 'minimum';
  if (curv.some((c) => c < -1e-12 * scale)) kind = 'saddle';
  else if (curv.some((c) => Math.abs(c) <= 1e-12 * scale)) kind = 'degenerate';
  return { overlap: u, muSpan, muPerp, kind };
}

/** β_c = (p−2)/(k+p−2) for φ(t) = t^p (p ≥ 2); null where there is no threshold. */
export function monomialBetaCritical(p: number, k: number): number | null {
  if (p < 2 || k < 2) return null;
  return (p - 2) / (k + p - 2);
}

/**
 * All β in [0, 1) where μ_span(β) changes sign, found by scanning a fine grid and refining
 * each bracket by bisection. For monomial kernels the closed form is returned exactly.
 */
export function betaCriticalRoots(kernel: Kernel, k: number, grid = 4000): number[] {
  if (k < 2) return [];
  if (kernel.monomial >= 2) {
    const b = monomialBetaCritical(kernel.monomial, k);
    return b === null ? [] : [b];
  }
  const f = (b: number) => averagePointSpanCurvature(kernel, k, b);
  const roots: number[] = [];
  const top = 1 - 1e-9;
  let b0 = 0;
  let f0 = f(0);
  if (f0 === 0) roots.push(0);
  for (let i = 1; i <= grid; i++) {
    const b1 = (i / grid) * top;
    const f1 = f(b1);
    if (f1 === 0) {
      roots.push(b1);
    } else if (f0 !== 0 && Math.sign(f0) !== Math.sign(f1)) {
      let lo = b0, hi = b1, flo = f0;
      for (let it = 0; it < 100 && hi - lo > 1e-15; it++) {
        const mid = 0.5 * (lo + hi);
        const fm = f(mid);
        if (Math.sign(fm) === Math.sign(flo)) {
          lo = mid;
          flo = fm;
        } else hi = mid;
      }
      roots.push(0.5 * (lo + hi));
    }
    b0 = b1;
    f0 = f1;
  }
  return roots;
}
