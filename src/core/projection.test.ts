import { describe, expect, it } from 'vitest';
import { structuredGeometry, type Geometry } from './geometry.ts';
import { NeuronProjector } from './projection.ts';

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
