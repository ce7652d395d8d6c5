// bench [--n N --k K --p P]: throughput of the real integrator on a realistic run (equiangular
// β = 0.2, d = 1000, automatic end time), against the same adaptive Dormand–Prince 5(4) written
// as one abstraction-free loop over Float64Arrays (same tableau, error norm and step control),
// so the cost of the core's structure shows up as a ratio; and the bare RHS closure against the
// RHS written out by hand, for context.
import type { Geometry } from '../core/model/geometry.ts';
import type { Kernel } from '../core/model/kernel.ts';
import type { Model } from '../core/model/model.ts';
import { overlapRHS } from '../core/dynamics/overlapOde.ts';
import { createFlow, initialOverlaps } from '../core/dynamics/factory.ts';
import { RTOL } from '../core/dynamics/dormandPrince.ts';
import { runToEnd } from '../core/outcomes/run.ts';
import { parseFlags, positiveInteger } from './args.ts';
import { runCommand, UsageError } from './errors.ts';
import { sweepSpeedup } from './benchSweep.ts';
import { exploreFigures } from './exploreFigures.ts';
import { coupledFigures } from './coupledFigures.ts';
import { sgdFigures } from './sgdFigures.ts';
import { readableJson } from './json.ts';
import { modelOfQuery } from './query.ts';

const USAGE = `usage: npm run -s bench -- [--n N] [--k K] [--p P] [--explore] [--sweep]

Times the core on one run of k=K, n=N, p=P, equiangular β=0.2, d=1000 to the automatic end
time (defaults: N=10000, K=3, P=3), against a hand-written adaptive DP5(4) loop doing the same
arithmetic, and the bare overlap-ODE right-hand side against the same RHS written by hand.
Rates are per second of this process's CPU time (the machine may be shared), best of 3 turns.
Prints JSON: evaluations and accepted steps per second, and their ratios. With --explore
(what \`npm run bench\` passes) it adds the explore panel's timings: a 10⁴-start basin map
at d = 3 and a β sweep. With --sweep (also in \`npm run bench\`) it adds the speed-up curve of
\`sweep\`'s worker threads: a phase-diagram sweep with 1, 2, … every core (jobs per second,
speed-up against one thread, CPU seconds per wall second), the squared-loss flow's figures, and online SGD's samples
per second at n = 100, d = 100 and 1000 with its multiply-adds per second against a bare
multiply-add loop's (the arithmetic limit of scalar JavaScript here).

  --coupled   only the squared-loss (coupled) flow's figures: CPU time per right-hand side and
              per accepted step for n = 30, 100, 300 at k = 3 (at 300 also over the 50 steps
              after the first 10, with right-hand sides per step), whole runs for n ≤ 100, the n at
              which one step exceeds a frame's 50 ms, and whether the products ran as
              WebAssembly SIMD or JavaScript
`;

/** Each loop timing runs at least this long, so timer resolution and JIT warm-up do not matter. */
const MIN_SECONDS = 0.5;

/**
 * Best rate of each body over a few rounds, the bodies taking turns so that a busy spell on
 * the (shared) machine hits them alike. Each body performs `evalsPerCall` evaluations.
 */
function bestRates(evalsPerCall: number, bodies: (() => void)[]): number[] {
  const best = bodies.map(() => 0);
  for (let round = 0; round < 3; round++) {
    bodies.forEach((body, b) => {
      let calls = 0;
      const t0 = performance.now();
      let elapsed = 0;
      do {
        body();
        calls++;
        elapsed = (performance.now() - t0) / 1000;
      } while (elapsed < MIN_SECONDS / 3);
      best[b] = Math.max(best[b], (calls * evalsPerCall) / elapsed);
    });
  }
  return best;
}

/**
 * The equiangular RHS du/dt = (1−β) φ'(u) + β Σφ'(u) − u (u·φ'(u)) for every neuron, written
 * out with no closure or call per neuron: the speed the arithmetic alone allows.
 */
function handLoop(u: Float64Array, du: Float64Array, tmp: Float64Array, n: number, k: number, dc: Float64Array, beta: number): void {
  const top = dc.length - 1;
  const diag = 1 - beta;
  for (let i = 0; i < n; i++) {
    const o = i * k;
    let sum = 0;
    let radial = 0;
    for (let j = 0; j < k; j++) {
      const x = u[o + j];
      let v = dc[top];
      for (let p = top - 1; p >= 0; p--) v = v * x + dc[p];
      tmp[j] = v;
      sum += v;
      radial += x * v;
    }
    const shared = beta * sum;
    for (let j = 0; j < k; j++) du[o + j] = diag * tmp[j] + shared - u[o + j] * radial;
  }
}

