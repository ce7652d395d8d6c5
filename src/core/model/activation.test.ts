// Activation parsing and Hermite expansions of named functions, against closed forms and an
// independent composite Simpson integral (which, unlike Gauss–Hermite, can put a node on a kink).
import { describe, expect, it } from 'vitest';
import { MAX_DEGREE, NAMED_ACTIVATIONS, parseActivation, type Activation } from './activation.ts';

const fact = (n: number): number => (n <= 1 ? 1 : n * fact(n - 1));
const PHI0 = 1 / Math.sqrt(2 * Math.PI);

/** He_m(0): 0 for odd m, (−1)^{m/2} (m−1)!! for even m. */
function hermiteAtZero(m: number): number {
  if (m % 2 === 1) return 0;
  let v = 1;
  for (let i = m - 1; i > 0; i -= 2) v *= i;
  return (m / 2) % 2 === 1 ? -v : v;
}

/** E[f(X) h_p(X)], p = 0..P, by composite Simpson on [−40, 40] with a node at 0. */
function simpsonCoefficients(f: (x: number) => number, P: number): number[] {
  const L = 40, m = 200000, step = (2 * L) / m;
  const a = new Array<number>(P + 1).fill(0);
  for (let i = 0; i <= m; i++) {
    const x = -L + i * step;
    const w = i === 0 || i === m ? 1 : i % 2 === 1 ? 4 : 2;
    const g = (w * step * Math.exp(-0.5 * x * x) * PHI0 * f(x)) / 3;
    // He recurrence written out independently of hermite.ts
    let hm = 1, hp = x;
    a[0] += g;
    if (P >= 1) a[1] += g * x;
    for (let p = 1; p < P; p++) {
      const next = x * hp - p * hm;
      hm = hp;
      hp = next;
      a[p + 1] += (g * hp) / Math.sqrt(fact(p + 1));
    }
  }
  return a;
}

function ok(text: string): Activation {
  const r = parseActivation(text);
  if (!r.ok) throw new Error(`expected "${text}" to parse: ${r.error}`);
  return r.value;
}

function err(text: string): string {
  const r = parseActivation(text);
  if (r.ok) throw new Error(`expected "${text}" to be rejected`);
  return r.error;
}

describe('named activations', () => {
  it('ReLU: a_0 = 1/sqrt(2π), a_1 = 1/2, a_p = He_{p−2}(0) φ(0)/sqrt(p!) for p ≥ 2', () => {
    const a = ok('relu').coeffs;
    expect(a.length).toBe(MAX_DEGREE + 1);
    expect(a[0]).toBeCloseTo(PHI0, 13);
    expect(a[1]).toBeCloseTo(0.5, 13);
    expect(a[2]).toBeCloseTo(1 / (2 * Math.sqrt(Math.PI)), 13);
    expect(a[4]).toBeCloseTo(-PHI0 / Math.sqrt(24), 13);
    for (let p = 2; p <= MAX_DEGREE; p++) {
      expect(a[p]).toBeCloseTo((hermiteAtZero(p - 2) * PHI0) / Math.sqrt(fact(p)), 13);
    }
  });

  it('abs = 2 relu(x) − x: a_1 = 0 and a_p = 2 a_p(relu) otherwise', () => {
    const r = ok('relu').coeffs;
    const a = ok('abs').coeffs;
    expect(a[1]).toBe(0);
    for (let p = 0; p <= MAX_DEGREE; p++) if (p !== 1) expect(a[p]).toBeCloseTo(2 * r[p], 13);
  });

  it('tanh is odd: every even coefficient vanishes; a_1 = E[sech²X] > 0', () => {
    const a = ok('tanh').coeffs;
    for (let p = 0; p <= MAX_DEGREE; p += 2) expect(Math.abs(a[p])).toBeLessThan(1e-15);
    const sech2 = simpsonCoefficients((x) => 1 / Math.cosh(x) ** 2, 0)[0];
    expect(a[1]).toBeCloseTo(sech2, 10);
    expect(a[3]).toBeLessThan(0);
  });

  for (const name of Object.keys(NAMED_ACTIVATIONS)) {
    it(`${name}: every coefficient matches an independent Simpson integral within 1e-10`, () => {
      const a = ok(name).coeffs;
      const s = simpsonCoefficients(NAMED_ACTIVATIONS[name], MAX_DEGREE);
      for (let p = 0; p <= MAX_DEGREE; p++) expect(Math.abs(a[p] - s[p])).toBeLessThan(1e-10);
    });
  }

  it('gelu = x Φ(x): a_0 = 1/(2 sqrt π), a_1 = 1/2', () => {
    const a = ok('gelu').coeffs;
    expect(a[0]).toBeCloseTo(1 / (2 * Math.sqrt(Math.PI)), 12);
    expect(a[1]).toBeCloseTo(0.5, 12);
  });
});

