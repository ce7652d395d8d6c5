// The squared-loss flow's cost (docs/model.md §9: O(n²(n + k)) per evaluation), timed in Node on
// the run of the comparison (k = 3, p = 3, β = 0.35, d = 1000, a = k/n): per right-hand side,
// per accepted step (the least work one frame of the app can do: over the first steps, and at
// n = 300 over the 50 after them too, the pace of a run under way), a whole run for the smaller
// n, and the n at which one step takes more than a frame's budget of 50 ms of worker time.
// Times are CPU times of this process.
import type { CoupledFlow } from '../core/dynamics/coupledFlow.ts';
import { buildModel, MAX_MSE_NEURONS, type ModelSpec } from '../core/model/model.ts';
import { createDynamics } from '../core/dynamics/factory.ts';
import { summarize } from '../core/outcomes/run.ts';
import { Interaction } from '../core/dynamics/coupledKernels.ts';

const FRAME_BUDGET_MS = 50;
/** Accepted steps timed after the start at the largest n (the steady pace of a playing run). */
const STEADY_STEPS = 50;

function specOf(n: number): ModelSpec {
  // built directly, past the codec's cap on n, so the bench can show why the cap is where it is
  return { k: 3, n, d: 1000, beta: 0.35, p: 3, sigma: '', target: '', drop012: false, geom: 'equi', gram: [], seed: 1, T: 0, tol: 0.05, loss: 'mse', a: 0 };
}

const round = (x: number) => Number(x.toPrecision(4));

function flowOf(n: number) {
  const model = buildModel(specOf(n));
  return { model, flow: createDynamics(model) as CoupledFlow };
}

function cpuMs(): number {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
}

/**
 * Best CPU time of one right-hand side over repeats lasting at least minMs of CPU time (CPU,
 * not wall, time: on a shared machine the neighbours' work would otherwise be counted).
 */
function msPerRhs(n: number, minMs = 300): number {
  const { flow } = flowOf(n);
  const F = new Float64Array(flow.y.length);
  let best = Infinity;
  const t0 = cpuMs();
  do {
    const s = cpuMs();
    let reps = 0;
    do {
      flow.rhs(flow.y, F);
      reps++;
    } while (cpuMs() - s < 5);
    best = Math.min(best, (cpuMs() - s) / reps);
  } while (cpuMs() - t0 < minMs);
  return best;
}

/**
 * CPU time per accepted step, each request followed by the generalization error as a frame of
 * the app asks for it: the mean over the first `steps` steps of the run (the escape included,
 * with the first step's size search and the rejections of the start), and, for `steady` more
 * steps after those, the mean over them with their right-hand sides per accepted step
 * (rejected steps counted in) — the pace a playing run keeps once it is under way.
 */
function msPerStep(n: number, steps: number, steady = 0) {
  const { model, flow } = flowOf(n);
  const u = new Float64Array(n * model.spec.k);
  let t = 0.5;
  const advanceUntil = (accepted: number) => {
    while (flow.stats.accepted < accepted && t < model.tEnd) {
      flow.advanceTo(t, u);
      flow.generalizationError();
      t *= 1.05;
    }
  };
  const t0 = cpuMs();
  advanceUntil(steps);
  const first = (cpuMs() - t0) / Math.max(1, flow.stats.accepted);
  if (steady === 0) return { first };
  const t1 = cpuMs(), from = { ...flow.stats };
  advanceUntil(from.accepted + steady);
  const accepted = Math.max(1, flow.stats.accepted - from.accepted);
  return {
    first,
    steady: {
      msPerAcceptedStep: round((cpuMs() - t1) / accepted),
      rhsPerAcceptedStep: round((flow.stats.rhsEvals - from.rhsEvals) / accepted),
      rejected: flow.stats.rejected - from.rejected,
      accepted,
    },
  };
}

function wholeRun(n: number) {
  const { model, flow } = flowOf(n);
  const u = new Float64Array(n * model.spec.k);
  const t0 = performance.now(), c0 = cpuMs();
  flow.advanceTo(model.tEnd, u);
  const seconds = (performance.now() - t0) / 1000, cpuSeconds = (cpuMs() - c0) / 1000;
  const run = summarize(model, flow, model.tEnd, u);
  return { seconds: round(seconds), cpuSeconds: round(cpuSeconds), tEnd: round(model.tEnd), ...flow.stats, recovered: run.counts.recovered, generalizationError: round(run.generalizationError ?? NaN) };
}

/** Smallest n (to within 5%) whose accepted step, ≈ 6 RHS evaluations, exceeds the frame budget. */
function frameLimit(): { n: number; msPerStep: number } {
  const stepMs = (n: number) => 6 * msPerRhs(n, 150) * 1.05;
  let lo = 30, hi = 600;
  while (hi - lo > Math.max(2, 0.05 * lo)) {
    const mid = Math.round((lo + hi) / 2);
    if (stepMs(mid) > FRAME_BUDGET_MS) hi = mid;
    else lo = mid;
  }
  return { n: hi, msPerStep: round(stepMs(hi)) };
}

/** Everything `npm run bench` reports about the squared-loss flow. */
export function coupledFigures() {
  msPerRhs(30, 200); // JIT warm-up
  const sizes = [30, 100, 300].map((n) => {
    const steps = n <= 100 ? msPerStep(n, 200) : msPerStep(n, 10, STEADY_STEPS);
    return {
      n,
      dim: flowOf(n).flow.dim,
      msPerRhs: round(msPerRhs(n)),
      msPerAcceptedStep: round(steps.first),
      ...(steps.steady ? { afterTheFirst10: steps.steady } : {}),
      ...(n <= 100 ? { wholeRun: wholeRun(n) } : {}),
    };
  });
  return {
    config: { k: 3, p: 3, beta: 0.35, d: 1000, a: 'k/n' },
    products: new Interaction(1, 1).simd ? 'WebAssembly SIMD' : 'JavaScript',
    sizes,
    frameBudgetMs: FRAME_BUDGET_MS,
    stepExceedsFrameBudgetAt: frameLimit(),
    refusedAbove: MAX_MSE_NEURONS,
  };
}
