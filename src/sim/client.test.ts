import { describe, expect, it } from 'vitest';
import { emptyCounts } from '../core/outcomes/classify.ts';
import type { ModelSpec } from '../core/model/model.ts';
import { SimClient, type FrameMessage, type WorkerLike } from './client.ts';
import { testSpec } from './testSpec.ts';
import { ManualTimers } from './manualTimers.ts';
import { FLOOR_MS, SLACK } from './supervisor.ts';
import { allocateFrameBuffers, type FromWorker, type RunInfo, type ToWorker } from './protocol.ts';

class FakeWorker implements WorkerLike {
  sent: { msg: ToWorker; transfer?: Transferable[] }[] = [];
  terminated = false;
  onmessage: ((ev: MessageEvent<FromWorker>) => void) | null = null;
  onerror: ((ev: ErrorEvent) => void) | null = null;
  onmessageerror: ((ev: MessageEvent) => void) | null = null;
  postMessage(msg: ToWorker, transfer?: Transferable[]) {
    this.sent.push({ msg, transfer });
  }
  terminate() {
    this.terminated = true;
  }
  reply(msg: FromWorker) {
    this.onmessage?.({ data: msg } as MessageEvent<FromWorker>);
  }
  last(): ToWorker {
    return this.sent[this.sent.length - 1].msg;
  }
}

const spec: ModelSpec = testSpec({ k: 2, n: 4 });

function infoFor(runId: number): RunInfo {
  return { runId, spec } as RunInfo;
}

function frameFor(runId: number, t: number, n = 4, k = 2): FrameMessage {
  const buffers = allocateFrameBuffers(n, k);
  return {
    type: 'frame', runId, t, loss: -0.5, failed: 0, buffers,
    counts: { ...emptyCounts(k), other: n, otherKinds: { ...emptyCounts(k).otherKinds, unsettled: n } },
    stats: { rhsEvals: 1, accepted: 1, rejected: 0, computeMs: 1 },
  };
}

function setup() {
  const timers = new ManualTimers();
  const workers: FakeWorker[] = [];
  const events = { configured: [] as number[], frames: [] as number[], faults: [] as string[] };
  const client = new SimClient(
    () => {
      const w = new FakeWorker();
      workers.push(w);
      return w;
    },
    {
      onConfigured: (info) => events.configured.push(info.runId),
      onFrame: (f) => events.frames.push(f.t),
      onFault: (m) => events.faults.push(m),
    },
    timers,
  );
  return { client, workers, events, timers, worker: () => workers[workers.length - 1] };
}

