// The SGD run's size before it starts, and the refusal of runs too large to watch live.
import { describe, expect, it } from 'vitest';
import { decode, encode, modelSpecOf } from '../../url/codec.ts';
import { autoEndTime, buildModel } from '../model/model.ts';
import { defaultEta, MAX_SGD_WORK, samplingPlan, sampleReference, stepsAt } from './sgdPlan.ts';

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

  it('a link asking for too much SGD work is refused with the estimate, and runs the flow', () => {
    const { params, problems } = decode('dyn=sgd&n=300&d=1000&k=3');
    expect(params.dyn).toBe('flow');
    const p = problems.find((x) => x.key === 'dyn')!;
    expect(p.used).toBe('flow');
    const spec = modelSpecOf(decode('n=300&d=1000&k=3').params);
    const tEnd = buildModel(spec).tEnd;
    const samples = Math.round(tEnd / defaultEta(1000, 3));
    expect(p.message).toContain(`${(300 * 1000 * samples).toExponential(2)}`);
    expect(300 * 1000 * samples).toBeGreaterThan(MAX_SGD_WORK);
  });

  it('the live link runs as SGD, keeps eta and batch, and round-trips', () => {
    const { params, problems } = decode('dyn=sgd&d=100&n=50&k=3&beta=0.1&eta=0.0002&batch=4');
    expect(problems).toEqual([]);
    expect([params.dyn, params.eta, params.batch]).toEqual(['sgd', 0.0002, 4]);
    expect(decode(encode(params)).params).toEqual(params);
    // an old link (no dyn) still means the flow
    expect(decode('k=3&n=300').params.dyn).toBe('flow');
    expect(decode('dyn=adam').problems[0]).toMatchObject({ key: 'dyn', used: 'flow' });
    expect(decode('batch=0').problems[0]).toMatchObject({ key: 'batch', used: '1' });
  });

  it('a short run with too many weights is refused too (memory), with n·d', () => {
    const { params, problems } = decode('dyn=sgd&n=100000&d=1000000&T=1e-9');
    expect(params.dyn).toBe('flow');
    expect(problems[0].message).toContain('n·d = 1.00e+11 weights');
  });

  it('the refusal uses the end time: a short T makes a large d affordable', () => {
    expect(decode('dyn=sgd&n=10&d=2000&T=1').params.dyn).toBe('sgd');
    expect(autoEndTime(buildModel(modelSpecOf(decode('d=2000').params)).kernel, 2000)).toBeGreaterThan(100);
  });
});
