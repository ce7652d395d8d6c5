// Packed number lists: exact to the bit (−0, subnormals, extremes), the triangle form only for
// exactly symmetric unit-diagonal matrices, and damaged text refused with a reason.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { longestPacked, packNumbers, unpackNumbers } from './packedNumbers.ts';

const bitsOf = (xs: number[]) => xs.map((x) => new BigUint64Array(new Float64Array([x]).buffer)[0]);

describe('packed numbers', () => {
  it('read back bit for bit for any finite doubles', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { maxLength: 300 }), (xs) => {
        const text = packNumbers(xs);
        const back = unpackNumbers(text, 300);
        expect('values' in back && bitsOf(back.values)).toEqual(bitsOf(xs));
        expect(text).toMatch(/^[fu]\.[A-Za-z0-9_-]*$/);
        expect(text.length).toBeLessThanOrEqual(longestPacked(xs.length));
      }),
      { numRuns: 500 },
    );
    for (const xs of [[-0], [0], [Number.MIN_VALUE, -Number.MAX_VALUE], [1, 0.1, -1e-300]]) {
      const back = unpackNumbers(packNumbers(xs), 10);
      expect('values' in back && bitsOf(back.values)).toEqual(bitsOf(xs));
    }
  });

  it('write a symmetric unit-diagonal matrix as its upper triangle, anything else in full', () => {
    const g = [1, 0.3, -0.2, 0.3, 1, 0.5, -0.2, 0.5, 1];
    const text = packNumbers(g);
    expect(text.startsWith('u.')).toBe(true);
    expect(text).toHaveLength(2 + Math.ceil((3 * 8 * 4) / 3));
    expect(unpackNumbers(text, 9)).toEqual({ values: g });
    // a hair off symmetry, a diagonal not exactly 1, or −0 against 0: the full form keeps them
    for (const h of [[1, 0.3, 0.30000000000000004, 1], [1, 0.3, 0.3, 0.9999999999], [1, 0, -0, 1]]) {
      const t = packNumbers(h);
      expect(t.startsWith('f.')).toBe(true);
      const back = unpackNumbers(t, 4);
      expect('values' in back && bitsOf(back.values)).toEqual(bitsOf(h));
    }
    // a k = 16 Gram matrix: 120 doubles instead of 256
    const big = Array.from({ length: 256 }, (_, i) => (Math.floor(i / 16) === i % 16 ? 1 : 0.1 + Math.min(Math.floor(i / 16), i % 16) / 100));
    expect(packNumbers(big)).toHaveLength(2 + 1280);
    expect(longestPacked(256)).toBe(2 + 2731);
  });

  it('refuse damaged text with a reason', () => {
    const good = packNumbers([0.5, 0.25]);
    const cases: [string, RegExp][] = [
      ['x.AAAA', /not a packed form/],
      ['f.AAA', /not whole base64url doubles/],
      ['f.A', /not whole base64url doubles/],
      ['f.AA+A', /not whole base64url doubles/],
      ['f.AA=A', /not whole base64url doubles/],
      [good.slice(0, -3), /not whole base64url doubles/],
      [packNumbers(new Array(20).fill(0.5)), /20 entries, more than 16/],
      [`u.${packNumbers([0.1, 0.2]).slice(2)}`, /2 entries are not the upper triangle/],
      [`u.${packNumbers(new Array(190).fill(0.5)).slice(2)}`, /a 20×20 matrix has more than 256 entries/],
      ['u.', /0 entries are not the upper triangle/],
    ];
    for (const [text, message] of cases) {
      const out = unpackNumbers(text, text.startsWith('u.') ? 256 : 16);
      expect('error' in out && out.error, text).toMatch(message);
    }
  });
});
