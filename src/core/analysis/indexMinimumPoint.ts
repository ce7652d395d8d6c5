// Where the minimum near v_j sits, for drawing it: on the great circle through v_j and w̄
// (docs/model.md §7), so it is a combination w = α v_j + γ w̄ of two points every view already
// draws. Any linear drawing map then places it at α·(drawn v_j) + γ·(drawn w̄).

/**
 * α and γ with w = α v_j + γ w̄ having overlaps a with v_j and b with every other v_i
 * (equiangular G = (1 − β)I + β11ᵀ, k ≥ 2, β < 1). In the basis of the v_i, w = Σ c_i v_i with
 * G c = u, and by symmetry c = (x, y, …, y) (x in slot j): x − y = (a − b)/(1 − β) and
 * y = (b − βS)/(1 − β) with S = Σ c_i = (a + (k − 1)b)/(1 + (k − 1)β); then w = (x − y)v_j + y Σ v_i
 * and Σ v_i = |Σ v_i| w̄, |Σ v_i|² = k(1 + (k − 1)β).
 */
export function indexMinimumCombination(k: number, beta: number, a: number, b: number): { alongIndex: number; alongAverage: number } {
  const spread = 1 + (k - 1) * beta;
  const S = (a + (k - 1) * b) / spread;
  const y = (b - beta * S) / (1 - beta);
  return { alongIndex: (a - b) / (1 - beta), alongAverage: y * Math.sqrt(k * spread) };
}
