import { describe, expect, it } from 'vitest';
import { basinCounts, basinGrid, basinSlice, basinSlices, basinSpec, basinStarts, gridPoint, gridSize } from './basin.ts';
import { buildModel, type ModelSpec } from '../model/model.ts';

const SPEC: ModelSpec = {
  k: 3, n: 1, d: 3, beta: 0.2, p: 3, sigma: '', target: '', drop012: false, geom: 'equi', gram: [], seed: 1, T: 0, tol: 0.05,
};

function mapAt(beta: number, points: number, extra: Partial<ModelSpec> = {}) {
  const { spec, problems } = basinSpec({ ...SPEC, beta, ...extra });
  expect(problems).toEqual([]);
  const g = basinGrid(points);
  return { g, slice: basinSlice(spec, g, 0, gridSize(g)) };
}

describe('equal-area grid on S²', () => {
  it('has unit points and the area law of Archimedes: P(z > a) = (1 − a)/2', () => {
    const g = basinGrid(10000);
    expect(gridSize(g)).toBeGreaterThanOrEqual(10000);
    const x = new Float64Array(3);
    const above = [0, 0, 0];
    const levels = [-0.5, 0.3, 0.8];
    let mx = 0, my = 0, mz = 0;
    for (let i = 0; i < gridSize(g); i++) {
      gridPoint(g, i, x);
      expect(Math.hypot(x[0], x[1], x[2])).toBeCloseTo(1, 12);
      mx += x[0]; my += x[1]; mz += x[2];
      levels.forEach((a, j) => { if (x[2] > a) above[j]++; });
    }
    const N = gridSize(g);
    levels.forEach((a, j) => expect(Math.abs(above[j] / N - (1 - a) / 2)).toBeLessThan(1 / g.rows));
    expect(Math.abs(mx / N) + Math.abs(my / N) + Math.abs(mz / N)).toBeLessThan(1e-9);
  });

  it('maps x to u = L x, so the grid average of u uᵀ is G/3 (E[xxᵀ] = I/3 on S²)', () => {
    const beta = 0.35;
    const model = buildModel({ ...SPEC, beta });
    const g = basinGrid(20000);
    const N = gridSize(g);
    const u = basinStarts(model, g, 0, N, new Float64Array(N * 3));
    for (let a = 0; a < 3; a++) {
      for (let b = 0; b < 3; b++) {
        let s = 0;
        for (let i = 0; i < N; i++) s += u[i * 3 + a] * u[i * 3 + b];
        expect(s / N).toBeCloseTo((a === b ? 1 : beta) / 3, 3);
      }
    }
  });

  it('slices cover the grid exactly once', () => {
    const g = basinGrid(1000);
    const slices = basinSlices(g, 137);
    expect(slices.reduce((s, x) => s + x.count, 0)).toBe(gridSize(g));
    slices.forEach((s, i) => i > 0 && expect(s.from).toBe(slices[i - 1].from + slices[i - 1].count));
  });
});

describe('basin map at d = 3 (k = 3, p = 3, β_c = 1/4)', () => {
  it('orthogonal: a cell flows to its largest positive coordinate; the negative octant (1/8) is other', () => {
    const { g, slice } = mapAt(0, 4000);
    const x = new Float64Array(3);
    let agree = 0;
    for (let i = 0; i < gridSize(g); i++) {
      gridPoint(g, i, x);
      const best = x[0] >= x[1] && x[0] >= x[2] ? 0 : x[1] >= x[2] ? 1 : 2;
      const expected = x[best] > 0 ? best : 4;
      if (slice.codes[i] === expected) agree++;
    }
    // only cells on the basin boundaries (near ties) may disagree
    expect(agree / gridSize(g)).toBeGreaterThan(0.99);
    const c = basinCounts(slice.codes, 3);
    expect(Math.abs(c.other / gridSize(g) - 1 / 8)).toBeLessThan(0.01);
    expect(c.average).toBe(0);
  });

  it('has no average basin at β = 0.1 and a positive one at β = 0.4', () => {
    const below = basinCounts(mapAt(0.1, 10000).slice.codes, 3);
    expect(below.average).toBe(0);
    // three-fold symmetry of equiangular index vectors: equal basins up to grid effects
    const mean = (below.index[0] + below.index[1] + below.index[2]) / 3;
    for (const c of below.index) expect(Math.abs(c - mean) / mean).toBeLessThan(0.02);
    const above = basinCounts(mapAt(0.4, 10000).slice.codes, 3);
    expect(above.average).toBeGreaterThan(0);
  });

  it('gives one spec whatever n, d, seed and T the main view uses (the grid replaces them)', () => {
    const a = basinSpec({ ...SPEC, n: 500, d: 1e6, seed: 9, T: 5 }).spec;
    expect(a).toEqual(basinSpec(SPEC).spec);
    expect([a.d, a.T]).toEqual([3, 0]);
  });

  it('refuses k > 3 with a reason, and repairs nothing else silently', () => {
    const { problems } = basinSpec({ ...SPEC, k: 4 });
    expect(problems[0].key).toBe('k');
    expect(problems[0].message).toMatch(/at most 3/);
    expect(() => basinSlice({ ...SPEC, d: 10 }, basinGrid(100), 0, 10)).toThrow(/d = 3/);
  });
});
