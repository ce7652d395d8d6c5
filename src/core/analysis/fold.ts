// The second threshold β_fold (docs/model.md §7). For equiangular index vectors the minimum near
// v_j is the fixed point u = (a, b, …, b) (a in slot j) of G φ'(u) = λu, uᵀG⁻¹u = 1. By the
// symmetry among the other k − 1 vectors it lies on the great circle through v_j and w̄:
//   w(θ) = cos θ v_j + sin θ f,   f ⟂ v_j in span(v_j, Σ_{i≠j} v_i),
// where a = cos θ and b = β cos θ + c sin θ with c = sqrt((1 − β)(1 + (k − 1)β)/(k − 1)).
// Critical points of the loss ℓ(θ) = −φ(a) − (k − 1)φ(b) on that circle are fixed points of
// the full flow. The branch starts at θ = 0 (a = 1) for β = 0; followed in β it meets the
// saddle between it and w̄ and both vanish (ℓ' = ℓ'' = 0): that β is β_fold.
import { averageOverlap, betaCriticalRoots } from './averagePoint.ts';
import { d2phi, dphi, type Kernel } from '../model/kernel.ts';

/** The fixed point near v_j at one β: its overlaps and where it sits on the circle. */
export interface IndexMinimum {
  /** overlap with its own index vector, a = cos θ (below 1 once β > 0: distorted) */
  overlap: number;
  /** overlap with each of the other k − 1 index vectors */
  others: number;
  /** position on the circle from v_j (θ = 0) to w̄ */
  theta: number;
}

function circleCoefficient(k: number, beta: number): number {
  return Math.sqrt(((1 - beta) * (1 + (k - 1) * beta)) / (k - 1));
}

/** ℓ'(θ) and ℓ''(θ) on the circle through v_j and w̄. */
function circleDerivatives(kernel: Kernel, k: number, beta: number, theta: number, out: Float64Array): Float64Array {
  const c = circleCoefficient(k, beta);
  const cs = Math.cos(theta), sn = Math.sin(theta);
  const a = cs, b = beta * cs + c * sn;
  const da = -sn, db = -beta * sn + c * cs;
  const d2a = -cs, d2b = -b;
  const pa = dphi(kernel, a), pb = dphi(kernel, b);
  out[0] = -pa * da - (k - 1) * pb * db;
  out[1] = -d2phi(kernel, a) * da * da - pa * d2a - (k - 1) * (d2phi(kernel, b) * db * db + pb * d2b);
  return out;
}

/** Where w̄ sits on the circle. */
function averageAngle(k: number, beta: number): number {
  return Math.acos(Math.min(1, averageOverlap(k, beta)));
}

/** Resolution of the scan along the circle (samples between v_j and w̄). */
const THETA_SAMPLES = 400;
/** The branch must stay this far (as a fraction of the arc) from w̄ to count as "near v_j". */
const AVERAGE_GAP = 1e-3;

/**
 * Brackets [θ₀, θ₁] of the first local minimum of ℓ on the arc from v_j towards w̄ (ℓ' goes
 * from − to +) and of the saddle after it (+ to −), or null when the arc has none away from w̄.
 */
function branchBracket(kernel: Kernel, k: number, beta: number): { min: number; saddle: number } | null {
  const top = averageAngle(k, beta) * (1 - AVERAGE_GAP);
  const start = -0.05 * Math.max(top, 1e-3);
  const buf = new Float64Array(2);
  const ts = new Float64Array(THETA_SAMPLES + 1);
  const gs = new Float64Array(THETA_SAMPLES + 1);
  for (let i = 0; i <= THETA_SAMPLES; i++) {
    ts[i] = start + ((top - start) * i) / THETA_SAMPLES;
    gs[i] = circleDerivatives(kernel, k, beta, ts[i], buf)[0];
  }
  let min = NaN;
  for (let i = 1; i <= THETA_SAMPLES; i++) {
    const prev = gs[i - 1], g = gs[i];
    if (Number.isNaN(min)) {
      if (prev < 0 && g >= 0) min = refineRoot(kernel, k, beta, ts[i - 1], ts[i]);
      else if (i < THETA_SAMPLES && prev < g && g < 0 && g >= gs[i + 1]) {
        // near the fold the minimum and its saddle can fall between two samples: ℓ' then
        // shows only a hump that dips below zero at the samples; look at its true top
        const h = humpTop(kernel, k, beta, ts[i - 1], ts[i + 1]);
        if (h.value > 0) {
          return { min: refineRoot(kernel, k, beta, ts[i - 1], h.theta), saddle: refineRoot(kernel, k, beta, h.theta, ts[i + 1]) };
        }
      }
    } else if (prev > 0 && g <= 0) {
      return { min, saddle: refineRoot(kernel, k, beta, ts[i - 1], ts[i]) };
    }
  }
  // a minimum with no saddle before w̄: above β_c the saddle can sit within the gap; still a branch
  return Number.isNaN(min) ? null : { min, saddle: top };
}

