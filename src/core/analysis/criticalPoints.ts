// Every critical point of the loss L(w) = −Σ_j φ(w·v_j) on the unit sphere of span(V), for
// k ≤ 3 (docs/model.md §11). Newton's method on the sphere runs from an even cover of starts
// (it converges to critical points of every type, not only minima), the limits are merged,
// and each is classified from the Riemannian Hessian: inside the span sphere, and on S^{d−1},
// where every direction outside the span has the curvature Σ_j u_j φ'(u_j).
import { phi, dphi, d2phi, type Kernel } from '../model/kernel.ts';
import type { Geometry } from '../model/geometry.ts';
import { criticalPointHessian } from './hessian.ts';

export type CriticalPointKind = 'minimum' | 'saddle' | 'maximum' | 'degenerate';

export interface CriticalPoint {
  /** overlaps u_j = w·v_j */
  u: number[];
  /** negative curvature directions within the sphere of span(V) */
  spanIndex: number;
  /** curvature in every direction orthogonal to span(V) (d − rank of them) */
  perpCurvature: number;
  /** the type within the sphere of span(V) (what the landscape view draws) */
  spanKind: CriticalPointKind;
  /** the type on S^{d−1} */
  kind: CriticalPointKind;
  loss: number;
}

/** The largest k the enumeration covers: the span sphere is then at most S². */
export const MAX_LANDSCAPE_K = 3;

/** Points closer than this (in span coordinates) are one critical point. */
const MERGE_DISTANCE = 1e-9;
/** Limits of Newton's method around a degenerate point lie this close to it. */
const DEGENERATE_MERGE_DISTANCE = 1e-3;
/** Converged: Riemannian gradient below this (relative to the kernel's scale). */
const GRADIENT_TOLERANCE = 1e-13;
/**
 * An eigenvalue this small relative to the Hessian's scale counts as zero: Newton stops within
 * ~1e-6 of a degenerate point, where its eigenvalues are that small, while a point 10⁻⁴ in β
 * from a bifurcation still has eigenvalues of order 10⁻⁴.
 */
const ZERO_CURVATURE = 1e-5;
const MAX_NEWTON = 200;
/** Starts on the circle, and on S² (a Fibonacci cover). */
const CIRCLE_STARTS = 240;
const SPHERE_STARTS = 600;

/** All critical points of L on the sphere of span(V) (k ≤ 3), sorted by loss, then by u. */
export function criticalPoints(geometry: Geometry, kernel: Kernel, d: number): CriticalPoint[] {
  const { k, chol: L } = geometry;
  if (k > MAX_LANDSCAPE_K) throw new Error(`critical points are enumerated for k ≤ ${MAX_LANDSCAPE_K}, not k = ${k}`);
  const active: number[] = [];
  for (let a = 0; a < k; a++) if (L[a * k + a] !== 0) active.push(a);
  const r = active.length;
  const merged: { c: number[]; point: CriticalPoint }[] = [];
  for (const start of starts(r)) {
    const c = newton(L, k, active, kernel, start);
    if (!c) continue;
    const point = classify(geometry, kernel, d, overlapsOf(L, k, active, c), r);
    // Newton stalls short of a degenerate point (the gradient vanishes faster than the
    // distance): its limits scatter around it and are one point, merged loosely
    const loose = point.kind === 'degenerate';
    const twin = merged.find((m) => distance(m.c, c) < (loose || m.point.kind === 'degenerate' ? DEGENERATE_MERGE_DISTANCE : MERGE_DISTANCE));
    if (!twin) merged.push({ c, point });
    else if (loose && twin.point.kind !== 'degenerate') Object.assign(twin, { c, point });
  }
  const points = merged.map((m) => m.point);
  return points.sort((a, b) => a.loss - b.loss || compareRows(a.u, b.u));
}

/** Counts of each type within the span sphere: min − saddle + max is its Euler characteristic. */
export function kindCounts(points: CriticalPoint[], kindOf: (p: CriticalPoint) => CriticalPointKind = (p) => p.spanKind): Record<CriticalPointKind, number> {
  const out: Record<CriticalPointKind, number> = { minimum: 0, saddle: 0, maximum: 0, degenerate: 0 };
  for (const p of points) out[kindOf(p)]++;
  return out;
}

function classify(geometry: Geometry, kernel: Kernel, d: number, u: number[], r: number): CriticalPoint {
  const H = criticalPointHessian(geometry, kernel, u);
  let scale = Math.abs(H.perp);
  for (const x of H.span) scale = Math.max(scale, Math.abs(x));
  const zero = ZERO_CURVATURE * Math.max(scale, 1e-300);
  const spanKind = kindOf(H.span, zero);
  // on S^{d−1}: the span's tangent directions, and d − rank more with the perpendicular curvature
  const all = d > r ? [...H.span, H.perp] : H.span;
  let loss = 0;
  for (const x of u) loss -= phi(kernel, x);
  return { u, spanIndex: H.span.filter((x) => x < -zero).length, perpCurvature: H.perp, spanKind, kind: kindOf(all, zero), loss };
}

function kindOf(curvatures: number[], zero: number): CriticalPointKind {
  if (curvatures.some((x) => Math.abs(x) <= zero)) return 'degenerate';
  if (curvatures.every((x) => x > 0)) return 'minimum';
  if (curvatures.every((x) => x < 0)) return 'maximum';
  return 'saddle';
}

