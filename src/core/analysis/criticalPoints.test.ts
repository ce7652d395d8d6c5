import { describe, expect, it } from 'vitest';
import { dphi } from '../model/kernel.ts';
import { buildModel, normalizeSpec, type Model, type ModelSpec } from '../model/model.ts';
import { criticalPoints, kindCounts, type CriticalPoint } from './criticalPoints.ts';

const BASE: ModelSpec = { k: 3, n: 1, d: 1000, beta: 0.2, p: 3, sigma: '', target: '', drop012: false, geom: 'equi', gram: [], seed: 1, T: 0, tol: 0.05 };
const model = (over: Partial<ModelSpec>): Model => buildModel(normalizeSpec({ ...BASE, ...over }).spec);
const pointsOf = (m: Model) => criticalPoints(m.geometry, m.kernel, m.spec.d);

/** Σ (−1)^index over the critical points: the Euler characteristic of S^{r−1} (2 for S², 0 for S¹). */
const euler = (ps: CriticalPoint[]) => ps.reduce((s, p) => s + (p.spanIndex % 2 === 0 ? 1 : -1), 0);

/** |Riemannian gradient| at a point: the part of Σ_j φ'(u_j) v_j tangent to the sphere, in overlaps. */
function gradientResidual(m: Model, u: number[]): number {
  const { k, gram: G } = m.geometry;
  // g = Σ_j φ'(u_j) v_j − (Σ_j φ'(u_j) u_j) w; its overlaps with v_i: (Gφ')_i − λu_i, and
  // |g| is 0 exactly when those overlaps vanish (w and g lie in span(V))
  const f = u.map((x) => dphi(m.kernel, x));
  const lambda = u.reduce((s, x, j) => s + x * f[j], 0);
  let r = 0;
  for (let i = 0; i < k; i++) {
    let gi = 0;
    for (let j = 0; j < k; j++) gi += G[i * k + j] * f[j];
    r = Math.max(r, Math.abs(gi - lambda * u[i]));
  }
  return r;
}

