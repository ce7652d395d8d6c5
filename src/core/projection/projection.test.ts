import { describe, expect, it } from 'vitest';
import { customGeometry, structuredGeometry, type Geometry } from '../model/geometry.ts';
import { GrandTour } from './grandTour.ts';
import { choiceBasis, evenSpreadBasis, NeuronProjector, vectorsBasis } from './projection.ts';

function equiangular(k: number, beta: number): Geometry {
  const g = structuredGeometry('equi', k, beta);
  if (!g.ok) throw new Error(g.error);
  return g.value;
}

describe('the 3-D picture for k > 3', () => {
  for (const [k, beta] of [[4, 0], [8, 0.2], [16, 0], [16, 0.2]] as const) {
    it(`k = ${k}, β = ${beta}: every index vector is drawn, at one height, evenly around the average direction`, () => {
      const proj = new NeuronProjector(equiangular(k, beta));
      const B = proj.basis!;
      // orthonormal rows: a true orthogonal projection, so |drawn| ≤ |w| ≤ 1
      for (let r = 0; r < 3; r++) for (let s = 0; s < 3; s++) {
        let d = 0;
        for (let a = 0; a < k; a++) d += B[r * k + a] * B[s * k + a];
        expect(d).toBeCloseTo(r === s ? 1 : 0, 10);
      }
      const v = proj.indexVectors();
      const uStar = Math.sqrt((1 + (k - 1) * beta) / k);
      const angles: number[] = [];
      for (let j = 0; j < k; j++) {
        const [x, y, z] = [v[3 * j], v[3 * j + 1], v[3 * j + 2]];
        expect(y).toBeCloseTo(uStar, 6); // the component along w̄ is v_j·w̄ = u*
        // the regular simplex of the residuals seen as a regular k-gon: radius √(2(1 − u*²)/(k−1))
        expect(Math.hypot(x, z)).toBeCloseTo(Math.sqrt((2 * (1 - uStar * uStar)) / (k - 1)), 6);
        angles.push(Math.atan2(z, x));
      }
      const sorted = angles.map((a) => (a + 2 * Math.PI) % (2 * Math.PI)).sort((a, b) => a - b);
      for (let j = 1; j < k; j++) expect(sorted[j] - sorted[j - 1]).toBeCloseTo((2 * Math.PI) / k, 6);
      // the average point is drawn straight up, on the sphere
      const avg = proj.averagePoint();
      expect(Math.abs(avg[0]) + Math.abs(avg[2])).toBeLessThan(1e-6);
      expect(avg[1]).toBeCloseTo(1, 6);
    });
  }

  it('k ≤ 3 stays the exact picture', () => {
    const proj = new NeuronProjector(equiangular(3, 0.2));
    expect(proj.basis).toBeNull();
    const v = proj.indexVectors();
    expect(Math.hypot(v[0], v[1], v[2])).toBeCloseTo(1, 6);
  });
});

const rowsOf = (B: Float64Array, k: number) => [0, 1, 2].map((r) => B.subarray(r * k, r * k + k));
const dotOf = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
};

function expectOrthonormal(B: Float64Array, k: number): void {
  const rows = rowsOf(B, k);
  for (let r = 0; r < 3; r++) for (let s = 0; s < 3; s++) expect(dotOf(rows[r], rows[s])).toBeCloseTo(r === s ? 1 : 0, 12);
}