function closureLoop(geometry: Geometry, kernel: Kernel, u: Float64Array, du: Float64Array, n: number, k: number): () => void {
  const rhs = overlapRHS(geometry, kernel);
  return () => {
    for (let i = 0; i < n; i++) rhs(u, i * k, du, i * k);
  };
}

/** CPU seconds of this process spent in body (wall time counts the neighbours' work too). */
function cpuSeconds(body: () => void): { cpu: number; wall: number } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  body();
  const c = process.cpuUsage(c0);
  return { cpu: (c.user + c.system) / 1e6, wall: (performance.now() - t0) / 1000 };
}

interface StepCounts {
  rhsEvals: number;
  accepted: number;
  rejected: number;
}

// Dormand–Prince 5(4), written out again for the hand loop (the core's copy is private to it)
const A21 = 1 / 5;
const A31 = 3 / 40, A32 = 9 / 40;
const A41 = 44 / 45, A42 = -56 / 15, A43 = 32 / 9;
const A51 = 19372 / 6561, A52 = -25360 / 2187, A53 = 64448 / 6561, A54 = -212 / 729;
const A61 = 9017 / 3168, A62 = -355 / 33, A63 = 46732 / 5247, A64 = 49 / 176, A65 = -5103 / 18656;
const A71 = 35 / 384, A73 = 500 / 1113, A74 = 125 / 192, A75 = -2187 / 6784, A76 = 11 / 84;
const E1 = 71 / 57600, E3 = -71 / 16695, E4 = 71 / 1920, E5 = -17253 / 339200, E6 = 22 / 525, E7 = -1 / 40;

/** Neurons the hand loop steps together, as many as the core does (cache-sized buffers). */
const HAND_BLOCK = 1024;

/**
 * The core's adaptive DP5(4) on the equiangular flow, written as plain loops: each stage over
 * all neurons of a block at once, the RHS inlined, Hairer's starting step, the same error norm
 * and step control (factor 0.9·err^(−1/5) in [0.2, 10], at most doubling the elapsed time).
 * Left out, as the speed of the arithmetic alone: dense output, escape times, non-finite
 * handling and the Hessian settle test (a neuron simply stops once its speed is below 1e-7).
 */
