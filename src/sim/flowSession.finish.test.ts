// Jump to end and early finish in the worker's session: one 'finish' request gives the exact
// state at T — the same overlaps and counts as the CLI's run to T — for the correlation flow,
// the squared loss and online SGD, from wherever the run was; and a frame says when every
// neuron has settled by the classification's own test.
import { describe, expect, it } from 'vitest';
import { buildModel, type ModelSpec } from '../core/model/model.ts';
import { classifyOptionsOf, runToEnd } from '../core/outcomes/run.ts';
import { FlowSession } from './flowSession.ts';
import { FRAME_WORK } from './protocol.ts';
import type { FromWorker } from './protocol.ts';
import { testSpec } from './testSpec.ts';
import { firstGridIndexAfter, gridTime } from './clock.ts';
import { createDynamics } from '../core/dynamics/factory.ts';
import { runAtRest } from '../core/outcomes/allSettled.ts';

type Frame = Extract<FromWorker, { type: 'frame' }>;

/** three frames' worth of t for the SGD example (n·d = 5000, η = 5e-5): 0.9 for FRAME_WORK = 3e7 */
const SGD_T = 3 * (FRAME_WORK / 5000) * 5e-5;

function session(changes: Partial<ModelSpec>) {
  const spec = testSpec(changes);
  const s = new FlowSession();
  const conf = s.handle({ type: 'configure', runId: 1, spec });
  if (conf?.type !== 'configured') throw new Error(JSON.stringify(conf));
  const frame = (msg: Parameters<FlowSession['handle']>[0]): Frame => {
    const reply = s.handle(msg);
    if (reply?.type !== 'frame') throw new Error(JSON.stringify(reply));
    return reply;
  };
  /** Jump to end as the page does it: a busy machine may need more than one slice, each asked again. */
  const finish = (history?: number[]): Frame & { sampled: number[] } => {
    const sampled: number[] = [];
    for (let slice = 0; slice < 1000; slice++) {
      const f = frame({ type: 'finish', runId: 1, ...(history ? { history } : {}) });
      if (f.history) sampled.push(...f.history.times);
      if (f.t >= conf.info.tEnd) return { ...f, sampled };
    }
    throw new Error('no end after 1000 slices');
  };
  return { spec, tEnd: conf.info.tEnd, advance: (t: number) => frame({ type: 'advance', runId: 1, t }), finish };
}

function expectCliEnd(spec: ModelSpec, end: Frame): void {
  const cli = runToEnd(buildModel(spec));
  expect(end.t).toBe(cli.t);
  expect(Array.from(end.buffers.overlaps)).toEqual(Array.from(cli.u));
  expect(end.counts).toEqual(cli.counts);
  expect(end.loss).toBe(cli.loss);
}

describe('FlowSession finish (Jump to end)', () => {
  it('correlation flow: from the start or mid-run, the frame at T equal to the CLI’s', () => {
    const flow = { k: 3, n: 40, d: 50, beta: 0.2, seed: 2 };
    const fromStart = session(flow);
    expectCliEnd(fromStart.spec, fromStart.finish());
    const midRun = session(flow);
    midRun.advance(0.5);
    midRun.advance(3);
    const end = midRun.finish([4, 10, 100, 1e9]);
    expectCliEnd(midRun.spec, end);
    // the plots' samples on the way, those below T
    expect(end.sampled).toEqual([4, 10, 100]);
    expect(end.settledAt).toBeUndefined();
  });

  it('squared loss: the same state and generalization error at T as the CLI', () => {
    const mse = { loss: 'mse', k: 3, n: 8, d: 200, beta: 0.35, T: 80, seed: 3 } as const;
    const s = session(mse);
    s.advance(3);
    const end = s.finish();
    expectCliEnd(s.spec, end);
    expect(end.generalizationError).toBe(runToEnd(buildModel(s.spec)).generalizationError);
  });

  it('online SGD: every step to T without the frame cap, the same weights as the CLI', () => {
    // the frame cap (FRAME_WORK) lets a frame go a third of SGD_T here: T takes three frames playing
    const s = session({ dyn: 'sgd', d: 100, n: 50, k: 3, beta: 0.1, T: SGD_T });
    expect(s.advance(SGD_T).t).toBeLessThan(SGD_T);
    const end = s.finish();
    expect(end.t).toBe(SGD_T);
    expect(end.samples).toBe(Math.round(SGD_T / 5e-5));
    expectCliEnd(s.spec, end);
  });
});

