// The tour's squared-loss step: its numbers, measured by the core on the step's own link (the
// page's run and the split view's second run, from the same seed).
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../core/model/model.ts';
import { runToEnd } from '../../core/outcomes/run.ts';
import { generalizationError } from '../../core/model/squaredLoss.ts';
import { comparedRun } from '../../url/compare.ts';
import { decode, modelSpecOf } from '../../url/codec.ts';
import { failedClaims, TOUR_STEPS } from './tourSteps.ts';

const step = TOUR_STEPS.find((s) => s.id === 'squared-loss')!;

describe('tour step: the squared loss above β_c', () => {
  const { params, problems } = decode(step.query);
  const second = comparedRun(params);
  if (!second.ok || !second.value) throw new Error('the step must carry a comparison');
  const corrModel = buildModel(modelSpecOf(params));
  const mseModel = buildModel(modelSpecOf(second.value.params));
  const corr = runToEnd(corrModel);
  const mse = runToEnd(mseModel);

  it('compares the correlation loss (left) with the squared loss (right) from the same seed', () => {
    expect(problems).toEqual([]);
    expect(params.loss).toBe('corr');
    expect(second.value!.params.loss).toBe('mse');
    expect(second.value!.params.seed).toBe(params.seed);
  });

  it('both runs show what the claims say', () => {
    expect(failedClaims(step, corr.counts)).toEqual([]);
    expect(failedClaims(step, mse.counts, step.compareClaims)).toEqual([]);
    // and the claims can fail: the correlation run contradicts the squared loss's
    expect(failedClaims(step, corr.counts, step.compareClaims).length).toBeGreaterThan(0);
  });

  it('the numbers in the text are the measured ones', () => {
    expect(corr.counts.atAverage).toBe(30);
    expect(mse.counts.recovered).toEqual([8, 8, 8]);
    expect(mse.counts.atAverage).toBe(1);
    expect(mse.counts.other).toBe(5);
    expect(mse.generalizationError!).toBeCloseTo(0.095, 3);
    expect(step.watch).toContain('24 of them');
    expect(step.watch).toContain('0.095');
  });

  it('the generalization error falls from its start, and the correlation loss\'s w̄ would be worse than predicting 0', () => {
    const sq = mseModel.squared!;
    const n = 30, k = 3;
    const start = runToEnd({ ...mseModel, tEnd: 0 });
    expect(start.generalizationError!).toBeCloseTo(3.56, 2);
    // every neuron at w̄: u_ij = u*, Q = 1
    const u = new Float64Array(n * k).fill(corrModel.average!.overlap);
    const Q = new Float64Array(n * n).fill(1);
    expect(generalizationError(sq, u, Q, n, k)).toBeCloseTo(4.58, 2);
    expect(sq.targetEnergy).toBeCloseTo(3.26, 2);
    for (const text of ['3.56', '4.58', '3.26']) expect(step.watch).toContain(text);
  });
});
