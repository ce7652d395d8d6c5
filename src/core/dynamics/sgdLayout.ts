// Where an SGD run keeps its arrays in the SGD module's memory (sgdKernels.ts): byte offsets, each
// at a 16-byte boundary so the two-lane passes load whole pairs, the failed flags (bytes) last.
import { RNG_BYTES } from './sgdNormals.ts';

export interface SgdLayout {
  /** n rows of d weights, at 0 */
  w: number;
  /** the batch: B rows of d */
  x: number;
  /** the next sample, d (batch 1: sgdSteps.ts draws one step ahead) */
  next: number;
  /** B coefficients of the batch step */
  c: number;
  /** the batch's Gram matrix, B × B */
  xx: number;
  /** the labels, B */
  y: number;
  /** |w_i|², n (room for n rounded up to even) */
  norms: number;
  /** σ''s and σ*'s monomial coefficients */
  slope: number;
  target: number;
  /** the k × k Cholesky factor whose rows are the index vectors */
  chol: number;
  /** scratch for the batch-1 step (sgdRowSweeps.ts): three arrays of n rounded up to even doubles */
  rows: number;
  /** the sample generator's state (sgdNormals.ts) */
  rng: number;
  /** n bytes */
  failed: number;
  bytes: number;
}

export function sgdLayout(n: number, d: number, batch: number, k: number, slopeCount: number, targetCount: number): SgdLayout {
  const padded = (doubles: number) => 16 * Math.ceil((8 * doubles) / 16);
  let at = 0;
  const take = (bytes: number) => {
    const start = at;
    at += bytes;
    return start;
  };
  const w = take(padded(n * d));
  const x = take(padded(batch * d));
  const next = take(padded(d));
  const c = take(padded(batch));
  const xx = take(padded(batch * batch));
  const y = take(padded(batch));
  const norms = take(padded(n));
  const slope = take(padded(slopeCount));
  const target = take(padded(targetCount));
  const chol = take(padded(k * k));
  const rows = take(padded(3 * (n + (n % 2))));
  const rng = take(16 * Math.ceil(RNG_BYTES / 16));
  const failed = take(n);
  return { w, x, next, c, xx, y, norms, slope, target, chol, rows, rng, failed, bytes: at };
}
