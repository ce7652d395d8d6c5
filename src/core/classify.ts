// Where a neuron ended (science.md §8).

export type Fate =
  | { kind: 'index'; j: number; overlap: number; recovered: boolean }
  | { kind: 'average' }
  | { kind: 'antiAverage' }
  | { kind: 'equator' }
  | { kind: 'unsettled' };

export interface OutcomeCounts {
  /** per index vector: neurons with overlap > 1 − tol */
  recovered: number[];
  /** per index vector: neurons heading for it (recovered ones included) */
  attracted: number[];
  atAverage: number;
  /** everything else; broken down in otherKinds */
  other: number;
  otherKinds: { antiAverage: number; equator: number; unsettled: number };
}

export interface ClassifyOptions {
  k: number;
  /** u* of the average point; NaN when the geometry has none (custom Gram) */
  averageOverlap: number;
  /** φ even: ±v_j equivalent, so overlaps compare in absolute value */
  even: boolean;
  tol: number;
}

export function classifyNeuron(u: ArrayLike<number>, uo: number, opt: ClassifyOptions): Fate {
  const { k, averageOverlap: us, even, tol } = opt;
  if (k > 1 && Number.isFinite(us)) {
    let nearAvg = true, nearAnti = true, nearNegAvg = true;
    for (let j = 0; j < k; j++) {
      const x = u[uo + j];
      if (Math.abs(x - us) > tol) nearAvg = false;
      if (Math.abs(x + us) > tol) nearAnti = false;
    }
    if (even) nearNegAvg = nearAnti;
    else nearNegAvg = false;
    if (nearAvg || nearNegAvg) return { kind: 'average' };
    if (nearAnti && !even) return { kind: 'antiAverage' };
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
  // odd φ: with every overlap ≤ 0 the flow only drifts up to u = 0 and stalls there
  if (!even && maxSigned <= 0) return { kind: 'equator' };
  const margin = k === 1 ? bestVal : bestVal - second;
  if (best >= 0 && bestVal > tol && margin > tol) {
    return { kind: 'index', j: best, overlap: bestVal, recovered: bestVal > 1 - tol };
  }
  return { kind: 'unsettled' };
}

export function emptyCounts(k: number): OutcomeCounts {
  return {
    recovered: new Array<number>(k).fill(0),
    attracted: new Array<number>(k).fill(0),
    atAverage: 0,
    other: 0,
    otherKinds: { antiAverage: 0, equator: 0, unsettled: 0 },
  };
}

export function countOutcomes(u: Float64Array, n: number, opt: ClassifyOptions): OutcomeCounts {
  const counts = emptyCounts(opt.k);
  for (let i = 0; i < n; i++) {
    const fate = classifyNeuron(u, i * opt.k, opt);
    switch (fate.kind) {
      case 'index':
        counts.attracted[fate.j]++;
        if (fate.recovered) counts.recovered[fate.j]++;
        break;
      case 'average':
        counts.atAverage++;
        break;
      default:
        counts.other++;
        counts.otherKinds[fate.kind]++;
    }
  }
  return counts;
}

export function allRecovered(counts: OutcomeCounts): boolean {
  return counts.recovered.every((c) => c > 0);
}

/** Fate code per neuron for colouring: 0..k−1 index j, k average, k+1 other. */
export function fateCode(u: ArrayLike<number>, uo: number, opt: ClassifyOptions): number {
  const fate = classifyNeuron(u, uo, opt);
  if (fate.kind === 'index') return fate.j;
  if (fate.kind === 'average') return opt.k;
  return opt.k + 1;
}