describe('SimClient', () => {
  it('keeps exactly one frame in flight', () => {
    const { client, worker, events } = setup();
    const run = client.configure(spec);
    expect(worker().last()).toEqual({ type: 'configure', runId: run, spec });
    expect(client.request(1)).toBe(false); // not configured yet
    worker().reply({ type: 'configured', info: infoFor(run) });
    expect(events.configured).toEqual([run]);
    expect(client.request(1)).toBe(true);
    expect(client.request(2)).toBe(false);
    expect(worker().sent.filter((s) => s.msg.type === 'advance')).toHaveLength(1);
    worker().reply(frameFor(run, 1));
    expect(events.frames).toEqual([1]);
    expect(client.request(2)).toBe(true);
    expect(worker().last()).toMatchObject({ type: 'advance', runId: run, t: 2 });
  });

  it('hands recycled buffers back to the worker as transferables', () => {
    const { client, worker } = setup();
    const run = client.configure(spec);
    worker().reply({ type: 'configured', info: infoFor(run) });
    client.request(1);
    const f = frameFor(run, 1);
    worker().reply(f);
    client.recycle(f.buffers);
    client.request(2);
    const sent = worker().sent[worker().sent.length - 1];
    expect(sent.msg.type === 'advance' && sent.msg.buffers).toBe(f.buffers);
    expect(sent.transfer).toEqual([f.buffers.overlaps.buffer, f.buffers.positions.buffer, f.buffers.codes.buffer]);
  });

  it('drops frames, configured replies and errors of a superseded run', () => {
    const { client, worker, events } = setup();
    const old = client.configure(spec);
    worker().reply({ type: 'configured', info: infoFor(old) });
    client.request(5);
    const run = client.configure({ ...spec, n: 4 });
    expect(run).toBe(old + 1);
    worker().reply(frameFor(old, 5));
    worker().reply({ type: 'configured', info: infoFor(old) });
    worker().reply({ type: 'error', runId: old, message: 'late' });
    expect(events.frames).toEqual([]);
    expect(events.configured).toEqual([old]);
    expect(events.faults).toEqual([]);
    worker().reply({ type: 'configured', info: infoFor(run) });
    expect(client.request(1)).toBe(true);
    worker().reply(frameFor(run, 1));
    expect(events.frames).toEqual([1]);
  });

  it('builds only the latest of the runs asked for while one is being built (a β drag)', () => {
    const { client, worker, events } = setup();
    const first = client.configure(spec);
    // a drag: many new β while the first run is still being built; none is sent meanwhile
    let latest = first;
    for (let i = 1; i <= 20; i++) latest = client.configure({ ...spec, beta: i / 100 });
    const configures = () => worker().sent.filter((s) => s.msg.type === 'configure').map((s) => s.msg);
    expect(configures()).toHaveLength(1);
    expect(client.request(1)).toBe(false);
    // the first run's answer is stale: the latest one goes out, with its own run id
    worker().reply({ type: 'configured', info: infoFor(first) });
    expect(events.configured).toEqual([]);
    expect(configures()).toHaveLength(2);
    expect(configures()[1]).toMatchObject({ type: 'configure', runId: latest, spec: { beta: 0.2 } });
    // nothing else is held: its answer starts the run
    worker().reply({ type: 'configured', info: infoFor(latest) });
    expect(events.configured).toEqual([latest]);
    expect(configures()).toHaveLength(2);
    expect(client.request(1)).toBe(true);
    worker().reply(frameFor(latest, 1));
    expect(events.frames).toEqual([1]);
  });

  it('a held run goes out too when the run before it failed to build', () => {
    const { client, worker, events } = setup();
    const first = client.configure(spec);
    const latest = client.configure({ ...spec, beta: 0.5 });
    worker().reply({ type: 'error', runId: first, message: 'bad spec' });
    expect(events.faults).toEqual([]);
    expect(worker().last()).toMatchObject({ type: 'configure', runId: latest, spec: { beta: 0.5 } });
  });

  it('a fault forgets the held run: the restarted worker builds the current spec once', () => {
    const { client, workers, worker } = setup();
    client.configure(spec);
    client.configure({ ...spec, beta: 0.5 });
    workers[0].onerror?.({ message: 'boom', preventDefault() {} } as ErrorEvent);
    expect(worker()).not.toBe(workers[0]);
    expect(worker().sent.map((s) => s.msg)).toEqual([expect.objectContaining({ type: 'configure', spec: { ...spec, beta: 0.5 } })]);
    worker().reply({ type: 'configured', info: infoFor(client.currentRunId) });
    expect(worker().sent).toHaveLength(1);
  });

  it('a non-finite frame is not shown: it faults and restarts a fresh worker with the current spec', () => {
    const { client, workers, worker, events } = setup();
    const run = client.configure(spec);
    worker().reply({ type: 'configured', info: infoFor(run) });
    client.request(3);
    const bad = frameFor(run, 3);
    bad.buffers.positions[5] = NaN;
    worker().reply(bad);
    expect(events.frames).toEqual([]);
    expect(events.faults).toHaveLength(1);
    expect(events.faults[0]).toContain('non-finite');
    expect(workers).toHaveLength(2);
    expect(workers[0].terminated).toBe(true);
    const restart = worker().last();
    expect(restart).toMatchObject({ type: 'configure', spec });
    expect(restart.runId).toBeGreaterThan(run);
    expect(client.busy).toBe(true);
  });

  it('a non-finite loss or time also faults', () => {
    const { client, worker, events } = setup();
    const run = client.configure(spec);
    worker().reply({ type: 'configured', info: infoFor(run) });
    client.request(3);
    worker().reply({ ...frameFor(run, 3), loss: Infinity });
    expect(events.faults).toHaveLength(1);
  });

  it('restarts when the worker dies (onerror) or reports an error for the current run', () => {
    const { client, workers, worker, events } = setup();
    client.configure(spec);
    let prevented = false;
    worker().onerror!({ message: 'out of memory', preventDefault: () => (prevented = true) } as unknown as ErrorEvent);
    expect(prevented).toBe(true);
    expect(events.faults[0]).toContain('out of memory');
    expect(workers).toHaveLength(2);
    const run = worker().last().runId;
    worker().reply({ type: 'error', runId: run, message: 'bad Gram matrix' });
    expect(events.faults[1]).toBe('bad Gram matrix');
    expect(workers).toHaveLength(3);
    expect(worker().last()).toMatchObject({ type: 'configure', spec });
  });

  it('dispose terminates the worker and detaches its handlers', () => {
    const { client, worker } = setup();
    client.dispose();
    expect(worker().terminated).toBe(true);
    expect(worker().onmessage).toBeNull();
  });
});

