import { describe, expect, it } from 'vitest';
import { FlowSession } from './flowSession.ts';
import type { FromWorker, RunInfo } from './protocol.ts';
import { testSpec } from './testSpec.ts';
import type { ModelSpec } from '../core/model/model.ts';

type Frame = Extract<FromWorker, { type: 'frame' }>;

function configured(session: FlowSession, changes: Partial<ModelSpec>, runId = 1): RunInfo {
  const reply = session.handle({ type: 'configure', runId, spec: testSpec(changes) });
  if (reply?.type !== 'configured') throw new Error(`expected configured, got ${JSON.stringify(reply)}`);
  return reply.info;
}

function frame(session: FlowSession, runId: number, t: number, buffers?: Frame['buffers']): Frame {
  const reply = session.handle({ type: 'advance', runId, t, buffers });
  if (reply?.type !== 'frame') throw new Error(`expected frame, got ${JSON.stringify(reply)}`);
  return reply;
}

describe('FlowSession', () => {
  it('configure reports β_c = (p−2)/(k+p−2) = 1/4 for k = 3, p = 3, and a μ_span curve changing sign there', () => {
    const info = configured(new FlowSession(), { k: 3, p: 3, n: 20, d: 100, beta: 0.1 });
    expect(info.runId).toBe(1);
    expect(info.betaC).toHaveLength(1);
    expect(info.betaC[0]).toBeCloseTo(0.25, 9);
    expect(info.pStar).toBe(3);
    expect(info.projection).toBe('exact');
    expect(info.indexVectors.length).toBe(9);
    const { beta, mu } = info.muCurve;
    for (let i = 0; i < beta.length; i++) {
      if (beta[i] < 0.24) expect(mu[i]).toBeLessThan(0);
      if (beta[i] > 0.26) expect(mu[i]).toBeGreaterThan(0);
    }
    // β = 0.1 < β_c: the average point is a saddle; u* = sqrt((1 + 2β)/3)
    expect(info.average!.kind).toBe('saddle');
    expect(info.average!.overlap).toBeCloseTo(Math.sqrt(1.2 / 3), 12);
  });

  it('index vectors are unit and have Gram matrix (1−β)I + β11ᵀ in drawing coordinates', () => {
    const v = configured(new FlowSession(), { k: 3, beta: 0.3, n: 2 }).indexVectors;
    for (let a = 0; a < 3; a++) {
      for (let b = 0; b < 3; b++) {
        const dot = v[a * 3] * v[b * 3] + v[a * 3 + 1] * v[b * 3 + 1] + v[a * 3 + 2] * v[b * 3 + 2];
        expect(dot).toBeCloseTo(a === b ? 1 : 0.3, 6);
      }
    }
  });

  it('advance gives a frame of n·3 finite positions inside the unit ball and counts summing to n', () => {
    const session = new FlowSession();
    const n = 200;
    configured(session, { k: 3, p: 3, n, d: 500, beta: 0.1, seed: 3 });
    for (const t of [0, 1, 30, 1e4]) {
      const f = frame(session, 1, t);
      expect(f.buffers.positions.length).toBe(n * 3);
      const p = f.buffers.positions;
      for (let i = 0; i < n; i++) {
        const r = Math.hypot(p[i * 3], p[i * 3 + 1], p[i * 3 + 2]);
        expect(Number.isFinite(r)).toBe(true);
        expect(r).toBeLessThanOrEqual(1 + 1e-6);
      }
      const c = f.counts;
      expect(c.attracted.reduce((a, b) => a + b, 0) + c.atAverage + c.other).toBe(n);
      expect(Math.max(...f.buffers.codes)).toBeLessThanOrEqual(4);
    }
  });

  it('with orthogonal index vectors the drawing coordinates are the overlaps and the loss is −mean Σ u³', () => {
    const session = new FlowSession();
    const n = 50;
    configured(session, { k: 3, p: 3, n, d: 200, geom: 'orth', seed: 5 });
    const f = frame(session, 1, 20);
    const u = f.buffers.overlaps, p = f.buffers.positions;
    let loss = 0;
    for (let i = 0; i < n * 3; i++) {
      expect(p[i]).toBeCloseTo(u[i], 6);
      loss -= u[i] ** 3;
    }
    expect(f.loss).toBeCloseTo(loss / n, 10);
  });

  it('is deterministic: the same t twice, and a second session with the same seed, give the same overlaps', () => {
    const a = new FlowSession(), b = new FlowSession();
    const q = { k: 3, n: 40, d: 1000, beta: 0.2, seed: 9 };
    configured(a, q);
    configured(b, q, 7);
    const first = Float64Array.from(frame(a, 1, 50).buffers.overlaps);
    const again = frame(a, 1, 50).buffers.overlaps;
    expect(Array.from(again)).toEqual(Array.from(first));
    frame(b, 7, 10);
    expect(Array.from(frame(b, 7, 50).buffers.overlaps)).toEqual(Array.from(first));
  });

  it('never goes back in time and stops at the end time', () => {
    const s = new FlowSession();
    const info = configured(s, { k: 2, n: 5, d: 100, T: 40 });
    expect(info.tEnd).toBe(40);
    expect(frame(s, 1, 30).t).toBe(30);
    expect(frame(s, 1, 10).t).toBe(30);
    expect(frame(s, 1, 1e6).t).toBe(40);
  });

  it('ignores requests of a stale run and advances before any configure', () => {
    const s = new FlowSession();
    expect(s.handle({ type: 'advance', runId: 1, t: 1 })).toBeNull();
    configured(s, { n: 5 }, 2);
    expect(s.handle({ type: 'advance', runId: 1, t: 1 })).toBeNull();
    expect(frame(s, 2, 1).runId).toBe(2);
  });

  it('reuses buffers that fit the run and replaces ones that do not', () => {
    const s = new FlowSession();
    configured(s, { k: 3, n: 30, d: 100 });
    const first = frame(s, 1, 1);
    const second = frame(s, 1, 2, first.buffers);
    expect(second.buffers).toBe(first.buffers);
    expect(second.buffers.positions).toBe(first.buffers.positions);
    configured(s, { k: 3, n: 31, d: 100 }, 2);
    const third = frame(s, 2, 1, first.buffers);
    expect(third.buffers).not.toBe(first.buffers);
    expect(third.buffers.positions.length).toBe(93);
  });

  it('a spec that cannot be built gives an error reply, not a throw', () => {
    const s = new FlowSession();
    const spec = { ...testSpec({ k: 2, n: 5 }), geom: 'gram' as const, gram: [1, 2, 2, 1] };
    const reply = s.handle({ type: 'configure', runId: 3, spec });
    expect(reply?.type).toBe('error');
    if (reply?.type === 'error') {
      expect(reply.runId).toBe(3);
      expect(reply.message.length).toBeGreaterThan(5);
    }
    // and the failed run has no state to advance
    expect(s.handle({ type: 'advance', runId: 3, t: 1 })).toBeNull();
  });

  it('a replayed history samples the plots on the way without changing the frame at t', () => {
    for (const q of [{ k: 3, n: 20, d: 100, beta: 0.1 }, { k: 2, n: 8, d: 60, dyn: 'sgd', seed: 4 }] as const) {
      const direct = new FlowSession();
      configured(direct, q);
      // within one SGD frame's work (FRAME_WORK), so the jump is not cut short
      const times = [0.5, 1, 2];
      const each = times.map((t) => frame(direct, 1, t));
      const jumped = new FlowSession();
      configured(jumped, q);
      const reply = jumped.handle({ type: 'advance', runId: 1, t: 3, history: [0, ...times, 3, 9] });
      if (reply?.type !== 'frame') throw new Error('expected a frame');
      const tail = frame(direct, 1, 3);
      expect(reply.t).toBe(3);
      // and the same as a jump with no stops: the stops only sample, they never cut the way
      const straight = new FlowSession();
      configured(straight, q);
      expect(Array.from(frame(straight, 1, 3).buffers.overlaps)).toEqual(Array.from(tail.buffers.overlaps));
      expect(Array.from(reply.buffers.overlaps)).toEqual(Array.from(tail.buffers.overlaps));
      expect(reply.counts).toEqual(tail.counts);
      const h = reply.history!;
      // only the times below t, each with the loss and traced overlaps a frame there has
      expect(Array.from(h.times)).toEqual([0, ...times]);
      const k = tail.counts.recovered.length, stride = 6 * k;
      each.forEach((f, i) => {
        expect(h.losses[i + 1]).toBe(f.loss);
        expect(Array.from(h.traces.subarray((i + 1) * stride, (i + 1) * stride + Math.min(6, f.buffers.overlaps.length / k) * k))).toEqual(Array.from(f.buffers.overlaps.subarray(0, Math.min(6, f.buffers.overlaps.length / k) * k)));
        if (f.prediction) expect(Array.from(h.predictions.subarray((i + 1) * stride, (i + 1) * stride + f.prediction.length))).toEqual(Array.from(f.prediction));
      });
    }
  });
});

