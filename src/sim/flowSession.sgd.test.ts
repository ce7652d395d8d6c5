// The worker's session running online SGD: the same overlaps and counts as the CLI's run to the
// same time, samples and the flow's prediction with every frame.
import { describe, expect, it } from 'vitest';
import { buildModel } from '../core/model/model.ts';
import { runToEnd } from '../core/outcomes/run.ts';
import { FlowSession } from './flowSession.ts';
import { FRAME_WORK, TRACED_ROWS } from './protocol.ts';
import { testSpec } from './testSpec.ts';

// at n·d = 5000 and η = 5e-5 a frame goes at most SPAN further in t (0.3 for FRAME_WORK = 3e7)
const SPAN = (FRAME_WORK / 5000) * 5e-5;

const SGD = { dyn: 'sgd', d: 100, n: 50, k: 3, beta: 0.1 } as const;

describe('FlowSession with dyn=sgd', () => {
  it('frames sampled at any times end where the CLI’s run to T ends, with samples = round(T/η)', () => {
    const T = 3 * SPAN;
    const spec = testSpec({ ...SGD, T });
    const session = new FlowSession();
    const conf = session.handle({ type: 'configure', runId: 1, spec });
    if (conf?.type !== 'configured') throw new Error('not configured');
    const plan = conf.info.sampling!;
    expect(plan.eta).toBeCloseTo(0.05e-3, 15);
    expect(plan.reference).toBe(1e4);
    let last;
    let total = 0;
    for (const t of [0, 0.013, 1.33 * SPAN, 2.57 * SPAN, T]) {
      // a frame goes at most FRAME_WORK further: ask again until t is reached, as the page does
      let frames = 0;
      do {
        last = session.handle({ type: 'advance', runId: 1, t });
        if (last?.type !== 'frame') throw new Error('no frame');
        frames++;
      } while (last.t < t);
      total += frames;
      expect(last.t).toBe(t);
      expect(last.samples).toBe(Math.round(t / plan.eta));
      expect(last.prediction!.length).toBe(TRACED_ROWS * 3);
    }
    // 0.013 → 1.33·SPAN and on to 2.57·SPAN each took two frames
    expect(total).toBe(7);
    if (last?.type !== 'frame') throw new Error('no frame');
    const cli = runToEnd(buildModel(spec));
    expect(Array.from(last.buffers.overlaps)).toEqual(Array.from(cli.u));
    expect(last.counts).toEqual(cli.counts);
    expect(cli.flow.samples).toBe(Math.round(T / 5e-5));
  });

  it('a request’s frameWork sets how far a frame goes; frames of either size reach the same state', () => {
    const spec = testSpec({ ...SGD, T: 10 * SPAN });
    const frameTimes = (frameWork?: number) => {
      const session = new FlowSession();
      session.handle({ type: 'configure', runId: 1, spec });
      const times: number[] = [];
      let f;
      do {
        f = session.handle({ type: 'advance', runId: 1, t: 6 * SPAN, ...(frameWork !== undefined ? { frameWork } : {}) });
        if (f?.type !== 'frame') throw new Error('no frame');
        times.push(f.t);
      } while (f.t < 6 * SPAN);
      return { times, overlaps: Array.from(f.buffers.overlaps), counts: f.counts };
    };
    const small = frameTimes();
    const large = frameTimes(3 * FRAME_WORK);
    expect(small.times.length).toBe(6);
    expect(large.times).toEqual([3 * SPAN, 6 * SPAN].map((t) => expect.closeTo(t, 12)));
    expect(large.overlaps).toEqual(small.overlaps);
    expect(large.counts).toEqual(small.counts);
    // a frameWork that is no amount of work is the default's
    for (const bad of [0, -1, NaN, Infinity]) expect(frameTimes(bad).times.length).toBe(6);
  });

  it('the flow has no sampling fields', () => {
    const session = new FlowSession();
    const conf = session.handle({ type: 'configure', runId: 1, spec: testSpec({ d: 100, n: 5, k: 3 }) });
    if (conf?.type !== 'configured') throw new Error('not configured');
    expect(conf.info.sampling).toBeUndefined();
    const f = session.handle({ type: 'advance', runId: 1, t: 1 });
    if (f?.type !== 'frame') throw new Error('no frame');
    expect(f.samples).toBeUndefined();
    expect(f.prediction).toBeUndefined();
  });
});
