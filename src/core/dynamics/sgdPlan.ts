// How long an online-SGD run is and what it costs, known before it starts (docs/model.md §10):
// the step size η (default c·d^{−p* / 2}), samples = batch · round(t/η), the work n·d·samples,
// and the d^{p*−1} samples the theory says escaping takes.

/**
 * The default step is DEFAULT_ETA_SCALE · d^{−p* / 2}. The renormalization shrinks each neuron by
 * about η²|g|²/2 per step, |g|² ~ d, which competes with the search drift p*·u^{p*−1}; at this
 * constant drift wins by a clear margin, so the default run escapes (see the note of issue 12).
 */
const DEFAULT_ETA_SCALE = 0.05;

/**
 * Largest n·d·samples a run may take (about two multiply-adds each): set at the ~3.5·10⁸ per
 * second of CPU measured then (about 2.5 minutes). Whole steps in WebAssembly now take about
 * 1.2–1.5·10⁹ at d = 100 and 1000 (`npm run bench`), under a minute; the limit stays, so every
 * link that ran SGD (or was refused) still does.
 */
export const MAX_SGD_WORK = 5e10;

/** Most weights n·d held at once (8 bytes each: 160 MB), however short the run. */
export const MAX_SGD_WEIGHTS = 2e7;

/** Values that run live when the app switches to SGD. */
export const LIVE_SGD = { n: 50, d: 100 } as const;

export interface SamplingPlan {
  /** step size actually used */
  eta: number;
  /** true when eta came from the default rule */
  etaDefault: boolean;
  batch: number;
  /** samples drawn to reach the end time */
  samplesEnd: number;
  /** n · d · samplesEnd */
  work: number;
  /** the samples online SGD needs to escape, up to a constant: d^{p*−1} (d log d at p* = 2) */
  reference: number;
  /** how the reference reads, e.g. "d^2" */
  referenceText: string;
}

export function defaultEta(d: number, pStar: number): number {
  return DEFAULT_ETA_SCALE * Math.pow(d, -Math.max(pStar, 1) / 2);
}

/** Steps taken by a pause at t: round(t/η), whatever times were sampled on the way. */
export function stepsAt(t: number, eta: number): number {
  return Math.max(0, Math.round(t / eta));
}

export function sampleReference(d: number, pStar: number): { value: number; text: string } {
  if (pStar <= 1) return { value: d, text: 'd' };
  if (pStar === 2) return { value: d * Math.log(d), text: 'd log d' };
  return { value: Math.pow(d, pStar - 1), text: `d^${pStar - 1}` };
}

export function samplingPlan(opts: { n: number; d: number; pStar: number; eta: number; batch: number; tEnd: number }): SamplingPlan {
  const { n, d, pStar, batch, tEnd } = opts;
  const etaDefault = !(opts.eta > 0);
  const eta = etaDefault ? defaultEta(d, pStar) : opts.eta;
  const samplesEnd = batch * stepsAt(tEnd, eta);
  const ref = sampleReference(d, pStar);
  return { eta, etaDefault, batch, samplesEnd, work: n * d * samplesEnd, reference: ref.value, referenceText: ref.text };
}

/** A count as the refusals print it: 3 significant digits, exponent form outside [1e-3, 1e5). */
export const sci = (x: number) => (x !== 0 && (Math.abs(x) < 1e-3 || Math.abs(x) >= 1e5) ? x.toExponential(2) : String(Number(x.toPrecision(3))));

/** Why a plan is too large to run, or null when it fits. */
export function sgdRefusal(plan: SamplingPlan, n: number, d: number): string | null {
  if (n * d > MAX_SGD_WEIGHTS) {
    return `online SGD holds n·d = ${sci(n * d)} weights for n = ${n}, d = ${d}, more than the limit ${sci(MAX_SGD_WEIGHTS)} (${(MAX_SGD_WEIGHTS * 8) / 1e6} MB); lower n or d`;
  }
  if (plan.work <= MAX_SGD_WORK) return null;
  return `online SGD with n = ${n}, d = ${d} needs ${sci(plan.samplesEnd)} samples (η = ${sci(plan.eta)}): n·d·samples ≈ ${sci(plan.work)}, more than the limit ${sci(MAX_SGD_WORK)} (a few minutes); lower n, d or T, or raise eta`;
}
