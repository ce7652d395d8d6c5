// Normalized probabilists' Hermite polynomials h_p = He_p / sqrt(p!) (orthonormal under
// N(0,1)) and Gauss–Hermite quadrature for that measure.

/** Fills out[0..P] with h_0(x)..h_P(x). */
export function hermiteValues(x: number, P: number, out: Float64Array): Float64Array {
  out[0] = 1;
  if (P >= 1) out[1] = x;
  for (let p = 1; p < P; p++) {
    out[p + 1] = (x * out[p] - Math.sqrt(p) * out[p - 1]) / Math.sqrt(p + 1);
  }
  return out;
}

export interface Quadrature {
  readonly nodes: Float64Array;
  readonly weights: Float64Array;
}

const quadratureCache = new Map<number, Quadrature>();

/**
 * N-point Gauss rule for the standard normal measure: E[f(X)] ≈ Σ w_i f(x_i).
 * Nodes are the eigenvalues of the Jacobi matrix (zero diagonal, off-diagonal sqrt(i)),
 * found by Sturm-sequence bisection, then polished by Newton on h_N; weights are the
 * Christoffel numbers 1 / Σ_{p<N} h_p(x_i)².
 */
export function gaussHermite(N: number): Quadrature {
  const cached = quadratureCache.get(N);
  if (cached) return cached;
  const offSq = new Float64Array(N);
  for (let i = 1; i < N; i++) offSq[i] = i;
  const countBelow = (x: number): number => {
    let count = 0;
    let q = -x;
    if (q < 0) count++;
    for (let i = 1; i < N; i++) {
      if (q === 0) q = 1e-300;
      q = -x - offSq[i] / q;
      if (q < 0) count++;
    }
    return count;
  };
  const bound = 2 * Math.sqrt(N) + 2;
  const nodes = new Float64Array(N);
  const weights = new Float64Array(N);
  const h = new Float64Array(N + 1);
  for (let m = 0; m < N; m++) {
    let lo = -bound;
    let hi = bound;
    for (let it = 0; it < 200 && hi - lo > 1e-15 * Math.max(1, Math.abs(lo)); it++) {
      const mid = 0.5 * (lo + hi);
      if (countBelow(mid) > m) hi = mid;
      else lo = mid;
    }
    let x = 0.5 * (lo + hi);
    for (let it = 0; it < 3; it++) {
      hermiteValues(x, N, h);
      // h_N'(x) = sqrt(N) h_{N-1}(x)
      const deriv = Math.sqrt(N) * h[N - 1];
      if (deriv === 0 || !Number.isFinite(deriv)) break;
      const step = h[N] / deriv;
      if (!Number.isFinite(step) || Math.abs(step) > hi - lo + 1e-12) break;
      x -= step;
    }
    nodes[m] = x;
    hermiteValues(x, N - 1, h);
    let s = 0;
    for (let p = 0; p < N; p++) s += h[p] * h[p];
    weights[m] = Number.isFinite(s) ? 1 / s : 0;
  }
  const rule = { nodes, weights };
  quadratureCache.set(N, rule);
  return rule;
}

/** Hermite coefficients a_0..a_P of f, a_p = E[f(X) h_p(X)], by N-point Gauss–Hermite. */
export function hermiteCoefficients(f: (x: number) => number, P: number, N = 160): Float64Array {
  const { nodes, weights } = gaussHermite(N);
  const a = new Float64Array(P + 1);
  const h = new Float64Array(P + 1);
  for (let i = 0; i < N; i++) {
    if (weights[i] === 0) continue;
    const fx = f(nodes[i]);
    hermiteValues(nodes[i], P, h);
    for (let p = 0; p <= P; p++) a[p] += weights[i] * fx * h[p];
  }
  return a;
}