describe('critical points of the loss on the sphere of span(V)', () => {
  // k = 3 equiangular, φ = t³: β_c = 1/4, β_fold ≈ 0.2612. Following the branches in β:
  //  below β_c, the three minima near the v_j, three saddles between pairs of them, and w̄ a
  //  maximum within the span (a saddle on S^{d−1}, since off the span it curves up);
  //  at β_c, w̄ turns into a span minimum and sheds three saddles on its mirror planes (the
  //  pair-saddles are gone by then), so in the window there are 4 minima and 3 saddles;
  //  at β_fold each of those saddles meets its minimum near v_j and both vanish: only w̄ is left.
  // φ is odd, so −u is critical with every curvature negated: minima ↔ maxima.
  it.each([
    [0.2, { minimum: 4, saddle: 6, maximum: 4 }, { minimum: 3, saddle: 8, maximum: 3 }],
    [0.255, { minimum: 4, saddle: 6, maximum: 4 }, { minimum: 4, saddle: 6, maximum: 4 }],
    [0.3, { minimum: 1, saddle: 0, maximum: 1 }, { minimum: 1, saddle: 0, maximum: 1 }],
  ])('k = 3 equiangular φ = t³ at β = %s: the counts the branches predict, χ(S²) = 2', (beta, inSpan, onSphere) => {
    const m = model({ beta });
    const ps = pointsOf(m);
    expect(kindCounts(ps)).toEqual({ ...inSpan, degenerate: 0 });
    expect(kindCounts(ps, (p) => p.kind)).toEqual({ ...onSphere, degenerate: 0 });
    expect(inSpan.minimum - inSpan.saddle + inSpan.maximum).toBe(2);
    expect(euler(ps)).toBe(2);
    for (const p of ps) expect(gradientResidual(m, p.u)).toBeLessThan(1e-9);
  });

  it('at β = β_c exactly, w̄ (and −w̄) is reported degenerate, once each, beside the minima near the v_j', () => {
    const m = model({ beta: 0.25 });
    const ps = pointsOf(m);
    expect(kindCounts(ps)).toEqual({ minimum: 3, saddle: 0, maximum: 3, degenerate: 2 });
    const degenerate = ps.filter((p) => p.kind === 'degenerate');
    for (const p of degenerate) for (const x of p.u) expect(Math.abs(Math.abs(x) - m.average!.overlap)).toBeLessThan(1e-5);
  });

  it('finds w̄ with the average point analysis’ overlap and type, and the minimum near v_j where it exists', () => {
    for (const beta of [0.2, 0.255, 0.3]) {
      const m = model({ beta });
      const ps = pointsOf(m);
      const avg = ps.find((p) => p.u.every((x) => Math.abs(x - m.average!.overlap) < 1e-9));
      expect(avg, `w̄ at β = ${beta}`).toBeDefined();
      expect(avg!.kind).toBe(m.average!.kind);
      if (m.indexMinimum) {
        const near = ps.filter((p) => p.kind === 'minimum' && Math.abs(p.u[0] - m.indexMinimum!.overlap) < 1e-8);
        expect(near).toHaveLength(1);
        expect(near[0].u[1]).toBeCloseTo(m.indexMinimum.others, 8);
      }
    }
  });

  it('k = 3 orthogonal φ = t⁴: ±v_j minima, (±v_i ± v_j)/√2 saddles, (±1, ±1, ±1)/√3 maxima', () => {
    const m = model({ geom: 'orth', beta: 0, p: 4 });
    const ps = pointsOf(m);
    expect(kindCounts(ps)).toEqual({ minimum: 6, saddle: 12, maximum: 8, degenerate: 0 });
    expect(euler(ps)).toBe(2);
    for (const p of ps.filter((q) => q.spanKind === 'maximum')) for (const x of p.u) expect(Math.abs(x)).toBeCloseTo(1 / Math.sqrt(3), 10);
    // φ even: Σ u_j φ'(u_j) = 4Σ u_j⁴ > 0, so off the span every point curves up: no maximum on S^{d−1}
    expect(kindCounts(ps, (p) => p.kind)).toEqual({ minimum: 6, saddle: 20, maximum: 0, degenerate: 0 });
    // with d = k there is no direction off the span: the span's types are the sphere's
    const inSpan = criticalPoints(m.geometry, m.kernel, 3);
    expect(kindCounts(inSpan, (p) => p.kind)).toEqual({ minimum: 6, saddle: 12, maximum: 8, degenerate: 0 });
  });

  it('k = 2 on the circle: minima and maxima alternate (χ(S¹) = 0); the pitchfork at β_c = 1/3 leaves w̄ alone', () => {
    const below = pointsOf(model({ k: 2, beta: 0.2 }));
    expect(kindCounts(below)).toEqual({ minimum: 3, saddle: 0, maximum: 3, degenerate: 0 });
    expect(euler(below)).toBe(0);
    const above = pointsOf(model({ k: 2, beta: 0.5 }));
    expect(kindCounts(above)).toEqual({ minimum: 1, saddle: 0, maximum: 1, degenerate: 0 });
    expect(euler(above)).toBe(0);
    const orth = pointsOf(model({ k: 2, geom: 'orth', beta: 0, p: 4 }));
    expect(kindCounts(orth)).toEqual({ minimum: 4, saddle: 0, maximum: 4, degenerate: 0 });
  });

  it('merges each point once and orders them by loss; k = 1 has ±v; k > 3 is refused', () => {
    const ps = pointsOf(model({ beta: 0.255 }));
    for (let i = 0; i < ps.length; i++) {
      if (i > 0) expect(ps[i].loss).toBeGreaterThanOrEqual(ps[i - 1].loss - 1e-12);
      for (let j = 0; j < i; j++) expect(Math.max(...ps[i].u.map((x, a) => Math.abs(x - ps[j].u[a])))).toBeGreaterThan(1e-6);
    }
    expect(pointsOf(model({ k: 1 })).map((p) => p.u[0]).sort()).toEqual([-1, 1]);
    const k4 = model({ k: 4 });
    expect(() => criticalPoints(k4.geometry, k4.kernel, 1000)).toThrow(/k ≤ 3/);
  });

  it('works for any kernel and a custom Gram matrix (χ(S²) = 2)', () => {
    for (const over of [{ sigma: 'relu', target: 'relu' }, { geom: 'gram' as const, gram: [1, 0.3, 0.1, 0.3, 1, 0.2, 0.1, 0.2, 1] }]) {
      const m = model(over);
      const ps = pointsOf(m);
      expect(euler(ps)).toBe(2);
      for (const p of ps) expect(gradientResidual(m, p.u)).toBeLessThan(1e-8);
    }
  });
});