describe('parseActivation: accepted forms', () => {
  it('he<p> is the pure Hermite h_p', () => {
    const a = ok('he3');
    expect(Array.from(a.coeffs)).toEqual([0, 0, 0, 1]);
    expect(a.spec).toBe('he3');
    expect(ok('  HE16 ').coeffs.length).toBe(17);
    expect(ok('he0').coeffs[0]).toBe(1);
  });

  it('coefficient lists fill a_p and get a canonical, sorted spec', () => {
    const a = ok('4:0.5,3:1');
    expect(Array.from(a.coeffs)).toEqual([0, 0, 0, 1, 0.5]);
    expect(a.spec).toBe('3:1,4:0.5');
    expect(Array.from(ok('0:-2.5e-1,2:.5,16:+3').coeffs).filter((x) => x !== 0)).toEqual([-0.25, 0.5, 3]);
    expect(ok('1:1,,3:2,').spec).toBe('1:1,3:2');
    expect(ok('3:1E2').coeffs[3]).toBe(100);
  });

  it('names are case-insensitive and trimmed', () => {
    expect(ok(' ReLU ').spec).toBe('relu');
  });
});

describe('parseActivation: every rejection says what was wrong', () => {
  it('empty', () => expect(err('   ')).toMatch(/empty/));
  it('too long', () => expect(err('3:1,'.repeat(120))).toMatch(/longer than 400/));
  it('Hermite degree too high', () => expect(err('he17')).toMatch(/degree 17 exceeds the maximum 16/));
  it('he with three digits is not a known form', () => expect(err('he100')).toMatch(/unknown activation/));
  it('unknown name lists the accepted forms', () => {
    const e = err('swish');
    expect(e).toMatch(/unknown activation "swish"/);
    for (const name of Object.keys(NAMED_ACTIVATIONS)) expect(e).toContain(name);
  });
  it('unknown-name echo is truncated to 40 characters', () => {
    const e = err('x'.repeat(300));
    expect(e).toContain(`"${'x'.repeat(40)}"`);
    expect(e).not.toContain('x'.repeat(41));
  });
  it('malformed term', () => {
    expect(err('3:1,4')).toMatch(/term "4" is not of the form p:value/);
    expect(err('3:abc')).toMatch(/not of the form p:value/);
    expect(err('3:NaN')).toBe('coefficient of h_3 is not a finite number (nan)');
    expect(err('4:-Infinity')).toBe('coefficient of h_4 is not a finite number (infinity)');
    expect(err('3:1;4:2')).toMatch(/not of the form p:value/);
    expect(err('-3:1')).toMatch(/not of the form p:value/);
    expect(ok('3:1, 4:2').spec).toBe('3:1,4:2');
  });
  it('too many terms', () => {
    const list = Array.from({ length: 18 }, (_, p) => `${p}:1`).join(',');
    expect(err(list)).toMatch(/more than 17 terms/);
  });
  it('degree above the maximum in a list', () => expect(err('17:1')).toMatch(/degree 17 exceeds the maximum 16/));
  it('non-finite coefficient', () => expect(err('3:1e400')).toMatch(/h_3 is not a finite number/));
  it('coefficient too large', () => expect(err('3:2e6')).toMatch(/h_3 \(2000000\) exceeds 1e6/));
  it('duplicate degree', () => expect(err('3:1,3:2')).toMatch(/degree 3 is given twice/));
});
