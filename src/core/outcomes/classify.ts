// Where a neuron ended (docs/model.md §8). The numeric classifier `fateIndex` allocates nothing,
// so the worker can classify every neuron of every frame; `classifyNeuron` is its readable form.

export type Fate =
  /** atMinimum (present only when true): not recovered, but within tol of the distorted minimum near v_j in every overlap */
  | { kind: 'index'; j: number; overlap: number; recovered: boolean; atMinimum?: boolean }
  | { kind: 'average' }
  | { kind: 'antiAverage' }
  | { kind: 'minusIndex'; j: number; overlap: number }
  | { kind: 'fixedPoint'; subset: number[] | null }
  | { kind: 'equator' }
  | { kind: 'unsettled' }
  | { kind: 'failed' };

export type OtherKind = 'antiAverage' | 'equator' | 'unsettled' | 'failed' | 'minusIndex' | 'fixedPoint';

/** Settled neurons at a fixed point that is none of the named ones, grouped by subset S. */
export interface OtherFixedPoint {
  /** the index vectors (1-based) whose partial average the point sits near; null when none fits */
  subset: number[] | null;
  count: number;
  /** overlaps of the first such neuron */
  overlaps: number[];
}

export interface OutcomeCounts {
  /** per index vector: neurons with overlap > 1 − tol */
  recovered: number[];
  /** per index vector: neurons heading for it (recovered ones included) */
  attracted: number[];
  /**
   * per index vector: attracted neurons that are not recovered but sit within tol (every
   * overlap) of the minimum near v_j, distorted away from v_j (docs/model.md §7–§8). Together
   * with `recovered` these are the neurons that have arrived; the rest of `attracted` is on the way.
   */
  atMinimum: number[];
  atAverage: number;
  /** everything else; broken down in otherKinds */
  other: number;
  /**
   * failed: the integration of that neuron broke down (non-finite values or the step cap);
   * minusIndex: odd φ, at −v_j; fixedPoint: settled at a fixed point that is none of the named ones
   */
  otherKinds: Record<OtherKind, number>;
  /** even φ: the part of `attracted` (and of `recovered`) that sits at −v_j rather than +v_j */
  attractedNegative: number[];
  recoveredNegative: number[];
  /** even φ: the part of `atAverage` at −w̄ rather than w̄ */
  atAverageNegative: number;
  /** odd φ: per index vector, neurons at −v_j (counted in other) */
  minusIndex: number[];
  /** the fixedPoint neurons by subset */
  fixedPoints: OtherFixedPoint[];
}

export interface ClassifyOptions {
  k: number;
  /** u* of the average point; NaN when the geometry has none (custom Gram) */
  averageOverlap: number;
  /** φ even: ±v_j equivalent, so overlaps compare in absolute value */
  even: boolean;
  tol: number;
  /**
   * Whether the neuron has settled: in span(V) and (nearly) not moving. Only asked about
   * neurons that no named fate describes; without it none counts as settled.
   */
  isSettled?: (u: ArrayLike<number>, uo: number) => boolean;
  /** Gram matrix (row-major k×k), to name the subset S of a partial average */
  gram?: ArrayLike<number>;
  /**
   * the flow selects no index vector (φ = t², orthogonal): a neuron near v_j only started
   * there, so none counts as attracted or recovered; settled ones are "at another fixed point"
   */
  noSelection?: boolean;
  /**
   * odd φ: a neuron with every |u_j| below this has reached the equator u = 0 (where φ' vanishes
   * and it creeps on), even if one overlap has turned slightly positive there. Far below a
   * start's 1/√d, so no searching neuron is taken for it.
   */
  equatorRadius?: number;
  /**
   * the minimum near v_j (equiangular: overlap `overlap` with v_j, `others` with every other
   * index vector), or null/absent where it does not exist (docs/model.md §7)
   */
  indexMinimum?: { overlap: number; others: number } | null;
}

/** Results of fateIndex below 0 (0..k−1 mean "attracted to index j"). */
const FATE_AVERAGE = -1;
const FATE_ANTI_AVERAGE = -2;
const FATE_EQUATOR = -3;
const FATE_UNSETTLED = -4;
const FATE_FIXED_POINT = -5;
/** odd φ, at −v_j: FATE_MINUS_INDEX − j */
const FATE_MINUS_INDEX = -16;

/** j of a FATE_MINUS_INDEX − j result, or −1. */
function minusIndexOf(f: number): number {
  return f <= FATE_MINUS_INDEX ? FATE_MINUS_INDEX - f : -1;
}

/**
 * j ∈ 0..k−1 when the neuron heads for v_j (its largest overlap, absolute for even φ, leads the
 * next by more than tol), else one of the FATE_* codes. The overlap with v_j is then
 * `even ? |u_j| : u_j`, and the neuron counts as recovered when that exceeds 1 − tol.
 * For odd φ, u ≈ −v_j (its most negative overlap leads in size, and it is within tol of −1 or
 * settled there) is FATE_MINUS_INDEX − j. A settled neuron that none of these describes is
 * FATE_FIXED_POINT, never "unsettled".
 */
