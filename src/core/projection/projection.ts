// Drawing coordinates: a neuron's overlaps mapped to a point in (or on) the unit ball of R³
// (docs/model.md §4). In the Cholesky basis of span(V) the index vectors are the rows of L and a
// neuron is c = L⁻¹u with |c|² = q ≤ 1. For k ≤ 3 the picture is exact. For k > 3 it is the
// orthogonal projection of span(V) onto three orthonormal directions chosen so that every
// index vector shows (evenSpreadBasis): none is dropped and none hides behind another. The
// viewer may instead pick three index vectors (vectorsBasis) or let the projection rotate
// (grandTour.ts); that is a view choice only, the run never changes.
import { spanCoordinates, type Geometry } from '../model/geometry.ts';
import { orthonormalize } from '../math/linalg.ts';
import { GrandTour } from './grandTour.ts';

/** Which 3-D projection of span(V) the view shows for k > 3 (ignored for k ≤ 3: exact). */
export type ProjectionChoice =
  | { kind: 'even' }
  /** the orthonormalized span of v_a, v_b, v_c (0-based), in that order as x, y, z */
  | { kind: 'vectors'; indices: readonly [number, number, number] }
  /** the grand tour from the even spread, `phase` views along its path */
  | { kind: 'tour'; phase: number };

const EVEN_SPREAD: ProjectionChoice = { kind: 'even' };

const name = (j: number) => `v${j + 1}`;

function projectionDescription(k: number, choice: ProjectionChoice = EVEN_SPREAD, fallback = ''): string {
  if (k <= 3) return 'exact';
  if (choice.kind === 'vectors') {
    const [a, b, c] = choice.indices.map(name);
    return `projection onto span(${a}, ${b}, ${c}), chosen below: ${a} along x, ${b} in the x–y plane; other arrows are shadows (shorter)${fallback}`;
  }
  if (choice.kind === 'tour') {
    return `grand tour projection, chosen below: it glides from the even spread through random 3-D views of the span; short arrows point partly out of view`;
  }
  return `projection of the ${k}-dimensional span of the index vectors: up is their average direction w̄, and their parts orthogonal to w̄ are spread evenly around it (v_j at ${(360 / k).toFixed(1)}°·j; the default)`;
}

/**
 * Three orthonormal rows (3·k numbers, row-major) in span coordinates, for k > 3. The middle
 * row (drawn upward) is the direction of Σ_j v_j. The other two are the "Fourier" directions
 * Σ_j cos(2πj/k) r_j and Σ_j sin(2πj/k) r_j of the parts r_j of v_j orthogonal to it: for
 * equiangular and orthogonal index vectors the r_j form a regular simplex, and these two
 * directions show it as a regular k-gon (its Petrie polygon), so the k arrows fan out evenly
 * at one common height. For other Gram matrices the same recipe spreads them as well as a
 * linear map can; a degenerate direction falls back to a coordinate axis.
 */
export function evenSpreadBasis(geom: Geometry): Float64Array {
  const { k, chol: L } = geom;
  const row = (j: number) => L.subarray(j * k, j * k + k);
  const up = new Float64Array(k);
  for (let j = 0; j < k; j++) for (let a = 0; a < k; a++) up[a] += L[j * k + a];
  if (!orthonormalize(up, [])) up.set(row(0));
  const cosDir = new Float64Array(k);
  const sinDir = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    const r = Float64Array.from(row(j));
    orthonormalize(r, [up]);
    const angle = (2 * Math.PI * j) / k;
    for (let a = 0; a < k; a++) {
      cosDir[a] += Math.cos(angle) * r[a];
      sinDir[a] += Math.sin(angle) * r[a];
    }
  }
  const basis = [up];
  for (const dir of [cosDir, sinDir]) {
    let axis = 0;
    while (!orthonormalize(dir, basis) && axis < k) {
      dir.fill(0);
      dir[axis++] = 1;
    }
    basis.push(dir);
  }
  const out = new Float64Array(3 * k);
  // drawing axes: x ← cos direction, y (up) ← average direction, z ← sin direction
  out.set(basis[1], 0);
  out.set(basis[0], k);
  out.set(basis[2], 2 * k);
  return out;
}

/**
 * Three orthonormal rows (3·k, row-major) in span coordinates spanning v_a, v_b, v_c: Gram–
 * Schmidt in that order, so v_a is drawn as the unit x axis, v_b in the x–y plane, v_c above
 * it (for a, b, c = 1, 2, 3 this is the k = 3 picture). If one of them lies in the span of the
 * ones before it (a singular custom Gram matrix), its row is the first coordinate axis left
 * over, and `degenerate` names it.
 */
export function vectorsBasis(geom: Geometry, indices: readonly [number, number, number]): { basis: Float64Array; degenerate: number[] } {
  const { k, chol: L } = geom;
  const rows: Float64Array[] = [];
  const degenerate: number[] = [];
  for (const j of indices) {
    const r = Float64Array.from(L.subarray(j * k, j * k + k));
    if (!orthonormalize(r, rows)) {
      degenerate.push(j);
      for (let axis = 0; axis < k; axis++) {
        r.fill(0);
        r[axis] = 1;
        if (orthonormalize(r, rows)) break;
      }
    }
    rows.push(r);
  }
  const basis = new Float64Array(3 * k);
  rows.forEach((r, i) => basis.set(r, i * k));
  return { basis, degenerate };
}