/** Bisection on ℓ'(θ) = 0 inside a sign-change bracket. */
function refineRoot(kernel: Kernel, k: number, beta: number, lo: number, hi: number): number {
  const buf = new Float64Array(2);
  const flo = Math.sign(circleDerivatives(kernel, k, beta, lo, buf)[0]);
  for (let it = 0; it < 80 && hi - lo > 1e-15; it++) {
    const mid = 0.5 * (lo + hi);
    if (Math.sign(circleDerivatives(kernel, k, beta, mid, buf)[0]) === flo) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/** The minimum near v_j at β (equiangular, p* ≥ 3), or null where it no longer exists. */
export function indexMinimum(kernel: Kernel, k: number, beta: number): IndexMinimum | null {
  if (k < 2 || kernel.pStar < 3 || !(beta >= 0 && beta < 1)) return null;
  const br = branchBracket(kernel, k, beta);
  if (!br) return null;
  const theta = br.min;
  const c = circleCoefficient(k, beta);
  return { overlap: Math.cos(theta), others: beta * Math.cos(theta) + c * Math.sin(theta), theta };
}

/**
 * The top of ℓ' on [lo, hi] (golden-section search; ℓ' has one hump there): positive while the
 * branch minimum and its saddle both exist, negative once they have merged.
 */
function humpTop(kernel: Kernel, k: number, beta: number, lo: number, hi: number): { theta: number; value: number } {
  const buf = new Float64Array(2);
  const f = (t: number) => circleDerivatives(kernel, k, beta, t, buf)[0];
  const r = (Math.sqrt(5) - 1) / 2;
  let a = lo, b = hi;
  let x1 = b - r * (b - a), x2 = a + r * (b - a);
  let f1 = f(x1), f2 = f(x2);
  for (let it = 0; it < 120 && b - a > 1e-13; it++) {
    if (f1 < f2) {
      a = x1;
      x1 = x2;
      f1 = f2;
      x2 = a + r * (b - a);
      f2 = f(x2);
    } else {
      b = x2;
      x2 = x1;
      f2 = f1;
      x1 = b - r * (b - a);
      f1 = f(x1);
    }
  }
  return f1 > f2 ? { theta: x1, value: f1 } : { theta: x2, value: f2 };
}

/** Steps of the continuation in β over [0, 1). */
const BETA_STEPS = 120;

/**
 * Every β in [0, 1) where the minimum near v_j disappears (or reappears) for equiangular index
 * vectors: the fold(s) of the branch that starts at v_j for β = 0. Empty for k = 1 (no other
 * index vector) and p* ≤ 2 (no isolated minimum to follow, or a different mechanism).
 */
export function betaFoldRoots(kernel: Kernel, k: number): number[] {
  if (k < 2 || kernel.pStar < 3) return [];
  // the same kernel and k come back on every rebuild of a model (β, n, d or the seed changed)
  const key = `${k}|${kernel.exact ? kernel.exact.formula : ''}|${Array.from(kernel.c).join(',')}`;
  const cached = foldCache.get(key);
  if (cached) return [...cached];
  const roots = continueBranch(kernel, k);
  if (foldCache.size >= FOLD_CACHE_SIZE) foldCache.delete(foldCache.keys().next().value!);
  foldCache.set(key, roots);
  return [...roots];
}

const FOLD_CACHE_SIZE = 64;
const foldCache = new Map<string, number[]>();

function continueBranch(kernel: Kernel, k: number): number[] {
  const roots: number[] = [];
  const top = 1 - 1e-6;
  let b0 = 0;
  let br0 = branchBracket(kernel, k, 0);
  for (let i = 1; i <= BETA_STEPS; i++) {
    const b1 = (top * i) / BETA_STEPS;
    const br1 = branchBracket(kernel, k, b1);
    if ((br0 === null) !== (br1 === null)) roots.push(refineFold(kernel, k, b0, b1, br0 !== null));
    b0 = b1;
    br0 = br1;
  }
  return roots;
}

/**
 * Bisection in β on whether the branch exists (the scan of branchBracket, which also resolves a
 * minimum and saddle closer together than its samples). `existsAtLo` says which end has it.
 * When the branch ends on w̄ itself (it reaches the average point instead of meeting a saddle
 * on the way, as for k = 2) the end is the β_c where w̄ changes kind; that root is returned.
 */
function refineFold(kernel: Kernel, k: number, lo: number, hi: number, existsAtLo: boolean): number {
  const exists = (b: number) => branchBracket(kernel, k, b) !== null;
  for (let it = 0; it < 60 && hi - lo > 1e-13; it++) {
    const mid = 0.5 * (lo + hi);
    if (exists(mid) === existsAtLo) lo = mid;
    else hi = mid;
  }
  const root = 0.5 * (lo + hi);
  const side = existsAtLo ? lo : hi;
  const br = branchBracket(kernel, k, side);
  const top = averageAngle(k, side);
  if (br && top - br.min < MERGE_GAP * top) {
    const near = betaCriticalRoots(kernel, k).filter((b) => Math.abs(b - root) < 1e-4);
    if (near.length > 0) return near[0];
  }
  return root;
}

/** A branch this close to w̄ (fraction of the arc) when it vanishes has merged into w̄. */
const MERGE_GAP = 0.02;