function fateIndex(u: ArrayLike<number>, uo: number, opt: ClassifyOptions): number {
  const { k, averageOverlap: us, even, tol } = opt;
  if (opt.noSelection) return settledOr(u, uo, opt, FATE_UNSETTLED);
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
  let best = -1, bestVal = -Infinity, second = -Infinity, maxSigned = -Infinity, maxAbs = 0;
  let neg = -1, negVal = -Infinity, negSecond = -Infinity;
  for (let j = 0; j < k; j++) {
    const x = u[uo + j];
    const v = even ? Math.abs(x) : x;
    if (x > maxSigned) maxSigned = x;
    if (v > bestVal) {
      second = bestVal;
      bestVal = v;
      best = j;
    } else if (v > second) second = v;
    const a = Math.abs(x);
    if (a > maxAbs) maxAbs = a;
    if (a > negVal) {
      negSecond = negVal;
      negVal = a;
      neg = x < 0 ? j : -1;
    } else if (a > negSecond) negSecond = a;
  }
  if (!even && neg >= 0 && negVal > tol && (k === 1 ? negVal : negVal - negSecond) > tol) {
    if (negVal > 1 - tol || (opt.isSettled !== undefined && opt.isSettled(u, uo))) return FATE_MINUS_INDEX - neg;
  }
  // odd φ: with every overlap ≤ 0 a neuron drifts up towards u = 0 (for orthogonal index
  // vectors it stalls there; with β > 0 it may still leave, slowly)
  if (!even && maxSigned <= 0) return settledOr(u, uo, opt, FATE_EQUATOR);
  if (!even && maxAbs < (opt.equatorRadius ?? 0)) return FATE_EQUATOR;
  const margin = k === 1 ? bestVal : bestVal - second;
  if (best >= 0 && bestVal > tol && margin > tol) return best;
  return settledOr(u, uo, opt, FATE_UNSETTLED);
}

function settledOr(u: ArrayLike<number>, uo: number, opt: ClassifyOptions, fallback: number): number {
  return opt.isSettled !== undefined && opt.isSettled(u, uo) ? FATE_FIXED_POINT : fallback;
}

/** How far (max over overlaps) a neuron may sit from the symmetric partial average of S to be named by S. */
const SUBSET_MATCH = 0.1;

/**
 * The subset S (0-based, ascending) whose partial average Σ_{j∈S} ±v_j / |·| a fixed point sits
 * near: S holds the overlaps at least half the largest in size (signs from the overlaps), and
 * the point must be within SUBSET_MATCH of that average in every overlap, else null. The exact
 * fixed point is pulled off the symmetric average by the index vectors outside S, hence "near".
 */
function partialAverageSubset(u: ArrayLike<number>, uo: number, k: number, gram: ArrayLike<number>): number[] | null {
  let top = 0;
  for (let j = 0; j < k; j++) top = Math.max(top, Math.abs(u[uo + j]));
  if (!(top > 0)) return null;
  const S: number[] = [];
  for (let j = 0; j < k; j++) if (Math.abs(u[uo + j]) >= 0.5 * top) S.push(j);
  if (S.length < 2 || S.length === k) return S.length === k ? S : null;
  let norm2 = 0;
  for (const a of S) for (const b of S) norm2 += Math.sign(u[uo + a]) * Math.sign(u[uo + b]) * gram[a * k + b];
  if (!(norm2 > 0)) return null;
  const norm = Math.sqrt(norm2);
  for (let i = 0; i < k; i++) {
    let s = 0;
    for (const a of S) s += Math.sign(u[uo + a]) * gram[i * k + a];
    if (Math.abs(u[uo + i] - s / norm) > SUBSET_MATCH) return null;
  }
  return S;
}

export function classifyNeuron(u: ArrayLike<number>, uo: number, opt: ClassifyOptions): Fate {
  const f = fateIndex(u, uo, opt);
  if (f >= 0) {
    const overlap = opt.even ? Math.abs(u[uo + f]) : u[uo + f];
    const recovered = overlap > 1 - opt.tol;
    // the flag appears only when set, so a fate near v_j reads as before
    return !recovered && nearIndexMinimum(u, uo, f, opt) ? { kind: 'index', j: f, overlap, recovered, atMinimum: true } : { kind: 'index', j: f, overlap, recovered };
  }
  if (f === FATE_AVERAGE) return { kind: 'average' };
  if (f === FATE_ANTI_AVERAGE) return { kind: 'antiAverage' };
  if (f === FATE_EQUATOR) return { kind: 'equator' };
  if (f === FATE_FIXED_POINT) {
    const S = opt.gram ? partialAverageSubset(u, uo, opt.k, opt.gram) : null;
    return { kind: 'fixedPoint', subset: S };
  }
  const m = minusIndexOf(f);
  if (m >= 0) return { kind: 'minusIndex', j: m, overlap: -u[uo + m] };
  return { kind: 'unsettled' };
}

