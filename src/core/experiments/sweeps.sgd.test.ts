// The explore panel's sweeps honour dyn: a dyn=sgd sweep runs online SGD (the same run the CLI
// and the worker make for that seed), an SGD point too large for a live run is refused with its
// estimate rather than run as the flow, and a whole sweep's SGD work is estimated and refused
// with its number like a live run.
import { describe, expect, it } from 'vitest';
import { countOutcomes } from '../outcomes/classify.ts';
import { buildModel, normalizeSpec, samplingPlanOf, type ModelSpec } from '../model/model.ts';
import { classifyOptionsOf } from '../outcomes/run.ts';
import { createDynamics, createFlow, createSgd } from '../dynamics/factory.ts';
import { MAX_SGD_WORK, sci } from '../dynamics/sgdPlan.ts';
import { sweepConfigOf } from './sweepSettings.ts';
import { trialModel } from './trials.ts';
import { runSweepJob, sgdSweepRefusal, sweepKey, sweepPoints, sweepSgdWork, type SweepConfig, type SweepJob } from './sweeps.ts';

const SGD: ModelSpec = {
  k: 3, n: 12, d: 20, beta: 0.1, p: 3, sigma: '', target: '', drop012: false, geom: 'equi', gram: [], seed: 1, T: 0, tol: 0.05,
  dyn: 'sgd', eta: 0, batch: 1,
};
const FLOW: ModelSpec = { ...SGD, dyn: 'flow' };

/** Σ_j of the counts, as a sweep job reports them. */
function directCounts(spec: ModelSpec, trial: number, make: typeof createSgd | typeof createFlow | typeof createDynamics) {
  const m = trialModel(buildModel(spec), trial);
  const { n, k } = m.spec;
  const dyn = make(m);
  const u = new Float64Array(n * k);
  dyn.advanceTo(m.tEnd, u);
  const c = countOutcomes(u, n, classifyOptionsOf(m), dyn.failed);
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  return { recovered: sum(c.recovered), attracted: sum(c.attracted), atAverage: c.atAverage, other: c.other };
}

const job = (kind: SweepJob['kind'], spec: ModelSpec, trial = 0): SweepJob => ({ kind, point: 0, trial, spec });

describe('a dyn=sgd sweep runs online SGD', () => {
  it('a β-sweep job of trial 1 counts what a direct SGD run of seed + 1 counts, not what the flow counts', () => {
    const r = runSweepJob(job('beta', SGD, 1));
    const sgd = directCounts(SGD, 1, createSgd);
    const flow = directCounts(FLOW, 1, createFlow);
    const got = { recovered: r.recovered, attracted: r.attracted, atAverage: r.atAverage, other: r.other };
    expect(got).toEqual(sgd);
    // the two dynamics end differently here (SGD's noise floor keeps overlaps under 1 − tol)
    expect(sgd).not.toEqual(flow);
    expect(runSweepJob(job('beta', FLOW, 1))).toMatchObject(flow);
  });

  it('an escape job of SGD reads its half-escape time in whole steps, from SGD’s own overlaps, not the flow’s', () => {
    const spec = { ...SGD, n: 8 };
    const eta = samplingPlanOf(spec).eta;
    const sgd = runSweepJob(job('escape', spec)).escapeTime;
    const flow = runSweepJob(job('escape', { ...spec, dyn: 'flow' })).escapeTime;
    expect(Number.isFinite(sgd)).toBe(true);
    const steps = sgd / eta;
    expect(Math.abs(steps - Math.round(steps))).toBeLessThan(1e-6);
    expect(sgd).not.toBe(flow);
    // a direct SGD run of the same seed: half the neurons are past 1/2 at that time, not at 0.9 of it
    const escapedAt = (t: number) => {
      const m = buildModel(spec);
      const run = createSgd(m);
      const u = new Float64Array(spec.n * spec.k);
      run.advanceTo(t, u);
      let count = 0;
      for (let i = 0; i < spec.n; i++) if ([0, 1, 2].some((j) => Math.abs(u[i * 3 + j]) >= 0.5)) count++;
      return count;
    };
    expect(escapedAt(sgd)).toBeGreaterThanOrEqual(spec.n / 2);
    expect(escapedAt(0.9 * sgd)).toBeLessThan(spec.n / 2);
  });

  it('an escape job of SGD stops once half the neurons escaped, long before the end time', () => {
    const spec = { ...SGD, n: 8 };
    const r = runSweepJob(job('escape', spec));
    const samples = r.rhsEvals;
    expect(samples).toBeGreaterThan(0);
    expect(samples).toBeLessThan(samplingPlanOf(spec).samplesEnd / 10);
  });
});

