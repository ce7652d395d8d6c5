// The worker session with loss=mse: frames carry E[(f − f*)²] (the correlation loss's do not),
// and frames sampled at any times reach the same state as the CLI's one call to the end.
import { describe, expect, it } from 'vitest';
import { buildModel } from '../core/model/model.ts';
import { runToEnd } from '../core/outcomes/run.ts';
import { FlowSession } from './flowSession.ts';
import type { FromWorker } from './protocol.ts';
import { testSpec } from './testSpec.ts';
import type { ModelSpec } from '../core/model/model.ts';

type Frame = Extract<FromWorker, { type: 'frame' }>;

function frames(changes: Partial<ModelSpec>, times: number[]): Frame[] {
  const session = new FlowSession();
  const spec = testSpec(changes);
  session.handle({ type: 'configure', runId: 1, spec });
  return times.map((t) => {
    const reply = session.handle({ type: 'advance', runId: 1, t });
    if (reply?.type !== 'frame') throw new Error(JSON.stringify(reply));
    return reply;
  });
}

describe('FlowSession with the squared loss', () => {
  const mse = { loss: 'mse', k: 3, n: 8, d: 200, beta: 0.35, T: 80, seed: 3 } as const;

  it('reports the generalization error in every frame, falling, and the CLI\'s counts at T', () => {
    const fs = frames(mse, [0, 0.7, 3, 11, 29.5, 80]);
    const e = fs.map((f) => f.generalizationError!);
    for (let i = 1; i < e.length; i++) expect(e[i]).toBeLessThanOrEqual(e[i - 1] + 1e-12);
    const run = runToEnd(buildModel(testSpec(mse)));
    expect(fs[fs.length - 1].counts).toEqual(run.counts);
    expect(fs[fs.length - 1].generalizationError).toBe(run.generalizationError);
    expect(fs[fs.length - 1].covered).toBe(run.counts.recovered.filter((c) => c > 0).length);
    expect(Array.from(fs[fs.length - 1].buffers.overlaps)).toEqual(Array.from(run.u));
  });

  it('leaves the field out for the correlation loss', () => {
    const [f] = frames({ ...mse, loss: 'corr' }, [5]);
    expect('generalizationError' in f).toBe(false);
    expect('covered' in f).toBe(false);
  });
});
