import { describe, expect, it } from 'vitest';
import { lossAtVertices, phiFromTable } from './landscapeShading.ts';

const table = (f: (t: number) => number, n = 1025) => Float64Array.from({ length: n }, (_, i) => f(-1 + (2 * i) / (n - 1)));

describe('landscape shading', () => {
  it('interpolates φ from its table, exact at the ends', () => {
    const cube = table((t) => t ** 3);
    expect(phiFromTable(cube, 1)).toBe(1);
    expect(phiFromTable(cube, -1)).toBe(-1);
    expect(phiFromTable(cube, 0.3)).toBeCloseTo(0.027, 5);
  });

  it('gives −Σ_j φ(x·v_j) at each point: lowest at an index vector for orthogonal φ = t⁴', () => {
    const tips = new Float32Array([1, 0, 0, 0, 1, 0, 0, 0, 1]);
    const s = Math.SQRT1_2;
    const points = new Float32Array([1, 0, 0, s, s, 0, 0, 0, -1]);
    const out = new Float32Array(3);
    const [low, high] = lossAtVertices(points, tips, 3, table((t) => t ** 4), out);
    expect(out[0]).toBeCloseTo(-1, 6);
    expect(out[1]).toBeCloseTo(-0.5, 5);
    expect(out[2]).toBeCloseTo(-1, 6);
    expect(low).toBeCloseTo(-1, 6);
    expect(high).toBeCloseTo(-0.5, 5);
  });
});
