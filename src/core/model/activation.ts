// Activations as Hermite coefficient lists: pure h_p, user lists "3:1,4:0.5", or named
// functions expanded numerically.
import { hermiteCoefficients } from '../math/hermite.ts';

/** Highest Hermite degree kept for named activations and accepted in user lists. */
export const MAX_DEGREE = 16;

function erf(x: number): number {
  // Abramowitz–Stegun 7.1.26 is too coarse for expansion; use a series / continued fraction.
  const ax = Math.abs(x);
  let r: number;
  if (ax < 3) {
    let term = ax;
    let sum = ax;
    const x2 = ax * ax;
    for (let n = 1; n < 200; n++) {
      term *= -x2 / n;
      const add = term / (2 * n + 1);
      sum += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
    }
    r = (2 / Math.sqrt(Math.PI)) * sum;
  } else {
    // erfc continued fraction (Lentz)
    const tiny = 1e-300;
    let f = ax;
    let C = ax;
    let D = 0;
    for (let n = 1; n < 200; n++) {
      const an = n / 2;
      D = ax + an * D;
      D = D === 0 ? tiny : 1 / D;
      C = ax + an / C;
      if (C === 0) C = tiny;
      const delta = C * D;
      f *= delta;
      if (Math.abs(delta - 1) < 1e-16) break;
    }
    r = 1 - Math.exp(-ax * ax) / (f * Math.sqrt(Math.PI));
  }
  return x < 0 ? -r : r;
}

export const NAMED_ACTIVATIONS: Record<string, (x: number) => number> = {
  relu: (x) => (x > 0 ? x : 0),
  tanh: Math.tanh,
  sigmoid: (x) => 1 / (1 + Math.exp(-x)),
  erf,
  gelu: (x) => 0.5 * x * (1 + erf(x / Math.SQRT2)),
  softplus: (x) => (x > 30 ? x : Math.log1p(Math.exp(x))),
  abs: Math.abs,
};

/**
 * ReLU's Hermite coefficients in closed form: a_0 = φ(0), a_1 = 1/2, a_p = He_{p−2}(0) φ(0) / sqrt(p!)
 * for p ≥ 2 (integrate x·He_p(x)φ(x) over x > 0 by parts). Gauss–Hermite cannot resolve the kink
 * at 0: with 160 nodes it is off by ~1e-3, so relu and abs (= 2 relu(x) − x) use these.
 */
function reluCoefficients(): Float64Array {
  const a = new Float64Array(MAX_DEGREE + 1);
  const phi0 = 1 / Math.sqrt(2 * Math.PI);
  a[0] = phi0;
  a[1] = 0.5;
  // He_{2m}(0) = (−1)^m (2m−1)!!, odd ones vanish; track He_{p−2}(0)/sqrt(p!) directly
  let ratio = 1 / Math.sqrt(2); // p = 2: He_0(0)/sqrt(2!)
  for (let p = 2; p <= MAX_DEGREE; p += 2) {
    a[p] = ratio * phi0;
    ratio *= -(p - 1) / Math.sqrt((p + 1) * (p + 2));
  }
  return a;
}

const KINKED_EXPANSIONS: Record<string, () => Float64Array> = {
  relu: reluCoefficients,
  abs: () => {
    const a = reluCoefficients();
    for (let p = 0; p < a.length; p++) a[p] *= 2;
    a[1] = 0;
    return a;
  },
};

