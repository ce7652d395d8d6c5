import { describe, expect, it } from 'vitest';
import { PlayRate } from './playRate.ts';

describe('PlayRate', () => {
  it('says nothing while the run keeps up with the asked speed', () => {
    const rate = new PlayRate();
    let t = 1;
    for (let ms = 0; ms <= 3000; ms += 100) {
      expect(rate.frame(t, ms, 1)).toBeNull();
      t *= 10 ** 0.1; // one decade per second
    }
  });

  it('reports the achieved rate when the frames fall behind', () => {
    const rate = new PlayRate();
    let limit = null;
    // 1.7 t per second from t = 30, asked for one decade per second
    for (let ms = 0; ms <= 3000; ms += 100) limit = rate.frame(30 + 1.7 * (ms / 1000), ms, 1);
    expect(limit).not.toBeNull();
    expect(limit!.tPerSecond).toBeCloseTo(1.7, 6);
    expect(limit!.decadesPerSecond).toBeLessThan(0.05);
  });

  it('waits for a second of frames and starts over after a reset', () => {
    const rate = new PlayRate();
    expect(rate.frame(30, 0, 1)).toBeNull();
    expect(rate.frame(30.5, 500, 1)).toBeNull();
    expect(rate.frame(31, 1000, 1)).not.toBeNull();
    rate.reset();
    expect(rate.frame(32, 1100, 1)).toBeNull();
  });
});
