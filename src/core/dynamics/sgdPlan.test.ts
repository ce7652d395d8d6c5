// The SGD run's size before it starts (its refusal of links too large to watch live: url/sgdLinks.test.ts).
import { describe, expect, it } from 'vitest';
import { defaultEta, samplingPlan, sampleReference, stepsAt } from './sgdPlan.ts';

describe('SGD plan', () => {
  it('default η = 0.05·d^(−p*/2); samples = batch·round(T/η); work = n·d·samples', () => {
    expect(defaultEta(100, 3)).toBeCloseTo(0.05e-3, 15);
    expect(defaultEta(400, 4)).toBeCloseTo(0.05 / 160000, 15);
    const plan = samplingPlan({ n: 10, d: 100, pStar: 3, eta: 0, batch: 4, tEnd: 2.00001 });
    expect(plan.etaDefault).toBe(true);
    expect(plan.samplesEnd).toBe(4 * 40000);
    expect(plan.work).toBe(10 * 100 * 160000);
    expect(samplingPlan({ n: 1, d: 100, pStar: 3, eta: 0.01, batch: 1, tEnd: 1 }).samplesEnd).toBe(100);
    expect(stepsAt(0.0149, 0.01)).toBe(1);
    expect(stepsAt(0.0151, 0.01)).toBe(2);
  });

  it('reference: d^(p*−1) for p* ≥ 3, d log d at p* = 2', () => {
    expect(sampleReference(100, 3)).toEqual({ value: 1e4, text: 'd^2' });
    expect(sampleReference(10, 4).value).toBe(1000);
    expect(sampleReference(100, 2).value).toBeCloseTo(100 * Math.log(100), 9);
  });
});
