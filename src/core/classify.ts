// Where a neuron ended (science.md §8). The numeric classifier `fateIndex` allocates nothing,
// so the worker can classify every neuron of every frame; `classifyNeuron` is its readable form.

export type Fate =
  | { kind: 'index'; j: number; overlap: number; recovered: boolean }
  | { kind: 'average' }
  | { kind: 'antiAverage' }
  | { kind: 'equator' }
  | { kind: 'unsettled' }
  | { kind: 'failed' };

export type OtherKind = 'antiAverage' | 'equator' | 'unsettled' | 'failed';

export interface OutcomeCounts {
  /** per index vector: neurons with overlap > 1 − tol */
  recovered: number[];
  /** per index vector: neurons heading for it (recovered ones included) */
  attracted: number[];
  atAverage: number;
  /** everything else; broken down in otherKinds */
  other: number;
  /** failed: the integration of that neuron broke down (non-finite values or the step cap) */
  otherKinds: Record<OtherKind, number>;
}

export interface ClassifyOptions {
  k: number;
  /** u* of the average point; NaN when the geometry has none (custom Gram) */
  averageOverlap: number;
  /** φ even: ±v_j equivalent, so overlaps compare in absolute value */
  even: boolean;
  tol: number;
}

/** Results of fateIndex below 0 (0..k−1 mean "attracted to index j"). */
export const FATE_AVERAGE = -1;
export const FATE_ANTI_AVERAGE = -2;
export const FATE_EQUATOR = -3;
export const FATE_UNSETTLED = -4;

/**
 * j ∈ 0..k−1 when the neuron heads for v_j (its largest overlap, absolute for even φ, leads the
 * next by more than tol), else one of the FATE_* codes. The overlap with v_j is then
 * `even ? |u_j| : u_j`, and the neuron counts as recovered when that exceeds 1 − tol.
 */
export function fateIndex(u: ArrayLike<number>, uo: number, opt: ClassifyOptions): number {
  const { k, averageOverlap: us, even, tol } = opt;
  if (k > 1 && Number.isFinite(us)) {
    let nearAvg = true, nearAnti = true;
    for (let j = 0; j < k; j++) {
      const x = u[uo + j];
      if (Math.abs(x - us) > tol) nearAvg = false;
      if (Math.abs(x + us) > tol) nearAnti = false;
    }
    // for even φ, −w̄ is the same point of the loss landscape as w̄
    if (nearAvg || (even && nearAnti)) return FATE_AVERAGE;
    if (nearAnti) return FATE_ANTI_AVERAGE;
  }
  let best = -1, bestVal = -Infinity, second = -Infinity, maxSigned = -Infinity;
  for (let j = 0; j < k; j++) {
    const x = u[uo + j];
    const v = even ? Math.abs(x) : x;
    if (x > maxSigned) maxSigned = x;
    if (v > bestVal) {
      second = bestVal;
      bestVal = v;
      best = j;
    } else if (v > second) second = v;
  }
  // odd φ: with every overlap ≤ 0 a neuron drifts up towards u = 0 (for orthogonal index
  // vectors it stalls there; with β > 0 it may still leave, slowly)
  if (!even && maxSigned <= 0) return FATE_EQUATOR;
  const margin = k === 1 ? bestVal : bestVal - second;
  if (best >= 0 && bestVal > tol && margin > tol) return best;
  return FATE_UNSETTLED;
}

export function classifyNeuron(u: ArrayLike<number>, uo: number, opt: ClassifyOptions): Fate {
  const f = fateIndex(u, uo, opt);
  if (f >= 0) {
    const overlap = opt.even ? Math.abs(u[uo + f]) : u[uo + f];
    return { kind: 'index', j: f, overlap, recovered: overlap > 1 - opt.tol };
  }
  if (f === FATE_AVERAGE) return { kind: 'average' };
  if (f === FATE_ANTI_AVERAGE) return { kind: 'antiAverage' };
  if (f === FATE_EQUATOR) return { kind: 'equator' };
  return { kind: 'unsettled' };
}

export function emptyCounts(k: number): OutcomeCounts {
  return {
    recovered: new Array<number>(k).fill(0),
    attracted: new Array<number>(k).fill(0),
    atAverage: 0,
    other: 0,
    otherKinds: { antiAverage: 0, equator: 0, unsettled: 0, failed: 0 },
  };
}

/**
 * Counts the fates of n neurons; `failed` (the integrator's flags) puts a neuron whose
 * integration broke down under "other" whatever its last state. With `codes`, also writes each
 * neuron's colour code: 0..k−1 the index vector it heads for (its largest overlap even before
 * it settles), k at the average, k + 1 anything else.
 */
export function countOutcomes(
  u: ArrayLike<number>,
  n: number,
  opt: ClassifyOptions,
  failed?: Uint8Array,
  codes?: Uint8Array,
): OutcomeCounts {
  const { k, even, tol } = opt;
  const counts = emptyCounts(k);
  const kinds = counts.otherKinds;
  for (let i = 0; i < n; i++) {
    const uo = i * k;
    const f = failed && failed[i] === 1 ? NaN : fateIndex(u, uo, opt);
    let code = k + 1;
    if (f >= 0) {
      counts.attracted[f]++;
      if ((even ? Math.abs(u[uo + f]) : u[uo + f]) > 1 - tol) counts.recovered[f]++;
      code = f;
    } else if (f === FATE_AVERAGE) {
      counts.atAverage++;
      code = k;
    } else {
      counts.other++;
      if (f === FATE_ANTI_AVERAGE) kinds.antiAverage++;
      else if (f === FATE_EQUATOR) kinds.equator++;
      else if (f === FATE_UNSETTLED) {
        kinds.unsettled++;
        code = headingOf(u, uo, k, even);
      } else kinds.failed++;
    }
    if (codes) codes[i] = code;
  }
  return counts;
}

/** The index with the largest (absolute, for even φ) positive overlap, or k + 1 if none. */
function headingOf(u: ArrayLike<number>, uo: number, k: number, even: boolean): number {
  let best = k + 1, bestVal = 0;
  for (let j = 0; j < k; j++) {
    const v = even ? Math.abs(u[uo + j]) : u[uo + j];
    if (v > bestVal) {
      bestVal = v;
      best = j;
    }
  }
  return best;
}

export function allRecovered(counts: OutcomeCounts): boolean {
  return counts.recovered.every((c) => c > 0);
}

/** Final-fate code for maps: 0..k−1 index j, k average, k+1 other. */
export function fateCode(u: ArrayLike<number>, uo: number, opt: ClassifyOptions): number {
  const f = fateIndex(u, uo, opt);
  if (f >= 0) return f;
  return f === FATE_AVERAGE ? opt.k : opt.k + 1;
}
