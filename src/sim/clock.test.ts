import { describe, expect, it } from 'vitest';
import { firstGridIndexAfter, gridTime, nextGridTime, nextTarget, playedTimes, replayTargets, STEP_DECADES, stepTarget, T_FLOOR } from './clock.ts';

describe('playback clock', () => {
  it('a step multiplies t by 10^0.1, as the shortcuts help says', () => {
    expect(STEP_DECADES).toBe(0.1);
    for (const t of [0.05, 1, 37.5, 1e6]) expect(stepTarget(t, Infinity) / t).toBeCloseTo(10 ** 0.1, 12);
  });

  it('a step from the start goes a tenth of a decade past T_FLOOR and never past the end', () => {
    expect(stepTarget(0, Infinity)).toBeCloseTo(T_FLOOR * 10 ** 0.1, 15);
    expect(stepTarget(9.9, 10)).toBe(10);
    expect(stepTarget(10, 10)).toBe(10);
  });

  it('playing advances speed × elapsed decades, with long pauses between frames capped', () => {
    expect(nextTarget(1, 0.5, 0.2, Infinity)).toBeCloseTo(10 ** 0.1, 12);
    expect(nextTarget(1, 0.5, 10, Infinity)).toBeCloseTo(10 ** 0.125, 12);
    expect(nextTarget(1, 0.5, 0.2, 1.1)).toBe(1.1);
  });

  it('a paused link replays log-spaced frames that end exactly at its time', () => {
    const ts = replayTargets(50);
    expect(ts.at(-1)).toBe(50);
    expect(ts[0]).toBe(T_FLOOR);
    expect(ts.length).toBe(Math.ceil(20 * Math.log10(50 / T_FLOOR)) + 1);
    for (let i = 1; i < ts.length; i++) expect(ts[i]).toBeGreaterThan(ts[i - 1]);
    expect(replayTargets(1e12).length).toBe(121);
    expect(replayTargets(0.005)).toEqual([0.005]);
  });
});

describe('playedTimes', () => {
  it('is a fixed grid of 20 per decade from T_FLOOR, strictly between the two times', () => {
    const all = playedTimes(0, 100);
    expect(all.length).toBe(80);
    expect(all[0]).toBe(T_FLOOR);
    for (let i = 1; i < all.length; i++) expect(Math.log10(all[i] / all[i - 1])).toBeCloseTo(0.05, 12);
    expect(all.at(-1)!).toBeLessThan(100);
    // frames cut anywhere bring the same samples as one frame over the whole way
    const cuts = [0, 0.013, 0.5, 0.51, all[50], 3.7, 100];
    const pieces = cuts.slice(1).flatMap((to, i) => [...playedTimes(cuts[i], to), ...(all.includes(to) ? [to] : [])]);
    expect(pieces).toEqual(all);
    expect(playedTimes(5, 5)).toEqual([]);
    expect(playedTimes(5, 4)).toEqual([]);
    expect(playedTimes(0, T_FLOOR)).toEqual([]);
  });
});

describe('the grid', () => {
  it('the first grid time after t is strictly after it, and the one before is not', () => {
    expect(nextGridTime(0)).toBe(T_FLOOR);
    expect(nextGridTime(-1)).toBe(T_FLOOR);
    for (let i = 0; i < 200; i++) {
      const g = gridTime(i);
      // on the grid itself, the next one; just below it, itself
      expect(firstGridIndexAfter(g)).toBe(i + 1);
      expect(nextGridTime(g * (1 - 1e-12))).toBe(g);
      const mid = g * 10 ** 0.02;
      expect(firstGridIndexAfter(mid)).toBe(i + 1);
    }
    expect(playedTimes(0, 100)).toEqual(Array.from({ length: 80 }, (_, i) => gridTime(i)));
  });
});