describe('choosing three index vectors (proj=a,b,c)', () => {
  for (const [k, beta, triple] of [[16, 0.2, [0, 3, 6]], [16, 0, [15, 1, 8]], [5, 0.3, [4, 0, 2]], [4, 0.6, [1, 2, 3]]] as const) {
    it(`k = ${k}, β = ${beta}, v${triple.map((j) => j + 1).join(', v')}: orthonormal rows, v_a is exactly the unit x axis, v_b in the x–y plane`, () => {
      const geom = equiangular(k, beta);
      const { basis, degenerate } = vectorsBasis(geom, triple);
      expect(degenerate).toEqual([]);
      expectOrthonormal(basis, k);
      const L = geom.chol;
      const v = (j: number) => L.subarray(j * k, j * k + k);
      const drawn = (j: number) => rowsOf(basis, k).map((row) => dotOf(row, v(j)));
      const [a, b, c] = triple;
      const [ax, ay, az] = drawn(a);
      expect(ax).toBeCloseTo(1, 14);
      expect(Math.abs(ay) + Math.abs(az)).toBeLessThan(1e-14);
      const [bx, by, bz] = drawn(b);
      expect(bx).toBeCloseTo(beta, 12); // v_a·v_b = β: an orthogonal projection keeps the angle inside the chosen span
      expect(Math.hypot(bx, by)).toBeCloseTo(1, 12);
      expect(Math.abs(bz)).toBeLessThan(1e-14);
      expect(Math.hypot(...drawn(c))).toBeCloseTo(1, 12);
      // every other vector is drawn as its shadow: |P v_j|² = v_jᵀ P v_j, shorter than 1
      for (let j = 0; j < k; j++) {
        if (triple.includes(j as never)) continue;
        const len = Math.hypot(...drawn(j));
        expect(len).toBeLessThan(1 - 1e-6);
        // independent value: for equiangular G, the part of v_j in span(v_a, v_b, v_c) has squared
        // length gᵀ G₃⁻¹ g with g = (β, β, β) and G₃ = (1 − β)I + β11ᵀ, i.e. 3β² / (1 + 2β)
        expect(len * len).toBeCloseTo((3 * beta * beta) / (1 + 2 * beta), 10);
      }
      // the projector writes the same picture for a neuron sitting on v_a
      const proj = new NeuronProjector(geom, { kind: 'vectors', indices: triple });
      const out = new Float32Array(3);
      proj.project(Float64Array.from(geom.gram.subarray(a * k, a * k + k)), 1, out);
      expect(Math.abs(out[0] - 1) + Math.abs(out[1]) + Math.abs(out[2])).toBeLessThan(1e-6);
      expect(proj.description).toContain(`v${a + 1}, v${b + 1}, v${c + 1}`);
    });
  }

  it('a vector in the span of the ones before it is named, and the rows stay orthonormal', () => {
    const k = 4;
    const g = customGeometry([1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1], k);
    if (!g.ok) throw new Error(g.error);
    const { basis, degenerate } = vectorsBasis(g.value, [0, 1, 2]);
    expect(degenerate).toEqual([1]);
    expectOrthonormal(basis, k);
    expect(choiceBasis(g.value, { kind: 'vectors', indices: [0, 1, 2] }).description).toContain('v2 lies in the span');
  });

  it('the even spread stays the default, and choosing it again gives back the same rows', () => {
    const geom = equiangular(16, 0.2);
    const even = evenSpreadBasis(geom);
    const proj = new NeuronProjector(geom);
    expect(Array.from(proj.basis!)).toEqual(Array.from(even));
    const defaultTips = proj.indexVectors();
    proj.choose({ kind: 'vectors', indices: [0, 3, 6] });
    expect(Array.from(proj.indexVectors())).not.toEqual(Array.from(defaultTips));
    proj.choose({ kind: 'even' });
    expect(Array.from(proj.basis!)).toEqual(Array.from(even));
    expect(Array.from(proj.indexVectors())).toEqual(Array.from(defaultTips));
    expect(proj.description).toContain('spread evenly');
  });

  it('indices that do not fit this k (a split view with another k) fall back to the even spread', () => {
    const geom = equiangular(5, 0.1);
    for (const indices of [[0, 3, 6], [1, 1, 2], [-1, 0, 1]] as const) {
      const { basis, description } = choiceBasis(geom, { kind: 'vectors', indices });
      expect(Array.from(basis)).toEqual(Array.from(evenSpreadBasis(geom)));
      expect(description).toContain('spread evenly');
    }
  });

  it('k ≤ 3 ignores the choice: the picture is exact', () => {
    const proj = new NeuronProjector(equiangular(3, 0.2), { kind: 'vectors', indices: [2, 1, 0] });
    expect(proj.basis).toBeNull();
    expect(proj.description).toBe('exact');
  });
});

describe('the grand tour', () => {
  const k = 16;
  const start = evenSpreadBasis(equiangular(k, 0.2));

  it('starts at the even spread, stays orthonormal, moves smoothly and leaves the start', () => {
    const tour = new GrandTour(start, k);
    expect(Array.from(tour.at(0))).toEqual(Array.from(start));
    let maxStep = 0;
    let prev = tour.at(0);
    for (let p = 0.01; p <= 3; p += 0.01) {
      const B = tour.at(p);
      expectOrthonormal(B, k);
      let step = 0;
      for (let i = 0; i < B.length; i++) step = Math.max(step, Math.abs(B[i] - prev[i]));
      maxStep = Math.max(maxStep, step);
      prev = B;
    }
    expect(maxStep).toBeLessThan(0.05); // no jumps, also where legs meet
    let moved = 0;
    const one = tour.at(1);
    for (let i = 0; i < one.length; i++) moved = Math.max(moved, Math.abs(one[i] - start[i]));
    expect(moved).toBeGreaterThan(0.3);
  });

  it('the same phase is the same view in any tour, whatever was asked before', () => {
    const a = new GrandTour(start, k), b = new GrandTour(start, k);
    a.at(5.5);
    expect(Array.from(a.at(2.25))).toEqual(Array.from(b.at(2.25)));
  });
});
