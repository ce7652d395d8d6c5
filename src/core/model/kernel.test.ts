// The correlation kernel φ(t) = Σ c_p t^p, c_p = a_p b_p, and the facts derived from it.
import { describe, expect, it } from 'vitest';
import { parseActivation, type Activation } from './activation.ts';
import { correlationKernel, d2phi, dphi, kernelFromCoefficients, monomialKernel, phi } from './kernel.ts';

function act(text: string): Activation {
  const r = parseActivation(text);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

describe('correlationKernel', () => {
  it('c_p = a_p b_p, truncated to the shorter expansion', () => {
    const K = correlationKernel(act('1:3,3:2,4:1'), act('1:-1,3:0.5,4:3,5:7'));
    expect(Array.from(K.c)).toEqual([0, -3, 0, 1, 3]);
    expect(K.degree).toBe(4);
    expect(K.pStar).toBe(1);
  });

  it('p* is the smallest p ≥ 1 with c_p ≠ 0 (c_0 does not count)', () => {
    expect(correlationKernel(act('0:5,3:1'), act('0:2,3:1')).pStar).toBe(3);
    expect(correlationKernel(act('2:1,3:1'), act('3:1')).pStar).toBe(3);
    expect(correlationKernel(act('he2'), act('he2')).pStar).toBe(2);
    expect(correlationKernel(act('he3'), act('he4')).pStar).toBe(0);
    expect(correlationKernel(act('he0'), act('he0')).pStar).toBe(0);
  });

  it('negative c_p are flagged by degree', () => {
    const K = correlationKernel(act('3:1,4:1,5:-2'), act('3:1,4:-1,5:1'));
    expect(K.negative).toEqual([4, 5]);
    expect(correlationKernel(act('3:-1'), act('3:-1')).negative).toEqual([]);
  });

  it('evenness: no odd c_p', () => {
    expect(correlationKernel(act('he4'), act('he4')).even).toBe(true);
    expect(correlationKernel(act('he3'), act('he3')).even).toBe(false);
    expect(correlationKernel(act('2:1,4:1'), act('2:1,4:1,5:1')).even).toBe(true);
    expect(correlationKernel(act('3:1,4:1'), act('3:1,4:1')).even).toBe(false);
    expect(correlationKernel(act('tanh'), act('tanh')).even).toBe(false);
    expect(correlationKernel(act('abs'), act('abs')).even).toBe(true);
  });

  it('drop012 removes h_0, h_1, h_2 from both: ReLU becomes p* = 4, even, c_4 = 1/(48π)', () => {
    const relu = act('relu');
    const full = correlationKernel(relu, relu);
    expect(full.pStar).toBe(1);
    expect(full.c[1]).toBeCloseTo(0.25, 14);
    expect(full.c[2]).toBeCloseTo(1 / (4 * Math.PI), 14);
    expect(full.even).toBe(false);
    const dropped = correlationKernel(relu, relu, true);
    expect(dropped.pStar).toBe(4);
    expect(dropped.even).toBe(true);
    expect(dropped.c[0]).toBe(0);
    expect(dropped.c[4]).toBeCloseTo(1 / (48 * Math.PI), 14);
    expect(dropped.c[6]).toBeCloseTo(1 / (2 * Math.PI * 720) * 9, 14); // (He_4(0) φ(0))²/6! = 9/(2π·720)
    // tanh: odd, so dropping h_1 leaves p* = 3
    expect(correlationKernel(act('tanh'), act('tanh'), true).pStar).toBe(3);
  });

  it('monomial kernel t^p and its flag', () => {
    const K = monomialKernel(3);
    expect(K.monomial).toBe(3);
    expect(K.pStar).toBe(3);
    expect(correlationKernel(act('3:1,4:1'), act('3:1,4:1')).monomial).toBe(0);
    expect(correlationKernel(act('3:2'), act('3:2')).monomial).toBe(3);
  });

  it("a user's tiny coefficient still counts: c_1 = 1e-13 makes p* = 1", () => {
    const K = kernelFromCoefficients([0, 1e-13, 0, 1, 1e-12]);
    expect(K.degree).toBe(4);
    expect(K.pStar).toBe(1);
  });

  it('numerically expanded activations carry no quadrature noise where symmetry says 0', () => {
    const K = correlationKernel(act('tanh'), act('tanh'));
    for (let p = 0; p <= K.degree; p += 2) expect(K.c[p]).toBe(0);
    expect(K.even).toBe(false);
    expect(K.pStar).toBe(1);
  });
});

describe('φ, φ\', φ\'\'', () => {
  it('match the polynomial and its derivatives', () => {
    const K = kernelFromCoefficients([0.5, 0, 0, 1, 0.25, -0.1]);
    for (const t of [-0.9, -0.2, 0, 0.3, 0.77, 1]) {
      expect(phi(K, t)).toBeCloseTo(0.5 + t ** 3 + 0.25 * t ** 4 - 0.1 * t ** 5, 14);
      expect(dphi(K, t)).toBeCloseTo(3 * t ** 2 + t ** 3 - 0.5 * t ** 4, 14);
      expect(d2phi(K, t)).toBeCloseTo(6 * t + 3 * t ** 2 - 2 * t ** 3, 14);
    }
  });

  it('degree-1 kernel has φ\'\' = 0', () => {
    const K = monomialKernel(1);
    expect(dphi(K, 0.4)).toBe(1);
    expect(d2phi(K, 0.4)).toBe(0);
  });
});