describe('SimClient: a new projection is a view change', () => {
  it('sends project with the spare buffers as the one request in flight, and a restarted worker starts in it', () => {
    const { client, worker, events } = setup();
    client.configure(spec);
    worker().reply({ type: 'configured', info: infoFor(1) });
    client.request(1);
    const f = frameFor(1, 1);
    worker().reply(f);
    client.recycle(f.buffers);
    const choice = { kind: 'vectors', indices: [1, 0, 0] } as const;
    expect(client.project(choice)).toBe(true);
    const sent = worker().last();
    expect(sent).toMatchObject({ type: 'project', runId: 1, projection: choice });
    expect(sent.type === 'project' && sent.buffers).toBe(f.buffers);
    expect(worker().sent[worker().sent.length - 1].transfer).toHaveLength(3);
    // one in flight: neither an advance nor another projection goes out until it is answered
    expect(client.request(2)).toBe(false);
    expect(client.project({ kind: 'even' })).toBe(false);
    worker().reply({ type: 'projected', runId: 1, t: 1, view: { projection: 'p', indexVectors: new Float32Array(6), averagePosition: new Float32Array(3) }, buffers: f.buffers });
    expect(client.busy).toBe(false);
    // without an onProjected handler the buffers are kept for the next request
    expect(client.request(2)).toBe(true);
    expect(worker().last()).toMatchObject({ type: 'advance', t: 2, buffers: f.buffers });
    expect(events.frames).toEqual([1]);
    // the last choice (even, asked while busy) goes with every new run
    client.configure(spec);
    expect(worker().last()).toMatchObject({ type: 'configure', runId: 2, projection: { kind: 'even' } });
  });
});