describe('SGD work in sweeps', () => {
  const escape = (base: ModelSpec, xs: number[], trials = 1): SweepConfig => ({ kind: 'escape', base, xs, ks: [], trials });

  it('a point too large for a live SGD run is skipped with its estimate, never run as the flow', () => {
    const { points, problems } = sweepPoints(escape({ ...SGD, n: 30 }, [20, 100000]));
    expect(points.map((p) => [p.x, p.spec.dyn])).toEqual([[20, 'sgd']]);
    expect(problems).toHaveLength(1);
    const refused = normalizeSpec({ ...SGD, n: 30, d: 100000 }).problems.find((p) => p.key === 'dyn')!;
    expect(problems[0].message).toBe(`at d = 100000: ${refused.message}`);
    expect(problems[0].message).toContain('n·d·samples');
    expect(problems[0].used).toBe('point skipped');
  });

  it('estimates a sweep’s SGD work as Σ n·d·samples over its runs, and refuses it past a live run’s limit with the number', () => {
    const small = escape(SGD, [20, 40], 2);
    const { points } = sweepPoints(small);
    const expected = 2 * points.reduce((s, p) => s + p.spec.n * p.spec.d * samplingPlanOf(p.spec).samplesEnd, 0);
    expect(sweepSgdWork(small, points)).toEqual({ runs: 4, work: expected });
    expect(expected).toBeLessThan(MAX_SGD_WORK);
    expect(sgdSweepRefusal(small, points)).toBeNull();

    const big: SweepConfig = { kind: 'beta', base: { ...SGD, n: 50, d: 100 }, xs: [0, 0.1, 0.2], ks: [], trials: 4 };
    const bigPoints = sweepPoints(big).points;
    const work = sweepSgdWork(big, bigPoints).work;
    expect(work).toBeGreaterThan(MAX_SGD_WORK);
    const why = sgdSweepRefusal(big, bigPoints)!;
    expect(why).toContain('12 runs');
    expect(why).toContain(sci(work));
    expect(why).toContain(sci(MAX_SGD_WORK));
  });

  it('costs nothing for the flow, and a sweep of the flow is never refused for it', () => {
    const config: SweepConfig = { kind: 'beta', base: { ...FLOW, n: 100000, d: 1e9 }, xs: [0.1], ks: [], trials: 100 };
    const { points } = sweepPoints(config);
    expect(sweepSgdWork(config, points)).toEqual({ runs: 0, work: 0 });
    expect(sgdSweepRefusal(config, points)).toBeNull();
  });

  it('keys the cache by the dynamics too, so an SGD sweep never reuses the flow’s results', () => {
    const a: SweepConfig = { kind: 'beta', base: FLOW, xs: [0.1], ks: [], trials: 1 };
    expect(sweepKey(a)).not.toBe(sweepKey({ ...a, base: SGD }));
    expect(sweepKey({ ...a, base: SGD })).not.toBe(sweepKey({ ...a, base: { ...SGD, eta: 1e-3 } }));
    expect(sweepKey({ ...a, base: SGD })).not.toBe(sweepKey({ ...a, base: { ...SGD, batch: 4 } }));
  });

  it('runs SGD only at whole dimensions: the escape form rounds its log grid and says so, a fractional d is skipped', () => {
    const { config, notes } = sweepConfigOf('escape', SGD, { dFrom: 20, dTo: 100, points: 3, trials: 1, n: 4 });
    expect(config.xs).toEqual([20, 45, 100]);
    expect(notes).toContain('online SGD needs whole dimensions: d = 20, 45, 100');
    // the flow keeps its grid as it was
    expect(sweepConfigOf('escape', FLOW, { dFrom: 20, dTo: 100, points: 3, trials: 1, n: 4 }).config.xs).toEqual([20, 44.72, 100]);
    const { points, problems } = sweepPoints(escape(SGD, [20, 44.72]));
    expect(points.map((p) => p.x)).toEqual([20]);
    expect(problems[0]).toMatchObject({ key: 'd', used: 'point skipped' });
    expect(problems[0].message).toContain('whole dimension');
  });
});

describe('the squared loss in sweeps', () => {
  it('is swept as it is: a job runs the coupled flow and counts what a direct run counts, with its E[(f − f*)²]', () => {
    const mse: ModelSpec = { ...FLOW, loss: 'mse', a: 0, n: 6 };
    const config: SweepConfig = { kind: 'beta', base: mse, xs: [0.1], ks: [], trials: 1 };
    const { points } = sweepPoints(config);
    expect(points[0].spec.loss).toBe('mse');
    const r = runSweepJob({ kind: 'beta', point: 0, trial: 0, spec: points[0].spec });
    expect({ recovered: r.recovered, attracted: r.attracted, atAverage: r.atAverage, other: r.other }).toEqual(directCounts(mse, 0, createDynamics));
    expect(r.generalizationError).toBeGreaterThan(0);
    expect(runSweepJob({ kind: 'beta', point: 0, trial: 0, spec: { ...points[0].spec, loss: 'corr' } }).generalizationError).toBeUndefined();
    expect(sweepConfigOf('beta', mse, { from: 0, to: 0.5, points: 2, trials: 1, n: 6 }).notes.join(' ')).not.toContain('loss=mse');
  });

  it('skips a point whose n is over the squared loss cap rather than running fewer neurons', () => {
    const mse: ModelSpec = { ...FLOW, loss: 'mse', a: 0, n: 6, geom: 'orth' };
    const { points, problems } = sweepPoints({ kind: 'coupon', base: { ...mse, k: 3 }, xs: [1, 1000], ks: [], trials: 1 });
    expect(points.map((p) => p.x)).toEqual([1]);
    expect(problems[0]).toMatchObject({ key: 'n', used: 'point skipped' });
  });
});