describe('FlowSession finish in slices', () => {
  // a clock that moves `step` ms each time it is read: a slice (FINISH_SLICE_MS) is a few pieces,
  // and the clock steps put the end of a slice at different places, right after a sample among them
  it.each([20, 21, 25, 30])('a long jump stops after its slice of time (clock step %i ms); asking again reaches the CLI’s state at T, the plots’ samples all there once', (step) => {
    let ms = 0;
    const spec = testSpec({ dyn: 'sgd', d: 100, n: 50, k: 3, beta: 0.1, T: SGD_T });
    const s = new FlowSession(() => {}, () => (ms += step));
    s.handle({ type: 'configure', runId: 1, spec });
    const history = [0.01, 0.02, 0.05, 0.1, 0.2, 0.5];
    const times: number[] = [];
    let last: Frame | undefined;
    let slices = 0;
    do {
      const reply = s.handle({ type: 'finish', runId: 1, history });
      if (reply?.type !== 'frame') throw new Error(JSON.stringify(reply));
      last = reply;
      times.push(...reply.history!.times);
      slices++;
    } while (last.t < SGD_T && slices < 1000);
    expect(slices).toBeGreaterThan(1);
    expect(times).toEqual(history);
    expectCliEnd(spec, last);
  });
});

describe('FlowSession settled frames (early finish)', () => {
  it('says from when every neuron is at rest: the first grid time the test holds, whatever the frames asked for', () => {
    // the page's default run (n = 300, d = 1000, β = 0.2): at rest near t ≈ 1100 of T ≈ 2900
    const slow = session({});
    expect(slow.advance(0.01).settledAt).toBeUndefined();
    let settledAt = NaN;
    let counts;
    for (let t = 0.1; t < slow.tEnd; t *= 1.5) {
      const f = slow.advance(t);
      if (f.settledAt !== undefined) {
        settledAt = f.settledAt;
        counts = f.counts;
        expect(settledAt).toBeLessThanOrEqual(f.t);
        break;
      }
    }
    // this run comes to rest well before its end: the early finish has something to skip
    expect(settledAt).toBeLessThan(slow.tEnd / 2);
    // a grid time, at which the run's own test holds, and at the grid time before it does not
    const i = firstGridIndexAfter(settledAt) - 1;
    expect(settledAt).toBe(gridTime(i));
    const model = buildModel(slow.spec);
    const flow = createDynamics(model);
    const atRest = runAtRest(model.geometry, model.kernel, classifyOptionsOf(model));
    const u = new Float64Array(slow.spec.n * slow.spec.k);
    flow.advanceTo(gridTime(i - 1), u);
    expect(atRest(u, slow.spec.n, gridTime(i - 1), model.tEnd, flow.failed)).toBe(false);
    flow.advanceTo(settledAt, u);
    expect(atRest(u, slow.spec.n, settledAt, model.tEnd, flow.failed)).toBe(true);
    // other frames (finer, coarser, one jump), the same time
    const fine = session({});
    let fineAt: number | undefined;
    for (let t = 0.01; fineAt === undefined && t < fine.tEnd; t *= 1.13) fineAt = fine.advance(t).settledAt;
    expect(fineAt).toBe(settledAt);
    const jump = session({});
    jump.advance(37);
    expect(jump.finish().settledAt).toBe(settledAt);
    // the counts then are already those at T, and the frame at T still says when the run settled
    const end = slow.finish();
    expect(end.counts).toEqual(counts);
    expect(end.settledAt).toBe(settledAt);
    expectCliEnd(slow.spec, end);
  });

  it('never says so for a run with a neuron that never settles (one stays on its plateau to T)', () => {
    const plateau = session({ k: 3, n: 40, d: 50, beta: 0.2, seed: 2 });
    for (let t = 0.1; t < plateau.tEnd; t *= 1.5) expect(plateau.advance(t).settledAt).toBeUndefined();
    expect(plateau.finish().settledAt).toBeUndefined();
  });
});