function handDP5(u0: Float64Array, n: number, k: number, dc: Float64Array, beta: number, atol: number, T: number): StepCounts {
  const rtol = RTOL;
  const top = dc.length - 1;
  const diag = 1 - beta;
  const len = Math.min(n, HAND_BLOCK) * k;
  const Y = new Float64Array(len), F = new Float64Array(len), S = new Float64Array(len), H = new Float64Array(len);
  const K2 = new Float64Array(len), K3 = new Float64Array(len), K4 = new Float64Array(len), K5 = new Float64Array(len);
  const K6 = new Float64Array(len), K7 = new Float64Array(len), YN = new Float64Array(len), W = new Float64Array(len);
  const h = new Float64Array(HAND_BLOCK), t = new Float64Array(HAND_BLOCK);
  const counts: StepCounts = { rhsEvals: 0, accepted: 0, rejected: 0 };
  const rhs = (u: Float64Array, du: Float64Array, m: number): void => {
    const L = m * k;
    for (let q = 0; q < L; q++) {
      const x = u[q];
      let v = dc[top];
      for (let p = top - 1; p >= 0; p--) v = v * x + dc[p];
      W[q] = v;
    }
    for (let o = 0; o < L; o += k) {
      let sum = 0, radial = 0;
      for (let j = 0; j < k; j++) {
        sum += W[o + j];
        radial += u[o + j] * W[o + j];
      }
      const shared = beta * sum;
      for (let j = 0; j < k; j++) du[o + j] = diag * W[o + j] + shared - u[o + j] * radial;
    }
    counts.rhsEvals += m;
  };
  for (let first = 0; first < n; first += HAND_BLOCK) {
    let m = Math.min(HAND_BLOCK, n - first);
    Y.set(u0.subarray(first * k, (first + m) * k));
    t.fill(0);
    rhs(Y, F, m);
    for (let r = 0, o = 0; r < m; r++, o += k) {
      let d0 = 0, d1 = 0;
      for (let j = 0; j < k; j++) {
        const sc = atol + rtol * Math.abs(Y[o + j]);
        d0 += (Y[o + j] / sc) ** 2;
        d1 += (F[o + j] / sc) ** 2;
      }
      d0 = Math.sqrt(d0 / k);
      d1 = Math.sqrt(d1 / k);
      h[r] = d0 < 1e-5 || d1 < 1e-5 ? 1e-6 : (0.01 * d0) / d1;
      for (let j = 0; j < k; j++) S[o + j] = Y[o + j] + h[r] * F[o + j];
    }
    rhs(S, K2, m);
    for (let r = 0, o = 0; r < m; r++, o += k) {
      let d1 = 0, d2 = 0;
      for (let j = 0; j < k; j++) {
        const sc = atol + rtol * Math.abs(Y[o + j]);
        d1 += (F[o + j] / sc) ** 2;
        d2 += ((K2[o + j] - F[o + j]) / sc) ** 2;
      }
      d1 = Math.sqrt(d1 / k);
      d2 = Math.sqrt(d2 / k) / h[r];
      const dm = Math.max(d1, d2);
      const h1 = dm <= 1e-15 ? Math.max(1e-6, h[r] * 1e-3) : Math.pow(0.01 / dm, 0.2);
      h[r] = Math.min(100 * h[r], h1);
    }
    while (m > 0) {
      const L = m * k;
      for (let r = 0, o = 0; r < m; r++, o += k) for (let j = 0; j < k; j++) H[o + j] = h[r];
      for (let q = 0; q < L; q++) S[q] = Y[q] + H[q] * A21 * F[q];
      rhs(S, K2, m);
      for (let q = 0; q < L; q++) S[q] = Y[q] + H[q] * (A31 * F[q] + A32 * K2[q]);
      rhs(S, K3, m);
      for (let q = 0; q < L; q++) S[q] = Y[q] + H[q] * (A41 * F[q] + A42 * K2[q] + A43 * K3[q]);
      rhs(S, K4, m);
      for (let q = 0; q < L; q++) S[q] = Y[q] + H[q] * (A51 * F[q] + A52 * K2[q] + A53 * K3[q] + A54 * K4[q]);
      rhs(S, K5, m);
      for (let q = 0; q < L; q++) S[q] = Y[q] + H[q] * (A61 * F[q] + A62 * K2[q] + A63 * K3[q] + A64 * K4[q] + A65 * K5[q]);
      rhs(S, K6, m);
      for (let q = 0; q < L; q++) YN[q] = Y[q] + H[q] * (A71 * F[q] + A73 * K3[q] + A74 * K4[q] + A75 * K5[q] + A76 * K6[q]);
      rhs(YN, K7, m);
      for (let q = 0; q < L; q++) {
        const e = H[q] * (E1 * F[q] + E3 * K3[q] + E4 * K4[q] + E5 * K5[q] + E6 * K6[q] + E7 * K7[q]);
        const sc = atol + rtol * Math.max(Math.abs(Y[q]), Math.abs(YN[q]));
        S[q] = (e / sc) * (e / sc);
      }
      let kept = 0;
      for (let r = 0, o = 0; r < m; r++, o += k) {
        let err = 0;
        for (let j = 0; j < k; j++) err += S[o + j];
        err = Math.sqrt(err / k);
        const step = h[r];
        let tr = t[r];
        const accept = err <= 1;
        if (!accept) {
          // the clamp decides outside err ∈ [5e-6, 2000]: no Math.pow there (as in the core)
          h[r] = step * (err > 2000 ? 0.2 : Math.max(0.2, 0.9 * Math.pow(err, -0.2)));
          counts.rejected++;
        } else {
          counts.accepted++;
          tr += step;
          let fac = err < 5e-6 ? 10 : 0.9 * Math.pow(err, -0.2);
          fac = fac < 0.2 ? 0.2 : fac > 10 ? 10 : fac;
          h[r] = Math.min(step * fac, Math.max(tr, 1));
          let speed = 0;
          for (let j = 0; j < k; j++) speed = Math.max(speed, Math.abs(K7[o + j]));
          if (speed < 1e-7 || tr >= T) continue;
        }
        const ko = kept * k;
        const from = accept ? YN : Y, fFrom = accept ? K7 : F;
        for (let j = 0; j < k; j++) {
          Y[ko + j] = from[o + j];
          F[ko + j] = fFrom[o + j];
        }
        h[kept] = h[r];
        t[kept] = tr;
        kept++;
      }
      m = kept;
    }
  }
  return counts;
}

function integratorRun(model: Model, u0: Float64Array): StepCounts {
  const flow = createFlow(model, u0);
  flow.advanceTo(model.tEnd, new Float64Array(model.spec.n * model.spec.k));
  return { ...flow.stats };
}

