// The natural logarithm in plain double arithmetic, by the classic algorithm of Sun's fdlibm
// (x = 2^k (1 + f) with 1 + f in [√2/2, √2), then log(1 + f) = 2s + s·R(s²) with s = f/(2 + f)
// and R a minimax polynomial), written out here so it rounds alike in every engine. The seeded
// samplers need that: Math.log is the engine's own, and engines need not round it alike (a check
// of the bundled SGD sampler in this machine's Chromium found about 7.5 % of arguments in (0, 1)
// given the neighbouring double of Node's), while a link must start the same neurons everywhere.
// Node's Math.log is this very algorithm (the tests compare them bit for bit), so the CLI's runs
// and printed outputs stay what they were.

const word = new Float64Array(1);
const halves = new Int32Array(word.buffer);
// the sign-and-exponent half of the double; the other one holds the low 32 bits of the fraction
const HI = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1 ? 1 : 0;
const LO = 1 - HI;

export const LN2_HI = 6.93147180369123816490e-1; // the top bits of ln 2: k·LN2_HI is exact
export const LN2_LO = 1.90821492927058770002e-10; // ln 2 − LN2_HI
const TWO54 = 1.8014398509481984e16;
// R(z) = z (LG1 + z (LG2 + … + z LG7)), split into even and odd terms below (the SGD module's
// logarithm, dynamics/sgdLog.ts, uses the same constants)
export const LG1 = 6.666666666666735130e-1;
export const LG2 = 3.999999999940941908e-1;
export const LG3 = 2.857142874366239149e-1;
export const LG4 = 2.222219843214978396e-1;
export const LG5 = 1.818357216161805012e-1;
export const LG6 = 1.531383769920937332e-1;
export const LG7 = 1.479819860511658591e-1;

/** ln x, the same double in every JavaScript engine. */
export function log(x: number): number {
  word[0] = x;
  let hx = halves[HI];
  const lx = halves[LO];
  let k = 0;
  if (hx < 0x00100000) {
    // zero, negative or subnormal
    if (((hx & 0x7fffffff) | lx) === 0) return -Infinity;
    if (hx < 0) return NaN;
    k -= 54;
    word[0] = x * TWO54;
    hx = halves[HI];
  }
  if (hx >= 0x7ff00000) return x + x;
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  // the fraction in [√2/2, √2): when its top bits pass 0x6a09e (√2's), halve it and count one more 2
  const i = (hx + 0x95f64) & 0x100000;
  halves[HI] = hx | (i ^ 0x3ff00000);
  k += i >> 20;
  const f = word[0] - 1;
  const dk = k;
  if ((0x000fffff & (2 + hx)) < 3) {
    // |f| < 2^−20: two terms of the series suffice
    if (f === 0) return k === 0 ? 0 : dk * LN2_HI + dk * LN2_LO;
    const r = f * f * (0.5 - 0.33333333333333333 * f);
    return k === 0 ? f - r : dk * LN2_HI - (r - dk * LN2_LO - f);
  }
  const s = f / (2 + f);
  const z = s * s;
  const w = z * z;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  const r = t2 + t1;
  // away from 1 ± 0.2: log(1 + f) = f − (f²/2 − s (f²/2 + R)) keeps the rounding small
  if (((hx - 0x6147a) | (0x6b851 - hx)) > 0) {
    const hfsq = 0.5 * f * f;
    return k === 0 ? f - (hfsq - s * (hfsq + r)) : dk * LN2_HI - (hfsq - (s * (hfsq + r) + dk * LN2_LO) - f);
  }
  return k === 0 ? f - s * (f - r) : dk * LN2_HI - (s * (f - r) - dk * LN2_LO - f);
}
