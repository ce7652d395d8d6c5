// The seeded stream of Gaussian inputs x ~ N(0, I_d) that online SGD learns from. One stream
// per run (every neuron sees the same samples, as in a real network), apart from the streams
// that draw the initial overlaps, so the flow and SGD start from the same neurons.
import { Rng } from '../math/rng.ts';

/** Stream numbers far above the 2n streams the initial overlaps use (n ≤ 10⁵). */
const SAMPLE_STREAM = 0x3fffffff;
export const DIRECTION_STREAM_BASE = 0x40000000;

export class GaussianSamples {
  private readonly rng: Rng;
  constructor(seed: number) {
    this.rng = new Rng(seed, SAMPLE_STREAM);
  }

  /** The generator's state (Rng.saveState), e.g. for the SGD module's sampler to continue. */
  saveState(words: Int32Array, spare: Float64Array): void {
    this.rng.saveState(words, spare);
  }

  /** Fills out[from..from+d) with one sample; returns |x|². */
  next(out: Float64Array, from: number, d: number): number {
    const rng = this.rng;
    let sq = 0;
    for (let m = from, end = from + d; m < end; m++) {
      const v = rng.normal();
      out[m] = v;
      sq += v * v;
    }
    return sq;
  }
}
