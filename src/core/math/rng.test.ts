// Seeded generator: determinism, stream independence, and the moments of every sampler.
import { describe, expect, it } from 'vitest';
import { Rng } from './rng.ts';

function moments(draw: () => number, N: number): { mean: number; variance: number; kurtosis: number } {
  let s1 = 0;
  const xs = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    xs[i] = draw();
    s1 += xs[i];
  }
  const mean = s1 / N;
  let m2 = 0, m4 = 0;
  for (let i = 0; i < N; i++) {
    const d = xs[i] - mean;
    m2 += d * d;
    m4 += d * d * d * d;
  }
  m2 /= N;
  m4 /= N;
  return { mean, variance: m2, kurtosis: m4 / (m2 * m2) };
}

describe('Rng determinism', () => {
  it('same seed and stream give the same sequence of 32-bit integers', () => {
    const a = new Rng(42, 3), b = new Rng(42, 3);
    const seqA = Array.from({ length: 1000 }, () => a.nextUint32());
    const seqB = Array.from({ length: 1000 }, () => b.nextUint32());
    expect(seqA).toEqual(seqB);
    for (const x of seqA) expect(Number.isInteger(x) && x >= 0 && x < 2 ** 32).toBe(true);
  });

  it('mixed samplers replay identically', () => {
    const run = () => {
      const r = new Rng(7);
      return [r.uniform(), r.normal(), r.gamma(0.3), r.chiSquare(5), r.normal(), r.chiSquare(1e9)];
    };
    expect(run()).toEqual(run());
  });

  it('different seeds and different streams give different sequences', () => {
    const first = (seed: number, stream: number) => {
      const r = new Rng(seed, stream);
      return Array.from({ length: 8 }, () => r.nextUint32()).join(',');
    };
    const seen = new Set<string>();
    for (let seed = 0; seed < 20; seed++) for (let stream = 0; stream < 50; stream++) seen.add(first(seed, stream));
    expect(seen.size).toBe(1000);
    expect(first(4294967295, 0)).not.toBe(first(0, 0));
  });

  it('streams of one seed are uncorrelated', () => {
    const N = 20000;
    const a = new Rng(1, 0), b = new Rng(1, 1);
    let s = 0;
    for (let i = 0; i < N; i++) s += a.normal() * b.normal();
    expect(Math.abs(s / N)).toBeLessThan(5 / Math.sqrt(N));
  });
});

describe('Rng distributions', () => {
  it('uniform on [0, 1): mean 1/2, variance 1/12, never 1', () => {
    const r = new Rng(3);
    const N = 100000;
    let lo = 1, hi = 0;
    const m = moments(() => {
      const u = r.uniform();
      lo = Math.min(lo, u);
      hi = Math.max(hi, u);
      return u;
    }, N);
    expect(lo).toBeGreaterThanOrEqual(0);
    expect(hi).toBeLessThan(1);
    // sd of the mean: sqrt(1/12/N); of the variance estimate: sqrt((1/80 − 1/144)/N)
    expect(Math.abs(m.mean - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / N));
    expect(Math.abs(m.variance - 1 / 12)).toBeLessThan(5 * Math.sqrt((1 / 80 - 1 / 144) / N));
  });

  it('uniform fills ten bins evenly (chi-square goodness of fit)', () => {
    const r = new Rng(99);
    const N = 100000, bins = new Array<number>(10).fill(0);
    for (let i = 0; i < N; i++) bins[Math.floor(r.uniform() * 10)]++;
    const chi2 = bins.reduce((s, c) => s + (c - N / 10) ** 2 / (N / 10), 0);
    expect(chi2).toBeLessThan(30); // 9 dof: P(χ² > 30) ≈ 4e-4
  });

  it('normal: mean 0, variance 1, kurtosis 3', () => {
    const r = new Rng(5);
    const N = 200000;
    const m = moments(() => r.normal(), N);
    expect(Math.abs(m.mean)).toBeLessThan(5 / Math.sqrt(N));
    expect(Math.abs(m.variance - 1)).toBeLessThan(5 * Math.sqrt(2 / N));
    expect(Math.abs(m.kurtosis - 3)).toBeLessThan(5 * Math.sqrt(24 / N));
  });

  it('normal: P(|X| < 1) = 0.6827, P(X > 2) = 0.02275', () => {
    const r = new Rng(6);
    const N = 200000;
    let inside = 0, tail = 0;
    for (let i = 0; i < N; i++) {
      const x = r.normal();
      if (Math.abs(x) < 1) inside++;
      if (x > 2) tail++;
    }
    expect(Math.abs(inside / N - 0.682689)).toBeLessThan(5 * Math.sqrt(0.683 * 0.317 / N));
    expect(Math.abs(tail / N - 0.0227501)).toBeLessThan(5 * Math.sqrt(0.0228 * 0.977 / N));
  });

  for (const dof of [0.3, 1, 1.5, 2, 3, 10, 997]) {
    it(`chiSquare(${dof}): mean = dof, variance = 2 dof`, () => {
      const r = new Rng(11 + dof);
      const N = 100000;
      const m = moments(() => r.chiSquare(dof), N);
      // Var of the sample variance of χ²_ν: μ4 − σ⁴ with μ4 = 12ν(ν + 4), σ² = 2ν
      const sdVar = Math.sqrt((12 * dof * (dof + 4) - 4 * dof * dof) / N);
      expect(Math.abs(m.mean - dof)).toBeLessThan(5 * Math.sqrt((2 * dof) / N));
      expect(Math.abs(m.variance - 2 * dof)).toBeLessThan(5 * sdVar);
    });
  }

  it('chiSquare(1e9): mean and variance to relative accuracy (X/dof − 1 has sd sqrt(2/dof))', () => {
    const dof = 1e9;
    const r = new Rng(12);
    const N = 50000;
    const m = moments(() => r.chiSquare(dof) / dof - 1, N);
    const sd = Math.sqrt(2 / dof);
    expect(Math.abs(m.mean)).toBeLessThan(5 * sd / Math.sqrt(N));
    expect(Math.abs(m.variance / (sd * sd) - 1)).toBeLessThan(5 * Math.sqrt(2 / N));
  });

  it('chiSquare(0) = 0 and chiSquare of a negative dof is 0', () => {
    const r = new Rng(1);
    expect(r.chiSquare(0)).toBe(0);
    expect(r.chiSquare(-3)).toBe(0);
  });

  it('chiSquare(1) is the square of a standard normal: P(X < 1) = 0.6827', () => {
    const r = new Rng(13);
    const N = 100000;
    let below = 0;
    for (let i = 0; i < N; i++) if (r.chiSquare(1) < 1) below++;
    expect(Math.abs(below / N - 0.682689)).toBeLessThan(5 * Math.sqrt(0.683 * 0.317 / N));
  });
});