describe('FlowSession: choosing the projection (k > 3) is a view change', () => {
  type Projected = Extract<FromWorker, { type: 'projected' }>;
  const project = (session: FlowSession, projection: Parameters<FlowSession['handle']>[0] & { type: 'project' }): Projected => {
    const reply = session.handle(projection);
    if (reply?.type !== 'projected') throw new Error(`expected projected, got ${JSON.stringify(reply)}`);
    return reply;
  };

  it('redraws the same state at the same t in the chosen projection, and the run goes on as if nothing happened', () => {
    const q = { k: 16, beta: 0.1, n: 60, d: 200, seed: 2 };
    const session = new FlowSession(), control = new FlowSession();
    const info = configured(session, q);
    configured(control, q);
    expect(info.projection).toContain('spread evenly');
    const f = frame(session, 1, 50);
    const t = f.t, counts = structuredClone(f.counts), overlaps = Float64Array.from(f.buffers.overlaps), even = Float32Array.from(f.buffers.positions);
    frame(control, 1, 50);
    const p = project(session, { type: 'project', runId: 1, projection: { kind: 'vectors', indices: [0, 3, 6] }, buffers: f.buffers });
    expect(p.t).toBe(t);
    expect(Array.from(p.buffers!.overlaps)).toEqual(Array.from(overlaps));
    expect(Array.from(p.buffers!.positions)).not.toEqual(Array.from(even));
    expect(p.view.projection).toContain('v1, v4, v7');
    // v1 is the unit x axis, v4 in the x–y plane
    const tips = p.view.indexVectors;
    expect(tips[0]).toBeCloseTo(1, 6);
    expect(Math.abs(tips[1]) + Math.abs(tips[2])).toBeLessThan(1e-6);
    expect(Math.abs(tips[3 * 3 + 2])).toBeLessThan(1e-6);
    // the next frame continues the same run, in the new projection
    const next = frame(session, 1, 400, p.buffers);
    const ref = frame(control, 1, 400);
    expect(Array.from(next.buffers.overlaps)).toEqual(Array.from(ref.buffers.overlaps));
    expect(next.counts).toEqual(ref.counts);
    expect(Array.from(next.buffers.positions)).not.toEqual(Array.from(ref.buffers.positions));
    // back to the even spread: the same picture as a run that never changed it
    const back = project(session, { type: 'project', runId: 1, projection: { kind: 'even' }, buffers: next.buffers });
    expect(Array.from(back.buffers!.positions)).toEqual(Array.from(ref.buffers.positions));
    expect(counts.recovered.length).toBe(16);
  });

  it('before the first frame it only switches (no buffers); a configure with a choice starts in it', () => {
    const session = new FlowSession();
    configured(session, { k: 5, n: 10, d: 50 });
    const p = project(session, { type: 'project', runId: 1, projection: { kind: 'tour', phase: 0.5 } });
    expect(p.buffers).toBeUndefined();
    expect(p.view.projection).toContain('grand tour');
    const reply = session.handle({ type: 'configure', runId: 2, spec: testSpec({ k: 5, n: 10, d: 50 }), projection: { kind: 'vectors', indices: [4, 0, 2] } });
    if (reply?.type !== 'configured') throw new Error('expected configured');
    expect(reply.info.projection).toContain('v5, v1, v3');
    expect(reply.info.indexVectors[4 * 3]).toBeCloseTo(1, 6);
  });
});
