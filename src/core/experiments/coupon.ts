// Coupon collecting over index vectors in the orthogonal case (docs/model.md §6).

export function binomial(n: number, r: number): number {
  let b = 1;
  for (let i = 1; i <= r; i++) b = (b * (n - r + i)) / i;
  return b;
}

/** Probability that a neuron picks a given index vector: 1/k (even φ) or (1 − 2^{−k})/k (odd). */
export function pickProbability(k: number, even: boolean): number {
  return even ? 1 / k : (1 - Math.pow(2, -k)) / k;
}

/** P(all k index vectors found by n neurons) = Σ_i (−1)^i C(k,i) (1 − i q)^n. */
export function allFoundProbability(k: number, n: number, q: number): number {
  let s = 0;
  for (let i = 0; i <= k; i++) {
    // 1 − iq ≥ 0 for both pick probabilities; 0⁰ = 1 keeps n = 0 right
    const base = Math.max(0, 1 - i * q);
    s += (i % 2 === 0 ? 1 : -1) * binomial(k, i) * Math.pow(base, n);
  }
  return Math.min(1, Math.max(0, s));
}
