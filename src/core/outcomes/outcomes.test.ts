// Where flows end (docs/model.md §7–§8), run-to-run reproducibility, and the classifier itself.
import { describe, expect, it } from 'vitest';
import { allRecovered, classifyNeuron, countOutcomes, fateCode, type ClassifyOptions } from './classify.ts';
import { averageOverlap } from '../analysis/averagePoint.ts';
import { buildModel, normalizeSpec, type Model, type ModelSpec } from '../model/model.ts';
import { classifyOptionsOf, runToEnd } from './run.ts';
import { initialOverlaps } from '../dynamics/factory.ts';

function model(over: Partial<ModelSpec>): Model {
  const base: ModelSpec = { k: 3, n: 300, d: 1000, beta: 0.2, p: 3, sigma: '', target: '', drop012: false, geom: 'equi', gram: [], seed: 1, T: 0, tol: 0.05 };
  const { spec, problems } = normalizeSpec({ ...base, ...over });
  expect(problems).toEqual([]);
  return buildModel(spec);
}

describe('equiangular flows, p* = 3, k = 3, d = 1000, n = 300 (β_c = 1/4)', () => {
  it('β = 0.1: no neuron at the average; the others end near a v_j with overlap close to, but below, 1', () => {
    const m = model({ beta: 0.1 });
    expect(m.betaC).toEqual([0.25]);
    const r = runToEnd(m);
    expect(r.failed).toBe(0);
    expect(r.counts.atAverage).toBe(0);
    expect(r.allRecovered).toBe(true);
    const attracted = r.counts.attracted.reduce((s, c) => s + c, 0);
    expect(attracted).toBeGreaterThan(0.8 * m.spec.n);
    const opt = classifyOptionsOf(m);
    for (let i = 0; i < m.spec.n; i++) {
      const fate = classifyNeuron(r.u, i * 3, opt);
      if (fate.kind === 'index') {
        expect(fate.overlap).toBeGreaterThan(0.95);
        expect(fate.overlap).toBeLessThan(1 - 1e-4);
      }
    }
  });

  it('β = 0.35: most neurons end at w̄, with all overlaps at u* = sqrt((1 + 2β)/3)', () => {
    const m = model({ beta: 0.35 });
    const r = runToEnd(m);
    expect(r.failed).toBe(0);
    expect(r.counts.atAverage).toBeGreaterThan(0.8 * m.spec.n);
    const us = Math.sqrt((1 + 2 * 0.35) / 3);
    const opt = classifyOptionsOf(m);
    for (let i = 0; i < m.spec.n; i++) {
      if (classifyNeuron(r.u, i * 3, opt).kind !== 'average') continue;
      for (let j = 0; j < 3; j++) expect(Math.abs(r.u[i * 3 + j] - us)).toBeLessThan(1e-4);
    }
  });

  it('d = k = 3, β = 0.1 < β_c: all-negative starts end at −w̄ and are named antiAverage, not counted as at average', () => {
    const m = model({ beta: 0.1, d: 3 });
    const u0 = initialOverlaps(m);
    const r = runToEnd(m);
    const opt = classifyOptionsOf(m);
    const us = averageOverlap(3, 0.1);
    let anti = 0;
    for (let i = 0; i < m.spec.n; i++) {
      if (classifyNeuron(r.u, i * 3, opt).kind !== 'antiAverage') continue;
      anti++;
      for (let j = 0; j < 3; j++) {
        expect(u0[i * 3 + j]).toBeLessThan(0);
        expect(Math.abs(r.u[i * 3 + j] + us)).toBeLessThan(1e-4);
      }
    }
    expect(anti).toBeGreaterThan(10);
    expect(r.counts.otherKinds.antiAverage).toBe(anti);
    expect(r.counts.atAverage).toBe(0);
    expect(r.counts.other).toBeGreaterThanOrEqual(anti);
  });

  it('d = k = 3, β = 0.4 > β_c: −w̄ is a saddle in span(V) and keeps no neuron', () => {
    const r = runToEnd(model({ beta: 0.4, d: 3 }));
    expect(r.counts.otherKinds.antiAverage).toBe(0);
  });
});

