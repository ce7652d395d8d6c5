import { describe, expect, it } from 'vitest';
import { buildModel, type ModelSpec } from '../model/model.ts';
import { runToEnd } from './run.ts';
import { regimeOfRun } from './regimeOfRun.ts';

const base: ModelSpec = {
  k: 3, n: 40, d: 1000, beta: 0.2, p: 3, sigma: '', target: '', drop012: false, geom: 'equi', gram: [], seed: 1, T: 0, tol: 0.05,
};

describe('regimeOfRun', () => {
  it('names the bistable window at k = 3, p = 3, β = 0.255 with both thresholds', () => {
    const model = buildModel({ ...base, beta: 0.255, T: 3000 });
    const run = runToEnd(model);
    const r = regimeOfRun(model, run.t, run.u);
    expect(r.kind).toBe('bistable');
    expect(r.sentence).toContain('between β_c = 0.25 and β_fold = 0.2612');
    expect(r.searching).toBeNull();
  });

  it('says the run still searches while most neurons sit on the plateau, counting the escaped', () => {
    const model = buildModel({ ...base, beta: 0.1, d: 1e6, T: 5 });
    const run = runToEnd(model);
    const r = regimeOfRun(model, run.t, run.u);
    expect(r.kind).toBe('belowC');
    expect(r.searching).toContain('0 of 40 escaped');
    // the same model with every neuron escaped: no search sentence
    const escaped = new Float64Array(run.u.length).fill(0.9);
    expect(regimeOfRun(model, run.t, escaped).searching).toBeNull();
  });

  it('has its own sentence for orthogonal index vectors and says the squared loss’s thresholds are the correlation loss’s', () => {
    const orth = buildModel({ ...base, geom: 'orth', n: 10, T: 10 });
    expect(regimeOfRun(orth, 10, new Float64Array(30).fill(0.9)).kind).toBe('orthogonal');
    const mse = buildModel({ ...base, loss: 'mse', beta: 0.3, n: 10, T: 10 });
    expect(regimeOfRun(mse, 10, new Float64Array(30).fill(0.9)).sentence).toMatch(/correlation loss/);
  });
});
