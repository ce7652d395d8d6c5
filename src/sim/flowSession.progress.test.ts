// The worker's side of the page's deadline: a long advance goes in pieces and says between
// them that it is still going, and cutting it so changes nothing in the state it reaches.
import { describe, expect, it } from 'vitest';
import { createDynamics } from '../core/dynamics/factory.ts';
import { buildModel } from '../core/model/model.ts';
import { FlowSession, HEARTBEAT_MS } from './flowSession.ts';
import type { FromWorker } from './protocol.ts';
import { testSpec } from './testSpec.ts';

/** A session whose clock moves `step` ms at every reading, and the messages it posts on the way. */
function timedSession(step: number) {
  const posted: FromWorker[] = [];
  let time = 0;
  const session = new FlowSession((m) => posted.push(m), () => (time += step));
  return { session, posted };
}

describe('FlowSession: progress on the way', () => {
  it('reports its configure time, and a long seek posts progress at most every HEARTBEAT_MS, t rising', () => {
    const { session, posted } = timedSession(30);
    const spec = testSpec({ k: 3, n: 30, d: 1000, beta: 0.2, seed: 2, T: 1e4 });
    const conf = session.handle({ type: 'configure', runId: 4, spec });
    expect(conf).toMatchObject({ type: 'configured', computeMs: expect.any(Number) });
    const frame = session.handle({ type: 'advance', runId: 4, t: 1e4 });
    if (frame?.type !== 'frame') throw new Error('no frame');
    const progress = posted.filter((m) => m.type === 'progress');
    expect(progress.length).toBeGreaterThanOrEqual(3);
    let last = 0;
    for (const p of progress) {
      if (p.type !== 'progress') continue;
      expect(p.runId).toBe(4);
      expect(p.t).toBeGreaterThan(last);
      expect(p.t).toBeLessThan(1e4);
      expect(p.pieceMs).toBeGreaterThan(0);
      last = p.t;
    }
    expect(frame.t).toBe(1e4);
    expect(frame.stats.pieceMs).toBeGreaterThan(0);
    // with every piece taking 30 ms, messages are HEARTBEAT_MS apart plus at most one piece
    expect(progress.length).toBeLessThan((frame.stats.computeMs / HEARTBEAT_MS) + 1);
  });

  it('a short frame posts nothing but its reply', () => {
    const { session, posted } = timedSession(0.01);
    session.handle({ type: 'configure', runId: 1, spec: testSpec({ k: 3, n: 10, d: 100 }) });
    session.handle({ type: 'advance', runId: 1, t: 0.5 });
    expect(posted).toEqual([]);
  });

  it('the state reached in pieces is exactly the one reached in one go, for every dynamics', () => {
    const cases = [
      { k: 3, n: 40, d: 1000, beta: 0.2, seed: 3 },
      { k: 2, n: 12, d: 200, beta: 0.3, loss: 'mse', a: 0 },
      { k: 2, n: 8, d: 60, dyn: 'sgd', seed: 4 },
    ] as const;
    for (const q of cases) {
      const spec = testSpec(q);
      const t = spec.dyn === 'sgd' ? 0.2 : 300;
      const { session } = timedSession(25);
      session.handle({ type: 'configure', runId: 1, spec });
      const frame = session.handle({ type: 'advance', runId: 1, t });
      if (frame?.type !== 'frame') throw new Error('no frame');
      expect(frame.t).toBe(t);
      const direct = createDynamics(buildModel(spec));
      const u = new Float64Array(spec.n * spec.k);
      direct.advanceTo(t, u);
      expect(Array.from(frame.buffers.overlaps), JSON.stringify(q)).toEqual(Array.from(u));
    }
  });
});
