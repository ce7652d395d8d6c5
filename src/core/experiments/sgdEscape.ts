// Samples to escape against d for online SGD (docs/model.md §10; Ben Arous, Gheissari, Jagannath
// 2021): at the default η = c·d^{−p* / 2} the samples a neuron needs to leave the search phase
// grow like d^{p*−1}, while the flow's time grows like d^{p* / 2 − 1}; with η held at its value
// for the smallest d, noise wins as d grows and the fraction that escapes falls.
//
// Every neuron starts with its largest overlap at exactly +d^{−1/2} (the typical magnitude; the
// rest of its direction random), so the measurement is of SGD's noise, not of the spread of the
// start. A neuron has escaped once its largest |overlap| reaches 1/2 (hasEscaped, as the flow's).
import { ESCAPE_LEVEL, hasEscaped, logLogSlope, typicalEscapeTime } from '../analysis/escape.ts';
import { createDynamics, initialOverlaps } from '../dynamics/factory.ts';
import { withKind } from '../dynamics/kind.ts';
import { defaultEta } from '../dynamics/sgdPlan.ts';
import { buildModel, type ModelSpec } from '../model/model.ts';

export { ESCAPE_LEVEL };
/** Neurons are followed up to this many times the flow's escape time from the same start. */
export const HORIZON = 4;

export interface EscapeTrial {
  d: number;
  trial: number;
  eta: number;
  /** samples by which ⌈n/2⌉ neurons had escaped (NaN if they had not by the horizon) */
  halfSamples: number;
  /** fraction of neurons escaped by the horizon */
  escaped: number;
  /** samples drawn */
  samples: number;
}

/** Overlaps scaled so each neuron's largest one is +d^{−1/2} (odd φ: the sign flips with w). */
function typicalStart(u: Float64Array, n: number, k: number, d: number): Float64Array {
  const out = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    let top = 0;
    for (let j = 1; j < k; j++) if (Math.abs(u[i * k + j]) > Math.abs(u[i * k + top])) top = j;
    const scale = 1 / Math.sqrt(d) / u[i * k + top];
    for (let j = 0; j < k; j++) out[i * k + j] = u[i * k + j] * scale;
  }
  return out;
}

/** One SGD run at d, stepped until every neuron escaped or the horizon is reached. */
function escapeTrial(base: ModelSpec, d: number, trial: number, eta: number): EscapeTrial {
  const spec: ModelSpec = withKind({ ...base, d, seed: base.seed + trial, eta, T: 0 }, 'sgd');
  const model = buildModel(spec);
  const { n, k } = spec;
  const u0 = typicalStart(initialOverlaps(model), n, k, d);
  const sgd = createDynamics(model, u0);
  const tFlow = typicalEscapeTime(model.kernel, d);
  const maxSteps = Math.ceil((HORIZON * tFlow) / eta);
  // check escapes about a thousand times over the flow's escape time (0.1 % resolution)
  const stride = Math.max(1, Math.round(tFlow / eta / 1000));
  const u = new Float64Array(n * k);
  const escapedAt = new Float64Array(n).fill(NaN);
  let escaped = 0;
  // whole steps: the time of step m is m·η, and the dynamics takes exactly round(t/η) steps
  for (let steps = 0; steps < maxSteps && escaped < n; ) {
    steps += stride;
    sgd.advanceTo(steps * eta, u);
    for (let i = 0; i < n; i++) {
      if (!Number.isNaN(escapedAt[i]) || !hasEscaped(u, i * k, k)) continue;
      escapedAt[i] = sgd.samples ?? NaN;
      escaped++;
    }
  }
  const sorted = Array.from(escapedAt, (x) => (Number.isNaN(x) ? Infinity : x)).sort((a, b) => a - b);
  const half = sorted[Math.ceil(n / 2) - 1];
  return { d, trial, eta, halfSamples: Number.isFinite(half) ? half : NaN, escaped: escaped / n, samples: sgd.samples ?? NaN };
}

export interface EscapeSweepRow {
  d: number;
  eta: number;
  /** geometric mean over trials of the half-escape samples (trials where half escaped) */
  halfSamples: number;
  /** mean over trials of the fraction escaped by the horizon */
  escapedFraction: number;
  /** the flow's escape time from the same start, and the samples it means at this η */
  flowTime: number;
  flowSamples: number;
  reference: number;
}

export interface EscapeSweep {
  mode: 'default' | 'fixed';
  rows: EscapeSweepRow[];
  /** slope of log half-samples against log d: over the trials' means, and per trial */
  slope: number;
  slopes: number[];
  slopeMean: number;
  slopeSd: number;
}

function meanSd(xs: number[]): { mean: number; sd: number } {
  const ok = xs.filter(Number.isFinite);
  const mean = ok.reduce((a, b) => a + b, 0) / ok.length;
  const sd = ok.length > 1 ? Math.sqrt(ok.reduce((a, b) => a + (b - mean) ** 2, 0) / (ok.length - 1)) : NaN;
  return { mean, sd };
}

/**
 * The sweep over ds: `mode` 'default' uses each d's default η, 'fixed' the default η of the
 * first d throughout. onTrial reports progress.
 */
export function sgdEscapeSweep(
  base: ModelSpec,
  ds: number[],
  trials: number,
  mode: 'default' | 'fixed',
  onTrial?: (t: EscapeTrial) => void,
): EscapeSweep {
  const pStar = buildModel({ ...base, d: ds[0] }).kernel.pStar;
  const results: EscapeTrial[][] = ds.map((d) => {
    const eta = base.eta && base.eta > 0 ? base.eta : defaultEta(mode === 'fixed' ? ds[0] : d, pStar);
    return Array.from({ length: trials }, (_, trial) => {
      const r = escapeTrial(base, d, trial, eta);
      onTrial?.(r);
      return r;
    });
  });
  const rows = results.map((rs, i) => {
    const d = ds[i];
    const eta = rs[0].eta;
    const logs = rs.filter((r) => r.halfSamples > 0).map((r) => Math.log(r.halfSamples));
    const kernel = buildModel({ ...base, d }).kernel;
    const flowTime = typicalEscapeTime(kernel, d);
    return {
      d,
      eta,
      halfSamples: logs.length > 0 ? Math.exp(logs.reduce((a, b) => a + b, 0) / logs.length) : NaN,
      escapedFraction: rs.reduce((a, r) => a + r.escaped, 0) / rs.length,
      flowTime,
      flowSamples: flowTime / eta,
      reference: Math.pow(d, pStar - 1),
    };
  });
  const slopes = Array.from({ length: trials }, (_, t) => {
    const ys = results.map((rs) => rs[t].halfSamples);
    return ys.filter((y) => y > 0).length >= 2 ? logLogSlope(ds, ys) : NaN;
  });
  const { mean, sd } = meanSd(slopes);
  return { mode, rows, slope: logLogSlope(ds, rows.map((r) => r.halfSamples)), slopes, slopeMean: mean, slopeSd: sd };
}
