// Every label case of docs/model.md §8 on the queries that showed it, end to end through the
// permalink codec, the model and a run to the end time.
import { describe, expect, it } from 'vitest';
import { decode, modelSpecOf } from './codec.ts';
import { classifyNeuron } from '../core/outcomes/classify.ts';
import { buildModel, normalizeSpec, type Model } from '../core/model/model.ts';
import { classifyOptionsOf, countsNote, runToEnd } from '../core/outcomes/run.ts';

function modelOf(query: string): Model {
  const { params, problems } = decode(query);
  expect(problems).toEqual([]);
  const n = normalizeSpec(modelSpecOf(params));
  expect(n.problems).toEqual([]);
  return buildModel(n.spec);
}

describe('labels that never overstate', () => {
  it('a settled neuron at a partial average is "at another fixed point" with its subset, never unsettled', () => {
    const model = modelOf('geom=gram&k=3&gram=1,0.3,-0.2,0.3,1,0.5,-0.2,0.5,1&p=3&d=200&n=200');
    const run = runToEnd(model);
    const c = run.counts;
    expect(c.otherKinds.unsettled).toBe(0);
    expect(c.otherKinds.fixedPoint).toBeGreaterThan(100);
    const pair = c.fixedPoints.find((g) => g.subset?.join(',') === '2,3')!;
    expect(pair.count).toBe(c.otherKinds.fixedPoint);
    // the v₂–v₃ average: overlaps (0.1, 1.5, 1.5)/√3, pulled a little by v₁
    expect(pair.overlaps[1]).toBeCloseTo(1.5 / Math.sqrt(3), 1);
    expect(pair.overlaps[2]).toBeCloseTo(1.5 / Math.sqrt(3), 1);
    expect(run.warnings).toEqual([]);
    const opt = classifyOptionsOf(model);
    for (let i = 0; i < model.spec.n; i++) {
      const f = classifyNeuron(run.u, i * 3, opt);
      expect(f.kind).not.toBe('unsettled');
    }
  });

  it.each(['k=3&d=3&geom=orth&target=3:-1', 'k=3&d=1000&geom=orth&target=3:-1'])('u ≈ −v_j is "−v_j", not the equator (%s)', (q) => {
    const model = modelOf(q);
    const c = runToEnd(model).counts;
    // φ = −t³ mirrors t³: only the all-positive starts (1/8 of them, d > k) stall at the equator
    expect(c.otherKinds.equator).toBeLessThan(model.spec.n / 4);
    expect(c.otherKinds.minusIndex).toBeGreaterThan(model.spec.n / 2);
    expect(c.minusIndex.reduce((a, b) => a + b, 0)).toBe(c.otherKinds.minusIndex);
    expect(classifyNeuron([-0.999, 0.01, 0.02], 0, classifyOptionsOf(model))).toEqual({ kind: 'minusIndex', j: 0, overlap: 0.999 });
    expect(model.warnings.some((w) => w.includes('negative coefficients'))).toBe(true);
  });

  it('k = 1 has no μ_span and no "minimum" claim from it', () => {
    const model = modelOf('k=1');
    expect(model.average!.muSpan).toBeNull();
    expect(model.betaFold).toEqual([]);
  });

  it('p* = 2 with orthogonal index vectors: a warning, and nothing attracted or recovered', () => {
    const model = modelOf('k=3&p=2&geom=orth');
    expect(model.warnings.some((w) => w.includes('selects no direction'))).toBe(true);
    const run = runToEnd(model);
    expect(run.allRecovered).toBe(false);
    expect(run.counts.attracted).toEqual([0, 0, 0]);
    expect(run.counts.otherKinds.fixedPoint).toBe(model.spec.n);
    // a mixture with a higher term selects again, so it gets no such warning
    expect(modelOf('k=3&sigma=2:1,4:1&target=2:1,4:1&geom=orth').warnings.some((w) => w.includes('selects no direction'))).toBe(false);
    expect(modelOf('k=3&p=2&beta=0.3').warnings.some((w) => w.includes('selects no direction'))).toBe(false);
  });

  it('a singular Gram matrix with two equal index vectors is warned about', () => {
    const model = modelOf('geom=gram&k=2&gram=1,1,1,1');
    expect(model.warnings.some((w) => w.includes('singular') && w.includes('v1 = v2'))).toBe(true);
    expect(modelOf('geom=gram&k=2&gram=1,0.5,0.5,1').warnings).toEqual([]);
  });

  it('even p: the counts say they merge ±v_j and ±w̄, and give the −v_j and −w̄ parts', () => {
    const model = modelOf('k=3&p=4');
    expect(countsNote(model)).toMatch(/even/);
    expect(countsNote(modelOf('k=3&p=3'))).toBeNull();
    const c = runToEnd(model).counts;
    for (let j = 0; j < 3; j++) {
      expect(c.attractedNegative[j]).toBeGreaterThan(0);
      expect(c.attractedNegative[j]).toBeLessThan(c.attracted[j]);
    }
    const above = runToEnd(modelOf('k=3&p=4&beta=0.6')).counts;
    expect(above.atAverageNegative).toBeGreaterThan(0);
    expect(above.atAverageNegative).toBeLessThan(above.atAverage);
  });

  it('the default end time settles the run, or says how many have not', () => {
    const model = modelOf('k=3&n=2000&d=1000&p=5&geom=orth');
    const run = runToEnd(model);
    const m = run.counts.otherKinds.unsettled;
    expect(m).toBeLessThan(20);
    if (m > 0) expect(run.warnings.join(' ')).toContain(`${m} neuron`);
    // the default run of the app settles completely
    const def = runToEnd(modelOf(''));
    expect(def.counts.otherKinds.unsettled).toBe(0);
    expect(def.warnings).toEqual([]);
  });

  it('relu/relu with drop012 uses the arc-cosine kernel: β_c exact to 1e-6, no truncation', () => {
    const model = modelOf('k=3&sigma=relu&target=relu&drop012=1');
    // μ_span(β) = k u φ'(u) − (1 − β) φ''(u) with φ' = ((2/π)asin u − 2u/π)/4, φ'' = (2/(π√(1−u²)) − 2/π)/4
    const mu = (b: number) => {
      const u = Math.sqrt((1 + 2 * b) / 3);
      return 3 * u * (((2 / Math.PI) * Math.asin(u) - (2 * u) / Math.PI) / 4) - (1 - b) * ((2 / (Math.PI * Math.sqrt(1 - u * u)) - 2 / Math.PI) / 4);
    };
    let lo = 0.3, hi = 0.8;
    for (let i = 0; i < 100; i++) {
      const mid = (lo + hi) / 2;
      if (mu(mid) < 0) lo = mid;
      else hi = mid;
    }
    expect(model.betaC).toHaveLength(1);
    expect(Math.abs(model.betaC[0] - lo)).toBeLessThan(1e-6);
    expect(model.betaC[0]).toBeCloseTo(0.53187, 5);
    expect(model.warnings.join(' ')).not.toContain('cut at degree');
    expect(modelOf('k=3&sigma=abs&target=abs&drop012=1').betaC[0]).toBeCloseTo(lo, 6);
    // no closed form: the truncation is stated
    expect(modelOf('k=3&sigma=tanh&target=tanh').warnings.join(' ')).toContain('cut at degree 16');
  });

  it('only sigma given: the message says the target is h_p and how to set target=', () => {
    expect(decode('sigma=relu').problems.map((p) => p.message).join(' ')).toMatch(/target σ\* defaults to h_3; set target=/);
    expect(modelOf('sigma=tanh').warnings.join(' ')).toMatch(/only σ is set.*h_3.*target=/);
  });
});

describe('outcomes around the fold (k = 3, p = 3, long T)', () => {
  const model = modelOf('k=3&p=3');
  const [betaFold] = model.betaFold;
  it('β_fold − 0.01 (above β_c): most neurons end at the distorted minima near the v_j', () => {
    expect(betaFold - 0.01).toBeGreaterThan(model.betaC[0]);
    const below = modelOf(`k=3&p=3&n=200&T=100000&beta=${(betaFold - 0.01).toFixed(4)}`);
    const c = runToEnd(below).counts;
    const attracted = c.attracted.reduce((a, b) => a + b, 0);
    expect(attracted).toBeGreaterThan(150);
    expect(c.atAverage).toBeLessThan(20);
  });
  it('β_fold + 0.02: most end at w̄', () => {
    const above = modelOf(`k=3&p=3&n=200&T=100000&beta=${(betaFold + 0.02).toFixed(4)}`);
    expect(runToEnd(above).counts.atAverage).toBeGreaterThan(150);
  });
});