/** An even cover of S^{r−1} by starting points. */
function starts(r: number): number[][] {
  if (r === 1) return [[1], [-1]];
  if (r === 2) return Array.from({ length: CIRCLE_STARTS }, (_, i) => [Math.cos((2 * Math.PI * (i + 0.5)) / CIRCLE_STARTS), Math.sin((2 * Math.PI * (i + 0.5)) / CIRCLE_STARTS)]);
  const golden = Math.PI * (3 - Math.sqrt(5));
  return Array.from({ length: SPHERE_STARTS }, (_, i) => {
    const z = 1 - (2 * i + 1) / SPHERE_STARTS;
    const rho = Math.sqrt(1 - z * z);
    return [rho * Math.cos(golden * i), rho * Math.sin(golden * i), z];
  });
}

function overlapsOf(L: Float64Array, k: number, active: number[], c: number[]): number[] {
  const u: number[] = [];
  for (let j = 0; j < k; j++) {
    let s = 0;
    active.forEach((a, i) => (s += L[j * k + a] * c[i]));
    u.push(s);
  }
  return u;
}

/**
 * Newton's method for the Riemannian gradient on the sphere: solve (H + ccᵀ)η = −g in the
 * tangent space (ccᵀ keeps the normal direction nonsingular), step at most 0.3, retract.
 * Null when it does not settle (the start is then covered by another one).
 */
function newton(L: Float64Array, k: number, active: number[], kernel: Kernel, start: number[]): number[] | null {
  const r = active.length;
  let c = start.slice();
  let lastG = Infinity;
  for (let it = 0; it < MAX_NEWTON; it++) {
    const u = overlapsOf(L, k, active, c);
    // Euclidean gradient and Hessian of f(c) = −Σ φ(u_j), u = L_active c
    const e = new Array<number>(r).fill(0);
    const E = new Array<number>(r * r).fill(0);
    let scale = 0;
    for (let j = 0; j < k; j++) {
      const d1 = dphi(kernel, u[j]), d2 = d2phi(kernel, u[j]);
      scale = Math.max(scale, Math.abs(d1), Math.abs(d2));
      for (let a = 0; a < r; a++) {
        const la = L[j * k + active[a]];
        e[a] -= la * d1;
        for (let b = 0; b < r; b++) E[a * r + b] -= la * d2 * L[j * k + active[b]];
      }
    }
    const radial = dot(c, e);
    const g = e.map((x, a) => x - radial * c[a]);
    const gNorm = Math.sqrt(dot(g, g));
    if (gNorm <= GRADIENT_TOLERANCE * Math.max(scale, 1)) return c;
    // P(E − radial·I)P + ccᵀ
    const A = new Array<number>(r * r).fill(0);
    for (let a = 0; a < r; a++) {
      for (let b = 0; b < r; b++) {
        let s = 0;
        for (let x = 0; x < r; x++) {
          const pax = (a === x ? 1 : 0) - c[a] * c[x];
          for (let y = 0; y < r; y++) s += pax * (E[x * r + y] - (x === y ? radial : 0)) * ((y === b ? 1 : 0) - c[y] * c[b]);
        }
        A[a * r + b] = s + c[a] * c[b];
      }
    }
    let eta = solve(A, g.map((x) => -x), r);
    if (!eta) return null;
    const etaC = dot(eta, c);
    eta = eta.map((x, a) => x - etaC * c[a]);
    const len = Math.sqrt(dot(eta, eta));
    if (len > 0.3) eta = eta.map((x) => (x * 0.3) / len);
    const next = c.map((x, a) => x + eta[a]);
    const n = Math.sqrt(dot(next, next));
    c = next.map((x) => x / n);
    // a degenerate point: the gradient stalls well below the start's but above the tolerance
    if (it > 60 && gNorm < 1e-7 * Math.max(scale, 1) && gNorm >= lastG * 0.999) return c;
    lastG = gNorm;
  }
  return lastG < 1e-7 ? c : null;
}

/** Gaussian elimination with partial pivoting (r ≤ 3); null when singular. */
function solve(A: number[], b: number[], r: number): number[] | null {
  const M = A.slice(), x = b.slice();
  for (let col = 0; col < r; col++) {
    let piv = col;
    for (let row = col + 1; row < r; row++) if (Math.abs(M[row * r + col]) > Math.abs(M[piv * r + col])) piv = row;
    if (Math.abs(M[piv * r + col]) < 1e-300) return null;
    if (piv !== col) {
      for (let j = 0; j < r; j++) [M[col * r + j], M[piv * r + j]] = [M[piv * r + j], M[col * r + j]];
      [x[col], x[piv]] = [x[piv], x[col]];
    }
    for (let row = col + 1; row < r; row++) {
      const f = M[row * r + col] / M[col * r + col];
      for (let j = col; j < r; j++) M[row * r + j] -= f * M[col * r + j];
      x[row] -= f * x[col];
    }
  }
  for (let row = r - 1; row >= 0; row--) {
    let s = x[row];
    for (let j = row + 1; j < r; j++) s -= M[row * r + j] * x[j];
    x[row] = s / M[row * r + row];
  }
  return x;
}

const dot = (a: number[], b: number[]): number => a.reduce((s, x, i) => s + x * b[i], 0);
const distance = (a: number[], b: number[]): number => Math.sqrt(a.reduce((s, x, i) => s + (x - b[i]) ** 2, 0));

function compareRows(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}
