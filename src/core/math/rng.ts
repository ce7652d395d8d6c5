// Seeded PRNG: xoshiro128** on 32-bit integer arithmetic, so the same seed yields the same
// stream in every JavaScript engine (app, worker, CLI). Normal and gamma/chi-square samplers
// are built on it, with our own logarithm (log.ts): the engines' Math.log do not round alike.
import { log } from './log.ts';

function splitmix32(state: number): [number, number] {
  const s = (state + 0x9e3779b9) | 0;
  let z = s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  z ^= z >>> 16;
  return [s, z >>> 0];
}

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spareNormal = NaN;

  /** `stream` lets independent sequences share one user seed (e.g. one per neuron). */
  constructor(seed: number, stream = 0) {
    let s = (seed >>> 0) ^ Math.imul(stream + 1, 0x632be5ab);
    let out: number;
    [s, out] = splitmix32(s); this.a = out;
    [s, out] = splitmix32(s); this.b = out;
    [s, out] = splitmix32(s); this.c = out;
    [s, out] = splitmix32(s); this.d = out;
    if ((this.a | this.b | this.c | this.d) === 0) this.a = 1;
  }

  /** Next 32-bit unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return result;
  }

  /** Uniform double in [0, 1) with 53 random bits. */
  uniform(): number {
    const hi = this.nextUint32() >>> 5;
    const lo = this.nextUint32() >>> 6;
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Standard normal (Marsaglia polar method). */
  normal(): number {
    if (!Number.isNaN(this.spareNormal)) {
      const v = this.spareNormal;
      this.spareNormal = NaN;
      return v;
    }
    for (;;) {
      const x = 2 * this.uniform() - 1;
      const y = 2 * this.uniform() - 1;
      const r = x * x + y * y;
      if (r > 0 && r < 1) {
        const f = Math.sqrt((-2 * log(r)) / r);
        this.spareNormal = y * f;
        return x * f;
      }
    }
  }

  /**
   * Copies the state into `words` (xoshiro128**'s a, b, c, d) and `spare` (the polar method's
   * spare normal, NaN when there is none), so another implementation of this very generator, such
   * as the SGD module's (core/dynamics/sgdNormals.ts), can continue the stream.
   */
  saveState(words: Int32Array, spare: Float64Array): void {
    words[0] = this.a;
    words[1] = this.b;
    words[2] = this.c;
    words[3] = this.d;
    spare[0] = this.spareNormal;
  }

  /** Gamma(shape, 1) by Marsaglia–Tsang; shape < 1 via the U^(1/shape) boost. */
  gamma(shape: number): number {
    if (!(shape > 0)) return 0;
    if (shape < 1) {
      const g = this.gamma(shape + 1);
      return g * Math.pow(this.uniformOpen(), 1 / shape);
    }
    const dd = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * dd);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = this.normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = this.uniformOpen();
      const x2 = x * x;
      if (u < 1 - 0.0331 * x2 * x2) return dd * v;
      if (log(u) < 0.5 * x2 + dd * (1 - v + log(v))) return dd * v;
    }
  }

  /** Chi-square with `dof` degrees of freedom (0 gives 0). */
  chiSquare(dof: number): number {
    return dof > 0 ? 2 * this.gamma(dof / 2) : 0;
  }

  private uniformOpen(): number {
    let u = this.uniform();
    while (u === 0) u = this.uniform();
    return u;
  }
}

function rotl(x: number, r: number): number {
  return (x << r) | (x >>> (32 - r));
}
