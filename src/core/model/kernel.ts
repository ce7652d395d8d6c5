// The correlation kernel φ(t) = Σ_p c_p t^p with c_p = a_p b_p, and what follows from it.
import type { Activation } from './activation.ts';

export interface Kernel {
  /** c_p for p = 0..degree */
  readonly c: Float64Array;
  /** coefficients of φ' (index p holds the t^p coefficient) */
  readonly dc: Float64Array;
  /** coefficients of φ'' */
  readonly d2c: Float64Array;
  readonly degree: number;
  /** information exponent: smallest p ≥ 1 with c_p ≠ 0 (0 when none) */
  readonly pStar: number;
  /** degrees p with c_p < 0: outside the analysis' assumptions */
  readonly negative: number[];
  /** φ is even (all odd c_p vanish): ±v_j are equivalent */
  readonly even: boolean;
  /** p when φ(t) = c t^p, else 0 */
  readonly monomial: number;
  /**
   * φ in closed form where the Hermite series is infinite and one is known (relu, abs): then
   * φ, φ', φ'' come from here and `c` is only the series' start, for display and p*
   */
  readonly exact?: ExactKernel;
  /** the degree an infinite series was cut at (0: φ is exactly Σ c_p t^p or `exact`) */
  readonly truncatedAt: number;
}

export interface ExactKernel {
  readonly phi: (t: number) => number;
  readonly dphi: (t: number) => number;
  readonly d2phi: (t: number) => number;
  /** how φ is written, for the output */
  readonly formula: string;
}

/**
 * Every nonzero coefficient counts, however small: a user's c_1 = 1e-12 makes p* = 1.
 * (Numerical expansions clean their own quadrature noise, see activation.ts.)
 */
export function kernelFromCoefficients(raw: ArrayLike<number>): Kernel {
  let degree = 0;
  const cleaned: number[] = [];
  for (let p = 0; p < raw.length; p++) {
    const v = raw[p];
    cleaned.push(v);
    if (v !== 0 && p >= 1) degree = p;
  }
  const c = new Float64Array(degree + 1);
  for (let p = 0; p <= degree; p++) c[p] = cleaned[p] ?? 0;
  const dc = new Float64Array(Math.max(degree, 1));
  for (let p = 1; p <= degree; p++) dc[p - 1] = p * c[p];
  const d2c = new Float64Array(Math.max(degree - 1, 1));
  for (let p = 2; p <= degree; p++) d2c[p - 2] = p * (p - 1) * c[p];
  let pStar = 0;
  const negative: number[] = [];
  let even = true;
  let nonzero = 0;
  for (let p = 1; p <= degree; p++) {
    if (c[p] !== 0) {
      nonzero++;
      if (pStar === 0) pStar = p;
      if (p % 2 === 1) even = false;
    }
    if (c[p] < 0) negative.push(p);
  }
  const monomial = nonzero === 1 ? pStar : 0;
  return { c, dc, d2c, degree, pStar, negative, even, monomial, truncatedAt: 0 };
}

/**
 * The closed forms for relu and abs (docs/model.md §7). With relu = (abs + x)/2 every pair of them
 * is φ = A·F(t) + B·t, F(t) = E[|x||y|] = (2/π)(√(1 − t²) + t·arcsin t) (the arc-cosine kernel
 * up to the linear part): relu·relu A = B = 1/4, relu·abs A = 1/2, abs·abs A = 1. Dropping
 * h_0, h_1, h_2 subtracts F's 2/π + t²/π and the linear part.
 */
function arcCosineKernel(a: number, b: number, dropLow: boolean): ExactKernel {
  const clamp = (t: number) => Math.max(-1, Math.min(1, t));
  const root = (t: number) => Math.sqrt(Math.max(1 - t * t, 0));
  const F = (t: number) => (2 / Math.PI) * (root(t) + t * Math.asin(t));
  const low0 = dropLow ? 2 / Math.PI : 0, low2 = dropLow ? 1 / Math.PI : 0, lin = dropLow ? 0 : b;
  return {
    phi: (x) => {
      const t = clamp(x);
      return a * (F(t) - low0 - low2 * t * t) + lin * t;
    },
    dphi: (x) => {
      const t = clamp(x);
      return a * ((2 / Math.PI) * Math.asin(t) - 2 * low2 * t) + lin;
    },
    // φ'' grows like 1/√(1 − t²) at t = ±1 (the kink): capped there to stay finite
    d2phi: (x) => {
      const t = clamp(x);
      return a * ((2 / Math.PI) / Math.max(root(t), 1e-12) - 2 * low2);
    },
    formula: `${a === 1 ? '' : `${a}·`}(2/π)(√(1−t²) + t·arcsin t)${lin ? ` + ${lin}·t` : ''}${dropLow ? ' − (h_0, h_1, h_2 terms)' : ''}`,
  };
}

/** A + B of the closed form for a pair of kinked activations, or null. */
const ARC_COSINE_PAIRS: Record<string, [number, number]> = {
  'relu,relu': [0.25, 0.25],
  'relu,abs': [0.5, 0],
  'abs,relu': [0.5, 0],
  'abs,abs': [1, 0],
};

/** φ for student σ and target σ*, optionally with the h_0, h_1, h_2 parts removed from both. */
export function correlationKernel(sigma: Activation, target: Activation, dropLow = false): Kernel {
  const len = Math.min(sigma.coeffs.length, target.coeffs.length);
  const c = new Float64Array(len);
  for (let p = dropLow ? 3 : 0; p < len; p++) c[p] = sigma.coeffs[p] * target.coeffs[p];
  const series = kernelFromCoefficients(c);
  // a finite expansion on either side makes Σ c_p t^p exact; otherwise the series is infinite
  if (!sigma.infinite || !target.infinite) return series;
  const pair = ARC_COSINE_PAIRS[`${sigma.spec},${target.spec}`];
  if (pair) return { ...series, exact: arcCosineKernel(pair[0], pair[1], dropLow) };
  return { ...series, truncatedAt: len - 1 };
}

/** Pure Hermite kernel φ(t) = t^p. */
export function monomialKernel(p: number): Kernel {
  const c = new Float64Array(p + 1);
  c[p] = 1;
  return kernelFromCoefficients(c);
}

export function polyval(coeffs: Float64Array, t: number): number {
  let s = 0;
  for (let i = coeffs.length - 1; i >= 0; i--) s = s * t + coeffs[i];
  return s;
}

export const phi = (K: Kernel, t: number): number => (K.exact ? K.exact.phi(t) : polyval(K.c, t));
export const dphi = (K: Kernel, t: number): number => (K.exact ? K.exact.dphi(t) : polyval(K.dc, t));
export const d2phi = (K: Kernel, t: number): number => (K.exact ? K.exact.d2phi(t) : polyval(K.d2c, t));

/**
 * Velocities and curvatures scale with the size of φ: S = Σ|p c_p| bounds |φ'| on [−1, 1].
 * The settling thresholds were set for ordinary kernels (S = 3 for h_3); a kernel with huge
 * coefficients scales them as S/3, or no neuron would ever count as settled and each would
 * run into the step cap. Ordinary kernels (S ≤ 100) keep them exactly as they are.
 */
export function kernelScale(kernel: Kernel): number {
  let s = 0;
  for (let p = 0; p < kernel.dc.length; p++) s += Math.abs(kernel.dc[p]);
  return s > 100 ? s / 3 : 1;
}
