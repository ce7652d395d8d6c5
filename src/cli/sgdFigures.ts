// Online SGD's throughput for `npm run bench`: samples per second of CPU time at n = 100 neurons,
// d = 100 and 1000 (batch 1, p = 3, k = 3), and the same as n·d·samples per second, the unit in
// which the app's limit on an SGD run (MAX_SGD_WORK) is set; and that rate as multiply-adds per
// second against the plain multiply-add loop's (fmaPeak.ts): each neuron·dimension·sample costs
// 3 (the dot w·x, the update w ← keep·w + add·x, the new |w|²), so this says how far the step
// is from the arithmetic limit of scalar JavaScript here. Where WebAssembly SIMD runs the passes
// (sgdKernels.ts, `simd`), two lanes put the limit near twice that peak, so the fraction can
// pass 1; there whole steps, the Gaussian sampler included, run in the module, 50 per call, as a
// page's frame or the CLI takes them. `example`: the SGD example's step, whole and as one of two
// parts (each on a core of its own in the app).
import { buildModel } from '../core/model/model.ts';
import { createSgd } from '../core/dynamics/factory.ts';
import { MAX_SGD_WORK } from '../core/dynamics/sgdPlan.ts';
import { decode, modelSpecOf } from '../url/codec.ts';
import { scalarMaddPeak } from './fmaPeak.ts';
import { sgdKernels } from '../core/dynamics/sgdKernels.ts';

/** Each timing runs at least this much CPU time, best of 3 turns. */
const MIN_CPU_SECONDS = 0.7;

function cpuNow(): number {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1e6;
}

function samplesPerSecond(n: number, d: number): number {
  const spec = modelSpecOf(decode(`dyn=sgd&k=3&p=3&beta=0.2&n=${n}&d=${d}&T=1&seed=1`).params);
  return stepsPerCpuSecond(createSgd(buildModel(spec)));
}

function stepsPerCpuSecond(sgd: { takeSteps(count: number): void }): number {
  sgd.takeSteps(200);
  let best = 0;
  for (let turn = 0; turn < 3; turn++) {
    const c0 = cpuNow();
    let steps = 0;
    while (cpuNow() - c0 < MIN_CPU_SECONDS / 3) {
      sgd.takeSteps(50);
      steps += 50;
    }
    best = Math.max(best, steps / (cpuNow() - c0));
  }
  return best;
}

/**
 * The SGD example's step, of the whole run and of one of the two parts the app splits it into
 * on two cores (sim/partsLookahead.ts): each part steps half the neurons and draws every sample,
 * on a core of its own, so the ratio is how much sooner the parts reach a time.
 */
function partFigures() {
  const query = 'dyn=sgd&d=100&n=50&k=3&beta=0.1';
  const whole = createSgd(buildModel(modelSpecOf(decode(query).params)));
  const part = whole.part(0, 25);
  const us = (rate: number) => Number((1e6 / rate).toPrecision(3));
  const wholeStep = us(stepsPerCpuSecond(whole));
  const partStep = part ? us(stepsPerCpuSecond(part)) : null;
  return { query, parts: 2, wholeMicrosecondsPerStep: wholeStep, partMicrosecondsPerStep: partStep, partOverWhole: partStep === null ? null : Number((partStep / wholeStep).toPrecision(2)) };
}

export function sgdFigures() {
  const round = (x: number) => Number(x.toPrecision(3));
  const n = 100;
  const rows = [100, 1000].map((d) => {
    const rate = samplesPerSecond(n, d);
    return { n, d, samplesPerSecond: round(rate), ndSamplesPerSecond: round(rate * n * d) };
  });
  const peak = scalarMaddPeak();
  const maddsPerSecond = 3 * rows[1].ndSamplesPerSecond;
  return {
    batch: 1,
    simd: sgdKernels(1) !== null,
    rows,
    maxWork: MAX_SGD_WORK,
    secondsAtMaxWork: round(MAX_SGD_WORK / rows[1].ndSamplesPerSecond),
    arithmetic: {
      maddsPerNdSample: 3,
      maddsPerSecondAtD1000: round(maddsPerSecond),
      scalarMaddPeakPerSecond: round(peak),
      fractionOfPeak: round(maddsPerSecond / peak),
    },
    example: partFigures(),
  };
}
