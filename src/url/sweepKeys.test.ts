import { describe, expect, it } from 'vitest';
import type { ModelSpec } from '../core/model/model.ts';
import { sweepFields } from '../core/experiments/sweepSettings.ts';
import type { SweepKind } from '../core/experiments/sweeps.ts';
import { sweepValuesOfKeys, keysOfSweepValues, strictFieldProblems, sweepKeyOf, sweepKeysOf, SWEEP_KEYS } from './sweepKeys.ts';

const BASE: ModelSpec = {
  k: 3, n: 300, d: 1000, beta: 0.2, p: 3, sigma: '', target: '', drop012: false, geom: 'equi', gram: [], seed: 1, T: 0, tol: 0.05,
};
const KINDS: SweepKind[] = ['beta', 'coupon', 'escape', 'phase'];

describe('sweep settings and the link keys', () => {
  it('names each field sw + its name, and every such key is in the schema list', () => {
    expect(sweepKeyOf('n')).toBe('swN');
    expect(sweepKeyOf('dFrom')).toBe('swDFrom');
    for (const kind of KINDS) for (const key of sweepKeysOf(kind, BASE)) expect(SWEEP_KEYS).toContain(key);
  });

  it('reads 0 and missing keys as the form defaults, other values as given', () => {
    for (const kind of KINDS) {
      const defaults = Object.fromEntries(sweepFields(kind, BASE).map((f) => [f.name, f.value]));
      expect(sweepValuesOfKeys(kind, BASE, {})).toEqual(defaults);
      expect(sweepValuesOfKeys(kind, BASE, { swTrials: 0 })).toEqual(defaults);
      expect(sweepValuesOfKeys(kind, BASE, { swTrials: 1000 }).trials).toBe(1000);
    }
    // the β sweep's default range is chosen from β_c = 1/4: it reaches past it
    expect(sweepValuesOfKeys('beta', BASE, {}).to).toBeGreaterThan(0.25);
  });

  it('writes every field explicitly and reads back the same values', () => {
    for (const kind of KINDS) {
      const values = sweepValuesOfKeys(kind, BASE, { swPoints: 5, swTrials: 7 });
      const keys = keysOfSweepValues(kind, BASE, values);
      expect(sweepValuesOfKeys(kind, BASE, keys)).toEqual(values);
      for (const key of SWEEP_KEYS) if (!sweepKeysOf(kind, BASE).includes(key)) expect(keys[key]).toBe(0);
    }
  });

  it('refuses values below a field minimum or not whole, but not above the form maximum', () => {
    expect(strictFieldProblems('phase', BASE, { ...sweepValuesOfKeys('phase', BASE, {}), kFrom: 1, points: 2.5 })).toEqual([
      'swPoints: 2.5 is not a whole number (β points)',
      'swKFrom: 1 is below 2, the smallest k from of the phase sweep',
    ]);
    expect(strictFieldProblems('beta', BASE, { ...sweepValuesOfKeys('beta', BASE, {}), trials: 100000 })).toEqual([]);
  });
});
