import { describe, expect, it } from 'vitest';
import { fittedScale, MAX_IMAGE_PIXELS, MAX_IMAGE_SIDE } from './viewCapture.ts';

describe('Save image size limits', () => {
  it('keeps a size that fits', () => {
    expect(fittedScale(2, 716, 540)).toBe(2);
    expect(fittedScale(4, 716, 540)).toBe(4);
  });
  it('reduces a size over the side or area limit to the largest that fits, never below 1', () => {
    const s = fittedScale(4, 1920, 1080);
    expect(Math.max(1920, 1080) * s).toBeLessThanOrEqual(MAX_IMAGE_SIDE + 1e-9);
    expect(1920 * 1080 * s * s).toBeLessThanOrEqual(MAX_IMAGE_PIXELS * (1 + 1e-12));
    expect(s).toBeGreaterThan(3);
    expect(fittedScale(4, 4000, 3000, 4096)).toBeCloseTo(4096 / 4000, 12);
    expect(fittedScale(4, 20000, 20000)).toBe(1);
  });
});