/**
 * Whether the neuron attracted to j sits within tol, in every overlap, of the minimum near v_j:
 * u ≈ (b, …, a, …, b) with a in slot j (for even φ, ±that point, the sign of u_j's).
 */
function nearIndexMinimum(u: ArrayLike<number>, uo: number, j: number, opt: ClassifyOptions): boolean {
  const m = opt.indexMinimum;
  if (!m) return false;
  const sign = opt.even && u[uo + j] < 0 ? -1 : 1;
  for (let i = 0; i < opt.k; i++) {
    const target = sign * (i === j ? m.overlap : m.others);
    if (!(Math.abs(u[uo + i] - target) <= opt.tol)) return false;
  }
  return true;
}

/**
 * Whether the minimum near v_j is a place of its own on the sphere: its neurons are not
 * already counted as recovered (its overlap with v_j is at most 1 − tol).
 */
export function minimumIsDistinct(minimum: { overlap: number } | null | undefined, tol: number): boolean {
  return !!minimum && minimum.overlap <= 1 - tol;
}

export function emptyCounts(k: number): OutcomeCounts {
  return {
    recovered: new Array<number>(k).fill(0),
    attracted: new Array<number>(k).fill(0),
    atAverage: 0,
    other: 0,
    otherKinds: { antiAverage: 0, equator: 0, unsettled: 0, failed: 0, minusIndex: 0, fixedPoint: 0 },
    attractedNegative: new Array<number>(k).fill(0),
    recoveredNegative: new Array<number>(k).fill(0),
    atAverageNegative: 0,
    minusIndex: new Array<number>(k).fill(0),
    fixedPoints: [],
    // last: the earlier keys keep their order in the CLI's JSON
    atMinimum: new Array<number>(k).fill(0),
  };
}

function addFixedPoint(counts: OutcomeCounts, u: ArrayLike<number>, uo: number, opt: ClassifyOptions): void {
  const S = opt.gram ? partialAverageSubset(u, uo, opt.k, opt.gram) : null;
  const subset = S ? S.map((j) => j + 1) : null;
  const key = subset ? subset.join(',') : '';
  const found = counts.fixedPoints.find((g) => (g.subset ? g.subset.join(',') : '') === key);
  if (found) found.count++;
  else counts.fixedPoints.push({ subset, count: 1, overlaps: Array.from({ length: opt.k }, (_, j) => u[uo + j]) });
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
      const x = u[uo + f];
      const recovered = (even ? Math.abs(x) : x) > 1 - tol;
      if (recovered) counts.recovered[f]++;
      else if (nearIndexMinimum(u, uo, f, opt)) counts.atMinimum[f]++;
      if (x < 0) {
        counts.attractedNegative[f]++;
        if (recovered) counts.recoveredNegative[f]++;
      }
      code = f;
    } else if (f === FATE_AVERAGE) {
      counts.atAverage++;
      if (u[uo] < 0) counts.atAverageNegative++;
      code = k;
    } else {
      counts.other++;
      const m = minusIndexOf(f);
      if (m >= 0) {
        kinds.minusIndex++;
        counts.minusIndex[m]++;
      } else if (f === FATE_ANTI_AVERAGE) kinds.antiAverage++;
      else if (f === FATE_EQUATOR) kinds.equator++;
      else if (f === FATE_FIXED_POINT) {
        kinds.fixedPoint++;
        addFixedPoint(counts, u, uo, opt);
      } else if (f === FATE_UNSETTLED) {
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

/** How many distinct index vectors have at least one neuron that recovered them. */
export function coveredCount(counts: OutcomeCounts): number {
  return counts.recovered.filter((c) => c > 0).length;
}

export function allRecovered(counts: OutcomeCounts): boolean {
  return coveredCount(counts) === counts.recovered.length;
}

/** Neurons that have arrived at v_j: recovered, or at the (distorted) minimum near it. */
export function arrivedCount(counts: OutcomeCounts, j: number): number {
  return (counts.recovered[j] ?? 0) + (counts.atMinimum?.[j] ?? 0);
}

/**
 * The index vectors (0-based) with no neuron at them nor at the minimum near them: the ones
 * truly not recovered. Counts from before `atMinimum` existed read as none at any minimum.
 */
export function unreachedIndices(counts: OutcomeCounts): number[] {
  const out: number[] = [];
  for (let j = 0; j < counts.recovered.length; j++) if (arrivedCount(counts, j) === 0) out.push(j);
  return out;
}

/** Final-fate code for maps: 0..k−1 index j, k average, k+1 other. */
export function fateCode(u: ArrayLike<number>, uo: number, opt: ClassifyOptions): number {
  const f = fateIndex(u, uo, opt);
  if (f >= 0) return f;
  return f === FATE_AVERAGE ? opt.k : opt.k + 1;
}
