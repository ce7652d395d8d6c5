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
  return { c, dc, d2c, degree, pStar, negative, even, monomial };
}

/** φ for student σ and target σ*, optionally with the h_0, h_1, h_2 parts removed from both. */
export function correlationKernel(sigma: Activation, target: Activation, dropLow = false): Kernel {
  const len = Math.min(sigma.coeffs.length, target.coeffs.length);
  const c = new Float64Array(len);
  for (let p = dropLow ? 3 : 0; p < len; p++) c[p] = sigma.coeffs[p] * target.coeffs[p];
  return kernelFromCoefficients(c);
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

export const phi = (K: Kernel, t: number): number => polyval(K.c, t);
export const dphi = (K: Kernel, t: number): number => polyval(K.dc, t);
export const d2phi = (K: Kernel, t: number): number => polyval(K.d2c, t);
