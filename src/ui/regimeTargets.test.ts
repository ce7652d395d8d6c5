import { describe, expect, it } from 'vitest';
import { regimeAt, regimeTargets } from './regimeTargets.ts';

describe('regime targets', () => {
  it('k = 3, p = 3: one β in each regime, between strictly inside the window', () => {
    const [below, between, above] = regimeTargets([0.25], [0.2612038749637412]);
    expect(below.beta).toBeCloseTo(0.2, 12);
    expect(between.beta!).toBeGreaterThan(0.25);
    expect(between.beta!).toBeLessThan(0.2612038749637412);
    expect(above.beta).toBeCloseTo(0.3112, 12);
  });

  it('a window narrower than the rounding keeps the exact middle', () => {
    const [, between] = regimeTargets([0.3], [0.30001]);
    expect(between.beta!).toBeGreaterThan(0.3);
    expect(between.beta!).toBeLessThan(0.30001);
  });

  it('says why a regime is missing', () => {
    const [below, between, above] = regimeTargets([], []);
    expect([below.beta, between.beta, above.beta]).toEqual([null, null, null]);
    expect(between.reason).toMatch(/no β_c/);
    const onlyC = regimeTargets([0.4], []);
    expect(onlyC[0].beta).toBeCloseTo(0.35, 12);
    expect(onlyC[1].reason).toMatch(/no β_fold/);
    expect(onlyC[2].beta).toBeNull();
  });

  it('p* = 2: β_c = 0 and no fold, so only "above" is missing its fold and "below" its room', () => {
    const [below, between, above] = regimeTargets([0], []);
    expect(below.beta).toBeNull();
    expect(below.reason).toMatch(/β_c = 0/);
    expect(between.reason).toMatch(/no β_fold/);
    expect(above.beta).toBeNull();
  });

  it('stays in [0, 0.99] near the ends', () => {
    const [below, , above] = regimeTargets([0.04], [0.97]);
    expect(below.beta).toBeCloseTo(0.02, 12);
    expect(above.beta!).toBeLessThanOrEqual(0.99);
    expect(above.beta!).toBeGreaterThan(0.97);
  });

  it('says which regime a β is in, each target in its own', () => {
    const c = [0.25], fold = [0.2612038749637412];
    expect(regimeAt(0.1, c, fold)).toBe('below');
    expect(regimeAt(0.255, c, fold)).toBe('between');
    expect(regimeAt(0.5, c, fold)).toBe('above');
    // at the thresholds themselves, none
    expect(regimeAt(0.25, c, fold)).toBeNull();
    expect(regimeAt(fold[0], c, fold)).toBeNull();
    for (const t of regimeTargets(c, fold)) expect(regimeAt(t.beta!, c, fold)).toBe(t.regime);
    // no β_c: no regime below it; no window: none between
    expect(regimeAt(0.1, [], [])).toBeNull();
  });
});
