// Links that ask for SGD: refused when too large to watch live (with the estimate), run as SGD
// otherwise; the plan itself is tested in core/dynamics/sgdPlan.test.ts.
import { describe, expect, it } from 'vitest';
import { decode, encode, modelSpecOf } from './codec.ts';
import { autoEndTime, buildModel } from '../core/model/model.ts';
import { defaultEta, MAX_SGD_WORK } from '../core/dynamics/sgdPlan.ts';

describe('SGD links', () => {
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
