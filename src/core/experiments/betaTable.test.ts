import { describe, expect, it } from 'vitest';
import { buildModel, normalizeSpec, type ModelSpec } from '../model/model.ts';
import { runToEnd } from '../outcomes/run.ts';
import { sweepPoint } from './betaTable.ts';
import { betaGrid, MAX_SWEEP_POINTS, specAtBeta, trialSeed } from './trials.ts';

const SPEC: ModelSpec = {
  k: 3, n: 10, d: 1000, beta: 0.2, p: 3, sigma: '', target: '', drop012: false,
  geom: 'equi', gram: [], seed: 5, T: 0, tol: 0.05,
};

describe('betaGrid', () => {
  it('includes B despite floating-point steps and prints values as typed', () => {
    expect(betaGrid(0, 0.3, 0.1)).toEqual({ ok: true, value: [0, 0.1, 0.2, 0.3] });
    expect(betaGrid(0.15, 0.25, 0.05)).toEqual({ ok: true, value: [0.15, 0.2, 0.25] });
    expect(betaGrid(0.2, 0.2, 0.1)).toEqual({ ok: true, value: [0.2] });
  });
  it('stops before B when B is not on the grid', () => {
    expect(betaGrid(0, 0.25, 0.1)).toEqual({ ok: true, value: [0, 0.1, 0.2] });
  });
  it('rejects empty, reversed and oversized ranges', () => {
    expect(betaGrid(0, 1, 0).ok).toBe(false);
    expect(betaGrid(0, 1, -0.1).ok).toBe(false);
    expect(betaGrid(0.5, 0.1, 0.1).ok).toBe(false);
    expect(betaGrid(0, NaN, 0.1).ok).toBe(false);
    expect(betaGrid(0, 1, 1 / MAX_SWEEP_POINTS / 2).ok).toBe(false);
  });
});

describe('trialSeed', () => {
  it('counts up from the seed and wraps at 2^32 like the RNG', () => {
    expect(trialSeed(1, 0)).toBe(1);
    expect(trialSeed(1, 5)).toBe(6);
    expect(trialSeed(4294967295, 1)).toBe(0);
  });
});

describe('sweepPoint', () => {
  it('averages independent runs of seeds seed, seed+1, … by the stated definitions', () => {
    const row = sweepPoint(SPEC, 3);
    let recovered = 0, atAverage = 0, all = 0;
    for (const seed of [5, 6, 7]) {
      const run = runToEnd(buildModel(normalizeSpec({ ...SPEC, seed }).spec));
      recovered += run.counts.recovered.reduce((a, b) => a + b, 0) / SPEC.n;
      atAverage += run.counts.atAverage / SPEC.n;
      if (run.allRecovered) all++;
    }
    expect(row.recoveredFraction).toBeCloseTo(recovered / 3, 12);
    expect(row.atAverageFraction).toBeCloseTo(atAverage / 3, 12);
    expect(row.allRecoveredRate).toBe(all / 3);
    expect(row.attractedFraction + row.atAverageFraction + row.otherFraction).toBeCloseTo(1, 12);
    expect(row.betaC).toEqual([0.25]);
    expect(row.averageKind).toBe('saddle');
  });

  it('refuses a β outside the equiangular range through the model checks', () => {
    expect(specAtBeta({ ...SPEC, k: 3 }, -0.6).problems.map((p) => p.key)).toEqual(['beta']);
    expect(specAtBeta(SPEC, 0.3).problems).toEqual([]);
  });
});