/** Rows of a projection choice for k > 3, and the description of what is shown. */
export function choiceBasis(geom: Geometry, choice: ProjectionChoice, tour?: GrandTour): { basis: Float64Array; description: string } {
  const k = geom.k;
  const fits = (j: number) => Number.isInteger(j) && j >= 0 && j < k;
  if (choice.kind === 'vectors' && choice.indices.every(fits) && new Set(choice.indices).size === 3) {
    const { basis, degenerate } = vectorsBasis(geom, choice.indices);
    const note = degenerate.length > 0 ? `; ${degenerate.map(name).join(', ')} lies in the span of the ones before it, so a coordinate axis stands in for it` : '';
    return { basis, description: projectionDescription(k, choice, note) };
  }
  if (choice.kind === 'tour') {
    const path = tour ?? new GrandTour(evenSpreadBasis(geom), k);
    return { basis: path.at(choice.phase), description: projectionDescription(k, choice) };
  }
  return { basis: evenSpreadBasis(geom), description: projectionDescription(k) };
}

/**
 * Writes 3 coordinates per neuron. k = 3: the span coordinates (radius √q: a neuron near the
 * centre is still searching outside span(V)). k < 3: the out-of-span remainder √(1 − q) is the
 * next axis, so every neuron sits on the sphere and a searching one sits at that pole.
 * k > 3: the chosen projection (evenSpreadBasis by default; radius ≤ √q).
 */
export class NeuronProjector {
  private readonly c: Float64Array;
  /** 3×k projection rows for k > 3 (null: exact picture) */
  basis: Float64Array | null;
  /** what the picture is ('exact' for k ≤ 3) */
  description: string;
  private tour: GrandTour | null = null;
  constructor(private readonly geom: Geometry, choice: ProjectionChoice = EVEN_SPREAD) {
    this.c = new Float64Array(geom.k);
    this.basis = null;
    this.description = 'exact';
    this.choose(choice);
  }

  /** Switches the projection (k > 3; a no-op for the exact picture). */
  choose(choice: ProjectionChoice): void {
    if (this.geom.k <= 3) return;
    if (choice.kind === 'tour' && !this.tour) this.tour = new GrandTour(evenSpreadBasis(this.geom), this.geom.k);
    const { basis, description } = choiceBasis(this.geom, choice, this.tour ?? undefined);
    this.basis = basis;
    this.description = description;
  }

  /** Drawing coordinates of span coordinates c (length k) into out[o..o+3). */
  private place(c: Float64Array, out: Float32Array, o: number): void {
    const k = this.geom.k;
    const B = this.basis;
    if (B) {
      for (let r = 0; r < 3; r++) {
        let s = 0;
        for (let a = 0; a < k; a++) s += B[r * k + a] * c[a];
        out[o + r] = s;
      }
      return;
    }
    let q = 0;
    for (let a = 0; a < k; a++) q += c[a] * c[a];
    const rest = Math.sqrt(Math.max(0, 1 - q));
    out[o] = c[0];
    out[o + 1] = k >= 2 ? c[1] : rest;
    out[o + 2] = k >= 3 ? c[2] : k === 2 ? rest : 0;
  }

  project(u: Float64Array, n: number, out: Float32Array): void {
    const { k, chol: L } = this.geom;
    const c = this.c;
    for (let i = 0; i < n; i++) {
      spanCoordinates(L, k, u, i * k, c);
      this.place(c, out, i * 3);
    }
  }

  /** The index vectors' drawing coordinates (k rows of 3). */
  indexVectors(): Float32Array {
    const { k, chol: L } = this.geom;
    const out = new Float32Array(k * 3);
    const c = new Float64Array(k);
    for (let j = 0; j < k; j++) {
      for (let a = 0; a < k; a++) c[a] = L[j * k + a];
      if (this.basis) this.place(c, out, j * 3);
      else for (let a = 0; a < Math.min(3, k); a++) out[j * 3 + a] = c[a];
    }
    return out;
  }

  /** Drawing coordinates of the average point Σv_j/|Σv_j|. */
  averagePoint(): Float32Array {
    const { k, chol: L } = this.geom;
    const s = new Float64Array(k);
    for (let j = 0; j < k; j++) for (let a = 0; a < k; a++) s[a] += L[j * k + a];
    let norm = 0;
    for (let a = 0; a < k; a++) norm += s[a] * s[a];
    norm = Math.sqrt(norm) || 1;
    for (let a = 0; a < k; a++) s[a] /= norm;
    const out = new Float32Array(3);
    if (this.basis) {
      this.place(s, out, 0);
      return out;
    }
    for (let a = 0; a < Math.min(3, k); a++) out[a] = s[a];
    if (k === 1) out[1] = 0;
    return out;
  }
}