interface Timed extends StepCounts {
  cpuSeconds: number;
  wallSeconds: number;
  rhsEvalsPerSecond: number;
  acceptedStepsPerSecond: number;
}

/** The fastest of 3 turns of each run, the runs taking turns so a busy spell hits them alike. */
function bestRuns(runs: (() => StepCounts)[]): Timed[] {
  const best: Timed[] = [];
  for (let turn = 0; turn < 3; turn++) {
    runs.forEach((run, b) => {
      let counts: StepCounts = { rhsEvals: 0, accepted: 0, rejected: 0 };
      const s = cpuSeconds(() => {
        counts = run();
      });
      if (best[b] === undefined || s.cpu < best[b].cpuSeconds) {
        best[b] = {
          ...counts,
          cpuSeconds: s.cpu,
          wallSeconds: s.wall,
          rhsEvalsPerSecond: counts.rhsEvals / s.cpu,
          acceptedStepsPerSecond: counts.accepted / s.cpu,
        };
      }
    });
  }
  return best;
}

async function main(argv: string[]): Promise<void> {
  const { positionals, values } = parseFlags(argv, {
    n: { type: 'string' },
    k: { type: 'string' },
    p: { type: 'string' },
    explore: { type: 'boolean' },
    sweep: { type: 'boolean' },
    coupled: { type: 'boolean' },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  if (values.coupled) {
    process.stdout.write(`${readableJson({ coupled: coupledFigures() })}\n`);
    return;
  }
  if (positionals.length > 0) throw new UsageError(`bench takes no query, only --n, --k, --p (got ${JSON.stringify(positionals[0])})`);
  const n = values.n === undefined ? 10000 : positiveInteger('n', values.n as string, Number.MAX_SAFE_INTEGER);
  const k = values.k === undefined ? 3 : positiveInteger('k', values.k as string, Number.MAX_SAFE_INTEGER);
  const p = values.p === undefined ? 3 : positiveInteger('p', values.p as string, Number.MAX_SAFE_INTEGER);
  // the codec checks the ranges, so bench accepts exactly what the app and flow accept
  const { model } = modelOfQuery(`k=${k}&n=${n}&p=${p}&beta=0.2&d=1000&geom=equi&seed=1`);
  const u0 = initialOverlaps(model);
  const atol = (RTOL * 1e-2) / Math.sqrt(model.spec.d);
  const { dc } = model.kernel;
  const beta = model.geometry.beta;

  // warm the JIT on a small run of the same model first
  const warm = { ...model, spec: { ...model.spec, n: Math.min(n, 500) } };
  runToEnd(warm);
  handDP5(u0, warm.spec.n, k, dc, beta, atol, model.tEnd);
  const [core, hand] = bestRuns([() => integratorRun(model, u0), () => handDP5(u0, n, k, dc, beta, atol, model.tEnd)]);

  const state = new Float64Array(n * k);
  createFlow(model, u0).advanceTo(model.tEnd, state);
  const tmp = new Float64Array(k);
  const du = new Float64Array(n * k);
  const [handRHS, closure] = bestRates(n, [
    () => handLoop(state, du, tmp, n, k, dc, beta),
    closureLoop(model.geometry, model.kernel, state, du, n, k),
  ]);
  const round = (x: number) => Number(x.toPrecision(4));
  const report = (r: Timed) => ({
    ...r,
    cpuSeconds: round(r.cpuSeconds),
    wallSeconds: round(r.wallSeconds),
    rhsEvalsPerSecond: round(r.rhsEvalsPerSecond),
    acceptedStepsPerSecond: round(r.acceptedStepsPerSecond),
    rhsEvalsPerStep: round(r.rhsEvals / r.accepted),
  });
  process.stdout.write(
    `${readableJson({
      config: { n, k, p, beta: 0.2, d: 1000, tEnd: model.tEnd },
      integrator: report(core),
      handLoop: report(hand),
      rhsClosureLoop: { rhsEvalsPerSecond: round(closure) },
      handRHSLoop: { rhsEvalsPerSecond: round(handRHS) },
      ratio: {
        integratorToHandSteps: round(core.acceptedStepsPerSecond / hand.acceptedStepsPerSecond),
        integratorToHand: round(core.rhsEvalsPerSecond / hand.rhsEvalsPerSecond),
        closureToHandRHS: round(closure / handRHS),
      },
      ...(values.explore ? { explore: exploreFigures(), coupled: coupledFigures(), sgd: sgdFigures() } : {}),
      ...(values.sweep ? { sweepThreads: await sweepSpeedup() } : {}),
    })}\n`,
  );
}

runCommand('bench', () => main(process.argv.slice(2)));
