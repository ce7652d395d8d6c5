import { describe, expect, it } from 'vitest';
import { tickText } from './tickText.ts';

describe('tickText', () => {
  it('gives the decimals the step needs, a true minus and a plain zero', () => {
    expect(tickText([-0.001, -0.0005, 1e-20, 0.0005], 0.0005)).toEqual(['−0.0010', '−0.0005', '0.0000', '0.0005']);
    expect(tickText([0, 0.5, 1], 0.5)).toEqual(['0.0', '0.5', '1.0']);
    // every tick as it is: a step of 0.25 needs two decimals
    expect(tickText([-0.75, -0.5, -0.25, 0], 0.25)).toEqual(['−0.75', '−0.50', '−0.25', '0.00']);
    expect(tickText([0.01, 0.1, null, 10], 10)).toEqual(['0', '0', '', '10']);
  });

  it('writes steps finer than 10⁻⁴ as mantissa and power of ten, never a row of zeros', () => {
    expect(tickText([-2e-10, 0, 2e-10], 2e-10)).toEqual(['−2e−10', '0', '2e−10']);
    expect(tickText([1.5e-4, 2e-4], 5e-5)).toEqual(['1.5e−4', '2.0e−4']);
    expect(tickText([1e-10, 2e-10, 3e-10], 1e-10)).toEqual(['1e−10', '2e−10', '3e−10']);
    expect(tickText([2.5e-10, 5e-10], 2.5e-10)).toEqual(['2.5e−10', '5.0e−10']);
    for (const s of tickText([0.00000001, 0.00000002], 0.00000001)) expect(s).not.toMatch(/0\.0000/);
  });
});
