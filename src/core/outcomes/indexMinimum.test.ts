// Neurons at the distorted minimum near v_j (docs/model.md §7–§8): counted as arrived there,
// neither as recovered nor as lost.
import { describe, expect, it } from 'vitest';
import { arrivedCount, classifyNeuron, countOutcomes, minimumIsDistinct, unreachedIndices, type ClassifyOptions } from './classify.ts';
import { buildModel, normalizeSpec, type Model } from '../model/model.ts';
import { classifyOptionsOf, runToEnd } from './run.ts';

function model(beta: number): Model {
  const { spec, problems } = normalizeSpec({ k: 3, n: 300, d: 1000, beta, p: 3, sigma: '', target: '', drop012: false, geom: 'equi', gram: [], seed: 1, T: 0, tol: 0.05 });
  expect(problems).toEqual([]);
  return buildModel(spec);
}

describe('classification at the minimum near v_j', () => {
  const minimum = { overlap: 0.93, others: 0.45 };
  const odd: ClassifyOptions = { k: 3, averageOverlap: 0.6, even: false, tol: 0.05, indexMinimum: minimum };

  it('a neuron within tol of (a, b, b) is at the minimum; one on the way or at v_j is not', () => {
    expect(classifyNeuron([0.45, 0.94, 0.44], 0, odd)).toEqual({ kind: 'index', j: 1, overlap: 0.94, recovered: false, atMinimum: true });
    // on the way: heading for v_2 but its other overlaps are far from b
    expect(classifyNeuron([0.1, 0.9, 0.1], 0, odd)).toEqual({ kind: 'index', j: 1, overlap: 0.9, recovered: false });
    // recovered neurons are counted as recovered only, even where the tol boxes overlap
    expect(classifyNeuron([0.42, 0.96, 0.42], 0, odd)).toEqual({ kind: 'index', j: 1, overlap: 0.96, recovered: true });
    // without a minimum (past β_fold) nothing is at one
    expect(classifyNeuron([0.45, 0.94, 0.44], 0, { ...odd, indexMinimum: null })).not.toHaveProperty('atMinimum');
  });

  it('even φ: −(a, b, b) is the same minimum', () => {
    const even = { ...odd, even: true };
    expect(classifyNeuron([-0.45, -0.93, -0.46], 0, even)).toMatchObject({ j: 1, atMinimum: true });
    expect(classifyNeuron([0.45, -0.93, 0.46], 0, even)).not.toHaveProperty('atMinimum');
  });

  it('counts: atMinimum per v_j; arrived = recovered + at the minimum; only v_j with neither are unreached', () => {
    const u = Float64Array.from([0.93, 0.45, 0.46, 0.44, 0.93, 0.45, 0.1, 0.9, 0.1, 0.6, 0.6, 0.6]);
    const c = countOutcomes(u, 4, odd);
    expect(c.attracted).toEqual([1, 2, 0]);
    expect(c.recovered).toEqual([0, 0, 0]);
    expect(c.atMinimum).toEqual([1, 1, 0]);
    expect([0, 1, 2].map((j) => arrivedCount(c, j))).toEqual([1, 1, 0]);
    expect(unreachedIndices(c)).toEqual([2]);
  });

  it('a minimum has a place of its own only when its overlap is at most 1 − tol', () => {
    expect(minimumIsDistinct({ overlap: 0.9924 }, 0.05)).toBe(false);
    expect(minimumIsDistinct({ overlap: 0.93 }, 0.05)).toBe(true);
    expect(minimumIsDistinct(null, 0.05)).toBe(false);
  });
});

describe('the flow at k = 3, φ = t³, d = 1000, n = 300 (β_c = 0.25, β_fold = 0.2612)', () => {
  it('β = 0.255 (bistable): nobody is recovered, yet every v_j has its neurons, at the minimum near it', () => {
    const m = model(0.255);
    const min = m.indexMinimum!;
    expect(min.overlap).toBeLessThan(0.95);
    const r = runToEnd(m);
    expect(r.counts.recovered).toEqual([0, 0, 0]);
    expect(r.allRecovered).toBe(false);
    expect(unreachedIndices(r.counts)).toEqual([]);
    const opt = classifyOptionsOf(m);
    let seen = 0;
    for (let i = 0; i < m.spec.n; i++) {
      const f = classifyNeuron(r.u, i * 3, opt);
      if (f.kind !== 'index' || !f.atMinimum) continue;
      seen++;
      // converging there (the minimum is shallow this close to β_fold): well inside tol
      for (let j = 0; j < 3; j++) expect(Math.abs(r.u[i * 3 + j] - (j === f.j ? min.overlap : min.others))).toBeLessThan(0.02);
    }
    const atMin = r.counts.atMinimum.reduce((s, c) => s + c, 0);
    expect(seen).toBe(atMin);
    // at the end every attracted neuron has arrived
    expect(r.counts.atMinimum).toEqual(r.counts.attracted);
    expect(atMin).toBeGreaterThan(0.5 * m.spec.n);
  });

  it('β = 0.2: the minimum is within tol of v_j, so its neurons are the recovered ones', () => {
    const r = runToEnd(model(0.2));
    expect(r.counts.atMinimum).toEqual([0, 0, 0]);
    expect(r.counts.recovered.every((c) => c > 0)).toBe(true);
  });

  it('β = 0.3 (past β_fold): no minimum near v_j, none at one, and the v_j are truly unreached', () => {
    const m = model(0.3);
    expect(m.indexMinimum).toBeNull();
    const r = runToEnd(m);
    expect(r.counts.atMinimum).toEqual([0, 0, 0]);
    expect(unreachedIndices(r.counts)).toEqual([0, 1, 2]);
  });
});