describe('reproducibility', () => {
  it('the same spec gives bit-identical final overlaps; another seed gives different ones', () => {
    const spec = { beta: 0.2, n: 100, seed: 12345 };
    const a = runToEnd(model(spec));
    const b = runToEnd(model(spec));
    expect(Array.from(b.u)).toEqual(Array.from(a.u));
    expect(b.loss).toBe(a.loss);
    const c = runToEnd(model({ ...spec, seed: 12346 }));
    let same = 0;
    for (let i = 0; i < a.u.length; i++) if (a.u[i] === c.u[i]) same++;
    expect(same).toBe(0);
  });

  it('a mixture kernel with a custom Gram matrix reproduces too', () => {
    const spec: Partial<ModelSpec> = { geom: 'gram', k: 3, gram: [1, 0.3, 0.1, 0.3, 1, 0.2, 0.1, 0.2, 1], sigma: 'tanh', target: '3:1,5:0.2', n: 50 };
    expect(Array.from(runToEnd(model(spec)).u)).toEqual(Array.from(runToEnd(model(spec)).u));
  });
});

describe('classifyNeuron', () => {
  const odd: ClassifyOptions = { k: 3, averageOverlap: 0.6, even: false, tol: 0.05 };
  const even: ClassifyOptions = { ...odd, even: true };
  const at = (opt: ClassifyOptions, ...u: number[]) => classifyNeuron(u, 0, opt);

  it('average and anti-average', () => {
    expect(at(odd, 0.6, 0.62, 0.58).kind).toBe('average');
    expect(at(odd, -0.6, -0.6, -0.6).kind).toBe('antiAverage');
    expect(at(even, -0.6, -0.6, -0.6).kind).toBe('average');
    expect(at(odd, 0.6, 0.6, 0.7).kind).not.toBe('average');
  });

  it('index vectors: strictly largest by a margin; recovered above 1 − tol; even p uses |u|', () => {
    expect(at(odd, 0.2, 0.97, 0.2)).toEqual({ kind: 'index', j: 1, overlap: 0.97, recovered: true });
    expect(at(odd, 0.2, 0.9, 0.2)).toEqual({ kind: 'index', j: 1, overlap: 0.9, recovered: false });
    expect(at(even, 0.2, 0.1, -0.99)).toEqual({ kind: 'index', j: 2, overlap: 0.99, recovered: true });
    expect(at(odd, 0.2, 0.1, -0.6)).toMatchObject({ kind: 'index', j: 0 });
    // …but a neuron within tol of −v_j is there, whatever its positive overlaps say
    expect(at(odd, 0.2, 0.1, -0.99)).toEqual({ kind: 'minusIndex', j: 2, overlap: 0.99 });
    expect(at(odd, 0.5, 0.52, 0.1).kind).toBe('unsettled'); // no clear margin
  });

  it('the equator: odd p with no positive overlap (such a neuron only drifts up to u = 0)', () => {
    expect(at(odd, -0.01, -0.02, -0.001).kind).toBe('equator');
    expect(at(odd, -0.3, -0.5, 0).kind).toBe('equator');
    expect(at(odd, -0.01, -0.02, 0.001).kind).toBe('unsettled');
    expect(at(even, -0.01, -0.02, -0.001).kind).toBe('unsettled');
  });

  it('k = 1 and custom Gram (no average point)', () => {
    const one: ClassifyOptions = { k: 1, averageOverlap: 1, even: false, tol: 0.05 };
    expect(classifyNeuron([0.99], 0, one)).toEqual({ kind: 'index', j: 0, overlap: 0.99, recovered: true });
    const gram: ClassifyOptions = { ...odd, averageOverlap: NaN };
    expect(at(gram, 0.6, 0.6, 0.6).kind).toBe('unsettled');
  });

  it('countOutcomes, allRecovered and fateCode agree with the fates', () => {
    const u = Float64Array.from([0.99, 0.1, 0.1, 0.1, 0.9, 0.1, 0.6, 0.6, 0.6, -0.6, -0.6, -0.6, 0, -0.2, -0.01, 0.1, 0.1, 0.98]);
    const c = countOutcomes(u, 6, odd);
    expect(c.recovered).toEqual([1, 0, 1]);
    expect(c.attracted).toEqual([1, 1, 1]);
    expect(c.atAverage).toBe(1);
    expect(c.other).toBe(2);
    expect(c.otherKinds).toEqual({ antiAverage: 1, equator: 1, unsettled: 0, failed: 0, minusIndex: 0, fixedPoint: 0 });
    expect(allRecovered(c)).toBe(false);
    expect([0, 1, 2, 3, 4, 5].map((i) => fateCode(u, i * 3, odd))).toEqual([0, 1, 3, 4, 4, 2]);
  });
});
