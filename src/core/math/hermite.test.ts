// Gauss–Hermite rule and normalized Hermite polynomials against closed forms.
import { describe, expect, it } from 'vitest';
import { gaussHermite, hermiteCoefficients, hermiteValues } from './hermite.ts';

const fact = (n: number): number => (n <= 1 ? 1 : n * fact(n - 1));

function expectation(N: number, f: (x: number) => number): number {
  const { nodes, weights } = gaussHermite(N);
  let s = 0;
  for (let i = 0; i < N; i++) s += weights[i] * f(nodes[i]);
  return s;
}

describe('hermiteValues', () => {
  it('matches the explicit probabilists\' polynomials He_p / sqrt(p!)', () => {
    const He = [
      () => 1,
      (x: number) => x,
      (x: number) => x * x - 1,
      (x: number) => x ** 3 - 3 * x,
      (x: number) => x ** 4 - 6 * x * x + 3,
      (x: number) => x ** 5 - 10 * x ** 3 + 15 * x,
      (x: number) => x ** 6 - 15 * x ** 4 + 45 * x * x - 15,
    ];
    const out = new Float64Array(7);
    for (const x of [-2.5, -0.3, 0, 0.7, 1.9]) {
      hermiteValues(x, 6, out);
      for (let p = 0; p <= 6; p++) expect(out[p]).toBeCloseTo(He[p](x) / Math.sqrt(fact(p)), 12);
    }
  });
});

describe('gaussHermite', () => {
  for (const N of [20, 40, 160]) {
    it(`N=${N}: weights sum to 1, nodes ascending and symmetric`, () => {
      const { nodes, weights } = gaussHermite(N);
      let s = 0;
      for (let i = 0; i < N; i++) s += weights[i];
      expect(Math.abs(s - 1)).toBeLessThan(1e-13);
      for (let i = 1; i < N; i++) expect(nodes[i]).toBeGreaterThan(nodes[i - 1]);
      for (let i = 0; i < N; i++) expect(Math.abs(nodes[i] + nodes[N - 1 - i])).toBeLessThan(1e-10 * Math.max(1, Math.abs(nodes[i])));
    });

    it(`N=${N}: moments E[X^2]=1, E[X^4]=3, E[X^6]=15, odd moments 0`, () => {
      expect(expectation(N, (x) => x * x)).toBeCloseTo(1, 12);
      expect(expectation(N, (x) => x ** 4)).toBeCloseTo(3, 11);
      expect(expectation(N, (x) => x ** 6)).toBeCloseTo(15, 10);
      expect(expectation(N, (x) => x ** 8)).toBeCloseTo(105, 9);
      expect(Math.abs(expectation(N, (x) => x ** 3))).toBeLessThan(1e-11);
      expect(Math.abs(expectation(N, (x) => x ** 5))).toBeLessThan(1e-10);
    });
  }

  it('h_p are orthonormal under the 40-point rule up to degree 39 (exact for total degree ≤ 79)', () => {
    const N = 40;
    const P = 39;
    const { nodes, weights } = gaussHermite(N);
    const h = new Float64Array(P + 1);
    const gram = new Float64Array((P + 1) * (P + 1));
    for (let i = 0; i < N; i++) {
      hermiteValues(nodes[i], P, h);
      for (let p = 0; p <= P; p++) for (let q = 0; q <= P; q++) gram[p * (P + 1) + q] += weights[i] * h[p] * h[q];
    }
    let worst = 0;
    for (let p = 0; p <= P; p++) {
      for (let q = 0; q <= P; q++) worst = Math.max(worst, Math.abs(gram[p * (P + 1) + q] - (p === q ? 1 : 0)));
    }
    expect(worst).toBeLessThan(1e-11);
  });

  it('the default 160-point rule integrates e^{x} exactly enough: E[e^X] = e^{1/2}', () => {
    expect(expectation(160, Math.exp)).toBeCloseTo(Math.exp(0.5), 13);
  });
});

describe('hermiteCoefficients', () => {
  it('x^3 = He_3 + 3 He_1, i.e. a_3 = sqrt(6), a_1 = 3', () => {
    const a = hermiteCoefficients((x) => x ** 3, 6);
    expect(a[3]).toBeCloseTo(Math.sqrt(6), 12);
    expect(a[1]).toBeCloseTo(3, 12);
    for (const p of [0, 2, 4, 5, 6]) expect(Math.abs(a[p])).toBeLessThan(1e-12);
  });

  it('e^{x} has a_p = e^{1/2} / sqrt(p!)', () => {
    const a = hermiteCoefficients(Math.exp, 12);
    for (let p = 0; p <= 12; p++) expect(a[p]).toBeCloseTo(Math.exp(0.5) / Math.sqrt(fact(p)), 12);
  });
});
