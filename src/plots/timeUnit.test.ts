// The time charts' samples axis: x = t · batch/η on the plot, the worker's own count
// batch · round(t/η) in the legend, decades as 10ⁿ, and flow time unchanged without a plan.
import { describe, expect, it } from 'vitest';
import { buildModel, normalizeSpec, samplingPlanOf, type ModelSpec } from '../core/model/model.ts';
import { createSgd } from '../core/dynamics/factory.ts';
import { samplingPlan } from '../core/dynamics/sgdPlan.ts';
import { T_FLOOR } from '../sim/clock.ts';
import { plotTime, timeRange } from './timeAxis.ts';
import { powerOfTen, samplesAt, timeUnitOf } from './timeUnit.ts';

const PLAN = samplingPlan({ n: 50, d: 100, pStar: 3, eta: 0, batch: 1, tEnd: 20 });

describe('samples on the time axis', () => {
  it('counts what SGD itself drew by that time, batch · round(t/η), for batches of 1 and 4', () => {
    for (const batch of [1, 4]) {
      const spec: ModelSpec = normalizeSpec({ k: 2, n: 3, d: 12, beta: 0.1, p: 3, sigma: '', target: '', drop012: false, geom: 'equi', gram: [], seed: 7, T: 1, tol: 0.05, dyn: 'sgd', eta: 0.013, batch }).spec;
      const model = buildModel(spec);
      const plan = samplingPlanOf(spec, model.kernel);
      const sgd = createSgd(model);
      const out = new Float64Array(spec.n * spec.k);
      // times that fall between steps, and one at a half step (round half up, as stepsAt)
      for (const t of [0, 0.005, 0.0065, 0.2, 0.51, 1]) {
        sgd.advanceTo(t, out);
        expect(samplesAt(t, plan)).toBe(sgd.samples);
      }
      expect(sgd.samples).toBe(batch * Math.round(1 / 0.013));
    }
  });

  it('plots x = t · batch/η and reads the legend back as the count, η = 5e-5 at d = 100, p* = 3', () => {
    expect(PLAN.eta).toBeCloseTo(5e-5, 15);
    const unit = timeUnitOf('samples', PLAN);
    expect(unit.key).toBe('samples');
    expect(unit.perT).toBeCloseTo(20000, 9);
    expect(unit.label).toBe('samples');
    expect(unit.title).toBe('samples (log scale) = 20000·t');
    expect(unit.value(plotTime(3, unit.perT))).toBe('60,000');
    expect(unit.value(plotTime(0.5, unit.perT))).toBe('10,000');
    // the axis spans the same run: its ends are the t axis's ends in samples
    const [lo, hi] = timeRange(20, unit.perT);
    expect(lo).toBeCloseTo(T_FLOOR * 20000, 9);
    expect(hi).toBeCloseTo(400000, 6);
    expect(unit.upTo(3)).toBe('log samples up to 60,000 samples (t = 3.00)');
  });

  it('a batch of B draws B samples a step: B/η per unit t', () => {
    const plan = samplingPlan({ n: 10, d: 100, pStar: 3, eta: 1e-3, batch: 8, tEnd: 5 });
    const unit = timeUnitOf('samples', plan);
    expect(unit.perT).toBe(8000);
    expect(unit.value(plotTime(0.25, unit.perT))).toBe('2,000');
  });

  it('labels whole decades as 10ⁿ and leaves the splits between them blank', () => {
    const unit = timeUnitOf('samples', PLAN);
    expect(unit.ticks([100, 200, 1000, null, 5e4, 1e5, 1e6, 1.0000000001e7])).toEqual(['10²', '', '10³', '', '', '10⁵', '10⁶', '10⁷']);
    expect(powerOfTen(-2)).toBe('10⁻²');
    expect(powerOfTen(12)).toBe('10¹²');
  });

  it('stays in flow time t when t is chosen or the run draws no samples (the flow)', () => {
    for (const unit of [timeUnitOf('t', PLAN), timeUnitOf('samples', undefined)]) {
      expect(unit.key).toBe('t');
      expect(unit.perT).toBe(1);
      expect(unit.title).toBe('flow time t (log scale)');
      expect(unit.label).toBe('t');
      expect(unit.value(0.123456)).toBe('0.123');
      expect(unit.upTo(3)).toBe('log time up to t = 3.00');
      expect(plotTime(0, unit.perT)).toBe(T_FLOOR);
    }
    expect(timeUnitOf('t', PLAN).ticks([0.01, 0.1, 1, 10, 100, null])).toEqual(['0.01', '0.1', '1', '10', '100', '']);
    // from 10⁴ up as powers of ten, which fit beside each other on a narrow plot
    expect(timeUnitOf('t', PLAN).ticks([1000, 10000, 1e6, 1.0000000001e7, 3e7])).toEqual(['1,000', '10⁴', '10⁶', '10⁷', '30,000,000']);
  });
});