export interface Activation {
  /** a_p for p = 0..coeffs.length-1 */
  readonly coeffs: Float64Array;
  /** Canonical text form, e.g. "he3", "relu", "3:1,4:0.5". */
  readonly spec: string;
  /** a named function whose Hermite series is infinite: `coeffs` stops at MAX_DEGREE */
  readonly infinite?: boolean;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

const expansionCache = new Map<string, Float64Array>();

/** Relative size below which a numerically expanded coefficient is quadrature noise. */
const QUADRATURE_NOISE = 1e-12;

/** Zeroes what quadrature leaves where a symmetry says 0 (e.g. the even part of tanh). */
function withoutQuadratureNoise(a: Float64Array): Float64Array {
  let maxAbs = 0;
  for (let p = 0; p < a.length; p++) maxAbs = Math.max(maxAbs, Math.abs(a[p]));
  for (let p = 0; p < a.length; p++) if (Math.abs(a[p]) <= QUADRATURE_NOISE * maxAbs) a[p] = 0;
  return a;
}

/** Parses an activation: `he<p>`, a named function, or a list `p:a_p,...`. */
export function parseActivation(text: string): ParseResult<Activation> {
  const spec = text.trim().toLowerCase();
  if (spec.length === 0) return { ok: false, error: 'activation is empty' };
  if (spec.length > 400) return { ok: false, error: 'activation text is longer than 400 characters' };
  const he = /^he(\d{1,2})$/.exec(spec);
  if (he) {
    const p = Number(he[1]);
    if (p > MAX_DEGREE) return { ok: false, error: `Hermite degree ${p} exceeds the maximum ${MAX_DEGREE}` };
    const coeffs = new Float64Array(p + 1);
    coeffs[p] = 1;
    return { ok: true, value: { coeffs, spec: `he${p}` } };
  }
  const named = NAMED_ACTIVATIONS[spec];
  if (named) {
    let coeffs = expansionCache.get(spec);
    if (!coeffs) {
      coeffs = KINKED_EXPANSIONS[spec]?.() ?? withoutQuadratureNoise(hermiteCoefficients(named, MAX_DEGREE));
      expansionCache.set(spec, coeffs);
    }
    return { ok: true, value: { coeffs, spec, infinite: true } };
  }
  if (/^[0-9]/.test(spec) || spec.includes(':')) return parseCoefficientList(spec);
  return {
    ok: false,
    error: `unknown activation "${spec.slice(0, 40)}" (use he<p>, ${Object.keys(NAMED_ACTIVATIONS).join(', ')}, or a list like 3:1,4:0.5)`,
  };
}

function parseCoefficientList(spec: string): ParseResult<Activation> {
  const parts = spec.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  if (parts.length === 0) return { ok: false, error: 'coefficient list is empty' };
  if (parts.length > MAX_DEGREE + 1) return { ok: false, error: `coefficient list has more than ${MAX_DEGREE + 1} terms` };
  const entries = new Map<number, number>();
  for (const part of parts) {
    const m = /^(\d{1,3}):([-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?)$/.exec(part);
    const nonFinite = /^(\d{1,3}):[-+]?(nan|inf|infinity)$/.exec(part);
    if (nonFinite) return { ok: false, error: `coefficient of h_${Number(nonFinite[1])} is not a finite number (${nonFinite[2]})` };
    if (!m) return { ok: false, error: `coefficient term "${part.slice(0, 30)}" is not of the form p:value` };
    const p = Number(m[1]);
    const v = Number(m[2]);
    if (p > MAX_DEGREE) return { ok: false, error: `degree ${p} exceeds the maximum ${MAX_DEGREE}` };
    if (!Number.isFinite(v)) return { ok: false, error: `coefficient of h_${p} is not a finite number` };
    if (Math.abs(v) > 1e6) return { ok: false, error: `coefficient of h_${p} (${v}) exceeds 1e6 in magnitude` };
    if (entries.has(p)) return { ok: false, error: `degree ${p} is given twice` };
    entries.set(p, v);
  }
  const degree = Math.max(...entries.keys());
  const coeffs = new Float64Array(degree + 1);
  for (const [p, v] of entries) coeffs[p] = v;
  const canonical = [...entries.entries()]
    .sort((x, y) => x[0] - y[0])
    .map(([p, v]) => `${p}:${v}`)
    .join(',');
  return { ok: true, value: { coeffs, spec: canonical } };
}