describe('SimClient: a worker that stops answering', () => {
  const ready = (w: FakeWorker) => w.reply({ type: 'ready' });

  /** A run configured (in `configureMs` of the worker's time) with one frame shown at t = 1. */
  function running(configureMs = 100) {
    const s = setup();
    ready(s.worker());
    const run = s.client.configure(spec);
    s.worker().reply({ type: 'configured', info: infoFor(run), computeMs: configureMs });
    s.client.request(1);
    s.worker().reply(frameFor(run, 1));
    return { ...s, run };
  }

  it('is lost after the floor of silence on a frame, terminated, said, and replaced with the current spec', () => {
    const { client, workers, worker, events, timers } = running();
    client.request(2);
    timers.advance(FLOOR_MS - 1);
    expect(events.faults).toEqual([]);
    timers.advance(1);
    expect(events.faults).toEqual(['the flow worker did not answer for 4 s']);
    expect(workers).toHaveLength(2);
    expect(workers[0].terminated).toBe(true);
    expect(workers[0].onmessage).toBeNull();
    expect(worker().last()).toMatchObject({ type: 'configure', spec });
    // the new worker's configure is bounded by the one measured (100 ms: the floor)
    ready(worker());
    timers.advance(FLOOR_MS);
    expect(events.faults).toHaveLength(2);
  });

  it('never while nothing is awaited: a paused page may leave its worker idle for good', () => {
    const { events, timers } = running();
    timers.advance(3_600_000);
    expect(events.faults).toEqual([]);
    expect(timers.pending).toBe(0);
  });

  it('a long seek that reports progress is never cut, however long it takes in all', () => {
    const { client, worker, events, timers, run } = running();
    client.request(1e6);
    for (let i = 0; i < 200; i++) {
      timers.advance(250);
      worker().reply({ type: 'progress', runId: run, t: 1 + i, pieceMs: 40 });
    }
    worker().reply(frameFor(run, 1e6));
    expect(events.faults).toEqual([]);
    expect(events.frames).toEqual([1, 1e6]);
  });

  it('the bound follows the longest piece the run has shown: slow pieces get SLACK times theirs', () => {
    const { client, worker, events, timers, run } = running();
    client.request(2);
    const slow = frameFor(run, 2);
    slow.stats.pieceMs = 1500;
    worker().reply(slow);
    client.request(3);
    timers.advance(SLACK * 1500 - 1);
    expect(events.faults).toEqual([]);
    timers.advance(1);
    expect(events.faults).toEqual(['the flow worker did not answer for 15 s']);
  });

  it("a run's first step is bounded by its configure time until a step has been timed", () => {
    const s = setup();
    ready(s.worker());
    const run = s.client.configure(spec);
    s.worker().reply({ type: 'configured', info: infoFor(run), computeMs: 1000 });
    s.client.request(0);
    s.worker().reply(frameFor(run, 0)); // t = 0: no step taken, nothing learned
    s.client.request(1);
    s.timers.advance(4 * SLACK * 1000 - 1);
    expect(s.events.faults).toEqual([]);
    s.timers.advance(1);
    expect(s.events.faults).toHaveLength(1);
  });

  it('the first configure of a dynamics is not bounded (nothing predicts it); later ones scale with the model', () => {
    const s = setup();
    ready(s.worker());
    const first = s.client.configure(spec);
    s.timers.advance(600_000);
    expect(s.events.faults).toEqual([]);
    s.worker().reply({ type: 'configured', info: infoFor(first), computeMs: 1000 });
    // ten times the neurons: ten times the measured configure, SLACK times that
    const big = { ...spec, n: spec.n * 10 };
    s.client.configure(big);
    s.timers.advance(SLACK * 10 * 1000 - 1);
    expect(s.events.faults).toEqual([]);
    s.timers.advance(1);
    expect(s.events.faults).toEqual(['the flow worker did not answer for 100 s']);
    expect(s.worker().last()).toMatchObject({ type: 'configure', spec: big });
  });

  it('a configure queued behind a larger one still being built waits for that one too', () => {
    const s = setup();
    ready(s.worker());
    const first = s.client.configure(spec);
    s.worker().reply({ type: 'configured', info: infoFor(first), computeMs: 1000 });
    s.client.configure({ ...spec, n: spec.n * 10 }); // about 10 s of building…
    s.client.configure(spec); // …before this one starts
    s.timers.advance(SLACK * (10_000 + 1000) - 1);
    expect(s.events.faults).toEqual([]);
    s.timers.advance(1);
    expect(s.events.faults).toHaveLength(1);
  });

  it('a configure sent while the last run still computes waits for that piece too', () => {
    const { client, worker, events, timers, run } = running(100);
    client.request(2);
    const slow = frameFor(run, 2);
    slow.stats.pieceMs = 3000;
    worker().reply(slow);
    client.request(3); // in flight, pieces of about 3 s
    client.configure(spec);
    timers.advance(SLACK * 3100 - 1);
    expect(events.faults).toEqual([]);
    timers.advance(1);
    expect(events.faults).toHaveLength(1);
  });
});
