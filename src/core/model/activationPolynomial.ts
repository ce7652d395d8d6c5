// An activation's Hermite series σ = Σ_p a_p h_p as an ordinary polynomial in z, so that SGD can
// evaluate σ(w·x) and σ'(w·x) on real samples by Horner's rule.
import type { Activation } from './activation.ts';

/** Monomial coefficients (index = power) of Σ_p a_p h_p, optionally without h_0, h_1, h_2. */
export function hermiteSeriesPolynomial(a: ArrayLike<number>, dropLow = false): Float64Array {
  const P = a.length - 1;
  const out = new Float64Array(Math.max(P + 1, 1));
  // He_p by He_{p+1} = z He_p − p He_{p−1}, as monomial coefficient rows
  let prev = new Float64Array(P + 2);
  let cur = new Float64Array(P + 2);
  cur[0] = 1;
  let norm = 1; // sqrt(p!)
  for (let p = 0; p <= P; p++) {
    if (p > 0) norm *= Math.sqrt(p);
    if (!(dropLow && p <= 2) && a[p] !== 0) for (let m = 0; m <= p; m++) out[m] += (a[p] * cur[m]) / norm;
    const next = new Float64Array(P + 2);
    for (let m = 0; m <= p; m++) next[m + 1] += cur[m];
    for (let m = 0; m < p; m++) next[m] -= p * prev[m];
    prev = cur;
    cur = next;
  }
  return out;
}

export function derivative(poly: Float64Array): Float64Array {
  const out = new Float64Array(Math.max(poly.length - 1, 1));
  for (let m = 1; m < poly.length; m++) out[m - 1] = m * poly[m];
  return out;
}

/** σ and σ' of an activation as polynomials (its Hermite expansion, as the kernel uses it). */
export function activationPolynomials(act: Activation, dropLow: boolean): { value: Float64Array; slope: Float64Array } {
  const value = hermiteSeriesPolynomial(act.coeffs, dropLow);
  return { value, slope: derivative(value) };
}
